"""Rendering an Extraction as text: the reply's plain-text form, also printed by the CLI. No Slack client here."""

from __future__ import annotations

from bot.models import Extraction

MAX_KEY_QUOTES = 6
MAX_QUESTIONS = 8


def digest_text(ex: Extraction) -> str:
    """The digest as Slack mrkdwn text (also readable in a terminal)."""
    lines: list[str] = []
    if ex.title:
        lines.append(f"*{ex.title}*")
    source = " · ".join(x for x in (ex.site, ex.byline, ex.published, ex.url) if x)
    if source:
        lines.append(source)
    for note in ex.notes:
        lines.append(f"_{note}_")
    quotes = ex.key_quotes or ex.quotes[:MAX_KEY_QUOTES]
    lines.append("")
    lines.append(f"*Key quotes* ({len(ex.quotes)} in all)" if ex.quotes else "*Key quotes*: none found")
    for q in quotes[:MAX_KEY_QUOTES]:
        who = q.speaker or "speaker unclear"
        if q.speaker_title:
            who += f", {q.speaker_title}"
        lines.append(f"> “{q.text.strip()}” — {who}")
    if ex.officials:
        lines.append("")
        lines.append("*Named officials*")
        for o in ex.officials:
            role = ", ".join(x for x in (o.title, o.organization) if x)
            lines.append(f"• {o.name}" + (f" — {role}" if role else ""))
    if ex.anonymous_sources:
        lines.append("")
        lines.append("*Anonymous sources*")
        for s in ex.anonymous_sources:
            why = f" (reason given: {s.reason})" if s.reason else " (no reason for anonymity given)"
            lines.append(f"• {s.description}{why}")
    if ex.questions:
        lines.append("")
        lines.append("*Open questions*")
        for i, qn in enumerate(ex.questions[:MAX_QUESTIONS], 1):
            lines.append(f"{i}. {qn.question}")
            lines.append(f"    _from: “{qn.evidence.strip()}”_")
    return "\n".join(lines).strip() + "\n"
