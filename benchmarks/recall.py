"""Recall at scale: a synthetic database, recall latency (p50/p95) and the cost of storing one digest.

    python -m benchmarks.recall                      100,000 articles, 1,000,000 quotes (a few minutes)
    python -m benchmarks.recall --articles 10000     a smaller run
    python -m benchmarks.recall --quick              10,000 articles

The database is built once per size under /tmp (the real schema from ``Store``, rows bulk-inserted with the
search triggers and indexes dropped, then the full-text indexes rebuilt and the triggers put back) and reused
by later runs. Queries are a fixed mix a newsroom would type (surnames, full names, common and rare words,
phrases, titles, filters, hostile junk), asked from public and private channels and from the command line.
Each digest stored for the save figure is removed again with ``Store.forget``. Wall-clock figures (``*_ms``)
come with CPU-time figures (``cpu_*``): on a shared machine the difference is time spent waiting for a core.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import percentile
from bot.models import Extraction, Official, Question, Quote, Sighting
from bot.store.keys import name_tokens, text_hash
from bot.store.recall import RecallScope, recall
from bot.store.storage import Store

TEAM = "T0BENCH"
PUBLIC = [f"C{i:04d}" for i in range(20)]
PRIVATE = [f"G{i:04d}" for i in range(6)]
TITLES = [
    "Minister of Defence",
    "Finance Minister",
    "Interior Minister",
    "spokesperson",
    "police chief",
    "mayor",
    "chief executive",
    "Prime Minister",
    "governor",
    "senator",
    "health minister",
    "attorney general",
    "central bank governor",
    "foreign minister",
    "army chief",
    "judge",
]
ORGS = [
    "Ministry of Defence",
    "Treasury",
    "City Council",
    "Police",
    "Senate",
    "Health Service",
    "Central Bank",
]
DAY = 86400
WARM_SAVES = 20
BUILD_VERSION = 4  # bump when the synthetic data changes


def _words(rnd: random.Random, n: int) -> list[str]:
    syll = [
        "ka",
        "ro",
        "mi",
        "tan",
        "sel",
        "vo",
        "dri",
        "pa",
        "lu",
        "ne",
        "sor",
        "qui",
        "bel",
        "ga",
        "tor",
        "mu",
    ]
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        w = "".join(rnd.choice(syll) for _ in range(rnd.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def build(path: Path, articles: int, quotes_per_article: int, seed: int = 7) -> dict[str, Any]:
    """Create the synthetic database at ``path``; the figures of the build."""
    started = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    Store(path).close()  # the real schema, through the migrations
    rnd = random.Random(seed)
    vocab = _words(rnd, 20_000)
    zipf = [1.0 / (i + 1) for i in range(len(vocab))]
    cum = list(_accumulate(zipf))
    firsts = [w.capitalize() for w in _words(random.Random(seed + 1), 400)]
    lasts = [w.capitalize() + "son" for w in _words(random.Random(seed + 2), 3_000)]
    n_people = max(100, articles // 5)
    people = []
    seen_names: set[str] = set()
    while len(people) < n_people:
        name = f"{rnd.choice(firsts)} {rnd.choice(lasts)}"
        if name not in seen_names:
            seen_names.add(name)
            people.append(name)
    person_weights = list(_accumulate([1.0 / (i + 10) for i in range(n_people)]))

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -500000")
    conn.execute("PRAGMA temp_store = MEMORY")
    saved = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'index') AND sql IS NOT NULL "
        "AND tbl_name NOT LIKE '%_fts%' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    for kind, name, _sql in saved:
        conn.execute(f"DROP {kind.upper()} [{name}]")
    conn.execute("BEGIN")
    now = time.time()
    conn.executemany(
        "INSERT INTO people (id, name, key, surname, aliases, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        [(i + 1, n, " ".join(name_tokens(n)), name_tokens(n)[-1], n, now) for i, n in enumerate(people)],
    )
    conn.executemany(
        "INSERT INTO person_names (key, person_id) VALUES (?, ?)",
        [(" ".join(name_tokens(n)), i + 1) for i, n in enumerate(people)],
    )
    start_day = now - 730 * DAY
    qid = oid = sid = qnid = 0
    quotes: list[tuple] = []
    officials: list[tuple] = []
    questions: list[tuple] = []
    for a in range(1, articles + 1):
        seen_at = start_day + a * (730 * DAY / articles)
        day = time.strftime("%Y-%m-%d", time.gmtime(seen_at))
        title = " ".join(rnd.choices(vocab, cum_weights=cum, k=8)).capitalize()
        body = " ".join(rnd.choices(vocab, cum_weights=cum, k=60))
        url = f"https://news.example/{a}"
        conn.execute(
            "INSERT INTO articles (id, url, title, byline, published, site, date, text, text_hash, notes, "
            "created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?)",
            (a, url, title, None, day, "news.example", day, body, text_hash(body), seen_at, seen_at),
        )
        conn.execute("INSERT INTO article_keys (key, article_id) VALUES (?, ?)", (f"url:news.example/{a}", a))
        channels = [rnd.choice(PRIVATE) if rnd.random() < 0.2 else rnd.choice(PUBLIC)]
        if rnd.random() < 0.15:
            channels.append(rnd.choice(PUBLIC))
        for ch in dict.fromkeys(channels):
            sid += 1
            conn.execute(
                "INSERT INTO sightings (id, article_id, team, channel, channel_private, message_ts, "
                "permalink, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sid,
                    a,
                    TEAM,
                    ch,
                    int(ch.startswith("G")),
                    f"{seen_at:.6f}",
                    f"https://bench.slack.example/archives/{ch}/p{sid}",
                    seen_at,
                ),
            )
        speakers = rnd.choices(range(n_people), cum_weights=person_weights, k=4)
        for pos, p in enumerate(speakers[:3]):
            oid += 1
            officials.append(
                (oid, a, p + 1, pos, people[p], rnd.choice(TITLES), rnd.choice(ORGS), 2, "", 0, 0)
            )
        for pos in range(quotes_per_article):
            qid += 1
            p = speakers[pos % len(speakers)]
            text = " ".join(rnd.choices(vocab, cum_weights=cum, k=rnd.randint(8, 20)))
            quotes.append(
                (
                    qid,
                    a,
                    p + 1,
                    pos,
                    text,
                    "direct",
                    people[p],
                    officials[-1][5] if pos < 3 else None,
                    "person",
                    people[p],
                    text,
                    "said",
                    "C1",
                    0,
                    int(pos < 2),
                    0.5,
                    0,
                    len(text),
                )
            )
        for pos in range(3):
            qnid += 1
            ev = " ".join(rnd.choices(vocab, cum_weights=cum, k=10))
            questions.append(
                (
                    qnid,
                    a,
                    pos,
                    "What is behind " + ev + "?",
                    "unverified",
                    ev,
                    1,
                    "answered" if rnd.random() < 0.3 else "open",
                    0,
                    0,
                )
            )
        if len(quotes) >= 200_000:
            _flush(conn, quotes, officials, questions)
    _flush(conn, quotes, officials, questions)
    conn.execute("COMMIT")
    inserted = time.perf_counter() - started
    for table in ("articles", "quotes", "people", "officials", "anonymous_sources", "questions"):
        conn.execute(f"INSERT INTO [{table}_fts] ([{table}_fts]) VALUES ('rebuild')")
    for _kind, _name, sql in saved:
        conn.execute(sql)
    figures = {
        "build_s": round(time.perf_counter() - started, 1),
        "insert_s": round(inserted, 1),
        "people": n_people,
        "quotes": qid,
        "db_mb": round(path.stat().st_size / 1e6),
    }
    conn.execute(
        "CREATE TABLE _bench_meta (articles INTEGER, quotes_per_article INTEGER, version INTEGER, "
        "figures TEXT)"
    )
    conn.execute(
        "INSERT INTO _bench_meta VALUES (?, ?, ?, ?)",
        (articles, quotes_per_article, BUILD_VERSION, json.dumps(figures)),
    )
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return figures


def _accumulate(values: list[float]) -> list[float]:
    out, total = [], 0.0
    for v in values:
        total += v
        out.append(total)
    return out


def _flush(conn: sqlite3.Connection, quotes: list, officials: list, questions: list) -> None:
    conn.executemany(
        "INSERT INTO quotes (id, article_id, person_id, position, text, kind, speaker, speaker_title, "
        "speaker_kind, speaker_text, sentence, cue, rule, inherited, is_key, score, char_start, char_end) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        quotes,
    )
    conn.executemany(
        "INSERT INTO officials (id, article_id, person_id, position, name, title, organization, mentions, "
        "evidence, char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        officials,
    )
    conn.executemany(
        "INSERT INTO questions (id, article_id, position, question, category, evidence, priority, status, "
        "char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        questions,
    )
    quotes.clear()
    officials.clear()
    questions.clear()


def _built_figures(path: Path) -> dict[str, Any]:
    """The figures of the build that made the database at ``path`` (it is reused)."""
    conn = sqlite3.connect(path)
    try:
        return dict(json.loads(conn.execute("SELECT figures FROM _bench_meta").fetchone()[0]))
    finally:
        conn.close()


def _is_built(path: Path, articles: int, quotes_per_article: int) -> bool:
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(path)
        row = conn.execute("SELECT articles, quotes_per_article, version FROM _bench_meta").fetchone()
        conn.close()
    except sqlite3.Error:
        return False
    return row == (articles, quotes_per_article, BUILD_VERSION)


def queries(store: Store, n: int, seed: int = 11) -> list[tuple[str, RecallScope | None]]:
    """A fixed mix of what people type, with the scope each is asked from."""
    rnd = random.Random(seed)
    db = store.db
    max_person = db.execute("SELECT max(id) FROM people").fetchone()[0]
    max_quote = db.execute("SELECT max(id) FROM quotes").fetchone()[0]

    def person() -> str:
        # people weighted as they are quoted: mostly the often quoted, sometimes anyone
        pid = rnd.randint(1, 50) if rnd.random() < 0.5 else rnd.randint(1, max_person)
        return db.execute("SELECT name FROM people WHERE id = ?", [pid]).fetchone()[0]

    def quote_words(k: int) -> list[str]:
        text = db.execute("SELECT text FROM quotes WHERE id = ?", [rnd.randint(1, max_quote)]).fetchone()[0]
        words = text.split()
        i = rnd.randrange(max(1, len(words) - k))
        return words[i : i + k]

    makers = [
        lambda: person().split()[-1],  # a surname
        lambda: person(),  # a full name
        lambda: person(),
        lambda: quote_words(1)[0],  # one word (often a common one)
        lambda: " ".join(quote_words(2)),  # two words
        lambda: '"' + " ".join(quote_words(3)) + '"',  # a quoted phrase
        lambda: rnd.choice(TITLES).lower(),  # a title
        lambda: f"{quote_words(1)[0]} since:{2025 + rnd.randint(0, 1)}-0{rnd.randint(1, 9)}-01",
        lambda: f"{person().split()[-1]} in:#{rnd.choice(PUBLIC)}",
        lambda: "is:open",
        lambda: f"{quote_words(1)[0]} is:open",
        lambda: f"type:people {rnd.choice(TITLES).split()[-1]}",
        lambda: "".join(rnd.choice("\"*():^-+ ORANDNEAR{}[]\\'%;") for _ in range(rnd.randint(5, 60))),
        lambda: "zzqx " * rnd.randint(1, 1000),
    ]
    out = []
    for _ in range(n):
        scope: RecallScope | None
        r = rnd.random()
        if r < 0.6:
            scope = RecallScope(TEAM, rnd.choice(PUBLIC), False)
        elif r < 0.9:
            scope = RecallScope(TEAM, rnd.choice(PRIVATE), True)
        else:
            scope = None
        out.append((rnd.choice(makers)(), scope))
    return out


def digest(i: int, rnd: random.Random) -> Extraction:
    """A realistic digest: 10 quotes, 4 officials, 3 questions, some of them people already stored."""
    names = [f"Bench{i} Speaker{k}" for k in range(2)] + ["Known Person"] * 0
    body = f"Benchmark article {i}. " + " ".join(f"word{rnd.randint(0, 9999)}" for _ in range(600))
    quotes = [
        Quote(
            text=f"quote {i}-{k} about word{rnd.randint(0, 999)}",
            start=0,
            end=5,
            speaker=names[k % 2],
            speaker_kind="person",
            speaker_title="minister",
            sentence="s",
            key=k < 3,
            score=1.0,
        )
        for k in range(10)
    ]
    officials = [Official(name=n, title="minister", organization="Ministry") for n in names]
    questions = [
        Question(question=f"Question {k}?", category="pending decision", evidence="e", start=0, end=1)
        for k in range(3)
    ]
    return Extraction(
        text=body,
        quotes=quotes,
        officials=officials,
        questions=questions,
        title=f"Bench {i}",
        url=f"https://bench.example/{i}-{rnd.random()}",
    )


def measure(path: Path, n_queries: int, n_digests: int) -> dict[str, Any]:
    """Recall latency over the query mix, and the cost of save_digest, on the database at ``path``."""
    store = Store(path)
    mix = queries(store, n_queries)
    for text, scope in mix[:20]:  # warm the page cache as a running server's would be
        recall(store, text, scope=scope)
    times: list[float] = []
    cpu: list[float] = []
    by_kind: dict[str, list[float]] = {}
    slowest: list[tuple[float, str]] = []
    for text, scope in mix:
        c0, t0 = time.process_time(), time.perf_counter()
        result = recall(store, text, scope=scope)
        elapsed = time.perf_counter() - t0
        cpu.append(time.process_time() - c0)
        times.append(elapsed)
        kind = "person" if result.person_mode else ("filters" if ":" in text else "words")
        by_kind.setdefault(kind, []).append(elapsed)
        slowest.append((elapsed, text[:60]))
    rnd = random.Random(5)
    saves: list[float] = []
    save_cpu: list[float] = []
    forgets: list[float] = []
    for i in range(-WARM_SAVES, n_digests):  # the first few, untimed, warm what a running server has warm
        ex = digest(i, rnd)
        sighting = Sighting(
            team=TEAM, channel=rnd.choice(PUBLIC), message_ts=f"9{i}.0", permalink="https://x.example/p"
        )
        c0, t0 = time.process_time(), time.perf_counter()
        saved = store.save_digest(ex, sighting)
        wall, cpu_s = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        store.forget(str(saved.article_id))
        if i >= 0:
            saves.append(wall)
            save_cpu.append(cpu_s)
            forgets.append(time.perf_counter() - t0)
    store.close()
    ms = lambda xs, p: round(percentile(xs, p) * 1000, 2)  # noqa: E731
    out: dict[str, Any] = {
        "queries": len(times),
        "p50_ms": ms(times, 50),
        "p95_ms": ms(times, 95),
        "max_ms": round(max(times) * 1000, 1),
        "mean_ms": round(statistics.fmean(times) * 1000, 2),
        "cpu_p95_ms": ms(cpu, 95),
        "save_p50_ms": ms(saves, 50),
        "save_p95_ms": ms(saves, 95),
        "save_cpu_p95_ms": ms(save_cpu, 95),
        "forget_p50_ms": ms(forgets, 50),
        "slowest": [f"{t * 1000:.1f} ms {q!r}" for t, q in sorted(slowest, reverse=True)[:5]],
    }
    for kind, xs in sorted(by_kind.items()):
        out[f"p95_ms_{kind}"] = ms(xs, 95)
    return out


def run(
    articles: int | Sequence[int] = 100_000,
    quotes_per_article: int = 10,
    *,
    quick: bool = False,
    queries_per_size: int = 400,
    digests: int = 100,
    folder: str = "/tmp",
    rebuild: bool = False,
) -> dict[str, Any]:
    """Build (or reuse) a synthetic database per size and measure it; figures are suffixed with the size.

    The largest size's figures are also given without a suffix (``p95_ms``, ``save_p95_ms``…).
    """
    sizes = [10_000] if quick else ([articles] if isinstance(articles, int) else list(articles))
    result: dict[str, Any] = {"quotes_per_article": quotes_per_article}
    for size in sizes:
        path = Path(folder) / f"legwork-bench-recall-{size}-{quotes_per_article}.db"
        if rebuild or not _is_built(path, size, quotes_per_article):
            figures = build(path, size, quotes_per_article)
        else:
            figures = {**_built_figures(path), "reused": str(path)}
        figures.update(measure(path, queries_per_size, digests))
        for key, value in figures.items():
            result[f"{key}_{size}"] = value
        result.update(figures)
        result["articles"] = size
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.recall", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles", type=int, action="append", help="stored articles (repeat for several sizes)"
    )
    parser.add_argument("--quotes-per-article", type=int, default=10)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--quick", action="store_true", help="10,000 articles")
    parser.add_argument("--rebuild", action="store_true", help="build the database again even if it exists")
    args = parser.parse_args(argv)
    result = run(
        args.articles or 100_000,
        args.quotes_per_article,
        quick=args.quick,
        queries_per_size=args.queries,
        rebuild=args.rebuild,
    )
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
