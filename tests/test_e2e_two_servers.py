"""Two servers on one database file (issue #17): ten mentions, ten replies, none doubled.

Server A gets ten mentions whose links answer slowly, so it has a backlog of queued jobs; server B starts on
the same database meanwhile, as the Procfile's second process or a second host would. Job leases
(``bot.jobs.queue``) keep B from re-running the jobs A holds: every thread gets exactly one reply.
"""

from __future__ import annotations

import time

import pytest
from e2e_fixtures import SECRET, BotProcess, bot_env, new_channel, serving, skip_unless_app, wait_done
from local_http import LocalServer
from slack_driver import ACK_BUDGET, SlackDriver
from slack_standin import SlackStandin

pytestmark = pytest.mark.slow

MENTIONS = 10
SLOW_PAGE = 6.0  # seconds each link takes to answer: A's three job threads need about 20 s for all ten
JOB_TIMEOUT = 150.0
PLACES = [
    "Ashby",
    "Brora",
    "Coldstream",
    "Dunbar",
    "Elgin",
    "Forres",
    "Girvan",
    "Huntly",
    "Irvine",
    "Jedburgh",
]


def page(place: str) -> bytes:
    return (
        f"Road to {place} to reopen next month\n\n"
        f"The roads minister, Morag Kerr, said on Tuesday that the road to {place} would reopen next month "
        "after repairs to the bridge over the river were finished ahead of time.\n\n"
        f'"People in {place} have waited long enough for this road," Kerr told reporters at the bridge.\n\n'
        "A council engineer, who asked not to be named, said the final inspection was set for Friday.\n"
    ).encode()


@pytest.fixture
def slack():
    with SlackStandin() as s:
        yield s


@pytest.fixture
def web():
    with LocalServer() as server:

        def slow(body: bytes):
            def route(h):
                time.sleep(SLOW_PAGE)
                h.send_response(200)
                h.send_header("Content-Type", "text/plain; charset=utf-8")
                h.send_header("Content-Length", str(len(body)))
                h.end_headers()
                h.wfile.write(body)

            return route

        for place in PLACES:
            server.routes[f"/road/{place}"] = slow(page(place))
        yield server


def test_two_servers_on_one_database_answer_every_mention_once(slack, web, tmp_path):
    skip_unless_app()
    db = tmp_path / "legwork.db"
    extra = {"LEGWORK_PROCESSES": "1", "LEGWORK_FETCH_ALLOW": f"127.0.0.1:{web.port}"}
    a = BotProcess(bot_env(slack, db, extra=extra), tmp_path / "a.log")
    b = BotProcess(bot_env(slack, db, extra=extra), tmp_path / "b.log")
    with serving(a):
        driver = SlackDriver(a.url, SECRET, standin=slack)
        sent = []
        for place in PLACES[:MENTIONS]:
            channel = new_channel()
            payload, d = driver.mention(
                channel, f"<{web.url('/road/' + place)}>", user=f"U0TWO{place.upper()}"
            )
            assert d.status == 200 and d.latency < ACK_BUDGET, (d.status, d.text)
            sent.append((channel, payload["event"]["ts"]))
        with serving(b):  # starts while A still has most of its backlog queued
            for channel, ts in sent:
                wait_done(slack, channel, ts, timeout=JOB_TIMEOUT)
            slack.settle(3.0, timeout=30)
            replies = {channel: len(slack.posts(channel)) for channel, _ in sent}
            logs = a.log() + b.log()
    assert replies == {channel: 1 for channel, _ in sent}, replies
    assert "Traceback" not in logs, logs[-3000:]
    assert "resuming" not in b.log(), "B took none of A's jobs"
