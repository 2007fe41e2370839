"""Anonymous sources and unnamed officials.

Families (word lists in ``patterns/anon_*``):

1-2, 5  anonymity granted or asked for   "who requested anonymity", "declined to be named", "off the record"
3       a reason for it                  "due to the sensitivity of the matter", "not authorised to speak"
4       vague knowledge descriptors      "officials familiar with the deliberations", "a source close to him"
4b      source circles                   "government circles", "diplomatic sources"
6       an unnamed subject of a reporting verb  "one official said", "Officials in Islamabad maintain"

A title-holder who speaks without a name ("the minister said", "A spokesperson from the Rivers Authority
said") is an ``unnamed_official`` unless the article names someone with that title. Every hit in one sentence
is one record; a bare "officials" is dropped when a fuller description of the same kind of source exists.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import NOUN
from spacy.tokens import Doc, Span, Token

from bot.extract import extensions as _extensions  # noqa: F401 - registers doc._.legwork_*
from bot.extract import titles as lex
from bot.extract.extensions import doc_text
from bot.extract.officials import sentence_of
from bot.extract.people import PeopleIndex
from bot.extract.repair.spans import QUOTE_CHARS
from bot.extract.text import alternation, word_start_gate
from bot.models import AnonymousSource, Quote

logger = logging.getLogger(__name__)

_OPEN_DETS = {
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "several",
    "some",
    "another",
    "other",
    "few",
    "various",
    "multiple",
    "numerous",
    "certain",
}
_CLOSED_DETS = {"many", "most", "all", "both", "these", "those", "such", "no", "every", "each", "any"}
_SAY_VERBS = {
    "say",
    "tell",
    "add",
    "warn",
    "insist",
    "claim",
    "admit",
    "argue",
    "complain",
    "concede",
    "confide",
}
_VAGUE_DETS = {None, "some", "several", "many", "most", "other", "few", "various", "numerous", "multiple"}
_CLAUSE_END = {",", ";", ".", ":", "\u2014", "\u2013", "--", "(", ")"}


@dataclass
class _Hit:
    head: Token  # the source noun
    start: int  # token range of the description
    end: int
    kind: str = "anonymous"
    reason: str | None = None
    reason_given: bool = False
    family: str = ""


def _nouns_and_heads(doc: Doc, nouns: frozenset[str]) -> list[Token]:
    """The tokens whose lower-cased form is one of ``nouns``, and the nouns that are title heads: read on the
    tokens' ids (``Doc.to_array``), each form looked up once, so that no Token is made for the others."""
    out = []
    listed: dict[int, bool] = {}  # lower-cased form id -> one of nouns
    heads: dict[int, bool] = {}  # lower-cased form id -> a title head (lex.is_head reads the form only)
    strings = doc.vocab.strings
    lows, tags = doc.to_array([LOWER, POS]).T.tolist() if len(doc) else ([], [])
    for i, (low, pos) in enumerate(zip(lows, tags, strict=True)):
        found = listed.get(low)
        if found is None:
            found = listed[low] = strings[low] in nouns
        if not found and pos == NOUN:
            found = heads.get(low)
            if found is None:
                found = heads[low] = lex.is_head(doc[i])
        if found:
            out.append(doc[i])
    return out


@lru_cache(maxsize=1)
def _regexes() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    cues = lex.data("anon_cues")
    # word_start_gate: the same alternations, each behind a check of the first letter after the word boundary
    grant = re.compile(word_start_gate(cues["grant"]), re.IGNORECASE)
    reason = re.compile(word_start_gate(cues["reason"]), re.IGNORECASE)
    nouns = alternation(
        sorted(lex.words("anon_nouns"), key=lambda w: len(re.escape(w)), reverse=True), ignorecase=True
    )
    all_links = lex.words("anon_knowledge") | lex.words("anon_knowledge_weak")
    links = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in all_links), key=len, reverse=True))
    knowledge = re.compile(
        word_start_gate(
            [
                rf"\b(?P<noun>{nouns})\b(?:\s+(?:who\s+(?:are|is|were|was)\s+)?(?:\w+ly\s+)?)(?P<link>{links})\b"
            ]
        ),
        re.IGNORECASE,
    )
    return grant, reason, knowledge


def find_anonymous_sources(doc: Doc, people: PeopleIndex, quotes: list[Quote]) -> list[AnonymousSource]:
    """List each unnamed source with the article's description and the stated reason for anonymity."""
    try:
        return _find_anonymous_sources(doc, people, quotes)
    except Exception:  # noqa: BLE001 - a slip in one rule layer must not cost the reader the whole digest
        logger.exception("find_anonymous_sources failed; continuing without it")
        return []


def _find_anonymous_sources(doc: Doc, people: PeopleIndex, quotes: list[Quote]) -> list[AnonymousSource]:
    if not len(doc):
        return []
    grant, reason_re, knowledge = _regexes()
    text = doc_text(doc)
    quoted = _quoted_chars(quotes)
    title_heads = _named_title_heads(doc)
    portfolios = set(doc._.legwork_title_words or ())
    headline_end = _headline_end(doc)
    hits: list[_Hit] = []

    # family 4: "people familiar with the matter"
    for m in knowledge.finditer(text):
        if m.start() in quoted:
            continue
        head = _token_at(doc, m.start("noun"))
        weak = " ".join(m.group("link").lower().split()) in lex.words("anon_knowledge_weak")
        if weak and head is not None and not _speaks(head):
            continue  # "the person involved in the crash" is no source; "people close to him said" is
        if head is not None and not _named(head):
            hits.append(_Hit(head, *_description(head, min_end=_token_end(doc, m.end())), family="4"))

    # families 4b and 6: "government circles", "one official said", "a spokesperson ... said"
    verbs = lex.words("repair_speech_verbs")
    nouns = lex.words("anon_nouns")
    circles = set(lex.data("anon_cues").get("circles_modifiers", []))
    for t in _nouns_and_heads(doc, nouns):
        low = t.lower_
        if t.idx in quoted or _named(t) or any(h.head.i == t.i for h in hits):
            continue
        if low in ("sources", "circles", "quarters") and (
            any(c.lower_ in circles for c in t.lefts if c.dep_ in ("amod", "compound", "nummod", "det"))
            or (t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according")
        ):
            if not any(c.lower_ == "of" for c in t.rights):
                hits.append(_Hit(t, *_description(t), family="4b"))
            continue
        if t.dep_ != "nsubj" or t.head.lemma_.lower() not in verbs:
            continue
        if any(c.dep_ == "neg" for c in t.head.children):
            continue  # "the prime minister would not comment": nobody said anything
        if t.i < headline_end:
            continue  # "Health minister admits ...": a headline names the story, the body names the people
        det = _determiner(t)
        office = low not in nouns and lex.is_head(t)
        if office:
            if (
                lex.key(t) in title_heads
                or det in _CLOSED_DETS
                or low in lex.words("anon_not_unnamed_officials")
                or _same_portfolio(t, portfolios)
            ):
                continue  # "the minister" after "Defense Minister Khawaja Asif": a named official
            if det == "the" and _synonyms().get(lex.key(t), frozenset()) & title_heads:
                continue  # "the judge said" after "Justice Rekha Suri"
            if det in ("the", None) and t.tag_ in ("NNS", "NNPS"):
                continue  # "the senators": people the article has named; "ambassadors agreed": a body acting
            if det == "the" and any(h.kind == "unnamed_official" and h.head.lemma_ == t.lemma_ for h in hits):
                continue  # "the spokesperson" after "A spokesperson"
            hits.append(_Hit(t, *_description(t), kind="unnamed_official", family="6"))
            continue
        if low not in nouns:
            continue
        plural = t.tag_ in ("NNS", "NNPS") or low.endswith("s")
        bare = not any(c.dep_ in ("amod", "compound", "prep", "nummod") for c in t.children)
        if low in ("people", "person") and det is None and bare:
            continue  # "people said": too vague to list
        if low in ("figure", "figures") and (
            t.head.lemma_.lower() not in _SAY_VERBS
            or not any(c.dep_ in ("amod", "compound") for c in t.lefts)
        ):
            continue  # "a senior party figure said" is a person; "official figures suggest" are numbers
        if low in lex.words("anon_lay_nouns") and det in _VAGUE_DETS and not _told_outlet(t):
            continue  # "Some residents say": members of the public, unless they told the outlet
        if det in _OPEN_DETS or (det is None and plural):
            hits.append(_Hit(t, *_description(t), family="6"))

    # families 1-3 and 5: anonymity asked for or granted, and why
    cue_spans = [(m.start(), m.end()) for m in grant.finditer(text) if m.start() not in quoted]
    cue_spans += [
        (m.start(), m.end())
        for m in reason_re.finditer(text)
        if m.group(0).lower().startswith("not") and m.start() not in quoted
    ]
    for start, end in cue_spans:
        sent = _sentence_at(doc, start)
        if sent is None:
            continue
        clause = _clause(doc, start, end)
        has_reason = bool(reason_re.search(clause))
        in_sent = [h for h in hits if sent.start <= h.head.i < sent.end]
        if not in_sent:
            head = _subject_source(sent)
            if head is None:
                continue
            earlier = [h for h in hits if h.head.i < head.i and h.head.lemma_ == head.lemma_]
            if earlier and _determiner(head) == "the":
                # "people familiar with the matter said ... said the people, who asked not to be identified"
                if has_reason and not earlier[-1].reason_given:
                    earlier[-1].reason, earlier[-1].reason_given = clause, True
                earlier[-1].kind = "anonymous"
                continue
            hit = _Hit(head, *_description(head), family="1")
            hits.append(hit)
            in_sent = [hit]
        for h in in_sent:
            h.kind = "anonymous"
            if has_reason and not h.reason_given:
                h.reason, h.reason_given = clause, True
    return _records(doc, hits)


# --- helpers ---------------------------------------------------------------------------------------


def _quoted_chars(quotes: list[Quote]) -> set[int] | _Ranges:
    return _Ranges([(q.start, q.end) for q in quotes if q.kind != "indirect"])


class _Ranges:
    """Membership test for character offsets inside any of a few ranges."""

    def __init__(self, ranges: list[tuple[int, int]]):
        self.ranges = ranges

    def __contains__(self, char: object) -> bool:
        return isinstance(char, int) and any(s <= char < e for s, e in self.ranges)


def _named_title_heads(doc: Doc) -> set[str]:
    """Head words of the titles of named officials ("minister" for "Defense Minister Khawaja Asif")."""
    cached = doc._.legwork_title_heads
    if cached is not None:
        return set(cached)
    from bot.extract.officials import cluster_people
    from bot.extract.title_patterns import titles_for

    heads: set[str] = set()
    for cluster in cluster_people(doc):
        for m in cluster.mentions:
            for title in titles_for(m):
                core = [t for t in title.tokens if t.is_alpha]
                for t in core:
                    if lex.is_head(t):
                        heads.add(lex.key(t))
    return heads


def _headline_end(doc: Doc) -> int:
    """The end of a headline: a first line with no closing punctuation, followed by a line break."""
    first = next(iter(doc.sents), None)
    if first is None:
        return 0
    words = [t for t in first if not t.is_space]
    if not words or len(words) > 25:
        return 0
    last = words[-1]
    if last.text in (".", "!", "?", ":", ";") or last.text in QUOTE_CHARS:
        return 0
    text = doc_text(doc)
    after = text[last.idx + len(last.text) : doc[first.end].idx if first.end < len(doc) else len(text)]
    return last.i + 1 if "\n" in after else 0


def _same_portfolio(t: Token, portfolios: set[str]) -> bool:
    """ "Health minister" in a story naming "the health secretary": the same office, already named."""
    if not portfolios or t.lower_ in lex.words("anon_close_title_skip"):
        return False
    generic = _generic_modifiers()
    mods = [
        c
        for c in t.lefts
        if c.dep_ in ("compound", "amod")
        and c.is_alpha
        and not c.is_stop
        and not lex.is_head(c)
        and lex.key(c) not in generic
    ]
    return any(lex.key(c) in portfolios for c in mods)


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, frozenset[str]]:
    """Each head word's other names for the same office (``titles_synonyms.txt``)."""
    out: dict[str, frozenset[str]] = {}
    for line in lex.lines("titles_synonyms"):
        group = frozenset(w.replace("-", " ") for w in line.lower().split())
        for w in group:
            out[w] = out.get(w, frozenset()) | group
    return out


@lru_cache(maxsize=1)
def _generic_modifiers() -> frozenset[str]:
    return frozenset(lex.data("anon_cues").get("generic_title_modifiers", []))


def _told_outlet(t: Token) -> bool:
    """ "Residents told EWN", "residents who spoke to this newspaper": people the outlet interviewed."""
    if t.head.lemma_.lower() == "tell" and any(c.dep_ in ("dobj", "dative") for c in t.head.children):
        return True
    for c in t.children:
        if c.dep_ == "relcl" and c.lemma_.lower() in ("speak", "talk", "tell"):
            return True
    return False


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _token_end(doc: Doc, char: int) -> int:
    span = doc.char_span(max(0, char - 1), char, alignment_mode="expand")
    return span.end if span is not None else 0


def _sentence_at(doc: Doc, char: int) -> Span | None:
    tok = _token_at(doc, char)
    return tok.sent if tok is not None else None


def _named(t: Token) -> bool:
    """A name in the noun phrase or beside it makes the source named.

    A name the source works for does not: "a spokesman for Sport Minister Ian Marsh", "an aide to Smith".
    """
    agent_of = {
        x.i
        for c in t.children
        if (c.dep_ == "prep" and c.lower_ in ("for", "to")) or (c.dep_ == "poss" and lex.is_head(t))
        for x in c.subtree
    }  # "Ms Ardern's spokesman said": the spokesman is unnamed
    if any(x.ent_type_ == "PERSON" and x.i not in agent_of for x in t.subtree):
        return True
    return t.dep_ == "appos" and t.head.ent_type_ == "PERSON"


def _speaks(t: Token) -> bool:
    """The noun is the subject of a reporting verb, or the object of "according to"."""
    verbs = lex.words("repair_speech_verbs")
    if t.dep_ == "nsubj" and t.head.lemma_.lower() in verbs:
        return True
    return t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according"


def _determiner(t: Token) -> str | None:
    for c in t.lefts:
        if c.dep_ in ("det", "nummod", "quantmod", "predet") or c.lower_ in _OPEN_DETS | _CLOSED_DETS:
            return c.lower_
        if c.dep_ == "poss":
            return "the"
    return None


def _description(head: Token, min_end: int = 0) -> tuple[int, int]:
    """The noun phrase around ``head``: its modifiers, and what follows up to a comma or relative clause."""
    doc = head.doc
    start = head.i
    for c in head.lefts:
        if c.dep_ in ("det", "amod", "compound", "nummod", "quantmod", "poss", "nmod", "advmod", "predet"):
            start = min(start, c.left_edge.i)
            break
    while start < head.i and (doc[start].is_punct or doc[start].text in QUOTE_CHARS):
        start += 1
    end = head.i + 1
    right = max((t.i for t in head.subtree), default=head.i)
    i = head.i + 1
    while i <= right:
        t = doc[i]
        if (
            t.text in _CLAUSE_END
            or (t.text in QUOTE_CHARS and t.tag_ != "POS")  # "regulators’ analysis" keeps its apostrophe
            or t.lower_ in ("who", "which", "that", "whose")
            or t.is_space
        ):
            break
        if t.dep_ in ("relcl", "acl") and t.pos_ in ("VERB", "AUX") and t.lower_ not in ("familiar", "close"):
            if t.tag_ not in ("VBN",) or t.lower_ not in ("briefed", "involved"):
                break
        end = i + 1
        i += 1
    end = max(end, min_end)
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end < len(doc) and doc[end - 1].pos_ == "ADP" and doc[end - 1].lower_ != "of":
        # "Sources privy to" + "the development": finish the phrase the link word opens
        objs = [c for c in doc[end - 1].children if c.dep_ == "pobj" and c.i >= end]
        if objs:
            end = max(end, objs[0].right_edge.i + 1)
    if end - start > 14:
        end = start + 14
    return start, end


def _clause(doc: Doc, start: int, end: int) -> str:
    """The anonymity clause from its verb to the next comma or full stop: "requested anonymity due to ..."."""
    tok = _token_at(doc, start)
    if tok is None:
        return ""
    first = tok
    if (
        tok.i > 0
        and tok.nbor(-1).pos_ in ("VERB", "AUX")
        and tok.nbor(-1).lower_ not in ("said", "says", "told")
    ):
        first = tok.nbor(-1)
        if first.i > 0 and first.nbor(-1).pos_ == "AUX":
            first = first.nbor(-1)
    last = _token_at(doc, end - 1) or tok
    i = last.i + 1
    sent_end = tok.sent.end
    verbs = lex.words("repair_speech_verbs")
    while (
        i < sent_end
        and doc[i].text not in (",", ";", ".", ":", "\u2014", "\u2013", ")")
        and doc[i].text not in QUOTE_CHARS
        and not doc[i].is_space
        and not (doc[i].tag_ in ("VBD", "VBZ", "VBP") and doc[i].lemma_.lower() in verbs)  # "... said"
    ):
        last = doc[i]
        i += 1
    return " ".join(doc[first.i : last.i + 1].text.split())


def _subject_source(sent: Span) -> Token | None:
    """The unnamed subject of a sentence that grants anonymity: "The official, who spoke ..., said"."""
    fallback = None
    for t in sent:
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN") and not _named(t):
            if t.lower_ in lex.words("anon_nouns") or lex.is_head(t):
                return t
            if fallback is None and t.pos_ == "NOUN" and _determiner(t) in _OPEN_DETS:
                fallback = t  # "A doctor in the city, who spoke on condition of anonymity, said"
    return fallback


def _records(doc: Doc, hits: list[_Hit]) -> list[AnonymousSource]:
    """One record per sentence and description, fuller descriptions first kept, bare plurals folded in."""
    hits.sort(key=lambda h: h.start)
    seen: dict[str, AnonymousSource] = {}
    out: list[tuple[_Hit, AnonymousSource]] = []
    by_sentence: dict[int, AnonymousSource] = {}
    for h in hits:
        desc = " ".join(doc[h.start : h.end].text.split())
        if not desc:
            continue
        key = desc.lower()
        sent = h.head.sent
        if key in seen:
            rec = seen[key]
            if h.reason and not rec.reason:
                rec.reason, rec.reason_given = h.reason, h.reason_given
            continue
        same = by_sentence.get(sent.start)
        if same is not None and same.kind == h.kind and h.family != "4b":
            if h.reason and not same.reason:
                same.reason, same.reason_given = h.reason, h.reason_given
            continue
        evidence, s, e = sentence_of(h.head)
        rec = AnonymousSource(
            description=desc,
            kind=h.kind,  # type: ignore[arg-type]
            reason=h.reason if h.reason_given else None,
            reason_given=h.reason_given,
            evidence=evidence,
            start=s,
            end=e,
        )
        seen[key] = rec
        by_sentence.setdefault(sent.start, rec)
        out.append((h, rec))
    # a bare "officials" / "sources" adds nothing when the article describes such sources more fully
    kept = []
    for h, rec in out:
        bare = h.end - h.start == 1
        if bare and any(o is not rec and oh.head.lemma_.lower() == h.head.lemma_.lower() for oh, o in out):
            continue
        kept.append(rec)
    return kept
