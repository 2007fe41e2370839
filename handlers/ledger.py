"""Exactly-once work: claim every key of a delivery in the ledger before doing anything.

Keys: ``ev:{team}:{event_id}`` (a retried event), ``msg:{team}:{channel}:{ts}`` (one message delivered as
two events), ``sc:{team}:{channel}:{ts}`` (a shortcut clicked twice), ``cmd:{team}:{trigger_id}``.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.errors import StorageError

log = logging.getLogger(__name__)


def claim_all(store: Any, keys: list[str], *, retry_num: str | None = None, attempts: int = 3) -> bool:
    """Claim ``keys`` in order; False (nothing left claimed by us) when any is already taken.

    A database held by another writer (a CLI prune, a backup) is waited for, ``attempts`` times the store's
    busy timeout, since an event is already acknowledged: giving up would lose the mention.
    """
    claimed: list[str] = []
    for key in keys:
        if _claim(store, key, attempts):
            claimed.append(key)
            continue
        log.info("duplicate delivery %s (retry %s): already handled or in progress", key, retry_num or 0)
        for done in claimed:  # this delivery is a duplicate of work already under way
            store.finish(done, ok=True)
        return False
    return True


def _claim(store: Any, key: str, attempts: int) -> bool:
    for attempt in range(1, attempts + 1):
        try:
            return bool(store.claim(key))
        except StorageError:
            if attempt == attempts:
                raise
            log.warning("database busy while claiming %s (attempt %d of %d)", key, attempt, attempts)
    return False


def finish_all(store: Any, keys: list[str], *, ok: bool) -> None:
    """Record the outcome for every key; a failed one may be claimed again by a retry."""
    for key in keys:
        try:
            store.finish(key, ok=ok)
        except Exception:  # the reply is out; a ledger write failure must not hide it
            log.exception("could not record the outcome of %s", key)


def retry_num(request: Any) -> str | None:
    """Slack's X-Slack-Retry-Num (also set for Socket Mode redeliveries), if any."""
    values = (getattr(request, "headers", None) or {}).get("x-slack-retry-num") or []
    return values[0] if values else None
