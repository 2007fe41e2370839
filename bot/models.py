"""Plain values passed between extraction, storage, fetching and Slack. They import nothing of the project.

Offsets (``start``/``end``) are character offsets into ``Extraction.text``, end exclusive, so that
``extraction.text[q.start:q.end] == q.text`` for every quote.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

QuoteKind = Literal["direct", "partial", "indirect"]
SpeakerKind = Literal[
    "person",
    "organisation",
    "document",
    "anonymous",
    "unnamed_official",
    "unresolved_pronoun",
    "unresolved_description",
    "none",
]


@dataclass
class Quote:
    """A quotation: verbatim ``text`` (without its marks) and who said it."""

    text: str
    start: int
    end: int
    kind: QuoteKind = "direct"
    speaker: str | None = None  # fullest name, or the article's description of an unnamed source
    speaker_title: str | None = None
    speaker_kind: SpeakerKind = "none"
    speaker_text: str | None = None  # the speaker as written at the cue ("he", "Mr Asif")
    sentence: str = ""  # the sentence (or sentences) the quote stands in
    cue: str | None = None  # "said", "according to", ":"
    rule: str = ""  # which attribution step fired (C1…C6), for evaluation
    inherited: bool = False  # a floating quote that took the previous speaker
    key: bool = False  # shown first in the reply
    score: float = 0.0  # ranking score behind ``key``


@dataclass
class Official:
    """A named person who holds an office or speaks for an institution."""

    name: str
    title: str = ""
    organization: str = ""
    mentions: int = 1
    evidence: str = ""  # the sentence that gives the title
    start: int = 0
    end: int = 0


@dataclass
class AnonymousSource:
    """An unnamed source as the article describes it."""

    description: str
    kind: Literal["anonymous", "unnamed_official"] = "anonymous"
    reason: str | None = None  # the stated reason for anonymity, verbatim
    reason_given: bool = False
    evidence: str = ""
    start: int = 0
    end: int = 0


@dataclass
class Question:
    """An open point an editor would send back to the reporter, tied to the text that raised it."""

    question: str
    category: str  # e.g. "pending decision", "legal basis", "anonymous source", "vague number"
    evidence: str  # exact substring of the text
    start: int
    end: int
    priority: int = 1  # higher first


@dataclass
class Extraction:
    """Everything Legwork extracts from one article."""

    text: str
    quotes: list[Quote] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    anonymous_sources: list[AnonymousSource] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    title: str | None = None
    url: str | None = None
    byline: str | None = None
    published: str | None = None
    site: str | None = None
    # e.g. "partial text: paywall", "text cut at 100,000 characters"
    notes: list[str] = field(default_factory=list)

    @property
    def key_quotes(self) -> list[Quote]:
        """The quotes marked key, in ranking order."""
        return sorted((q for q in self.quotes if q.key), key=lambda q: -q.score)

    @property
    def headline(self) -> str | None:
        """The text's first line when it reads like a headline (a few words, no closing punctuation, more
        lines after it): the title of a pasted article."""
        text = self.text
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        closed = first.endswith((".", "?", "!", ":", ";", ","))
        return first if 2 <= len(first.split()) <= 25 and not closed and "\n" in text else None

    @property
    def shown_title(self) -> str:
        """The title a reader sees: the article's own, else a stand-in naming the link, else the pasted text's
        headline, else "Pasted article"."""
        if (self.title or "").strip():
            return (self.title or "").strip()
        return ("Article at " + self.url) if self.url else (self.headline or "Pasted article")

    def to_dict(self) -> dict[str, Any]:
        """The ``extract --json`` shape."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild an Extraction from ``to_dict`` output (unknown keys are ignored)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["quotes"] = [_build(Quote, q) for q in data.get("quotes", [])]
        values["officials"] = [_build(Official, o) for o in data.get("officials", [])]
        values["anonymous_sources"] = [_build(AnonymousSource, s) for s in data.get("anonymous_sources", [])]
        values["questions"] = [_build(Question, q) for q in data.get("questions", [])]
        return cls(**values)


@dataclass
class Article:
    """An article fetched from a link: its body text and what the page says about it."""

    url: str
    text: str
    title: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    site: str | None = None
    notes: list[str] = field(default_factory=list)


def _build(cls: type, data: dict[str, Any]) -> Any:
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Sighting:
    """Where and when an article was digested in Slack (or from the command line: all fields empty)."""

    team: str = ""
    channel: str = ""
    channel_private: bool = False  # private channel, group DM or DM: never shown outside that channel
    message_ts: str | None = None
    thread_ts: str | None = None
    user: str | None = None
    permalink: str | None = None
    seen_at: float = 0.0  # Unix time; 0 means "now" when saved


@dataclass
class SaveResult:
    """What storing one digest tells the reply."""

    article_id: int
    new: bool  # False when the same URL or the same normalised text was stored before
    earlier: list[Sighting] = field(default_factory=list)  # earlier sightings visible from this channel
    question_ids: list[int] = field(default_factory=list)  # ids of the stored questions, in Extraction order
    # official's name -> earlier digests quoting them
    earlier_digests: dict[str, int] = field(default_factory=dict)
