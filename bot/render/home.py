"""The Home tab (views.publish): the questions still to work in the reporter's channels (the ones they
took first), the questions answered there in the last week, and the last digests they asked for, each row
linked to its thread. Built from ``bot.store.questions.HomeData``; within Slack's 100 blocks per view."""

from __future__ import annotations

from typing import Any

from bot.render.mrkdwn import context, fit, link, section
from bot.render.question_state import state_line, state_of_row, when
from bot.store.questions import HomeData

MAX_VIEW_BLOCKS = 100
NO_CHANNELS = "I couldn't read your channels just now: open this tab again in a minute."


def _where(row: dict[str, Any]) -> str:
    title = fit(row.get("article_title") or "digest", 80)
    thread = link(row["permalink"], row.get("article_title") or "digest") if row.get("permalink") else title
    channel = f" · <#{row['channel']}>" if row.get("channel") else ""
    return f"{thread}{channel}"


def _question_row(row: dict[str, Any]) -> dict[str, Any]:
    line = state_line(state_of_row(row), answer_chars=300)
    text = f"{fit(row.get('question'), 600)}\n{_where(row)}" + (f"\n{line}" if line else "")
    return section(text)


def _digest_row(row: dict[str, Any]) -> dict[str, Any]:
    n = int(row.get("open_questions") or 0)
    tail = f" · {n} open question{'s' * (n != 1)}" if n else " · no open questions"
    return section(f"{_where(row)}{tail} · {when(row.get('seen_at'))}")


def row_budget() -> int:
    """Rows per part: 100 blocks less the header, the intro, and per part a divider, a heading and a
    "…and N more" line, shared by the three parts."""
    return (MAX_VIEW_BLOCKS - 2 - 3 * 3) // 3


def home_view(data: HomeData | None) -> dict[str, Any]:
    """The Home tab view. ``None``: Slack could not say which channels the reporter is in."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Legwork"}},
        context("Open questions from your channels' digests, what was answered, and your digests."),
    ]
    if data is None:
        blocks.append(section(NO_CHANNELS))
        return {"type": "home", "blocks": blocks}
    parts = [
        (
            "*Questions to work* (yours first)",
            data.open,
            _question_row,
            "No open questions in your channels.",
        ),
        (
            "*Answered this week*",
            data.answered,
            _question_row,
            "Nothing answered in your channels this week.",
        ),
        (
            "*Your last digests*",
            data.digests,
            _digest_row,
            "No digests yet: mention @Legwork with an article.",
        ),
    ]
    budget = (
        MAX_VIEW_BLOCKS - len(blocks) - 3 * 3
    ) // 3  # each part: heading, rows, a "more" line, a divider
    for heading, rows, row_block, empty in parts:
        blocks.append({"type": "divider"})
        blocks.append(section(heading))
        if not rows:
            blocks.append(context(empty))
        for n, row in enumerate(rows):
            if n >= budget:
                blocks.append(context(f"…and {len(rows) - n} more"))
                break
            blocks.append(row_block(row))
    return {"type": "home", "blocks": blocks}
