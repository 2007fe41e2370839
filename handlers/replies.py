"""How a job answers in Slack: posts (or responds through the response URL), reacts, and tags every reply
with metadata naming its job, so a job resumed after a crash can count the replies Slack already has.

Replies are numbered per job: reply ``part`` already out before a restart (``req.posted``) is skipped, and
each one posted is recorded (``req.on_posted``, i.e. ``bot.jobs.queue.mark_posted``). The job's life cycle
(record, begin, end, resume) is ``handlers.jobs``; what to say is decided in ``bot/`` (``bot.digest``,
``bot.render``, ``bot.render.messages``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, NamedTuple

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot import render
from bot.errors import StorageError
from bot.render.messages import BUSY, INVITE
from handlers.health import AUTH_ERRORS

if TYPE_CHECKING:
    from handlers.jobs import JobRequest

log = logging.getLogger(__name__)
NOT_MEMBER = {"not_in_channel", "channel_not_found", "is_archived"}
REPLY_EVENT = "legwork_reply"  # the metadata event type of every job reply
READ_PAGES = 5  # pages of a thread (200 messages each) read when resuming a job
# the asking message's reactions: working, then done or failed
HOURGLASS, CHECK, WARNING = "hourglass_flowing_sand", "white_check_mark", "warning"


class Answered(NamedTuple):
    """How a job's work went: ``done`` closes its ledger keys as done (else failed, so that Slack's retry may
    redo it); ``ok`` (something was digested) turns the hourglass into a check mark rather than a warning."""

    done: bool
    ok: bool


def post(
    client: WebClient, req: JobRequest, message: dict[str, Any], *, quiet: bool = False, parent: bool = False
) -> str | None:
    """Post in the request's thread (or channel); fall back to the response URL when the bot is not a member.
    The posted message's ts, or None.

    ``quiet`` messages (failures) for a slash command, which has no thread, go only to the user who asked.
    A ``parent`` (the one line a ``/legwork`` digest goes under) is only posted in the channel, never
    privately. Replies are numbered per job: one already out before a restart (``req.posted``) is skipped,
    and each one posted is recorded (``req.on_posted``) and carries the job and its number as Slack message
    metadata.
    """
    part = req.parts
    req.parts += 1
    if part < req.posted:
        log.info("job %s: reply %d was posted before the restart", req.job_id, part)
        return None
    if req.respond is not None and not parent and (req.private or (quiet and req.thread_ts is None)):
        _respond(req, message)
        posted(req, part + 1)
        return None
    try:
        answer = client.chat_postMessage(
            channel=req.channel,
            thread_ts=req.thread_ts,
            unfurl_links=False,
            unfurl_media=False,
            **{**message, "metadata": metadata(req, part)},
        )
    except SlackApiError as exc:
        if (req.respond is None and not parent) or exc.response.get("error") not in NOT_MEMBER:
            raise
        if not parent:  # a parent is left out: the digest itself goes privately, saying how to invite Legwork
            private = dict(message)
            private["text"] = message["text"] + "\n" + INVITE
            if "blocks" in private:
                private["blocks"] = private["blocks"][: render.MAX_BLOCKS - 1] + [render.context(INVITE)]
            _respond(req, private)
        posted(req, part + 1)
        return None
    posted(req, part + 1)
    return str(answer.get("ts") or "") or None


def open_thread(client: WebClient, req: JobRequest, message: dict[str, Any]) -> str | None:
    """Post the one-line parent of a ``/legwork`` digest in the channel; the job's later replies go in its
    thread. Its ts, or None (not a member, or posted before a restart: ``replies_out`` found its thread)."""
    ts = post(client, req, message, parent=True)
    if ts:
        req.thread_ts = ts
    return ts


def posted(req: JobRequest, count: int) -> None:
    """Record that the job's first ``count`` replies are out; a failure to record is only logged."""
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


def try_post(client: WebClient, req: JobRequest, text: str) -> None:
    """Post a failure line (``quiet``); if Slack refuses that too, log it."""
    try:
        post(client, req, {"text": text}, quiet=True)
    except (SlackApiError, SlackClientError) as exc:
        log.log(level(exc), "could not tell the user about a failure in %s: %s", req.channel, exc)


def level(exc: SlackClientError) -> int:
    """ERROR, but WARNING for a refused token: ``handlers.health`` has already said so once, with the fix."""
    response = getattr(exc, "response", None)
    error = response.get("error") if response is not None else None
    return logging.WARNING if error in AUTH_ERRORS else logging.ERROR


def react(client: WebClient, req: JobRequest, name: str, *, add: bool) -> None:
    """Add or remove a reaction on the message that asked (none for a slash command)."""
    if not req.react_ts:
        return
    try:
        call = client.reactions_add if add else client.reactions_remove
        call(channel=req.channel, timestamp=req.react_ts, name=name)
    except (SlackApiError, SlackClientError) as exc:
        log.debug("reaction %s on %s failed: %s", name, req.article_ts, exc)


def settle(client: WebClient, req: JobRequest, *, ok: bool, after_failure: bool = False) -> None:
    """The job is over: the hourglass becomes a check mark (``ok``) or a warning. A redone job that
    succeeds clears the warning its failed run left (``after_failure``), and only then: a warning Legwork
    never added is not its to take off."""
    react(client, req, HOURGLASS, add=False)
    if ok and after_failure:
        react(client, req, WARNING, add=False)
    react(client, req, CHECK if ok else WARNING, add=True)


def metadata(req: JobRequest, part: int) -> dict[str, Any]:
    """Slack message metadata for reply number ``part`` of the request's job."""
    return {"event_type": REPLY_EVENT, "event_payload": {"job": req.job_id, "part": part}}


def replies_out(client: WebClient, req: JobRequest) -> int:
    """How many of the job's replies Slack already has, from the metadata of the bot's messages in the
    thread (or, for a channel post, in the channel since the job was recorded); 0 when it cannot tell. A
    ``/legwork`` digest's one-line parent found in the channel gives the job its thread back, and the
    replies in that thread are counted too."""
    if req.private:
        return 0
    seen: dict[int, str] = {}
    try:
        seen.update(_parts(client, req, req.thread_ts))
        if req.thread_ts is None and req.parent and seen.get(0):
            req.thread_ts = seen[0]
            seen.update(_parts(client, req, req.thread_ts))
    except (SlackApiError, SlackClientError, TypeError, ValueError) as exc:
        log.warning("could not read back the replies of job %s in %s: %s", req.job_id, req.channel, exc)
    return max(seen) + 1 if seen else 0


def _parts(client: WebClient, req: JobRequest, thread_ts: str | None) -> dict[int, str]:
    """The job's replies in a thread (or the channel): reply number -> the message's ts."""
    seen: dict[int, str] = {}
    cursor = None
    for _ in range(READ_PAGES):
        args: dict[str, Any] = {"channel": req.channel, "include_all_metadata": True, "limit": 200}
        if cursor:
            args["cursor"] = cursor
        if thread_ts:
            answer = client.conversations_replies(ts=thread_ts, **args)
        else:
            answer = client.conversations_history(oldest=f"{(req.created_at or 0) - 1:.6f}", **args)
        for message in answer.get("messages") or []:
            meta = message.get("metadata") or {}
            event = meta.get("event_payload") or {}
            if meta.get("event_type") == REPLY_EVENT and event.get("job") == req.job_id:
                seen[int(event.get("part", 0))] = str(message.get("ts") or "")
        cursor = (answer.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return seen


def say_busy(client: WebClient, channel: str, thread_ts: str | None, text: str = BUSY) -> None:
    """Tell the thread Legwork is busy (or another ``text`` that needs no job). Runs on Bolt's listener
    threads, which also acknowledge requests, so it makes one quick attempt with no retries: a rate limit
    must not hold those threads while it waits."""
    quick = WebClient(token=client.token, base_url=client.base_url, timeout=5, retry_handlers=[])
    try:
        quick.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)
    except (SlackApiError, SlackClientError) as exc:
        log.warning("could not say busy in %s: %s", channel, exc)
