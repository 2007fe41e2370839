"""Block actions and view submissions (interactivity): the questions' overflow menus, Undo and the answer
modal (``questions``), and the digest's "more" buttons (``more``)."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions import more, questions


def register(app: App) -> None:
    """Register the interactive listeners."""
    questions.register(app)
    more.register(app)
