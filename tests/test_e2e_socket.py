"""End to end in Socket Mode: ``python -m bot serve`` with SLACK_APP_TOKEN set, in a subprocess.

The bot's own slack_sdk Socket Mode client asks the Web API stand-in's ``apps.connections.open`` for a URL
and connects to the local WebSocket stand-in, which pushes envelopes and records the bot's acks.
"""

from __future__ import annotations

import pytest
from e2e_fixtures import (
    BUDGET_ARTICLE,
    HEALTH_ARTICLE,
    JOB_TIMEOUT,
    SECRET,
    BotProcess,
    bot_env,
    new_channel,
    skip_unless_app,
    wait_done,
)
from slack_driver import ACK_BUDGET, SlackDriver
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
    folder = tmp_path_factory.mktemp("e2e-socket")
    # a small job pool, so a burst finds it full (test_a_burst_beyond_the_pool_is_told_busy)
    env = bot_env(
        slack,
        folder / "legwork.db",
        socket_mode=True,
        extra={"LEGWORK_WORKERS": "1", "LEGWORK_QUEUE_SIZE": "2", "LEGWORK_PROCESSES": "1"},
    )
    proc = BotProcess(env, folder / "bot.log").start()
    try:
        try:
            ws.wait_connected(timeout=120)
        except AssertionError:
            proc.fail("the bot did not open a Socket Mode connection")
        yield proc
    finally:
        proc.stop()


@pytest.fixture(scope="module")
def payloads(slack):
    """Builds the same payloads as over HTTP (the driver's URL is never used here)."""
    return SlackDriver("http://127.0.0.1:9", SECRET, standin=slack)


def test_connects_with_the_app_token_through_apps_connections_open(bot, slack):
    (first,) = slack.calls("apps.connections.open")[:1]
    assert first.token == slack.app_token and first.ok


def test_mention_envelope_is_acked_and_digested_once_even_when_redelivered(bot, ws, slack, payloads):
    channel = new_channel()
    event = payloads.mention_payload(channel, BUDGET_ARTICLE)
    ack = ws.wait_ack(ws.push_event(event))
    assert ack.latency < ACK_BUDGET
    ts = event["event"]["ts"]
    ws.wait_ack(ws.push_event(event, retry_attempt=1, retry_reason="timeout"))  # Slack redelivers
    assert wait_done(slack, channel, ts) == "white_check_mark"
    slack.settle(1.0)
    (reply,) = slack.posts(channel)
    assert reply.get("thread_ts") == ts
    assert "Qasim" in reply.all_text and "We will not raise taxes on salaried workers" in reply.all_text


def test_slash_commands_over_the_socket(bot, ws, slack, payloads):
    ack = ws.wait_ack(ws.push_command(payloads.command_fields("/legwork", "help", channel_id=new_channel())))
    assert ack.latency < ACK_BUDGET
    assert "/recall" in str(ack.payload), ack.payload
    fields = payloads.command_fields("/recall", "Qasim", channel_id=new_channel())
    assert ws.wait_ack(ws.push_command(fields)).latency < ACK_BUDGET
    rid = fields["response_url"].rsplit("/", 1)[-1]
    (resp,) = slack.wait_for_calls("response_url", timeout=JOB_TIMEOUT, where=lambda c: c.response_id == rid)
    assert resp.all_text.strip()


def test_message_shortcut_over_the_socket(bot, ws, slack, payloads):
    channel = new_channel()
    msg = slack.add_message(channel, HEALTH_ARTICLE)
    ack = ws.wait_ack(ws.push_interactive(payloads.shortcut_payload(msg, channel=channel)))
    assert ack.latency < ACK_BUDGET
    wait_done(slack, channel, msg["ts"])
    (reply,) = slack.posts(channel, msg["ts"])
    assert "Baloch" in reply.all_text


def test_a_burst_beyond_the_pool_is_told_busy_and_every_mention_gets_one_answer(bot, ws, slack, payloads):
    short = (
        "Transport Minister Ali Raza said on Monday that the new line would open in May.\n\n"
        '"Trains will run every ten minutes," Raza said.'
    )
    slack.fail("reactions.add", delay=1.0, times=None)  # every job takes at least a second
    try:
        events = [payloads.mention_payload(new_channel(), short) for _ in range(12)]
        envelope_ids = [ws.push_event(e) for e in events]
        acks = [ws.wait_ack(eid) for eid in envelope_ids]
        assert max(a.latency for a in acks) < ACK_BUDGET, [round(a.latency, 2) for a in acks]
        for e in events:
            slack.wait_for_calls("chat.postMessage", channel=e["event"]["channel"], timeout=JOB_TIMEOUT)
    finally:
        slack.clear_faults()
    slack.settle(1.5, timeout=30)
    busy = 0
    for e in events:
        (post,) = slack.posts(e["event"]["channel"])
        assert post.get("thread_ts") == e["event"]["ts"]
        if "busy" in post.all_text.lower():
            busy += 1
        else:
            assert "Raza" in post.all_text
    assert 0 < busy < len(events), f"{busy} of {len(events)} told busy"


def test_reconnects_after_a_disconnect_and_keeps_answering(bot, ws, slack, payloads):
    before = ws.connections_total
    ws.disconnect("refresh_requested")
    ws.wait_connected(timeout=30, count=before + 1)
    channel = new_channel()
    event = payloads.mention_payload(channel, "help")
    ws.wait_ack(ws.push_event(event))
    (reply,) = slack.wait_for_calls("chat.postMessage", channel=channel, timeout=JOB_TIMEOUT, ok_only=True)
    assert reply.get("thread_ts") == event["event"]["ts"]
    assert bot.alive


def test_busy_replies_under_rate_limits_do_not_starve_command_acks(bot, ws, slack, payloads):
    short = (
        "Transport Minister Ali Raza said on Monday that the new line would open in May.\n\n"
        '"Trains will run every ten minutes," Raza said.'
    )
    channel = new_channel()  # a burst in one channel: Slack allows about one message a second there
    slack.fail("reactions.add", delay=3.0, times=None)  # the job pool stays full
    slack.fail("chat.postMessage", status=429, retry_after=2, times=None)
    try:
        for _ in range(12):
            ws.push_event(payloads.mention_payload(channel, short))
        # the job pool is full: the "busy" replies are being rate-limited (8 of them at once)
        slack.wait_for_calls("chat.postMessage", 8, channel=channel, timeout=10)
        eid = ws.push_command(payloads.command_fields("/legwork", "help", channel_id=new_channel()))
        ack = ws.wait_ack(eid, timeout=6)
    finally:
        slack.clear_faults()
        slack.settle(2.0, timeout=30)  # let the rate-limited listeners finish before the next test
    assert ack.latency < ACK_BUDGET and "/recall" in str(ack.payload), (ack.latency, ack.payload)


def test_sigterm_stops_the_socket_mode_bot_cleanly(bot):
    """Runs last: stops the module's bot."""
    assert bot.stop() == 0
