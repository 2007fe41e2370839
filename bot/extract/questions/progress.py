"""Rules about what is still under way: efforts whose outcome is open, provisional findings, promised
involvement, missed deadlines."""

from __future__ import annotations

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, Matches, hit
from bot.extract.questions.context import Article, Sentence


def effort(art: Article, sent: Sentence, m: Matches) -> Hit | None:
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
        f"{w.cap(w.has_have(subj))} {np} managed to {vp} yet, and when will the outcome be known?",
        e,
    )


_FINDINGS = frozenset({"findings", "results", "report", "assessment", "investigation", "inquiry", "probe"})


def provisional(art: Article, sent: Sentence, m: Matches) -> Hit | None:
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
            f"{w.quote(w.cap(cue))}, {text}: when will there be a firmer answer, and from whom?",
            e,
        )
    return None


def involvement(art: Article, sent: Sentence, m: Matches) -> Hit | None:
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


def missed_deadline(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "MISSED_DEADLINE"), None)
    if cue is None:
        return None
    s, e = cue
    subj = w.subject(art.doc[s])
    if subj is None or w.is_pronoun(subj):
        return hit("MISSED_DEADLINE", sent, s, "Why was the deadline missed, and what happens now?", e)
    np = w.lower_first(w.phrase(subj, 8), subj)
    return hit("MISSED_DEADLINE", sent, s, f"Why did {np} miss the deadline, and what happens now?", e)
