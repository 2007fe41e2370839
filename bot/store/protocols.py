"""What the engine asks of a store, as ``typing.Protocol``s: the parameters that take a store are typed with
these, so a reader sees which calls a job or a digest makes, and a type checker holds every store to them.

``bot.store.storage.Store`` satisfies them all.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sqlite_utils import Database

    from bot.models import Extraction, SaveResult, Sighting


class SQLStore(Protocol):
    """An SQLite file: this thread's connection for reads, and one write transaction (BEGIN IMMEDIATE). What
    the job queue and ledger (``bot.jobs.queue``) and recall (``bot.store.recall``) need."""

    @property
    def db(self) -> Database: ...

    def transaction(self) -> AbstractContextManager[Database]: ...


class DigestStore(Protocol):
    """What ``bot.digest`` needs: store a digest, find a link digested lately, read a digest back to post it
    again, and tie a ``/legwork`` digest to the message it was posted under."""

    def save_digest(self, ex: Extraction, sighting: Sighting | None = None) -> SaveResult: ...

    def recent_article_for_url(self, url: str, max_age_hours: float = 24) -> Extraction | None: ...

    def extraction(self, article_id: int) -> Extraction | None: ...

    def first_sighting(self, article_id: int, team: str, channel: str) -> Sighting | None: ...

    def place_sighting(self, sighting: Sighting, message_ts: str, permalink: str | None) -> None: ...


class AppStore(SQLStore, DigestStore, Protocol):
    """The store the Slack app shares between its listeners and jobs (``handlers.context.Services``): jobs,
    digests, recall, and the channel names an ``in:#name`` recall looks up."""

    def remember_channel(self, team: str, channel: str, name: str, private: bool = False) -> None: ...
