"""What ``bot.digest`` does with bad pasted input before any parsing: one clear line, or the article in it."""

from __future__ import annotations

import pytest

from bot.digest import (
    CODE,
    EMOJI_ONLY,
    HTML_NO_ARTICLE,
    NO_ARTICLE,
    TOO_SHORT,
    digest,
    looks_like_code,
    looks_like_html,
    refusal,
    unfence,
)

ARTICLE = (
    "The harbour master, Ines Duarte, said on Friday that the port would reopen on Monday.\n"
    '"The channel is clear and the cranes are working again," Duarte told reporters at the docks.\n'
    "A pilot who asked not to be named said two wrecks still had to be towed away.\n"
)

PAGE = (
    "<!doctype html><html><head><title>Port reopens on Monday | Coast Herald</title>"
    "<script>var x = 1;</script></head><body><nav><a href='/'>Home</a></nav><article>"
    "<h1>Port reopens on Monday</h1>"
    "<p>The harbour master, Ines Duarte, said on Friday that the port would reopen on Monday after a "
    "week in which no ship could enter or leave because of the wrecks in the channel.</p>"
    "<p>&quot;The channel is clear and the cranes are working again,&quot; Duarte told reporters at the "
    "docks, where the first container ship was expected at dawn.</p>"
    "<p>A pilot who asked not to be named said two wrecks still had to be towed away.</p>"
    "</article><footer>Coast Herald</footer></body></html>"
)


@pytest.mark.parametrize(
    "text,answer",
    [
        ("", NO_ARTICLE),
        (" \n\t \u00a0 ", NO_ARTICLE),
        ("\u200b\u2060\ufeff \x07", NO_ARTICLE),
        (":tada: :fire::skin-tone-2: 🎉🔥 👍🏽", EMOJI_ONLY),
        ("!!! ??? ...", NO_ARTICLE),
        (":tada: what do you make of this :fire:", TOO_SHORT),
        (ARTICLE, None),
    ],
)
def test_digest_refusal_gives_one_clear_line_for_empty_emoji_and_short_input(text, answer):
    assert refusal(text) == answer


def test_digest_unfence_reads_a_code_block_as_text():
    assert unfence("```" + ARTICLE + "```") == (ARTICLE.strip(), ARTICLE)
    assert unfence("see this: ```x = 1``` ok") == ("see this: x = 1 ok", "x = 1")
    assert unfence("no fences here") == ("no fences here", "")
    assert unfence("```unclosed\nfence") == ("unclosed\nfence", "unclosed\nfence")


@pytest.mark.parametrize(
    "code",
    [
        "def total(items):\n    s = 0\n    for x in items:\n        s += x\n    return s\n",
        "function go(a, b) {\n  if (a > b) { return a; }\n  return b;\n}\n",
        "SELECT name, title FROM officials WHERE party = 'x';\nDELETE FROM quotes;\n",
        '{"name": "Ines Duarte", "title": "harbour master", "quotes": [1, 2, 3]}',
    ],
)
def test_digest_code_is_told_from_prose(code):
    assert looks_like_code(code)


@pytest.mark.parametrize(
    "prose",
    [
        ARTICLE,
        "The council (which met on Monday) said the plan would cost 1.2 million pounds.\n"
        "Critics said: the figures do not add up.\nThe mayor disagreed.\n",
    ],
)
def test_digest_prose_is_not_code(prose):
    assert not looks_like_code(prose)


def test_digest_html_source_is_recognised_but_an_article_about_html_is_not():
    assert looks_like_html(PAGE)
    assert looks_like_html("<div><p>One</p><p>Two</p><p>Three</p><p>Four</p><p>Five</p></div>" * 2)
    assert not looks_like_html(ARTICLE)
    assert not looks_like_html("The site's <title> tag and its <h1> heading were changed on Monday.\n" * 3)


@pytest.mark.parametrize(
    "text,answer",
    [(" \n ", NO_ARTICLE), ("```\nimport os\nprint(os.getcwd())\nx = 1\n```", CODE)],
)
def test_digest_answers_bad_input_without_parsing(text, answer, settings):
    outcome = digest(text, [], nlp=None, store=None, settings=settings)
    assert [item.error for item in outcome.items] == [answer]


def test_digest_pasted_html_without_an_article_is_one_line(settings):
    nav = "<html><body>" + "<div><a href='/a'>News</a> <a href='/b'>Sport</a></div>" * 6 + "</body></html>"
    outcome = digest(nav, [], nlp=None, store=None, settings=settings)
    assert [item.error for item in outcome.items] == [HTML_NO_ARTICLE]


@pytest.mark.model
def test_digest_pasted_html_is_read_as_the_article_in_it(nlp, store, settings):
    (item,) = digest(PAGE, [], nlp=nlp, store=store, settings=settings).items
    assert item.error is None and item.extraction is not None
    ex = item.extraction
    assert ex.title == "Port reopens on Monday"
    assert "<p>" not in ex.text and "var x" not in ex.text
    assert any("The channel is clear" in q.text and q.speaker == "Ines Duarte" for q in ex.quotes)
    assert ex.url is None and ex.site is None


@pytest.mark.model
def test_digest_article_in_a_code_block_is_digested(nlp, settings):
    (item,) = digest("```" + ARTICLE + "```", [], nlp=nlp, store=None, settings=settings).items
    assert item.extraction is not None and "`" not in item.extraction.text


def test_digest_prose_paragraphs_starting_with_code_keywords_are_not_code():
    prose = (
        "Public anger grew on Monday after the council closed the library.\n"
        "Private schools were not affected, the council said.\n"
        "Update: the mayor said the library would reopen in May.\n"
    )
    assert not looks_like_code(prose)


@pytest.mark.model
def test_digest_input_a_legwork_digest_gets_a_parent_line_then_already_digested_in_its_channel(
    nlp, store, settings
):
    from bot.digest import DIGEST_AGAIN_ACTION, digest_replies
    from bot.models import Sighting

    pasted = "Port <!channel> reopens on Monday\n\n" + ARTICLE
    here = Sighting(team="T1", channel="C1", seen_at=100.0)
    first = digest_replies(pasted, [], asker="U1", nlp=nlp, store=store, settings=settings, sighting=here)
    assert first.ok and first.parent is not None
    line = first.parent.message["text"]
    assert line.startswith("<@U1> asked for a digest of *Port") and "<!channel>" not in line
    assert [r.quiet for r in first.messages] == [False] and first.messages[0].message["blocks"]

    later = Sighting(team="T1", channel="C1", seen_at=200.0)
    again = digest_replies(pasted, [], asker="U2", nlp=nlp, store=store, settings=settings, sighting=later)
    assert again.parent is None, "nothing new for the channel: no parent line"
    (reply,) = again.messages
    assert reply.quiet and reply.message["text"].startswith("Already digested in this channel")
    (button,) = reply.message["blocks"][-1]["elements"]
    assert button["action_id"] == DIGEST_AGAIN_ACTION

    elsewhere = Sighting(team="T1", channel="C2", seen_at=300.0)
    other = digest_replies(
        pasted, [], asker="U3", nlp=nlp, store=store, settings=settings, sighting=elsewhere
    )
    assert other.parent is not None and other.messages[0].message["blocks"], "another channel gets the digest"
