"""Entity repairs for news outlets and their programmes (R5, R4): ``media_spans`` finds the outlets an
article names (cached in ``doc._.legwork_media``); a programme's title after "show" is not a person."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from bot.extract import extensions as _extensions  # noqa: F401 - registers doc._.legwork_*
from bot.extract import titles as lex
from bot.extract.extensions import doc_text, token_lowers
from bot.extract.repair.spans import QUOTE_CHARS, Spans, capitalised, remove_overlaps
from bot.extract.text import alternation

_CLOSE = re.compile(r"[\"“”‘’']")


@lru_cache(maxsize=1)
def _media_regex() -> re.Pattern:
    names = sorted(lex.lines("media_outlets"), key=len, reverse=True)
    alternatives = alternation(names, lambda n: re.escape(n).replace(r"\ ", r"\s+"), ignorecase=True)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def media_spans(doc: Doc) -> list[Span]:
    """The news outlets named in ``doc`` (first word capitalised; "ARY news" allowed), longest first."""
    cached = doc._.legwork_media
    if cached is not None:
        return [doc[s:e] for s, e in cached]
    found = []
    for m in _media_regex().finditer(doc_text(doc)):
        words = m.group(0).split()
        acronym = words[0].isupper() and len(words[0]) >= 2
        if not words[0][0].isupper() or not (acronym or all(w[0].isupper() for w in words)):
            continue
        span = doc.char_span(m.start(), m.end())
        if span is not None:
            found.append(span)
    found = filter_spans(found)
    doc._.legwork_media = [(x.start, x.end) for x in found]
    return found


def r5_media(doc: Doc, spans: Spans, log: list) -> Spans:
    for m in media_spans(doc):
        covering = [s for s in spans if s[0] <= m.start and s[1] >= m.end and s[2] == "ORG"]
        if covering:
            continue
        spans = remove_overlaps(spans, m.start, m.end)
        spans.append([m.start, m.end, "ORG"])
        log.append(("R5", m.text))
    return spans


def r4_programmes(doc: Doc, spans: Spans, log: list) -> Spans:
    triggers = lex.words("media_programme_triggers")
    found = [doc[i] for i, low in enumerate(token_lowers(doc)) if low in triggers]
    text = doc_text(doc) if found else ""
    for token in found:
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        after = token.idx + len(token.text)
        rest = text[after : after + 120]
        stripped = rest.lstrip(" ,:")
        offset = after + len(rest) - len(stripped)
        span = None
        if stripped[:1] and stripped[0] in QUOTE_CHARS:
            close = _CLOSE.search(stripped, 1)
            while close and close.start() + 1 < len(stripped) and stripped[close.start() + 1].isalpha():
                close = _CLOSE.search(stripped, close.start() + 1)  # an apostrophe inside a word
            if close and close.start() > 1:
                span = doc.char_span(offset + 1, offset + close.start(), alignment_mode="expand")
        else:
            i = token.i + 1
            while (
                i < len(doc)
                and i - token.i <= 8
                and (capitalised(doc[i]) or doc[i].lower_ in ("of", "the", "and"))
            ):
                i += 1
            while i > token.i + 1 and not capitalised(doc[i - 1]):
                i -= 1
            if i > token.i + 1:
                span = doc[token.i + 1 : i]
        if span is None or len(span) == 0 or len(span) > 10:
            continue
        start = span.start
        while start < span.end and doc[start].text in QUOTE_CHARS:
            start += 1
        if start >= span.end:
            continue
        spans = remove_overlaps(spans, start, span.end)
        spans.append([start, span.end, "WORK_OF_ART"])
        log.append(("R4", doc[start : span.end].text))
    return spans
