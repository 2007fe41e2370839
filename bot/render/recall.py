"""The recall answer (``/recall``, ``@Legwork recall``, ``python -m bot recall``) as Slack mrkdwn text, one
short line per hit. ``bot/store/recall.py`` parses the query and searches; this module only writes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.render.messages import NO_MATCHES, narrow_recall
from bot.render.mrkdwn import clip, esc, link
from bot.render.quotes import quote_shown, speaker_shown

if TYPE_CHECKING:
    from bot.store.recall import RecallResult

MAX_LINE_CHARS = 160


def _line(text: str | None, limit: int = MAX_LINE_CHARS) -> str:
    """Plain text on one line, trimmed to ``limit`` characters; not yet escaped."""
    return clip(" ".join(str(text or "").split()), limit)


def _web_link(url: str | None, label: str) -> str:
    """``link`` for an http(s) address; empty for anything else."""
    return link(url, label) if url and re.fullmatch(r"https?://[^\s<>|]+", url) else ""


def _source(title: str | None, url: str | None, day: str, permalink: str | None) -> str:
    """Date and article, the article linked to the Slack thread where it was digested (else to its page)."""
    label = _line(title or "article", 45)
    return f"{day} · " + (_web_link(permalink, label) or _web_link(url, label) or f"_{esc(label)}_")


def _total(result: RecallResult, section: str) -> str:
    n = result.totals.get(section, 0)
    return f"{n:,}+" if result.capped.get(section) else f"{n:,}"


def _more(result: RecallResult, section: str) -> str | None:
    more = result.more(section)
    if not more:
        return None
    return narrow_recall(f"{more:,}" + ("+" if result.capped.get(section) else ""), section)


def format_recall(result: RecallResult) -> str:
    """A recall result as Slack mrkdwn text, one short line per hit (also what the command line prints).
    Every stored string goes through ``esc``, so a quote holding ``<!channel>`` or ``@channel`` is inert."""
    shown = esc(_line(result.query, 80)).replace("`", "'")
    lines = [f"*Recall:* `{shown}`" if shown.strip() else "*Recall*"]
    lines += [f"_{esc(_line(n))}_" for n in result.notes]
    if result.empty:
        lines.append(NO_MATCHES if result.query.strip() else "")
        if result.hint:
            lines.append(esc(_line(result.hint, 400)))
        return "\n".join(x for x in lines if x) + "\n"
    if result.people:
        lines.append(f"*People* ({_total(result, 'people')})")
        for p in result.people:
            role = f" — {esc(_line(', '.join(p.titles), 80))}" if p.titles else ""
            plus = "+" if p.capped else ""
            counts = (
                f"{p.quotes}{plus} quote{'s' * (p.quotes != 1)} in {p.articles}{plus} "
                f"article{'s' * (p.articles != 1)}"
            )
            lines.append(f"• *{esc(_line(p.name, 60))}*{role} · {counts}")
        lines.append(_more(result, "people") or "")
    if result.quotes:
        lines.append(f"*Quotes* ({_total(result, 'quotes')}, newest first)")
        for qh in result.quotes:
            # the same rules as the digest: only marked words in marks, descriptions never shown as names
            label, named = speaker_shown(qh.speaker, qh.speaker_kind, qh.speaker_text)
            who = esc(_line(label, 40)) if named else f"_{esc(_line(label, 40))}_"
            if qh.speaker_title and named:
                who += f", {esc(_line(qh.speaker_title, 35))}"
            if qh.kind == "indirect":
                who += " (reported)"
            source = _source(qh.article_title, qh.url, qh.date, qh.permalink)
            said = esc(_line(quote_shown(qh.text, qh.kind, qh.sentence, 110), 110))
            lines.append(f"• {said} — {who} · {source}")
        lines.append(_more(result, "quotes") or "")
    if result.questions:
        lines.append(f"*Questions* ({_total(result, 'questions')})")
        for qn in result.questions:
            source = _source(qn.article_title, qn.url, qn.date, qn.permalink)
            lines.append(f"• [{qn.status}] {esc(_line(qn.question, 110))} · {source}")
        lines.append(_more(result, "questions") or "")
    if result.articles:
        lines.append(f"*Articles* ({_total(result, 'articles')})")
        for ah in result.articles:
            title = _line(ah.title or ah.url or f"article {ah.id}", 90)
            linked = _web_link(ah.url, title) or esc(title)
            parts = (f"• {linked}", ah.date, _web_link(ah.permalink, "thread"))
            lines.append(" · ".join(x for x in parts if x))
        lines.append(_more(result, "articles") or "")
    return "\n".join(x for x in lines if x) + "\n"
