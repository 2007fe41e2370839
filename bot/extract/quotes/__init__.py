"""Quotes: quote-mark spans found on the characters, then attributed to a speaker and ranked.

Spans come from ``marks.scan``. Each span is filtered (headlines, titles of works,
labels and scare quotes: S1-S4), classed ``direct`` or ``partial``, and given a speaker by the first step of
the cascade that fires:

    C1  a reporting verb in the quote's own clause, and its subject
        ("…," Asif said / said Asif / He said: "…")
    C2  "according to X"
    C3  layout: a paragraph ending in a colon before a quote paragraph, "X: '…'", "'…' - X"
    C4  word order next to the quote when the parse gives the verb no subject
    C5  a floating quote (a quote paragraph with no verb of its own) takes the previous speaker
    C6  nobody: kept with no speaker when the quote is a whole sentence, else dropped
    C7  an interview write-up ("I spoke with X about …"): answer paragraphs with no verb of their own are X's

Pronouns, surnames and descriptions ("the Defense Minister") are resolved through ``PeopleIndex``, and only
through what the article itself states. Reported
speech of a named person ("Wike said that the story is false") is added as ``indirect``. The top few
quotes are marked ``key``.

Modules, in the order a quote goes through them:

    index        tokens, paragraphs, quote segments, clause regions, cues and their subjects
    filters      where a quote is cut: what is not speech, direct or partial
    attribution  the cascade C1-C5
    speakers     speaker resolution: names, surnames, honorifics, organisations, unnamed sources
    descriptions roles ("the prime minister", "the CM"), documents and their issuers, junk; abstains
                 (``unresolved_description``) when the article ties a description to nobody or to two people
    pronouns     he / she / they / it
    indirect     reported speech
    rank         duplicates and key quotes
    finder       ``QuoteFinder``: one article's quotes, through all of the above
"""

from __future__ import annotations

from spacy.tokens import Doc

from bot.extract.extensions import doc_text
from bot.extract.people import PeopleIndex
from bot.extract.quotes.finder import QuoteFinder
from bot.extract.quotes.lexicon import Speaker
from bot.extract.quotes.rank import rank
from bot.models import Quote


def find_quotes(doc: Doc, people: PeopleIndex) -> list[Quote]:
    """Every direct, partial and indirect quote in ``doc``, in text order, the key ones marked."""
    if not doc_text(doc).strip():
        return []
    return QuoteFinder(doc, people).run()


__all__ = ["QuoteFinder", "Speaker", "find_quotes", "rank"]
