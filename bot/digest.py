"""The digest job without Slack: pasted text or links -> Extraction -> stored -> the reply, rendered.

Handlers turn a Slack message into ``(text, links)`` (or a document read from a file) and a ``Sighting``, and
make one call, ``digest_replies``; this module decides what to digest, fetches, extracts (in a worker
process of ``bot.jobs.extract_pool`` when given one, else one spaCy call at a time in this process), stores,
and renders (``bot.render``): the messages come back ready to post. ``digest`` stops before rendering (the
command line renders for a terminal). The model chooses the title (``Extraction.headline``,
``Extraction.shown_title``); render only formats it. Every expected failure becomes a one-line ``error``.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot import render
from bot.config import Settings
from bot.errors import BotError, FetchError, InputError, StorageError
from bot.models import Article, Extraction, SaveResult, Sighting
from bot.render import messages
from bot.store.protocols import DigestStore

log = logging.getLogger(__name__)

MAX_LINKS = 3
DIGEST_AGAIN_ACTION = "legwork_digest_again"  # the button under "Already digested"; value: an article id
PARENT_TITLE_CHARS = 150  # a title in the one-line parent of a /legwork digest
# A message with links and fewer words than this around them asks for the links to be digested.
LINK_ONLY_WORDS = 40
MIN_WORDS = 8  # fewer words than this is not an article
TOO_SHORT = "That is too short to digest: paste the whole article, or a link to it."
NO_ARTICLE = "There is no article here: paste the article text or a link."
EMOJI_ONLY = "That is only emoji: paste the article text or a link, and I'll digest it."
CODE = "That looks like code, not an article: paste the article text (without ``` marks) or a link."
HTML_NO_ARTICLE = (
    "That looks like a web page's HTML source, and I found no article text in it: "
    "paste the article text or a link to the page."
)
PASTED_HTML = "https://legwork.invalid/pasted-html"  # html_to_article needs a URL; never shown or stored
_WORD = re.compile(r"\w+")
_SHORTCODE = re.compile(r":[a-z0-9_+'\-]+:", re.IGNORECASE)  # Slack's :emoji: and ::skin-tone-2:
_FENCE = re.compile(r"```")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<\?xml|<head[\s>]|<body[\s>])", re.IGNORECASE)
_CODE_LINE = re.compile(
    r"[;{}]\s*$"  # ends a statement or a block
    r"|^\s*(?:def|class|import|return|function|var|let|const|public|private|static|#include|package|"
    r"elif|else:|try:|except|catch|SELECT|INSERT|UPDATE|DELETE|CREATE)\b"
    r"|^\s*(?:if|for|while|switch)\s*\(|^\s*for\s+\w+\s+in\s"
    r"|^\s*[\w.\[\]'\"]+\s*(?:[-+*/%|&]|\*\*)?=(?!=)\s*\S"  # x = 1, total += n
    r"|^\s*(?://|/\*|\*/|--\s|<!--)"  # comments
    r"|\w\([^()]*\)\s*[:;]?\s*$"  # a call or a definition ending the line
    r"|^\s*[})\]]",
)  # case-sensitive: "Public anger grew" and "Update: …" start prose, "public" and "UPDATE" start code
_CODE_SYMBOLS = frozenset("{}();=<>[]_$\\|\":")
_NLP_LOCK = threading.Lock()

Fetch = Callable[[str, Settings], Article]


class Extractor(Protocol):
    """Extraction elsewhere (``bot.jobs.extract_pool.ExtractPool``): text in, ``Extraction`` out."""

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
    store: DigestStore | None,
    settings: Settings,
    sighting: Sighting | None = None,
    fetch: Fetch | None = None,
    extractor: Extractor | None = None,
    document: Article | None = None,
) -> DigestOutcome:
    """Digest a pasted article, or up to ``MAX_LINKS`` links, or a ``document`` already read from a file
    (``bot.reader.documents``); never raises a ``BotError``.

    With an ``extractor`` the text is extracted there (``nlp`` may then be None).
    """
    if document is not None:
        try:
            ex = _from_article(document, document.url or None, nlp, settings, extractor)
        except BotError as exc:
            return DigestOutcome([DigestItem(error=str(exc))])
        if not ex.title:
            ex.title = ex.headline
        return DigestOutcome([DigestItem(extraction=ex, saved=save(store, ex, sighting))])
    if wants_links(text, links):
        outcome = DigestOutcome(skipped_links=max(0, len(links) - MAX_LINKS))
        for url in links[:MAX_LINKS]:
            outcome.items.append(_one(url, None, nlp, store, settings, sighting, fetch, extractor))
        return outcome
    text, code = unfence(text)
    problem = CODE if code and looks_like_code(code) else refusal(text)
    if problem is not None:
        return DigestOutcome([DigestItem(error=problem)])
    if looks_like_html(text):
        return DigestOutcome([_pasted_html(text, nlp, store, settings, sighting, extractor)])
    return DigestOutcome([_one(None, text, nlp, store, settings, sighting, fetch, extractor)])


def refusal(text: str) -> str | None:
    """The one-line answer for pasted text that is not worth digesting (empty, only emoji, a few words)."""
    if not any(unicodedata.category(c)[0] in "LNPS" for c in text):
        return NO_ARTICLE  # nothing, or only spaces, control and invisible characters
    words = _WORD.findall(_SHORTCODE.sub(" ", text))
    if not words:
        return EMOJI_ONLY if _SHORTCODE.search(text) or _has_emoji(text) else NO_ARTICLE
    if len(words) < MIN_WORDS:
        return TOO_SHORT
    return None


def _has_emoji(text: str) -> bool:
    return any(unicodedata.category(c) == "So" or 0x1F000 <= ord(c) <= 0x1FAFF for c in text)


def unfence(text: str) -> tuple[str, str]:
    """Slack code blocks (```…```) read as plain text: (the text without the fences, what they enclosed)."""
    if "```" not in text:
        return text, ""
    parts = _FENCE.split(text)
    inside = "\n".join(p for i, p in enumerate(parts) if i % 2 == 1)
    if len(parts) % 2 == 0:  # an unclosed fence runs to the end
        inside = "\n".join(p for i, p in enumerate(parts) if i % 2 == 1 or i == len(parts) - 1)
    return "".join(parts).strip(), inside


def looks_like_code(text: str) -> bool:
    """True when ``text`` reads as program code rather than prose: statement-shaped lines or dense symbols."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    code_lines = sum(1 for line in lines if _CODE_LINE.search(line))
    chars = [c for c in text if not c.isspace()]
    symbols = sum(1 for c in chars if c in _CODE_SYMBOLS)
    return code_lines >= max(2, 0.4 * len(lines)) or (len(chars) >= 40 and symbols > 0.08 * len(chars))


def looks_like_html(text: str) -> bool:
    """True when pasted text is a web page's HTML source (or a good part of one) rather than an article."""
    if _HTML_START.match(text):
        return True
    tags = _TAG.findall(text[:200_000])
    return len(tags) >= 10 and sum(map(len, tags)) > 0.05 * len(text) and "</" in text


def read_pasted_html(html: str, max_chars: int) -> Article:
    """The article in a page's HTML source, found as for a fetched page (``bot.reader.article``); InputError
    with one line when there is none (pasted in Slack, or a saved page given to ``extract``)."""
    from bot.reader.article import html_to_article

    try:
        return html_to_article(html[: max_chars * 4], PASTED_HTML)
    except FetchError:
        raise InputError(HTML_NO_ARTICLE) from None
    except Exception as exc:  # noqa: BLE001 - any HTML a reporter pastes: one line, never a failed job
        log.warning("could not read pasted HTML (%d characters): %s: %s", len(html), type(exc).__name__, exc)
        raise InputError(HTML_NO_ARTICLE) from None


def _pasted_html(
    html: str,
    nlp: Any,
    store: DigestStore | None,
    settings: Settings,
    sighting: Sighting | None,
    extractor: Extractor | None,
) -> DigestItem:
    """Pasted HTML source: the article in it, found as for a fetched page (``bot.reader.article``), or one
    line."""
    try:
        article = read_pasted_html(html, settings.max_chars)
    except InputError as exc:
        return DigestItem(error=str(exc))
    try:
        ex = run_extraction(article.text, nlp, settings, extractor)
    except BotError as exc:
        return DigestItem(error=str(exc))
    ex.title = article.title or ex.headline
    ex.byline, ex.published = article.byline, article.published
    ex.notes = list(article.notes) + ex.notes
    return DigestItem(extraction=ex, saved=save(store, ex, sighting))


def _one(
    url: str | None,
    text: str | None,
    nlp: Any,
    store: DigestStore | None,
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
        ex.title = ex.headline
    return DigestItem(extraction=ex, saved=save(store, ex, sighting), source=url)


def run_extraction(text: str, nlp: Any, settings: Settings, extractor: Extractor | None = None) -> Extraction:
    """Extract ``text`` with ``extractor`` when given, else with the shared pipeline, one text at a time."""
    if extractor is not None:
        return extractor.extract(text, settings.max_chars)
    from bot.extract import extract

    with _NLP_LOCK:
        return extract(text, nlp, max_chars=settings.max_chars)


def _from_link(
    url: str,
    nlp: Any,
    store: DigestStore | None,
    settings: Settings,
    fetch: Fetch | None,
    extractor: Extractor | None,
) -> Extraction:
    if store is not None:
        try:
            cached = store.recent_article_for_url(url)
        except StorageError:
            cached = None
        if cached is not None:
            return cached
    if fetch is None:
        from bot.reader.fetchcache import (
            shared_fetch,  # fetch_article behind a short cache and a per-host limit
        )

        fetch = shared_fetch
    return _from_article(fetch(url, settings), url, nlp, settings, extractor)


def _from_article(
    article: Article, url: str | None, nlp: Any, settings: Settings, extractor: Extractor | None
) -> Extraction:
    """Extract a fetched page or a read document, keeping what it says about itself."""
    if not article.text.strip():
        raise InputError("That page has no article text to digest.")
    ex = run_extraction(article.text, nlp, settings, extractor)
    ex.title, ex.url, ex.byline = article.title, article.url or url, article.byline
    ex.published, ex.site = article.published, article.site
    ex.notes = list(article.notes) + ex.notes
    return ex


def save(store: DigestStore | None, ex: Extraction, sighting: Sighting | None) -> SaveResult | None:
    """Store a digest; None (with a note on the extraction) when there is no store or it fails."""
    if store is None:
        return None
    try:
        return store.save_digest(ex, sighting)
    except StorageError as exc:
        log.error("could not store a digest: %s", exc)
        ex.notes.append("This digest could not be stored, so /recall will not find it.")
        return None


@dataclass
class Reply:
    """One message ready for ``chat.postMessage``: Block Kit (``blocks`` and a ``text`` fallback) or text."""

    message: dict[str, Any]
    quiet: bool = False  # a failure line: a slash command, which has no thread, shows it to the asker only


@dataclass
class Replies:
    """What to post for one request, in order, and whether any article was digested. ``parent`` is the
    one-line message a ``/legwork`` digest goes under (its replies then go in the parent's thread)."""

    messages: list[Reply]
    ok: bool
    parent: Reply | None = None


def digest_replies(text: str, links: list[str], *, asker: str | None = None, **inputs: Any) -> Replies:
    """``digest(text, links, **inputs)``, rendered: one message per article (``render.digest_message``), then
    one line for every failure and for the links past ``MAX_LINKS``. Never raises a ``BotError``.

    With ``asker`` (a ``/legwork`` in a channel) the digests come with a one-line ``parent`` naming the asker
    and the stories, and a story already digested in this channel gets "Already digested", a link to that
    digest and a *Digest again* button, instead of a second digest.
    """
    outcome = digest(text, links, **inputs)
    here: Sighting | None = inputs.get("sighting")
    out: list[Reply] = []
    titles: list[str] = []
    for item in outcome.items:
        if item.extraction is None:
            continue
        earlier = _earlier_here(item.saved, here) if asker else None
        if earlier is not None and item.saved is not None:
            out.append(_already(earlier, item.saved.article_id))
        else:
            out.append(Reply(render.digest_message(item.extraction, item.saved)))
            titles.append(item.extraction.shown_title)
    lines = [render.error_line(item.error, item.source) for item in outcome.items if item.error]
    if outcome.skipped_links:
        lines.append(render.skipped_line(outcome.skipped_links, MAX_LINKS))
    if lines:
        out.append(Reply({"text": "\n".join(lines)}, quiet=True))
    parent = _parent(asker, titles) if asker and titles else None
    return Replies(out, outcome.ok, parent)


def digest_again(article_id: int, *, store: DigestStore, sighting: Sighting, asker: str | None) -> Replies:
    """The *Digest again* button: a story digested in this channel before, read back from the store (not
    fetched or extracted again), stored as a new sighting and rendered in full, under a one-line parent."""
    try:
        found = store.first_sighting(article_id, sighting.team or "", sighting.channel or "")
        ex = store.extraction(article_id) if found is not None else None
    except StorageError as exc:
        log.error("could not read back article %s: %s", article_id, exc)
        ex = None
    if ex is None:
        return Replies([failure(messages.GONE)], ok=False)
    parent = _parent(asker, [ex.shown_title]) if asker else None
    return Replies([Reply(render.digest_message(ex, save(store, ex, sighting)))], ok=True, parent=parent)


def thread_opened(store: DigestStore | None, sighting: Sighting, ts: str, permalink: str | None) -> None:
    """A ``/legwork`` digest is posted under the parent ``ts``: its sightings link there, so that "Already
    digested" can point at it."""
    if store is None:
        return
    try:
        store.place_sighting(sighting, ts, permalink)
    except StorageError as exc:
        log.error("could not link the sightings of a /legwork digest to its thread: %s", exc)


def _earlier_here(saved: SaveResult | None, here: Sighting | None) -> Sighting | None:
    """The first earlier sighting of a stored digest in the asker's own channel, if any."""
    if saved is None or here is None:
        return None
    same = [s for s in saved.earlier if s.team == here.team and s.channel == here.channel]
    return same[0] if same else None


def _already(earlier: Sighting, article_id: int) -> Reply:
    where = render.link(earlier.permalink, messages.EARLIER_DIGEST) if earlier.permalink else messages.NO_LINK
    text = messages.already_digested(where)
    button = {
        "type": "button",
        "action_id": DIGEST_AGAIN_ACTION,
        "text": {"type": "plain_text", "text": messages.DIGEST_AGAIN},
        "value": str(article_id),
    }
    blocks = [render.section(text), {"type": "actions", "elements": [button]}]
    return Reply({"text": text, "blocks": blocks}, quiet=True)


def _parent(asker: str, titles: list[str]) -> Reply:
    shown = ", ".join(f"*{render.esc(render.clip(t, PARENT_TITLE_CHARS))}*" for t in titles)
    return Reply({"text": messages.asked_for(asker, shown)})


def failure(message: str) -> Reply:
    """The one line for a request that could not be read at all (a thread or a file Slack would not give)."""
    return Reply({"text": render.error_line(message)}, quiet=True)
