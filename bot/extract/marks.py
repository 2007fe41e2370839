"""Quote-mark scan on the characters: direction rules, apostrophes, paragraph
continuation.

The scan never raises on bad marks: a stray or unmatched mark is skipped and the rest of the article is kept.
It returns one ``Segment`` per quoted stretch of one paragraph; a quote that runs over several paragraphs
(each
paragraph reopens the mark, only the last one closes it) gives one segment per paragraph sharing a ``group``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_PATTERNS = Path(__file__).resolve().parent / "patterns"
_MARKS = json.loads((_PATTERNS / "quote_marks.json").read_text(encoding="utf-8"))

DOUBLE_OPEN = frozenset("\u201c\u201e\u201f\u00ab")  # “ „ ‟ «
DOUBLE_CLOSE = frozenset("\u201d\u00bb")  # ” »
SINGLE_OPEN = frozenset("\u2018\u2039")  # ‘ ‹
SINGLE_CLOSE = frozenset("\u2019\u203a")  # ’ ›
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN | DOUBLE_CLOSE | SINGLE_OPEN | SINGLE_CLOSE | {STRAIGHT_DOUBLE, STRAIGHT_SINGLE}
_OPEN_BEFORE = frozenset("([{\u2014\u2013-/") | DOUBLE_OPEN | SINGLE_OPEN | {'"', "'"}
_CLOSE_AFTER = frozenset(",.;:!?)]}\u2014\u2013-\u2026/\u201a") | DOUBLE_CLOSE | SINGLE_CLOSE | {'"', "'"}
_ELISIONS = frozenset(_MARKS["elisions"])
# '"We will fight on, he said.' : where a quote that lost its closing mark ends
_LOST_CLOSE = re.compile(
    r"[,.?!](?=\s+(?:(?:[A-Z][\w.'\u2019-]*\s+){0,3}[A-Z][\w.'\u2019-]*|he|she|they|it|we|I)\s+(?:"
    + "|".join(_MARKS["lost_close_verbs"])
    + r")\b)"
)
_SENTENCE_END = frozenset(".!?,;:\u2026")
# 'We will win," he said.' : what follows a closing mark whose opening mark was lost
_LOST_OPEN = re.compile(
    r"\s+(?:[\w.'\u2019-]+\s+){1,5}?(?:"
    + "|".join(_MARKS["lost_close_verbs"])
    + r")\b|\s+(?:"
    + "|".join(_MARKS["lost_close_verbs"])
    + r")\s+[A-Za-z]"
)
_MAX_SEGMENT = 3000  # characters: a longer "quote" inside one paragraph is a pairing error


@dataclass
class Segment:
    """One quoted stretch inside one paragraph: ``text[start:end]`` is the quote without its marks."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark; None when the paragraph ends the segment
    family: str  # "double" or "single"
    para: int  # index of the paragraph
    group: int  # segments of one multi-paragraph quote share a group
    unclosed: bool = False  # the opening mark starts a paragraph and nothing closes it
    unopened: bool = False  # the opening mark was lost: the quote starts the paragraph (``open_at == start``)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` (a single newline is a paragraph break in pasted text)."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _is_letter(c: str | None) -> bool:
    return c is not None and c.isalnum()


def _open_ctx(prev: str | None, nxt: str | None) -> bool:
    return (prev is None or prev.isspace() or prev in _OPEN_BEFORE) and nxt is not None and not nxt.isspace()


def _close_ctx(prev: str | None, nxt: str | None) -> bool:
    return prev is not None and not prev.isspace() and (nxt is None or nxt.isspace() or nxt in _CLOSE_AFTER)


def _elision_follows(para: str, i: int) -> bool:
    j = i + 1
    while j < len(para) and para[j].isalpha():
        j += 1
    return para[i + 1 : j].lower() in _ELISIONS


def _classify(para: str, i: int, single_open: bool, double_open: bool) -> tuple[str, str] | None:
    """("double" | "single", "open" | "close") for the mark at ``para[i]``; None for an apostrophe."""
    c = para[i]
    prev = para[i - 1] if i > 0 else None
    nxt = para[i + 1] if i + 1 < len(para) else None
    o, cl = _open_ctx(prev, nxt), _close_ctx(prev, nxt)
    if c == STRAIGHT_DOUBLE:
        if o and not cl:
            return ("double", "open")
        if cl and not o:
            return ("double", "close")
        if prev is not None and prev.isalnum() and nxt is not None and nxt.isalnum():
            return None  # inches, a typo: not a mark
        return ("double", "close" if double_open else "open")
    if c in DOUBLE_OPEN:
        if c in "\u00ab" and prev is None and nxt == " ":
            return None  # a bullet
        if double_open and cl and not o:
            return ("double", "close")  # wrong glyph
        return ("double", "open")
    if c in DOUBLE_CLOSE:
        if c == "\u00bb" and (prev is None or (prev.isspace() and i <= 2)) and (nxt is None or nxt == " "):
            return None  # a bullet at the start of a line
        if not double_open and o and not cl:
            return ("double", "open")  # wrong glyph
        return ("double", "close")
    # single family
    if _is_letter(prev) and _is_letter(nxt):
        return None  # don't, O'Brien, Matiang'i, shouldn‘t
    if c in SINGLE_OPEN:
        if o:
            if _elision_follows(para, i):
                return None
            return ("single", "open")
        if single_open and cl:
            return ("single", "close")
        return None
    # ’ ' ›
    if o and not cl:
        if nxt is not None and nxt.isdigit():
            return None  # ’90s
        if _elision_follows(para, i):
            return None  # ’Tis, 'em
        return ("single", "open")
    if cl and not o:
        if not single_open:
            return None  # plural possessive or a stray
        if prev in "sSzZ" and (nxt is None or nxt.isspace()) and _later_single_close(para, i):
            return None  # voters’ inside an open single quote that closes later
        return ("single", "close")
    return None


def _later_single_close(para: str, i: int) -> bool:
    for j in range(i + 1, len(para)):
        c = para[j]
        if c in SINGLE_CLOSE or c == STRAIGHT_SINGLE:
            prev = para[j - 1]
            nxt = para[j + 1] if j + 1 < len(para) else None
            if _is_letter(prev) and _is_letter(nxt):
                continue
            if _close_ctx(prev, nxt) and not _open_ctx(prev, nxt):
                return True
            if _open_ctx(prev, nxt) and not _close_ctx(prev, nxt):
                return False  # another quote opens first: this mark was the close
        elif c in SINGLE_OPEN or c in DOUBLE_CLOSE:
            return False
    return False


def _emitted_in(sc: _Scanner, pi: int) -> bool:
    return bool(sc.segments) and sc.segments[-1].para == pi


def _first_mark_opens(para: str, family: str) -> int | None:
    """Offset in ``para`` of an opening mark of ``family`` starting the paragraph, else None."""
    i = 0
    while i < len(para) and para[i].isspace():
        i += 1
    if i >= len(para) or para[i] not in ALL_MARKS:
        return None
    kind = _classify(para, i, False, False)
    if kind == (family, "open"):
        return i
    return None


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.segments: list[Segment] = []
        self.groups = 0

    def new_group(self) -> int:
        self.groups += 1
        return self.groups - 1

    def emit(
        self,
        start: int,
        end: int,
        open_at: int,
        close_at: int | None,
        family: str,
        para: int,
        group: int,
        unclosed: bool = False,
        unopened: bool = False,
    ) -> None:
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start or end - start > _MAX_SEGMENT:
            return
        self.segments.append(Segment(start, end, open_at, close_at, family, para, group, unclosed, unopened))


def scan(text: str) -> list[Segment]:
    """Every quoted segment of ``text`` in order; see the module docstring."""
    sc = _Scanner(text)
    paras = paragraphs(text)
    carry: tuple[str, int] | None = None  # (family, group) of a quote continuing into the next paragraph
    for pi, (ps, pe) in enumerate(paras):
        para = text[ps:pe]
        if not para.strip():
            continue  # a blank line does not break a continuing quote
        if ALL_MARKS.isdisjoint(para):
            carry = None
            continue
        carry = _scan_paragraph(sc, text, paras, pi, carry)
    return sc.segments


def _scan_paragraph(
    sc: _Scanner, text: str, paras: list[tuple[int, int]], pi: int, carry: tuple[str, int] | None
) -> tuple[str, int] | None:
    ps, pe = paras[pi]
    para = text[ps:pe]
    pos = 0
    first_open = _first_mark_opens(para, carry[0]) if carry else None
    while True:
        # stack entries: [family, offset in para, group]
        stack: list[list] = []
        restart = None
        i = pos
        n = len(para)
        while i < n:
            c = para[i]
            if c not in ALL_MARKS:
                i += 1
                continue
            d_open = any(e[0] == "double" for e in stack)
            s_open = any(e[0] == "single" for e in stack)
            kind = _classify(para, i, s_open, d_open)
            if kind is None:
                i += 1
                continue
            fam, role = kind
            if role == "open":
                same = [e for e in stack if e[0] == fam]
                if same:
                    if fam == "double":
                        # Either the earlier quote lost its closing mark (it ended a sentence) or the
                        # earlier mark is a stray: close the earlier quote there, or forget it.
                        top = same[0]
                        before = para[top[1] + 1 : i].rstrip()
                        if before and before[-1] in _SENTENCE_END and stack[0] is top:  # not nested
                            sc.emit(
                                ps + top[1] + 1,
                                ps + top[1] + 1 + len(before),
                                ps + top[1],
                                None,
                                fam,
                                pi,
                                top[2],
                            )
                        stack = [e for e in stack if e is not top and stack.index(e) < stack.index(top)]
                        stack.append([fam, i, sc.new_group()])
                    # a second single opener inside a single quote: a stray, skip it
                    i += 1
                    continue
                if stack and stack[-1][0] == "double" and fam == "single":
                    stack.append([fam, i, -1])  # nested: not a quote of its own
                else:
                    group = carry[1] if (carry and i == first_open) else sc.new_group()
                    stack.append([fam, i, group])
                i += 1
                continue
            # a closer
            idx = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == fam), None)
            if idx is None:
                if (
                    fam == "double"
                    and not stack
                    and not _emitted_in(sc, pi)
                    and _LOST_OPEN.match(para, i + 1)
                ):
                    # 'We will win," he said.' : a paragraph that lost its opening mark
                    start = len(para) - len(para.lstrip())
                    if not any(c in ALL_MARKS for c in para[start:i]) and len(para[start:i].split()) >= 3:
                        sc.emit(
                            ps + start, ps + i, ps + start, ps + i, fam, pi, sc.new_group(), unopened=True
                        )
                i += 1
                continue  # unmatched closer: skip it
            entry = stack[idx]
            del stack[idx:]
            if entry[2] >= 0 and not stack:
                sc.emit(ps + entry[1] + 1, ps + i, ps + entry[1], ps + i, fam, pi, entry[2])
            i += 1
        # end of paragraph
        outer = stack[0] if stack else None
        if outer is None:
            return None
        fam, at, group = outer
        nxt = pi + 1
        while nxt < len(paras) and not text[paras[nxt][0] : paras[nxt][1]].strip():
            nxt += 1
        if nxt < len(paras):
            nps, npe = paras[nxt]
            if _first_mark_opens(text[nps:npe], fam) is not None:
                sc.emit(ps + at + 1, pe, ps + at, None, fam, pi, group)
                return (fam, group)
        if not para[:at].strip() and fam == "double":
            # a paragraph that opens a quote and never closes it: the closing mark was lost, at the end of
            # the paragraph or just before an attribution ("…, he said.")
            m = _LOST_CLOSE.search(para, at + 1)
            end = ps + m.end() if m else pe
            sc.emit(ps + at + 1, end, ps + at, None, fam, pi, group, unclosed=True)
            return None
        # an unmatched opener mid-paragraph: skip it and scan on after it. What this pass emitted after the
        # stray is scanned again without it, so it is dropped here (else it would come out twice, or out of
        # order: 'a stray ‘mark “We lost. “We won,” she said.')
        restart = at + 1
        sc.segments = [s for s in sc.segments if s.para != pi or s.open_at < ps + restart]
        pos = restart
        first_open = None
        carry = None


_PRONOUNS = frozenset("i we you he she they it this that there here my our your".split())
_TITLE_STOP = frozenset(
    (
        "a an the of and or in on at to for by with from as is are be it its into over under vs via nor but"
    ).split()
)


def looks_like_title(quote: str) -> bool:
    """A short quoted phrase whose content words are all Title-case and that ends without punctuation: the
    name of a show, book, newsletter or headline, not speech (filter S2, guarded against all-stop-word
    quotes)."""
    quote = quote.strip()
    comma = quote[-1:] == ","  # US style puts the comma inside the marks of a title too
    if comma:
        quote = quote[:-1].rstrip()
    if not quote or quote[-1] in ",.;:!?\u2026":
        return False
    words = [w.strip("()[]'\u2019\u2018\"-") for w in quote.split()]
    words = [w for w in words if w]
    if not words or len(words) > 8:
        return False
    content = [w for w in words if w.lower() not in _TITLE_STOP and any(c.isalnum() for c in w)]
    if not content or (comma and (len(content) < 2 or content[0].lower() in _PRONOUNS)):
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in content)


@lru_cache(maxsize=8)
def scan_cached(text: str) -> tuple[Segment, ...]:
    """``scan`` memoised for the few texts in flight (people.py and quotes.py both need the marks)."""
    return tuple(scan(text))


def title_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges (marks included) of quoted phrases that look like titles of works or shows."""
    out = []
    for s in scan_cached(text):
        if s.close_at is not None and looks_like_title(text[s.start : s.end]):
            out.append((s.open_at, s.close_at + 1))
    return out
