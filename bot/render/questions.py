"""Open questions as Slack blocks: the question row of the digest with its overflow menu, the older "Mark
answered" button, the message after a click, and ``/legwork open`` (the channel's open questions).

The question row is a contract with the Slack side (``handlers/``): a section with ``block_id``
``q:<question_id>`` and an overflow menu whose ``action_id`` is ``legwork_question:<question_id>`` and whose
options' values are ``answered:<id>``, ``not_needed:<id>`` and ``take:<id>``."""

from __future__ import annotations

from typing import Any

from bot.render.messages import NO_OPEN_QUESTIONS
from bot.render.mrkdwn import SECTION_CHARS, clip, clip_esc, context, link, plural, section

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


def answered_button(question_id: int) -> dict[str, Any]:
    """The "Mark answered" button for a stored question."""
    return {
        "type": "button",
        "action_id": MARK_ANSWERED,
        "value": str(question_id),
        "text": {"type": "plain_text", "text": "Mark answered"},
    }


def mark_answered(blocks: list[dict[str, Any]], question_id: str, user: str) -> list[dict[str, Any]]:
    """The digest's blocks with the question's button (or menu) replaced by who marked it answered."""
    out = []
    for block in blocks:
        acc = block.get("accessory") or {}
        button = acc.get("action_id") == MARK_ANSWERED and acc.get("value") == str(question_id)
        if button or block.get("block_id") == f"{QUESTION_BLOCK}:{question_id}":
            block = {k: v for k, v in block.items() if k != "accessory" and (k != "block_id" or not button)}
            text = dict(block["text"])
            text["text"] = clip(
                text["text"] + f"\n:white_check_mark: _answered (marked by <@{user}>)_", SECTION_CHARS
            )
            block["text"] = text
        out.append(block)
    return out


def open_questions_message(rows: list[dict[str, Any]], limit: int = 20) -> dict[str, Any]:
    """The channel's open questions, oldest first, each with a "Mark answered" button."""
    if not rows:
        return {"text": NO_OPEN_QUESTIONS, "blocks": [section(NO_OPEN_QUESTIONS)]}
    blocks: list[dict[str, Any]] = [section(f"*Open questions in this channel* ({len(rows)}, oldest first)")]
    for row in rows[:limit]:
        title = row.get("title") or row.get("article_title") or ""
        where = row.get("permalink")
        origin = link(where, clip(title, 150) or "digest") if where else clip_esc(title, 150)
        text = clip_esc(row.get("question", ""), QUESTION_CHARS) + (f"\n_{origin}_" if origin else "")
        qid = row.get("id") or row.get("question_id")
        blocks.append(section(text, **({"accessory": answered_button(qid)} if qid is not None else {})))
    if len(rows) > limit:
        blocks.append(context(f"{len(rows) - limit} more not shown"))
    return {"text": f"{plural(len(rows), 'open question')} in this channel", "blocks": blocks}
