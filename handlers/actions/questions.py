"""Questions you can work (interactivity; chat:write): each question's overflow menu (*Answered*, *Not
needed*, *I'll take it*), *Undo*, and the *Answered* modal that records the answer and its source.

Action ids (the render layer's contract): the overflow ``legwork_question:<id>`` with option values
``answered:<id>``, ``not_needed:<id>``, ``take:<id>``; the button ``legwork_undo:<id>``; the modal's
callback id ``legwork_answer``. The old ``legwork_mark_answered`` button of digests posted before the menu
works as *Answered*. The state belongs to the channel of the message (``bot.store.questions``); after each
change the message shows who did what and when (chat.update, or the response URL for a private list).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.webhook import WebhookClient

from bot.errors import BotError
from bot.render import MARK_ANSWERED, esc, question_state, views
from bot.render.messages import BUSY, NOT_MARKED
from bot.store import questions

log = logging.getLogger(__name__)

QUESTION_MENU = re.compile(r"^legwork_question:\d+$")
UNDO = re.compile(r"^legwork_undo:\d+$")
ANSWER_VIEW = "legwork_answer"
VERBS = {"answered": "answered", "not_needed": "not_needed", "take": "taken"}


@dataclass
class Target:
    """The question clicked and the message it sits in (what the modal carries in ``private_metadata``)."""

    question_id: int
    team: str
    channel: str
    user: str
    ts: str = ""
    thread_ts: str = ""
    ephemeral: bool = False
    response_url: str = ""

    def metadata(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_metadata(cls, text: str, user: str) -> Target:
        data = json.loads(text or "{}")
        return cls(**{**data, "question_id": int(data["question_id"]), "user": user})


def _target(body: dict[str, Any], question_id: str | int) -> Target:
    container = body.get("container") or {}
    message = body.get("message") or {}
    return Target(
        question_id=int(question_id),
        team=(body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id", ""),
        channel=(body.get("channel") or {}).get("id") or container.get("channel_id", ""),
        user=(body.get("user") or {}).get("id", ""),
        ts=message.get("ts") or container.get("message_ts", ""),
        thread_ts=message.get("thread_ts") or container.get("thread_ts", ""),
        ephemeral=bool(container.get("is_ephemeral")),
        response_url=body.get("response_url", ""),
    )


def register(app: Any) -> None:
    """Register the overflow menu, Undo, the old button and the answer modal."""
    app.action(QUESTION_MENU)(handle_question_menu)
    app.action(UNDO)(handle_undo)
    app.action(MARK_ANSWERED)(handle_mark_answered)
    app.view(ANSWER_VIEW)(handle_answer_submission)


def _refuse(respond: Respond, text: str = NOT_MARKED) -> None:
    respond(text=text, response_type="ephemeral", replace_original=False)


def handle_question_menu(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient, respond: Respond
) -> None:
    """Ack; *Answered* opens the modal at once (a trigger lasts 3 s); the change runs on the job pool."""
    ack()
    verb, _, qid = str((action.get("selected_option") or {}).get("value", "")).partition(":")
    if verb not in VERBS or not qid.isdigit() or action.get("action_id") != f"legwork_question:{qid}":
        _refuse(respond)
        return
    _change(body, context, client, respond, _target(body, qid), VERBS[verb])


def handle_mark_answered(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient, respond: Respond
) -> None:
    """The "Mark answered" button of digests posted before the menu: *Answered*, in the message's channel."""
    ack()
    value = str(action.get("value", ""))
    if not value.isdigit():
        _refuse(respond)
        return
    _change(body, context, client, respond, _target(body, value), "answered")


def _change(
    body: dict[str, Any], context: Any, client: WebClient, respond: Respond, target: Target, state: str
) -> None:
    services = context["legwork"]
    if state == "answered":
        try:
            row = questions.question_in_channel(
                services.store, target.question_id, target.team, target.channel
            )
        except BotError as exc:
            log.warning("could not read question %s: %s", target.question_id, exc)
            row = None
        if row is None:
            _refuse(respond)
            return
        try:
            client.views_open(
                trigger_id=body.get("trigger_id", ""), view=views.answer_modal(row, target.metadata())
            )
        except (SlackApiError, SlackClientError) as exc:  # the state still changes; the answer can come later
            log.warning("could not open the answer modal: %s", exc)
    message = body.get("message")
    if not services.jobs.try_submit(_set, services.store, client, respond, target, state, message):
        _refuse(respond, BUSY)


def _set(
    store: Any, client: WebClient, respond: Respond, target: Target, state: str, message: dict | None
) -> None:
    try:
        now = questions.set_state(
            store, target.question_id, team=target.team, channel=target.channel, state=state, user=target.user
        )
    except BotError as exc:
        log.warning("could not set question %s to %s: %s", target.question_id, state, exc)
        _refuse(respond, f":warning: {esc(str(exc))}")
        return
    _show(store, client, target, now, message, respond)


def handle_undo(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient, respond: Respond
) -> None:
    """Ack, then step the question back in this channel and show its state again."""
    ack()
    qid = str(action.get("action_id", "")).rpartition(":")[2]
    if not qid.isdigit():
        _refuse(respond)
        return
    services = context["legwork"]
    message = body.get("message")
    if not services.jobs.try_submit(_undo, services.store, client, respond, _target(body, qid), message):
        _refuse(respond, BUSY)


def _undo(store: Any, client: WebClient, respond: Respond, target: Target, message: dict | None) -> None:
    try:
        now = questions.undo(store, target.question_id, team=target.team, channel=target.channel)
    except BotError as exc:
        log.warning("could not undo question %s: %s", target.question_id, exc)
        _refuse(respond, f":warning: {esc(str(exc))}")
        return
    _show(store, client, target, now, message, respond)


def handle_answer_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Keep the answer and its source; an empty answer keeps the modal open with an error under the field."""
    values = views.answer_values(view)
    if not values.get("answer", "").strip():
        ack(response_action="errors", errors={views.ANSWER_BLOCK: "Write the answer, or cancel."})
        return
    try:
        target = Target.from_metadata(
            view.get("private_metadata", ""), (body.get("user") or {}).get("id", "")
        )
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("an answer modal came back without its question: %s", exc)
        ack(response_action="errors", errors={views.ANSWER_BLOCK: "This form has expired: close it."})
        return
    ack()
    services = context["legwork"]
    services.jobs.try_submit(_answer, services.store, client, target, values)


def _answer(store: Any, client: WebClient, target: Target, values: dict[str, str]) -> None:
    try:
        now = questions.record_answer(
            store,
            target.question_id,
            team=target.team,
            channel=target.channel,
            user=target.user,
            answer=values.get("answer", ""),
            source=values.get("source", ""),
        )
    except BotError as exc:
        log.warning("could not keep the answer to question %s: %s", target.question_id, exc)
        return
    _show(store, client, target, now, None, None)


def _read_message(client: WebClient, target: Target) -> dict[str, Any] | None:
    """The message as it is now, read back from its thread (a view submission does not carry it)."""
    try:
        found = client.conversations_replies(
            channel=target.channel,
            ts=target.thread_ts or target.ts,
            latest=target.ts,
            inclusive=True,
            limit=200,
        )
    except (SlackApiError, SlackClientError) as exc:
        log.warning("could not read the message to show the answer: %s", exc)
        return None
    for message in found.get("messages") or []:
        if message.get("ts") == target.ts:
            return message
    return None


def _show(
    store: Any,
    client: WebClient,
    target: Target,
    state: questions.QuestionState,
    message: dict[str, Any] | None,
    respond: Respond | None,
) -> None:
    """Show the question's new state where it was clicked: the message is updated (chat.update); a private
    list (``/legwork open``) is drawn again through its response URL."""
    try:
        if target.ephemeral:
            rows = questions.channel_questions(store, target.team, target.channel, recent=True)
            listed = question_state.open_list_message(rows)
            if respond is not None:
                respond(replace_original=True, **listed)
            elif target.response_url:
                WebhookClient(target.response_url).send(replace_original=True, **listed)
            return
        if not target.ts:
            return
        if not (message or {}).get("blocks"):
            message = _read_message(client, target)
        if not message:
            return
        blocks = message.get("blocks") or []
        # every question of the message as the store has it now: a click racing another one loses nothing
        shown = questions.states(store, question_state.question_ids(blocks), target.team, target.channel)
        for other in shown.values():
            blocks = question_state.apply(blocks, state if other.question_id == state.question_id else other)
        client.chat_update(
            channel=target.channel,
            ts=target.ts,
            blocks=question_state.apply(blocks, state),
            text=message.get("text") or question_state.state_text(state),
        )
    except (SlackApiError, SlackClientError, BotError) as exc:
        log.error("could not show question %s as %s: %s", target.question_id, state.state, exc)
