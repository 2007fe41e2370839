"""Processes reported under way or awaited, with no outcome (issue #13, pending.py), on passages written for
these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.fixture
def pending(nlp):
    """The pending ask (UNDER_WAY, AWAITED, COURT_NEXT, PUT_OFF) of the first sentence of ``text``."""
    from bot.extract.questions import pending as p
    from bot.extract.questions import rank
    from bot.extract.questions.context import ParsedArticle

    def run(text: str):
        art = ParsedArticle(nlp(text), [], [])
        sent = art.content[0]
        names = rank.signals(art)[sent.index]
        for make in (p.awaited, p.under_way, p.legal_next, p.put_off):
            found = make(art, sent, names)
            if found is not None:
                return found
        return None

    return run


def test_a_step_in_progress_asks_when_it_will_finish(pending):
    found = pending("As of March, the council was in the process of hiring a new planning officer.")
    assert found is not None and found.rule == "UNDER_WAY" and found.category == "pending decision"
    assert found.question == "When is the council due to finish hiring a new planning officer?"


def test_a_request_in_progress_asks_when_the_answer_is_due(pending):
    found = pending("The hospital is seeking approval from the state health board for a new cancer wing.")
    assert found is not None
    assert found.question.startswith("When does the hospital expect a decision on approval from the state")


def test_a_step_the_story_reports_finished_is_not_open(pending):
    text = (
        "The hospital is seeking approval from the state health board for a new cancer wing. "
        "The board granted approval for the wing in May."
    )
    assert pending(text) is None


def test_no_question_without_an_actor_the_desk_can_name(pending):
    assert pending("Volunteers are collecting blankets at the church hall.") is None


def test_something_yet_to_be_done_asks_when(pending):
    found = pending("The council proposed a parking levy that has yet to be approved.")
    assert found is not None and found.rule == "AWAITED"
    assert found.question == "When will the parking levy be approved?"


def test_remains_to_be_seen_is_a_hedge_not_a_step(pending):
    assert pending("It remains to be seen whether the fans will come back next season.") is None


def test_a_sale_subject_to_approval_asks_who_must_approve(pending):
    found = pending("The sale of the stadium remains subject to a vote by shareholders.")
    assert found is not None and found.rule == "AWAITED"
    assert found.question == "Who must still approve the sale of the stadium, and when is a decision due?"


def test_a_lawsuit_filed_asks_for_the_next_hearing(pending):
    found = pending("The tenants' association filed a lawsuit against the landlord in county court.")
    assert found is not None and found.rule == "COURT_NEXT"
    assert found.question.startswith("When is the next hearing in the tenants")
    assert "lawsuit against the landlord" in found.question


def test_a_named_person_charged_asks_for_a_plea_and_a_court_date(pending):
    found = pending("Daniel Okoro is charged with two counts of burglary.")
    assert found is not None
    assert found.question == "Has Daniel Okoro entered a plea, and when is the next court date?"


def test_no_court_question_when_the_story_gives_the_plea(pending):
    text = "Daniel Okoro is charged with two counts of burglary. He pleaded not guilty on Monday."
    assert pending(text) is None


def test_the_asks_reach_the_digest(ask):
    text = (
        "The sale of the stadium remains subject to a vote by shareholders. The club has played there for "
        "ninety years."
    )
    assert any(q.question.startswith("Who must still approve the sale") for q in ask(text))


def test_something_delayed_asks_for_a_new_date(pending):
    found = pending("The opening of the new library has been delayed.")
    assert found is not None and found.rule == "PUT_OFF"
    assert found.question == "Is there a new date for the opening of the new library?"


def test_no_longer_scheduled_reads_as_put_off(pending):
    found = pending("The magazine has learned that the band's third album is no longer scheduled for spring.")
    assert found is not None and found.question == "Is there a new date for the band\u2019s third album?"


def test_people_are_not_an_event_to_date(pending):
    assert pending("The club postponed Marta Silva and Jon Reyes until the spring tour.") is None
    assert pending("Injuries have delayed Marta Silva, the club said.") is None


def test_a_possible_delay_is_no_delay(pending):
    assert pending("The new rules could delay flights across the region.") is None


def test_a_new_date_given_on_the_verb_is_not_open(pending):
    assert pending("The launch was postponed until March 12.") is None


def test_a_story_with_no_open_process_raises_no_pending_ask(pending):
    assert pending("The bakery opened in 1998 and sells bread to three villages.") is None


def test_proceedings_someone_chose_to_start_ask_for_the_hearing(pending):
    found = pending(
        "Mr Okafor, 52, said he has now chosen to initiate legal proceedings against the landlord."
    )
    assert found is not None
    assert (
        found.question == "When is the next hearing in Okafor\u2019s legal proceedings against the landlord?"
    )


def test_proceedings_only_planned_have_no_hearing_yet(pending):
    assert pending("Mr Okafor said he was planning to begin legal proceedings against the landlord.") is None


@pytest.fixture
def plan(nlp):
    """asks._plan (OPEN_PLAN) on the first sentence of ``text``."""
    from bot.extract.questions import asks, rank
    from bot.extract.questions.context import ParsedArticle

    def run(text: str):
        art = ParsedArticle(nlp(text), [], [])
        sent = art.content[0]
        return asks._plan(art, sent, rank.signals(art)[sent.index])

    return run


def test_a_plan_of_someone_who_can_set_a_date_asks_when(plan):
    found = plan("The Okafor family will hold a memorial service in the village hall.")
    assert (
        found is not None
        and found.question == "When will the Okafor family hold a memorial service in the village hall?"
    )


@pytest.mark.parametrize(
    "text",
    [
        "The new pricing stance will protect consumers from sudden rises.",  # no actor that sets dates
        "The acquisition will enhance the group's range of lenses.",  # a thing, not an actor
        "The town council will continue to remind residents to drain standing water.",  # a state
    ],
)
def test_no_when_question_for_a_thing_or_a_state(plan, text):
    assert plan(text) is None


def test_a_weak_rules_question_gives_way_to_an_ask_that_names_what_is_open(ask):
    # the hedge rule alone would ask "Who is behind 'the city council is negotiating a possible deal …'?"
    found = ask("The city council is negotiating a possible deal with the bus drivers' union.")
    assert [q.question for q in found] == [
        "When is the city council due to finish negotiating a possible deal with the bus drivers\u2019 union?"
    ]


def test_a_long_complement_is_left_out_rather_than_cut(pending):
    found = pending(
        "The hospital is seeking accreditation from the National Association of Rural and Regional Health "
        "Care Providers of America."
    )
    assert (
        found is not None and found.question == "When does the hospital expect a decision on accreditation?"
    )
