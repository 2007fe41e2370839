"""Open questions on short hand-written passages: each category, the known false alarms, merging, wording."""

from __future__ import annotations

import re

import pytest

from bot.extract.questions import MAX_QUESTIONS
from bot.extract.questions.context import quote_spans
from bot.extract.questions.lexicon import compile_cue

pytestmark = pytest.mark.model


@pytest.fixture
def ask(extract_text):
    """Extract a passage and check every question's evidence offsets on the way."""

    def run(text: str):
        ex = extract_text(text)
        for q in ex.questions:
            assert ex.text[q.start : q.end] == q.evidence
        return ex.questions

    return run


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
        "missing detail",
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
