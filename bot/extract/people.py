"""Coreference-lite: name clusters that map surnames, honorifics and pronouns to the fullest name.

``PeopleIndex.build(doc)`` clusters the PERSON entities: a later "Asif", "Mr Asif" or "Khawaja Asif" joins the
cluster of "Defense Minister Khawaja Asif"; two people sharing a surname stay apart and a surname goes to the
nearest full mention before it. Each person keeps the title words written next to the name, so that a definite
description ("the Defense Minister", "the Commissioner") can be resolved too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span

from bot.extract import titles as lex
from bot.extract.extensions import doc_text
from bot.extract.title_patterns import _past, media_tokens, titles_for

_PATTERNS = Path(__file__).resolve().parent / "patterns"
_TITLES = json.loads((_PATTERNS / "people_titles.json").read_text(encoding="utf-8"))
# Words stripped from the front of a name, with the gender they imply: the forms of address (the one
# list, patterns/titles_honorifics.txt, with or without a full stop) and the titles and ranks before a name.
HONORIFICS: dict[str, str | None] = {
    **{
        form: _TITLES["honorific_genders"].get(w)
        for w in lex.words("titles_honorifics")
        for form in (w, f"{w}.")
    },
    **_TITLES["name_prefixes"],
}
TITLE_WORDS = frozenset(_TITLES["title_words"])
ORG_WORDS = frozenset(_TITLES["org_words"])
GENDER_WORDS: dict[str, str] = _TITLES["gender_words"]
NAME_MODIFIERS = frozenset(_TITLES["name_modifiers"])
TITLE_ABBREVIATIONS: dict[str, str] = _TITLES["title_abbreviations"]
_FIRST = json.loads((_PATTERNS / "people_first_names.json").read_text(encoding="utf-8"))
FIRST_NAMES: dict[str, str] = {**{n: "f" for n in _FIRST["f"]}, **{n: "m" for n in _FIRST["m"]}}


def _generations(people: list[Person]) -> bool:
    """Are two of these the same name with and without a generational suffix ("Robert F. Kennedy" and
    "Robert F. Kennedy Jr.": father and son)?"""
    names = [[w.lower() for w in p.tokens] for p in people]
    bare = {tuple(n) for n in names}
    return any(len(n) > 2 and n[-1] in _GENERATIONAL and tuple(n[:-1]) in bare for n in names)


def first_name_gender(word: str) -> str | None:
    """ "f" / "m" for a common first name, else None."""
    return FIRST_NAMES.get(word.lower())


_NAME_PARTICLES = frozenset("von van der de da del della di du le la bin bint al el ul ibn abu binti".split())
_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
_MAX_NAME_TOKENS = 6
# generational suffixes: "Will Snr" is "Will Brown Snr" written without the surname
GENERATIONAL = frozenset({"jr", "sr", "snr", "jnr", "ii", "iii", "iv"})  # written with or without a full stop
_GENERATIONAL = GENERATIONAL | {f"{w}." for w in GENERATIONAL}
_PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}


_TITLE_BREAK = frozenset({"of", "for", "on", "to", "at", "in", "with", "from", "over"})
_NOT_HEADS = frozenset({"deputy", "vice", "assistant", "acting", "chief"})
PAST_WORDS = frozenset(lex.words("titles_past"))
_GROUPS = [line.lower().split() for line in lex.lines("titles_synonyms")]
_SYNONYMS: dict[str, frozenset[str]] = {w: frozenset(group) - {w} for group in _GROUPS for w in group}


def title_heads(words: list[str]) -> set[str]:
    """The office words of a title, lower case: the last run of title words before any "of"/"for" phrase,
    each part of "X and Y" ("Prime Minister's Advisor on Political Affairs" -> advisor; "Director and
    writer" -> director, writer; "Inspector General of Police" -> inspector, general). A rank word alone
    ("deputy") is no office."""
    heads: set[str] = set()
    run: list[str] = []
    last: list[str] = []
    for w in words:
        if w in _TITLE_BREAK:
            break
        if w in ("and", "&", ","):
            heads.update(last)
            run, last = [], []
        elif w in TITLE_WORDS:
            run.append(w)
            last = list(run)
        else:
            run = []
    heads.update(last)
    return {h for h in heads if h not in _NOT_HEADS} or set(last)


@dataclass
class Person:
    """One person in the article: the fullest name and every place it is mentioned."""

    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)  # character spans
    gender: str | None = None  # "m" / "f" when an honorific or pronoun says so
    title: str = ""  # title words written next to a mention ("Defense Minister"), the longest seen
    title_words: set[str] = field(default_factory=set)  # lower-cased words of every title seen
    title_heads: set[str] = field(default_factory=set)  # the office words of those titles ("governor")
    past_heads: set[str] = field(default_factory=set)  # offices held before ("former prime minister")

    def add_title(self, text: str, words: list[str]) -> None:
        """Record a title written next to a mention: ``text`` as written, ``words`` its tokens."""
        low = [w.lower() for w in words if w.strip() and (w[:1].isalnum() or w in _POSSESSIVE)]
        low = [TITLE_ABBREVIATIONS.get(w, w) for w in low]  # "Sen." holds the office "senator"
        self.title_words.update(w for w in low if w not in _POSSESSIVE)
        past = any(w in PAST_WORDS for w in low)
        (self.past_heads if past else self.title_heads).update(title_heads(low))
        if len(text) > len(self.title):
            self.title = text

    @property
    def tokens(self) -> list[str]:
        return self.name.split()

    @property
    def surname(self) -> str:
        return self.tokens[-1] if self.tokens else ""


_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee")


def _occupation(word, following) -> bool:
    """A job word the NER kept at the front of a name: "Promoter Ed Marsh", "Boxer Ana Ruiz" (an agent noun
    that is no first name, before a known first name)."""
    low = word.lower_
    return (
        len(low) > 4
        and low.endswith(_AGENT_ENDINGS)
        and not first_name_gender(word.text)
        and bool(first_name_gender(following.text))
    )


def time_zone(span: Span) -> bool:
    """A one-word capitalised "name" right after a clock time is a time zone: "11 a.m. PT", "9 pm ET"."""
    if len(span) != 1 or not span[0].text.isupper() or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.ent_type_ == "TIME" or before.lower_ in ("a.m.", "p.m.", "am", "pm", "noon", "midnight")


def inverted_cue(word) -> bool:
    """A reporting verb that opens a sentence before its subject and that the NER read as part of the name:
    "Said Ortiz, smiling: '…'", "Added Lee: '…'" (the verb's form, at the start of a sentence)."""
    from bot.extract.quotes.lexicon import CUE_FORMS  # the quote package imports this module

    if word.lower_ not in CUE_FORMS:
        return False
    return word.i == 0 or bool(word.is_sent_start) or "\n" in word.nbor(-1).text_with_ws


def _clean_tokens(span: Span) -> tuple[list[str], str | None, int]:
    """Name words of an entity without leading honorifics/titles or a trailing possessive or verb.

    Returns (words, gender from an honorific, index of the first kept token in the doc)."""
    toks = list(span)
    gender = None
    # an honorific just before the entity counts too
    if span.start > 0:
        before = span.doc[span.start - 1].lower_
        if before in HONORIFICS and HONORIFICS[before]:
            gender = HONORIFICS[before]
    while toks and (
        toks[0].lower_ in HONORIFICS
        or toks[0].lower_ in TITLE_WORDS
        or toks[0].lower_ in NAME_MODIFIERS
        or not toks[0].text[:1].isalpha()
        or toks[0].lower_ in _POSSESSIVE
        or toks[0].lower_ in ("the", "a", "an")
        or (len(toks) >= 3 and _occupation(toks[0], toks[1]))
        or (len(toks) >= 2 and inverted_cue(toks[0]))
    ):
        g = HONORIFICS.get(toks[0].lower_)
        if g:
            gender = g
        toks = toks[1:]
    while toks and (
        toks[-1].lower_ in _POSSESSIVE
        or (toks[-1].pos_ in ("VERB", "AUX", "ADP", "DET") and not toks[-1].text[:1].isupper())
        or toks[-1].pos_ == "PUNCT"
        or toks[-1].lower_ in TITLE_WORDS
    ):
        toks = toks[:-1]
    start = toks[0].i if toks else span.start
    # words as written, so that "Sanwo-Olu" and "M.R." stay whole
    words = span.doc[toks[0].i : toks[-1].i + 1].text.split() if toks else []
    if words and words[-1].endswith(("'s", "\u2019s")):
        words[-1] = words[-1][:-2]
    return [w for w in words if w], gender, start


def _titled_name(ent: Span) -> bool:
    """An entity the NER labelled ORG (or a work) that is a person's name: only proper nouns, no
    organisation word,
    and a title or honorific right before it ("general secretary Solly Phetoe")."""
    if ent.label_ not in ("ORG", "WORK_OF_ART") or not 2 <= len(ent) <= 4:
        return False
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before not in TITLE_WORDS and before not in HONORIFICS and not first_name_gender(ent[0].text):
        return False
    return all(
        t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in ORG_WORDS and not t.text.isupper()
        for t in ent
    )


def _left_title(doc: Doc, start: int) -> list:
    """Title tokens written right before a name ("Defense Minister", "Director General of Police (DGP)")."""
    out = []
    i = start - 1
    while i >= 0 and len(out) < 10:
        t = doc[i]
        if t.is_space or "\n" in t.whitespace_:
            break  # the paragraph starts here (the parser's sentence starts are unreliable before names)
        if (
            (t.ent_type_ == "PERSON" and t.lower_ not in TITLE_WORDS)  # "Coach" inside the entity is a title
            or t.pos_ in ("VERB", "AUX", "PRON", "NUM")
            or t.lower_ in ("the", "a", "an")
        ):
            break
        if t.is_punct and t.text not in ("(", ")", "-", "\u2019s", "'s"):
            break
        if t.pos_ in ("ADP", "CCONJ") and t.lower_ not in ("of", "for", "on", "and"):
            break
        out.append(t)
        i -= 1
    while out and (out[-1].pos_ in ("ADP", "CCONJ") or out[-1].is_punct):
        out.pop()
    out.reverse()
    if not any(t.lower_ in TITLE_WORDS or t.text.isupper() and len(t.text) > 1 for t in out):
        return []
    return out


def _right_title(doc: Doc, end: int) -> list:
    """A comma-bounded appositive title after a name ("Nora Halvorsen, chief executive of Brightwell,")."""
    if end >= len(doc) or doc[end].text != ",":
        return []
    out = []
    i = end + 1
    while i < len(doc) and len(out) < 12:
        t = doc[i]
        if t.is_quote:
            return []  # a quote mark closes or opens speech: '… Lena," the coach said' is no apposition
        if (
            t.text in (",", ".", ";", ":")
            or t.pos_ in ("VERB", "AUX")
            or "\n" in t.text_with_ws
            and t.is_space
        ):
            break
        out.append(t)
        i += 1
    if i >= len(doc) or doc[i].text not in (",", ".", ";") and doc[i].pos_ not in ("VERB", "AUX"):
        return []
    words = [t for t in out if t.lower_ not in ("the", "a", "an")]
    if not words or not any(t.lower_ in TITLE_WORDS for t in words[:4]):
        return []
    return out


_NOT_INITIALS = frozenset({"of", "the", "for", "and", "&", "to", "on", "at", "in", "(", ")", "'s", "\u2019s"})


def _initials_match(acronym: str, title: str) -> bool:
    """True when ``acronym`` ("cm") spells the initials of the last words of ``title`` ("Tamil Nadu Chief
    Minister" -> "TNCM", "NCM", "CM"), function words skipped."""
    if not (2 <= len(acronym) <= 5) or not title:
        return False
    words = [w for w in title.replace("-", " ").split() if w.lower() not in _NOT_INITIALS and w[:1].isalpha()]
    initials = "".join(w[0] for w in words).lower()
    return len(initials) >= len(acronym) and initials.endswith(acronym.lower())


@dataclass
class PeopleIndex:
    """The article's people, built once per ``Doc``."""

    people: list[Person] = field(default_factory=list)
    # (char start, person) for every mention, in text order
    _mentions: list[tuple[int, Person]] = field(default_factory=list)
    # the titles read next to each PERSON mention (title_patterns.titles_for), shared with the officials list
    titles: dict = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, skip: list[tuple[int, int]] | None = None) -> PeopleIndex:
        """Cluster the PERSON entities of ``doc``; entities inside a ``skip`` char range are left out."""
        index = cls()
        if skip is None:
            from bot.extract.marks import title_spans

            skip = title_spans(doc_text(doc))
        for ent in doc.ents:
            if ent.label_ != "PERSON" and not _titled_name(ent) or time_zone(ent):
                continue
            if any(s <= ent.start_char and ent.end_char <= e for s, e in skip):
                continue
            words, gender, first = _clean_tokens(ent)
            if not words or len(words) > _MAX_NAME_TOKENS + 2:
                continue
            if (
                not words[0][:1].isupper()
                or not words[-1][:1].isupper()
                or any(c.isdigit() for c in "".join(words))
            ):
                continue
            start_char = doc[first].idx
            end_char = ent.end_char
            person = index._add(words, start_char, end_char)
            if gender and not person.gender:
                person.gender = gender
            if not person.gender and len(person.tokens) >= 2:
                person.gender = first_name_gender(person.tokens[0])
            title = _left_title(doc, first) or _right_title(doc, ent.end)
            if ent.label_ == "PERSON":
                # and the titles the officials rules read next to the name (relative clause, "as", copula:
                # "Rao, who became governor of the central bank"), so that a description finds its holder
                for t in titles_for(ent, media_tokens(doc), index.titles):
                    if not _past(t):
                        # "who heads Acme" is held as written out, "head of Acme": the office is "head"
                        words = t.text.split() if t.office else [w.text for w in t.tokens]
                        person.add_title(t.text, words)
            if title:
                person.add_title(doc[title[0].i : title[-1].i + 1].text, [t.text for t in title])
                for t in title:
                    g = HONORIFICS.get(t.lower_)
                    if g and not person.gender:
                        person.gender = g
        index._mentions.sort(key=lambda m: m[0])
        index._pronoun_hints(doc)
        return index

    def _pronoun_hints(self, doc: Doc) -> None:
        """Gender from pronouns in a sentence naming one person only: "Wendt stood with her team"."""
        if not self._mentions:
            return
        starts = [m[0] for m in self._mentions]
        k = 0
        for sent in doc.sents:
            s0, s1 = sent.start_char, sent.end_char
            while k < len(starts) and starts[k] < s0:
                k += 1
            j = k
            persons = []
            while j < len(starts) and starts[j] < s1:
                persons.append(self._mentions[j])
                j += 1
            if not persons or len({id(p) for _, p in persons}) != 1:
                continue
            first, person = persons[0]
            if person.gender:
                continue
            said = {_PRONOUNS[t.lower_] for t in sent if t.idx > first and t.lower_ in _PRONOUNS}
            if len(said) == 1:
                person.gender = said.pop()

    def add(self, name: str, start: int, end: int) -> Person:
        """Record a name the NER missed (a speaker found by the quote rules); returns its person."""
        person = self._add(name.split(), start, end)
        self._mentions.sort(key=lambda m: m[0])
        return person

    def _add(self, words: list[str], start: int, end: int) -> Person:
        name = " ".join(words)
        person = self._match(words, start)
        if person is None:
            person = Person(name=name)
            self.people.append(person)
        elif len(words) > len(person.tokens) and (
            words[-len(person.tokens) :] == person.tokens
            or [w.lower() for w in person.tokens] == [words[0].lower()]
        ):
            person.name = name  # a fuller form of the same name
        person.mentions.append((start, end))
        self._mentions.append((start, person))
        return person

    def _match(self, words: list[str], at: int | None) -> Person | None:
        lower = [w.lower() for w in words]
        cands, firsts = [], []
        for p in self.people:
            pl = [w.lower() for w in p.tokens]
            if pl == lower:
                return p
            core = (
                pl[:-1] if len(pl) > 2 and pl[-1] in _GENERATIONAL else pl
            )  # "Kennedy" of "... Kennedy Jr."
            if len(lower) < len(pl) and (
                pl[-len(lower) :] == lower or (len(lower) < len(core) and core[-len(lower) :] == lower)
            ):
                cands.append(p)  # surname, or middle + surname
            elif len(pl) < len(lower) and lower[-len(pl) :] == pl:
                cands.append(p)  # an earlier short mention of this fuller name
            elif len(lower) == 2 and lower[1] in _GENERATIONAL and len(pl) > 2 and [pl[0], pl[-1]] == lower:
                cands.append(p)  # "Will Snr" for Will Brown Snr
            elif len(lower) == 1 and len(pl) >= 2 and pl[0] == lower[0]:
                firsts.append(p)  # first name, or a family name written first ("Ms Tan" for Tan Mei Ling)
            elif len(pl) == 1 and len(lower) >= 2 and lower[0] == pl[0]:
                # an earlier one-word mention by the name written first ("Xi" … "Xi Jinping")
                firsts.append(p)
        if not cands:
            cands = firsts
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        if _generations(cands):
            return None  # "Kennedy" with both Robert F. Kennedy Jr. and his father named: either one
        return self._nearest_of(cands, at)

    def _nearest_of(self, cands: list[Person], at: int | None) -> Person | None:
        best, best_d = None, None
        for start, p in self._mentions:
            if p not in cands:
                continue
            d = (at - start) if at is not None and start <= at else (10**9 + abs(start - (at or 0)))
            if best_d is None or d < best_d:
                best, best_d = p, d
        return best or cands[0]

    def resolve(self, mention: str, at: int | None = None) -> Person | None:
        """The person a written name refers to (exact, surname, honorific + surname), nearest before
        ``at``."""
        words = [w for w in mention.replace("[", " ").replace("]", " ").split()]
        while words and (
            words[0].lower() in HONORIFICS
            or words[0].lower() in TITLE_WORDS
            or words[0].lower() in ("the", "a", "an")
        ):
            words = words[1:]
        if words and words[-1].endswith(_POSSESSIVE):
            for suffix in _POSSESSIVE:
                if words[-1].endswith(suffix):
                    words[-1] = words[-1][: -len(suffix)]
                    break
        words = [w for w in words if w]
        if not words or words[0].lower() in ("he", "she", "they", "it", "him", "her", "them"):
            return None
        return self._match(words, at)

    def role_holders(
        self,
        head: str,
        required: set[str],
        preferred: set[str],
        acronym: bool = False,
        past: bool = False,
        spelled: str = "",
    ) -> list[Person]:
        """Everyone the article titles with ``head``: "the central bank governor" -> the people whose title
        words hold "governor" and every ``required`` word ("central", "bank"); ``preferred`` words
        (adjectives) narrow the list only when some holder has them. An ``acronym`` head ("the CM") also
        matches the initials of a title ("Chief Minister"), and a description ``spelled`` out ("pm" for "the
        prime minister") a title written as initials ("PM Ravi Kumar"). A ``past`` description ("the former
        minister") looks among offices held before, any other among current ones."""
        head = head.lower()
        required = {w.lower() for w in required}
        # the same office under another name ("the CEO" for "chief executive Nora Halvorsen"): the head, or a
        # modifier and the head written as one ("chief-executive"), looked up in titles_synonyms
        offices = {head, *(f"{m}-{head}" for m in required)}
        others = {o for office in offices for o in _SYNONYMS.get(office, ())}

        def holds(p: Person, office: str) -> bool:
            *mods, word = office.split("-")
            return word in (p.past_heads if past else p.title_heads) and set(mods) <= p.title_words

        cands = [
            p
            for p in self.people
            if head in (p.past_heads if past else p.title_heads)
            or (acronym and (head in p.title_words or _initials_match(head, p.title)))
        ]
        if required:
            cands = [p for p in cands if required <= p.title_words]
        if not cands:
            cands = [p for p in self.people if any(holds(p, o) for o in others)]
        if len(spelled) >= 2 and not past:
            cands += [p for p in self.people if spelled in p.title_words and p not in cands]
        preferred = {w.lower() for w in preferred}
        if preferred and len(cands) > 1:
            cands = [p for p in cands if preferred <= p.title_words] or cands
        return cands

    def nearest(
        self, at: int, gender: str | None = None, exclude: set[int] | None = None, since: int | None = None
    ) -> Person | None:
        """The person mentioned last before ``at`` (and after ``since``) whose gender does not contradict
        ``gender``."""
        for start, p in reversed(self._mentions):
            if since is not None and start < since:
                return None
            if start >= at:
                continue
            if exclude and id(p) in exclude:
                continue
            if gender and p.gender and p.gender != gender:
                continue
            return p
        return None

    def at(self, start: int, end: int) -> Person | None:
        """The person whose mention overlaps the characters ``start:end``."""
        for s, p in self._mentions:
            if s >= end:
                break
            for ms, me in p.mentions:
                if ms == s and me > start:
                    return p
        return None
