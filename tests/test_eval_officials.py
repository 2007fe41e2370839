"""Opt-in: officials scored against the development gold in ../shared/eval (run with ``-m eval``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.extract import extract

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"

pytestmark = [
    pytest.mark.eval,
    pytest.mark.model,
    pytest.mark.skipif(not (SHARED / "dev").is_dir(), reason="../shared/eval/dev is not available"),
]


def test_eval_officials_dev_scores(eval_scorer, nlp):
    """official_f1 >= 90 and title_accuracy >= 85 on the development articles (read at run time only)."""
    score = eval_scorer
    totals: dict[str, int] = {}
    for path in sorted((SHARED / "dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        pred = extract(gold["text"], nlp).to_dict()
        for k, v in score.score_article(gold, pred).items():
            totals[k] = totals.get(k, 0) + v
    p = score.pct(totals["om"], totals["po"])
    r = score.pct(totals["om"], totals["go"])
    f1 = score.f1(p, r)
    titles = score.pct(totals["titled"], totals["gold_titled"])
    assert f1 >= 90, f"official_f1={f1:.1f} (P={p:.1f} R={r:.1f})"
    assert titles >= 85, f"title_accuracy={titles:.1f}"
