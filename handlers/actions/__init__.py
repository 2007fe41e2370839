"""Block actions (interactivity)."""

from __future__ import annotations

from slack_bolt import App

from bot.digest import DIGEST_AGAIN_ACTION
from bot.render import MARK_ANSWERED
from handlers.actions.digest_again import handle_digest_again
from handlers.actions.mark_answered import handle_mark_answered


def register(app: App) -> None:
    """Register the button listeners."""
    app.action(MARK_ANSWERED)(handle_mark_answered)
    app.action(DIGEST_AGAIN_ACTION)(handle_digest_again)
