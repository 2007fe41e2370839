"""The render layer: every word Legwork shows a person, and how it is laid out.

- ``digest.py``: the threaded reply for one article (Slack Block Kit), ``digest_message``;
- ``terminal.py``: the same digest as plain text for a terminal, ``digest_text``;
- ``recall.py``: the recall answer, ``format_recall``;
- ``questions.py``: the question buttons and ``/legwork open``;
- ``quotes.py``: how a quote and its speaker are shown, shared by every surface;
- ``messages.py``: every fixed sentence (help, usage, busy, errors, refusals, hints);
- ``mrkdwn.py``: escaping, clipping, links and Slack's limits.

Pure functions; nothing here imports Slack. The public names are re-exported here, so callers write
``from bot import render`` and ``render.digest_message(...)``.
"""

from __future__ import annotations

from bot.render import messages
from bot.render.digest import (
    MAX_KEY_QUOTES,
    MAX_OFFICIALS,
    MAX_QUESTIONS,
    MAX_SOURCES,
    digest_message,
    earlier_line,
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
    context,
    esc,
    link,
    section,
)
from bot.render.questions import MARK_ANSWERED, answered_button, mark_answered, open_questions_message
from bot.render.quotes import QUOTE_CHARS, quote_shown, speaker_shown
from bot.render.recall import format_recall
from bot.render.terminal import digest_text, message_text

__all__ = [
    "BLOCK_TEXT_BUDGET",
    "FALLBACK_CHARS",
    "FIELD_CHARS",
    "HEADER_CHARS",
    "MARK_ANSWERED",
    "MAX_BLOCKS",
    "MAX_KEY_QUOTES",
    "MAX_OFFICIALS",
    "MAX_QUESTIONS",
    "MAX_SOURCES",
    "QUOTE_CHARS",
    "RECALL_HINT",
    "SECTION_CHARS",
    "answered_button",
    "clip",
    "context",
    "digest_message",
    "digest_text",
    "earlier_line",
    "error_line",
    "esc",
    "format_recall",
    "link",
    "mark_answered",
    "message_text",
    "messages",
    "open_questions_message",
    "quote_shown",
    "section",
    "skipped_line",
    "speaker_shown",
]
