"""Open questions: what the story leaves unresolved, as an editor's follow-ups (EXTRACTION.md section 7).

Every enabled rule (patterns/questions_cues.json) looks at every sentence of the article body; a sentence
keeps its highest-priority question, near-duplicates are dropped and the best ``MAX_QUESTIONS`` are returned,
highest score first. Evidence is the sentence that raised the question, with offsets into ``doc.text``.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from bot.extract.questions import figures, lexicon, rules, structure
from bot.extract.questions.context import Article, Sentence
from bot.extract.questions.rules import Hit
from bot.models import AnonymousSource, Official, Question, Quote

MAX_QUESTIONS = 8
NEAR_DUPLICATE = 0.6

# Rule id -> detector, in tie-break order (earlier wins among equal priorities).
DETECTORS = {
    "NO_EVIDENCE": rules.no_evidence,
    "CONFLICTING_FIGURES": figures.conflicting_figures,
    "ANONYMOUS": rules.anonymous,
    "UNATTRIBUTED": rules.unattributed,
    "PENDING": rules.pending,
    "NO_CLARITY": rules.no_clarity,
    "RULE_OUT": rules.no_clarity,
    "PROVISIONAL": rules.provisional,
    "DISPUTE": rules.dispute,
    "CONTRAST_CLAIMS": rules.contrast_claims,
    "ESTIMATE": figures.estimate,
    "FIRST_PERSON": structure.first_person,
    "NO_RESPONSE": rules.no_response,
    "EFFORT": rules.effort,
    "CHANGE_NO_FIGURE": figures.change_no_figure,
    "VAGUE_NUMBER": rules.vague_number,
    "VAGUE_SCOPE": figures.vague_scope,
    "MISSING_COUNT": figures.missing_count,
    "UNNAMED_OFFICIAL": rules.unnamed_official,
    "INVESTIGATION": structure.investigation,
    "ADMISSION": structure.admission,
    "EXPECTED": rules.expected,
    "FORECAST_NO_SOURCE": structure.forecast_no_source,
    "CAUSAL": structure.causal,
    "VAGUE_TIME": rules.vague_time,
    "HEDGE": rules.hedge,
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
    if not doc.text.strip():
        return []
    art = Article(doc, quotes)
    by_sentence: dict[int, rules.Matches] = defaultdict(list)
    starts = {s.span.start: s for s in art.sentences}
    sent_of = {}
    for s in art.sentences:
        for i in range(s.span.start, s.span.end):
            sent_of[i] = s.index
    for match_id, start, end in lexicon.matcher(doc.vocab)(doc):
        by_sentence[sent_of.get(start, -1)].append((doc.vocab.strings[match_id], start, end))
    del starts
    source_sents = {sent_of.get(doc.char_span(src.start, src.end, alignment_mode="expand").start, -1)
                    for src in sources if src.end > src.start and doc.char_span(src.start, src.end,
                                                                              alignment_mode="expand") is not None}
    names = [o.name for o in officials]
    scored: list[tuple[float, Sentence, Hit]] = []
    for sent in art.content:
        if len([t for t in sent.span if t.is_alpha]) < 3 or sent.text.endswith("?"):
            continue
        m = sorted(set(by_sentence.get(sent.index, [])), key=lambda x: (x[1], -x[2]))
        if sent.index in source_sents and not any(r == "ANONYMOUS" for r, _, _ in m):
            m.append(("ANONYMOUS", sent.span.start, sent.span.start + 1))
        hit = _best(art, sent, m)
        if hit is not None:
            scored.append((_score(art, sent, hit, names), sent, hit))
    scored.sort(key=lambda x: (-x[0], -x[2].priority, x[1].index))
    kept: list[tuple[float, Sentence, Hit]] = []
    for item in scored:
        if not any(_similar(item[1], k[1]) or item[2].question == k[2].question for k in kept):
            kept.append(item)
        if len(kept) == MAX_QUESTIONS:
            break
    return [
        Question(question=hit.question, category=_CATEGORY.get(hit.rule, hit.category), evidence=sent.text,
                 start=sent.start, end=sent.end, priority=hit.priority)
        for _, sent, hit in kept
    ]


def _best(art: Article, sent: Sentence, m: rules.Matches) -> Hit | None:
    """The sentence's highest-priority hit (rules run in priority order, so the first that fires wins)."""
    order = sorted(DETECTORS, key=lambda r: (-int(lexicon.rules().get(r, {}).get("priority", 0)), _ORDER[r]))
    seen = set()
    for rule in order:
        detector = DETECTORS[rule]
        if detector in seen or not lexicon.enabled(rule):
            continue
        seen.add(detector)
        hit = detector(art, sent, m)
        if hit is None:
            continue
        if hit.rule in rules.SKIP_IN_QUOTES and (hit.in_quote or (sent.mostly_quoted and hit.rule != "HEDGE")):
            continue
        return hit
    return None


def _score(art: Article, sent: Sentence, hit: Hit, names: list[str]) -> float:
    """Priority + 1 in the lede + 1 with a figure, an official or an organisation + 1 outside quotes (7.6)."""
    score = float(hit.priority)
    score += sent.index in art.lede
    text = sent.text
    score += sent.has_number or any(e.label_ == "ORG" for e in sent.span.ents) or any(n in text for n in names)
    score += not hit.in_quote
    return score


def _words(sent: Sentence) -> set[str]:
    return {t.lemma_.lower() for t in sent.span if t.is_alpha and not t.is_stop}


def _similar(a: Sentence, b: Sentence) -> bool:
    wa, wb = _words(a), _words(b)
    return min(len(wa), len(wb)) >= 4 and len(wa & wb) / min(len(wa), len(wb)) >= NEAR_DUPLICATE
