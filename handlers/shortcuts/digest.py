"""Message shortcut ``legwork_digest`` ("Digest with Legwork"): digest any message in its thread."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot import render
from handlers.digest_job import DigestRequest, submit
from handlers.ledger import claim_all
from handlers.slack_text import message_content

ALREADY = "Legwork is already digesting that message, or has done so: see its thread."


def handle_digest_shortcut(
    ack: Ack, shortcut: dict[str, Any], context: Any, client: WebClient, respond: Respond
) -> None:
    """Ack, claim the message (a second click does not post twice) and queue the digest."""
    ack()
    services = context["legwork"]
    message = shortcut.get("message") or {}
    team = (shortcut.get("team") or {}).get("id", "")
    channel = (shortcut.get("channel") or {}).get("id", "")
    ts = shortcut.get("message_ts") or message.get("ts")
    keys = [f"sc:{team}:{channel}:{ts}"]
    if not claim_all(services.store, keys):
        respond(text=ALREADY, response_type="ephemeral")
        return
    text, links = message_content(message)
    req = DigestRequest(
        team=team,
        channel=channel,
        user=(shortcut.get("user") or {}).get("id"),
        text=text,
        links=links,
        article_ts=ts,
        react_ts=ts,
        thread_ts=message.get("thread_ts") or ts,
        keys=keys,
        respond=respond,
        files=list(message.get("files") or []),
    )
    if not submit(services, client, req):
        respond(text=render.BUSY, response_type="ephemeral")
