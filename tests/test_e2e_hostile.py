"""The hostile-input corpus (issue #17, ``tests/hostile/``) against the real server and the Slack stand-in.

One bot for the module (HTTP mode, one extraction process). Each hostile paste gets exactly one answer in its
thread within 10 s, and a normal article sent straight after it is answered in its usual time; each hostile
request body gets a 4xx (or an empty 200) and posts nothing; a link whose server drips its headers is given up
on at the 20 s fetch deadline without holding up the next article; a 200 MB unsigned POST leaves the server's
memory where it was. The bot's log has no traceback.
"""

from __future__ import annotations

import http.client
import json
import re
import threading
import time
from pathlib import Path

import pytest
from e2e_fixtures import SECRET, BotProcess, bot_env, new_channel, serving, skip_unless_app, wait_done
from local_http import LocalServer
from slack_driver import ACK_BUDGET, SlackDriver
from slack_standin import SlackStandin

pytestmark = pytest.mark.slow

HOSTILE = Path(__file__).parent / "hostile"
CORPUS = json.loads((HOSTILE / "pastes.json").read_text(encoding="utf-8"))
REQUESTS = json.loads((HOSTILE / "requests.json").read_text(encoding="utf-8"))["requests"]
ANSWER_WITHIN = 10.0  # seconds from a hostile paste to its answer in the thread
FETCH_DEADLINE = 20.0
_users = iter(range(10_000))
_articles = iter(range(10_000))

NORMAL = (
    "Library hours extended for exam season\n\n"
    "Mayor Priya Nair said on Friday that the central library would stay open until midnight during "
    "the {n} weeks of exams.\n\n"
    '"Students need a quiet place to work, and the library is theirs," Nair told the council.\n\n'
    "A council official, speaking on condition of anonymity, said the extra hours would cost about 40,000 "
    "pounds.\n"
)


def normal() -> str:
    """The normal article, a little different each time (the same text would be answered from the store)."""
    return NORMAL.replace("{n}", str(next(_articles) + 2))


def paste(entry: dict) -> str:
    return "".join(text.replace("{article}", CORPUS["article"]) * times for text, times in entry["parts"])


def slack_escaped(text: str) -> str:
    """Text as Slack sends a paste: ``&``, ``<`` and ``>`` escaped, web addresses made links."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"https?://[^\s\"'&]+", lambda m: f"<{m.group(0)}>", escaped)


@pytest.fixture(scope="module")
def slack():
    with SlackStandin() as s:
        yield s


@pytest.fixture(scope="module")
def web():
    with LocalServer() as server:
        yield server


@pytest.fixture(scope="module")
def bot(slack, web, tmp_path_factory):
    skip_unless_app()
    folder = tmp_path_factory.mktemp("e2e-hostile")
    # two extraction processes, as on a 2-core host (LEGWORK_PROCESSES=auto): a long paste holds one of them
    extra = {"LEGWORK_PROCESSES": "2", "LEGWORK_FETCH_ALLOW": f"127.0.0.1:{web.port}"}
    with serving(BotProcess(bot_env(slack, folder / "legwork.db", extra=extra), folder / "bot.log")) as proc:
        yield proc


@pytest.fixture(scope="module")
def driver(bot, slack):
    return SlackDriver(bot.url, SECRET, standin=slack)


@pytest.fixture(scope="module")
def usual(driver, slack):
    """The normal article's usual answer time on this machine, now (the pipeline warmed up first)."""
    answer_time(driver, slack, normal())
    answer_time(driver, slack, normal())  # both extraction processes warm
    return max(answer_time(driver, slack, normal()) for _ in range(2))


def mention(driver: SlackDriver, text: str) -> tuple[str, str, float]:
    channel = new_channel()
    payload, d = driver.mention(channel, slack_escaped(text), user=f"U0HOST{next(_users):05d}")
    assert d.status == 200 and d.latency < ACK_BUDGET, (d.status, d.latency, d.text)
    return channel, payload["event"]["ts"], time.monotonic()


def answer_time(driver: SlackDriver, slack: SlackStandin, text: str) -> float:
    channel, ts, sent = mention(driver, text)
    wait_done(slack, channel, ts)
    return time.monotonic() - sent


def first_answer(slack: SlackStandin, channel: str, sent: float, timeout: float) -> float:
    slack.wait_for(
        lambda: slack.posts(channel, ok_only=False), timeout=timeout, message=f"an answer in {channel}"
    )
    return time.monotonic() - sent


def no_traceback(bot: BotProcess, offset: int) -> None:
    assert bot.alive, "the bot process died"
    log = bot.log_since(offset)
    assert "Traceback" not in log, log[-3000:]


@pytest.mark.parametrize("entry", CORPUS["pastes"], ids=lambda e: e["name"])
def test_a_hostile_paste_gets_one_answer_and_does_not_hold_up_the_next_article(
    entry, driver, slack, bot, usual
):
    offset = bot.log_offset()
    text = paste(entry)
    assert len(slack_escaped(text)) <= 40_000, "within Slack's message limit"
    channel, ts, sent = mention(driver, text)
    after, after_ts, after_sent = mention(driver, normal())  # straight after it
    wait_done(slack, after, after_ts)
    normal_took = time.monotonic() - after_sent
    took = first_answer(slack, channel, sent, timeout=ANSWER_WITHIN + 20)
    slack.settle(0.5)
    answers = slack.posts(channel)
    print(f"{entry['name']}: answered in {took:.2f} s; the next article in {normal_took:.2f} s ({usual:.2f})")
    assert len(answers) == 1 and answers[0].get("thread_ts") == ts, [a.all_text[:100] for a in answers]
    assert took < ANSWER_WITHIN, f"{entry['name']}: answered after {took:.1f} s"
    assert normal_took < max(3 * usual, usual + 5.0), (
        f"the next article took {normal_took:.1f} s ({usual:.1f})"
    )
    assert len(slack.posts(after)) == 1
    no_traceback(bot, offset)


@pytest.mark.parametrize("entry", REQUESTS, ids=lambda e: e["name"])
def test_a_hostile_request_body_is_refused_and_posts_nothing(entry, driver, slack, bot):
    offset, mark = bot.log_offset(), slack.mark()
    d = driver.post(entry["body"].encode("latin-1"), entry["content_type"])
    expected = entry.get("status")
    assert (d.status == expected) if expected else (400 <= (d.status or 0) < 500), (d.status, d.text)
    slack.settle(1.0)
    assert slack.calls("chat.postMessage", since=mark) == []
    no_traceback(bot, offset)


def _drip_headers(seconds: float):
    def drip(h):
        started = time.monotonic()
        h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
        while time.monotonic() - started < seconds:
            h.wfile.write(b"X-Drip: 1\r\n")
            h.wfile.flush()
            time.sleep(0.5)

    return drip


def test_a_link_that_drips_its_headers_is_given_up_on_at_the_deadline(driver, slack, bot, web, usual):
    offset = bot.log_offset()
    web.routes["/drip-headers"] = _drip_headers(60.0)
    channel, ts, sent = mention(driver, web.url("/drip-headers"))
    after, after_ts, after_sent = mention(driver, normal())
    wait_done(slack, after, after_ts)
    assert time.monotonic() - after_sent < max(3 * usual, usual + 5.0), "the next article is not held up"
    wait_done(slack, channel, ts, timeout=FETCH_DEADLINE + 20)
    took = time.monotonic() - sent
    print(f"header drip: given up after {took:.1f} s")
    (line,) = slack.posts(channel)
    assert "took too long" in line.get("text"), line.get("text")
    assert took < FETCH_DEADLINE + 5, f"given up after {took:.1f} s"
    no_traceback(bot, offset)


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def big_unsigned_post(port: int, size: int, answers: list) -> None:
    """POST ``size`` bytes, unsigned, in 1 MB writes; the status the server answered with (or the error)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    chunk = b"x" * 1_000_000
    try:
        conn.putrequest("POST", "/slack/events")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(size))
        conn.endheaders()
        for _ in range(size // len(chunk)):
            conn.send(chunk)
        answers.append(conn.getresponse().status)
    except OSError as exc:  # the server answered and hung up before the body was sent: as intended
        answers.append(type(exc).__name__)
    finally:
        conn.close()


def test_200_mb_unsigned_posts_leave_the_servers_memory_flat(driver, bot):
    offset = bot.log_offset()
    before = rss_kib(bot.proc.pid)
    answers: list = []
    big_unsigned_post(bot.port, 200_000_000, answers)
    threads = [
        threading.Thread(target=big_unsigned_post, args=(bot.port, 200_000_000, answers)) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    grew = (rss_kib(bot.proc.pid) - before) / 1024
    print(f"RSS before {before / 1024:.0f} MB, grew by {grew:.1f} MB; answers {answers}")
    assert grew < 20, f"the server's memory grew by {grew:.0f} MB"
    assert all(a in (413, "BrokenPipeError", "ConnectionResetError") for a in answers), answers
    assert driver.healthz().status == 200
    no_traceback(bot, offset)


def test_a_links_query_string_stays_out_of_the_log(driver, slack, bot, web):
    offset = bot.log_offset()
    channel, ts, _sent = mention(driver, web.url("/no-such-page?session=tok3n-s3cr3t&id=7"))
    wait_done(slack, channel, ts)
    (line,) = slack.posts(channel)
    assert "HTTP 404" in line.get("text"), line.get("text")
    log = bot.log_since(offset)
    assert "/no-such-page" in log and "tok3n-s3cr3t" not in log, log[-2000:]
    no_traceback(bot, offset)
