"""Rules about what is still unsourced or open: evidence, pending decisions, hearsay (anonymity and
attribution are in anonymity.py).

Each looks at one sentence with the cue matches found in it and may return one Hit, worded from the
sentence's own subject and object (wording.py).
"""

from __future__ import annotations

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, Matches, hit, speaker
from bot.extract.questions.claims import earlier_claim
from bot.extract.questions.context import ParsedArticle, Sentence


def no_evidence(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    doc = art.doc
    for rule, s, e in m:
        if rule != "NO_EVIDENCE":
            continue
        if doc[s].lower_ == "without":
            verb = w.content_verb(doc[s].head)
            claim = w.content_of_speech(verb) if verb.lemma_.lower() in art.speech else None
            subj = w.subject(verb)
            who = (
                w.lower_first(w.phrase(subj, 8), subj)
                if subj is not None and not w.is_pronoun(subj)
                else None
            )
            what = claim if claim is not None else verb
            text = w.decap(w.clause(what, sent.span, skip={t.i for t in doc[s].subtree}))
            if len(text.split()) < 3:
                return None
            lead = f"{who} gave no evidence that" if who else "No evidence is given that"
            return hit(rule, sent, s, f"{lead} {text}. Can we ask for it, or check it independently?", e)
        verified = any(t.lower_ in ("verified", "confirmed", "corroborated") for t in doc[s:e])
        subj = w.subject(w.content_verb(doc[e - 1]))
        if verified and subj is not None and not w.is_pronoun(subj):
            np = earlier_claim(art, sent, subj) or w.lower_first(w.phrase(subj, 10), subj)
            return hit(
                rule, sent, s, f"Who else can confirm {np}? Is there an independent source or document?", e
            )
        text = w.clause(doc[s], sent.span, skip=set(range(s, e)))
        if len(text.split()) < 3:
            return None
        return hit(
            rule,
            sent,
            s,
            f"What evidence is there for {w.quote(text)}?",
            e,
        )
    return None


def pending(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "PENDING"), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    if doc[e - 1].lower_ in ("investigation", "inquiry", "scrutiny") and doc[s].lower_ == "under":
        if doc[s].head.dep_ == "relcl":
            return None  # background about something else ("a unit that was under investigation")
        subj = w.subject(doc[s].head)
        if subj is not None and not w.is_pronoun(subj):
            np = w.lower_first(w.phrase(subj, 10), subj)
            return hit("PENDING", sent, s, f"Who is investigating {np}, and when are findings expected?", e)
    if doc[e - 2].lower_ == "to" and doc[e - 3].lower_ == "yet":
        subj = w.subject(doc[s])
        if subj is not None and not w.is_pronoun(subj):
            goal = doc[e - 1]
            vp = w.trim_words(w.span_text([t for t in goal.subtree if t.i >= goal.i]), 12)
            np = w.lower_first(w.phrase(subj, 8), subj)
            return hit("PENDING", sent, s, f"When will {np} {vp}, and what is holding it up?", e)
    if doc[s].lower_ == "pending" and (doc[s].tag_ == "IN" or doc[s].dep_ == "prep"):
        # "blocks the law pending appeal": the preposition names what is still to come.
        pobj = next((c for c in doc[s].children if c.dep_ == "pobj"), None)
        if pobj is None and s + 1 < len(doc) and doc[s + 1].pos_ == "NOUN":
            pobj = doc[s + 1]
        if pobj is None:
            return None
        np = w.phrase(pobj, 8)
        first = np.split(" ", 1)[0].lower()
        if first in ("a", "an") and " " in np:
            np = "the " + np.split(" ", 1)[1]
        elif first not in ("the", "its", "their", "his", "her"):
            np = "the " + np
        return hit("PENDING", sent, s, f"What is the timetable for {w.decap(np)}, and who decides it?", e)
    if doc[e - 1].lower_ in (
        "made",
        "taken",
        "reached",
        "announced",
        "signed",
        "set",
        "scheduled",
        "fixed",
        "laid",
        "filed",
        "brought",
    ):
        subj = w.subject(doc[e - 1])
        if subj is None or subj.lemma_.lower() not in lexicon.words("PENDING", "decision_nouns"):
            return None  # "has not been made" only about a decision or a deal
        if doc[e - 1].lower_ in ("set", "scheduled", "fixed", "laid", "filed", "brought", "made") and (
            doc[e - 1].lower_ in ("set", "scheduled", "fixed") or subj.lemma_.lower() in ("charge", "arrest")
        ):
            np = w.lower_first(w.phrase(subj, 10), subj)
            first = np.split(" ", 1)[0].lower()
            if first in ("a", "an", "no") and " " in np:
                article = "" if subj.tag_ == "NNS" else "a "
                np = (article if first == "no" else "the ") + np.split(" ", 1)[1]  # "No date has been set"
            for_ = next((c for c in doc[e - 1].children if c.dep_ == "prep" and c.lower_ == "for"), None)
            if for_ is not None:
                np += " " + w.trim_words(w.span_text(list(for_.subtree)), 8)
            them = "them" if subj.tag_ == "NNS" else "it"
            return hit(
                "PENDING",
                sent,
                s,
                f"When will {np} be {doc[e - 1].lower_}, and what is holding {them} up?",
                e,
            )
    if sent.has_date and any(t.lower_ in ("expected", "due", "scheduled", "set") for t in doc[s:e]):
        return None  # a decision expected on a given day is scheduled, not open
    decision = next((t for t in sent.tokens if t.lemma_.lower() == "decision"), None)
    if decision is not None and not sent.in_quote(decision):
        np = w.lower_first(w.phrase(decision, 16))
        if len(np.split()) > 2:
            return hit("PENDING", sent, s, f"When will {np} be made, and who takes it?", e)
        verb = w.content_verb(decision.head if decision.dep_ != "ROOT" else decision)
        while verb.dep_ in ("pcomp", "pobj", "prep") and verb.head.i != verb.i:
            verb = verb.head
        on = next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "about", "over")), None
        )
        if on is not None and decision.dep_ in ("nsubj", "nsubjpass") and on.i > decision.i:
            # "no decision had been taken on its cost": a decision on its cost
            topic = w.trim_words(w.span_text(list(on.subtree)), 10)
            return hit("PENDING", sent, s, f"When will a decision {topic} be taken, and by whom?", e)
        text = w.clause(
            verb,
            sent.span,
            skip={t.i for t in doc[s:e]}
            | {t.i for t in doc[s].subtree if t.i >= s and doc[s].dep_ == "prep"},
        )
        return hit(
            "PENDING",
            sent,
            s,
            f"When will the final decision be taken, and by whom? The story says only {w.quote(text)}.",
            e,
        )
    talks = next(
        (t for t in doc[s:e] if t.lemma_.lower() in ("talk", "meeting", "negotiation", "discussion")), None
    )
    if talks is not None:
        with_ = next((c for c in talks.children if c.dep_ == "prep" and c.lower_ == "with"), None)
        party = ""
        if with_ is not None:
            pobj = next((c for c in with_.children if c.dep_ == "pobj"), None)
            party = f" with {w.phrase(pobj, 6)}" if pobj is not None else ""
        return hit(
            "PENDING",
            sent,
            s,
            f"What has come out of the {talks.lower_}{party}, and when is an agreement expected?",
            e,
        )
    if doc[e - 1].lower_ in ("awaited", "pending", "awaiting") and (
        doc[e - 1].dep_ in ("amod", "acl") or doc[e - 2].text == "-"
    ):
        return None  # "the long-awaited signing": it has happened
    if doc[e - 1].lower_ in ("awaited", "pending", "awaiting"):
        subj = w.subject(doc[e - 1])
        if subj is not None and not w.is_pronoun(subj) and subj.i < s:
            np = w.lower_first(w.phrase(subj, 8), subj)
            be = "are" if subj.tag_ in ("NNS", "NNPS") else "is"
            if doc[e - 1].lower_ == "pending":
                return hit("PENDING", sent, s, f"When will {np} be resolved, and who decides?", e)
            return hit("PENDING", sent, s, f"When {be} {np} expected, and from whom?", e)
    head = w.content_verb(doc[e - 1])
    subj = w.subject(head)
    if subj is not None and subj.lower_ in ("it", "they") and sent.attributed:
        _, said_by = w.reported(sent.span, art.speech)  # "Labour said it had not decided": Labour
        subj = said_by if said_by is not None and said_by.i < subj.i and not w.is_pronoun(said_by) else subj
    done = doc[e - 1].lower_
    if (
        subj is not None
        and not w.is_pronoun(subj)
        and done
        in (
            "decided",
            "finalised",
            "finalized",
            "approved",
            "agreed",
            "settled",
            "resolved",
            "complete",
            "completed",
            "determined",
            "concluded",
        )
    ):
        np = w.lower_first(w.phrase(subj, 10), subj)
        verb = doc[e - 1]
        if (
            verb.tag_ == "VBN"
            and not any(c.dep_ == "auxpass" for c in verb.children)
            and verb.lemma_ == "decide"
        ):
            # Active: "the cabinet has not decided whether to ..." - the subject decides, it is not decided.
            rest = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "prep", "dobj") and c.i > verb.i]
            what = w.span_text([t for c in rest for t in c.subtree]) if rest else ""
            what = what.replace(" would ", " will ")
            tail = f" {w.trim_words(what, 14)}" if what else ""
            return hit("PENDING", sent, s, f"When will {np} decide{tail}, and what are the options?", e)
        return hit("PENDING", sent, s, f"When will {np} be {done}, and who makes the call?", e)
    if subj is not None and not w.is_pronoun(subj) and subj.i < s:
        np = w.lower_first(w.phrase(subj, 8), subj)
        return hit("PENDING", sent, s, f"Who will decide {np}, and by when?", e)
    text = w.clause(doc[s], sent.span)
    if not text.split() or len(text.split()) > 16 or text.lower().startswith(doc[s].lower_) or "[" in text:
        return None  # nothing, too long to quote, or only the cue's own phrase ("undecided about …"): no ask
    if text.split()[0].lower() in ("this", "it", "that", "they", "these", "those"):
        return None  # "this has to be finalized": no thing named to ask about
    found = hit(
        "PENDING",
        sent,
        s,
        f"What exactly is still to be decided in {w.quote(text)}, and by when?",
        e,
    )
    found.generic = True
    return found


def hearsay(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "HEARSAY"), None)
    if cue is None:
        return None
    s, e = cue
    who = speaker(art, sent, art.doc[s]) or "the speaker"
    return hit(
        "HEARSAY",
        sent,
        s,
        f"What exactly has {who} heard, and from whom?",
        e,
    )
