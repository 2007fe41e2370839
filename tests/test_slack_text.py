"""Slack-encoded text in: links, plain text, the mention stripped, command words."""

from __future__ import annotations

import pytest

from handlers.slack_text import (
    command_words,
    links_in_blocks,
    links_in_text,
    message_content,
    strip_mention,
    to_plain,
)


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("<https://example.com/a?b=1&amp;c=2>", ["https://example.com/a?b=1&c=2"]),
        ("see <https://example.com/x|the story> and <mailto:a@b.org|a@b.org>", ["https://example.com/x"]),
        (
            "raw https://news.example.org/p/1. and <https://example.com/y>",
            ["https://example.com/y", "https://news.example.org/p/1"],
        ),
        ("<https://a.example/1> <https://a.example/1|again>", ["https://a.example/1"]),
        ("no links <@U123> <#C1|desk> <!here>", []),
    ],
)
def test_slack_text_links_in_text(text, links):
    assert links_in_text(text) == links


@pytest.mark.parametrize("url", ["https://example.com/story?id=1&x=2"])
def test_slack_text_links_in_rich_text_blocks(url):
    blocks = [
        {
            "type": "rich_text",
            "elements": [
                {
                    "type": "rich_text_section",
                    "elements": [
                        {"type": "user", "user_id": "U0BOT"},
                        {"type": "link", "url": url, "text": "story"},
                    ],
                }
            ],
        }
    ]
    assert links_in_blocks(blocks) == [url]


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        (
            "A &amp; B &lt;said&gt; <@U1|maria> in <#C1|desk> <!channel>",
            "A & B <said> @maria in #desk @channel",
        ),
        ("read <https://e.com/x|this story>", "read this story"),
        ("<!date^1767225600^{date_short}|Jan 1> &amp;lt;", "Jan 1 &lt;"),
    ],
)
def test_slack_text_to_plain(text, plain):
    assert to_plain(text) == plain


@pytest.mark.parametrize("text", ["<https://e.com/x> please"])
def test_slack_text_to_plain_drops_bare_links(text):
    assert to_plain(text, drop_links=True).strip() == "please"


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("<@U0BOT> recall Asif", "recall Asif"),
        ("<@U0BOT|legwork>   help", "help"),
        ("<@U0BOT>", ""),
        ("hello <@U0BOT>", "hello <@U0BOT>"),
    ],
)
def test_slack_text_strip_mention(text, stripped):
    assert strip_mention(text) == stripped


@pytest.mark.parametrize(
    ("text", "words"), [("Recall  Khawaja Asif", ("recall", "Khawaja Asif")), ("", ("", ""))]
)
def test_slack_text_command_words(text, words):
    assert command_words(text) == words


@pytest.mark.parametrize("url", ["https://example.com/shared"])
def test_slack_text_message_content_reads_shared_attachments(url):
    message = {
        "text": "",
        "attachments": [{"is_share": True, "text": "Shared article body", "from_url": url}],
    }
    text, links = message_content(message)
    assert text == "Shared article body" and links == [url]
