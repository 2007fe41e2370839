"""Open questions: what the story leaves unresolved, as an editor's follow-ups (EXTRACTION.md section 7)."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.models import AnonymousSource, Official, Question, Quote


def find_questions(
    doc: Doc, quotes: list[Quote], officials: list[Official], sources: list[AnonymousSource]
) -> list[Question]:
    """Raise at most one question per sentence, ranked, near-duplicates dropped."""
    return []
