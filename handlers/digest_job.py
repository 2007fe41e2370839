"""The digest, as a job's work (``handlers.jobs.WORK["digest"]``): gathers what only Slack knows, makes one
call into the engine, and posts what comes back.

What only Slack knows: the thread's first message when the request asks for it (``conversations.replies``),
an attached document or text snippet (``handlers.files``), whether the channel is private and the message's
permalink (the ``Sighting``). The one call is ``bot.digest.digest_replies`` (fetch, extract, store, render);
its messages are posted by ``handlers.replies``. Recording, beginning and ending the job, and the reactions,
are ``handlers.jobs``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.digest import LINK_ONLY_WORDS, digest_again, digest_replies, failure, thread_opened
from bot.errors import BotError, InputError
from bot.jobs.extract_pool import ExtractorCrashed
from bot.models import Article, Sighting
from bot.render.messages import CHANNEL_CLOSED, FAILED, NO_FILES, THREAD_GONE, missing_scope
from handlers import replies
from handlers.context import Services
from handlers.files import document_file, read_document_file, read_text_file, text_file
from handlers.replies import Answered
from handlers.slack_text import message_content

if TYPE_CHECKING:
    from handlers.jobs import JobRequest

log = logging.getLogger(__name__)


def run_digest(services: Services, client: WebClient, req: JobRequest) -> Answered:
    """Digest and reply; one clear line on any failure. Done (the ledger closes its keys) unless Slack or an
    extraction worker failed, so that Slack's retry may redo it."""
    try:
        text, links = _read_parent(client, req) if req.parent_ts else (req.text, req.links)
        document = _attached_document(client, services, req.files, text) if req.again is None else None
        if document is None and req.again is None:
            text, links = _with_snippet(services, client, req.files, text, links)
        sighting = _sighting(services, client, req)
        asker = req.user if req.parent else None
        if req.again is not None:
            answer = digest_again(req.again, store=services.store, sighting=sighting, asker=asker)
        else:
            answer = digest_replies(
                text,
                links,
                asker=asker,
                nlp=services.nlp,
                store=services.store,
                settings=services.settings,
                sighting=sighting,
                fetch=services.fetch,
                extractor=services.extractor,
                document=document,
            )
        if answer.parent is not None and (ts := replies.open_thread(client, req, answer.parent.message)):
            link = services.permalink(client, req.channel, ts)
            thread_opened(services.store, sighting, ts, link)
        for reply in answer.messages:
            replies.post(client, req, reply.message, quiet=reply.quiet)
        return Answered(done=True, ok=answer.ok)
    except BotError as exc:
        reply = failure(str(exc))
        replies.post(client, req, reply.message, quiet=reply.quiet)
        return Answered(done=True, ok=False)
    except (SlackApiError, SlackClientError) as exc:
        log.log(replies.level(exc), "Slack refused a reply in %s: %s", req.channel, exc)
    except ExtractorCrashed as exc:  # not done: the ledger lets Slack's retry redo it
        log.error("digest job failed in %s: %s", req.channel, exc)
    except Exception:
        log.exception("digest job failed in %s", req.channel)
    replies.try_post(client, req, FAILED)
    return Answered(done=False, ok=False)


def _sighting(services: Services, client: WebClient, req: JobRequest) -> Sighting:
    """Where and when the article was seen, for the store (and the "seen before" line of later digests)."""
    # a /legwork digest resumed after a crash knows its parent again: the same sighting as before
    message_ts = req.article_ts or (req.thread_ts if req.parent else None)
    return Sighting(
        team=req.team,
        channel=req.channel,
        channel_private=services.is_private(client, req.channel, req.team),
        message_ts=message_ts,
        thread_ts=req.thread_ts,
        user=req.user,
        permalink=services.permalink(client, req.channel, message_ts, req.thread_ts),
        seen_at=req.created_at or 0.0,  # the same time when a job is redone: stored once
    )


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
        if error in replies.NOT_MEMBER:
            raise InputError(CHANNEL_CLOSED) from None
        raise
    parent = messages[0] if messages else {}
    req.files = list(parent.get("files") or [])
    return message_content(parent)


def _attached_document(
    client: WebClient, services: Services, files: list[dict[str, Any]], text: str
) -> Article | None:
    """An attached PDF, Word or Markdown file, read (``bot.reader.documents``), when the message is not an
    article itself; InputError with one line when the file cannot be read."""
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
