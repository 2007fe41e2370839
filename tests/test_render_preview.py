"""The preview page (``make preview``): a reply's blocks drawn as Slack would, every block type present,
every piece of text escaped. The screenshot is not tested; the page is."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from bot import render
from bot.cli import cli
from bot.models import Extraction, Question, Quote, SaveResult, Sighting
from bot.render.preview import block_stats, mrkdwn_html, preview_html

EVERY_KIND = {
    "text": "fallback",
    "blocks": [
        {"type": "header", "text": {"type": "plain_text", "text": "Head <script>alert(1)</script>"}},
        render.section("*Bold* and _italic_ and ~gone~ and `code` <https://e.com/a?b=1&amp;c=2|a link>"),
        render.section("> quoted words\n— *Ana Roe*", block_id="q:7", accessory=render.question_menu(7)),
        render.section(
            "with a button",
            accessory={"type": "button", "action_id": "b", "text": {"type": "plain_text", "text": "Go"}},
        ),
        {"type": "divider"},
        render.context(
            "small grey <#C123> <@U456> <!date^1700000000^{date_short_pretty}|14 Nov 2023> :repeat:"
        ),
        {
            "type": "actions",
            "block_id": "legwork_more",
            "elements": [
                {
                    "type": "button",
                    "action_id": "legwork_open_quotes",
                    "text": {"type": "plain_text", "text": "All 3"},
                }
            ],
        },
    ],
}


class Tags(HTMLParser):
    """The page's element tags and data-type attributes, and whether it parses."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.types: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.types += [v for k, v in attrs if k == "data-type"]

    def handle_data(self, data):
        self.text.append(data)


def parsed(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags


def test_every_block_type_is_drawn():
    page = preview_html(EVERY_KIND)
    tags = parsed(page)
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert tags.types == ["header", "section", "section", "section", "divider", "context", "actions"]
    assert {"b", "i", "s", "code", "a", "blockquote"} <= set(tags.tags)
    assert 'class="overflow"' in page and "Answered, Not needed, I&#x27;ll take it" in page
    assert page.count('class="button') == 2  # the accessory button and the actions row's button
    text = "".join(tags.text)
    assert "#C123" in text and "@U456" in text and "14 Nov 2023" in text and "🔁" in text


def test_text_is_escaped():
    page = preview_html(EVERY_KIND)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="https://e.com/a?b=1&amp;c=2"' in page
    hostile = mrkdwn_html(render.esc('<img src=x onerror=alert(1)> & "quotes"'))
    assert "<img" not in hostile and "&lt;img src=x onerror=alert(1)&gt; &amp;" in hostile


def test_defused_markers_stay_characters():
    assert mrkdwn_html(render.esc("*not bold* _not italic_")) == render.esc("*not bold* _not italic_")
    assert mrkdwn_html("*bold*") == "<b>bold</b>"
    assert mrkdwn_html("snake_case_name") == "snake_case_name"


def test_a_real_digest_renders():
    ex = Extraction(
        "x",
        title="Budget & <row>",
        quotes=[Quote("We will act,", 0, 5, speaker="Ana Roe", speaker_kind="person", key=True)],
        questions=[Question("Who pays?", "c", "e", 0, 1)],
    )
    earlier = [Sighting(channel="C1", permalink="https://x.slack.com/archives/C1/p1", seen_at=1_700_000_000)]
    message = render.digest_message(ex, SaveResult(5, False, earlier=earlier, question_ids=[9]))
    page = preview_html(message)
    assert parsed(page).types.count("section") >= 3
    assert "Budget &amp; &lt;row&gt;" in page and "“We will act”" in page
    assert block_stats(message["blocks"])[0] == len(message["blocks"])


@pytest.mark.model
def test_the_preview_command_writes_the_page(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        'Council budget delayed\n\n"We will not sign this budget," Mayor Ana Roe said on Monday.\n',
        encoding="utf-8",
    )
    out = tmp_path / "p.html"
    result = CliRunner().invoke(cli, ["preview", str(article), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "blocks" in result.output and "characters of text" in result.output
    page = out.read_text(encoding="utf-8")
    assert "We will not sign this budget" in page and 'data-type="actions"' in page
    listed = CliRunner().invoke(cli, ["preview", str(article), "--out", str(out), "--list", "quotes"])
    assert listed.exit_code == 0 and "All quotes" in out.read_text(encoding="utf-8")
