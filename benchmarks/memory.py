"""Memory: peak resident memory after start-up and after 1,000 digests in one process, and whether it grows.

The measurement runs in a fresh child process (``python -m benchmarks.memory --child N``) so that nothing the
harness loaded counts. A digest is what the Slack worker does for one article: extract, render the reply text
and, once storage offers it, store the result. Every article names people the pipeline has never seen, as real
news does, so that a vocabulary that only grows would show.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import PYTHON, ROOT, Target, clean_env, synthetic_article

NAME = "memory"
DIGESTS = 1000
QUICK_DIGESTS = 100
ARTICLE_WORDS = 300  # about the length of the development articles
WARM = 0.2  # growth is measured from this share of the run (after warm-up) to the end
TARGETS = [
    Target("resident memory after start-up", "startup_rss_mb", "info", unit="MB"),
    Target("peak resident memory after 1,000 digests", "peak_rss_mb", "<", 500, "MB"),
    Target("heap (anonymous) memory growth over the last 80% of digests", "growth_anon_mb", "<", 20, "MB"),
    Target("resident memory growth over the last 80% of digests", "growth_mb", "info", unit="MB"),
]


def run(quick: bool = False) -> dict[str, Any]:
    """Run the child and return its figures."""
    digests = QUICK_DIGESTS if quick else DIGESTS
    with tempfile.TemporaryDirectory(prefix="legwork-bench-mem-") as tmp:
        env = clean_env(LEGWORK_DB=str(Path(tmp) / "legwork.db"), LEGWORK_LOG_LEVEL="WARNING")
        proc = subprocess.run(
            [PYTHON, "-m", "benchmarks.memory", "--child", str(digests)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=3600,
        )
    if proc.returncode != 0:
        raise RuntimeError(f"memory child exited {proc.returncode}: {proc.stderr.strip()[-2000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return {"benchmark": NAME, "quick": quick, **result}


def _anon_mb() -> float | None:
    """Anonymous (heap) resident memory, RssAnon: what a leak grows (RssFile is mapped files, e.g. SQLite)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _peak_mb() -> float:
    """Peak resident memory of this process: VmHWM from /proc, else ru_maxrss.

    ru_maxrss survives exec on Linux, so in a child it would still count the parent's peak at the fork
    (the harness can be several hundred MB by then); VmHWM belongs to this process's own address space.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def child(digests: int) -> dict[str, Any]:
    """In the child: start up as the bot does, digest ``digests`` articles, report memory along the way."""
    from bot.config import Settings
    from bot.extract import build_nlp, extract
    from bot.render import digest_text
    from bot.store.storage import Store

    t0 = time.perf_counter()
    settings = Settings.from_env()
    nlp = build_nlp(settings.spacy_model)
    store = Store(settings.db_path)
    save = _find_save(store)
    extract(synthetic_article(200, seed=0), nlp)  # first call, as the server's warm-up would
    gc.collect()
    startup = {
        "startup_s": round(time.perf_counter() - t0, 2),
        "startup_rss_mb": round(_rss_mb(), 1),
        "startup_peak_rss_mb": round(_peak_mb(), 1),
    }

    checkpoints: list[tuple[int, float]] = []
    anon: list[float | None] = []
    step = max(digests // 10, 1)
    t1 = time.perf_counter()
    for i in range(1, digests + 1):
        ex = extract(synthetic_article(ARTICLE_WORDS, seed=10_000 + i, unique_names=True), nlp)
        digest_text(ex)
        if save is not None:
            save(ex, i)
        if i % step == 0 or i == digests:
            gc.collect()
            checkpoints.append((i, round(_rss_mb(), 1)))
            anon.append(_anon_mb())
    elapsed = time.perf_counter() - t1
    warm_index = max(int(len(checkpoints) * WARM) - 1, 0)
    warm_n, warm_rss = checkpoints[warm_index]
    end_rss = checkpoints[-1][1]
    store.close()
    return {
        **startup,
        "digests": digests,
        "article_words": ARTICLE_WORDS,
        "stored": save is not None,
        "digests_per_s": round(digests / elapsed, 2),
        "rss_mb_by_digest": dict((str(n), mb) for n, mb in checkpoints),
        "final_rss_mb": end_rss,
        "peak_rss_mb": round(max(_peak_mb(), end_rss), 1),
        "growth_from_digest": warm_n,
        "growth_mb": round(end_rss - warm_rss, 1),
        "anon_mb_by_digest": dict(
            (str(n), None if a is None else round(a, 1)) for (n, _), a in zip(checkpoints, anon, strict=True)
        ),
        "growth_anon_mb": None
        if anon[-1] is None or anon[warm_index] is None
        else round(anon[-1] - anon[warm_index], 1),
        "vocab_strings": len(nlp.vocab.strings),
    }


def _find_save(store: Any) -> Any:
    """A callable ``(extraction, i) -> None`` that stores a digest, or None while storage cannot store one."""
    from bot.models import Sighting

    for name in ("save_digest", "save_extraction", "save"):
        method = getattr(store, name, None)
        if method is None:
            continue
        params = [p for p in inspect.signature(method).parameters.values() if p.default is p.empty]

        def save(ex: Any, i: int, method: Any = method, n_args: int = len(params)) -> None:
            sighting = Sighting(
                team="T0BENCH",
                channel="C0BENCH",
                message_ts=f"{1700000000 + i}.000100",
                user="U0BENCH",
                seen_at=time.time(),
            )
            method(ex, sighting) if n_args >= 2 else method(ex)

        return save
    return None


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="memory benchmark child process")
    parser.add_argument("--child", type=int, required=True, help="number of digests")
    print(json.dumps(child(parser.parse_args().child)))
    sys.stdout.flush()
