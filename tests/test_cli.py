"""The extract command: the JSON contract, batches in input order, clear errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "pakistan-gaza-isf.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=120
    )


@pytest.mark.model
def test_cli_extract_json_has_the_contract_fields():
    cp = run("extract", "--json", str(SEED))
    assert cp.returncode == 0, cp.stderr
    out = json.loads(cp.stdout)
    for key in ("quotes", "officials", "anonymous_sources", "questions", "text", "title", "url", "byline"):
        assert key in out
    assert out["text"] == SEED.read_text(encoding="utf-8")
    for q in out["quotes"]:
        assert out["text"][q["start"] : q["end"]] == q["text"]


@pytest.mark.model
def test_cli_extract_batch_prints_one_line_per_input_in_order(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text('"We are ready," the mayor said on Monday.\n', encoding="utf-8")
    cp = run("extract", "--json", str(other), str(SEED), str(tmp_path / "missing.txt"))
    lines = cp.stdout.decode().splitlines()
    assert len(lines) == 3
    assert json.loads(lines[0])["text"].startswith('"We are ready,"')
    assert json.loads(lines[1])["text"].startswith("Decision on sending troops")
    assert "no such file" in json.loads(lines[2])["error"]
    assert cp.returncode == 1


@pytest.mark.parametrize(
    "content,message",
    [(b"", b"empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00", b"binary"), (b"caf\xe9 au lait", b"not UTF-8")],
)
def test_cli_extract_bad_input_is_one_clear_line(tmp_path, content, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    cp = run("extract", "--json", str(path))
    assert cp.returncode == 1
    assert message in cp.stderr
    assert len(cp.stderr.strip().splitlines()) == 1
    assert b"Traceback" not in cp.stderr


def test_cli_extract_missing_file_is_an_error():
    cp = run("extract", "no-such-file.txt")
    assert cp.returncode == 1
    assert b"no such file" in cp.stderr


@pytest.mark.model
def test_cli_extract_article_without_quotes_is_an_empty_valid_result():
    text = "The council met on Tuesday. It approved the budget for next year after a short debate.\n"
    cp = run("extract", "--json", "-", stdin=text.encode())
    assert cp.returncode == 0
    assert json.loads(cp.stdout)["quotes"] == []


@pytest.mark.model
def test_cli_start_without_slack_prints_seed_digest_and_the_three_variables(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    cp = subprocess.run(
        [sys.executable, "-m", "bot", "start"], capture_output=True, cwd=tmp_path, env=env, timeout=120
    )
    assert cp.returncode == 0, cp.stderr
    out = cp.stdout.decode()
    assert "Key quotes" in out
    for var in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        assert var in out
