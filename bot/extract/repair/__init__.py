"""Repair of en_core_web_sm's known entity errors on news text (rules R1-R11 below).

``repair_entities(doc)`` rewrites ``doc.ents``; it runs in the pipeline as the component
``legwork_repair_entities``, right after ``ner`` (``build_nlp`` adds it). Each rule works on a list of
``[start, end, label]`` token spans; the repairs made are kept in ``doc._.legwork_repairs`` as
``(rule, text)`` pairs so that evaluation can see which rule touched which entity.

R1  an entity ending in a reporting verb loses it            "Khawaja Asif told" -> PERSON "Khawaja Asif"
R2  a title inside an entity is cut off the name              "Advisor Rana Sanaullah" -> "Rana Sanaullah"
R3  a name after a comma or "'s" inside an entity is split    "The Weather Service's Marta Quillen"
R4  the name after "programme", "show" ... is a programme     "show 'Aaj Shahzeb Khanzada Kay Sath'"
R5  news outlets are organisations                            "Dawn", "Geo News"
R6  a surname of a person named in full is a person           "Trump" (ORG) after "Donald Trump"
R7  one word before a title is a place or organisation        "Gauteng" (PERSON) premier
R8  name particles join the pieces of one name                "Ursula von der" + "Leyen"
R9  ranks and honorifics are not part of a name               "Lt Gen Ahmed Sharif Chaudhry", "Ms Lee Bee Wah"
R10 a name is completed next to an honorific or a lone piece  "Mr How", "Justice Rajiv Narain Raina"
R11 a two-to-four-word name right after a title is a person   "Councilwoman Janice Hahn" read as ORG
R12 a name swallowed into the body of "<office> of <body>"     "Secretary of Commerce Gina Raimondo"
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from bot.extract import extensions as _extensions  # noqa: F401 - registers doc._.legwork_*
from bot.extract.repair.media import r4_programmes, r5_media
from bot.extract.repair.names import (
    r1_verb_tail,
    r2_title_inside,
    r3_split,
    r6_surnames,
    r7_jurisdiction,
    r8_particles,
    r9_strip_titles,
    r10_complete,
    r11_name_after_title,
)
from bot.extract.repair.offices import r12_name_in_office_body
from bot.extract.repair.spans import Spans

logger = logging.getLogger(__name__)


@Language.component("legwork_repair_entities")
def repair_component(doc: Doc) -> Doc:
    """The pipeline component: ``repair_entities`` on each parsed ``Doc``, right after ``ner``."""
    repair_entities(doc)
    return doc


def repair_entities(doc: Doc) -> None:
    """Fix ``doc.ents`` in place: surnames tagged ORG, titles swallowed into names, show names as PERSON."""
    try:
        _repair_entities(doc)
    except Exception:  # noqa: BLE001 - a slip in one rule layer must not cost the reader the whole digest
        logger.exception("repair_entities failed; continuing without it")
        return None


def _repair_entities(doc: Doc) -> None:
    log: list[tuple[str, str]] = []
    spans: Spans = [[e.start, e.end, e.label_] for e in doc.ents]
    spans = r5_media(doc, spans, log)
    spans = r4_programmes(doc, spans, log)
    spans = r1_verb_tail(doc, spans, log)
    spans = r3_split(doc, spans, log)
    spans = r2_title_inside(doc, spans, log)
    spans = r9_strip_titles(doc, spans, log)
    spans = r8_particles(doc, spans, log)
    spans = r10_complete(doc, spans, log)
    spans = r12_name_in_office_body(doc, spans, log)
    spans = r6_surnames(doc, spans, log)
    spans = r11_name_after_title(doc, spans, log)
    spans = r7_jurisdiction(doc, spans, log)
    ents = [Span(doc, s, e, label=label) for s, e, label in spans if 0 <= s < e <= len(doc)]
    doc.ents = filter_spans(ents)
    doc._.legwork_repairs = log
