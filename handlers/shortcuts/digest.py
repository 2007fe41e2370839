"""Message shortcut ``legwork_digest`` ("Digest with Legwork"): digest any message in its thread."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.render.messages import ALREADY
from handlers.jobs import JobRequest, Queued, submit
from handlers.slack_text import message_content


def handle_digest_shortcut(
    ack: Ack, shortcut: dict[str, Any], context: Any, client: WebClient, respond: Respond
) -> None:
    """Ack, then record the digest as a job claiming the message (a second click does not post twice)."""
    ack()
    services = context["legwork"]
    message = shortcut.get("message") or {}
    team = (shortcut.get("team") or {}).get("id", "")
    channel = (shortcut.get("channel") or {}).get("id", "")
    ts = shortcut.get("message_ts") or message.get("ts")
    text, links = message_content(message)
    req = JobRequest(
        team=team,
        channel=channel,
        user=(shortcut.get("user") or {}).get("id"),
        text=text,
        links=links,
        article_ts=ts,
        react_ts=ts,
        thread_ts=message.get("thread_ts") or ts,
        keys=[f"sc:{team}:{channel}:{ts}"],
        respond=respond,
        files=list(message.get("files") or []),
    )
    queued = submit(services, client, req)
    if queued is Queued.DUPLICATE:
        respond(text=ALREADY, response_type="ephemeral")
    elif queued.refused:
        respond(text=req.refusal, response_type="ephemeral")
