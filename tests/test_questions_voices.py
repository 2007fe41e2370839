"""A named voice's claim about someone else, with no second voice, in a full story (issue #13, asks.py
``_named_claim``), on passages written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

# A full story (250+ words) of our own: a bridge closed for repairs, several voices.
STORY = (
    "The Mill Street bridge will stay closed for at least six more weeks while crews replace rusted steel "
    "beams, the county roads department said on Monday.\n\n"
    "The bridge, which carries about 9,000 vehicles a day across the Avon river, was shut in early March "
    "after a routine check found corrosion on two of its main supports.\n\n"
    "Engineer Paula Grant told the county board that the contractor had skipped two required inspections "
    "last spring.\n\n"
    "Shop owners on both banks say trade has fallen since the closure, and several have cut their opening "
    "hours. A bakery near the eastern end closed for good in April.\n\n"
    "Board member Tom Reyes said the county should pay the shops for their losses.\n\n"
    "Detours add up to twenty minutes to a trip across town, and school buses have been rerouted through "
    "the industrial estate to the north. Parents have asked for crossing guards on the new route.\n\n"
    "The roads department has set aside money for the repairs in this year's budget and plans to reopen "
    "one lane to cars before the rest of the work is finished.\n\n"
    "Residents packed a meeting at the library last week to ask about the schedule. Many said they had "
    "learned of the closure from a sign on the road rather than from the county.\n\n"
    "The bridge was built in 1961 and was last fully rebuilt in 1994. A study of its deck is due later in "
    "the year, and the board will then decide whether to replace the structure or keep repairing it.\n\n"
    "Until then, cyclists and people on foot can still cross on a temporary walkway on the southern side."
)


@pytest.fixture
def claim(nlp):
    """The named-claim ask of the sentence of STORY that starts with ``opening`` (None when it abstains)."""
    from bot.extract.questions import asks, rank
    from bot.extract.questions.context import ParsedArticle

    art = ParsedArticle(nlp(STORY), [], [])
    signals = rank.signals(art)

    def run(opening: str):
        sent = next(s for s in art.content if s.text.startswith(opening))
        return asks._named_claim(art, sent, signals[sent.index])

    return run


def test_the_story_is_a_full_story():
    assert len(STORY.split()) >= 250


def test_a_named_engineers_claim_about_the_contractor_asks_for_a_second_source(claim):
    found = claim("Engineer Paula Grant told")
    assert found is not None and found.rule == "ONE_VOICE" and found.category == "unverified"
    assert found.question == (
        "Can anyone besides Engineer Paula Grant confirm that the contractor had skipped two required "
        "inspections last spring?"
    )
    assert found.generic  # it ranks below the asks that name what is open


def test_an_opinion_with_should_is_nothing_to_confirm(claim):
    assert claim("Board member Tom Reyes said") is None


def test_the_ask_reaches_the_digest_of_a_full_story(ask):
    # the first wording's frame is taken by another claim in this digest: an alternative wording is used
    found = [q for q in ask(STORY) if "Engineer Paula Grant" in q.question]
    assert len(found) == 1 and "skipped two required inspections" in found[0].question


def test_that_as_a_complementiser_is_no_embedded_question(nlp):
    from bot.extract.questions import wording as w

    doc = nlp("The nurse told the inquiry that the ward had run out of gloves twice.")
    said = next(t for t in doc if t.lower_ == "told")
    assert not w.embedded_question(w.content_of_speech(said))


def test_a_possessive_source_is_named_without_its_s(ask):
    found = ask(
        "Bread sells for as little as 90 cents a loaf, according to the Ministry of Trade's price list."
    )
    assert any("besides the Ministry of Trade confirm" in q.question for q in found)


def test_a_company_on_its_own_plans_is_nothing_to_confirm(nlp):
    from bot.extract.questions import asks
    from bot.extract.questions import wording as w

    doc = nlp("Northgate Foods said it will close its Leeds bakery in March.")
    said = next(t for t in doc if t.lower_ == "said")
    assert asks._about_self(w.content_of_speech(said), w.subject(said))


def test_a_reported_fragment_with_no_finite_verb_is_not_asked_about(nlp):
    from bot.extract.questions import asks, rank
    from bot.extract.questions.context import ParsedArticle

    art = ParsedArticle(nlp("Ana Ruiz said Ash to bring three water types to the battle."), [], [])
    sent = art.content[0]
    assert asks._claim(art, sent, rank.signals(art)[sent.index] | {"one_side"}) is None


@pytest.mark.parametrize(
    "text",
    [
        "The singer Mina Cole said her second album would arrive in the autumn.",
        "Two florists said you should water a cut tree every day.",
    ],
)
def test_the_speakers_own_things_and_advice_are_not_claims_to_confirm(nlp, text):
    from bot.extract.questions import asks
    from bot.extract.questions import wording as w

    doc = nlp(text)
    said = next(t for t in doc if t.lower_ == "said")
    assert asks._about_self(w.content_of_speech(said), w.subject(said))
