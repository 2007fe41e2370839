"""The Slack app: its factory (``app``), server (``server``) and health watch (``health``), the Slack side
of jobs and replies, and the listeners, one sub-package per surface. ``register_handlers(app)`` wires them."""

from __future__ import annotations

from slack_bolt import App

from handlers import actions, commands, events, shortcuts


def register_handlers(app: App) -> None:
    """Register every listener on ``app``."""
    events.register(app)
    commands.register(app)
    shortcuts.register(app)
    actions.register(app)
