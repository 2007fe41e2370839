"""The digest job without Slack: pasted text or links -> Extraction -> stored -> what to reply.

Handlers turn a Slack message into ``(text, links)`` and a ``Sighting``; this module decides what to
digest, fetches, extracts (in a worker process of ``bot.extract_pool`` when given one, else one spaCy call
at a time in this process), stores, and returns one ``DigestItem`` per article
for ``bot.render`` to turn into a reply. Every expected failure becomes a one-line ``error``.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.config import Settings
from bot.errors import BotError, InputError, StorageError
from bot.models import Article, Extraction, SaveResult, Sighting
from bot.render import headline

log = logging.getLogger(__name__)

MAX_LINKS = 3
# A message with links and fewer words than this around them asks for the links to be digested.
LINK_ONLY_WORDS = 40
MIN_WORDS = 8  # fewer words than this is not an article
TOO_SHORT = "That is too short to digest: paste the whole article, or a link to it."
_WORD = re.compile(r"\w+")
_NLP_LOCK = threading.Lock()

Fetch = Callable[[str, Settings], Article]


class Extractor(Protocol):
    """Extraction elsewhere (``bot.extract_pool.ExtractPool``): text in, ``Extraction`` out."""

    def extract(self, text: str, max_chars: int) -> Extraction: ...


@dataclass
class DigestItem:
    """One article's outcome: an extraction (and how it was stored), or a one-line error."""

    extraction: Extraction | None = None
    saved: SaveResult | None = None
    error: str | None = None
    source: str | None = None  # the link it came from, if any


@dataclass
class DigestOutcome:
    """Everything one request produced."""

    items: list[DigestItem] = field(default_factory=list)
    skipped_links: int = 0

    @property
    def ok(self) -> bool:
        """True when at least one article was digested."""
        return any(item.extraction is not None for item in self.items)


def wants_links(text: str, links: list[str]) -> bool:
    """True when the message is (mostly) links to digest rather than a pasted article."""
    return bool(links) and len(_WORD.findall(text)) < LINK_ONLY_WORDS


def digest(
    text: str,
    links: list[str],
    *,
    nlp: Any,
    store: Any,
    settings: Settings,
    sighting: Sighting | None = None,
    fetch: Fetch | None = None,
    extractor: Extractor | None = None,
) -> DigestOutcome:
    """Digest a pasted article, or up to ``MAX_LINKS`` links; never raises a ``BotError``.

    With an ``extractor`` the text is extracted there (``nlp`` may then be None).
    """
    if wants_links(text, links):
        outcome = DigestOutcome(skipped_links=max(0, len(links) - MAX_LINKS))
        for url in links[:MAX_LINKS]:
            outcome.items.append(_one(url, None, nlp, store, settings, sighting, fetch, extractor))
        return outcome
    if not text.strip():
        return DigestOutcome(
            [DigestItem(error="There is no article here: paste the article text or a link.")]
        )
    if len(_WORD.findall(text)) < MIN_WORDS:
        return DigestOutcome([DigestItem(error=TOO_SHORT)])
    return DigestOutcome([_one(None, text, nlp, store, settings, sighting, fetch, extractor)])


def _one(
    url: str | None,
    text: str | None,
    nlp: Any,
    store: Any,
    settings: Settings,
    sighting: Sighting | None,
    fetch: Fetch | None,
    extractor: Extractor | None = None,
) -> DigestItem:
    try:
        ex = (
            _from_link(url, nlp, store, settings, fetch, extractor)
            if url
            else run_extraction(text or "", nlp, settings, extractor)
        )
    except BotError as exc:
        return DigestItem(error=str(exc), source=url)
    if not ex.title and not url:
        ex.title = headline(ex.text)
    return DigestItem(extraction=ex, saved=save(store, ex, sighting), source=url)


def run_extraction(text: str, nlp: Any, settings: Settings, extractor: Extractor | None = None) -> Extraction:
    """Extract ``text`` with ``extractor`` when given, else with the shared pipeline, one text at a time."""
    if extractor is not None:
        return extractor.extract(text, settings.max_chars)
    from bot.extract import extract

    with _NLP_LOCK:
        return extract(text, nlp, max_chars=settings.max_chars)


def _from_link(
    url: str, nlp: Any, store: Any, settings: Settings, fetch: Fetch | None, extractor: Extractor | None
) -> Extraction:
    recent = getattr(store, "recent_article_for_url", None)
    if recent is not None:
        try:
            cached = recent(url)
        except StorageError:
            cached = None
        if cached is not None:
            return cached
    if fetch is None:
        from bot.fetch import fetch_article

        fetch = fetch_article
    article = fetch(url, settings)
    if not article.text.strip():
        raise InputError("That page has no article text to digest.")
    ex = run_extraction(article.text, nlp, settings, extractor)
    ex.title, ex.url, ex.byline = article.title, article.url or url, article.byline
    ex.published, ex.site = article.published, article.site
    ex.notes = list(article.notes) + ex.notes
    return ex


def save(store: Any, ex: Extraction, sighting: Sighting | None) -> SaveResult | None:
    """Store a digest; None (with a note on the extraction) when storage is unavailable or fails."""
    save_digest = getattr(store, "save_digest", None)
    if save_digest is None:
        return None
    try:
        return save_digest(ex, sighting)
    except StorageError as exc:
        log.error("could not store a digest: %s", exc)
        ex.notes.append("This digest could not be stored, so /recall will not find it.")
        return None
