"""P8: a title given only as an epithet of the article's main person (#12), on passages written for it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _officials(extract_text, text: str) -> dict[str, str]:
    return {o.name: o.title for o in extract_text(text).officials}


_MARSH = (
    "Last spring Linda Marsh told an audience in Denver that she wanted to build a school of her own. "
    "Few people took the idea seriously at the time.\n\n"
    "The Norvia CEO is putting $40 million into the project, according to a filing with the state. Marsh "
    "has said the school will teach engineering first. Marsh plans to open it in 2026, and Marsh will pay "
    "for the building herself."
)


def test_officials_epithet_of_the_main_person_gives_the_title(extract_text):
    assert _officials(extract_text, _MARSH) == {"Linda Marsh": "Norvia CEO"}


def test_officials_epithet_with_a_second_person_nearby_abstains(extract_text):
    # "Luis Ortega" stands between Marsh and the description: "the Norvia CEO" may be either of them
    text = _MARSH.replace(
        "Few people took the idea seriously at the time.",
        "Her friend Luis Ortega took the idea seriously at the time.",
    )
    assert "Linda Marsh" not in _officials(extract_text, text)


def test_officials_epithet_held_by_another_named_person_abstains(extract_text):
    # the article names someone else as the holder of the office
    text = _MARSH + " Norvia CEO Paul Brandt said the company was not involved. Brandt declined to say more."
    officials = _officials(extract_text, text)
    assert officials.get("Paul Brandt") == "Norvia CEO"
    assert "Linda Marsh" not in officials


def test_officials_epithet_needs_a_named_body(extract_text):
    # "the chief" names no body: it may be anyone's office
    text = _MARSH.replace("The Norvia CEO is", "The chief is")
    assert "Linda Marsh" not in _officials(extract_text, text)


def test_officials_past_epithet_is_written_as_past(extract_text):
    # "the former Norvia CEO": she is listed (the article is about her) with the office as a past one (P9)
    text = _MARSH.replace("The Norvia CEO is", "The former Norvia CEO is")
    assert _officials(extract_text, text) == {"Linda Marsh": "former Norvia CEO"}
