"""The threaded reply for one article as Slack Block Kit: ``digest_message``. Pure functions; no Slack
client here.

The first message is what a reporter on deadline acts on, about ten blocks: what the story stands on (the
verdict, ``verdict.py``), a context line naming the article, the top three open questions (each with its
overflow menu when stored), the top three quotes with speaker and title, officials and unnamed sources in
one compact line each, a row of buttons opening the full lists (``legwork_more``), and the counts.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from bot.models import Extraction, Quote, SaveResult, Sighting
from bot.render.messages import RECALL_HINT
from bot.render.mrkdwn import (
    FALLBACK_CHARS,
    clip,
    clip_esc,
    context,
    esc,
    link,
    plural,
    section,
    slack_date,
)
from bot.render.questions import question_row
from bot.render.quotes import QUOTED, official_role, quote_counts, quote_mrkdwn
from bot.render.verdict import verdict

MAX_KEY_QUOTES = 3  # quotes in the first message
MAX_QUESTIONS = 3  # questions in the first message
MAX_OFFICIALS = 5  # names on the officials line
MAX_SOURCES = 5  # descriptions on the unnamed-sources line
QUOTE_CHARS_FIRST = 220
MORE_BLOCK = "legwork_more"
OPEN_QUOTES = "legwork_open_quotes"
OPEN_QUESTIONS = "legwork_open_questions"
OPEN_SOURCES = "legwork_open_sources"
OPEN_OFFICIALS = "legwork_open_officials"


def counts(ex: Extraction) -> str:
    """``9 quotes, 3 paraphrases · 2 named officials · 6 anonymous sources · 8 open questions``: each count
    names what it counts, and a count of zero is left out."""
    parts = [
        quote_counts(ex.quotes),
        plural(len(ex.officials), "named official") if ex.officials else "",
        plural(len(ex.anonymous_sources), "anonymous source") if ex.anonymous_sources else "",
        plural(len(ex.questions), "open question") if ex.questions else "",
    ]
    return " · ".join(p for p in parts if p) or "nothing found"


def digest_message(ex: Extraction, saved: SaveResult | None = None) -> dict[str, Any]:
    """The reply for one article: ``{"text": fallback, "blocks": [...]}`` within Slack's limits."""
    blocks: list[dict[str, Any]] = [section(verdict(ex)), _about(ex, saved)]
    blocks += _question_blocks(ex, saved)
    blocks += _quote_blocks(ex)
    people = _people_lines(ex, saved)
    if people:
        blocks.append(section(people))
    if saved is not None:
        more = more_actions(ex, saved.article_id)
        if more is not None:
            blocks.append(more)
    blocks.append(context(f"{counts(ex)} · {RECALL_HINT}"))
    summary = f"Legwork digest: {clip(ex.shown_title, 200)} ({counts(ex)})"
    return {"text": clip(esc(summary), FALLBACK_CHARS), "blocks": blocks}


def _about(ex: Extraction, saved: SaveResult | None) -> dict[str, Any]:
    """One context block: the article's title, site, byline, date and link, notes, and where it was seen."""
    first = [f"*{clip_esc(ex.shown_title, 150)}*"] + [
        clip_esc(x, 100) for x in (ex.site, ex.byline, ex.published) if x
    ]
    if ex.url:
        first.append(link(ex.url, "source"))
    elements = [" · ".join(first)]
    if ex.notes:
        elements.append("\n".join(f"_{clip_esc(n, 300)}_" for n in ex.notes[:5]))
    if saved is not None and saved.earlier:
        elements.append(earlier_line(saved.earlier))
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(e, 3000)} for e in elements]}


def earlier_line(earlier: list[Sighting]) -> str:
    """'Seen before' with links to the earlier threads (newest three), each time in the reader's zone."""
    shown = []
    for s in sorted(earlier, key=lambda s: -s.seen_at)[:3]:
        if s.seen_at:
            utc = datetime.fromtimestamp(s.seen_at, UTC).strftime("%d %b %Y %H:%M UTC")
            when = slack_date(s.seen_at, utc)
        else:
            when = "earlier"
        where = (
            f" in <#{s.channel}>"
            if re.fullmatch(r"[CGD][A-Z0-9]+", s.channel or "")
            else " in another channel"
        )
        shown.append(f"{when} ({link(s.permalink, 'thread')}){where}" if s.permalink else f"{when}{where}")
    more = f" and {len(earlier) - 3} more" if len(earlier) > 3 else ""
    return ":repeat: Seen before: " + "; ".join(shown) + more


def top_quotes(ex: Extraction, n: int = MAX_KEY_QUOTES) -> list[Quote]:
    """The quotes for the first message: words in quote marks before paraphrases, the model's key quotes
    first, then by score; no speaker three times while someone else has a quote to show."""
    ranked = sorted(ex.quotes, key=lambda q: (q.kind not in QUOTED, not q.key, -q.score))
    chosen: list[Quote] = []
    for q in ranked:
        if len(chosen) == n:
            break
        if sum(c.speaker == q.speaker for c in chosen) < 2:
            chosen.append(q)
    for q in ranked:  # fill from the speakers skipped when nobody else is left
        if len(chosen) < n and q not in chosen:
            chosen.append(q)
    return chosen


def _quote_blocks(ex: Extraction) -> list[dict[str, Any]]:
    if not ex.quotes:
        return [section("*Key quotes:* none found")]
    shown = top_quotes(ex)
    lines = [f"*Key quotes* ({len(shown)} of {quote_counts(ex.quotes)})"]
    lines += [quote_mrkdwn(q, QUOTE_CHARS_FIRST) for q in shown]
    return [section("\n".join(lines))]


def _people_lines(ex: Extraction, saved: SaveResult | None) -> str:
    """Officials and unnamed sources, one compact line each."""
    earlier = saved.earlier_digests if saved is not None else {}
    lines = []
    if ex.officials:
        names = []
        for o in ex.officials[:MAX_OFFICIALS]:
            role = clip(official_role(o.title, o.organization), 80)
            seen = f"quoted in {plural(earlier[o.name], 'earlier digest')}" if earlier.get(o.name) else ""
            about = "; ".join(x for x in (esc(role), seen) if x)
            names.append(f"{clip_esc(o.name, 80)}" + (f" ({about})" if about else ""))
        rest = len(ex.officials) - MAX_OFFICIALS
        lines.append("*Officials:* " + " · ".join(names) + (f" · and {rest} more" if rest > 0 else ""))
    if ex.anonymous_sources:
        descs = []
        for s in ex.anonymous_sources[:MAX_SOURCES]:
            why = f" (reason given: {clip_esc(s.reason, 80)})" if s.reason else ""
            descs.append(clip_esc(s.description, 80) + why)
        rest = len(ex.anonymous_sources) - MAX_SOURCES
        lines.append("*Unnamed sources:* " + " · ".join(descs) + (f" · and {rest} more" if rest > 0 else ""))
    return "\n".join(lines)


def _question_blocks(ex: Extraction, saved: SaveResult | None) -> list[dict[str, Any]]:
    if not ex.questions:
        return []
    ids = saved.question_ids if saved is not None else []
    shown = ex.questions[:MAX_QUESTIONS]
    of = (
        f" ({len(shown)} of {len(ex.questions)}, most pressing first)"
        if len(ex.questions) > len(shown)
        else ""
    )
    out = [section(f"*Open questions*{of}")]
    for i, qn in enumerate(shown):
        out.append(question_row(i + 1, qn.question, ids[i] if i < len(ids) else None))
    return out


def more_actions(ex: Extraction, article_id: int) -> dict[str, Any] | None:
    """The row of buttons that open the full lists (block ``legwork_more``); None when every list is empty.
    Each button's value is the stored article's id."""
    paraphrases = sum(q.kind not in QUOTED for q in ex.quotes)
    quoted = len(ex.quotes) - paraphrases
    if quoted and paraphrases:
        quotes_label = f"All {quote_counts(ex.quotes)}"
    elif quoted:
        quotes_label = f"All {plural(quoted, 'quote')}"
    else:
        quotes_label = f"All {plural(paraphrases, 'paraphrase')}"
    wanted = [
        (OPEN_QUOTES, quotes_label, len(ex.quotes)),
        (OPEN_QUESTIONS, f"All {plural(len(ex.questions), 'question')}", len(ex.questions)),
        (OPEN_SOURCES, f"Sources ({len(ex.anonymous_sources)})", len(ex.anonymous_sources)),
        (OPEN_OFFICIALS, f"Officials ({len(ex.officials)})", len(ex.officials)),
    ]
    buttons = [
        {
            "type": "button",
            "action_id": action,
            "text": {"type": "plain_text", "text": clip(label, 75)},
            "value": str(article_id),
        }
        for action, label, n in wanted
        if n
    ]
    return {"type": "actions", "block_id": MORE_BLOCK, "elements": buttons} if buttons else None
