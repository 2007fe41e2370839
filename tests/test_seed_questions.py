"""Open questions on the seed article, end to end: the points the product was specified with."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _raised_by(questions, fragment):
    return [q for q in questions if fragment in q.evidence]


def test_the_open_legal_framework_is_asked(seed_extraction):
    found = _raised_by(
        seed_extraction.questions, "there is still no clarity on the legal framework for the deployment"
    )
    assert len(found) == 1
    assert found[0].category == "legal basis"
    assert "legal framework for the deployment" in found[0].question


def test_the_pending_decision_on_troops_is_asked(seed_extraction):
    found = _raised_by(
        seed_extraction.questions,
        "the decision on sending Pakistani troops to Gaza peacekeepers was still being finalized",
    )
    assert len(found) == 1
    assert found[0].category == "pending decision"
    assert "decision on sending Pakistani troops" in found[0].question


def test_the_anonymous_officials_are_asked_about(seed_extraction):
    found = _raised_by(seed_extraction.questions, "who requested anonymity")
    assert [q.category for q in found] == ["anonymous source"]


def test_seed_questions_are_few_anchored_and_ranked(seed_extraction):
    qs = seed_extraction.questions
    assert 4 <= len(qs) <= 8
    for q in qs:
        assert seed_extraction.text[q.start : q.end] == q.evidence
    assert len({q.evidence for q in qs}) == len(qs)
    # strongest first: the story's central open points lead the list
    top = " ".join(q.evidence for q in qs[:3])
    assert "legal framework" in top and "still being finalized" in top


def test_the_speakers_own_hedge_in_a_quote_is_not_asked(seed_extraction):
    # "may perceive participation ..." is the reporter's wording; "would be carried out" is inside a quote.
    quoted = [
        q for q in seed_extraction.questions if q.category == "hedged claim" and "Ideally" in q.evidence
    ]
    assert quoted == []
