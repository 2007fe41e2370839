"""What every question rule shares: the Hit it returns, its signature and small helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.context import ParsedArticle, Sentence

SKIP_IN_QUOTES = frozenset(
    {
        "HEDGE",
        "VAGUE_NUMBER",
        "VAGUE_TIME",
        "VAGUE_SCOPE",
        "MISSING_COUNT",
        "EXPECTED",
        "FIGURE_SOURCE",
        "FUTURE_DATED",
        "FIRST_PERSON",
        "FORECAST_NO_SOURCE",
        "ESTIMATE",
    }
)


@dataclass
class Hit:
    """One rule firing on one sentence."""

    rule: str
    question: str
    cue: tuple[int, int]  # token indices of the cue in the doc
    in_quote: bool = False
    generic: bool = False  # worded from the whole clause, with no better slot: ranks lower
    alternatives: tuple[str, ...] = ()  # other wordings of the same ask, used when a digest has the first

    @property
    def category(self) -> str:
        """The category shown to the editor."""
        return str(lexicon.rules()[self.rule]["category"])

    @property
    def priority(self) -> int:
        """The rule's priority (higher first)."""
        return int(lexicon.rules()[self.rule]["priority"])


Matches = list[tuple[str, int, int]]  # (rule, start token, end token)


Rule = Callable[[ParsedArticle, Sentence, Matches], "Hit | None"]


def speaker(art: ParsedArticle, sent: Sentence, at: Token | None = None) -> str | None:
    """Who the sentence reports, as written; a pronoun falls back to the last name before it."""
    _, subj = w.reported(sent.span, art.speech)
    if subj is not None and not w.is_pronoun(subj):
        return w.lower_first(w.phrase(subj, 8), subj)
    ents = [e for e in art.ents if e.label_ in ("PERSON", "ORG") and e.end <= (at or sent.span[-1]).i]
    for e in reversed(ents[-6:]):
        if e.start >= sent.span.start - 250:
            return e.text
    return None


def hit(
    rule: str, sent: Sentence, start: int, question: str | tuple[str, ...], end: int | None = None
) -> Hit:
    """A Hit for ``rule`` with its cue at tokens ``start``..``end``, the question capitalised; several
    wordings give the first as the question and the rest as alternatives."""
    doc = sent.span.doc
    first, *rest = (question,) if isinstance(question, str) else question
    return Hit(
        rule,
        w.cap(first),
        (start, end or start + 1),
        sent.in_quote(doc[start]),
        alternatives=tuple(w.cap(x) for x in rest),
    )


_DETS = frozenset("a an one another two three several some the".split())


def the(description: str) -> str:
    """'A spokesperson from X' -> 'the spokesperson from X'; 'Residents' -> 'the residents'."""
    words = description.split()
    if words and words[0].lower() in _DETS:
        words = words[1:]
    if (
        words
        and words[0][:1].isupper()
        and words[0].lower()
        in ("residents", "officials", "sources", "witnesses", "people", "spokesperson", "official", "source")
    ):
        words[0] = words[0].lower()
    return "the " + " ".join(words) if words else "the source"


def antecedent(art: ParsedArticle, sent: Sentence, pron: Token) -> Token | None:
    """What "it" or "they" at the start of a sentence stands for: the subject of the sentence before."""
    if pron.lower_ not in ("it", "they") or pron.dep_ not in ("nsubj", "nsubjpass"):
        return None
    prev = art.before(sent)
    if prev is None:
        return None
    root = next((t for t in prev.tokens if t.dep_ == "ROOT"), None)
    subj = w.subject(root) if root is not None else None
    if subj is None or w.is_pronoun(subj) or subj.ent_type_ == "PERSON":
        return None
    plural = subj.tag_ in ("NNS", "NNPS")
    return subj if plural == (pron.lower_ == "they") else None


def name_ask(art: ParsedArticle, sent: Sentence, np: str) -> tuple[str, ...]:
    """Ask for the name of an unnamed source, worded from what it said when the sentence reports it."""
    verb, _ = w.reported(sent.span, art.speech)
    what = w.content_of_speech(verb) if verb is not None else None
    if what is not None:
        clause = w.lower_lead(w.clause(what, sent.span, limit=14), sent.span)
        if len(clause.split()) >= 3:
            return (
                f"Can we name {np} who said {w.decap(clause)}?",
                f"Who exactly are {np} behind the claim that {w.decap(clause)}?",
            )
    return (f"Who is {np}, and why is the source not named?",)
