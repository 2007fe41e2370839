"""Title patterns: the title an article gives next to a person's name.

P1  title before the name       "Defense Minister Khawaja Asif", "the Prime Minister's Advisor on Political
                                 Affairs Rana Sanaullah", "Const. Travis Jordan"
P2  appositive after the name   "Anthony Ogunleye, Director of Press in the office of the minister, said"
P3  title first, name appositive "The Interior Ministry spokesman, Qadir Yar, said"
P4  relative clause             "Mr Asif, who is also the country's defence minister"
P5  "as"                        "Lesufi, who serves as Gauteng premier"
P6  copula                      "Sharif is the prime minister"

The clause patterns P4-P6 live in ``title_clauses.py``; what makes a run of words a title (its head, the
qualified and capitalised-only heads, "member of ...") in ``title_check.py``.

A title counts when its head word is in ``titles_heads`` (and not in ``titles_not_heads``); past offices
("former minister", "then-President") are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.extract import extensions as _extensions  # noqa: F401 - registers doc._.legwork_*
from bot.extract import titles as lex
from bot.extract.repair.media import media_spans
from bot.extract.repair.spans import QUOTE_CHARS
from bot.extract.title_check import _POSS, MAX_TITLE_TOKENS, _head, _numbered_name, _qualified, _trim, _valid
from bot.extract.title_clauses import (
    _OFFICE_VERBS,
    _as,
    _clause_tokens,
    _copula,
    _heads_body,
    _relative,
    closed_range,
    past_clause,
)

_PREPS = {"of", "for", "at", "in", "on", "with", "from", "to"}
_TITLE_PREPS = {"of", "for", "on", "in", "at", "and", "&", "the", "to"}  # inside a title read leftwards
_ORG_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}


@dataclass
class Title:
    """A title read next to one mention."""

    tokens: list[Token]
    rule: str
    mention: Span
    organization: str = ""
    office: str = ""  # P4 with a verb of office ("who heads Acme"): the office noun, "head"
    past: str = ""  # why the office is not held now: "former", "then", "late", or "was" (a past clause)

    @property
    def text(self) -> str:
        doc = self.mention.doc
        if self.office:  # "who chairs the finance committee" -> "chair of the finance committee"
            body = " ".join(doc[self.tokens[1].i : self.tokens[-1].i + 1].text.split())
            return f"{self.office} of {body}"
        return " ".join(doc[self.tokens[0].i : self.tokens[-1].i + 1].text.split())


def media_tokens(doc: Doc) -> set[int]:
    """The indices of the tokens that name a news outlet, computed once per ``Doc``."""
    cached = doc._.legwork_media_tokens
    if cached is None:
        cached = doc._.legwork_media_tokens = {t.i for span in media_spans(doc) for t in span}
    return cached


def titles_for(
    mention: Span,
    media: set[int] | None = None,
    cache: dict[tuple[int, int, bool], list[Title]] | None = None,
    past: bool = False,
) -> list[Title]:
    """Every title the article gives next to this mention (P1-P6), best-formed first: the offices held now,
    or with ``past`` only the offices held before ("former minister", "who was mayor"). With a ``cache`` (the
    people index's) each mention is read once: speaker resolution and the officials list ask for the same."""
    if cache is None:
        found = _titles_for(mention, media)
    else:
        key = (mention.start, mention.end, bool(media))
        if key not in cache:
            cache[key] = _titles_for(mention, media)
        found = cache[key]
    return [t for t in found if bool(t.past) == past]


def _titles_for(mention: Span, media: set[int] | None) -> list[Title]:
    found: list[Title] = []
    for rule, tokens in (
        ("P1", _before(mention)),
        ("P1", _shared(mention)),
        ("P2", _after(mention)),
        ("P2", _after_list(mention)),
        ("P2", _appositive_conjunct(mention)),
        ("P3", _appositive_of(mention)),
        ("P4", _relative(mention)),
        ("P4o", _heads_body(mention)),
        ("P5", _as(mention)),
        ("P6", _copula(mention)),
    ):
        past = ""
        if tokens:
            first = tokens[0].i
            before = [t for t in tokens[0].doc[max(0, first - 2) : first] if t.text not in ("-", ",")]
            # "former minister", "then-President", "the late King": not a current office
            past = next(
                (t.lower_ for t in [*before[-1:], *tokens[:4]] if t.lower_ in lex.words("titles_past")), ""
            )
            if rule == "P1" and not past:
                past = _past_conjunct(tokens[0])  # "former third baseman and longtime league manager Ann Roe"
            if not past and rule in ("P4", "P5", "P6"):
                past = past_clause(tokens)  # "who was the company's finance chief", "is no longer president"
            if not past and closed_range(tokens):
                past = "range"  # "the club's general manager from 2005 to 2014": written as past already
        for j in range(1, len(tokens) - 1):
            if tokens[j].pos_ == "CCONJ" and tokens[j + 1].lower_ in lex.words("titles_past"):
                tokens = tokens[:j]  # "a Labour peer and former transport minister": the current office only
                break
        tokens = _trim(tokens)
        if rule == "P4o" and tokens:  # "who heads Acme Corp": written as the office, "head of Acme Corp"
            if not (media and any(t.i in media for t in tokens)):
                office = _OFFICE_VERBS[tokens[0].lemma_.lower()]
                found.append(Title(tokens, rule, mention, office=office, past=past_clause(tokens[:1])))
            continue
        if tokens and _valid(tokens, before=rule == "P1"):
            title = Title(tokens, rule, mention, past=past)
            if media and any(t.i in media for t in tokens):
                continue  # "CNN anchor ...", a title at a news outlet
            found.append(title)
    return found


def _past_conjunct(first: Token) -> str:
    """Is the title starting at ``first`` the second half of "former A and B"? A past word at the start of
    the first conjunct governs both: that word, else ""."""
    doc = first.doc
    i = first.i - 1
    if i < 1 or doc[i].lower_ not in ("and", "or", "&"):
        return ""
    k = i - 1
    while k >= 0 and i - k <= 6:
        t = doc[k]
        if t.lower_ in lex.words("titles_past"):
            return t.lower_
        if t.is_punct and t.text not in ("-", "\u2010", "\u2011") or t.pos_ in ("VERB", "AUX") or t.is_space:
            return ""
        k -= 1
    return ""


def _accept_left(t: Token, subtree: set[int]) -> bool:
    """May ``t`` be part of a title read leftwards from a name?"""
    if t.lower_ in _TITLE_PREPS:
        if t.i == 0:
            return False
        left = t.nbor(-1)
        if t.lower_ == "the" and left.lower_ in _TITLE_PREPS:
            return True  # "spokesperson for the Ministry ..."
        return (
            lex.is_title_word(left)
            or left.text == ")"
            or (left.text[:1].isupper() and left.lower_ not in _TITLE_PREPS)
        )
    if t.text in ("-", "\u2010", "\u2011") and (t.whitespace_ or (t.i > 0 and t.nbor(-1).whitespace_)):
        return False  # a spaced dash: "JOHANNESBURG - Police spokesperson ..."
    if t.text in ("-", "\u2010", "\u2011") and 0 < t.i < len(t.doc) - 1:
        return lex.is_title_word(t.nbor(-1)) or lex.is_title_word(t.nbor(1))  # "vice-chairman", "co-chair"
    if t.is_upper and len(t.text) >= 2 and t.is_alpha:
        return True  # an acronym: "WHO Director-General", "ISPR"
    if (
        t.text in ("'", "\u2019")
        and t.i > 0
        and t.nbor(-1).lower_.endswith("s")
        and (t.dep_ == "case" or (t.i + 1 < len(t.doc) and t.nbor(1).ent_type_ == t.nbor(-1).ent_type_ != ""))
    ):
        return True  # "The Greens' transport spokesman"; "Stage Workers' Union" inside one organisation
    if t.is_space or t.text in QUOTE_CHARS or t.text in (",", ";", ":", "\u2014", "\u2013", "|"):
        return False
    if _numbered_name(t):
        return True  # "Apollo 8 commander", "District 4 Supervisor", "Local 32BJ president"
    if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "NUM") and not lex.is_title_word(t):
        return False
    if t.tag_ == "VBZ":
        return False  # "who heads Acme Corp": a verb, though "heads" is a plural title word
    if (
        t.ent_type_ == "PERSON"
        and t.i > 1
        and t.nbor(-1).lower_ in ("for", "of")
        and lex.is_head(t.nbor(-2))
        and t.text[:1].isupper()
    ):
        return True  # "The Conservative MP for Redhill, ...": a constituency the tagger read as a name
    if t.ent_type_ in ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False  # "In September Mayor London Breed": the date is not part of the title
    if lex.is_title_word(t) or t.text in _POSS:
        return True
    if t.ent_type_ in _ORG_LABELS:
        return True
    if t.pos_ == "ADP" or t.pos_ == "CCONJ":
        return False
    if t.i in subtree:
        return t.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART", "PUNCT") or t.text[:1].isupper()
    return t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ")


def _scan_left(doc: Doc, end: int, subtree: set[int], floor: int) -> list[Token]:
    """The run of title-like tokens that ends just before token ``end``."""
    out: list[Token] = []
    i = end - 1
    while i >= floor and len(out) < MAX_TITLE_TOKENS:
        t = doc[i]
        if t.text == ")":
            j = i - 1
            while j >= floor and i - j <= 6 and doc[j].text != "(":
                j -= 1
            if j >= floor and doc[j].text == "(" and any(x.is_upper for x in doc[j + 1 : i]):
                out = list(doc[j : i + 1]) + out
                i = j - 1
                continue
            break
        if (
            t.text == "."
            and i > 0
            and (lex.is_rank(doc[i - 1]) or (lex.is_head(doc[i - 1]) and not doc[i - 1].is_lower))
        ):  # "Const. Travis Jordan"; not a full stop after a lower-case office ("the state treasurer.")
            out.insert(0, t)
            i -= 1
            continue
        if not _accept_left(t, subtree):
            break
        out.insert(0, t)
        i -= 1
    return out


def _name_start(m: Span, ranks: bool = False) -> int:
    """Where the name starts once honorifics (and ranks) before it are counted in: "Mr. Aliko Dangote"."""
    doc, i = m.doc, m.start

    def skip(t: Token) -> bool:
        return lex.is_honorific(t) or (ranks and lex.is_rank(t))

    while i > 0 and (skip(doc[i - 1]) or (doc[i - 1].text == "." and i > 1 and skip(doc[i - 2]))):
        i -= 1
    return i


def _before(m: Span) -> list[Token]:
    """P1: the title right before the name, inside the name's subtree or made of title words."""
    doc = m.doc
    subtree = {t.i for t in m.root.subtree}
    if m.root.dep_ == "appos" and m.root.head.i < m.start and lex.is_head(m.root.head):
        subtree |= {t.i for t in m.root.head.subtree if t.i < m.start}  # "election officials Ann Roe"
    # The parser sometimes ends a sentence inside a title ("Const. | Travis Jordan", "Defense | Minister"):
    # read across sentence starts; punctuation, verbs and line breaks stop the scan anyway.
    tokens = _scan_left(doc, _name_start(m), subtree, 0)
    if tokens and (tokens[-1].lower_ in _TITLE_PREPS or tokens[-1].pos_ in ("ADP", "DET", "CCONJ")):
        return []  # "adviser to Dr. Fauci", "spokesman for Sharif": the name is not the title-holder
    while len(tokens) > 1 and lex.key(tokens[-1]) in _qualified() and lex.is_head(tokens[-2]):
        needs = _qualified()[lex.key(tokens[-1])]
        if lex.key(tokens[-2]) in needs:
            break
        tokens = tokens[
            :-1
        ]  # "Saudi Foreign Minister Prince Faisal bin Farhan": "Prince" is a style, not the office
    agents = lex.words("titles_agents")
    for j in range(len(tokens) - 2, 0, -1):
        rest = tokens[j + 1 :]
        if (
            tokens[j].lower_ in ("for", "to")
            and lex.key(tokens[j - 1]) in agents
            and not any(t.pos_ == "ADP" for t in rest)
            and lex.is_head(rest[-1])
        ):
            return rest  # "a spokesman for Sport Minister Ian Marsh": Marsh is the minister
    return tokens


def _shared(m: Span) -> list[Token]:
    """P1 for a list: "election officials Monica Palmer and William Hartmann", "Sens. Tim Kaine and Mark
    Warner": a plural title before the first of names joined by "and" or commas belongs to each of them.
    Only a plural head counts ("Mayor Ann Roe and Tom Lee": Lee is not the mayor)."""
    doc = m.doc
    first = m.root
    while first.dep_ in ("conj", "appos") and first.head.ent_type_ == "PERSON" and first.head.i < first.i:
        first = first.head
    if first.i == m.root.i or any(
        t.ent_type_ != "PERSON" and t.text != "," and t.lower_ != "and" and not lex.is_honorific(t)
        for t in doc[first.i + 1 : m.start]
    ):
        return []
    start = first.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    tokens = _before(doc[start : first.i + 1])
    head = _head(tokens) if tokens else None
    if head is None or not _plural(head):
        return []
    return tokens


def _plural(t: Token) -> bool:
    """A plural title word: "officials", "ministers", "Sens.", "Reps."."""
    k = lex.key(t)
    return t.tag_ in ("NNS", "NNPS") or (k.endswith("s") and (lex.is_head_word(k[:-1]) or lex.is_rank(t)))


def _after(m: Span) -> list[Token]:
    """P2: ", <title>," after the name, bounded by punctuation or the reporting verb."""
    doc = m.doc
    j = m.end
    if j >= len(doc) or doc[j].text not in (",", "\u2014", "\u2013", "--", "("):
        return []
    j += 1
    if j + 1 < len(doc) and doc[j].like_num and doc[j + 1].text == ",":
        j += 2  # "Travis Jordan, 35, ..."
    j = _skip_postnominals(doc, j)
    if j < len(doc) and doc[j].pos_ == "CCONJ":
        return []  # "Travis Jordan, 35, and Const. Brett Ryan": a list goes on
    out: list[Token] = []
    depth = 0
    while j < len(doc) and j < m.sent.end + 1 and len(out) <= MAX_TITLE_TOKENS:
        t = doc[j]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            if depth == 0:
                break  # "John Smith (the council's chief executive) said"
            depth -= 1
        elif depth == 0 and (
            t.text in (",", ";", ":", ".", "\u2014", "\u2013", "--", "|")
            or (t.text in QUOTE_CHARS and not (t.dep_ == "case" and out and out[-1].lower_.endswith("s")))
            or t.is_space
            or (t.pos_ in ("VERB", "AUX") and not lex.is_title_word(t) and not _participle(t))
            or t.lower_ in ("who", "which", "that", "whose")
        ):
            break
        if t.ent_type_ == "PERSON" and not _possessor(t) and not _body_before_office(t):
            prev = [x for x in out if not lex.is_honorific(x) and x.text != "." and x.ent_type_ != "PERSON"]
            if not prev or (prev[-1].pos_ != "ADP" and not _inside_of_phrase(t, out)):
                return []  # "Mayor Sohi, Minister Mike Ellis and ...": a list of people, not a title
            # "senior adviser to Dr. Fauci": the name belongs to the title; "director of Georgians for
            # Responsible Marijuana Policy": a body's name the tagger read as a person's
        out.append(t)
        j += 1
    if len(out) > MAX_TITLE_TOKENS:
        # two offices joined by "and": "Head of the Retail Unit and Head of the Digital Unit for Acme"
        # keeps the first one when the whole is too long to be one title
        cut = next(
            (k for k in range(1, len(out) - 1) if out[k].pos_ == "CCONJ" and lex.is_head(out[k + 1])), None
        )
        return out[:cut] if cut is not None and cut <= MAX_TITLE_TOKENS else []
    return out


def _body_before_office(t: Token) -> bool:
    """Is ``t`` in a name written right before an office word, as its body ("Kestrel co-founder and CEO",
    the tagger reading "Kestrel" as a person)? Not when a comma or "and" follows (a list of people)."""
    doc = t.doc
    end = t.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == t.ent_type_:
        end += 1
    if end >= len(doc):
        return False
    nxt = doc[end]
    return doc[end - 1].dep_ == "compound" and (
        lex.is_head(nxt) or lex.is_title_word(nxt) or nxt.lower_ == "co"
    )


def _possessor(t: Token) -> bool:
    """Is ``t`` in a name that owns what follows ("the Dodgers' general manager", "Mayor Lee's chief of
    staff")? An owner inside an appositive is part of the title, not a second person in a list."""
    doc = t.doc
    end = t.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == t.ent_type_:
        end += 1
    return end < len(doc) and doc[end].text in _POSS and doc[end].tag_ == "POS"


def _participle(t: Token) -> bool:
    """A participle inside the title's noun phrase: "Acme's newly appointed chief executive", "presiding
    judge of the county court"."""
    return (
        t.tag_ in ("VBN", "VBG") and t.dep_ == "amod" and t.head.i > t.i and t.head.pos_ in ("NOUN", "PROPN")
    )


def _after_list(m: Span) -> list[Token]:
    """P2 for a list: "Dana Roe and Omar Bell, both senators from Kenya": an appositive opened by "both" or
    "all" after the last name of a list belongs to every name in it."""
    doc = m.doc
    j = m.end
    last = None
    while j + 1 < len(doc) and doc[j].text in (",", "and") and doc[j + 1].ent_type_ == "PERSON":
        k = j + 1
        while k < len(doc) and doc[k].ent_type_ == "PERSON" and (k == j + 1 or doc[k].ent_iob_ == "I"):
            k += 1
        last, j = doc[j + 1 : k], k
    if last is None or j + 1 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in ("both", "all"):
        return []
    return _after(last)


def _skip_postnominals(doc: Doc, j: int) -> int:
    """Past letters after a name and their comma: "Euan Thomson, Ph.D., Head of ..." (a degree, an honour or
    "Jr." between commas is no title; ``titles_postnominals``)."""
    k = j
    while k < len(doc) and k - j < 4 and doc[k].text not in (",", ";"):
        k += 1
    written = "".join(t.text for t in doc[j:k]).replace(".", "").lower()
    if k > j and k < len(doc) and doc[k].text == "," and written in lex.words("titles_postnominals"):
        return k + 1
    return j


def _inside_of_phrase(t: Token, out: list[Token]) -> bool:
    """Does ``t`` hang, through the parse, from a preposition already read into the title? ("executive
    director of the Georgians for Responsible Marijuana Policy": the words after "for" name a body)."""
    read = {x.i for x in out if x.pos_ == "ADP"}
    return any(a.i in read for a in t.ancestors)


def _appositive_conjunct(m: Span) -> list[Token]:
    """P2 for a second appositive joined by "and": "Ana Ruiz, a chemist at the University of Nevada, Reno and
    the company's chief science officer". The parse makes the office a conjunct of an appositive of the name,
    or of a place or body inside it (an office is never joined to a place: the parser attached it there);
    an office joined to another person's office stays theirs ("a friend of the mayor and the governor")."""
    for appos in m.root.children:
        if appos.dep_ != "appos" or appos.i < m.end:
            continue
        for t in appos.subtree:
            if t.dep_ != "conj" or t.pos_ != "NOUN" or not lex.is_head(t):
                continue
            owner = t.head
            if owner.i == appos.i or (owner.pos_ == "PROPN" and owner.ent_type_ in _ORG_LABELS):
                if any(c.dep_ in ("det", "poss") for c in t.children):
                    return _clause_tokens(t)
    return []


def _appositive_of(m: Span) -> list[Token]:
    """P3: "<title>, <name>," where the name is an appositive of the title."""
    doc = m.doc
    start = _name_start(m, ranks=True)
    # a capitalised title right before the name: "The national police commissioner, General Fannie Masemola"
    # ... or a short capitalised title: "The European Parliament's rapporteur, Dutch MEP Anneke de Vries"
    k = start
    while k > 1 and start - k < 3 and doc[k - 1].text[:1].isupper() and doc[k - 1].ent_type_ != "PERSON":
        k -= 1
    if k < start and doc[k - 1].text == "," and any(lex.is_head(t) for t in doc[k:start]):
        start = k
    if start < 2 or doc[start - 1].text != ",":
        return []
    closes = m.end >= len(doc) or doc[m.end].text in (",", ".", ";", ")") or doc[m.end].is_space
    head = m.root.head
    if m.root.dep_ == "appos" and head.i < start:
        subtree = {t.i for t in head.subtree}
    elif closes:
        subtree = {t.i for t in doc[start - 2].subtree}
    else:
        return []
    tokens = _scan_left(doc, start - 1, subtree, 0)
    first = tokens[0].i if tokens else 0
    if first >= 2 and doc[first - 1].text == "," and doc[first - 2].ent_type_ == "PERSON":
        return []  # "Ravi Menon, Superintendent of Police, Kozhikode,": the title is Menon's, not the place's
    return tokens


def _past(title: Title) -> bool:
    """ "former minister", "the late president", "who was mayor": a past office, not a current one."""
    return bool(title.past) or any(t.lower_ in lex.words("titles_past") for t in title.tokens[:3])


def _best(titles: list[Title]) -> Title | None:
    """The most informative title: the one with most words, the earliest on a tie."""
    if not titles:
        return None
    return max(titles, key=lambda t: (len([x for x in t.tokens if x.is_alpha]), -t.mention.start))
