"""People across articles: one person for the spellings of a name in different articles.

"Asif", "Khawaja Asif" and "Khawaja Muhammad Asif" are one person when nothing else fits; a name joins an
earlier person only where that is unambiguous. Names are compared as ``bot.store.keys.name_tokens``
(accents folded, the extraction's honorifics dropped). Runs inside the store's write transaction
(``bot.store.storage``).
"""

from __future__ import annotations

from sqlite_utils import Database

from bot.store.keys import display_name, name_tokens


def link_person(db: Database, name: str, now: float) -> int | None:
    """The person a name belongs to, joined to an earlier spelling where that is unambiguous."""
    tokens = name_tokens(name)
    if not tokens:
        return None
    key = " ".join(tokens)
    exact = [r[0] for r in db.execute("SELECT person_id FROM person_names WHERE key = ?", [key]).fetchall()]
    if exact:
        pid = min(exact)
    else:
        candidates = compatible(db, tokens)
        pid = candidates[0][0] if len(candidates) == 1 else None
    if pid is None:
        cur = db.execute(
            "INSERT INTO people (name, key, surname, aliases, created_at) VALUES (?, ?, ?, ?, ?)",
            [display_name(name), key, tokens[-1], name, now],
        )
        pid = int(cur.lastrowid)  # type: ignore[arg-type]
    else:
        row = db.execute("SELECT name, key, aliases FROM people WHERE id = ?", [pid]).fetchone()
        aliases = row[2].split(" | ") if row[2] else []
        fuller = len(tokens) > len(row[1].split())
        if name not in aliases or fuller:
            if name not in aliases:
                aliases.append(name)
            db.execute(
                "UPDATE people SET name = ?, key = ?, aliases = ? WHERE id = ?",
                [
                    display_name(name) if fuller else row[0],
                    key if fuller else row[1],
                    " | ".join(aliases),
                    pid,
                ],
            )
    db.execute("INSERT OR IGNORE INTO person_names (key, person_id) VALUES (?, ?)", [key, pid])
    return pid


def rebuild_person(db: Database, pid: int) -> None:
    """After removals: a person keeps only the spellings remaining articles use, or goes altogether."""
    names = [
        r[0]
        for r in db.execute(
            "SELECT speaker FROM quotes WHERE person_id = ? AND speaker IS NOT NULL UNION SELECT name "
            "FROM officials WHERE person_id = ?",
            [pid, pid],
        ).fetchall()
    ]
    db.execute("DELETE FROM person_names WHERE person_id = ?", [pid])
    if not names:
        db.execute("DELETE FROM people WHERE id = ?", [pid])
        return
    fullest = max(names, key=lambda n: (len(name_tokens(n)), len(n)))
    db.execute(
        "UPDATE people SET name = ?, key = ?, aliases = ? WHERE id = ?",
        [display_name(fullest), " ".join(name_tokens(fullest)), " | ".join(sorted(names)), pid],
    )
    db.conn.executemany(
        "INSERT OR IGNORE INTO person_names (key, person_id) VALUES (?, ?)",
        [(" ".join(name_tokens(n)), pid) for n in names if name_tokens(n)],
    )


def compatible(db: Database, tokens: list[str]) -> list[tuple[int, list[str]]]:
    """People whose fullest name fits ``tokens``.

    The same surname ("Asif" ~ "Khawaja Asif" ~ "Khawaja Muhammad Asif"), or a name that extends it
    ("Rana Sanaullah" ~ "Rana Sanaullah Khan").
    """
    out: dict[int, list[str]] = {}
    for pid, key in db.execute("SELECT id, key FROM people WHERE surname = ?", [tokens[-1]]).fetchall():
        other = key.split()
        if (
            len(tokens) == 1
            or len(other) == 1
            or (_same(other[0], tokens[0]) and (_subsequence(other, tokens) or _subsequence(tokens, other)))
        ):
            out[pid] = other
    if len(tokens) >= 2:
        prefix = " ".join(tokens)
        shorter = [" ".join(tokens[:k]) for k in range(2, len(tokens))]
        rows = db.execute(
            "SELECT n.person_id, p.key FROM person_names n JOIN people p ON p.id = n.person_id WHERE n.key "
            f"IN ({', '.join(['?'] * len(shorter)) or 'NULL'}) OR (n.key >= ? AND n.key < ?)",
            [*shorter, prefix + " ", prefix + "!"],
        ).fetchall()
        for pid, key in rows:
            out.setdefault(pid, key.split())
    return list(out.items())


def _same(a: str, b: str) -> bool:
    """Two name tokens that may be the same: equal, or one the other's initial ("k" ~ "khawaja")."""
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _subsequence(short: list[str], long: list[str]) -> bool:
    """True when the tokens of ``short`` appear in ``long`` in order (initials allowed)."""
    it = iter(long)
    return all(any(_same(tok, other) for other in it) for tok in short)


def resolve_people(db: Database, name: str) -> list[int]:
    """Every person a typed name may mean: exact spellings first, then compatible fuller names."""
    tokens = name_tokens(name)
    if not tokens:
        return []
    key = " ".join(tokens)
    found = [r[0] for r in db.execute("SELECT person_id FROM person_names WHERE key = ?", [key]).fetchall()]
    for pid, _ in compatible(db, tokens):
        if pid not in found:
            found.append(pid)
    return found
