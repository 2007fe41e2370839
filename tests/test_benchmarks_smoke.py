"""The benchmark harness runs: a tiny extraction benchmark prints valid JSON and a summary; nothing timed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `benchmarks` is not installed, and plain `pytest` does not add the root
    sys.path.insert(0, str(ROOT))


@pytest.mark.model
def test_benchmarks_harness_prints_json_and_summary(tmp_path, monkeypatch, capsys):
    """``--only extraction --quick`` prints one JSON object and the table, and writes the results file."""
    from benchmarks import __main__ as harness
    from benchmarks import extraction

    monkeypatch.setattr(extraction, "QUICK", {"long_words": 300, "rounds": 1, "n_1000w": 1})
    out_file = tmp_path / "latest.json"
    status = harness.main(["--only", "extraction", "--quick", "--no-shared", "--output", str(out_file)])
    printed = capsys.readouterr().out
    objects = [json.loads(line) for line in printed.splitlines() if line.startswith("{")]
    assert status == 0
    assert len(objects) == 1
    result = objects[0]
    assert result["benchmark"] == "extraction"
    for key in (
        "ratio_full_to_bare",
        "ratio_full_to_bare_cpu",
        "articles_per_s_1000w",
        "full_words_per_s",
        "bare_words_per_s",
    ):
        assert isinstance(result[key], int | float) and result[key] > 0
    assert "| Figure | Measured | Target | Result |" in printed
    saved = json.loads(out_file.read_text(encoding="utf-8"))
    assert saved["benchmarks"][0]["benchmark"] == "extraction"
    assert {row["result"] for row in saved["summary"]} <= {"pass", "miss", "info"}


@pytest.mark.parametrize("only", ["nosuch"])
def test_benchmarks_harness_refuses_unknown_name(only, capsys):
    """An unknown ``--only`` name is a usage error that lists the benchmarks."""
    from benchmarks import __main__ as harness

    with pytest.raises(SystemExit) as exc:
        harness.main(["--only", only])
    assert exc.value.code == 2
    assert "extraction" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.model
def test_benchmarks_soak_runs_briefly_and_passes(tmp_path):
    """A few seconds of the soak (``benchmarks/soak.py``): every request answered once, the figures reported.

    About 15-30 s on the shared 2-core machine, start-up included; the 10-minute soak is ``make soak``.
    """
    import subprocess

    out_file = tmp_path / "soak.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.soak",
            "--minutes",
            "0.15",
            "--mention-every",
            "1",
            "--recall-every",
            "1.5",
            "--drain",
            "60",
            "--settle",
            "1",
            "--output",
            str(out_file),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(out_file.read_text(encoding="utf-8"))["result"]
    assert result["sent"] >= 10
    assert result["acked"] == result["answered"] == result["sent"]
    assert result["lost"] == result["duplicates"] == result["log_error_lines"] == 0
    assert result["rss_start_mb"] and result["rss_max_mb"] >= result["rss_start_mb"]
    assert "| duplicate replies | 0 |" in run.stdout
