"""Organisation resolution for a title: only what the article states, never a guess."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from bot.extract import titles as lex
from bot.extract.title_patterns import _POSS, _head


def organization(tokens: list[Token]) -> str:
    """The organisation a title names, or "" when it names none: never a guess."""
    doc = tokens[0].doc
    lo, hi = tokens[0].i, tokens[-1].i + 1
    head = _head(tokens)
    inside = [e for e in ents_in(doc, lo, hi) if not _title_like(e)]
    if head is not None and lex.key(head) in _ENVOYS:
        # "ambassador to the UN", "envoy to Sudan": the posting, not the body the envoy belongs to
        inside = [e for e in inside if not (e.start > lo and _after_to(doc, lo, e.start))]
    # 1. an organisation named inside the title: "Interior Ministry spokesman", "HSE chief executive"
    for ent in inside:
        if ent.label_ == "ORG" and not _demonym(ent):
            return _clean(ent)
    # 2. a prepositional phrase: "of Libbey", "in the office of the minister", "Minister of Finance"
    fallback = ""
    for i in range(lo, hi):
        t = doc[i]
        if t.lower_ in ("of", "for", "at", "in", "with") and t.pos_ == "ADP":
            j = i + 1
            while j < hi and not (doc[j].pos_ == "ADP" and doc[j].lower_ != "of") and doc[j].text != "(":
                j += 1
            phrase = doc[i + 1 : j]
            words = [x for x in phrase if x.is_alpha and x.pos_ != "DET"]
            if not words:
                continue
            portfolios = [x for x in words if x.pos_ != "CCONJ"]
            if portfolios and all(lex.key(x) in lex.words("orgs_portfolios") for x in portfolios):
                if head is not None and lex.key(head) in ("minister", "ministry"):
                    words_ = _clean(phrase).split()
                    named = " ".join(w if w in ("and", "&") else w[:1].upper() + w[1:] for w in words_)
                    return f"Ministry of {named}"  # "Minister of Information and Culture"
                continue
            if any(lex.is_org_noun(x) for x in words):
                return _clean(phrase)
            if (
                not fallback
                and any(x.text[:1].isupper() for x in words)
                and not all(lex.is_title_word(x) for x in words)
                and (len(words) > 1 or _body(words[0]))
            ):  # "Head of Integrity": one capitalised word that is no entity is a function, not a body
                fallback = _clean(phrase)
    if fallback:
        return fallback
    # 3. the possessor: "Pakistan's foreign minister" (not "the Prime Minister's Advisor": no office is named)
    for i in range(lo, hi):
        poss = doc[i].text in ("'s", "\u2019s") or (doc[i].text in ("'", "\u2019") and doc[i].dep_ == "case")
        if poss and i > lo:
            owner = _ent_around(doc, i - 1)
            if owner is None or owner.end < i:
                continue
            if owner.label_ in ("ORG", "GPE") and not _title_like(owner) and not _demonym(owner):
                return _clean(owner)
            # a party or body that owns the title: "Labour's shadow health spokesman" ("Labour" alone reads
            # as a portfolio, but a portfolio owns no title)
            if (
                owner.label_ in ("ORG", "NORP")
                and owner.start <= lo
                and not any(lex.is_head(t) for t in owner)
            ):
                return _clean(owner)
    # 4. a place in the title: "Gauteng premier", "US President"
    for ent in inside:
        if ent.label_ == "GPE" and not _demonym(ent):
            return _clean(ent)
    return ""


def _body(t: Token) -> bool:
    """Is ``t`` inside a named organisation or place that is not itself a title ("Head of Integrity")?"""
    ent = _ent_around(t.doc, t.i)
    return ent is not None and ent.label_ in ("ORG", "GPE", "FAC", "LOC") and not _title_like(ent)


def _ent_around(doc: Doc, i: int) -> Span | None:
    """The entity that holds token ``i`` (it may start before a title: "The Amalgamated Transit Union's")."""
    if not doc[i].ent_type_:
        return None
    s = i
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    e = i + 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return Span(doc, s, e, label=doc[i].ent_type_)


def _demonym(ent: Span) -> bool:
    """ "Hungarian Foreign Minister", "Dutch MEP": a nationality describes the person, it names no body."""
    words = [t for t in ent if t.is_alpha]
    if not words or not all(
        lex.is_title_word(t) or lex.key(t) in lex.words("orgs_portfolios") for t in words[1:]
    ):
        return False  # "Romanian Energy" (a nationality and a portfolio) still counts as one
    word = words[0]
    if word.pos_ == "ADJ" or word.dep_ == "amod":
        return True
    low = word.lower_
    ends, whole = _demonym_lists()
    return ent.label_ in ("GPE", "NORP", "ORG") and (low in whole or any(low.endswith(e) for e in ends))


@lru_cache(maxsize=1)
def _demonym_lists() -> tuple[tuple[str, ...], frozenset[str]]:
    entries = lex.words("orgs_demonyms")
    return tuple(e[1:] for e in entries if e.startswith("-")), frozenset(
        e for e in entries if not e.startswith("-")
    )


_ENVOYS = {"ambassador", "envoy", "emissary", "representative", "delegate", "consul", "commissioner"}


def _after_to(doc: Doc, lo: int, start: int) -> bool:
    """Is there a "to" between the title's start and token ``start``?"""
    return any(doc[i].lower_ == "to" for i in range(lo, start))


def ents_in(doc: Doc, lo: int, hi: int) -> list[Span]:
    """The entities wholly inside tokens [lo, hi), read from the tokens (cheaper than ``doc.ents``)."""
    out: list[Span] = []
    i = lo
    while i < hi:
        t = doc[i]
        if t.ent_iob_ == "B":
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            if j <= hi:
                out.append(Span(doc, i, j, label=t.ent_type_))
            i = j
        else:
            i += 1
    return out


def _title_like(ent: Span) -> bool:
    """An entity made of title words ("Defense", "Advisor on Political Affairs"): a title, not an org."""
    words = [t for t in ent if t.is_alpha and t.pos_ not in ("DET", "ADP", "CCONJ")]
    return (
        not words
        or (any(lex.is_head(t) for t in words) and not any(lex.is_org_noun(t) for t in words))
        or all(lex.is_title_word(t) or lex.key(t) in lex.words("orgs_portfolios") for t in words)
    )


def _clean(span: Span) -> str:
    words = list(span)
    while words and words[0].pos_ == "DET":
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].text in _POSS):
        words = words[:-1]
    if not words:
        return ""
    doc = span.doc
    return " ".join(doc[words[0].i : words[-1].i + 1].text.split())


# --- the body written after a name ---------------------------------------------------------------

_PUBLIC = {"service", "department", "agency", "bureau", "ministry", "administration", "commission", "police"}


def _public_of(m: Span, media: set[int]) -> str:
    """P0 with the body after the name: "Ana Ruiz of the National Weather Service said" — a person speaking
    for a public body (one whose name has a word such as Service, Department, Agency, Police: ``_PUBLIC``).
    A company's or a university's people are read only with a title."""
    org = _of_after(m, media) or _with_after(m, media)
    if not org or not any(w.lower() in _PUBLIC for w in org.split() if w[:1].isupper()):
        return ""
    doc = m.doc
    verbs = lex.words("repair_speech_verbs")
    # the first word after the body that is not part of it or a comma must be a speech verb ("said")
    rest = [t for t in doc[m.end : m.end + 14] if t.ent_iob_ == "O" and t.text != "," and t.pos_ != "ADV"]
    rest = [t for t in rest if t.lower_ not in ("of", "with", "the")]
    return org if rest and rest[0].pos_ == "VERB" and rest[0].lemma_.lower() in verbs else ""


def _with_after(m: Span, media: set[int]) -> str:
    """ "<Name>, with the Texas Department of Transportation, said": the body a person works with."""
    doc = m.doc
    i = m.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ != "with":
        return ""
    j = i + 2
    if doc[j].lower_ == "the" and doc[j].ent_iob_ != "B" and j + 1 < len(doc):
        j += 1
    if doc[j].ent_iob_ != "B" or doc[j].ent_type_ != "ORG" or doc[j].i in media:
        return ""
    k = j + 1
    while k < len(doc) and doc[k].ent_iob_ == "I":
        k += 1
    return _clean(doc[j:k])


def _of_after(m: Span, media: set[int]) -> str:
    """ "<Name> of <Organisation or place>": the body a titled person belongs to, as the article states it."""
    doc = m.doc
    i = m.end
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ == "of":
        i += 1  # "Chief Superintendent Paul Henley, of Lancashire Police, said"
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return ""
    j = i + 1
    if doc[j].lower_ == "the" and j + 1 < len(doc) and doc[j].ent_iob_ != "B":
        j += 1  # "of the Home Office"; "the" inside the name ("of the National Weather Service") stays
    t = doc[j]
    if t.ent_iob_ != "B" or t.ent_type_ not in ("ORG", "GPE") or t.i in media:
        return ""
    k = j + 1
    while k < len(doc) and doc[k].ent_iob_ == "I":
        k += 1
    return _clean(doc[j:k])
