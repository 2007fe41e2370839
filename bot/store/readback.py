"""Reading stored digests back: one article's ``Extraction`` (a link digested lately is not fetched again),
the earlier sightings and digests a reply names, the privacy rule every read obeys (``visible_sql``), and
every article or one table for ``python -m bot export`` (JSON lines or CSV safe to open in a spreadsheet).

The writes are ``bot.store.storage.Store.save_digest``; these functions only read, on this thread's
connection (``Store.db``), and ``Store`` exposes them as methods.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

from bot.errors import InputError
from bot.models import AnonymousSource, Extraction, Official, Question, Quote, Sighting
from bot.store.keys import normalise_url
from bot.store.people_match import resolve_people

EXPORT_TABLES = (
    "articles",
    "sightings",
    "quotes",
    "people",
    "officials",
    "anonymous_sources",
    "questions",
    "question_states",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SIGHTING = "team, channel, channel_private, message_ts, thread_ts, user, permalink, seen_at"


def visible_sql(article_col: str, team: str | None, channel: str | None) -> tuple[str, list[Any]]:
    """SQL (and parameters) true when the article in ``article_col`` may be shown in ``team``/``channel``.

    The privacy rule: material digested in this channel, or in a public channel of the same workspace.
    Never another private channel, group DM or DM. ``team=None`` (the operator's command line) sees all.
    """
    if team is None:
        return "1", []
    return (
        f"EXISTS (SELECT 1 FROM sightings vs WHERE vs.article_id = {article_col} AND vs.team = ? AND "
        "(vs.channel_private = 0 OR vs.channel = ?))",
        [team, channel or ""],
    )


def recent_article_for_url(db: Database, url: str, max_age_hours: float = 24) -> Extraction | None:
    """The stored Extraction for a link digested less than ``max_age_hours`` ago, else None."""
    key = normalise_url(url)
    if not key:
        return None
    row = db.execute(
        "SELECT a.id FROM article_keys k JOIN articles a ON a.id = k.article_id WHERE k.key = ? AND "
        "a.created_at >= ?",
        [f"url:{key}", time.time() - max_age_hours * 3600],
    ).fetchone()
    return extraction(db, row[0]) if row else None


def extraction(db: Database, article_id: int) -> Extraction | None:
    """Rebuild the Extraction stored for an article."""
    rows = list(
        db.query(
            "SELECT text, title, url, byline, published, site, notes FROM articles WHERE id = ?",
            [article_id],
        )
    )
    if not rows:
        return None
    article = rows[0]

    def read(sql: str) -> list[dict[str, Any]]:
        return list(db.query(sql + " WHERE article_id = ? ORDER BY position", [article_id]))

    quotes = read(
        "SELECT text, char_start AS start, char_end AS [end], kind, speaker, speaker_title, "
        "speaker_kind, speaker_text, sentence, cue, rule, inherited, is_key AS key, score FROM quotes"
    )
    officials = read(
        "SELECT name, title, organization, mentions, evidence, char_start AS start, char_end AS [end] "
        "FROM officials"
    )
    sources = read(
        "SELECT description, kind, reason, reason_given, evidence, char_start AS start, "
        "char_end AS [end] FROM anonymous_sources"
    )
    questions = read(
        "SELECT question, category, evidence, char_start AS start, char_end AS [end], priority FROM questions"
    )
    return Extraction(
        text=article["text"],
        quotes=[Quote(**{**q, "inherited": bool(q["inherited"]), "key": bool(q["key"])}) for q in quotes],
        officials=[Official(**o) for o in officials],
        anonymous_sources=[
            AnonymousSource(**{**a, "reason_given": bool(a["reason_given"])}) for a in sources
        ],
        questions=[Question(**q) for q in questions],
        title=article["title"],
        url=article["url"],
        byline=article["byline"],
        published=article["published"],
        site=article["site"],
        notes=json.loads(article["notes"] or "[]"),
    )


def earlier_sightings(db: Database, article_id: int, now: Sighting) -> list[Sighting]:
    """Earlier sightings visible from ``now``'s channel, oldest first (the same message, or the same job
    redone after a crash, excluded)."""
    sql = f"SELECT {_SIGHTING} FROM sightings s WHERE s.article_id = ?"
    params: list[Any] = [article_id]
    if now.team:
        sql += " AND s.team = ? AND (s.channel_private = 0 OR s.channel = ?)"
        params += [now.team, now.channel or ""]
    rows = db.execute(sql + " ORDER BY s.seen_at, s.id", params).fetchall()
    return [
        _sighting(r)
        for r in rows
        if not (now.message_ts and r[3] == now.message_ts and r[1] == (now.channel or ""))
        and not (now.seen_at and r[3] is None and r[7] == now.seen_at and r[1] == (now.channel or ""))
    ]


def earlier_digests(
    db: Database,
    article_id: int,
    officials: list[Official],
    people: dict[str, int | None],
    team: str,
    sighting: Sighting,
) -> dict[str, int]:
    vis, params = visible_sql("q.article_id", team or None, sighting.channel)
    counts: dict[str, int] = {}
    for o in officials:
        pid = people.get(o.name)
        if pid is None:
            found = resolve_people(db, o.name)
            pid = found[0] if len(found) == 1 else None
        if pid is None:
            continue
        n = db.execute(
            "SELECT count(DISTINCT q.article_id) FROM quotes q WHERE q.person_id = ? AND q.article_id "
            f"!= ? AND {vis}",
            [pid, article_id, *params],
        ).fetchone()[0]
        if n:
            counts[o.name] = n
    return counts


def first_sighting(db: Database, article_id: int, team: str, channel: str) -> Sighting | None:
    """The first time an article was digested in this channel, or None."""
    row = db.execute(
        f"SELECT {_SIGHTING} FROM sightings WHERE article_id = ? AND team = ? AND channel = ? "
        "ORDER BY seen_at, id LIMIT 1",
        [article_id, team, channel],
    ).fetchone()
    return None if row is None else _sighting(row)


def _sighting(r: tuple[Any, ...]) -> Sighting:
    """A ``Sighting`` from a row of the ``_SIGHTING`` columns."""
    return Sighting(
        team=r[0],
        channel=r[1],
        channel_private=bool(r[2]),
        message_ts=r[3],
        thread_ts=r[4],
        user=r[5],
        permalink=r[6],
        seen_at=r[7],
    )


def export_articles(db: Database) -> Iterator[dict[str, Any]]:
    """Every stored article as a dict: the ``extract --json`` shape plus id, date and sightings."""
    for (article_id,) in db.execute("SELECT id FROM articles ORDER BY id").fetchall():
        ex = extraction(db, article_id)
        if ex is None:
            continue
        row = ex.to_dict()
        meta = db.execute("SELECT date, created_at FROM articles WHERE id = ?", [article_id]).fetchone()
        row.update(id=article_id, date=meta[0], stored_at=meta[1])
        row["sightings"] = list(
            db.query(
                "SELECT team, channel, channel_private, message_ts, thread_ts, user, permalink, "
                "seen_at FROM sightings WHERE article_id = ? ORDER BY seen_at",
                [article_id],
            )
        )
        row["question_status"] = list(  # each question's state in each channel that digested it
            db.query(
                "SELECT qn.id, qn.position, s.team, s.channel, coalesce(st.state, 'open') AS state, "
                "st.user, st.at, st.answer, st.answer_source FROM questions qn "
                "JOIN (SELECT DISTINCT team, channel FROM sightings WHERE article_id = ?) s "
                "LEFT JOIN question_states st ON st.question_id = qn.id AND st.team = s.team "
                "AND st.channel = s.channel WHERE qn.article_id = ? ORDER BY qn.position, s.team, s.channel",
                [article_id, article_id],
            )
        )
        yield row


def export_table(db: Database, table: str) -> tuple[list[str], Iterator[tuple]]:
    """Column names and rows of one table, for CSV (quotes with their article's title, URL and date); text
    that a spreadsheet would run as a formula is made plain text (``csv_cell``)."""
    if table not in EXPORT_TABLES:
        raise InputError(f"cannot export {table!r}: choose one of {', '.join(EXPORT_TABLES)}")
    if table == "quotes":
        sql = (
            "SELECT q.id, q.article_id, a.date, a.title AS article_title, a.url, q.speaker, "
            "q.speaker_title, q.speaker_kind, q.kind, q.text, q.person_id, q.is_key FROM quotes q JOIN "
            "articles a ON a.id = q.article_id ORDER BY q.article_id, q.position"
        )
    else:
        sql = f"SELECT * FROM [{table}] ORDER BY 1"
    cur = db.execute(sql)
    return [d[0] for d in cur.description], (tuple(map(csv_cell, row)) for row in cur)


def csv_cell(value: Any) -> Any:
    """A value safe to open in a spreadsheet: text that starts like a formula (``=``, ``+``, ``-``, ``@``, a
    tab or carriage return) gets a leading apostrophe, which spreadsheets show as text (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
