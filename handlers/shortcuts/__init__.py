"""Shortcuts (interactivity)."""

from __future__ import annotations

from slack_bolt import App

from handlers.shortcuts.digest import handle_digest_shortcut

DIGEST_CALLBACK = "legwork_digest"


def register(app: App) -> None:
    """Register the message shortcut."""
    app.message_shortcut(DIGEST_CALLBACK)(handle_digest_shortcut)
