"""Repair of en_core_web_sm's known entity errors on news text (rules R1-R10 below).

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
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from bot.extract import extensions as _extensions  # noqa: F401 - registers doc._.legwork_*
from bot.extract import titles as lex

logger = logging.getLogger(__name__)

Spans = list[list]  # [start, end, label]

QUOTE_CHARS = "\"'“”‘’«»„‟‹›`"
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "WORK_OF_ART", "FAC", "LOC", "PRODUCT", "EVENT", "LAW"}
_CLOSE = re.compile(r"[\"“”‘’']")


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
    spans = _r5_media(doc, spans, log)
    spans = _r4_programmes(doc, spans, log)
    spans = _r1_verb_tail(doc, spans, log)
    spans = _r3_split(doc, spans, log)
    spans = _r2_title_inside(doc, spans, log)
    spans = _r9_strip_titles(doc, spans, log)
    spans = _r8_particles(doc, spans, log)
    spans = _r10_complete(doc, spans, log)
    spans = _r6_surnames(doc, spans, log)
    spans = _r11_name_after_title(doc, spans, log)
    spans = _r7_jurisdiction(doc, spans, log)
    ents = [Span(doc, s, e, label=label) for s, e, label in spans if 0 <= s < e <= len(doc)]
    doc.ents = filter_spans(ents)
    doc._.legwork_repairs = log


# --- helpers ---------------------------------------------------------------------------------------


def _capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and (
        text[0].isupper() or (text[0].isdigit() and token.is_alpha is False and len(text) > 1)
    )


def _is_name_token(token: Token) -> bool:
    """A token that can be part of a name: capitalised, not a title word, organisation noun or verb."""
    return (
        token.text[:1].isupper()
        and token.pos_ in ("PROPN", "NOUN", "ADJ", "X")
        and not lex.is_title_word(token)
        and not lex.is_org_noun(token)
        and any(c.isalpha() for c in token.text)
    )


def _title_part(token: Token) -> bool:
    """A word that continues a title after its head: "for Health", "of State for Foreign Affairs"."""
    return lex.is_title_word(token) or lex.key(token) in lex.words("orgs_portfolios")


def _remove_overlaps(spans: Spans, start: int, end: int) -> Spans:
    return [s for s in spans if s[1] <= start or s[0] >= end]


def _person_surnames(doc: Doc, spans: Spans) -> set[str]:
    """Last words of multi-word PERSON names, and of one-word PERSONs written after an honorific."""
    names: set[str] = set()
    for s, e, label in spans:
        if label != "PERSON":
            continue
        if e - s >= 2 and all(_capitalised(t) for t in doc[s:e] if t.is_alpha):
            names.add(doc[e - 1].text)
        elif e - s == 1 and s > 0 and lex.is_honorific(doc[s - 1]):
            names.add(doc[s].text)
    return names


@lru_cache(maxsize=1)
def _media_regex() -> re.Pattern:
    names = sorted(lex.lines("media_outlets"), key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def media_spans(doc: Doc) -> list[Span]:
    """The news outlets named in ``doc`` (first word capitalised; "ARY news" allowed), longest first."""
    cached = doc._.legwork_media
    if cached is not None:
        return [doc[s:e] for s, e in cached]
    found = []
    for m in _media_regex().finditer(doc.text):
        words = m.group(0).split()
        acronym = words[0].isupper() and len(words[0]) >= 2
        if not words[0][0].isupper() or not (acronym or all(w[0].isupper() for w in words)):
            continue
        span = doc.char_span(m.start(), m.end())
        if span is not None:
            found.append(span)
    found = filter_spans(found)
    doc._.legwork_media = [(x.start, x.end) for x in found]
    return found


# --- rules -----------------------------------------------------------------------------------------


def _r5_media(doc: Doc, spans: Spans, log: list) -> Spans:
    for m in media_spans(doc):
        covering = [s for s in spans if s[0] <= m.start and s[1] >= m.end and s[2] == "ORG"]
        if covering:
            continue
        spans = _remove_overlaps(spans, m.start, m.end)
        spans.append([m.start, m.end, "ORG"])
        log.append(("R5", m.text))
    return spans


def _r4_programmes(doc: Doc, spans: Spans, log: list) -> Spans:
    triggers = lex.words("media_programme_triggers")
    found = [t for t in doc if t.lower_ in triggers]
    text = doc.text if found else ""
    for token in found:
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        after = token.idx + len(token.text)
        rest = text[after : after + 120]
        stripped = rest.lstrip(" ,:")
        offset = after + len(rest) - len(stripped)
        span = None
        if stripped[:1] and stripped[0] in QUOTE_CHARS:
            close = _CLOSE.search(stripped, 1)
            while close and close.start() + 1 < len(stripped) and stripped[close.start() + 1].isalpha():
                close = _CLOSE.search(stripped, close.start() + 1)  # an apostrophe inside a word
            if close and close.start() > 1:
                span = doc.char_span(offset + 1, offset + close.start(), alignment_mode="expand")
        else:
            i = token.i + 1
            while (
                i < len(doc)
                and i - token.i <= 8
                and (_capitalised(doc[i]) or doc[i].lower_ in ("of", "the", "and"))
            ):
                i += 1
            while i > token.i + 1 and not _capitalised(doc[i - 1]):
                i -= 1
            if i > token.i + 1:
                span = doc[token.i + 1 : i]
        if span is None or len(span) == 0 or len(span) > 10:
            continue
        start = span.start
        while start < span.end and doc[start].text in QUOTE_CHARS:
            start += 1
        if start >= span.end:
            continue
        spans = _remove_overlaps(spans, start, span.end)
        spans.append([start, span.end, "WORK_OF_ART"])
        log.append(("R4", doc[start : span.end].text))
    return spans


def _r1_verb_tail(doc: Doc, spans: Spans, log: list) -> Spans:
    verbs = lex.words("repair_speech_verbs")
    out = []
    for s, e, label in spans:
        last = doc[e - 1]
        if e - s >= 2 and last.pos_ in ("VERB", "AUX") and last.lemma_.lower() in verbs:
            rest = doc[s : e - 1]
            if all(t.pos_ == "PROPN" for t in rest):
                label = "PERSON"
            log.append(("R1", doc[s:e].text))
            e -= 1
        out.append([s, e, label])
    return out


def _r3_split(doc: Doc, spans: Spans, log: list) -> Spans:
    surnames = _person_surnames(doc, spans)
    out = []
    for s, e, label in spans:
        cut = None
        for i in range(e - 2, s, -1):
            t = doc[i]
            if t.text == "," or t.text in ("'s", "\u2019s"):
                cut = i
                break
        if cut is not None:
            right = doc[cut + 1 : e]
            if (
                len(right) >= 1
                and len(right) <= 4
                and right[0].pos_ == "PROPN"
                and all(t.tag_ != "NNPS" and t.pos_ not in ("ADJ", "VERB") for t in right)
                and all(
                    _is_name_token(t)
                    or (
                        len(right) >= 2
                        and t.is_alpha
                        and t.is_title
                        and not lex.is_title_word(t)
                        and not lex.is_org_noun(t)
                    )
                    for t in right
                )
                and (len(right) >= 2 or right[-1].text in surnames)
            ):
                left_label = "ORG" if doc[cut].text != "," or label != "PERSON" else "WORK_OF_ART"
                out.append([s, cut, left_label])
                out.append([cut + 1, e, "PERSON"])
                log.append(("R3", doc[s:e].text))
                continue
        out.append([s, e, label])
    return out


def _r2_title_inside(doc: Doc, spans: Spans, log: list) -> Spans:
    surnames = _person_surnames(doc, spans)
    out = []
    for s, e, label in spans:
        if label == "PERSON" and not any(lex.is_head(t) for t in doc[s : e - 2]):
            out.append([s, e, label])  # "Dean Nelson" may be a name; "GSAS Dean Emma Dench" is split below
            continue
        last_title = None
        for i in range(s, e):
            if lex.is_head(doc[i]) or lex.is_rank(doc[i]):
                last_title = i
        if last_title is not None and last_title < e - 1:
            right = doc[last_title + 1 : e]
            particles = lex.words("repair_particles")
            if (
                all(_is_name_token(t) or t.text == "." or t.lower_ in particles for t in right)
                and _is_name_token(right[0])
                and (
                    len([t for t in right if t.is_alpha]) >= 2
                    or (right[-1].text in surnames and label != "PERSON")
                )
            ):
                first_title = last_title
                while first_title > s and (
                    lex.is_title_word(doc[first_title - 1]) or doc[first_title - 1].text in ("'s", "\u2019s")
                ):
                    first_title -= 1
                if first_title > s and label not in ("PERSON", "WORK_OF_ART"):
                    left = doc[s:first_title]
                    if any(t.pos_ == "PROPN" and not lex.is_title_word(t) for t in left):
                        out.append([s, first_title, label])
                out.append([last_title + 1, e, "PERSON"])
                log.append(("R2", doc[s:e].text))
                continue
        out.append([s, e, label])
    return out


def _r9_strip_titles(doc: Doc, spans: Spans, log: list) -> Spans:
    out = []
    for s, e, label in spans:
        if label == "PERSON":
            start = s
            while start < e and (
                doc[start].text in ("'s", "\u2019s", ".", "'", "\u2019")
                or lex.is_honorific(doc[start])
                or lex.is_rank(doc[start])
                or (lex.is_title_word(doc[start]) and start + 2 < e)  # "Dean Nelson" may be a name
            ):
                start += 1
            end = e
            while end > start and doc[end - 1].text in ("'s", "\u2019s", "'", "\u2019", ",", "."):
                end -= 1
            if start >= end or not any(_is_name_token(t) for t in doc[start:end]):
                log.append(("R9", doc[s:e].text))
                continue
            if (start, end) != (s, e):
                log.append(("R9", doc[s:e].text))
            s, e = start, end
        out.append([s, e, label])
    return out


def _r8_particles(doc: Doc, spans: Spans, log: list) -> Spans:
    particles = lex.words("repair_particles")
    spans = sorted(spans)
    out: Spans = []
    i = 0
    while i < len(spans):
        s, e, label = spans[i]
        if label == "PERSON":
            j = e
            while j < len(doc) and doc[j].lower_ in particles and j - e < 3:
                j += 1
            trailing = e - 1 >= s and doc[e - 1].lower_ in particles
            if (j > e or trailing) and j < len(doc) and _capitalised(doc[j]) and doc[j].is_alpha:
                k = j + 1
                nxt = spans[i + 1] if i + 1 < len(spans) else None
                if nxt and nxt[0] == j:
                    k = nxt[1]
                    i += 1
                log.append(("R8", doc[s:k].text))
                out.append([s, k, "PERSON"])
                i += 1
                continue
        out.append([s, e, label])
        i += 1
    return out


def _join_halves(doc: Doc, spans: Spans, log: list) -> Spans:
    """Two PERSON pieces side by side, the first leaning on the second: "Mohan" + "Lal Arora"."""
    spans = sorted(spans)
    out: Spans = []
    for span in spans:
        if out:
            s, e, label = out[-1]
            if (
                label == "PERSON"
                and span[2] == "PERSON"
                and span[0] == e
                and "\n" not in doc[e - 1].whitespace_
                and all(t.dep_ in ("compound", "flat") and e <= t.head.i < span[1] for t in doc[s:e])
            ):
                log.append(("R10", doc[s : span[1]].text))
                out[-1] = [s, span[1], label]
                continue
        out.append(list(span))
    return out


def _r10_complete(doc: Doc, spans: Spans, log: list) -> Spans:
    spans = _join_halves(doc, spans, log)
    taken: set[int] = set()
    for s, e, _ in spans:
        taken.update(range(s, e))
    out: Spans = []
    texts = [t.text for t in doc]
    titled = [i for i, w in enumerate(texts[:-1]) if lex.is_title_text(w)]
    # honorific + capitalised words not inside any entity: "Mr How said"
    for t in (doc[i] for i in titled):
        if lex.is_honorific(t) and t.i + 1 not in taken and t.i not in taken:
            j = t.i + 1
            if j < len(doc) and doc[j].text == "." and t.text[-1] != ".":
                j += 1
            k = j
            while (
                k < len(doc)
                and k - j < 3
                and k not in taken
                and _capitalised(doc[k])
                and doc[k].is_alpha
                and not lex.is_title_word(doc[k])
            ):
                k += 1
            if k > j:
                out.append([j, k, "PERSON"])
                taken.update(range(j, k))
                log.append(("R10", doc[t.i : k].text))
        # a capitalised title + two or three untagged proper nouns: "Minister Ahsan Iqbal said"
        elif (lex.is_head(t) or lex.is_rank(t)) and t.text[:1].isupper() and t.i + 1 not in taken:
            j = t.i + 1 if t.nbor(1).text != "." else t.i + 2
            # ... or after the rest of the title: "Minister for Health Stephen Donnelly"
            while (
                j < len(doc)
                and j - t.i <= 5
                and j not in taken
                and (
                    doc[j].lower_ in ("of", "for", "the", "and", "on", "to")
                    or (_title_part(doc[j]) and doc[j].text[:1].isupper())
                )
            ):
                j += 1
            k = j
            while (
                k < len(doc)
                and k - j < 4
                and k not in taken
                and doc[k].pos_ == "PROPN"
                and _is_name_token(doc[k])
            ):
                k += 1
            if 2 <= k - j <= 3 and (k == len(doc) or not doc[k].text[:1].isupper()):
                out.append([j, k, "PERSON"])
                taken.update(range(j, k))
                log.append(("R10", doc[t.i : k].text))
    # an untagged name set off by commas after a title: "Spokesperson of the Force, Olumuyiwa Adejobi, said"
    for t in (doc[i + 1] for i, w in enumerate(texts[:-2]) if w == ","):
        if t.i in taken or t.pos_ != "PROPN" or not _is_name_token(t):
            continue
        k = t.i
        while (
            k < len(doc)
            and k - t.i < 4
            and k not in taken
            and doc[k].pos_ == "PROPN"
            and _is_name_token(doc[k])
        ):
            k += 1
        if not 2 <= k - t.i <= 3 or k >= len(doc) or doc[k].text != ",":
            continue
        root = doc[k - 1]
        if root.dep_ != "appos" or root.head.i >= t.i:
            continue
        up, steps = root.head, 0
        while steps < 4 and not (lex.is_head(up) and up.pos_ in ("NOUN", "PROPN")) and up.head.i != up.i:
            up, steps = up.head, steps + 1
        if lex.is_head(up) and up.pos_ in ("NOUN", "PROPN"):
            out.append([t.i, k, "PERSON"])
            taken.update(range(t.i, k))
            log.append(("R10", doc[t.i : k].text))
    for s, e, label in spans:
        if label == "PERSON":
            root_heads = {t.head.i for t in doc[s:e]}
            # a lone capitalised piece of the same name right after it: "Rajiv Narain" + "Raina"
            # (up to three pieces when its words lean on a later word: "Shri Rajendra" + "Prasad Verma")
            grown = 0
            while (
                grown < 3
                and e < len(doc)
                and e not in taken
                and _is_name_token(doc[e])
                and doc[e].pos_ == "PROPN"
                and not doc[e].is_sent_start
            ):
                last = doc[e - 1]
                if (
                    doc[e].head.i in range(s, e)
                    or e in root_heads
                    or (last.dep_ == "compound" and last.head.i > e and doc[e].head.i == last.head.i)
                ):
                    log.append(("R10", doc[s : e + 1].text))
                    e += 1
                    grown += 1
                    root_heads = {t.head.i for t in doc[s:e]}
                else:
                    break
            # ... or right before it: "Iain" + "Roy"
            if (
                s > 0
                and (s - 1) not in taken
                and _is_name_token(doc[s - 1])
                and doc[s - 1].pos_ == "PROPN"
                and not doc[s].is_sent_start
            ):
                prev = doc[s - 1]
                if prev.head.i in range(s, e) and prev.dep_ in ("compound", "nmod", "flat"):
                    log.append(("R10", doc[s - 1 : e].text))
                    s -= 1
        out.append([s, e, label])
    # a hyphenated surname cut at the hyphen: "Babajide Sanwo" + "-Olu"
    for span in out:
        s, e, label = span
        if (
            label == "PERSON"
            and e + 1 < len(doc)
            and doc[e].text == "-"
            and not doc[e - 1].whitespace_
            and not doc[e].whitespace_
            and doc[e + 1].text[:1].isupper()
            and e not in taken
            and e + 1 not in taken
        ):
            log.append(("R10", doc[s : e + 2].text))
            span[1] = e + 2
    return out


def _r6_surnames(doc: Doc, spans: Spans, log: list) -> Spans:
    surnames = _person_surnames(doc, spans)
    full = {doc[s:e].text for s, e, label in spans if label == "PERSON" and e - s >= 2}
    out = []
    for s, e, label in spans:
        if label not in (
            "PERSON",
            "CARDINAL",
            "DATE",
            "TIME",
            "MONEY",
            "PERCENT",
            "QUANTITY",
            "ORDINAL",
        ) and label in _NAME_LABELS | {"LANGUAGE"}:
            span = doc[s:e]
            words = [t for t in span if not t.is_punct]
            proper = words and all(
                _capitalised(t) and not lex.is_org_noun(t) and not lex.is_title_word(t) for t in words
            )
            after_honorific = s > 0 and (
                lex.is_honorific(doc[s - 1])
                or (doc[s - 1].text == "." and s > 1 and lex.is_honorific(doc[s - 2]))
            )
            if proper and (
                span.text in full
                or (len(words) == 1 and span.text in surnames)
                or (len(words) <= 3 and span[-1].text in surnames and label in ("ORG", "WORK_OF_ART"))
                or (after_honorific and len(words) <= 3)
            ):
                log.append(("R6", span.text))
                label = "PERSON"
        out.append([s, e, label])
    return out


def _r11_name_after_title(doc: Doc, spans: Spans, log: list) -> Spans:
    media = {t.i for m in media_spans(doc) for t in m}
    particles = lex.words("repair_particles")
    out = []
    for s, e, label in spans:
        if (
            label in ("ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT", "LOC", "EVENT")
            and 2 <= e - s <= 4
        ):
            span = doc[s:e]
            j = s - 1
            if j >= 0 and doc[j].text == ",":
                j -= 1
            names = all(
                (t.pos_ == "PROPN" and _is_name_token(t) and t.i not in media) or t.lower_ in particles
                for t in span
            )
            root = span.root
            # ... or set off by commas as the appositive of a title that ends in a place or body:
            # "Britain's ambassador to the United Nations, Clare Hood, said"
            appositive = (
                root.dep_ == "appos"
                and root.head.i < s
                and lex.is_head(root.head)
                and root.head.pos_ == "NOUN"
                and doc[s - 1].text == ","
                and e < len(doc)
                and doc[e].text in (",", ".")
            )
            if (
                names
                and j >= 0
                and ((lex.is_head(doc[j]) and doc[j].ent_type_ not in ("ORG", "GPE")) or appositive)
                and _is_name_token(span[0])
            ):
                log.append(("R11", span.text))
                label = "PERSON"
        out.append([s, e, label])
    return out


def _r7_jurisdiction(doc: Doc, spans: Spans, log: list) -> Spans:
    surnames = _person_surnames(doc, spans)
    out = []
    for s, e, label in spans:
        if e - s == 1 and label in ("PERSON", "NORP") and doc[s].text not in surnames:
            j = e
            while j < len(doc) and j - e < 2 and lex.is_modifier(doc[j]) and not lex.is_head(doc[j]):
                j += 1
            if j < len(doc) and lex.is_head(doc[j]):
                log.append(("R7", doc[s:e].text))
                label = "GPE"
        out.append([s, e, label])
    return out
