"""Helpers for the end-to-end tests: run ``python -m bot serve`` as a subprocess against the Slack stand-ins.

The bot runs as in production: its own process, real threads, waitress (HTTP mode) or slack_sdk's Socket Mode
client, and a real SQLite file. Only Slack is replaced, through ``SLACK_API_URL``. Its output goes to a log
file; ``BotProcess.log_since`` returns what it wrote during one test, so a failing test can show it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from slack_driver import SlackDriver
from slack_standin import SlackStandin

ROOT = Path(__file__).resolve().parent.parent
SECRET = "e2e-signing-secret-0123456789abcdef"
STARTUP_TIMEOUT = 120.0  # loading spaCy on a busy 2-core machine
JOB_TIMEOUT = 90.0  # one digest (up to 100,000 characters) on a busy shared 2-core machine
DONE_REACTIONS = {"white_check_mark", "warning"}  # a job's final reaction on the message that asked


def app_landed() -> bool:
    """True once the Slack app exists (its factory module); the e2e tests skip until then."""
    return (ROOT / "handlers" / "app.py").exists()


def skip_unless_app() -> None:
    if not app_landed():
        pytest.skip("the Slack app (handlers/app.py) is not built yet")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def new_channel(prefix: str = "C") -> str:
    """A channel id no other test uses, so calls can be told apart by channel."""
    return prefix + uuid.uuid4().hex[:10].upper()


def bot_env(
    standin: SlackStandin,
    db_path: Path,
    *,
    port: int | None = None,
    socket_mode: bool = False,
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    """A clean environment for the bot: no inherited SLACK_*, OAuth or proxy variables."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "LEGWORK_"))
        and k.lower() not in {"http_proxy", "https_proxy", "all_proxy"}
    }
    env.update(
        {
            "SLACK_BOT_TOKEN": standin.bot_token,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": standin.api_url,
            "LEGWORK_DB": str(db_path),
            "PORT": str(port or free_port()),
            "PYTHONUNBUFFERED": "1",
            "HTTP_PROXY": "",
            "HTTPS_PROXY": "",
            "http_proxy": "",
            "https_proxy": "",
            "LEGWORK_LOG_LEVEL": "INFO",
            "LEGWORK_USER_RATE": "0",  # the tests send bursts from one reporter; test_e2e_crash turns it on
        }
    )
    if socket_mode:
        env["SLACK_APP_TOKEN"] = standin.app_token
    env.update(extra or {})
    return env


class BotProcess:
    """``python -m bot serve`` in a subprocess, output to ``log_path``.

    ``new_session`` starts it in a process group of its own, with its extraction workers, so that ``kill``
    can end them all at once as a crash would (kill -9).
    """

    def __init__(self, env: dict[str, str], log_path: Path, *, new_session: bool = False) -> None:
        self.env = env
        self.new_session = new_session
        self.port = int(env["PORT"])
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_in: float | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> BotProcess:
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self._t0 = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=self.new_session,
        )
        return self

    def kill(self) -> None:
        """SIGKILL the server and (with ``new_session``) every process of its group: no clean-up at all."""
        assert self.proc is not None
        if self.new_session:
            os.killpg(self.proc.pid, signal.SIGKILL)
        else:
            self.proc.kill()
        self.proc.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def log_offset(self) -> int:
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def log_since(self, offset: int) -> str:
        with open(self.log_path, "rb") as f:
            f.seek(offset)
            return f.read().decode("utf-8", "replace")

    def fail(self, why: str) -> None:
        raise AssertionError(f"{why}\n--- bot output ---\n{self.log()[-6000:]}")

    def wait_healthy(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Poll GET /healthz until it answers 200; fail with the bot's output if the process dies."""
        driver = SlackDriver(self.url, SECRET)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive:
                self.fail(
                    f"the bot exited with status {self.proc.returncode if self.proc else '?'} at start-up"
                )
            d = driver.get("/healthz", timeout=2.0)
            if d.status == 200:
                self.started_in = time.monotonic() - self._t0
                return
            time.sleep(0.2)
        self.fail(f"GET /healthz did not answer 200 within {timeout:.0f}s")

    def stop(self) -> int | None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if getattr(self, "_log", None):
            self._log.close()
        return self.proc.returncode if self.proc else None


@contextmanager
def serving(proc: BotProcess) -> Iterator[BotProcess]:
    """Start the bot, wait until ``/healthz`` answers, stop it afterwards (its log shown if it crashed)."""
    proc.start()
    try:
        proc.wait_healthy()
        yield proc
    finally:
        status = proc.stop()
        if status not in (0, -15, None):
            print(f"--- the bot exited with status {status} ---\n{proc.log()[-4000:]}")


def wait_done(slack: SlackStandin, channel: str, ts: str, timeout: float = JOB_TIMEOUT) -> str:
    """Wait until the job for the message ``ts`` put its final reaction on it; return the reaction name."""
    calls = slack.wait_for_calls(
        "reactions.add",
        channel=channel,
        timestamp=ts,
        timeout=timeout,
        where=lambda c: c.get("name") in DONE_REACTIONS,
    )
    return str(calls[0].get("name"))


def show_bot_output_on_failure(bot: BotProcess) -> Any:
    """Body of an autouse fixture: print what the bot logged during the test. pytest shows captured
    output only for failing tests, so this is the bot's stderr exactly when it helps."""
    offset = bot.log_offset()
    yield
    out = bot.log_since(offset)
    if out:
        sys.stderr.write(f"--- bot output during this test ---\n{out[-8000:]}\n")
    if not bot.alive:
        sys.stderr.write(f"--- the bot is no longer running (status {bot.proc.returncode}) ---\n")


# Short hand-written articles (not from the eval set).

BUDGET_ARTICLE = "\n\n".join(
    [
        "Budget vote delayed as coalition talks drag on",
        (
            "Finance Minister Rana Qasim said on Tuesday that the federal budget would be presented "
            "to parliament next week."
        ),
        ('"We will not raise taxes on salaried workers this year," Qasim told reporters in Islamabad.'),
        (
            "A senior official at the finance ministry, who spoke on condition of anonymity because "
            "he was not authorised to speak to the media, said the cabinet had not yet approved the "
            "final figures."
        ),
        '"Nothing is settled until the cabinet signs off," the official said.\n',
    ]
)

HEALTH_ARTICLE = "\n\n".join(
    [
        "Hospital strike enters third day",
        (
            "Health Minister Sania Baloch said on Monday that talks with striking doctors would "
            "resume on Wednesday."
        ),
        (
            '"The doors of my office are open to every doctor who wants a solution," Baloch said at a '
            "news conference in Quetta."
        ),
        (
            "An official at the provincial health department, speaking on condition of anonymity, "
            "said the government was preparing an offer on unpaid salaries.\n"
        ),
    ]
)

CHANNEL_ARTICLE = "\n\n".join(
    [
        "Council meeting ends in uproar",
        ("Mayor Daniel Okafor said on Thursday that the council would vote again on the housing plan."),
        (
            '"We owe residents a decision, <!channel> included, and we will deliver it," Okafor said, '
            "reading from a note."
        ),
        (
            "A council official, who asked not to be named, said <!here> was written on the agenda by "
            "mistake &amp; nobody noticed <@U0BOT>.\n"
        ),
    ]
)

FRENCH_TEXT = "\n\n".join(
    [
        (
            "Le ministre des Finances a déclaré mardi que le budget serait présenté au parlement la "
            "semaine\nprochaine. « Nous n'augmenterons pas les impôts des salariés cette année », "
            "a-t-il dit aux journalistes.\nUn responsable du ministère, qui a requis l'anonymat, a "
            "affirmé que le gouvernement n'avait pas encore approuvé\nles chiffres définitifs du "
            "budget et que les discussions se poursuivaient avec les partenaires de la coalition.\n"
        ),
    ]
)
