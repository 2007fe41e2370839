"""The database schema, as a sqlite-utils migration set. Safe to apply again: applied steps are skipped.

Tables (every extracted row belongs to one article and goes with it, ``ON DELETE CASCADE``):

    requests           the Slack de-duplication ledger (``bot.jobs.queue``), each key with its job
    jobs               the durable job queue: every acknowledged request until it is answered (bot.jobs.queue)
    articles           one row per distinct article (same URL or same normalised text = same article)
    article_keys       "url:<normalised url>" and "text:<sha256 of normalised text>" -> article
    sightings          where and when an article was digested: team, channel, private?, message, permalink
    channels           channel names seen, so that ``in:#name`` finds a channel id
    people             one row per person across articles (fullest name, surname, every spelling)
    person_names       normalised spellings -> person ("khawaja asif", "asif" -> the same person)
    quotes             quotes with speaker, title and offsets; ``person_id`` for a named speaker
    officials          named officials with the title and organisation as each article gives them
    anonymous_sources  unnamed sources as each article describes them
    questions          open questions (``status`` is the pre-m005 flag for every channel, no longer written)
    question_states    a question's state in one channel: open / answered / not_needed / taken, by, answer
    question_events    every change of a question's state, so that Undo steps back (bot.store.questions)

Full-text search (FTS5, Porter stemming, accents folded, kept current by triggers) covers articles
(title, byline, site), quotes, people, officials (name, title, organisation), anonymous sources and
questions, so ``datasette legwork.db`` offers search on each of them.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("legwork")

FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"

# table -> columns indexed for full-text search
FTS_COLUMNS: dict[str, list[str]] = {
    "articles": ["title", "byline", "site"],
    "quotes": ["text", "speaker", "speaker_title"],
    "people": ["name", "aliases"],
    "officials": ["name", "title", "organization"],
    "anonymous_sources": ["description", "reason"],
    "questions": ["question", "evidence"],
}


@migrations()
def m001_requests(db: Database) -> None:
    """The de-duplication ledger: one row per Slack delivery, claimed atomically before any work."""
    db.table("requests").create(
        {"key": str, "status": str, "claimed_at": float, "finished_at": float, "attempts": int},
        pk="key",
        not_null={"status", "claimed_at"},
    )


_SCHEMA = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT,
    title TEXT,
    byline TEXT,
    published TEXT,
    site TEXT,
    date TEXT NOT NULL,              -- YYYY-MM-DD: the published date, else the day it was first seen
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,         -- sha256 of the normalised text
    notes TEXT NOT NULL DEFAULT '[]',
    created_at REAL NOT NULL,
    last_seen_at REAL NOT NULL
);
CREATE INDEX articles_date ON articles (date, id);
CREATE INDEX articles_last_seen ON articles (last_seen_at);

CREATE TABLE article_keys (
    key TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX article_keys_article ON article_keys (article_id);

CREATE TABLE sightings (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    team TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT '',
    channel_private INTEGER NOT NULL DEFAULT 0,
    message_ts TEXT,
    thread_ts TEXT,
    user TEXT,
    permalink TEXT,
    seen_at REAL NOT NULL
);
CREATE INDEX sightings_article ON sightings (article_id, team, channel_private, channel);
CREATE INDEX sightings_channel ON sightings (team, channel, seen_at);
CREATE INDEX sightings_seen ON sightings (seen_at);
CREATE UNIQUE INDEX sightings_message ON sightings (article_id, team, channel, message_ts)
    WHERE message_ts IS NOT NULL;

CREATE TABLE channels (
    team TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    private INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (team, id)
);
CREATE INDEX channels_name ON channels (team, name);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,              -- the fullest spelling seen
    key TEXT NOT NULL,               -- its normalised form
    surname TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '', -- every spelling seen, ' | '-separated
    created_at REAL NOT NULL
);
CREATE INDEX people_surname ON people (surname);

CREATE TABLE person_names (
    key TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (key, person_id)
) WITHOUT ROWID;
CREATE INDEX person_names_person ON person_names (person_id);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'direct',
    speaker TEXT,
    speaker_title TEXT,
    speaker_kind TEXT NOT NULL DEFAULT 'none',
    speaker_text TEXT,
    sentence TEXT NOT NULL DEFAULT '',
    cue TEXT,
    rule TEXT NOT NULL DEFAULT '',
    inherited INTEGER NOT NULL DEFAULT 0,
    is_key INTEGER NOT NULL DEFAULT 0,
    score REAL NOT NULL DEFAULT 0,
    char_start INTEGER NOT NULL DEFAULT 0,
    char_end INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX quotes_article ON quotes (article_id, position);
CREATE INDEX quotes_person ON quotes (person_id);

CREATE TABLE officials (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    organization TEXT NOT NULL DEFAULT '',
    mentions INTEGER NOT NULL DEFAULT 1,
    evidence TEXT NOT NULL DEFAULT '',
    char_start INTEGER NOT NULL DEFAULT 0,
    char_end INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX officials_article ON officials (article_id, position);
CREATE INDEX officials_person ON officials (person_id);

CREATE TABLE anonymous_sources (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'anonymous',
    reason TEXT,
    reason_given INTEGER NOT NULL DEFAULT 0,
    evidence TEXT NOT NULL DEFAULT '',
    char_start INTEGER NOT NULL DEFAULT 0,
    char_end INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX anonymous_sources_article ON anonymous_sources (article_id, position);

CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    priority INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered')),
    status_by TEXT,
    status_at REAL,
    char_start INTEGER NOT NULL DEFAULT 0,
    char_end INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX questions_article ON questions (article_id, position);
CREATE INDEX questions_status ON questions (status, article_id);
"""


@migrations()
def m002_articles(db: Database) -> None:
    """Articles, sightings, people and everything extracted, with full-text search kept by triggers."""
    db.executescript(_SCHEMA)
    for table, columns in FTS_COLUMNS.items():
        db.table(table).enable_fts(columns, create_triggers=True, tokenize=FTS_TOKENIZE)


@migrations()
def m003_jobs(db: Database) -> None:
    """The durable job queue (``bot.jobs.queue``): every acknowledged request as data, worked off from here.

    ``posted`` counts the replies already out, so a job resumed after a crash does not post them again.
    ``requests.job_id`` ties a ledger key to its job: a key whose job is still queued or running is never
    taken for stale, so a redelivery during a long backlog does not start a second job.
    """
    db.execute(
        "CREATE TABLE jobs ("
        "id INTEGER PRIMARY KEY, "
        "kind TEXT NOT NULL, "  # digest | help | recall | usage
        "payload TEXT NOT NULL DEFAULT '{}', "  # the request as JSON; emptied once the job is finished
        "status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')), "
        "created_at REAL NOT NULL, "
        "started_at REAL, "
        "finished_at REAL, "
        "attempts INTEGER NOT NULL DEFAULT 0, "  # how many times a worker started it
        "posted INTEGER NOT NULL DEFAULT 0)"  # reply messages already posted
    )
    db.execute("CREATE INDEX jobs_status ON jobs (status, id)")
    db.execute("ALTER TABLE requests ADD COLUMN job_id INTEGER")


@migrations()
def m004_job_leases(db: Database) -> None:
    """Job leases (``bot.jobs.queue``): the server working a job (``owner``) and until when its claim holds
    (``lease_until``, renewed while it lives), so several servers can share one database's queue."""
    db.execute("ALTER TABLE jobs ADD COLUMN owner TEXT")
    db.execute("ALTER TABLE jobs ADD COLUMN lease_until REAL")


_QUESTION_STATES = """
CREATE TABLE question_states (
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    team TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'answered', 'not_needed', 'taken')),
    user TEXT,
    at REAL NOT NULL,
    answer TEXT,
    answer_source TEXT,
    PRIMARY KEY (question_id, team, channel)
);
CREATE INDEX question_states_channel ON question_states (team, channel, state, at);
CREATE INDEX question_states_user ON question_states (team, user, state);

CREATE TABLE question_events (
    id INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    team TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,
    state TEXT NOT NULL,
    user TEXT,
    at REAL NOT NULL,
    answer TEXT,
    answer_source TEXT,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX question_events_question ON question_events (question_id, team, channel, id);
"""


@migrations()
def m005_question_states(db: Database) -> None:
    """Question state per channel (``bot.store.questions``): open / answered / not needed / taken, by whom,
    when, the answer and its source; ``question_events`` keeps every change so that Undo can step back.
    A question answered in one channel is answered only there. Questions marked answered before this step
    (``questions.status``, one flag for every channel) become answered in each channel that digested them."""
    db.executescript(_QUESTION_STATES)
    db.execute(
        "INSERT OR IGNORE INTO question_states (question_id, team, channel, state, user, at) "
        "SELECT DISTINCT qn.id, s.team, s.channel, 'answered', qn.status_by, "
        "coalesce(qn.status_at, s.seen_at) FROM questions qn JOIN sightings s ON "
        "s.article_id = qn.article_id "
        "WHERE qn.status = 'answered'"
    )
    db.execute(
        "INSERT INTO question_events (question_id, team, channel, state, user, at) "
        "SELECT question_id, team, channel, state, user, at FROM question_states"
    )
