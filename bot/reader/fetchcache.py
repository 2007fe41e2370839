"""Link fetches shared and spread out: a short-lived cache and a per-host limit around ``fetch_article``.

    fetch = CachedFetch()          # the digest's default; ``shared_fetch`` is the process-wide one
    article = fetch(url, settings)

- A link pasted twice within ``ttl`` seconds (10 minutes) is fetched once: the second paste gets a copy of
  the first's ``Article``. Two pastes of the same link at the same moment share one fetch too (the second
  waits for the first). Only successes are kept, so a site that was down is asked again next time. At most
  ``max_entries`` pages are kept, the oldest used dropped first.
- At most ``per_host`` requests (3) go to one host at a time; a further one waits up to ``wait`` seconds for
  a turn, then gets one clear line. A newsroom pasting ten links to one site does not hammer it.

The stored-digest shortcut (``Store.recent_article_for_url``) stays in front of this: this cache covers what
is not stored yet (a fetch still in flight, or a digest whose saving failed).
"""

from __future__ import annotations

import copy
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from bot.config import Settings
from bot.errors import FetchError
from bot.models import Article

TTL = 600.0
MAX_ENTRIES = 128
PER_HOST = 3
WAIT = 30.0

Fetcher = Callable[[str, Settings], Article]


def cache_key(url: str) -> str:
    """``url`` as the cache knows it: Slack's <url|label> form undone, scheme and host lower-cased, no
    fragment (the same page), a bare host given a "/" path."""
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1].split("|", 1)[0].replace("&amp;", "&")
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


class CachedFetch:
    """``fetch`` behind a TTL cache (with one flight per link) and a per-host concurrency limit."""

    def __init__(
        self,
        fetch: Fetcher | None = None,
        *,
        ttl: float = TTL,
        max_entries: int = MAX_ENTRIES,
        per_host: int = PER_HOST,
        wait: float = WAIT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self.ttl, self.max_entries, self.per_host, self.wait = ttl, max_entries, per_host, wait
        self._clock = clock
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, str], tuple[float, Article]] = OrderedDict()
        self._flights: dict[tuple[str, str], threading.Lock] = {}
        self._hosts: dict[str, threading.BoundedSemaphore] = {}

    def __call__(self, url: str, settings: Settings) -> Article:
        key = (cache_key(url), settings.fetch_allow or "")
        if (hit := self._get(key)) is not None:
            return hit
        with self._lock:
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:  # a second paste of a link being fetched waits here, then finds it cached
            if (hit := self._get(key)) is not None:
                return hit
            try:
                article = self._limited(url, settings)
            finally:
                with self._lock:
                    self._flights.pop(key, None)
            with self._lock:
                self._cache[key] = (self._clock(), article)
                self._cache.move_to_end(key)
                while len(self._cache) > self.max_entries:
                    self._cache.popitem(last=False)
            return copy.deepcopy(article)

    def _get(self, key: tuple[str, str]) -> Article | None:
        with self._lock:
            entry = self._cache.get(key)
            if entry is None:
                return None
            if self._clock() - entry[0] > self.ttl:
                del self._cache[key]
                return None
            self._cache.move_to_end(key)
            return copy.deepcopy(entry[1])

    def _limited(self, url: str, settings: Settings) -> Article:
        host = urlsplit(cache_key(url)).hostname or ""
        with self._lock:
            turn = self._hosts.setdefault(host, threading.BoundedSemaphore(self.per_host))
        if not turn.acquire(timeout=self.wait):
            raise FetchError(
                f"Too many links to {host} are being read at once; try this one again in a minute."
            )
        try:
            fetch = self._fetch
            if fetch is None:
                from bot.reader.fetch import fetch_article

                fetch = fetch_article
            return fetch(url, settings)
        finally:
            turn.release()

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()


shared_fetch = CachedFetch()
