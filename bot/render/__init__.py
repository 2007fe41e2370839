"""The render layer: every word Legwork shows a person, and how it is laid out.

- ``digest.py``: the threaded reply for one article (Slack Block Kit), ``digest_message``;
- ``verdict.py``: what the story stands on, the reply's opening lines;
- ``details.py``: the full lists behind the reply's buttons (``detail_blocks``), for a modal or a terminal;
- ``preview.py``: a reply's blocks as an HTML page that looks like Slack (``make preview``);
- ``terminal.py``: the same digest as plain text for a terminal, ``digest_text``;
- ``recall.py``: the recall answer, ``format_recall``;
- ``questions.py``: the old question buttons;
- ``question_state.py``: who did what to a question, with *Undo*, and the ``/legwork open`` list;
- ``views.py``: modals (the answer form, the full lists); ``home.py``: the Home tab;
- ``quotes.py``: how a quote and its speaker are shown, shared by every surface;
- ``messages.py``: every fixed sentence (help, usage, busy, errors, refusals, hints);
- ``mrkdwn.py``: escaping, clipping, links and Slack's limits.

Pure functions; nothing here imports Slack. The public names are re-exported here, so callers write
``from bot import render`` and ``render.digest_message(...)``.
"""

from __future__ import annotations

from bot.render import messages
from bot.render.details import LISTS, detail_blocks
from bot.render.digest import (
    MAX_KEY_QUOTES,
    MAX_OFFICIALS,
    MAX_QUESTIONS,
    MAX_SOURCES,
    MORE_BLOCK,
    OPEN_OFFICIALS,
    OPEN_QUESTIONS,
    OPEN_QUOTES,
    OPEN_SOURCES,
    counts,
    digest_message,
    earlier_line,
    more_actions,
    top_quotes,
)
from bot.render.messages import RECALL_HINT, error_line, skipped_line
from bot.render.mrkdwn import (
    BLOCK_TEXT_BUDGET,
    FALLBACK_CHARS,
    FIELD_CHARS,
    HEADER_CHARS,
    MAX_BLOCKS,
    SECTION_CHARS,
    clip,
    clip_esc,
    context,
    esc,
    link,
    section,
    slack_date,
)
from bot.render.questions import (
    MARK_ANSWERED,
    QUESTION_BLOCK,
    QUESTION_MENU,
    question_menu,
    question_row,
)
from bot.render.quotes import QUOTE_CHARS, quote_counts, quote_mrkdwn, quote_shown, speaker_shown
from bot.render.recall import format_recall
from bot.render.terminal import digest_text, message_text
from bot.render.verdict import verdict

__all__ = [
    "BLOCK_TEXT_BUDGET",
    "FALLBACK_CHARS",
    "FIELD_CHARS",
    "HEADER_CHARS",
    "LISTS",
    "MARK_ANSWERED",
    "MAX_BLOCKS",
    "MAX_KEY_QUOTES",
    "MAX_OFFICIALS",
    "MAX_QUESTIONS",
    "MAX_SOURCES",
    "MORE_BLOCK",
    "OPEN_OFFICIALS",
    "OPEN_QUESTIONS",
    "OPEN_QUOTES",
    "OPEN_SOURCES",
    "QUESTION_BLOCK",
    "QUESTION_MENU",
    "QUOTE_CHARS",
    "RECALL_HINT",
    "SECTION_CHARS",
    "clip",
    "clip_esc",
    "context",
    "counts",
    "detail_blocks",
    "digest_message",
    "digest_text",
    "earlier_line",
    "error_line",
    "esc",
    "format_recall",
    "link",
    "message_text",
    "messages",
    "more_actions",
    "question_menu",
    "question_row",
    "quote_counts",
    "quote_mrkdwn",
    "quote_shown",
    "section",
    "skipped_line",
    "slack_date",
    "speaker_shown",
    "top_quotes",
    "verdict",
]
