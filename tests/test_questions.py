"""Open questions on short hand-written passages: each category, the known false alarms, merging, wording."""

from __future__ import annotations

import re

import pytest

from bot.extract.questions import MAX_QUESTIONS
from bot.extract.questions.context import quote_spans
from bot.extract.questions.lexicon import compile_cue

pytestmark = pytest.mark.model


def only(questions, fragment: str):
    """The one question raised by the sentence containing ``fragment``."""
    found = [q for q in questions if fragment in q.evidence]
    assert len(found) == 1, [(q.category, q.evidence) for q in questions]
    return found[0]


CATEGORY_CASES = [
    (
        "The cabinet has not yet decided whether to extend the curfew.",
        "not yet decided",
        "pending decision",
        "the cabinet",
    ),
    (
        "However, there is still no clarity on the legal framework for the deployment of the troops.",
        "legal framework",
        "legal basis",
        "legal framework for the deployment",
    ),
    (
        "The mayor said he did not know if any offer was made for the stadium.",
        "any offer",
        "unclear",
        "whether any offer was made",
    ),
    (
        "Officials familiar with the talks, who requested anonymity, said a deal on the port was close.",
        "anonymity",
        "anonymous source",
        "a deal on the port was close",
    ),
    (
        "The transport minister reportedly resigned after the vote in parliament.",
        "reportedly",
        "unattributed claim",
        "the transport minister resigned",
    ),
    (
        "Mr Okafor accused the contractor of stealing public funds without providing evidence.",
        "without providing",
        "no evidence",
        "evidence",
    ),
    (
        "The company denied the allegation that it had dumped waste in the river.",
        "denied",
        "denial/dispute",
        "the allegation",
    ),
    (
        "The health ministry did not respond to requests for comment on the shortage.",
        "did not respond",
        "no response",
        "the health ministry",
    ),
    (
        "Hundreds of residents were evacuated from the valley after the dam burst.",
        "Hundreds",
        "vague number",
        "hundreds of residents",
    ),
    ("The council will publish its review of the bus network soon.", "soon", "vague time", "soon"),
    (
        "The new rules could delay flights across the region.",
        "could",
        "hedged claim",
        "the new rules could delay",
    ),
    (
        "The district council has imposed a hosepipe ban across the region.",
        "hosepipe",
        "missing who/when/where/why",
        "the hosepipe ban",
    ),
]


@pytest.mark.parametrize(
    ("text", "fragment", "category", "words"), CATEGORY_CASES, ids=[c[2] for c in CATEGORY_CASES]
)
def test_each_category_fires_with_the_sentences_own_words(ask, text, fragment, category, words):
    q = only(ask(text), fragment)
    assert q.category == category
    assert words.lower() in q.question.lower()


EDITOR_CASES = [
    ("The cause of the crash is not yet known.", "Who can establish the cause of the crash"),
    ("The victim has not been identified.", "When will the victim be identified"),
    ("Police did not release the name of the suspect.", "When will police release the name of the suspect"),
    ("The figures could not be independently verified.", "Who else can confirm the figures"),
    (
        "The mayor said, without providing evidence, that the fire was deliberately set.",
        "The mayor gave no evidence that the fire was deliberately set",
    ),
    (
        "It was not immediately clear how many people were hurt in the blast.",
        "Who can say how many people were hurt",
    ),
    (
        "The company did not say how much it paid for the stake.",
        "Can we find out how much it paid for the stake",
    ),
    (
        "According to local media reports, at least 12 people died in the flooding.",
        "Which local media reports exactly say that at least 12 people died",
    ),
    (
        "Police said the cause of the fire was under investigation.",
        "Who is investigating the cause of the fire",
    ),
    ("The audit report has not been made public.", "Can we obtain the audit report"),
    (
        "The opposition rejected the claim that the vote had been rigged.",
        "the claim that the vote had been rigged",
    ),
    (
        "The government has yet to announce a date for the election.",
        "When will the government announce a date",
    ),
    (
        "County officials were locked in talks with the bus operator in an attempt to avert a strike.",
        "What has come out of the talks with the bus operator",
    ),
    (
        "Engineers are on site trying to locate the cause of the leak.",
        "Have engineers managed to locate the cause",
    ),
    (
        "The mayor also plans to move some $18 million out of the housing fund.",
        "Is the mayor\u2019s plan to move",
    ),
    ("He said parliament would be involved in the decision.", "How exactly will parliament be involved"),
    (
        "The council missed the deadline to settle its debt to the utility.",
        "Why did the council miss the deadline",
    ),
    (
        "Preliminary findings by the inspector showed that only two staff were involved.",
        "could they change the finding that only two staff were involved",
    ),
    (
        "The patients' association warned that nearly 118,000 patients were waiting, estimating the backlog.",
        "estimate",
    ),
    ("Troops would come mainly from Muslim-majority countries, the report said.", "Which countries exactly"),
    ("Punishments for the three players have not yet been decided.", "When will punishments"),
]


@pytest.mark.parametrize(("text", "words"), EDITOR_CASES, ids=[c[1][:30] for c in EDITOR_CASES])
def test_questions_use_the_sentences_own_subject_and_object(ask, text, words):
    questions = ask(text)
    assert len(questions) == 1
    assert words.lower() in questions[0].question.lower()


def test_conflicting_figures_from_two_sources(ask):
    text = (
        "Police data showed 40 people were injured in the crush on Saturday.\n\n"
        "Separate figures from the city hospital showed 65 people were injured."
    )
    q = only(ask(text), "Separate figures")
    assert q.category == "conflicting figures"
    assert "65 people" in q.question and "40 people" in q.question
    assert q.priority == max(x.priority for x in ask(text))


@pytest.mark.parametrize(
    "text",
    [
        "The council met in May to approve the budget for the new library.",
        "Theresa May met the French president in Paris on Tuesday to discuss trade.",
    ],
)
def test_may_the_month_and_the_name_are_not_hedges(ask, text):
    assert not [q for q in ask(text) if q.category == "hedged claim"]


def test_a_hedge_inside_a_direct_quote_is_the_speakers_own(ask):
    questions = ask(
        '"We may see delays on the northern line next week," the station manager Ruth Ellis said.'
    )
    assert not [q for q in questions if q.category == "hedged claim"]


def test_a_hedge_in_the_reporters_own_words_is_flagged(ask):
    q = only(
        ask("The station manager Ruth Ellis said the closure might cause delays on the northern line."),
        "might",
    )
    assert q.category == "hedged claim"


def test_a_court_rejecting_a_petition_is_not_a_dispute(ask):
    questions = ask("The High Court rejected the petition filed by the landlords on Monday.")
    assert not [q for q in questions if q.category == "denial/dispute"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Researchers found no evidence that the coating causes harm, the regulator said.", "no evidence"),
        (
            "The board proposed removing the compound from the list of controlled substances in March.",
            "unattributed claim",
        ),
        ("The actor has not confirmed or denied the reports about the wedding.", "denial/dispute"),
        ("The player, who most recently set a club record, signed a new contract on Friday.", "vague time"),
        (
            "Police said the suspect planned to visit a clinic in another town on Friday.",
            "pending decision",
        ),
        ("The third season of the drama is due to premiere on the public broadcaster in May.", "no evidence"),
        ("Here are a few facts you might not know about the fair and its organisers.", "unclear"),
        ("Emergency crews soon began cutting the driver from the wreckage on the motorway.", "vague time"),
        ("The striker couldn't handle the pass, but he scored from the next corner.", "hedged claim"),
        (
            "None of the three judges disputes the finding that the fire was started deliberately.",
            "denial/dispute",
        ),
        (
            "If that happens, the club would have to sell its best players, the chairman said.",
            "pending decision",
        ),
    ],
)
def test_known_false_alarms_stay_quiet(ask, text, category):
    assert [q.question for q in ask(text) if q.category == category] == []


def test_a_scheduled_decision_is_not_open(ask):
    assert ask("A ruling on the panel's appeal is expected on Friday.") == []


def test_one_question_per_sentence_with_the_highest_priority(ask):
    questions = ask("The decision on the new runway has not been finalised and could be delayed by months.")
    assert len(questions) == 1
    assert questions[0].category == "pending decision"


def test_neutral_reporting_raises_nothing(ask):
    text = (
        "The city council approved the budget on Tuesday by nine votes to two.\n\n"
        "Mayor Ana Silva said the money would pay for 40 new buses and a second depot.\n\n"
        "The first buses will arrive in March 2026, the transport department said."
    )
    assert ask(text) == []


def test_at_most_eight_questions_highest_priority_first(ask):
    text = "\n\n".join(
        [
            "Officials familiar with the talks, who requested anonymity, said the deal was close.",
            "The minister reportedly resigned after the vote.",
            "The ministry did not respond to requests for comment.",
            "The decision on the airport has not yet been made.",
            "It is unclear whether the bridge will reopen this winter.",
            "The company denied the allegation that it had dumped waste.",
            "Hundreds of residents were evacuated from the valley.",
            "The regulator will publish its findings soon.",
            "The new rules could delay flights across the region.",
            "Several companies are said to be interested in the port.",
        ]
    )
    questions = ask(text)
    assert len(questions) == 3  # a brief: the three strongest
    assert {q.category for q in questions} >= {"anonymous source"}
    filler = " ".join(["The ferry runs twice a day between the two harbours in the summer months."] * 22)
    questions = ask(text + "\n\n" + filler)
    assert len(questions) == MAX_QUESTIONS
    priorities = [q.priority for q in questions]
    assert priorities[0] == max(priorities)
    assert len({q.evidence for q in questions}) == len(questions)


def test_a_headline_repeated_in_the_lede_is_asked_once(ask):
    text = (
        "Decision on new runway has not yet been made\n\n"
        "The decision on the new runway at the city airport has not yet been made, "
        "the transport minister said."
    )
    assert len(ask(text)) == 1


def test_page_furniture_raises_nothing(ask):
    text = (
        "The council has not yet decided on the new library.\n\n"
        "Subscribe to our newsletter: we reserve the right to reject any claim without notice."
    )
    questions = ask(text)
    assert [q.category for q in questions] == ["pending decision"]


def test_questions_are_tidy_sentences(ask):
    text = "\n\n".join(c[0] for c in CATEGORY_CASES)
    for q in ask(text):
        assert q.question[0].isupper() and q.question.rstrip().endswith(("?", "."))
        assert "  " not in q.question and not re.search(r"\b(\w+) \1\b", q.question.lower())
        assert '"' not in q.question


# --- units that need no model ---------------------------------------------------------------------------


def test_quote_scan_covers_curly_straight_and_unclosed_quotes():
    text = 'He said \u201cwe may go\u201d.\n"Soon," she said.\n\u201cThis runs on\nNew para'
    spans = [text[a:b] for a, b in quote_spans(text, [])]
    assert spans == ["we may go", "Soon,", "This runs on"]


def test_apostrophes_do_not_open_quotes():
    text = "The officers\u2019 union said it\u2019s the council\u2019s call."
    assert quote_spans(text, []) == []


def test_cue_syntax_alternatives_lemmas_and_optional_words():
    (a, b, c) = compile_cue("not|n't yet? ~decide")
    assert "n\u2019t" in a.lowers and b.optional and c.lemmas == frozenset({"decide"})


def test_cues_run_on_spacys_matcher_built_once_per_vocab(nlp):
    from spacy.matcher import Matcher, PhraseMatcher

    from bot.extract.questions.lexicon import cue_patterns, matcher

    assert matcher(nlp.vocab) is matcher(nlp.vocab)
    anchored = matcher(nlp.vocab).matcher
    assert all(isinstance(m, Matcher) for m in anchored.groups.values())
    assert all(isinstance(pm, PhraseMatcher) for pm in anchored.anchors.values())
    # a token that accepts a form or a lemma ("unable|~refuse") becomes two Matcher patterns
    assert len(cue_patterns("unable|~refuse to comment")) == 2
    found = {rule for rule, _, _ in matcher(nlp.vocab)(nlp("The ministry refused to give a timetable."))}
    assert "NO_CLARITY" in found


def test_the_anchored_matcher_finds_what_a_plain_matcher_finds(nlp):
    from spacy.matcher import Matcher

    from bot.extract.questions.lexicon import AnchoredMatcher

    patterns = [
        ("MAYBE", [[{"LOWER": {"IN": ["could", "may"]}}, {"LOWER": "not", "OP": "?"}, {"LEMMA": "happen"}]]),
        ("SOON", [[{"LOWER": "very", "OP": "?"}, {"LOWER": "soon"}]]),
        ("TAGGED", [[{"TAG": "JJR"}]]),
        ("HAPPEN", [[{"LEMMA": "happen", "POS": "VERB"}]]),
        ("LATER", [[{"LOWER": {"IN": ["later", "sooner"]}}]]),
    ]
    plain = Matcher(nlp.vocab)
    for key, pats in patterns:
        plain.add(key, pats)
    doc = nlp("It may not happen very soon, and a bigger delay could happen later.")
    assert sorted(AnchoredMatcher(nlp.vocab, patterns)(doc)) == sorted(plain(doc))


def test_works_alone_when_the_other_layers_give_nothing(nlp):
    from bot.extract.questions import find_questions

    doc = nlp('"We may see delays," the manager said. The decision on the runway has not yet been made.')
    questions = find_questions(doc, [], [], [])
    assert [q.category for q in questions] == ["pending decision"]


def test_an_unnamed_source_from_the_sources_layer_is_asked_about(nlp):
    from bot.extract.questions import find_questions
    from bot.models import AnonymousSource

    text = "A council spokesperson said the library would close in March."
    start = text.index("A council spokesperson")
    src = AnonymousSource("A council spokesperson", kind="unnamed_official", start=start, end=start + 22)
    questions = find_questions(nlp(text), [], [], [src])
    assert [q.category for q in questions] == ["anonymous source"]
    assert "the council spokesperson" in questions[0].question


# --- Wording and generalisation checks on fresh passages (editor's-eye review) ---


def test_estimate_as_subject_is_not_its_own_author(ask):
    text = (
        "The school board delayed its vote after a revised estimate put the cost of the new gym "
        "at more than $45 million."
    )
    q = ask(text)[0].question
    assert "estimate\u2019s" not in q
    assert "the revised estimate of more than $45 million" in q


def test_no_response_uses_the_name_the_sentence_gives(ask):
    q = only(ask("The hospital trust's medical director, Helen Marsh, declined to comment."), "declined")
    assert q.question.startswith("Can we reach Helen Marsh again")


@pytest.mark.parametrize(
    "text",
    [
        "Some shoppers say the new car park is too expensive.",
        "Witnesses said the van drove off at speed.",
        "One parent said the gates were left open.",
    ],
)
def test_vox_pops_are_not_sources_to_name(ask, text):
    assert not any("name" in q.question.lower() for q in ask(text))


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        (
            "Some economists believe the true cost of the scheme could be higher.",
            "Which economists believe the true cost of the scheme could be higher, and by how much?",
        ),
        (
            "Experts say the dam may have been weakened by years of neglect.",
            "Which experts say the dam may have been weakened by years of neglect",
        ),
        (
            "Some Labour councillors believe the mayor could still change her mind.",
            "Which Labour councillors believe",
        ),
    ],
)
def test_group_claims_ask_which_of_them(ask, text, asks):
    q = ask(text)[0]
    assert q.category == "unattributed claim"
    assert asks in q.question


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        (
            "The trust has not said whether the ward will reopen.",
            "Can we find out whether the ward will reopen?",
        ),
        (
            "The council has pledged new money for the library but has not said how much.",
            "How much new money has the council pledged",
        ),
    ],
)
def test_not_said_asks_the_open_point_itself(ask, text, asks):
    assert asks in ask(text)[0].question


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        (
            "The planning board has not yet decided whether to approve the tower.",
            "When will the planning board decide whether to approve the tower",
        ),
        (
            "The union said it had not yet decided how it would respond.",
            "When will the union decide how it will respond",
        ),
        ("A date for the trial has not yet been set.", "When will the date for the trial be set"),
        (
            "Regulators froze the merger pending an appeal by the two companies.",
            "What is the timetable for the appeal",
        ),
    ],
)
def test_pending_wording_follows_the_grammar(ask, text, asks):
    q = ask(text)[0]
    assert q.category == "pending decision"
    assert asks in q.question
    assert "be decided, and" not in q.question or "decide" not in asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        (
            "Rail fares rose again this year, despite a pledge by the transport secretary to freeze them.",
            "How does this square with the transport secretary\u2019s pledge",
        ),
        (
            "The department said the minister stood by her commitment to build 300 new homes.",
            "What concrete plan and timetable back the minister\u2019s commitment to build 300 new homes?",
        ),
        (
            "The education minister conceded that the target would not be met.",
            "now that the target will not be met",
        ),
    ],
)
def test_promises_set_against_the_facts(ask, text, asks):
    assert asks in ask(text)[0].question


def test_anonymous_claim_is_what_the_unnamed_people_said(ask):
    text = (
        "The bank did not say which branches would shut, but people familiar with the plans said "
        "the offices in Dover and Hastings were most at risk."
    )
    q = ask(text)[0].question
    assert "the offices in Dover and Hastings were most at risk" in q
    assert "which branches" not in q


def test_asides_are_left_out_of_a_claim(ask):
    text = (
        "Treasury sources said the chancellor would press ahead with the levy, "
        "which is expected to raise $2 billion."
    )
    q = ask(text)[0].question
    assert "press ahead with the levy" in q and "expected to raise" not in q


@pytest.mark.parametrize(
    "text",
    [
        "The committee was due to vote on the plan on Tuesday, but the meeting was cancelled.",
        "The rules were set to take effect on March 1.",
    ],
)
def test_dated_or_past_schedules_raise_no_when_question(ask, text):
    assert not any(q.question.startswith("When exactly") for q in ask(text))


def test_a_speakers_expectation_asks_for_their_basis(ask):
    text = (
        "Mayor Lina Ortiz visited the shelter on Friday.\n\n"
        "She said the number of evacuees was likely to rise."
    )
    q = only(ask(text), "likely to rise")
    assert q.question == "On what basis does Lina Ortiz expect the number of evacuees to rise?"


def test_a_rejected_accusation_says_what_was_alleged(ask):
    text = (
        "Councillor Ada Price accused the water board of hiding leak figures from the public. "
        "The board rejected the accusation, saying every figure had been published."
    )
    q = only(ask(text), "rejected the accusation")
    assert (
        q.question
        == "What evidence does the board offer against Ada Price\u2019s accusation of hiding leak figures?"
    )
    assert "accusation of hiding leak figures" in q.question


def test_a_denial_uses_the_name_and_the_verb(ask):
    q = ask("The interior minister, Omar Sadiq, denied that police had used live rounds.")[0]
    assert q.question == "On what evidence does Omar Sadiq deny that police had used live rounds?"


def test_a_finding_called_lies_is_a_dispute(ask):
    q = ask("The club's chairman, Viktor Lund, said the findings were based on lies.")[0]
    assert q.category == "denial/dispute"
    assert q.question == "Viktor Lund rejects the findings as lies: on what evidence?"


def test_it_did_not_name_refers_back(ask):
    text = "The ethics panel found that staff had altered records. It did not name the managers involved."
    q = only(ask(text), "did not name")
    assert q.question == "Who are the managers involved, and why has the ethics panel not named them?"


def test_a_decision_at_a_later_date(ask):
    q = ask("The league said a decision on the appeal would be made at a later date.")[0]
    assert q.question.startswith("When exactly will the decision on the appeal be made")


def test_two_sources_give_different_tolls(ask):
    text = (
        "The army said 12 soldiers had been killed in the ambush.\n\n"
        "The insurgents said the attack had killed more than 30 troops."
    )
    q = only(ask(text), "insurgents")
    assert q.category == "conflicting figures"
    assert "12 soldiers" in q.question and "more than 30" in q.question


def test_no_conflict_between_different_counts(ask):
    text = "Police said 12 people were arrested.\n\nThe hospital said 3 people were injured."
    assert not any(q.category == "conflicting figures" for q in ask(text))


def test_market_moves_need_no_source(ask):
    assert not any(
        "source for the figure" in q.question for q in ask("Shares in the retailer fell 9% in early trading.")
    )


def test_a_count_already_given_is_not_asked_again(ask):
    text = "The chain will close 14 stores next year.\n\nThe union said it would fight the closures."
    assert not any(q.question.startswith("How many closures") for q in ask(text))


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        (
            "The coroner has not confirmed whether the driver had been drinking.",
            "Can we find out whether the driver had been drinking?",
        ),
        (
            "The airline declined to give a revised schedule or a new date.",
            "When will the airline give a revised schedule",
        ),
        (
            "The builder said it could not guarantee the bridge would open in March.",
            "How likely is it that the bridge will open in March",
        ),
        ("No date has been set for the inquest.", "When will a date for the inquest be set"),
        (
            "A ministry source said no decision had been taken on the size of the grant.",
            "When will a decision on the size of the grant be taken",
        ),
        (
            "The health board said it remained committed to the new hospital.",
            "What concrete plan, timetable and money back the health board\u2019s commitment "
            "to the new hospital?",
        ),
    ],
)
def test_held_back_details_and_open_decisions(ask, text, asks):
    assert asks in ask(text)[0].question


def test_expected_keeps_the_infinitive_of_its_goal(ask):
    q = ask("Union leaders are expected to meet in the coming weeks to agree a strike date.")[0]
    assert "to meet in the coming weeks to agree a strike date" in q.question


def test_an_unsourced_sum_is_named_without_its_noun(ask):
    q = ask("The \u00a340 million scheme was meant to open by this summer.")[0]
    assert q.question == "Who gives the figure of \u00a340 million?"


def test_a_missed_deadline_says_who_missed_it(ask):
    text = "The council owes the water board $3 million. It missed the deadline to pay the first instalment."
    q = only(ask(text), "missed the deadline")
    assert q.question.startswith("Why did the council miss the deadline")


def test_a_long_party_is_not_made_possessive(ask):
    q = ask("Supporters of the club's owner insisted that there would be no sale.")[0]
    assert "the statement by supporters of the club\u2019s owner" in q.question


def test_a_reported_head_count_in_the_lede(ask):
    text = (
        "The prime minister faces a rebellion over the tax plan, "
        "with more than 30 MPs reportedly ready to vote against it."
    )
    q = ask(text)[0]
    assert q.category == "unattributed claim"
    assert "more than 30 MPs are ready to vote against it" in q.question


def test_a_hedged_warning_names_who_it_is_about(ask):
    q = ask("The hospital trust has warned that it could run out of beds by the weekend.")[0]
    assert "\u2018the hospital trust could run out of beds by the weekend\u2019" in q.question


def test_a_sum_after_a_quantifier_is_lower_case(ask):
    q = ask("More than 200 people were stranded at the airport for a day as the snow spread.")[0]
    assert "More than" not in q.question


def test_evidence_claimed_but_not_made_public(ask):
    q = ask(
        "Union leader Rosa Lind said she had documents proving the cuts were planned, "
        "but did not make them public."
    )[0]
    assert q.question.startswith("Can we see the documents proving the cuts")
    assert "why has Rosa Lind not made them public?" in q.question


def test_it_is_not_known_who(ask):
    q = ask("It is not known who set the fire.")[0]
    assert q.question == "Can we find out who set the fire?"


def test_a_body_speaking_as_itself_is_not_asked_for_a_name(ask):
    text = "The medicines regulator said it would examine the study."
    assert not any("name" in q.question.lower() for q in ask(text))


def test_a_named_speakers_allegation_asks_for_their_evidence(ask):
    q = ask("Inspector Dev Malik said the driver had allegedly ignored three warnings.")[0]
    assert q.question.startswith(
        "What evidence does Dev Malik have that the driver had ignored three warnings"
    )


def test_more_likely_is_a_comparison_not_a_hedge(ask):
    text = "Researchers found that smokers were 30% more likely to develop the condition."
    assert not any(q.category == "hedged claim" for q in ask(text))


def test_look_into_asks_who_and_when(ask):
    q = ask("The council said it would look into the complaints.")[0]
    assert q.question == "Who at the council will look into the complaints, and when will they report back?"


def test_a_bare_sources_descriptor_is_called_unnamed(ask):
    q = ask("Sources said several other schools were also being inspected.")[0]
    assert q.question.startswith("Beyond unnamed sources, can anyone confirm on the record")


def test_the_anonymous_speaker_is_the_one_the_cue_describes(ask):
    text = (
        "A former nurse, who asked not to be named, said the ward had been understaffed for months "
        "and that senior managers knew about it."
    )
    q = ask(text)[0]
    assert q.question.startswith(
        "Beyond a former nurse, can anyone confirm on the record that the ward had been understaffed"
    )


def test_is_thought_to_asks_who_thinks_so(ask):
    q = ask("The stadium's running cost is thought to be twice the original estimate.")[0]
    assert q.question.startswith(
        "Who thinks the stadium\u2019s running cost to be twice the original estimate"
    )


def test_is_believed_with_the_police_as_speaker_is_attributed(ask):
    text = "The driver is believed to have fallen asleep, police said."
    assert not any(q.category == "unattributed claim" for q in ask(text))


def test_no_charges_laid(ask):
    q = ask("A woman has been arrested but no charges have been laid.")[0]
    assert "When will charges be laid" in q.question


def test_no_response_keeps_what_was_asked(ask):
    q = ask("The operator did not respond to questions about when the line would reopen.")[0]
    assert q.question.startswith("Can we ask the operator again about when the line will reopen")


def test_a_potential_investor_is_asked_who(ask):
    q = ask("The club is in talks with a potential investor, the chairman's office confirmed.")[0]
    assert q.question.startswith("Who is the potential investor")


def test_not_true_denies_the_claim_before(ask):
    text = (
        "Councillor Ravi Shah said the mayor had known about the leak for months. "
        'A spokesman for the mayor said that was "completely untrue".'
    )
    q = only(ask(text), "untrue")
    assert q.category == "denial/dispute"
    assert "Ravi Shah\u2019s claim that the mayor had known about the leak for months" in q.question


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        (
            "The trust said it would publish the report soon.",
            "When exactly will the trust publish the report? (\u2018soon\u2019 is vague.)",
        ),
        (
            "The new parking rules will come into force shortly.",
            "When exactly will the new parking rules come into force?",
        ),
        (
            "Ministers recently met the unions to discuss pay.",
            "When exactly did ministers meet the unions to discuss pay?",
        ),
    ],
)
def test_vague_times_are_asked_as_plain_questions(ask, text, asks):
    assert asks in ask(text)[0].question


def test_several_places_asks_which(ask):
    q = ask("Police closed several roads near the stadium after the match.")[0]
    assert q.question == "Which roads exactly are meant by \u2018several roads\u2019?"


def test_a_neutral_report_raises_little(ask):
    text = (
        "The town library reopened on Saturday after a refurbishment.\n\n"
        "Mayor Ana Ruiz cut the ribbon at 10am. \u201cWe may need more chairs,\u201d she said.\n\n"
        "Head librarian Tom Vale said reading sessions for children would run every Wednesday."
    )
    assert len(ask(text)) <= 1


def test_a_hedge_whose_clause_is_all_background_raises_no_crash(extract_text):
    """A hedge cue ("slated for") inside the relative clause after the speaker's organisation leaves no clause
    of the story's own to quote back: the article still gets its digest, with no hedge question."""
    text = (
        "“People are worried about crime and about the cost of rent right now,” said Ana Ruiz of Delta "
        "Research, which polled 400 likely voters in early May on their views of two measures slated for the "
        "June ballot."
    )
    ex = extract_text(text)
    assert ex.quotes and ex.quotes[0].speaker == "Ana Ruiz"
    assert not any("slated" in q.question for q in ex.questions)
