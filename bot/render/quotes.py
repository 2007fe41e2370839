"""How a quote and its speaker are shown, the same in every surface (thread reply, terminal, recall): only
words the article put in quote marks appear inside quote marks, and a description is never shown as a name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.render.mrkdwn import clip, clip_esc, esc, plural

QUOTE_CHARS = 1200
QUOTED = ("direct", "partial")  # kinds whose words stood inside quote marks


def quote_shown(text: str, kind: str, sentence: str, limit: int = QUOTE_CHARS) -> str:
    """A quote as a reader sees it, plain text: only words the article put in quote marks appear inside
    marks. A direct quote in marks; a partial quote inside its own sentence (the article's marks around the
    quoted words: ``Smith said the plan was "costly but overdue."``); reported speech as the sentence that
    reports it, with no marks added. A comma the quote ended on is dropped (``“We will act,” she said`` is
    shown as ``“We will act”``). Cut to ``limit`` characters around the quoted words."""
    text = text.strip()
    if kind == "direct":
        text = text.rstrip(",").rstrip()
    if kind == "direct" or not sentence.strip():
        return f"“{clip(text, limit - 2)}”" if kind != "indirect" else clip(text, limit)
    sentence = " ".join(sentence.split())
    if len(sentence) <= limit:
        return sentence
    at = sentence.find(" ".join(text.split())[:40])
    if at < 0:
        return clip(sentence, limit)
    start = max(0, min(at - limit // 4, len(sentence) - limit + 1))
    if start:  # begin at a word, never inside one
        space = sentence.find(" ", start - 1)
        start = space + 1 if 0 <= space < at else start
    return ("…" if start else "") + clip(sentence[start:].lstrip(), limit - (1 if start else 0))


def speaker_shown(speaker: str | None, kind: str, written: str | None) -> tuple[str, bool]:
    """(label, is_a_name) for a quote's speaker. Only people and organisations are names; a description the
    article ties to nobody (``the president``), a document or an unnamed source is shown as the article
    wrote it, and an unresolved pronoun as unclear: never as a name."""
    if kind == "unresolved_description" and (written or speaker):
        return f"{written or speaker} (not identified)", False
    if not speaker or kind == "unresolved_pronoun":
        return "speaker unclear", False
    if kind in ("document", "anonymous", "unnamed_official"):
        return speaker, False
    return speaker, True


def quote_counts(quotes: Iterable[Any]) -> str:
    """What a list of quotes holds, each count naming what it counts: ``9 quotes, 3 paraphrases``; zero
    counts left out (empty when there is nothing)."""
    kinds = [q.kind for q in quotes]
    quoted = sum(k in QUOTED for k in kinds)
    parts = [plural(quoted, "quote") if quoted else "", plural(len(kinds) - quoted, "paraphrase")]
    return ", ".join(p for p in parts if p and not p.startswith("0 "))


def speaker_mrkdwn(q: Any, title_chars: int = 120) -> str:
    """The speaker of a quote in mrkdwn: a name in bold with its title, anything else in italics."""
    label, named = speaker_shown(q.speaker, q.speaker_kind, q.speaker_text)
    if not named:
        return f"_{clip_esc(label, 120)}_"
    who = f"*{clip_esc(label, 120)}*"
    return who + (f", {clip_esc(q.speaker_title, title_chars)}" if q.speaker_title else "")


def quote_mrkdwn(q: Any, limit: int = QUOTE_CHARS) -> str:
    """One quote in mrkdwn, two lines: the words (a blockquote when they stood in quote marks; reported
    speech as a plain line marked as a paraphrase, never in marks) and who said them."""
    shown = esc(quote_shown(q.text, q.kind, q.sentence, limit))
    if q.kind in QUOTED:
        return f"> {shown}\n— {speaker_mrkdwn(q)}"
    return f"_Paraphrase:_ {shown}\n— {speaker_mrkdwn(q)} · _reported speech, not a quote_"


def official_role(title: str | None, organization: str | None) -> str:
    """An official's title and organisation, the organisation left out when the title already names it
    ("chief executive of Acme", not "chief executive of Acme, Acme")."""
    title, organization = (title or "").strip(), (organization or "").strip()
    if organization and organization.lower() in title.lower():
        return title
    return ", ".join(x for x in (title, organization) if x)
