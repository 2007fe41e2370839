"""The database schema, as a sqlite-utils migration set. Safe to apply again: applied steps are skipped."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("legwork")


@migrations()
def m001_requests(db: Database) -> None:
    """The de-duplication ledger: one row per Slack delivery, claimed atomically before any work."""
    db["requests"].create(
        {"key": str, "status": str, "claimed_at": float, "finished_at": float, "attempts": int},
        pk="key",
        not_null={"status", "claimed_at"},
    )
