"""Rendering: the plain digest, Block Kit within Slack's limits, and escaping of untrusted material."""

from __future__ import annotations

import json
import re

import pytest

from bot import render
from bot.models import AnonymousSource, Extraction, Official, Question, Quote, SaveResult, Sighting

LIVE_TOKEN = re.compile(r"<[!@#]")
HOSTILE = "We will <!channel> & <!here> tell <@U0BOT> <!subteam^S1> that 1 < 2 > 0 @channel"


def strings(value):
    """Every string inside a message payload."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def small(**kw) -> Extraction:
    ex = Extraction(
        text="x",
        quotes=[
            Quote("We will act", 0, 11, speaker="Jane Roe", speaker_title="minister", key=True, score=1.0)
        ],
        officials=[Official("Jane Roe", title="minister", organization="Ministry of Finance")],
        anonymous_sources=[AnonymousSource("a senior official", reason="not authorised to speak")],
        questions=[
            Question("When will the ministry decide?", "pending decision", "a decision is pending", 0, 5)
        ],
        title="Budget row",
        url="https://news.example.com/a?b=1&c=2",
        site="Example News",
    )
    for k, v in kw.items():
        setattr(ex, k, v)
    return ex


def huge() -> Extraction:
    quotes = [Quote("word " * 700, 0, 10, speaker=f"Speaker {i}", key=True, score=100 - i) for i in range(60)]
    officials = [Official(f"Official {i}", title="minister " * 30) for i in range(80)]
    questions = [Question("Why? " * 300, "vague number", "evidence " * 200, 0, 5) for _ in range(60)]
    sources = [AnonymousSource("a person " * 100) for _ in range(30)]
    return Extraction(
        "x",
        quotes=quotes,
        officials=officials,
        anonymous_sources=sources,
        questions=questions,
        title="T" * 500,
        notes=["cut " * 100],
    )


def test_render_digest_text_shows_what_slack_shows():
    text = render.digest_text(small())
    assert text.startswith("*On record:* 1 named speaker, an official")
    assert "*Budget row* · Example News" in text
    assert "> “We will act”\n— *Jane Roe*, minister" in text
    assert "When will the ministry decide?" in text
    assert "source (https://news.example.com/a?b=1&c=2)" in text


@pytest.mark.parametrize("ids", [[41]])
def test_render_digest_message_has_sections_question_menus_and_more_buttons(ids):
    saved = SaveResult(article_id=1, new=True, question_ids=ids)
    msg = render.digest_message(small(), saved)
    assert msg["text"].startswith("Legwork digest: Budget row")
    assert msg["blocks"][0]["type"] == "section" and "On record" in msg["blocks"][0]["text"]["text"]
    menus = [(b["block_id"], b["accessory"]["action_id"]) for b in msg["blocks"] if "accessory" in b]
    assert menus == [("q:41", "legwork_question:41")]
    (more,) = [b for b in msg["blocks"] if b["type"] == "actions"]
    assert more["block_id"] == "legwork_more" and {e["value"] for e in more["elements"]} == {"1"}
    body = json.dumps(msg)
    for part in ("Jane Roe", "Officials", "Unnamed sources", "Open questions", "/recall"):
        assert part in body


def test_render_digest_message_without_storage_has_no_buttons():
    msg = render.digest_message(small())
    assert not [b for b in msg["blocks"] if "accessory" in b or b["type"] == "actions"]


def test_render_huge_extraction_stays_within_slack_limits():
    msg = render.digest_message(huge(), SaveResult(1, True, question_ids=list(range(60))))
    blocks = msg["blocks"]
    assert len(blocks) <= 10
    assert len(msg["text"]) <= 4000
    for b in blocks:
        if b["type"] == "section":
            assert len(b["text"]["text"]) <= render.SECTION_CHARS
        for e in b.get("elements", []):
            assert len(e["text"] if isinstance(e["text"], str) else e["text"]["text"]) <= render.SECTION_CHARS
    assert sum(len(s) for s in strings(blocks)) <= 12_000
    shown = " ".join(strings(blocks))
    assert "3 of 60" in shown and "Officials" in shown and "and 75 more" in shown
    for which in render.LISTS:
        view = render.detail_blocks(huge(), which, SaveResult(1, True, question_ids=list(range(60))))
        assert len(view) <= 100
        assert all(len(b["text"]["text"]) <= render.SECTION_CHARS for b in view if b["type"] == "section")
    many = Extraction("x", officials=[Official(f"Official {i}") for i in range(150)])
    view = render.detail_blocks(many, "officials")
    assert len(view) <= 100 and "55 more officials not shown" in json.dumps(view)


@pytest.mark.parametrize("field", ["quotes", "officials", "title", "notes"])
def test_render_neutralises_pings_in_quoted_material(field):
    values = {
        "quotes": [Quote(HOSTILE, 0, 5, speaker=HOSTILE, key=True)],
        "officials": [Official(HOSTILE, title=HOSTILE)],
        "title": HOSTILE,
        "notes": [HOSTILE],
    }
    msg = render.digest_message(small(**{field: values[field]}))
    for s in strings(msg):
        assert not LIVE_TOKEN.search(s), s
        assert "@channel" not in s
    assert "&lt;!channel&gt;" in json.dumps(msg) or "&lt;!channel&gt;" in msg["text"]


@pytest.mark.parametrize("url", ["https://e.com/a?x=1&y=<2>|3"])
def test_render_link_cannot_break_out_of_its_token(url):
    token = render.link(url, "a|b <c>")
    assert token.count("<") == 1 and token.count(">") == 1 and token.count("|") == 1


def test_render_earlier_sightings_link_their_threads():
    earlier = [Sighting(channel="C1", permalink="https://x.slack.com/archives/C1/p1", seen_at=1_700_000_000)]
    msg = render.digest_message(
        small(), SaveResult(1, False, earlier=earlier, earlier_digests={"Jane Roe": 2})
    )
    body = json.dumps(msg)
    assert "Seen before" in body and "https://x.slack.com/archives/C1/p1" in body
    assert "quoted in 2 earlier digests" in body


def test_render_error_line_is_one_escaped_line():
    line = render.error_line("bad <input> & more", "https://e.com/x")
    assert "\n" not in line and "&lt;input&gt;" in line and line.startswith(":warning:")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Budget delayed again, minister says\n\nThe budget was delayed.",
            "Budget delayed again, minister says",
        ),
        ("The budget was delayed on Tuesday, the minister said.\nMore text.", "Pasted article"),
        ("One line only", "Pasted article"),
    ],
)
def test_pasted_text_takes_a_headline_like_first_line_as_title(text, title):
    assert Extraction(text).shown_title == title
