"""Opt-in: officials scored against the development gold in ../shared/eval (run with ``-m eval``)."""

from __future__ import annotations

import importlib.util
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


def _scorer():
    spec = importlib.util.spec_from_file_location("legwork_eval_score", SHARED / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def opted_in(request):
    """Skip unless the run asked for the eval marker (``pytest -m eval``)."""
    if "eval" not in (request.config.getoption("-m") or ""):
        pytest.skip("opt-in: run with -m eval")


def test_eval_officials_dev_scores(opted_in, nlp):
    """official_f1 >= 90 and title_accuracy >= 85 on the development articles (read at run time only)."""
    score = _scorer()
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
