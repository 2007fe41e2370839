"""The Slack stand-ins themselves: the Web API stand-in answers slack_sdk like Slack, the driver's requests
verify with slack_sdk's SignatureVerifier and drive a real Bolt app over HTTP, and the Socket Mode stand-in
talks to slack_sdk's built-in SocketModeClient."""

from __future__ import annotations

import threading
import time
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from slack_driver import SlackDriver, sign
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient
from slack_standin import APP_TOKEN, BOT_TOKEN, SlackStandin
from socket_standin import SocketStandin

SECRET = "standin-signing-secret"


@pytest.fixture
def slack():
    with SlackStandin() as s:
        yield s


@pytest.fixture
def client(slack):
    return WebClient(token=BOT_TOKEN, base_url=slack.api_url, timeout=5)


def test_web_client_posts_and_the_standin_records_it(slack, client):
    resp = client.chat_postMessage(
        channel="C1",
        text="hello",
        thread_ts="123.000001",
        blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "*hi*"}}],
    )
    assert resp["ok"] and resp["ts"]
    (call,) = slack.calls("chat.postMessage")
    assert call.token == BOT_TOKEN
    assert call.params["channel"] == "C1" and call.params["thread_ts"] == "123.000001"
    assert call.strings == ["hello", "*hi*"]
    assert slack.posts("C1", "123.000001") == [call]


def test_form_get_and_json_encodings_are_all_understood(slack, client):
    assert client.auth_test()["user_id"] == "U0BOT"  # form body
    parent = slack.add_message("C2", "The article text.")
    slack.add_message("C2", "a reply", thread_ts=parent["ts"])
    replies = client.conversations_replies(channel="C2", ts=parent["ts"])  # GET with a query string
    assert [m["text"] for m in replies["messages"]] == ["The article text.", "a reply"]
    assert slack.calls("conversations.replies")[0].params["ts"] == parent["ts"]


def test_conversations_info_says_private_for_private_channels(slack, client):
    slack.add_channel("C3", private=True)
    assert client.conversations_info(channel="C3")["channel"]["is_private"] is True
    assert client.conversations_info(channel="C4")["channel"]["is_private"] is False
    assert client.conversations_info(channel="D5")["channel"]["is_im"] is True


def test_wrong_token_is_invalid_auth(slack):
    bad = WebClient(token="xoxb-wrong", base_url=slack.api_url)
    with pytest.raises(SlackApiError) as err:
        bad.auth_test()
    assert err.value.response["error"] == "invalid_auth"


def test_not_in_channel_fault_and_non_member_channels(slack, client):
    slack.fail("chat.postMessage", "not_in_channel", channel="C6")
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C6", text="x")
    assert err.value.response["error"] == "not_in_channel"
    assert client.chat_postMessage(channel="C6", text="x")["ok"]  # the fault was used once
    slack.add_channel("C7", member=False)
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C7", text="x")
    assert err.value.response["error"] == "not_in_channel"


def test_ratelimited_answers_429_with_retry_after_and_sdk_retries(slack):
    slack.fail("chat.postMessage", status=429, retry_after=0)
    c = WebClient(token=BOT_TOKEN, base_url=slack.api_url, retry_handlers=[RateLimitErrorRetryHandler(1)])
    assert c.chat_postMessage(channel="C8", text="x")["ok"]
    calls = slack.calls("chat.postMessage")
    assert [x.http_status for x in calls] == [429, 200]


def test_server_error_and_slow_answer(slack, client):
    slack.fail("chat.postMessage", status=500)
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C9", text="x")
    assert err.value.response.status_code == 500
    slack.fail("chat.postMessage", delay=1.5)
    impatient = WebClient(token=BOT_TOKEN, base_url=slack.api_url, timeout=0.5, retry_handlers=[])
    with pytest.raises(TimeoutError):
        impatient.chat_postMessage(channel="C9", text="x")


def test_response_urls_are_recorded(slack):
    url = slack.new_response_url()
    r = WebhookClient(url).send(text="ephemeral answer", response_type="ephemeral")
    assert r.status_code == 200
    (call,) = slack.responses(url)
    assert call.params["text"] == "ephemeral answer" and call.params["response_type"] == "ephemeral"
    broken = slack.new_response_url(status=500)
    assert WebhookClient(broken).send(text="x").status_code == 500


def test_wait_for_calls_polls_until_a_background_post_arrives(slack, client):
    threading.Timer(0.3, lambda: client.chat_postMessage(channel="C10", text="late")).start()
    t0 = time.monotonic()
    (call,) = slack.wait_for_calls("chat.postMessage", channel="C10", timeout=5)
    assert call.params["text"] == "late" and time.monotonic() - t0 < 3
    with pytest.raises(AssertionError):
        slack.wait_for_calls("chat.postMessage", channel="C11", timeout=0.3)


def test_driver_signature_verifies_with_slack_sdk():
    verifier = SignatureVerifier(SECRET)
    body = b'{"type":"event_callback"}'
    ts = str(int(time.time()))
    assert sign(SECRET, ts, body) == verifier.generate_signature(timestamp=ts, body=body)
    assert verifier.is_valid(body=body, timestamp=ts, signature=sign(SECRET, ts, body))
    stale = str(int(time.time()) - 301)
    assert not verifier.is_valid(body=body, timestamp=stale, signature=sign(SECRET, stale, body))
    assert not verifier.is_valid(body=body, timestamp=ts, signature=sign("wrong", ts, body))


# -- the driver against a real (tiny) Bolt app over HTTP -------------------------------------------


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # noqa: D102
        pass


@pytest.fixture
def bolt_http(slack, client):
    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    app = App(client=client, signing_secret=SECRET)

    @app.event("app_mention")
    def on_mention(event, client):
        client.chat_postMessage(
            channel=event["channel"], thread_ts=event.get("thread_ts") or event["ts"], text="got it"
        )

    @app.command("/legwork")
    def on_command(ack, command, respond):
        ack(f"working on {command['text']}")
        respond(text="done")

    @app.shortcut("legwork_digest")
    def on_shortcut(ack, shortcut, client):
        ack()
        client.chat_postMessage(
            channel=shortcut["channel"]["id"], thread_ts=shortcut["message"]["ts"], text="digest"
        )

    server = make_server(
        "127.0.0.1",
        0,
        SlackRequestHandler(app),
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietHandler,
    )
    t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    yield SlackDriver(f"http://127.0.0.1:{server.server_port}", SECRET, standin=slack)
    server.shutdown()
    server.server_close()


def test_driver_mention_reaches_a_bolt_app_and_the_reply_lands_in_the_standin(slack, bolt_http):
    payload, d = bolt_http.mention("C20", "please digest")
    assert d.status == 200 and d.latency < 3
    (post,) = slack.wait_for_calls("chat.postMessage", channel="C20")
    assert post.params["thread_ts"] == payload["event"]["ts"] and post.params["text"] == "got it"
    assert payload["event"]["text"].startswith("<@U0BOT> ")


def test_driver_bad_and_stale_signatures_get_401(slack, bolt_http):
    payload = bolt_http.mention_payload("C21", "x")
    body = bolt_http.encode_json(payload)
    assert bolt_http.post(body, "application/json", secret="wrong").status == 401
    assert bolt_http.post(body, "application/json", timestamp=int(time.time()) - 400).status == 401
    slack.settle(0.3)
    assert slack.calls("chat.postMessage", channel="C21") == []


def test_driver_command_and_shortcut(slack, bolt_http):
    fields, d = bolt_http.command("/legwork", "some text", channel_id="C22")
    assert d.status == 200 and d.text == "working on some text"
    (resp,) = slack.wait_for_calls("response_url")
    assert resp.params["text"] == "done" and fields["response_url"].endswith(resp.response_id)
    msg = slack.add_message("C22", "An article.")
    _, d = bolt_http.shortcut(msg, channel="C22")
    assert d.status == 200
    (post,) = slack.wait_for_calls("chat.postMessage", channel="C22")
    assert post.params["thread_ts"] == msg["ts"]


def test_deliver_event_retries_on_error_with_retry_headers(slack):
    # Nothing listens on this port's /slack/events path: the stand-in answers 404, so the driver redelivers.
    d = SlackDriver(slack.url, SECRET, standin=slack)
    rec = d.deliver_event(d.mention_payload("C23", "x"), schedule=(0, 0, 0))
    assert len(rec.deliveries) == 4 and not rec.acked
    assert [x.retry_num for x in rec.deliveries] == [0, 1, 2, 3]


# -- Socket Mode -----------------------------------------------------------------------------------


def test_socket_standin_with_bolt_socket_mode_handler(slack, client):
    from slack_bolt import App
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    with SocketStandin() as ws:
        ws.attach(slack)
        app = App(client=client, signing_secret=SECRET)

        @app.event("app_mention")
        def on_mention(event, client):
            client.chat_postMessage(channel=event["channel"], thread_ts=event["ts"], text="socket reply")

        @app.command("/recall")
        def on_recall(ack, command):
            ack(f"recall {command['text']}")

        handler = SocketModeHandler(app, APP_TOKEN)
        handler.connect()
        try:
            ws.wait_connected(timeout=10)
            assert slack.calls("apps.connections.open")[0].token == APP_TOKEN
            driver = SlackDriver("http://127.0.0.1:9", SECRET, standin=slack)
            payload = driver.mention_payload("C30", "hello")
            eid = ws.push_event(payload)
            ack = ws.wait_ack(eid)
            assert ack.latency < 3
            (post,) = slack.wait_for_calls("chat.postMessage", channel="C30")
            assert post.params["text"] == "socket reply"
            eid = ws.push_command(driver.command_fields("/recall", "Asif", channel_id="C30"))
            assert ws.wait_ack(eid).payload == {"text": "recall Asif"}
            ws.disconnect()
            ws.wait_connected(timeout=15, count=2)
            eid = ws.push_event(driver.mention_payload("C31", "again"))
            ws.wait_ack(eid)
            slack.wait_for_calls("chat.postMessage", channel="C31")
        finally:
            handler.close()


def test_block_kit_limits_are_enforced(slack, client):
    too_long_header = [{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}]
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C40", text="t", blocks=too_long_header)
    assert err.value.response["error"] == "invalid_blocks" and "header" in err.value.response["errors"][0]
    many = [{"type": "section", "text": {"type": "mrkdwn", "text": "y" * 2900}} for _ in range(5)]
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C40", text="t", blocks=many)
    assert err.value.response["error"] == "msg_blocks_too_long"
    button = {"type": "button", "action_id": "same", "text": {"type": "plain_text", "text": "Go"}}
    twice = [{"type": "section", "text": {"type": "mrkdwn", "text": "ok"}, "accessory": button}] * 2
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C40", text="t", blocks=twice)
    errors = " ".join(err.value.response["errors"])
    assert err.value.response["error"] == "invalid_blocks" and "'same' used twice" in errors
    fine = [{"type": "section", "text": {"type": "mrkdwn", "text": "ok"}}]
    assert client.chat_postMessage(channel="C40", text="t", blocks=fine)["ok"]


def test_per_channel_rate_limit(slack, client):
    slack.rate_limit("chat.postMessage", interval=1.0, retry_after=1)
    assert client.chat_postMessage(channel="C50", text="1")["ok"]
    assert client.chat_postMessage(channel="C51", text="other channel")["ok"]
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C50", text="2")
    assert err.value.response.status_code == 429 and err.value.response.headers["Retry-After"] == "1"
    slack.clear_faults()
    assert client.chat_postMessage(channel="C50", text="3")["ok"]


def test_files_are_served_with_the_bot_token_only(slack):
    import httpx

    f = slack.add_file("article.txt", "The minister said so.")
    ok = httpx.get(f["url_private_download"], headers={"Authorization": f"Bearer {BOT_TOKEN}"})
    assert ok.status_code == 200 and ok.text == "The minister said so."
    anonymous = httpx.get(f["url_private_download"])
    assert anonymous.status_code == 200 and "<html>" in anonymous.text.lower()
    assert [c.token for c in slack.calls("file_download")] == [BOT_TOKEN, None]
