"""How a quote and its speaker are shown, the same in every surface (thread reply, terminal, recall): only
words the article put in quote marks appear inside quote marks, and a description is never shown as a name.
"""

from __future__ import annotations

from bot.render.mrkdwn import clip

QUOTE_CHARS = 1200


def quote_shown(text: str, kind: str, sentence: str, limit: int = QUOTE_CHARS) -> str:
    """A quote as a reader sees it, plain text: only words the article put in quote marks appear inside
    marks. A direct quote in marks; a partial quote inside its own sentence (the article's marks around the
    quoted words: ``Smith said the plan was "costly but overdue."``); reported speech as the sentence that
    reports it, with no marks added. Cut to ``limit`` characters around the quoted words."""
    text = text.strip()
    if kind == "direct" or not sentence.strip():
        return f"“{clip(text, limit - 2)}”" if kind != "indirect" else clip(text, limit)
    sentence = " ".join(sentence.split())
    if len(sentence) <= limit:
        return sentence
    at = sentence.find(" ".join(text.split())[:40])
    if at < 0:
        return clip(sentence, limit)
    start = max(0, min(at - limit // 4, len(sentence) - limit + 1))
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
