"""The digest job as Slack sees it: one threaded reply, reactions, one clear line per failure, the ledger."""

from __future__ import annotations

import json
import re

import pytest
from slack_fakes import FakeClient, FakeRespond

from bot import render
from bot.errors import FetchError
from bot.jobs import queue
from bot.jobs.runner import JobRunner
from handlers.context import Services
from handlers.jobs import JobRequest, record, run
from handlers.replies import post

LIVE = re.compile(r"<[!@]")
ARTICLE = (
    "The finance minister, Jane Roe, said on Tuesday that the budget would be delayed. "
    '"We will not rush this <!channel> & <@U0BOT> decision," Roe told reporters. '
    "A senior official, who spoke on condition of anonymity because he was not authorised to speak, said the "
    "cabinet had not yet agreed on the figures. The ministry is expected to decide next month."
)


@pytest.fixture
def services(settings, store, nlp):
    s = Services(settings=settings, store=store, nlp=nlp, jobs=JobRunner(1, 1))
    yield s
    s.jobs.shutdown()


def run_digest(services: Services, client, r: JobRequest) -> None:
    """A digest as a listener submits it and a worker runs it: recorded as a job, then run."""
    assert record(services.store, r)
    run(services, client, r)


def claimable(services: Services, key: str) -> bool:
    """True when a delivery with this ledger key would be recorded as a new job (and now it is)."""
    return queue.enqueue(services.store, [key], "digest", {}) is not None


def req(**kw) -> JobRequest:
    base = {
        "team": "T1",
        "channel": "C1",
        "user": "U1",
        "thread_ts": "100.1",
        "react_ts": "100.1",
        "article_ts": "100.1",
        "keys": ["msg:T1:C1:100.1"],
    }
    return JobRequest(**(base | kw))


@pytest.mark.model
def test_digest_job_replies_once_in_the_thread_with_pings_neutralised(services):
    client = FakeClient()
    run_digest(services, client, req(text=ARTICLE))
    (post,) = client.made("chat.postMessage")
    assert post["thread_ts"] == "100.1" and post["blocks"]
    assert not LIVE.search(json.dumps(post["blocks"])) and not LIVE.search(post["text"])
    assert "Jane Roe" in json.dumps(post["blocks"])
    assert [r["name"] for r in client.made("reactions.add")] == ["hourglass_flowing_sand", "white_check_mark"]
    assert not claimable(services, "msg:T1:C1:100.1")  # done: a retry does not redo it


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Le gouvernement prépare une nouvelle loi sur les retraites, "
        "selon plusieurs sources proches du dossier. " * 6
    ],
)
def test_digest_job_foreign_text_gets_one_warning_line(services, text):
    client = FakeClient()
    run_digest(services, client, req(text=text))
    (post,) = client.made("chat.postMessage")
    assert post["text"].startswith(":warning:") and "English" in post["text"] and "\n" not in post["text"]
    assert client.made("reactions.add")[-1]["name"] == "warning"


@pytest.mark.parametrize("n", [5])
def test_digest_job_links_each_fail_in_one_line_and_extra_links_are_counted(services, n):
    def fetch(url, _settings):
        raise FetchError("the page answered 404")

    services.fetch = fetch
    client = FakeClient()
    links = [f"https://news.example.com/{i}" for i in range(n)]
    run_digest(services, client, req(text="", links=links))
    (post,) = client.made("chat.postMessage")
    assert post["text"].count("404") == 3 and "skipped 2 more links" in post["text"]


def test_digest_job_unreadable_thread_parent_says_why(services):
    client = FakeClient()
    client.fail["conversations.replies"] = "missing_scope"
    run_digest(services, client, req(parent_ts="100.0"))
    (post,) = client.made("chat.postMessage")
    assert "groups:history" in post["text"] and "reinstall" in post["text"]


def test_digest_job_not_in_channel_falls_back_to_the_response_url():
    client = FakeClient()
    client.fail["chat.postMessage"] = "not_in_channel"
    respond = FakeRespond()
    post(client, req(thread_ts=None, respond=respond), {"text": "digest", "blocks": [render.section("x")]})
    (answer,) = respond.calls
    assert answer["response_type"] == "ephemeral" and "/invite @Legwork" in answer["text"]
    assert "/invite @Legwork" in json.dumps(answer["blocks"])


def test_digest_job_slash_command_failures_are_private(services):
    client = FakeClient()
    respond = FakeRespond()
    run_digest(services, client, req(text="", thread_ts=None, react_ts=None, respond=respond))
    assert not client.made("chat.postMessage")
    assert respond.calls[0]["text"].startswith(":warning:")


def test_digest_job_a_slack_failure_is_recorded_so_a_retry_may_redo_it(services):
    client = FakeClient()
    client.fail["chat.postMessage"] = "ratelimited"
    key = "msg:T1:C1:100.9"
    run_digest(services, client, req(text="", keys=[key]))
    assert claimable(services, key)  # failed, so claimable again


def test_digest_job_an_image_alone_gets_one_clear_line(services):
    client = FakeClient()
    run_digest(services, client, req(text="", files=[{"id": "F1", "mimetype": "image/png"}]))
    (post,) = client.made("chat.postMessage")
    assert "text snippets" in post["text"] and post["text"].startswith(":warning:")


@pytest.mark.parametrize("text", ["hello there", "Budget delayed, minister says"])
def test_digest_job_a_few_words_are_not_an_article(services, text):
    client = FakeClient()
    run_digest(services, client, req(text=text))
    (post,) = client.made("chat.postMessage")
    assert "too short" in post["text"] and "\n" not in post["text"]


@pytest.mark.model
def test_digest_job_a_success_takes_off_no_warning_it_never_added(services):
    """Issue #15: every successful digest called reactions.remove for a :warning: Legwork never put there."""
    client = FakeClient()
    run_digest(services, client, req(text=ARTICLE))
    assert [r["name"] for r in client.made("reactions.remove")] == ["hourglass_flowing_sand"]


@pytest.mark.model
def test_digest_job_a_redo_after_a_failed_run_takes_its_warning_off(services):
    failing = FakeClient()
    failing.fail["chat.postMessage"] = "ratelimited"
    run_digest(services, failing, req(text=ARTICLE))
    assert failing.made("reactions.add")[-1]["name"] == "warning"
    client = FakeClient()
    run_digest(services, client, req(text=ARTICLE))  # Slack's retry of the same message
    assert [r["name"] for r in client.made("reactions.remove")] == ["hourglass_flowing_sand", "warning"]
    assert client.made("reactions.add")[-1]["name"] == "white_check_mark"
