"""A question's state as the message shows it (``bot.store.questions``): one line saying who did what and
when (Slack's ``<!date^…>``, read in each reader's own time zone) with an *Undo* button, placed under the
question's own block (``block_id`` ``q:<id>``, the render layer's contract). Also the private list of a
channel's questions behind ``/legwork open``. Pure functions, no Slack client."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.render.mrkdwn import clip, context, fit, link, section, slack_date
from bot.render.questions import MARK_ANSWERED, question_menu
from bot.store.questions import QuestionState

MAX_BLOCKS = 50
SECTION_CHARS = 3000
LIST_ROWS = 20  # questions in the /legwork open list (each up to two blocks)
ANSWER_CHARS = 600  # of the answer, in the message; the whole answer stays in the store and recall
UNDO_PREFIX = "legwork_undo:"
FOLDED = "\n\u2063"  # starts a state line folded into a question's text (a message with no room left)
_SAID = {
    "answered": (":white_check_mark:", "Answered by {who}"),
    "not_needed": (":heavy_minus_sign:", "Not needed, said {who}"),
    "taken": (":raising_hand:", "{who} is on it"),
}


def when(at: float | None) -> str:
    """Slack's date token: the reader's local date and time, with a UTC fallback for old clients."""
    if not at:
        return ""
    return slack_date(at, datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M UTC"))


def who(user: str | None) -> str:
    """A user mention; ``someone`` when the id is not a Slack user id."""
    return f"<@{user}>" if user and user.isalnum() else "someone"


def state_line(state: QuestionState | Any, *, answer_chars: int = ANSWER_CHARS) -> str:
    """``:white_check_mark: Answered by <@U…> · <!date…>`` and the answer with its source; empty when open."""
    kind = getattr(state, "state", None) or "open"
    if kind not in _SAID:
        return ""
    emoji, words = _SAID[kind]
    line = f"{emoji} {words.format(who=who(state.user))}"
    stamp = when(state.at)
    if stamp:
        line += f" · {stamp}"
    if kind == "answered" and state.answer:
        line += f"\n> {fit(state.answer, answer_chars)}"
        if state.answer_source:
            line += f"\n_Source: {fit(state.answer_source, 300)}_"
    return line


def state_of_row(row: dict[str, Any]) -> QuestionState:
    """The state carried by a row of ``bot.store.questions`` lists (``state``, ``state_user``…)."""
    return QuestionState(
        int(row["id"]),
        row.get("team") or "",
        row.get("channel") or "",
        row.get("state") or "open",
        row.get("state_user"),
        row.get("state_at"),
        row.get("answer"),
        row.get("answer_source"),
    )


def state_text(state: QuestionState) -> str:
    """The state as plain text (a message's notification fallback)."""
    words = {"answered": "answered", "not_needed": "marked not needed", "taken": "taken"}.get(state.state)
    return f"Question {words}" if words else "Question reopened"


def undo_button(question_id: int) -> dict[str, Any]:
    return {
        "type": "button",
        "action_id": f"{UNDO_PREFIX}{question_id}",
        "value": str(question_id),
        "text": {"type": "plain_text", "text": "Undo"},
    }


def state_block(state: QuestionState) -> dict[str, Any] | None:
    """The line under a question (``block_id`` ``qs:<id>``) with *Undo*; None while the question is open."""
    line = state_line(state)
    if not line:
        return None
    return section(line, block_id=f"qs:{state.question_id}", accessory=undo_button(state.question_id))


def _is_question(block: dict[str, Any], qid: str) -> bool:
    if block.get("block_id") == f"q:{qid}":
        return True
    acc = block.get("accessory") or {}  # or a digest from before the menu
    return acc.get("action_id") == MARK_ANSWERED and str(acc.get("value")) == qid


def question_ids(blocks: list[dict[str, Any]]) -> list[int]:
    """The ids of the questions a message shows (``q:<id>`` blocks and old "Mark answered" buttons)."""
    out = []
    for block in blocks:
        bid = str(block.get("block_id") or "")
        acc = block.get("accessory") or {}
        if bid.startswith("q:") and bid[2:].isdigit():
            out.append(int(bid[2:]))
        elif acc.get("action_id") == MARK_ANSWERED and str(acc.get("value", "")).isdigit():
            out.append(int(acc["value"]))
    return out


def apply(blocks: list[dict[str, Any]], state: QuestionState) -> list[dict[str, Any]]:
    """The message's blocks with the question's state line placed (or replaced, or removed when open).

    An old "Mark answered" button becomes the question's menu. When the message has no room for one more
    block, the line goes into the question's own text instead (without Undo)."""
    qid = str(state.question_id)
    out = [b for b in blocks if b.get("block_id") != f"qs:{qid}"]
    for i, block in enumerate(out):
        if not _is_question(block, qid):
            continue
        if block.get("block_id") != f"q:{qid}":
            block = {**block, "block_id": f"q:{qid}", "accessory": question_menu(state.question_id)}
            out[i] = block
        text = dict(block.get("text") or {"type": "mrkdwn", "text": " "})
        text["text"] = text["text"].split(FOLDED, 1)[0]  # a line folded in earlier goes
        line = state_block(state)
        if line is not None and len(out) < MAX_BLOCKS:
            out.insert(i + 1, line)
        elif line is not None:
            text["text"] = clip(text["text"], 2000) + FOLDED + clip(state_line(state), 900)
        out[i] = {**block, "text": text}
        break
    return out


def open_list_message(rows: list[dict[str, Any]], limit: int = LIST_ROWS) -> dict[str, Any]:
    """The channel's questions still to work (and those changed this week), oldest digest first, each with
    its menu and, once someone acted on it, who did what with *Undo*."""
    if not rows:
        return {
            "text": "No open questions in this channel.",
            "blocks": [section("No open questions in this channel.")],
        }
    still = sum(1 for r in rows if r.get("state") in (None, "open", "taken"))
    blocks: list[dict[str, Any]] = [section(f"*Questions in this channel*: {still} still open, oldest first")]
    for n, row in enumerate(rows):
        room = MAX_BLOCKS - 1 - len(blocks)  # one kept for "…and N more"
        if n >= limit or room < 2:
            blocks.append(context(f"…and {len(rows) - n} more not shown"))
            break
        title = row.get("article_title") or "digest"
        origin = link(row["permalink"], clip(title, 80)) if row.get("permalink") else fit(title, 80)
        blocks.append(
            section(
                f"{fit(row.get('question'), 1500)}\n_{origin}_",
                block_id=f"q:{row['id']}",
                accessory=question_menu(int(row["id"])),
            )
        )
        state = state_of_row(row)
        line = state_block(state)
        if line is not None:
            blocks.append(line)
    return {"text": f"{still} open question{'s' * (still != 1)} in this channel", "blocks": blocks}


def recall_tag(hit: Any) -> str:
    """A recall question's state in the channel asked from: ``[open]``, ``[taken by <@U…>]``, ``[answered
    by <@U…>: the answer (source)]``, ``[not needed]``."""
    kind = getattr(hit, "status", "open") or "open"
    user = getattr(hit, "state_user", None)
    by = f" by {who(user)}" if user and kind != "open" else ""
    tag = f"[{kind.replace('_', ' ')}{by}"
    if kind == "answered" and getattr(hit, "answer", None):
        tag += f": {fit(hit.answer, 160)}"
        if getattr(hit, "answer_source", None):
            tag += f" ({fit(hit.answer_source, 60)})"
    return tag + "]"
