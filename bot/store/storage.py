"""Storage: a thin, intention-named wrapper over one SQLite file through sqlite-utils.

One digest is written in one ``BEGIN IMMEDIATE`` transaction, so several worker threads and processes can
share the file (WAL mode, a busy timeout, one connection per thread). Reads for ``/recall`` live in
``bot.store.recall``. Keys for names, links and texts are ``bot.store.keys``; matching people across
articles is ``bot.store.people_match``. Reading back (a stored digest, the earlier sightings a reply names,
the privacy rule ``visible_sql``, the export) is ``bot.store.readback``; forgetting and retention
``bot.store.retention``; the job queue and the de-duplication ledger keep their tables through
``bot.jobs.queue``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from bot.errors import StorageError
from bot.errors import storage_errors as _storage_errors  # the one mapping of SQLite errors
from bot.models import Extraction, Question, SaveResult, Sighting
from bot.store import readback, retention
from bot.store.keys import normalise_url, text_hash
from bot.store.migrations import migrations
from bot.store.people_match import link_person

log = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 5.0
# Memory per connection (one per thread): mapped pages count as resident memory, so both stay modest.
# Measured at 100,000 articles: recall p95 11 ms with 1 GB mapped (574 MB resident), 15 ms without.
MMAP_BYTES = 128 << 20
CACHE_KIB = 8_000


def article_date(published: str | None, seen_at: float) -> str:
    """The date an article is filed under: its published date when it has one, else the day first seen."""
    if published and re.match(r"^\d{4}-\d{2}-\d{2}", published.strip()):
        return published.strip()[:10]
    return datetime.fromtimestamp(seen_at, UTC).strftime("%Y-%m-%d")


def _owner_only(path: Path) -> None:
    """Create the database file readable and writable by its owner only (SQLite gives its -wal and -shm
    files the database file's mode); an existing file that others may read is left as it is, with a warning.
    """
    if str(path) in ("", ":memory:") or str(path).startswith("file:"):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            log.warning(
                "the database %s may be read by other users (mode %o): `chmod 600` it and its -wal and "
                "-shm files unless that is intended",
                path,
                mode,
            )
        return
    os.close(fd)


def _surrogate_safe(value: str) -> str:
    return value.encode("utf-8", "replace").decode("utf-8")


class Store:
    """Legwork's database. One ``Store`` per process; each thread gets its own connection.

    ``retention_days`` > 0 prunes older material when the store opens and about once a day after.
    """

    def __init__(
        self, path: str | Path = "./legwork.db", *, memory: bool = False, retention_days: int = 0
    ) -> None:
        self.path = str(path)
        self.memory = memory
        self.retention_days = retention_days
        self._local = threading.local()
        self._memory_db: Database | None = None
        self._lock = threading.RLock() if memory else None
        self._last_prune = 0.0
        try:
            if not memory:
                _owner_only(Path(self.path))
            self.migrate()
            if retention_days > 0:
                self.prune(retention_days)
        except (sqlite3.Error, OSError) as exc:
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
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False, isolation_level=None
            )
            db = Database(conn)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            # reads go straight to the OS page cache, and a larger page cache keeps the search indexes warm
            db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self._local.db = db
        return db

    def migrate(self) -> None:
        """Apply pending migrations (run at start-up; a no-op when the schema is current)."""
        with (
            self._write() as db
        ):  # BEGIN IMMEDIATE: two processes starting at once migrate one after the other
            migrations.apply(db)

    def close(self) -> None:
        """Close this thread's connection."""
        db = self._memory_db if self.memory else getattr(self._local, "db", None)
        if db is not None:
            db.conn.close()
        self._memory_db = None
        self._local.db = None

    def transaction(self) -> AbstractContextManager[Database]:
        """One write transaction (BEGIN IMMEDIATE), for modules with tables of their own
        (``bot.jobs.queue``)."""
        return self._write()

    @contextmanager
    def _write(self) -> Iterator[Database]:
        """One write transaction, taken with BEGIN IMMEDIATE so that writers queue on the busy timeout."""
        with self._lock or nullcontext():
            db = self.db
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if db.conn.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # -- digests --------------------------------------------------------------------------------

    def save_digest(self, ex: Extraction, sighting: Sighting | None = None) -> SaveResult:
        """Store one digest and where it was seen, in one transaction.

        The same article twice (same URL, or the same text pasted again) is stored once: the second time
        only a sighting is added, ``new`` is False and ``earlier`` lists the earlier sightings visible
        from this channel, oldest first. ``earlier_digests`` maps each named official of the digest to
        the number of other stored articles, visible from this channel, that quote them (zeros left out).
        """
        sighting = sighting or Sighting()
        now = time.time()
        seen_at = sighting.seen_at or now
        keys = [f"text:{text_hash(ex.text)}"]
        url_key = normalise_url(ex.url)
        if url_key:
            keys.insert(0, f"url:{url_key}")
        team = sighting.team or ""
        try:
            with self._write() as db:
                found = db.execute(
                    f"SELECT article_id FROM article_keys WHERE key IN ({', '.join('?' * len(keys))}) ORDER "
                    "BY key LIKE 'url:%' DESC LIMIT 1",
                    keys,
                ).fetchone()
                people: dict[str, int | None] = {}
                if found:
                    article_id = found[0]
                    self._touch_article(db, article_id, ex, seen_at)
                    question_ids = self._match_questions(db, article_id, ex.questions)
                    for name, pid in db.execute(
                        "SELECT name, person_id FROM officials WHERE article_id = ?", [article_id]
                    ).fetchall():
                        people[name] = pid
                else:
                    article_id = self._insert_article(db, ex, seen_at)
                    question_ids = self._insert_extracted(db, article_id, ex, people, seen_at)
                db.execute(
                    "INSERT OR IGNORE INTO article_keys (key, article_id) VALUES "
                    + ", ".join(["(?, ?)"] * len(keys)),
                    [v for k in keys for v in (k, article_id)],
                )
                earlier = readback.earlier_sightings(db, article_id, sighting) if found else []
                # The same message is one sighting (a unique index); a sighting with no message (a slash
                # command) is the same one when it has the same time: a job redone after a crash.
                db.execute(
                    "INSERT OR IGNORE INTO sightings (article_id, team, channel, channel_private, "
                    "message_ts, thread_ts, user, permalink, seen_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? "
                    "WHERE NOT EXISTS (SELECT 1 FROM sightings WHERE article_id = ? AND team = ? AND "
                    "channel = ? AND message_ts IS NULL AND seen_at = ? AND ? IS NULL)",
                    [
                        article_id,
                        team,
                        sighting.channel or "",
                        int(bool(sighting.channel_private)),
                        sighting.message_ts,
                        sighting.thread_ts,
                        sighting.user,
                        sighting.permalink,
                        seen_at,
                        article_id,
                        team,
                        sighting.channel or "",
                        seen_at,
                        sighting.message_ts,
                    ],
                )
                counts = readback.earlier_digests(db, article_id, ex.officials, people, team, sighting)
        except (sqlite3.Error, UnicodeError) as exc:
            raise StorageError(f"could not store the digest: {exc}") from None
        self._maybe_prune()
        return SaveResult(
            article_id=article_id,
            new=not found,
            earlier=earlier,
            question_ids=question_ids,
            earlier_digests=counts,
        )

    def _insert_article(self, db: Database, ex: Extraction, seen_at: float) -> int:
        cur = db.execute(
            "INSERT INTO articles (url, title, byline, published, site, date, text, text_hash, notes, "
            "created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ex.url,
                ex.title,
                ex.byline,
                ex.published,
                ex.site,
                article_date(ex.published, seen_at),
                _surrogate_safe(ex.text),
                text_hash(ex.text),
                json.dumps(ex.notes, ensure_ascii=False),
                time.time(),
                seen_at,
            ],
        )
        return int(cur.lastrowid)  # type: ignore[arg-type]

    def _touch_article(self, db: Database, article_id: int, ex: Extraction, seen_at: float) -> None:
        """A repeat sighting: note when, and fill in what the first copy lacked (a paste, later linked)."""
        db.execute(
            "UPDATE articles SET last_seen_at = max(last_seen_at, ?), url = coalesce(url, ?), title = "
            "coalesce(title, ?), byline = coalesce(byline, ?), site = coalesce(site, ?), published = "
            "coalesce(published, ?) WHERE id = ?",
            [seen_at, ex.url, ex.title, ex.byline, ex.site, ex.published, article_id],
        )

    def _insert_extracted(
        self, db: Database, article_id: int, ex: Extraction, people: dict[str, int | None], now: float
    ) -> list[int]:
        """Insert the article's quotes, officials, sources and questions; return the question ids."""
        for name in [q.speaker for q in ex.quotes if q.speaker_kind == "person" and q.speaker] + [
            o.name for o in ex.officials
        ]:
            if name not in people:
                people[name] = link_person(db, name, now)
        conn = db.conn
        conn.executemany(
            "INSERT INTO quotes (article_id, person_id, position, text, kind, speaker, speaker_title, "
            "speaker_kind, speaker_text, sentence, cue, rule, inherited, is_key, score, char_start, "
            "char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    article_id,
                    people.get(q.speaker) if q.speaker_kind == "person" and q.speaker else None,
                    i,
                    q.text,
                    q.kind,
                    q.speaker,
                    q.speaker_title,
                    q.speaker_kind,
                    q.speaker_text,
                    q.sentence,
                    q.cue,
                    q.rule,
                    int(q.inherited),
                    int(q.key),
                    q.score,
                    q.start,
                    q.end,
                ]
                for i, q in enumerate(ex.quotes)
            ],
        )
        conn.executemany(
            "INSERT INTO officials (article_id, person_id, position, name, title, organization, mentions, "
            "evidence, char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    article_id,
                    people.get(o.name),
                    i,
                    o.name,
                    o.title or "",
                    o.organization or "",
                    o.mentions,
                    o.evidence,
                    o.start,
                    o.end,
                ]
                for i, o in enumerate(ex.officials)
            ],
        )
        conn.executemany(
            "INSERT INTO anonymous_sources (article_id, position, description, kind, reason, reason_given, "
            "evidence, char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    article_id,
                    i,
                    s.description,
                    s.kind,
                    s.reason,
                    int(s.reason_given),
                    s.evidence,
                    s.start,
                    s.end,
                ]
                for i, s in enumerate(ex.anonymous_sources)
            ],
        )
        return [self._insert_question(db, article_id, i, qn) for i, qn in enumerate(ex.questions)]

    def _insert_question(self, db: Database, article_id: int, position: int, qn: Question) -> int:
        cur = db.execute(
            "INSERT INTO questions (article_id, position, question, category, evidence, priority, "
            "char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [article_id, position, qn.question, qn.category, qn.evidence, qn.priority, qn.start, qn.end],
        )
        return int(cur.lastrowid)  # type: ignore[arg-type]

    def _match_questions(self, db: Database, article_id: int, questions: list[Question]) -> list[int]:
        """Ids of a repeat digest's questions: the stored ones (keeping their status), new ones added."""
        stored = {
            (row[1], row[2]): row[0]
            for row in db.execute(
                "SELECT id, question, evidence FROM questions WHERE article_id = ? ORDER BY position DESC",
                [article_id],
            ).fetchall()
        }
        position = db.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM questions WHERE article_id = ?", [article_id]
        ).fetchone()[0]
        ids = []
        for qn in questions:
            qid = stored.get((qn.question, qn.evidence))
            if qid is None:
                qid = self._insert_question(db, article_id, position, qn)
                position += 1
            ids.append(qid)
        return ids

    # -- reading back (bot.store.readback) --------------------------------------------------------

    @_storage_errors
    def recent_article_for_url(self, url: str, max_age_hours: float = 24) -> Extraction | None:
        """The stored Extraction for a link digested less than ``max_age_hours`` ago, else None."""
        return readback.recent_article_for_url(self.db, url, max_age_hours)

    @_storage_errors
    def extraction(self, article_id: int) -> Extraction | None:
        """Rebuild the Extraction stored for an article."""
        return readback.extraction(self.db, article_id)

    @_storage_errors
    def first_sighting(self, article_id: int, team: str, channel: str) -> Sighting | None:
        """The first time an article was digested in this channel, or None."""
        return readback.first_sighting(self.db, article_id, team, channel)

    @_storage_errors
    def place_sighting(self, sighting: Sighting, message_ts: str, permalink: str | None) -> None:
        """Give the sightings recorded for a request without a message (a ``/legwork`` digest, known by its
        channel and time) the one-line parent its digest was posted under."""
        with self._write() as db:
            db.execute(
                "UPDATE sightings SET message_ts = ?, thread_ts = ?, permalink = ? WHERE team = ? AND "
                "channel = ? AND seen_at = ? AND message_ts IS NULL",
                [message_ts, message_ts, permalink, sighting.team or "", sighting.channel or "",
                 sighting.seen_at],
            )  # fmt: skip

    def export_articles(self) -> Iterator[dict[str, Any]]:
        """Every stored article as a dict: the ``extract --json`` shape plus id, date and sightings."""
        return readback.export_articles(self.db)

    @_storage_errors
    def export_table(self, table: str) -> tuple[list[str], Iterator[tuple]]:
        """Column names and rows of one table, for CSV, safe to open in a spreadsheet."""
        return readback.export_table(self.db, table)

    @_storage_errors
    def remember_channel(self, team: str, channel: str, name: str, private: bool = False) -> None:
        """Record a channel's name, so that ``in:#name`` in a recall finds its id."""
        with self._write() as db:
            self._remember_channel(db, team, channel, name, private)

    def _remember_channel(self, db: Database, team: str, channel: str, name: str, private: bool) -> None:
        db.execute(
            "INSERT INTO channels (team, id, name, private) VALUES (?, ?, ?, ?) ON CONFLICT (team, id) DO "
            "UPDATE SET name = excluded.name, private = excluded.private",
            [team, channel, name.lstrip("#").lower(), int(private)],
        )

    # -- removal: corrections, takedowns and retention (bot.store.retention) -----------------------

    @_storage_errors
    def forget(self, target: str) -> int:
        """Remove an article (by URL or id) and everything extracted from it; how many articles went."""
        return retention.forget(self, target)

    @_storage_errors
    def prune(self, days: int) -> int:
        """Delete sightings older than ``days`` days and articles no longer seen since; articles removed."""
        removed = retention.prune(self, days)
        self._last_prune = time.time()
        return removed

    def _maybe_prune(self) -> None:
        if self.retention_days > 0 and time.time() - self._last_prune > 86400:
            self.prune(self.retention_days)
