"""Removing material: one article on request (a correction or a takedown, ``python -m bot forget``) and
everything not seen for ``LEGWORK_RETENTION_DAYS`` (``prune``), with what was extracted from it, the finished
jobs and ledger keys of that age (``bot.jobs.queue.prune``), and the people no article quotes any more
(``bot.store.people_match.rebuild_person``). ``Store`` exposes these as methods.
"""

from __future__ import annotations

import logging
import re
import time

from bot.jobs import queue
from bot.store.keys import normalise_url
from bot.store.people_match import rebuild_person
from bot.store.protocols import SQLStore

log = logging.getLogger(__name__)


def forget(store: SQLStore, target: str) -> int:
    """Remove an article (by URL or id) and everything extracted from it; how many articles went."""
    target = str(target).strip()
    db = store.db
    ids: list[int] = []
    if re.fullmatch(r"[0-9]{1,18}", target):  # an id: ASCII digits only ("١" is not article 1)
        ids = [r[0] for r in db.execute("SELECT id FROM articles WHERE id = ?", [int(target)]).fetchall()]
    if not ids and normalise_url(target):
        ids = [
            r[0]
            for r in db.execute(
                "SELECT DISTINCT article_id FROM article_keys WHERE key = ? UNION SELECT id FROM "
                "articles WHERE url = ?",
                [f"url:{normalise_url(target)}", target],
            ).fetchall()
        ]
    return delete_articles(store, ids)


def prune(store: SQLStore, days: int) -> int:
    """Delete sightings older than ``days`` days and articles no longer seen since; articles removed."""
    if days <= 0:
        return 0
    cutoff = time.time() - days * 86400
    with store.transaction() as db:
        db.execute("DELETE FROM sightings WHERE seen_at < ?", [cutoff])
        queue.prune(db, cutoff)
        ids = [
            r[0]
            for r in db.execute(
                "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sightings s WHERE "
                "s.article_id = a.id)"
            ).fetchall()
        ]
    removed = delete_articles(store, ids)
    if removed:
        log.info("retention: removed %d articles not seen for %d days", removed, days)
    return removed


def delete_articles(store: SQLStore, ids: list[int]) -> int:
    """Delete these articles (their quotes, officials, sources, questions and sightings go with them) and
    rebuild the people they quoted; how many."""
    if not ids:
        return 0
    with store.transaction() as db:
        affected: set[int] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            affected.update(
                r[0]
                for r in db.execute(
                    f"SELECT person_id FROM quotes WHERE article_id IN ({marks}) AND person_id IS NOT "
                    f"NULL UNION SELECT person_id FROM officials WHERE article_id IN ({marks}) AND "
                    "person_id IS NOT NULL",
                    chunk + chunk,
                ).fetchall()
            )
            db.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
        for pid in sorted(affected):
            rebuild_person(db, pid)
    return len(ids)
