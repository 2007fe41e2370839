"""The digest's "more" buttons (interactivity): ``legwork_open_quotes``, ``legwork_open_questions``,
``legwork_open_sources`` and ``legwork_open_officials`` open a modal (views.open) with the full list, read
from the store. The button's value is the article id; an article never digested in the clicked message's
channel opens nothing (a forged value cannot read another channel's digest)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.errors import BotError
from bot.render import views
from bot.render.messages import NOT_OPENED
from bot.store import questions

log = logging.getLogger(__name__)

KINDS = ("quotes", "questions", "sources", "officials")
ACTIONS = {f"legwork_open_{kind}": kind for kind in KINDS}


def register(app: Any) -> None:
    """Register the four buttons."""
    for action_id in ACTIONS:
        app.action(action_id)(handle_open_list)


def handle_open_list(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient, respond: Respond
) -> None:
    """Ack, then open the modal in the listener: the trigger id expires after 3 seconds."""
    ack()
    kind = ACTIONS.get(str(action.get("action_id")))
    value = str(action.get("value", ""))
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id", "")
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", "")
    store = context["legwork"].store
    try:
        if (
            kind is None
            or not value.isdigit()
            or not questions.digested_here(store, int(value), team, channel)
        ):
            raise LookupError(value)
        article_id = int(value)
        ex = store.extraction(article_id)
        if ex is None:
            raise LookupError(value)
        rows = questions.article_questions(store, article_id) if kind == "questions" else []
        states = questions.states(store, [r["id"] for r in rows], team, channel) if rows else {}
    except (LookupError, BotError) as exc:
        log.warning("no %s list for article %r in %s: %s", kind, value, channel, exc)
        respond(text=NOT_OPENED, response_type="ephemeral", replace_original=False)
        return
    view = views.list_modal(kind, ex, question_rows=rows, states=states)
    try:
        client.views_open(trigger_id=body.get("trigger_id", ""), view=view)
    except (SlackApiError, SlackClientError) as exc:
        log.error("could not open the %s modal: %s", kind, exc)
        respond(text=NOT_OPENED, response_type="ephemeral", replace_original=False)
