"""Stated aims whose outcome the story leaves open (issue #13, intents.py), on passages written for these
tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.fixture
def intent(nlp):
    """The INTENT ask of the first sentence of ``text`` (None when it abstains)."""
    from bot.extract.questions import intents, rank
    from bot.extract.questions.context import ParsedArticle

    def run(text: str):
        art = ParsedArticle(nlp(text), [], [])
        sent = art.content[-1]
        return intents.intent(art, sent, rank.signals(art)[sent.index])

    return run


def test_an_effort_under_way_asks_whether_it_succeeded(intent):
    found = intent("The two founders have been trying to raise money from local banks or find a new hall.")
    assert found is not None and found.category == "pending decision"
    assert found.question == "Have the two founders managed to raise money from local banks?"


def test_a_hope_reported_in_speech_names_the_hoping_party_even_when_mislemmatised(intent):
    # "hoped" is lemmatised as "hop" by the small model: the inflected form is read as well
    found = intent(
        "The envoy said on Monday that Lisbon hoped to reach a settlement with the fishing unions."
    )
    assert found is not None
    assert found.question == "Has Lisbon managed to reach a settlement with the fishing unions?"
    assert (
        "What came of Lisbon\u2019s hope to reach a settlement with the fishing unions?" in found.alternatives
    )


def test_a_plan_given_by_a_pronoun_names_the_speaker(intent):
    found = intent("The patch is only a stopgap, and the vendor said it plans to fix the flaw properly.")
    assert found is not None
    assert found.question == "Has a date been set for the vendor to fix the flaw?"


def test_being_open_to_something_asks_whether_it_came_about(intent):
    found = intent("The governor said she was open to signing a narrower version of the bill next year.")
    assert found is not None
    assert (
        found.question
        == "What would it take for the governor to sign a narrower version of the bill next year?"
    )


@pytest.mark.parametrize(
    "text",
    [
        "The guard tried to stop the van at the gate.",  # an attempt reported as over
        "We hope to open the new wing in the spring.",  # the speaker's own aim
        "Officials hope to reopen the bridge soon.",  # an unnamed voice: the group asks cover it
        "The council did not try to block the sale.",  # negated
        "Volunteers who were trying to clear the path found the bag.",  # an aside in a relative clause
        "The planned merger of the two banks was approved.",  # a modifier, no actor's aim
    ],
)
def test_no_aim_to_follow_up_abstains(intent, text):
    assert intent(text) is None


def test_an_aim_the_rule_wording_drops_reaches_the_digest(ask):
    qs = ask(
        "The regional water board has been trying to secure funding for a new reservoir near the town.\n\n"
        "Board members met residents on Tuesday evening."
    )
    assert any("managed to secure funding for a new reservoir" in q.question for q in qs), [
        q.question for q in qs
    ]


@pytest.fixture
def rule(nlp):
    """Run one ask of intents.py on the last sentence of ``text``."""
    from bot.extract.questions import intents, rank
    from bot.extract.questions.context import ParsedArticle

    def run(name: str, text: str):
        art = ParsedArticle(nlp(text), [], [])
        sent = art.content[-1]
        return getattr(intents, name)(art, sent, rank.signals(art)[sent.index])

    return run


def test_a_step_still_not_taken_asks_whether_it_will_be(rule):
    found = rule(
        "still_not", "The lawyer said the district attorney still hasn't requested the camera footage."
    )
    assert found is not None and found.rule == "STILL_NOT"
    assert found.question == "Will the district attorney request the camera footage?"


def test_a_step_taken_is_not_asked_about(rule):
    assert rule("still_not", "The district attorney has requested the camera footage.") is None


def test_a_call_for_something_to_be_done_asks_whether_it_was(rule):
    found = rule(
        "unanswered_call", "Maria Lopez, a member of the town board, called for the statue to be returned."
    )
    assert found is not None
    assert found.question == "Has the statue been returned?"


def test_a_call_for_a_thing_asks_who_acted_on_it(rule):
    found = rule("unanswered_call", "The union called for an independent inquiry into the accident.")
    assert found is not None
    assert (
        found.question
        == "Has anyone acted on the union\u2019s call for an independent inquiry into the accident?"
    )


def test_a_source_requesting_anonymity_is_no_demand(rule):
    assert rule("unanswered_call", "The official requested anonymity to discuss the talks.") is None


def test_a_first_account_asks_whether_the_speaker_still_stands_by_it(rule):
    found = rule("changed_account", "Police initially said the driver had swerved to avoid a cyclist.")
    assert found is not None and found.category == "conflict"
    assert found.question == "Do police still say the driver had swerved to avoid a cyclist?"


def test_an_account_not_marked_as_first_is_not_asked_again(rule):
    assert rule("changed_account", "Police said the driver had swerved to avoid a cyclist.") is None


def test_she_is_the_person_named_before(intent):
    found = intent(
        "Ines Duarte vetoed the housing bill on Friday. She said she was open to signing a narrower bill."
    )
    assert found is not None
    assert found.question.startswith("What would it take for Ines Duarte to sign a narrower bill")


def test_she_after_a_sentence_about_no_one_person_abstains(intent):
    text = (
        "The bill was vetoed after Ines Duarte met Carla Benz. She said she was open to signing a new bill."
    )
    assert intent(text) is None


def test_an_arrest_with_no_charge_in_the_story_asks_whether_one_followed(rule):
    found = rule("uncharged", "A woman in her 40s was arrested on suspicion of arson, police said.")
    assert found is not None and found.rule == "UNCHARGED"
    assert found.question == "Has the woman in her 40s been charged?"


def test_someone_held_in_custody_is_asked_about_too(rule):
    found = rule("uncharged", "Tomas Berg was in custody on suspicion of fraud, the prosecutor said.")
    assert found is not None
    assert found.question == "Has Tomas Berg been charged?"


@pytest.mark.parametrize(
    "text",
    [
        "A man was arrested on Sunday. He was charged with burglary on Monday.",  # the story gives the charge
        "VALLETTA \u2014 A fisherman was not arrested after the collision.",  # negated
        "Dozens of protesters were arrested outside the embassy.",  # a crowd, not one person
    ],
)
def test_no_open_charge_abstains(rule, text):
    assert rule("uncharged", text) is None


@pytest.mark.parametrize(
    "text",
    [
        "If you are looking for a small car, the hatchback is the better buy.",  # advice to the reader
        "Searching for a flat in the city can take months.",  # a gerund as the subject: no one searches
    ],
)
def test_a_search_addressed_to_the_reader_is_no_open_search(nlp, text):
    from bot.extract.questions import events, rank
    from bot.extract.questions.context import ParsedArticle

    art = ParsedArticle(nlp(text), [], [])
    sent = art.content[-1]
    assert events.searching(art, sent, rank.signals(art)[sent.index]) is None


@pytest.mark.parametrize(
    "text",
    [
        "You will have to weigh your comfort against the price of the tools.",  # the reader
        "The critic sat down with the painter to discuss his work.",  # an interview, not talks
        "The founder challenged the board to consider new approaches to old problems.",  # urged, not held
    ],
)
def test_no_talks_are_reported(nlp, text):
    from bot.extract.questions import events, rank
    from bot.extract.questions.context import ParsedArticle

    art = ParsedArticle(nlp(text), [], [])
    sent = art.content[-1]
    assert events.talks(art, sent, rank.signals(art)[sent.index]) is None


def test_a_long_call_is_cut_to_its_head_and_first_complement_and_keeps_the_article(rule):
    found = rule(
        "unanswered_call",
        "The UN called for an investigation into reports of the shelling of a school by militia fighters.",
    )
    assert found is not None
    assert found.question == "Has anyone acted on the UN\u2019s call for an investigation into reports?"
