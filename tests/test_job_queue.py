"""The durable job queue (bot.jobs.queue, handlers.jobs) on a real SQLite file, and resuming against the
Slack stand-in: nothing recorded twice, nothing posted twice, a poison job given up on with one line."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

import pytest
from slack_sdk import WebClient

from bot.jobs import queue
from bot.jobs.runner import JobRunner
from bot.models import Extraction, Sighting
from bot.store.storage import Store
from handlers.context import Services
from handlers.jobs import JobRequest, payload, record, request, resume
from handlers.replies import REPLY_EVENT

sys.path.insert(0, str(Path(__file__).parent))
from slack_standin import SlackStandin  # noqa: E402


def claimable(store: Store, key: str) -> bool:
    """True when a delivery with this ledger key would be recorded as a new job (and now it is)."""
    return queue.enqueue(store, [key], "digest", {}) is not None


def jobs_rows(store: Store) -> list[tuple]:
    return store.db.execute("SELECT id, kind, status, attempts, posted FROM jobs ORDER BY id").fetchall()


def test_job_queue_a_job_is_recorded_with_its_claim_and_a_duplicate_writes_nothing(store):
    first = queue.enqueue(store, ["ev:T1:E1", "msg:T1:C1:1.1"], "digest", {"text": "hello"})
    assert first is not None
    again = queue.enqueue(store, ["ev:T1:E2", "msg:T1:C1:1.1"], "digest", {"text": "hello"})
    assert again is None
    assert [r[0] for r in jobs_rows(store)] == [first], "the duplicate left no job behind"
    (job,) = queue.unfinished(store)
    assert (job.kind, job.status, job.payload) == ("digest", "queued", {"text": "hello"})
    assert claimable(store, "ev:T1:E2") is True, "nor a claim on its new key"


def test_job_queue_a_redelivery_never_takes_the_key_of_a_job_still_waiting(store):
    job_id = queue.enqueue(store, ["ev:T1:E1"], "digest", {})
    store.db.execute("UPDATE requests SET claimed_at = 1.0")  # long ago: a stale claim without a job
    assert claimable(store, "ev:T1:E1") is False, "queued: the restarted server will answer it"
    queue.start(store, job_id)
    assert claimable(store, "ev:T1:E1") is False, "running"
    queue.finish(store, job_id, ["ev:T1:E1"], ok=False)
    assert claimable(store, "ev:T1:E1") is True, "failed: Slack's retry may redo it"


def test_job_queue_start_counts_attempts_and_finish_closes_job_and_keys(store):
    job_id = queue.enqueue(store, ["k1"], "help", {"team": "T1"})
    before = queue.start(store, job_id)
    assert (before.status, before.attempts) == ("queued", 0)
    before = queue.start(store, job_id)  # resumed after a crash
    assert (before.status, before.attempts) == ("running", 1)
    queue.mark_posted(store, job_id, 2)
    queue.mark_posted(store, job_id, 1)
    assert queue.get(store, job_id).posted == 2, "the count never goes down"
    queue.finish(store, job_id, ["k1"], ok=True)
    job = queue.get(store, job_id)
    assert (job.status, job.attempts, job.payload) == ("done", 2, {}), "no request text is kept"
    assert queue.start(store, job_id) is None and queue.unfinished(store) == []
    assert claimable(store, "k1") is False


def test_job_queue_a_given_up_job_closes_its_keys_so_a_retry_does_not_run_it_again(store):
    job_id = queue.enqueue(store, ["k1"], "digest", {})
    queue.finish(store, job_id, ["k1"], ok=False, retry=False)
    assert queue.get(store, job_id).status == "failed"
    assert claimable(store, "k1") is False


def test_job_queue_retention_forgets_old_finished_jobs_only(store):
    done = queue.enqueue(store, ["k1"], "help", {})
    queue.finish(store, done, ["k1"], ok=True)
    waiting = queue.enqueue(store, ["k2"], "help", {})
    store.db.execute("UPDATE jobs SET created_at = 1.0")
    store.prune(30)
    assert [r[0] for r in jobs_rows(store)] == [waiting]


def test_job_queue_a_request_round_trips_as_data_with_its_response_url(store):
    class Respond:
        response_url = "http://127.0.0.1:9/response/abc"

    req = JobRequest(
        team="T1", channel="C1", user="U1", text="Some text", links=["https://x.example/a"], keys=["k1"],
        respond=Respond(), private=True, kind="recall", query="Jane Roe",
    )  # fmt: skip
    assert record(store, req) and req.job_id is not None
    assert not record(store, JobRequest(team="T1", channel="C1", keys=["k1"]))
    (job,) = queue.unfinished(store)
    back = request(job)
    assert payload(back) == payload(req)
    assert (back.kind, back.query, back.job_id, back.created_at) == (
        "recall",
        "Jane Roe",
        req.job_id,
        job.created_at,
    )


def test_job_queue_the_same_digest_redone_adds_no_second_sighting(store):
    ex = Extraction('Jane Roe said: "We will not rush this decision."', title="Budget row")
    for message_ts in ("5.1", None):  # a mention; a slash command (no message): both redone once
        sighting = Sighting(team="T1", channel="C1", message_ts=message_ts, seen_at=1234.5)
        first = store.save_digest(ex, sighting)
        again = store.save_digest(ex, sighting)
        assert again.article_id == first.article_id
        assert not [s for s in again.earlier if s.message_ts == message_ts and s.channel == "C1"]
    (count,) = store.db.execute("SELECT COUNT(*) FROM sightings").fetchone()
    assert count == 2


def test_job_queue_the_database_file_is_created_owner_only(tmp_path):
    path = tmp_path / "data" / "legwork.db"
    old = os.umask(0o002)  # a permissive umask must not matter
    try:
        s = Store(path)
        queue.enqueue(s, ["k1"], "help", {})  # a write: the -wal file now exists
    finally:
        os.umask(old)
    for p in (path, path.with_name("legwork.db-wal")):
        assert p.stat().st_mode & 0o077 == 0, f"{p.name}: {oct(p.stat().st_mode)}"
    s.close()


def test_job_queue_a_database_others_may_read_is_reported_not_changed(tmp_path, caplog):
    path = tmp_path / "legwork.db"
    path.touch()
    path.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="bot.store.storage"):
        Store(path).close()
    assert "chmod 600" in caplog.text and str(path) in caplog.text
    assert path.stat().st_mode & 0o777 == 0o644


# -- resuming against the Slack stand-in ------------------------------------------------------------


@pytest.fixture
def slack():
    with SlackStandin() as s:
        yield s


@pytest.fixture
def services(settings, store):
    s = Services(settings=settings, store=store, nlp=None, jobs=JobRunner(1, 4))
    yield s
    s.jobs.shutdown(wait=True)


def wait_finished(store: Store, job_id: int, timeout: float = 10.0) -> queue.Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = queue.get(store, job_id)
        if job.status in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish: {queue.get(store, job_id)}")


def mentioned(slack: SlackStandin, store: Store, kind: str, keys: list[str]) -> tuple[str, int]:
    """A mention in a new thread, recorded as a job as the listener does."""
    ts = slack.add_message("C1", "<@U0BOT> help")["ts"]
    req = JobRequest(team="T1", channel="C1", user="U1", thread_ts=ts, react_ts=ts, keys=keys, kind=kind)
    assert record(store, req)
    return ts, req.job_id


def left_by_a_dead_server(store: Store) -> None:
    """Every unfinished job as a killed server leaves it: held by another owner whose lease ran out."""
    store.db.execute("UPDATE jobs SET owner = 'gone/1/dead', lease_until = ? WHERE status IN "
                     "('queued', 'running')", [time.time() - 1])  # fmt: skip


def test_job_queue_resume_answers_a_job_left_queued(services, slack):
    client = WebClient(token=slack.bot_token, base_url=slack.api_url)
    ts, job_id = mentioned(slack, services.store, "help", ["msg:T1:C1:a"])
    left_by_a_dead_server(services.store)
    assert resume(services, client) == 1
    assert wait_finished(services.store, job_id).status == "done"
    (reply,) = slack.posts("C1", ts)
    assert "/recall" in reply.all_text
    assert reply.get("metadata") == {"event_type": REPLY_EVENT, "event_payload": {"job": job_id, "part": 0}}
    assert queue.get(services.store, job_id).posted == 1


def test_job_queue_a_reply_slack_has_but_the_database_missed_is_not_posted_again(services, slack):
    client = WebClient(token=slack.bot_token, base_url=slack.api_url)
    ts, job_id = mentioned(slack, services.store, "help", ["msg:T1:C1:b"])
    queue.start(services.store, job_id)  # then: Slack said ok to the reply, and the process died
    meta = {"event_type": REPLY_EVENT, "event_payload": {"job": job_id, "part": 0}}
    slack.add_message("C1", "the help text", user=slack.bot_user, thread_ts=ts, extra={"metadata": meta})
    left_by_a_dead_server(services.store)
    resume(services, client)
    job = wait_finished(services.store, job_id)
    assert (job.status, job.attempts, job.posted) == ("done", 2, 1)
    assert slack.posts("C1", ts) == [], "nothing posted a second time"
    (read,) = slack.calls("conversations.replies", channel="C1", ts=ts)
    assert read.get("include_all_metadata") in (True, "1", "true")


def test_job_queue_a_job_that_keeps_killing_the_process_gets_one_line_not_a_fourth_run(services, slack):
    client = WebClient(token=slack.bot_token, base_url=slack.api_url)
    ts, job_id = mentioned(slack, services.store, "help", ["msg:T1:C1:c"])
    for _ in range(queue.MAX_STARTS):
        queue.start(services.store, job_id)  # started, and the process died each time
    left_by_a_dead_server(services.store)
    resume(services, client)
    assert wait_finished(services.store, job_id).status == "failed"
    (line,) = slack.posts("C1", ts)
    assert "could not finish" in line.get("text") and "/recall" not in line.all_text
    slack.wait_for(lambda: slack.reactions("C1", ts) == ["warning"], timeout=5, message="the warning")
    assert claimable(services.store, "msg:T1:C1:c") is False, "Slack's retry does not start it again"


# -- leases: several servers on one database (issue #17) ----------------------------------------------------


def test_job_queue_a_living_servers_jobs_are_not_adopted_or_started_by_another(store):
    a, b = "host-a/1/a", "host-b/2/b"
    job_id = queue.enqueue(store, ["k1"], "help", {}, owner=a)
    assert queue.adopt(store, owner=b) == [], "A's lease holds"
    assert queue.start(store, job_id, owner=b) is None, "B may not run A's job"
    assert queue.start(store, job_id, owner=a) is not None
    assert queue.renew(store, owner=a) == 1


def test_job_queue_a_dead_servers_jobs_are_adopted_once_its_lease_runs_out(store):
    a, b, c = "host-a/1/a", "host-b/2/b", "host-c/3/c"
    first = queue.enqueue(store, ["k1"], "help", {}, owner=a)
    second = queue.enqueue(store, ["k2"], "digest", {}, owner=a)
    queue.start(store, first, owner=a)
    store.db.execute("UPDATE jobs SET lease_until = ?", [time.time() - 1])  # A died: no more renewals
    assert [j.id for j in queue.adopt(store, owner=b)] == [first, second]
    assert queue.adopt(store, owner=c) == [], "adopted once: B holds them now"
    assert queue.start(store, second, owner=a) is None, "A, back from a pause, finds them taken"
    assert queue.start(store, second, owner=b) is not None


def test_job_queue_released_jobs_are_adopted_at_once(store):
    job_id = queue.enqueue(store, ["k1"], "help", {}, owner="host-a/1/a")
    assert queue.release(store, owner="host-a/1/a") == 1  # A shut down cleanly before starting it
    assert [j.id for j in queue.adopt(store, owner="host-b/2/b")] == [job_id]


def test_job_queue_jobs_from_before_leases_are_adopted_at_once(store):
    job_id = queue.enqueue(store, ["k1"], "help", {})
    store.db.execute("UPDATE jobs SET owner = NULL, lease_until = NULL")
    assert [j.id for j in queue.adopt(store, owner="host-b/2/b")] == [job_id]


def test_job_queue_a_second_server_resumes_nothing_a_living_one_holds(services, slack):
    """Issue #17: a second server on the same database used to re-run the first one's queued jobs."""
    client = WebClient(token=slack.bot_token, base_url=slack.api_url)
    _ts, job_id = mentioned(slack, services.store, "help", ["msg:T1:C1:d"])
    services.store.db.execute("UPDATE jobs SET owner = 'host-a/1/a'")  # recorded by a living server A
    assert resume(services, client) == 0
    time.sleep(0.5)
    assert queue.get(services.store, job_id).status == "queued", "left to A"


def test_job_queue_a_resumed_legwork_digest_finds_its_parent_and_answers_in_its_thread(services, slack):
    """A /legwork digest posts a one-line parent, then the digest in its thread; killed in between, the
    resumed job finds the parent in the channel and answers in its thread, with no second parent."""
    client = WebClient(token=slack.bot_token, base_url=slack.api_url)
    ex = Extraction('Jane Roe said: "We will not rush this decision."', title="Budget row")
    article_id = services.store.save_digest(ex, Sighting(team="T1", channel="C1", seen_at=1.0)).article_id
    req = JobRequest(
        team="T1", channel="C1", user="U1", keys=["again:T1:C1:e"], parent=True, again=article_id
    )
    assert record(services.store, req)
    queue.start(services.store, req.job_id)  # then: the parent went out, and the process died
    meta = {"event_type": REPLY_EVENT, "event_payload": {"job": req.job_id, "part": 0}}
    parent = slack.add_message("C1", "<@U1> asked", user=slack.bot_user, extra={"metadata": meta})
    left_by_a_dead_server(services.store)
    resume(services, client)
    job = wait_finished(services.store, req.job_id)
    assert (job.status, job.posted) == ("done", 2)
    (digest,) = slack.posts("C1")
    assert digest.get("thread_ts") == parent["ts"] and "Budget row" in digest.all_text
