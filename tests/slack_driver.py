"""A driver that plays Slack's HTTP delivery to the app under test.

It builds payloads (``event_callback`` with an ``app_mention``, slash commands, message shortcuts, block
actions, ``url_verification``), signs exactly the bytes it sends (``v0=`` + HMAC-SHA256 over
``v0:{timestamp}:{body}``), posts them over real HTTP, and measures each delivery's latency. Events can be
redelivered like Slack does: the same body (same ``event_id``) with a fresh signature and
``X-Slack-Retry-Num`` / ``X-Slack-Retry-Reason`` headers.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import itertools
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from slack_standin import APP_ID, BOT_USER, TEAM_ID, SlackStandin

API_APP_ID = APP_ID
REPORTER = "U0REPORTER"
ACK_BUDGET = 3.0  # Slack's acknowledgement deadline, seconds

_counter = itertools.count(1)


def sign(secret: str, timestamp: str | int, body: bytes | str) -> str:
    """Slack's request signature: ``v0=`` + hex HMAC-SHA256 of ``v0:{timestamp}:{body}``."""
    raw = body if isinstance(body, bytes) else body.encode("utf-8")
    base = b"v0:" + str(timestamp).encode() + b":" + raw
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Delivery:
    """One HTTP delivery and what came back."""

    status: int | None  # None when the request timed out or the connection failed
    body: bytes
    headers: dict[str, str]
    latency: float  # seconds from sending to the full response
    timed_out: bool = False
    error: str | None = None
    retry_num: int = 0

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class EventRecord:
    """Every delivery of one event under Slack's retry contract."""

    payload: dict[str, Any]
    deliveries: list[Delivery] = field(default_factory=list)

    @property
    def acked(self) -> bool:
        return any(d.ok and d.latency < ACK_BUDGET for d in self.deliveries)


class SlackDriver:
    """Signs and posts requests to the app at ``base_url`` (e.g. ``http://127.0.0.1:3000``)."""

    def __init__(
        self,
        base_url: str,
        signing_secret: str,
        *,
        standin: SlackStandin | None = None,
        path: str = "/slack/events",
        team_id: str = TEAM_ID,
        api_app_id: str = API_APP_ID,
        bot_user: str = BOT_USER,
        timeout: float = ACK_BUDGET,
    ) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.path = path
        self.signing_secret = signing_secret
        self.standin = standin
        self.team_id = team_id
        self.api_app_id = api_app_id
        self.bot_user = bot_user
        self.timeout = timeout
        self.deliveries: list[Delivery] = []

    # -- transport -------------------------------------------------------------------------------

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
        path: str | None = None,
        unsigned: bool = False,
    ) -> Delivery:
        """POST ``body`` signed for ``timestamp`` (default now) with ``secret`` (default the right one);
        ``unsigned`` leaves out both signature headers."""
        ts = int(time.time()) if timestamp is None else timestamp
        sig = signature or sign(secret or self.signing_secret, ts, body)
        hdrs = {"Content-Type": content_type, "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)"}
        if not unsigned:
            hdrs.update({"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": sig})
        hdrs.update(headers or {})
        return self._request("POST", path or self.path, body, hdrs, timeout)

    def get(self, path: str, timeout: float | None = None) -> Delivery:
        return self._request("GET", path, b"", {}, timeout)

    def _request(
        self, verb: str, path: str, body: bytes, headers: dict[str, str], timeout: float | None
    ) -> Delivery:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout or self.timeout)
        t0 = time.perf_counter()
        try:
            conn.request(verb, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            d = Delivery(
                resp.status, data, {k.lower(): v for k, v in resp.getheaders()}, time.perf_counter() - t0
            )
        except TimeoutError as exc:
            d = Delivery(None, b"", {}, time.perf_counter() - t0, timed_out=True, error=repr(exc))
        except OSError as exc:
            d = Delivery(None, b"", {}, time.perf_counter() - t0, error=repr(exc))
        finally:
            conn.close()
        self.deliveries.append(d)
        return d

    def healthz(self, path: str = "/healthz") -> Delivery:
        return self.get(path, timeout=5.0)

    # -- payloads --------------------------------------------------------------------------------

    def new_event_id(self) -> str:
        return "Ev" + uuid.uuid4().hex[:10].upper()

    def new_ts(self) -> str:
        if self.standin is not None:
            return self.standin.next_ts()
        return f"{time.time():.6f}"

    def mention_payload(
        self,
        channel: str,
        text: str,
        *,
        user: str = REPORTER,
        ts: str | None = None,
        thread_ts: str | None = None,
        event_id: str | None = None,
        mention_prefix: bool = True,
    ) -> dict[str, Any]:
        """An ``event_callback`` carrying an ``app_mention``; the text starts with ``<@BOT>`` by default.

        When the driver has a stand-in, the mention is also stored there as a message (so it is a reply in
        ``conversations.replies`` when ``thread_ts`` is given)."""
        ts = ts or self.new_ts()
        full = f"<@{self.bot_user}> {text}" if mention_prefix else text
        event: dict[str, Any] = {
            "type": "app_mention",
            "user": user,
            "text": full,
            "ts": ts,
            "channel": channel,
            "event_ts": ts,
            "client_msg_id": str(uuid.uuid4()),
            "team": self.team_id,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        if self.standin is not None:
            self.standin.add_message(channel, full, user=user, ts=ts, thread_ts=thread_ts)
        return self.event_callback(event, event_id=event_id)

    def message_payload(
        self,
        channel: str,
        text: str,
        *,
        user: str | None = REPORTER,
        channel_type: str = "im",
        ts: str | None = None,
        thread_ts: str | None = None,
        subtype: str | None = None,
        bot_id: str | None = None,
        event_id: str | None = None,
    ) -> dict[str, Any]:
        """An ``event_callback`` carrying a ``message`` event (a DM by default: ``message.im``)."""
        ts = ts or self.new_ts()
        event: dict[str, Any] = {
            "type": "message",
            "text": text,
            "ts": ts,
            "channel": channel,
            "channel_type": channel_type,
            "event_ts": ts,
            "team": self.team_id,
        }
        if user:
            event["user"] = user
            event["client_msg_id"] = str(uuid.uuid4())
        if thread_ts:
            event["thread_ts"] = thread_ts
        if subtype:
            event["subtype"] = subtype
        if bot_id:
            event["bot_id"] = bot_id
        if self.standin is not None and not subtype:
            self.standin.add_message(
                channel, text, user=user or "", ts=ts, thread_ts=thread_ts, bot_id=bot_id
            )
        return self.event_callback(event, event_id=event_id)

    def event_callback(self, event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
        """Wrap an inner ``event`` as Slack's ``event_callback`` envelope."""
        return {
            "token": "legacy-verification-token",
            "team_id": self.team_id,
            "context_team_id": self.team_id,
            "api_app_id": self.api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or self.new_event_id(),
            "event_time": int(float(event.get("event_ts") or time.time())),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": self.bot_user,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": "4-" + uuid.uuid4().hex[:20],
        }

    def command_fields(
        self,
        command: str,
        text: str,
        *,
        channel_id: str = "C0NEWS",
        user_id: str = REPORTER,
        response_url: str | None = None,
    ) -> dict[str, str]:
        """Form fields of a slash command; ``response_url`` is issued by the stand-in unless given."""
        if response_url is None:
            response_url = (
                self.standin.new_response_url() if self.standin else "http://127.0.0.1:9/response/none"
            )
        return {
            "token": "legacy-verification-token",
            "team_id": self.team_id,
            "team_domain": "legwork-test",
            "channel_id": channel_id,
            "channel_name": channel_id.lower(),
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": f"{next(_counter)}.{int(time.time())}.{uuid.uuid4().hex[:16]}",
        }

    def shortcut_payload(
        self,
        message: dict[str, Any],
        *,
        channel: str,
        callback_id: str = "legwork_digest",
        user_id: str = REPORTER,
        response_url: str | None = None,
    ) -> dict[str, Any]:
        """A ``message_action`` (message shortcut) payload on ``message`` (a dict with ``ts``, ``text``)."""
        if response_url is None and self.standin is not None:
            response_url = self.standin.new_response_url()
        return {
            "type": "message_action",
            "token": "legacy-verification-token",
            "action_ts": f"{time.time():.6f}",
            "team": {"id": self.team_id, "domain": "legwork-test"},
            "user": {
                "id": user_id,
                "username": user_id.lower(),
                "team_id": self.team_id,
                "name": user_id.lower(),
            },
            "channel": {"id": channel, "name": channel.lower()},
            "is_enterprise_install": False,
            "enterprise": None,
            "callback_id": callback_id,
            "trigger_id": f"{next(_counter)}.{int(time.time())}.{uuid.uuid4().hex[:16]}",
            "response_url": response_url or "http://127.0.0.1:9/response/none",
            "message_ts": message["ts"],
            "message": {"type": "message", **message},
            "api_app_id": self.api_app_id,
        }

    def block_actions_payload(
        self,
        *,
        action_id: str,
        value: str = "",
        channel: str,
        message: dict[str, Any] | None = None,
        block_id: str = "legwork",
        user_id: str = REPORTER,
        container_thread_ts: str | None = None,
        response_url: str | None = None,
    ) -> dict[str, Any]:
        """A ``block_actions`` payload: a button ``action_id`` with ``value`` clicked on ``message``."""
        message = message or {"type": "message", "ts": self.new_ts(), "text": ""}
        if response_url is None and self.standin is not None:
            response_url = self.standin.new_response_url()
        container = {
            "type": "message",
            "message_ts": message["ts"],
            "channel_id": channel,
            "is_ephemeral": False,
        }
        if container_thread_ts or message.get("thread_ts"):
            container["thread_ts"] = container_thread_ts or message.get("thread_ts")
        return {
            "type": "block_actions",
            "user": {
                "id": user_id,
                "username": user_id.lower(),
                "name": user_id.lower(),
                "team_id": self.team_id,
            },
            "api_app_id": self.api_app_id,
            "token": "legacy-verification-token",
            "container": container,
            "trigger_id": f"{next(_counter)}.{int(time.time())}.{uuid.uuid4().hex[:16]}",
            "team": {"id": self.team_id, "domain": "legwork-test"},
            "enterprise": None,
            "is_enterprise_install": False,
            "channel": {"id": channel, "name": channel.lower()},
            "message": message,
            "state": {"values": {}},
            "response_url": response_url or "http://127.0.0.1:9/response/none",
            "actions": [
                {
                    "action_id": action_id,
                    "block_id": block_id,
                    "text": {"type": "plain_text", "text": "button", "emoji": True},
                    "value": value,
                    "type": "button",
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }

    # -- sending ---------------------------------------------------------------------------------

    @staticmethod
    def encode_json(payload: dict[str, Any]) -> bytes:
        return json.dumps(payload, ensure_ascii=False).encode("utf-8")

    def send_event(
        self,
        payload: dict[str, Any],
        *,
        retry_num: int | None = None,
        retry_reason: str = "http_timeout",
        timeout: float | None = None,
        **kw: Any,
    ) -> Delivery:
        """One delivery of an ``event_callback`` body (a redelivery when ``retry_num`` is given)."""
        headers = dict(kw.pop("headers", {}) or {})
        if retry_num:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = retry_reason
        d = self.post(self.encode_json(payload), "application/json", headers=headers, timeout=timeout, **kw)
        d.retry_num = retry_num or 0
        return d

    def redeliver(
        self, payload: dict[str, Any], retry_num: int = 1, reason: str = "http_timeout"
    ) -> Delivery:
        """Redeliver an event like Slack: same body, fresh timestamp and signature, retry headers."""
        return self.send_event(payload, retry_num=retry_num, retry_reason=reason)

    def deliver_event(
        self,
        payload: dict[str, Any],
        *,
        schedule: tuple[float, ...] = (0.0, 0.2, 1.0),
        timeout: float | None = None,
    ) -> EventRecord:
        """Slack's delivery contract: on a timeout or a non-2xx answer (unless ``X-Slack-No-Retry: 1``),
        redeliver up to 3 times after the (scaled-down) ``schedule`` delays."""
        rec = EventRecord(payload)
        d = self.send_event(payload, timeout=timeout)
        rec.deliveries.append(d)
        for n, delay in enumerate(schedule, 1):
            if d.ok and d.latency < (timeout or self.timeout):
                break
            if not d.timed_out and d.headers.get("x-slack-no-retry") == "1":
                break
            time.sleep(delay)
            reason = (
                "http_timeout" if d.timed_out else ("connection_failed" if d.status is None else "http_error")
            )
            d = self.send_event(payload, retry_num=n, retry_reason=reason, timeout=timeout)
            rec.deliveries.append(d)
        return rec

    def mention(self, channel: str, text: str, **kw: Any) -> tuple[dict[str, Any], Delivery]:
        """Build and deliver an ``app_mention`` once; returns the payload and the delivery."""
        timeout = kw.pop("timeout", None)
        payload = self.mention_payload(channel, text, **kw)
        return payload, self.send_event(payload, timeout=timeout)

    def command(self, command: str, text: str, **kw: Any) -> tuple[dict[str, str], Delivery]:
        """Deliver a slash command once (form-encoded); returns the fields and the delivery."""
        timeout = kw.pop("timeout", None)
        fields = self.command_fields(command, text, **kw)
        body = urlencode(fields).encode()
        return fields, self.post(body, "application/x-www-form-urlencoded", timeout=timeout)

    def interactive(self, payload: dict[str, Any], *, timeout: float | None = None) -> Delivery:
        """Deliver an interactivity payload (shortcut, block action) as form field ``payload``."""
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded", timeout=timeout)

    def shortcut(
        self, message: dict[str, Any], *, channel: str, **kw: Any
    ) -> tuple[dict[str, Any], Delivery]:
        timeout = kw.pop("timeout", None)
        payload = self.shortcut_payload(message, channel=channel, **kw)
        return payload, self.interactive(payload, timeout=timeout)

    def url_verification(self, challenge: str = "challenge-token") -> Delivery:
        body = {"token": "legacy-verification-token", "challenge": challenge, "type": "url_verification"}
        return self.post(self.encode_json(body), "application/json")
