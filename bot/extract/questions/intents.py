"""Stated aims whose outcome the story leaves open (issue #13): an actor who tries, hopes, plans or seeks to
do something, or says it is "open to" it, and the story never says whether it came about.

Read from the parse, not from phrases: an intent verb with an infinitive complement (``xcomp``: "the council
is trying to secure funding"), or the adjective "open" with "to" and a gerund ("she is open to approving a
narrower bill"). The question names the actor and the action: "Has the council managed to secure funding
for the shelter?", "What would it take for the governor to approve a narrower bill?". It abstains when the
actor is unnamed or the speaker (I, we), when the aim is negated, in a relative clause or reported as over
("he tried to flee"), when the action is inside quotation marks, or when it cannot be worded in a few words.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, antecedent, hit
from bot.extract.questions.context import ParsedArticle, Sentence
from bot.wordlists import words as wordlist

# The intent verb -> the noun for the aim, used by the second wording ("What came of the council's bid …").
_TRY = {"try": "attempt", "attempt": "attempt", "seek": "bid", "strive": "effort", "work": "effort"}
_HOPE = {"hope": "hope", "aim": "aim"}
_PLAN = {"plan": "plan", "intend": "plan", "promise": "promise", "pledge": "pledge", "vow": "pledge"}
_KEEP = frozenset({"dobj", "prt", "dative", "attr", "acomp", "oprd", "prep"})
_FIRST = frozenset({"i", "we", "you", "me", "us"})
_NEG = frozenset({"not", "n't", "n\u2019t", "never"})
MAX_ACTION = 11


def _inflections(base: str) -> tuple[str, ...]:
    stem = base[:-1] if base.endswith("e") else base
    return (base, base + "s", stem + "ed", stem + "ing")


# The tagger's lemma can miss ("hoped" -> "hop"): the forms of each intent verb are read here as well.
_FORMS = {form: base for base in (*_TRY, *_HOPE, *_PLAN) for form in _inflections(base)}
_FORMS.update({"tried": "try", "tries": "try", "sought": "seek", "planned": "plan", "planning": "plan"})
_INTENT_WORDS = frozenset({*_FORMS, "open"})


def intent(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A named actor's aim whose outcome the story does not give: has it come about?"""
    if not sent.word_forms & _INTENT_WORDS:
        return None
    for t in sent.tokens:
        lemma = _FORMS.get(t.lower_, t.lemma_.lower())
        if lemma in _TRY or lemma in _HOPE or lemma in _PLAN:
            if t.pos_ != "VERB" or t.tag_ == "VBN" and not any(c.dep_ == "aux" for c in t.children):
                continue  # "the planned procurement": no actor's aim
            if lemma not in _HOPE and t.tag_ == "VBD" or lemma in _PLAN and sent.has_date:
                continue  # "he tried to flee", "she planned to visit on Friday": over, or dated
            action = next((c for c in t.children if c.dep_ == "xcomp" and _infinitive(c)), None)
            noun = _TRY.get(lemma) or _HOPE.get(lemma) or _PLAN[lemma]
        elif lemma == "open" and t.pos_ == "ADJ":
            to = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            action = next((c for c in to.children if c.tag_ == "VBG"), None) if to is not None else None
            noun = "offer"
        else:
            continue
        if action is None or _negated(t) or sent.in_quote(action) or _aside(t):
            continue
        who, plural = _actor(art, sent, t)
        what = _action(action)
        if who is None or what is None:
            continue
        has = "Have" if plural else "Has"
        if noun == "offer":  # "open to signing it": the condition is the open point, not the outcome
            wordings = (f"What would it take for {who} to {what}?", f"On what terms would {who} {what}?")
        elif lemma in _PLAN:
            wordings = (f"Has a date been set for {who} to {what}?", f"When will {who} {what}?")
        else:
            wordings = (
                f"{has} {who} managed to {what}?",
                f"What came of {w.possessive(who)} {noun} to {what}?",
            )
        return hit("INTENT", sent, t.i, wordings)
    return None


def _infinitive(t: Token) -> bool:
    """ "to secure …": a verb with its own "to" ("try doing things" is advice, not an aim)."""
    return t.pos_ in ("VERB", "AUX") and t.tag_ == "VB" and any(c.lower_ == "to" for c in t.children)


def _aside(t: Token) -> bool:
    """The aim sits in a relative clause or modifier ("firefighters who were trying to …"): a detail of
    someone else's story, not a step the story follows."""
    return any(x.dep_ in ("relcl", "acl", "amod", "advcl", "pcomp") for x in [t, *t.ancestors])


def _negated(t: Token) -> bool:
    """ "did not try to", "has never sought to": no aim to follow up."""
    return any(c.dep_ == "neg" or c.lower_ in _NEG for c in t.children)


def _actor(art: ParsedArticle, sent: Sentence, verb: Token) -> tuple[str | None, bool]:
    """Who holds the aim, as the question names them, and whether they are plural. A pronoun is the
    speaker of the reporting verb ("the company said it plans to …") or the subject of the sentence before;
    an unnamed bare noun ("officials") or the speaker (I, we) abstains."""
    spoke = None
    holder = verb.head if verb.pos_ == "ADJ" else verb  # "she was open to": the subject of "was"
    subj = next((c for c in holder.children if c.dep_ == "nsubj"), None)  # its own, not one climbed to
    if subj is None or subj.lower_ in _FIRST:
        return None, False
    if w.is_pronoun(subj):
        said = next((a for a in verb.ancestors if a.lemma_.lower() in art.speech and a.pos_ == "VERB"), None)
        by = w.subject(said) if said is not None else None
        if by is not None and not w.is_pronoun(by) and _same_number(by, subj):
            subj = spoke = by  # someone who speaks for themselves can hold an aim
        else:
            subj = antecedent(art, sent, subj) or subj
    if subj.lower_ in ("he", "she"):
        person = _last_person(art, subj)
        return (person, False) if person is not None and not sent.in_quote(subj) else (None, False)
    inside = sent.span.start <= subj.i < sent.span.end  # the sentence before's subject, for "it"/"they"
    if w.is_pronoun(subj) or subj.lower_ in _FIRST or inside and sent.in_quote(subj):
        return None, False
    named = subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
    determined = any(c.dep_ in ("det", "poss") for c in subj.children)
    if not (named or determined and (is_agent(subj) or subj.pos_ == "NUM" or subj is spoke)):
        return None, False  # "officials hope to …", "the plan aims to …": no one the desk can ask
    who = w.party(subj, 6)
    if any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children) and not who.lower().startswith(
        "the "
    ):
        who = "the " + who  # "the UN": the name keeps its article
    if who.endswith("\u2026") or len(who.split()) > 6:
        return None, False
    plural = subj.tag_ in ("NNS", "NNPS", "CD") or any(c.dep_ == "conj" for c in subj.children)
    return who, plural


def is_agent(t: Token) -> bool:
    """A body or a kind of person that can hold an aim ("the council", "the researchers", "the farmers"),
    not a thing ("the plan", "the earbuds")."""
    low, lemma = t.lower_, t.lemma_.lower()
    nouns = lexicon.words("ANON_LISTED", "institutions") | lexicon.words("UNNAMED_OFFICIAL", "nouns")
    return lemma in nouns or lemma in wordlist("questions_agents") or low in wordlist("anon_lay_nouns")


def _last_person(art: ParsedArticle, pron: Token) -> str | None:
    """ "he" or "she": the person the sentence before is about (the subject of its main verb, when that is a
    named person); None otherwise (no guess between the people named before)."""
    sent = art.sentence_at[pron.i]
    prev = art.before(sent) if sent is not None else None
    root = next((t for t in prev.tokens if t.dep_ == "ROOT"), None) if prev is not None else None
    subj = w.subject(root) if root is not None else None
    if subj is None or subj.ent_type_ != "PERSON":
        return None
    ent = next((e for e in prev.span.ents if e.start <= subj.i < e.end), None) if prev is not None else None
    return w.clean(ent.text) if ent is not None else None


def _same_number(a: Token, pron: Token) -> bool:
    return (pron.lower_ == "they") == (a.tag_ in ("NNS", "NNPS") or a.ent_type_ in ("NORP",)) or (
        pron.lower_ in ("it", "he", "she") and a.tag_ in ("NNP", "NN")
    )


def _action(verb: Token, base: bool = False) -> str | None:
    """The action from "to secure funding through other means or find …": "secure funding through other
    means", the verb (in its base form for a gerund or with ``base``) with its object and particles,
    without coordinated verbs, clauses or asides."""
    words = [verb.lemma_ if base or verb.tag_ == "VBG" else verb.text]
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ not in _KEEP:
            break
        if (
            c.dep_ == "prep"
            and len(words) > 1
            and c.lower_ not in ("with", "for", "to", "on", "into", "from")
        ):
            break  # "reach a deal with X at the summit in May": the first complement is enough
        words.append(w.phrase(c, 8))
    text = " ".join(words)
    if len(words) < 2 or text.endswith("\u2026") or len(text.split()) > MAX_ACTION:
        return None
    return text


# --- Steps still not taken, calls and demands with no answer, an account changed since (issue #13) ---

_CALL = {"call": "call", "push": "push", "press": "push", "appeal": "appeal"}
_DEMAND = {"demand": "demand", "request": "request", "urge": "call"}
_NOT_ASKED = frozenset({"anonymity", "name", "comment", "privacy"})  # "requested anonymity": a source's terms
_FIRST_ACCOUNT = frozenset({"initially", "originally"})
_CALL_WORDS = frozenset({*_CALL, *_DEMAND})


def still_not(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A step a named actor has still not taken, in the active voice ("the district attorney still hasn't
    requested the footage"): will they? (The passive "has not yet been reviewed" is events.not_yet.)"""
    if not sent.word_forms & {"still", "yet"}:
        return None
    for t in sent.tokens:
        if t.pos_ != "VERB" or t.tag_ != "VBN" or sent.in_quote(t) or _aside(t):
            continue
        kids = {c.lower_ for c in t.children}
        if not (_NEG & kids and {"still", "yet"} & kids) or any(c.dep_ == "nsubjpass" for c in t.children):
            continue
        who, plural = _actor(art, sent, t)
        what = _action(t, base=True)
        if who is None or what is None:
            continue
        has = "have" if plural else "has"
        return hit("STILL_NOT", sent, t.i, (f"Will {who} {what}?", f"Why {has} {who} not {_action(t)}?"))
    return None


def unanswered_call(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A named actor's call or demand the story never answers: "Has the statue been returned?", "Has anyone
    acted on the union's call for an independent inquiry?"."""
    if not sent.word_forms & _CALL_WORDS:
        return None
    for t in sent.tokens:
        lemma = t.lemma_.lower()
        if t.pos_ != "VERB" or sent.in_quote(t) or _aside(t) or _negated(t) or t.tag_ in ("VBG", "VB"):
            continue
        if lemma in _CALL:
            wanted = _called_for(t)
            noun = _CALL[lemma]
        elif lemma in _DEMAND:
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            wanted = obj if obj is not None and obj.pos_ == "NOUN" and obj.lemma_ not in _NOT_ASKED else None
            noun = _DEMAND[lemma]
        else:
            continue
        who, _ = _actor(art, sent, t)  # a body or person that calls, not "recipes call for cream"
        if wanted is None or who is None or any(c.dep_ == "nsubjpass" for c in t.children):
            continue  # "he was called for a foul": no call at all
        if wanted.tag_ == "VBN":  # "called for the statue to be returned"
            subj = next(c for c in wanted.children if c.dep_ == "nsubjpass")
            thing = w.lower_first(w.phrase(subj, 8), subj)
            if thing.endswith("\u2026") or w.is_pronoun(subj):
                continue
            be = "Have" if subj.tag_ in ("NNS", "NNPS") else "Has"
            question: tuple[str, ...] = (f"{be} {thing} been {wanted.text}?",)
        else:
            thing = _short_np(wanted)
            if thing.endswith("\u2026") or w.is_pronoun(wanted):
                continue
            question = (
                f"Has anyone acted on {w.possessive(who)} {noun} for {w.decap(thing)}?",
                f"Who has answered {w.possessive(who)} {noun} for {w.decap(thing)}?",
            )
        return hit("UNANSWERED_CALL", sent, t.i, question)
    return None


def _short_np(t: Token) -> str:
    """The noun phrase, or when that runs long its head with the first of its complements: "an
    investigation into allegations" from "an investigation into allegations of the killing of …"."""
    full = w.phrase(t, 8)
    if not full.endswith("\u2026"):
        return full
    left = [x for c in t.lefts for x in c.subtree]
    prep = next((c for c in t.rights if c.dep_ == "prep"), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    tail = (
        [prep, *(x for c in obj.lefts for x in c.subtree), obj]
        if prep is not None and obj is not None
        else []
    )
    return w.span_text([*left, t, *tail])


def _called_for(verb: Token) -> Token | None:
    """What is called for: the object of "for", or the passive clause after it ("for X to be done")."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            obj = next((x for x in c.children if x.dep_ == "pobj" and x.pos_ == "NOUN"), None)
            if obj is not None:
                return obj
        if c.tag_ == "VBN" and c.dep_ in ("advcl", "ccomp", "xcomp"):
            kids = list(c.children)
            if any(x.lower_ == "for" for x in [*kids, *(k for x in kids for k in x.children)]) or any(
                x.lower_ == "for" for x in verb.children
            ):
                if any(x.dep_ == "nsubjpass" for x in kids) and any(x.dep_ == "auxpass" for x in kids):
                    return c
    return None


def changed_account(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """An account the story marks as a first version ("police initially said the driver swerved"): does
    the speaker still stand by it?"""
    if not sent.word_forms & _FIRST_ACCOUNT:
        return None
    for t in sent.tokens:
        if t.lemma_.lower() not in art.speech or t.pos_ != "VERB" or sent.in_quote(t):
            continue
        if not any(c.dep_ == "advmod" and c.lower_ in _FIRST_ACCOUNT for c in t.children):
            continue
        subj = w.subject(t)
        what = w.content_of_speech(t)
        if subj is None or w.is_pronoun(subj) or what is None or w.embedded_question(what):
            continue
        who = w.party(subj, 6)
        clause = w.lower_lead(w.clause(what, sent.span, limit=14), sent.span)
        if who.endswith("\u2026") or len(clause.split()) < 3 or clause.endswith("\u2026"):
            continue
        do = "Do" if subj.tag_ in ("NNS", "NNPS") or subj.lower_ == "police" else "Does"
        return hit(
            "CHANGED_ACCOUNT",
            sent,
            t.i,
            (f"{do} {who} still say {w.decap(clause)}?", f"What is {w.possessive(who)} account now?"),
        )
    return None


_HELD = frozenset({"arrest", "detain"})


def uncharged(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """Someone arrested, detained or held in custody, in a story that never says they were charged: "Has the
    man been charged?". Abstains when "charge" appears anywhere in the story (events.charged asks what
    with)."""
    if not sent.word_forms & {"arrest", "detain", "custody"} or _mentions_charge(art):
        return None
    for t in sent.tokens:
        if sent.in_quote(t) or _negated(t):
            continue
        if t.lemma_.lower() in _HELD and t.pos_ == "VERB" and t.tag_ == "VBN":
            subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
        elif t.lower_ == "custody" and t.head.lower_ == "in" and t.head.head.lemma_ in ("be", "remain"):
            subj = next((c for c in t.head.head.children if c.dep_ == "nsubj"), None)
        else:
            continue
        if (
            subj is None
            or w.is_pronoun(subj)
            or not (subj.tag_ == "NN" and not subj.ent_type_ or _person(subj))
        ):
            continue  # one person, named or described; not a place read as one ("LONDON (AP) —"), not a crowd
        who = w.party(subj, 6)
        if who.endswith("\u2026"):
            continue
        if who.lower().startswith(("a ", "an ", "one ")):
            who = "the " + who.split(" ", 1)[1]
        return hit("UNCHARGED", sent, t.i, (f"Has {who} been charged?", f"Will {who} face charges?"))
    return None


def _person(t: Token) -> bool:
    return t.tag_ == "NNP" and t.ent_type_ == "PERSON"


def _mentions_charge(art: ParsedArticle) -> bool:
    found = art.__dict__.get("_mentions_charge")
    if found is None:
        found = art.__dict__["_mentions_charge"] = any(
            t.lemma_.lower() == "charge" and t.pos_ in ("VERB", "NOUN") for t in art.doc
        )
    return bool(found)
