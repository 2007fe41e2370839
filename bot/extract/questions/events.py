"""Asks about events a story reports but leaves open (issue #13): charges with no offence, people missing or
searched for, hearings put off, talks and proposals with no outcome, measures moved with no size, things not
yet done, questions the story itself reports, internal papers and unnamed estimates. Each asks one thing,
worded from the sentence's own actor and thing; None to abstain."""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.questions import rank
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, antecedent, hit
from bot.extract.questions.context import ParsedArticle, Sentence, is_number
from bot.extract.questions.intents import is_agent

_NEXT_STEP = {
    "charge": "charges",
    "trial": "trial",
    "hearing": "hearing",
    "vote": "vote",
    "inquiry": "inquiry",
    "investigation": "investigation",
    "probe": "probe",
    "review": "review",
    "appeal": "appeal",
    "ruling": "ruling",
    "verdict": "verdict",
    "sentencing": "sentencing",
    "lawsuit": "lawsuit",
    "payment": "payment",
    "compensation": "compensation",
    "refund": "refund",
    "audit": "audit",
    "referendum": "referendum",
}
_OPEN = frozenset({"open", "outstanding", "unresolved", "remaining", "unanswered", "lingering"})


def open_items(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """Issues the story says are still open without saying what they are: "What are the open issues?"."""
    if "still_open" not in names:
        return None
    for t in sent.tokens:
        if t.lower_ in _OPEN and t.dep_ == "amod" and t.head.pos_ == "NOUN":
            noun = t.head
            verb = "are" if noun.tag_ == "NNS" else "is"
            return hit("OPEN_ITEMS", sent, t.i, f"What {verb} the {t.lower_} {noun.lower_}?", noun.i + 1)
    return None


_UNIDENTIFIED = frozenset({"anonymous", "unnamed", "unidentified", "unknown", "undisclosed", "mystery"})


def unidentified(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """Someone or something the story says it cannot name: "an anonymous caller", "an undisclosed buyer"."""
    for t in sent.tokens:
        if t.lower_ not in _UNIDENTIFIED or t.dep_ != "amod" or t.head.pos_ != "NOUN" or sent.in_quote(t):
            continue
        noun = t.head
        if noun.lemma_.lower() in ("source", "official", "person", "people", "reason", "cause", "number"):
            return None  # anonymous sources have their own rule; "unknown reasons" is no one to find
        return hit("UNIDENTIFIED", sent, t.i, f"Can we identify the {t.lower_} {noun.lower_}?", noun.i + 1)
    return None


def charged(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """People charged with no offence named ("charged in connection with the fire"): charged with what?"""
    for t in sent.tokens:
        if t.lemma_.lower() != "charge" or t.pos_ != "VERB" or sent.in_quote(t):
            continue
        if any(c.dep_ == "prep" and c.lower_ == "with" for c in t.children):
            return None  # "charged with arson": the offence is given
        if any(
            x.ent_type_ == "MONEY" or x.is_currency or is_number(x) and x.head.i == t.i for x in t.subtree
        ):
            return None  # "charged $40,000 a year": a price, not a criminal charge
        who = next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if who is None or w.is_pronoun(who) and antecedent(art, sent, who) is None:
            return None
        who = antecedent(art, sent, who) or who if w.is_pronoun(who) else who
        if is_number(who) or who.ent_type_ in ("MONEY", "ORG", "GPE"):
            return None
        np = w.party(who, 6)
        verb = "are" if who.tag_ in ("NNS", "NNPS") or " and " in np else "is"
        if np.lower().startswith(("two ", "three ", "four ", "a ", "an ", "one ")):
            np = "the " + np.split(" ", 1)[1] if not np.lower().startswith(("a ", "an ", "one ")) else np
        return hit("CHARGED", sent, t.i, f"What exactly {verb} {np} charged with?")
    return None


_MISSING = frozenset({"missing", "unaccounted"})


def missing(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """People reported missing: have they been found? ("13 people missing", "the missing climbers")."""
    for t in sent.tokens:
        if t.lower_ in _MISSING and not sent.in_quote(t):
            subj = next((c for c in t.children if c.dep_ == "nsubj" and c.tag_ == "NNS"), None)
            if subj is not None:  # "looking for 13 people missing": the parser made it a clause
                count = next((c for c in subj.children if c.dep_ == "nummod" and is_number(c)), None)
                what = (
                    f"{count.text} missing {subj.lower_}" if count is not None else f"missing {subj.lower_}"
                )
                return hit("STILL_MISSING", sent, t.i, f"Have the {what} been found?")
        if t.lower_ not in _MISSING or sent.in_quote(t) or t.head.pos_ != "NOUN" or t.head.tag_ != "NNS":
            continue
        if t.dep_ not in ("amod", "acl", "acomp"):
            continue
        noun = t.head
        count = next((c for c in noun.children if c.dep_ == "nummod" and is_number(c)), None)
        what = f"{count.text} missing {noun.lower_}" if count is not None else f"missing {noun.lower_}"
        return hit("STILL_MISSING", sent, t.i, f"Have the {what} been found?")
    return None


def nobody(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """Something nobody did ("no one told the teacher"): why not?"""
    for t in sent.tokens:
        nobody = t.lower_ == "nobody" or t.lower_ == "one" and any(c.lower_ == "no" for c in t.children)
        if not nobody or t.dep_ != "nsubj" or sent.in_quote(t) or t.head.tag_ != "VBD":
            continue
        verb = t.head
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or w.is_pronoun(obj):
            return None
        thing = w.phrase(obj, 8)
        if thing.endswith("\u2026"):
            return None
        return hit("NOBODY", sent, t.i, f"Why did no one {verb.lemma_} {w.lower_first(thing, obj)}?")
    return None


_TALK = frozenset({"discuss", "negotiate", "debate", "consider", "weigh"})


def _talkers(t: Token) -> bool:
    """Parties that hold talks: a named person, body or country, or an institution or official, as the
    subject; not the reader ("you weigh your comfort"), nor someone urged to talk ("challenged them to
    consider"), whose talks are not reported."""
    if t.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in t.head.children):
        return False
    subj = w.subject(t)
    if subj is None or w.is_pronoun(subj) and subj.lower_ not in ("he", "she", "they"):
        return False
    return subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or is_agent(subj) or w.is_pronoun(subj)


def talks(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """Talks the story reports without their outcome ("travelled to Cairo to discuss a ceasefire")."""
    for t in sent.tokens:
        if t.lemma_.lower() not in _TALK or t.pos_ != "VERB" or sent.in_quote(t):
            continue
        if not (t.dep_ in ("xcomp", "advcl") or t.tag_ in ("VBG", "VBD", "VBZ", "VBP")):
            continue
        if not _talkers(t):
            continue
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        if (
            obj is None
            or w.is_pronoun(obj)
            or any(c.dep_ == "poss" and w.is_pronoun(c) for c in obj.children)
        ):
            continue  # "to discuss his work": an interview, not talks
        thing = w.lower_first(w.noun_phrase(obj, 9), obj)
        if len(thing.split()) < 2:
            continue
        return hit("TALKS", sent, t.i, f"What came of the talks on {the_thing(thing)}?")
    return None


_MOVES = {"rise": "risen", "increase": "increased", "fall": "fallen", "drop": "dropped", "climb": "climbed"}
_MOVES |= {
    "grow": "grown",
    "decline": "declined",
    "decrease": "decreased",
    "jump": "jumped",
    "soar": "soared",
}


def unsized(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A measure said to move with no size given ("the death toll has gone up again"): by how much?"""
    if "figure" in names:
        return None
    for t in sent.tokens:
        lemma = t.lemma_.lower()
        up = lemma == "go" and any(c.dep_ == "prt" and c.lower_ in ("up", "down") for c in t.children)
        if t.pos_ != "VERB" or not (lemma in _MOVES or up) or sent.in_quote(t):
            continue
        subj = w.subject(t)
        if subj is None or w.is_pronoun(subj) or subj.lemma_.lower() not in measures():
            continue
        moved = _MOVES.get(lemma) or ("gone " + next(c.lower_ for c in t.children if c.dep_ == "prt"))
        np = w.lower_first(w.phrase(subj, 8), subj)
        return hit("UNSIZED", sent, t.i, f"By how much {w.has_have(subj)} {np} {moved}?")
    return None


def measures() -> frozenset[str]:
    """Nouns for things that are counted or measured ("toll", "price", "rate")."""
    return frozenset(rank.config()["measures"])


def not_yet(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """Something the story says has not happened yet ("the study has not yet been peer-reviewed"): when?"""
    for t in sent.tokens:
        if t.pos_ != "VERB" or t.tag_ != "VBN" or sent.in_quote(t):
            continue
        kids = {c.lower_ for c in t.children}
        if not ({"not", "n't", "n\u2019t"} & kids and "yet" in kids) or "been" not in kids:
            continue
        subj = w.subject(t)
        if subj is None or w.is_pronoun(subj) or subj.dep_ != "nsubjpass":
            continue
        np = w.lower_first(w.phrase(subj, 8), subj)
        if np.endswith("\u2026"):
            continue
        return hit("NOT_YET", sent, t.i, f"When will {np} be {t.lower_}?")
    return None


_SEARCH = frozenset({"search", "look", "hunt", "comb"})


def searching(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A search still going on ("police continue to search for the driver"): has X been found?"""
    for t in sent.tokens:
        if (
            t.lemma_.lower() not in _SEARCH
            or t.pos_ != "VERB"
            or sent.in_quote(t)
            or t.tag_ in ("VBD", "VBN")
            or t.dep_ in ("acl", "relcl")  # "its ability to search for …": no search reported
            or _advice(t)
        ):
            continue
        prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        target = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if target is None or w.is_pronoun(target) or target.lemma_.lower() in ("way", "answer", "solution"):
            continue
        thing = w.phrase(target, 8)
        if thing.endswith("\u2026"):
            continue
        if any(c.dep_ == "nummod" for c in target.children):
            missing = next((c for c in target.children if c.lower_ == "missing"), None)
            thing = w.span_text([x for x in target.subtree if x.i <= target.i or x is missing])
        thing = the_thing(w.lower_first(thing, target))
        has = "have" if target.tag_ in ("NNS", "NNPS") else "has"
        return hit("SEARCH", sent, t.i, f"{w.cap(has)} {thing} been found?")
    return None


def _advice(t: Token) -> bool:
    """A search addressed to the reader or supposed, not reported: "if you're looking for a small car",
    "searching for a job can be stressful" (no one searches: a gerund as the subject)."""
    subj = w.subject(t)
    if subj is None or subj.lower_ in ("you", "we", "i", "one") or t.dep_ in ("csubj", "csubjpass"):
        return True
    return any(
        c.dep_ == "mark" and c.lower_ in ("if", "when", "unless") for x in (t, t.head) for c in x.children
    )


_ASK = frozenset({"ask", "wonder", "question"})
_WH = frozenset({"how", "why", "what", "when", "where", "who", "whether"})


def asked(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A question the story reports but does not answer ("many asked how the dog got out")."""
    for t in sent.tokens:
        if t.lemma_.lower() not in _ASK or t.pos_ != "VERB" or sent.in_quote(t):
            continue
        clause = next((c for c in t.children if c.dep_ in ("ccomp", "xcomp", "advcl")), None)
        if clause is None:
            continue
        wh = next((x for x in clause.subtree if x.lower_ in _WH), None)
        if wh is None or wh.i > clause.left_edge.i + 2:
            continue
        text = w.span_text([x for x in clause.subtree if x.i >= wh.i and x.lower_ not in ("just",)])
        if len(text.split()) < 4 or text.endswith("\u2026"):
            continue
        return hit("ASKED", sent, t.i, f"Can we find out {w.decap(text)}?")
    return None


_HIDDEN = frozenset({"internal", "private", "leaked", "unpublished", "confidential", "secret"})
_PAPERS = frozenset(
    "poll polling survey review report investigation memo document audit data figure study assessment".split()
)


def internal(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A claim resting on an internal or unpublished document: can we see it?"""
    for t in sent.tokens:
        if t.lower_ not in _HIDDEN or t.dep_ != "amod" or sent.in_quote(t):
            continue
        noun = t.head
        if noun.lemma_.lower() not in _PAPERS:
            continue
        return hit("INTERNAL", sent, t.i, f"Can we see the {t.lower_} {noun.lower_}?", noun.i + 1)
    return None


_SOURCES = frozenset("metric measure estimate account report study analysis poll survey".split())


def vague_source(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A claim resting on sources the story does not name ("by some metrics", "some reports say")."""
    for t in sent.tokens:
        if t.lower_ not in ("some", "several", "many", "other", "various") or t.dep_ not in ("det", "amod"):
            continue
        noun = t.head
        if noun.tag_ != "NNS" or noun.lemma_.lower() not in _SOURCES or sent.in_quote(t):
            continue
        if any(
            c.dep_ == "prep" and any(x.ent_type_ in ("ORG", "PERSON") for x in c.subtree)
            for c in noun.children
        ):
            continue  # "some estimates from the central bank": named
        return hit("VAGUE_SOURCE", sent, t.i, f"Whose {noun.lower_} are these?", noun.i + 1)
    return None


_PUT_FORWARD = frozenset({"propose", "offer", "table", "submit", "unveil", "present", "introduce", "draft"})
_PROPOSALS = frozenset(
    "amendment plan proposal package measure deal offer bill motion scheme policy strategy framework".split()
)


def contents(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A proposal put forward but never described ("Russia proposed an amendment"): what was in it?"""
    for t in sent.tokens:
        if t.lemma_.lower() not in _PUT_FORWARD or t.pos_ != "VERB" or sent.in_quote(t):
            continue
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        by = w.subject(t)
        if obj is None or by is None or w.is_pronoun(by) or obj.lemma_.lower() not in _PROPOSALS:
            continue
        if any(c.dep_ in ("acl", "prep", "ccomp") for c in obj.children if c.i > obj.i):
            continue  # "a plan to cut fares", "a proposal on pensions": the story says what it is
        was = "was" if t.tag_ in ("VBD", "VBN") else "is"
        return hit(
            "CONTENTS", sent, t.i, f"What exactly {was} in {w.possessive(w.party(by, 5))} {obj.lower_}?"
        )
    return None


def the_thing(np: str) -> str:
    words = np.split()
    if words[0].lower() in ("a", "an", "his", "her", "their", "its"):
        words[0] = "the"
    elif words[0][:1].islower() and words[0].lower() not in ("the", "this", "these", "those"):
        words.insert(0, "the")
    return " ".join(words)


def next_step(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A charge, hearing, vote or payment the story mentions but leaves without a date or an outcome."""
    if "next_step" not in names:
        return None
    put_off = halted(sent)
    if put_off is not None:
        return put_off
    if sent.has_date:
        return None
    root = next((t for t in sent.tokens if t.dep_ == "ROOT"), None)
    past = root is not None and (
        root.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in root.children)
    )
    if past and not ({"futurity", "negated_knowledge"} & names):
        return None  # "the vote was 13-0": done, nothing left open
    for t in sent.tokens:
        noun = _NEXT_STEP.get(t.lemma_.lower())
        if noun is None or t.pos_ != "NOUN" or sent.in_quote(t):
            continue
        np = w.span_text([x for x in t.subtree if x.i <= t.i])  # "the investigation", not what follows
        if len(np.split()) > 5 or len(np.split()) < 2 or any(is_number(x) for x in t.subtree):
            np = f"the {noun}"
        np = w.lower_first(np, t)
        if not np.lower().startswith(("the ", "a ", "an ", "this ", "its ", "their ", "his ", "her ")):
            np = "the " + np
        np = "the " + np.split(" ", 1)[1] if np.lower().startswith(("a ", "an ")) else np
        return hit("NEXT_STEP", sent, t.i, f"What is the next step in {np}, and when is it due?")
    return None


_HALT = frozenset({"adjourn", "postpone", "delay", "suspend", "defer", "halt", "pause", "stall"})


def halted(sent: Sentence) -> Hit | None:
    """A hearing, a vote or talks put off with no new date ("the hearing was adjourned"): when will it
    resume?"""
    for t in sent.tokens:
        if t.lemma_.lower() not in _HALT or t.pos_ != "VERB" or sent.in_quote(t):
            continue
        if any(c.dep_ == "prep" and c.lower_ in ("until", "till", "to") for c in t.children):
            return None  # "adjourned until 14 March": the date is given
        noun = next((c for c in t.children if c.dep_ in ("nsubjpass", "dobj")), None)
        if noun is None or noun.lemma_.lower() not in _NEXT_STEP and noun.lemma_.lower() not in _EVENTS:
            continue
        return hit("NEXT_STEP", sent, t.i, f"When will the {noun.lower_} resume?")
    return None


_EVENTS = frozenset(
    {"talks", "meeting", "session", "work", "construction", "project", "match", "game", "race"}
)
