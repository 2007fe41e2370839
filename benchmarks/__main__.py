"""``python -m benchmarks`` (``make bench``): run the benchmarks, print one JSON object per benchmark and a
summary table of every figure beside its target, and write them all to benchmarks/results/latest.json.

    python -m benchmarks                       everything, full sizes (several minutes)
    python -m benchmarks --quick               everything, small sizes
    python -m benchmarks --only slack,recall   some benchmarks only (names: see --list)

Exit status 0 when every benchmark ran (whatever its figures), 1 when one failed to run.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS, Target, machine

# name -> (module, what it measures). Order: cheap first, the longest last.
BENCHMARKS: dict[str, tuple[str, str]] = {
    "startup": ("benchmarks.startup", "launch of `python -m bot serve` to /healthz answering 200"),
    "extraction": (
        "benchmarks.extraction",
        "full extraction beside the bare spaCy parse; 1,000-word throughput",
    ),
    "recall": ("benchmarks.recall", "recall latency at 10,000 and 100,000 stored articles; cost of a save"),
    "links": ("benchmarks.links", "fetch plus extraction per page, eval link pages served locally"),
    "slack": (
        "benchmarks.slack_path",
        "ack and threaded-reply latency through the HTTP app at 1/10/50 mentions",
    ),
    "memory": ("benchmarks.memory", "peak resident memory after start-up and after 1,000 digests"),
}

# Targets for benchmarks whose modules belong to colleagues (recall, links): checked here, on the keys that
# their run() returns. Benchmarks owned here declare TARGETS in their own module.
EXTERNAL_TARGETS: dict[str, list[Target]] = {
    "recall": [
        Target("recall p95 at 100,000 articles", "p95_ms_100000", "<", 50, "ms"),
        Target("recall p95 at 10,000 articles", "p95_ms_10000", "info", unit="ms"),
        Target("storing one digest, p95 (100,000 articles stored)", "save_p95_ms_100000", "info", unit="ms"),
    ],
    "links": [
        Target("link page: fetch + article extraction, median", "ms_per_page_median", "info", unit="ms"),
        Target("link page: fetch + article extraction, p95", "ms_per_page_p95", "info", unit="ms"),
    ],
}


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmarks; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="comma-separated benchmark names (see --list)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a fast look")
    parser.add_argument("--no-shared", action="store_true", help="leave out inputs read from ../shared/eval")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json", help="where to write results")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)

    if args.list:
        for name, (_module, what) in BENCHMARKS.items():
            print(f"{name:<11} {what}")
        return 0
    names = list(BENCHMARKS)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in BENCHMARKS]
        if unknown:
            parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")

    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    info = machine()
    results: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    failed = False
    for name in names:
        result, targets = _run_one(name, quick=args.quick, shared=not args.no_shared)
        failed |= "error" in result
        results.append(result)
        print(json.dumps(result, sort_keys=False), flush=True)
        rows.extend(t.row(result) for t in targets)

    print()
    print(summary_table(rows))
    report = {
        "started": started,
        "command": "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:]),
        "quick": args.quick,
        "machine": info,
        "benchmarks": results,
        "summary": rows,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.output}")
    return 1 if failed else 0


# Arguments for colleagues' run() in a full (not --quick) run: the sizes the issue asks for.
FULL_ARGS: dict[str, dict[str, Any]] = {"recall": {"articles": [10_000, 100_000]}}


def _run_one(name: str, *, quick: bool, shared: bool) -> tuple[dict[str, Any], list[Target]]:
    """Run one benchmark, turning an absent module or a crash into a result with an ``error``."""
    module_name = BENCHMARKS[name][0]
    start = time.perf_counter()
    targets = EXTERNAL_TARGETS.get(name, [])
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return {"benchmark": name, "skipped": f"{module_name} is not written yet"}, targets
    own = getattr(module, "TARGETS", None)
    if isinstance(own, list) and all(isinstance(t, Target) for t in own):
        targets = own
    try:
        extra = {} if quick else FULL_ARGS.get(name, {})
        result = dict(_call_run(module.run, quick=quick, shared=shared, **extra))
    except Exception as exc:  # a broken benchmark must not hide the others' figures
        traceback.print_exc(file=sys.stderr)
        result = {"error": f"{type(exc).__name__}: {exc}"}
    result = {"benchmark": name, **{k: v for k, v in result.items() if k != "benchmark"}}
    result["elapsed_s"] = round(time.perf_counter() - start, 1)
    return result, targets


def _call_run(
    run: Callable[..., dict[str, Any]], *, quick: bool, shared: bool, **extra: Any
) -> dict[str, Any]:
    """Call a benchmark's ``run`` with whichever of ``quick`` and ``shared`` it accepts, plus ``extra``."""
    params = inspect.signature(run).parameters
    kwargs: dict[str, Any] = dict(extra)
    if "quick" in params:
        kwargs["quick"] = quick
    if "shared" in params:
        kwargs["shared"] = shared
    return run(**kwargs)


def summary_table(rows: list[dict[str, Any]]) -> str:
    """The figures beside their targets, as a Markdown table (the README's Performance section uses it)."""
    lines = ["| Figure | Measured | Target | Result |", "|---|---|---|---|"]
    for row in rows:
        value = row["value"]
        shown = "—" if value is None else f"{value:g}{(' ' + row['unit']) if row['unit'] else ''}"
        lines.append(f"| {row['figure']} | {shown} | {row['target']} | {row['result']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
