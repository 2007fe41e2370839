"""The threaded reply for one article as Slack Block Kit: ``digest_message``. Pure functions; no Slack
client here. Messages stay within Slack's limits: long lists are cut with an "N more" line, never rejected.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from bot.models import Extraction, SaveResult, Sighting
from bot.render.messages import RECALL_HINT
from bot.render.mrkdwn import (
    BLOCK_TEXT_BUDGET,
    FALLBACK_CHARS,
    HEADER_CHARS,
    MAX_BLOCKS,
    clip,
    context,
    esc,
    link,
    plural,
    section,
    size,
)
from bot.render.questions import answered_button
from bot.render.quotes import quote_shown, speaker_shown

MAX_KEY_QUOTES = 6
MAX_QUESTIONS = 8
MAX_OFFICIALS = 10
MAX_SOURCES = 6


def _shown_quotes(ex: Extraction) -> list[Any]:
    return ex.key_quotes or ex.quotes[:MAX_KEY_QUOTES]


def _counts(ex: Extraction) -> str:
    parts = [
        plural(len(ex.quotes), "quote"),
        plural(len(ex.officials), "named official"),
        plural(len(ex.anonymous_sources), "anonymous source"),
        plural(len(ex.questions), "open question"),
    ]
    return " · ".join(parts)


def digest_message(ex: Extraction, saved: SaveResult | None = None) -> dict[str, Any]:
    """The reply for one article: ``{"text": fallback, "blocks": [...]}`` within Slack's limits."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": clip(esc(ex.shown_title), HEADER_CHARS)}}
    ]
    source = [esc(x) for x in (ex.site, ex.byline, ex.published) if x]
    if ex.url:
        source.append(link(ex.url, "source"))
    if source:
        blocks.append(context(" · ".join(source)))
    if ex.notes:
        blocks.append(context("\n".join(f"_{esc(n)}_" for n in ex.notes)))
    if saved is not None and saved.earlier:
        blocks.append(context(earlier_line(saved.earlier)))
    tail: list[dict[str, Any]] = [{"type": "divider"}, context(f"{_counts(ex)} · {RECALL_HINT}")]
    room = BLOCK_TEXT_BUDGET - size(blocks + tail)
    blocks += _fit(_quote_blocks(ex), room * 45 // 100, "quotes")
    blocks += _fit(_people_blocks(ex, saved), room * 25 // 100, "items")
    blocks += _fit(_question_blocks(ex, saved), room * 30 // 100, "questions")
    blocks = blocks[: MAX_BLOCKS - len(tail)] + tail
    summary = f"Legwork digest: {ex.shown_title} ({_counts(ex)})"
    return {"text": clip(esc(summary), FALLBACK_CHARS), "blocks": blocks}


def earlier_line(earlier: list[Sighting]) -> str:
    """'Seen before' with links to the earlier threads (newest three)."""
    shown = []
    for s in sorted(earlier, key=lambda s: -s.seen_at)[:3]:
        when = (
            datetime.fromtimestamp(s.seen_at, UTC).strftime("%d %b %Y %H:%M UTC") if s.seen_at else "earlier"
        )
        where = f"<#{s.channel}>" if re.fullmatch(r"[CGD][A-Z0-9]+", s.channel or "") else "another channel"
        shown.append(link(s.permalink, f"{when}") + f" in {where}" if s.permalink else f"{when} in {where}")
    more = f" and {len(earlier) - 3} more" if len(earlier) > 3 else ""
    return ":repeat: Seen before: " + "; ".join(shown) + more


def _quote_blocks(ex: Extraction) -> list[dict[str, Any]]:
    quotes = _shown_quotes(ex)[:MAX_KEY_QUOTES]
    if not quotes:
        return [section("*Key quotes*: none found")]
    out = [section(f"*Key quotes* ({len(ex.quotes)} in all)")]
    for q in quotes:
        label, named = speaker_shown(q.speaker, q.speaker_kind, q.speaker_text)
        who = f"*{esc(label)}*" if named else f"_{esc(label)}_"
        if q.speaker_title and named:
            who += f", {esc(q.speaker_title)}"
        if q.kind == "indirect":
            who += " · _reported speech, not a quote_"
        out.append(section(f"> {esc(quote_shown(q.text, q.kind, q.sentence))}\n— {who}"))
    return out


def _people_blocks(ex: Extraction, saved: SaveResult | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    earlier = saved.earlier_digests if saved is not None else {}
    if ex.officials:
        lines = []
        for o in ex.officials[:MAX_OFFICIALS]:
            role = ", ".join(esc(x) for x in (o.title, o.organization) if x)
            line = f"• *{esc(clip(o.name, 120))}*" + (f" — {clip(role, 200)}" if role else "")
            if earlier.get(o.name):
                line += f" _(quoted in {plural(earlier[o.name], 'earlier digest')})_"
            lines.append(line)
        if len(ex.officials) > MAX_OFFICIALS:
            lines.append(f"_{len(ex.officials) - MAX_OFFICIALS} more_")
        out.append(section("*Named officials*\n" + "\n".join(lines)))
    if ex.anonymous_sources:
        lines = []
        for s in ex.anonymous_sources[:MAX_SOURCES]:
            why = f" (reason given: {esc(s.reason)})" if s.reason else " _(no reason for anonymity given)_"
            lines.append(f"• {esc(clip(s.description, 200))}{clip(why, 300)}")
        if len(ex.anonymous_sources) > MAX_SOURCES:
            lines.append(f"_{len(ex.anonymous_sources) - MAX_SOURCES} more_")
        out.append(section("*Anonymous sources*\n" + "\n".join(lines)))
    return out


def _question_blocks(ex: Extraction, saved: SaveResult | None) -> list[dict[str, Any]]:
    if not ex.questions:
        return []
    ids = saved.question_ids if saved is not None else []
    out = [section("*Open questions*")]
    for i, qn in enumerate(ex.questions[:MAX_QUESTIONS]):
        text = f"*{i + 1}.* {esc(clip(qn.question, 400))}\n_from: “{esc(clip(qn.evidence.strip(), 300))}”_"
        extra = {"accessory": answered_button(ids[i])} if i < len(ids) else {}
        out.append(section(text, **extra))
    if len(ex.questions) > MAX_QUESTIONS:
        out.append(context(f"{len(ex.questions) - MAX_QUESTIONS} more: `/legwork open` lists them all"))
    return out


def _fit(body: list[dict[str, Any]], budget: int, noun: str) -> list[dict[str, Any]]:
    """Keep blocks in order while they fit in ``budget`` characters; say how many were left out."""
    kept: list[dict[str, Any]] = []
    used = 0
    for i, block in enumerate(body):
        used += size([block])
        if used > budget and i > 1:
            kept.append(context(f"_{len(body) - i} more {noun} not shown: the message would be too long_"))
            return kept
        kept.append(block)
    return kept
