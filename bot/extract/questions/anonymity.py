"""Rules about who stands behind a claim: a source that is not named (anonymity) and a claim that nobody
is said to make (attribution), worded from the sentence's own subject and the description of the source.

Each looks at one sentence with the cue matches found in it and may return one Hit (wording.py).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, Matches, hit, name_ask, speaker, the
from bot.extract.questions.context import ParsedArticle, Sentence, is_number


def anonymous(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "ANONYMOUS"), None)
    listed = art.source_of.get(sent.index)
    if cue is None:
        if listed is None:
            return None
        # Named by the sources layer but with no anonymity phrase: ask for the name.
        rule = "UNNAMED_OFFICIAL" if listed.kind == "unnamed_official" else "ANON_LISTED"
        at = art.doc.char_span(listed.start, listed.end, alignment_mode="expand")
        if _ordinary(listed.description):
            return None  # "Residents said ...", "one parent said ...": a vox pop, not a source to name
        words = listed.description.lower().split()
        if words and words[0] == "the" and any(words[-1] in t.split() for t in art.official_titles):
            return None  # "the minister said" after the minister is named
        if words and words[0] == "the" and words[-1] in lexicon.words("ANON_LISTED", "institutions"):
            return None  # "the medicines regulator said": a body speaking as itself
        i = at.start if at is not None else sent.span.start
        desc = w.lower_first(listed.description, art.doc[i]) if at is not None else listed.description
        return hit(rule, sent, i, name_ask(art, sent, the(desc)))
    doc = art.doc
    nouns = lexicon.words("UNNAMED_OFFICIAL", "nouns") | {"people", "source", "insider", "circle"}
    according = next((t for t in sent.tokens if t.lower_ == "according"), None)
    if according is not None:
        pobj = next((x for x in according.subtree if x.dep_ == "pobj"), None)
        head = w.content_verb(according.head)
        text = w.clause(head, sent.span, skip={x.i for x in according.subtree})
        descriptor = w.lower_first(w.phrase(pobj, 10), pobj) if pobj is not None else "unnamed sources"
        descriptor = w.lower_first(listed.description) if listed is not None else descriptor
    else:
        verb = _speech_of(art, sent, cue[0])
        descriptor = "unnamed sources"
        for t in sent.tokens:
            if t.lemma_.lower() in nouns and t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ != "PERSON":
                descriptor = w.lower_first(w.phrase(t, 10), t)
                break
        own = w.subject(verb) if verb is not None else None
        if (
            own is not None
            and not w.is_pronoun(own)
            and own.ent_type_ not in ("PERSON", "ORG")
            and own.left_edge.i <= cue[0] <= own.right_edge.i
        ):
            # "A former coach, who asked not to be named, said ...": the speaker the cue describes
            descriptor = w.lower_first(w.phrase(own, 10), own)
        elif listed is not None:
            at = doc.char_span(listed.start, listed.end, alignment_mode="expand")
            descriptor = w.lower_first(listed.description, at[0] if at is not None and len(at) else None)
        what = w.content_of_speech(verb) if verb is not None else None
        text = w.clause(what, sent.span) if what is not None else w.clause(doc[cue[0]], sent.span)
    if descriptor.lower() in ("sources", "people", "officials"):
        descriptor = "unnamed " + descriptor.lower()
    if not _a_claim(text, doc[cue[0] : cue[1]], sent):
        # The clause found is the anonymity phrase itself ("speaking on condition of anonymity because …")
        # or ends on a dangling conjunction: ask who the source is instead of quoting a broken claim.
        return hit("ANONYMOUS", sent, cue[0], (_who_is(descriptor),), cue[1])
    return hit(
        "ANONYMOUS",
        sent,
        cue[0],
        (
            f"Beyond {descriptor}, can anyone confirm on the record that {w.decap(text)}?",
            f"Will {_any_of(descriptor)} say on the record that {w.decap(text)}?",
            f"Is there a named source or a document showing that {w.decap(text)}?",
        ),
        cue[1],
    )


def _a_claim(text: str, cue: Span, sent: Sentence) -> bool:
    """Whether ``text`` (the clause a question would quote as the source's claim) reads as a claim: it does
    not hold the anonymity phrase (``cue``), and it neither starts nor ends on a conjunction or preposition
    left hanging ("… because", "on condition of …")."""
    words = text.lower().strip(" ,.;:").split()
    if len(words) < 3 or cue.text.lower() in text.lower():
        return False
    cue_words = {t.lower_ for t in cue if t.is_alpha and not t.is_stop}
    if cue_words and cue_words <= set(words):
        return False
    pos = {t.lower_: t.pos_ for t in sent.tokens}
    return pos.get(words[-1]) not in ("CCONJ", "SCONJ", "ADP") and pos.get(words[0]) not in ("CCONJ", "ADP")


def _who_is(descriptor: str) -> str:
    """The question for an unnamed source whose claim cannot be worded: who it is, and why it is unnamed."""
    if _plural(descriptor):
        return f"Who exactly are {the(descriptor)}, and why are they not named?"
    return f"Who exactly is {the(descriptor)}, and why is the source not named?"


def _plural(descriptor: str) -> bool:
    """Whether a source's description names several people: two coordinated descriptions ("one aide and a
    second aide"), or a head noun in the plural, the head being the last word before a modifier that
    follows it ("workers at the plant", "officials familiar with …")."""
    words = descriptor.lower().split()
    if "and" in words:
        return True
    head = []
    for word in words:
        if word in _POSTMODIFIERS:
            break
        head.append(word)
    return bool(head) and head[-1].endswith("s") and not head[-1].endswith("ss")


_POSTMODIFIERS = frozenset(
    "at of in with from on to for who which that familiar close briefed knowledgeable".split()
)


def _any_of(descriptor: str) -> str:
    """ "any of the officials" for a group, "the official" for one."""
    plural = descriptor.split()[-1].endswith("s") if descriptor.split() else False
    return f"any of {the(descriptor)}" if plural else the(descriptor)


def _speech_of(art: ParsedArticle, sent: Sentence, at: int) -> Token | None:
    """The reporting verb the anonymity cue belongs to: the one whose subject holds the cue, else the
    nearest."""
    verbs = [
        t
        for t in sent.tokens
        if t.lemma_.lower() in art.speech
        and t.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
    ]
    for v in verbs:
        subj = next(c for c in v.children if c.dep_ in ("nsubj", "nsubjpass"))
        if subj.left_edge.i <= at <= subj.right_edge.i:
            return v
    return min(verbs, key=lambda v: abs(v.i - at)) if verbs else None


def _ordinary(description: str) -> bool:
    """A description of members of the public ("Witnesses", "some residents", "one parent")."""
    words = [x for x in description.lower().replace(",", " ").split() if x.isalpha()]
    if not words or len(words) > 4:
        return False
    people = lexicon.words("ANON_LISTED", "ordinary_people")
    last = words[-1]
    forms = {last, last[:-1], last[:-2], last[:-3] + "y"} if last.endswith("s") else {last}
    return bool(forms & people) or last in ("men", "women", "children")


def unattributed(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "UNATTRIBUTED"), None)
    if cue is None:
        return None
    doc = art.doc
    s, e = cue
    if doc[s].lower_ == "according":
        src = w.trim_words(w.clean(doc[s + 2 : e].text), 6)
        text = w.clause(doc[s].head, sent.span, skip={t.i for t in doc[s].subtree})
        if len(text.split()) < 3:
            return None
        return hit(
            "UNATTRIBUTED",
            sent,
            s,
            f"Which {src} exactly say that {w.decap(text)}?",
            e,
        )
    if any(
        t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" for t in sent.tokens
    ):
        return None  # "is estimated at X, according to Y": the source is named
    head = w.content_verb(doc[e - 1])
    group = _group_claim(art, sent, s, e, head)
    if group is not None:
        return group
    skip = set(range(s, e))
    adverb = doc[s].pos_ == "ADV" and e - s == 1
    small = next((c for c in head.children if c.dep_ == "nsubj"), None) if head.pos_ == "ADJ" else None
    if adverb and small is not None and sent.index in art.lede and not w.is_pronoun(small):
        # "with more than 40 MPs reportedly ready to vote against it": a claim in a small clause
        be = "are" if small.tag_ in ("NNS", "NNPS") or any(is_number(x) for x in small.subtree) else "is"
        subj_ids = {x.i for x in small.subtree}
        rest = [x for x in head.subtree if x.i not in subj_ids and x.i != s]
        text = f"{w.span_text(list(small.subtree))} {be} {w.span_text(rest)}"
        count = any(is_number(x) for x in small.subtree)
        if count:
            return hit("UNATTRIBUTED", sent, s, f"Who says {w.decap(text)}?", e)
        return hit(
            "UNATTRIBUTED",
            sent,
            s,
            f"Who says {w.decap(text)}?",
            e,
        )
    if adverb and head.dep_ not in ("ROOT", "ccomp"):
        return None  # "the visuals reportedly circulated": a side detail, not the story's claim
    said, said_by = w.reported(sent.span, art.speech)
    if (
        adverb
        and doc[s].lower_ in ("allegedly", "reportedly", "purportedly")
        and said is not None
        and said_by is not None
        and said.i < s
        and head.i in {t.i for t in said.subtree}
        and not w.is_pronoun(said_by)
        and (said_by.ent_type_ in ("PERSON", "ORG") or said_by.pos_ == "PROPN")
    ):
        # "the police chief said the engineer had allegedly approved it": the speaker's allegation
        if w.embedded_question(head) or any(w.embedded_question(a) for a in head.ancestors if a.i > said.i):
            return None  # "said why it was reportedly cut": no claim to back up
        text = w.decap(w.clause(head, sent.span, skip))
        who = w.party(said_by)
        return hit("UNATTRIBUTED", sent, s, f"What evidence does {who} have that {text}?", e)
    if adverb and head.lemma_.lower() in art.speech:
        # "he reportedly said": the words themselves come second hand.
        who = speaker(art, sent, doc[s]) or "the speaker"
        return hit(
            "UNATTRIBUTED",
            sent,
            s,
            f"Can we confirm these words with {who} directly? They are reported second hand.",
            e,
        )
    if doc[s].lower_ == "it":
        # "it is believed (that) X": ask about X.
        content = next((c for c in head.children if c.dep_ == "ccomp"), None)
        if content is not None:
            return hit(
                "UNATTRIBUTED",
                sent,
                s,
                f"Who says {w.decap(w.clause(content, sent.span, skip))}?",
                e,
            )
    subj = w.subject(head)
    if not adverb and doc[s].lower_ != "it":
        said_by = next(
            (
                c
                for v in sent.tokens
                if v.lemma_.lower() in art.speech and v.pos_ in ("VERB", "AUX") and not s <= v.i < e
                for c in v.children
                if c.dep_ == "nsubj"
            ),
            None,
        )  # the sentence's own speaker, not the cue's "is believed"
        if said_by is not None and (
            said_by.ent_type_ in ("PERSON", "ORG")
            or said_by.pos_ == "PROPN"
            or said_by.lemma_.lower() in lexicon.words("ANON_LISTED", "institutions")
        ):
            return None  # a named speaker or a body in the same sentence is attribution enough
    if doc[e - 1].lower_ == "to" and doc[e - 2].lower_ in _BELIEF:
        # "The wage bill is thought to be more than double its income": who thinks so?
        holder = w.subject(doc[e - 2])
        goal = next((c for c in doc[e - 2].children if c.dep_ == "xcomp"), None)
        if holder is not None and not w.is_pronoun(holder) and goal is not None:
            np = w.lower_first(w.phrase(holder, 10), holder)
            vp = w.trim_words(w.span_text([t for t in goal.subtree if t.i >= e - 1]), 16)
            return hit(
                "UNATTRIBUTED",
                sent,
                s,
                f"Who {_BELIEF[doc[e - 2].lower_]} {np} {vp}?",
                e,
            )
    if doc[e - 1].lower_ == "to":
        skip = set()  # "is said to be coming": the clause needs its verb
        subj = None
    text = w.clause(doc[s], sent.span, skip)
    if subj is not None and not w.is_pronoun(subj):
        text = text[:1].lower() + text[1:] if not (subj.pos_ == "PROPN" or subj.ent_type_) else text
        return hit(
            "UNATTRIBUTED",
            sent,
            s,
            f"Who says {text}?",
            e,
        )
    return hit(
        "UNATTRIBUTED",
        sent,
        s,
        f"Who is the source for {w.quote(text)}?",
        e,
    )


_BELIEF = {
    "thought": "thinks",
    "believed": "believes",
    "understood": "understands",
    "reported": "reports",
    "rumoured": "says",
    "rumored": "says",
    "alleged": "alleges",
    "feared": "fears",
    "estimated": "estimates",
}


def _group_claim(art: ParsedArticle, sent: Sentence, s: int, e: int, verb: Token) -> Hit | None:
    """ "Some analysts believe X", "Experts say X": which of them, and on what evidence (or by how much)?"""
    doc = art.doc
    group = next((t for t in doc[s:e] if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == verb.i), None)
    if (
        group is None
        or group.lemma_.lower() not in lexicon.words("UNATTRIBUTED", "groups")
        and group.lower_ not in (lexicon.words("UNATTRIBUTED", "groups"))
    ):
        return None
    if any(c.dep_ in ("prep", "appos", "relcl", "acl") for c in group.children):
        return None  # "analysts at Barclay Hume", "experts who studied it": described well enough
    content = w.content_of_speech(verb)
    if content is None:
        return None
    mods = [
        t
        for t in doc[group.left_edge.i : group.i]
        if t.lower_ not in ("some", "many", "most", "several", "other")
    ]
    noun = w.clean(" ".join([m.text for m in mods] + [group.text]))
    noun = w.lower_first(noun, doc[mods[0].i] if mods else group)
    claim = w.decap(w.clause(content, sent.span, limit=18))
    cut = claim.find(", because")
    claim = claim[:cut] if cut > 0 else claim
    verb_word = verb.lemma_.lower() if verb.lemma_.lower() != "say" else "say"
    if any(
        t.lower_ in lexicon.words("UNATTRIBUTED", "comparatives") and t.head.lemma_ == "be"
        for t in content.subtree
    ):
        tail = "and by how much?"
        return hit("UNATTRIBUTED", sent, s, f"Which {noun} {verb_word} {claim}, {tail}", e)
    return hit("UNATTRIBUTED", sent, s, f"Which {noun} {verb_word} {claim}?", e)
