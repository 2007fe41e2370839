"""Rank, don't gate (issue #13): every body sentence gets one score from the signals it shows.

The signals (futurity, possibility, plans, next steps, accusations, negated knowledge, approximate or vague
amounts, comparisons, one-sided claims) are spaCy Matcher patterns in ``patterns/questions_signals.json``,
run once over the whole Doc; a few more are read from the parse here (an unnamed group as the speaker, a
figure with no source, a named actor, a sentence mostly in quotation marks). A rule's question adds its
priority to the sentence's score; a sentence no rule asks about can still be asked about (``asks.py``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from typing import Any

from spacy.tokens import Token
from spacy.vocab import Vocab

from bot.extract.questions import lexicon
from bot.extract.questions.context import ParsedArticle, Sentence, is_number
from bot.extract.questions.lexicon import PATTERNS

_ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_COMPARATIVE = frozenset({"JJR", "RBR"})
_WILL = frozenset({"will", "'ll", "\u2019ll", "would", "shall"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
_ONE = frozenset({"one", "1"})


@cache
def config() -> dict[str, Any]:
    """The signal weights and patterns."""
    return json.loads((PATTERNS / "questions_signals.json").read_text(encoding="utf-8"))


_MATCHERS: dict[int, tuple[Vocab, lexicon.AnchoredMatcher]] = {}


def matcher(vocab: Vocab) -> lexicon.AnchoredMatcher:
    """The signal matcher for ``vocab``, built once."""
    got = _MATCHERS.get(id(vocab))
    if got is None or got[0] is not vocab:
        patterns = [(name, conf["patterns"]) for name, conf in config()["signals"].items()]
        got = _MATCHERS[id(vocab)] = (vocab, lexicon.AnchoredMatcher(vocab, patterns))
    return got[1]


def signals(art: ParsedArticle) -> dict[int, set[str]]:
    """Signal names per sentence index: one Matcher pass over the Doc, then the parse signals per sentence.
    A match inside quotation marks counts only when most of the sentence is quoted."""
    doc = art.doc
    out: dict[int, set[str]] = defaultdict(set)
    m = matcher(doc.vocab)
    for key, start, _ in m(doc):
        s = art.sentence_at[start]
        if s is not None and not s.boilerplate and (not s.in_quote(doc[start]) or s.mostly_quoted):
            out[s.index].add(doc.vocab.strings[key])
    for s in art.content:
        out[s.index] |= parse_signals(art, s)
    return out


def parse_signals(art: ParsedArticle, sent: Sentence) -> set[str]:
    """Signals read from the parse rather than from words (one pass over the sentence's tokens)."""
    found: set[str] = set()
    alpha = sent.alpha_words  # its tokens that are letters only, counted once by ParsedArticle
    plural_subject = comparative = future = passive = agent = False
    know = knowledge_verbs()
    for t, quoted in zip(sent.tokens, sent.quoted, strict=True):
        if quoted:
            continue
        dep = t.dep_
        if dep == "nsubjpass":
            passive = True
        elif dep == "agent":
            agent = True
        elif dep == "neg" and t.head.lemma_.lower() in know:
            found.add("negated_knowledge")  # "has not yet publicly confirmed": the negation on the verb
        low, tag = t.lower_, t.tag_
        if tag in _COMPARATIVE:
            comparative = True
        elif tag == "MD" and low in _WILL:
            future = True
        if "figure" not in found and low not in _ONE and is_number(t):
            found.add("figure")
        elif low in _FIRST_PERSON:
            found.add("first_person")
        elif tag == "NNS":
            plural_subject = True
    if comparative and not sent.has_number:
        found.add("comparison_no_figure")  # "costs have risen sharply": higher than what?
    if future and not sent.has_date:
        found.add("future_no_date")  # "the council will vote on the plan": when?
    if passive and not agent:
        found.add("agentless_passive")  # "the records were destroyed": by whom?
    if alpha < 8:
        found.add("short")
    elif alpha > 45:
        found.add("long")
    if sent.mostly_quoted:
        found.add("mostly_quoted")
    if sent.index in art.lede:
        found.add("lede")
    if any(e.label_ in _ACTORS for e in sent.ents):
        found.add("named_actor")
    if "figure" in found and not sent.attributed:
        found.add("unsourced_figure")
    if plural_subject and unnamed_speaker(art, sent) is not None:
        found.add("unnamed_speaker")
    return found


def unnamed_speaker(art: ParsedArticle, sent: Sentence) -> Token | None:
    """A plural group with no name that says or believes the sentence's claim: "officials believe",
    "some students said", "according to eight pollsters"."""
    for t in sent.tokens:
        if t.tag_ != "NNS" or sent.in_quote(t) or t.ent_type_ == "PERSON" or not people(t):
            continue
        if t.ent_type_ == "ORG" and t.lemma_.lower() not in lexicon.words("UNNAMED_OFFICIAL", "nouns"):
            continue  # a named body, not "the campaign officials" the tagger read into a name
        if any(c.ent_type_ == "PERSON" or c.dep_ in ("appos", "nummod") for c in t.children):
            continue  # named beside it, or a share of a survey ("four in ten students")
        head = t.head
        if t.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in art.speech and head.pos_ == "VERB":
            return t
        if t.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            return t
    return None


def people(t: Token) -> bool:
    """A plural that can be an unnamed voice ("officials", "students", "polls"), not a body that speaks as
    itself ("police", "authorities") and not a group named inside the phrase ("HSE data")."""
    lemma = t.lemma_.lower()
    if lemma in lexicon.words("ANON_LISTED", "institutions") | _BODIES:
        return False
    if lemma in lexicon.words("UNNAMED_OFFICIAL", "nouns") | _VOICES:
        return True  # "the Smith campaign officials": a named side, unnamed people
    left = [x for c in t.lefts for x in c.subtree] + [t]
    return not any(x.ent_type_ in ("PERSON", "ORG") for x in left)  # not "HSE data"


_VOICES = frozenset({"pollster", "strategist", "expert", "critic", "observer", "witness", "researcher"})


_BODIES = frozenset({"police", "authority", "datum", "data", "figure", "number"})


def score(names: set[str]) -> float:
    """The sentence's signal score: the sum of its signals' weights."""
    w = weights()
    return round(sum(w.get(n, 0.0) for n in sorted(names)), 3)


@cache
def weights() -> dict[str, float]:
    """Every signal's weight, Matcher and parse signals alike."""
    conf = config()
    out = {k: float(v["weight"]) for k, v in conf["signals"].items()}
    out.update({k: float(v) for k, v in conf["parse"].items()})
    return out


@cache
def knowledge_verbs() -> frozenset[str]:
    """Verbs of knowing and telling whose negation leaves something open ("did not say", "has not
    confirmed"): read from the parse (a ``neg`` dependent), wherever the negation stands."""
    return frozenset(config()["knowledge_verbs"])


def fallback_threshold() -> float:
    """The score a sentence needs before a question worded from its own words is raised."""
    return float(config()["thresholds"]["fallback"])


def wanted(art: ParsedArticle) -> tuple[int, int]:
    """(fewest, most) questions for the article: 3 to 8 for a full story of 250 words or more (at least 4 or
    5 for a long one); at most 3 for a brief, which is asked about only where a signal is strong (a brief
    with nothing open says so)."""
    words = len(art.text.split())
    if words < 250:
        return (0, 3)
    return (min(5, 3 + (words - 250) // 400), 8)  # a long story leaves more open: one more per 400 words
