"""The digest job as Slack sees it: runs on Legwork's job pool, never on Bolt's listener threads.

Reads the thread parent when asked, calls ``bot.digest`` (fetch, extract, store), posts one threaded reply
per article plus one line for any failure, and swaps the message's :hourglass_flowing_sand: reaction for
:white_check_mark: or :warning:. Every outcome is recorded in the ledger.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot import render
from bot.digest import LINK_ONLY_WORDS, MAX_LINKS, digest
from bot.errors import BotError, InputError
from bot.extract_pool import ExtractorCrashed
from bot.models import Sighting
from handlers.context import Services
from handlers.files import read_text_file, text_file
from handlers.ledger import finish_all
from handlers.slack_text import message_content

log = logging.getLogger(__name__)
NOT_MEMBER = {"not_in_channel", "channel_not_found", "is_archived"}
NO_FILES = "I can only read text snippets and text files: paste the article text or a link instead."
FAILED = ":warning: Sorry, something went wrong while digesting this. Please try again in a minute."


@dataclass
class DigestRequest:
    """What to digest and where to answer."""

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


def run_digest(services: Services, client: WebClient, req: DigestRequest) -> None:
    """Digest and reply; one clear line on any failure; the ledger records whether a retry may redo it."""
    ok, done = False, False
    _react(client, req, "hourglass_flowing_sand", add=True)
    try:
        text, links = _read_parent(client, req) if req.parent_ts else (req.text, req.links)
        text, links = _with_snippet(services, client, req.files, text, links)
        sighting = Sighting(
            team=req.team,
            channel=req.channel,
            channel_private=services.is_private(client, req.channel, req.team),
            message_ts=req.article_ts,
            thread_ts=req.thread_ts,
            user=req.user,
            permalink=services.permalink(client, req.channel, req.article_ts, req.thread_ts),
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
        log.error("Slack refused a reply in %s: %s", req.channel, exc)
        _try_post(client, req, FAILED)
    except ExtractorCrashed as exc:  # not done: the ledger lets Slack's retry redo it
        log.error("digest job failed in %s: %s", req.channel, exc)
        _try_post(client, req, FAILED)
    except Exception:
        log.exception("digest job failed in %s", req.channel)
        _try_post(client, req, FAILED)
    finally:
        finish_all(services.store, req.keys, ok=done)
        _react(client, req, "hourglass_flowing_sand", add=False)
        if ok:  # a redone job clears the warning its failed first run left
            _react(client, req, "warning", add=False)
        _react(client, req, "white_check_mark" if ok else "warning", add=True)


def _read_parent(client: WebClient, req: DigestRequest) -> tuple[str, list[str]]:
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
            raise InputError(
                f"I can't read this thread: Legwork lacks the {exc.response.get('needed')} "
                "permission; an admin must add it and reinstall the app."
            ) from None
        if error in {"thread_not_found", "message_not_found"}:
            raise InputError("I can't find the thread's first message: was it deleted?") from None
        if error in NOT_MEMBER:
            raise InputError("I can't read this channel: invite me with `/invite @Legwork`.") from None
        raise
    parent = messages[0] if messages else {}
    req.files = list(parent.get("files") or [])
    return message_content(parent)


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


def post(client: WebClient, req: DigestRequest, message: dict[str, Any], *, quiet: bool = False) -> None:
    """Post in the request's thread (or channel); fall back to the response URL when the bot is not a member.

    ``quiet`` messages (failures) for a slash command, which has no thread, go only to the user who asked.
    """
    if req.respond is not None and (req.private or (quiet and req.thread_ts is None)):
        _respond(req, message)
        return
    try:
        client.chat_postMessage(
            channel=req.channel, thread_ts=req.thread_ts, unfurl_links=False, unfurl_media=False, **message
        )
    except SlackApiError as exc:
        if req.respond is None or exc.response.get("error") not in NOT_MEMBER:
            raise
        private = dict(message)
        private["text"] = message["text"] + "\n" + render.INVITE
        if "blocks" in private:
            private["blocks"] = private["blocks"][: render.MAX_BLOCKS - 1] + [render.context(render.INVITE)]
        _respond(req, private)


def _respond(req: DigestRequest, message: dict[str, Any]) -> None:
    assert req.respond is not None
    answer = req.respond(response_type="ephemeral", **message)
    status = getattr(answer, "status_code", 200)
    if status >= 400:
        raise SlackClientError(f"the response URL refused the reply (HTTP {status})")


def _try_post(client: WebClient, req: DigestRequest, text: str) -> None:
    try:
        post(client, req, {"text": text}, quiet=True)
    except (SlackApiError, SlackClientError) as exc:
        log.error("could not tell the user about a failure in %s: %s", req.channel, exc)


def _react(client: WebClient, req: DigestRequest, name: str, *, add: bool) -> None:
    if not req.react_ts:
        return
    try:
        call = client.reactions_add if add else client.reactions_remove
        call(channel=req.channel, timestamp=req.react_ts, name=name)
    except (SlackApiError, SlackClientError) as exc:
        log.debug("reaction %s on %s failed: %s", name, req.article_ts, exc)


def submit(services: Services, client: WebClient, req: DigestRequest) -> bool:
    """Queue the job; False when the pool is full (the claim is released so a retry may take it)."""
    if services.jobs.try_submit(run_digest, services, client, req):
        return True
    log.warning("job pool full (%d pending): refused a digest in %s", services.jobs.pending, req.channel)
    finish_all(services.store, req.keys, ok=False)
    return False


def run_text(services: Services, client: WebClient, req: DigestRequest, make_text: Callable[[], str]) -> None:
    """A short answer (help, recall, a usage hint) posted like a digest reply."""
    ok = False
    try:
        post(client, req, {"text": make_text()})
        ok = True
    except (SlackApiError, SlackClientError) as exc:
        log.error("could not answer in %s: %s", req.channel, exc)
    finally:
        finish_all(services.store, req.keys, ok=ok)


def say_busy(client: WebClient, channel: str, thread_ts: str | None) -> None:
    """Tell the thread Legwork is busy. Runs on Bolt's listener threads, which also acknowledge requests, so
    it makes one quick attempt with no retries: a rate limit must not hold those threads while it waits."""
    quick = WebClient(token=client.token, base_url=client.base_url, timeout=5, retry_handlers=[])
    try:
        quick.chat_postMessage(channel=channel, thread_ts=thread_ts, text=render.BUSY)
    except (SlackApiError, SlackClientError) as exc:
        log.warning("could not say busy in %s: %s", channel, exc)


def submit_text(
    services: Services, client: WebClient, req: DigestRequest, make_text: Callable[[], str]
) -> bool:
    """Queue ``run_text``; False when the pool is full."""
    if services.jobs.try_submit(run_text, services, client, req, make_text):
        return True
    finish_all(services.store, req.keys, ok=False)
    return False
