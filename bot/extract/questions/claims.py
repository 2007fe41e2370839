"""Rules about how claims are made: hedges in the reporter's words, unnamed officials, denials, disputes."""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, Matches, hit, name_ask, speaker, the
from bot.extract.questions.context import ParsedArticle, Sentence


def hedge(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    doc = art.doc
    modals = lexicon.words("HEDGE", "modals")
    cue_tok: Token | None = None
    for t in sent.tokens:
        if t.tag_ == "MD" and t.lower_ in modals and t.head.pos_ in ("VERB", "AUX") and not sent.in_quote(t):
            if (
                any(c.dep_ == "neg" for c in t.head.children)
                or t.i + 1 < len(t.doc)
                and t.doc[t.i + 1].dep_ == "neg"
            ):
                continue  # "couldn't handle": inability, not a hedge
            if t.head.dep_ == "relcl" or any(c.lower_ in ("if", "whether") for c in t.head.children):
                continue  # background in a relative clause, or a condition
            if any(
                (c.tag_ in ("WP", "WDT", "WRB") and c.head.dep_ != "relcl") or c.lower_ in ("you", "i", "we")
                for c in t.head.subtree
                if c.i < t.i
            ):
                continue  # "what that could look like", "you might expect": no claim of the story
            cue_tok = t
            break
    if cue_tok is None:
        cue = next(
            (
                (s, e)
                for r, s, e in m
                if r == "HEDGE"
                and not sent.in_quote(doc[s])
                and not (s > 0 and doc[s - 1].lower_ in ("more", "less", "most", "least", "as", "equally"))
            ),
            None,
        )  # "20% more likely to": a comparison of risks, not a hedge
        if cue is None:
            return None
        cue_tok = doc[cue[0]]
    head = w.content_verb(cue_tok)
    steps = 0
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and steps < 4:
        head, steps = head.head, steps + 1
    according = {x.i for t in sent.tokens if t.lower_ == "according" for x in t.subtree}
    text = _own_subject(art, sent, head, w.clause(head, sent.span, skip=according))
    words = text.split()
    if not words or words[0].lower() in modals | {"have", "has", "be", "been"}:
        return None  # no clause left, or it lost its subject ("may have been in the area"): nothing to quote
    if cue_tok.lower_ in ("possible", "potential") and cue_tok.head.lemma_.lower() in _PARTIES:
        # "talks with a potential investor": who is it?
        return Hit(
            "HEDGE",
            w.cap(f"Who is the {cue_tok.lower_} {cue_tok.head.lower_}, and how far have things got?"),
            (cue_tok.i, cue_tok.i + 1),
            False,
        )
    if cue_tok.lower_ in ("possible", "potential"):
        return Hit(
            "HEDGE",
            w.cap(f"Who is behind {w.quote(text)}?"),
            (cue_tok.i, cue_tok.i + 1),
            False,
        )
    return Hit(
        "HEDGE",
        w.cap(f"What is {w.quote(text)} based on?" if sent.attributed else f"Who says {w.decap(text)}?"),
        (cue_tok.i, cue_tok.i + 1),
        False,
    )


_PARTIES = frozenset(
    "investor buyer bidder purchaser candidate partner suitor successor owner backer sponsor donor "
    "acquirer lender tenant replacement".split()
)


def _own_subject(art: ParsedArticle, sent: Sentence, head: Token, text: str) -> str:
    """ "The agency warned that it could run out of money": 'the agency could run out of money'."""
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ not in ("it", "they") or not text.lower().startswith(subj.lower_ + " "):
        return text
    said, said_by = w.reported(sent.span, art.speech)
    if said is None or said_by is None or w.is_pronoun(said_by) or said_by.i > subj.i:
        return text
    if (said_by.tag_ in ("NNS", "NNPS")) != (subj.lower_ == "they"):
        return text
    return f"{w.party(said_by)} {text.split(' ', 1)[1]}"


def unnamed_official(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    nouns = lexicon.words("UNNAMED_OFFICIAL", "nouns")
    for t in sent.tokens:
        if t.lemma_.lower() not in nouns or t.dep_ not in ("nsubj", "nsubjpass") or sent.in_quote(t):
            continue
        det = next((c for c in t.children if c.dep_ in ("det", "nummod")), None)
        if det is None or det.lower_ not in ("a", "an", "one", "another", "two", "three", "several", "some"):
            continue
        if t.head.lemma_.lower() not in art.speech or any(c.dep_ == "appos" for c in t.children):
            continue
        if any(x.ent_type_ == "PERSON" for x in t.subtree):
            continue
        np = the(w.phrase(t, 10, drop_relcl=True))
        return hit(
            "UNNAMED_OFFICIAL",
            sent,
            det.i,
            name_ask(art, sent, np),
            t.i + 1,
        )
    return None


_RECORDS = frozenset(
    "figure datum data report study record statistic evidence document finding audit".split()
)
_BY_AGENT = frozenset({"dispute", "contest", "deny", "reject", "refute", "contradict"})


def dispute(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    verbs = lexicon.words("DISPUTE", "verbs")
    objects = lexicon.words("DISPUTE", "objects")
    dismiss_as = lexicon.words("DISPUTE", "dismiss_as")
    emphatic = lexicon.words("DISPUTE", "emphatic_verbs")
    for t in sent.tokens:
        lemma = t.lemma_.lower()
        if lemma in art.speech and t.pos_ == "VERB" and not sent.in_quote(t):
            found = _dismissed(t, objects, dismiss_as) or _not_true(art, sent, t)
            if found is not None:
                return hit("DISPUTE", sent, t.i, found)
        if t.pos_ != "VERB" or (lemma not in verbs and lemma not in emphatic) or sent.in_quote(t):
            continue
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and t.dep_ in ("conj", "xcomp"):
            subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue  # no one to name as disputing it: a guess would be worse than no question
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        if subj.lemma_.lower() in _RECORDS and obj is not None and not sent.in_quote(obj):
            # "figures published by the audit office contradict his statements": a conflict of record
            a = w.lower_first(w.phrase(subj, 10, drop_relcl=False), subj)
            a = a if a.split()[0] in ("the", "its", "their", "his", "her", "this", "these") else "the " + a
            b = w.lower_first(w.phrase(obj, 8), obj)
            return hit("DISPUTE", sent, t.i, f"Which is right, {a} or {b}?")
        if any(x.lower_ in ("none", "no", "neither", "nobody") for x in subj.subtree):
            continue  # "none of the dissents disputes ...": nobody disputes it
        party = (
            w.lower_first(w.phrase(subj, 8), subj) if subj is not None and not w.is_pronoun(subj) else None
        )
        party = party or speaker(art, sent, t)
        if party is None:
            continue
        content = next((c for c in t.children if c.dep_ == "ccomp"), None)
        if any(c.dep_ == "neg" for c in t.children) or any(
            c.dep_ == "neg" for c in t.head.children if t.dep_ == "conj"
        ):
            continue  # "has not confirmed or denied": no denial
        if lemma in verbs:
            obj = next((c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in objects), None)
            as_ = any(c.lower_ == "as" and any(g.lower_ in dismiss_as for g in c.subtree) for c in t.children)
            agent = t.tag_ == "VBN" and lemma in _BY_AGENT and any(c.dep_ == "agent" for c in t.children)
            if obj is not None or as_ or agent or content is not None:
                if subj is not None and not w.is_pronoun(subj):
                    party = w.party(subj)

                if obj is not None:
                    earlier = earlier_claim(art, sent, obj)
                    if earlier is not None:
                        return hit(
                            "DISPUTE", sent, t.i, f"What evidence does {party} offer against {earlier}?"
                        )
                    what = w.quote(w.lower_first(w.phrase(obj, 16, drop_relcl=False), obj))
                elif content is not None:
                    what = "that " + w.decap(w.clause(content, sent.span))
                else:
                    what = w.quote(w.clause(t, sent.span))
                does = "do" if subj is not None and subj.tag_ in ("NNS", "NNPS") else "does"
                return hit("DISPUTE", sent, t.i, f"On what evidence {does} {party} {lemma} {what}?")
        if lemma in emphatic and content is not None:
            negated = any(c.dep_ == "neg" for c in content.children) or any(
                x.lower_ == "no" and x.dep_ == "det" and _clause_of(x).i == content.i for x in content.subtree
            )
            if negated:
                what = w.clause(content, sent.span)
                what = what[5:] if what.lower().startswith("that ") else what
                whose = (
                    f"{w.possessive(party)} statement"
                    if len(party.split()) <= 3 and " of " not in party
                    else f"the statement by {party}"
                )
                return hit(
                    "DISPUTE",
                    sent,
                    t.i,
                    f"What supports {whose} that {what}?",
                )
    return None


def _dismissed(verb: Token, objects: frozenset[str], words: frozenset[str]) -> str | None:
    """ "Drago said the findings were based on lies": a reported dismissal of a claim or finding."""
    content = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    subj = w.subject(verb)
    if content is None or subj is None or w.is_pronoun(subj):
        return None
    what = next((c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if what is None or what.lemma_.lower() not in objects | {"finding", "result", "conclusion", "allegation"}:
        return None
    word = next((x for x in content.subtree if x.lower_ in words), None)
    if word is None or any(c.dep_ == "neg" for c in content.children):
        return None
    party = w.party(subj)
    np = w.lower_first(w.phrase(what, 10), what)
    verb_word = _present("reject", subj)
    return f"{w.cap(party)} {verb_word} {np} as {word.lower_}: on what evidence?"


_FALSE = frozenset(
    "untrue false wrong incorrect inaccurate nonsense baseless ridiculous absurd rubbish".split()
)
_TRUE = frozenset("true correct accurate right".split())


def _not_true(art: ParsedArticle, sent: Sentence, verb: Token) -> str | None:
    """ "A spokeswoman said that was simply not true": a denial of what the sentence before claimed."""
    content = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    subj = w.subject(verb)
    if content is None or subj is None or w.is_pronoun(subj):
        return None
    what = next((c for c in content.children if c.dep_ == "nsubj"), None)
    if what is None or what.lower_ not in ("that", "this", "it", "these", "those"):
        return None
    comp = next((c for c in content.children if c.dep_ in ("acomp", "attr")), None)
    negated = any(c.dep_ == "neg" for c in content.children) or (
        comp is not None and any(c.dep_ == "neg" for c in comp.children)
    )
    if comp is None or not (comp.lower_ in _FALSE and not negated or comp.lower_ in _TRUE and negated):
        return None
    claim = prior_claim(art, sent, "claim")
    if claim is None:
        return None
    return f"What evidence does {w.party(subj)} offer against {claim}?"


def _present(lemma: str, subj: Token | None) -> str:
    """ "denies", "reject": the dispute verb in the present, agreeing with its subject."""
    if subj is not None and (subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("they", "we")):
        return lemma
    if lemma.endswith("y"):
        return lemma[:-1] + "ies"
    return lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")


_CLAIM_NOUNS = frozenset(
    "claim allegation accusation report charge statement account assertion suggestion figure finding".split()
)
_CLAIM_VERBS = frozenset({"accuse", "claim", "allege", "suggest", "say", "charge", "argue", "report"})


def earlier_claim(art: ParsedArticle, sent: Sentence, obj: Token) -> str | None:
    """ "rejected the accusation" right after "X accused the authority of hiding the cost":
    "X’s accusation of hiding the cost", so the question says what is disputed."""
    det = [c for c in obj.children if c.dep_ not in ("det", "punct")]
    if (
        det
        or obj.lemma_.lower() not in _CLAIM_NOUNS
        or obj.tag_ not in ("NN", "NNS")
        or not any(c.lower_ in ("the", "this", "that", "these") for c in obj.children)
    ):
        return None
    return prior_claim(art, sent, obj.lower_)


def prior_claim(art: ParsedArticle, sent: Sentence, noun: str) -> str | None:
    """What the sentence before claimed, as "<who>’s <noun> that/of ..." (None when it made no claim)."""
    prev = art.before(sent)
    if prev is None:
        return None
    for v in prev.tokens:
        if v.lemma_.lower() not in _CLAIM_VERBS or v.pos_ != "VERB" or prev.in_quote(v):
            continue
        who = w.subject(v)
        if who is None or w.is_pronoun(who):
            continue
        whose = w.possessive(w.party(who, 6))
        if whose.startswith(("a ", "an ")):
            whose = "the " + whose.split(" ", 1)[1]
        if v.lemma_.lower() == "accuse":
            near = list(v.children) + [x for c in v.children if c.dep_ == "dobj" for x in c.children]
            of = next((c for c in near if c.dep_ == "prep" and c.lower_ == "of"), None)
            act = (
                next((c for c in of.children if c.dep_ in ("pcomp", "pobj")), None)
                if of is not None
                else None
            )
            if act is None:
                continue
            return f"{whose} {noun} of {w.trim_words(w.span_text(list(act.subtree)), 12)}"
        content = w.content_of_speech(v)
        if content is not None:
            but = {
                x.i
                for c in content.children
                if c.dep_ == "conj" and any(b.lower_ == "but" and b.i < c.i for b in content.children)
                for x in c.subtree
            } | {c.i for c in content.children if c.lower_ == "but"}
            return f"{whose} {noun} that {w.decap(w.clause(content, prev.span, skip=but, limit=20))}"
    return None


_NOMINAL = frozenset({"attr", "dobj", "nsubj", "nsubjpass", "pobj", "compound", "amod", "det"})


def _clause_of(t: Token) -> Token:
    """The verb whose clause ``t`` stands in."""
    steps = 0
    while (t.pos_ not in ("VERB", "AUX") or t.dep_ in _NOMINAL) and t.head.i != t.i and steps < 6:
        t, steps = t.head, steps + 1
    return t


def contrast_claims(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    markers = lexicon.words("CONTRAST_CLAIMS", "markers")
    verbs = lexicon.words("CONTRAST_CLAIMS", "verbs")
    if not any(t.lower_ in markers for t in sent.tokens):
        return None
    parties: list[Token] = []
    for t in sent.tokens:
        if t.lemma_.lower() in verbs and t.pos_ == "VERB" and not sent.in_quote(t):
            subj = w.subject(t)
            if subj is not None and not w.is_pronoun(subj) and subj.i not in [p.i for p in parties]:
                parties.append(subj)
    if len(parties) < 2 or parties[0].lemma_ == parties[1].lemma_:
        return None
    a, b = (w.lower_first(w.phrase(p, 6, drop_relcl=True), p) for p in parties[:2])
    return hit(
        "CONTRAST_CLAIMS",
        sent,
        parties[1].i,
        f"Which account does the record support, {w.possessive(a)} or {w.possessive(b)}?",
    )
