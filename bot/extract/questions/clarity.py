"""Rules about what a story leaves vague: unclear points, no response, expectations, times, amounts."""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, Matches, hit, speaker
from bot.extract.questions.context import Article, Sentence, is_number

_LEGAL = (
    "legal",
    "law",
    "mandate",
    "constitution",
    "ordinance",
    "notification",
    "legislation",
    "statute",
    "regulation",
    "treaty",
    "resolution",
    "jurisdiction",
)


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


def no_clarity(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r in ("NO_CLARITY", "RULE_OUT")), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    rule = next(r for r, a, _ in m if a == s and r in ("NO_CLARITY", "RULE_OUT"))
    if rule == "RULE_OUT":
        obj = next((t for t in doc[e - 1].subtree if t.dep_ == "dobj"), None) or next(
            (c for c in doc[e - 1].head.children if c.dep_ == "dobj"), None
        )
        what = w.phrase(obj, 10) if obj is not None else w.clause(doc[s], sent.span)
        return hit(
            rule,
            sent,
            s,
            f"How likely is it that {w.lower_first(what, obj)} will go ahead, and who will decide?"
            if obj is not None
            else f"What exactly could not be ruled out in {w.quote(what)}, and who will decide?",
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
            w.cap(f"What is {np}, exactly: which law, resolution or mandate applies, and who decides?"),
            (s, e),
            sent.in_quote(doc[s]),
        )
    if any(
        t.lemma_.lower() in ("reveal", "disclose", "say", "specify", "elaborate", "detail") for t in doc[s:e]
    ):
        wh = doc[e] if e < sent.span.end else None
        cl = _wh_clause(wh, sent) if wh is not None and wh.tag_ in ("WRB", "WP", "WDT") else None
        if cl is not None:
            return hit(rule, sent, s, f"Can we find out {cl}?", e)
        name = speaker(art, sent, doc[s]) or "they"
        return hit(rule, sent, s, f"When will {name} say more, and what exactly is being withheld?", e)
    knowing = any(t.lemma_.lower() in ("know", "aware", "unaware", "idea") for t in doc[s:e])
    if knowing and sent.in_quote(doc[s]):
        return None  # "you do not know" in a quote is the speaker talking, not a gap in the story
    who = w.subject(w.content_verb(doc[s]))
    if knowing and who is not None and who.lower_ in ("you", "we", "i", "us"):
        return None
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
                f"Who can give a clear answer on {w.lower_first(w.phrase(pobj, 14), pobj)}, "
                "and can we get it before publication?",
                e,
            )
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
        f"{w.quote(w.cap(text))} is unclear. Who can give a definitive answer, and can we "
        "get it before publication?",
        e,
    )
    found.generic = True
    return found


def no_response(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "NO_RESPONSE"), None)
    if cue is None:
        return None
    s, e = cue
    subj = w.subject(w.content_verb(art.doc[s]))
    party = w.lower_first(w.phrase(subj, 8), subj) if subj is not None and not w.is_pronoun(subj) else None
    party = party or speaker(art, sent, art.doc[s]) or "they"
    return hit(
        "NO_RESPONSE",
        sent,
        s,
        f"Can we reach {party} again and put the specific points to them, and note when we asked?",
        e,
    )


def expected(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "EXPECTED"), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    head = doc[e - 2] if doc[e - 1].lower_ == "to" else doc[e - 1]
    subj = w.subject(head)
    if subj is None or w.is_pronoun(subj) or any(x.lower_ in ("you", "your") for x in subj.subtree):
        return None
    np = w.lower_first(w.phrase(subj, 10), subj)
    goal = next((c for c in head.children if c.dep_ == "xcomp"), None)
    word = head.lower_
    if goal is None:
        if word == "expected":
            return hit("EXPECTED", sent, s, f"When exactly is {np} expected, and who says so?", e)
        return None
    vp = w.trim_words(w.span_text([t for t in goal.subtree if t.i > head.i and t.lower_ != "to"]), 14)
    if word in ("set", "due", "scheduled", "slated", "poised"):
        return hit("EXPECTED", sent, s, f"When exactly will {np} {vp}, and who has confirmed it?", e)
    return hit("EXPECTED", sent, s, f"Who expects {np} to {vp}, and on what basis?", e)


def vague_time(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "VAGUE_TIME"), None)
    if cue is None or sent.has_date:
        return None
    s, e = cue
    doc = art.doc
    if s > 0 and doc[s - 1].lower_ in ("most", "more", "only", "until", "as", "very", "too", "how"):
        return None  # "most recently", "until recently"
    future = any(
        t.lower_ in ("will", "would", "'ll", "expected", "plans", "hopes") or t.tag_ == "VBP" and False
        for t in sent.span
    )
    if doc[s].lower_ in ("eventually", "shortly", "soon") and not future:
        return None  # narrative past ("eventually led to a ban"): nothing is open
    root_past = any(t.tag_ in ("VBD", "VBN") for t in sent.tokens if t.dep_ == "ROOT")
    past = doc[s].lower_ == "recently" or root_past
    text = w.clause(
        doc[s].head if doc[s].dep_ in ("prep", "advmod", "npadvmod") else doc[s],
        sent.span,
        skip=set(range(s, e)),
    )
    if len(text.split()) < 3:
        return None
    verb = w.content_verb(doc[s].head if doc[s].dep_ in ("advmod", "npadvmod", "prep") else doc[s])
    if any(c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children):
        past = False
    when = "did" if past else "will"
    return hit(
        "VAGUE_TIME",
        sent,
        s,
        f"When exactly {when} this happen: {w.quote(text)}? {w.quote(w.clean(doc[s:e].text))} is vague.",
        e,
    )


_QUANTITY_HEADS = frozenset(
    "number lot handful host raft slew series majority bulk hundred thousand dozen million "
    "billion score amount sum quantity".split()
)


_SIZE_HEADS = frozenset("area stretch part swathe swath portion proportion share".split())


def vague_number(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "VAGUE_NUMBER"), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    noun = doc[e - 1]
    while noun.dep_ in ("amod", "nummod", "quantmod", "det", "compound", "nmod") and noun.head.i > noun.i:
        noun = noun.head
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if noun.lower_ == "of" or (of is not None and noun.lemma_.lower() in _QUANTITY_HEADS):
        pobj = next((c for c in (of or noun).children if c.dep_ == "pobj"), None)
        noun = pobj or noun
    if noun.lemma_.lower() in (
        "time",
        "occasion",
        "way",
        "year",
        "reason",
        "day",
        "hour",
        "month",
        "week",
        "minute",
        "second",
        "decade",
        "other",
        "thing",
        "question",
        "issue",
        "step",
    ):
        return None
    if e < len(doc) and doc[e].lower_ == "other":
        return None
    if any(is_number(t) and not (s <= t.i < e) and t.head.i == noun.i for t in sent.tokens):
        return None  # a figure is given right next to it
    end = max(e, noun.i + 1)
    start = s - 1 if s > sent.span.start and doc[s - 1].lower_ in ("a", "an") else s
    words = w.clean(doc[start:end].text)
    if start >= s:
        words = words[:1].lower() + words[1:]  # it starts with the cue word, a common word
    plural = noun.tag_ in ("NNS", "NNPS") or doc[s].lower_.endswith("s")
    many = "many exactly are" if plural else "much exactly is"
    if noun.lemma_.lower() in _SIZE_HEADS:
        many = "big exactly is"
    return hit(
        "VAGUE_NUMBER", sent, s, f"How {many} {w.quote(words)}, and who is the source of the figure?", e
    )


def not_public(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "NOT_PUBLIC"), None)
    if cue is None:
        return None
    s, e = cue
    subj = w.subject(art.doc[e - 1])
    if subj is None or w.is_pronoun(subj):
        return None
    np = w.lower_first(w.phrase(subj, 10), subj)
    return hit("NOT_PUBLIC", sent, s, f"Can we obtain {np}, and when will it be made public?", e)


def withheld(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "WITHHELD"), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    verb = doc[e - 1]
    subj = w.subject(verb)
    if subj is None or w.is_pronoun(subj) or sent.in_quote(verb):
        return None
    np = w.lower_first(w.phrase(subj, 10), subj)
    if verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children):
        return hit("WITHHELD", sent, s, f"When will {np} be {verb.lower_}, and by whom?", e)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    what = w.lower_first(w.phrase(obj, 10), obj)
    return hit(
        "WITHHELD", sent, s, f"When will {np} {verb.lemma_.lower()} {what}, and why is it being withheld?", e
    )
