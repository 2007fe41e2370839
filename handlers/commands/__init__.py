"""Slash commands."""

from __future__ import annotations

from slack_bolt import App

from handlers.commands.legwork import handle_legwork
from handlers.commands.recall import handle_recall


def register(app: App) -> None:
    """Register the slash commands."""
    app.command("/legwork")(handle_legwork)
    app.command("/recall")(handle_recall)
