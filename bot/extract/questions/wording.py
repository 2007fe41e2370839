"""Slot fillers for question templates: noun phrases, short clauses and tidy quoting."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

QUOTE_CHARS = '"\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e'
_AUX_DEPS = frozenset({"aux", "auxpass", "neg", "mark", "advmod", "prt"})
_DROP_DEPS = frozenset({"appos", "parataxis", "punct", "preconj"})
_SPACES = re.compile(r"\s+")
_COMMAS = re.compile(r"(?:\s*,){2,}")
_TRAILING = re.compile(r"(?:[,;]?\s+(?:and|or|nor|but|as well as|while))+$", re.IGNORECASE)
_APOSTROPHE = re.compile(r"(?<=\w)['\u2019](?=\w)")
_PLURAL_POSSESSIVE = re.compile(r"(?<=\ws)'(?=\s)")
_STRAY = re.compile(r"(?<!\w)\u2019|\u2019(?!\w)(?<!s\u2019)")
_PRONOUNS = frozenset("he she it they we i you this that these those who which what there one".split())
_SPEECH_DEPS = frozenset({"ccomp", "xcomp", "advcl"})
MAX_WORDS = 20


def clean(text: str) -> str:
    """One line, no quotation marks, no stray spaces or trailing punctuation."""
    text = _SPACES.sub(" ", text)
    text = _APOSTROPHE.sub("\u2019", text)
    text = _PLURAL_POSSESSIVE.sub("\u2019", text)
    text = "".join(c for c in text if c not in QUOTE_CHARS or c == "\u2019")
    text = _STRAY.sub("", text)
    text = text.replace(" ,", ",").replace("( ", "(").replace(" )", ")")
    text = _COMMAS.sub(",", text)
    text = text.strip(" ,;:-\u2013\u2014.")
    text = _TRAILING.sub("", text)
    return text.strip(" ,;:-\u2013\u2014.")


def quote(text: str) -> str:
    """Wrap ``text`` in single typographic quotes for a question."""
    return f"\u2018{text}\u2019"


def cap(text: str) -> str:
    """Upper-case the first letter."""
    return text[:1].upper() + text[1:] if text else text


def lower_first(text: str, token: Token | None = None) -> str:
    """Lower-case a leading determiner, or a leading common noun when ``token`` is that word (not a name)."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    if first.lower() in _FUNCTION_WORDS:
        return text[:1].lower() + text[1:]
    if token is not None:
        lead = token.doc[token.left_edge.i] if token.left_edge.text == first else token
        name_follows = (
            lead.i + 1 < len(lead.doc)
            and lead.doc[lead.i + 1].pos_ == "PROPN"
            and lead.doc[lead.i + 1].is_title
        )  # "Delta Civil": a name that starts with a common word
        if (
            lead.text == first
            and not lead.ent_type_
            and not first.isupper()
            and _common(lead)
            and not name_follows
        ):
            return text[:1].lower() + text[1:]
    return text


def _common(t: Token) -> bool:
    """A common word (not a name), judged by the lemma index when present, else by the tagger."""
    from bot.extract.questions.lexicon import common_words

    known = common_words()
    if known:
        return t.lemma_.lower() in known or t.lower_ in known
    return t.pos_ != "PROPN"


_FUNCTION_WORDS = frozenset(
    "the a an some this that these those there it its their his her our many most more "
    "several other such one all each every any no".split()
)


def decap(text: str) -> str:
    """Lower-case a leading function word so that a clause can follow 'that' or 'says'."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _FUNCTION_WORDS else text


def lower_lead(text: str, sent: Span) -> str:
    """Lower-case a clause's first word when it only had a capital for starting the sentence ("Nearly")."""
    first = next((t for t in sent if not t.is_space and t.is_alpha), None)
    if first is None or not text.startswith(first.text) or first.pos_ == "PROPN" or first.text == "I":
        return text
    if first.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT") or first.is_upper:
        return text
    return text[:1].lower() + text[1:]


def noun_phrase(token: Token, limit: int = 8) -> str:
    """The phrase headed by ``token`` cut to at most ``limit`` words, ending on its last whole noun
    ("proposals for a possible new pause in the fighting and …" -> "proposals for a possible new pause")."""
    toks = [t for t in token.subtree if not t.is_space and t.i >= token.left_edge.i][:limit]
    doc = token.doc
    if (
        toks
        and toks[-1].ent_iob_ != "O"
        and toks[-1].i + 1 < len(doc)
        and doc[toks[-1].i + 1].ent_iob_ == "I"
    ):
        start = toks[-1].i  # a name cut short ("drafted by the United Arab"): leave the name out whole
        while start > token.i and doc[start].ent_iob_ == "I":
            start -= 1
        if start > token.i:  # (a name that starts at the head itself is kept as cut)
            toks = [t for t in toks if t.i < start]
    while toks and toks[-1].pos_ not in ("NOUN", "PROPN") and toks[-1].i > token.i:
        toks = toks[:-1]
    return span_text(toks)


def trim_words(text: str, limit: int = MAX_WORDS) -> str:
    """At most ``limit`` words, with an ellipsis when cut."""
    words = text.split()
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:") + "\u2026"


def span_text(tokens: list[Token], skip: set[int] | None = None) -> str:
    """Text of tokens in order, keeping the article's spacing, leaving out ``skip`` token indices."""
    skip = skip or set()
    toks = sorted((t for t in tokens if t.i not in skip), key=lambda t: t.i)
    parts: list[str] = []
    for k, t in enumerate(toks):
        if k and toks[k - 1].i + 1 != t.i and parts and not parts[-1].endswith(" "):
            parts.append(" ")  # words left out between two kept words: keep them apart
        parts.append(t.text_with_ws)
    return clean("".join(parts))


def content_verb(token: Token) -> Token:
    """Climb from auxiliaries, negation and markers to the governing content word."""
    while token.dep_ in _AUX_DEPS and token.head.i != token.i:
        token = token.head
    return token


def phrase(token: Token, limit: int = 14, drop_relcl: bool = True) -> str:
    """The noun phrase headed by ``token``, without appositions, relative clauses or parentheticals."""
    skip: set[int] = set()
    for child in token.children:
        misattached = child.i < token.i and child.dep_ in ("prep", "advmod", "npadvmod")
        if (
            child.dep_ in _DROP_DEPS
            or misattached
            or (drop_relcl and child.dep_ in ("relcl", "acl") and child.i > token.i)
        ):
            skip.update(t.i for t in child.subtree)
    toks = [t for t in token.subtree if t.i not in skip and not t.is_space]
    if token.ent_type_ in ("ORG", "PERSON", "GPE", "NORP"):
        start = token.i
        while start > 0 and token.doc[start].ent_iob_ == "I":
            start -= 1
        toks = [t for t in toks if t.i >= start or t.i > token.i]
    # Cut at the first comma after the head (a trailing parenthetical).
    cut = [t for t in toks if t.i > token.i and t.text in (",", "(", "\u2013", "\u2014", ";")]
    if cut:
        toks = [t for t in toks if t.i < cut[0].i]
    return trim_words(span_text(toks), limit)


def clause(token: Token, sent: Span, skip: set[int] | None = None, limit: int = MAX_WORDS) -> str:
    """The clause governed by ``token``'s content verb, compressed; falls back to the sentence."""
    verb = content_verb(token)
    toks = [t for t in verb.subtree if not t.is_space]
    if len([t for t in toks if t.is_alpha]) < 3:
        toks = [t for t in sent if not t.is_space]
    skip = set(skip or ())
    doc = verb.doc
    for t in toks:
        if t.dep_ in ("appos", "parataxis") and t.head.i != verb.i:
            skip.update(x.i for x in t.subtree)
        elif (
            t.dep_ == "relcl"
            and t.left_edge.i > 0
            and doc[t.left_edge.i - 1].text == ","
            and doc[t.left_edge.i].lower_ in ("which", "who", "whose")
        ):
            # ", which is expected to raise £3 billion": an aside, not the claim
            skip.update(x.i for x in t.subtree)
            skip.add(t.left_edge.i - 1)
    # Drop a leading complementiser or conjunction.
    kept = [t for t in toks if t.i not in skip]
    while kept and (kept[0].dep_ in ("mark", "cc", "punct") or kept[0].lower_ in ("and", "but")):
        kept = kept[1:]
    text = trim_words(span_text(kept), limit)
    if (
        kept
        and kept[0].pos_ != "PROPN"
        and not kept[0].ent_type_
        and kept[0].text != "I"
        and not kept[0].is_upper
    ):
        text = text[:1].lower() + text[1:]
    return text


def reported(sent: Span, speech: frozenset[str]) -> tuple[Token | None, Token | None]:
    """(speech verb, its subject) of the sentence's attribution, if any."""
    for t in sent:
        if t.lemma_.lower() in speech and t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return t, subj
    return None, None


def content_of_speech(verb: Token) -> Token | None:
    """The reported clause of a speech verb (its ccomp), if any."""
    return next((c for c in verb.children if c.dep_ in _SPEECH_DEPS and c.pos_ in ("VERB", "AUX")), None)


def embedded_question(verb: Token) -> bool:
    """The clause headed by ``verb`` is an embedded question, not a claim: it opens with a wh-word or
    "whether"/"if" ("explained why the show was cut", "argued whether the mill can survive is luck")."""
    first = verb.left_edge
    if first.tag_ in _WH_TAGS and first.lower_ != "that" or first.lower_ in _WH_MARKS:
        # "that" tagged WDT is the complementiser of a claim ("told the board that the contractor had …")
        # not a condition put before the claim ("said if it rains, the match will be cancelled")
        up, deps = first, set()
        while up.i != verb.i and up.head.i != up.i:
            deps.add(up.dep_)
            up = up.head
        return "advcl" not in deps
    return any(c.dep_ == "mark" and c.lower_ in _WH_MARKS for c in verb.children)


_WH_TAGS = frozenset({"WRB", "WP", "WDT", "WP$"})
_WH_MARKS = frozenset({"whether", "if"})


def is_pronoun(token: Token) -> bool:
    """A pronoun or a word that says nothing on its own."""
    return token.pos_ == "PRON" or token.lower_ in _PRONOUNS


def subject(verb: Token) -> Token | None:
    """The subject of ``verb`` or of the verb it hangs from (xcomp, advcl, relative clauses)."""
    seen = 0
    while verb is not None and seen < 4:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subj is not None:
            if subj.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
                return verb.head
            return subj
        if verb.dep_ == "relcl":
            return verb.head
        if verb.head.i == verb.i:
            return None
        verb = verb.head
        seen += 1
    return None


def named(token: Token) -> str | None:
    """The person's name given beside a description: "the chief executive, David Okafor" -> "David Okafor"."""
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            toks = [t for t in child.subtree if t.ent_type_ == "PERSON" and not t.is_space]
            if toks:
                return clean(child.doc[toks[0].i : toks[-1].i + 1].text)
    return None


def party(token: Token, limit: int = 8) -> str:
    """How a question names a subject: the person's name when the sentence gives it, else the phrase."""
    name = named(token)
    if name:
        return name
    text = phrase(token, limit)
    if token.ent_type_ == "PERSON" or (
        token.pos_ == "PROPN" and any(t.ent_type_ == "PERSON" for t in token.subtree)
    ):
        return text  # "Superintendent of Police R.K. Verma": a title before a name keeps its capital
    return lower_first(text, token)


def is_actor(token: Token, nouns: frozenset[str]) -> bool:
    """A named organisation, person or place, or a noun for an institution or its people ("officials")."""
    return token.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or token.lemma_.lower() in nouns


def possessive(np: str) -> str:
    """'the council' -> "the council's"."""
    return np + ("\u2019" if np.endswith("s") and not np.endswith("ss") else "\u2019s")


def has_have(token: Token) -> str:
    """'has' or 'have' agreeing with ``token``."""
    plural = token.tag_ in ("NNS", "NNPS", "CD") or token.lower_ in ("they", "we", "you")
    return "have" if plural else "has"
