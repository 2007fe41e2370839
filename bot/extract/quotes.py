"""Quotes: quote-mark spans found on the characters, then attributed to a speaker and ranked."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.extract.people import PeopleIndex
from bot.models import Quote


def find_quotes(doc: Doc, people: PeopleIndex) -> list[Quote]:
    """Every direct, partial and indirect quote in ``doc``, in text order, the key ones marked."""
    return []
