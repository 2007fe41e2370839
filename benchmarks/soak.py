"""Soak: minutes of steady mentions and recalls through the real HTTP app; nothing lost, nothing doubled.

``python -m bot serve`` runs as a subprocess in HTTP mode against the local Slack stand-in
(tests/slack_standin.py), driven by the signing driver (tests/slack_driver.py) exactly as Slack delivers:
``app_mention`` events (redelivered like Slack when an acknowledgement is late) and ``/recall`` commands.
The traffic is steady: by default one mention every 2 s (short articles written for this script, generated
ones, repeated texts and repeated links served by the stand-in) and one recall every 3 s (``/recall`` and
``@Legwork recall`` in turn), from many distinct users with ``LEGWORK_USER_RATE=0``. Every few seconds the
resident memory of the server and its extraction worker processes is read from /proc.

    python -m benchmarks.soak                      10 minutes (``make soak``)
    python -m benchmarks.soak --minutes 2          a shorter run
    python -m benchmarks.soak --minutes 0.2        a smoke run (tests/test_benchmarks_smoke.py)

At the end it prints the figures (requests sent / acknowledged / answered, lost and duplicate replies,
acknowledgement and reply percentiles, memory at start, end, peak and its slope) and any ERROR or Traceback
lines of the bot's log, as a table and as one JSON object (also written to benchmarks/results/soak.json).
Exit status 0 when nothing was lost, doubled or left unacknowledged and the log has no error; 1 otherwise;
2 when the server could not be started.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from benchmarks.common import (
    RESULTS,
    SECRET,
    BotServer,
    latency_summary,
    machine,
    percentile,
    slack_standins,
    synthetic_article,
)

ACK_BUDGET = 3.0  # Slack's acknowledgement deadline, seconds
COMMAND_TIMEOUT = 15.0  # how long a slash command's answer is waited for (measured, not cut at 3 s)
LOG_ERROR = re.compile(r"\s(ERROR|CRITICAL)\s|Traceback \(most recent call last\)")
BUSY_MARK = ":hourglass: Legwork is busy"

# -- the traffic --------------------------------------------------------------------------------------
# Short articles written for the soak (not from the eval set), in a few house styles.

ARTICLES = [
    "\n\n".join(
        [
            "Ferry operator fined over safety lapses",
            "The maritime authority on Wednesday fined Northern Sound Ferries 2.4 million dollars after "
            "inspectors found lifeboats that had not been serviced for three years.",
            "“Passengers were put at risk, and that is not something we will tolerate,” said Ingrid "
            "Solberg, the authority's director of enforcement.",
            "The company's chief executive, Paul Whitcombe, said in a statement that the findings were "
            "“taken extremely seriously” and that every vessel had since been checked.",
            "A crew member, who asked not to be named because he was not authorised to speak publicly, "
            "said staff had raised the problem with managers repeatedly last year.",
        ]
    ),
    "\n\n".join(
        [
            "Judge delays ruling in land dispute",
            "A High Court judge on Monday postponed her ruling in a long-running dispute over farmland "
            "outside Nakuru, saying she needed more time to review new survey maps.",
            "“The court cannot decide ownership on the basis of maps that contradict each other,” Justice "
            "Miriam Wanjiru said.",
            "Lawyers for the farmers' cooperative said the delay would cost their clients another planting "
            "season. “Every month this drags on, families go without an income,” said lawyer Peter Kamau.",
            "The county government did not respond to a request for comment.",
        ]
    ),
    "\n\n".join(
        [
            "City approves late-night bus trial",
            "Councillors voted 9-4 on Thursday to run night buses on three routes from March, a trial "
            "expected to cost about 800,000 dollars a year.",
            '"Shift workers have been asking for this for a decade," said Councillor Rosa Delgado, who '
            'proposed the plan. "Now they will get it."',
            "Opponents questioned the ridership estimates. Councillor Martin Hale said the figures had "
            "not been independently checked.",
            "Transport officials said a decision on extending the trial would be taken next year.",
        ]
    ),
    "\n\n".join(
        [
            "Refinery fire brought under control",
            "Firefighters on Saturday contained a blaze at the Eastport refinery that burned for nine "
            "hours and forced the evacuation of two nearby schools.",
            "“There were no injuries, and air quality readings are back within normal limits,” Fire Chief "
            "Daniel Reyes told reporters.",
            "Residents said they were not warned until the smoke reached their streets. The refinery's "
            "owner, Coastal Energy, said an investigation was under way.",
            "According to a company official familiar with the inquiry, a valve failure is suspected.",
        ]
    ),
    "\n\n".join(
        [
            "Hospital waiting lists grow again",
            "The number of patients waiting more than a year for surgery rose by 12 percent in the last "
            "quarter, figures published by the Health Department on Tuesday show.",
            "Health Secretary Anita Kaur said the rise was “disappointing but not surprising” after a "
            "winter of staff shortages.",
            "“We have a plan, and we will publish it before the summer,” Kaur said. Critics said the "
            "plan had been promised twice before.",
            "Officials did not say how much the plan would cost.",
        ]
    ),
    "\n\n".join(
        [
            "Mine reopens after strike ends",
            "Production resumed on Friday at the Kalumbila copper mine after a three-week strike over "
            "pay ended with a 7 percent raise.",
            "“Our members accepted the offer because it protects jobs,” said union leader Joseph "
            "Mwansa. Management said the deal would be reviewed in twelve months.",
            "A senior executive, speaking on condition of anonymity, said the strike had cost the company "
            "about 40 million dollars in lost output.",
        ]
    ),
]
# Pages served by the stand-in, for link digests (the same few links come back again and again).
PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | Soak Gazette</title>"
    "<meta property='og:site_name' content='Soak Gazette'></head><body><article><h1>{title}</h1>"
    "<p class='byline'>By Staff Reporter</p>{paras}</article></body></html>"
)
RECALL_QUERIES = [
    "Solberg",
    "Wanjiru",
    "Delgado",
    "Kaur",
    "Reyes",
    "Mwansa",
    "Whitcombe",
    "night buses",
    '"independently checked"',
    "refinery",
    "is:open",
    "type:quote strike",
    "since:2020-01-01 plan",
    "nothingmatchesthisword",
]
CHANNELS = [f"CSOAK{i}" for i in range(6)]
PRIVATE = "GSOAKPRIV"


@dataclass
class Request:
    """One thing a user asked for, and what came back."""

    kind: str  # "article", "repeat", "link", "mention_recall", "slash_recall"
    user: str
    key: tuple[str, ...]  # ("thread", channel, ts) or ("response", response id)
    sent_at: float  # time.monotonic()
    ack_s: float | None = None  # the first delivery's latency (None: no answer at all)
    acked: bool = False
    deliveries: int = 0
    answered_in_ack: bool = False  # a slash command answered in the acknowledgement itself (busy)
    replies: list[Any] = field(default_factory=list)  # the stand-in's calls that answered it


class Traffic:
    """Builds and sends the requests, spread over the channels and ``users`` distinct users."""

    def __init__(self, standin: Any, driver: Any, users: int, seed: int) -> None:
        self.standin = standin
        self.driver = driver
        self.rnd = random.Random(seed)
        self.users = [f"USOAK{i:03d}" for i in range(users)]
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._n = 0
        self._sent_texts: list[str] = []
        for ch in CHANNELS:
            standin.add_channel(ch)
        standin.add_channel(PRIVATE, private=True)
        self.links = [
            standin.add_page(
                f"soak/story-{i}",
                PAGE.format(
                    title=a.split("\n\n", 1)[0],
                    paras="".join(f"<p>{p}</p>" for p in a.split("\n\n")[1:]),
                ),
            )
            for i, a in enumerate(ARTICLES[:3])
        ]

    def _next(self) -> tuple[int, str, str]:
        with self._lock:
            self._n += 1
            n = self._n
        return n, self.users[n % len(self.users)], (CHANNELS + [PRIVATE])[n % (len(CHANNELS) + 1)]

    def mention(self) -> Request:
        """An article (fresh, hand-written, a repeat) or a link, as an ``@Legwork`` mention."""
        n, user, channel = self._next()
        roll = self.rnd.random()
        with self._lock:
            if roll < 0.15 and self._sent_texts:
                kind, text = "repeat", self.rnd.choice(self._sent_texts)
            elif roll < 0.30:
                kind, text = "link", f"<{self.rnd.choice(self.links)}>"
            elif roll < 0.50:
                kind, text = "article", self.rnd.choice(ARTICLES)
            else:
                words = self.rnd.randint(120, 450)
                kind, text = "article", synthetic_article(words, seed=70_000 + n, unique_names=True)
                self._sent_texts.append(text)
                del self._sent_texts[:-20]
        return self._send_mention(kind, user, channel, text)

    def recall(self) -> Request:
        """``/recall <query>`` and ``@Legwork recall <query>`` in turn."""
        n, user, channel = self._next()
        query = self.rnd.choice(RECALL_QUERIES + [f"plan in:<#{channel}>"])
        if n % 2:
            return self._send_mention("mention_recall", user, channel, f"recall {query}")
        fields = self.driver.command_fields("/recall", query, channel_id=channel, user_id=user)
        req = Request(
            "slash_recall", user, ("response", fields["response_url"].rsplit("/", 1)[-1]), time.monotonic()
        )
        self._add(req)
        d = self.driver.post(
            urlencode(fields).encode(), "application/x-www-form-urlencoded", timeout=COMMAND_TIMEOUT
        )
        req.deliveries, req.ack_s = 1, (d.latency if d.status is not None else None)
        req.acked = d.ok
        req.answered_in_ack = d.ok and b'"text"' in d.body  # e.g. busy, answered in the acknowledgement
        return req

    def _send_mention(self, kind: str, user: str, channel: str, text: str) -> Request:
        payload = self.driver.mention_payload(channel, text, user=user)
        req = Request(kind, user, ("thread", channel, payload["event"]["ts"]), time.monotonic())
        self._add(req)
        record = self.driver.deliver_event(payload, timeout=ACK_BUDGET)
        first = record.deliveries[0]
        req.deliveries = len(record.deliveries)
        req.ack_s = first.latency if not first.timed_out else None
        req.acked = record.acked
        return req

    def _add(self, req: Request) -> None:
        with self._lock:
            self.requests.append(req)


class Replies:
    """Reads the stand-in's recorded calls as they arrive, indexed by thread and by response URL."""

    def __init__(self, standin: Any) -> None:
        self.standin = standin
        self.by_key: dict[tuple[str, ...], list[Any]] = {}
        self.stray: list[Any] = []  # bot posts outside any thread
        self._cursor = 0

    def collect(self) -> None:
        calls = self.standin.calls(since=self._cursor)
        for c in calls:
            self._cursor = max(self._cursor, c.seq)
            if c.method == "chat.postMessage" and c.ok:
                if c.get("thread_ts"):
                    self.by_key.setdefault(
                        ("thread", str(c.get("channel")), str(c.get("thread_ts"))), []
                    ).append(c)
                else:
                    self.stray.append(c)
            elif c.method == "response_url" and c.http_status == 200:
                self.by_key.setdefault(("response", str(c.response_id)), []).append(c)

    def of(self, req: Request) -> list[Any]:
        return self.by_key.get(req.key, [])


# -- memory, from /proc -------------------------------------------------------------------------------


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants, from the parent ids in /proc/<pid>/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def rss_mb(pid: int) -> float | None:
    """VmRSS of one process in MB (None once it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


@dataclass
class Sample:
    minute: float  # minutes since the traffic began
    total_mb: float
    server_mb: float
    processes: int


class Sampler(threading.Thread):
    """Reads the resident memory of the server's process tree every ``every`` seconds."""

    def __init__(self, pid: int, start: float, every: float) -> None:
        super().__init__(name="soak-rss", daemon=True)
        self.pid, self.start_at, self.every = pid, start, every
        self.samples: list[Sample] = []
        self.halt = threading.Event()

    def sample(self) -> None:
        tree = process_tree(self.pid)
        sizes = {pid: rss_mb(pid) for pid in tree}
        total = sum(v for v in sizes.values() if v)
        self.samples.append(
            Sample(
                (time.monotonic() - self.start_at) / 60.0,
                round(total, 1),
                round(sizes.get(self.pid) or 0.0, 1),
                sum(1 for v in sizes.values() if v),
            )
        )

    def run(self) -> None:
        while not self.halt.wait(self.every):
            self.sample()


def slope(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of y over x (MB per minute); None with fewer than three points."""
    if len(points) < 3:
        return None
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    var = sum((x - mx) ** 2 for x, _ in points)
    if var == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in points) / var


# -- the run ------------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict[str, Any]:
    SlackStandin, SlackDriver = slack_standins()
    duration = args.minutes * 60.0
    warmup = args.warmup if args.warmup is not None else min(60.0, duration * 0.2)
    result: dict[str, Any] = {
        "benchmark": "soak",
        "minutes": args.minutes,
        "mention_every_s": args.mention_every,
        "recall_every_s": args.recall_every,
        "users": args.users,
        "warmup_s": warmup,
    }
    with SlackStandin() as standin, tempfile.TemporaryDirectory(prefix="legwork-soak-") as tmp:
        log_path = Path(args.log) if args.log else Path(tmp) / "bot.log"
        extra = {
            "LEGWORK_USER_RATE": str(args.user_rate),
            "LEGWORK_FETCH_ALLOW": f"127.0.0.1:{standin.port}",
            "LEGWORK_LOG_LEVEL": "INFO",
        }
        if args.processes is not None:
            extra["LEGWORK_PROCESSES"] = args.processes
        server = BotServer(standin, Path(tmp) / "soak.db", log_path, **extra)
        try:
            server.start()
        except RuntimeError as exc:
            result["error"] = str(exc)[-2000:]
            server.stop()
            return result
        try:
            result["ready_s"] = round(server.ready_in or 0.0, 2)
            assert server.proc is not None
            driver = SlackDriver(server.url, SECRET, standin=standin, timeout=ACK_BUDGET)
            traffic = Traffic(standin, driver, args.users, args.seed)
            replies = Replies(standin)
            start = time.monotonic()
            sampler = Sampler(server.proc.pid, start, args.sample_every)
            sampler.sample()
            sampler.start()
            _drive(traffic, replies, start, duration, args)
            sent_all = time.monotonic()
            drained = _drain(traffic, replies, args.drain)
            standin.settle(args.settle, timeout=args.settle + 30.0)  # late duplicates would land here
            replies.collect()
            sampler.halt.set()
            sampler.join()
            sampler.sample()
            result["drain_s"] = round(time.monotonic() - sent_all, 1)
            result["drained"] = drained
            result["server_alive"] = server.proc.poll() is None
            result.update(_figures(traffic.requests, replies, sampler.samples, warmup / 60.0))
        finally:
            server.stop()
        log = server.log()
        errors = [line for line in log.splitlines() if LOG_ERROR.search(line)]
        result["log_error_lines"] = len(errors)
        result["log_errors"] = errors[:20]
        result["log_warning_lines"] = sum(1 for line in log.splitlines() if " WARNING " in line)
    return result


def _drive(
    traffic: Traffic, replies: Replies, start: float, duration: float, args: argparse.Namespace
) -> None:
    """Send on schedule for ``duration`` seconds (a late send never makes the next one early)."""
    streams = [(args.mention_every, traffic.mention), (args.recall_every, traffic.recall)]
    due = [start + i * 0.5 for i in range(len(streams))]
    with ThreadPoolExecutor(max_workers=args.senders, thread_name_prefix="soak-send") as pool:
        futures = []
        while True:
            now = time.monotonic()
            if now - start >= duration:
                break
            for i, (every, send) in enumerate(streams):
                if every > 0 and now >= due[i]:
                    futures.append(pool.submit(send))
                    due[i] += every
            replies.collect()
            nxt = min(d for (every, _), d in zip(streams, due, strict=True) if every > 0)
            time.sleep(max(0.0, min(nxt, start + duration) - time.monotonic(), 0.005))
        for f in futures:
            f.result()


def _drain(traffic: Traffic, replies: Replies, timeout: float) -> bool:
    """Wait until every acknowledged request has an answer (True), or ``timeout`` seconds (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replies.collect()
        waiting = [r for r in traffic.requests if r.acked and not r.answered_in_ack and not replies.of(r)]
        if not waiting:
            return True
        time.sleep(0.25)
    return False


def _figures(
    requests: list[Request], replies: Replies, samples: list[Sample], warm_min: float
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for r in requests:
        r.replies = replies.of(r)
    acked = [r for r in requests if r.acked]
    answered = [r for r in requests if r.replies or r.answered_in_ack]
    lost = [r for r in acked if not r.replies and not r.answered_in_ack]
    doubled = [r for r in requests if len(r.replies) > 1]
    out["sent"] = len(requests)
    out["sent_by_kind"] = {
        k: sum(1 for r in requests if r.kind == k) for k in sorted({r.kind for r in requests})
    }
    out["acked"] = len(acked)
    out["unacked"] = len(requests) - len(acked)
    out["redelivered"] = sum(1 for r in requests if r.deliveries > 1)
    out["ack_over_3s"] = sum(1 for r in requests if r.ack_s is None or r.ack_s >= ACK_BUDGET)
    out["answered"] = len(answered)
    out["lost"] = len(lost)
    out["lost_examples"] = [f"{r.kind} {'/'.join(r.key)}" for r in lost[:10]]
    out["duplicates"] = len(doubled)
    out["duplicate_examples"] = [f"{r.kind} {'/'.join(r.key)} x{len(r.replies)}" for r in doubled[:10]]
    out["busy_answers"] = sum(
        1 for r in requests if any(BUSY_MARK in c.all_text for c in r.replies) or r.answered_in_ack
    )
    out["warning_answers"] = sum(
        1 for r in requests if r.kind != "slash_recall" and any(":warning:" in c.all_text for c in r.replies)
    )
    out["stray_posts"] = len(replies.stray)
    ack = latency_summary([r.ack_s for r in requests if r.ack_s is not None], "ack")
    reply = latency_summary(
        [min(c.at for c in r.replies) - r.sent_at for r in requests if r.replies], "reply"
    )
    out.update({k: v for k, v in ack.items() if k in ("ack_n", "ack_p50_ms", "ack_p99_ms", "ack_max_ms")})
    out.update(
        {k: v for k, v in reply.items() if k in ("reply_n", "reply_p50_ms", "reply_p95_ms", "reply_max_ms")}
    )
    for kind in ("article", "link", "mention_recall", "slash_recall"):
        times = [min(c.at for c in r.replies) - r.sent_at for r in requests if r.replies and r.kind == kind]
        value = percentile([t * 1000 for t in times], 95)
        out[f"reply_p95_ms_{kind}"] = None if value is None else round(value, 1)
    warm = [s for s in samples if s.minute >= warm_min] or samples[-1:]
    out["rss_samples"] = len(samples)
    out["processes"] = max((s.processes for s in samples), default=0)
    out["rss_start_mb"] = warm[0].total_mb if warm else None
    out["rss_end_mb"] = samples[-1].total_mb if samples else None
    out["rss_max_mb"] = max((s.total_mb for s in samples), default=None)
    out["server_rss_start_mb"] = warm[0].server_mb if warm else None
    out["server_rss_end_mb"] = samples[-1].server_mb if samples else None
    fit = slope([(s.minute, s.total_mb) for s in warm])
    out["rss_slope_mb_per_min"] = None if fit is None else round(fit, 2)
    fit = slope([(s.minute, s.server_mb) for s in warm])
    out["server_rss_slope_mb_per_min"] = None if fit is None else round(fit, 2)
    return out


def failures(result: dict[str, Any], max_slope: float | None) -> list[str]:
    """Why the run failed (empty when it passed)."""
    if "error" in result:
        return [f"the server did not start: {result['error'][:300]}"]
    why = []
    for key, label in (
        ("lost", "acknowledged but never answered"),
        ("duplicates", "answered more than once"),
        ("unacked", "never acknowledged"),
        ("log_error_lines", "ERROR/Traceback lines in the bot's log"),
    ):
        if result.get(key):
            why.append(f"{result[key]} {label}")
    if not result.get("server_alive", True):
        why.append("the server died during the run")
    slope_now = result.get("rss_slope_mb_per_min")
    if max_slope is not None and slope_now is not None and slope_now > max_slope:
        why.append(f"memory grew {slope_now} MB a minute (limit {max_slope})")
    return why


def report(result: dict[str, Any]) -> str:
    """The figures as a small Markdown table."""
    rows = [
        (
            "requests sent / acknowledged / answered",
            f"{result.get('sent')} / {result.get('acked')} / {result.get('answered')}",
        ),
        ("sent by kind", json.dumps(result.get("sent_by_kind"))),
        ("lost replies (acknowledged, no answer)", result.get("lost")),
        ("duplicate replies", result.get("duplicates")),
        (
            "never acknowledged / redelivered by the driver",
            f"{result.get('unacked')} / {result.get('redelivered')}",
        ),
        (
            "busy answers / :warning: answers",
            f"{result.get('busy_answers')} / {result.get('warning_answers')}",
        ),
        (
            "ack p50 / p99 / max",
            f"{result.get('ack_p50_ms')} / {result.get('ack_p99_ms')} / {result.get('ack_max_ms')} ms",
        ),
        (
            "reply p50 / p95 / max",
            f"{result.get('reply_p50_ms')} / {result.get('reply_p95_ms')} / {result.get('reply_max_ms')} ms",
        ),
        (
            "reply p95: article / link / @recall / /recall",
            " / ".join(
                str(result.get(f"reply_p95_ms_{k}"))
                for k in ("article", "link", "mention_recall", "slash_recall")
            )
            + " ms",
        ),
        (
            f"RSS, {result.get('processes')} processes: start (after warm-up) / end / max",
            f"{result.get('rss_start_mb')} / {result.get('rss_end_mb')} / {result.get('rss_max_mb')} MB",
        ),
        (
            "RSS slope, all processes / server alone",
            f"{result.get('rss_slope_mb_per_min')} / {result.get('server_rss_slope_mb_per_min')} MB/min",
        ),
        (
            "server RSS start / end",
            f"{result.get('server_rss_start_mb')} / {result.get('server_rss_end_mb')} MB",
        ),
        (
            "ERROR/Traceback lines in the log (WARNING lines)",
            f"{result.get('log_error_lines')} ({result.get('log_warning_lines')})",
        ),
        ("drain after the last request", f"{result.get('drain_s')} s"),
    ]
    lines = ["| Figure | Value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long the traffic runs (default 10)")
    parser.add_argument(
        "--mention-every", type=float, default=2.0, help="seconds between mentions (default 2)"
    )
    parser.add_argument("--recall-every", type=float, default=3.0, help="seconds between recalls (default 3)")
    parser.add_argument("--users", type=int, default=40, help="distinct users the requests come from")
    parser.add_argument(
        "--user-rate", type=int, default=0, help="LEGWORK_USER_RATE for the server (default 0)"
    )
    parser.add_argument("--processes", help="LEGWORK_PROCESSES for the server (default: its own, auto)")
    parser.add_argument(
        "--warmup", type=float, help="seconds before memory counts (default 20%%, at most 60)"
    )
    parser.add_argument("--sample-every", type=float, default=5.0, help="seconds between memory samples")
    parser.add_argument("--drain", type=float, default=180.0, help="seconds to wait for the last answers")
    parser.add_argument("--settle", type=float, default=3.0, help="quiet seconds that end the run")
    parser.add_argument("--senders", type=int, default=8, help="threads sending requests")
    parser.add_argument("--seed", type=int, default=8, help="seed of the traffic's choices")
    parser.add_argument("--max-slope", type=float, help="also fail when memory grows faster (MB a minute)")
    parser.add_argument("--log", help="keep the bot's log at this path")
    parser.add_argument("--output", type=Path, default=RESULTS / "soak.json", help="where to write the JSON")
    args = parser.parse_args(argv)
    if args.minutes <= 0 or args.mention_every < 0 or args.recall_every < 0 or args.users < 1:
        parser.error("--minutes and --users must be positive, the intervals 0 (off) or more")

    print(
        f"soak: {args.minutes:g} min, a mention every {args.mention_every:g} s, a recall every "
        f"{args.recall_every:g} s, {args.users} users",
        file=sys.stderr,
        flush=True,
    )
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    info = machine()
    result = run(args)
    why = failures(result, args.max_slope)
    result["passed"] = not why
    result["failures"] = why
    print(json.dumps(result, ensure_ascii=False))
    if "error" not in result:
        print(report(result))
    for line in result.get("log_errors", []):
        print(f"log: {line}")
    print("PASS" if not why else "FAIL: " + "; ".join(why))
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(
            json.dumps({"started": started, "machine": info, "result": result}, indent=2, ensure_ascii=False)
            + "\n",
            encoding="utf-8",
        )
    except OSError as exc:
        print(f"could not write {args.output}: {exc}", file=sys.stderr)
    if "error" in result:
        return 2
    return 0 if not why else 1


if __name__ == "__main__":
    sys.exit(main())
