"""Processes the story reports as under way or awaited, without their outcome (issue #13). On unseen
articles an editor's commonest point is "pending": what happens next, and when. These asks read it from the
parse, whatever cue words the sentence has:

- a step in progress by a named actor (the progressive aspect: "the hospital is seeking approval from the
  board", "the club was in the process of hiring a coach"): when is it due to finish?
- something still awaited ("a tax that has yet to be approved", "the merger remains subject to regulatory
  approval"): when will it be, and who must still approve it?
- something put off with no new date ("the opening has been delayed", "is no longer scheduled for a spring
  release"): is there a new date?
- legal action started with no next step given ("the union filed a lawsuit against the district", "she is
  charged with fraud"): what is the next hearing, and has a plea been entered?

The verbs and nouns that name such steps are in ``patterns/questions_pending.json``. Each ask abstains when
its actor cannot be named, when the step is inside quotation marks or an aside, and when the story reports
the outcome elsewhere.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, hit
from bot.extract.questions.context import ParsedArticle, Sentence
from bot.extract.questions.intents import _actor, _aside, _last_person, _negated
from bot.wordlists import data

_BE = frozenset({"be", "is", "are", "was", "were", "'s", "\u2019s", "'re", "\u2019re"})
_MAX_WORDS = 24


@cache
def _lists() -> dict[str, frozenset[str]]:
    conf = data("questions_pending")
    return {k: frozenset(v) for k, v in conf.items() if isinstance(v, list)}


def _fits(question: str) -> bool:
    return 5 <= len(question.split()) <= _MAX_WORDS and "\u2026" not in question


def _done_later(art: ParsedArticle, sent: Sentence, noun: Token | None) -> bool:
    """The story reports the step finished in another sentence: the object's noun with a verb of finishing
    ("the board granted approval")."""
    if noun is None:
        return False
    key, done = noun.lemma_.lower(), _lists()["done_verbs"]
    for s in art.content:
        if s is sent or key not in s.word_forms:
            continue
        if any(t.lemma_.lower() in done and t.pos_ == "VERB" and not _negated(t) for t in s.tokens):
            return True
    return False


def _object(verb: Token) -> tuple[str, Token | None]:
    """The verb's particle and object, as words ("up the rules for the scheme"), and the object's head."""
    parts, head = [], None
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ == "prt":
            parts.append(c.text)
        elif c.dep_ in ("dobj", "attr") and head is None:
            head = c
            np = w.phrase(c, 9)
            if np.endswith("\u2026"):  # too long to quote whole: the noun and the words before it
                np = w.span_text([x for x in c.subtree if x.i <= c.i and not x.is_space])
            parts.append(np)
        elif c.dep_ == "prep" and c.lower_ in ("on", "for", "with", "from", "to", "into") and len(parts) < 3:
            pp = w.phrase(c, 7)
            if not pp.endswith("\u2026"):  # a long complement is left out rather than cut
                parts.append(pp)
            break
    return " ".join(parts), head


def under_way(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A named actor in the middle of a step towards an outcome ("is seeking", "was in the process of
    hiring"): when is it due to finish? The progressive aspect is read from the parse (a VBG verb with a form
    of "be" as its auxiliary, or the gerund after "in the process of")."""
    verbs = _lists()["process_verbs"]
    if not sent.word_forms & verbs:
        return None
    for t in sent.tokens:
        if t.tag_ != "VBG" or t.lemma_.lower() not in verbs or sent.in_quote(t) or _negated(t):
            continue
        if t.dep_ in ("ROOT", "conj", "ccomp") and any(
            c.dep_ == "aux" and c.lower_ in _BE for c in t.children
        ):
            holder = t
        elif t.dep_ == "pcomp" and t.head.lower_ == "of" and t.head.head.lemma_.lower() == "process":
            holder = t.head.head.head.head if t.head.head.head.dep_ == "prep" else t.head.head.head
        else:
            continue
        if _aside(holder) or holder.tag_ == "VBG" and holder.dep_ == "conj" and _aside(holder.head):
            continue
        who, plural = _actor(art, sent, holder)
        what, noun = _object(t)
        if who is None or not what or _done_later(art, sent, noun):
            continue
        be = "are" if plural else "is"
        if t.lemma_.lower() in _lists()["asking_verbs"]:
            wordings = (
                f"When {'do' if plural else 'does'} {who} expect a decision on {what}?",
                f"What has come of {w.possessive(who)} {t.lower_} {what}?",
            )
        else:
            wordings = (
                f"When {be} {who} due to finish {t.lower_} {what}?",
                f"What has come of {w.possessive(who)} {t.lower_} {what}?",
            )
        if _fits(wordings[0]):
            return hit("UNDER_WAY", sent, t.i, wordings)
    return None


def awaited(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """Something the story says is still to come: "a ban that has yet to be finalised" (when will it be?),
    "the deal remains subject to regulatory approval" (who must still approve it, and when?)."""
    words = sent.word_forms
    if "yet" in words or "remains" in words or "remain" in words:
        found = _yet_to(art, sent)
        if found is not None:
            return found
    if {"subject", "pending", "awaiting", "await"} & words:
        return _subject_to(art, sent)
    return None


def _yet_to(art: ParsedArticle, sent: Sentence) -> Hit | None:
    """ "has yet to be approved", "remains to be seen" (not a step), "is yet to be signed"."""
    for t in sent.tokens:
        if t.tag_ != "VBN" or sent.in_quote(t) or t.dep_ != "xcomp":
            continue
        up = t.head
        if not any(c.lower_ == "yet" for c in up.children) and up.lemma_.lower() != "remain":
            continue
        if t.lemma_.lower() in ("see", "know", "determine"):
            return None  # "it remains to be seen": a hedge, no step to date
        subj = w.subject(up)
        if subj is None:
            continue
        if subj.lower_ in ("which", "that") and up.dep_ == "relcl":
            subj = up.head
        while subj.ent_type_ in ("DATE", "TIME") and subj.dep_ == "pobj" and subj.head.head.pos_ == "NOUN":
            subj = subj.head.head  # "a ban in April that has yet to be …": the ban, not April
        if subj.ent_type_ in ("DATE", "TIME"):
            continue
        if w.is_pronoun(subj) or sent.in_quote(subj):
            continue
        np = w.phrase(subj, 7)
        if subj.pos_ != "PROPN":
            np = "the " + " ".join(np.split()[1:]) if np.split()[0].lower() in _ARTICLES else "the " + np
        np = w.lower_first(np, subj)
        q = f"When will {np} be {t.lower_}?"
        if _fits(q) and not _done_later(art, sent, subj):
            return hit("AWAITED", sent, t.i, (q, f"Is there a date for {np} to be {t.lower_}?"))
    return None


_ARTICLES = frozenset({"a", "an", "another", "one", "some", "the"})


def _subject_to(art: ParsedArticle, sent: Sentence) -> Hit | None:
    nouns = _lists()["approval_nouns"]
    for t in sent.tokens:
        if t.lower_ not in ("subject", "pending", "awaiting", "await") or sent.in_quote(t):
            continue
        scope = t.subtree if t.lower_ != "subject" else (x for c in t.children for x in c.subtree)
        noun = next((x for x in scope if x.lemma_.lower() in nouns and x.pos_ == "NOUN"), None)
        if noun is None:
            continue
        verb = t.head if t.dep_ in ("acomp", "amod", "prep", "advcl", "xcomp") else t
        subj = w.subject(verb)
        if subj is None or w.is_pronoun(subj) or sent.in_quote(subj):
            continue
        np = w.lower_first(w.phrase(subj, 6), subj)
        q = f"Who must still approve {np}, and when is a decision due?"
        if _fits(q) and not _done_later(art, sent, noun):
            return hit("AWAITED", sent, t.i, (q, f"When is the {noun.lower_} of {np} due?"))
    return None


def legal_next(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """Legal action the story reports begun, with no next step ("filed a lawsuit against", "is charged
    with"): when is the next hearing? Abstains when the story gives a hearing or plea anywhere."""
    if "next_step" not in names and not sent.word_forms & _lists()["legal_nouns"]:
        return None
    if _court_dated(art):
        return None
    starting, legal = _lists()["starting_verbs"], _lists()["legal_nouns"]
    for t in sent.tokens:
        if t.pos_ != "VERB" or sent.in_quote(t) or _negated(t) or _aside(t):
            continue
        lemma = t.lemma_.lower()
        if lemma in starting:
            noun = next((c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in legal), None)
            if noun is None:
                continue
            holder = t
            while holder.dep_ == "xcomp" and holder.head.i != holder.i:
                holder = holder.head  # "he has chosen to initiate proceedings": the one who chose
                if holder.lemma_.lower() in _UNREAL:
                    break  # "was planning to begin proceedings": nothing filed yet
            if holder.lemma_.lower() in _UNREAL:
                continue
            who, _ = _actor(art, sent, holder)
            if who is None:
                continue
            against = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "against"), None)
            against = against or next(
                (c for c in t.children if c.dep_ == "prep" and c.lower_ == "against"), None
            )
            target = f" {w.phrase(against, 7)}" if against is not None else ""
            what = " ".join([*(c.lower_ for c in noun.lefts if c.dep_ in ("amod", "compound")), noun.lower_])
            q = f"When is the next hearing in {w.possessive(who)} {what}{target}?"
            if not _fits(q):
                q = f"When is the next hearing in {w.possessive(who)} {what}?"
            if _fits(q):
                return hit(
                    "COURT_NEXT", sent, t.i, (q, f"What is the next step in {w.possessive(who)} case?")
                )
        elif lemma in ("charge", "indict") and t.tag_ == "VBN":
            subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
            if subj is None:
                continue
            who = _person(art, sent, subj)
            if who is None:
                continue
            q = f"Has {who} entered a plea, and when is the next court date?"
            return hit("COURT_NEXT", sent, t.i, (q, f"When is {who} next due in court?"))
    return None


_UNREAL = frozenset(
    "plan intend hope want wish consider threaten expect aim seek try vow promise pledge prepare".split()
)


def _against(t: Token) -> bool:
    return t.dep_ == "prep" and t.lower_ == "against"


def _person(art: ParsedArticle, sent: Sentence, subj: Token) -> str | None:
    """A named person as the question names them (a pronoun: the person the sentence before is about)."""
    if subj.ent_type_ == "PERSON":
        ent = next((e for e in sent.ents if e.start <= subj.i < e.end), None)
        return w.clean(ent.text) if ent is not None else None
    if subj.lower_ in ("he", "she"):
        return _last_person(art, subj)
    return None


def _court_dated(art: ParsedArticle) -> bool:
    """The story already gives a court date or a plea: a sentence with a hearing, trial or sentencing and a
    date, or any mention of a plea."""
    found = art.__dict__.get("_court_dated")
    if found is None:
        court = _lists()["court_words"]
        found = any(
            {"plea", "pleaded", "pleads"} & s.word_forms or (s.has_date and bool(court & s.word_forms))
            for s in art.content
        )
        art.__dict__["_court_dated"] = found
    return bool(found)


def put_off(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """Something postponed, delayed or no longer scheduled, with no new date on the verb ("until March 12"):
    is there a new date? (Hearings and votes adjourned are events.halted.)"""
    words = sent.word_forms
    verbs, scheduled = _lists()["put_off_verbs"], _lists()["scheduled_words"]
    if not words & verbs and not ("longer" in words and words & scheduled):
        return None
    for t in sent.tokens:
        lemma = t.lemma_.lower()
        if t.pos_ != "VERB" or sent.in_quote(t) or _aside(t) and t.dep_ != "ccomp":
            continue
        if t.tag_ not in ("VBD", "VBN", "VBZ", "VBP") or any(c.tag_ == "MD" for c in t.children):
            continue  # "the rules could delay flights": not put off, only possible
        if lemma in verbs:
            if lemma == "push" and not any(c.lower_ == "back" for c in t.children):
                continue
            if _negated(t):
                continue
        elif not (t.lower_ in scheduled and any(c.lower_ == "longer" for c in t.children)):
            continue
        if any(c.dep_ == "prep" and c.lower_ in ("until", "till", "to") for c in t.children):
            return None  # "postponed until March 12": the new date is given
        thing = next((c for c in t.children if c.dep_ in ("nsubjpass", "dobj")), None)
        if thing is None and t.lower_ in scheduled:
            thing = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if (
            thing is None
            or w.is_pronoun(thing)
            or thing.pos_ not in ("NOUN", "PROPN")
            or sent.in_quote(thing)
            or thing.ent_type_ in ("PERSON", "GPE", "NORP")  # "deferred Betts's salary": no event
        ):
            continue
        np = w.phrase(thing, 9)
        if thing.pos_ != "PROPN":
            np = "the " + " ".join(np.split()[1:]) if np.split()[0].lower() in _ARTICLES else np
        np = w.lower_first(np, thing)
        q = f"Is there a new date for {np}?"
        if _fits(q):
            return hit("PUT_OFF", sent, t.i, (q, f"When is {np} now expected?"))
    return None
