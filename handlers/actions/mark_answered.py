"""Block action ``legwork_mark_answered`` (interactivity; chat:write): mark an open question answered."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot import render
from bot.errors import BotError
from bot.render.messages import BUSY, NOT_MARKED

log = logging.getLogger(__name__)


def handle_mark_answered(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient, respond: Respond
) -> None:
    """Ack, then update the store and the message on the job pool."""
    ack()
    services = context["legwork"]
    if not services.jobs.try_submit(mark_answered, services.store, client, respond, body, action):
        respond(text=BUSY, response_type="ephemeral", replace_original=False)


def mark_answered(
    store: Any, client: WebClient, respond: Respond, body: dict[str, Any], action: dict[str, Any]
) -> None:
    """Record the answer, then show it in place of the button (chat.update, or respond if ephemeral)."""
    user = (body.get("user") or {}).get("id", "")
    try:
        store.mark_question(int(action["value"]), status="answered", user=user)
    except (BotError, ValueError, KeyError, AttributeError) as exc:
        log.warning("could not mark question %s answered: %s", action.get("value"), exc)
        respond(
            text=NOT_MARKED,
            response_type="ephemeral",
            replace_original=False,
        )
        return
    message = body.get("message") or {}
    blocks = render.mark_answered(message.get("blocks") or [], action["value"], user)
    try:
        if (body.get("container") or {}).get("is_ephemeral"):
            respond(text=message.get("text") or "Open questions", blocks=blocks, replace_original=True)
        else:
            client.chat_update(
                channel=body["channel"]["id"], ts=message["ts"], text=message.get("text") or "", blocks=blocks
            )
    except (SlackApiError, SlackClientError, KeyError) as exc:
        log.error("could not update the message after marking a question answered: %s", exc)
