"""A bounded pool for slow work (fetch, extract, store, reply), apart from Bolt's listener pool.

Listeners only validate, record the job (``bot.jobs.queue``) and submit, so acknowledgements never wait for a
worker. When every worker is busy and ``queue_size`` jobs are already waiting, ``try_submit`` says no and the
caller answers "busy". This pool lives in memory; the database's ``jobs`` table is what survives a crash.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)


class JobRunner:
    """``workers`` threads and at most ``queue_size`` waiting jobs; a job's exception is logged."""

    def __init__(self, workers: int = 2, queue_size: int = 100) -> None:
        self.workers = workers
        self.queue_size = queue_size
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="legwork-job")
        self._slots = threading.BoundedSemaphore(workers + queue_size)
        self._lock = threading.Lock()
        self._pending = 0
        self._closed = False

    @property
    def pending(self) -> int:
        """Jobs running or waiting."""
        return self._pending

    @property
    def closed(self) -> bool:
        """True once ``shutdown`` was called: no more jobs are taken."""
        return self._closed

    def try_submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Run ``fn(*args, **kwargs)`` on a worker; False when the runner is full or closed."""
        if self._closed or not self._slots.acquire(blocking=False):
            return False
        with self._lock:
            self._pending += 1
        try:
            future = self._pool.submit(self._run, fn, *args, **kwargs)
        except RuntimeError:  # shut down meanwhile
            self._release(None)
            return False
        future.add_done_callback(self._release)
        return True

    def _release(self, _future: Future[Any] | None) -> None:
        with self._lock:
            self._pending -= 1
        self._slots.release()

    @staticmethod
    def _run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except Exception:  # a worker must survive any job
            log.exception("background job %s failed", getattr(fn, "__name__", fn))

    def shutdown(self, *, wait: bool = True, cancel: bool = False) -> None:
        """Refuse new jobs; finish the queued ones (or drop them with ``cancel``), waiting if asked."""
        self._closed = True
        self._pool.shutdown(wait=wait, cancel_futures=cancel)
