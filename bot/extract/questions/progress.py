"""Rules about what is still under way: efforts whose outcome is open, provisional findings, promised
involvement, missed deadlines."""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, Matches, antecedent, hit, speaker
from bot.extract.questions.context import ParsedArticle, Sentence


def effort(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "EFFORT"), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    goal = next(
        (
            t
            for t in doc[s : min(e + 2, sent.span.end)]
            if t.pos_ == "VERB" and t.i >= e - 1 and doc[t.i - 1].lower_ == "to"
        ),
        None,
    )
    if goal is None:
        return None
    vp = w.trim_words(
        w.span_text(
            [
                t
                for t in goal.subtree
                if not t.is_space and not (t.dep_ == "aux" and t.lower_ == "to" and t.head.i == goal.i)
            ]
        ),
        14,
    )
    subj = w.subject(w.content_verb(doc[s]))
    if subj is None or w.is_pronoun(subj) or not w.is_actor(subj, lexicon.words("EFFORT", "actors")):
        return None
    if sent.in_quote(doc[s]) or any(t.tag_ in ("WP", "WDT", "WRB") for t in goal.subtree):
        return None
    np = w.lower_first(w.phrase(subj, 8), subj)
    return hit(
        "EFFORT",
        sent,
        s,
        f"{w.cap(w.has_have(subj))} {np} managed to {vp} yet?",
        e,
    )


_FINDINGS = frozenset({"findings", "results", "report", "assessment", "investigation", "inquiry", "probe"})


def provisional(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    doc = art.doc
    avoid = lexicon.words("PROVISIONAL", "not_after_so_far")
    for rule, s, e in m:
        if rule != "PROVISIONAL":
            continue
        nxt = doc[e] if e < len(doc) else None
        if doc[s].lower_ == "so" and nxt is not None and nxt.lower_ in avoid:
            continue
        if doc[e - 1].lower_ in _FINDINGS:
            verb = w.content_verb(doc[e - 1].head)
            what = w.content_of_speech(verb)
            tail = f" the finding that {w.clause(what, sent.span)}" if what is not None else " this finding"
            return hit(
                rule,
                sent,
                s,
                f"When will the full {doc[e - 1].lower_} be published, and could they change{tail}?",
                e,
            )
        if any(r in ("NO_CLARITY", "PENDING") for r, _, _ in m):
            continue  # "cannot be revealed at this stage": the other rule asks the better question
        verb = doc[s]
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        negated = any(c.dep_ == "neg" for c in verb.children) or any(
            t.lower_ in ("no", "indications", "signs") for t in verb.subtree
        )
        if not negated:
            continue  # "has so far been applied to ...": a running tally, not a provisional finding
        text = w.decap(w.clause(doc[s].head, sent.span, skip=set(range(s, e))))
        cue = w.clean(doc[s:e].text)
        return hit(
            rule,
            sent,
            s,
            f"When will there be a firmer answer than {w.quote(w.trim_words(cue + ', ' + text, 14))}?",
            e,
        )
    return None


def involvement(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    for rule, s, e in m:
        if rule != "INVOLVEMENT":
            continue
        verb = art.doc[e - 1]
        subj = w.subject(verb)
        if subj is None or w.is_pronoun(subj):
            continue
        np = w.lower_first(w.phrase(subj, 8), subj)
        return hit(rule, sent, s, f"How exactly will {np} be {verb.lower_}, and when?", e)
    return None


def missed_deadline(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "MISSED_DEADLINE"), None)
    if cue is None:
        return None
    s, e = cue
    subj = w.subject(art.doc[s])
    if subj is not None and w.is_pronoun(subj):
        subj = antecedent(art, sent, subj)  # "It missed the cut-off date": who "it" is
    if subj is None or w.is_pronoun(subj):
        return hit("MISSED_DEADLINE", sent, s, "Why was the deadline missed, and what happens now?", e)
    np = w.lower_first(w.phrase(subj, 8), subj)
    return hit("MISSED_DEADLINE", sent, s, f"Why did {np} miss the deadline, and what happens now?", e)


_VAGUE_OBJECTS = frozenset({"them", "it", "this", "that", "these", "those"})


def _goal(noun: Token) -> str | None:
    """ "to cut waiting lists by Christmas" from "a promise ... to cut waiting lists by Christmas"."""
    goal = next((c for c in noun.children if c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ == "VERB"), None)
    if goal is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in goal.children):
        return None
    cut = next((c.i for c in goal.children if c.dep_ in ("cc", "conj") and c.i > goal.i), None)
    toks = [t for t in goal.subtree if not t.is_space and (cut is None or t.i < cut)]
    if any(t.lower_ in _VAGUE_OBJECTS and t.dep_ in ("dobj", "pobj") for t in toks):
        return None  # "to cut them": the promise is better quoted from the sentence than half-worded
    return w.trim_words(w.span_text(toks), 14)


def _maker(noun: Token) -> Token | None:
    """Who made the promise: "a promise by the prime minister", "the mayor's pledge"."""
    for c in noun.children:
        if c.dep_ == "poss" and not w.is_pronoun(c):
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None and not w.is_pronoun(pobj):
                return pobj
    return None


def commitment(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    conf = lexicon.rules()["COMMITMENT"]
    nouns = lexicon.words("COMMITMENT", "nouns")
    verbs = lexicon.words("COMMITMENT", "verbs")
    contrast = lexicon.words("COMMITMENT", "contrast")
    missed = lexicon.words("COMMITMENT", "missed")
    stand_by = [tuple(x.split()) for x in conf["stand_by"]]
    low = sent.lemmas
    for k, t in enumerate(sent.tokens):
        if sent.in_quote(t):
            continue
        lemma = low[k]
        # A target, deadline or pledge that will not be met.
        if lemma in nouns and t.dep_ == "nsubjpass" and t.head.lemma_.lower() in missed:
            verb = t.head
            if any(c.dep_ == "neg" for c in verb.children):
                np = w.lower_first(w.phrase(t, 8), t)
                future = any(c.lower_ in ("will", "would", "'ll", "could") for c in verb.children)
                when = "will not be met" if future else "was not met"
                return hit("COMMITMENT", sent, t.i, f"What is the new timetable now that {np} {when}?")
        if t.dep_ != "pobj":
            continue
        prep = t.head
        at = prep.i - sent.span.start
        lemmas = tuple(low[max(0, at - 2) : at + 1])
        words = tuple(x.lower_ for x in sent.tokens[max(0, at - 2) : at + 1])
        stood = any(
            lemmas[-len(p) :] == p or words[-len(p) :] == p or lemmas[:-1][-(len(p) - 1) :] + words[-1:] == p
            for p in stand_by
            if len(p) <= len(lemmas)
        )
        if stood and lemma not in nouns:
            # "remained committed to the scheme": what backs that commitment?
            who = w.subject(prep.head)
            if who is None or w.is_pronoun(who):
                who_text = speaker(art, sent, prep) if who is not None else None
            else:
                who_text = w.party(who)
            if who_text is None:
                continue
            np = w.lower_first(w.phrase(t, 10), t)
            return hit(
                "COMMITMENT",
                sent,
                t.i,
                f"What concrete plan, timetable and money back {w.possessive(who_text)} commitment to {np}?",
            )
        if lemma not in nouns:
            continue
        goal = _goal(t)
        if stood:
            who = w.subject(prep.head)
            party = w.possessive(w.party(who)) if who is not None and not w.is_pronoun(who) else "the"
            noun = t.lower_
            what = f"{party} {noun} {goal}" if goal else f"{party} {noun}"
            return hit("COMMITMENT", sent, t.i, f"What concrete plan and timetable back {what}?")
        if prep.lower_ in contrast and lemma in (
            "promise",
            "pledge",
            "vow",
            "commitment",
            "undertaking",
            "guarantee",
        ):
            maker = _maker(t)
            whose = w.possessive(w.party(maker)) if maker is not None else "the"
            what = f"{whose} {t.lower_} {goal}" if goal else f"{whose} {t.lower_}"
            return hit(
                "COMMITMENT",
                sent,
                t.i,
                f"How does this square with {what}, and will it be kept?",
            )
    for t in sent.tokens:
        if (
            t.lemma_.lower() not in verbs
            or t.pos_ != "VERB"
            or sent.in_quote(t)
            or t.dep_ not in ("ROOT", "conj")
        ):
            continue
        goal_verb = next((c for c in t.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        subj = w.subject(t)
        if (
            goal_verb is None
            or subj is None
            or w.is_pronoun(subj)
            or not w.is_actor(subj, lexicon.words("EFFORT", "actors"))
        ):
            continue
        vp = w.trim_words(
            w.span_text([x for x in goal_verb.subtree if not (x.dep_ == "aux" and x.lower_ == "to")]), 14
        )
        be = "are" if subj.tag_ in ("NNS", "NNPS") else "is"
        return hit(
            "COMMITMENT",
            sent,
            t.i,
            f"{w.cap(be)} {w.party(subj)} on track to {vp}, and what has been done so far?",
        )
    return None
