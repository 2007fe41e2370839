"""Recall's query language: what a user types, parsed into terms and filters (``parse_query``), never raising.

    in:#channel  since:YYYY-MM-DD  until:YYYY-MM-DD  is:open  is:answered
    type:quotes|people|questions|articles

Every word becomes a term of plain tokens, quoted later into the full-text expression (``Query.fts``), so
nothing a user types is full-text syntax; a query too long or with too many words is cut, with a note. The
search is ``bot.store.recall``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

MAX_QUERY_CHARS = 500
MAX_TERMS = 8
MAX_TOKENS_PER_TERM = 8
MAX_TOKEN_CHARS = 40
MAX_NAME_TOKENS = 5

QUESTION_FILTERS = ("open", "answered", "taken", "mine")  # is:… (bot.store.questions.status_sql)
_TYPES = {
    "quote": "quotes",
    "quotes": "quotes",
    "people": "people",
    "person": "people",
    "persons": "people",
    "question": "questions",
    "questions": "questions",
    "articles": "articles",
    "article": "articles",
}
_FILTER = re.compile(r"^(in|since|until|is|type):(.*)$", re.I)
_PHRASE = re.compile(r"[\"“”„«»]([^\"“”„«»]*)[\"“”„«»]")
_SLACK_TOKEN = re.compile(r"<([^<>]*)>")
_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s$", re.I)  # "Asif's" searches for Asif
_OPERATORS = {
    "AND",
    "OR",
    "NOT",
    "NEAR",
}  # full-text syntax typed in capitals: dropped, all words are required
_SEPARATORS = re.compile(r"[()\[\]{}*^+=<>|\\/;:!?~`@#$%&\"“”]")


@dataclass(frozen=True)
class RecallScope:
    """Where a recall is asked: it sees this channel and the public channels of this workspace."""

    team: str
    channel: str
    channel_private: bool = False
    user: str | None = None  # who asks: ``is:mine``


@dataclass
class Query:
    """A parsed recall query."""

    text: str
    terms: list[list[str]] = field(default_factory=list)  # each term a phrase of tokens
    name: str = ""  # the words as typed, tried as a person's name
    channels: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    status: str | None = None
    types: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def fts(self) -> str:
        """The FTS5 MATCH expression: every term a quoted phrase of plain tokens, all required."""
        return " ".join('"' + " ".join(tokens) + '"' for tokens in self.terms)

    @property
    def has_filters(self) -> bool:
        """True when the query narrows by channel, date or status."""
        return bool(self.channels or self.since or self.until or self.status)


def parse_query(text: str | None) -> Query:
    """Split a typed query into terms and filters; never raises."""
    raw = str(text or "").encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")
    q = Query(text=raw)
    if len(raw) > MAX_QUERY_CHARS:
        raw = raw[:MAX_QUERY_CHARS]
        q.notes.append(f"Only the first {MAX_QUERY_CHARS} characters were searched.")
    raw = _SLACK_TOKEN.sub(_slack_token, raw).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    terms: list[list[str]] = []
    for phrase in _PHRASE.findall(raw):
        tokens = _WORD.findall(phrase.lower())
        if tokens:
            terms.append(tokens[:MAX_TOKENS_PER_TERM])
    rest = _PHRASE.sub(" ", raw)
    for word in rest.replace('"', " ").replace("“", " ").replace("”", " ").split():
        m = _FILTER.match(word)
        if m:
            _apply_filter(q, m.group(1).lower(), m.group(2))
            continue
        # brackets and operators split words; apostrophes, dots, commas and hyphens join their parts
        # into a phrase, as the index saw them ("O'Brien", "U.S.", "200,000", "Jean-Luc")
        for part in _SEPARATORS.sub(" ", word).split():
            tokens = _WORD.findall(_POSSESSIVE.sub("", part).lower())
            if tokens and part not in _OPERATORS:
                terms.append(tokens[:MAX_TOKENS_PER_TERM])
    if len(terms) > MAX_TERMS:
        q.notes.append(f"Only the first {MAX_TERMS} words were searched.")
    q.terms = [[t[:MAX_TOKEN_CHARS] for t in term] for term in terms[:MAX_TERMS]]
    tokens = [t for term in q.terms for t in term]
    if 0 < len(tokens) <= MAX_NAME_TOKENS:
        q.name = " ".join(tokens)
    return q


def _slack_token(m: re.Match[str]) -> str:
    """Slack's <#C123|name>, <@U123>, <https://…|label> as plain words."""
    target, _, label = m.group(1).partition("|")
    if target.startswith("#"):
        return "#" + target[1:]
    if target.startswith(("@", "!")):
        return " "
    return " " + (label or target) + " "


def _apply_filter(q: Query, key: str, value: str) -> None:
    value = value.strip()
    if key == "in":
        name = value.lstrip("#").strip()
        if name:
            q.channels.append(name)
        else:
            q.error = "in: needs a channel, e.g. in:#politics"
    elif key in {"since", "until"}:
        parsed = _parse_date(value, end=key == "until")
        if parsed is None:
            q.error = f"{key}: needs a date like 2025-10-28, got {value[:20]!r}"
        else:
            setattr(q, key, parsed)
    elif key == "is":
        if value.lower() in QUESTION_FILTERS:
            q.status = value.lower()
        else:
            q.error = "is: takes open, answered, taken or mine"
    elif key == "type":
        for part in value.lower().split(","):
            kind = _TYPES.get(part.strip())
            if kind is None:
                q.error = "type: takes quotes, people, questions or articles"
            elif kind not in q.types:
                q.types.append(kind)


def _parse_date(value: str, *, end: bool) -> str | None:
    """YYYY-MM-DD (or YYYY-MM, YYYY) as an ISO date; a partial date covers its whole month or year."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return date(year, int(month), int(day)).isoformat()
        if month:
            first = date(year, int(month), 1)
            if not end:
                return first.isoformat()
            nxt = date(year + (first.month == 12), first.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1).isoformat()
        return date(year, 12, 31).isoformat() if end else date(year, 1, 1).isoformat()
    except ValueError:
        return None
