"""Offices held before, not now (#12): "who was", "is no longer", "stepped down as", "former". The holder is
listed only when the article is about them, and the office is always written as a past one ("former ..."),
never as a current title. Passages written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _officials(extract_text, text: str) -> dict[str, str]:
    return {o.name: o.title for o in extract_text(text).officials}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a past-tense copula in a relative clause
        (
            "Ann Roe, who was the company's chief financial officer, left in May. Roe declined to comment.",
            "company's former chief financial officer",
        ),
        # "no longer"
        (
            "Tom Hale is no longer president of the Riverside Tenants Union, the group said. Hale was "
            "replaced in March.",
            "former president of the Riverside Tenants Union",
        ),
        # a verb of leaving an office
        (
            "Ann Roe stepped down as chief executive of Delmar Foods in May. Roe declined to comment.",
            "former chief executive of Delmar Foods",
        ),
        # a verb of holding an office, in the past tense
        (
            "Ann Roe, who served as mayor from 2010 to 2018, now teaches history. Roe said the city had "
            "changed.",
            "former mayor",
        ),
        # "former" before the name, the person mentioned again
        (
            "The former Rovania prime minister Ann Roe said she would run again. Roe spoke in Vell.",
            "former Rovania prime minister",
        ),
    ],
)
def test_officials_past_office_is_written_as_past(extract_text, text, title):
    assert _officials(extract_text, text) == {"Ann Roe" if "Roe" in text else "Tom Hale": title}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a present perfect: the office is held now
        ("Ann Roe, who has been mayor since 2019, spoke first. Roe said the city had changed.", "mayor"),
        # a passive of appointment with "was": the office is held now
        (
            "Ann Roe, who was appointed health secretary in May, spoke first. Roe said the budget was tight.",
            "health secretary",
        ),
    ],
)
def test_officials_current_office_with_past_tense_verbs(extract_text, text, title):
    assert _officials(extract_text, text) == {"Ann Roe": title}


def test_officials_current_office_wins_over_a_past_one(extract_text):
    text = (
        "Ann Roe, who was mayor of Brookton until 2019, is now the state treasurer. Treasurer Ann Roe said "
        "the accounts were in order."
    )
    assert _officials(extract_text, text) == {"Ann Roe": "state treasurer"}


def test_officials_past_office_met_in_passing_is_not_listed(extract_text):
    # named once, as a figure of the past: not someone the story is about
    text = "The bridge was opened in 1961 by former mayor Ellen Voss. Traffic has doubled since then."
    assert "Ellen Voss" not in _officials(extract_text, text)


def test_officials_the_late_office_holder_is_not_listed(extract_text):
    text = "The late Governor Paul Ames signed the law. Ames was remembered on Monday by his family."
    assert "Paul Ames" not in _officials(extract_text, text)


def test_officials_father_title_is_not_given_to_the_son_of_the_same_name(extract_text):
    # "Sen. Daniel Okafor" is the father; the son "Daniel Okafor Jr." holds no office, and "Okafor" alone
    # (either of them) adds no mention to the father
    text = (
        "Daniel Okafor Jr. is running for the council as an independent. Okafor, a lawyer, has fought "
        'the port plan for years. His father, Sen. Daniel Okafor, died in 1990. "I will stay in the race," '
        "Okafor said on Monday."
    )
    officials = {o.name: o for o in extract_text(text).officials}
    assert "Daniel Okafor Jr." not in officials
    assert all(o.mentions == 1 for o in officials.values())


def test_officials_office_with_a_closed_term_is_past(extract_text):
    # "from 2003 to 2011": the term is over; an owner the tagger reads as a person is part of the title
    text = (
        "The scouts loved him, but Ned Varga, the Falcons' general manager from 2003 to 2011, remembers "
        'them raving. "Never a stronger interest," said Varga.'
    )
    officials = {o.name: o.title for o in extract_text(text).officials}
    assert officials == {"Ned Varga": "Falcons' general manager from 2003 to 2011"}


def test_officials_office_since_a_date_is_current(extract_text):
    text = "Ned Varga, the Falcons' general manager since 2019, said the deal was done. Varga left early."
    officials = {o.name: o.title for o in extract_text(text).officials}
    assert officials == {"Ned Varga": "Falcons' general manager since 2019"}


def test_officials_no_longer_in_a_condition_is_the_office_held_now(extract_text):
    # "if Roe is no longer president": the contract assumes she is president now
    text = (
        "The contract lets the pitcher leave if Ann Roe is no longer president of the Falcons. Roe signed it "
        "on Monday."
    )
    assert {o.name: o.title for o in extract_text(text).officials} == {"Ann Roe": "president of the Falcons"}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Carla Mendes, who oversees the Texas Department of Criminal Justice, said the plan was costly.",
            "head of the Texas Department of Criminal Justice",
        ),
        (
            "Carla Mendes, who oversaw the Texas Department of Criminal Justice until 2019, said the plan "
            "was costly. Mendes now teaches law.",
            "former head of the Texas Department of Criminal Justice",
        ),
    ],
)
def test_officials_who_oversees_a_body(extract_text, text, title):
    assert {o.name: o.title for o in extract_text(text).officials} == {"Carla Mendes": title}


def test_officials_who_oversees_a_task_is_no_office(extract_text):
    text = "Carla Mendes, who oversees the budget, said the plan was costly."
    assert extract_text(text).officials == []


def test_officials_retired_is_a_past_office(extract_text):
    text = (
        "Dana Whitby, 52, a retired police inspector, said roads were closed. Whitby now farms, and Whitby "
        "sells eggs."
    )
    assert {o.name: o.title for o in extract_text(text).officials} == {
        "Dana Whitby": "retired police inspector"
    }
