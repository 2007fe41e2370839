"""Whatever a user types into /recall is safe: FTS syntax, unbalanced quotes, SQL fragments, control
characters, lone surrogates and 5,000 characters of junk never raise; at worst "no matches" with a hint."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.models import Extraction, Official, Question, Quote, Sighting
from bot.render import format_recall
from bot.store.recall import RecallScope, recall
from bot.store.recall_query import parse_query
from bot.store.storage import Store

SCOPE = RecallScope("T1", "C1", False)
FRAGMENTS = [
    '"',
    "'",
    "“",
    "”",
    "*",
    "^",
    ":",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "-",
    "+",
    "NEAR",
    "NEAR(",
    "AND",
    "OR",
    "NOT",
    "col:",
    "text:",
    "quotes_fts",
    "';",
    "--",
    "/*",
    "*/",
    "DROP TABLE quotes;",
    "' OR 1=1 --",
    "%",
    "_",
    "\\",
    "\x00",
    "\n",
    "\t",
    "in:",
    "in:#",
    "since:",
    "until:",
    "is:",
    "type:",
    "since:2025-02-30",
    "until:0000-00-00",
    "in:<#C1|news>",
    "<!channel>",
    "<@U1>",
    "&amp;",
    "&lt;",
    "Asif",
    "minister",
    "é",
    "🙂",
    "\u202e",
    "\ud800",
]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    """A small store with something to find, shared by the property tests."""
    store = Store(tmp_path_factory.mktemp("hostile") / "h.db")
    store.save_digest(
        Extraction(
            text='Khawaja Asif said "This has to be finalized."',
            url="https://h.example/1",
            title="Troops",
            quotes=[
                Quote(
                    text="This has to be finalized.",
                    start=0,
                    end=5,
                    speaker="Khawaja Asif",
                    speaker_kind="person",
                    speaker_title="Defence Minister",
                )
            ],
            officials=[Official(name="Khawaja Asif", title="Defence Minister")],
            questions=[
                Question(question="When?", category="pending decision", evidence="has to", start=0, end=6)
            ],
        ),
        Sighting(team="T1", channel="C1", message_ts="1.0"),
    )
    yield store
    store.close()


def check(store: Store, query: str) -> None:
    for scope in (SCOPE, None):
        result = recall(store, query, scope=scope)
        text = format_recall(result)
        assert isinstance(text, str) and text.strip()
        assert result.empty == (not (result.people or result.quotes or result.questions or result.articles))
        if result.empty:
            assert result.hint
        result.to_dict()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=12).map(" ".join))
def test_recall_hostile_mixtures_never_raise(hostile_store, query):
    """Random mixtures of FTS and SQL syntax, filters and odd characters never raise."""
    check(hostile_store, query)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec=None), max_size=300))
def test_recall_arbitrary_text_never_raises(hostile_store, query):
    """Any Unicode text (control characters, combining marks, right-to-left marks) never raises."""
    check(hostile_store, query)


@pytest.mark.parametrize(
    "query",
    [
        'finalized"',
        '"finalized',
        '"""',
        "NEAR(finalized has, 2)",
        "finalized*",
        "^finalized",
        "text:finalized",
        "quotes_fts:finalized OR 1",
        "'; DROP TABLE quotes; --",
        "Asif' OR '1'='1",
        "(((((",
        "\ud800finalized\udfff",
        "x" * 5_000,
        "Asif " * 1_000,
        ('" * ( ) : ^ - + ' * 400)[:5_000],
        "since:2025-13-45 Asif",
        "type:everything",
        "in:",
        "is:closed",
    ],
)
def test_recall_known_hostile_queries_answer_calmly(hostile_store, query):
    """Known troublemakers answer without an error, and the table they name is still there."""
    check(hostile_store, query)
    assert recall(hostile_store, "finalized", scope=SCOPE).quotes


@pytest.mark.parametrize(
    "query", ['finalized"', '"has to be', "finalized*", "(finalized)", "NEAR(finalized)"]
)
def test_recall_stray_syntax_still_finds_the_words(hostile_store, query):
    """Stray quote marks and operators are dropped, so the words in them still match."""
    assert recall(hostile_store, query, scope=SCOPE).quotes


@pytest.mark.parametrize("query", ["x" * 5_000])
def test_recall_long_junk_is_cut_with_a_note(query):
    """Over-long input is cut, and the answer says so."""
    assert parse_query(query).notes
