"""Quotes: quote-mark spans found on the characters, then attributed to a speaker and ranked.

Spans come from ``marks.scan`` (EXTRACTION.md 2.3). Each span is filtered (headlines, titles of works,
labels and scare quotes: S1-S4), classed ``direct`` or ``partial``, and given a speaker by the first step of
the cascade that fires (3.2):

    C1  a reporting verb in the quote's own clause, and its subject
        ("…," Asif said / said Asif / He said: "…")
    C2  "according to X"
    C3  layout: a paragraph ending in a colon before a quote paragraph, "X: '…'", "'…' - X"
    C4  word order next to the quote when the parse gives the verb no subject
    C5  a floating quote (a quote paragraph with no verb of its own) takes the previous speaker
    C6  nobody: kept with no speaker when the quote is a whole sentence, else dropped

Pronouns, surnames and descriptions ("the Defense Minister") are resolved through ``PeopleIndex``. Reported
speech of a named person ("Wike said that the story is false") is added as ``indirect``. The top few
quotes are marked ``key``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from bot.extract.marks import Segment, looks_like_title, paragraphs, scan_cached
from bot.extract.people import (
    GENDER_WORDS,
    HONORIFICS,
    NAME_MODIFIERS,
    TITLE_WORDS,
    PeopleIndex,
    Person,
    first_name_gender,
)
from bot.models import Quote

_PATTERNS = Path(__file__).resolve().parent / "patterns"
_CUES = json.loads((_PATTERNS / "quote_cues.json").read_text(encoding="utf-8"))
QUOTE_CUE = frozenset(_CUES["quote_cue"])
SPEECH_VERB = frozenset(_CUES["speech_verb"])
NOUN_CUE = frozenset(_CUES["noun_cue"])
LABEL_WORDS = frozenset(_CUES["label_words"])
LABEL_NOUNS = frozenset(_CUES["label_nouns"])
OFFICIAL_NOUNS = frozenset(_CUES["official_nouns"])
ANONYMOUS_NOUNS = frozenset(_CUES["anonymous_nouns"])
DOCUMENT_NOUNS = frozenset(_CUES["document_nouns"])
ORG_NOUNS = frozenset(_CUES["org_nouns"])

GENERIC_SOURCES = frozenset(_CUES["generic_sources"])
_IRREGULAR = {
    "say": ("said", "says"),
    "tell": ("told", "tells"),
    "write": ("wrote", "writes"),
    "speak": ("spoke", "speaks"),
    "swear": ("swore",),
    "add": ("added", "adds"),
}
CUE_FORMS = frozenset(
    [
        w
        for lemma in QUOTE_CUE
        for w in (
            lemma,
            lemma + "s",
            lemma + "es",
            lemma + "ed",
            lemma + "d",
            (lemma[:-1] + "ies") if lemma.endswith("y") else lemma,
            (lemma[:-1] + "ied") if lemma.endswith("y") else lemma,
        )
    ]
    + [w for forms in _IRREGULAR.values() for w in forms]
)
_PERSON_SUFFIXES = ("ist", "er", "or", "ian", "ant", "ent", "ee")
_NOT_PEOPLE = frozenset(
    "paper poster letter order number center centre meter filter chapter cover counter corner "
    "monitor factor sensor motor error mirror sector indicator calculator ent event "
    "comment document statement element segment agreement department government payment treatment "
    "component argument content percent incident accident moment judgement judgment settlement "
    "equipment environment requirement announcement assessment investment employment development "
    "management movement parliament amendment commitment achievement appointment entertainment "
    "tournament restaurant plant warrant grant variant".split()
)
_EPITHET_CUES = frozenset(
    {
        "say",
        "tell",
        "add",
        "explain",
        "write",
        "ask",
        "reply",
        "recall",
        "insist",
        "admit",
        "continue",
        "note",
        "joke",
        "laugh",
        "quip",
    }
)
_TERMINALS = frozenset({".", "?", "!", "\u2026", "..."})
_SUBJ = ("nsubj", "nsubjpass")
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_PLURAL_PRONOUNS = frozenset({"they", "them"})
_DASHES = frozenset({"-", "\u2013", "\u2014", "--"})
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
_LAST_WORD = re.compile(r"([\w][\w-]*) ?$")
_CLAUSE_END = frozenset(".!?,;:\u2026")
_MAX_KEY = 6
_MIN_KEY = 3


@dataclass
class Speaker:
    name: str | None
    kind: str  # SpeakerKind
    text: str | None
    title: str | None = None
    person: Person | None = None
    plural: bool = False


@dataclass
class _Event:
    """An attribution seen in the text: who spoke, where."""

    at: int
    para: int
    speaker: Speaker


def find_quotes(doc: Doc, people: PeopleIndex) -> list[Quote]:
    """Every direct, partial and indirect quote in ``doc``, in text order, the key ones marked."""
    if not doc.text.strip():
        return []
    return _Article(doc, people).run()


class _Article:
    def __init__(self, doc: Doc, people: PeopleIndex):
        self.doc = doc
        self.text = doc.text
        self.people = people
        self.segments: tuple[Segment, ...] = scan_cached(self.text)
        self.paras = paragraphs(self.text)
        self.para_starts = [s for s, _ in self.paras]
        # ordinal of each line among the non-blank ones: distances in paragraphs ignore blank lines
        self.ordinal, n_ord = [], 0
        for s, e in self.paras:
            blank = not self.text[s:e].strip()
            self.ordinal.append(n_ord if not blank else n_ord - 1 if n_ord else 0)
            n_ord += 0 if blank else 1
        self.toks = list(doc)
        self.tok_starts = [t.idx for t in self.toks]
        self.ents = list(doc.ents)
        # index of the parsed sentence of each token
        self.sent_id: list[int] = []
        sid = 0
        for t in self.toks:
            if t.is_sent_start and t.i > 0:
                sid += 1
            self.sent_id.append(sid)
        self._acronyms: dict[str, str] | None = None
        n = len(doc)
        # which quote segment (index) each token is inside, marks included; -1 outside every quote
        self.inside = [-1] * n
        for k, seg in enumerate(self.segments):
            end = (seg.close_at + 1) if seg.close_at is not None else seg.end
            first = self.tok_at(seg.open_at)
            for i in range(first, n):
                t = doc[i]
                if t.idx >= end:
                    break
                if t.idx + len(t.text) > seg.open_at:
                    self.inside[i] = k
        # clause regions: broken at paragraph starts and at sentence-final punctuation outside quotes
        self.region = [0] * n
        self.tok_para = [0] * n
        r, prev_para, cut = 0, -1, False
        for t in self.toks:
            p = self.para_of(t.idx)
            if p != prev_para or cut:
                r += 1
            self.region[t.i] = r
            self.tok_para[t.i] = p
            prev_para = p
            cut = t.text in _TERMINALS and self.inside[t.i] < 0
        self.region_tokens: dict[int, list[int]] = {}
        for t in self.toks:
            if self.inside[t.i] < 0 and not t.is_space:
                self.region_tokens.setdefault(self.region[t.i], []).append(t.i)
        self.events: list[_Event] = []
        self.cue_speaker: dict[int, tuple[Speaker | None, Token | None]] = {}

    # ----------------------------------------------------------------- positions
    def tok_at(self, char: int) -> int:
        return max(0, bisect_right(self.tok_starts, char) - 1)

    def para_of(self, char: int) -> int:
        return max(0, bisect_right(self.para_starts, char) - 1)

    def ord_of(self, char: int) -> int:
        """Ordinal of the paragraph holding ``char`` among non-blank paragraphs."""
        return self.ordinal[self.para_of(char)]

    def prev_para(self, p: int) -> int | None:
        p -= 1
        while p >= 0:
            s, e = self.paras[p]
            if self.text[s:e].strip():
                return p
            p -= 1
        return None

    # ----------------------------------------------------------------- cues
    def is_cue(self, t: Token) -> bool:
        if self.inside[t.i] >= 0:
            return False
        if t.lower_ == "according":
            return t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to"
        if not (t.pos_ == "VERB" or t.tag_.startswith("VB")):
            return False
        lemma = t.lemma_.lower()
        if lemma not in QUOTE_CUE and t.lower_ not in QUOTE_CUE:
            return False
        if lemma == "call" and t.i > 0 and self.doc[t.i - 1].lower_ in ("so", "so-"):
            return False
        return True

    def subject(self, cue: Token) -> Token | None:
        """The speaker token of a cue: its subject, the subject of the verb it hangs on, or the object of
        "according to"."""
        doc = self.doc
        if cue.lower_ == "according":
            to = doc[cue.i + 1]
            for c in to.children:
                if c.dep_ == "pobj":
                    return c
            return None
        v = cue
        for _ in range(3):
            for c in v.children:
                if c.dep_ in _SUBJ:
                    if c.dep_ == "nsubjpass" and v.lemma_.lower() not in ("quote",):
                        continue
                    return c
            if v.dep_ in ("conj", "xcomp", "advcl", "acl", "pcomp", "prep") and v.head is not v:
                v = v.head
                continue
            break
        # '"…," his sister, Lena Ortiz, posted on X': the verb misread as a participle modifying the speaker
        if (
            cue.dep_ == "acl"
            and cue.tag_ in ("VBD", "VBN")
            and cue.head.pos_ in ("NOUN", "PROPN")
            and (cue.i > 0 and self.toks[cue.i - 1].text == ",")
        ):
            return cue.head
        # "quoted as saying": subject of the passive verb
        if (
            cue.dep_ in ("pcomp", "advcl")
            and cue.head.lower_ in ("as",)
            and cue.head.head.lemma_.lower() == "quote"
        ):
            for c in cue.head.head.children:
                if c.dep_ == "nsubjpass":
                    return c
        return self.adjacent_subject(cue)

    def adjacent_subject(self, cue: Token) -> Token | None:
        """C4: a name or noun right next to the cue when the parse gives it no subject (inversion, bad
        parse)."""
        doc = self.doc
        i = cue.i + 1
        if (
            i < len(doc)
            and self.inside[i] < 0
            and doc[i].pos_ in ("PROPN", "NOUN")
            and cue.i > 0
            and (self.inside[cue.i - 1] >= 0 or doc[cue.i - 1].text == ",")
        ):
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and self.inside[j + 1] < 0:
                j += 1
            return doc[j]
        i = cue.i - 1
        if i >= 0 and self.inside[i] < 0 and doc[i].pos_ in ("PROPN",):
            return doc[i]
        return None

    # ----------------------------------------------------------------- speakers
    def speaker_from(self, h: Token, at: int, cue: Token | None = None) -> Speaker | None:
        """Who the subject token ``h`` of a cue stands for, as a ``Speaker`` (None when not a speaker)."""
        if self.inside[h.i] >= 0:
            return None
        if h.dep_ == "nsubj" and h.lower_ in ("who", "that", "which") and h.head.dep_ == "relcl":
            h = h.head.head
        lower = h.lower_
        if (
            h.pos_ == "PRON"
            or lower in _PRONOUN_GENDER
            or lower in _PLURAL_PRONOUNS
            or lower in ("it", "i", "we")
        ):
            return self.pronoun(h, at)
        # a capitalised word that is the surname of someone the article names, whatever the tagger made of it
        if (
            h.text[:1].isupper()
            and h.ent_type_ in ("", "PERSON", "ORG", "WORK_OF_ART")
            and lower not in TITLE_WORDS
            and h.pos_ in ("VERB", "NOUN", "ADJ", "ADV", "PROPN")
        ):
            person = self.people.resolve(h.text, at)
            if person is not None and h.text in person.name.split():
                return Speaker(
                    person.name,
                    "person",
                    self.span_text(h) if h.pos_ == "PROPN" else h.text,
                    person.title or None,
                    person,
                )
        # "Mr How said" parsed with the honorific as the subject
        if lower in HONORIFICS and h.i + 1 < len(self.doc) and self.doc[h.i + 1].text[:1].isupper():
            j = h.i + 1
            while (
                j + 1 < len(self.doc)
                and self.doc[j + 1].text[:1].isupper()
                and self.inside[j + 1] < 0
                and self.doc[j + 1].pos_ in ("PROPN", "NOUN", "ADV", "SCONJ")
            ):
                j += 1
            return self.named(self.doc[j], at, lo=h.i + 1)
        # a bracketed alias: He [Mantashe] said
        alias = self.bracket_alias(h)
        if alias is not None:
            return alias
        common = (
            lower in ANONYMOUS_NOUNS
            or lower in OFFICIAL_NOUNS
            or lower in ORG_NOUNS
            or lower in DOCUMENT_NOUNS
        )
        if h.ent_type_ == "PERSON" or (
            h.pos_ == "PROPN"
            and not common
            and lower not in TITLE_WORDS
            and h.ent_type_ in ("", "WORK_OF_ART")
        ):
            return self.named(h, at)
        if h.ent_type_ == "ORG" and h.pos_ == "PROPN" and lower not in TITLE_WORDS and lower not in ORG_NOUNS:
            # an NER slip: a person's name tagged ORG is a person when the article names them elsewhere as a
            # person or puts a title or honorific right before the name
            ent = next((e for e in self.ents if e.start <= h.i < e.end), None)
            if ent is not None and not ({t.lower_ for t in ent} & ORG_NOUNS) and not ent.text.isupper():
                first = ent.start
                if (
                    self.people.resolve(ent.text, at) is not None
                    or (
                        first > 0
                        and (
                            self.doc[first - 1].lower_ in TITLE_WORDS
                            or self.doc[first - 1].lower_ in HONORIFICS
                        )
                    )
                    or (len(ent) >= 2 and first_name_gender(ent[0].text))
                ):
                    return self.named(h, at, lo=first)
        if (
            h.pos_ == "NOUN"
            and h.text[:1].isupper()
            and not common
            and lower not in TITLE_WORDS
            and not h.ent_type_
            and h.i > 0
            and self.mid_sentence(h.i)
        ):
            return self.named(h, at)  # a name tagged as a common noun: '…," Phetoe said'
        if h.ent_type_ in ("ORG", "NORP", "GPE", "FAC"):
            sp = self.organisation(h, at)
            if sp is not None:
                return sp
        if h.pos_ in ("NOUN", "PROPN"):
            # "The boy's uncle, Dennis Obi, told": the name in apposition
            for c in h.children:
                if (
                    c.dep_ == "appos"
                    and c.i > h.i
                    and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")
                    and c.lower_ not in TITLE_WORDS
                    and c.ent_type_ not in ("ORG", "GPE", "NORP", "DATE")
                ):
                    return self.named(c, at)
        if lower in TITLE_WORDS or lower in OFFICIAL_NOUNS:
            for c in h.children:
                if (
                    c.dep_ in ("appos", "compound", "nmod")
                    and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")
                    and c.lower_ not in TITLE_WORDS
                    and c.i > h.i
                ):
                    return self.named(c, at)
            name_end = self.name_after_title(h)
            if name_end is not None:
                sp = self.named(self.toks[name_end[1]], at, lo=name_end[0])
                if sp.person is not None and not sp.person.title_words:
                    title = self.doc[h.left_edge.i : name_end[0]]
                    sp.person.title = title.text.strip()
                    sp.person.title_words.update(t.lower_ for t in title if not t.is_punct)
                    sp.title = sp.person.title or None
                return sp
            definite = any(
                c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that") or c.dep_ == "poss"
                for c in h.children
            )
            if definite and lower in TITLE_WORDS:
                mods = [c.text for c in h.children if c.dep_ in ("compound", "amod") and c.i < h.i]
                person = self.people.resolve_title(lower, mods, at)
                if person is not None:
                    return Speaker(person.name, "person", self.span_text(h), person.title or None, person)
        if lower in ORG_NOUNS or h.lemma_.lower() in ORG_NOUNS:
            sp = self.organisation(h, at)
            if sp is not None:
                return sp
        if h.ent_type_ == "PERSON":
            return self.named(h, at)
        phrase = self.descriptor(h)
        lemma = h.lemma_.lower()
        if phrase.lower().startswith(("the ", "this ", "that ")) and len(phrase.split()) == 2:
            # "the spokesperson": the unnamed source the article described just before
            def same_head(s: Speaker) -> bool:
                words = (s.name or "").lower().split()
                return s.person is None and s.kind in ("unnamed_official", "anonymous") and lower in words[:6]

            ev = self.last_event(at, same_head, max_paras=4)
            if ev is not None:
                s = ev.speaker
                return Speaker(s.name, s.kind, phrase, s.title, None, s.plural)
            epithet = (
                h.pos_ == "NOUN"
                and cue is not None
                and cue.lemma_.lower() in _EPITHET_CUES
                and lower not in ANONYMOUS_NOUNS
                and lemma not in ANONYMOUS_NOUNS
                and lower not in DOCUMENT_NOUNS
                and lower not in ORG_NOUNS
                and lemma not in ORG_NOUNS
                and lower not in OFFICIAL_NOUNS
            )
            if (
                (lower in TITLE_WORDS or epithet)
                and lower not in GENERIC_SOURCES
                and h.tag_ not in ("NNS", "NNPS")
            ):
                # "the officer", "the judge": the titled person the article has just quoted, by office;
                # "said the billionaire": only when one person alone has been named in the last paragraphs
                ev = self.last_event(at, lambda s: s.kind == "person" and bool(s.name), max_paras=3)
                if (
                    ev is not None
                    and lower in TITLE_WORDS
                    and ev.speaker.person is not None
                    and ev.speaker.person.title_words
                ):
                    s = ev.speaker
                    return Speaker(s.name, "person", phrase, s.title, s.person)
                only = self.only_person_near(at)
                if only is not None:
                    return Speaker(only.name, "person", phrase, only.title or None, only)
        if lower in OFFICIAL_NOUNS or lemma in OFFICIAL_NOUNS or lower in TITLE_WORDS:
            return Speaker(phrase, "unnamed_official", phrase, plural=h.tag_ in ("NNS", "NNPS"))
        if lower in DOCUMENT_NOUNS or lemma in DOCUMENT_NOUNS:
            # "a statement from the Ministry of Health": the ministry speaks
            for prep in h.children:
                if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of") and prep.i > h.i:
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if obj is not None and (obj.ent_type_ in ("ORG", "PERSON") or obj.pos_ == "PROPN"):
                        sp = self.speaker_from(obj, at)
                        if sp is not None and sp.name and sp.kind in ("person", "organisation"):
                            return Speaker(sp.name, sp.kind, phrase, sp.title, sp.person)
            return Speaker(phrase, "document", phrase)
        if lower in ANONYMOUS_NOUNS or lemma in ANONYMOUS_NOUNS:
            return Speaker(phrase, "anonymous", phrase, plural=h.tag_ in ("NNS", "NNPS"))
        if (
            h.pos_ == "NOUN"
            and cue is not None
            and cue.lemma_.lower() in SPEECH_VERB
            and lemma.endswith(_PERSON_SUFFIXES)
            and lemma not in ORG_NOUNS
            and lemma not in DOCUMENT_NOUNS
            and lemma not in _NOT_PEOPLE
        ):
            # "the paleontologists said", "organisers told": people described by what they do
            return Speaker(phrase, "anonymous", phrase, plural=h.tag_ in ("NNS", "NNPS"))
        return None

    def name_after_title(self, h: Token) -> tuple[int, int] | None:
        """C4: the name at the end of a title phrase the parser headed by the title word:
        "Inspector General of Police K.L. Raman said" -> (first, last) token of "K.L. Raman"."""
        run: list[int] = []
        best = None
        for j in range(h.i + 1, min(len(self.toks), h.i + 10)):
            t = self.toks[j]
            if self.inside[j] >= 0:
                break
            low = t.lower_
            if t.pos_ == "PROPN" and low not in TITLE_WORDS and low not in ORG_NOUNS and t.text[:1].isupper():
                run.append(j)
                continue
            if run:
                best = (run[0], run[-1])
                run = []
            if t.pos_ in ("PROPN", "ADP", "DET") or t.text in ("(", ")", "'s", "\u2019s"):
                continue
            break
        if run:
            best = (run[0], run[-1])
        if best is None:
            return None
        last = self.toks[best[1]]
        if last.ent_type_ in ("GPE", "NORP", "LOC", "ORG", "FAC"):
            return None
        if self.toks[best[0] - 1].pos_ in ("ADP", "DET"):
            return None  # "spokeswoman for Southern Water": an affiliation, not a name
        nxt = best[1] + 1
        if (
            nxt < len(self.toks)
            and self.toks[nxt].pos_ not in ("VERB", "AUX", "PUNCT")
            and not self.is_cue(self.toks[nxt])
        ):
            return None
        return best

    def mid_sentence(self, i: int) -> bool:
        """True when token ``i`` does not start a sentence (a capital there is not a sentence capital)."""
        j = i - 1
        while j >= 0 and self.toks[j].text in ('"', "'", "\u201d", "\u2019", "\u201c", "\u2018"):
            if self.toks[j].text in ("\u201c", "\u2018"):
                return False
            j -= 1
        if j < 0:
            return False
        t = self.toks[j]
        return not (t.is_space or t.text in _TERMINALS or "\n" in t.whitespace_)

    def span_text(self, h: Token) -> str:
        left = h
        for c in h.lefts:
            if (
                c.dep_ in ("det", "compound", "amod", "poss", "nmod")
                or c.is_punct
                and c.text in ("'s", "\u2019s")
            ):
                left = c
                break
        return self.doc[left.i : h.i + 1].text

    def descriptor(self, h: Token) -> str:
        """The noun phrase of an unnamed source, without asides ("Officials familiar with the talks")."""
        doc = self.doc
        keep = {h.i}
        for c in h.children:
            if c.dep_ in ("relcl", "appos", "acl", "punct", "cc", "conj", "advcl") and c.i > h.i:
                continue
            if c.i > h.i and any(doc[k].text == "," for k in range(h.i + 1, c.i)):
                continue
            keep.update(t.i for t in c.subtree)
        lo, hi = min(keep), max(keep)
        # stop at the first comma or quote after the head
        for k in range(h.i + 1, hi + 1):
            if doc[k].text in (",", ";", ":", "(") or self.inside[k] >= 0:
                hi = k - 1
                break
        for k in range(h.i - 1, lo - 1, -1):
            if doc[k].text in (",", ";", ":") or self.inside[k] >= 0:
                lo = k + 1
                break
        while lo < h.i and (doc[lo].is_punct or doc[lo].pos_ in ("CCONJ",)):
            lo += 1
        if hi - lo > 9:
            hi = min(hi, h.i + 5)
            lo = max(lo, h.i - 4)
        while hi > h.i and (doc[hi].is_punct or doc[hi].pos_ in ("ADP", "CCONJ", "DET")):
            hi -= 1
        return doc[lo : hi + 1].text

    def named(self, h: Token, at: int, lo: int | None = None) -> Speaker:
        doc = self.doc
        if lo is not None:
            lo, hi = lo, h.i + 1
        elif h.ent_type_ == "PERSON":
            ent = next((e for e in self.ents if e.start <= h.i < e.end), None)
            lo, hi = (ent.start, ent.end) if ent is not None else (h.i, h.i + 1)
        else:
            lo, hi = h.i, h.i + 1
            while lo > 0 and self.inside[lo - 1] < 0:
                t = doc[lo - 1]
                if (
                    t.pos_ == "PROPN"
                    and t.lower_ not in TITLE_WORDS
                    and t.ent_type_ not in ("ORG", "GPE", "NORP")
                ):
                    lo -= 1
                elif (
                    t.text == "-"
                    and not t.whitespace_
                    and lo > 1
                    and not doc[lo - 2].whitespace_
                    and doc[lo - 2].pos_ == "PROPN"
                ):
                    lo -= 2  # a hyphenated name: Sanwo-Olu
                else:
                    break
        while lo < hi - 1 and (
            doc[lo].lower_ in HONORIFICS or doc[lo].lower_ in TITLE_WORDS or doc[lo].lower_ in NAME_MODIFIERS
        ):
            lo += 1
        written = doc[lo:hi].text
        words = written.split()
        if words and words[-1].endswith(("'s", "\u2019s")):
            words[-1] = words[-1][:-2]
        name = " ".join(w for w in words if w).strip()
        if not name:
            name = written
        person = self.people.resolve(name, at)
        if person is not None:
            return Speaker(person.name, "person", written, person.title or None, person)
        lower_words = {w.lower() for w in words}
        titled = lo > 0 and (doc[lo - 1].lower_ in TITLE_WORDS or doc[lo - 1].lower_ in HONORIFICS)
        if (
            lower_words & ORG_NOUNS
            or (h.ent_type_ == "ORG" and not titled)
            or (name.isupper() and len(name) > 1)
        ):
            return Speaker(self.expand_acronym(name), "organisation", written)
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            # a full name the NER missed: remember it so that a later surname finds it
            person = self.people.add(name, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
            if not person.gender:
                person.gender = first_name_gender(words[0])
            return Speaker(person.name, "person", written, person.title or None, person)
        return Speaker(name, "person", written)

    def organisation(self, h: Token, at: int) -> Speaker | None:
        doc = self.doc
        ent = next((e for e in self.ents if e.start <= h.i < e.end), None) if h.ent_type_ else None
        if ent is not None and ent.label_ in ("ORG", "NORP", "GPE", "FAC"):
            words = [t for t in ent if t.lower_ not in ("the",)]
            name = doc[words[0].i : words[-1].i + 1].text if words else ent.text
            if name.endswith(("'s", "\u2019s")):
                name = name[:-2]
            return Speaker(self.expand_acronym(name), "organisation", ent.text)
        # "the ministry", "police": the nearest organisation whose name has that word
        word = h.lower_
        best = None
        for e in self.ents:
            if e.start_char >= at:
                break
            if e.label_ == "ORG" and word in e.text.lower().split():
                best = e
        written = self.span_text(h)
        if best is not None:
            name = best.text[4:] if best.text.lower().startswith("the ") else best.text
            return Speaker(name, "organisation", written)
        if word in ORG_NOUNS or h.lemma_.lower() in ORG_NOUNS:
            return Speaker(self.descriptor(h), "organisation", written)
        return None

    def expand_acronym(self, name: str) -> str:
        if not (name.isupper() and 2 <= len(name) <= 10):
            return name
        if self._acronyms is None:
            self._acronyms = {}
            for m in _ACRONYM.finditer(self.text):
                acr = m.group(1)
                before = self.text[max(0, m.start() - 120) : m.start()].split()
                letters = [c for c in acr if c.isupper()]
                for k in range(1, min(len(before), len(letters) + 4) + 1):
                    cand = before[-k:]
                    initials = [w[0] for w in cand if w[:1].isupper()]
                    if initials == letters and cand[0][:1].isupper():
                        self._acronyms.setdefault(acr, " ".join(cand))
                        break
        return self._acronyms.get(name, name)

    def bracket_alias(self, h: Token) -> Speaker | None:
        doc = self.doc
        if h.i + 2 < len(doc) and doc[h.i + 1].text == "[":
            close = next((k for k in range(h.i + 2, min(len(doc), h.i + 8)) if doc[k].text == "]"), None)
            if close is not None and close > h.i + 2:
                inner = doc[h.i + 2 : close]
                person = self.people.resolve(inner.text, h.idx)
                if person is not None:
                    return Speaker(
                        person.name, "person", doc[h.i : close + 1].text, person.title or None, person
                    )
                if inner[0].text[:1].isupper():
                    return Speaker(inner.text, "person", doc[h.i : close + 1].text)
        return None

    def pronoun(self, h: Token, at: int) -> Speaker | None:
        lower = h.lower_
        written = h.text
        alias = self.bracket_alias(h)
        if alias is not None:
            return alias
        para = self.ord_of(at)
        if lower in _PRONOUN_GENDER:
            gender = _PRONOUN_GENDER[lower]

            def unnamed_one(s: Speaker) -> bool:
                if s.kind == "person":
                    return s.person is None or not s.person.gender or s.person.gender == gender
                if s.kind not in ("unnamed_official", "anonymous") or s.plural or not s.name:
                    return False
                said = {GENDER_WORDS.get(w) for w in s.name.lower().split()} - {None}
                return not said or said == {gender}

            # "A spokeswoman said …" then "she said": the unnamed source, when nobody was named since
            recent = self.last_event(at, unnamed_one, max_paras=2)
            if recent is not None and recent.speaker.kind != "person":
                near = self.subject_mention(at, gender)
                if near is None or near[0] < recent.at:
                    s = recent.speaker
                    return Speaker(s.name, s.kind, written, s.title)
            last = self.last_event(
                at,
                lambda s: (
                    s.kind == "person"
                    and (s.person is None or (not s.person.gender or s.person.gender == gender))
                ),
                max_paras=6,
            )
            if last is not None and last.speaker.person is None:
                near = self.subject_mention(at, gender)
                if near is None or near[0] < last.at:
                    s = last.speaker
                    return Speaker(s.name, "person", written, s.title)
            person = last.speaker.person if last else None
            near = self.subject_mention(at, gender)
            if near is not None and (person is None or (near[0] > last.at and near[1] is not person)):
                person = near[1]
            if person is None:
                # the nearest person named as a subject in the last two paragraphs, else the nearest at all
                person = self.subject_mention_any(at, gender)
            if person is None:
                # else the nearest person at all, unless that is one name in a list ("co-stars A, B and C")
                person = self.people.nearest(at, gender)
                if person is not None:
                    start = max(m[0] for m in person.mentions if m[0] < at)
                    t = self.toks[self.tok_at(start)]
                    while t.dep_ in ("compound", "flat") and t.head is not t:
                        t = t.head
                    listed = t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children)
                    if self.ord_of(start) < para - 6 or (listed and person.gender != gender):
                        person = None
            if person is None:
                return Speaker(None, "unresolved_pronoun", written)
            if not person.gender:
                person.gender = gender
            return Speaker(person.name, "person", written, person.title or None, person)
        if lower in _PLURAL_PRONOUNS:
            last = self.last_event(at, lambda s: s.plural or s.kind == "organisation", max_paras=2)
            if last is not None:
                s = last.speaker
                return Speaker(s.name, s.kind, written, s.title, s.person, s.plural)
            return Speaker(None, "unresolved_pronoun", written)
        if lower == "it":
            doc = self.doc
            best = None
            for e in self.ents:
                if e.start_char >= at:
                    break
                if e.label_ == "ORG" and self.inside[e.start] < 0 and self.ord_of(e.start_char) >= para - 1:
                    best = e
            if best is not None:
                return self.organisation(doc[best.start], at)
            last = self.last_event(at, lambda s: s.kind == "organisation", max_paras=2)
            if last is not None:
                s = last.speaker
                return Speaker(s.name, s.kind, written, s.title, s.person)
            return None
        return None

    def subject_mention(self, at: int, gender: str) -> tuple[int, Person] | None:
        """The last person named as the subject of a main clause in this or the previous paragraph."""
        para = self.ord_of(at)
        doc = self.doc
        for start, person in reversed(self.people._mentions):
            if start >= at:
                continue
            if self.ord_of(start) < para - 1:
                return None
            if person.gender and person.gender != gender:
                continue
            t = doc[self.tok_at(start)]
            # walk to the head of the name
            while t.dep_ in ("compound", "flat") and t.head is not t:
                t = t.head
            if self.inside[t.i] >= 0:
                continue
            if t.dep_ == "appos" and t.head.dep_ == "nsubj":
                t = t.head  # "Her colleague, James Carter, disagreed"
            if t.dep_ == "nsubj" and t.head.dep_ == "ROOT":
                return (start, person)
        return None

    def only_person_near(self, at: int, paras: int = 3) -> Person | None:
        """The one person named in the last few paragraphs before ``at``, if exactly one is."""
        para = self.ord_of(at)
        seen = []
        for start, person in reversed(self.people._mentions):
            if start >= at:
                continue
            if self.ord_of(start) < para - paras:
                break
            if person not in seen:
                seen.append(person)
        if len(seen) != 1:
            return None
        # and last named as the subject of a clause: the topic an epithet continues ("The officer tells Marsh"
        # names Marsh as the object, so "the officer" is someone else)
        last = max(m[0] for m in seen[0].mentions if m[0] < at)
        t = self.toks[self.tok_at(last)]
        while t.dep_ in ("compound", "flat") and t.head is not t:
            t = t.head
        if t.dep_ == "appos":
            t = t.head
        return seen[0] if t.dep_ in _SUBJ else None

    def subject_mention_any(self, at: int, gender: str) -> Person | None:
        para = self.ord_of(at)
        for start, person in reversed(self.people._mentions):
            if start >= at:
                continue
            if self.ord_of(start) < para - 2:
                return None
            if person.gender and person.gender != gender:
                continue
            t = self.toks[self.tok_at(start)]
            while t.dep_ in ("compound", "flat") and t.head is not t:
                t = t.head
            if t.dep_ == "appos":
                t = t.head
            if t.dep_ in _SUBJ and self.inside[t.i] < 0:
                return person
        return None

    def last_event(self, at: int, ok, max_paras: int = 1) -> _Event | None:
        para = self.ord_of(at)
        for ev in reversed(self.events):
            if ev.at >= at:
                continue
            if ev.para < para - max_paras:
                return None
            if ok(ev.speaker):
                return ev
        return None

    def add_event(self, at: int, speaker: Speaker) -> None:
        ev = _Event(at, self.ord_of(at), speaker)
        k = len(self.events)
        while k > 0 and self.events[k - 1].at > at:
            k -= 1
        self.events.insert(k, ev)

    # ----------------------------------------------------------------- pass 1: every cue and its speaker
    def collect_cues(self) -> None:
        for t in self.toks:
            if not self.is_cue(t):
                continue
            h = self.subject(t)
            sp = self.speaker_from(h, t.idx, t) if h is not None else None
            self.cue_speaker[t.i] = (sp, h)
            if sp is not None and sp.name and not self.embedded(t):
                self.add_event(t.idx, sp)

    def embedded(self, cue: Token) -> bool:
        """True for a reporting verb inside what another speaker reports ("X said Y admitted the crime"): Y is
        reported on, not the source, and does not become the antecedent of the next "he said"."""
        a = cue
        for _ in range(4):
            if a.dep_ not in ("ccomp", "conj", "xcomp") or a.head is a:
                return False
            a = a.head
            if a.i in self.cue_speaker and a.i < cue.i and a.lemma_.lower() in SPEECH_VERB:
                return True
        return False

    # ----------------------------------------------------------------- pass 2: quotes
    def run(self) -> list[Quote]:
        self.collect_cues()
        groups: dict[int, list[int]] = {}
        for k, seg in enumerate(self.segments):
            groups.setdefault(seg.group, []).append(k)
        quotes: list[Quote] = []
        for g in sorted(groups, key=lambda g: self.segments[groups[g][0]].open_at):
            quotes.extend(self.quote_group(groups[g]))
        quotes = _dedupe(quotes)
        quotes.extend(self.indirect(quotes))
        quotes.sort(key=lambda q: q.start)
        rank(quotes, len([p for p in self.paras if p[1] > p[0]]), self)
        return quotes

    def quote_group(self, ks: list[int]) -> list[Quote]:
        segs = [self.segments[k] for k in ks]
        keep = []
        for k, seg in zip(ks, segs, strict=True):
            if seg.close_at is not None and len(segs) == 1:
                if self.filtered(k, seg):
                    continue
            keep.append((k, seg))
        if not keep:
            return []
        attributed = None
        kinds = ["direct" if len(keep) > 1 else self.kind_of(seg) for _k, seg in keep]
        for (k, seg), kind in zip(keep, kinds, strict=True):
            attributed = self.attribute(k, seg, kind == "partial")
            if attributed is not None:
                break
        if attributed is None and len(keep) > 1:
            attributed = self.floating(keep[0][1])
        out = []
        for n, (_k, seg) in enumerate(keep):
            if attributed is None and n == 0:
                attributed = self.floating(seg)
            speaker, cue, rule = attributed if attributed else (None, None, "C6")
            kind = kinds[n]
            qtext = self.text[seg.start : seg.end]
            words = len(_WORD.findall(qtext))
            if seg.unclosed and speaker is None:
                continue
            if kind == "partial" and (speaker is None or rule in ("C5",)):
                continue
            if words < 4 and (speaker is None or rule in ("C5", "C6")):
                continue
            q = Quote(
                text=qtext,
                start=seg.start,
                end=seg.end,
                kind=kind,
                speaker=speaker.name if speaker else None,
                speaker_title=speaker.title if speaker else None,
                speaker_kind=speaker.kind if speaker else "none",  # type: ignore[arg-type]
                speaker_text=speaker.text if speaker else None,
                sentence=self.sentence_of(seg),
                cue=cue,
                rule=rule,
                inherited=(rule == "C5"),
            )
            out.append(q)
            if speaker is not None and speaker.name:
                self.add_event(seg.end, speaker)
        return out

    def filtered(self, k: int, seg: Segment) -> bool:
        """S1-S4 and headlines: True when the marked words are not speech."""
        doc, text = self.doc, self.text
        qtext = text[seg.start : seg.end]
        if looks_like_title(qtext):
            return True
        ps, pe = self.paras[seg.para]
        para = text[ps:pe].rstrip()
        # a headline or subhead: no sentence-final punctuation and no reporting verb outside the marks
        last = para.rstrip("\"'\u201d\u2019\u00bb ")
        if para and (not last or last[-1] not in ".!?:;,\u2026") and len(para) < 250:
            if self.ordinal[seg.para] == 0 and qtext.rstrip()[-1:] not in ".!?\u2026":
                return True  # the first line of the text, unpunctuated: the headline
            toks = []
            for i in range(self.tok_at(ps), len(doc)):
                if self.toks[i].idx >= pe:
                    break
                toks.append(self.toks[i])
            cues = [t for t in toks if self.is_cue(t)]
            if qtext.rstrip()[-1:] not in _CLAUSE_END and not cues:
                return True
            if cues and len(para) < 160 and all(t.tag_ == "VBZ" for t in cues) and self.toks[0].idx < ps:
                # "'We will not back down,' says minister": headline style, present tense, no full stop
                # (not at the very start of a pasted passage, which may be a quote with its full stop lost)
                return True
        # a label: so-called "…", the show '…'
        i = self.tok_at(seg.open_at) - 1
        m = _LAST_WORD.search(text, max(0, seg.open_at - 40), seg.open_at)
        if m and m.group(1).lower() in LABEL_WORDS:
            return True
        for j in range(i, max(-1, i - 3), -1):
            t = doc[j]
            if t.is_punct and t.text not in ("-",):
                continue
            if t.lower_ in LABEL_WORDS or (t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in LABEL_NOUNS):
                return True
            if t.lower_ == "as" and j > 0 and doc[j - 1].lower_ == "known":
                return True
            break
        # a noun modifier: the "woke" agenda
        words = len(_WORD.findall(qtext))
        if words == 1 and self.toks[self.tok_at(seg.start)].is_stop:
            return True  # "in" or "out": a term, not speech
        if words <= 3 and seg.close_at is not None:
            before = doc[i] if i >= 0 else None
            after_i = self.tok_at(seg.close_at) + 1
            after = doc[after_i] if after_i < len(doc) else None
            if (
                before is not None
                and before.pos_ in ("DET", "PRON")
                and before.dep_ in ("det", "poss")
                and after is not None
                and after.pos_ in ("NOUN", "PROPN")
                and self.inside[after.i] < 0
            ):
                # a scare quote on one word; several words keep their quote when a reporting verb carries
                # them:
                # what he called a "tough but fair" budget
                sid = self.sent_id[after.i]
                cued = any(
                    self.sent_id[j] == sid and self.inside[j] < 0 and self.is_cue(self.toks[j])
                    for j in range(max(0, i - 30), min(len(doc), after.i + 30))
                )
                if words == 1 or not cued:
                    return True
        return False

    def kind_of(self, seg: Segment) -> str:
        text = self.text
        ps = self.paras[seg.para][0]
        before = text[ps : seg.open_at].rstrip()
        first = text[seg.start : seg.start + 1]
        if not before or before[-1] in ".!?:\u2026":
            return "direct"
        if before[-1] in ("-", "\u2013", "\u2014", "(", "[") or before[-1] in "\u201d\"\u2019'":
            return "direct" if first.isupper() else "partial"
        if before[-1] == "," and first.isupper():
            return "direct"
        if first.isupper():
            prev = self.doc[self.tok_at(seg.open_at) - 1] if self.tok_at(seg.open_at) > 0 else None
            if prev is not None and self.is_cue(prev):
                return "direct"
        if before[-1] == "," and seg.close_at is not None:
            # "…," she said, "and more." : the second part of a split quote
            after_prev = text[: seg.open_at].rstrip()[:-1].rstrip()
            words = after_prev.split()
            if words and words[-1].lower().strip(".,") in CUE_FORMS:
                return "direct"
        return "partial"

    def sentence_at(self, i: int) -> str:
        sid = self.sent_id[i]
        lo, hi = i, i
        while lo > 0 and self.sent_id[lo - 1] == sid:
            lo -= 1
        while hi + 1 < len(self.toks) and self.sent_id[hi + 1] == sid:
            hi += 1
        return self.doc[lo : hi + 1].text.strip()

    def sentence_of(self, seg: Segment) -> str:
        doc = self.doc
        i = self.tok_at(seg.open_at)
        r = self.region[i]
        lo = i
        while lo > 0 and self.region[lo - 1] == r:
            lo -= 1
        hi = i
        while hi + 1 < len(doc) and self.region[hi + 1] == r:
            hi += 1
        return doc[lo : hi + 1].text.strip()

    def attribute(
        self, k: int, seg: Segment, partial: bool = False
    ) -> tuple[Speaker, str | None, str] | None:
        """C1-C4 for one segment: (speaker, cue, rule) or None."""
        doc = self.doc
        open_i = self.tok_at(seg.open_at)
        close_i = self.tok_at(seg.close_at) if seg.close_at is not None else open_i
        r = self.region[open_i]
        outside = self.region_tokens.get(r, [])
        cues = [i for i in outside if i in self.cue_speaker]
        # C1a: a cue the quote hangs on in the parse
        inner = [i for i in range(open_i, min(len(doc), close_i + 1)) if self.inside[i] == k]
        order: list[int] = []
        blocked: set[int] = set()
        for i in inner:
            t = doc[i]
            if t.head.i != i and self.inside[t.head.i] == k:
                continue
            a, via_advcl = t, False
            for _ in range(6):
                if a.head is a:
                    break
                via_advcl = via_advcl or (a.dep_ == "advcl" and a.i < a.head.i)
                a = a.head
                if a.i in self.cue_speaker and self.region[a.i] == r:
                    if partial and via_advcl:
                        blocked.add(a.i)  # "While X were 'in the clear', Y urged": not Y's words
                    elif a.i not in order:
                        order.append(a.i)
                    break
        # C1b: the nearest cue of the clause (for a partial quote, only in the same parsed sentence)
        sent = self.sent_id[open_i]
        order += sorted(
            (
                i
                for i in cues
                if i not in order and i not in blocked and (not partial or self.sent_id[i] == sent)
            ),
            key=lambda i: min(abs(i - open_i), abs(i - close_i)),
        )
        for i in order:
            sp, _h = self.cue_speaker[i]
            if sp is not None and (sp.name or sp.kind == "unresolved_pronoun"):
                cue = "according to" if doc[i].lower_ == "according" else doc[i].text
                rule = "C2" if cue == "according to" else "C1"
                return (sp, cue, rule)
        # C4: '…," Solheim stresses' when the tagger took the verb for a noun
        if seg.close_at is not None:
            after = [i for i in outside if i > close_i][:5]
            while after and doc[after[0]].text == ",":
                after = after[1:]
            sp = self.surface_pattern(after)
            if sp is not None:
                return sp
        # and between the two halves of a split quote: '"…," Solheim stresses, "…"'
        between = [i for i in outside if i < open_i][-5:]
        while between and doc[between[-1]].text in (",", ":"):
            between = between[:-1]
        if between and between[0] > 0 and self.inside[between[0] - 1] >= 0 and len(between) <= 4:
            sp = self.surface_pattern(between)
            if sp is not None:
                return sp
        # C3: "X: '…'" on one line, "'…' - X", or a paragraph ending in a colon before a quote paragraph
        if open_i > 0 and doc[open_i - 1].text == ":" and self.inside[open_i - 1] < 0:
            j = open_i - 2
            if (
                j >= 0
                and self.inside[j] < 0
                and (doc[j].pos_ == "PROPN" or doc[j].ent_type_ in ("PERSON", "ORG"))
                and doc[j].lower_ not in NOUN_CUE
            ):
                sp = self.speaker_from(doc[j], doc[j].idx)
                if sp is not None and sp.name:
                    return (sp, ":", "C3")
            sp = self.colon_subject(open_i - 1)
            if sp is not None:
                return (sp, ":", "C3")
        if seg.close_at is not None:
            j = close_i + 1
            while j < len(doc) and doc[j].text in (",",):
                j += 1
            if j + 1 < len(doc) and doc[j].text in _DASHES and self.tok_para[j + 1] == seg.para:
                m = j + 1
                while m + 1 < len(doc) and doc[m + 1].pos_ == "PROPN" and self.tok_para[m + 1] == seg.para:
                    m += 1
                if doc[m].pos_ == "PROPN" or doc[m].ent_type_ == "PERSON":
                    sp = self.speaker_from(doc[m], doc[m].idx)
                    if sp is not None and sp.name:
                        return (sp, doc[j].text, "C3")
        rest = [i for i in outside if i > close_i and not doc[i].is_punct]
        if (
            seg.close_at is not None
            and 1 <= len(rest) <= 3
            and not [i for i in outside if i < open_i and not doc[i].is_punct]
        ):
            h = doc[rest[-1]]
            if (
                h.pos_ in ("PRON", "PROPN")
                and doc[rest[0]].text[:1] != doc[rest[0]].text[:1].lower()
                or h.lower_ in _PRONOUN_GENDER
            ):
                sp = self.speaker_from(h, h.idx)
                if sp is not None and sp.name:
                    return (sp, None, "C4")
        ps, _pe = self.paras[seg.para]
        if not self.text[ps : seg.open_at].strip():
            pp = self.prev_para(seg.para)
            if pp is not None:
                s, e = self.paras[pp]
                if self.text[s:e].rstrip().endswith(":"):
                    ev = self.last_event(e, lambda sp: True, max_paras=0)
                    if ev is not None and ev.para == self.ordinal[pp]:
                        return (ev.speaker, ":", "C3")
                    colon = self.tok_at(self.text.rindex(":", s, e))
                    sp = self.colon_subject(colon)
                    if sp is not None:
                        return (sp, ":", "C3")
        return None

    def surface_pattern(self, after: list[int]) -> tuple[Speaker, str | None, str] | None:
        """NAME CUE or CUE NAME right after a closing mark, read on the words, not the parse."""
        toks = self.toks
        if len(after) < 2:
            return None
        names = []
        k = 0
        while (
            k < len(after) and k < 3 and toks[after[k]].text[:1].isupper() and toks[after[k]].pos_ != "PRON"
        ):
            names.append(after[k])
            k += 1
        if names and k < len(after) and toks[after[k]].lower_ in CUE_FORMS:
            h = toks[names[-1]]
            sp = self.speaker_from(h, h.idx)
            if sp is not None and sp.name:
                return (sp, toks[after[k]].text, "C4")
        if toks[after[0]].lower_ in CUE_FORMS and toks[after[1]].text[:1].isupper():
            k = 1
            while k + 1 < len(after) and toks[after[k + 1]].text[:1].isupper():
                k += 1
            h = toks[after[k]]
            sp = self.speaker_from(h, h.idx)
            if sp is not None and sp.name:
                return (sp, toks[after[0]].text, "C4")
        return None

    def colon_subject(self, colon: int) -> Speaker | None:
        """The speaker of a clause ending in a colon before a quote: "Smith was blunt:", "From Cllr Lee:"."""
        r = self.region[colon]
        before = [i for i in self.region_tokens.get(r, []) if i < colon]
        if not before or colon - before[0] > 40:
            return None
        for i in reversed(before):
            t = self.toks[i]
            if (
                t.dep_ in _SUBJ
                and t.head.i < colon
                and (t.head.dep_ == "ROOT" or t.head.i == self.toks[colon].head.i)
            ):
                sp = self.speaker_from(t, t.idx)
                if sp is not None and sp.name and sp.kind in ("person", "organisation", "unnamed_official"):
                    return sp
        for i in reversed(before):
            t = self.toks[i]
            if t.ent_type_ == "PERSON":
                sp = self.speaker_from(t, t.idx)
                if sp is not None and sp.name and sp.kind == "person":
                    return sp
        return None

    def floating(self, seg: Segment) -> tuple[Speaker, str | None, str] | None:
        """C5: a quote paragraph (or a quote-only sentence) with no cue takes the previous speaker."""
        ps, _ = self.paras[seg.para]
        r = self.region[self.tok_at(seg.open_at)]
        alone = not [i for i in self.region_tokens.get(r, []) if not self.doc[i].is_punct]
        if not alone:
            return None
        starts_para = not self.text[ps : seg.open_at].strip()
        ev = self.last_event(seg.open_at, lambda s: bool(s.name), max_paras=1)
        if ev is None:
            return None
        here = self.ordinal[seg.para]
        if ev.para != here and not (starts_para and ev.para == here - 1):
            return None
        return (ev.speaker, None, "C5")

    # ----------------------------------------------------------------- reported speech
    def indirect(self, quotes: list[Quote]) -> list[Quote]:
        doc = self.doc
        out = []
        for i, (sp, _h) in self.cue_speaker.items():
            if sp is None or sp.kind != "person" or not sp.name:
                continue
            cue = doc[i]
            if cue.lemma_.lower() not in SPEECH_VERB:
                continue
            comp = next((c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i), None)
            if comp is None:
                continue
            toks = list(comp.subtree)
            lo, hi = toks[0].i, toks[-1].i
            # a clause that holds a whole quote is direct speech; one holding a few quoted words stays
            # indirect
            if any(
                q.kind == "direct" and doc[lo].idx <= q.start < doc[hi].idx + len(doc[hi]) for q in quotes
            ):
                continue
            if self.inside[lo] >= 0 and self.segments[self.inside[lo]].start <= doc[lo].idx:
                continue
            if self.tok_para[lo] != self.tok_para[hi]:
                continue
            while lo <= hi and (doc[lo].is_punct or doc[lo].lower_ == "that"):
                lo += 1
            if doc[lo].dep_ == "mark" or doc[lo].lower_ in ("if", "whether", "unless", "when", "because"):
                continue  # a condition or a question, not a reported claim
            while hi >= lo and (doc[hi].is_punct or doc[hi].pos_ == "CCONJ") and self.inside[hi] < 0:
                hi -= 1
            if hi - lo < 3:
                continue
            start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
            out.append(
                Quote(
                    text=self.text[start:end],
                    start=start,
                    end=end,
                    kind="indirect",
                    speaker=sp.name,
                    speaker_title=sp.title,
                    speaker_kind="person",
                    speaker_text=sp.text,
                    sentence=self.sentence_at(lo),
                    cue=cue.text,
                    rule="C1",
                )
            )
        return out


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """The same marked words quoted twice (a partial quote repeated later, a paragraph the page repeats) are
    one quote: keep the occurrence with the best-named speaker, else the first."""
    by_text: dict[str, list[Quote]] = {}
    for q in quotes:
        key = " ".join(_WORD.findall(q.text.lower()))
        by_text.setdefault(key, []).append(q)
    drop = set()
    for same in by_text.values():
        if len(same) < 2:
            continue
        order = ("person", "organisation", "unnamed_official", "anonymous", "document")
        best = min(same, key=lambda q: order.index(q.speaker_kind) if q.speaker_kind in order else 9)
        drop.update(id(q) for q in same if q is not best)
    return [q for q in quotes if id(q) not in drop]


def rank(quotes: list[Quote], n_paras: int, art: _Article | None = None) -> None:
    """Score every quote and mark the top few as key: named over unnamed, substantive over fragmentary, lede
    over tail."""
    if not quotes:
        return
    last = max(q.start for q in quotes) or 1
    weights = {"person": 3.0, "organisation": 2.0, "unnamed_official": 1.6, "anonymous": 1.2, "document": 1.0}
    for q in quotes:
        words = len(_WORD.findall(q.text))
        s = weights.get(q.speaker_kind, 0.0) if q.speaker else 0.0
        if q.speaker_title:
            s += 0.5
        s += min(words, 30) / 10.0
        s += {"direct": 1.0, "partial": 0.0, "indirect": -1.5}[q.kind]
        if words < 4:
            s -= 1.0
        s += 1.2 * (1.0 - q.start / last) if last else 0.0
        if q.inherited:
            s -= 0.3
        q.score = round(s, 3)
    eligible = [q for q in quotes if q.speaker and q.kind != "indirect" and len(_WORD.findall(q.text)) >= 4]
    if len(eligible) < _MIN_KEY:
        eligible += [q for q in quotes if q.kind == "indirect" and q.speaker]
    eligible.sort(key=lambda q: -q.score)
    want = max(_MIN_KEY, min(_MAX_KEY, (len(eligible) + 1) // 2))
    per_speaker: dict[str, int] = {}
    for q in eligible:
        if sum(per_speaker.values()) >= want:
            break
        key = (q.speaker or "").lower()
        if per_speaker.get(key, 0) >= 3:
            continue
        per_speaker[key] = per_speaker.get(key, 0) + 1
        q.key = True
