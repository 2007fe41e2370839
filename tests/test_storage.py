"""Storage: one digest per transaction, de-duplication with sightings, people across articles, open questions,
forget and retention. Extractions are written by hand here; one test stores the real seed extraction."""

from __future__ import annotations

import threading
import time

import pytest

from bot.errors import InputError
from bot.jobs import queue
from bot.models import AnonymousSource, Extraction, Official, Question, Quote, Sighting
from bot.store import questions
from bot.store.keys import name_tokens, normalise_url, text_hash
from bot.store.storage import Store
from bot.wordlists import words

TEXT = 'Defence Minister Khawaja Asif said: "This has to be finalized." Officials declined to comment.'


def article(
    text: str = TEXT,
    *,
    url: str | None = "https://news.example/troops",
    speaker: str = "Khawaja Asif",
    title: str = "Defence Minister",
    quote: str = "This has to be finalized.",
    questions: int = 1,
    published: str | None = "2025-10-28",
) -> Extraction:
    """A short hand-written digest: one quote, one official, one anonymous source, some questions."""
    return Extraction(
        text=text,
        title=f"Troops: {quote[:20]}",
        url=url,
        published=published,
        quotes=[
            Quote(
                text=quote,
                start=0,
                end=len(quote),
                speaker=speaker,
                speaker_kind="person",
                speaker_title=title,
                key=True,
                score=1.0,
            )
        ],
        officials=[Official(name=speaker, title=title, organization="Pakistan")],
        anonymous_sources=[
            AnonymousSource(
                description="officials familiar with the deliberations",
                reason="sensitivity of the matter",
                reason_given=True,
            )
        ],
        questions=[
            Question(
                question=f"Open point {i}?", category="pending decision", evidence="has to be", start=0, end=9
            )
            for i in range(questions)
        ],
    )


def seen(
    channel: str = "C1", *, private: bool = False, ts: str = "1.0", team: str = "T1", at: float = 0.0
) -> Sighting:
    return Sighting(
        team=team,
        channel=channel,
        channel_private=private,
        message_ts=ts,
        thread_ts=ts,
        user="U1",
        permalink=f"https://example.slack.com/archives/{channel}/p{ts.replace('.', '')}",
        seen_at=at,
    )


def count(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]


@pytest.mark.parametrize("times", [2])
def test_storage_migrations_apply_again_safely(tmp_path, times):
    """Opening the same file again applies nothing twice and keeps the data."""
    first = Store(tmp_path / "x.db")
    first.save_digest(article(), seen())
    first.close()
    for _ in range(times):
        again = Store(tmp_path / "x.db")
        assert count(again, "articles") == 1
        assert again.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert again.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        again.close()


@pytest.mark.parametrize("key", ["ev:T1:Ev1"])
def test_storage_ledger_claims_once(store, key):
    """The Slack de-duplication ledger still claims a delivery once, and again after a failure."""
    job_id = queue.enqueue(store, [key], "digest", {})
    assert job_id is not None
    assert queue.enqueue(store, [key], "digest", {}) is None
    queue.finish(store, job_id, [key], ok=False)
    assert queue.enqueue(store, [key], "digest", {}) is not None


@pytest.mark.parametrize("n_questions", [2])
def test_storage_save_digest_stores_everything_once(store, n_questions):
    """A new digest is stored with its quotes, official, source and questions, and question ids in order."""
    result = store.save_digest(article(questions=n_questions), seen())
    assert result.new is True and result.earlier == []
    assert len(result.question_ids) == n_questions
    for table, n in [
        ("articles", 1),
        ("quotes", 1),
        ("officials", 1),
        ("anonymous_sources", 1),
        ("questions", n_questions),
        ("sightings", 1),
        ("people", 1),
    ]:
        assert count(store, table) == n, table
    rows = store.db.execute("SELECT id FROM questions ORDER BY position").fetchall()
    assert [r[0] for r in rows] == result.question_ids


@pytest.mark.parametrize(
    "second",
    [
        dict(url="https://www.news.example/troops/?utm_source=twitter#top"),  # the same link, decorated
        dict(
            url=None, text="  " + TEXT.replace('"', "“", 1).replace('"', "”").replace(" ", "\n", 3)
        ),  # pasted
    ],
)
def test_storage_same_article_twice_is_one_article_with_two_sightings(store, second):
    """The same URL, or the same text pasted again, is stored once; the second save says where it was seen."""
    first = store.save_digest(article(), seen("C1", ts="1.0"))
    again = store.save_digest(article(**second), seen("C2", ts="2.0"))
    assert again.new is False and again.article_id == first.article_id
    assert [(s.channel, s.message_ts) for s in again.earlier] == [("C1", "1.0")]
    assert again.earlier[0].permalink.endswith("/C1/p10")
    assert again.question_ids == first.question_ids
    assert count(store, "articles") == 1 and count(store, "quotes") == 1 and count(store, "sightings") == 2


@pytest.mark.parametrize("other_private", [True])
def test_storage_earlier_sightings_hide_other_private_channels(store, other_private):
    """A sighting in a private channel is not revealed when the article is posted elsewhere."""
    store.save_digest(article(), seen("G-secret", private=other_private, ts="1.0"))
    store.save_digest(article(), seen("C-public", ts="2.0"))
    again = store.save_digest(article(), seen("C-other", ts="3.0"))
    assert [s.channel for s in again.earlier] == ["C-public"]
    in_secret = store.save_digest(article(), seen("G-secret", private=True, ts="4.0"))
    assert [s.channel for s in in_secret.earlier] == ["G-secret", "C-public", "C-other"]


@pytest.mark.parametrize("ts", ["1.0"])
def test_storage_retried_delivery_adds_no_second_sighting(store, ts):
    """Saving the same Slack message twice (a retried job) records one sighting, not an earlier one."""
    store.save_digest(article(), seen(ts=ts))
    again = store.save_digest(article(), seen(ts=ts))
    assert again.new is False and again.earlier == []
    assert count(store, "sightings") == 1


@pytest.mark.parametrize(
    "names",
    [
        ["Khawaja Asif", "Asif", "Khawaja Muhammad Asif"],
        ["Asif", "Khawaja Asif", "Mr Khawaja Muhammad Asif"],
        ["Rana Sanaullah", "Rana Sanaullah Khan"],
    ],
)
def test_storage_people_join_up_across_articles(store, names):
    """Spellings of one person in different articles become one person with the fullest name."""
    for i, name in enumerate(names):
        store.save_digest(
            article(f"text {i} {name}", url=f"https://n.example/{i}", speaker=name), seen(ts=f"{i}.0")
        )
    people = store.db.execute("SELECT name FROM people").fetchall()
    assert len(people) == 1
    assert people[0][0] == max(names, key=lambda n: len(n.split())).removeprefix("Mr ")


@pytest.mark.parametrize(
    "names,fullest",
    [
        (["Rashid Ahmed", "Sheikh Rashid Ahmed"], "Rashid Ahmed"),
        (["Alhaji Musa Bello", "Musa Bello"], "Musa Bello"),
        (["Robert Vance Jr", "Robert Vance"], "Robert Vance Jr"),
    ],
)
def test_storage_people_join_across_the_extractions_honorifics(store, names, fullest):
    """Across articles a name is matched without the honorifics the extraction strips within one article
    ("Sheikh", "Alhaji": one list, patterns/titles_honorifics.txt) and without a generational suffix."""
    for i, name in enumerate(names):
        store.save_digest(article(f"text {i}", url=f"https://n.example/{i}", speaker=name), seen(ts=f"{i}.0"))
    assert [r[0] for r in store.db.execute("SELECT name FROM people").fetchall()] == [fullest]


def test_storage_name_keys_drop_every_honorific_of_the_extraction():
    """One honorific list: every form of address the extraction knows is left out of a name's key."""
    for word in words("titles_honorifics"):
        assert name_tokens(f"{word.title()} Musa Bello") == ["musa", "bello"], word


@pytest.mark.parametrize("names", [["Imran Khan", "Sadiq Khan", "Khan"]])
def test_storage_ambiguous_surname_does_not_join(store, names):
    """Two people share a surname: a later bare surname is not given to either of them."""
    for i, name in enumerate(names):
        store.save_digest(article(f"text {i}", url=f"https://n.example/{i}", speaker=name), seen(ts=f"{i}.0"))
    ids = {
        name: store.db.execute("SELECT person_id FROM quotes WHERE speaker = ?", [name]).fetchone()[0]
        for name in names
    }
    assert len(set(ids.values())) == 3


@pytest.mark.parametrize("channel", ["C1"])
def test_storage_earlier_digests_count_visible_articles_quoting_an_official(store, channel):
    """The digest knows how many earlier articles, visible from this channel, quoted each official."""
    store.save_digest(article("one", url="https://n.example/1", quote="First."), seen("C1", ts="1.0"))
    store.save_digest(article("two", url="https://n.example/2", quote="Second."), seen("C2", ts="2.0"))
    store.save_digest(
        article("three", url="https://n.example/3", quote="Third."), seen("G9", private=True, ts="3.0")
    )
    result = store.save_digest(
        article("four", url="https://n.example/4", quote="Fourth."), seen(channel, ts="4.0")
    )
    assert result.earlier_digests == {"Khawaja Asif": 2}
    first = store.save_digest(
        article("five", url="https://n.example/5", speaker="Rana Sanaullah"), seen(ts="5.0")
    )
    assert first.earlier_digests == {}


@pytest.mark.parametrize("url", ["https://news.example/troops?utm_medium=social"])
def test_storage_recent_article_for_url_rebuilds_the_extraction(store, url):
    """A link digested recently comes back as the same Extraction, so it need not be fetched again."""
    ex = article()
    store.save_digest(ex, seen())
    again = store.recent_article_for_url(url)
    assert again is not None and again.to_dict() == ex.to_dict()
    assert store.recent_article_for_url(url, max_age_hours=0) is None
    assert store.recent_article_for_url("https://news.example/other") is None


@pytest.mark.parametrize("user", ["U42"])
def test_storage_open_questions_oldest_first_and_marking(store, user):
    """Questions to work in a channel come oldest digest first; an answered one leaves the list."""
    a = store.save_digest(
        article("one", url="https://n.example/1", questions=2), seen("C1", ts="1.0", at=100.0)
    )
    b = store.save_digest(
        article("two", url="https://n.example/2", questions=1), seen("C1", ts="2.0", at=200.0)
    )
    store.save_digest(article("three", url="https://n.example/3", questions=1), seen("C2", ts="3.0", at=50.0))

    def to_work() -> list[int]:
        return [q["id"] for q in questions.channel_questions(store, "T1", "C1")]

    assert to_work() == a.question_ids + b.question_ids
    state = questions.set_state(
        store, a.question_ids[0], team="T1", channel="C1", state="answered", user=user
    )
    assert state.state == "answered" and state.user == user and state.at
    assert to_work() == a.question_ids[1:] + b.question_ids
    assert questions.channel_questions(store, "T1", "C1")[0]["permalink"].endswith("/C1/p10")
    reopened = questions.set_state(store, a.question_ids[0], team="T1", channel="C1", state="open", user=user)
    assert reopened.state == "open"
    with pytest.raises(InputError):
        questions.set_state(store, 99999, team="T1", channel="C1", state="answered", user=user)


@pytest.mark.parametrize("status", ["closed", ""])
def test_storage_mark_question_refuses_unknown_status(store, status):
    """A state other than open / answered / not needed / taken is a clear error, not a database failure."""
    result = store.save_digest(article(), seen())
    with pytest.raises(InputError):
        questions.set_state(store, result.question_ids[0], team="T1", channel="C1", state=status, user="U1")


@pytest.mark.parametrize("repeat_status", ["answered"])
def test_storage_repeat_digest_keeps_question_status(store, repeat_status):
    """Posting the article again returns the same question ids and keeps their state."""
    first = store.save_digest(article(questions=2), seen(ts="1.0"))
    questions.set_state(store, first.question_ids[0], team="T1", channel="C1", state=repeat_status, user="U1")
    again = store.save_digest(article(questions=2), seen(ts="2.0"))
    assert again.question_ids == first.question_ids
    assert questions.state_of(store, first.question_ids[0], "T1", "C1").state == repeat_status
    assert questions.state_of(store, first.question_ids[1], "T1", "C1").state == "open"


@pytest.mark.parametrize("by", ["url", "id"])
def test_storage_forget_removes_the_article_and_everything_from_it(store, by):
    """forget(URL or id) removes the article, its extracted rows, its search entries and orphaned people."""
    kept = store.save_digest(
        article(
            "other", url="https://n.example/kept", speaker="Rana Sanaullah", quote="Nothing better than this."
        ),
        seen(),
    )
    gone = store.save_digest(article(), seen(ts="2.0"))
    target = "https://news.example/troops" if by == "url" else str(gone.article_id)
    assert store.forget(target) == 1
    assert count(store, "articles") == 1 and count(store, "quotes") == 1 and count(store, "questions") == 1
    assert count(store, "sightings") == 1 and count(store, "officials") == 1
    assert [r[0] for r in store.db.execute("SELECT name FROM people").fetchall()] == ["Rana Sanaullah"]
    assert (
        store.db.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'finalized'").fetchone()[0]
        == 0
    )
    assert (
        store.db.execute("SELECT count(*) FROM people_fts WHERE people_fts MATCH 'asif'").fetchone()[0] == 0
    )
    assert store.forget(target) == 0
    assert store.forget("no such thing") == 0
    assert store.extraction(kept.article_id) is not None


@pytest.mark.parametrize("days", [30])
def test_storage_prune_removes_material_not_seen_for_days(tmp_path, days):
    """Old sightings go; an article goes when it has no sighting left; retention also runs at start-up."""
    store = Store(tmp_path / "p.db")
    old = time.time() - (days + 5) * 86400
    store.save_digest(
        article("old", url="https://n.example/old", speaker="Old Person"), seen(ts="1.0", at=old)
    )
    store.save_digest(article("both", url="https://n.example/both"), seen(ts="2.0", at=old))
    store.save_digest(article("both", url="https://n.example/both"), seen(ts="3.0"))
    assert store.prune(0) == 0
    assert store.prune(days) == 1
    assert count(store, "articles") == 1 and count(store, "sightings") == 1
    assert [r[0] for r in store.db.execute("SELECT name FROM people").fetchall()] == ["Khawaja Asif"]
    store.save_digest(article("older", url="https://n.example/older"), seen(ts="4.0", at=old))
    store.close()
    reopened = Store(tmp_path / "p.db", retention_days=days)
    assert count(reopened, "articles") == 1
    reopened.close()


@pytest.mark.parametrize("threads", [6])
def test_storage_concurrent_saves_from_threads(store, threads):
    """Worker threads saving at once: no lost digest, no error, the shared article stored once."""
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            store.save_digest(
                article(f"text {i}", url=f"https://n.example/{i}", speaker=f"Person {i} Surname{i}"),
                seen(ts=f"{i}.0"),
            )
            store.save_digest(article(), seen(ts=f"{i}.5"))
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []
    assert count(store, "articles") == threads + 1
    assert count(store, "sightings") == threads * 2


def _save_in_process(path: str, i: int) -> None:
    store = Store(path)
    for k in range(3):
        store.save_digest(article(f"proc {i} {k}", url=f"https://n.example/p{i}/{k}"), seen(ts=f"{i}.{k}"))
    store.close()


@pytest.mark.parametrize("processes", [3])
def test_storage_concurrent_saves_from_processes(tmp_path, processes):
    """Several processes writing one file queue on the lock instead of failing."""
    import multiprocessing

    path = str(tmp_path / "shared.db")
    Store(path).close()
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_save_in_process, args=(path, i)) for i in range(processes)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * processes
    store = Store(path)
    assert count(store, "articles") == processes * 3
    assert count(store, "people") == 1
    store.close()


@pytest.mark.parametrize(
    "a,b",
    [
        ("https://www.Example.com/a/?utm_source=x&id=3#frag", "https://example.com/a?id=3"),
        ("http://example.com/a", "https://example.com/a/"),
    ],
)
def test_storage_normalise_url_treats_decorated_links_alike(a, b):
    """Tracking parameters, fragments, www. and a trailing slash do not make a different article."""
    assert normalise_url(a) == normalise_url(b)


@pytest.mark.parametrize("a,b", [("He said “yes”.\n\nThen  left.", 'he said "yes". then left.')])
def test_storage_text_hash_ignores_typography(a, b):
    """The same text pasted with other quote marks, case or spacing hashes alike."""
    assert text_hash(a) == text_hash(b)


@pytest.mark.model
def test_storage_stores_the_seed_extraction(store, seed_extraction):
    """The real seed extraction is stored and comes back unchanged; each named speaker becomes a person."""
    ex = Extraction.from_dict(seed_extraction.to_dict())
    ex.url = "https://example.com/pakistan-gaza-isf"
    result = store.save_digest(ex, seen())
    assert result.new is True
    assert store.extraction(result.article_id).to_dict() == ex.to_dict()
    speakers = {q.speaker for q in ex.quotes if q.speaker_kind == "person" and q.speaker}
    people = {r[0] for r in store.db.execute("SELECT name FROM people").fetchall()}
    assert speakers <= people
    assert store.save_digest(ex, seen("C2", ts="2.0")).new is False


@pytest.mark.parametrize("bad_field", ["text"])
def test_storage_digest_is_one_transaction(store, bad_field):
    """A digest that fails half-way leaves nothing behind: no article, no sighting, no person."""
    from bot.errors import StorageError

    ex = article()
    setattr(ex.quotes[0], bad_field, None)  # NOT NULL: fails after the article and people are written
    with pytest.raises(StorageError):
        store.save_digest(ex, seen())
    for table in ("articles", "sightings", "people", "quotes", "officials", "article_keys"):
        assert count(store, table) == 0, table
    assert store.save_digest(article(), seen()).new is True


@pytest.mark.parametrize("memory", [True])
def test_storage_memory_store_works_like_a_file(memory):
    """Store(memory=True), for tests: the same verbs on an in-memory database."""
    store = Store(memory=memory)
    first = store.save_digest(article(), seen())
    assert store.save_digest(article(), seen("C2", ts="2.0")).earlier[0].channel == "C1"
    assert questions.channel_questions(store, "T1", "C1")[0]["id"] == first.question_ids[0]
    store.close()


@pytest.mark.parametrize("timeout", [0.2])
def test_storage_locked_database_is_a_clear_error(tmp_path, monkeypatch, timeout):
    """A writer that waits past the busy timeout gets a StorageError, not a raw sqlite3 error."""
    import sqlite3

    import bot.store.storage
    from bot.errors import StorageError

    monkeypatch.setattr(bot.store.storage, "BUSY_TIMEOUT_SECONDS", timeout)
    store = Store(tmp_path / "locked.db")
    first = store.save_digest(article(), seen())
    other = sqlite3.connect(tmp_path / "locked.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError):
            store.save_digest(article("another", url="https://n.example/x"), seen(ts="2.0"))
        with pytest.raises(StorageError):
            questions.set_state(store, first.question_ids[0], team="T1", channel="C1", state="taken", user="")
        # reads go on while a writer holds the lock (WAL)
        assert questions.channel_questions(store, "T1", "C1")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.save_digest(article("another", url="https://n.example/x"), seen(ts="2.0")).new is True
    store.close()


@pytest.mark.parametrize("key", ["ev:T1:old"])
def test_storage_upgrades_a_ledger_only_database(tmp_path, key):
    """A database from before storage (the ledger only) is upgraded in place, its ledger kept."""
    from sqlite_utils import Database

    from bot.store.migrations import migrations

    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="m002_articles")
    db.execute("INSERT INTO requests (key, status, claimed_at, attempts) VALUES (?, 'done', 1.0, 1)", [key])
    db.conn.commit()
    db.close()
    store = Store(tmp_path / "old.db")
    assert queue.enqueue(store, [key], "digest", {}) is None
    assert store.save_digest(article(), seen()).new is True
    store.close()
