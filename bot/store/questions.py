"""Questions you can work: a question's state in one channel, with the history that Undo steps back through.

A question is ``open`` until someone in a channel marks it ``answered`` (optionally with the answer and its
source), ``not_needed``, or ``taken`` ("I'll take it"). The state belongs to the channel where it was set:
a question answered in one channel is still open in another that digested the same article. Every change is
a row of ``question_events``; Undo marks the newest one undone and the state returns to the one before it.

Tables: ``question_states`` and ``question_events`` (``bot.store.migrations`` m005). Functions take the
``Store`` and raise ``StorageError`` when the database fails, ``InputError`` for a question that the channel
never saw or a state that does not exist.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.errors import InputError, storage_errors
from bot.store.protocols import SQLStore

STATES = ("open", "answered", "not_needed", "taken")
OPEN_STATES = ("open", "taken")  # still to be worked
MAX_ANSWER_CHARS = 2000
MAX_SOURCE_CHARS = 300
RECENT_SECONDS = 7 * 24 * 3600  # "answered recently" on the Home tab
NOT_HERE = "That question was not digested in this channel."

@dataclass(frozen=True)
class QuestionState:
    """A question's state in one channel; ``user``/``at`` say who set it and when (None while never set)."""

    question_id: int
    team: str
    channel: str
    state: str = "open"
    user: str | None = None
    at: float | None = None
    answer: str | None = None
    answer_source: str | None = None

    @property
    def is_open(self) -> bool:
        """True while the question is still to be worked (open, or taken by someone)."""
        return self.state in OPEN_STATES


@dataclass
class HomeData:
    """What the Home tab shows one reporter: questions still to work (theirs first), answered recently, and
    the digests they asked for, each a row with ``permalink``."""

    open: list[dict[str, Any]] = field(default_factory=list)
    answered: list[dict[str, Any]] = field(default_factory=list)
    digests: list[dict[str, Any]] = field(default_factory=list)


def _state(row: Any, team: str, channel: str, question_id: int) -> QuestionState:
    if row is None:
        return QuestionState(question_id, team, channel)
    return QuestionState(question_id, team, channel, *row)


@storage_errors
def question_in_channel(store: SQLStore, question_id: int, team: str, channel: str) -> dict[str, Any] | None:
    """The question (its columns plus ``article_title``, ``url`` and ``permalink`` of the first digest in
    this channel); None when the question is unknown or its article was never digested in this channel."""
    rows = _rows(store, team, [channel], "qn.id = ?", "qn.id", [question_id], 1)
    return rows[0] if rows else None


@storage_errors
def state_of(store: SQLStore, question_id: int, team: str, channel: str) -> QuestionState:
    """The question's state in this channel (``open`` when nobody set one)."""
    row = store.db.execute(
        "SELECT state, user, at, answer, answer_source FROM question_states WHERE question_id = ? AND "
        "team = ? AND channel = ?",
        [question_id, team, channel],
    ).fetchone()
    return _state(row, team, channel, question_id)


@storage_errors
def states(store: SQLStore, question_ids: Iterable[int], team: str, channel: str) -> dict[int, QuestionState]:
    """The state of each question in this channel (every id present, ``open`` by default)."""
    ids = sorted({int(i) for i in question_ids})
    out = {i: QuestionState(i, team, channel) for i in ids}
    if not ids:
        return out
    for row in store.db.execute(
        "SELECT question_id, state, user, at, answer, answer_source FROM question_states WHERE team = ? AND "
        f"channel = ? AND question_id IN ({', '.join('?' * len(ids))})",
        [team, channel, *ids],
    ).fetchall():
        out[row[0]] = _state(row[1:], team, channel, row[0])
    return out


def _clean(text: str | None, limit: int) -> str | None:
    text = " ".join((text or "").split()) if "\n" not in (text or "") else (text or "").strip()
    return text[:limit] or None


@storage_errors
def set_state(
    store: SQLStore,
    question_id: int,
    *,
    team: str,
    channel: str,
    state: str,
    user: str | None,
    answer: str | None = None,
    source: str | None = None,
) -> QuestionState:
    """Set the question's state in this channel and record the change (so that Undo can step back)."""
    if state not in STATES:
        raise InputError(f"a question is {', '.join(STATES)}; not {state!r}")
    now = time.time()
    answer, source = _clean(answer, MAX_ANSWER_CHARS), _clean(source, MAX_SOURCE_CHARS)
    with store.transaction() as db:
        _check_here(db, question_id, team, channel)
        db.execute(
            "INSERT INTO question_events (question_id, team, channel, state, user, at, answer, "
            "answer_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [question_id, team, channel, state, user, now, answer, source],
        )
        _write_state(db, question_id, team, channel, (state, user, now, answer, source))
    return QuestionState(question_id, team, channel, state, user, now, answer, source)


@storage_errors
def record_answer(
    store: SQLStore, question_id: int, *, team: str, channel: str, user: str | None, answer: str, source: str
) -> QuestionState:
    """Keep the answer and its source on the question, answered in this channel.

    Filling in the answer after *Answered* amends that change (Undo still returns to the state before it);
    on a question not yet answered here it is a new change."""
    current = state_of(store, question_id, team, channel)
    if current.state != "answered":
        return set_state(
            store,
            question_id,
            team=team,
            channel=channel,
            state="answered",
            user=user,
            answer=answer,
            source=source,
        )
    answer_c, source_c = _clean(answer, MAX_ANSWER_CHARS), _clean(source, MAX_SOURCE_CHARS)
    with store.transaction() as db:
        last = _last_event(db, question_id, team, channel)
        if last is not None:
            db.execute(
                "UPDATE question_events SET answer = ?, answer_source = ? WHERE id = ?",
                [answer_c, source_c, last[0]],
            )
        db.execute(
            "UPDATE question_states SET answer = ?, answer_source = ? WHERE question_id = ? AND team = ? AND "
            "channel = ?",
            [answer_c, source_c, question_id, team, channel],
        )
    return QuestionState(question_id, team, channel, "answered", current.user, current.at, answer_c, source_c)


@storage_errors
def undo(store: SQLStore, question_id: int, *, team: str, channel: str) -> QuestionState:
    """Step back one change in this channel: the state returns to what it was before (``open`` at first)."""
    with store.transaction() as db:
        _check_here(db, question_id, team, channel)
        last = _last_event(db, question_id, team, channel)
        if last is not None:
            db.execute("UPDATE question_events SET undone = 1 WHERE id = ?", [last[0]])
        before = _last_event(db, question_id, team, channel)
        if before is None:
            db.execute(
                "DELETE FROM question_states WHERE question_id = ? AND team = ? AND channel = ?",
                [question_id, team, channel],
            )
            return QuestionState(question_id, team, channel)
        _write_state(db, question_id, team, channel, before[1:])
    return QuestionState(question_id, team, channel, *before[1:])


def _check_here(db: Any, question_id: int, team: str, channel: str) -> None:
    found = db.execute(
        "SELECT 1 FROM questions qn JOIN sightings s ON s.article_id = qn.article_id WHERE qn.id = ? AND "
        "s.team = ? AND s.channel = ? LIMIT 1",
        [question_id, team, channel],
    ).fetchone()
    if found is None:
        raise InputError(NOT_HERE)


def _last_event(db: Any, question_id: int, team: str, channel: str) -> tuple | None:
    return db.execute(
        "SELECT id, state, user, at, answer, answer_source FROM question_events WHERE question_id = ? AND "
        "team = ? AND channel = ? AND undone = 0 ORDER BY id DESC LIMIT 1",
        [question_id, team, channel],
    ).fetchone()


def _write_state(db: Any, question_id: int, team: str, channel: str, values: Iterable[Any]) -> None:
    db.execute(
        "INSERT INTO question_states (question_id, team, channel, state, user, at, answer, answer_source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (question_id, team, channel) DO UPDATE SET state = "
        "excluded.state, user = excluded.user, at = excluded.at, answer = excluded.answer, answer_source = "
        "excluded.answer_source",
        [question_id, team, channel, *values],
    )


# -- lists ---------------------------------------------------------------------------------------------

# one row per (question, channel): the question, its article, the channel's first digest of it and the
# question's state in that channel
_ROWS = (
    "SELECT qn.*, a.title AS article_title, a.url AS url, s.team AS team, s.channel AS channel, s.permalink "
    "AS permalink, s.thread_ts AS thread_ts, s.message_ts AS message_ts, s.user AS asked_by, s.seen_at AS "
    "seen_at, coalesce(st.state, 'open') AS state, st.user AS state_user, st.at AS state_at, st.answer AS "
    "answer, st.answer_source AS answer_source FROM sightings s JOIN questions qn ON qn.article_id = "
    "s.article_id JOIN articles a ON a.id = qn.article_id LEFT JOIN question_states st ON st.question_id = "
    "qn.id AND st.team = s.team AND st.channel = s.channel WHERE s.team = ? AND s.channel IN ({marks}) AND "
    "s.id = (SELECT s2.id FROM sightings s2 WHERE s2.article_id = s.article_id AND s2.team = s.team AND "
    "s2.channel = s.channel ORDER BY s2.seen_at, s2.id LIMIT 1)"
)


def _rows(
    store: SQLStore, team: str, channels: list[str], where: str, order: str, params: list[Any], limit: int
) -> list[dict[str, Any]]:
    if not channels:
        return []
    sql = _ROWS.format(marks=", ".join("?" * len(channels)))
    return list(
        store.db.query(f"{sql} AND {where} ORDER BY {order} LIMIT ?", [team, *channels, *params, limit])
    )


@storage_errors
def channel_questions(
    store: SQLStore, team: str, channel: str, *, recent: bool = False, limit: int = 200
) -> list[dict[str, Any]]:
    """The questions still to work in this channel (open or taken), oldest digest first; with ``recent``
    also those answered or set aside here in the last week (so that their Undo stays in reach). Each row:
    the question's columns plus ``article_title``, ``url``, ``permalink``, ``thread_ts``, ``message_ts``,
    ``seen_at`` of the first digest here, and ``state``, ``state_user``, ``state_at``, ``answer``,
    ``answer_source``."""
    where = "coalesce(st.state, 'open') IN ('open', 'taken')"
    params: list[Any] = []
    if recent:
        where = f"({where} OR st.at >= ?)"
        params.append(time.time() - RECENT_SECONDS)
    return _rows(store, team, [channel], where, "s.seen_at, qn.article_id, qn.position", params, limit)


@storage_errors
def digested_here(store: SQLStore, article_id: int, team: str, channel: str) -> bool:
    """True when the article was digested in this channel (what a "more" button may open)."""
    return bool(
        store.db.execute(
            "SELECT 1 FROM sightings WHERE article_id = ? AND team = ? AND channel = ? LIMIT 1",
            [article_id, team, channel],
        ).fetchone()
    )


@storage_errors
def article_questions(store: SQLStore, article_id: int) -> list[dict[str, Any]]:
    """An article's questions with their ids, in order (for the questions modal)."""
    return list(
        store.db.query(
            "SELECT id, question, category, evidence FROM questions WHERE article_id = ? ORDER BY position",
            [article_id],
        )
    )


@storage_errors
def answered_in(
    store: SQLStore, team: str, channels: list[str], *, since: float | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """Questions answered in these channels, newest answer first (``since``: answered after that time)."""
    return _rows(
        store,
        team,
        channels,
        "st.state = 'answered' AND st.at >= ?",
        "st.at DESC, qn.id",
        [since or 0.0],
        limit,
    )


_DIGESTS = (
    "SELECT s.article_id, a.title AS article_title, a.url AS url, s.channel, s.permalink, s.seen_at, "
    "(SELECT count(*) FROM questions qn LEFT JOIN question_states st ON st.question_id = qn.id AND "
    "st.team = s.team AND st.channel = s.channel WHERE qn.article_id = s.article_id AND "
    "coalesce(st.state, 'open') IN ('open', 'taken')) AS open_questions FROM sightings s JOIN articles a "
    "ON a.id = s.article_id WHERE s.team = ? AND s.user = ? AND s.channel IN ({marks}) ORDER BY "
    "s.seen_at DESC, s.id DESC LIMIT ?"
)


@storage_errors
def home(store: SQLStore, team: str, user: str, channels: list[str], *, limit: int = 15) -> HomeData:
    """The Home tab of ``user``, who is a member of ``channels`` (the caller checks membership): questions to
    work there (the ones the user took first, then the newest digests), answered in the last week, and the
    last digests the user asked for in those channels."""
    mine_first = "(st.state = 'taken' AND st.user = ?) DESC, s.seen_at DESC, qn.article_id, qn.position"
    work = _rows(
        store, team, channels, "coalesce(st.state, 'open') IN ('open', 'taken')", mine_first, [user], limit
    )
    answered = answered_in(store, team, channels, since=time.time() - RECENT_SECONDS, limit=limit)
    digests: list[dict[str, Any]] = []
    if channels:
        marks = ", ".join("?" * len(channels))
        digests = list(store.db.query(_DIGESTS.format(marks=marks), [team, user, *channels, limit]))
    return HomeData(open=work, answered=answered, digests=digests)


# -- recall filters ------------------------------------------------------------------------------------


def status_sql(alias: str, status: str, team: str | None, channel: str | None, user: str | None):
    """The SQL condition (and parameters) for ``is:open``, ``is:answered``, ``is:taken`` or ``is:mine`` on the
    question alias ``alias``, in the channel asked from (any channel when ``channel`` is None).

    ``is:mine``: questions the user took or answered (in any channel of the workspace)."""
    here = "qs.team = ? AND qs.channel = ?" if channel is not None else "1"
    here_params: list[Any] = [team or "", channel] if channel is not None else []
    base = f"SELECT 1 FROM question_states qs WHERE qs.question_id = {alias}.id"
    if status == "mine":
        cond = f"EXISTS ({base} AND qs.user = ? AND qs.state IN ('taken', 'answered')"
        params: list[Any] = [user or ""]
        if team is not None:
            cond += " AND qs.team = ?"
            params.append(team)
        return cond + ")", params
    if status == "open":
        return f"NOT EXISTS ({base} AND {here} AND qs.state IN ('answered', 'not_needed'))", here_params
    return f"EXISTS ({base} AND {here} AND qs.state = ?)", [*here_params, status]


@storage_errors
def annotate(store: SQLStore, hits: list[Any], team: str | None, channel: str | None) -> None:
    """Give recall's question hits their state in the channel asked from (``status``, ``state_user``,
    ``answer``, ``answer_source``); from the command line (no channel) the newest state anywhere."""
    ids = sorted({h.id for h in hits})
    if not ids:
        return
    sql = (
        "SELECT question_id, state, user, answer, answer_source FROM question_states WHERE question_id IN "
        f"({', '.join('?' * len(ids))})"
    )
    params: list[Any] = list(ids)
    if channel is not None:
        sql += " AND team = ? AND channel = ?"
        params += [team or "", channel]
    found: dict[int, tuple] = {}
    for row in store.db.execute(sql + " ORDER BY at", params).fetchall():
        found[row[0]] = row[1:]
    for h in hits:
        state, user, answer, source = found.get(h.id, ("open", None, None, None))
        h.status, h.state_user, h.answer, h.answer_source = state, user, answer, source
