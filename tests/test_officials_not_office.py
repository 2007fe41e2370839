"""People who hold no office, though a title word stands next to their name (#12): a leader of no body
(a pupil, a team), a character in a film with the actor in brackets, a name that is part of a thing's
name. Passages written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _officials(extract_text, text: str) -> dict[str, str]:
    return {o.name: o.title for o in extract_text(text).officials}


@pytest.mark.parametrize(
    "text",
    [
        'Omar Bell, a 4th-grade class leader, helped collect the cans. "It felt good," said Bell.',
        "Team leader Rosa Vint ran the last lap in the relay. Vint said the crowd carried her.",
    ],
)
def test_officials_leader_of_no_body_is_not_an_official(extract_text, text):
    assert _officials(extract_text, text) == {}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Labour leader Ann Roe said the vote was close. Roe spoke in Leeds.", "Ann Roe", "Labour leader"),
        (
            "Ann Roe, the leader of the opposition, said the vote was close. Roe spoke in Leeds.",
            "Ann Roe",
            "leader of the opposition",
        ),
        ("Union leader Ann Roe said the strike would go on. Roe spoke in Leeds.", "Ann Roe", "Union leader"),
        (
            "Talks resumed as the Velmar Front's most senior leader, Ann Roe, flew to Cairo. Roe met envoys.",
            "Ann Roe",
            "senior leader",
        ),
    ],
)
def test_officials_leader_of_a_body_is_an_official(extract_text, text, name, title):
    assert _officials(extract_text, text) == {name: title}


@pytest.mark.parametrize(
    "text",
    [
        "The film follows the gladiator-general Marcus Pell (Idris Vale) into battle. General Pell loses "
        "an arm.",
        "Commander Ona Rist (Mia Lund) leads the rebels, and the robot Jimmy (voiced by Tom Hale) helps "
        "them. Rist survives.",
    ],
)
def test_officials_character_with_the_actor_in_brackets_is_not_an_official(extract_text, text):
    assert _officials(extract_text, text) == {}


def test_officials_bracketed_note_after_a_name_keeps_the_official(extract_text):
    text = "Police Chief Dana Reyes (pictured) said the road would reopen. Reyes thanked drivers."
    assert _officials(extract_text, text) == {"Dana Reyes": "Police Chief"}


def test_officials_title_word_inside_a_name_of_a_thing(extract_text):
    # "the Leader Pledge": a pledge's name, not a leader called Pledge
    text = "Each morning the pupils recite the Leader Pledge before class. The pledge is short."
    assert _officials(extract_text, text) == {}


def test_officials_name_used_as_a_modifier_is_not_a_person(extract_text):
    # "Top Biden officials": the tagger reads "Top Biden" as a name; every "Biden" is the president
    text = (
        "Biden weighs new tariffs\n\nTop Biden officials have taken a softer line. Former Vice President "
        "Biden once opposed such tariffs. President Joe Biden said the talks went well. Biden left early."
    )
    officials = extract_text(text).officials
    assert [(o.name, o.title) for o in officials] == [("Joe Biden", "President")]


def test_officials_possessive_left_on_a_name_is_not_part_of_it(extract_text):
    text = (
        "Former President Donald Trump\u2018s circle has grown. Trump said on Monday that he would run "
        "again, "
        "and Trump spoke in Iowa."
    )
    assert [o.name for o in extract_text(text).officials] == ["Donald Trump"]
