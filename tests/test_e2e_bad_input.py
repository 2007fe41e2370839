"""Bad input end to end (issue #8): the real server (``python -m bot serve``), the Slack stand-in, one bot for
the module (the pipeline loads once). Each test sends one kind of bad input and checks what the reporter sees:
exactly one clear line, or one digest, in the thread; no traceback in the bot's log; the bot still healthy.
The last test checks that after all of them a normal article is still digested promptly (the queue is not
stalled). Every passage here is written for these tests.

Inputs already covered in test_e2e_http.py (a bare mention outside a thread, a few words, binary junk, a
foreign text without quotes, 40,000 characters of repeated prose, pasted pings) are not repeated.
"""

from __future__ import annotations

import random
import re
import string
import time

import pytest
from e2e_fixtures import (
    JOB_TIMEOUT,
    SECRET,
    BotProcess,
    bot_env,
    new_channel,
    serving,
    skip_unless_app,
    wait_done,
)
from slack_driver import ACK_BUDGET, SlackDriver
from slack_standin import SlackStandin

pytestmark = pytest.mark.slow

PROMPT = 30.0  # a short article after all the bad input
_users = iter(range(10_000))


@pytest.fixture(scope="module")
def slack():
    with SlackStandin() as s:
        yield s


@pytest.fixture(scope="module")
def bot(slack, tmp_path_factory):
    skip_unless_app()
    folder = tmp_path_factory.mktemp("e2e-bad-input")
    env = bot_env(slack, folder / "legwork.db", extra={"LEGWORK_PROCESSES": "1", "LEGWORK_USER_RATE": "0"})
    with serving(BotProcess(env, folder / "bot.log")) as proc:
        yield proc


@pytest.fixture(scope="module")
def driver(bot, slack):
    return SlackDriver(bot.url, SECRET, standin=slack)


@pytest.fixture
def log_mark(bot):
    """Where the bot's log stood when the test began."""
    return bot.log_offset()


# -- helpers --------------------------------------------------------------------------------------


def slack_escaped(text: str) -> str:
    """Text as Slack sends a paste: ``&``, ``<`` and ``>`` escaped, web addresses made links."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"https?://[^\s\"'&]+", lambda m: f"<{m.group(0)}>", escaped)


def reporter() -> str:
    """A fresh user id for each request, so no per-user limit is involved."""
    return f"U0BAD{next(_users):05d}"


def mention(driver: SlackDriver, text: str, **kw) -> tuple[str, str]:
    """Mention the bot with ``text`` (already Slack-escaped) in a new channel; (channel, ts)."""
    channel = new_channel()
    payload, d = driver.mention(channel, text, user=reporter(), **kw)
    assert d.status == 200 and d.latency < ACK_BUDGET, (d.status, d.latency, d.text)
    return channel, payload["event"]["ts"]


def only_reply(slack: SlackStandin, channel: str, ts: str, *, reacts: bool = True):
    """The one message the bot posted for the request ``ts`` (in its thread, nowhere else in the channel)."""
    if reacts:
        wait_done(slack, channel, ts)
    else:
        slack.wait_for_calls("chat.postMessage", channel=channel, timeout=JOB_TIMEOUT)
    slack.settle(0.6)
    attempts = slack.posts(channel, ok_only=False)
    refused = [(c.answer.get("error"), c.answer.get("errors")) for c in attempts if not c.ok]
    assert refused == [], f"Slack refused a reply: {refused}"
    posts = slack.posts(channel)
    assert len(posts) == 1, [p.all_text[:120] for p in posts]
    assert posts[0].get("thread_ts") == ts
    return posts[0]


def one_line(slack: SlackStandin, channel: str, ts: str, *, reacts: bool = True) -> str:
    """The single line the bot answered with: text only, one line, a warning when it refused."""
    post = only_reply(slack, channel, ts, reacts=reacts)
    assert not post.get("blocks"), "a refusal is one line, not a digest"
    text = post.get("text") or ""
    assert text.strip() and "\n" not in text.strip(), text
    assert "Traceback" not in text and "Error(" not in text and "Exception" not in text
    return text


def a_digest(slack: SlackStandin, channel: str, ts: str) -> str:
    """The single digest the bot answered with, as the text a reader sees; within Slack's limits."""
    post = only_reply(slack, channel, ts)
    assert post.get("blocks"), post.all_text[:300]
    assert len(post.get("text") or "") <= 4000 and len(post.get("blocks")) <= 50
    return post.all_text


def healthy(bot: BotProcess, driver: SlackDriver, log_mark: int) -> None:
    """The bot is alive, answers /healthz, and logged no traceback during the test."""
    assert bot.alive, "the bot process died"
    assert driver.healthz().status == 200
    log = bot.log_since(log_mark)
    assert "Traceback" not in log, log[-3000:]


# -- passages (written for these tests) -----------------------------------------------------------------

FERRY_ARTICLE = "\n\n".join(
    [
        "Ferry service to the islands suspended after storm damage",
        "Transport Minister Helena Marsh said on Wednesday that ferries to the northern islands would not "
        "run until the damaged pier at Carrick had been inspected.",
        '"Nobody boards a ferry from that pier until an engineer has signed it off," Marsh told reporters '
        "at the harbour.",
        "A harbour official, who asked not to be named because he was not allowed to speak to the press, "
        "said the inspection could take two weeks.",
        '"The islanders have been patient, and they deserve a date," said Councillor Owen Pryce, who '
        "represents the northern wards.\n",
    ]
)

SPANISH_ARTICLE = "\n\n".join(
    [
        "El ayuntamiento aplaza la votación sobre el nuevo mercado",
        "La alcaldesa de Villanueva anunció el lunes que la votación sobre el proyecto del mercado central "
        "se celebrará dentro de dos semanas, después de las protestas de los comerciantes del barrio.",
        "«No vamos a decidir nada sin escuchar antes a los vendedores», dijo la alcaldesa ante los "
        "periodistas reunidos en la plaza.",
        "Un concejal de la oposición, que pidió no ser identificado, aseguró que el presupuesto del proyecto "
        "todavía no ha sido aprobado por la comisión de hacienda y que faltan varios informes técnicos.",
        "“Los números no cuadran y todo el mundo lo sabe”, añadió el concejal.\n",
    ]
)

HTML_PAGE = (
    "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
    "<title>Library reopens after flood repairs | Valley Courier</title>\n"
    "<meta property='og:site_name' content='Valley Courier'>\n"
    "<script>window.dataLayer = window.dataLayer || [];\n"
    "function gtag(){dataLayer.push(arguments);}</script>\n"
    "<style>body { font-family: serif; } .ad { display: none; }</style>\n"
    "<link rel='canonical' href='https://valley-courier.example/local/library-reopens'>\n"
    "</head>\n<body>\n<nav><a href='https://valley-courier.example/'>Home</a> "
    "<a href='https://valley-courier.example/local'>Local</a> <a href='/sport'>Sport</a></nav>\n"
    "<article>\n<h1>Library reopens after flood repairs</h1>\n<p class='byline'>By Tomasz Wilk</p>\n"
    "<p>The central library in Eastfield reopened on Saturday, eight months after flood water wrecked its "
    "ground floor and destroyed thousands of books in the children's section.</p>\n"
    "<p>&quot;We lost the carpets, the shelves and half of the picture books, but we never lost the "
    "readers,&quot; head librarian Ruth Adebayo said as the first visitors queued at the doors.</p>\n"
    "<p>Council leader Imran Siddiqui said the repairs had cost about 1.2 million pounds, most of it paid "
    "by the insurer, and that a flood barrier would be fitted along the river path next spring.</p>\n"
    "<p>A council engineer, who asked not to be named, said the barrier had not yet been costed.</p>\n"
    "</article>\n<div class='ad'>Advertisement</div>\n<footer>&copy; Valley Courier</footer>\n"
    "</body>\n</html>\n"
)

NAV_ONLY_HTML = (
    "<html><head><title>Sign in</title></head><body><div class='menu'><ul><li><a href='/a'>News</a></li>"
    "<li><a href='/b'>Sport</a></li><li><a href='/c'>Weather</a></li><li><a href='/d'>Jobs</a></li></ul>"
    "</div><form><input type='text' name='user'><input type='password' name='pw'><button>Sign in</button>"
    "</form></body></html>"
)

CODE_BLOCK = (
    "```\nimport json\n\ndef load_scores(path):\n    with open(path) as f:\n        rows = json.load(f)\n"
    "    return {r['team']: r['points'] for r in rows}\n\nif __name__ == '__main__':\n"
    "    print(load_scores('league.json'))\n```"
)

NESTED_QUOTES_ARTICLE = "\n\n".join(
    [
        "Port strike talks collapse",
        "Union leader Marta Kowalczyk said on Monday that talks with the port operator had collapsed after "
        "six hours.",
        "\"When their lawyer told us 'this is our final offer', we said 'then there is nothing to sign',\" "
        "Kowalczyk said.",
        '"The cranes will stay still until the operator comes back with a real offer, Kowalczyk told '
        "reporters outside the gates.",
        "A spokesman for the operator said the union's demands were \"unaffordable.",
        "Kowalczyk answered: “We have heard ‘unaffordable’ every year since 2009, and every year they paid "
        "their shareholders.”",
        'Dock workers" voted in March for the strike, and a second ballot is planned for June."',
    ]
)


def two_hundred_quotes() -> str:
    """An article with 200 quotations from eight named speakers."""
    people = [
        ("Mayor", "Agnes Whitfield"),
        ("Councillor", "Bram Hollis"),
        ("Police Chief", "Carla Mendez"),
        ("Fire Chief", "Desmond Achebe"),
        ("Health Director", "Eva Lindgren"),
        ("Schools Director", "Felix Moreau"),
        ("Parks Director", "Gita Raman"),
        ("City Treasurer", "Hugo Brandt"),
    ]
    paragraphs = ["City council sits through the night on the budget"]
    for i in range(200):
        title, name = people[i % len(people)]
        surname = name.split()[-1]
        if i < len(people):
            paragraphs.append(
                f'"Item {i + 1} is not a luxury, it is the least we owe residents," {title} {name} said.'
            )
        elif i % 2:
            paragraphs.append(
                f'{surname} added: "We argued about item {i + 1} for an hour and agreed on nothing."'
            )
        else:
            paragraphs.append(f'"Item {i + 1} should have been settled in committee," {surname} said.')
    return "\n\n".join(paragraphs) + "\n"


def giant_paragraph(limit: int = 40_000) -> str:
    """One paragraph (no line break) of about ``limit`` characters: sentences with names, quotes, sources."""
    speakers = ["Nadia Okonjo", "Piet de Graaf", "Lucia Ferreira", "Samuel Adjei"]
    sentences: list[str] = []
    i = 0
    while sum(len(s) + 1 for s in sentences) < limit - 400:
        name = speakers[i % len(speakers)]
        surname = name.split()[-1]
        sentences += [
            f"Housing Minister {name} said on Thursday that site number {i} would be offered to builders.",
            f'"We will not sell land number {i} below its value," {surname} told the committee.',
            f"An official who asked not to be named said the price of site {i} had not been agreed.",
        ]
        i += 1
    return " ".join(sentences)


def megabyte_of_text() -> str:
    """About 1 MB of article text: a story followed by many numbered paragraphs of council minutes."""
    lines = [FERRY_ARTICLE.strip()]
    n = 0
    while sum(len(x) + 2 for x in lines) < 1_050_000:
        n += 1
        lines.append(
            f"Minute {n}: the committee noted the harbour master's report on berth {n % 40 + 1}, asked the "
            "clerk to circulate the figures before the next meeting, and moved on to the next item."
        )
    return "\n\n".join(lines)


# -- the bad inputs -------------------------------------------------------------------------------------


def test_whitespace_only_input_gets_one_clear_line(driver, slack, bot, log_mark):
    # a mention followed only by spaces, tabs and line breaks, outside a thread: how to use Legwork
    channel, ts = mention(driver, " \n\t   \n ")
    text = one_line(slack, channel, ts, reacts=False)
    assert "paste" in text.lower() and "@Legwork" in text, text
    # a direct message of nothing but invisible characters: there is no article
    dm = new_channel("D")
    slack.add_channel(dm, im=True)
    payload = driver.message_payload(dm, "\u200b \u2060\u00a0\n\u200b", user=reporter())
    assert driver.send_event(payload).status == 200
    text = one_line(slack, dm, payload["event"]["ts"])
    assert text.startswith(":warning:") and "no article" in text.lower(), text
    healthy(bot, driver, log_mark)


def test_40000_characters_of_junk_get_one_clear_line_quickly(driver, slack, bot, log_mark):
    rng = random.Random(8)
    alphabet = string.ascii_letters + string.digits + string.punctuation + "  \n"
    junk = "".join(rng.choice(alphabet) for _ in range(40_000))
    started = time.monotonic()
    channel, ts = mention(driver, slack_escaped(junk))
    text = one_line(slack, channel, ts)
    assert text.startswith(":warning:") and "article text" in text, text
    assert time.monotonic() - started < PROMPT
    healthy(bot, driver, log_mark)


def test_control_characters_in_an_article_are_cleaned_and_it_is_digested(driver, slack, bot, log_mark):
    noisy = (
        FERRY_ARTICLE.replace("Wednesday", "Wed\x07nesday")
        .replace("harbour.", "harbour.\x1b[0m\x0c")
        .replace("pier at", "pier\x7f at")
        .replace("two weeks", "two\x85weeks\x01")
    )
    channel, ts = mention(driver, noisy)
    body = a_digest(slack, channel, ts)
    assert "Marsh" in body and "Nobody boards a ferry from that pier" in body
    controls = re.findall(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", body)
    assert controls == [], "control characters reached Slack"
    healthy(bot, driver, log_mark)


def test_emoji_only_gets_one_clear_line(driver, slack, bot, log_mark):
    channel, ts = mention(driver, ":tada: :fire: 🎉🔥👍 :+1::skin-tone-3: 🙏🏽 :newspaper:")
    text = one_line(slack, channel, ts)
    assert text.startswith(":warning:") and "emoji" in text.lower(), text
    healthy(bot, driver, log_mark)


def test_a_non_english_article_lists_its_quotes_and_says_english_only(driver, slack, bot, log_mark):
    channel, ts = mention(driver, SPANISH_ARTICLE)
    body = a_digest(slack, channel, ts)
    assert "English" in body, "the reply says that Legwork reads English only"
    assert "No vamos a decidir nada sin escuchar antes a los vendedores" in body
    assert "Los números no cuadran y todo el mundo lo sabe" in body
    assert "*Officials:*" not in body, "no English-model guesses about Spanish names"
    healthy(bot, driver, log_mark)


def test_pasted_html_source_is_read_as_the_article_in_it(driver, slack, bot, log_mark):
    channel, ts = mention(driver, slack_escaped(HTML_PAGE))
    body = a_digest(slack, channel, ts)
    assert "Library reopens after flood repairs" in body, "the page's headline is the digest's title"
    assert "we never lost the readers" in body and "Adebayo" in body
    assert "<p>" not in body and "&lt;p" not in body and "gtag" not in body
    # HTML with no article in it: one line that says so
    channel, ts = mention(driver, slack_escaped(NAV_ONLY_HTML))
    text = one_line(slack, channel, ts)
    assert text.startswith(":warning:") and "HTML" in text, text
    healthy(bot, driver, log_mark)


def test_a_code_block_gets_one_clear_line_and_an_article_in_one_is_read(driver, slack, bot, log_mark):
    channel, ts = mention(driver, slack_escaped(CODE_BLOCK))
    text = one_line(slack, channel, ts)
    assert text.startswith(":warning:") and "code" in text.lower(), text
    channel, ts = mention(driver, "```" + FERRY_ARTICLE + "```")
    body = a_digest(slack, channel, ts)
    assert "Marsh" in body and "`" not in body.split("\n")[0]
    healthy(bot, driver, log_mark)


def test_an_article_with_200_quotes_gets_one_digest_within_slacks_limits(driver, slack, bot, log_mark):
    channel, ts = mention(driver, two_hundred_quotes())
    body = a_digest(slack, channel, ts)
    found = re.search(r"of (\d+) quotes", body)
    assert found and int(found.group(1)) >= 190, body[:500]
    assert "Whitfield" in body
    healthy(bot, driver, log_mark)


def test_one_giant_paragraph_is_digested_in_reasonable_time(driver, slack, bot, log_mark):
    text = giant_paragraph()
    assert "\n" not in text and 39_000 < len(text) <= 40_000
    started = time.monotonic()
    channel, ts = mention(driver, text)
    body = a_digest(slack, channel, ts)
    took = time.monotonic() - started
    print(f"one 40,000-character paragraph digested in {took:.1f}s")
    assert "We will not sell land number" in body
    assert took < 60, took
    healthy(bot, driver, log_mark)


def test_nested_and_unbalanced_quote_marks_are_digested(driver, slack, bot, log_mark):
    channel, ts = mention(driver, NESTED_QUOTES_ARTICLE)
    body = a_digest(slack, channel, ts)
    # the nested quotation is kept whole, with its inner quote marks
    nested = "When their lawyer told us 'this is our final offer', we said 'then there is nothing to sign'"
    assert nested in body
    assert "We have heard ‘unaffordable’ every year since 2009" in body
    assert "Kowalczyk" in body
    healthy(bot, driver, log_mark)


def test_a_1mb_snippet_is_capped_and_digested(driver, slack, bot, log_mark):
    content = megabyte_of_text()
    assert len(content.encode()) > 1_000_000
    snippet = slack.add_file("minutes.txt", content)
    channel = new_channel()
    payload = driver.mention_payload(channel, "", user=reporter())
    payload["event"]["files"] = [snippet]
    assert driver.send_event(payload).status == 200
    ts = payload["event"]["ts"]
    body = a_digest(slack, channel, ts)
    assert "Nobody boards a ferry from that pier" in body
    assert "Only the first" in body and "100,000" in body, "the reply says the text was cut"
    downloads = [c for c in slack.calls("file_download") if snippet["id"] in c.path]
    assert len(downloads) == 1
    healthy(bot, driver, log_mark)


def test_after_all_the_bad_input_a_normal_article_is_digested_promptly(driver, slack, bot, log_mark):
    article = FERRY_ARTICLE.replace("Helena Marsh", "Helena Strand").replace("Marsh", "Strand")
    started = time.monotonic()
    channel, ts = mention(driver, article)
    assert wait_done(slack, channel, ts, timeout=PROMPT) == "white_check_mark"
    body = a_digest(slack, channel, ts)
    assert "Strand" in body and "Nobody boards a ferry from that pier" in body
    print(f"a normal article after the bad input: digested in {time.monotonic() - started:.1f}s")
    healthy(bot, driver, log_mark)
