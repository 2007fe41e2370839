"""Opt-in: open-question recall on the articles in ../shared/eval/dev, read at run time (-m eval)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

pytestmark = [pytest.mark.eval, pytest.mark.model]

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


@pytest.fixture(scope="module")
def scorer(request):
    if "eval" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("opt-in: run with -m eval")
    if not (EVAL / "score.py").exists() or not (EVAL / "dev").is_dir():
        pytest.skip("../shared/eval is not present")
    spec = importlib.util.spec_from_file_location("legwork_eval_score_questions", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_open_point_recall_on_dev(scorer, nlp):
    from bot.extract import extract

    gold_points = hits = asked = articles = 0
    for path in sorted((EVAL / "dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        ex = extract(gold["text"], nlp)
        assert len(ex.questions) <= 8
        for q in ex.questions:
            assert ex.text[q.start : q.end] == q.evidence
        s = scorer.score_article(gold, {"questions": [{"evidence": q.evidence} for q in ex.questions]})
        gold_points += s["gp"]
        hits += s["hit"]
        asked += s["ph"]
        articles += 1
    assert 100 * hits / gold_points >= 70
    assert asked / articles <= 8
