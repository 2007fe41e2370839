"""What the question rules need to know about the article: quoted text, page furniture, sentence facts."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from spacy.attrs import IDX, IS_ALPHA, IS_CURRENCY, LEMMA, LIKE_NUM, POS
from spacy.parts_of_speech import AUX, NUM, VERB
from spacy.tokens import Doc, Span, Token

from bot.extract import marks
from bot.extract.extensions import doc_text
from bot.extract.questions import lexicon
from bot.models import AnonymousSource, Quote

_NUMBER_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_COLUMNS = [IDX, IS_ALPHA, LEMMA, POS, LIKE_NUM, IS_CURRENCY]
_VERB_AUX = frozenset({VERB, AUX})
_WORD = re.compile(r"[a-z]+")


def quote_spans(text: str, quotes: list[Quote]) -> list[tuple[int, int]]:
    """Character spans inside quotation marks: the quote layer's direct and partial quotes, plus every marked
    segment the quote-mark scan found (scare quotes and unattributed quotes included)."""
    spans = [(q.start, q.end) for q in quotes if q.kind != "indirect" and q.end > q.start]
    spans.extend((seg.start, seg.end) for seg in marks.scan_cached(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


@dataclass
class Sentence:
    """One sentence with the facts every rule reads."""

    span: Span
    text: str  # the sentence text, stripped
    index: int
    start: int  # stripped character offsets into doc.text
    end: int
    quoted: list[bool] = field(default_factory=list)  # per token of span: inside quotation marks
    attributed: bool = False  # has a reporting verb or "according to"
    has_number: bool = False
    has_date: bool = False
    boilerplate: bool = False
    ents: list[Span] = field(default_factory=list)  # the sentence's named entities
    tokens: list[Token] = field(default_factory=list)  # the span's tokens, built once
    mostly_quoted: bool = False  # most of the sentence's words are inside quotation marks
    alpha_words: int = 0  # how many of its tokens are letters only
    _words: set[str] | None = None

    def in_quote(self, token: Token) -> bool:
        """True when ``token`` stands inside quotation marks."""
        return self.quoted[token.i - self.span.start]

    @cached_property
    def lemmas(self) -> list[str]:
        """Each token's lemma, lower-cased (``t.lemma_.lower()``), read once for all the rules."""
        return [t.lemma_.lower() for t in self.tokens]

    @cached_property
    def texts(self) -> frozenset[str]:
        """The texts of the sentence's tokens, for "does this word stand in it" (read once)."""
        return frozenset(t.text for t in self.tokens)

    @cached_property
    def word_forms(self) -> frozenset[str]:
        """Its words and their lemmas, lower-cased, read once: the gate rules test before a token walk."""
        return frozenset(x for t in self.tokens for x in (t.lower_, t.lemma_.lower()))

    @property
    def content_words(self) -> set[str]:
        """Lower-cased lemmas of the sentence's content words (for near-duplicate checks)."""
        if self._words is None:
            self._words = {t.lemma_.lower() for t in self.tokens if t.is_alpha and not t.is_stop}
        return self._words


class ParsedArticle:
    """The article as the question rules read it: its sentences, their facts, and where the quotes are."""

    def __init__(self, doc: Doc, quotes: list[Quote], sources: list[AnonymousSource] | None = None) -> None:
        self.doc = doc
        self.text = text = doc_text(doc)
        self.spans = quote_spans(text, quotes)
        self.quotes = quotes
        self._starts = [a for a, _ in self.spans]
        ctx = lexicon.context()
        self.speech = frozenset(ctx["speech_verbs"])
        boiler = _any_of(tuple(b.lower() for b in ctx["boilerplate"]))
        terminal = {t.lower() for t in ctx["terminal_lines"]}
        self.ents = list(doc.ents)  # doc.ents is rebuilt on every access: read it once
        # per token, read once for the whole Doc without making Token objects: its character offset, whether
        # it is letters only, its lemma and part of speech ids, and whether it can be a figure at all
        idx, alpha_of, lemma_of, pos_of, like_num, currency = doc.to_array(_COLUMNS).T.tolist()
        quoted_at = self._inside_all(idx)
        speech_lemma: dict[int, bool] = {}  # lemma id -> its lower-cased form is a speech verb
        self.sentences: list[Sentence] = []
        k = 0
        ended = False
        for i, sent in enumerate(_units(doc, text)):
            raw = text[sent.start_char : sent.end_char]
            stripped = raw.strip()
            if not stripped:
                continue
            start = sent.start_char + (len(raw) - len(raw.lstrip()))
            s = Sentence(sent, stripped, i, start, start + len(stripped))
            low = stripped.lower()
            if " ".join(_WORD.findall(low)) in terminal and len(low) < 60 and start > 0.4 * len(text):
                ended = True
            s.boilerplate = ended or boiler.search(low) is not None
            s.tokens = list(sent)
            a, b = sent.start, sent.end
            s.quoted = quoted_at[a:b]
            alpha = [q for q, is_alpha in zip(s.quoted, alpha_of[a:b], strict=True) if is_alpha]
            s.mostly_quoted = bool(alpha) and sum(alpha) * 2 > len(alpha)
            s.alpha_words = len(alpha)
            for h in lemma_of[a:b]:
                if h not in speech_lemma:
                    speech_lemma[h] = doc.vocab.strings[h].lower() in self.speech
            # only a speech verb can attribute the sentence, and only a number, a currency sign or a word
            # like a number can be a figure: the other tokens need no closer look
            verbs = [
                t
                for t, h, p in zip(s.tokens, lemma_of[a:b], pos_of[a:b], strict=True)
                if p in _VERB_AUX and speech_lemma[h]
            ]
            s.attributed = self._attributed(verbs, low, ctx["attribution_phrases"])
            s.has_number = any(
                _is_number(t)
                for t, n, p, c in zip(s.tokens, like_num[a:b], pos_of[a:b], currency[a:b], strict=True)
                if n or p == NUM or c
            )
            while k < len(self.ents) and self.ents[k].start < sent.start:
                k += 1
            j = k
            while j < len(self.ents) and self.ents[j].end <= sent.end:
                s.ents.append(self.ents[j])
                j += 1
            s.has_date = any(e.label_ in ("DATE", "TIME") for e in s.ents)
            self.sentences.append(s)
        self.content = [s for s in self.sentences if not s.boilerplate]
        self._content_index = [s.index for s in self.content]  # increasing: for ``before``
        self.sentence_at: list[Sentence | None] = [None] * len(doc)  # token index -> its Sentence
        for s in self.sentences:
            self.sentence_at[s.span.start : s.span.end] = [s] * (s.span.end - s.span.start)
        self.source_of: dict[int, AnonymousSource] = {}
        for src in sources or []:
            if src.end <= src.start:
                continue  # no offsets: nothing to anchor a question to
            for s in self.sentences:
                if s.start <= src.start < s.end + 1:
                    self.source_of.setdefault(s.index, src)
                    break
        self.lede = {s.index for s in self.content[: ctx["lede_sentences"]]}
        self.official_titles: list[str] = []  # titles of the named officials, set by the caller

    def before(self, sent: Sentence) -> Sentence | None:
        """The last body sentence before ``sent`` (``next(x for x in reversed(self.content) if x.index <
        sent.index)``, found by bisection: the body sentences are in order)."""
        k = bisect.bisect_left(self._content_index, sent.index)
        return self.content[k - 1] if k > 0 else None

    def quoted_speaker(self, sent: Sentence) -> str | None:
        """Who the quote layer says speaks in ``sent`` (a pronoun there resolved to a name), if anyone."""
        for q in self.quotes:
            if q.speaker and q.speaker_kind != "none" and sent.start <= q.start < sent.end + 1:
                return q.speaker if len(q.speaker.split()) <= 6 else None
        return None

    def inside(self, offset: int) -> bool:
        """True when the character at ``offset`` is inside quotation marks."""
        k = bisect.bisect_right(self._starts, offset) - 1
        return k >= 0 and self.spans[k][0] <= offset < self.spans[k][1]

    def _inside_all(self, offsets: list[int]) -> list[bool]:
        """``inside`` for each of ``offsets``, in increasing order: one walk along the quoted spans."""
        out = []
        k, n = -1, len(self._starts)
        for offset in offsets:
            while k + 1 < n and self._starts[k + 1] <= offset:
                k += 1
            out.append(k >= 0 and offset < self.spans[k][1])
        return out

    def _attributed(self, sent: list[Token], low: str, phrases: list[str]) -> bool:
        if any(p in low for p in phrases):
            return True
        return any(
            t.lemma_.lower() in self.speech
            and t.pos_ in ("VERB", "AUX")
            and (
                any(c.dep_ in ("nsubj", "agent") for c in t.children)
                or t.dep_ == "conj"  # "followed 40,000 adults and found that ...": the subject is shared
                and any(c.dep_ == "nsubj" for c in t.head.children)
            )
            for t in sent
        )

    def sentence_of(self, token: Token) -> Sentence | None:
        """The Sentence holding ``token``."""
        for s in self.sentences:
            if s.span.start <= token.i < s.span.end:
                return s
        return None


_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s*$")


def _units(doc: Doc, text: str) -> list[Span]:
    """The parser's sentences, with fragments it cut mid-paragraph ("Defense" | "Minister ...") joined up."""
    units: list[Span] = []
    for sent in doc.sents:
        if units:
            prev = units[-1]
            gap = text[prev.start_char : sent.start_char]
            before = text[prev.start_char : prev.end_char]
            if "\n" not in gap and "\n" not in before.strip() and not _END.search(before):
                units[-1] = doc[prev.start : sent.end]
                continue
        units.append(sent)
    return units


@lru_cache(maxsize=8)
def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A regex that finds any of ``words`` inside a text (what ``any(w in text for w in words)`` tells)."""
    return re.compile("|".join(re.escape(w) for w in words) or "(?!)")


def _is_number(t: Token) -> bool:
    if t.ent_type_ in ("DATE", "TIME", "ORDINAL"):
        return False
    if t.ent_type_ in _NUMBER_ENTS:
        return bool(t.like_num or t.pos_ == "NUM" or t.is_currency)
    return bool(t.like_num and t.pos_ == "NUM")


def is_number(t: Token) -> bool:
    """A figure (not a date, time or ordinal)."""
    return _is_number(t)
