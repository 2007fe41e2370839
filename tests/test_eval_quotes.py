"""Opt-in: quote scores on the development articles in ../shared/eval/dev, read at run time (-m eval)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = [pytest.mark.eval, pytest.mark.model]

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def test_quote_scores_on_dev(eval_scorer, nlp):
    scorer = eval_scorer
    from bot.extract import extract

    totals = {"gq": 0, "pq": 0, "qm": 0, "spk": 0}
    for path in sorted((EVAL / "dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        ex = extract(gold["text"], nlp)
        for q in ex.quotes:
            assert ex.text[q.start : q.end] == q.text
        pred = {"quotes": [{"text": q.text, "speaker": q.speaker, "kind": q.kind} for q in ex.quotes]}
        s = scorer.score_article(gold, pred)
        for k in totals:
            totals[k] += s[k]
    precision = 100 * totals["qm"] / max(1, totals["pq"])
    recall = 100 * totals["qm"] / max(1, totals["gq"])
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    speaker = 100 * totals["spk"] / max(1, totals["qm"])
    end_to_end = 100 * totals["spk"] / max(1, totals["gq"])
    assert f1 >= 92, totals
    assert speaker >= 92, totals
    assert end_to_end >= 85, totals
