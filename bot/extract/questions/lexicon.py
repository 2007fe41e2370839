"""Cue lists for the open-question rules, read from ``patterns/questions_*.json`` and compiled once per vocab.

Cue syntax (one string per phrase): tokens separated by spaces, matched lower-cased; ``a|b`` alternatives;
``~word`` a lemma; a trailing ``?`` makes a token optional; ``@NUM``, ``@VERB``, ``@NOUN`` match a kind of token.
"""

from __future__ import annotations

import json
import threading
from functools import cache
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher
from spacy.vocab import Vocab

PATTERNS = Path(__file__).resolve().parent.parent / "patterns"
_APOSTROPHES = ("'", "\u2019")
_LOCK = threading.Lock()
_MATCHERS: dict[int, tuple[Vocab, Matcher]] = {}


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


def compile_cue(cue: str) -> list[list[dict[str, Any]]]:
    """One cue string -> the spaCy Matcher patterns it stands for (a token mixing lemmas and words forks)."""
    patterns: list[list[dict[str, Any]]] = [[]]
    for part in cue.split():
        optional = part.endswith("?") and len(part) > 1
        part = part[:-1] if optional else part
        specs: list[dict[str, Any]]
        if part == "@NUM":
            specs = [{"LIKE_NUM": True}]
        elif part.startswith("@"):
            specs = [{"POS": part[1:]}]
        else:
            alts = part.split("|")
            lemmas = [a[1:] for a in alts if a.startswith("~")]
            lowers = [v for a in alts if not a.startswith("~") for v in _variants(a)]
            specs = []
            if lemmas:
                specs.append({"LEMMA": {"IN": lemmas}})
            if lowers:
                specs.append({"LOWER": {"IN": lowers}})
        if optional:
            specs = [dict(s, OP="?") for s in specs]
        patterns = [p + [s] for p in patterns for s in specs]
    return patterns


def matcher(vocab: Vocab) -> Matcher:
    """The Matcher over every enabled rule's ``cues``, built once per vocab."""
    key = id(vocab)
    with _LOCK:
        found = _MATCHERS.get(key)
        if found is not None and found[0] is vocab:
            return found[1]
        m = Matcher(vocab)
        for rule, conf in rules().items():
            if conf.get("on") and conf.get("cues"):
                m.add(rule, [p for c in conf["cues"] for p in compile_cue(c)])
        _MATCHERS[key] = (vocab, m)
        return m
