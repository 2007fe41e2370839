"""Exactly-once work: claim every key of a delivery in the ledger before doing anything.

Keys: ``ev:{team}:{event_id}`` (a retried event), ``msg:{team}:{channel}:{ts}`` (one message delivered as
two events), ``sc:{team}:{channel}:{ts}`` (a shortcut clicked twice), ``cmd:{team}:{trigger_id}``.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def claim_all(store: Any, keys: list[str], *, retry_num: str | None = None) -> bool:
    """Claim ``keys`` in order; False (nothing left claimed by us) when any is already taken."""
    claimed: list[str] = []
    for key in keys:
        if store.claim(key):
            claimed.append(key)
            continue
        log.info("duplicate delivery %s (retry %s): already handled or in progress", key, retry_num or 0)
        for done in claimed:  # this delivery is a duplicate of work already under way
            store.finish(done, ok=True)
        return False
    return True


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
