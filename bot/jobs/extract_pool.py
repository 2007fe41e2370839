"""spaCy extraction in worker processes, so that parsing runs on every core and off the server's GIL.

``ExtractPool`` owns a ``ProcessPoolExecutor`` started with "spawn" (never fork: the server has threads and
SQLite connections). Each worker loads the pipeline once, at start-up, and warms it on a short text; ``start``
returns at once and ``wait_ready`` blocks until every worker is ready, so the server can do its other
start-up work meanwhile. ``extract`` sends the text to a worker and returns the ``Extraction``. A
``BotError`` raised in a worker (``InputError``: "too short", …) comes back as itself. A worker that dies
does not take the server down: the pool is rebuilt and the job that was running fails with
``ExtractorCrashed``. A text still being parsed after ``time_limit`` seconds is stopped inside its worker
(a timer signal) and fails with a clear ``InputError``: no input can hold a worker for ever. No Slack here.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from bot.errors import ConfigError, InputError
from bot.models import Extraction

log = logging.getLogger(__name__)
MAX_PROCESSES = 4
READY_TIMEOUT = 120.0  # seconds for every worker to load the pipeline
# Seconds one text may take in a worker: the longest article Legwork takes (100,000 characters, in
# paragraphs or in one) needs 4.5-6 s on a busy 2-core machine; runs of punctuation, which once took
# minutes, are cut before parsing (``bot.extract.text.collapse_runs``). Four times that leaves room.
TIME_LIMIT = 20.0
TOO_SLOW = "That text took too long to digest (over {limit:.0f} seconds): try a shorter part of it."
WARM_TEXT = (
    "The city council, led by Mayor Ana Lopez, said on Monday that the new bridge would open in May. "
    '"We are on schedule," Lopez told reporters.'
)

_NLP: Any = None  # the worker's pipeline, loaded by ``_init``


class ExtractorCrashed(RuntimeError):
    """A worker process died while extracting this text; the pool has been rebuilt."""


def default_processes() -> int:
    """One worker per core, at most ``MAX_PROCESSES``."""
    return max(1, min(os.cpu_count() or 1, MAX_PROCESSES))


# Parsing yields the CPU to the server process, whose HTTP threads must acknowledge Slack in time.
WORKER_NICENESS = 5


# -- in the worker ---------------------------------------------------------------------------------


def _init(model: str, ready: Any, parent: int) -> None:
    """Worker start-up: load and warm the pipeline once; tell the parent (pid, or the error's message)."""
    global _NLP
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    os.nice(WORKER_NICENESS)  # acknowledging Slack within its budget comes before parsing
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    try:
        from bot.extract import build_nlp, extract

        _NLP = build_nlp(model)
        extract(WARM_TEXT, _NLP)
    except BaseException as exc:
        from bot.errors import ConfigError as _ConfigError

        kind = "config" if isinstance(exc, _ConfigError) else "error"
        ready.put((kind, str(exc) or type(exc).__name__))
        raise
    ready.put(("ready", os.getpid()))


def _exit_with_parent(parent: int) -> None:
    """A worker left behind by a parent killed outright exits instead of waiting forever."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


class _TooSlow(Exception):
    """The timer went off: raised inside the extraction, wherever it is."""


def _stop(_signum: int, _frame: Any) -> None:
    raise _TooSlow


def _extract(text: str, max_chars: int, time_limit: float) -> Extraction:
    """Extract on this worker's pipeline, for at most ``time_limit`` seconds (the task runs on the worker's
    main thread, where Python delivers signals)."""
    from bot.extract import extract

    signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, time_limit)
    try:
        return extract(text, _NLP, max_chars=max_chars)
    except _TooSlow:
        raise InputError(TOO_SLOW.format(limit=time_limit)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _pid() -> int:
    return os.getpid()


# -- in the server ---------------------------------------------------------------------------------


class ExtractPool:
    """``processes`` workers running ``bot.extract.extract`` with the pipeline ``model``."""

    def __init__(self, model: str, processes: int | None = None, *, time_limit: float = TIME_LIMIT) -> None:
        self.model = model
        self.processes = processes or default_processes()
        self.time_limit = time_limit  # seconds one text may take in a worker
        self._ctx = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._ready: Any = None
        self._closed = False

    def start(self) -> ExtractPool:
        """Launch the workers (they load the pipeline in the background); returns at once."""
        with self._lock:
            if self._executor is None and not self._closed:
                self._launch()
        return self

    def _launch(self) -> None:
        self._ready = self._ctx.Queue()
        self._executor = ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=self._ctx,
            initializer=_init,
            initargs=(self.model, self._ready, os.getpid()),
        )
        for _ in range(self.processes):  # the executor spawns one worker per submission until it is full
            self._executor.submit(_pid)

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        """Block until every worker has loaded and warmed the pipeline; a failure there is a ConfigError."""
        if self._executor is None:
            self.start()
        deadline = time.monotonic() + timeout
        ready = 0
        while ready < self.processes:
            kind, value = self._get(deadline, timeout)
            if kind == "config":  # names its variable already (LEGWORK_SPACY_MODEL)
                self.abort()
                raise ConfigError(str(value))
            if kind == "error":
                self.abort()
                raise ConfigError(f"LEGWORK_PROCESSES: a worker could not load the pipeline ({value})")
            ready += 1
        log.info("%d extraction worker processes ready", self.processes)

    def _get(self, deadline: float, timeout: float) -> tuple[str, Any]:
        while True:
            try:
                return self._ready.get(timeout=0.05)  # type: ignore[no-any-return]
            except queue.Empty:
                pass
            if time.monotonic() > deadline:
                self.abort()
                raise ConfigError(
                    f"LEGWORK_PROCESSES: the extraction workers were not ready within {timeout:.0f} s"
                )
            executor = self._executor
            if executor is None or getattr(executor, "_broken", False):
                self.abort()
                raise ConfigError("LEGWORK_PROCESSES: an extraction worker exited while starting")

    def extract(self, text: str, max_chars: int) -> Extraction:
        """Extract ``text`` in a worker: its ``BotError`` is raised as is, ``ExtractorCrashed`` if it dies."""
        executor, future = self._submit(text, max_chars)
        try:
            return future.result()  # type: ignore[no-any-return]
        except BrokenProcessPool:
            self._rebuild(executor)
            raise ExtractorCrashed(
                "an extraction worker process died while digesting this article; it has been restarted"
            ) from None

    def _submit(self, text: str, max_chars: int) -> tuple[ProcessPoolExecutor, Any]:
        for _attempt in range(3):
            executor = self._executor
            if executor is None or self._closed:
                raise RuntimeError("the extraction pool is not running")
            try:
                return executor, executor.submit(_extract, text, max_chars, self.time_limit)
            except BrokenProcessPool:  # broken by another job: nothing of ours was lost, rebuild and retry
                self._rebuild(executor)
            except RuntimeError:  # the old pool, shut down by a rebuild in another thread: retry
                if self._closed:
                    raise
        raise RuntimeError("the extraction pool could not take the job")

    def _rebuild(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._closed or self._executor is not broken:  # closed, or rebuilt by another thread already
                return
            log.error("an extraction worker process died; starting a new pool of %d", self.processes)
            old = self._executor
            self._launch()  # the new workers load the pipeline; queued jobs wait for them
        if old is not None:
            old.shutdown(wait=False, cancel_futures=True)

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop the workers (after the jobs they are running, with ``wait``)."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=wait, cancel_futures=True)

    def abort(self) -> None:
        """Stop at once: start-up failed, the workers (perhaps still starting) are terminated."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is None:
            return
        for proc in list((getattr(executor, "_processes", None) or {}).values()):
            proc.terminate()
        executor.shutdown(wait=True, cancel_futures=True)

    def pids(self) -> list[int]:
        """The worker processes' ids (for tests and measurements)."""
        executor = self._executor
        return sorted(getattr(executor, "_processes", {}) or {}) if executor is not None else []
