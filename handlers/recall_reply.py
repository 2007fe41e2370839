"""Recall for the mention and the slash command: the store's answer as Slack mrkdwn, scoped to the channel."""

from __future__ import annotations

import logging

from slack_sdk import WebClient

from bot.errors import BotError
from bot.render import esc
from handlers.context import Services

log = logging.getLogger(__name__)
USAGE = "Tell me what to look for: `/recall <name or words>` (or `@Legwork recall <name or words>`)."


def recall_text(services: Services, client: WebClient, team: str, channel: str, query: str) -> str:
    """The recall answer for ``query`` as seen from ``channel`` (private material stays in its channel)."""
    query = query.strip()
    if not query:
        return USAGE
    try:
        from bot import recall as recall_module
    except ImportError:
        return "Recall is not available yet."
    recall = getattr(recall_module, "recall", None)
    fmt = getattr(recall_module, "format_recall", None)
    scope_type = getattr(recall_module, "RecallScope", None)
    if recall is None or fmt is None or scope_type is None:
        return "Recall is not available yet."
    scope = scope_type(team, channel, services.is_private(client, channel, team))
    try:
        return str(fmt(recall(services.store, query, scope=scope)))
    except BotError as exc:
        return f":warning: {esc(str(exc))}"
