"""Helpers shared by the benchmarks: paths, corpus, synthetic articles, percentiles, targets, processes."""

from __future__ import annotations

import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "pakistan-gaza-isf.txt"
DEV = SHARED / "eval" / "dev"
RESULTS = ROOT / "benchmarks" / "results"
PYTHON = sys.executable


# -- targets -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One performance target: a figure in a benchmark's result and the bound it must meet."""

    label: str  # what the summary table shows
    key: str  # key of the figure in the benchmark's result dict
    op: str  # "<=", "<" or ">="; "info" for a figure shown without a target
    bound: float = 0.0
    unit: str = ""

    def check(self, value: float | None) -> str:
        """The verdict: pass, miss, info (no target), or n/a when the figure was not measured."""
        if value is None:
            return "n/a"
        if self.op == "info":
            return "info"
        ok = {"<=": value <= self.bound, "<": value < self.bound, ">=": value >= self.bound}[self.op]
        return "pass" if ok else "miss"

    def row(self, result: dict) -> dict:
        """This target's line of the summary, from a benchmark's result."""
        value = result.get(self.key)
        value = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        return {
            "benchmark": result.get("benchmark"),
            "figure": self.label,
            "key": self.key,
            "value": value,
            "unit": self.unit,
            "target": "—"
            if self.op == "info"
            else f"{self.op} {self.bound:g}{(' ' + self.unit) if self.unit else ''}",
            "result": self.check(value) if "error" not in result else "error",
        }


# -- statistics ----------------------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float | None:
    """The ``pct`` percentile of ``values`` by linear interpolation (numpy's default); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(seconds: list[float], prefix: str) -> dict[str, float | int | None]:
    """p50/p95/p99/max in milliseconds, plus the sample count, under ``prefix``."""
    ms = [s * 1000.0 for s in seconds]
    out: dict[str, float | int | None] = {f"{prefix}_n": len(ms)}
    for pct in (50, 95, 99):
        value = percentile(ms, pct)
        out[f"{prefix}_p{pct}_ms"] = None if value is None else round(value, 1)
    out[f"{prefix}_max_ms"] = round(max(ms), 1) if ms else None
    return out


def median(values: list[float]) -> float:
    """The median (statistics.median, named here so callers read plainly)."""
    return statistics.median(values)


@contextmanager
def stopwatch() -> Iterator[Callable[[], float]]:
    """``with stopwatch() as elapsed:``; ``elapsed()`` is seconds since the block began (frozen at exit)."""
    start = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - start
    end.append(time.perf_counter())


# -- the corpus ----------------------------------------------------------------------------------


def word_count(text: str) -> int:
    """Whitespace-separated words, the measure used for 'words per second' and '1,000-word article'."""
    return len(text.split())


def seed_text() -> str:
    """The project's own sample article."""
    return SEED.read_text(encoding="utf-8")


def dev_texts() -> list[tuple[str, str]]:
    """(name, text) of the development articles in ../shared/eval/dev, read at run time; [] when absent.

    The copy of the seed article among them is left out: the seed is in the corpus once already.
    """
    if not DEV.is_dir():
        return []
    seed = " ".join(seed_text().split())
    out = []
    for path in sorted(DEV.glob("*.json")):
        try:
            text = json.loads(path.read_text(encoding="utf-8")).get("text") or ""
        except (OSError, ValueError):
            continue
        if text.strip() and " ".join(text.split()) != seed:
            out.append((path.stem, text))
    return out


# -- synthetic articles --------------------------------------------------------------------------

_FIRST = (
    "Amina Daniel Sofia James Farah Oliver Leila Marcus Priya Tomas Hannah Omar Grace Mateo Nadia Victor "
    "Elena Samuel Yara Gabriel Ines Rafael Maya Kofi Ruth Anders Lucia Hamid Clara Joseph"
).split()
_LAST = (
    "Okafor Lindqvist Moreau Haddad Fernandes Kowalski Nakamura Abernathy Castellanos Mensah Petrov Rahman "
    "Whitaker Delacroix Osei Brennan Varga Quint Salazar Eriksen Tanaka Mbeki Holloway Aziz Calloway Novak "
    "Ferreira Dunmore Achebe Rutherford"
).split()
_TITLES = (
    ("Finance Minister", "the Ministry of Finance"),
    ("Interior Minister", "the Interior Ministry"),
    ("Health Secretary", "the Department of Health"),
    ("Mayor", "the City Council"),
    ("Police Commissioner", "the Metropolitan Police"),
    ("chief executive", "the Port Authority"),
    ("spokeswoman", "the Foreign Ministry"),
    ("spokesman", "the Defence Ministry"),
    ("Attorney General", "the Justice Department"),
    ("Governor", "the central bank"),
)
_TOPICS = (
    ("the harbour expansion", "the contract", "dredging"),
    ("the emergency budget", "the spending plan", "subsidies"),
    ("the water treatment programme", "the pipeline", "testing"),
    ("the new border agreement", "the accord", "inspections"),
    ("the hospital consolidation plan", "the merger", "staffing"),
)
_CITIES = "Lagos Gdansk Valparaiso Tampere Kisumu Porto Halifax Cebu Izmir Dunedin".split()
_VERBS = ("said", "told reporters", "said in a statement", "added", "said on Tuesday", "told lawmakers")
_QUOTES = (
    "We will not sign anything until the numbers are independently checked",
    "This is the most serious test the department has faced in a decade",
    "Nobody has shown me a credible plan to pay for it",
    "The families affected deserve answers, and they deserve them this week",
    "We expect a decision before the end of the month, but nothing is final",
    "Our engineers have been clear that the timetable is ambitious",
    "I have asked for a full review of every payment made since January",
    "There is no evidence that the money was misused, and I reject that suggestion",
    "The committee will meet again once the auditors have reported",
    "We are talking to our partners every day and the talks are constructive",
)
_FILLER = (
    "The proposal, first published in March, has divided the governing coalition and drawn criticism from "
    "opposition parties, who say the costs were understated by as much as 40 percent.",
    "Officials have not said when the final figures will be released or whether parliament will be asked to "
    "approve the additional spending before the summer recess.",
    "Residents near the site have complained for months about noise, traffic and the lack of consultation, "
    "according to a petition signed by more than 3,000 people.",
    "The government has commissioned two independent reviews, but neither has been made public, and it is "
    "unclear whether their conclusions will be shared with the committee.",
    "Analysts said the delay could cost the city millions of dollars in penalties if the contractors walk "
    "away, though estimates vary widely.",
    "The plan still requires the approval of the regional assembly, which is expected to vote on it later "
    "this year, possibly in October.",
)


def synthetic_article(words: int = 1000, seed: int = 0, *, unique_names: bool = False) -> str:
    """A plausible news article of about ``words`` words, with quotes from named officials.

    Deterministic for a given ``seed``. With ``unique_names`` every article also names people the pipeline
    has never seen, so that a long run grows the vocabulary as real news would.
    """
    rnd = random.Random(seed)
    city = rnd.choice(_CITIES)
    topic, thing, work = rnd.choice(_TOPICS)
    people = []
    for i in range(6):
        first, last = rnd.choice(_FIRST), rnd.choice(_LAST)
        if unique_names:
            last = f"{last[:3]}{_syllables(rnd)}".capitalize()
        title, org = _TITLES[(seed + i) % len(_TITLES)]
        people.append((f"{first} {last}", last, title, org))
    paras = [
        f"{city.upper()} — Officials in {city} on Monday defended {topic}, a project expected to cost "
        f"{rnd.randint(2, 90)} million dollars, as new documents raised questions about how {thing} was "
        "awarded."
    ]
    while sum(word_count(p) for p in paras) < words:
        name, last, title, org = rnd.choice(people)
        kind = rnd.randrange(6)
        quote = rnd.choice(_QUOTES)
        if kind == 0:
            paras.append(f"“{quote},” {title} {name} {rnd.choice(_VERBS)}. “{rnd.choice(_QUOTES)}.”")
        elif kind == 1:
            paras.append(
                f"{name}, the {title.lower()} of {org}, said {thing} had been reviewed twice. "
                f"“{quote},” {last} said."
            )
        elif kind == 2:
            paras.append(
                f"A senior official at {org}, who spoke on condition of anonymity because they were not "
                f"authorised to discuss {work} publicly, said the figures were still being checked."
            )
        elif kind == 3:
            paras.append(
                f"According to {title} {name}, {rnd.randint(3, 400)} people could be affected. "
                f"“{quote},” the {title.lower()} told reporters in {city}."
            )
        elif kind == 4:
            paras.append(rnd.choice(_FILLER))
        else:
            paras.append(
                f"Asked whether {thing} would go ahead, {last} said: “{quote}.” A decision on {work} is "
                f"pending, and the ministry did not respond to a request for comment."
            )
    return "\n\n".join(paras) + "\n"


def _syllables(rnd: random.Random) -> str:
    parts = ("ka", "lo", "ven", "dri", "mar", "sto", "qui", "bel", "tan", "rho", "vex", "nul", "zor", "pi")
    return "".join(rnd.choice(parts) for _ in range(3))


# -- processes and ports -------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a child process: no Slack, proxy or OAuth settings inherited, plus ``extra``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "LEGWORK_"))
        and k.lower() not in {"http_proxy", "https_proxy", "all_proxy"}
    }
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def stop_process(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Terminate a child we started, then kill it if it does not exit in ``timeout`` seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


def machine() -> dict[str, object]:
    """The machine the figures came from."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = []
    try:
        import spacy

        spacy_version = spacy.__version__
    except ImportError:
        spacy_version = None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "spacy": spacy_version,
        "platform": platform.platform(),
        "loadavg_at_start": load,
    }


# -- the bot as a subprocess, against the local Slack stand-in -------------------------------------

SECRET = "bench-signing-secret-0123456789abcdef"


def slack_standins() -> tuple[type, type]:
    """(SlackStandin, SlackDriver) from the test package's local Slack stand-ins (tests/ goes on sys.path)."""
    tests = str(ROOT / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    from slack_driver import SlackDriver  # type: ignore[import-not-found]
    from slack_standin import SlackStandin  # type: ignore[import-not-found]

    return SlackStandin, SlackDriver


class BotServer:
    """``python -m bot serve`` (HTTP mode) in a subprocess against ``standin``; output to ``log_path``."""

    def __init__(self, standin: object, db_path: Path, log_path: Path, **extra_env: str) -> None:
        self.port = free_port()
        self.env = clean_env(
            SLACK_BOT_TOKEN=standin.bot_token,  # type: ignore[attr-defined]
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=standin.api_url,  # type: ignore[attr-defined]
            LEGWORK_DB=str(db_path),
            PORT=str(self.port),
            # bursts from one reporter measure the server, not the per-user digest limit
            **({"LEGWORK_USER_RATE": "0"} | extra_env),
        )
        self.log_path = log_path
        self.command = [PYTHON, "-m", "bot", "serve"]  # an experiment may wrap it (interpreter options)
        self.proc: subprocess.Popen[bytes] | None = None
        self.launched_at = 0.0
        self.ready_in: float | None = None
        self.ready_cpu: float | None = None  # CPU seconds (user + system) the server had used when ready

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120.0) -> BotServer:
        """Launch the server and wait until GET /healthz answers 200; ``ready_in`` is the seconds it took."""
        import http.client

        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.launched_at = time.perf_counter()
        self.proc = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = self.launched_at + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"`python -m bot serve` exited with {self.proc.returncode}: {self.log()[-3000:]}"
                )
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1.0)
            try:
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    self.ready_in = time.perf_counter() - self.launched_at
                    self.ready_cpu = self.cpu_s()
                    return self
            except OSError:
                pass
            finally:
                conn.close()
            time.sleep(0.01)
        raise RuntimeError(f"/healthz did not answer 200 within {timeout:.0f} s: {self.log()[-3000:]}")

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def _tree(self) -> list:
        """The server process and its children (extraction worker processes), as psutil processes."""
        import psutil

        if self.proc is None:
            return []
        try:
            root = psutil.Process(self.proc.pid)
            return [root, *root.children(recursive=True)]
        except psutil.Error:
            return []

    def cpu_s(self) -> float | None:
        """CPU seconds (user + system) the server and its worker processes have used so far."""
        import psutil

        total = 0.0
        for p in self._tree():
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                pass
        return round(total, 2) if self.proc is not None else None

    def rss_mb(self) -> tuple[float | None, float | None]:
        """(current, peak) resident memory in MB of the server and its worker processes together.

        Current is the sum of VmRSS, peak the sum of each process's VmHWM (an upper bound: the peaks of
        different processes need not coincide). Shared pages are counted once per process.
        """
        current = peak = 0.0
        tree = self._tree()
        for p in tree:
            try:
                status = Path(f"/proc/{p.pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                key, _, rest = line.partition(":")
                if key == "VmRSS":
                    current += int(rest.split()[0]) / 1024
                elif key == "VmHWM":
                    peak += int(rest.split()[0]) / 1024
        if not tree:
            return None, None
        return round(current, 1), round(peak, 1)

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)
        if getattr(self, "_log", None):
            self._log.close()
