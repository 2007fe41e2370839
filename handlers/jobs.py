"""A Slack request's life cycle as a durable job, in one place: record, submit, begin, run, end, resume.

A listener builds a ``JobRequest`` and calls ``submit``: the request is recorded as a row of ``jobs`` in the
transaction that claims its ledger keys (``bot.jobs.queue.enqueue``; a duplicate delivery stops there), then
queued on the thread pool (``bot.jobs.runner.JobRunner``). A worker calls ``run``: ``begin`` marks the job
running (a job resumed after a crash first counts the replies Slack already has; one that keeps killing the
process is given up), the kind's work runs (``WORK``: the digest is ``handlers.digest_job``, the short answers
are ``run_text``), and ``end`` closes the job and its ledger keys. ``resume`` adopts the jobs of a server
that died and keeps this server's leases. Posting and reacting are ``handlers.replies``.

A request is stored as data: its kind and the ``JobRequest`` fields as JSON, with the ``response_url``
string in place of Bolt's ``respond`` callable (``payload``, ``request``).
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.errors import StorageError
from bot.jobs import queue
from bot.render.messages import BUSY, HELP, NOTHING, POISON, limited_text
from bot.store.protocols import SQLStore
from handlers import replies
from handlers.context import Services
from handlers.digest_job import run_digest
from handlers.recall_reply import recall_text
from handlers.replies import Answered

log = logging.getLogger(__name__)
RESUME_POLL_SECONDS = 0.2


@dataclass
class JobRequest:
    """What to do and where to answer."""

    team: str
    channel: str
    user: str | None = None
    text: str = ""
    links: list[str] = field(default_factory=list)
    parent_ts: str | None = None  # digest this message (read with conversations.replies) instead of text
    article_ts: str | None = None  # the message holding the article: reactions and the sighting
    thread_ts: str | None = None  # reply in this thread; None posts in the channel (slash command)
    react_ts: str | None = None  # the message that asked: gets the progress reactions
    keys: list[str] = field(default_factory=list)  # ledger keys (``bot.jobs.queue``): one delivery, one job
    respond: Callable[..., Any] | None = None  # response_url fallback when the bot cannot post
    private: bool = False  # answer only through ``respond`` (ephemeral)
    files: list[dict[str, Any]] = field(default_factory=list)  # attached files: a text snippet is read
    kind: str = "digest"  # a key of ``WORK``: digest | help | recall | usage
    query: str = ""  # what a recall looks for
    job_id: int | None = None  # the durable job, once recorded
    created_at: float | None = None  # when the job was recorded: the sighting's time, stable across a redo
    posted: int = 0  # replies already out before a restart: not posted again
    parts: int = 0  # replies this run has reached, posted or skipped
    on_posted: Callable[[int], None] | None = None  # records that the first n replies are out
    refusal: str = ""  # why ``submit`` did not queue it (busy, or over the asker's limit): tell the asker
    after_failure: bool = False  # a failed run of this request left a :warning:, which a success takes off
    parent: bool = False  # a /legwork digest: a one-line parent in the channel, the digest in its thread
    again: int | None = None  # the *Digest again* button: the stored article to post in full again


@dataclass(frozen=True)
class Work:
    """What a kind of request does once its job is running."""

    run: Callable[[Services, WebClient, JobRequest], Answered]
    reacts: bool = False  # the asking message shows progress: an hourglass, then a check mark or a warning


def run_text(services: Services, client: WebClient, req: JobRequest) -> Answered:
    """A short answer (help, a recall, the usage hint) posted like a digest reply."""
    try:
        replies.post(client, req, {"text": answer_text(services, client, req)})
    except (SlackApiError, SlackClientError) as exc:
        log.log(replies.level(exc), "could not answer in %s: %s", req.channel, exc)
        return Answered(done=False, ok=False)
    return Answered(done=True, ok=True)


def answer_text(services: Services, client: WebClient, req: JobRequest) -> str:
    """The answer of a short job, from its kind: help, a recall, or the usage hint."""
    if req.kind == "help":
        return HELP
    if req.kind == "recall":
        return recall_text(services, client, req.team, req.channel, req.query, req.user)
    return NOTHING


WORK: dict[str, Work] = {
    "digest": Work(run_digest, reacts=True),
    "help": Work(run_text),
    "recall": Work(run_text),
    "usage": Work(run_text),
}
KINDS = tuple(WORK)
_STORED = (
    "team", "channel", "user", "text", "links", "parent_ts", "article_ts", "thread_ts", "react_ts", "keys",
    "private", "files", "query", "after_failure", "parent", "again",
)  # fmt: skip


class Queued(enum.Enum):
    """What ``submit`` did with a request."""

    QUEUED = "queued"
    DUPLICATE = "duplicate"  # a ledger key was already claimed: handled or under way, nothing to do
    BUSY = "busy"  # the job pool is full: the job is closed as failed, so a retry may take it
    LIMITED = "limited"  # the asker is over LEGWORK_USER_RATE: the job is closed, the asker told why

    @property
    def refused(self) -> bool:
        """True when the asker must be told ``req.refusal``."""
        return self in (Queued.BUSY, Queued.LIMITED)


def payload(req: JobRequest) -> dict[str, Any]:
    """The request as JSON-able data (``respond`` as its response URL)."""
    data = {name: getattr(req, name) for name in _STORED}
    data["response_url"] = getattr(req.respond, "response_url", None)
    return data


def request(job: queue.Job) -> JobRequest:
    """Rebuild a stored job's request, with a responder for its response URL."""
    data = dict(job.payload)
    url = data.pop("response_url", None)
    req = JobRequest(**{k: v for k, v in data.items() if k in _STORED})
    req.kind, req.job_id, req.created_at, req.posted = job.kind, job.id, job.created_at, job.posted
    if url:
        from slack_bolt.context.respond import Respond

        req.respond = Respond(response_url=url)
    return req


def retry_num(request: Any) -> str | None:
    """Slack's X-Slack-Retry-Num (also set for Socket Mode redeliveries), if any, for the log."""
    values = (getattr(request, "headers", None) or {}).get("x-slack-retry-num") or []
    return values[0] if values else None


def record(store: SQLStore, req: JobRequest, *, attempts: int = 3, retry: str | None = None) -> bool:
    """Claim the request's ledger keys and store it as a queued job, in one transaction; False for a
    duplicate. A database held by another writer is waited for ``attempts`` times its busy timeout,
    since an event is already acknowledged: giving up would lose it."""
    assert req.kind in KINDS, req.kind
    for attempt in range(1, attempts + 1):
        try:
            req.after_failure = queue.failed_before(store, req.keys)
            job_id = queue.enqueue(store, req.keys, req.kind, payload(req))
            break
        except StorageError:
            if attempt == attempts:
                raise
            log.warning("database busy while recording a job (attempt %d of %d)", attempt, attempts)
    if job_id is None:
        log.info(
            "duplicate delivery %s (retry %s): already handled or in progress", " ".join(req.keys), retry or 0
        )
        return False
    req.job_id = job_id
    return True


def submit(
    services: Services, client: WebClient, req: JobRequest, *, attempts: int = 3, retry: str | None = None
) -> Queued:
    """Record the request as a job, claiming its ledger keys in the same transaction, and queue it.

    A digest over the asker's per-minute limit (``LEGWORK_USER_RATE``) is closed at once: it is checked after
    the claim, so a duplicate delivery neither counts nor gets a second answer. When the result is
    ``refused``, ``req.refusal`` is the line for the asker. ``attempts`` times the store's busy timeout is
    waited for a database held by another writer; ``retry`` is Slack's retry number, for the log.
    """
    if not record(services.store, req, attempts=attempts, retry=retry):
        return Queued.DUPLICATE
    if req.kind == "digest" and (slow_down := _over_limit(services, req)):
        log.info("%s in %s is over the per-user digest limit", req.user, req.channel)
        req.refusal = slow_down
        end(services, req, ok=True)
        return Queued.LIMITED
    if services.jobs.try_submit(run, services, client, req):
        return Queued.QUEUED
    log.warning(
        "job pool full (%d pending): refused a %s in %s", services.jobs.pending, req.kind, req.channel
    )
    req.refusal = BUSY
    end(services, req, ok=False)
    return Queued.BUSY


def _over_limit(services: Services, req: JobRequest) -> str | None:
    """The friendly line when the asker has had their digests for this minute; else None, and this digest
    is counted."""
    limiter = services.limiter
    if limiter is None or not req.user:
        return None
    wait = limiter.check(f"{req.team}:{req.user}")
    return None if wait is None else limited_text(wait)


def run(services: Services, client: WebClient, req: JobRequest) -> None:
    """Run a recorded request on a worker: ``begin``, the work of its kind (``WORK``), ``end``; a digest's
    message shows an hourglass meanwhile, then a check mark or a warning."""
    if not begin(services, client, req):
        return
    work = WORK[req.kind]
    if work.reacts:
        replies.react(client, req, replies.HOURGLASS, add=True)
    answered = Answered(done=False, ok=False)
    try:
        answered = work.run(services, client, req)
    finally:
        end(services, req, ok=answered.done)
        if work.reacts:
            replies.settle(client, req, ok=answered.ok, after_failure=req.after_failure)


def begin(services: Services, client: WebClient, req: JobRequest) -> bool:
    """Mark the request's job running; False when there is nothing left to do.

    A job that was running when the process died first learns from Slack which replies are already out. One
    started ``bot.jobs.queue.MAX_STARTS`` times without finishing (it brings the process down) is not run
    again: its thread gets one clear line instead.
    """
    assert req.job_id is not None, "record the request first"
    store, job_id = services.store, req.job_id
    try:
        before = queue.start(store, job_id)
    except StorageError as exc:  # acknowledged: answer anyway rather than lose it
        log.error("could not mark job %s running: %s", job_id, exc)
        return True
    if before is None:
        log.info("job %s is already finished, or another server holds it", job_id)
        return False
    req.on_posted = lambda count: queue.mark_posted(store, job_id, count)
    req.posted = before.posted
    req.created_at = before.created_at  # the job's time is its sighting's, on a redo too
    if before.status == "running":  # started before a crash: Slack may hold replies the database missed
        found = replies.replies_out(client, req)
        if found > req.posted:
            req.posted = found
            replies.posted(req, found)
        log.info(
            "job %s resumed (start %d): %d replies recorded, %d found in Slack",
            job_id,
            before.attempts + 1,
            before.posted,
            found,
        )
    if before.attempts < queue.MAX_STARTS:
        return True
    log.error("job %s was started %d times and never finished: giving up on it", job_id, before.attempts)
    req.parts = req.posted
    replies.try_post(client, req, POISON.format(n=before.attempts))
    end(services, req, ok=False, retry=False)
    replies.react(client, req, replies.HOURGLASS, add=False)
    replies.react(client, req, replies.WARNING, add=True)
    return False


def end(services: Services, req: JobRequest, *, ok: bool, retry: bool = True) -> None:
    """Close the job and its ledger keys: done, or failed (a Slack retry may redo it unless ``retry`` is
    False)."""
    assert req.job_id is not None, "record the request first"
    try:
        queue.finish(services.store, req.job_id, req.keys, ok=ok, retry=retry)
    except StorageError:  # the reply is out; a ledger write failure must not hide it
        log.exception("could not record the outcome of job %s", req.job_id)


def resume(services: Services, client: WebClient) -> int:
    """Adopt every job no living server holds (queued or running when an earlier process died), and keep
    this server's leases; how many jobs were adopted now.

    A background thread renews this server's job leases every ``LEASE_SECONDS / 3``, adopts the jobs whose
    lease ran out meanwhile (another server sharing the database died), and feeds adopted jobs to the job
    pool while it has an idle worker, so the pool's queue stays free for new requests. It stops when the pool
    shuts down (what is left waits for its lease to run out, then for the next server).
    """
    store, runner = services.store, services.jobs
    waiting = deque(_adopt(services))
    adopted = len(waiting)

    renew_at = time.monotonic() + queue.LEASE_SECONDS / 3

    def step() -> None:
        nonlocal renew_at
        if time.monotonic() >= renew_at:
            renew_at = time.monotonic() + queue.LEASE_SECONDS / 3
            queue.renew(store)
            waiting.extend(_adopt(services))
        while waiting and runner.pending < runner.workers:
            job = waiting[0]
            try:
                req = request(job)
            except (TypeError, ValueError) as exc:
                waiting.popleft()
                log.error("job %s cannot be read back (%s): dropped", job.id, exc)
                queue.finish(store, job.id, [], ok=False)
                continue
            if not runner.try_submit(run, services, client, req):
                break
            waiting.popleft()

    def keep() -> None:
        while not runner.closed:
            try:
                step()
            except StorageError as exc:  # busy: the lease has two more periods to go
                log.warning("could not renew or adopt job leases: %s", exc)
            except Exception:  # the keeper must outlive any one failure, or the leases run out
                log.exception("the job lease keeper failed; it goes on")
            time.sleep(RESUME_POLL_SECONDS)

    threading.Thread(target=keep, name="legwork-leases", daemon=True).start()
    return adopted


def _adopt(services: Services) -> list[queue.Job]:
    jobs = queue.adopt(services.store)
    if jobs:
        log.info("resuming %d unfinished jobs no running server holds", len(jobs))
    return jobs
