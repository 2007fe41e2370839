"""A Slack request as a durable job (``bot.jobs.queue``): what is stored, how it is read back, and which of its
replies Slack already has.

A request is stored as data: its kind (digest, help, recall, usage) and the ``JobRequest`` fields as JSON,
with the ``response_url`` string in place of Bolt's ``respond`` callable. Every reply a job posts carries
Slack message metadata naming the job and the reply's number, so a job resumed after a crash can read its
thread and skip the replies that went out after the last one the database recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.jobs import queue
from bot.errors import StorageError

log = logging.getLogger(__name__)
KINDS = ("digest", "help", "recall", "usage")
REPLY_EVENT = "legwork_reply"  # the metadata event type of every job reply
READ_PAGES = 5  # pages of a thread (200 messages each) read when resuming a job


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
    keys: list[str] = field(default_factory=list)
    respond: Callable[..., Any] | None = None  # response_url fallback when the bot cannot post
    private: bool = False  # answer only through ``respond`` (ephemeral)
    files: list[dict[str, Any]] = field(default_factory=list)  # attached files: a text snippet is read
    kind: str = "digest"  # digest | help | recall | usage
    query: str = ""  # what a recall looks for
    # the durable job, once recorded (None: a request run without the queue, as in unit tests)
    job_id: int | None = None
    created_at: float | None = None  # when the job was recorded: the sighting's time, stable across a redo
    posted: int = 0  # replies already out before a restart: not posted again
    parts: int = 0  # replies this run has reached, posted or skipped
    on_posted: Callable[[int], None] | None = None  # records that the first n replies are out
    refusal: str = ""  # why ``submit`` did not queue it (busy, or over the asker's limit): tell the asker


_STORED = (
    "team", "channel", "user", "text", "links", "parent_ts", "article_ts", "thread_ts", "react_ts", "keys",
    "private", "files", "query",
)  # fmt: skip


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


def record(store: Any, req: JobRequest, *, attempts: int = 3, retry: str | None = None) -> bool:
    """Claim the request's ledger keys and store it as a queued job, in one transaction; False for a
    duplicate. A database held by another writer is waited for ``attempts`` times its busy timeout,
    since an event is already acknowledged: giving up would lose it."""
    assert req.kind in KINDS, req.kind
    for attempt in range(1, attempts + 1):
        try:
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


def metadata(req: JobRequest, part: int) -> dict[str, Any]:
    """Slack message metadata for reply number ``part`` of the request's job."""
    return {"event_type": REPLY_EVENT, "event_payload": {"job": req.job_id, "part": part}}


def replies_out(client: WebClient, req: JobRequest) -> int:
    """How many of the job's replies Slack already has, from the metadata of the bot's messages in the
    thread (or, for a channel post, in the channel since the job was recorded); 0 when it cannot tell."""
    if req.job_id is None or req.private:
        return 0
    seen: list[int] = []
    cursor = None
    try:
        for _ in range(READ_PAGES):
            args: dict[str, Any] = {"channel": req.channel, "include_all_metadata": True, "limit": 200}
            if cursor:
                args["cursor"] = cursor
            if req.thread_ts:
                answer = client.conversations_replies(ts=req.thread_ts, **args)
            else:
                answer = client.conversations_history(oldest=f"{(req.created_at or 0) - 1:.6f}", **args)
            for message in answer.get("messages") or []:
                meta = message.get("metadata") or {}
                event = meta.get("event_payload") or {}
                if meta.get("event_type") == REPLY_EVENT and event.get("job") == req.job_id:
                    seen.append(int(event.get("part", 0)))
            cursor = (answer.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
    except (SlackApiError, SlackClientError, TypeError, ValueError) as exc:
        log.warning("could not read back the replies of job %s in %s: %s", req.job_id, req.channel, exc)
    return max(seen) + 1 if seen else 0
