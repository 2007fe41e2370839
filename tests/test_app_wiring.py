"""create_app wiring: requests dispatched through Bolt with no network (authorize=, no signature checks)."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from bolt_doubles import NOWHERE, RecordingJobs, authorize
from slack_bolt import BoltRequest
from slack_sdk import WebClient

from bot.render import messages
from handlers.app import create_app


@pytest.fixture
def app(settings, store, jobs):
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


def command(app, text: str, name: str = "/legwork", user: str = "U1"):
    body = urlencode(
        {
            "command": name,
            "text": text,
            "team_id": "T1",
            "channel_id": "C1",
            "user_id": user,
            "trigger_id": "tr." + text,
            "response_url": "http://127.0.0.1:9/hook",
        }
    )
    return app.dispatch(
        BoltRequest(body=body, headers={"content-type": ["application/x-www-form-urlencoded"]})
    )


def ack_text(response) -> str:
    """The text of an ack: a plain body, or a JSON body's ``text``."""
    body = response.body or ""
    return json.loads(body)["text"] if body.startswith("{") else body


def mention(app, text: str, event_id: str = "Ev1", ts: str = "100.1", retry: str | None = None):
    event = {"type": "app_mention", "user": "U1", "text": f"<@U0BOT> {text}", "ts": ts, "channel": "C1"}
    body = {
        "type": "event_callback",
        "team_id": "T1",
        "api_app_id": "A1",
        "event_id": event_id,
        "event": event,
        "event_time": 1,
    }
    headers = {"content-type": ["application/json"]} | ({"x-slack-retry-num": [retry]} if retry else {})
    return app.dispatch(BoltRequest(body=json.dumps(body), headers=headers))


def test_app_wiring_legwork_help_is_answered_in_the_ack(app):
    response = command(app, "help")
    assert response.status == 200 and "/recall" in ack_text(response)


def test_app_wiring_legwork_digest_is_queued_and_acked(app, jobs):
    response = command(app, "https://news.example.com/story")
    assert response.status == 200 and "Digesting" in ack_text(response)
    ((name, args),) = jobs.submitted
    assert name == "run_digest" and args[2].links == ["https://news.example.com/story"]


def test_app_wiring_busy_pool_is_answered_not_stalled(settings, store):
    busy = RecordingJobs(full=True)
    app = create_app(
        settings,
        store=store,
        nlp=None,
        client=WebClient(token=None, base_url=NOWHERE),
        jobs=busy,
        authorize=authorize,
        request_verification_enabled=False,
        process_before_response=True,
    )
    response = command(app, "some pasted article text")
    assert ack_text(response) == messages.BUSY
    busy.shutdown()


def test_app_wiring_recall_without_query_explains_usage(app):
    response = command(app, "", name="/recall")
    assert "what to look for" in ack_text(response)


def test_app_wiring_open_questions_answer_in_the_ack(app):
    response = command(app, "open")
    assert response.status == 200 and "open questions" in ack_text(response).lower()


def test_app_wiring_a_retried_or_doubled_mention_is_queued_once(app, jobs):
    assert mention(app, "Some article text").status == 200
    mention(app, "Some article text", retry="1")  # Slack's retry: same event_id
    mention(app, "Some article text", event_id="Ev2")  # the same message under another event_id
    assert [name for name, _ in jobs.submitted] == ["run_digest"]


def test_app_wiring_a_new_message_is_not_a_duplicate(app, jobs):
    mention(app, "first", event_id="Ev1", ts="100.1")
    mention(app, "second", event_id="Ev2", ts="100.2")
    assert len(jobs.submitted) == 2


@pytest.mark.parametrize(
    ("env", "mode", "variable"),
    [
        ({}, "http", "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxp-user"}, "http", "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "http", "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "socket", "SLACK_APP_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}, "socket", "SLACK_APP_TOKEN"),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "slack.com"},
            "http",
            "SLACK_API_URL",
        ),
    ],
)
def test_app_wiring_a_bad_setting_is_one_line_naming_the_variable(env, mode, variable):
    from bot.config import Settings
    from bot.errors import ConfigError
    from handlers.server import check_settings

    with pytest.raises(ConfigError, match=variable) as info:
        check_settings(Settings.from_env(env), mode, environ={})
    assert "\n" not in str(info.value)


def test_app_wiring_oauth_variables_are_refused():
    from bot.config import Settings
    from bot.errors import ConfigError
    from handlers.server import check_settings

    settings = Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"})
    with pytest.raises(ConfigError, match="SLACK_CLIENT_ID"):
        check_settings(settings, "http", environ={"SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "2"})


@pytest.mark.parametrize(("app_token", "mode"), [("", "http"), ("xapp-1", "socket")])
def test_app_wiring_auto_mode_follows_the_app_token(app_token, mode):
    from bot.config import Settings
    from handlers.server import resolve_mode

    assert resolve_mode(Settings.from_env({"SLACK_APP_TOKEN": app_token})) == mode


def test_app_wiring_unreachable_api_is_a_config_error():
    from bot.config import Settings
    from bot.errors import ConfigError
    from handlers.app import make_client
    from handlers.server import check_token

    settings = Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_API_URL": NOWHERE})
    with pytest.raises(ConfigError, match="SLACK_API_URL"):
        check_token(make_client(settings, timeout=2), settings)


@pytest.mark.parametrize(("path", "status"), [("/healthz", "200 OK"), ("/nowhere", "404 Not Found")])
def test_app_wiring_wsgi_serves_health_and_nothing_else(app, path, status):
    from handlers.server import wsgi_app

    seen = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": None,
    }
    wsgi_app(app)(environ, lambda s, h: seen.append(s))
    assert seen == [status]


def test_app_wiring_legwork_recall_is_a_private_recall(app, jobs):
    command(app, "recall Jane Roe")
    ((name, (_s, _c, req)),) = jobs.submitted
    assert name == "run_text" and req.private


def test_app_wiring_the_21st_digest_in_a_minute_gets_the_friendly_line(app, jobs):
    acks = [ack_text(command(app, f"https://news.example.com/story-{n}")) for n in range(21)]
    assert all("Digesting" in a for a in acks[:20])
    assert "try again in about" in acks[20] and "Digesting" not in acks[20]
    assert len(jobs.submitted) == 20, "the limited request is not queued"
    assert "Digesting" in ack_text(command(app, "https://news.example.com/other", user="U2")), "per person"
    assert "/recall" in ack_text(command(app, "help")), "help is not a digest"


def test_app_wiring_a_repeated_delivery_is_neither_counted_nor_answered_twice(app, jobs):
    acks = [ack_text(command(app, f"https://news.example.com/story-{n}")) for n in range(20)]
    assert all("Digesting" in a for a in acks)
    # Slack delivering request 0 again: a duplicate, silently dropped, not "try again later"
    assert "try again" not in ack_text(command(app, "https://news.example.com/story-0"))
    assert len(jobs.submitted) == 20
