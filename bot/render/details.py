"""The full lists behind the digest's buttons, as Block Kit blocks: every quote, every open question with
the sentence that raised it, every unnamed source with its stated reason and what it is cited for, every
named official. For a modal (Slack allows 100 blocks in a view) and for the terminal digest."""

from __future__ import annotations

from typing import Any

from bot.models import Extraction, SaveResult
from bot.render.mrkdwn import clip, clip_esc, context, plural, section
from bot.render.questions import question_row
from bot.render.quotes import official_role, quote_counts, quote_mrkdwn

LISTS = ("quotes", "questions", "sources", "officials")
MAX_VIEW_BLOCKS = 100
MAX_ITEMS = MAX_VIEW_BLOCKS - 5  # room for a heading and an "N more" line
EVIDENCE_CHARS = 400


def detail_blocks(ex: Extraction, which: str, saved: SaveResult | None = None) -> list[dict[str, Any]]:
    """The blocks of one full list (``which`` is one of ``LISTS``), at most ``MAX_VIEW_BLOCKS``. With
    ``saved``, each question keeps its overflow menu (``q:<id>``, ``legwork_question:<id>``) and officials
    their count of earlier digests; without it the list is read-only."""
    if which not in LISTS:
        raise ValueError(f"no list called {which!r}")
    return {"quotes": _quotes, "questions": _questions, "sources": _sources, "officials": _officials}[which](
        ex, saved
    )


def _capped(heading: str, rows: list[dict[str, Any]], noun: str) -> list[dict[str, Any]]:
    out = [section(heading), *rows[:MAX_ITEMS]]
    if len(rows) > MAX_ITEMS:
        out.append(context(f"{len(rows) - MAX_ITEMS} more {noun} not shown"))
    return out


def _quotes(ex: Extraction, _: SaveResult | None) -> list[dict[str, Any]]:
    # reported speech shown as the very sentence a partial quote is shown in says nothing new: left out
    partial = {" ".join(q.sentence.split()) for q in ex.quotes if q.kind == "partial" and q.sentence.strip()}
    rows = [
        section(quote_mrkdwn(q))
        for q in ex.quotes
        if q.kind != "indirect" or " ".join(q.sentence.split()) not in partial
    ]
    return _capped(
        f"*All quotes* ({quote_counts(ex.quotes) or 'none'}, in the article's order)", rows, "quotes"
    )


def _questions(ex: Extraction, saved: SaveResult | None) -> list[dict[str, Any]]:
    ids = saved.question_ids if saved is not None else []
    rows = []
    for i, qn in enumerate(ex.questions):
        row = question_row(i + 1, qn.question, ids[i] if i < len(ids) else None)
        evidence = clip_esc(_closed(ex.text, qn.evidence, qn.end), EVIDENCE_CHARS)
        row["text"]["text"] = clip(row["text"]["text"] + f"\n_From the article:_ {evidence}", 3000)
        rows.append(row)
    heading = (
        f"*Open questions* ({len(ex.questions)}, most pressing first)"
        if ex.questions
        else "*Open questions*: none"
    )
    return _capped(heading, rows, "questions")


def _sources(ex: Extraction, _: SaveResult | None) -> list[dict[str, Any]]:
    rows = []
    for s in ex.anonymous_sources:
        why = f"reason given: {clip_esc(s.reason, 200)}" if s.reason else "_no reason for anonymity given_"
        cited = f"\n_Cited in:_ {clip_esc(_closed(ex.text, s.evidence, s.end), EVIDENCE_CHARS)}"
        rows.append(section(f"*{clip_esc(s.description, 150)}* · {why}{cited if s.evidence else ''}"))
    n = len(ex.anonymous_sources)
    return _capped(f"*Unnamed sources* ({n})" if n else "*Unnamed sources*: none", rows, "sources")


def _closed(text: str, evidence: str, end: int) -> str:
    """An evidence sentence on one line, with the closing quote mark that follows it in the article when the
    sentence stops just inside a quotation (``… at "serious risk.`` becomes ``… at "serious risk."``)."""
    shown = " ".join(evidence.split())
    ends_here = 0 < end <= len(text) and text[end - 1 : end] == evidence[-1:]
    after = text[end : end + 1] if ends_here else ""
    return shown + after if after in ('"', "”", "’") and after else shown


def _officials(ex: Extraction, saved: SaveResult | None) -> list[dict[str, Any]]:
    earlier = saved.earlier_digests if saved is not None else {}
    rows = []
    for o in ex.officials:
        role = official_role(o.title, o.organization)
        line = f"*{clip_esc(o.name, 120)}*" + (f" — {clip_esc(role, 200)}" if role else "")
        if earlier.get(o.name):
            line += f" _(quoted in {plural(earlier[o.name], 'earlier digest')})_"
        rows.append(section(line))
    n = len(ex.officials)
    return _capped(f"*Named officials* ({n})" if n else "*Named officials*: none", rows, "officials")
