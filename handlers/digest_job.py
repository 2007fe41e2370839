"""The digest job as Slack sees it: runs on Legwork's job pool, never on Bolt's listener threads.

Reads the thread parent when asked, calls ``bot.digest`` (fetch, extract, store), posts one threaded reply
per article plus one line for any failure, and swaps the message's :hourglass_flowing_sand: reaction for
:white_check_mark: or :warning:. Every outcome is recorded in the ledger.

Every request is a durable job (``bot.jobs.queue``, ``handlers.job_queue``): listeners ``submit`` it (recorded in
the same transaction as its ledger claim, then queued), workers run it by id, and ``resume`` keeps this
server's job leases and adopts the jobs of a server that died (``bot.jobs.queue``); a resumed job skips the
replies Slack already has.
"""

from __future__ import annotations

import enum
import functools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot import render
from bot.digest import LINK_ONLY_WORDS, MAX_LINKS, digest
from bot.errors import BotError, InputError, StorageError
from bot.jobs import queue
from bot.jobs.extract_pool import ExtractorCrashed
from bot.models import Article, Sighting
from bot.render.messages import (
    BUSY,
    CHANNEL_CLOSED,
    FAILED,
    HELP,
    INVITE,
    NO_FILES,
    NOTHING,
    POISON,
    THREAD_GONE,
    limited_text,
    missing_scope,
)
from handlers import job_queue
from handlers.context import Services
from handlers.files import document_file, read_document_file, read_text_file, text_file
from handlers.health import AUTH_ERRORS
from handlers.job_queue import JobRequest
from handlers.ledger import finish_all
from handlers.recall_reply import recall_text
from handlers.slack_text import message_content

log = logging.getLogger(__name__)
NOT_MEMBER = {"not_in_channel", "channel_not_found", "is_archived"}
RESUME_POLL_SECONDS = 0.2

__all__ = ["JobRequest", "Queued", "post", "resume", "run_digest", "run_text", "submit"]


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


def run_digest(services: Services, client: WebClient, req: JobRequest) -> None:
    """Digest and reply; one clear line on any failure; the ledger records whether a retry may redo it."""
    if not begin(services, client, req):
        return
    ok, done = False, False
    _react(client, req, "hourglass_flowing_sand", add=True)
    try:
        text, links = _read_parent(client, req) if req.parent_ts else (req.text, req.links)
        document = _attached_document(client, services, req.files, text)
        if document is None:
            text, links = _with_snippet(services, client, req.files, text, links)
        sighting = Sighting(
            team=req.team,
            channel=req.channel,
            channel_private=services.is_private(client, req.channel, req.team),
            message_ts=req.article_ts,
            thread_ts=req.thread_ts,
            user=req.user,
            permalink=services.permalink(client, req.channel, req.article_ts, req.thread_ts),
            seen_at=req.created_at or 0.0,  # the same time when a job is redone: stored once
        )
        outcome = digest(
            text,
            links,
            nlp=services.nlp,
            store=services.store,
            settings=services.settings,
            sighting=sighting,
            fetch=services.fetch,
            extractor=services.extractor,
            document=document,
        )
        for item in outcome.items:
            if item.extraction is not None:
                post(client, req, render.digest_message(item.extraction, item.saved))
        lines = [render.error_line(i.error, i.source) for i in outcome.items if i.error]
        if outcome.skipped_links:
            lines.append(render.skipped_line(outcome.skipped_links, MAX_LINKS))
        if lines:
            post(client, req, {"text": "\n".join(lines)}, quiet=True)
        ok, done = outcome.ok, True
    except BotError as exc:
        post(client, req, {"text": render.error_line(str(exc))}, quiet=True)
        done = True
    except (SlackApiError, SlackClientError) as exc:
        log.log(_level(exc), "Slack refused a reply in %s: %s", req.channel, exc)
        _try_post(client, req, FAILED)
    except ExtractorCrashed as exc:  # not done: the ledger lets Slack's retry redo it
        log.error("digest job failed in %s: %s", req.channel, exc)
        _try_post(client, req, FAILED)
    except Exception:
        log.exception("digest job failed in %s", req.channel)
        _try_post(client, req, FAILED)
    finally:
        end(services, req, ok=done)
        _react(client, req, "hourglass_flowing_sand", add=False)
        if ok:  # a redone job clears the warning its failed first run left
            _react(client, req, "warning", add=False)
        _react(client, req, "white_check_mark" if ok else "warning", add=True)


def _read_parent(client: WebClient, req: JobRequest) -> tuple[str, list[str]]:
    try:
        messages = client.conversations_replies(channel=req.channel, ts=req.parent_ts or "", limit=1)[
            "messages"
        ]
    except SlackApiError as exc:
        error = exc.response.get("error")
        if error == "missing_scope":
            log.error(
                "conversations.replies needs scope %s (has %s)",
                exc.response.get("needed"),
                exc.response.get("provided"),
            )
            raise InputError(missing_scope(exc.response.get("needed"))) from None
        if error in {"thread_not_found", "message_not_found"}:
            raise InputError(THREAD_GONE) from None
        if error in NOT_MEMBER:
            raise InputError(CHANNEL_CLOSED) from None
        raise
    parent = messages[0] if messages else {}
    req.files = list(parent.get("files") or [])
    return message_content(parent)


def _attached_document(
    client: WebClient, services: Services, files: list[dict[str, Any]], text: str
) -> Article | None:
    """An attached PDF, Word or Markdown file, read (``bot.reader.documents``), when the message is not an article
    itself; InputError with one line when the file cannot be read."""
    if not files or len(text.split()) >= LINK_ONLY_WORDS:
        return None
    f = document_file(files)
    if f is None:
        return None
    return read_document_file(f, client.token, services.settings.slack_api_url)


def _with_snippet(
    services: Services, client: WebClient, files: list[dict[str, Any]], text: str, links: list[str]
) -> tuple[str, list[str]]:
    """A short message with a text snippet attached is the snippet; a file Legwork cannot read is said so."""
    if not files or len(text.split()) >= LINK_ONLY_WORDS:
        return text, links
    snippet = text_file(files)
    if snippet is None:
        if not text.strip() and not links:
            raise InputError(NO_FILES)
        return text, links
    s = services.settings
    return read_text_file(snippet, client.token, s.slack_api_url, s.max_chars), []


def post(client: WebClient, req: JobRequest, message: dict[str, Any], *, quiet: bool = False) -> None:
    """Post in the request's thread (or channel); fall back to the response URL when the bot is not a member.

    ``quiet`` messages (failures) for a slash command, which has no thread, go only to the user who asked.
    Replies are numbered per job: one already out before a restart (``req.posted``) is skipped, and each one
    posted is recorded (``req.on_posted``) and carries the job and its number as Slack message metadata.
    """
    part = req.parts
    req.parts += 1
    if part < req.posted:
        log.info("job %s: reply %d was posted before the restart", req.job_id, part)
        return
    if req.respond is not None and (req.private or (quiet and req.thread_ts is None)):
        _respond(req, message)
        _posted(req, part + 1)
        return
    tagged = message if req.job_id is None else {**message, "metadata": job_queue.metadata(req, part)}
    try:
        client.chat_postMessage(
            channel=req.channel, thread_ts=req.thread_ts, unfurl_links=False, unfurl_media=False, **tagged
        )
    except SlackApiError as exc:
        if req.respond is None or exc.response.get("error") not in NOT_MEMBER:
            raise
        private = dict(message)
        private["text"] = message["text"] + "\n" + INVITE
        if "blocks" in private:
            private["blocks"] = private["blocks"][: render.MAX_BLOCKS - 1] + [render.context(INVITE)]
        _respond(req, private)
    _posted(req, part + 1)


def _posted(req: JobRequest, count: int) -> None:
    if req.on_posted is None:
        return
    try:
        req.on_posted(count)
    except StorageError as exc:  # the reply is out; the thread's metadata still tells a restart
        log.error("could not record reply %d of job %s: %s", count, req.job_id, exc)


def _respond(req: JobRequest, message: dict[str, Any]) -> None:
    assert req.respond is not None
    answer = req.respond(response_type="ephemeral", **message)
    status = getattr(answer, "status_code", 200)
    if status >= 400:
        raise SlackClientError(f"the response URL refused the reply (HTTP {status})")


def _try_post(client: WebClient, req: JobRequest, text: str) -> None:
    try:
        post(client, req, {"text": text}, quiet=True)
    except (SlackApiError, SlackClientError) as exc:
        log.log(_level(exc), "could not tell the user about a failure in %s: %s", req.channel, exc)


def _level(exc: SlackClientError) -> int:
    """ERROR, but WARNING for a refused token: ``handlers.health`` has already said so once, with the fix."""
    response = getattr(exc, "response", None)
    error = response.get("error") if response is not None else None
    return logging.WARNING if error in AUTH_ERRORS else logging.ERROR


def _react(client: WebClient, req: JobRequest, name: str, *, add: bool) -> None:
    if not req.react_ts:
        return
    try:
        call = client.reactions_add if add else client.reactions_remove
        call(channel=req.channel, timestamp=req.react_ts, name=name)
    except (SlackApiError, SlackClientError) as exc:
        log.debug("reaction %s on %s failed: %s", name, req.article_ts, exc)


def run_text(services: Services, client: WebClient, req: JobRequest, make_text: Callable[[], str]) -> None:
    """A short answer (help, recall, a usage hint) posted like a digest reply."""
    if not begin(services, client, req):
        return
    ok = False
    try:
        post(client, req, {"text": make_text()})
        ok = True
    except (SlackApiError, SlackClientError) as exc:
        log.log(_level(exc), "could not answer in %s: %s", req.channel, exc)
    finally:
        end(services, req, ok=ok)


def answer_text(services: Services, client: WebClient, req: JobRequest) -> str:
    """The answer of a short job, from its kind: help, a recall, or the usage hint."""
    if req.kind == "help":
        return HELP
    if req.kind == "recall":
        return recall_text(services, client, req.team, req.channel, req.query, req.user)
    return NOTHING


def _work(services: Services, client: WebClient, req: JobRequest) -> tuple[Any, ...]:
    """The function and arguments that run the request on the job pool."""
    if req.kind == "digest":
        return run_digest, services, client, req
    return run_text, services, client, req, functools.partial(answer_text, services, client, req)


def submit(
    services: Services, client: WebClient, req: JobRequest, *, attempts: int = 3, retry: str | None = None
) -> Queued:
    """Record the request as a job, claiming its ledger keys in the same transaction, and queue it.

    A digest over the asker's per-minute limit (``LEGWORK_USER_RATE``) is closed at once: it is checked after
    the claim, so a duplicate delivery neither counts nor gets a second answer. When the result is
    ``refused``, ``req.refusal`` is the line for the asker. ``attempts`` times the store's busy timeout is
    waited for a database held by another writer; ``retry`` is Slack's retry number, for the log.
    """
    if not job_queue.record(services.store, req, attempts=attempts, retry=retry):
        return Queued.DUPLICATE
    if req.kind == "digest" and (slow_down := _over_limit(services, req)):
        log.info("%s in %s is over the per-user digest limit", req.user, req.channel)
        req.refusal = slow_down
        end(services, req, ok=True)
        return Queued.LIMITED
    if services.jobs.try_submit(*_work(services, client, req)):
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


def begin(services: Services, client: WebClient, req: JobRequest) -> bool:
    """Mark the request's job running; False when there is nothing left to do.

    A job that was running when the process died first learns from Slack which replies are already out. One
    started ``bot.jobs.queue.MAX_STARTS`` times without finishing (it brings the process down) is not run again:
    its thread gets one clear line instead.
    """
    if req.job_id is None:
        return True
    store = services.store
    try:
        before = queue.start(store, req.job_id)
    except StorageError as exc:  # acknowledged: answer anyway rather than lose it
        log.error("could not mark job %s running: %s", req.job_id, exc)
        return True
    if before is None:
        log.info("job %s is already finished, or another server holds it", req.job_id)
        return False
    job_id = req.job_id
    req.on_posted = lambda count: queue.mark_posted(store, job_id, count)
    req.posted = before.posted
    if before.status == "running":  # started before a crash: Slack may hold replies the database missed
        found = job_queue.replies_out(client, req)
        if found > req.posted:
            req.posted = found
            _posted(req, found)
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
    _try_post(client, req, POISON.format(n=before.attempts))
    end(services, req, ok=False, retry=False)
    _react(client, req, "hourglass_flowing_sand", add=False)
    _react(client, req, "warning", add=True)
    return False


def end(services: Services, req: JobRequest, *, ok: bool, retry: bool = True) -> None:
    """Close the job and its ledger keys: done, or failed (a Slack retry may redo it unless ``retry`` is
    False)."""
    if req.job_id is None:
        finish_all(services.store, req.keys, ok=ok)
        return
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
                req = job_queue.request(job)
            except (TypeError, ValueError) as exc:
                waiting.popleft()
                log.error("job %s cannot be read back (%s): dropped", job.id, exc)
                queue.finish(store, job.id, [], ok=False)
                continue
            if not runner.try_submit(*_work(services, client, req)):
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


def say_busy(client: WebClient, channel: str, thread_ts: str | None, text: str = BUSY) -> None:
    """Tell the thread Legwork is busy (or another ``text`` that needs no job). Runs on Bolt's listener
    threads, which also acknowledge requests, so it makes one quick attempt with no retries: a rate limit
    must not hold those threads while it waits."""
    quick = WebClient(token=client.token, base_url=client.base_url, timeout=5, retry_handlers=[])
    try:
        quick.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)
    except (SlackApiError, SlackClientError) as exc:
        log.warning("could not say busy in %s: %s", channel, exc)
