"""End to end: ``kill -9`` in the middle of a burst loses nothing and doubles nothing.

The real ``python -m bot serve`` (HTTP mode, one extraction process) gets a burst of mentions, a help, a
recall and a ``/legwork`` digest; every one is acknowledged. Once some but not all are answered, the server
and its extraction worker are killed with SIGKILL (the whole process group), and a new server is started on
the same database file. Every acknowledged request must then have exactly one answer.
"""

from __future__ import annotations

import os
import signal
import sqlite3

import pytest
from e2e_fixtures import (
    SECRET,
    BotProcess,
    bot_env,
    free_port,
    new_channel,
    skip_unless_app,
)
from slack_driver import ACK_BUDGET, SlackDriver
from slack_standin import SlackStandin

pytestmark = pytest.mark.slow

JOB_TIMEOUT = 180.0  # a restart loads spaCy again, then works off the backlog on a busy 2-core machine

# Short articles written for this test: (speaker, title, place, subject, quote)
STORIES = [
    ("Amina Yusuf", "Water Minister", "Kano", "the new dam", "We will finish the dam before the rains"),
    ("Tomas Berg", "Transport Minister", "Malmo", "the tram line", "Every tram will run on time by June"),
    ("Lucia Ferreira", "Health Secretary", "Porto", "the clinic plan", "No clinic will close this winter"),
    ("Kenji Sato", "Trade Minister", "Osaka", "the port tariffs", "Tariffs on rice will not rise"),
    ("Grace Mensah", "Education Minister", "Kumasi", "school fees", "Fees will be frozen for two years"),
    (
        "Pavel Novak",
        "Interior Minister",
        "Brno",
        "the police reform",
        "The reform bill goes to a vote in May",
    ),
    ("Sara Haddad", "Energy Minister", "Irbid", "fuel subsidies", "Subsidies for diesel stay in place"),
    ("Owen Price", "Housing Minister", "Cardiff", "the housing plan", "We will build ten thousand homes"),
    ("Ines Moreau", "Culture Minister", "Lyon", "museum funding", "Museum budgets are safe this year"),
    ("Ravi Menon", "Finance Secretary", "Kochi", "the state budget", "The budget will be balanced by 2028"),
    ("Hana Kim", "Labour Minister", "Busan", "the wage talks", "Talks with the unions resume on Friday"),
    ("Diego Rojas", "Mining Minister", "Antofagasta", "the copper levy", "The copper levy will not change"),
]


def article(speaker: str, title: str, place: str, subject: str, quote: str) -> str:
    surname = speaker.split()[-1]
    return "\n\n".join(
        [
            f"{title} {speaker} said on Monday that {subject} would go ahead as planned.",
            f'"{quote}," {surname} told reporters in {place}.',
            (
                f"An official in {place}, who spoke on condition of anonymity because he was not "
                f"authorised to speak to the media, said {subject} had not yet been approved."
            ),
        ]
    )


@pytest.fixture
def slack():
    with SlackStandin() as s:
        yield s


def answered(slack: SlackStandin, targets: dict[str, str | None]) -> dict[str, int]:
    """Channel -> how many of the bot's posts answer it (in the thread; for a command, in the thread of its
    one-line parent, which is not an answer itself)."""
    out = {}
    for channel, thread_ts in targets.items():
        posts = slack.posts(channel)
        if thread_ts is None:
            out[channel] = len([p for p in posts if p.get("thread_ts")])
        else:
            out[channel] = len([p for p in posts if p.get("thread_ts") == thread_ts])
    return out


def unfinished_jobs(db_path: str) -> int:
    conn = sqlite3.connect(db_path, timeout=10)
    try:
        return conn.execute("SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')").fetchone()[0]
    finally:
        conn.close()


def recorded_jobs(db_path: str) -> int:
    conn = sqlite3.connect(db_path, timeout=10)
    try:
        return conn.execute("SELECT COUNT(*) FROM jobs").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def test_kill_9_in_the_middle_of_a_burst_then_every_acked_request_is_answered_exactly_once(slack, tmp_path):
    skip_unless_app()
    db_path = tmp_path / "legwork.db"
    env = bot_env(slack, db_path, extra={"LEGWORK_WORKERS": "1", "LEGWORK_PROCESSES": "1"})
    first = BotProcess(env, tmp_path / "first.log", new_session=True).start()
    second = None
    try:
        first.wait_healthy()
        driver = SlackDriver(first.url, SECRET, standin=slack)
        slack.fail("reactions.add", delay=0.5, times=None)  # each job takes a second or more
        # slow posts: the kill is likely to come while Slack is taking a reply the bot never hears back about
        slack.fail("chat.postMessage", delay=0.4, times=None)

        targets: dict[str, str | None] = {}  # channel -> the thread answered in (None: the channel)
        expect: dict[str, str] = {}  # channel -> a word its answer must contain
        deliveries = []
        for i, story in enumerate(STORIES):
            channel = new_channel()
            payload, d = driver.mention(channel, article(*story))
            targets[channel], expect[channel] = payload["event"]["ts"], story[0].split()[-1]
            deliveries.append(d)
            if i == 3:
                channel = new_channel()
                payload, d = driver.mention(channel, "help")
                targets[channel], expect[channel] = payload["event"]["ts"], "/recall"
                deliveries.append(d)
            if i == 6:
                channel = new_channel()
                payload, d = driver.mention(channel, "recall Yusuf")
                targets[channel], expect[channel] = payload["event"]["ts"], ""
                deliveries.append(d)
            if i == 8:
                channel = new_channel()
                fields, d = driver.command("/legwork", article(*STORIES[i]), channel_id=channel)
                targets[channel], expect[channel] = None, STORIES[i][0].split()[-1]
                deliveries.append(d)
        assert all(d.status == 200 and d.latency < ACK_BUDGET for d in deliveries), [
            (d.status, round(d.latency, 2)) for d in deliveries
        ]
        total = len(targets)
        # every acknowledged request is in the database before the crash
        slack.wait_for(lambda: recorded_jobs(str(db_path)) == total, timeout=10, message="jobs recorded")
        slack.wait_for(
            lambda: sum(1 for n in answered(slack, targets).values() if n) >= 3,
            timeout=JOB_TIMEOUT,
            message="the first replies",
        )
        first.kill()
        pgid = first.proc.pid
        slack.wait_for(lambda: group_gone(pgid), timeout=10, message="the extraction worker died too")
        before = answered(slack, targets)
        print(f"answered before the crash: {sum(1 for n in before.values() if n)} of {total}")
        assert sum(1 for n in before.values() if n) < total, "the crash came after everything was answered"
        assert unfinished_jobs(str(db_path)) > 0

        slack.clear_faults()
        second = BotProcess(dict(env, PORT=str(free_port())), tmp_path / "second.log", new_session=True)
        second.start().wait_healthy()
        slack.wait_for(
            lambda: all(answered(slack, targets).values()), timeout=JOB_TIMEOUT, message="every answer"
        )
        slack.settle(2.0, timeout=60)
        counts = answered(slack, targets)
        assert counts == dict.fromkeys(targets, 1), {c: n for c, n in counts.items() if n != 1}
        for channel, word in expect.items():
            posts = slack.posts(channel)
            thread = targets[channel]
            (reply,) = [p for p in posts if p.get("thread_ts") and thread in (None, p.get("thread_ts"))]
            assert word in reply.all_text, (channel, word, reply.all_text[:300])
            if targets[channel] is None:  # the command's one parent, and its digest in the parent's thread
                (parent,) = [p for p in posts if not p.get("thread_ts")]
                assert reply.get("thread_ts") == parent.answer["ts"]
        assert unfinished_jobs(str(db_path)) == 0
        conn = sqlite3.connect(db_path)
        try:
            doubled = conn.execute(
                "SELECT article_id, channel, COUNT(*) FROM sightings GROUP BY article_id, channel "
                "HAVING COUNT(*) > 1"
            ).fetchall()
        finally:
            conn.close()
        assert doubled == [], "a redone digest was stored once"
        assert "resuming" in second.log()
    except AssertionError as exc:
        logs = (
            first.log()[-4000:] + "\n--- after the restart ---\n" + (second.log()[-4000:] if second else "")
        )
        raise AssertionError(f"{exc}\n--- bot output ---\n{logs}") from None
    finally:
        slack.clear_faults()
        if first.alive:
            os.killpg(first.proc.pid, signal.SIGKILL)
        if second is not None:
            second.stop()
