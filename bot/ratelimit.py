"""A per-user limit on digests: at most ``per_minute`` in any sliding 60-second window.

Listeners call ``check(user_id)`` before submitting a digest: ``None`` means go ahead (and the request is
counted); a number is how many seconds until that user may ask again, for
``bot.render.messages.limited_text``. The limiter keeps at most ``per_minute`` timestamps per user and
forgets users who have been quiet for a window, with a hard cap on how many users it remembers, so memory
stays bounded however many people use the bot.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

WINDOW_SECONDS = 60.0
MAX_KEYS = 10_000


class RateLimiter:
    """Sliding-window limiter, safe to share between threads; ``per_minute`` 0 allows everything."""

    def __init__(
        self,
        per_minute: int,
        *,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_KEYS,
    ) -> None:
        if per_minute < 0:
            raise ValueError(f"per_minute must be 0 or more, got {per_minute}")
        self.per_minute = per_minute
        self.window = window
        self.max_keys = max_keys
        self._clock = clock
        self._lock = threading.Lock()
        # key -> timestamps of its counted requests, oldest first; the dict is ordered by last use.
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self.per_minute > 0

    def __len__(self) -> int:
        """How many keys the limiter currently remembers."""
        return len(self._hits)

    def check(self, key: str) -> float | None:
        """Count a request for ``key`` and return None, or return the seconds until it would be allowed."""
        if not self.enabled:
            return None
        with self._lock:
            now = self._clock()
            cutoff = now - self.window
            self._forget_idle(cutoff)
            hits = self._hits.get(key)
            if hits is None:
                hits = self._hits[key] = deque()
            else:
                self._hits.move_to_end(key)
                while hits and hits[0] <= cutoff:
                    hits.popleft()
            if len(hits) < self.per_minute:
                hits.append(now)
                while len(self._hits) > self.max_keys:
                    self._hits.popitem(last=False)
                return None
            return max(hits[0] - cutoff, 0.001)

    def _forget_idle(self, cutoff: float) -> None:
        """Drop least-recently-used keys whose every request has left the window (caller holds the lock)."""
        while self._hits:
            key, hits = next(iter(self._hits.items()))
            if hits and hits[-1] > cutoff:
                return
            del self._hits[key]
