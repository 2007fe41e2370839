"""Exactly-once work: every key of a delivery is claimed in the ledger before anything is done.

The claim is made by ``handlers.job_queue.record`` (``bot.jobs.queue.enqueue``), in the transaction that records
the request as a job, so a delivery is either a duplicate or a job, never a claim with nothing to do it.

Keys: ``ev:{team}:{event_id}`` (a retried event), ``msg:{team}:{channel}:{ts}`` (one message delivered as
two events), ``sc:{team}:{channel}:{ts}`` (a shortcut clicked twice), ``cmd:{team}:{trigger_id}``.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


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
