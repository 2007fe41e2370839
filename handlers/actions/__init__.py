"""Block actions (interactivity)."""

from __future__ import annotations

from slack_bolt import App

from bot.render import MARK_ANSWERED
from handlers.actions.mark_answered import handle_mark_answered


def register(app: App) -> None:
    """Register the button listeners."""
    app.action(MARK_ANSWERED)(handle_mark_answered)
