"""Open questions: what the story leaves unresolved, as an editor's follow-ups (docs/ARCHITECTURE.md,
"Where a question is raised").

Rank, don't gate (issue #13): every body sentence gets a signal score (rank.py); the rules of
patterns/questions_cues.json ask about it where they can, and where none does a question is worded from the
sentence's own group, figure, plan or event (asks.py, events.py). The whole story is read before asking
(story.py): questions it answers elsewhere are dropped, counts and ages that disagree are raised. A sentence
keeps one question; near-duplicates, the same claim twice and a wording used twice are dropped; 3 to 8 are
returned for a full story (at most 3 for a brief), strongest first. Evidence is the sentence that raised the
question, with offsets into ``doc.text``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from functools import cache, lru_cache

from spacy.tokens import Doc, Token

from bot.extract.questions import (
    anonymity,
    asks,
    claims,
    clarity,
    figures,
    intents,
    lexicon,
    progress,
    rank,
    sourcing,
    story,
    structure,
    vagueness,
)
from bot.extract.questions.base import SKIP_IN_QUOTES, Hit, Matches
from bot.extract.questions.context import ParsedArticle, Sentence
from bot.models import AnonymousSource, Official, Question, Quote

MAX_QUESTIONS = 8
QUIET = -0.5  # a sentence with no cue and hardly any signal is not worth running every rule on
NEAR_DUPLICATE = 0.6
PER_CATEGORY = 2
FILL_PRIORITY = 2
WEAKEST = 1  # rule priority at or below which a strong ask of the same sentence is preferred

# Rule id -> detector, in tie-break order (earlier wins among equal priorities).
DETECTORS = {
    "NO_EVIDENCE": sourcing.no_evidence,
    "CONFLICTING_FIGURES": figures.conflicting_figures,
    "ANONYMOUS": anonymity.anonymous,
    "UNATTRIBUTED": anonymity.unattributed,
    "PENDING": sourcing.pending,
    "NO_CLARITY": clarity.no_clarity,
    "RULE_OUT": clarity.no_clarity,
    "NOT_PUBLIC": clarity.not_public,
    "WITHHELD": clarity.withheld,
    "PROVISIONAL": progress.provisional,
    "COMMITMENT": progress.commitment,
    "DISPUTE": claims.dispute,
    "CONTRAST_CLAIMS": claims.contrast_claims,
    "ESTIMATE": figures.estimate,
    "FIRST_PERSON": structure.first_person,
    "NO_RESPONSE": clarity.no_response,
    "EFFORT": progress.effort,
    "INVOLVEMENT": progress.involvement,
    "MISSED_DEADLINE": progress.missed_deadline,
    "HEARSAY": sourcing.hearsay,
    "CHANGE_NO_FIGURE": figures.change_no_figure,
    "VAGUE_NUMBER": vagueness.vague_number,
    "VAGUE_SCOPE": figures.vague_scope,
    "MISSING_COUNT": figures.missing_count,
    "UNNAMED_OFFICIAL": claims.unnamed_official,
    "PLAN": structure.plan,
    "MEASURE": structure.measure,
    "INVESTIGATION": structure.investigation,
    "ADMISSION": structure.admission,
    "EXPECTED": vagueness.expected,
    "FORECAST_NO_SOURCE": structure.forecast_no_source,
    "CAUSAL": structure.causal,
    "VAGUE_TIME": vagueness.vague_time,
    "HEDGE": claims.hedge,
    "CONDITIONAL": structure.conditional,
    "FUTURE_DATED": structure.future_dated,
    "FIGURE_SOURCE": figures.figure_source,
}
_ORDER = {rule: i for i, rule in enumerate(DETECTORS)}
_CATEGORY = {"LEGAL": "legal basis"}


def find_questions(
    doc: Doc, quotes: list[Quote], officials: list[Official], sources: list[AnonymousSource]
) -> list[Question]:
    """Raise at most one question per sentence, ranked, near-duplicates dropped."""
    if not any(not t.is_space for t in doc):
        return []
    art = ParsedArticle(doc, quotes, sources)
    art.official_titles = [o.title.lower() for o in officials if o.title]
    scored, reserve = candidates(art)
    return [
        Question(
            question=short(hit.question),
            category=_CATEGORY.get(hit.rule, hit.category),
            evidence=sent.text,
            start=sent.start,
            end=sent.end,
            priority=hit.priority,
        )
        for _, sent, hit in _select(art, scored, reserve)
    ]


Scored = tuple[float, Sentence, Hit]


def candidates(art: ParsedArticle) -> tuple[list[Scored], Callable[[], list[Scored]]]:
    """Every body sentence's question, if it has one, with its score, best first; and the reserve (weak
    sentences asked about only when the story is short of questions). ``tools/questions_harness.py`` reads
    this stage on its own."""
    matches = _matches(art)
    signals = rank.signals(art)
    scored: list[Scored] = []
    weak: list[tuple[Sentence, set[str]]] = []  # below the bar: asked only when the story is short
    for sent in art.content:
        if _not_prose(sent):
            continue
        names = signals.get(sent.index, set())
        m = sorted(set(matches.get(sent.index, [])), key=lambda x: (x[1], -x[2]))
        hit = _best(art, sent, m) if m or rank.score(names) >= QUIET else None
        if hit is None and rank.score(names) >= rank.fallback_threshold():
            hit = asks.ask(art, sent, names)
        elif hit is None or hit.priority <= WEAKEST:
            # a weak rule's question ("who is behind …?") gives way to an ask that names what is open
            hit = asks.strong_ask(art, sent, names) or hit
        if hit is None:
            weak.append((sent, names))
        if hit is not None and story.answered_elsewhere(art, sent, hit):
            # "how many homes?" when another sentence counts them; an aim the story leaves open may remain
            second = intents.intent(art, sent, names) if hit.rule != "INTENT" else None
            hit = second if second is not None and not story.answered_elsewhere(art, sent, second) else None
        if hit is not None:
            scored.append((_score(art, sent, hit, names), sent, hit))
    for sent, hit in story.conflicts(art) + story.age_conflicts(art):
        scored.append((_score(art, sent, hit, signals.get(sent.index, set())) + 1, sent, hit))
    scored.sort(key=_rank)

    def reserve() -> list[Scored]:
        found = [(sent, names, asks.ask(art, sent, names, last_resort=True)) for sent, names in weak]
        return sorted(
            (
                (_score(art, s, h, n), s, h)
                for s, n, h in found
                if h and not story.answered_elsewhere(art, s, h)
            ),
            key=_rank,
        )

    return scored, reserve


def _rank(x: Scored) -> tuple[float, int, int]:
    return (-x[0], -x[2].priority, x[1].index)


def _matches(art: ParsedArticle) -> dict[int, Matches]:
    """Cue matches grouped by sentence index; a cue word inside a name ("Nee Soon") does not count."""
    doc = art.doc
    out: dict[int, Matches] = defaultdict(list)
    for rule, start, end in lexicon.matcher(doc.vocab)(doc):
        if not (_in_name(doc[start]) or _in_name(doc[end - 1])):  # a name inside ("some Tory MPs") is fine
            sent = art.sentence_at[start]
            out[sent.index if sent is not None else -1].append((rule, start, end))
    return out


def _not_prose(sent: Sentence) -> bool:
    """Too short, a question of the story's own, or an all-capitals headline or plug."""
    if sent.alpha_words < 3 or sent.text.endswith("?"):
        return True
    letters = "".join(filter(str.isalpha, sent.text))
    return sum(map(str.isupper, letters)) > 0.7 * len(letters)


def _select(art: ParsedArticle, scored: list[Scored], reserve: Callable[[], list[Scored]]) -> list[Scored]:
    """Best first: drop near-duplicates and repeated templates, apply per-rule caps, take at most PER_CATEGORY
    of a kind, fill up to the article's most with anything but the weakest kinds, then up to its fewest with
    whatever is left (rank.wanted: 3 to 8 for a full story, 1 to 3 for a brief)."""
    fewest, most = rank.wanted(art)
    fresh: list[Scored] = []
    templates: set[str] = set()
    for x in scored:
        if any(_similar(x[1], y[1]) or _same_ask(x[2], y[2]) or _headline_twin(art, x, y) for y in fresh):
            continue
        worded = _fresh_wording(x, templates)
        if worded is None:
            continue  # the same wording twice in one digest reads as boilerplate
        templates.add(_template(worded))
        fresh.append(worded)
    seen: dict[str, int] = defaultdict(int)
    capped = []
    for item in fresh:  # "max_per_article": rules whose questions repeat across a story
        seen[item[2].rule] += 1
        if seen[item[2].rule] <= int(lexicon.rules().get(item[2].rule, {}).get("max_per_article", most)):
            capped.append(item)
    kept: list[Scored] = []
    per_kind: dict[str, int] = defaultdict(int)
    for strong_only in (True, False):  # the stronger rules first, then the weakest kinds
        for (
            item
        ) in capped:  # at most PER_CATEGORY of a kind, so that one story's hedges do not crowd out the rest
            kind = _CATEGORY.get(item[2].rule, item[2].category)
            if strong_only and item[2].priority < FILL_PRIORITY or item in kept:
                continue
            if per_kind[kind] < PER_CATEGORY and len(kept) < most:
                kept.append(item)
                per_kind[kind] += 1
        if strong_only:
            for item in capped:
                if len(kept) < most and item not in kept and item[2].priority >= FILL_PRIORITY:
                    kept.append(item)
    spare = fresh + reserve() if len(kept) < fewest else []
    for repeat in (False, True):  # a full story short of questions: a template may repeat only as a last step
        for item in spare:
            if len(kept) >= fewest:
                break
            if item in kept or any(_similar(item[1], y[1]) or y[1] is item[1] for y in kept):
                continue
            found = item if repeat or item in fresh else _fresh_wording(item, templates)
            if found is None:
                continue
            templates.add(_template(found))
            kept.append(found)
    return sorted(kept, key=_rank)


MAX_WORDS = 30
# A dateline pasted into a question: capitals (a place, a wire) and a colon or dash before the clause.
_DATELINE = re.compile(
    r"(\u2018|\s)[A-Z][A-Z.'\u2019-]{2,}(?:[ ,]+[A-Z][A-Z.'\u2019-]+)*(?:\s*\([A-Za-z .]+\))?"
    r"\s*(?::|\u2014|\u2013|--)\s+(?=[A-Z])((?:A|An|The|This|That|These|Those|It|Its)\b)?"
)


def _undateline(m: re.Match[str]) -> str:
    return m.group(1) + (m.group(2).lower() if m.group(2) else "")


_QUOTED_PART = re.compile("\u2018([^\u2018\u2019]+)\u2019")


def short(question: str, limit: int = MAX_WORDS) -> str:
    """At most about ``limit`` words: a trailing second sentence goes first, then words from the longest
    quoted passage, then words before a cut ("…") in a clause."""
    question = _DATELINE.sub(_undateline, question)  # "that NEW DELHI: An unusual…" -> "that an unusual…"
    if len(question.split()) <= limit:
        return question
    first = re.split(r"(?<=[?])\s+", question, maxsplit=1)[0]
    if first != question and len(first.split()) >= 5:
        question = first
    excess = len(question.split()) - limit
    quoted = max(_QUOTED_PART.finditer(question), key=lambda m: len(m.group(1)), default=None)
    if excess > 0 and quoted is not None:
        inner = quoted.group(1).split()
        keep = max(5, len(inner) - excess)
        if keep < len(inner):
            cut = " ".join(inner[:keep]).rstrip(",;:\u2026") + "\u2026"
            question = question[: quoted.start(1)] + cut + question[quoted.end(1) :]
    excess = len(question.split()) - limit
    if excess > 0 and "\u2026" in question:
        head, tail = question.split("\u2026", 1)
        words = head.split()
        if len(words) - excess >= 8:
            question = " ".join(words[: len(words) - excess]).rstrip(",;:") + "\u2026" + tail
    return question


def _fresh_wording(x: Scored, templates: set[str]) -> Scored | None:
    """``x`` with a wording whose template the digest has not used yet (its own or an alternative)."""
    if _template(x) not in templates:
        return x
    for alt in x[2].alternatives:
        y = (x[0], x[1], replace(x[2], question=alt, alternatives=()))
        if _template(y) not in templates:
            return y
    return None


def _template(x: Scored) -> str:
    """A question's fixed wording: its words that are not the evidence sentence's own, in order ("beyond can
    anyone confirm on record"), so that two questions built on the same frame count as one template."""
    own = x[1].__dict__.get("_lower_words")
    if own is None:
        own = x[1].__dict__["_lower_words"] = {t.lower_ for t in x[1].tokens}
    words = [t for t in _WORDS.findall(x[2].question.lower()) if t not in own and t not in _GLUE]
    return " ".join(words[:6]) if len(words) >= 2 else x[2].question


_WORDS = re.compile(r"[a-z]+")
_ASK_WORDS = frozenset(
    "what which when where whom whose does will would could have been based says exactly".split()
)
_GLUE = frozenset(
    "the a an of to in on at by for with from that this and or is are was were be been it".split()
)


def _best(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    """The sentence's highest-priority hit (rules run in priority order, so the first that fires wins)."""
    seen = set()
    best: Hit | None = None
    for rule in _by_priority():
        detector = DETECTORS[rule]
        if best is not None and _priority(rule) <= best.priority:
            break
        if detector in seen or not lexicon.enabled(rule):
            continue
        seen.add(detector)
        hit = detector(art, sent, m)
        if hit is None or not lexicon.enabled(hit.rule):
            continue
        if hit.rule in SKIP_IN_QUOTES and (hit.in_quote or (sent.mostly_quoted and hit.rule != "HEDGE")):
            continue
        if best is None or hit.priority > best.priority:
            best = hit
    return best


def _priority(rule: str) -> int:
    return int(lexicon.rules().get(rule, {}).get("priority", 0))


_NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})


def _in_name(t: Token) -> bool:
    """A cue word that is part of a name ("Nee Soon", "Theresa May") is no cue."""
    return t.ent_type_ in _NAMES or (t.pos_ == "PROPN" and t.is_title and not t.is_sent_start)


@cache
def _by_priority() -> tuple[str, ...]:
    return tuple(sorted(DETECTORS, key=lambda r: (-_priority(r), _ORDER[r])))


def _score(art: ParsedArticle, sent: Sentence, hit: Hit, names: set[str]) -> float:
    """The rule's priority plus the sentence's signal score (rank.py), - 1 for a question worded from the
    whole clause, - 1 inside quotation marks."""
    return float(hit.priority) + rank.score(names) - hit.generic - hit.in_quote


def _headline_twin(art: ParsedArticle, a: Scored, b: Scored) -> bool:
    """A headline (at the top, no closing full stop, few words) asking what the lede already asks."""
    short = min((a, b), key=lambda x: len(x[1].text))
    if short[1].index not in art.lede:
        return False
    if (
        a[2].rule != b[2].rule
        or short[1].text.endswith((".", "\u201d", '"'))
        or len(short[1].text.split()) > 15
    ):
        return False
    return len(a[1].content_words & b[1].content_words) >= 2


@lru_cache(maxsize=512)
def _content(question: str) -> frozenset[str]:
    return frozenset(x for x in _WORDS.findall(question.lower()) if len(x) > 3) - _ASK_WORDS


def _same_ask(a: Hit, b: Hit) -> bool:
    """Two questions that quote the same words, or are the same words."""
    if a.question == b.question or bool(_quoted(a.question) & _quoted(b.question)):
        return True
    # the same claim asked twice in other words: most of the shorter question's content words recur
    wa, wb = _content(a.question), _content(b.question)
    return min(len(wa), len(wb)) >= 4 and len(wa & wb) >= 0.75 * min(len(wa), len(wb))


_QUOTED = re.compile("\u2018([^\u2018\u2019]{12,})\u2019")


@lru_cache(maxsize=512)
def _quoted(question: str) -> frozenset[str]:
    """The passages a question quotes (read once per question: _select compares every pair)."""
    return frozenset(_QUOTED.findall(question))


def _similar(a: Sentence, b: Sentence) -> bool:
    wa, wb = a.content_words, b.content_words
    if not wa or not wb:
        return False
    if len(wa & wb) / len(wa | wb) > NEAR_DUPLICATE:
        return True
    # A headline repeated in the lede: most of the shorter one's words are in the longer one.
    return min(len(wa), len(wb)) >= 6 and len(wa & wb) / min(len(wa), len(wb)) >= NEAR_DUPLICATE
