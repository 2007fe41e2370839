"""The per-user digest limit as wired in create_app (LEGWORK_USER_RATE): the 21st digest in a minute gets the
friendly line and no job; other people, and answers that are not digests, are not held back."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from slack_bolt import BoltRequest
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient

from bot.app import create_app
from bot.config import Settings
from bot.jobs import JobRunner

NOWHERE = "http://127.0.0.1:9/api/"


class RecordingJobs(JobRunner):
    def __init__(self) -> None:
        super().__init__(workers=1, queue_size=1)
        self.submitted: list[str] = []

    def try_submit(self, fn, *args, **kwargs) -> bool:
        self.submitted.append(fn.__name__)
        return True


def authorize(**_kwargs) -> AuthorizeResult:
    return AuthorizeResult(
        enterprise_id=None, team_id="T1", bot_user_id="U0BOT", bot_id="B0BOT", bot_token="xoxb-t"
    )


@pytest.fixture
def jobs():
    j = RecordingJobs()
    yield j
    j.shutdown()


@pytest.fixture
def app(tmp_path, store, jobs):
    settings = Settings.from_env({"LEGWORK_DB": str(tmp_path / "legwork.db"), "LEGWORK_USER_RATE": "20"})
    return create_app(
        settings,
        store=store,
        nlp=None,
        client=WebClient(token=None, base_url=NOWHERE),
        jobs=jobs,
        authorize=authorize,
        request_verification_enabled=False,
        process_before_response=True,
    )


def command(app, text: str, n: int, user: str = "U1") -> str:
    body = urlencode(
        {
            "command": "/legwork",
            "text": text,
            "team_id": "T1",
            "channel_id": "C1",
            "user_id": user,
            "trigger_id": f"tr.{user}.{n}",
            "response_url": "http://127.0.0.1:9/hook",
        }
    )
    response = app.dispatch(
        BoltRequest(body=body, headers={"content-type": ["application/x-www-form-urlencoded"]})
    )
    raw = response.body or ""
    return json.loads(raw)["text"] if raw.startswith("{") else raw


def test_user_rate_the_21st_digest_in_a_minute_gets_the_friendly_line(app, jobs):
    acks = [command(app, f"https://news.example.com/story-{n}", n) for n in range(21)]
    assert all("Digesting" in a for a in acks[:20])
    assert "try again in about" in acks[20] and "Digesting" not in acks[20]
    assert len(jobs.submitted) == 20, "the limited request is not queued"
    assert "Digesting" in command(app, "https://news.example.com/other", 99, user="U2"), "per user"
    assert "/recall" in command(app, "help", 100), "help is not a digest"


def test_user_rate_a_repeated_delivery_is_neither_counted_nor_answered_twice(app, jobs):
    acks = [command(app, f"https://news.example.com/story-{n}", n) for n in range(20)]
    assert all("Digesting" in a for a in acks)
    # Slack delivering request 0 again: a duplicate, silently dropped, not "try again later"
    assert "try again" not in command(app, "https://news.example.com/story-0", 0)
    assert len(jobs.submitted) == 20
