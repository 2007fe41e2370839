"""``/recall <query>`` (scope commands): the stored quotes, officials and questions that match, ephemeral."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.render.messages import BUSY, RECALL_USAGE
from handlers.jobs import JobRequest, Queued, submit


def handle_recall(
    ack: Ack, command: dict[str, Any], context: Any, client: WebClient, respond: Respond
) -> None:
    """Ack at once; the search runs on the job pool and answers privately."""
    services = context["legwork"]
    query = (command.get("text") or "").strip()
    if not query:
        ack(text=RECALL_USAGE)
        return
    team, channel = command.get("team_id", ""), command.get("channel_id", "")
    req = JobRequest(
        team=team,
        channel=channel,
        user=command.get("user_id"),
        respond=respond,
        private=True,
        kind="recall",
        query=query,
    )
    if submit(services, client, req, attempts=1) is Queued.BUSY:
        ack(text=BUSY)
    else:
        ack()
