"""The words the quote rules read (``patterns/quote_*.json``) and the two records they pass around: a
``Speaker`` (who a cue or a mark points to) and an ``Event`` (an attribution seen at a place in the text)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from bot.extract.people import Person

_PATTERNS = Path(__file__).resolve().parent.parent / "patterns"
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
ISSUER_VERBS = frozenset(_CUES["issuer_verbs"])
IMPLIED_DOCUMENTS: dict[str, frozenset[str]] = {
    v: frozenset(d) for v, d in _CUES["implied_documents"].items()
}
STATUS_MODIFIERS = frozenset(_CUES["status_modifiers"])
COURT_FILINGS = frozenset(_CUES["court_filings"])
DOCUMENT_PARTS = frozenset(_CUES["document_parts"])
CLAIM_NOUNS = frozenset(_CUES["claim_nouns"])
PARTY_MEMBERS = frozenset(_CUES["party_members"])
COMPANY_NOUNS = frozenset(_CUES["company_nouns"])
KIN_NOUNS = frozenset(_CUES["kin_nouns"])
IRREGULAR = {
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
    + [w for forms in IRREGULAR.values() for w in forms]
)
PERSON_SUFFIXES = ("ist", "er", "or", "ian", "ant", "ent", "ee")
NOT_PEOPLE = frozenset(
    "paper poster letter order number center centre meter filter chapter cover counter corner "
    "monitor factor sensor motor error mirror sector indicator calculator ent event "
    "comment document statement element segment agreement department government payment treatment "
    "component argument content percent incident accident moment judgement judgment settlement "
    "equipment environment requirement announcement assessment investment employment development "
    "management movement parliament amendment commitment achievement appointment entertainment "
    "tournament restaurant plant warrant grant variant".split()
)
EPITHET_CUES = frozenset(
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
TERMINALS = frozenset({".", "?", "!", "\u2026", "..."})
SUBJ = ("nsubj", "nsubjpass")
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
PLURAL_PRONOUNS = frozenset({"they", "them"})
DASHES = frozenset({"-", "\u2013", "\u2014", "--"})
WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
LAST_WORD = re.compile(r"([\w][\w-]*) ?$")
CLAUSE_END = frozenset(".!?,;:\u2026")
MAX_KEY = 6
MIN_KEY = 3


@dataclass
class Speaker:
    name: str | None
    kind: str  # SpeakerKind
    text: str | None
    title: str | None = None
    person: Person | None = None
    plural: bool = False


@dataclass
class Event:
    """An attribution seen in the text: who spoke, where."""

    at: int
    para: int
    speaker: Speaker
