"""Shared pieces of the entity repairs: the span list they rewrite and the token tests on names."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.extract import titles as lex

Spans = list[list]  # [start, end, label]

QUOTE_CHARS = "\"'“”‘’«»„‟‹›`"


def capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and (
        text[0].isupper() or (text[0].isdigit() and token.is_alpha is False and len(text) > 1)
    )


def is_name_token(token: Token) -> bool:
    """A token that can be part of a name: capitalised, not a title word, organisation noun or verb."""
    return (
        token.text[:1].isupper()
        and token.pos_ in ("PROPN", "NOUN", "ADJ", "X")
        and not lex.is_title_word(token)
        and not lex.is_org_noun(token)
        and any(c.isalpha() for c in token.text)
    )


def title_part(token: Token) -> bool:
    """A word that continues a title after its head: "for Health", "of State for Foreign Affairs"."""
    return lex.is_title_word(token) or lex.key(token) in lex.words("orgs_portfolios")


def remove_overlaps(spans: Spans, start: int, end: int) -> Spans:
    return [s for s in spans if s[1] <= start or s[0] >= end]


def person_surnames(doc: Doc, spans: Spans) -> set[str]:
    """Last words of multi-word PERSON names, and of one-word PERSONs written after an honorific."""
    names: set[str] = set()
    for s, e, label in spans:
        if label != "PERSON":
            continue
        if e - s >= 2 and all(capitalised(t) for t in doc[s:e] if t.is_alpha):
            names.add(doc[e - 1].text)
        elif e - s == 1 and s > 0 and lex.is_honorific(doc[s - 1]):
            names.add(doc[s].text)
    return names
