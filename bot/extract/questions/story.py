"""Checks that read the whole article before asking (issue #13): a question the story answers elsewhere, and
figures or ages that disagree across it."""

from __future__ import annotations

import re

from spacy.attrs import LEMMA, POS
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Token

from bot.extract.questions.base import Hit, hit
from bot.extract.questions.context import ParsedArticle, Sentence, is_number
from bot.extract.questions.figures import _number_phrase

_INDEXED = frozenset({NOUN, PROPN, VERB})
_QUANTITY_NOUNS = frozenset({"hundred", "thousand", "million", "dozen", "number", "lot", "handful", "score"})
_BOUND = frozenset({"least", "than", "about", "around", "nearly", "almost", "roughly", "over", "some", "up"})
# Verbs that count the same thing, so that "killed 40 people" and "40 people died" are one count.
_SAME_COUNT = {"die": "kill", "injure": "hurt", "wound": "hurt", "detain": "arrest", "evacuate": "move"}


def answered_elsewhere(art: ParsedArticle, sent: Sentence, found: Hit) -> bool:
    """True when a question asking "how many" or "which" about a thing is answered by another sentence that
    gives that thing a figure or a name."""
    if found.rule in ("OPEN_FIGURE", "FIGURE_SOURCE"):
        return _sourced_elsewhere(art, sent, found)
    if found.rule in ("NEXT_STEP", "OPEN_PLAN"):
        return _dated_elsewhere(art, sent, found)
    if found.rule == "CHARGED":  # "… charged with arson" further down
        return any(
            any(c.dep_ == "prep" and c.lower_ == "with" for c in t.children)
            for t in lemma_index(art).get("charge", ())
            if not sent.span.start <= t.i < sent.span.end
        )
    if found.rule not in ("VAGUE_NUMBER", "MISSING_COUNT", "VAGUE_SCOPE", "UNATTRIBUTED", "UNNAMED_GROUP"):
        return False
    counted = found.rule in ("VAGUE_NUMBER", "MISSING_COUNT")  # "how many?" is answered by a figure
    doc = art.doc
    near = doc[found.cue[0] : min(found.cue[1] + 3, sent.span.end)]
    lemmas = {t.lemma_.lower() for t in near if t.pos_ == "NOUN"} - _QUANTITY_NOUNS
    if not lemmas:
        return False
    index = lemma_index(art)
    for t in (t for lemma in lemmas for t in index.get(lemma, ())):
        other = art.sentence_at[t.i]
        if other is None or other.index == sent.index or other.boilerplate:
            continue
        if counted and any(is_number(c) for c in t.children):
            return True  # "more than 300 homes" after "hundreds of homes"
        if any(c.ent_type_ == "PERSON" for c in t.children) or (
            t.dep_ == "appos" and t.head.ent_type_ == "PERSON"
        ):
            return True  # "the expert Jane Roe", "Jane Roe, an expert at ..."
    return False


def lemma_index(art: ParsedArticle) -> dict[str, list[Token]]:
    """The article's nouns and verbs by lower-cased lemma, built once per article."""
    found = art.__dict__.get("_lemma_index")
    if found is None:
        by_id: dict[int, list[Token]] = {}
        doc = art.doc
        pos, lemma = doc.to_array([POS, LEMMA]).T.tolist() if len(doc) else ([], [])
        for i, (p, k) in enumerate(zip(pos, lemma, strict=True)):
            if p in _INDEXED:  # a Token only for the nouns and verbs
                by_id.setdefault(k, []).append(doc[i])
        strings = art.doc.vocab.strings
        found = {strings[k].lower(): v for k, v in by_id.items()}
        art.__dict__["_lemma_index"] = found
    return found


def _dated_elsewhere(art: ParsedArticle, sent: Sentence, found: Hit) -> bool:
    """The next step asked about is given a date in another sentence ("the hearing was adjourned" ... "the
    court will hear the matter on 3 March")."""
    lemma = art.doc[found.cue[0]].lemma_.lower()
    stems = {lemma, lemma[:-3] if lemma.endswith("ing") else lemma}  # "hearing" -> "hear"
    noun = next((c for c in art.doc[found.cue[0]].children if c.dep_ in ("nsubjpass", "dobj")), None)
    if noun is not None:
        n = noun.lemma_.lower()
        stems |= {n, n[:-3] if n.endswith("ing") else n}
    return any(
        other.index != sent.index and other.has_date and any(t.lemma_.lower() in stems for t in other.tokens)
        for other in art.content
    )


def _sourced_elsewhere(art: ParsedArticle, sent: Sentence, found: Hit) -> bool:
    """The figure the question asks about stands, with its source, in another sentence."""
    figure = art.doc[found.cue[0]]
    if not is_number(figure):
        return False
    return any(
        other.attributed and other.index != sent.index and figure.text in other.texts for other in art.content
    )


def conflicts(art: ParsedArticle) -> list[tuple[Sentence, Hit]]:
    """The same count given twice with different values: a number on the same noun (with the same modifiers)
    under the same verb in two sentences ("killed 40 people" ... "killed 43 people"). Bounded figures ("at
    least 40") are left out."""
    seen: dict[tuple[str, ...], tuple[Sentence, Token]] = {}
    out: list[tuple[Sentence, Hit]] = []
    for s in art.content:
        for t in s.tokens:
            if not is_number(t) or t.dep_ != "nummod" or s.in_quote(t) or _bounded(t):
                continue
            noun = t.head
            verb = noun.head
            if noun.pos_ != "NOUN" or verb.pos_ != "VERB":
                continue
            mods = sorted(c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound"))
            verb_class = _SAME_COUNT.get(verb.lemma_.lower(), verb.lemma_.lower())
            key = (noun.lemma_.lower(), verb_class, *mods)
            before = seen.get(key)
            if before is None:
                seen[key] = (s, t)
                continue
            if _total(s) or _total(before[0]):
                continue  # "in all, 15 died" beside "12 died in the north": a total and a part
            if before[0].index != s.index and before[1].text != t.text and not out:
                a, b = _number_phrase(before[1]), _number_phrase(t)
                out.append(
                    (
                        s,
                        hit(
                            "CONFLICTING_FIGURES",
                            s,
                            t.i,
                            f"The story gives {a} and later {b}: which is right?",
                        ),
                    )
                )
    return out


_TOTAL = frozenset({"all", "total", "overall", "altogether", "including", "among", "combined", "cumulative"})


def _total(s: Sentence) -> bool:
    return any(t.lower_ in _TOTAL for t in s.tokens)


def _bounded(t: Token) -> bool:
    return any(c.lower_ in _BOUND for c in t.children) or (t.i > 0 and t.doc[t.i - 1].lower_ in _BOUND)


_AGE_AFTER = re.compile(r"^,\s*(\d{1,3})\s*[,)]")
_AGE_BEFORE = re.compile(r"(\d{1,3})[- ]year[- ]old\s*$")


def age_conflicts(art: ParsedArticle) -> list[tuple[Sentence, Hit]]:
    """One person given two ages ("Jane Roe, 34," ... "the 36-year-old Roe"): which is right?"""
    text = art.text
    ages: dict[str, tuple[int, Sentence]] = {}
    for s in art.content:
        for e in s.ents:
            if e.label_ != "PERSON":
                continue
            surname = e[-1].text
            after = _AGE_AFTER.match(text[e.end_char : e.end_char + 8])
            before = _AGE_BEFORE.search(text[max(0, e.start_char - 20) : e.start_char].rstrip())
            found = after or before
            if found is None:
                continue
            age = int(found.group(1))
            if surname in ages and ages[surname][0] != age and ages[surname][1].index != s.index:
                first = ages[surname][0]
                question = f"The story gives {surname}\u2019s age as {first} and later {age}: which is right?"
                return [(s, hit("CONFLICTING_FIGURES", s, e.start, question, e.end))]
            ages.setdefault(surname, (age, s))
    return []
