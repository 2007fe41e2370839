"""Question rules about numbers: estimates, rival counts, changes and totals given without a figure."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from bot.extract.questions import lexicon
from bot.extract.questions import wording as w
from bot.extract.questions.base import Hit, Matches, hit
from bot.extract.questions.context import ParsedArticle, Sentence, is_number


def _number_phrase(t: Token) -> str:
    """'nearly 118,000 patients' from a number token: its quantifiers, the number and the counted noun."""
    while t.dep_ in ("quantmod", "compound", "nummod") and is_number(t.head) and t.head.i > t.i:
        t = t.head  # "$" -> "billion" in "more than $1.2 billion": the phrase's own head
    noun = t.head if t.dep_ in ("nummod", "quantmod", "compound") and t.head.pos_ in ("NOUN", "PROPN") else t
    while noun.dep_ in ("nummod", "quantmod", "compound") and noun.head.pos_ in ("NOUN", "NUM"):
        noun = noun.head
    first = min(t.left_edge.i, t.i)
    toks = [x for x in t.doc[first : max(noun.i, t.i) + 1] if not x.is_space]
    return w.trim_words(w.span_text(toks), 10)


def estimate(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    words = lexicon.words("ESTIMATE", "words")
    cue = next(
        (t for t in sent.tokens if t.lower_ in words and not sent.in_quote(t) and t.dep_ != "amod"), None
    )
    if cue is None:
        return None
    num = next(
        (t for t in sent.tokens if is_number(t) and (t.ent_type_ in ("MONEY", "PERCENT") or _sizeable(t))),
        None,
    )
    if num is None:
        return None
    figure = _number_phrase(num)
    if cue.pos_ == "NOUN":
        # "a new estimate put its cost at ...": the estimate is the subject, not its author.
        mods = [c for c in cue.children if c.dep_ in ("amod", "compound") and c.i < cue.i]
        np = " ".join(["the"] + [m.lower_ for m in mods] + ["estimate"])
        by = next(
            (c for c in cue.children if c.dep_ in ("poss",) or c.dep_ == "prep" and c.lower_ == "by"), None
        )
        if by is not None:
            return hit(
                "ESTIMATE", sent, cue.i, f"What is {np} of {figure} based on, and do other figures agree?"
            )
        return hit("ESTIMATE", sent, cue.i, f"What is {np} of {figure} based on?")
    subj = w.subject(cue)
    active = cue.tag_ in ("VBP", "VBZ", "VBD", "VBG") and not any(c.dep_ == "auxpass" for c in cue.children)
    if subj is not None and not w.is_pronoun(subj) and active and subj.i < cue.i:
        src = w.possessive(w.party(subj))
        return hit(
            "ESTIMATE",
            sent,
            cue.i,
            f"What is {src} estimate of {figure} based on?",
        )
    return hit("ESTIMATE", sent, cue.i, f"Who estimated {figure}?")


def _figure_source(sent: Sentence) -> tuple[Token, str, Token] | None:
    """(figure noun, its source, first number) for 'HSE data showed 523 ...' / 'figures from X showed 759';
    read once per sentence (conflicting_figures asks it of every sentence before the one it reads)."""
    if "_figure_source" not in sent.__dict__:
        sent.__dict__["_figure_source"] = _read_figure_source(sent)
    return sent.__dict__["_figure_source"]


@cache
def _figure_nouns() -> frozenset[str]:
    return frozenset(n.lower() for n in lexicon.context()["figure_nouns"])


def _read_figure_source(sent: Sentence) -> tuple[Token, str, Token] | None:
    nouns = _figure_nouns()
    for t in sent.tokens:
        if t.lower_ not in nouns or t.dep_ not in ("nsubj", "nsubjpass"):
            continue
        src = [c for c in t.children if c.dep_ in ("compound", "nmod", "poss")]
        frm = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")), None)
        if frm is not None:
            src += [c for c in frm.children if c.dep_ == "pobj"]
        num = next((x for x in t.head.subtree if is_number(x) and x.i > t.i), None)
        if src and num is not None:
            return t, w.phrase(src[-1], 8), num
    return None


_COUNTED = {
    **dict.fromkeys("kill die death dead toll casualty victim fatality".split(), "deaths"),
    **dict.fromkeys("injure wound injury injured wounded".split(), "injured"),
    **dict.fromkeys("displace displaced evacuate flee homeless".split(), "displaced"),
    **dict.fromkeys("cost bill price".split(), "cost"),
    "missing": "missing",
    "arrest": "arrests",
}


def _told_figure(art: ParsedArticle, sent: Sentence) -> tuple[str, Token, str] | None:
    """(source, figure, what is counted) for "The ministry said 23 civilians had been killed" or
    "the rebels put the toll at more than 40"."""
    counted = next((_COUNTED[lemma] for lemma in sent.lemmas if lemma in _COUNTED), None)
    if counted is None:
        return None
    for v in sent.tokens:
        if v.lemma_.lower() not in art.speech or v.pos_ != "VERB" or sent.in_quote(v):
            continue
        subj = w.subject(v)
        if subj is None or w.is_pronoun(subj) or subj.ent_type_ in ("CARDINAL", "DATE"):
            continue
        nums = [t for t in sent.tokens if is_number(t) and not sent.in_quote(t) and not _tiny(t)]
        if len(nums) != 1:
            return None  # no figure, or several: not one count to compare
        says = "say" if subj.tag_ in ("NNS", "NNPS") and not w.named(subj) else "says"
        return f"{w.party(subj)} {says}", nums[0], counted
    return None


def _tiny(t: Token) -> bool:
    digits = t.text.replace(",", "")
    return digits.isdigit() and int(digits) < 2


def conflicting_figures(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    here = _figure_source(sent)
    if here is None:
        prev = art.before(sent)
        tb = _told_figure(art, sent)
        ta = _told_figure(art, prev) if tb is not None and prev is not None else None
        if (
            ta is None
            or tb is None
            or ta[0].lower() == tb[0].lower()
            or ta[1].text == tb[1].text
            or ta[2] != tb[2]
        ):
            return None
        return hit(
            "CONFLICTING_FIGURES",
            sent,
            tb[1].i,
            f"{w.cap(ta[0])} {_number_phrase(ta[1])} but {tb[0]} {_number_phrase(tb[1])}: which is "
            "right, and is there an independent count?",
        )
    for other in art.content:
        if other.index >= sent.index:
            break
        there = _figure_source(other)
        if there is not None and there[1].lower() != here[1].lower():
            a, b = there, here
            return hit(
                "CONFLICTING_FIGURES",
                sent,
                here[0].i,
                f"{b[1]} counts {_number_phrase(b[2])} but {a[1]} counts {_number_phrase(a[2])}: why do "
                "the figures differ, and which is right?",
            )
    return None


def change_no_figure(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    if sent.has_number:
        return None
    conf = lexicon.rules()["CHANGE_NO_FIGURE"]
    participles: dict[str, str] = conf["words"]
    adverbs = lexicon.words("CHANGE_NO_FIGURE", "adverbs")
    for t in sent.tokens:
        lemma = t.lemma_.lower()
        if lemma not in participles:
            continue
        if t.pos_ == "NOUN":
            prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "in"), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
                continue
            np = w.lower_first(w.phrase(pobj, 10), pobj)
            verb = lemma if lemma != "growth" else "grow"
            return hit(
                "CHANGE_NO_FIGURE",
                sent,
                t.i,
                f"By how much {w.has_have(pobj)} {np} "
                f"{participles[verb]}, over what period, and according to what figures?",
            )
        if t.pos_ == "VERB" and any(c.lower_ in adverbs for c in t.children):
            subj = w.subject(t)
            if subj is None or w.is_pronoun(subj):
                continue
            np = w.lower_first(w.phrase(subj, 10), subj)
            return hit(
                "CHANGE_NO_FIGURE",
                sent,
                t.i,
                f"By how much {w.has_have(subj)} {np} {participles[lemma]}, "
                "over what period, and according to what figures?",
            )
    return None


def missing_count(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    nouns = lexicon.words("MISSING_COUNT", "nouns")
    if sent.has_number:
        return None
    for t in sent.tokens:
        if t.tag_ != "NNS" or sent.in_quote(t):
            continue
        two = f"{t.doc[t.i - 1].lower_} {t.lemma_.lower()}" if t.i else ""
        if t.lemma_.lower() in nouns or two in nouns:
            if any(
                c.dep_ in ("det", "nummod") and c.lower_ not in ("the", "potential", "possible")
                for c in t.children
            ):
                continue
            np = w.lower_first(w.phrase(t, 6), t)
            words = np.split()
            while len(words) > 1 and words[0].lower() in ("all", "multiple", "many", "these", "those"):
                words = words[1:]  # "how many all the deaths": the noun phrase without its quantifier
            np = " ".join(words)
            if np.endswith(("\u2019", "'")):
                continue
            if np.startswith("the "):
                stem = t.lemma_.lower()[:4]
                if any(
                    x.index < sent.index and x.has_number and any(y.lower_.startswith(stem) for y in x.tokens)
                    for x in art.content
                ):
                    continue  # "the closures" after "will close two factories": counted already
                np = np[4:]  # "the closures": how many closures
            return hit("MISSING_COUNT", sent, t.i, f"How many {np} exactly?")
    return None


def vague_scope(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    quants = lexicon.words("VAGUE_SCOPE", "quantifiers")
    nouns = lexicon.words("VAGUE_SCOPE", "nouns")
    for t in sent.tokens:
        if t.lower_ not in quants or t.dep_ not in ("amod", "det") or sent.in_quote(t) or t.is_sent_start:
            continue
        noun = t.head
        if noun.tag_ != "NNS" or noun.lemma_.lower() not in nouns:
            continue
        if t.lower_ in ("some", "other") and noun.dep_ not in ("pobj", "dobj", "nsubj"):
            continue
        words = w.clean(t.doc[t.i : noun.i + 1].text)
        return hit(
            "VAGUE_SCOPE",
            sent,
            t.i,
            (
                f"Which {noun.lower_} exactly are meant by {w.quote(words)}?",
                f"Can the story name the {noun.lower_} it calls {w.quote(words)}?",
            ),
            noun.i + 1,
        )
    return _unnamed_group(sent)


def _unnamed_group(sent: Sentence) -> Hit | None:
    """'troops from Muslim-majority countries': a described group of countries or states that nobody names."""
    groups = lexicon.words("VAGUE_SCOPE", "groups")
    doc = sent.span.doc
    for t in sent.tokens:
        if t.tag_ != "NNS" or t.lemma_.lower() not in groups or sent.in_quote(t) or t.dep_ != "pobj":
            continue
        mods = [c for c in t.children if c.i < t.i]
        if any(c.dep_ in ("det", "nummod", "poss") for c in mods) or not any(
            c.dep_ in ("amod", "compound") for c in mods
        ):
            continue
        after = doc[t.i + 1 : t.i + 3].text.lower()
        if any(a in after for a in ("such as", "including", "like", ":", "(", "\u2013", "-")):
            continue  # the story names them
        words = w.lower_first(w.clean(doc[t.left_edge.i : t.i + 1].text), doc[t.left_edge.i])
        return hit(
            "VAGUE_SCOPE",
            sent,
            t.i,
            (
                f"Which {t.lower_} exactly are meant by {w.quote(words)}?",
                f"Can the story name the {t.lower_} it calls {w.quote(words)}?",
            ),
            t.i + 1,
        )
    return None


_NOT_AMOUNTS = frozenset(
    {"call", "text", "dial", "phone", "section", "article", "clause", "route", "number", "no", "page"}
)


_DISTANCES = frozenset("mile kilometre kilometer km metre meter foot feet yard inch centimetre".split())


_ADDRESSES = frozenset("road rd street st avenue ave lane drive boulevard highway square terrace".split())
_NAMED_THINGS = frozenset({"FAC", "GPE", "LOC", "ORG", "PRODUCT", "LAW", "WORK_OF_ART", "EVENT"})


def counts_nothing(t: Token) -> bool:
    """A number that counts nothing to source: "call 988", "a 911 call", "Section 12", "800 miles away", and
    a number that is part of a name: inside a named entity ("a Boeing 737") or a street address ("140 Harbour
    Road", the number on the street's proper name)."""
    before = t.doc[t.i - 1].lemma_.lower() if t.i > 0 else ""
    head = t.head.lemma_.lower()
    if t.ent_type_ in _NAMED_THINGS or (t.head.pos_ == "PROPN" and head.rstrip(".") in _ADDRESSES):
        return True
    return head in _NOT_AMOUNTS or before in _NOT_AMOUNTS or head in _DISTANCES


def _sizeable(t: Token) -> bool:
    """A figure worth sourcing: money, a percentage, or a count of 100 or more (no tallies, no ages)."""
    if t.ent_type_ in ("MONEY", "PERCENT"):
        return True
    if counts_nothing(t):
        return False
    doc = t.doc
    if t.dep_ not in ("nummod", "quantmod", "compound", "nsubj", "nsubjpass", "dobj", "pobj") or (
        t.i + 1 < len(doc) and doc[t.i + 1].text in ("-", "\u2013")
    ):
        return False
    if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and not any(c.lower_ == "of" for c in t.children):
        return False
    digits = t.text.replace(",", "")
    if digits.isdigit():
        return int(digits) >= 100 and not (len(digits) == 4 and 1900 <= int(digits) <= 2100)
    return t.lower_ in ("hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion")


def _figure_words(t: Token) -> str:
    """ "£85 million" for a sum or a share (no noun after it), "200,000 troops" for a count."""
    if t.ent_type_ in ("MONEY", "PERCENT"):
        ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
        if ent is not None:
            return w.clean(ent.text)
    text = _number_phrase(t)
    first = text.split(" ", 1)[0]
    if first.lower() in _QUANTIFIERS:
        text = first.lower() + text[len(first) :]  # "More than 150 people" at a sentence start
    return text


_QUANTIFIERS = frozenset(
    "more less fewer nearly almost about around approximately over under some roughly up at just only".split()
)


def figure_source(art: ParsedArticle, sent: Sentence, m: Matches) -> Hit | None:
    if sent.attributed or sent.mostly_quoted or not sent.has_number:
        return None
    words = [t for t in sent.tokens if t.is_alpha]
    if (
        len(words) < 6
        or not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sent.tokens)
        or words[0].lower_ in ("this", "that", "it", "these", "those", "they")
    ):
        return None
    prev = art.before(sent)
    if prev is not None and prev.attributed and "\n" not in art.text[prev.end : sent.start]:
        return None  # the figure most likely continues the source of the sentence before
    nums = [t for t in sent.tokens if is_number(t) and not sent.in_quote(t) and _sizeable(t)]
    if not nums:
        return None
    big = nums[0]
    market = lexicon.words("FIGURE_SOURCE", "market_words")
    if any(t.lemma_.lower() in market and t.dep_ in ("nsubj", "nsubjpass") for t in sent.tokens):
        return None  # "Shares rose 6%": a market price, sourced by the market itself
    if any(
        x.attributed
        and x.index != sent.index
        and big.text in x.texts
        and any(t.text == big.text and is_number(t) for t in x.tokens)
        for x in art.content
    ):
        return (
            None  # the same figure is attributed elsewhere (a headline repeating the lede's sourced number)
        )
    if len(_figure_words(big).split()) < 2 and big.ent_type_ not in ("MONEY", "PERCENT"):
        return None  # a bare number, with nothing to say what it counts
    return hit(
        "FIGURE_SOURCE",
        sent,
        big.i,
        f"Who gives the figure of {_figure_words(big)}?",
    )
