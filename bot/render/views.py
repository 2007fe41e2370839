"""Modals (views.open): the *Answered* form that records the answer and its source, and the full lists
behind the digest's "more" buttons: every question with the sentence that raised it and its state in this
channel; every quote, anonymous source (with the claim it carries and its stated reason) and official as
the terminal digest lists them (``details.detail_blocks``).

Slack's limits hold: at most 100 blocks (a list longer than that ends in "…and N more"), 3000 characters
per section, a title of 24 characters. Untrusted text is cut, then escaped (``mrkdwn.fit``)."""

from __future__ import annotations

from typing import Any

from bot.models import Extraction
from bot.render.details import detail_blocks
from bot.render.mrkdwn import clip, context, fit, link, section
from bot.render.question_state import state_line
from bot.store.questions import MAX_ANSWER_CHARS, MAX_SOURCE_CHARS, QuestionState

MAX_VIEW_BLOCKS = 100
TITLE_CHARS = 24
ITEM_CHARS = 2900  # of one item's section, under Slack's 3000
ANSWER_VIEW = "legwork_answer"
ANSWER_BLOCK = "answer"
SOURCE_BLOCK = "source"
TITLES = {
    "quotes": "Quotes",
    "questions": "Questions",
    "sources": "Anonymous sources",
    "officials": "Officials",
}


def plain(text: str, limit: int = TITLE_CHARS) -> dict[str, Any]:
    text = " ".join(text.split())
    return {"type": "plain_text", "text": text if len(text) <= limit else text[: limit - 1] + "…"}


def answer_modal(row: dict[str, Any], metadata: str) -> dict[str, Any]:
    """The form *Answered* opens: the question, then the answer (required) and its source (optional)."""
    title = row.get("article_title") or "the digest"
    where = link(row["permalink"], fit(title, 80)) if row.get("permalink") else fit(title, 80)
    return {
        "type": "modal",
        "callback_id": ANSWER_VIEW,
        "private_metadata": metadata,
        "title": plain("Record the answer"),
        "submit": plain("Save"),
        "close": plain("Cancel"),
        "blocks": [
            section(f"*{fit(row.get('question'), 2000)}*\n_{where}_"),
            {
                "type": "input",
                "block_id": ANSWER_BLOCK,
                "label": plain("Answer", 2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": ANSWER_BLOCK,
                    "multiline": True,
                    "max_length": MAX_ANSWER_CHARS,
                    "placeholder": plain("What did you find out?", 150),
                },
            },
            {
                "type": "input",
                "block_id": SOURCE_BLOCK,
                "optional": True,
                "label": plain("Source", 2000),
                "hint": plain("Who or what confirmed it: a name, a document, a link", 2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": SOURCE_BLOCK,
                    "max_length": MAX_SOURCE_CHARS,
                },
            },
        ],
    }


def answer_values(view: dict[str, Any]) -> dict[str, str]:
    """``{"answer": …, "source": …}`` from a submitted answer form (missing fields as "")."""
    values = (view.get("state") or {}).get("values") or {}
    out = {}
    for block in (ANSWER_BLOCK, SOURCE_BLOCK):
        field = (values.get(block) or {}).get(block) or {}
        out[block] = str(field.get("value") or "")
    return out


def _question(n: int, row: dict[str, Any], state: QuestionState | None) -> str:
    text = f"*{n}.* {fit(row.get('question'), 800)}"
    if row.get("evidence"):
        text += f"\n_from:_ {fit(row['evidence'], 1200)}"
    line = state_line(state, answer_chars=600) if state is not None else ""
    return text + (f"\n{line}" if line else "")


def list_modal(
    kind: str,
    ex: Extraction,
    *,
    question_rows: list[dict[str, Any]] | None = None,
    states: dict[int, QuestionState] | None = None,
) -> dict[str, Any]:
    """The full list of one kind (``quotes``, ``questions``, ``sources`` or ``officials``) as a modal."""
    story = fit(ex.shown_title, 200) or "this story"
    blocks: list[dict[str, Any]] = [context(f"From _{story}_")]
    if kind != "questions":  # the very list the terminal digest prints
        listed = {"quotes": ex.quotes, "sources": ex.anonymous_sources, "officials": ex.officials}[kind]
        return _modal(kind, len(listed), blocks + detail_blocks(ex, kind))
    rows = question_rows or []  # from the store, each with its state in this channel
    items = [_question(i + 1, r, (states or {}).get(r["id"])) for i, r in enumerate(rows)]
    if not items:
        blocks.append(section("No questions in this digest."))
    for n, text in enumerate(items):
        if len(blocks) >= MAX_VIEW_BLOCKS - 1:
            blocks.append(context(f"…and {len(items) - n} more"))
            break
        blocks.append(section(clip(text, ITEM_CHARS)))  # each part was cut and escaped on its own
    return _modal(kind, len(items), blocks)


def _modal(kind: str, count: int, blocks: list[dict[str, Any]]) -> dict[str, Any]:
    title = f"{TITLES[kind]} ({count})"
    return {
        "type": "modal",
        "callback_id": f"legwork_list_{kind}",
        "title": plain(title if len(title) <= TITLE_CHARS else TITLES[kind]),
        "close": plain("Close"),
        "blocks": blocks,
    }
