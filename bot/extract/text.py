"""Text preparation before parsing: checks, length-preserving clean-up, size cap, paragraphs.

Every change here keeps offsets valid: one character is replaced by one character, and a cut only
removes a tail. The analysed text is returned so that callers can show it and map offsets into it.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.language import Language
from spacy.tokens import Doc

from bot.errors import InputError

# One character for one character, so offsets into the cleaned text are offsets into the input.
_SAME_LENGTH = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\r": "\n", "\t": " ", "\u2028": "\n", "\u2029": "\n", "\ufeff": " ", "\u200b": " ",
})

_ENGLISH_WORDS = frozenset(
    "the of and to a in is that for on was with said he it as at by from his be have has are were but not "
    "this they an who will would their which had been she her its we i you or after about more than also "
    "there when one all over into could what".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def prepare(text: str, max_chars: int) -> tuple[str, list[str]]:
    """Clean ``text`` for analysis; return it with notes for the reader. Raises InputError for non-articles."""
    if "\x00" in text[:4096]:
        raise InputError("That looks like a binary file, not article text.")
    cleaned = text.translate(_SAME_LENGTH)
    if not cleaned.strip():
        raise InputError("There is no text to digest: the input is empty.")
    notes: list[str] = []
    if len(cleaned) > max_chars:
        cut = cleaned.rfind("\n", 0, max_chars)
        cut = cut if cut > max_chars // 2 else max_chars
        cleaned = cleaned[:cut]
        notes.append(f"Only the first {cut:,} of {len(text):,} characters were digested.")
    check_language(cleaned)
    return cleaned, notes


def check_language(text: str) -> None:
    """Raise InputError when the text is clearly not English prose (another language, or no words at all)."""
    sample = text[:20_000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 20:
        if not letters:
            raise InputError("There are no words in that text to digest.")
        return
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    if latin / len(letters) < 0.5:
        raise InputError("That text does not look like English; Legwork digests English-language articles only.")
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) >= 40 and sum(w in _ENGLISH_WORDS for w in words) / len(words) < 0.08:
        raise InputError("That text does not look like English; Legwork digests English-language articles only.")


@Language.component("legwork_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Start a sentence at every paragraph (any line break): the parser keeps preset sentence starts."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text_with_ws[len(prev.text):] or (prev.is_space and "\n" in prev.text):
            if not token.is_space:
                token.is_sent_start = True
    return doc
