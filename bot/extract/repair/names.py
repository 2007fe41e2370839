"""Entity repairs on names (R1-R3, R6-R11): what is cut off an entity (a reporting verb, a title, a
second name) and how pieces are joined or completed (name particles, honorifics, surnames, a name after a
title, a place before one)."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.extract import titles as lex
from bot.extract.extensions import token_texts
from bot.extract.repair.media import media_spans
from bot.extract.repair.spans import (
    Spans,
    capitalised,
    is_name_token,
    person_surnames,
    title_part,
)

_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "WORK_OF_ART", "FAC", "LOC", "PRODUCT", "EVENT", "LAW"}


def r1_verb_tail(doc: Doc, spans: Spans, log: list) -> Spans:
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


def r3_split(doc: Doc, spans: Spans, log: list) -> Spans:
    surnames = person_surnames(doc, spans)
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
                    is_name_token(t)
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


def r2_title_inside(doc: Doc, spans: Spans, log: list) -> Spans:
    surnames = person_surnames(doc, spans)
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
                all(is_name_token(t) or t.text == "." or t.lower_ in particles for t in right)
                and is_name_token(right[0])
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


def r9_strip_titles(doc: Doc, spans: Spans, log: list) -> Spans:
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
            if start >= end or not any(is_name_token(t) for t in doc[start:end]):
                log.append(("R9", doc[s:e].text))
                continue
            if (start, end) != (s, e):
                log.append(("R9", doc[s:e].text))
            s, e = start, end
        out.append([s, e, label])
    return out


def r8_particles(doc: Doc, spans: Spans, log: list) -> Spans:
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
            if (j > e or trailing) and j < len(doc) and capitalised(doc[j]) and doc[j].is_alpha:
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


def r10_complete(doc: Doc, spans: Spans, log: list) -> Spans:
    spans = _join_halves(doc, spans, log)
    taken: set[int] = set()
    for s, e, _ in spans:
        taken.update(range(s, e))
    out: Spans = []
    texts = token_texts(doc)
    title_words = {w for w in set(texts) if lex.is_title_text(w)}  # each distinct word looked up once
    titled = [i for i, w in enumerate(texts[:-1]) if w in title_words]
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
                and capitalised(doc[k])
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
                    or (title_part(doc[j]) and doc[j].text[:1].isupper())
                )
            ):
                j += 1
            k = j
            while (
                k < len(doc)
                and k - j < 4
                and k not in taken
                and doc[k].pos_ == "PROPN"
                and is_name_token(doc[k])
            ):
                k += 1
            if 2 <= k - j <= 3 and (k == len(doc) or not doc[k].text[:1].isupper()):
                out.append([j, k, "PERSON"])
                taken.update(range(j, k))
                log.append(("R10", doc[t.i : k].text))
    # an untagged name set off by commas after a title: "Spokesperson of the Force, Olumuyiwa Adejobi, said"
    for t in (doc[i + 1] for i, w in enumerate(texts[:-2]) if w == ","):
        if t.i in taken or t.pos_ != "PROPN" or not is_name_token(t):
            continue
        k = t.i
        while (
            k < len(doc)
            and k - t.i < 4
            and k not in taken
            and doc[k].pos_ == "PROPN"
            and is_name_token(doc[k])
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
                and is_name_token(doc[e])
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
                and is_name_token(doc[s - 1])
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


def r6_surnames(doc: Doc, spans: Spans, log: list) -> Spans:
    surnames = person_surnames(doc, spans)
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
                capitalised(t) and not lex.is_org_noun(t) and not lex.is_title_word(t) for t in words
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


def r11_name_after_title(doc: Doc, spans: Spans, log: list) -> Spans:
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
                (t.pos_ == "PROPN" and is_name_token(t) and t.i not in media) or t.lower_ in particles
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
                and is_name_token(span[0])
            ):
                log.append(("R11", span.text))
                label = "PERSON"
        out.append([s, e, label])
    return out


def r7_jurisdiction(doc: Doc, spans: Spans, log: list) -> Spans:
    surnames = person_surnames(doc, spans)
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
