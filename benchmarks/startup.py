"""Start-up: time from the launch of ``python -m bot serve`` to GET /healthz answering 200.

The server runs in HTTP mode against the local Slack stand-in (its ``auth.test`` answers at once), with a
fresh database each time, so the figure covers interpreter start, imports, migrations and the spaCy load.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import BotServer, Target, median, slack_standins

NAME = "startup"
TARGETS = [
    Target("ready to serve (launch to /healthz 200)", "ready_s_median", "<", 5, "s"),
    Target("CPU time used by the server (and workers) until ready", "ready_cpu_s_median", "info", unit="s"),
]


def run(quick: bool = False) -> dict[str, Any]:
    """Start and stop the server a few times; report the median and worst time to ready."""
    SlackStandin, _ = slack_standins()
    runs = 1 if quick else 3
    times: list[float] = []
    cpu: list[float] = []
    rss: list[float] = []
    with SlackStandin() as standin, tempfile.TemporaryDirectory(prefix="legwork-bench-start-") as tmp:
        for i in range(runs):
            server = BotServer(standin, Path(tmp) / f"start{i}.db", Path(tmp) / f"start{i}.log")
            try:
                server.start()
                assert server.ready_in is not None
                times.append(server.ready_in)
                if server.ready_cpu is not None:
                    cpu.append(server.ready_cpu)
                current, _peak = server.rss_mb()
                if current is not None:
                    rss.append(current)
            finally:
                server.stop()
    return {
        "benchmark": NAME,
        "quick": quick,
        "runs": runs,
        "ready_s": [round(t, 2) for t in times],
        "ready_s_median": round(median(times), 2),
        "ready_s_max": round(max(times), 2),
        "ready_cpu_s_median": round(median(cpu), 2) if cpu else None,
        "server_rss_mb_when_ready": round(median(rss), 1) if rss else None,
    }
