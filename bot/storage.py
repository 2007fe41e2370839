"""Storage: a thin, intention-named wrapper over one SQLite file through sqlite-utils."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from sqlite_utils import Database

from bot.errors import StorageError
from bot.migrations import migrations

# A claim older than this with no result is taken to be from a crashed worker and may be claimed again.
STALE_CLAIM_SECONDS = 600.0


class Store:
    """Legwork's database. One ``Store`` per process; each thread gets its own connection."""

    def __init__(self, path: str | Path = "./legwork.db", *, memory: bool = False) -> None:
        self.path = str(path)
        self.memory = memory
        self._local = threading.local()
        self._memory_db: Database | None = None
        try:
            self.migrate()
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open the database at {self.path}: {exc}") from None

    @property
    def db(self) -> Database:
        """This thread's connection (WAL mode, foreign keys on, 5 s busy timeout)."""
        if self.memory:
            if self._memory_db is None:
                conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
                self._memory_db = Database(conn)
                self._memory_db.execute("PRAGMA foreign_keys = ON")
            return self._memory_db
        db = getattr(self._local, "db", None)
        if db is None:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=5.0, check_same_thread=False, isolation_level=None)
            db = Database(conn)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = NORMAL")
            self._local.db = db
        return db

    def migrate(self) -> None:
        """Apply pending migrations (run at start-up; a no-op when the schema is current)."""
        migrations.apply(self.db)

    def close(self) -> None:
        """Close this thread's connection."""
        db = self._memory_db if self.memory else getattr(self._local, "db", None)
        if db is not None:
            db.conn.close()
        self._memory_db = None
        self._local.db = None

    # -- the de-duplication ledger -------------------------------------------------------------

    def claim(self, key: str) -> bool:
        """Claim a delivery by key. True for the first claim (do the work), False for a duplicate.

        A claim whose work failed, or that was left unfinished for ``STALE_CLAIM_SECONDS`` (a crashed
        worker), may be claimed again, so a retried request is never lost.
        """
        now = time.time()
        db = self.db
        with db.conn:
            cur = db.execute(
                "INSERT INTO requests (key, status, claimed_at, attempts) VALUES (?, 'claimed', ?, 1) "
                "ON CONFLICT(key) DO UPDATE SET status = 'claimed', claimed_at = excluded.claimed_at, "
                "attempts = attempts + 1, finished_at = NULL "
                "WHERE requests.status = 'failed' OR (requests.status = 'claimed' AND requests.claimed_at < ?)",
                [key, now, now - STALE_CLAIM_SECONDS],
            )
            return cur.rowcount == 1

    def finish(self, key: str, *, ok: bool = True) -> None:
        """Record the outcome of a claimed delivery; a failed one may be claimed again by a retry."""
        self.db.execute(
            "UPDATE requests SET status = ?, finished_at = ? WHERE key = ?",
            ["done" if ok else "failed", time.time(), key],
        )
