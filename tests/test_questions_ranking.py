"""Open questions ranked over every sentence and checked against the whole story (issue #13), on passages
written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


# A neutral paragraph, repeated to make a story of full length without adding anything open.
FILLER = " ".join(["The ferry runs twice a day between the two harbours in the summer months."] * 22)


def test_an_unnamed_group_as_the_speaker_is_asked_by_name_and_claim(ask):
    qs = ask("Some teachers said the new timetable had been rushed through without consultation.")
    assert [q.question for q in qs] == [
        "Which teachers said that the new timetable had been rushed through without consultation?"
    ]


def test_a_doubtful_claim_on_one_named_voice_asks_who_else_confirms_it(ask):
    qs = ask("According to analyst Mira Kovacs, the mill has lost about half its orders since the spring.")
    assert [q.question for q in qs] == [
        "Can anyone besides Mira Kovacs confirm that the mill has lost about half its orders since the "
        "spring?"
    ]


def test_routine_attribution_in_a_brief_raises_nothing(ask):
    assert ask("Mayor Ana Silva said the money would pay for 40 new buses and a second depot.") == []


def test_two_counts_of_the_same_thing_are_raised_as_a_conflict(ask):
    text = (
        "The storm killed 12 people in the north on Monday.\n\n"
        "Rescue teams searched the valley through the night.\n\n"
        "The storm killed 15 people, the regional governor said on Tuesday."
    )
    conflict = [q for q in ask(text) if q.category == "conflicting figures"]
    assert len(conflict) == 1
    assert "12 people" in conflict[0].question and "15 people" in conflict[0].question


def test_a_total_beside_a_part_is_no_conflict(ask):
    text = (
        "The storm killed 12 people in the north on Monday.\n\n"
        "In all, 15 people died in the storm, the regional governor said on Tuesday."
    )
    assert not [q for q in ask(text) if q.category == "conflicting figures"]


def test_one_person_given_two_ages_is_raised(ask):
    text = (
        "Firefighter Dana Reyes, 34, was among the first to reach the flats.\n\n"
        "Neighbours said the fire spread quickly through the upper floors.\n\n"
        "The 36-year-old Reyes was treated for smoke inhalation and released on Friday."
    )
    assert "The story gives Reyes\u2019s age as 34 and later 36: which is right?" in [
        q.question for q in ask(text)
    ]


def test_a_bounded_count_is_no_conflict(ask):
    text = (
        "The storm killed at least 12 people in the north on Monday.\n\n"
        "The storm killed 15 people, the regional governor said on Tuesday."
    )
    assert not [q for q in ask(text) if q.category == "conflicting figures"]


def test_an_accused_party_with_no_reply_in_the_story_is_asked_to_respond(ask):
    qs = ask("The dockers' union accused Harbour Logistics of ignoring safety rules at the east quay.")
    assert [q.question for q in qs] == [
        "Has Harbour Logistics responded to the dockers\u2019 union\u2019s accusation?"
    ]


def test_an_institution_named_by_its_common_noun_is_asked_to_respond(ask):
    qs = ask("Councillor Ruth Ogden accused the council of ignoring warnings about the empty yard.")
    assert "Has the council responded to Ruth Ogden\u2019s accusation?" in [q.question for q in qs]


def test_a_charge_with_no_offence_named_asks_what_it_is(ask):
    qs = ask("Police have charged two men in connection with the fire at the depot.")
    assert "What exactly are the men charged with?" in [q.question for q in qs]
    assert not ask("Police have charged two men with arson after the fire at the depot.")
    later = "Police have charged two men after the fire at the depot.\n\nBoth men were charged with arson."
    assert not [q for q in ask(later) if "charged with?" in q.question]


def test_an_accused_party_that_answers_is_not_asked_to_respond(ask):
    text = (
        "The dockers' union accused Harbour Logistics of ignoring safety rules at the east quay.\n\n"
        "Harbour Logistics denied the claim and said it had passed every inspection."
    )
    assert not [q for q in ask(text) if q.category == "no response"]


def test_a_vague_amount_counted_elsewhere_in_the_story_is_not_asked(ask):
    text = (
        "Hundreds of homes were flooded along the river.\n\nIn all, 340 homes were flooded, the council said."
    )
    assert not [q for q in ask(text) if "hundreds" in q.question.lower()]


def test_experts_named_later_are_not_asked_for(ask):
    text = (
        "Some experts said the dam had been poorly maintained for years.\n\n"
        "Hydrologist Maria Lind, an expert at the national water institute, said the spillway had not been "
        "inspected since 2015."
    )
    assert not [q for q in ask(text) if "experts" in q.question.lower()]


def test_a_figure_sourced_in_another_sentence_is_not_asked_for_its_source(ask):
    text = (
        "About 4,000 people were moved from the valley.\n\n"
        "The evacuation of 4,000 people was the largest in the region's history, the fire service said."
    )
    assert not [q for q in ask(text) if "4,000" in q.question]


def test_a_vague_amount_nobody_counts_is_asked(ask):
    qs = ask("Hundreds of homes were flooded along the river.")
    assert [q.question for q in qs] == ["How many exactly are \u2018hundreds of homes\u2019?"]


def test_issues_said_to_be_open_are_asked_for(ask):
    qs = ask("Both sides said the talks had gone well but that several open issues remained.")
    assert "What are the open issues?" in [q.question for q in qs]


def test_someone_the_story_cannot_name_is_asked_for(ask):
    qs = ask("Last week an anonymous donor paid off the debts of every family at the primary school.")
    assert "Can we identify the anonymous donor?" in [q.question for q in qs]


def test_an_adjourned_hearing_with_no_new_date_asks_when_it_resumes(ask):
    qs = ask("The hearing on Tuesday was adjourned again after the defence asked for more time.")
    assert "When will the hearing resume?" in [q.question for q in qs]
    assert not [q for q in ask("The hearing was adjourned until 14 May.") if "resume" in q.question]


def test_people_reported_missing_are_asked_about(ask):
    qs = ask(
        "Searchers in the hills were looking for 13 people missing after landslides buried two villages."
    )
    assert "Have the 13 missing people been found?" in [q.question for q in qs]


def test_something_nobody_did_asks_why(ask):
    qs = ask("The police alerted the head teacher, but no one told the teacher accused of keeping the book.")
    assert "Why did no one tell the teacher?" in [q.question for q in qs]


def test_talks_without_an_outcome_ask_what_came_of_them(nlp):
    from bot.extract.questions import asks, rank
    from bot.extract.questions.context import ParsedArticle

    text = "The minister travelled to Geneva to discuss proposals for a new trade deal."
    art = ParsedArticle(nlp(text), [], [])
    sent = art.content[0]
    found = asks.ask(art, sent, rank.signals(art)[sent.index])
    assert found is not None
    assert found.question == "What came of the talks on the proposals for a new trade deal?"


def test_a_proposal_never_described_asks_what_was_in_it(nlp):
    from bot.extract.questions import asks, rank
    from bot.extract.questions.context import ParsedArticle

    for text, expected in [
        ("Before the vote, the opposition proposed an amendment that was rejected.", True),
        ("Before the vote, the opposition proposed an amendment to cap rents.", False),
    ]:
        art = ParsedArticle(nlp(text), [], [])
        sent = art.content[0]
        found = asks.ask(art, sent, rank.signals(art)[sent.index])
        asked = found is not None and found.question == "What exactly was in the opposition\u2019s amendment?"
        assert asked is expected, (text, found)


def test_a_hearing_dated_elsewhere_is_not_asked_when_it_resumes(ask):
    text = (
        "The hearing on Tuesday was adjourned again after the defence asked for more time.\n\n"
        "The court will now hear the case on 3 March."
    )
    assert not [q for q in ask(text) if "resume" in q.question]


def test_a_measure_moved_without_a_size_asks_by_how_much(nlp):
    from bot.extract.questions import asks, rank
    from bot.extract.questions.context import ParsedArticle

    art = ParsedArticle(
        nlp("The death toll in the province has gone up again, the regional broadcaster said."), [], []
    )
    sent = art.content[0]
    found = asks.ask(art, sent, rank.signals(art)[sent.index])
    assert found is not None
    assert found.question == "By how much has the death toll in the province gone up?"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "Officers continue to search for the driver of the white van.",
            "Has the driver of the white van been found?",
        ),
        (
            "Many residents asked the council how the water got into the basement.",
            "Can we find out how the water got into the basement?",
        ),
        (
            "An internal poll shared by the campaign shows her ahead in the suburbs.",
            "Can we see the internal poll?",
        ),
        (
            "By some estimates, the scheme has cost taxpayers more than a billion pounds.",
            "Whose estimates are these?",
        ),
        ("The contract has not been signed yet, the club said.", "When will the contract be signed?"),
    ],
)
def test_searches_reported_questions_internal_papers_and_vague_sources(nlp, text, question):
    from bot.extract.questions import asks, rank
    from bot.extract.questions.context import ParsedArticle

    art = ParsedArticle(nlp(text), [], [])
    sent = art.content[0]
    found = asks.ask(art, sent, rank.signals(art)[sent.index])
    assert found is not None and found.question == question


def test_a_plan_without_a_date_asks_when(ask):
    qs = ask("The city council will vote on the proposal to close the library.")
    assert [q.question for q in qs] == [
        "When will the city council vote on the proposal to close the library?"
    ]


def test_a_full_story_gets_at_least_three_questions(ask):
    text = (
        "The harbour board said the new crane had cost $4 million and would double the port's capacity.\n\n"
        "Chief engineer Lara Voss said the crane was installed in March.\n\n"
        "Shipping firms have welcomed the crane, the board said.\n\n" + FILLER
    )
    assert len(text.split()) >= 250
    qs = ask(text)
    assert 3 <= len(qs) <= 8
    assert [q.priority for q in qs] == sorted((q.priority for q in qs), reverse=True)


def test_no_template_twice_in_one_digest(ask):
    text = (
        "Roughly 4,000 jobs depend on the port.\n\n"
        "About 1,200 lorries pass through the gates each day.\n\n"
        "Nearly 300 ships docked there last year.\n\n" + FILLER
    )
    starts = [" ".join(q.question.lower().split()[:3]) for q in ask(text)]
    assert len(starts) == len(set(starts))


def test_signal_matcher_is_built_once_per_vocab(nlp):
    from bot.extract.questions import rank

    assert rank.matcher(nlp.vocab) is rank.matcher(nlp.vocab)
    doc = nlp("Officials said there was no clarity on the timetable.")
    found = {nlp.vocab.strings[k] for k, _, _ in rank.matcher(nlp.vocab)(doc)}
    assert "negated_knowledge" in found


def test_a_dateline_pasted_into_a_question_is_dropped():
    from bot.extract.questions import short

    assert (
        short("Can anyone besides the court confirm that NEW DELHI: An unusual plea came before a judge?")
        == "Can anyone besides the court confirm that an unusual plea came before a judge?"
    )
    assert short("Can we see the NHS report?") == "Can we see the NHS report?"


def test_a_long_question_is_cut_to_about_thirty_words():
    from bot.extract.questions import short

    long = "What is \u2018" + " ".join(["word"] * 40) + "\u2019 based on?"
    assert len(short(long).split()) <= 30
    assert "\u2026" in short(long)


def test_two_questions_about_the_same_claim_count_as_one():
    from bot.extract.questions import _same_ask
    from bot.extract.questions.base import Hit

    a = Hit("HEDGE", "What is \u2018the ferry appeared to be badly overloaded\u2019 based on?", (0, 1))
    b = Hit("HEDGE", "Who says the ferry appeared to be badly overloaded?", (5, 6))
    c = Hit("PENDING", "When will the harbour board decide on new ferry routes?", (9, 10))
    assert _same_ask(a, b)
    assert not _same_ask(a, c)


def test_records_that_contradict_a_statement_ask_which_is_right(ask):
    text = "Figures published by the audit office contradict the minister's statements on ferry delays."
    assert (
        "Which is right, the figures published by the audit office or the minister\u2019s statements"
        in " ".join(q.question for q in ask(text))
    )
