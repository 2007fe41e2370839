"""Property-based tests (hypothesis) for the parsers that take whatever a user types or pastes.

- the quote-mark scan (``bot.extract.marks``): never raises; every span lies inside the input and is the input
  verbatim (the extraction quotes ``text[start:end]``, so a span is what the article says);
- Slack text and links (``handlers.slack_text``): never raises on any text or any JSON-shaped message; every
  link is an http(s) URL that was in the message; no ``<!channel>``/``<@U…>`` comes out of ``to_plain``;
- the recall query parser (``bot.store.recall``): never raises; its full-text expression is always valid
  FTS5, so a search never meets an SQLite or FTS error (``tests/test_recall_hostile.py`` checks whole recall
  answers).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.extract.marks import ALL_MARKS, looks_like_title, paragraphs, scan, title_spans
from bot.models import Extraction, Official, Question, Quote, Sighting
from bot.render import esc
from bot.store.migrations import FTS_TOKENIZE
from bot.store.recall import RecallScope, recall
from bot.store.recall_query import MAX_TERMS, MAX_TOKEN_CHARS, MAX_TOKENS_PER_TERM, parse_query
from bot.store.storage import Store
from handlers.slack_text import (
    command_words,
    links_in_blocks,
    links_in_text,
    message_content,
    strip_mention,
    to_plain,
    unescape,
)

MARKS = "".join(sorted(ALL_MARKS))

# -- the quote-mark scan ------------------------------------------------------------------------------------

# Text built the way articles break: words, spaces, newlines and blank lines, punctuation and every kind of
# quote mark, straight and curly, in any order.
ARTICLE_BITS = st.one_of(
    st.sampled_from(list(MARKS)),
    st.sampled_from(["We", "will", "win", "he said", "she told reporters", "O'Brien", "don't", "’90s"]),
    st.sampled_from(
        [" ", " ", "\n", "\n\n", ", ", ". ", "? ", " — ", "(", ")", "'s ", "s' ", "\t", "\u00a0"]
    ),
    st.text(max_size=4),
)
ARTICLE_TEXT = st.lists(ARTICLE_BITS, max_size=60).map("".join)
# and dense runs of marks, where pairing goes wrong
MARK_SOUP = st.text(alphabet=st.sampled_from(list("ab s.,:\n-") + list(MARKS)), max_size=80)


def check_spans(text: str) -> None:
    segs = scan(text)
    paras = paragraphs(text)
    last = None
    for seg in segs:
        assert 0 <= seg.start < seg.end <= len(text)
        quote = text[seg.start : seg.end]
        assert quote == quote.strip() and quote, "a span is trimmed and not empty"
        ps, pe = paras[seg.para]
        assert ps <= seg.start and seg.end <= pe, "a span stays inside its paragraph"
        assert 0 <= seg.open_at <= seg.start
        if seg.unopened:
            assert seg.open_at == seg.start
        else:
            assert text[seg.open_at] in ALL_MARKS and seg.open_at < seg.start
            assert text[seg.open_at + 1 : seg.start].strip() == "", "the quote starts after its opening mark"
        if seg.close_at is not None:
            assert seg.end <= seg.close_at < len(text) and text[seg.close_at] in ALL_MARKS
            assert text[seg.end : seg.close_at].strip() == "", "the quote ends at its closing mark"
        if last is not None:
            assert seg.start >= last.end, "segments come in order and do not overlap"
        last = seg
    for a, b in title_spans(text):
        assert 0 <= a < b <= len(text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(ARTICLE_TEXT, MARK_SOUP))
@example('"')
@example("Critics call it \u2018a scandal \u201cWe were misled. \u201cIt must end,\u201d Ali said.")
@example("\u201c\n\u201c\n\u201c")
@example("'\u2019'\u2018\n\n\"\u00ab\u00bb")
@example('"We will, he said.\n"Win," she said.')
@example("\u2039\u00ab:\u201c\u2039")
def test_marks_spans_are_verbatim_and_inside_their_paragraph(text):
    check_spans(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_marks_any_unicode_never_raises(text):
    """Any Unicode at all: control characters, surrogates, right-to-left marks, combining accents."""
    check_spans(text)
    looks_like_title(text)


@settings(max_examples=200, deadline=None)
@given(ARTICLE_TEXT, ARTICLE_TEXT)
def test_marks_a_paragraph_without_marks_does_not_change_the_quotes_after_a_blank_line(before, after):
    """A paragraph of plain words between two texts closes any quote left open: the quotes found in
    ``after`` are the same on its own and after ``before``."""
    joined = before + "\n\nPlain words here.\n\n"
    alone = [after[s.start : s.end] for s in scan(after)]
    shifted = [(joined + after)[s.start : s.end] for s in scan(joined + after) if s.start >= len(joined)]
    assert shifted == alone


# -- Slack text and links ----------------------------------------------------------------------------------

SLACK_BITS = st.one_of(
    st.sampled_from(
        [
            "<!channel>",
            "<!here>",
            "<!everyone>",
            "<!here|here>",
            "<!subteam^S0PING|@desk>",
            "<!date^1767225600^{date_short}|Jan 1>",
            "<@U0PING>",
            "<@U0PING|maria>",
            "<@W0PING>",
            "<#C0DESK|desk>",
            "<#C0DESK>",
            "<https://example.com/a?b=1&amp;c=2>",
            "<https://example.com/x|the story>",
            "<http://example.org/>",
            "<mailto:a@b.org|a@b.org>",
            "<ftp://example.com/f>",
            "<javascript:alert(1)|click>",
            "https://raw.example.net/p/1.",
            "(see https://raw.example.net/q?x=1)",
            "&amp;",
            "&lt;",
            "&gt;",
            "&lt;!channel&gt;",
            "&amp;lt;",
            "<",
            ">",
            "|",
            "@channel",
            " ",
            "\n",
            "https://",
            "http://x",
        ]
    ),
    st.text(max_size=6),
)
SLACK_TEXT = st.lists(SLACK_BITS, max_size=25).map("".join)
LIVE_TOKEN = re.compile(r"<\s*[!@#]")
PING_WORDS = re.compile(r"@(channel|here|everyone)\b", re.I)

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | SLACK_BITS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
LINK_NODE = st.fixed_dictionaries(
    {"type": st.just("link"), "url": st.one_of(SLACK_BITS, st.text(max_size=20), JSON)},
    optional={"text": st.text(max_size=10)},
)
BLOCK_NODE = st.recursive(
    LINK_NODE | JSON,
    lambda inner: (
        st.fixed_dictionaries(
            {"type": st.sampled_from(["rich_text", "rich_text_section", "section", "link"])},
            optional={"elements": st.lists(inner, max_size=4), "url": SLACK_BITS},
        )
        | st.lists(inner, max_size=4)
    ),
    max_leaves=15,
)
BLOCKS = st.one_of(st.none(), JSON, st.lists(BLOCK_NODE, max_size=4))
ATTACHMENT = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {},
        optional={
            "is_share": st.booleans(),
            "text": st.one_of(SLACK_TEXT, JSON),
            "original_url": st.one_of(SLACK_BITS, JSON),
            "from_url": st.one_of(SLACK_BITS, JSON),
        },
    ),
)
MESSAGE = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(SLACK_TEXT, JSON),
        "blocks": BLOCKS,
        "attachments": st.one_of(st.lists(ATTACHMENT, max_size=3), JSON),
    },
)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def assert_web_link_from(link: str, sources: list[str]) -> None:
    assert isinstance(link, str)
    parts = urlsplit(link)
    assert parts.scheme.lower() in ("http", "https"), link
    assert parts.netloc, f"a link without a host: {link!r}"
    assert not any(c.isspace() for c in link), link
    assert any(link in s or link in unescape(s) for s in sources), f"{link!r} was not in the message"


@settings(max_examples=400, deadline=None)
@given(SLACK_TEXT)
@example("<https://|x>")
@example("https://.")
@example("<<@U0PING>>")
@example("<<!channel>>")
def test_slack_links_in_text_are_web_links_that_were_in_the_text(text):
    links = links_in_text(text)
    assert len(links) == len(set(links))
    for link in links:
        assert_web_link_from(link, [text])


@settings(max_examples=300, deadline=None)
@given(BLOCKS)
def test_slack_links_in_blocks_never_raise_and_are_web_links_from_the_blocks(blocks):
    links = links_in_blocks(blocks)
    for link in links:
        assert_web_link_from(link, _strings(blocks))


@settings(max_examples=300, deadline=None)
@given(MESSAGE)
def test_slack_message_content_never_raises_and_links_were_in_the_message(message):
    text, links = message_content(message)
    assert isinstance(text, str)
    assert len(links) == len(set(links))
    for link in links:
        assert_web_link_from(link, _strings(message))
    assert not LIVE_TOKEN.search(esc(text))


@settings(max_examples=400, deadline=None)
@given(SLACK_TEXT, st.booleans())
@example("<<@U0PING>>", False)
@example("<<!channel>>", False)
@example("<<<!here>>>", True)
@example("<https://e.com/x|&lt;!channel&gt;>", False)
def test_slack_to_plain_turns_every_mention_token_into_inert_text(text, drop_links):
    """No ``<!…>``, ``<@…>`` or ``<#…>`` token comes out of ``to_plain`` (only what the user typed as
    ``&lt;``), and once escaped for Slack the plain text pings nobody."""
    plain = to_plain(text, drop_links=drop_links)
    assert isinstance(plain, str)
    if "&lt;" not in text:
        assert "<" not in plain, plain
    safe = esc(plain)
    assert not LIVE_TOKEN.search(safe) and "<" not in safe
    assert not PING_WORDS.search(safe), safe
    if drop_links and "&" not in text:
        for link in links_in_text(text):
            assert link not in plain, link


@settings(max_examples=300, deadline=None)
@given(st.one_of(SLACK_TEXT, st.text(max_size=60)))
def test_slack_mention_and_command_words_never_raise(text):
    stripped = strip_mention(text)
    assert stripped == stripped.strip()
    assert not re.match(r"<@[A-Z0-9]+(\|[^>]*)?>", stripped)
    head, rest = command_words(stripped)
    assert head == head.lower() and (not head or head in stripped.lower())
    assert rest == rest.strip()


# -- the recall query parser -------------------------------------------------------------------------------

QUERY_BITS = st.one_of(
    st.sampled_from(
        [
            '"',
            "\u201c",
            "\u201d",
            "\u00ab",
            "'",
            "*",
            "^",
            ":",
            "(",
            ")",
            "-",
            "+",
            "NEAR",
            "NEAR/2",
            "AND",
            "OR",
            "NOT",
            "quotes_fts:",
            "rank:",
            "{text}",
            "';",
            "--",
            "DROP TABLE quotes;",
            "in:#desk",
            "in:<#C1|news>",
            "since:2025-02",
            "until:2025-13-01",
            "is:open",
            "type:quotes,people",
            "<!channel>",
            "<@U1|x>",
            "&amp;",
            "Asif's",
            "O'Brien",
            "U.S.",
            "200,000",
            "\u0301",
            "\u200b",
            "x" * 45,
            " ",
        ]
    ),
    st.text(max_size=10),
)
QUERY = st.lists(QUERY_BITS, max_size=30).map(" ".join)


@pytest.fixture(scope="module")
def fts_db():
    """An FTS5 table with the tokenizer the store uses, to run every parsed expression against."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, tokenize = {FTS_TOKENIZE!r})")
    db.execute("INSERT INTO t(body) VALUES ('Khawaja Asif said this has to be finalized')")
    yield db
    db.close()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(QUERY, st.text(max_size=200), st.none()))
def test_recall_parser_never_raises_and_its_fts_expression_is_valid(fts_db, text):
    q = parse_query(text)
    assert len(q.terms) <= MAX_TERMS
    for term in q.terms:
        assert 1 <= len(term) <= MAX_TOKENS_PER_TERM
        assert all(t and len(t) <= MAX_TOKEN_CHARS and t.isalnum() for t in term)
    if q.terms:
        fts_db.execute("SELECT rowid FROM t WHERE t MATCH ?", [q.fts]).fetchall()


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """A store with one digest in a private channel and one in a public one, so every section searches."""
    store = Store(tmp_path_factory.mktemp("props") / "p.db")
    for channel, private in (("C1", True), ("C2", False)):
        store.save_digest(
            Extraction(
                text='Khawaja Asif said "This has to be finalized."',
                url=f"https://p.example/{channel}",
                title="Troops for Gaza",
                quotes=[
                    Quote(
                        text="This has to be finalized.",
                        start=19,
                        end=44,
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
            Sighting(team="T1", channel=channel, message_ts="1.0", channel_private=private),
        )
    yield store
    store.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERY)
def test_recall_never_meets_an_sqlite_or_fts_error(small_store, caplog, text):
    """Not just "never raises": recall turns an FTS error into a hint, so check none happened at all."""
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="bot.store.recall"):
        for scope in (RecallScope("T1", "C1", True), None):
            result = recall(small_store, text, scope=scope)
            assert "could not be searched" not in (result.hint or "")
    assert not caplog.records, [r.getMessage() for r in caplog.records]


def test_recall_property_store_has_something_to_find(small_store):
    """The store the property above searches is not empty: the words and the name both find the quote."""
    assert recall(small_store, "finalized", scope=RecallScope("T1", "C1", True)).quotes
    assert recall(small_store, "Asif", scope=RecallScope("T1", "C9", False)).quotes
