"""Questions worded from a sentence's own actor, figure or thing when no rule in questions_cues.json asked
about it (issue #13): an unnamed group as the voice, a claim on one voice, a figure with no source, a plan
with no date, an accused party that answers nowhere in the story; the asks about events are in events.py.
Each asks one thing; None abstains."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from bot.extract.questions import events, intents, lexicon, pending
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, antecedent, hit
from bot.extract.questions.context import ParsedArticle, Sentence, is_number
from bot.extract.questions.figures import _figure_words, counts_nothing
from bot.extract.questions.rank import unnamed_speaker

_ACCUSE = {
    "accuse": "accusation",
    "allege": "allegation",
    "blame": "blame",
    "criticise": "criticism",
    "criticize": "criticism",
    "condemn": "condemnation",
    "denounce": "condemnation",
    "fault": "criticism",
    "sue": "lawsuit",
}
_ANSWER = frozenset({"say", "deny", "respond", "reply", "reject", "dispute", "defend", "insist", "comment"})
_FUTURE = frozenset({"will", "'ll", "\u2019ll", "shall"})
_DOUBT = frozenset(
    {
        "one_side",
        "approximate",
        "possibility",
        "negated_knowledge",
        "accusation",
        "vague_amount",
    }
)


def strong_ask(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """The ask of a trigger strong on its own (issues the story says are open, someone it cannot name, people
    missing or searched for, an internal document, unnamed estimates, a question the story leaves open, a
    measure moved with no size, an accused party never heard, an event put off with no new date), whatever
    the sentence's score."""
    strong = (
        events.open_items,
        events.unidentified,
        events.missing,
        events.searching,
        events.internal,
        events.vague_source,
        events.asked,
        events.unsized,
        events.not_yet,
        intents.intent,
        intents.still_not,
        intents.unanswered_call,
        intents.changed_account,
        intents.uncharged,
        pending.awaited,
        pending.under_way,
        pending.legal_next,
        pending.put_off,
    )
    for make in (*strong, _no_response):
        needs = _NEEDS.get(make)
        if needs is not None and needs not in names:
            continue
        found = make(art, sent, names)
        if found is not None:
            return found
    return events.halted(sent) if "next_step" in names else None


Maker = Callable[[ParsedArticle, Sentence, set[str]], "Hit | None"]


def ask(art: ParsedArticle, sent: Sentence, names: set[str], last_resort: bool = False) -> Hit | None:
    """The question this sentence's strongest signal asks, worded from the sentence; None to abstain. With
    ``last_resort`` (a weak sentence, asked about only when a story is short of questions) any claim on one
    voice may be asked about."""
    makers: tuple[Maker, ...] = (events.open_items, events.unidentified, events.charged, events.missing)
    makers += (events.nobody, events.not_yet, events.searching, events.asked, events.internal)
    makers += (events.vague_source, _group, _no_response, _figure, events.unsized, _claim, _plan)
    makers += (pending.awaited, pending.under_way, pending.legal_next, pending.put_off)
    makers += (events.talks, events.contents, events.next_step, intents.intent)
    makers += (intents.still_not, intents.unanswered_call, intents.changed_account)
    makers += (intents.uncharged, _named_claim)
    if last_resort:
        names = names | {"one_side"}  # to fill a story short of questions, any one-voice claim may be asked
    for make in makers:
        needs = _NEEDS.get(make)
        if needs is not None and needs not in names:
            continue  # the signal the ask is about is not in the sentence: skip the token walk
        found = make(art, sent, names)
        if found is not None:
            return found
    return None


# The signal (questions_signals.json) an ask needs before it is worth trying: a cheap gate on the token walk.
_NEEDS: dict[Maker, str] = {
    events.searching: "searched_for",
    events.asked: "asked_about",
    events.missing: "missing_people",
    events.not_yet: "yet",
    events.unsized: "moved",
    events.charged: "next_step",
    events.nobody: "negated_knowledge",
    events.internal: "one_side",
    events.vague_source: "vague_amount",
    events.talks: "plan",
    events.contents: "plan",
}


def _group(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """An unnamed group as the speaker: "Which county officials said the search was over?"."""
    if "unnamed_speaker" not in names:
        return None
    t = unnamed_speaker(art, sent)
    if t is None:
        return None
    np = w.phrase(t, 8)
    if len(np.split()) > 6:
        return None
    np = w.lower_first(np, t)
    if t.dep_ == "pobj":  # "according to eight pollsters"
        return hit("UNNAMED_GROUP", sent, t.i, f"Which {_bare(np)} exactly does the story rely on?")
    what = w.content_of_speech(t.head)
    if what is None or w.embedded_question(what):
        return None
    clause = _dangling(w.lower_lead(w.clause(what, sent.span, limit=16), sent.span))
    if len(clause.split()) < 3:
        return None
    that = "" if clause.lower().startswith("that ") else "that "
    verb = t.head
    # "told reporters that ...": the verb's own object stays with it; "told that ..." alone reads as "said"
    told = [c for c in verb.children if c.dep_ in ("dobj", "dative") and verb.i < c.i < what.left_edge.i]
    said = " ".join([verb.text, *(w.phrase(c, 4) for c in told)])
    if verb.lemma_.lower() == "tell" and not told:
        said = "said" if verb.tag_ in ("VBD", "VBN") else "say"
    return hit("UNNAMED_GROUP", sent, t.i, f"Which {_bare(np)} {said} {that}{w.decap(clause)}?")


_DANGLING = frozenset("not the a an of and or but to in on for with by as that which who".split())


def _dangling(clause: str) -> str:
    """A clause without the function words left hanging where a part of it was cut ("..., not")."""
    words = clause.rstrip(" ,;:").split()
    while len(words) > 3 and words[-1].lower().strip(",") in _DANGLING:
        words = words[:-1]
    return " ".join(words).rstrip(" ,;:")


def _bare(np: str) -> str:
    words = np.split()
    while words and words[0].lower() in ("the", "some", "many", "several", "a", "most", "other"):
        words = words[1:]
    return " ".join(words) or np


def _no_response(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A named party accused or criticised, who answers nowhere in the story: "Has X responded?"."""
    if "accusation" not in names:
        return None
    for t in sent.tokens:
        noun = _ACCUSE.get(t.lemma_.lower())
        if noun is None or t.pos_ != "VERB" or sent.in_quote(t):
            continue
        target = next((c for c in t.children if c.dep_ == "dobj"), None)
        by = w.subject(t)
        if target is None or by is None or w.is_pronoun(target) or not _party(target):
            continue
        if _answers(art, target):
            return None
        who = w.party(target, 6)
        accuser = w.party(by, 6) if not w.is_pronoun(by) else None
        whose = f"{w.possessive(accuser)} {noun}" if accuser else f"the {noun}"
        return hit("NO_REPLY", sent, t.i, f"Has {who} responded to {whose}?")
    return None


def _party(t: Token) -> bool:
    """A named person or body, or an institution named by its common noun ("the council")."""
    return t.ent_type_ in ("PERSON", "ORG") or t.lemma_.lower() in lexicon.words(
        "ANON_LISTED", "institutions"
    )


def _answers(art: ParsedArticle, target: Token) -> bool:
    """True when the target speaks, denies or responds somewhere in the story."""
    key = target.lemma_.lower()
    for s in art.content:
        for t in s.tokens:
            if t.lemma_.lower() in _ANSWER and t.pos_ == "VERB":
                subj = w.subject(t)
                if subj is not None and subj.lemma_.lower() == key:
                    return True
    return False


def _figure(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """An approximate or unsourced figure: who gives it, or how the named source arrived at it."""
    if "figure" not in names or not ({"approximate", "unsourced_figure"} & names):
        return None
    nums = [t for t in sent.tokens if is_number(t) and not sent.in_quote(t) and _worth(t)]
    if not nums:
        return None
    t = nums[0]
    fig = _figure_words(t)
    if len(fig.split()) > 9 or t.ent_type_ not in ("MONEY", "PERCENT") and not _names_a_thing(fig, t):
        return None  # "the 40": a figure that says nothing of what it counts
    if sent.attributed:
        who = _source_of(art, sent)
        if who is None:
            return None
        return hit("OPEN_FIGURE", sent, t.i, f"How did {who} arrive at {w.quote(fig)}?")
    wordings = (f"Who gives the figure of {fig}?", f"Where does the figure of {fig} come from?")
    return hit("OPEN_FIGURE", sent, t.i, wordings)


def _source_of(art: ParsedArticle, sent: Sentence) -> str | None:
    """Who the sentence's claim is attributed to, when the parse says so (never a guess)."""
    according = next((t for t in sent.tokens if t.lower_ == "according" and not sent.in_quote(t)), None)
    if according is not None:
        found = _according(sent, according)
        return found[1] if found is not None else None
    _, by = w.reported(sent.span, art.speech)
    if by is None:
        return None
    return _voice(by) if not w.is_pronoun(by) else art.quoted_speaker(sent)


def _names_a_thing(fig: str, t: Token) -> bool:
    """The figure's words name what it counts: a word beside the number that is no determiner."""
    return any(x.lower() not in _DETERMINERS and x != t.text for x in fig.split())


_DETERMINERS = frozenset("the a an this that these those its their his her our my your".split())


def _worth(t: Token) -> bool:
    """A figure worth sourcing: money, a share, or a count above a handful (no years, no ages)."""
    if t.ent_type_ in ("MONEY", "PERCENT"):
        return True
    if counts_nothing(t):
        return False
    digits = t.text.replace(",", "")
    if digits.isdigit():
        return int(digits) >= 10 and not (len(digits) == 4 and 1900 <= int(digits) <= 2100)
    return t.lower_ in ("hundreds", "thousands", "million", "millions", "billion", "dozen", "dozens")


def _plan(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """Something that will or is expected to happen, with no date given: when will it?"""
    if not ({"futurity", "plan"} & names) or sent.has_date:
        return None
    for t in sent.tokens:
        if t.lower_ not in _FUTURE and not (t.lower_ == "to" and t.head.dep_ == "xcomp" and t.i > 0):
            continue
        verb = t.head
        if verb.pos_ != "VERB" or sent.in_quote(t):
            continue
        if t.lower_ == "to" and t.doc[t.i - 1].lemma_.lower() not in ("expect", "plan", "set", "due", "aim"):
            continue
        subj = w.subject(verb)
        if subj is not None and w.is_pronoun(subj):
            subj = antecedent(art, sent, subj) or subj
        if subj is None or w.is_pronoun(subj) or subj.lower_ in _FIRST:
            continue
        if not (subj.ent_type_ in ("PERSON", "ORG", "GPE") or intents.is_agent(subj)):
            continue  # "the stance will protect consumers": no one who can set a date
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "prep", "xcomp")), None)
        rest = w.phrase(obj, 8) if obj is not None else ""
        if not rest or verb.lemma_.lower() in _STATIVE:
            continue  # "the warehouse will remain", "will continue to remind": a state, no event to date
        if (
            rest.endswith("\u2026")
            or subj.tag_ not in ("NNP", "NNPS")
            and not any(c.dep_ in ("det", "poss") for c in subj.children)
        ):
            continue  # a phrase cut short, or a bare plural ("passages") the question cannot name
        who = w.party(subj, 6)
        q = f"When will {who} {verb.lemma_} {rest}".strip()
        if len(q.split()) > 18 or len(q.split()) < 4:
            continue
        return hit("OPEN_PLAN", sent, verb.i, q + "?")
    return None


_FIRST = frozenset({"i", "we", "you"})
_STATIVE = frozenset({"remain", "stay", "be", "continue", "exist", "last", "stand", "keep"})


def _named_claim(art: ParsedArticle, sent: Sentence, names: set[str]) -> Hit | None:
    """A named person or body's claim about someone or something else, with no other voice, when nothing
    more specific was asked of the sentence ("Brass told the channel that Heuermann named other people"):
    can anyone else confirm it? On unseen articles editors flag such one-voice claims whatever their
    wording (issue #13); it ranks below the asks that name what is open (``generic``)."""
    if _DOUBT & names or not _full_story(art):
        return None  # _claim has read it already; a brief is asked about only where a signal is strong
    if any(t.tag_ == "MD" and t.lower_ in _NORMATIVE for t in sent.tokens):
        return None  # "the price should be around P3,000": an opinion, nothing to confirm
    found = _claim(art, sent, names | {"one_side"}, named_only=True)
    return replace(found, generic=True) if found is not None else None


def _full_story(art: ParsedArticle) -> bool:
    found = art.__dict__.get("_full_story")
    if found is None:
        found = art.__dict__["_full_story"] = len(art.text.split()) >= 250
    return bool(found)


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NORMATIVE = frozenset({"should", "must", "ought", "can"})


def _claim(art: ParsedArticle, sent: Sentence, names: set[str], named_only: bool = False) -> Hit | None:
    """A claim resting on one voice: can anyone else confirm it? A claim with no voice ("it was noted that
    ..."): who says so? With ``named_only``, only a claim a named person or body makes in a reporting
    clause."""
    if sent.mostly_quoted or not (_DOUBT & names):
        return None  # "the mayor said the money would pay for 40 buses": routine attribution
    according = next((t for t in sent.tokens if t.lower_ == "according" and not sent.in_quote(t)), None)
    if according is not None:
        found = _according(sent, according) if not named_only else None
        if found is None:
            return None
        clause, who = found
        verb = according
    else:
        said, by = w.reported(sent.span, art.speech)
        what = w.content_of_speech(said) if said is not None else None
        if said is None or by is None or what is None or sent.in_quote(what) or not _has_subject(what):
            return None
        if named_only and not _named_voice(art, sent, by):
            return None
        if w.embedded_question(what):
            return None  # "explained why the show was cut": a question the speaker answers, not a claim
        verb = said
        if _about_self(what, by) or any(sent.in_quote(x) for x in what.subtree):
            return None  # about the speaker, or in the speaker's own words: an opinion, nothing to confirm
        if what.tag_ not in _FINITE and not any(c.tag_ in _FINITE for c in what.children):
            return None  # "… Macy said, ash to bring …": no clause a second source could confirm
        if sum(x.is_alpha for x in what.subtree) < 3 or any(
            a.dep_ == "relcl" for a in [verb, *verb.ancestors]
        ):
            return None  # "a role that Israel said it opposes": an aside, not the sentence's claim
        clause = w.lower_lead(w.clause(what, sent.span, limit=14), sent.span)
        if by.lower_ == "it" and by.dep_ == "nsubjpass":  # "it was noted that ..."
            return _ok(sent, verb, f"Who {verb.text} that {w.decap(clause)}?", clause)
        who = _voice(by) if not w.is_pronoun(by) else art.quoted_speaker(sent)
    if who is None:
        return None
    subject = w.subject(what) if according is None and what is not None else None
    if subject is not None and subject.text in who.split():
        return None  # "Featherston said Featherston still likes him": the speaker on themselves
    wordings = (
        f"Can anyone besides {who} confirm that {w.decap(clause)}?",
        f"Is there a second source, beyond {who}, for the claim that {w.decap(clause)}?",
        f"What backs up the account of {who} that {w.decap(clause)}?",
    )
    return _ok(sent, verb, wordings, clause)


def _named_voice(art: ParsedArticle, sent: Sentence, by: Token) -> bool:
    """The speaker is a named person or body (a pronoun the quote layer resolved to a name counts)."""
    if w.is_pronoun(by):
        return art.quoted_speaker(sent) is not None
    return by.ent_type_ in ("PERSON", "ORG") or any(c.ent_type_ == "PERSON" for c in by.children)


def _according(sent: Sentence, according: Token) -> tuple[str, str | None] | None:
    """("the claim", "its source") around "according to": the source is the noun or name after "to", the
    claim the clause on the other side of the comma (read from the commas, which survive a bad parse)."""
    toks = sent.tokens
    k = according.i - sent.span.start
    after = [t for t in toks[k + 2 : k + 10]]
    stop = next((j for j, t in enumerate(after) if t.text in (",", ".", ";")), len(after))
    source = [t for t in after[:stop] if not t.is_space]
    if not source:
        return None
    pobj = next((c for c in according.subtree if c.dep_ == "pobj"), None)
    nouns = [t for t in source if t.pos_ in ("PROPN", "NOUN")]
    head = pobj if pobj is not None and pobj in source else (nouns[-1] if nouns else source[-1])
    ids = {t.i for t in source}
    ent = next((e for e in sent.ents if e.start <= head.i < e.end and e.label_ in ("PERSON", "ORG")), None)
    if ent is None and head.lemma_.lower() in _DOCUMENTS | {"story", "article"}:  # "a story by the Observer"
        ent = next((e for e in sent.ents if e.start in ids and e.label_ in ("PERSON", "ORG")), None)
    if ent is None and head.lemma_.lower() in _DOCUMENTS:
        return None  # "according to the latest figures": the figure rules ask about those
    who = w.clean(ent.text) if ent is not None else _voice(head)
    if who is not None and who.endswith(("\u2019s", "'s")) and len(who) > 3:
        who = who[:-2]  # "according to the Department of Agriculture's price watch": the department
    if who is not None and who.lower().startswith(("a ", "an ")):
        who = "the " + who.split(" ", 1)[1]  # "a state television report" -> "the state television report"
    if k <= 1:  # "According to X, the claim."
        rest = [t for t in toks[k + 2 + stop + 1 :] if not t.is_space]
    else:  # "The claim, according to X."
        rest = [t for t in toks[:k] if not t.is_space]
    cut = next((j for j in range(1, len(rest)) if rest[j - 1].text == "," and rest[j].dep_ == "cc"), None)
    rest = rest[: cut - 1] if cut is not None else rest  # "X, and Y": the first claim
    if not rest or not any(t.tag_ in _FINITE for t in rest):  # a claim has a finite verb
        return None
    return w.lower_lead(w.trim_words(w.span_text(rest), 14), sent.span), who


_OWN = frozenset({"my", "our", "his", "her", "their", "its", "your"})
_SELF_BODIES = frozenset("company firm group council government agency department club".split())


def _about_self(what: Token, by: Token) -> bool:
    """The reported clause is about the speaker (a personal pronoun or the speaker's own name)."""
    subj = w.subject(what)
    if subj is None:
        return False
    if subj.lower_ in ("i", "we", "he", "she", "they", "you"):
        return True  # "you" is advice to the reader, not a claim
    if not w.is_pronoun(by) and any(c.dep_ == "poss" and c.lower_ in _OWN for c in subj.children):
        return True  # "Suga said his first solo album would …": the speaker's own
    if subj.lower_ == "it" and (by.ent_type_ == "ORG" or by.lemma_.lower() in _SELF_BODIES):
        return True  # "Microsoft said it will offer updates": a body on its own plans
    return bool({subj.lower_} & {t.lower_ for t in by.subtree if t.pos_ == "PROPN"})


_DOCUMENTS = frozenset(
    "figure datum data report study survey estimate record poll statistic analysis".split()
)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _voice(t: Token) -> str | None:
    """The person or body a claim rests on, short enough to name in a question."""
    if t.pos_ not in ("NOUN", "PROPN") or is_number(t):
        return None  # "89% said": a share of a survey, not a voice
    who = w.party(t, 6)
    return who if len(who.split()) <= 6 and not who.endswith("\u2026") else None


def _ok(sent: Sentence, verb: Token, question: str | tuple[str, ...], clause: str) -> Hit | None:
    if len(clause.split()) < 4 or clause.endswith("\u2026") and len(clause.split()) < 8:
        return None
    return hit("ONE_VOICE", sent, verb.i, question)
