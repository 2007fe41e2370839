"""The Slack path: acknowledgement latency and time to the threaded reply, through the real HTTP app.

``python -m bot serve`` runs as a subprocess in HTTP mode against the local Slack stand-in (tests/
slack_standin.py); the signing driver (tests/slack_driver.py) posts ``app_mention`` events carrying a
1,000-word synthetic article, 1, 10 and 50 at a time. The acknowledgement is the HTTP answer to the event
delivery; the reply is the first ``chat.postMessage`` the stand-in receives in the mention's thread, timed
from the moment the event was sent.
"""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.common import SECRET, BotServer, Target, latency_summary, slack_standins, synthetic_article

NAME = "slack"
LEVELS = (1, 10, 50)
ACK_TIMEOUT = 30.0  # seconds: far past Slack's 3 s, so that a slow ack is measured rather than cut off
TARGETS = [
    Target("acknowledgement p99 at 50 concurrent mentions", "c50_ack_p99_ms", "<", 100, "ms"),
    Target("threaded reply p95 at 10 concurrent mentions", "c10_reply_p95_ms", "<", 2000, "ms"),
    Target("threaded reply p95, one mention at a time", "c1_reply_p95_ms", "info", unit="ms"),
    Target("threaded reply p95 at 50 concurrent mentions", "c50_reply_p95_ms", "info", unit="ms"),
    Target(
        "server peak resident memory (with its worker processes)", "server_peak_rss_mb", "info", unit="MB"
    ),
]


def run(quick: bool = False) -> dict[str, Any]:
    """Serve, then send the mention waves; report percentiles per concurrency level."""
    SlackStandin, SlackDriver = slack_standins()
    # (concurrency, waves): enough samples for the percentiles the targets name.
    plan = [(1, 3), (10, 1), (50, 1)] if quick else [(1, 10), (10, 4), (50, 2)]
    result: dict[str, Any] = {"benchmark": NAME, "quick": quick, "article_words": 1000}
    with SlackStandin() as standin, tempfile.TemporaryDirectory(prefix="legwork-bench-slack-") as tmp:
        server = BotServer(standin, Path(tmp) / "slack.db", Path(tmp) / "server.log")
        try:
            server.start()
            result["ready_s"] = round(server.ready_in or 0.0, 2)
            driver = SlackDriver(server.url, SECRET, standin=standin, timeout=ACK_TIMEOUT)
            article_no = [0]

            def next_article() -> str:
                article_no[0] += 1
                return synthetic_article(1000, seed=5000 + article_no[0])

            _wave(standin, driver, [next_article()], "CBENCHWARM")  # warm-up, not counted
            for level, waves in plan:
                acks: list[float] = []
                replies: list[float] = []
                failures = {"ack_failed": 0, "ack_over_3s": 0, "no_reply": 0, "error_reply": 0}
                for w in range(waves):
                    outcome = _wave(standin, driver, [next_article() for _ in range(level)], f"CB{level}W{w}")
                    acks += outcome["acks"]
                    replies += outcome["replies"]
                    for k in failures:
                        failures[k] += outcome[k]
                result.update(latency_summary(acks, f"c{level}_ack"))
                result.update(latency_summary(replies, f"c{level}_reply"))
                result.update({f"c{level}_{k}": v for k, v in failures.items()})
            current, peak = server.rss_mb()
            result["server_rss_mb"], result["server_peak_rss_mb"] = current, peak
            result["server_processes"] = len(server._tree())
            result["server_errors_logged"] = server.log().count(" ERROR ")
        finally:
            server.stop()
    return result


def _wave(
    standin: Any, driver: Any, articles: list[str], channel: str, timeout: float = 300.0
) -> dict[str, Any]:
    """Send one mention per article at the same moment; wait for every threaded reply."""
    standin.add_channel(channel)
    payloads = [driver.mention_payload(channel, text) for text in articles]
    sent_at: list[float] = [0.0] * len(payloads)
    deliveries: list[Any] = [None] * len(payloads)
    gate = threading.Barrier(len(payloads))

    def send(i: int) -> None:
        gate.wait()
        sent_at[i] = time.monotonic()
        deliveries[i] = driver.send_event(payloads[i])

    threads = [threading.Thread(target=send, args=(i,), daemon=True) for i in range(len(payloads))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    acks = [d.latency for d in deliveries if d is not None and d.ok]
    replies: list[float] = []
    no_reply = error_reply = 0
    deadline = time.monotonic() + timeout
    for i, payload in enumerate(payloads):
        if deliveries[i] is None or not deliveries[i].ok:
            continue
        ts = payload["event"]["ts"]
        posts: list[Any] = []
        while time.monotonic() < deadline:
            posts = standin.posts(channel, thread_ts=ts)
            if posts:
                break
            time.sleep(0.01)
        if not posts:
            no_reply += 1
            continue
        first = min(posts, key=lambda c: c.at)
        replies.append(first.at - sent_at[i])
        if "Sorry" in (first.get("text") or "") or len(first.all_text) < 100:
            error_reply += 1
    return {
        "acks": acks,
        "replies": replies,
        "ack_failed": sum(1 for d in deliveries if d is None or not d.ok),
        "ack_over_3s": sum(1 for d in deliveries if d is not None and d.latency >= 3.0),
        "no_reply": no_reply,
        "error_reply": error_reply,
    }
