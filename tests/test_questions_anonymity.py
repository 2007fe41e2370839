"""The anonymous-source question never quotes the anonymity phrase as the source's claim (issue #15): when
the clause a template would fill is "speaking on condition of anonymity because …" or ends on a dangling
conjunction, the question asks who the source is instead. Passages are made up."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

GARBLED = ("condition of anonymity", "anonymously", "because?", " that on ", " that speaking ")


@pytest.mark.parametrize(
    ("passage", "fragment", "expected"),
    [
        (
            "The ministry will close three clinics next year. A senior health official, speaking on "
            "condition of anonymity because he was not authorised to brief the media, confirmed the "
            "closures.",
            "senior health official",
            "Who exactly is the senior health official, and why is the source not named?",
        ),
        (
            "Speaking on condition of anonymity because the talks are private, two diplomats described the "
            "mood in the room as tense.",
            "two diplomats",
            "Who exactly are the diplomats, and why are they not named?",
        ),
        (
            "The ferry company cut its crews last spring. Speaking anonymously because they feared for their "
            "jobs, deckhands at the port said safety drills had been skipped.",
            "deckhands",
            "Who exactly are the unnamed sources, and why are they not named?",
        ),
    ],
)
def test_anonymity_phrase_is_never_quoted_as_the_claim(extract_text, passage, fragment, expected):
    questions = [q for q in extract_text(passage).questions if fragment in q.evidence]
    assert [q.question for q in questions] == [expected]
    assert not any(bad in expected.lower() for bad in GARBLED)


def test_a_real_claim_is_still_asked_about(extract_text):
    passage = (
        "The harbour will reopen on Monday, a port official said on condition of anonymity because he was "
        "not allowed to speak publicly."
    )
    (question,) = [q.question for q in extract_text(passage).questions if "port official" in q.evidence]
    assert "the harbour will reopen on monday" in question.lower()
    assert not any(bad in question.lower() for bad in GARBLED)
