"""Questions worded from a sentence's own actor, figure or thing when no rule asked about it, and the checks
that read the whole article: a response missing from an accused party, figures that disagree, and
questions the story answers elsewhere (issue #13)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from bot.extract.questions import lexicon, rank
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, antecedent, hit
from bot.extract.questions.context import Article, Sentence, is_number
from bot.extract.questions.figures import _figure_words, counts_nothing
from bot.extract.questions.rank import unnamed_speaker

# The rules of the asks worded here (their settings are in questions_cues.json).
ASKS = frozenset(
    {"UNNAMED_GROUP", "NO_REPLY", "OPEN_FIGURE", "OPEN_PLAN", "NEXT_STEP", "ONE_VOICE", "OPEN_ITEMS"}
    | {"UNIDENTIFIED", "CHARGED"}
)
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
_ACCUSE = {
    "accuse": "accusation",
    "allege": "allegation",
    "blame": "blame",
    "criticise": "criticism",
    "criticize": "criticism",
    "condemn": "condemnation",
    "denounce": "condemnation",
    "fault": "criticism",
    "sue": "lawsuit",
}
_ANSWER = frozenset({"say", "deny", "respond", "reply", "reject", "dispute", "defend", "insist", "comment"})
_FUTURE = frozenset({"will", "'ll", "\u2019ll", "shall"})
_DOUBT = frozenset(
    {
        "one_side",
        "approximate",
        "possibility",
        "negated_knowledge",
        "accusation",
        "vague_amount",
        "comparison",
    }
)


def strong_ask(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
    """The ask of a trigger strong on its own (issues the story says are open, someone it cannot name, people
    missing or searched for, an internal document, unnamed estimates, a question the story leaves open, a
    measure moved with no size, an accused party never heard, an event put off with no new date), whatever
    the sentence's score."""
    strong = (
        _open_items,
        _unidentified,
        _missing,
        _searching,
        _internal,
        _vague_source,
        _asked,
        _unsized,
        _not_yet,
    )
    for make in (*strong, _no_response):
        found = make(art, sent, names)
        if found is not None:
            return found
    return _halted(sent) if "next_step" in names else None


Maker = Callable[[Article, Sentence, set[str]], "Hit | None"]


def ask(art: Article, sent: Sentence, names: set[str], last_resort: bool = False) -> Hit | None:
    """The question this sentence's strongest signal asks, worded from the sentence; None to abstain. With
    ``last_resort`` (a weak sentence, asked about only when a story is short of questions) any claim on one
    voice may be asked about."""
    makers: tuple[Maker, ...] = (
        _open_items,
        _unidentified,
        _charged,
        _missing,
        _nobody,
        _not_yet,
        _searching,
    )
    makers += (_asked,)
    makers += (_internal, _vague_source, _group, _no_response, _figure, _unsized, _claim, _plan, _talks)
    makers += (_contents, _next_step)
    if last_resort:
        names = names | {"one_side"}  # to fill a story short of questions, any one-voice claim may be asked
    for make in makers:
        found = make(art, sent, names)
        if found is not None:
            return found
    return None


_OPEN = frozenset({"open", "outstanding", "unresolved", "remaining", "unanswered", "lingering"})


def _open_items(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
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


def _unidentified(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
    """Someone or something the story says it cannot name: "an anonymous caller", "an undisclosed buyer"."""
    for t in sent.tokens:
        if t.lower_ not in _UNIDENTIFIED or t.dep_ != "amod" or t.head.pos_ != "NOUN" or sent.in_quote(t):
            continue
        noun = t.head
        if noun.lemma_.lower() in ("source", "official", "person", "people", "reason", "cause", "number"):
            return None  # anonymous sources have their own rule; "unknown reasons" is no one to find
        return hit("UNIDENTIFIED", sent, t.i, f"Can we identify the {t.lower_} {noun.lower_}?", noun.i + 1)
    return None


def _charged(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
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


def _missing(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
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


def _nobody(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
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


def _talks(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
    """Talks the story reports without their outcome ("travelled to Cairo to discuss a ceasefire")."""
    for t in sent.tokens:
        if t.lemma_.lower() not in _TALK or t.pos_ != "VERB" or sent.in_quote(t):
            continue
        if not (t.dep_ in ("xcomp", "advcl") or t.tag_ in ("VBG", "VBD", "VBZ", "VBP")):
            continue
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        if obj is None or w.is_pronoun(obj):
            continue
        thing = w.lower_first(w.phrase(obj, 10), obj)
        if thing.endswith("\u2026") or len(thing.split()) < 2:
            continue
        return hit("TALKS", sent, t.i, f"What came of the talks on {_the_thing(thing)}?")
    return None


_MOVES = {"rise": "risen", "increase": "increased", "fall": "fallen", "drop": "dropped", "climb": "climbed"}
_MOVES |= {
    "grow": "grown",
    "decline": "declined",
    "decrease": "decreased",
    "jump": "jumped",
    "soar": "soared",
}


def _unsized(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
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


def _not_yet(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
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


def _searching(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
    """A search still going on ("police continue to search for the driver"): has X been found?"""
    for t in sent.tokens:
        if (
            t.lemma_.lower() not in _SEARCH
            or t.pos_ != "VERB"
            or sent.in_quote(t)
            or t.tag_ in ("VBD", "VBN")
            or t.dep_ in ("acl", "relcl")  # "its ability to search for …": no search reported
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
        thing = _the_thing(w.lower_first(thing, target))
        has = "have" if target.tag_ in ("NNS", "NNPS") else "has"
        return hit("SEARCH", sent, t.i, f"{w.cap(has)} {thing} been found?")
    return None


_ASK = frozenset({"ask", "wonder", "question"})
_WH = frozenset({"how", "why", "what", "when", "where", "who", "whether"})


def _asked(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
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


def _internal(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
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


def _vague_source(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
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


def _contents(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
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


def _the_thing(np: str) -> str:
    words = np.split()
    if words[0].lower() in ("a", "an", "his", "her", "their", "its"):
        words[0] = "the"
    elif words[0][:1].islower() and words[0].lower() not in ("the", "this", "these", "those"):
        words.insert(0, "the")
    return " ".join(words)


def _group(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
    """An unnamed group as the speaker: "Which county officials said the search was over?"."""
    t = unnamed_speaker(art, sent)
    if t is None:
        return None
    np = w.phrase(t, 8)
    if len(np.split()) > 6:
        return None
    np = w.lower_first(np, t)
    if t.dep_ == "pobj":  # "according to eight pollsters"
        return hit("UNNAMED_GROUP", sent, t.i, f"Which {_bare(np)} exactly does the story rely on?")
    what = w.content_of_speech(t.head)
    if what is None:
        return None
    clause = _dangling(w.lower_lead(w.clause(what, sent.span, limit=16), sent.span))
    if len(clause.split()) < 3:
        return None
    return hit("UNNAMED_GROUP", sent, t.i, f"Which {_bare(np)} {t.head.text} {w.decap(clause)}?")


_DANGLING = frozenset("not the a an of and or but to in on for with by as that which who".split())


def _dangling(clause: str) -> str:
    """A clause without the function words left hanging where a part of it was cut ("..., not")."""
    words = clause.rstrip(" ,;:").split()
    while len(words) > 3 and words[-1].lower().strip(",") in _DANGLING:
        words = words[:-1]
    return " ".join(words).rstrip(" ,;:")


def _bare(np: str) -> str:
    words = np.split()
    while words and words[0].lower() in ("the", "some", "many", "several", "a", "most", "other"):
        words = words[1:]
    return " ".join(words) or np


def _no_response(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
    """A named party accused or criticised, who answers nowhere in the story: "Has X responded?"."""
    if "accusation" not in names:
        return None
    for t in sent.tokens:
        noun = _ACCUSE.get(t.lemma_.lower())
        if noun is None or t.pos_ != "VERB" or sent.in_quote(t):
            continue
        target = next((c for c in t.children if c.dep_ == "dobj"), None)
        if target is None and t.lemma_.lower() == "blame":
            target = next((c for c in t.children if c.dep_ == "dobj"), None)
        by = w.subject(t)
        if target is None or by is None or w.is_pronoun(target) or not _party(target):
            continue
        if _answers(art, target):
            return None
        who = w.party(target, 6)
        accuser = w.party(by, 6) if not w.is_pronoun(by) else None
        whose = f"{w.possessive(accuser)} {noun}" if accuser else f"the {noun}"
        return hit("NO_REPLY", sent, t.i, f"Has {who} responded to {whose}?")
    return None


def _party(t: Token) -> bool:
    """A named person or body, or an institution named by its common noun ("the council")."""
    return t.ent_type_ in ("PERSON", "ORG") or t.lemma_.lower() in lexicon.words(
        "ANON_LISTED", "institutions"
    )


def _answers(art: Article, target: Token) -> bool:
    """True when the target speaks, denies or responds somewhere in the story."""
    key = target.lemma_.lower()
    for s in art.content:
        for t in s.tokens:
            if t.lemma_.lower() in _ANSWER and t.pos_ == "VERB":
                subj = w.subject(t)
                if subj is not None and subj.lemma_.lower() == key:
                    return True
    return False


def _figure(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
    """An approximate or unsourced figure: who gives it, or how the named source arrived at it."""
    if "figure" not in names or not ({"approximate", "unsourced_figure"} & names):
        return None
    nums = [t for t in sent.tokens if is_number(t) and not sent.in_quote(t) and _worth(t)]
    if not nums:
        return None
    t = nums[0]
    fig = _figure_words(t)
    if len(fig.split()) > 9 or len(fig.split()) < 2 and t.ent_type_ not in ("MONEY", "PERCENT"):
        return None
    if sent.attributed:
        who = _source_of(art, sent)
        if who is None:
            return None
        return hit("OPEN_FIGURE", sent, t.i, f"How did {who} arrive at {w.quote(fig)}?")
    wordings = (f"Who gives the figure of {fig}?", f"Where does the figure of {fig} come from?")
    return hit("OPEN_FIGURE", sent, t.i, wordings)


def _source_of(art: Article, sent: Sentence) -> str | None:
    """Who the sentence's claim is attributed to, when the parse says so (never a guess)."""
    according = next((t for t in sent.tokens if t.lower_ == "according" and not sent.in_quote(t)), None)
    if according is not None:
        found = _according(sent, according)
        return found[1] if found is not None else None
    _, by = w.reported(sent.span, art.speech)
    if by is None:
        return None
    return _voice(by) if not w.is_pronoun(by) else art.quoted_speaker(sent)


def _worth(t: Token) -> bool:
    """A figure worth sourcing: money, a share, or a count above a handful (no years, no ages)."""
    if t.ent_type_ in ("MONEY", "PERCENT"):
        return True
    if counts_nothing(t):
        return False
    digits = t.text.replace(",", "")
    if digits.isdigit():
        return int(digits) >= 10 and not (len(digits) == 4 and 1900 <= int(digits) <= 2100)
    return t.lower_ in ("hundreds", "thousands", "million", "millions", "billion", "dozen", "dozens")


def _plan(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
    """Something that will or is expected to happen, with no date given: when will it?"""
    if not ({"futurity", "plan"} & names) or sent.has_date:
        return None
    for t in sent.tokens:
        if t.lower_ not in _FUTURE and not (t.lower_ == "to" and t.head.dep_ == "xcomp" and t.i > 0):
            continue
        verb = t.head
        if verb.pos_ != "VERB" or sent.in_quote(t):
            continue
        if t.lower_ == "to" and t.doc[t.i - 1].lemma_.lower() not in ("expect", "plan", "set", "due", "aim"):
            continue
        subj = w.subject(verb)
        if subj is not None and w.is_pronoun(subj):
            subj = antecedent(art, sent, subj) or subj
        if subj is None or w.is_pronoun(subj) or subj.lower_ in _FIRST:
            continue
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "prep", "xcomp")), None)
        rest = w.phrase(obj, 8) if obj is not None else ""
        if (
            rest.endswith("\u2026")
            or subj.tag_ not in ("NNP", "NNPS")
            and not any(c.dep_ in ("det", "poss") for c in subj.children)
        ):
            continue  # a phrase cut short, or a bare plural ("passages") the question cannot name
        who = w.party(subj, 6)
        aux = "will"
        q = f"When {aux} {who} {verb.lemma_} {rest}".strip()
        if len(q.split()) > 18 or len(q.split()) < 4:
            continue
        return hit("OPEN_PLAN", sent, verb.i, q + "?")
    return None


_FIRST = frozenset({"i", "we", "you"})


def _next_step(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
    """A charge, hearing, vote or payment the story mentions but leaves without a date or an outcome."""
    if "next_step" not in names:
        return None
    halted = _halted(sent)
    if halted is not None:
        return halted
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


def _claim(art: Article, sent: Sentence, names: set[str]) -> Hit | None:
    """A claim resting on one voice: can anyone else confirm it? A claim with no voice ("it was noted that
    ..."): who says so?"""
    if sent.mostly_quoted or not (_DOUBT & names):
        return None  # "the mayor said the money would pay for 40 buses": routine attribution
    according = next((t for t in sent.tokens if t.lower_ == "according" and not sent.in_quote(t)), None)
    if according is not None:
        found = _according(sent, according)
        if found is None:
            return None
        clause, who = found
        verb = according
    else:
        said, by = w.reported(sent.span, art.speech)
        what = w.content_of_speech(said) if said is not None else None
        if said is None or by is None or what is None or sent.in_quote(what) or not _has_subject(what):
            return None
        verb = said
        if _about_self(what, by) or any(sent.in_quote(x) for x in what.subtree):
            return None  # about the speaker, or in the speaker's own words: an opinion, nothing to confirm
        if sum(x.is_alpha for x in what.subtree) < 3 or any(
            a.dep_ == "relcl" for a in [verb, *verb.ancestors]
        ):
            return None  # "a role that Israel said it opposes": an aside, not the sentence's claim
        clause = w.lower_lead(w.clause(what, sent.span, limit=14), sent.span)
        if by.lower_ == "it" and by.dep_ == "nsubjpass":  # "it was noted that ..."
            return _ok(sent, verb, f"Who {verb.text} that {w.decap(clause)}?", clause)
        who = _voice(by) if not w.is_pronoun(by) else art.quoted_speaker(sent)
    if who is None:
        return None
    subject = w.subject(what) if according is None and what is not None else None
    if subject is not None and subject.text in who.split():
        return None  # "Featherston said Featherston still likes him": the speaker on themselves
    wordings = (
        f"Can anyone besides {who} confirm that {w.decap(clause)}?",
        f"Is there a second source, beyond {who}, for the claim that {w.decap(clause)}?",
        f"What backs up the account of {who} that {w.decap(clause)}?",
    )
    return _ok(sent, verb, wordings, clause)


def _according(sent: Sentence, according: Token) -> tuple[str, str | None] | None:
    """("the claim", "its source") around "according to": the source is the noun or name after "to", the
    claim the clause on the other side of the comma (read from the commas, which survive a bad parse)."""
    toks = sent.tokens
    k = according.i - sent.span.start
    after = [t for t in toks[k + 2 : k + 10]]
    stop = next((j for j, t in enumerate(after) if t.text in (",", ".", ";")), len(after))
    source = [t for t in after[:stop] if not t.is_space]
    if not source:
        return None
    pobj = next((c for c in according.subtree if c.dep_ == "pobj"), None)
    nouns = [t for t in source if t.pos_ in ("PROPN", "NOUN")]
    head = pobj if pobj is not None and pobj in source else (nouns[-1] if nouns else source[-1])
    ids = {t.i for t in source}
    ent = next((e for e in sent.ents if e.start <= head.i < e.end and e.label_ in ("PERSON", "ORG")), None)
    if ent is None and head.lemma_.lower() in _DOCUMENTS | {"story", "article"}:  # "a story by the Observer"
        ent = next((e for e in sent.ents if e.start in ids and e.label_ in ("PERSON", "ORG")), None)
    if ent is None and head.lemma_.lower() in _DOCUMENTS:
        return None  # "according to the latest figures": the figure rules ask about those
    who = w.clean(ent.text) if ent is not None else _voice(head)
    if who is not None and who.lower().startswith(("a ", "an ")):
        who = "the " + who.split(" ", 1)[1]  # "a state television report" -> "the state television report"
    if k <= 1:  # "According to X, the claim."
        rest = [t for t in toks[k + 2 + stop + 1 :] if not t.is_space]
    else:  # "The claim, according to X."
        rest = [t for t in toks[:k] if not t.is_space]
    cut = next((j for j in range(1, len(rest)) if rest[j - 1].text == "," and rest[j].dep_ == "cc"), None)
    rest = rest[: cut - 1] if cut is not None else rest  # "X, and Y": the first claim
    if not rest or not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    return w.lower_lead(w.trim_words(w.span_text(rest), 14), sent.span), who


def _about_self(what: Token, by: Token) -> bool:
    """The reported clause is about the speaker (a personal pronoun or the speaker's own name)."""
    subj = w.subject(what)
    if subj is None:
        return False
    if subj.lower_ in ("i", "we", "he", "she", "they"):
        return True
    return bool({subj.lower_} & {t.lower_ for t in by.subtree if t.pos_ == "PROPN"})


_DOCUMENTS = frozenset(
    "figure datum data report study survey estimate record poll statistic analysis".split()
)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _voice(t: Token) -> str | None:
    """The person or body a claim rests on, short enough to name in a question."""
    if t.pos_ not in ("NOUN", "PROPN") or is_number(t):
        return None  # "89% said": a share of a survey, not a voice
    who = w.party(t, 6)
    return who if len(who.split()) <= 6 and not who.endswith("\u2026") else None


def _ok(sent: Sentence, verb: Token, question: str | tuple[str, ...], clause: str) -> Hit | None:
    if len(clause.split()) < 4 or clause.endswith("\u2026") and len(clause.split()) < 8:
        return None
    return hit("ONE_VOICE", sent, verb.i, question)


_HALT = frozenset({"adjourn", "postpone", "delay", "suspend", "defer", "halt", "pause", "stall"})


def _halted(sent: Sentence) -> Hit | None:
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
