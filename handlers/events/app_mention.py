"""``app_mention`` (scope app_mentions:read; channels:history and groups:history to read a thread's parent).

``@Legwork <article or link>`` digests in a thread under the message; a bare ``@Legwork`` in a thread
digests the thread's first message; ``@Legwork recall <query>`` and ``@Legwork help`` answer in the thread.
"""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from bot import render
from handlers.digest_job import DigestRequest, say_busy, submit, submit_text
from handlers.ledger import claim_all, retry_num
from handlers.recall_reply import recall_text
from handlers.slack_text import command_words, message_content, strip_mention

NOTHING = (
    "Paste an article or a link after @Legwork, or mention me in a thread under an article (`@Legwork help`)."
)


def handle_app_mention(
    event: dict[str, Any], body: dict[str, Any], context: Any, client: WebClient, request: Any
) -> None:
    """Claim the delivery, then queue the digest (or the recall or help answer) for the job pool."""
    services = context["legwork"]
    team = body.get("team_id") or event.get("team") or ""
    channel, ts = event["channel"], event["ts"]
    keys = [f"ev:{team}:{body.get('event_id')}", f"msg:{team}:{channel}:{ts}"]
    if not claim_all(services.store, keys, retry_num=retry_num(request)):
        return
    thread_ts = event.get("thread_ts") or ts
    req = DigestRequest(
        team=team, channel=channel, user=event.get("user"), thread_ts=thread_ts, react_ts=ts, keys=keys
    )
    stripped = strip_mention(event.get("text", ""))
    head, rest = command_words(stripped)
    if head in {"help", "help?"} and not rest:
        queued = submit_text(services, client, req, lambda: render.HELP)
    elif head == "recall":
        queued = submit_text(
            services, client, req, lambda: recall_text(services, client, team, channel, rest)
        )
    elif not stripped and not event.get("files") and thread_ts != ts:
        req.parent_ts = req.article_ts = thread_ts
        queued = submit(services, client, req)
    elif not stripped and not event.get("files"):
        queued = submit_text(services, client, req, lambda: NOTHING)
    else:
        req.text, req.links = message_content({"text": stripped, "blocks": event.get("blocks")})
        req.files = list(event.get("files") or [])
        req.article_ts = ts
        queued = submit(services, client, req)
    if not queued:
        say_busy(client, channel, thread_ts)
