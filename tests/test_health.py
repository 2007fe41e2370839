"""A refused bot token is logged once and reported by /healthz; 5xx from Slack are retried with back-off.

In process, against the Web API stand-in (the real server is driven in tests/test_e2e_faults.py).
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request

import pytest
from e2e_fixtures import free_port
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_standin import BOT_TOKEN, SlackStandin

from bot.config import Settings
from handlers.app import make_client
from handlers.health import AUTH_ERRORS, Health, health_of, healthz, serve_health


@pytest.fixture
def slack():
    with SlackStandin() as s:
        yield s


@pytest.fixture
def client(slack, tmp_path):
    settings = Settings.from_env(
        {"LEGWORK_DB": str(tmp_path / "l.db"), "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": slack.api_url}
    )
    return make_client(settings, timeout=5)


@pytest.fixture(autouse=True)
def _token_checked(client):
    """As at start-up, the bot token was accepted once (auth.test) before anything else."""
    client.auth_test()


def errors_logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("error", sorted(AUTH_ERRORS))
def test_a_refused_token_is_logged_once_and_makes_healthz_503(slack, client, caplog, error):
    slack.fail("chat.postMessage", error, times=3)
    assert healthz(health_of(client)) == ("200 OK", "ok")
    with caplog.at_level(logging.DEBUG, logger="handlers.health"):
        for _ in range(3):
            with pytest.raises(SlackApiError):
                client.chat_postMessage(channel="C1", text="hello")
    (line,) = errors_logged(caplog)
    assert error in line and "chat.postMessage" in line and "SLACK_BOT_TOKEN" in line and "reinstall" in line
    status, reason = healthz(health_of(client))
    assert status.startswith("503") and error in reason and "SLACK_BOT_TOKEN" in reason
    assert "\n" not in reason


def test_a_later_successful_call_clears_it_and_a_new_refusal_is_logged_again(slack, client, caplog):
    slack.fail("chat.postMessage", "token_revoked")
    with caplog.at_level(logging.INFO, logger="handlers.health"):
        with pytest.raises(SlackApiError):
            client.chat_postMessage(channel="C1", text="hello")
        client.chat_postMessage(channel="C1", text="hello again")
        assert healthz(health_of(client)) == ("200 OK", "ok")
        assert any("accepts the bot token" in r.getMessage() for r in caplog.records)
        slack.fail("reactions.add", "invalid_auth")
        with pytest.raises(SlackApiError):
            client.reactions_add(channel="C1", timestamp="1.0", name="eyes")
    assert len(errors_logged(caplog)) == 2
    assert "invalid_auth" in health_of(client).problem


def test_a_refused_app_level_token_names_slack_app_token_and_is_tracked_apart(slack, client, caplog):
    """Socket Mode opens its connection through the same client, with the app-level token."""
    slack.ws_url = "ws://127.0.0.1:9/socket"
    client.apps_connections_open(app_token=slack.app_token)  # Socket Mode connected at start-up
    with caplog.at_level(logging.INFO, logger="handlers.health"):
        with pytest.raises(SlackApiError):
            client.apps_connections_open(app_token="xapp-1-A0-revoked")
        client.chat_postMessage(channel="C1", text="the bot token still works")
        problem = health_of(client).problem
        assert "SLACK_APP_TOKEN" in problem and "SLACK_BOT_TOKEN" not in problem, problem
        client.apps_connections_open(app_token=slack.app_token)
        assert health_of(client).problem is None
    (line,) = errors_logged(caplog)
    assert "apps.connections.open" in line and "SLACK_APP_TOKEN" in line


def test_a_token_refused_before_it_ever_worked_is_left_to_start_up(caplog):
    """handlers.server.check_token stops the start with a ConfigError; no second line about /healthz."""
    health = Health()
    with caplog.at_level(logging.DEBUG, logger="handlers.health"):
        health.observe("http://slack/api/auth.test", {"ok": False, "error": "invalid_auth"})
    assert errors_logged(caplog) == []
    assert "invalid_auth" in health.problem


def test_other_errors_leave_health_alone(slack, client):
    slack.fail("chat.postMessage", "not_in_channel")
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C1", text="hello")
    assert healthz(health_of(client)) == ("200 OK", "ok")


def test_the_client_bolt_builds_for_each_request_is_watched_too(slack, client):
    """Bolt hands listeners a new WebClient per request with a copy of the retry handlers."""
    per_request = WebClient(
        token=client.token, base_url=client.base_url, retry_handlers=client.retry_handlers.copy()
    )
    slack.bot_token = "xoxb-the-new-install"  # the app was reinstalled: the old token is refused
    with pytest.raises(SlackApiError):
        per_request.conversations_info(channel="C1")
    assert "invalid_auth" in health_of(client).problem


def test_the_wsgi_healthz_answers_503_with_the_reason(slack, client):
    from slack_bolt import App

    from handlers.server import wsgi_app

    app = App(client=client, signing_secret="s3cret", token_verification_enabled=False)
    application = wsgi_app(app, "s3cret")

    def get() -> tuple[str, bytes]:
        seen = {}
        body = b"".join(
            application(
                {"PATH_INFO": "/healthz", "REQUEST_METHOD": "GET"},
                lambda status, headers: seen.setdefault("status", status),
            )
        )
        return seen["status"], body

    assert get() == ("200 OK", b"ok\n")
    health_of(client).token_refused("chat.postMessage", "account_inactive")
    status, body = get()
    assert status == "503 Service Unavailable"
    assert b"account_inactive" in body and body.count(b"\n") == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_after_a_back_off(slack, client, status):
    slack.fail("chat.postMessage", status=status, channel="C5")
    client.chat_postMessage(channel="C5", text="hello")
    first, second = slack.calls("chat.postMessage", channel="C5")
    assert (first.http_status, second.http_status) == (status, 200)
    assert second.at - first.at >= 0.45, "the retry waited (back-off 0.5 s plus jitter)"


def test_socket_mode_health_listener(slack):
    health = Health()
    port = free_port()
    server = serve_health(health, port, host="127.0.0.1")
    try:
        url = f"http://127.0.0.1:{port}/healthz"
        with urllib.request.urlopen(url, timeout=5) as resp:
            assert (resp.status, resp.read()) == (200, b"ok\n")
        health.token_refused("auth.test", "token_revoked")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(url, timeout=5)
        assert err.value.code == 503 and b"token_revoked" in err.value.read()
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/slack/events", timeout=5)
        assert err.value.code == 404
    finally:
        server.shutdown()
        server.server_close()
