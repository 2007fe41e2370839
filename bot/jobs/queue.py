"""The durable job queue and the de-duplication ledger: every SQL statement on the ``jobs`` and ``requests``
tables, over any store with an SQLite file and write transactions (``bot.store.protocols.SQLStore``).

Every acknowledged Slack request becomes a row in ``jobs`` (its kind and its request as JSON), written in the
same transaction that claims its ledger keys, so a request is either a duplicate or recorded, never half of
each. Workers run jobs by id: ``start`` (status running, one more attempt), ``mark_posted`` after each reply
Slack accepted, ``finish`` (done or failed, with the ledger keys); ``posted`` tells a resumed job which
replies are already out.

Leases let several servers share one database file (a standby host on a shared disk, the old and the new
server during a deploy): every job belongs to the server that recorded or adopted it (``owner``, one id per
process) until ``lease_until``. A living server ``renew``s the leases of all its unfinished jobs every
``LEASE_SECONDS / 3``; ``start`` refuses a job another server's live lease holds; ``adopt`` takes the
unfinished jobs whose lease has run out (their server crashed or was killed) or that have no owner.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from dataclasses import dataclass
from typing import Any

from bot.errors import storage_errors
from bot.store.protocols import SQLStore

# A claim older than this with no result is taken to be from a crashed worker and may be claimed again,
# unless its job is still queued or running (the server resumes those itself after a restart). A digest
# takes seconds, and Slack's last retry comes about 5 minutes after the first delivery.
STALE_CLAIM_SECONDS = 120.0
MAX_STARTS = 3  # a job started this many times without finishing killed the process each time: give up
UNFINISHED = ("queued", "running")
# A job's lease: renewed every third of it while its server lives, so a crashed server's jobs wait at most
# this long (plus one renewal period) before another server, or the restarted one, resumes them.
LEASE_SECONDS = 30.0
OWNER = f"{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:8]}"  # this process, as a job's owner

_CLAIM = (
    "INSERT INTO requests (key, status, claimed_at, attempts, job_id) VALUES (?, 'claimed', ?, 1, ?) "
    "ON CONFLICT(key) DO UPDATE SET status = 'claimed', claimed_at = excluded.claimed_at, "
    "attempts = attempts + 1, finished_at = NULL, job_id = excluded.job_id "
    "WHERE requests.status = 'failed' OR (requests.status = 'claimed' AND requests.claimed_at < ? "
    "AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = requests.job_id "
    "AND j.status IN ('queued', 'running')))"
)


class _Taken(Exception):
    """A key is already claimed: roll the transaction back."""


@dataclass
class Job:
    """One row of ``jobs``."""

    id: int
    kind: str
    payload: dict[str, Any]
    status: str
    created_at: float
    started_at: float | None
    finished_at: float | None
    attempts: int
    posted: int


_COLUMNS = "id, kind, payload, status, created_at, started_at, finished_at, attempts, posted"


def _job(row: tuple[Any, ...]) -> Job:
    return Job(row[0], row[1], json.loads(row[2] or "{}"), *row[3:])


def _claim_key(db: Any, key: str, job_id: int) -> bool:
    """Claim one ledger key for a job inside the caller's transaction; True for the first claim. Keys:
    ``ev:{team}:{event_id}`` (a retried event), ``msg:{team}:{channel}:{ts}`` (one message delivered as two
    events), ``sc:{team}:{channel}:{ts}`` (a shortcut clicked twice), ``cmd:{team}:{trigger_id}``. A key
    whose job failed, or claimed ``STALE_CLAIM_SECONDS`` ago with no job still queued or running, may be
    claimed again, so a retried request is never lost."""
    now = time.time()
    cur = db.execute(_CLAIM, [key, now, job_id, now - STALE_CLAIM_SECONDS])
    return cur.rowcount == 1


@storage_errors
def enqueue(
    store: SQLStore, keys: list[str], kind: str, payload: dict[str, Any], *, owner: str = OWNER
) -> int | None:
    """Claim every key and record a queued job leased to ``owner``, in one transaction: the job's id, or None
    for a duplicate (some key is already claimed; nothing is written)."""
    now = time.time()
    try:
        with store.transaction() as db:
            cur = db.execute(
                "INSERT INTO jobs (kind, payload, status, created_at, owner, lease_until) "
                "VALUES (?, ?, 'queued', ?, ?, ?)",
                [kind, json.dumps(payload, ensure_ascii=False), now, owner, now + LEASE_SECONDS],
            )
            job_id = int(cur.lastrowid)
            for key in keys:
                if not _claim_key(db, key, job_id):
                    raise _Taken(key)
    except _Taken:
        return None
    return job_id


@storage_errors
def failed_before(store: SQLStore, keys: list[str]) -> bool:
    """True when one of these ledger keys was last claimed by a job that started and failed: a request
    Slack retries after a failed run (which left its warning on the message)."""
    if not keys:
        return False
    row = store.db.execute(
        "SELECT 1 FROM requests r JOIN jobs j ON j.id = r.job_id WHERE r.key IN "
        f"({', '.join('?' * len(keys))}) AND r.status = 'failed' AND j.status = 'failed' "
        "AND j.started_at IS NOT NULL LIMIT 1",
        keys,
    ).fetchone()
    return row is not None


@storage_errors
def start(store: SQLStore, job_id: int, *, owner: str = OWNER) -> Job | None:
    """Mark a queued or running job running with one more attempt, leased to ``owner``; the row as it was
    before, or None when the job is unknown, already finished, or leased to another living server."""
    now = time.time()
    with store.transaction() as db:
        row = db.execute(f"SELECT {_COLUMNS}, owner, lease_until FROM jobs WHERE id = ?", [job_id]).fetchone()
        if row is None or row[3] not in UNFINISHED:
            return None
        if row[-2] not in (None, owner) and (row[-1] or 0) > now:
            return None
        db.execute(
            "UPDATE jobs SET status = 'running', started_at = ?, attempts = attempts + 1, owner = ?, "
            "lease_until = ? WHERE id = ?",
            [now, owner, now + LEASE_SECONDS, job_id],
        )
    return _job(row[:-2])


@storage_errors
def renew(store: SQLStore, *, owner: str = OWNER) -> int:
    """Extend the lease of every unfinished job ``owner`` holds; how many."""
    with store.transaction() as db:
        cur = db.execute(
            "UPDATE jobs SET lease_until = ? WHERE owner = ? AND status IN ('queued', 'running')",
            [time.time() + LEASE_SECONDS, owner],
        )
    return cur.rowcount


@storage_errors
def release(store: SQLStore, *, owner: str = OWNER) -> int:
    """Give up the leases ``owner`` still holds (a clean shutdown): another server may adopt them at once."""
    with store.transaction() as db:
        cur = db.execute(
            "UPDATE jobs SET lease_until = 0 WHERE owner = ? AND status IN ('queued', 'running')", [owner]
        )
    return cur.rowcount


@storage_errors
def adopt(store: SQLStore, *, owner: str = OWNER) -> list[Job]:
    """Lease to ``owner`` every unfinished job whose lease has run out or that has no owner (its server
    crashed, was killed, or predates leases), oldest first; those jobs."""
    now = time.time()
    with store.transaction() as db:
        rows = db.execute(
            f"SELECT {_COLUMNS} FROM jobs WHERE status IN ('queued', 'running') "
            "AND (owner IS NULL OR (owner != ? AND COALESCE(lease_until, 0) <= ?)) ORDER BY id",
            [owner, now],
        ).fetchall()
        until = now + LEASE_SECONDS
        for row in rows:
            db.execute("UPDATE jobs SET owner = ?, lease_until = ? WHERE id = ?", [owner, until, row[0]])
    return [_job(r) for r in rows]


@storage_errors
def mark_posted(store: SQLStore, job_id: int, posted: int) -> None:
    """Record that the job's first ``posted`` replies are out (never lowers the count)."""
    with store.transaction() as db:
        db.execute("UPDATE jobs SET posted = MAX(posted, ?) WHERE id = ?", [posted, job_id])


@storage_errors
def finish(store: SQLStore, job_id: int, keys: list[str], *, ok: bool, retry: bool = True) -> None:
    """Close a job (done or failed) and its ledger keys in one transaction; a failed key may be claimed
    again by Slack's retry, unless ``retry`` is False (the key is closed as done). The request text is
    dropped from the row: the queue keeps no article."""
    status, now = ("done" if ok else "failed"), time.time()
    key_status = "done" if ok or not retry else "failed"
    with store.transaction() as db:
        db.execute(
            "UPDATE jobs SET status = ?, finished_at = ?, payload = '{}', lease_until = NULL WHERE id = ?",
            [status, now, job_id],
        )
        for key in keys:
            db.execute(
                "UPDATE requests SET status = ?, finished_at = ? WHERE key = ?", [key_status, now, key]
            )


@storage_errors
def get(store: SQLStore, job_id: int) -> Job | None:
    """One job, or None."""
    row = store.db.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", [job_id]).fetchone()
    return _job(row) if row else None


@storage_errors
def unfinished(store: SQLStore) -> list[Job]:
    """Every queued or running job, oldest first, whoever holds it."""
    rows = store.db.execute(
        f"SELECT {_COLUMNS} FROM jobs WHERE status IN ('queued', 'running') ORDER BY id"
    ).fetchall()
    return [_job(r) for r in rows]


def prune(db: Any, cutoff: float) -> None:
    """Inside the caller's transaction: forget finished jobs and ledger keys older than ``cutoff``."""
    db.execute("DELETE FROM requests WHERE claimed_at < ? AND status != 'claimed'", [cutoff])
    db.execute("DELETE FROM jobs WHERE created_at < ? AND status IN ('done', 'failed')", [cutoff])
