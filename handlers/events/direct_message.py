"""``message.im`` (scope im:history): an article or link sent to Legwork in a DM is digested in a thread."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from handlers.jobs import JobRequest, retry_num, submit
from handlers.replies import say_busy
from handlers.slack_text import command_words, message_content


def handle_direct_message(
    event: dict[str, Any], body: dict[str, Any], context: Any, client: WebClient, request: Any
) -> None:
    """Digest a user's DM to the bot; other message events (channels, edits, bots) are ignored."""
    if (
        event.get("channel_type") != "im"
        or event.get("subtype") not in (None, "file_share")
        or event.get("bot_id")
    ):
        return
    services = context["legwork"]
    team = body.get("team_id") or event.get("team") or ""
    channel, ts = event["channel"], event["ts"]
    keys = [f"ev:{team}:{body.get('event_id')}", f"msg:{team}:{channel}:{ts}"]
    req = JobRequest(
        team=team,
        channel=channel,
        user=event.get("user"),
        thread_ts=event.get("thread_ts") or ts,
        react_ts=ts,
        article_ts=ts,
        keys=keys,
    )
    head, rest = command_words(event.get("text", ""))
    if head in {"help", "hi", "hello"} and not rest:
        req.kind = "help"
    elif head == "recall":
        req.kind, req.query = "recall", rest
    else:
        req.text, req.links = message_content(event)
        req.files = list(event.get("files") or [])
    if submit(services, client, req, retry=retry_num(request)).refused:
        say_busy(client, channel, req.thread_ts, req.refusal)
