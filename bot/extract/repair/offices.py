"""R12: a name the tagger swallows into the body of an "<office> of <body>" title.

"Secretary of Commerce Gina Raimondo" comes out of en_core_web_sm as ORG "Commerce Gina Raimondo": the
portfolio and the holder's name read as one organisation, so the person is lost. When an organisation entity
follows "<title head> of" (or "for") and ends in a name (two words whose last is used alone elsewhere, or two
to four from a known first name), the name is split off as a PERSON and the rest stays the body: ORG
"Commerce", PERSON "Gina Raimondo". The surname alone elsewhere then becomes a person too (R6).
"""

from __future__ import annotations

from functools import cache

from spacy.attrs import POS
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc

from bot.extract import titles as lex
from bot.extract.repair.spans import Spans, is_name_token

_BODY_WORDS = {
    "and",
    "&",
    "of",
    "at",
    "for",
    "the",
    "'",
    "\u2019",
    "'s",
    "\u2019s",
}  # "Policy at Carers' Trust"
_LABELS = (
    "ORG",
    "GPE",
    "NORP",
    "FAC",
    "LOC",
    "PERSON",
)  # PERSON: "Intelligence Carla Benning" read as one name


@cache
def _first_names() -> frozenset[str]:
    names = lex.data("people_first_names")
    return frozenset(n.lower() for gender in ("f", "m") for n in names[gender])


def r12_name_in_office_body(doc: Doc, spans: Spans, log: list) -> Spans:
    particles = lex.words("repair_particles")
    out: Spans = []
    before_verb: dict[str, list[int]] = {}  # filled on first need, once per Doc (_before_verb)
    for s, e, label in spans:
        split = _split_at(doc, s, e, particles, before_verb) if label in _LABELS else None
        if split is None:
            out.append([s, e, label])
            continue
        out.append([s, split, "ORG" if label == "PERSON" else label])
        out.append([split, e, "PERSON"])
        log.append(("R12", doc[s:e].text))
    return out


def _split_at(
    doc: Doc, s: int, e: int, particles: frozenset[str], before_verb: dict[str, list[int]]
) -> int | None:
    """Where the name starts inside the entity ``doc[s:e]`` after "<head> of", or None. The name is two
    words ("Gina Raimondo"), or longer from a known first name; it counts as a name when it starts with a
    known first name or its last word is used alone elsewhere in the article as the subject of a verb
    ("Raimondo said"; not "Folkestone, Kent around 5pm", though the tagger may call that Kent a person)."""
    j = s - 1  # the body may begin before the entity: "of National" + "Intelligence Carla Benning"
    while j > s - 8 and j >= 0 and doc[j].lower_ not in ("of", "for") and not lex.is_head(doc[j]):
        if not (doc[j].text[:1].isupper() or doc[j].lower_ in _BODY_WORDS):
            return None
        j -= 1
    if j < 1 or doc[j].lower_ not in ("of", "for") or not lex.is_head(doc[j - 1]):
        return None
    surname = doc[e - 1].text
    if surname.isupper() or doc[s].lower_ in _first_names():
        return None  # "Carl Zeiss Meditec AG": a company named after a person, or ending in a legal form
    before = doc[e - 2].text  # "Raimondo said", not "the United States" once more, nor "Kent" as a place
    if not before_verb:
        before_verb.update(_before_verb(doc))
    alone = any(
        not s <= i < e and not (i > 0 and doc[i - 1].text == before) for i in before_verb.get(surname, ())
    )
    for k in range(s + 1, e - 1):
        name = doc[k:e]
        known = doc[k].lower_ in _first_names()
        if not (known and len(name) <= 4 or alone and len(name) == 2):
            continue
        if all(is_name_token(t) or t.text == "." or t.lower_ in particles for t in name) and all(
            t.text[:1].isupper() or t.lower_ in _BODY_WORDS for t in doc[s:k]
        ):
            return k
    return None


def _before_verb(doc: Doc) -> dict[str, list[int]]:
    """Each word's positions where the next token is a verb or an auxiliary ("Raimondo said"), read once per
    Doc rather than once per entity; {"": []} when there is none, so that the dict is never empty."""
    out: dict[str, list[int]] = {"": []}
    pos = doc.to_array(POS)
    for i in ((pos[1:] == VERB) | (pos[1:] == AUX)).nonzero()[0].tolist():
        out.setdefault(doc[i].text, []).append(i)
    return out
