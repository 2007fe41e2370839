"""Operator commands on the store: recall (the operator sees every channel), forget, export and prune."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.models import Extraction, Official, Question, Quote, Sighting
from bot.store import questions
from bot.store.storage import Store


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    """A database with one public and one private digest, named by LEGWORK_DB."""
    path = tmp_path / "cli.db"
    monkeypatch.setenv("LEGWORK_DB", str(path))
    monkeypatch.delenv("LEGWORK_RETENTION_DAYS", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env
    store = Store(path)
    for i, (channel, private, quote) in enumerate(
        [("C1", False, "We will decide soon."), ("G1", True, "The memo was never approved.")]
    ):
        store.save_digest(
            Extraction(
                text=f"article {i}: {quote}",
                url=f"https://cli.example/{i}",
                title=f"Story {i}",
                published="2025-10-28",
                quotes=[Quote(text=quote, start=0, end=5, speaker="Khawaja Asif", speaker_kind="person")],
                officials=[Official(name="Khawaja Asif", title="Defence Minister")],
                questions=[
                    Question(question=f"Question {i}?", category="unclear", evidence="x", start=0, end=1)
                ],
            ),
            Sighting(team="T1", channel=channel, channel_private=private, message_ts=f"{i}.0"),
        )
    store.close()
    return path


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("query", ["Asif"])
def test_cli_store_recall_sees_every_channel(db_path, query):
    """The operator's recall finds private and public material alike."""
    out = invoke("recall", query)
    assert out.exit_code == 0
    assert "We will decide soon." in out.output and "The memo was never approved." in out.output


@pytest.mark.parametrize("query", ['Asif "decide soon"'])
def test_cli_store_recall_json(db_path, query):
    """--json prints the result's sections and totals."""
    data = json.loads(invoke("recall", "--json", query).output)
    assert [q["text"] for q in data["quotes"]] == ["We will decide soon."]
    assert data["totals"]["quotes"] == 1


@pytest.mark.parametrize("query", ["\" NEAR( '; DROP TABLE quotes; --"])
def test_cli_store_recall_hostile_query_is_calm(db_path, query):
    """A hostile query is 'no matches' with a hint, exit status 0."""
    out = invoke("recall", query)
    assert out.exit_code == 0 and "No matches" in out.output


@pytest.mark.parametrize("target", ["https://cli.example/1", "2"])
def test_cli_store_forget(db_path, target):
    """forget URL|ID removes the article; a second forget says there is nothing to remove."""
    assert invoke("forget", target).exit_code == 0
    assert "never approved" not in invoke("recall", "Asif").output
    again = CliRunner().invoke(cli, ["forget", target])
    assert again.exit_code != 0 and "no stored article" in again.output


@pytest.mark.parametrize("fmt", ["json"])
def test_cli_store_export_json(db_path, fmt):
    """export --format json is one JSON array of articles with quotes, questions and sightings."""
    data = json.loads(invoke("export", "--format", fmt).output)
    assert [a["title"] for a in data] == ["Story 0", "Story 1"]
    assert data[1]["quotes"][0]["text"] == "The memo was never approved."
    assert data[1]["sightings"][0]["channel"] == "G1" and data[0]["question_status"][0]["state"] == "open"


def test_cli_store_export_carries_each_channels_question_state(db_path):
    """A question answered in its channel is exported answered there, with who answered and the answer."""
    store = Store(db_path)
    (qid,) = [q["id"] for q in questions.channel_questions(store, "T1", "C1")]
    questions.record_answer(
        store, qid, team="T1", channel="C1", user="U7", answer="Yes, in May", source="the memo"
    )
    store.close()
    data = json.loads(invoke("export", "--format", "json").output)
    (state,) = data[0]["question_status"]
    shown = (state["channel"], state["state"], state["user"], state["answer"])
    assert shown == ("C1", "answered", "U7", "Yes, in May")
    assert data[1]["question_status"][0]["state"] == "open"
    invoke("export", "--format", "csv", "--table", "question_states", "--output", "states.csv")
    (row,) = csv.DictReader(io.StringIO((db_path.parent / "states.csv").read_text(encoding="utf-8")))
    assert (row["channel"], row["state"], row["answer_source"]) == ("C1", "answered", "the memo")


@pytest.mark.parametrize("table,column", [("quotes", "speaker"), ("people", "name"), ("questions", "status")])
def test_cli_store_export_csv(db_path, table, column, tmp_path):
    """export --format csv writes one table with a header row, to a file with --output."""
    out_file = tmp_path / f"{table}.csv"
    assert invoke("export", "--format", "csv", "--table", table, "--output", str(out_file)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8"))))
    assert rows and column in rows[0]


@pytest.mark.parametrize("days", ["30"])
def test_cli_store_prune(db_path, days, monkeypatch):
    """prune removes material not seen for the retention period; with retention off it says so."""
    assert "retention is off" in invoke("prune").output
    store = Store(db_path)
    store.db.execute("UPDATE sightings SET seen_at = ? WHERE channel = 'G1'", [time.time() - 90 * 86400])
    store.close()
    monkeypatch.setenv("LEGWORK_RETENTION_DAYS", days)
    assert "pruned 1 article" in invoke("prune").output
    assert "never approved" not in invoke("recall", "Asif").output


# -- odd input and safe exports (issue #17) ----------------------------------------------------------------


@pytest.mark.parametrize("target", ["99999999999999999999999999999", "\u00b2", "\u0661", "0", "1.0"])
def test_cli_store_forget_odd_targets_match_nothing_and_delete_nothing(db_path, target):
    out = CliRunner().invoke(cli, ["forget", target], catch_exceptions=False)
    assert out.exit_code != 0 and "no stored article" in out.output
    assert "Story 0" in invoke("export").output and "Story 1" in invoke("export").output


@pytest.fixture
def formula_db(db_path):
    store = Store(db_path)
    store.save_digest(
        Extraction(
            text="=HYPERLINK(x) said the clerk.",
            url="https://cli.example/formula",
            title="@SUM(1+1)",
            quotes=[
                Quote(text='=HYPERLINK("https://evil.example","click")', start=0, end=5, speaker="+Jo Doe"),
                Quote(text="-2+3 is the answer", start=0, end=5, speaker="Kim Lee"),
            ],
        ),  # fmt: skip
        Sighting(team="T1", channel="C1", message_ts="9.0"),
    )
    store.close()
    return db_path


def test_cli_store_csv_cells_never_start_a_formula(formula_db, tmp_path):
    out_file = tmp_path / "quotes.csv"
    assert invoke("export", "--format", "csv", "--output", str(out_file)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8"))))
    cells = [v for row in rows for v in row.values() if v]
    assert '\'=HYPERLINK("https://evil.example","click")' in cells and "'+Jo Doe" in cells
    assert "'-2+3 is the answer" in cells and "'@SUM(1+1)" in cells
    assert not [c for c in cells if c[0] in "=+-@"]


def test_cli_store_export_files_are_owner_only(db_path, tmp_path):
    import os

    old = os.umask(0o002)
    try:
        for fmt in ("csv", "json"):
            out_file = tmp_path / f"export.{fmt}"
            out_file.write_text("")
            out_file.chmod(0o644)  # an existing file, readable by all
            assert invoke("export", "--format", fmt, "--output", str(out_file)).exit_code == 0
            assert out_file.stat().st_mode & 0o777 == 0o600, fmt
    finally:
        os.umask(old)
