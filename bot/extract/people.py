"""Coreference-lite: name clusters that map surnames, honorifics and pronouns to the fullest name."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc


@dataclass
class Person:
    """One person in the article: the fullest name and every place it is mentioned."""

    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)  # character spans
    gender: str | None = None  # "m" / "f" when an honorific or pronoun says so


@dataclass
class PeopleIndex:
    """The article's people, built once per ``Doc``."""

    people: list[Person] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Doc) -> PeopleIndex:
        """Cluster the PERSON entities of ``doc``."""
        return cls()

    def resolve(self, mention: str, at: int | None = None) -> Person | None:
        """The person a written name refers to (exact, surname, honorific + surname), nearest before ``at``."""
        return None
