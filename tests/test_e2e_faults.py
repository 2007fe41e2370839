"""End to end, the real server at LEGWORK_LOG_LEVEL=DEBUG: Slack faults and secrets in the log.

The bot runs once for this module (its own, so a refused token cannot poison other modules' bots) in HTTP
mode with every secret set: a bot token, an app-level token and a signing secret, each with a marker that
appears nowhere else. The tests run in file order:

1. a full run (mention, /legwork, a message shortcut, /recall, a link, a snippet, Slack errors);
2. 5xx answers from Slack are retried after a back-off;
3. the bot token stops working (the app was reinstalled): one ERROR line naming the fix, /healthz 503 with
   the reason; it starts working again: /healthz 200;
4. the whole log of all that, DEBUG included, holds none of the secrets.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid

import pytest
from e2e_fixtures import (
    BUDGET_ARTICLE,
    HEALTH_ARTICLE,
    JOB_TIMEOUT,
    ROOT,
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

MARK = uuid.uuid4().hex[:12]
BOT_TOKEN = f"xoxb-4242-4343-bot{MARK}"
APP_TOKEN = f"xapp-1-A0FAULTS-4444-app{MARK}"
NEW_BOT_TOKEN = f"xoxb-4242-4343-new{MARK}"


class HttpBotProcess(BotProcess):
    """``python -m bot serve --mode http``: HTTP mode although SLACK_APP_TOKEN is set."""

    def start(self) -> HttpBotProcess:
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self._t0 = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--mode", "http"],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        return self


@pytest.fixture(scope="module")
def slack():
    with SlackStandin(bot_token=BOT_TOKEN, app_token=APP_TOKEN) as s:
        yield s


@pytest.fixture(scope="module")
def bot(slack, tmp_path_factory):
    skip_unless_app()
    folder = tmp_path_factory.mktemp("e2e-faults")
    env = bot_env(
        slack,
        folder / "legwork.db",
        extra={
            "LEGWORK_LOG_LEVEL": "DEBUG",
            "SLACK_APP_TOKEN": APP_TOKEN,
            "LEGWORK_FETCH_ALLOW": f"127.0.0.1:{slack.port}",
            "LEGWORK_PROCESSES": "1",
        },
    )
    with serving(HttpBotProcess(env, folder / "bot.log")) as proc:
        yield proc


@pytest.fixture(scope="module")
def driver(bot, slack):
    return SlackDriver(bot.url, SECRET, standin=slack)


def article_page(title: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='og:title' content='{title}'></head><body><article><h1>{title}</h1>{body}"
        "</article></body></html>"
    )


# -- 1. a full run ------------------------------------------------------------------------------------


def test_a_full_run_at_debug_level(driver, slack, bot):
    # a mention with a pasted article
    channel = new_channel()
    payload, d = driver.mention(channel, BUDGET_ARTICLE)
    assert d.status == 200 and d.latency < ACK_BUDGET
    assert wait_done(slack, channel, payload["event"]["ts"]) == "white_check_mark"

    # /legwork with an article
    command_channel = new_channel()
    _, d = driver.command("/legwork", HEALTH_ARTICLE, channel_id=command_channel)
    assert d.status == 200
    slack.wait_for_calls("chat.postMessage", channel=command_channel, timeout=JOB_TIMEOUT, ok_only=True)

    # a message shortcut
    shortcut_channel = new_channel()
    msg = slack.add_message(shortcut_channel, BUDGET_ARTICLE.replace("Qasim", "Qadri"))
    _, d = driver.shortcut(msg, channel=shortcut_channel)
    assert d.status == 200
    wait_done(slack, shortcut_channel, msg["ts"])

    # /recall
    fields, d = driver.command("/recall", "Qasim", channel_id=channel)
    assert d.status == 200
    rid = fields["response_url"].rsplit("/", 1)[-1]
    slack.wait_for_calls("response_url", timeout=JOB_TIMEOUT, where=lambda c: c.response_id == rid)

    # a link, fetched
    paragraphs = [
        "Energy Minister Tomas Varga said on Friday that the grid would be upgraded before winter.",
        "&quot;No household will be left in the dark this year,&quot; Varga told reporters at the plant.",
        "An engineer at the utility, who asked not to be named, said the budget had not been approved.",
        "The ministry did not say what the upgrade would cost.",
    ]
    url = slack.add_page("grid-story", article_page("Grid upgrade before winter, minister says", paragraphs))
    link_channel = new_channel()
    payload, _ = driver.mention(link_channel, f"<{url}>")
    wait_done(slack, link_channel, payload["event"]["ts"])
    assert slack.calls("page")

    # a snippet, downloaded with the bot token
    snippet_channel = new_channel()
    snippet = slack.add_file("budget.txt", BUDGET_ARTICLE.replace("Qasim", "Qazi"))
    payload = driver.mention_payload(snippet_channel, "")
    payload["event"]["files"] = [snippet]
    assert driver.send_event(payload).status == 200
    wait_done(slack, snippet_channel, payload["event"]["ts"])
    assert any(c.token == BOT_TOKEN for c in slack.calls("file_download"))

    # Slack errors: the bot is not in the channel; a rate limit
    error_channel = new_channel()
    slack.fail("chat.postMessage", "not_in_channel", channel=error_channel, times=None)
    payload, _ = driver.mention(error_channel, HEALTH_ARTICLE)
    assert wait_done(slack, error_channel, payload["event"]["ts"]) == "warning"
    slack.clear_faults()
    limited_channel = new_channel()
    slack.fail("chat.postMessage", status=429, retry_after=1, channel=limited_channel)
    payload, _ = driver.mention(limited_channel, HEALTH_ARTICLE)
    assert wait_done(slack, limited_channel, payload["event"]["ts"]) == "white_check_mark"

    assert driver.healthz().status == 200
    log = bot.log()
    assert " DEBUG " in log and "Sending a request" in log, "slack_sdk's DEBUG lines are in the log"


# -- 2. 5xx back-off ------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [502, 503])
def test_a_server_error_is_retried_after_a_back_off(driver, slack, status):
    channel = new_channel()
    slack.fail("chat.postMessage", status=status, channel=channel)
    payload, _ = driver.mention(channel, HEALTH_ARTICLE)
    ts = payload["event"]["ts"]
    assert wait_done(slack, channel, ts) == "white_check_mark"
    attempts = slack.posts(channel, ts, ok_only=False)
    assert [c.http_status for c in attempts] == [status, 200]
    assert attempts[1].at - attempts[0].at >= 0.45, "the retry waited (0.5 s back-off plus jitter)"


# -- 3. a refused token -----------------------------------------------------------------------------------


def test_a_revoked_token_is_logged_once_and_healthz_says_why(driver, slack, bot):
    offset = bot.log_offset()
    slack.bot_token = NEW_BOT_TOKEN  # the app was reinstalled: Slack refuses the old token (invalid_auth)
    try:
        channels = [new_channel() for _ in range(3)]
        for channel in channels:
            _, d = driver.mention(channel, HEALTH_ARTICLE)
            assert d.status == 200, "events are still acknowledged"
        for channel in channels:  # each job ends with its final reaction, refused too
            slack.wait_for_calls("reactions.add", channel=channel, name="warning", timeout=JOB_TIMEOUT)
        h = driver.healthz()
        assert h.status == 503, h.text
        reason = h.text.strip()
        assert "\n" not in reason and "invalid_auth" in reason and "SLACK_BOT_TOKEN" in reason
        slack.settle(1.0)
        lines = [line for line in bot.log_since(offset).splitlines() if " ERROR handlers.health" in line]
        assert len(lines) == 1, lines
        assert "invalid_auth" in lines[0] and "reinstall" in lines[0] and "SLACK_BOT_TOKEN" in lines[0]
    finally:
        slack.bot_token = BOT_TOKEN
    # the token works again (here: the old one is back): the next call that succeeds clears it
    channel = new_channel()
    payload, _ = driver.mention(channel, BUDGET_ARTICLE)
    wait_done(slack, channel, payload["event"]["ts"])
    assert driver.healthz().status == 200
    assert "accepts the bot token" in bot.log_since(offset)


# -- 4. secrets in the log -------------------------------------------------------------------------------


def test_no_token_or_secret_anywhere_in_the_log(bot):
    """Last: the whole log of this module's run, DEBUG lines and tracebacks included."""
    log = bot.log()
    assert len(log) > 10_000, "a full run was logged"
    for secret in (BOT_TOKEN, APP_TOKEN, NEW_BOT_TOKEN, SECRET, MARK, "legacy-verification-token"):
        assert secret not in log, f"{secret[:8]}… is in the log"
