"""Open questions as Slack blocks outside the digest: the "Mark answered" button, the message after a
click, and ``/legwork open`` (the channel's open questions)."""

from __future__ import annotations

from typing import Any

from bot.render.messages import NO_OPEN_QUESTIONS
from bot.render.mrkdwn import SECTION_CHARS, clip, context, esc, link, plural, section

MARK_ANSWERED = "legwork_mark_answered"


def answered_button(question_id: int) -> dict[str, Any]:
    """The "Mark answered" button for a stored question."""
    return {
        "type": "button",
        "action_id": MARK_ANSWERED,
        "value": str(question_id),
        "text": {"type": "plain_text", "text": "Mark answered"},
    }


def mark_answered(blocks: list[dict[str, Any]], question_id: str, user: str) -> list[dict[str, Any]]:
    """The digest's blocks with the question's button replaced by who marked it answered."""
    out = []
    for block in blocks:
        acc = block.get("accessory") or {}
        if acc.get("action_id") == MARK_ANSWERED and acc.get("value") == str(question_id):
            block = {k: v for k, v in block.items() if k not in ("accessory", "block_id")}
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
        origin = link(where, title or "digest") if where else esc(title)
        text = f"{esc(row.get('question', ''))}" + (f"\n_{origin}_" if origin else "")
        qid = row.get("id") or row.get("question_id")
        blocks.append(section(text, **({"accessory": answered_button(qid)} if qid is not None else {})))
    if len(rows) > limit:
        blocks.append(context(f"{len(rows) - limit} more not shown"))
    return {"text": f"{plural(len(rows), 'open question')} in this channel", "blocks": blocks}
