"""Word lists for titles, organisations, media and anonymous sources, read once from ``patterns/``
through the pattern loader (``bot.wordlists``): what each word of a title is (head, rank, honorific...).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from bot.wordlists import data as data  # the pattern loader, shared with the store (``bot.store.keys``)
from bot.wordlists import lines as lines
from bot.wordlists import word_key as _key
from bot.wordlists import words as words


def key(token: Token | str) -> str:
    """The matching key of a token or word: lower case, no trailing full stop, straight apostrophe."""
    return _key(token if isinstance(token, str) else token.text)


@lru_cache(maxsize=65536)
def _classes(lower: str) -> tuple[bool, bool, bool, bool, bool, bool]:
    """(head, rank, honorific, modifier, not-official, organisation noun) for one lower-cased word."""
    k = _key(lower)
    rank = k in words("titles_ranks")
    not_official = k in words("titles_not_heads")
    heads = words("titles_heads")
    plural = k.endswith("s") and k[:-1] in heads and k[:-1] not in words("titles_not_heads")  # "Ministers"
    head = bool(k) and (k in heads or rank or plural) and not not_official
    return (
        head,
        rank,
        k in words("titles_honorifics"),
        k in words("titles_modifiers"),
        not_official,
        (k in words("orgs_nouns")),
    )


def is_title_text(word: str) -> bool:
    """A written word that is a head, rank or honorific (matched on its lower-cased text)."""
    c = _classes(word.lower())
    return c[0] or c[1] or c[2]


def is_head(token: Token) -> bool:
    """A title head noun ("minister", "spokesperson", "CEO") or a rank written before names."""
    return _classes(token.lower_)[0]


def is_head_word(word: str) -> bool:
    """``is_head`` for a word as written."""
    return _classes(word.lower())[0]


def is_rank(token: Token) -> bool:
    """A rank or title abbreviation written directly before a name ("Const.", "Lt", "Justice")."""
    return _classes(token.lower_)[1]


def is_honorific(token: Token) -> bool:
    """A form of address ("Mr", "Dr", "Ms"): not a title."""
    return _classes(token.lower_)[2]


def is_modifier(token: Token) -> bool:
    """A word that builds a title before its head ("prime", "deputy", "acting", "interior")."""
    return _classes(token.lower_)[3]


def is_title_word(token: Token) -> bool:
    """Any word of the title vocabulary: head, rank, honorific or modifier."""
    c = _classes(token.lower_)
    return c[0] or c[1] or c[2] or c[3]


def is_not_official(token: Token) -> bool:
    """A role that never makes its holder an official (reporter, presenter, lawyer, coach)."""
    return _classes(token.lower_)[4]


def is_org_noun(token: Token) -> bool:
    """A noun that makes a phrase an organisation ("ministry", "office", "council")."""
    return _classes(token.lower_)[5]
