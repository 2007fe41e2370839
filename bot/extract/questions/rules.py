"""The question rules (EXTRACTION.md 7.3): each looks at one sentence and may raise one Hit.

Cue-list rules get their matches from the shared Matcher; the others read the parse. Every rule writes its
question from the sentence's own words (wording.py) and carries the cue that fired.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.context import Article, Sentence, is_number

# Cues inside quotation marks are the speaker's own wording for these rules (7.4).
SKIP_IN_QUOTES = frozenset({"HEDGE", "VAGUE_NUMBER", "VAGUE_TIME", "VAGUE_SCOPE", "MISSING_COUNT", "EXPECTED",
                            "FIGURE_SOURCE", "FUTURE_DATED", "FIRST_PERSON", "FORECAST_NO_SOURCE", "ESTIMATE"})


@dataclass
class Hit:
    """One rule firing on one sentence."""

    rule: str
    question: str
    cue: tuple[int, int]  # token indices of the cue in the doc
    in_quote: bool = False

    @property
    def category(self) -> str:
        """The category shown to the editor."""
        return str(lexicon.rules()[self.rule]["category"])

    @property
    def priority(self) -> int:
        """The rule's priority (higher first)."""
        return int(lexicon.rules()[self.rule]["priority"])


Matches = list[tuple[str, int, int]]  # (rule, start token, end token)
Rule = Callable[[Article, Sentence, Matches], "Hit | None"]


def _speaker(art: Article, sent: Sentence, at: Token | None = None) -> str | None:
    """Who the sentence reports, as written; a pronoun falls back to the last name before it."""
    _, subj = w.reported(sent.span, art.speech)
    if subj is not None and not w.is_pronoun(subj):
        return w.lower_first(w.phrase(subj, 8), subj)
    ents = [e for e in art.ents if e.label_ in ("PERSON", "ORG") and e.end <= (at or sent.span[-1]).i]
    for e in reversed(ents[-6:]):
        if e.start >= sent.span.start - 250:
            return e.text
    return None


def _hit(rule: str, sent: Sentence, start: int, question: str, end: int | None = None) -> Hit:
    doc = sent.span.doc
    return Hit(rule, w.cap(question), (start, end or start + 1), sent.in_quote(doc[start]))


_DETS = frozenset("a an one another two three several some the".split())


def the(description: str) -> str:
    """'A spokesperson from X' -> 'the spokesperson from X'; 'Residents' -> 'the residents'."""
    words = description.split()
    if words and words[0].lower() in _DETS:
        words = words[1:]
    if words and words[0][:1].isupper() and words[0].lower() in ("residents", "officials", "sources", "witnesses",
                                                                 "people", "spokesperson", "official", "source"):
        words[0] = words[0].lower()
    return "the " + " ".join(words) if words else "the source"


# --- cue-list rules --------------------------------------------------------------------------------------


def no_evidence(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    for rule, s, e in m:
        if rule == "NO_EVIDENCE":
            text = w.clause(art.doc[s], sent.span, skip=set(range(s, e)))
            return _hit(rule, sent, s, f"What evidence is there for {w.quote(text)}, and can we check it independently?", e)
    return None


def anonymous(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "ANONYMOUS"), None)
    listed = art.source_of.get(sent.index)
    if cue is None:
        if listed is None:
            return None
        # Named by the sources layer but with no anonymity phrase: ask for the name.
        rule = "UNNAMED_OFFICIAL" if listed.kind == "unnamed_official" else "ANON_LISTED"
        at = art.doc.char_span(listed.start, listed.end, alignment_mode="expand")
        i = at.start if at is not None else sent.span.start
        desc = w.lower_first(listed.description, art.doc[i]) if at is not None else listed.description
        return _hit(rule, sent, i, f"Can we name {the(desc)}, or get an on-the-record comment, or "
                    "say why not?")
    doc = art.doc
    nouns = lexicon.words("UNNAMED_OFFICIAL", "nouns") | {"people", "source", "insider", "circle"}
    according = next((t for t in sent.span if t.lower_ == "according"), None)
    if according is not None:
        pobj = next((x for x in according.subtree if x.dep_ == "pobj"), None)
        head = w.content_verb(according.head)
        text = w.clause(head, sent.span, skip={x.i for x in according.subtree})
        descriptor = w.lower_first(w.phrase(pobj, 10), pobj) if pobj is not None else "unnamed sources"
        descriptor = w.lower_first(listed.description) if listed is not None else descriptor
    else:
        verb, _ = w.reported(sent.span, art.speech)
        descriptor = "unnamed sources"
        for t in sent.span:
            if t.lemma_.lower() in nouns and t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ != "PERSON":
                descriptor = w.lower_first(w.phrase(t, 10), t)
                break
        if listed is not None:
            at = doc.char_span(listed.start, listed.end, alignment_mode="expand")
            descriptor = w.lower_first(listed.description, at[0] if at is not None and len(at) else None)
        what = w.content_of_speech(verb) if verb is not None else None
        text = w.clause(what, sent.span) if what is not None else w.clause(doc[cue[0]], sent.span)
    return _hit("ANONYMOUS", sent, cue[0],
                f"The claim that {w.decap(text)} rests on {descriptor}. Can anyone confirm it on the record, "
                "or can a document back it up?", cue[1])


def unattributed(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "UNATTRIBUTED"), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    head = w.content_verb(doc[e - 1])
    skip = set(range(s, e))
    adverb = doc[s].pos_ == "ADV" and e - s == 1
    if adverb and head.dep_ not in ("ROOT", "ccomp"):
        return None  # "the visuals reportedly circulated": a side detail, not the story's claim
    if adverb and head.lemma_.lower() in art.speech:
        # "he reportedly said": the words themselves come second hand.
        who = _speaker(art, sent, doc[s]) or "the speaker"
        return _hit("UNATTRIBUTED", sent, s,
                    f"These words of {who} are reported second hand ({w.quote(doc[s:e].text)}): can we confirm "
                    "them with the speaker or check the original source?", e)
    if doc[s].lower_ == "it":
        # "it is believed (that) X": ask about X.
        content = next((c for c in head.children if c.dep_ == "ccomp"), None)
        if content is not None:
            return _hit("UNATTRIBUTED", sent, s, f"Who says {w.decap(w.clause(content, sent.span, skip))}? "
                        "Attribute it to a named source, or confirm it independently.", e)
    subj = w.subject(head)
    if subj is not None and subj.ent_type_ in ("PERSON", "ORG") and doc[s].lower_ in ("critics", "some", "many"):
        return None  # a named subject is attribution enough
    text = w.clause(doc[s], sent.span, skip)
    if subj is not None and not w.is_pronoun(subj):
        text = text[:1].lower() + text[1:] if not (subj.pos_ == "PROPN" or subj.ent_type_) else text
        return _hit("UNATTRIBUTED", sent, s, f"Who says {text}? Attribute it to a named source, or confirm it "
                    "independently.", e)
    return _hit("UNATTRIBUTED", sent, s, f"Who is the source for {w.quote(text)}? Attribute it to a named "
                "source, or confirm it independently.", e)


def pending(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "PENDING"), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    if doc[e - 2].lower_ == "to" and doc[e - 3].lower_ == "yet":
        subj = w.subject(doc[s])
        if subj is not None and not w.is_pronoun(subj):
            goal = doc[e - 1]
            vp = w.trim_words(w.span_text([t for t in goal.subtree if t.i >= goal.i]), 12)
            np = w.lower_first(w.phrase(subj, 8), subj)
            return _hit("PENDING", sent, s, f"When will {np} {vp}, and what is holding it up?", e)
    if sent.has_date and any(t.lower_ in ("expected", "due", "scheduled", "set") for t in doc[s:e]):
        return None  # a decision expected on a given day is scheduled, not open
    decision = next((t for t in sent.span if t.lemma_.lower() == "decision"), None)
    if decision is not None and not sent.in_quote(decision):
        np = w.lower_first(w.phrase(decision, 16))
        if len(np.split()) > 2:
            return _hit("PENDING", sent, s, f"When will {np} be made, and who takes it?", e)
        verb = w.content_verb(decision.head if decision.dep_ != "ROOT" else decision)
        while verb.dep_ in ("pcomp", "pobj", "prep") and verb.head.i != verb.i:
            verb = verb.head
        text = w.clause(verb, sent.span, skip={t.i for t in doc[s:e]} | {t.i for t in doc[s].subtree
                                                                          if t.i >= s and doc[s].dep_ == "prep"})
        return _hit("PENDING", sent, s, f"When will the final decision be taken, and by whom? The story says only "
                    f"{w.quote(text)}.", e)
    talks = next((t for t in doc[s:e] if t.lemma_.lower() in ("talk", "meeting", "negotiation", "discussion")), None)
    if talks is not None:
        with_ = next((c for c in talks.children if c.dep_ == "prep" and c.lower_ == "with"), None)
        party = ""
        if with_ is not None:
            pobj = next((c for c in with_.children if c.dep_ == "pobj"), None)
            party = f" with {w.phrase(pobj, 6)}" if pobj is not None else ""
        return _hit("PENDING", sent, s, f"What has come out of the {talks.lower_}{party}, and when is an "
                    "agreement expected?", e)
    if doc[e - 1].lower_ in ("awaited", "pending") and (doc[e - 1].dep_ == "amod" or doc[e - 2].text == "-"):
        return None  # "the long-awaited signing": it has happened
    if doc[e - 1].lower_ in ("awaited", "pending", "awaiting"):
        subj = w.subject(doc[e - 1])
        if subj is not None and not w.is_pronoun(subj) and subj.i < s:
            np = w.lower_first(w.phrase(subj, 8), subj)
            be = "are" if subj.tag_ in ("NNS", "NNPS") else "is"
            return _hit("PENDING", sent, s, f"When {be} {np} expected, and from whom?", e)
    head = w.content_verb(doc[e - 1])
    subj = w.subject(head)
    done = doc[e - 1].lower_
    if subj is not None and not w.is_pronoun(subj) and done in ("decided", "finalised", "finalized", "approved",
                                                                "agreed", "settled", "resolved", "complete",
                                                                "completed", "determined", "concluded"):
        np = w.lower_first(w.phrase(subj, 10), subj)
        return _hit("PENDING", sent, s, f"When will {np} be {done}, and who makes the call?", e)
    if subj is not None and not w.is_pronoun(subj) and subj.i < s:
        np = w.lower_first(w.phrase(subj, 8), subj)
        return _hit("PENDING", sent, s, f"What is still to be decided about {np}, who makes the call, and by when?", e)
    text = w.clause(doc[s], sent.span)
    if len(text.split()) > 16:
        return None
    return _hit("PENDING", sent, s, f"{w.quote(w.cap(text))}: what exactly is still to be decided, who makes the "
                "call, and by when?", e)


def effort(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "EFFORT"), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    goal = next((t for t in doc[s:min(e + 2, sent.span.end)] if t.pos_ == "VERB" and t.i >= e - 1
                 and doc[t.i - 1].lower_ == "to"), None)
    if goal is None:
        return None
    vp = w.trim_words(w.span_text([t for t in goal.subtree if not t.is_space and not
                                   (t.dep_ == "aux" and t.lower_ == "to" and t.head.i == goal.i)]), 14)
    subj = w.subject(w.content_verb(doc[s]))
    if subj is None or w.is_pronoun(subj) or not w.is_actor(subj, lexicon.words("EFFORT", "actors")):
        return None
    if sent.in_quote(doc[s]) or any(t.tag_ in ("WP", "WDT", "WRB") for t in goal.subtree):
        return None
    np = w.lower_first(w.phrase(subj, 8), subj)
    return _hit("EFFORT", sent, s, f"{w.cap(w.has_have(subj))} {np} managed to {vp} yet, and when will the "
                "outcome be known?", e)


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
            return _hit(rule, sent, s, f"When will the full {doc[e - 1].lower_} be published, and could they "
                        f"change{tail}?", e)
        if any(r in ("NO_CLARITY", "PENDING") for r, _, _ in m):
            continue  # "cannot be revealed at this stage": the other rule asks the better question
        first = next((t for t in sent.span if t.is_alpha), None)
        negated = any(t.dep_ == "neg" or t.lower_ in ("no", "indications") for t in doc[s].head.subtree)
        if not (first is not None and first.i == s or negated):
            continue  # "has so far been applied to ...": a running tally, not a provisional finding
        text = w.decap(w.clause(doc[s].head, sent.span, skip=set(range(s, e))))
        cue = w.clean(doc[s:e].text)
        return _hit(rule, sent, s, f"{w.quote(w.cap(cue))}, {text}: when will there be a firmer answer, and from "
                    "whom?", e)
    return None


_LEGAL = ("legal", "law", "mandate", "constitution", "ordinance", "notification", "legislation", "statute",
          "regulation", "treaty", "resolution", "jurisdiction")


def no_clarity(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r in ("NO_CLARITY", "RULE_OUT")), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    rule = next(r for r, a, _ in m if a == s and r in ("NO_CLARITY", "RULE_OUT"))
    if rule == "RULE_OUT":
        obj = next((t for t in doc[e - 1].subtree if t.dep_ == "dobj"), None) or next(
            (c for c in doc[e - 1].head.children if c.dep_ == "dobj"), None)
        what = w.phrase(obj, 10) if obj is not None else w.clause(doc[s], sent.span)
        return _hit(rule, sent, s, f"How likely is it that {w.lower_first(what, obj)} will go ahead, "
                    "and who will decide?" if obj is not None else
                    f"What exactly could not be ruled out in {w.quote(what)}, and who will decide?", e)
    legal_words = lexicon.words("NO_CLARITY", "legal_nouns")
    legal = next((t for t in sent.span if t.lower_ in legal_words or (t.lower_ == "legal" and t.head.pos_ == "NOUN")),
                 None)
    if legal is not None:
        noun = legal.head if legal.dep_ == "amod" else legal
        np = w.lower_first(w.phrase(noun, 12), noun)
        return Hit("LEGAL", w.cap(f"What is {np}, exactly: which law, resolution or mandate applies, and who "
                                  "decides?"), (s, e), sent.in_quote(doc[s]))
    if any(t.lemma_.lower() in ("reveal", "disclose", "say", "specify", "elaborate", "detail") for t in doc[s:e]):
        who = _speaker(art, sent, doc[s]) or "they"
        return _hit(rule, sent, s, f"When will {who} say more, and what exactly is being withheld?", e)
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
            tail = [x for x in t.head.subtree if x.lower_ == "or" and x.i + 1 < len(doc) and doc[x.i + 1].lower_ ==
                    "not"]
            cl = w.clause(t.head, sent.span, skip={t.i} | {x.i for x in tail} | {x.i + 1 for x in tail})
            return _hit(rule, sent, s, f"Who can {verb} whether {w.decap(cl)}?", e)
        if t.tag_ in ("WRB", "WP") and t.i > s and t.head.dep_ in ("ccomp", "xcomp") and not knowing:
            cl = w.clause(t.head, sent.span)
            return _hit(rule, sent, s, f"Who can say {w.decap(cl)}?", e)
    obj = next((c for x in doc[s:e] for c in x.children if c.dep_ == "prep" and c.lower_ in ("on", "of", "about",
                                                                                              "over")), None)
    if obj is not None:
        pobj = next((c for c in obj.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return _hit(rule, sent, s, f"Who can give a clear answer on {w.lower_first(w.phrase(pobj, 14), pobj)}, "
                        "and can we get it before publication?", e)
    if knowing or not (who is not None and who.lower_ in ("it", "this", "that") or doc[s].dep_ != "acomp"):
        return None  # only "it is unclear ...": a person's own uncertainty is not the story's gap
    text = w.clause(doc[s], sent.span, limit=30)
    if len(text.split()) > 16:
        return None  # too long to quote as the unclear point: a vague question is worse than none
    return _hit(rule, sent, s, f"{w.quote(w.cap(text))} is unclear. Who can give a definitive answer, and can we "
                "get it before publication?", e)


def no_response(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "NO_RESPONSE"), None)
    if cue is None:
        return None
    s, e = cue
    subj = w.subject(w.content_verb(art.doc[s]))
    party = w.lower_first(w.phrase(subj, 8), subj) if subj is not None and not w.is_pronoun(subj) else None
    party = party or _speaker(art, sent, art.doc[s]) or "they"
    return _hit("NO_RESPONSE", sent, s, f"Can we reach {party} again and put the specific points to them, and note "
                "when we asked?", e)


def expected(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "EXPECTED"), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    head = doc[e - 2] if doc[e - 1].lower_ == "to" else doc[e - 1]
    subj = w.subject(head)
    if subj is None or w.is_pronoun(subj):
        return None
    np = w.lower_first(w.phrase(subj, 10), subj)
    goal = next((c for c in head.children if c.dep_ == "xcomp"), None)
    word = head.lower_
    if goal is None:
        if word == "expected":
            return _hit("EXPECTED", sent, s, f"When exactly is {np} expected, and who says so?", e)
        return None
    vp = w.trim_words(w.span_text([t for t in goal.subtree if t.i > head.i and t.lower_ != "to"]), 14)
    if word in ("set", "due", "scheduled", "slated", "poised"):
        return _hit("EXPECTED", sent, s, f"When exactly will {np} {vp}, and who has confirmed it?", e)
    return _hit("EXPECTED", sent, s, f"Who expects {np} to {vp}, and on what basis?", e)


def vague_time(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "VAGUE_TIME"), None)
    if cue is None or sent.has_date:
        return None
    s, e = cue
    doc = art.doc
    if s > 0 and doc[s - 1].lower_ in ("most", "more", "only", "until", "as", "very", "too", "how"):
        return None  # "most recently", "until recently"
    future = any(t.lower_ in ("will", "would", "'ll", "expected", "plans", "hopes") or t.tag_ == "VBP" and False
                 for t in sent.span)
    if doc[s].lower_ in ("eventually", "shortly", "soon") and not future:
        return None  # narrative past ("eventually led to a ban"): nothing is open
    past = doc[s].lower_ == "recently" or any(t.tag_ in ("VBD", "VBN") for t in sent.span if t.dep_ == "ROOT")
    text = w.clause(doc[s].head if doc[s].dep_ in ("prep", "advmod", "npadvmod") else doc[s], sent.span,
                    skip=set(range(s, e)))
    if len(text.split()) < 3:
        return None
    when = "did" if past else "will"
    return _hit("VAGUE_TIME", sent, s, f"When exactly {when} this happen: {w.quote(text)}? "
                f"{w.quote(w.clean(doc[s:e].text))} is vague.", e)


_QUANTITY_HEADS = frozenset("number lot handful host raft slew series majority bulk hundred thousand dozen million "
                            "billion score amount sum quantity".split())
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
    if noun.lemma_.lower() in ("time", "occasion", "way", "year", "reason", "day", "hour", "month", "week", "minute",
                               "second", "decade", "other", "thing", "question", "issue", "step"):
        return None
    if e < len(doc) and doc[e].lower_ == "other":
        return None
    if any(is_number(t) and not (s <= t.i < e) and t.head.i == noun.i for t in sent.span):
        return None  # a figure is given right next to it
    end = max(e, noun.i + 1)
    start = s - 1 if s > sent.span.start and doc[s - 1].lower_ in ("a", "an") else s
    words = w.lower_first(w.clean(doc[start:end].text), doc[start])
    plural = noun.tag_ in ("NNS", "NNPS") or doc[s].lower_.endswith("s")
    many = "many exactly are" if plural else "much exactly is"
    if noun.lemma_.lower() in _SIZE_HEADS:
        many = "big exactly is"
    return _hit("VAGUE_NUMBER", sent, s, f"How {many} {w.quote(words)}, and who is the source of the "
                "figure?", e)


# --- parse rules -----------------------------------------------------------------------------------------


def hedge(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    doc = art.doc
    modals = lexicon.words("HEDGE", "modals")
    cue_tok: Token | None = None
    for t in sent.span:
        if t.tag_ == "MD" and t.lower_ in modals and t.head.pos_ in ("VERB", "AUX") and not sent.in_quote(t):
            if t.head.dep_ == "relcl" or any(c.lower_ in ("if", "whether") for c in t.head.children):
                continue  # background in a relative clause, or a condition
            if any(c.tag_ in ("WP", "WDT", "WRB") or c.lower_ in ("you", "i", "we") for c in t.head.subtree
                   if c.i < t.i):
                continue  # "what that could look like", "you might expect": no claim of the story
            cue_tok = t
            break
    if cue_tok is None:
        cue = next(((s, e) for r, s, e in m if r == "HEDGE" and not sent.in_quote(doc[s])), None)
        if cue is None:
            return None
        cue_tok = doc[cue[0]]
    head = w.content_verb(cue_tok)
    steps = 0
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and steps < 4:
        head, steps = head.head, steps + 1
    text = w.clause(head, sent.span)
    if cue_tok.lower_ in ("possible", "potential"):
        return Hit("HEDGE", w.cap(f"How firm is {w.quote(text)}, and who is behind it?"),
                   (cue_tok.i, cue_tok.i + 1), False)
    return Hit("HEDGE", w.cap(f"How firm is {w.quote(text)} ({w.quote(cue_tok.lower_)}), and what is it based on?"),
               (cue_tok.i, cue_tok.i + 1), False)


def unnamed_official(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    nouns = lexicon.words("UNNAMED_OFFICIAL", "nouns")
    for t in sent.span:
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
        return _hit("UNNAMED_OFFICIAL", sent, det.i, f"Can we name {np}, or get an on-the-record comment, "
                    "or say why not?", t.i + 1)
    return None


def dispute(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    verbs = lexicon.words("DISPUTE", "verbs")
    objects = lexicon.words("DISPUTE", "objects")
    dismiss_as = lexicon.words("DISPUTE", "dismiss_as")
    emphatic = lexicon.words("DISPUTE", "emphatic_verbs")
    for t in sent.span:
        lemma = t.lemma_.lower()
        if t.pos_ != "VERB" or (lemma not in verbs and lemma not in emphatic) or sent.in_quote(t):
            continue
        subj = w.subject(t)
        party = w.lower_first(w.phrase(subj, 8), subj) if subj is not None and not w.is_pronoun(subj) else None
        party = party or _speaker(art, sent, t) or "the party"
        content = next((c for c in t.children if c.dep_ == "ccomp"), None)
        if any(c.dep_ == "neg" for c in t.children) or any(c.dep_ == "neg" for c in t.head.children
                                                            if t.dep_ == "conj"):
            continue  # "has not confirmed or denied": no denial
        if lemma in verbs:
            obj = next((c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in objects), None)
            as_ = any(c.lower_ == "as" and any(g.lower_ in dismiss_as for g in c.subtree) for c in t.children)
            agent = t.tag_ == "VBN" and any(c.dep_ == "agent" for c in t.children)
            if obj is not None or as_ or agent or content is not None:
                what = w.phrase(obj, 14) if obj is not None else (
                    w.clause(content, sent.span) if content is not None else w.clause(t, sent.span))
                return _hit("DISPUTE", sent, t.i, f"{party} disputes {w.quote(w.lower_first(what, obj))}. What "
                            "does each side offer as evidence, and can it be established independently?")
        if lemma in emphatic and content is not None:
            negated = any(c.dep_ == "neg" for c in content.children) or any(
                x.lower_ == "no" and x.dep_ == "det" and _clause_of(x).i == content.i for x in content.subtree)
            if negated:
                what = w.clause(content, sent.span)
                return _hit("DISPUTE", sent, t.i, f"What supports {w.possessive(party)} statement that {what}, "
                            "and who had suggested otherwise?")
    return None


_NOMINAL = frozenset({"attr", "dobj", "nsubj", "nsubjpass", "pobj", "compound", "amod", "det"})


def _clause_of(t: Token) -> Token:
    """The verb whose clause ``t`` stands in."""
    steps = 0
    while (t.pos_ not in ("VERB", "AUX") or t.dep_ in _NOMINAL) and t.head.i != t.i and steps < 6:
        t, steps = t.head, steps + 1
    return t


def contrast_claims(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    markers = lexicon.words("CONTRAST_CLAIMS", "markers")
    verbs = lexicon.words("CONTRAST_CLAIMS", "verbs")
    if not any(t.lower_ in markers for t in sent.span):
        return None
    parties = []
    for t in sent.span:
        if t.lemma_.lower() in verbs and t.pos_ == "VERB" and not sent.in_quote(t):
            subj = w.subject(t)
            if subj is not None and not w.is_pronoun(subj) and subj.i not in [p.i for p in parties]:
                parties.append(subj)
    if len(parties) < 2 or parties[0].lemma_ == parties[1].lemma_:
        return None
    a, b = (w.lower_first(w.phrase(p, 6, drop_relcl=True), p) for p in parties[:2])
    return _hit("CONTRAST_CLAIMS", sent, parties[1].i, f"{a} and {b} give conflicting accounts. What evidence "
                "does each side offer, and who is right?")


def involvement(art: Article, sent: Sentence, m: Matches) -> Hit | None:
    for rule, s, e in m:
        if rule != "INVOLVEMENT":
            continue
        verb = art.doc[e - 1]
        subj = w.subject(verb)
        if subj is None or w.is_pronoun(subj):
            continue
        np = w.lower_first(w.phrase(subj, 8), subj)
        return _hit(rule, sent, s, f"How exactly will {np} be {verb.lower_}, and when?", e)
    return None
