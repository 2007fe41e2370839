"""The pattern loader: word lists in ``bot/extract/patterns/``, read once. spaCy-free, so the store can use
the same lists as the extraction without loading a pipeline.

Every list is a plain text file (one entry a line, ``#`` comments) or a JSON file that a newsroom can extend
without touching code. Matching is on lower-cased text with a trailing full stop ignored ("Const." = "const").
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

PATTERNS = Path(__file__).resolve().parent / "extract" / "patterns"


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The matching key of a word: lower case, no trailing full stop, straight apostrophe."""
    return word.strip().lower().rstrip(".").replace("\u2019", "'")


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``patterns/<name>.txt``, lower-cased, without a trailing full stop."""
    return frozenset(word_key(line) for line in lines(name))


@cache
def lines(name: str) -> tuple[str, ...]:
    """The entries of ``patterns/<name>.txt`` as written (case kept), in file order."""
    text = (PATTERNS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in text if line.strip() and not line.lstrip().startswith("#"))


@cache
def data(name: str) -> Any:
    """The parsed ``patterns/<name>.json``."""
    return json.loads((PATTERNS / f"{name}.json").read_text(encoding="utf-8"))
