"""Text preparation before parsing: checks, length-preserving clean-up, size cap, paragraphs.

The clean-up replaces one character by one character; then a run of more than ``MAX_RUN`` punctuation marks
or symbols in a row (``))))``, ``”””``, emoji…) is cut to its first ``MAX_RUN``, because spaCy's tokenizer
takes time quadratic in such a run (10,000 ``)`` take 15 s); and a cut only removes a tail. The analysed text
is returned, and every offset of the ``Extraction`` is an offset into it, so callers show it and map offsets
into it, never into the input.

Text that is not English is not parsed (the pipeline is English): ``quotes_by_marks`` lists what its quote
marks enclose, with a note that Legwork reads English only. Text with no words (binary, symbols, keyboard
junk) is refused with one line.
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parser
import unicodedata
from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from bot.errors import InputError
from bot.extract import marks
from bot.models import Extraction, Quote

# One character for one character, so offsets into the cleaned text are offsets into the input.
_SAME_LENGTH = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\r": "\n",
        "\t": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        "\ufeff": " ",
        "\u200b": " ",
        # other control characters (C0, DEL, C1): a space, so that none reaches the parser or Slack
        **{c: " " for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]},
    }
)
# Characters that mark bytes decoded as text: NUL, other control characters, the replacement character.
_BINARY = frozenset(chr(c) for c in [*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x1B), 0x7F, 0xFFFD])
BINARY = "That looks like a binary file, not article text."
NO_WORDS = "There are no words in that text to digest."
JUNK = "That does not look like article text: it has hardly any words in it."
NOT_ENGLISH = "That text does not look like English; Legwork digests English-language articles only."
ENGLISH_ONLY = (
    "Legwork digests English-language articles only, and this text does not look like English: "
    "below are just the quotes found by their quote marks, without speakers."
)

_ENGLISH_WORDS = frozenset(
    "the of and to a in is that for on was with said he it as at by from his be have has are were but not "
    "this they an who will would their which had been she her its we i you or after about more than also "
    "there when one all over into could what".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_EDGE = "\"'()[]{}<>«»“”„‘’‚‹›.,;:!?…*_~`-–—/\\|"
_NUMBER = re.compile(r"(?=\D*\d)[\d$€£¥%.,:/+\-–]+[a-z]{0,3}", re.IGNORECASE)  # 12, $1.5bn, 10:30, 3-2, 25%
SAMPLE = 20_000  # characters read by the checks
MAX_MARKS = 0.25  # share of punctuation, symbols and emoji above which a stretch of text is not prose
MARKS_WINDOW = 10_000
_MARK = re.compile(r"[^\w\s]|_")
# Punctuation, symbols and emoji in a row (no letter, digit or space between them): spaCy strips them one by
# one, each strip searching the rest of the run, so a long run costs seconds. Prose never needs more.
MAX_RUN = 20
_LONG_RUN = re.compile(rf"[^\w\s]{{{MAX_RUN + 1},}}")
# The same for a short unit repeated (``'s's's…``, ``n't…``, ``___…``): each repetition is one more strip;
# and ``. . . …`` is one token per mark, tens of thousands of them for the parser.
_REPEATED = re.compile(rf"(.{{1,3}}?)\1{{{MAX_RUN},}}", re.DOTALL)


def prepare(text: str, max_chars: int, *, english: bool = True) -> tuple[str, list[str]]:
    """Clean ``text`` for analysis; return it with notes for the reader. Raises InputError for non-articles
    (empty, binary, no words) and, unless ``english`` is False, for text that is not English."""
    if looks_binary(text):
        raise InputError(BINARY)
    cleaned = collapse_runs(text.translate(_SAME_LENGTH))
    if not cleaned.strip():
        raise InputError("There is no text to digest: the input is empty.")
    notes: list[str] = []
    if len(cleaned) > max_chars:
        cut = cleaned.rfind("\n", 0, max_chars)
        cut = cut if cut > max_chars // 2 else max_chars
        cleaned = cleaned[:cut]
        notes.append(f"Only the first {cut:,} characters were digested (Legwork's limit is {max_chars:,}).")
    if english:
        check_language(cleaned)
    else:
        check_words(cleaned)
    return cleaned, notes


def alternation(words: Iterable[str], piece: Callable[[str], str] = re.escape, *, ignorecase: bool) -> str:
    """A regex alternation of ``words``, each written as ``piece(word)``, that matches exactly what
    ``"|".join(piece(w) for w in words)`` matches (the words are tried in the order given), only faster:
    words that begin with the same ASCII letter or digit (in any case when the regex is compiled with
    ``ignorecase``) share one branch, so that at each position of a text the regex engine tries the one
    branch whose first letter fits rather than every word. ``piece`` writes a word character by character
    (as ``re.escape`` does), so that ``piece(word) == word[0] + piece(word[1:])`` for such a word."""
    branches: dict[str, list[str]] = {}
    for word in words:
        first = word[:1]
        if first.isascii() and first.isalnum():
            key = first.lower() if ignorecase else first
        else:
            key = f"\\{len(branches)}"  # a word of its own, in its place
        branches.setdefault(key, []).append(word)
    out = []
    for group in branches.values():
        if len(group) == 1:
            out.append(piece(group[0]))
        else:
            out.append(group[0][0] + "(?:" + "|".join(piece(w[1:]) for w in group) + ")")
    return "|".join(out)


def word_start_gate(alternatives: Iterable[str]) -> str:
    """``"|".join(f"(?:{p})" for p in alternatives)``, each alternative a regex that begins with ``\\b``,
    with a gate in front that matches exactly what it matches, only faster: ``\\b(?=[<first characters>])``,
    the characters any of them can begin with right after the ``\\b`` (read from the parsed regex: a
    character, a class of characters, alternatives or a group of those). At most positions of a text the
    regex engine then stops at the gate instead of trying every alternative. Where a first character cannot
    be read so, the alternation is returned without a gate."""
    alternatives = list(alternatives)
    joined = "|".join(f"(?:{p})" for p in alternatives)
    first: set[str] = set()
    for pattern in alternatives:
        try:
            items = list(_sre_parser.parse(pattern))
        except (re.error, ValueError, TypeError):
            return joined
        chars = _first_chars(items[1:]) if items and items[0] == (_sre.AT, _sre.AT_BOUNDARY) else None
        if chars is None:
            return joined
        first |= chars
    if not first:
        return joined
    return r"\b(?=[" + "".join(re.escape(c) for c in sorted(first)) + "])(?:" + joined + ")"


def _first_chars(items: list) -> set[str] | None:
    """The characters a parsed regex (``re._parser`` items) must begin with; None when it is not plain."""
    if not items:
        return None
    op, av = items[0]
    if op is _sre.LITERAL:
        return {chr(av)}
    if op is _sre.IN:
        if all(o is _sre.LITERAL for o, _ in av):
            return {chr(c) for _, c in av}
        return None
    if op is _sre.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return _first_chars(list(sub)) if not add_flags and not del_flags else None
    if op is _sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            chars = _first_chars(list(branch))
            if chars is None:
                return None
            out |= chars
        return out
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
        return _first_chars(list(av[2]))
    return None


def collapse_runs(text: str) -> str:
    """``text`` with every run of more than ``MAX_RUN`` punctuation marks or symbols cut to its first
    ``MAX_RUN``, and every unit of up to three characters repeated more than ``MAX_RUN`` times in a row cut to
    ``MAX_RUN`` repetitions when it holds a mark (``'s``, ``_``, `` .``; letters, digits and spaces alone are
    left alone: the tokenizer's time grows with the square of such a run's length, not of a word's)."""
    text = _LONG_RUN.sub(lambda m: m.group(0)[:MAX_RUN], text)
    return _REPEATED.sub(_cut_repeats, text)


def _cut_repeats(m: re.Match[str]) -> str:
    unit = m.group(1)
    if all(c.isalnum() or c.isspace() for c in unit):
        return m.group(0)
    return unit * MAX_RUN


def looks_binary(text: str) -> bool:
    """True when the start of ``text`` is bytes rather than text: a NUL, or many control or replacement
    characters (what undecodable bytes become)."""
    head = text[:4096]
    if "\x00" in head:
        return True
    odd = sum(1 for c in head if c in _BINARY)
    return odd >= 8 and odd > len(head) * 0.1


def check_language(text: str) -> None:
    """Raise InputError when the text is clearly not English prose (another language, or no words at all)."""
    check_words(text)
    if not is_english(text):
        raise InputError(NOT_ENGLISH)


def check_words(text: str) -> None:
    """Raise InputError when the text has no words at all, or is mostly tokens that are not words (random
    characters, symbols, encoded data): junk, in any language."""
    sample = text[:SAMPLE]
    if not any(c.isalpha() for c in sample):
        raise InputError(NO_WORDS)
    if word_share(sample) < 0.5 or too_many_marks(text):
        raise InputError(JUNK)


def too_many_marks(text: str) -> bool:
    """True when some stretch of ``MARKS_WINDOW`` characters is over ``MAX_MARKS`` punctuation marks, symbols
    and emoji (of its characters that are not spaces). Prose has 2-5 % (the densest article of the
    development set: 4.8 %); text built of marks around a few words (``(((( word ))))``, ``"'"' said "'"'``)
    is not an article, and each mark is one more token for the parser: 40,000 such characters held an
    extraction worker for 8-14 s and 800 MB."""
    for start in range(0, len(text), MARKS_WINDOW):
        window = text[start : start + MARKS_WINDOW]
        solid = len(window) - sum(map(str.isspace, window))
        if solid >= 200 and len(_MARK.findall(window)) > MAX_MARKS * solid:
            return True
    return False


def word_share(text: str) -> float:
    """Share of the whitespace-separated tokens of ``text`` (numbers left out) that look like words of some
    language: mostly letters, and not longer than 30 characters unless the script writes no spaces."""
    words = other = 0
    for token in text.split():
        core = token.strip(_EDGE)
        if core.isalpha():  # most words: all letters, no digit (so no number)
            letters = len(core)
        elif not core or _NUMBER.fullmatch(core):
            continue
        else:
            letters = sum(1 for c in core if c.isalpha() or c in "'’-·.")
        if letters >= 0.8 * len(core) and (len(core) <= 30 or not core.isascii() and _spaceless(core)):
            words += 1
        else:
            other += 1
    return words / (words + other) if words + other else 1.0


def _spaceless(token: str) -> bool:
    """True when most of the token's letters are of a script written without spaces (CJK, Thai…)."""
    letters = [c for c in token if c.isalpha()]
    far = sum(1 for c in letters if ord(c) >= 0x0E00 and "LATIN" not in unicodedata.name(c, ""))
    return bool(letters) and far > len(letters) / 2


def is_english(text: str) -> bool:
    """True unless the text is clearly in another language (another script, or few common English words)."""
    sample = text[:SAMPLE]
    letters = sum(map(str.isalpha, sample))
    if letters < 20:
        return True
    # ASCII letters are Latin; only the other letters need their Unicode name read
    latin = sum(map(str.isalpha, sample.encode("ascii", "ignore").decode("ascii")))
    latin += sum(1 for c in _NON_ASCII.findall(sample) if c.isalpha() and "LATIN" in unicodedata.name(c, ""))
    if latin / letters < 0.5:
        return False
    words = [w.lower() for w in _WORD.findall(sample)]
    return not (len(words) >= 40 and sum(w in _ENGLISH_WORDS for w in words) / len(words) < 0.08)


def quotes_by_marks(text: str, max_chars: int) -> Extraction:
    """Text in another language: the quotes its quote marks enclose, without speakers, and a note that
    Legwork reads English only. InputError (one line) when there are none, or the text is not an article."""
    cleaned, notes = prepare(text, max_chars, english=False)
    quotes = []
    for seg in marks.scan(cleaned):
        quote = cleaned[seg.start : seg.end]
        if len(_WORD.findall(quote)) < 2 and not (_spaceless(quote) and len(quote) >= 4):
            continue  # a quoted word or a name: not a quotation
        sentence = _sentence(cleaned, seg.start, seg.end)
        quotes.append(Quote(text=quote, start=seg.start, end=seg.end, sentence=sentence, rule="marks"))
    if not quotes:
        raise InputError(NOT_ENGLISH)
    return Extraction(text=cleaned, quotes=quotes, notes=[ENGLISH_ONLY, *notes])


def _sentence(text: str, start: int, end: int, reach: int = 300) -> str:
    """The stretch of ``text`` around ``[start, end)`` up to the nearest line or sentence ends (verbatim)."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    left = max(para_start, start - reach)
    stops = [text.rfind(c, left, start) for c in ".!?。"]
    left = max([i + 1 for i in stops if i >= 0], default=left)
    right = min(para_end, end + reach)
    ends = [i for i in (text.find(c, end, right) for c in ".!?。") if i >= 0]
    right = min(ends) + 1 if ends else right
    return text[left:right].strip()


# A paragraph longer than this (in tokens) is not prose as written; inside it sentences are started at their
# ends, and no sentence may run past MAX_SENTENCE tokens: rule layers that walk parse trees stay fast.
LONG_PARAGRAPH = 300
MAX_SENTENCE = 120
_ENDS = frozenset(".!?…")
_CLOSERS = frozenset("\"'”’»)")


@Language.component("legwork_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Start a sentence at every paragraph (any line break): the parser keeps preset sentence starts. Inside a
    very long paragraph (one giant paste, a text without full stops), also at every sentence end, and at
    least every ``MAX_SENTENCE`` tokens."""
    starts = [0]
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text_with_ws[len(prev.text) :] or (prev.is_space and "\n" in prev.text):
            if not token.is_space:
                token.is_sent_start = True
                starts.append(token.i)
    starts.append(len(doc))
    for begin, end in zip(starts, starts[1:], strict=False):
        if end - begin > LONG_PARAGRAPH:
            _bound_sentences(doc, begin, end)
    return doc


def _bound_sentences(doc: Doc, begin: int, end: int) -> None:
    run = 0
    for i in range(begin + 1, end):
        token, prev = doc[i], doc[i - 1]
        run += 1
        if token.is_space or prev.is_space:
            continue
        ended = prev.text in _ENDS or (prev.text in _CLOSERS and i >= 2 and doc[i - 2].text in _ENDS)
        if (ended and (token.text[:1].isupper() or token.text in _CLOSERS)) or (
            run >= MAX_SENTENCE and (prev.is_punct or run >= MAX_SENTENCE * 3 // 2)
        ):
            token.is_sent_start = True
            run = 0
