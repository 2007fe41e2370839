"""End to end in Socket Mode: with PORT set, ``/healthz`` answers on it, and says 503 while Slack refuses the
bot token. Its own bot, so the refused token touches no other module."""

from __future__ import annotations

import pytest
from e2e_fixtures import (
    HEALTH_ARTICLE,
    JOB_TIMEOUT,
    SECRET,
    BotProcess,
    bot_env,
    new_channel,
    skip_unless_app,
)
from slack_driver import SlackDriver
from slack_standin import SlackStandin
from socket_standin import SocketStandin

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def slack():
    with SlackStandin() as s:
        yield s


@pytest.fixture(scope="module")
def ws(slack):
    with SocketStandin() as w:
        w.attach(slack)
        yield w


@pytest.fixture(scope="module")
def bot(slack, ws, tmp_path_factory):
    skip_unless_app()
    folder = tmp_path_factory.mktemp("e2e-socket-health")
    env = bot_env(slack, folder / "legwork.db", socket_mode=True, extra={"LEGWORK_PROCESSES": "1"})
    proc = BotProcess(env, folder / "bot.log").start()
    try:
        try:
            ws.wait_connected(timeout=120)
        except AssertionError:
            proc.fail("the bot did not open a Socket Mode connection")
        yield proc
    finally:
        proc.stop()


def test_socket_mode_answers_healthz_on_port_and_reports_a_refused_token(bot, ws, slack):
    http = SlackDriver(bot.url, SECRET)
    d = http.healthz()
    assert (d.status, d.text.strip()) == (200, "ok")
    assert http.get("/slack/events").status == 404, "only /healthz listens on PORT in Socket Mode"

    payloads = SlackDriver("http://127.0.0.1:9", SECRET, standin=slack)
    good = slack.bot_token
    slack.bot_token = "xoxb-after-a-reinstall"
    try:
        channel = new_channel()
        event = payloads.mention_payload(channel, HEALTH_ARTICLE)
        ws.wait_ack(ws.push_event(event))
        slack.wait_for(lambda: http.healthz().status == 503, timeout=JOB_TIMEOUT, message="healthz 503")
        assert "invalid_auth" in http.healthz().text and "SLACK_BOT_TOKEN" in http.healthz().text
        # the job ends (its last call, the final reaction, refused too) before the token works again
        slack.wait_for_calls(
            "reactions.add",
            channel=channel,
            timestamp=event["event"]["ts"],
            name="warning",
            timeout=JOB_TIMEOUT,
        )
        slack.settle(0.5)
    finally:
        slack.bot_token = good
    channel = new_channel()
    ws.wait_ack(ws.push_event(payloads.mention_payload(channel, "help")))
    slack.wait_for_calls("chat.postMessage", channel=channel, timeout=JOB_TIMEOUT, ok_only=True)
    # the stand-in records the call before the bot has read Slack's ok: give the answer a moment to arrive
    slack.wait_for(lambda: http.healthz().status == 200, timeout=5, message="healthz 200 again")
