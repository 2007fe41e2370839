"""What makes a run of words a title: its head word (the last before a preposition), heads that count
only after certain words or when capitalised, "member of <a body>", a lawyer of an organisation; and the
trimming of articles and punctuation around it. Used by ``title_patterns.py`` and ``title_clauses.py``.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from bot.extract import titles as lex

MAX_TITLE_TOKENS = 14
_POSS = {"'s", "\u2019s", "'", "\u2019"}
_SEAT_BODIES = {"cabinet", "board", "committee", "council", "assembly", "executive", "commission", "senate"}
# A jurisdiction before a head that is an office only when capitalised makes it one in lower case too:
# "the district attorney", "a county clerk", "the state auditor" (but still not "a keynote speaker").
_JURISDICTIONS = {
    "district",
    "state",
    "county",
    "city",
    "federal",
    "municipal",
    "provincial",
    "town",
    "borough",
}
# "leader" is an office only of a body: "the Labour leader", "leader of the opposition", "Hamas' senior
# leader", "the union leader"; a "class leader", "team leader" or "3rd-grade leader" holds none
_LEADER_BODIES = {
    "party",
    "opposition",
    "majority",
    "minority",
    "union",
    "house",
    "senate",
    "council",
    "parliamentary",
    "spiritual",
    "supreme",
    "military",
    "rebel",
    "militia",
    "political",
    "religious",
    "church",
    "tribal",
    "community",
    "business",
    "labor",
    "labour",
    "world",
    "group",
    "caucus",
    "coalition",
}
_GENERAL_OF = {"attorney", "surgeon", "postmaster", "solicitor", "auditor", "advocate", "accountant"}
_ELECT = {"elect", "designate"}
_LEGAL = {"attorney", "lawyer", "counsel", "solicitor", "barrister", "advocate"}


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop leading articles, prepositions, honorifics and punctuation, and trailing junk."""
    if len(tokens) > 2 and tokens[0].lower_ == "one" and tokens[1].lower_ == "of":
        tokens = tokens[2:]  # "one of the co-chairs of the committee": the office is the plural noun
    while (
        tokens
        and (
            tokens[0].pos_ in ("DET", "ADP", "CCONJ", "PUNCT", "PART", "ADV")
            or tokens[0].text in _POSS
            or lex.is_honorific(tokens[0])
            or tokens[0].lower_
            in ("also", "now", "currently", "much", "more", "very", "so", "as", "just", "only", "both")
        )
        and not (tokens[0].text == "(" or lex.is_head(tokens[0]))
    ):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].pos_ in ("DET", "ADP", "CCONJ")
        or tokens[-1].text in (",", "-", "(")
        or lex.is_honorific(tokens[-1])
        or (tokens[-1].text == "." and len(tokens) > 1 and lex.is_honorific(tokens[-2]))
    ):
        tokens = tokens[:-1]
    return tokens


def _core(tokens: list[Token]) -> list[Token]:
    """The title before its first preposition or bracket: "Director of Press ..." -> "Director"."""
    out = []
    for t in tokens:
        if t.pos_ == "ADP" or t.text == "(" or (t.pos_ == "SCONJ" and t.lower_ == "since"):
            # "campaign manager alongside Wiles", "general manager since 2019": the head is "manager"
            break
        out.append(t)
    return out


def _head(tokens: list[Token]) -> Token | None:
    core = [t for t in _core(tokens) if not (t.is_punct and t.text != ".") and t.text != "."]
    if len(core) >= 2 and core[-1].lower_ in _ELECT and core[-1].i > 0 and core[-1].nbor(-1).text == "-":
        return core[-2]  # "Mayor-elect", "Governor-designate": the office to be held
    if (
        len(core) >= 2
        and core[-1].lower_ == "general"
        and core[-1].i > 0
        and core[-1].nbor(-1).text == "-"
        and lex.is_head(core[-2])
    ):
        return core[-2]  # "secretary-general", "director-general" in lower case: the office is the first part
    return core[-1] if core else None


def _valid(tokens: list[Token], before: bool = False) -> bool:
    """A title needs a head word that makes its holder an official.

    The head is the last word before the first preposition ("Director of Press ..."); a title written right
    before the name may also end in its head after a bracket ("Federal Capital Territory (FCT) Minister").
    """
    head = _head(tokens)
    if (head is None or not lex.is_head(head)) and before and lex.is_head(tokens[-1]):
        head = tokens[-1]
    if head is not None and not lex.is_head(head):
        # two roles joined by "and", the office first, of a named body: "OpenAI co-founder and chief
        # scientist" (but a film's "Director and writer" names no body)
        core = _core(tokens)
        joints = [k for k, t in enumerate(core) if t.pos_ == "CCONJ" and 0 < k]
        body = any(
            t.ent_type_ in ("ORG", "GPE", "NORP")
            or t.text in _POSS
            or (t.pos_ == "PROPN" and not lex.is_title_word(t))
            for t in tokens
        )
        if joints and body and lex.is_head(core[joints[0] - 1]):
            head = core[joints[0] - 1]
    if head is not None and _counsel_to_body(tokens, head):
        return True
    needs = _qualified().get(lex.key(head)) if head is not None else None
    if needs and lex.is_not_official(head) and head.i > 0 and lex.key(head.doc[head.i - 1]) in needs:
        return True  # "special counsel", "general counsel": an office, though a counsel is not one
    if (
        head is not None
        and not lex.is_head(head)
        and (_public_staff(tokens, head) or _party_seat(tokens, head))
    ):
        return True
    if head is None or not lex.is_head(head):
        return False
    if head.pos_ == "ADJ" and not lex.is_rank(head):
        return False  # "the official Hollow Creek Farm Shop": an adjective
    needs = _qualified().get(lex.key(head)) or _qualified().get(lex.key(head)[:-1])  # "Rangers" as "ranger"
    if needs and not (head.i > 0 and lex.key(head.doc[head.i - 1]) in needs):
        return False  # "Prince Harry" holds no office; "Crown Prince" does
    if head.text[:1].islower() and lex.key(head) in lex.words("titles_heads_capitalised"):
        prev = head.doc[head.i - 1] if head.i > 0 else None
        # ... or a jurisdiction earlier in the same title: "the county fire marshal", "state deputy auditor"
        earlier = [t for t in tokens if t.i < head.i - 1]
        if prev is None or not (
            lex.is_head(prev)
            or prev.text == "-"
            or prev.lower_ in _GENERAL_OF
            or prev.lower_ in _JURISDICTIONS
            or prev.ent_type_ == "GPE"
            or any(t.lower_ in _JURISDICTIONS or t.ent_type_ == "GPE" for t in earlier)
        ):
            return False  # "keynote speaker", not "Speaker"; "attorney general", "district attorney" count
    if lex.key(head) == "member":  # "Member of Parliament for ...", not "a member of the public"
        core = _core(tokens)
        rest = tokens[len(core) : len(core) + 4]
        seat = len(core) >= 2 and lex.key(core[-2]) in _SEAT_BODIES  # "the council's cabinet member for ..."
        if not seat and not (
            len(rest) >= 2
            and rest[0].lower_ == "of"
            and any(
                (lex.is_org_noun(t) and t.text[0].isupper()) or lex.key(t) in _SEAT_BODIES for t in rest[1:]
            )
        ):
            return False  # "a member of the city council", "member of the board" hold a seat
    if lex.key(head) in ("leader", "leaders") and not _leader_of_body(tokens, head):
        return False
    core = _core(tokens)
    if core and head.i < core[-1].i:
        core = [t for t in core if t.i <= head.i]  # two roles, the office first: judge the office
    if lex.key(head) == "general" and len(core) >= 2 and lex.key(core[-2]) in _GENERAL_OF:
        core = core[:-2]  # "Solicitor General", "Attorney General": an office, though a solicitor is not
    if any(lex.is_not_official(t) for t in core[-2:]):
        return False
    return True


# the words that make an organisation a public body: its staff speak for it ("a National Weather Service
# meteorologist", "an engineer with the Department of Transportation"); a company's or a university's do not
_PUBLIC_BODIES = {
    "ministry",
    "department",
    "office",
    "agency",
    "commission",
    "council",
    "authority",
    "bureau",
    "directorate",
    "secretariat",
    "service",
    "government",
    "administration",
    "police",
    "army",
    "navy",
    "force",
    "court",
    "parliament",
    "assembly",
    "senate",
    "congress",
    "regulator",
    "municipality",
}
_PERSON_SUFFIXES = ("ist", "er", "or", "ian", "ant", "ent")


def _public_staff(tokens: list[Token], head: Token) -> bool:
    """A job at a named public body: "a National Weather Service meteorologist", "a forecaster with the
    Bureau of Meteorology". The head is a lower-case noun for a person's trade (no office word, not a
    reporter, lawyer or coach), and the title holds an organisation whose name has a public-body word."""
    if head.pos_ != "NOUN" or not head.is_lower or not head.lower_.endswith(_PERSON_SUFFIXES):
        return False
    if lex.is_not_official(head) or head.tag_ != "NN":
        return False
    doc = head.doc
    for ent in doc.ents:
        if ent.label_ != "ORG" or not any(t in tokens for t in ent):
            continue
        if any(t.text[:1].isupper() and t.lower_ in _PUBLIC_BODIES for t in ent):
            return True
    return False


def _party_seat(tokens: list[Token], head: Token) -> bool:
    """A party's senior seat on a committee: "the top Democrat on the House Judiciary Committee", "the
    ranking Republican on the panel" (a legislator; "a Democrat" alone is a voter as much as an office)."""
    if lex.key(head) not in ("democrat", "republican") or head.i == 0:
        return False
    if head.nbor(-1).lower_ not in ("top", "ranking", "senior", "leading"):
        return False
    after = [t for t in tokens if t.i > head.i]
    return (
        bool(after)
        and after[0].lower_ == "on"
        and any(t.lower_ in ("committee", "subcommittee", "panel") for t in after)
    )


def _leader_of_body(tokens: list[Token], head: Token) -> bool:
    """Does a title headed by "leader" name the body led: a name, an organisation, place or people, a
    possessive, an "of"/"for" phrase after it, or a kind of body before it (``_LEADER_BODIES``)?"""
    before = [t for t in tokens if t.i < head.i]
    after = [t for t in tokens if t.i > head.i]
    if after and after[0].lower_ in ("of", "for", "in", "at"):
        return True  # "leader of the opposition", "leader in the Senate"
    if any(c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") for c in head.children):
        return True  # "Hamas' most senior leader", the body's possessive outside the words read
    return any(
        t.ent_type_ in ("ORG", "GPE", "NORP")
        or t.text in _POSS
        or lex.key(t) in _LEADER_BODIES
        or (t.pos_ == "PROPN" and t.text[:1].isupper() and not lex.is_title_word(t))
        for t in before
    )


def _counsel_to_body(tokens: list[Token], head: Token) -> bool:
    """A lawyer of an organisation speaks for it: "managing attorney for the ACLU of Massachusetts",
    "a lawyer at the Legal Aid Society"; a lawyer for a person does not ("a lawyer for the family", "an
    attorney for White")."""
    if lex.key(head) not in _LEGAL:
        return False
    rest = [t for t in tokens if t.i > head.i]
    if not rest or rest[0].lower_ not in ("for", "at", "with"):
        return False
    body = rest[1:5]
    if any(t.ent_type_ == "PERSON" for t in body):
        return False
    # an organisation of two words or more, or an acronym: "Smith" alone may be a client the tagger missed
    orgs = [e for e in head.doc.ents if e.label_ == "ORG" and any(e.start <= t.i < e.end for t in body)]
    return any(len(e) >= 2 or e.text.isupper() for e in orgs)


@lru_cache(maxsize=1)
def _qualified() -> dict[str, frozenset[str]]:
    """Heads that count only after certain words (``titles_heads_qualified.txt``: head, then those words)."""
    out = {}
    for line in lex.lines("titles_heads_qualified"):
        head, *before = line.lower().split()
        out[head] = frozenset(before)
    return out


def _numbered_name(t: Token) -> bool:
    """A number that is part of a body's name, right after a capitalised word: "Apollo 8", "District 4",
    "Local 32BJ", "Precinct 5" (not a date, an amount or a count: "In 2019 Mayor ...", "won 3 games")."""
    if not (t.like_num or (t.text[:1].isdigit() and t.text.isalnum())):
        return False
    if t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL") or t.i == 0:
        return False
    left = t.nbor(-1)
    return (
        left.pos_ in ("PROPN", "NOUN", "ADJ")  # a capitalised word first in a sentence may be tagged NOUN/ADJ
        and left.text[:1].isupper()
        and left.is_alpha
        and not left.is_stop
        and left.ent_type_ not in ("DATE", "TIME", "PERSON")
    )
