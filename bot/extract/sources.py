"""Anonymous sources and unnamed officials (EXTRACTION.md section 6)."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.extract.people import PeopleIndex
from bot.models import AnonymousSource, Quote


def find_anonymous_sources(doc: Doc, people: PeopleIndex, quotes: list[Quote]) -> list[AnonymousSource]:
    """List each unnamed source with the article's description and the stated reason for anonymity."""
    return []
