"""``app_mention`` (scope app_mentions:read; channels:history and groups:history to read a thread's parent).

``@Legwork <article or link>`` digests in a thread under the message; a bare ``@Legwork`` in a thread
digests the thread's first message; ``@Legwork recall <query>`` and ``@Legwork help`` answer in the thread.
"""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from handlers.jobs import JobRequest, retry_num, submit
from handlers.replies import say_busy
from handlers.slack_text import command_words, message_content, strip_mention

__all__ = ["handle_app_mention"]


def handle_app_mention(
    event: dict[str, Any], body: dict[str, Any], context: Any, client: WebClient, request: Any
) -> None:
    """Record the delivery as a job (the digest, or the recall or help answer) and queue it."""
    services = context["legwork"]
    team = body.get("team_id") or event.get("team") or ""
    channel, ts = event["channel"], event["ts"]
    keys = [f"ev:{team}:{body.get('event_id')}", f"msg:{team}:{channel}:{ts}"]
    thread_ts = event.get("thread_ts") or ts
    req = JobRequest(
        team=team, channel=channel, user=event.get("user"), thread_ts=thread_ts, react_ts=ts, keys=keys
    )
    stripped = strip_mention(event.get("text", ""))
    head, rest = command_words(stripped)
    if head in {"help", "help?"} and not rest:
        req.kind = "help"
    elif head == "recall":
        req.kind, req.query = "recall", rest
    elif not stripped and not event.get("files") and thread_ts != ts:
        req.parent_ts = req.article_ts = thread_ts
    elif not stripped and not event.get("files"):
        req.kind = "usage"
    else:
        req.text, req.links = message_content({"text": stripped, "blocks": event.get("blocks")})
        req.files = list(event.get("files") or [])
        req.article_ts = ts
    if submit(services, client, req, retry=retry_num(request)).refused:
        say_busy(client, channel, thread_ts, req.refusal)
