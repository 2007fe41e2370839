"""What one rule layer tells another about a ``Doc``: spaCy extension attributes, registered once.

Each attribute is read as ``doc._.<name>`` and is None until the layer that owns it has set it.

    legwork_repairs          (rule, text) pairs of the entity repairs made       repair/
    legwork_media            (start, end) token spans naming news outlets         repair/media.py (cache)
    legwork_media_tokens     indices of the tokens of those outlets               title_patterns.media_tokens
    legwork_title_heads      head words of named officials' titles ("minister")   officials.py -> sources.py
    legwork_title_words      portfolio words of those titles ("health")           officials.py -> sources.py
    legwork_official_rules   (name, rule) for each official found                 officials.py (evaluation)
    legwork_text             the Doc's text, read once (``doc_text``)             any layer

spaCy rebuilds ``Doc.text`` from every token on each access (a Token object per token): the layers read it
through ``doc_text`` instead, which builds it once per Doc. A Doc's text never changes (merging or splitting
tokens keeps it), so the cached string stays true. ``token_texts`` and ``token_lowers`` give every token's
text or lower-cased form from the Doc's id arrays, without making a Token object per token.
"""

from __future__ import annotations

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc

DOC_ATTRIBUTES = (
    "legwork_repairs",
    "legwork_media",
    "legwork_media_tokens",
    "legwork_title_heads",
    "legwork_title_words",
    "legwork_official_rules",
    "legwork_text",
)


def register() -> None:
    """Register the attributes on ``Doc`` (again is a no-op: modules may be imported more than once)."""
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc and kept in ``doc._.legwork_text``."""
    text = doc._.legwork_text
    if text is None:
        text = doc._.legwork_text = doc.text
    return text


def token_texts(doc: Doc) -> list[str]:
    """``[t.text for t in doc]``, read on the tokens' text ids (``Doc.to_array``), no Token made per token."""
    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array(ORTH).tolist()] if len(doc) else []


def token_lowers(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]``, read as ``token_texts`` reads the texts."""
    strings = doc.vocab.strings
    return [strings[low] for low in doc.to_array(LOWER).tolist()] if len(doc) else []


register()
