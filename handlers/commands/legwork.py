"""``/legwork`` (scope commands; chat:write): digest pasted text or links, ``open`` questions (with who took
what and the answers, ``bot.render.question_state``), ``help``.

The digest goes in the thread of a one-line parent naming who asked and the story, when Legwork is a member
of the channel, else privately through the response URL with a line on how to invite it. A story already
digested in the channel gets "Already digested", a link to it and a *Digest again* button
(``handlers.actions.digest_again``), privately.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot import render
from bot.errors import BotError
from bot.render import question_state
from bot.render.messages import HELP, WORKING
from bot.store import questions
from handlers.commands.recall import handle_recall
from handlers.jobs import JobRequest, Queued, submit
from handlers.slack_text import command_words, message_content


def handle_legwork(
    ack: Ack, command: dict[str, Any], context: Any, client: WebClient, respond: Respond
) -> None:
    """Ack at once; ``help`` and ``open`` answer in the ack, a digest is recorded as a job, then acked."""
    services = context["legwork"]
    head, _rest = command_words(command.get("text", ""))
    if head in {"", "help"}:
        ack(text=HELP)
        return
    team, channel = command.get("team_id", ""), command.get("channel_id", "")
    if head == "open" and not _rest:
        try:
            rows = questions.channel_questions(services.store, team, channel, recent=True)
        except BotError as exc:
            ack(text=f":warning: {render.esc(str(exc))}")
            return
        ack(**question_state.open_list_message(rows))
        return
    if head == "recall":
        handle_recall(ack, {**command, "text": _rest}, context, client, respond)
        return
    keys = [f"cmd:{team}:{command['trigger_id']}"] if command.get("trigger_id") else []
    text, links = message_content({"text": command.get("text", "")})
    req = JobRequest(
        team=team,
        channel=channel,
        user=command.get("user_id"),
        text=text,
        links=links,
        keys=keys,
        respond=respond,
        parent=True,
    )
    queued = submit(services, client, req, attempts=1)  # before the ack: no waiting on a busy database
    if queued is Queued.QUEUED:
        ack(text=WORKING)
    elif queued.refused:
        ack(text=req.refusal)
    else:
        ack()
