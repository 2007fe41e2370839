"""Named officials: people who hold an office or speak for an institution, with title and organisation.

Each PERSON entity (after ``repair_entities``) is grouped with the other mentions of the same person, then
every mention is read for a title with the patterns P1-P6 of ``title_patterns.py``; P0 adds a person who
speaks for an organisation with no title ("The Weather Service's Marta Quillen said").

A person is an official when some mention carries a title whose head word is in ``titles_heads`` (and not in
``titles_not_heads``), or when they speak for a named organisation (P0). The fullest current title wins; a
title given only as a description elsewhere comes from the quote rules (P7) or an epithet (P8); an office
held only in the past is written "former ..." (P9), for a person the article is about.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from bot.extract import extensions as _extensions  # noqa: F401 - registers doc._.legwork_*
from bot.extract import titles as lex
from bot.extract.orgs import _clean, _of_after, _public_of, organization
from bot.extract.people import GENERATIONAL, ORG_WORDS, PeopleIndex, first_name_gender
from bot.extract.title_epithets import epithets
from bot.extract.title_patterns import _POSS, _best, _past, media_tokens, titles_for
from bot.models import Official, Quote

logger = logging.getLogger(__name__)

_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "himself", "herself"}


@dataclass
class Cluster:
    """One person: every PERSON mention that names them."""

    mentions: list[Span] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the fullest name's words
    name: str = ""

    def add(self, mention: Span) -> None:
        self.mentions.append(mention)
        words = _words(mention)
        if len(words) > len(self.words):
            self.words = [_unpossessed(t.text) for t in words]
            self.name = _unpossessed(" ".join(mention.doc[words[0].i : words[-1].i + 1].text.split()))

    @property
    def surname(self) -> str:
        core = _core_name(self.words)
        return core[-1] if core else ""


def _unpossessed(text: str) -> str:
    """ "Trump‘s" (a possessive the tokenizer left on the word, with any apostrophe) -> "Trump"."""
    for ending in ("'s", "\u2019s", "\u2018s"):
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)]
    return text


def _core_name(words: list[str]) -> list[str]:
    """The name without a generational suffix: "Robert F. Kennedy Jr." -> Robert F. Kennedy."""
    if len(words) >= 2 and words[-1].lower().rstrip(".") in GENERATIONAL:
        return words[:-1]
    return words


def find_officials(doc: Doc, people: PeopleIndex, quotes: list[Quote]) -> list[Official]:
    """List the article's named officials, fullest name and title first seen."""
    try:
        return _find_officials(doc, people, quotes)
    except Exception:  # noqa: BLE001 - a slip in one rule layer must not cost the reader the whole digest
        logger.exception("find_officials failed; continuing without it")
        return []


def _written(doc: Doc, words: Counter[str]) -> Counter[str]:
    """How often each of ``words`` stands in ``doc`` as a token, in order of first appearance
    (``Counter(t.text for t in doc if t.text in words)``), read on the tokens' text ids (``Doc.to_array``)."""
    out: Counter[str] = Counter()
    if not words or not len(doc):
        return out
    strings = doc.vocab.strings
    known: dict[int, str | None] = {}  # text id -> the text when it is one of words
    for orth in doc.to_array(ORTH).tolist():
        if orth not in known:
            text = strings[orth]
            known[orth] = text if text in words else None
        found = known[orth]
        if found is not None:
            out[found] += 1
    return out


def _find_officials(doc: Doc, people: PeopleIndex, quotes: list[Quote]) -> list[Official]:
    media = media_tokens(doc)
    officials: list[tuple[int, Official]] = []
    clusters = cluster_people(doc)
    surnames = Counter(c.surname for c in clusters)
    words = _written(doc, surnames)
    heads: set[str] = set()
    doc._.legwork_title_heads = heads  # read by sources.py: "the minister" of a named minister
    portfolio: set[str] = set()
    doc._.legwork_title_words = portfolio  # read by sources.py: "Health minister" of a health secretary
    names = [_core_name(c.words) for c in clusters]
    epithet = epithets(doc, names, media, words)
    past_epithet: dict[int, list[Token]] | None = None  # read only when someone has a past office alone
    for k, cluster in enumerate(clusters):
        if any(_played_by(m) for m in cluster.mentions):
            continue  # a character in a film or show: "the gladiator-general Titus (Ana Ruiz)"
        titles = [t for m in cluster.mentions for t in titles_for(m, media, people.titles)]
        heads.update(lex.key(x) for t in titles for x in t.tokens if lex.is_head(x))
        titles = [t for t in titles if not _past(t)]
        portfolio.update(
            lex.key(x)
            for t in titles
            for x in t.tokens
            if x.is_alpha
            and not x.is_stop
            and not (lex.is_head(x) or lex.is_honorific(x))
            and not x.text.isupper()
        )
        best = _best(titles)
        described = _described_title(cluster, quotes) if best is None else None
        if described is not None:
            # P7: no title next to the name, but the quote rules resolved a description of an office to this
            # person ('"…," the governor of the central bank said' after "Maya Rao met reporters")
            mention, (title, org), rule = cluster.mentions[0], described, "P7"
        elif best is None and k in epithet and not _office_taken(epithet[k], clusters, k, media, people):
            # P8: "Ana Ruiz announced ... The Norvia CEO is putting $40 million into it" (title_epithets.py)
            tokens = epithet[k]
            mention, title, org, rule = cluster.mentions[0], _text(tokens), organization(tokens), "P8"
        elif best is None:
            org = next(
                (o for m in cluster.mentions if (o := _institution(m, media) or _public_of(m, media))), ""
            )
            mention, title, rule = cluster.mentions[0], "", "P0"
            if not org:
                if past_epithet is None:
                    past_epithet = epithets(doc, names, media, words, past=True)
                alone = words if surnames[cluster.surname] == 1 else Counter()  # a surname two people share
                former = _former(cluster, media, people, alone, past_epithet.get(k))
                if former is None:
                    continue
                mention, title, org, rule = former
        else:
            mention, title, org, rule = best.mention, best.text, organization(best.tokens), best.rule
            if not org:  # "Detective Inspector Mark Halloran of West Yorkshire Police"
                org = next((o for m in cluster.mentions if (o := _of_after(m, media))), "")
        evidence, start, end = sentence_of(mention)
        officials.append(
            (
                cluster.mentions[0].start,
                Official(
                    name=cluster.name,
                    title=title,
                    organization=org,
                    mentions=_count_mentions(
                        cluster, people, quotes, words if surnames[cluster.surname] == 1 else None
                    ),
                    evidence=evidence,
                    start=start,
                    end=end,
                ),
            )
        )
        if doc._.legwork_official_rules is None:
            doc._.legwork_official_rules = []
        doc._.legwork_official_rules.append((cluster.name, rule))
    return [o for _, o in sorted(officials, key=lambda pair: pair[0])]


# --- people ----------------------------------------------------------------------------------------


def _words(span: Span) -> list[Token]:
    """The name's words: no honorifics, possessive endings or stray punctuation."""
    return [
        t
        for t in span
        if not t.is_space
        and t.text not in _POSS
        and not (t.is_punct and t.text != "-")
        and not lex.is_honorific(t)
    ]


def cluster_people(doc: Doc) -> list[Cluster]:
    """Group PERSON entities by name: full name, surname, honorific + surname."""
    clusters: list[Cluster] = []
    singles: list[Span] = []
    for ent in doc.ents:
        person = ent.label_ == "PERSON" or _person_tagged_org(ent)
        if not person or not _words(ent) or len(_words(ent)) > 7 or _attributive(ent):
            continue
        words = [t.text for t in _words(ent)]
        if len(words) == 1:
            singles.append(ent)
            continue
        target = None
        for c in reversed(clusters):
            if _same_name(c.words, words):
                target = c
                break
        if target is None:
            target = Cluster()
            clusters.append(target)
        target.add(ent)
    clusters = [c for c in clusters if not _sentence_start_word(c, clusters)]
    for ent in singles:
        word = _words(ent)[0].text
        fits = [c for c in clusters if c.surname == word or c.words[0] == word]
        if len({tuple(_core_name(c.words)) for c in fits}) < len({c.name for c in fits}):
            continue  # "Kennedy" after "Robert F. Kennedy Jr." and his father "Robert F. Kennedy": either one
        before = [c for c in fits if c.mentions[0].start < ent.start]
        target = (before or fits)[-1] if fits else None
        if len({c.name for c in fits}) > 1 and not before:
            target = None
        if target is None:
            target = next((c for c in clusters if c.words == [word]), None)
        if target is None:
            target = Cluster()
            clusters.append(target)
        target.add(ent)
    _untagged_surnames(doc, clusters)
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)
    return clusters


def _untagged_surnames(doc: Doc, clusters: list[Cluster]) -> None:
    """Add the surname mentions the tagger left untagged ("Whitby, the county's emergency director, said"
    after "Dana Whitby"): a capitalised proper noun outside any entity that is the surname of exactly one
    person named in full, so that a title beside it is read."""
    owners: dict[str, list[Cluster]] = {}
    for c in clusters:
        if len(_core_name(c.words)) >= 2:
            owners.setdefault(c.surname, []).append(c)
    if not owners:
        return
    for t in doc:
        found = owners.get(t.text)
        if not found or len(found) != 1 or t.ent_iob_ != "O" or t.pos_ != "PROPN":
            continue
        if t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN":
            continue  # "Whitby Hall": part of another name
        found[0].mentions.append(doc[t.i : t.i + 1])


def _sentence_start_word(cluster: Cluster, clusters: list[Cluster]) -> bool:
    """ "Top Biden" ("Top Biden officials have ..."): a common word capitalised at the start of a sentence
    read into a name, when the article names the person in full elsewhere ("Joe Biden"). Its first word is
    no known first name, it only ever stands first in a sentence, and another person of that surname has
    a first name."""
    if len(cluster.words) != 2 or first_name_gender(cluster.words[0]):
        return False
    if any(m.start != m.sent.start for m in cluster.mentions):
        return False
    return any(
        c is not cluster and c.surname == cluster.surname and first_name_gender(c.words[0]) for c in clusters
    )


def _attributive(ent: Span) -> bool:
    """A name used as a modifier of a common noun, not a mention of the person: "Top Biden officials",
    "the Trump campaign" (no title is given to a name used so, and "Top Biden" is no person)."""
    root = ent.root
    head = root.head
    if _unpossessed(ent[-1].text) != ent[-1].text:
        return False  # "Donald Trump‘s circle": a possessive the tokenizer kept on the name is a mention
    return (
        root.dep_ == "compound" and head.pos_ == "NOUN" and head.i == ent.end and not lex.is_title_word(head)
    )


def _person_tagged_org(ent: Span) -> bool:
    """A person's name the tagger labelled ORG, told by the appositive that describes a person after it:
    "Fadel Naeem, head of the orthopaedic department, said", "Morgan Raven, a biogeochemist at ...". Two or
    three capitalised proper nouns, no organisation word, and a known first name or an office in the
    appositive."""
    if ent.label_ != "ORG" or not 2 <= len(ent) <= 3:
        return False
    if not all(t.pos_ == "PROPN" and t.is_alpha and t.is_title and t.lower_ not in ORG_WORDS for t in ent):
        return False
    if any(lex.is_org_noun(t) or lex.is_title_word(t) for t in ent):
        return False
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return False
    appos = [c for c in ent.root.children if c.dep_ == "appos" and c.i > ent.end]
    offices = [t for a in appos for t in (a, *(c for c in a.children if c.dep_ == "conj")) if lex.is_head(t)]
    described = any(a.pos_ == "NOUN" for a in appos)  # "a biogeochemist", "head of ...": a person's role
    if not described or not (first_name_gender(ent[0].text) or offices):
        return False
    # ... and the article goes on about a person: the surname alone elsewhere ("according to Naeem") or
    # "he"/"she" in this sentence or the next ("Morgan Stanley, the lead adviser on the deal" is a bank)
    surname = ent[-1].text
    alone = any(t.text == surname and not (ent.start <= t.i < ent.end) and t.ent_iob_ != "I" for t in doc)
    sent = ent.sent
    nxt = doc[sent.end].sent if sent.end < len(doc) else sent
    near = [t for t in (*sent, *(nxt if nxt.start != sent.start else ())) if t.i >= ent.end]
    return alone or any(t.lower_ in _PRONOUNS - {"they", "them", "their"} for t in near)


def _same_name(a: list[str], b: list[str]) -> bool:
    """One name inside the other: "Inman Grant" in "Julie Inman Grant", "Khawaja Asif" in "Khawaja M Asif"."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if short == long_ or long_[-len(short) :] == short:
        return True
    if len(short) >= 2 and short[0] == long_[0] and short[-1] == long_[-1]:
        it = iter(long_)
        return all(w in it for w in short)  # a subsequence: the middle names may be left out
    return False


def _count_mentions(cluster: Cluster, people: PeopleIndex, quotes: list[Quote], words: Counter | None) -> int:
    """Name mentions (full name, surname, honorific + surname) plus quotes attributed through a pronoun."""
    count = len(cluster.mentions)
    if words is not None:  # the surname is this person's alone: every "Streeting" counts, tagged or not
        count = max(count, words[cluster.surname])
    named = {m.start_char for m in cluster.mentions}
    surname = cluster.surname
    extra = 0
    for q in quotes:
        said = (q.speaker_text or "").strip().lower()
        if (
            q.speaker
            and q.speaker.split()[-1:] == [surname]
            and (said in _PRONOUNS or said.startswith("the "))
        ):
            extra += 1
    count += extra
    try:
        person = people.resolve(cluster.name)
    except Exception:  # noqa: BLE001 - people.py is optional help here; our own count stands
        person = None
    if person is not None and person.mentions:
        count = max(count, len(person.mentions), len(named))
    return count


def _text(tokens: list[Token]) -> str:
    doc = tokens[0].doc
    return " ".join(doc[tokens[0].i : tokens[-1].i + 1].text.split())


def _office_taken(
    tokens: list[Token], clusters: list[Cluster], k: int, media: set[int], people: PeopleIndex
) -> bool:
    """Does another named person carry the office an epithet gives ("Norvia CEO Ana Ruiz" elsewhere)?"""
    office = {lex.key(t) for t in tokens if t.is_alpha}
    for j, other in enumerate(clusters):
        if j == k:
            continue
        for m in other.mentions:
            for t in titles_for(m, media, people.titles):
                if office <= {lex.key(x) for x in t.tokens if x.is_alpha}:
                    return True
    return False


def _former(
    cluster: Cluster, media: set[int], people: PeopleIndex, words: Counter, epithet: list[Token] | None
) -> tuple[Span, str, str, str] | None:
    """P9: a person whose only office is a past one ("the former South Carolina governor", "Roe, who was
    the company's finance chief", "is no longer president of the union") is listed with that office written
    as past ("former ..."), never as a current title. Only when the article is about them (named or called
    by surname at least twice), not a historical figure met in passing, and not "the late" (dead)."""
    if len(cluster.mentions) < 2 and words[cluster.surname] < 2:
        return None
    titles = [t for m in cluster.mentions for t in titles_for(m, media, people.titles, past=True)]
    if any(t.past == "late" for t in titles):
        return None
    best = _best(titles)
    size = (
        len([x for x in best.tokens if x.is_alpha and x.lower_ not in lex.words("titles_past")])
        if best
        else 0
    )
    if epithet is not None and len([x for x in epithet if x.is_alpha]) - 1 > size:
        # "the former South Carolina governor" said of her, longer than "who was U.N. ambassador"
        return cluster.mentions[0], _text(epithet), organization(epithet), "P9"
    if best is None:
        return None
    text = best.text
    if best.past != "range" and text.split()[0].lower().rstrip("-") not in lex.words("titles_past"):
        words_ = text.split()
        owner = next((k + 1 for k, w in enumerate(words_[:4]) if w.endswith(("'s", "\u2019s"))), 0)
        text = " ".join([*words_[:owner], "former", *words_[owner:]])  # "the company's former finance chief"
    return best.mention, text, organization(best.tokens), "P9"


def _played_by(m: Span) -> bool:
    """A cast listing: the name of a character followed by the actor in brackets ("the young princess Ona
    (Mia Lund)", "the robot Jimmy (voiced by Tom Hale)"). Neither is an office holder."""
    doc = m.doc
    i = m.end
    if i + 1 >= len(doc) or doc[i].text != "(":
        return False
    nxt = doc[i + 1]
    if nxt.lower_ in ("played", "voiced", "portrayed"):
        return True
    if nxt.ent_type_ != "PERSON" or nxt.ent_iob_ != "B":
        return False
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ in ("B", "I") and doc[end].ent_type_ == "PERSON":
        end += 1
    return end < len(doc) and doc[end].text == ")"


def _described_title(cluster: Cluster, quotes: list[Quote]) -> tuple[str, str] | None:
    """(title, organisation) from a definite description the quote rules gave to this person ("the governor
    of the central bank"), when its head is an office word and it names the body (an "of" phrase or a
    capitalised word: "the director" of a film is a job, not an office); "the" dropped."""
    for q in quotes:
        written = (q.speaker_text or "").strip()
        if q.speaker != cluster.name or q.speaker_kind != "person" or not written.lower().startswith("the "):
            continue
        words = written.split()[1:]
        if not 1 <= len(words) <= 8:
            continue
        if not any(lex.is_head_word(w) for w in words):
            continue
        if any(lex.key(w) in lex.words("titles_past") for w in words):
            continue
        title = " ".join(words)
        org = ""
        low = [w.lower() for w in words]
        if "of" in low and low.index("of") + 1 < len(words):
            rest = words[low.index("of") + 1 :]
            org = " ".join(rest[1:] if rest[0].lower() == "the" else rest)
        if org or any(w[:1].isupper() for w in words):
            return title, org  # an office of a body ("of the central bank", "the Labour leader"), not a job
    return None


def _institution(m: Span, media: set[int]) -> str:
    """P0: "<Organisation>'s <Name> said": the organisation the person speaks for."""
    doc = m.doc
    i = m.start - 1
    if i < 1 or doc[i].text not in ("'s", "\u2019s"):
        return ""
    owner = doc[i - 1]
    if owner.ent_type_ != "ORG" or owner.i in media:
        return ""
    first = owner.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    ent = doc[first : owner.i + 1]
    verbs = lex.words("repair_speech_verbs")
    nxt = [t for t in doc[m.end : m.end + 3] if t.pos_ != "ADV"]
    if not nxt or nxt[0].pos_ != "VERB" or nxt[0].lemma_.lower() not in verbs:
        return ""
    return _clean(ent)


def sentence_of(tok_or_span: Token | Span) -> tuple[str, int, int]:
    """The sentence around a token or span, without surrounding whitespace, and its character offsets."""
    sent = tok_or_span.sent
    text = sent.text
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    return body, sent.start_char + lead, sent.start_char + lead + len(body)
