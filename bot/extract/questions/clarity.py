"""Rules about what a story leaves unclear or unsaid: unclear points, no response, what is not public or
withheld (vague times, amounts and expectations are in vagueness.py)."""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, Matches, antecedent, hit, speaker
from bot.extract.questions.context import ParsedArticle, Sentence


def _wh_clause(wh: Token, sent: Sentence) -> str | None:
    """'how many people were hurt' from its wh-word: the clause the word opens, if it has a verb."""
    verb = wh
    steps = 0
    while (verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("amod", "advmod")) and verb.head.i != verb.i:
        verb, steps = verb.head, steps + 1
        if steps > 4:
            return None
    if verb.dep_ not in ("ccomp", "xcomp", "csubj", "advcl", "acl", "pcomp", "dobj") or verb.i < wh.i:
        return None
    toks = [t for t in verb.subtree if t.i >= wh.i and not t.is_space]
    text = w.trim_words(w.span_text(toks), 16)
    return text if len(text.split()) >= 3 else None


def no_clarity(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r in ("NO_CLARITY", "RULE_OUT")), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    rule = next(r for r, a, _ in m if a == s and r in ("NO_CLARITY", "RULE_OUT"))
    if rule == "RULE_OUT":
        ruled = doc[e - 1]
        content = next((c for c in ruled.children if c.dep_ == "ccomp"), None)
        if ruled.lemma_.lower() == "guarantee" and content is not None:
            what = w.decap(w.clause(content, sent.span)).replace("would ", "will ")
            return hit(rule, sent, s, f"How likely is it that {what}, and what could change it?", e)
        obj = next((t for t in doc[e - 1].subtree if t.dep_ == "dobj"), None) or next(
            (c for c in doc[e - 1].head.children if c.dep_ == "dobj"), None
        )
        what = w.phrase(obj, 10) if obj is not None else w.clause(doc[s], sent.span)
        return hit(
            rule,
            sent,
            s,
            f"How likely is it that {w.lower_first(what, obj)} will go ahead?"
            if obj is not None
            else f"What exactly could not be ruled out in {w.quote(what)}?",
            e,
        )
    legal_words = lexicon.words("NO_CLARITY", "legal_nouns")
    legal = next(
        (t for t in sent.tokens if t.lower_ in legal_words or t.lower_ == "legal" and t.head.pos_ == "NOUN"),
        None,
    )
    if legal is not None:
        noun = legal.head if legal.dep_ == "amod" else legal
        np = w.lower_first(w.phrase(noun, 12), noun)
        return Hit(
            "LEGAL",
            w.cap(f"What is {np}: which law, resolution or mandate applies?"),
            (s, e),
            sent.in_quote(doc[s]),
        )
    giving = next(
        (t for t in doc[s:e] if t.lemma_.lower() in ("give", "provide", "offer", "release", "publish")), None
    )
    if giving is not None:
        obj = next((c for c in giving.children if c.dep_ == "dobj"), None)
        subj = w.subject(w.content_verb(giving))
        name = w.party(subj) if subj is not None and not w.is_pronoun(subj) else None
        name = name or speaker(art, sent, doc[s]) or "they"
        if obj is None:
            return None
        what = w.phrase(obj, 10)
        return hit(
            rule,
            sent,
            s,
            f"When will {name} {giving.lemma_.lower()} {what}?",
            e,
        )
    if any(t.lemma_.lower() == "confirm" for t in doc[s:e]):
        wh = doc[e] if e < sent.span.end else None
        if wh is None or not (wh.tag_ in ("WRB", "WP", "WDT") or wh.lower_ in ("whether", "if")):
            return None  # "has not confirmed the report": the dispute and response rules cover it
    if any(
        t.lemma_.lower() in ("reveal", "disclose", "say", "specify", "elaborate", "detail", "confirm")
        for t in doc[s:e]
    ):
        wh = doc[e] if e < sent.span.end else None
        cl = _wh_clause(wh, sent) if wh is not None and wh.tag_ in ("WRB", "WP", "WDT") else None
        if cl is not None:
            return hit(rule, sent, s, f"Can we find out {cl}?", e)
        if wh is not None and wh.lower_ in ("whether", "if") and wh.dep_ == "mark":
            cl = w.clause(wh.head, sent.span, skip={wh.i})
            if len(cl.split()) >= 3:
                return hit(rule, sent, s, f"Can we find out whether {w.decap(cl)}?", e)
        elliptic = _how_much(sent, doc[e - 1], wh)
        if elliptic is not None:
            return hit(rule, sent, s, elliptic, e)
        subj = w.subject(w.content_verb(doc[e - 1]))
        name = w.party(subj) if subj is not None and not w.is_pronoun(subj) else None
        name = name or speaker(art, sent, doc[s]) or "they"
        return hit(rule, sent, s, f"When will {name} say more, and what exactly is being withheld?", e)
    knowing = any(t.lemma_.lower() in ("know", "aware", "unaware", "idea") for t in doc[s:e])
    personal = any(t.lower_ in ("uncertain", "unsure", "unaware") for t in doc[s:e])
    if knowing and sent.in_quote(doc[s]):
        return None  # "you do not know" in a quote is the speaker talking, not a gap in the story
    who = w.subject(w.content_verb(doc[s]))
    if knowing and who is not None and who.lower_ in ("you", "we", "i", "us"):
        return None
    if personal and not sent.attributed and (who is None or who.lower_ not in ("it", "this", "that")):
        return None  # "Marsh, still unsure of what she had seen": a person's doubt, not the story's gap
    head = w.content_verb(doc[s])
    if head.dep_ in ("acomp", "attr") or head.pos_ == "ADJ":
        head = head.head  # "it was unclear whether ...": the clause hangs from "was"
    verb = "confirm" if knowing else "say"
    for t in head.subtree:
        if t.lower_ in ("if", "whether") and t.dep_ == "mark":
            tail = [
                x
                for x in t.head.subtree
                if x.lower_ == "or" and x.i + 1 < len(doc) and doc[x.i + 1].lower_ == "not"
            ]
            cl = w.clause(t.head, sent.span, skip={t.i} | {x.i for x in tail} | {x.i + 1 for x in tail})
            return hit(rule, sent, s, f"Who can {verb} whether {w.decap(cl)}?", e)
        if t.tag_ in ("WRB", "WP", "WDT") and t.i > s and not knowing:
            cl = _wh_clause(t, sent)
            if cl is not None:
                return hit(rule, sent, s, f"Who can say {cl}?", e)
    obj = next(
        (
            c
            for x in doc[s:e]
            for c in x.children
            if c.dep_ == "prep" and c.lower_ in ("on", "of", "about", "over")
        ),
        None,
    )
    if obj is not None:
        pobj = next((c for c in obj.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return hit(
                rule,
                sent,
                s,
                f"Who can give a clear answer on {w.lower_first(w.phrase(pobj, 14), pobj)}?",
                e,
            )
    if doc[e - 1].lower_ == "known" and who is not None and who.lower_ == "it":
        wh = doc[e] if e < sent.span.end else None  # "It is not known who started the fire"
        cl = _wh_clause(wh, sent) if wh is not None and wh.tag_ in ("WRB", "WP", "WDT") else None
        if cl is None and wh is not None and wh.lower_ in ("whether", "if") and wh.dep_ == "mark":
            cl = "whether " + w.decap(w.clause(wh.head, sent.span, skip={wh.i}))
        if cl is not None:
            return hit(rule, sent, s, f"Can we find out {cl}?", e)
    if doc[e - 1].lower_ == "known" and who is not None and not w.is_pronoun(who):
        np = w.lower_first(w.phrase(who, 10), who)
        return hit(rule, sent, s, f"Who can establish {np}, and when will it be known?", e)
    if knowing or not (who is not None and who.lower_ in ("it", "this", "that") or doc[s].dep_ != "acomp"):
        return None  # only "it is unclear ...": a person's own uncertainty is not the story's gap
    text = w.clause(doc[s], sent.span, limit=30)
    if len(text.split()) > 16:
        return None  # too long to quote as the unclear point: a vague question is worse than none
    found = hit(
        rule,
        sent,
        s,
        f"Who can give a definitive answer on {w.quote(text)}?",
        e,
    )
    found.generic = True
    return found


def _how_much(sent: Sentence, verb: Token, wh: Token | None) -> str | None:
    """ "X has promised funding but has not said how much": how much funding has X promised?"""
    if wh is None or wh.lower_ != "how" or wh.i + 2 > sent.span.end:
        return None
    amount = wh.doc[wh.i + 1]
    after = wh.doc[wh.i + 2] if wh.i + 2 < len(wh.doc) else None
    if amount.lower_ not in ("much", "many") or (after is not None and not after.is_punct):
        return None
    said = w.content_verb(verb)
    done = said.head if said.dep_ == "conj" else None
    if done is None or done.pos_ != "VERB":
        return None
    obj = next((c for c in done.children if c.dep_ == "dobj"), None)
    subj = w.subject(done)
    if obj is None or subj is None or w.is_pronoun(subj):
        return None
    what = w.phrase(obj, 8)
    what = (
        what.split(" ", 1)[1]
        if what.split(" ", 1)[0].lower() in ("a", "an", "the", "some") and " " in what
        else what
    )
    who = w.party(subj)
    aux = next(
        (c.lower_ for c in done.children if c.dep_ == "aux" and c.lower_ in ("has", "have", "had")), None
    )
    if aux is not None:
        return w.cap(f"How {amount.lower_} {what} {aux} {who} {done.text}, and when will it be confirmed?")
    return w.cap(f"How {amount.lower_} {what} did {who} {done.lemma_}, and when will it be confirmed?")


def no_response(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "NO_RESPONSE"), None)
    if cue is None:
        return None
    s, e = cue
    subj = w.subject(w.content_verb(art.doc[s]))
    party = w.party(subj) if subj is not None and not w.is_pronoun(subj) else None
    party = party or speaker(art, sent, art.doc[s]) or "they"
    about = next(
        (
            t
            for t in art.doc[e : sent.span.end]
            if t.lower_ in ("about", "on", "over", "regarding")
            and t.head.lemma_.lower() in ("question", "request")
        ),
        None,
    )  # "did not respond to questions about when the upgrade would be finished"
    if about is not None:
        topic = w.trim_words(w.span_text([x for x in about.subtree if x.i > about.i]), 14)
        if len(topic.split()) >= 2:
            return hit(
                "NO_RESPONSE",
                sent,
                s,
                f"Can we ask {party} again {about.lower_} {topic.replace('would ', 'will ')}?",
                e,
            )
    return hit(
        "NO_RESPONSE",
        sent,
        s,
        f"Can we reach {party} again before we publish?",
        e,
    )


def not_public(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "NOT_PUBLIC"), None)
    if cue is None:
        return None
    s, e = cue
    doc = art.doc
    if (
        doc[s + 1 : e]
        and any(t.lemma_.lower() == "make" for t in doc[s:e])
        and doc[e - 2].lower_ in ("it", "them")
    ):
        # "said her party had evidence of fraud, but did not make it public": the evidence itself
        nouns = lexicon.words("NOT_PUBLIC", "evidence_nouns")
        thing = next((t for t in sent.tokens if t.lower_ in nouns and t.i < s and t.pos_ == "NOUN"), None)
        _, said_by = w.reported(sent.span, art.speech)
        subj = (
            said_by
            if said_by is not None and not w.is_pronoun(said_by)
            else w.subject(w.content_verb(doc[s]))
        )
        if thing is None or subj is None or w.is_pronoun(subj):
            return None
        np = w.trim_words(w.span_text(list(thing.subtree)), 12)
        them = "them" if thing.tag_ == "NNS" else "it"
        return hit(
            "NOT_PUBLIC",
            sent,
            s,
            f"Can we see the {np}, and why has {w.party(subj)} not made {them} public?",
            e,
        )
    subj = w.subject(doc[e - 1])
    if subj is None or w.is_pronoun(subj):
        return None
    np = w.lower_first(w.phrase(subj, 10), subj)
    return hit("NOT_PUBLIC", sent, s, f"Can we obtain {np}, and when will it be made public?", e)


def withheld(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "WITHHELD"), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    verb = doc[e - 1]
    subj = w.subject(verb)
    if subj is not None and w.is_pronoun(subj):
        subj = antecedent(art, sent, subj)  # "It did not name the officials": the body named before
    if subj is None or w.is_pronoun(subj) or sent.in_quote(verb):
        return None
    np = w.party(subj, 10)
    if verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children):
        return hit("WITHHELD", sent, s, f"When will {np} be {verb.lower_}, and by whom?", e)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    what = w.lower_first(w.phrase(obj, 10), obj)
    if verb.lemma_.lower() in ("name", "identify") and obj.tag_ == "NNS":
        what = w.lower_first(w.phrase(obj, 10, drop_relcl=False), obj)
        return hit("WITHHELD", sent, s, f"Who are {what}, and why {w.has_have(subj)} {np} not named them?", e)
    held = "are they" if obj.tag_ == "NNS" else "is it"
    return hit(
        "WITHHELD", sent, s, f"When will {np} {verb.lemma_.lower()} {what}, and why {held} being withheld?", e
    )
