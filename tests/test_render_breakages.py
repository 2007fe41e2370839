"""The small breakages of issue #15, each with the test that would have caught it: placeholders in angle
brackets, a cut that leaves half an entity, doubled closing quote marks, article text turned into Slack
formatting, a count of zero, times in UTC. Passages are made up."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_render import strings

from bot import render
from bot.models import AnonymousSource, Extraction, Official, Question, Quote, SaveResult, Sighting
from bot.render import messages
from bot.render.mrkdwn import ZWSP
from bot.render.preview import preview_html

# a "<" that Slack would read as the start of a link, a mention or a command
SLACK_MARKUP = re.compile(r"<(?!(?:https?://|mailto:|#[CGD]|@[UW]|!date\^))")
HALF_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


def message_constants():
    for name in dir(messages):
        value = getattr(messages, name)
        if name.isupper() and isinstance(value, str):
            yield name, value


@pytest.mark.parametrize(("name", "text"), list(message_constants()))
def test_placeholders_in_angle_brackets_are_escaped(name, text):
    assert not SLACK_MARKUP.search(text), name


def test_the_recall_hint_in_the_digest_is_escaped():
    msg = render.digest_message(Extraction("x", questions=[Question("Who?", "c", "e", 0, 1)]))
    assert "`/recall &lt;name or words&gt;`" in json.dumps(msg)
    for s in strings(msg):
        assert not SLACK_MARKUP.search(s), s
    assert "/recall <name or words>" in render.digest_text(Extraction("x"))


@pytest.mark.parametrize("length", range(140, 160))
def test_a_long_title_is_cut_before_it_is_escaped(length):
    title = ("Tom & Jerry " * 20)[:length] + " & Co"
    msg = render.digest_message(Extraction("x", title=title, url="https://e.com/a"))
    for s in strings(msg):
        assert not HALF_ENTITY.search(s), s
    assert not HALF_ENTITY.search(render.clip("a" * 10 + "&amp;" + "b" * 10, 14))
    assert render.clip_esc("A & B " * 40, 100).count("&amp;") == render.clip("A & B " * 40, 100).count("&")


def test_a_question_row_never_shows_a_doubled_closing_mark():
    evidence = "Officials said the talks were at an “advanced stage.”"
    ex = Extraction("x", questions=[Question("Will they say so on the record?", "c", evidence, 0, 10)])
    assert "””" not in json.dumps(render.digest_message(ex), ensure_ascii=False)
    detail = json.dumps(render.detail_blocks(ex, "questions"), ensure_ascii=False)
    assert "””" not in detail and "advanced stage.”" in detail
    assert "””" not in render.digest_text(ex) and "“advanced stage.”" in render.digest_text(ex)


MARKED = "Use *all* of it_now_ or ~never~, said the `admin`"


@pytest.mark.parametrize("field", ["title", "quote", "official", "source", "question"])
def test_article_text_cannot_become_slack_formatting(field):
    values = {
        "title": {"title": MARKED},
        "quote": {"quotes": [Quote(MARKED, 0, 5, speaker="Ana Roe", speaker_kind="person", key=True)]},
        "official": {"officials": [Official(MARKED, title=MARKED)]},
        "source": {"anonymous_sources": [AnonymousSource(MARKED, reason=MARKED)]},
        "question": {"questions": [Question(MARKED, "c", MARKED, 0, 5)]},
    }[field]
    ex = Extraction("x", **values)
    payloads = [render.digest_message(ex)] + [render.detail_blocks(ex, w) for w in render.LISTS]
    texts = [x for p in payloads for x in strings(p)]
    for raw in ("*all*", "_now_", "~never~", "`admin`"):
        assert not any(raw in x for x in texts), raw  # never a marker Slack would act on
        defused = "".join(f"{ZWSP}{c}{ZWSP}" if c in "*_~`" else c for c in raw)
        assert any(defused in x for x in texts), raw
    assert ZWSP not in render.digest_text(ex) and "*all*" in render.digest_text(ex)


def test_esc_defuses_each_formatting_marker():
    out = render.esc("*a* _b_ ~c~ `d`")
    assert out == "".join(f"{ZWSP}{c}{ZWSP}" if c in "*_~`" else c for c in "*a* _b_ ~c~ `d`")


@pytest.mark.parametrize(
    ("ex", "absent"),
    [
        (Extraction("x", quotes=[Quote("Yes", 0, 3)]), ["0 anonymous", "0 named", "0 open", "0 paraphrase"]),
        (Extraction("x", anonymous_sources=[AnonymousSource("a clerk")]), ["0 quote", "0 named", "0 open"]),
        (Extraction("x"), ["0 "]),
    ],
)
def test_a_count_of_zero_is_left_out(ex, absent):
    counts = render.counts(ex)
    for word in absent:
        assert word not in counts
    assert not re.search(r"\b0 [a-z]", render.digest_text(ex).split("\n\n")[0] + counts)


def test_counts_name_what_they_count():
    quotes = [Quote("a", 0, 1), Quote("b", 2, 3, kind="partial"), Quote("c", 4, 5, kind="indirect")]
    assert render.counts(Extraction("x", quotes=quotes)) == "2 quotes, 1 paraphrase"


def test_times_are_shown_in_the_readers_time_zone():
    earlier = [Sighting(channel="C1", permalink="https://x.slack.com/archives/C1/p1", seen_at=1_700_000_000)]
    msg = render.digest_message(Extraction("x"), SaveResult(1, False, earlier=earlier))
    (line,) = [s for s in strings(msg) if "Seen before" in s]
    assert "<!date^1700000000^{date_short_pretty} at {time}|14 Nov 2023 22:13 UTC>" in line
    assert "UTC" not in re.sub(r"<!date\^[^>]*>", "", line)
    assert "14 Nov 2023 22:13 UTC" in render.message_text(msg) and "<!date" not in render.message_text(msg)


HOSTILE_BITS = st.one_of(
    st.sampled_from(
        ["<!channel>", "<@U1>", "&", "&amp;", "<", ">", "*", "_", "~", "`", "“", "”", '"', ",", " "]
    ),
    st.text(max_size=12),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(HOSTILE_BITS, max_size=40).map("".join), st.integers(min_value=1, max_value=400))
def test_any_article_text_renders_inert_within_limits(text, size):
    text = (text * (size // max(1, len(text)) + 1))[:size] if text else text
    ex = Extraction(
        text,
        title=text,
        quotes=[Quote(text, 0, len(text), speaker=text, speaker_kind="person", key=True, sentence=text)],
        officials=[Official(text or "x", title=text)],
        anonymous_sources=[AnonymousSource(text, reason=text, evidence=text)],
        questions=[Question(text or "?", "c", text, 0, len(text))],
    )
    payloads = [render.digest_message(ex, SaveResult(1, True, question_ids=[5]))]
    payloads += [render.detail_blocks(ex, w) for w in render.LISTS]
    for s in (x for p in payloads for x in strings(p)):
        assert not re.search(r"<[!@](?!date\^)", s), s
        assert not HALF_ENTITY.search(s), s
    render.digest_text(ex)
    preview_html(payloads[0])
