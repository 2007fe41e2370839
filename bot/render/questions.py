"""Open questions as Slack blocks: the question row of the digest with its overflow menu. (``MARK_ANSWERED``
is the action id of the button digests carried before the menu; ``question_state`` turns it into the menu.)

The question row is a contract with the Slack side (``handlers/``): a section with ``block_id``
``q:<question_id>`` and an overflow menu whose ``action_id`` is ``legwork_question:<question_id>`` and whose
options' values are ``answered:<id>``, ``not_needed:<id>`` and ``take:<id>``."""

from __future__ import annotations

from typing import Any

from bot.render.mrkdwn import clip_esc, section

MARK_ANSWERED = "legwork_mark_answered"
QUESTION_MENU = "legwork_question"
QUESTION_BLOCK = "q"
MENU_OPTIONS = (("answered", "Answered"), ("not_needed", "Not needed"), ("take", "I'll take it"))
QUESTION_CHARS = 400


def question_menu(question_id: int | str) -> dict[str, Any]:
    """The overflow menu of a stored question: *Answered*, *Not needed*, *I'll take it*."""
    return {
        "type": "overflow",
        "action_id": f"{QUESTION_MENU}:{question_id}",
        "options": [
            {"text": {"type": "plain_text", "text": label}, "value": f"{value}:{question_id}"}
            for value, label in MENU_OPTIONS
        ],
    }


def question_row(number: int, question: str, question_id: int | str | None) -> dict[str, Any]:
    """One open question as a section: ``*1.* question``, with its menu and ``block_id`` when stored."""
    text = f"*{number}.* {clip_esc(question, QUESTION_CHARS)}"
    if question_id is None:
        return section(text)
    return section(text, block_id=f"{QUESTION_BLOCK}:{question_id}", accessory=question_menu(question_id))
