"""Block actions and view submissions (interactivity): the questions' overflow menus, Undo and the answer
modal (``questions``, which also takes the old "Mark answered" button), the digest's "more" buttons
(``more``) and *Digest again* (``digest_again``)."""

from __future__ import annotations

from slack_bolt import App

from bot.digest import DIGEST_AGAIN_ACTION
from handlers.actions import more, questions
from handlers.actions.digest_again import handle_digest_again


def register(app: App) -> None:
    """Register the interactive listeners."""
    questions.register(app)
    more.register(app)
    app.action(DIGEST_AGAIN_ACTION)(handle_digest_again)
