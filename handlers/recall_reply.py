"""Recall for the mention and the slash command: the store's answer as Slack mrkdwn, scoped to the channel."""

from __future__ import annotations

import logging

from slack_sdk import WebClient

from bot.errors import BotError
from bot.render import esc, format_recall
from bot.render.messages import RECALL_USAGE
from bot.store.recall import RecallScope, recall
from handlers.context import Services

log = logging.getLogger(__name__)


def recall_text(services: Services, client: WebClient, team: str, channel: str, query: str) -> str:
    """The recall answer for ``query`` as seen from ``channel`` (private material stays in its channel)."""
    query = query.strip()
    if not query:
        return RECALL_USAGE
    scope = RecallScope(team, channel, services.is_private(client, channel, team))
    try:
        return format_recall(recall(services.store, query, scope=scope))
    except BotError as exc:
        return f":warning: {esc(str(exc))}"
