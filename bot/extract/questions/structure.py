"""Question rules read from sentence structure: unattributed first person, agentless forecasts, causes,
conditions, dated next steps, investigations and reported admissions."""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, Matches, hit, the
from bot.extract.questions.context import ParsedArticle, Sentence

_NOUN_OF = {
    "investigate": "investigation",
    "probe": "probe",
    "review": "review",
    "examine": "examination",
    "inquire": "inquiry",
    "audit": "audit",
}


def _first_person(t: Token) -> bool:
    """The pronoun "I" as a subject, not a Roman numeral ("Schedule I", "World War I")."""
    roman = t.i > 0 and t.doc[t.i - 1].is_title and not t.doc[t.i - 1].is_sent_start
    return t.text == "I" and t.tag_ == "PRP" and t.dep_ == "nsubj" and not roman


def first_person(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    if sent.attributed or sent.text.endswith("?") or sent.boilerplate:
        return None
    i = next(
        (t for t in sent.tokens if _first_person(t) and not sent.in_quote(t)),
        None,
    )
    if i is None:
        return None
    mine = [
        s
        for s in art.content
        if any(_first_person(t) and not s.in_quote(t) for t in s.tokens) and not s.attributed
    ]
    if len(mine) > 2:
        return None  # a first-person column, not a lost quote
    text = w.trim_words(w.clean(sent.text), 14)
    return hit(
        "FIRST_PERSON",
        sent,
        i.i,
        f"Who says {w.quote(text)}? It has no quote marks or attribution.",
    )


def forecast_no_source(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    verbs = lexicon.words("FORECAST_NO_SOURCE", "verbs")
    if any(p in sent.text.lower() for p in ("according to",)):
        return None
    for t in sent.tokens:
        if t.lemma_.lower() not in verbs or t.tag_ != "VBN" or sent.in_quote(t):
            continue
        if not any(c.dep_ == "auxpass" for c in t.children) or any(c.dep_ == "agent" for c in t.children):
            continue
        if any(c.dep_ == "xcomp" for c in t.children):
            continue  # "is expected to": the EXPECTED rule asks
        if sent.has_date and t.lemma_.lower() == "expect":
            continue  # "is expected on Wednesday": a schedule
        if any(x.lemma_.lower() in art.speech and x.i != t.i and x.pos_ == "VERB" for x in sent.tokens):
            continue
        subj = w.subject(t)
        if subj is None or w.is_pronoun(subj):
            continue
        np = w.decap(w.phrase(subj, 12))
        return hit(
            "FORECAST_NO_SOURCE",
            sent,
            t.i,
            f"Who {t.lower_} {np}?",
        )
    return None


def causal(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    conf = lexicon.rules()["CAUSAL"]
    low = sent.text.lower()
    doc = art.doc
    for cue in conf["phrases"]:
        at = low.find(cue + " ")
        if at < 0:
            continue
        start = sent.start + at
        tok = next((t for t in sent.tokens if t.idx >= start), None)
        if tok is None:
            continue
        if cue == "down to" and not any(t.lemma_.lower() == "put" for t in sent.tokens):
            continue
        after = doc[tok.i + len(cue.split())] if tok.i + len(cue.split()) < len(doc) else None
        if after is not None and after.tag_ == "VB":
            continue  # "is due to premiere": a schedule, not a cause
        if (
            any(x in low[max(0, at - 30) : at] for x in ("anonymity", "sensitivity"))
            or "sensitivity" in low[at : at + 40]
        ):
            continue
        n = len(cue.split())
        objs = [
            c
            for x in doc[tok.i : tok.i + n]
            for c in x.children
            if c.dep_ in ("pobj", "pcomp") and c.i >= tok.i + n
        ]
        if not objs:
            continue
        pobj = max(objs, key=lambda c: c.right_edge.i)
        if w.is_pronoun(pobj) or pobj.lower_ in ("anything", "something", "nothing", "everything", "that"):
            continue
        cause = w.clean(doc[tok.i : pobj.right_edge.i + 1].text)
        cause = w.trim_words(cause, 16)
        return hit(
            "CAUSAL",
            sent,
            tok.i,
            f"What evidence backs the explanation {w.quote(cause)}?",
        )
    return None


def conditional(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    verbs = lexicon.words("CONDITIONAL", "verbs")
    events = lexicon.words("CONDITIONAL", "events")
    for t in sent.tokens:
        if t.lower_ != "if" or t.dep_ != "mark":
            continue
        cond_verb = t.head
        main = cond_verb.head
        lemma = cond_verb.lemma_.lower()
        if main.i == cond_verb.i or lemma not in verbs or (sent.in_quote(t) and lemma not in events):
            continue
        subj = next((c for c in cond_verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or w.is_pronoun(subj) or subj.tag_ == "PRP$":
            continue
        if any(x.lower_ in ("you", "your") for x in cond_verb.subtree):
            continue
        cond = w.clause(cond_verb, sent.span, skip={t.i})
        if len(cond.split()) < 3:
            continue
        return hit("CONDITIONAL", sent, t.i, f"What exactly would happen if {cond}?")
    return None


def future_dated(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    if not sent.has_date or sent.attributed:
        return None
    for t in sent.tokens:
        if t.lower_ not in ("will", "'ll") or t.tag_ != "MD" or sent.in_quote(t):
            continue
        verb = t.head
        if verb.lemma_.lower() not in lexicon.words("FUTURE_DATED", "verbs"):
            continue
        date = next(
            (
                e
                for e in sent.ents
                if e.label_ == "DATE"
                and e.root.head.i in (verb.i,)
                or e.label_ == "DATE"
                and e.root.head.head.i == verb.i
            ),
            None,
        )
        if date is None:
            continue
        has_prep = date.root.head.dep_ == "prep"
        prep = date.root.head.text + " " if has_prep else ""
        skip = set(range(date.start, date.end)) | ({date.root.head.i} if has_prep else set())
        text = w.decap(w.clause(verb, sent.span, skip=skip))
        return hit(
            "FUTURE_DATED",
            sent,
            t.i,
            f"What outcome is expected {prep}{date.text} ({text})?",
        )
    return None


def investigation(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    cue = next(((s, e) for r, s, e in m if r == "INVESTIGATION"), None)
    if cue is not None and sent.span.doc[cue[1] - 1].lower_ == "into":
        # "the council said it would look into the complaints"
        doc = sent.span.doc
        into_tok = doc[cue[1] - 1]
        pobj = next((c for c in into_tok.children if c.dep_ == "pobj"), None)
        subj = w.subject(into_tok.head)
        if subj is not None and w.is_pronoun(subj):
            _, subj = w.reported(sent.span, art.speech)
        if pobj is None or subj is None or w.is_pronoun(subj):
            return None
        what = w.lower_first(w.phrase(pobj, 10), pobj)
        return hit(
            "INVESTIGATION",
            sent,
            cue[0],
            f"Who at {w.party(subj)} will look into {what}, and when will they report back?",
        )
    if cue is not None:
        probe = sent.span.doc[cue[0]]
        prep = next((c for c in probe.children if c.dep_ == "prep" and c.lower_ in ("into", "of")), None)
        topic = f" {prep.lower_} {w.phrase(prep, 10).split(' ', 1)[-1]}" if prep is not None else ""
        return hit(
            "INVESTIGATION",
            sent,
            cue[0],
            f"Who is leading the {probe.lower_}{topic}, and when is it expected to report?",
        )
    verbs = lexicon.words("INVESTIGATION", "verbs")
    for t in sent.tokens:
        if t.lemma_.lower() not in verbs or t.pos_ != "VERB":
            continue
        future = any(c.lower_ in ("will", "would", "'ll") for c in t.children)
        ongoing = t.tag_ == "VBG" and any(
            c.dep_ == "aux" and c.lower_ in ("is", "are", "am", "'s", "'re", "been") for c in t.children
        )
        if not (future or ongoing):
            continue
        noun = _NOUN_OF.get(t.lemma_.lower(), "investigation")
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        into = f" into {w.lower_first(w.phrase(obj, 10), obj)}" if obj is not None else ""
        if noun in ("review", "examination", "audit") and into:
            into = " of" + into[5:]
        lead = "will lead" if future else "is leading"
        return hit(
            "INVESTIGATION", sent, t.i, f"Who {lead} the {noun}{into}, and when is it expected to report?"
        )
    return None


def admission(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    verbs = lexicon.words("ADMISSION", "verbs")
    for t in sent.tokens:
        if t.lemma_.lower() not in verbs or t.pos_ != "VERB":
            continue
        to = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        if to is None and t.lemma_.lower() != "confess":
            continue
        if t.dep_ == "ROOT":
            continue  # the speaker's own admission is a quote, not a reported confession
        subj = w.subject(t)
        if subj is None or w.is_pronoun(subj):
            continue
        who = w.phrase(subj, 6)
        return hit(
            "ADMISSION",
            sent,
            t.i,
            f"How was {w.possessive(who)} reported admission made and recorded?",
        )
    return None


def plan(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    doc = art.doc
    for rule, s, e in m:
        if rule != "PLAN":
            continue
        verb = doc[s]
        if verb.tag_ not in ("VBZ", "VBP", "VBG") or any(
            c.tag_ == "VBD" for c in verb.children if c.dep_ == "aux"
        ):
            continue  # "the gunman planned to ...": a past plan is a fact of the story, not a pending one
        goal = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        subj = w.subject(verb)
        if goal is None or subj is None or w.is_pronoun(subj) or sent.in_quote(verb):
            continue
        if not w.is_actor(subj, lexicon.words("EFFORT", "actors")):
            continue
        vp = w.trim_words(w.span_text([t for t in goal.subtree if t.i > s + 1 or t.i == goal.i]), 14)
        who = w.possessive(w.lower_first(w.phrase(subj, 8), subj))
        return hit("PLAN", sent, s, f"Is {who} plan to {vp} final?", e)
    return None


def measure(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    if sent.has_date:
        return None
    nouns = lexicon.words("MEASURE", "nouns")
    verbs = lexicon.words("MEASURE", "verbs")
    for t in sent.tokens:
        if t.lemma_.lower() not in nouns or t.pos_ != "NOUN" or sent.in_quote(t):
            continue
        in_force = t.dep_ == "nsubj" and any(
            p in sent.text.lower() for p in ("in place", "in force", "into effect")
        )
        if t.dep_ in ("dobj", "nsubjpass") and t.head.lemma_.lower() in verbs or in_force:
            words = doc_slice(t)
            np = the(w.lower_first(w.span_text(words), words[0]))
            last = "they" if t.tag_ == "NNS" else "it"
            return hit(
                "MEASURE",
                sent,
                t.i,
                f"When did {np} start, how long will {last} last, and how will {last} be enforced?",
            )
    return None


def doc_slice(t):  # noqa: ANN001, ANN201 - a Token in, its left modifiers and itself out
    """The noun with the words before it in its phrase: 'a sprinkler ban'."""
    return [x for x in t.doc[t.left_edge.i : t.i + 1] if not x.is_space]
