"""Named officials: people who hold an office or speak for an institution, with title and organisation."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.extract.people import PeopleIndex
from bot.models import Official, Quote


def find_officials(doc: Doc, people: PeopleIndex, quotes: list[Quote]) -> list[Official]:
    """List the article's named officials, fullest name and title first seen."""
    return []
