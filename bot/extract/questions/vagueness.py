"""Rules about what a story leaves vague: an outcome said to be expected, due or likely with no date or no one
who expects it, a time with no date ("soon", "in the coming weeks"), an amount with no figure ("a large
number", "a swathe of").

Each looks at one sentence with the cue matches found in it and may return one Hit (wording.py).
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, Matches, hit, speaker
from bot.extract.questions.context import ParsedArticle, Sentence, is_number


def expected(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "EXPECTED"), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    head = doc[e - 2] if doc[e - 1].lower_ == "to" else doc[e - 1]
    subj = w.subject(head)
    if subj is None or w.is_pronoun(subj) or any(x.lower_ in ("you", "your") for x in subj.subtree):
        return None
    np = w.party(subj, 10)
    goal = next((c for c in head.children if c.dep_ == "xcomp"), None)
    word = head.lower_
    if goal is None:
        if word == "expected":
            return hit("EXPECTED", sent, s, f"When exactly is {np} expected, and who says so?", e)
        return None
    to = next((c.i for c in goal.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    vp = w.trim_words(w.span_text([t for t in goal.subtree if t.i > head.i and t.i != to]), 14)
    if word in ("set", "due", "scheduled", "slated", "poised"):
        if sent.has_date or any(t.lower_ in ("was", "were") for t in doc[s:e]):
            return (
                None  # a dated schedule, or a past one ("was due to vote on Tuesday, but ..."): nothing open
            )
        return hit("EXPECTED", sent, s, f"When exactly will {np} {vp}, and who has confirmed it?", e)
    said, said_by = w.reported(sent.span, art.speech)
    if said is not None and said_by is not None and said.i < s and head.i in {t.i for t in said.subtree}:
        # "He said the figure was likely to rise": the expectation is the speaker's; ask for its basis.
        who = speaker(art, sent, said) or "the speaker"
        return hit("EXPECTED", sent, s, f"On what basis does {who} expect {np} to {vp}?", e)
    return hit("EXPECTED", sent, s, f"Who expects {np} to {vp}?", e)


def vague_time(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "VAGUE_TIME"), None)
    if cue is None:
        return None
    s, e = cue
    if any(x.label_ in ("DATE", "TIME") and (x.end <= s or x.start >= e) for x in sent.ents):
        return None  # the clause gives a date ("at a later date" itself does not count)
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
    subj = w.subject(verb)
    if (
        subj is not None
        and subj.lemma_.lower() in lexicon.words("PENDING", "decision_nouns")
        and verb.tag_ == "VBN"
    ):
        np = w.lower_first(w.phrase(subj, 10), subj)
        np = "the " + np.split(" ", 1)[1] if np.split(" ", 1)[0] in ("a", "an") and " " in np else np
        said = w.quote(w.clean(doc[s:e].text))
        return hit(
            "VAGUE_TIME",
            sent,
            s,
            f"When exactly will {np} be {verb.lower_}, and by whom? ({said} is vague.)",
            e,
        )
    said = w.quote(w.clean(doc[s:e].text))
    direct = _when_question(verb, subj, when, set(range(s, e)))
    if direct is not None:
        return hit("VAGUE_TIME", sent, s, f"{direct} ({said} is vague.)", e)
    return None  # no clean "when did X happen?" to ask: a garbled question is worse than none


def _when_question(verb: Token, subj: Token | None, when: str, cue: set[int]) -> str | None:
    """ "consultation would begin shortly" -> "When exactly will consultation begin?" (active verbs only)."""
    if subj is not None and subj.lower_ in ("it", "they") and verb.dep_ == "ccomp":
        said_by = next(
            (c for c in verb.head.children if c.dep_ == "nsubj"), None
        )  # "the council said it would"
        if said_by is not None and not w.is_pronoun(said_by):
            if (said_by.tag_ in ("NNS", "NNPS")) == (subj.lower_ == "they"):
                subj = said_by
    if subj is None or w.is_pronoun(subj) or verb.pos_ != "VERB":
        return None
    if subj.head.i != verb.i and subj.head.i != verb.head.i:
        return None
    if any(c.dep_ in ("auxpass", "neg") for c in verb.children) or verb.tag_ not in (
        "VB",
        "VBD",
        "VBZ",
        "VBP",
    ):
        return None
    subj_ids = {t.i for t in subj.subtree}
    rest = [
        t
        for t in verb.subtree
        if t.i > verb.i
        and t.i not in cue
        and t.i not in subj_ids
        and not any(a.i in cue for a in t.ancestors if a.i != verb.i)
    ]
    if any(
        t.dep_ in ("ccomp", "conj") or t.dep_ == "advcl" and not any(c.lower_ == "to" for c in t.children)
        for t in rest
    ):
        return None  # more than one clause: the quoted form reads better
    np = w.lower_first(w.phrase(subj, 8), subj)
    tail = w.span_text(rest)
    return w.cap(f"When exactly {when} {np} {verb.lemma_}{' ' + tail if tail else ''}?")


_QUANTITY_HEADS = frozenset(
    "number lot handful host raft slew series majority bulk hundred thousand dozen million "
    "billion score amount sum quantity".split()
)


_SIZE_HEADS = frozenset("area stretch part swathe swath portion proportion share".split())


def vague_number(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
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
    size = noun.lemma_.lower() in _SIZE_HEADS
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if size and of is not None and of.right_edge.i - noun.i <= 8:
        end = of.right_edge.i + 1  # "a large stretch of the River Clydach"
    start = s - 1 if s > sent.span.start and doc[s - 1].lower_ in ("a", "an") else s
    words = w.clean(doc[start:end].text)
    if start >= s:
        words = words[:1].lower() + words[1:]  # it starts with the cue word, a common word
    plural = noun.tag_ in ("NNS", "NNPS") or doc[s].lower_.endswith("s")
    places = lexicon.words("VAGUE_SCOPE", "nouns") | lexicon.words("VAGUE_SCOPE", "groups")
    if (
        plural
        and noun.lemma_.lower() in places
        and doc[s].lower_ in ("several", "numerous", "a", "countless")
    ):
        # "several roads", "several Muslim-majority states": which ones, not how many
        return hit(
            "VAGUE_NUMBER",
            sent,
            s,
            (
                f"Which {noun.lower_} exactly are meant by {w.quote(words)}?",
                f"Can the story name the {noun.lower_} it calls {w.quote(words)}?",
            ),
            e,
        )
    many = "many exactly are" if plural else "much exactly is"
    if size:
        many = "big exactly is"
    if len(words.split()) < 2:  # "millions" on its own
        return hit("VAGUE_NUMBER", sent, s, f"What is the actual figure behind {w.quote(words)}?", e)
    return hit("VAGUE_NUMBER", sent, s, f"How {many} {w.quote(words)}?", e)
