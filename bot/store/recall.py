"""Recall: search what Legwork has stored. The one engine behind ``/recall``, ``@Legwork recall …`` and
``python -m bot recall``.

A query is a name, some words or a "quoted phrase", plus filters::

    in:#channel  since:YYYY-MM-DD  until:YYYY-MM-DD  is:open  is:answered
    type:quotes|people|questions|articles

A name finds the person across articles ("Asif", "Khawaja Asif" and "Khawaja Muhammad Asif" join up) and
lists their quotes, newest first; words search quotes, officials' titles, questions and article titles.
Whatever a user types is safe: the full-text expression is built from tokens quoted here, every value is a
bound parameter, and a query that cannot match answers "no matches" with a hint. This module searches;
the query is parsed by ``bot.store.recall_query``, and ``bot.render.format_recall`` writes the answer.

Privacy: asked in a channel, recall sees what was digested in that channel and in public channels of the
same workspace, never another private channel, group DM or DM. ``scope=None`` (the operator) sees all.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.errors import StorageError
from bot.render.messages import RECALL_SYNTAX
from bot.store import questions
from bot.store.keys import display_name, name_tokens
from bot.store.people_match import resolve_people
from bot.store.protocols import SQLStore
from bot.store.readback import visible_sql
from bot.store.recall_query import MAX_QUERY_CHARS, Query, RecallScope, parse_query

log = logging.getLogger(__name__)

# Full-text matches examined per section, newest stored first: first among the newest WINDOWS rows, then
# among all; a wider pass runs when filters leave fewer than a page. Totals beyond what was examined are
# shown as "N+".
WINDOWS = (100_000, 400_000)
CANDIDATES = (500, 20_000)
PASSES = tuple((CANDIDATES[0], w) for w in WINDOWS) + ((CANDIDATES[0], None), (CANDIDATES[1], None))
RECENT_ARTICLES = 300  # articles examined, newest first, for a query of filters only
PEOPLE_CANDIDATES = 50
PERSON_ROWS = 50  # a person's newest quotes (and official mentions) counted for the People section
SECTIONS = ("people", "quotes", "questions", "articles")


@dataclass
class PersonHit:
    """A person in sight: the fullest visible name, newest titles, quote and article counts."""

    id: int
    name: str
    titles: list[str]
    quotes: int
    articles: int
    capped: bool = False  # counts are lower bounds (only the newest were counted)


@dataclass
class QuoteHit:
    """A quote with its speaker, article, date and the thread where it was digested."""

    id: int
    text: str
    speaker: str | None
    speaker_title: str | None
    article_id: int
    article_title: str | None
    url: str | None
    date: str
    kind: str = "direct"
    sentence: str = ""
    speaker_kind: str = "none"
    speaker_text: str | None = None
    permalink: str | None = None


@dataclass
class QuestionHit:
    """An open (or answered) question with its article and thread."""

    id: int
    question: str
    category: str
    evidence: str
    status: str  # its state in the channel asked from: open, answered, not_needed, taken
    article_id: int
    article_title: str | None
    url: str | None
    date: str
    permalink: str | None = None
    state_user: str | None = None  # who answered, set aside or took it
    answer: str | None = None
    answer_source: str | None = None


@dataclass
class ArticleHit:
    """An article whose title matched."""

    id: int
    title: str | None
    url: str | None
    site: str | None
    date: str
    permalink: str | None = None


@dataclass
class RecallResult:
    """What a recall found: up to ``limit`` hits per section, with totals for "N more"."""

    query: str
    people: list[PersonHit] = field(default_factory=list)
    quotes: list[QuoteHit] = field(default_factory=list)
    questions: list[QuestionHit] = field(default_factory=list)
    articles: list[ArticleHit] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    capped: dict[str, bool] = field(default_factory=dict)  # True: the total is a lower bound
    person_mode: bool = False  # the query was taken as a person's name
    notes: list[str] = field(default_factory=list)
    hint: str | None = None

    @property
    def empty(self) -> bool:
        """True when no section found anything."""
        return not (self.people or self.quotes or self.questions or self.articles)

    def more(self, section: str) -> int:
        """How many more hits a section has than it shows."""
        return max(0, self.totals.get(section, 0) - len(getattr(self, section)))

    def to_dict(self) -> dict[str, Any]:
        """The ``recall --json`` shape."""
        return asdict(self)


# -- searching --------------------------------------------------------------------------------------


def recall(
    store: SQLStore, query_text: str, *, scope: RecallScope | None = None, limit: int = 10
) -> RecallResult:
    """Search the store. Never raises for what a user types; a broken database is a StorageError."""
    q = parse_query(query_text)
    result = RecallResult(query=q.text[:MAX_QUERY_CHARS], notes=list(q.notes))
    if q.error:
        result.hint = q.error + ". " + RECALL_SYNTAX
        return result
    if not q.terms and not q.has_filters:
        result.hint = RECALL_SYNTAX
        return result
    limit = max(1, min(int(limit), 50))
    searcher = _Searcher(store, q, scope, limit)
    try:
        searcher.run(result)
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
            log.warning("recall query %r could not be searched: %s", q.text[:200], exc)
            result.hint = "That query could not be searched. " + RECALL_SYNTAX
            return result
        raise StorageError(f"recall failed: {exc}") from None
    except sqlite3.Error as exc:
        raise StorageError(f"recall failed: {exc}") from None
    if result.empty:
        result.hint = (
            "No matches. Try a surname, fewer words, or drop a filter. " if q.terms or q.has_filters else ""
        ) + RECALL_SYNTAX
    return result


# a section's candidates for a cap and a window: (SQL of ids, its parameters, "row" or "article" ids, whether
# the window left older rows out)
Candidates = Callable[[int, int | None], tuple[str, list[Any], str, bool]]


class _Searcher:
    """One recall: the query, the scope and the SQL fragments they imply."""

    def __init__(self, store: SQLStore, q: Query, scope: RecallScope | None, limit: int) -> None:
        self.db = store.db
        self.store = store
        self.q = q
        self.scope = scope
        self.limit = limit
        if q.types:
            self.sections = [s for s in SECTIONS if s in q.types]
        elif q.status:
            self.sections = ["questions"]
        else:
            self.sections = list(SECTIONS)

    def where(self, article_col: str) -> tuple[str, list[Any]]:
        """Visibility, channel and date conditions on an article id column, as one SQL condition."""
        team = self.scope.team if self.scope else None
        channel = self.scope.channel if self.scope else None
        sql, params = visible_sql(article_col, team, channel)
        parts, out = [sql], list(params)
        if self.q.channels:
            ids = self._channel_ids()
            cond = (
                f"EXISTS (SELECT 1 FROM sightings ic WHERE ic.article_id = {article_col} AND ic.channel IN "
                f"({', '.join('?' * len(ids))})"
            )
            out += ids
            if team is not None:
                cond += " AND ic.team = ? AND (ic.channel_private = 0 OR ic.channel = ?)"
                out += [team, channel or ""]
            parts.append(cond + ")")
        if self.q.since or self.q.until:
            parts.append(
                f"EXISTS (SELECT 1 FROM articles da WHERE da.id = {article_col} AND da.date >= ? AND "
                "da.date <= ?)"
            )
            out += [self.q.since or "0000-00-00", self.q.until or "9999-99-99"]
        return " AND ".join(parts), out

    def _asker(self) -> tuple[str | None, str | None, str | None]:
        """Team, channel and user a question's state is read for (all None for the operator)."""
        if self.scope is None:
            return None, None, None
        return self.scope.team, self.scope.channel, self.scope.user

    def _channel_ids(self) -> list[str]:
        ids: list[str] = []
        for given in self.q.channels:
            ids += [given, given.upper()]
            sql = "SELECT id FROM channels WHERE name = ?"
            params = [given.lower()]
            if self.scope:
                sql += " AND team = ?"
                params.append(self.scope.team)
            ids += [r[0] for r in self.db.execute(sql, params).fetchall()]
        return list(dict.fromkeys(ids))

    def run(self, result: RecallResult) -> None:
        q = self.q
        person_ids = self._people_named() if q.name else []
        result.person_mode = bool(person_ids)
        if "people" in self.sections and q.terms:
            visible = list(dict.fromkeys(person_ids + self._people_matching()))
            result.people = [h for h in (self._person(pid) for pid in visible[: self.limit]) if h]
            result.totals["people"] = len(visible)
            result.capped["people"] = len(visible) >= PEOPLE_CANDIDATES
        if "quotes" in self.sections:
            if person_ids:
                self._section(result, "quotes", QUOTE_SQL, QuoteHit, self._person_quote_ids(person_ids))
            if not result.quotes:
                self._section(result, "quotes", QUOTE_SQL, QuoteHit, self._matches("quotes_fts"))
        if "questions" in self.sections:
            self._section(result, "questions", QUESTION_SQL, QuestionHit, self._matches("questions_fts"))
            team, channel, _user = self._asker()
            questions.annotate(self.store, result.questions, team, channel)
        if "articles" in self.sections and q.terms:
            self._section(result, "articles", ARTICLE_SQL, ArticleHit, self._matches("articles_fts"))
        self._permalinks(result)

    # people

    def _people_named(self) -> list[int]:
        """People the query names, who appear in material this scope may see."""
        found = resolve_people(self.db, self.q.name)[:PEOPLE_CANDIDATES]
        return [pid for pid in found if self._visible_person(pid)]

    def _visible_person(self, pid: int) -> bool:
        wq, pq = self.where("q.article_id")
        wo, po = self.where("o.article_id")
        return bool(
            self.db.execute(
                f"SELECT EXISTS (SELECT 1 FROM quotes q WHERE q.person_id = ? AND {wq}) OR EXISTS (SELECT 1 "
                f"FROM officials o WHERE o.person_id = ? AND {wo})",
                [pid, *pq, pid, *po],
            ).fetchone()[0]
        )

    def _people_matching(self) -> list[int]:
        """People in sight whose official title (in a visible article) or name matches the words."""
        where, params = self.where("o.article_id")
        ids = [
            r[0]
            for r in self.db.execute(
                "WITH m AS MATERIALIZED (SELECT rowid AS id FROM officials_fts WHERE officials_fts MATCH ? "
                "ORDER BY rowid DESC LIMIT ?) SELECT DISTINCT o.person_id FROM m CROSS JOIN officials o ON "
                f"o.id = m.id WHERE o.person_id IS NOT NULL AND {where} LIMIT ?",
                [self.q.fts, CANDIDATES[0], *params, PEOPLE_CANDIDATES],
            ).fetchall()
        ]
        for (pid,) in self.db.execute(
            "SELECT rowid FROM people_fts WHERE people_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            [self.q.fts, PEOPLE_CANDIDATES],
        ).fetchall():
            if pid not in ids and self._visible_person(pid):
                ids.append(pid)
        return ids[:PEOPLE_CANDIDATES]

    def _person(self, pid: int) -> PersonHit | None:
        """A person as this scope may see them: names, titles and counts from visible articles only."""
        wq, pq = self.where("q.article_id")
        wo, po = self.where("o.article_id")
        rows = self.db.execute(
            "SELECT q.speaker, q.article_id, 'q', '', '' FROM (SELECT id FROM quotes WHERE person_id = ? "
            f"ORDER BY id DESC LIMIT ?) m JOIN quotes q ON q.id = m.id WHERE {wq} UNION ALL SELECT o.name, "
            "o.article_id, 'o', o.title, a.date FROM (SELECT id FROM officials WHERE person_id = ? ORDER "
            "BY id DESC LIMIT ?) m JOIN officials o ON o.id = m.id JOIN articles a ON a.id = o.article_id "
            f"WHERE {wo}",
            [pid, PERSON_ROWS, *pq, pid, PERSON_ROWS, *po],
        ).fetchall()
        if not rows:
            return None
        names = [r[0] for r in rows if r[0]]
        titles: dict[str, str] = {}
        for r in sorted((r for r in rows if r[2] == "o" and r[3]), key=lambda r: r[4], reverse=True):
            titles.setdefault(r[3].lower(), r[3])
        return PersonHit(
            id=pid,
            name=display_name(max(names, key=lambda n: (len(name_tokens(n)), len(n)))) if names else "",
            titles=list(titles.values())[:3],
            quotes=sum(1 for r in rows if r[2] == "q"),
            articles=len({r[1] for r in rows}),
            capped=len(rows) >= PERSON_ROWS,
        )

    # sections

    def _person_quote_ids(self, person_ids: list[int]) -> Candidates:
        """The newest stored quotes of these people."""

        def build(cap: int, window: int | None) -> tuple[str, list[Any], str, bool]:
            marks = ", ".join("?" * len(person_ids))
            sql = f"SELECT id FROM quotes WHERE person_id IN ({marks}) ORDER BY id DESC LIMIT ?"
            return sql, [*person_ids, cap], "row", False

        return build

    def _matches(self, fts: str) -> Candidates:
        """Full-text matches, newest stored first (within the newest ``window`` rows when given); without
        words, the newest visible articles."""

        def build(cap: int, window: int | None) -> tuple[str, list[Any], str, bool]:
            if not self.q.terms:
                aw, ap = self.where("ra.id")
                return (
                    f"SELECT ra.id FROM articles ra WHERE {aw} ORDER BY ra.date DESC, ra.id DESC LIMIT ?",
                    [*ap, min(cap, RECENT_ARTICLES)],
                    "article",
                    False,
                )
            floor = 0
            if window is not None:
                newest = self.db.execute(f"SELECT max(rowid) FROM {fts.removesuffix('_fts')}").fetchone()[0]
                floor = max(0, (newest or 0) - window)
            return (
                f"SELECT rowid AS id FROM {fts} WHERE {fts} MATCH ? AND rowid > ? "
                "ORDER BY rowid DESC LIMIT ?",
                [self.q.fts, floor, cap],
                "row",
                floor > 0,
            )

        return build

    def _section(
        self, result: RecallResult, section: str, spec: tuple[str, ...], hit: type, candidates: Candidates
    ) -> None:
        """One section from its candidates: filtered by scope and filters, newest article first, with a total.

        The newest ``WINDOWS`` rows are searched first, then everything, ``CANDIDATES`` matches at a time; a
        wider pass runs only when filters leave fewer than a page. A total beyond what was examined is
        marked as a lower bound.
        """
        columns, by_row, by_article, alias, order = spec
        where, params = self.where("a.id")
        if section == "questions" and self.q.status:
            cond, extra = questions.status_sql(alias, self.q.status, *self._asker())
            where += f" AND {cond}"
            params = [*params, *extra]
        rows: list[Any] = []
        capped = False
        searched: set[int] = set()  # caps already searched over every row
        for cap, window in PASSES:
            if cap in searched:
                continue
            cte, cte_params, kind, partial = candidates(cap, window)
            cte = f"WITH m AS MATERIALIZED ({cte})"
            join = by_row if kind == "row" else by_article
            rows = self.db.execute(
                f"{cte} SELECT {columns}, count(*) OVER (), (SELECT count(*) FROM m) FROM m {join} WHERE "
                f"{where} ORDER BY {order} LIMIT ?",
                [*cte_params, *params, self.limit],
            ).fetchall()
            if partial:
                if len(rows) >= self.limit:
                    capped = True
                    break
                continue
            searched.add(cap)
            scanned = (
                rows[0][-1]
                if rows
                else self.db.execute(f"{cte} SELECT count(*) FROM m", cte_params).fetchone()[0]
            )
            capped = scanned >= cap and bool(rows)
            if len(rows) >= self.limit or scanned < cap or kind == "article":
                break
        setattr(result, section, [hit(*r[:-2]) for r in rows])
        result.totals[section] = rows[0][-2] if rows else 0
        result.capped[section] = capped

    def _permalinks(self, result: RecallResult) -> None:
        """Each hit's link to the Slack thread where its article was digested (this channel's first)."""
        hits: list[QuoteHit | QuestionHit | ArticleHit] = [*result.quotes, *result.questions]
        hits += result.articles
        ids = sorted({h.article_id if not isinstance(h, ArticleHit) else h.id for h in hits})
        if not ids:
            return
        marks = ", ".join("?" * len(ids))
        sql = (
            f"SELECT article_id, permalink FROM sightings s WHERE article_id IN ({marks}) AND permalink IS "
            "NOT NULL"
        )
        params: list[Any] = list(ids)
        here = ""
        if self.scope:
            sql += " AND s.team = ? AND (s.channel_private = 0 OR s.channel = ?)"
            params += [self.scope.team, self.scope.channel]
            here = self.scope.channel
        links: dict[int, str] = {}
        for article_id, link in self.db.execute(
            sql + " ORDER BY (s.channel = ?) DESC, s.seen_at DESC", [*params, here]
        ).fetchall():
            links.setdefault(article_id, link)
        for h in hits:
            h.permalink = links.get(h.id if isinstance(h, ArticleHit) else h.article_id)


# (select columns, join from a full-text row id m.id, join from an article id m.id, row alias, ORDER BY).
# CROSS JOIN keeps the candidates (m) as the outer loop: SQLite never reorders it.
QUOTE_SQL = (
    "q.id, q.text, q.speaker, q.speaker_title, q.article_id, a.title, a.url, a.date, q.kind, q.sentence, "
    "q.speaker_kind, q.speaker_text",
    "CROSS JOIN quotes q ON q.id = m.id CROSS JOIN articles a ON a.id = q.article_id",
    "CROSS JOIN quotes q ON q.article_id = m.id CROSS JOIN articles a ON a.id = q.article_id",
    "q",
    "a.date DESC, a.id DESC, q.position",
)
QUESTION_SQL = (
    "qn.id, qn.question, qn.category, qn.evidence, qn.status, qn.article_id, a.title, a.url, a.date",
    "CROSS JOIN questions qn ON qn.id = m.id CROSS JOIN articles a ON a.id = qn.article_id",
    "CROSS JOIN questions qn ON qn.article_id = m.id CROSS JOIN articles a ON a.id = qn.article_id",
    "qn",
    "a.date DESC, a.id DESC, qn.position",
)
ARTICLE_SQL = (
    "a.id, a.title, a.url, a.site, a.date",
    "CROSS JOIN articles a ON a.id = m.id",
    "CROSS JOIN articles a ON a.id = m.id",
    "a",
    "a.date DESC, a.id DESC",
)
