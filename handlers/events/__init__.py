"""Events API listeners."""

from __future__ import annotations

from slack_bolt import App

from handlers.events.app_home import handle_app_home_opened
from handlers.events.app_mention import handle_app_mention
from handlers.events.direct_message import handle_direct_message


def register(app: App) -> None:
    """Register the event listeners."""
    app.event("app_mention")(handle_app_mention)
    app.event("message")(handle_direct_message)
    app.event("app_home_opened")(handle_app_home_opened)
