"""The HTTP server's front door (issue #17): oversized bodies refused unread, signed but malformed bodies
refused with 400 and one log line, requests from another workspace or app dropped. Real Bolt app and WSGI
application in-process; nothing reaches the network (jobs are recorded, not run)."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import time
from urllib.parse import urlencode

import pytest
from bolt_doubles import NOWHERE, authorize
from slack_sdk import WebClient

from handlers.app import create_app
from handlers.server import MAX_BODY, wsgi_app

SECRET = "front-door-secret"


@pytest.fixture
def app(settings, store, jobs):
    return create_app(
        settings,
        store=store,
        nlp=None,
        client=WebClient(token=None, base_url=NOWHERE),
        jobs=jobs,
        ours={"team_id": "T1", "app_id": "A1"},
        authorize=authorize,
        request_verification_enabled=False,
        process_before_response=True,
    )


class NoRead(io.RawIOBase):
    """A request body that must not be read."""

    def read(self, *_args):  # noqa: ANN201
        raise AssertionError("the body was read")


def call(app, body: bytes, *, content_type: str = "application/json", sign: bool = True, length=None):
    ts = str(int(time.time()))
    mac = hmac.new(SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/slack/events",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body) if length is None else length),
        "wsgi.input": NoRead() if length is not None else io.BytesIO(body),
        "HTTP_X_SLACK_REQUEST_TIMESTAMP": ts,
        "HTTP_X_SLACK_SIGNATURE": "v0=" + mac if sign else "v0=0",
    }
    seen: list[str] = []
    wsgi_app(app, SECRET)(environ, lambda status, _headers: seen.append(status))
    return seen[0]


def mention(team: str = "T1", app_id: str = "A1", **event) -> bytes:
    ev = {"type": "app_mention", "user": "U1", "text": "<@U0BOT> help", "channel": "C1", "ts": "1.000100"}
    ev.update(event)
    body = {"type": "event_callback", "team_id": team, "api_app_id": app_id, "event_id": "Ev" + team + app_id}
    return json.dumps({**body, "event": {k: v for k, v in ev.items() if v is not None}}).encode()


@pytest.mark.parametrize("sign", [True, False])
def test_a_body_over_the_cap_is_refused_unread(app, sign):
    assert call(app, b"", sign=sign, length=200_000_000).startswith("413")
    assert call(app, b"", sign=sign, length=MAX_BODY + 1).startswith("413")


def test_the_cap_is_well_above_slacks_largest_message(app, jobs):
    """A 40,000-character message (Slack's limit), every character escaped in JSON, with its blocks."""
    text = "<@U0BOT> " + "\u00e9" * 40_000
    blocks = [{"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [
        {"type": "text", "text": text}]}]}]  # fmt: skip
    body = json.dumps(json.loads(mention(text=text))).encode()
    body = body.replace(b'"event": {', b'"event": {"blocks": ' + json.dumps(blocks).encode() + b", ")
    assert 400_000 < len(body) < MAX_BODY // 4
    assert call(app, body).startswith("200")
    assert len(jobs.submitted) == 1


MALFORMED = {
    "bad JSON": (b'{"type": "event_callback", ', "application/json"),
    "a JSON array": (b"[1, 2, 3]", "application/json"),
    "JSON null": (b"null", "application/json"),
    "a broken form payload": (b"payload=%7Bnot+json", "application/x-www-form-urlencoded"),
    "a form payload that is a list": (b"payload=%5B1%5D", "application/x-www-form-urlencoded"),
    "invalid UTF-8": (b'{"type": "\xff\xfe"}', "application/json"),
    "event: null": (b'{"type": "event_callback", "team_id": "T1", "event": null}', "application/json"),
    "event: a string": (b'{"type": "event_callback", "team_id": "T1", "event": "x"}', "application/json"),
}


@pytest.mark.parametrize("shape", list(MALFORMED))
def test_a_signed_malformed_body_is_a_400_with_one_log_line(app, jobs, caplog, shape):
    body, ctype = MALFORMED[shape]
    with caplog.at_level(logging.INFO):
        status = call(app, body, content_type=ctype)
    assert status.startswith("400"), status
    assert not jobs.submitted
    assert not any(r.exc_info for r in caplog.records), "no traceback"
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) <= 1


def test_a_body_that_is_not_utf8_without_a_valid_signature_is_a_401(app):
    assert call(app, b'{"type": "\xff"}', sign=False).startswith("401")


@pytest.mark.parametrize("missing", ["channel", "ts"])
def test_an_event_without_a_channel_is_dropped_with_one_line(app, jobs, caplog, missing):
    with caplog.at_level(logging.INFO):
        assert call(app, mention(**{missing: None})).startswith("200")
    assert not jobs.submitted
    assert not any(r.exc_info for r in caplog.records), "no KeyError traceback"
    assert any(f"without a {missing}" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    "odd", [{"text": 5}, {"files": "report.pdf"}, {"files": ["x"]}, {"blocks": [5]}, {"blocks": "x"}]
)
def test_an_event_with_fields_of_the_wrong_type_is_dropped_with_one_line(app, jobs, caplog, odd):
    with caplog.at_level(logging.INFO):
        assert call(app, mention(**odd)).startswith("200")
    assert not jobs.submitted
    assert not any(r.exc_info for r in caplog.records)
    assert any("ignored an event" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(("team", "app_id"), [("T2", "A1"), ("T1", "A2")])
def test_a_request_from_another_workspace_or_app_is_logged_and_dropped(app, jobs, caplog, team, app_id):
    with caplog.at_level(logging.INFO):
        assert call(app, mention(team=team, app_id=app_id)).startswith("200")
    assert not jobs.submitted
    assert any("another" in r.getMessage() for r in caplog.records)
    assert call(app, mention()).startswith("200") and len(jobs.submitted) == 1  # our own still works


def test_a_slack_connect_event_from_another_org_received_by_our_installation_is_digested(app, jobs):
    body = json.loads(mention(team="T7"))
    body["authorizations"] = [{"team_id": "T1", "user_id": "U0BOT", "is_bot": True}]
    assert call(app, json.dumps(body).encode()).startswith("200")
    assert len(jobs.submitted) == 1
    body["authorizations"][0]["team_id"] = "T7"  # received by another installation: not ours
    body["event_id"] = "Ev2"
    assert call(app, json.dumps(body).encode()).startswith("200")
    assert len(jobs.submitted) == 1


def test_a_slash_command_from_another_workspace_is_dropped(app, jobs):
    form = {
        "command": "/legwork",
        "text": "https://news.example.com/a",
        "team_id": "T9",
        "api_app_id": "A1",
        "channel_id": "C1",
        "user_id": "U1",
        "trigger_id": "t",
        "response_url": "http://127.0.0.1:9/hook",
    }
    as_form = "application/x-www-form-urlencoded"
    assert call(app, urlencode(form).encode(), content_type=as_form)[:3] == "200"
    assert not jobs.submitted
    assert call(app, urlencode({**form, "team_id": "T1"}).encode(), content_type=as_form)[:3] == "200"
    assert len(jobs.submitted) == 1
