"""A local stand-in for Slack's Web API, for end-to-end tests.

A real HTTP server (``ThreadingHTTPServer``) on 127.0.0.1 in a daemon thread. It records every call (method,
parameters from the query string, a form body or a JSON body, and the token), keeps a small state model
(channels, messages per thread), answers the methods Legwork uses, serves response URLs
(``/response/<id>``), and can be told to fail a method (``not_in_channel``, HTTP 429 with ``Retry-After``,
HTTP 500, or a slow answer).

    with SlackStandin() as slack:
        client = WebClient(token=slack.bot_token, base_url=slack.api_url)
        client.chat_postMessage(channel="C1", text="hi")
        slack.wait_for_calls("chat.postMessage", channel="C1")

Replies are posted from background threads of the app under test, so every query helper has a ``wait_for``
form that polls with a deadline.
"""

from __future__ import annotations

import itertools
import json
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from slack_limits import payload_errors
from slack_standin_views import ViewsAndMembers

BOT_TOKEN = "xoxb-legwork-test"
APP_TOKEN = "xapp-legwork-test"
TEAM_ID = "T0LEGWORK"
APP_ID = "A0LEGWORK"  # the app the bot token belongs to (auth.test), the api_app_id of every request
BOT_USER = "U0BOT"
BOT_ID = "B0BOT"

# Methods that need the app-level token rather than the bot token.
APP_TOKEN_METHODS = {"apps.connections.open"}


@dataclass
class Call:
    """One request the stand-in received."""

    seq: int
    method: str  # "chat.postMessage", or "response_url" for a POST to a response URL
    params: dict[str, Any]  # query string, form fields and JSON body merged; JSON-looking form values decoded
    token: str | None
    headers: dict[str, str]
    body: bytes
    at: float  # time.monotonic() when received
    http_status: int = 200
    answer: dict[str, Any] = field(default_factory=dict)  # the JSON the stand-in answered
    response_id: str | None = None  # for response_url calls
    path: str = ""  # the request path (without the query string)

    @property
    def ok(self) -> bool:
        """True when the stand-in answered HTTP 200 with ``ok: true``."""
        return self.http_status == 200 and bool(self.answer.get("ok"))

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    @property
    def strings(self) -> list[str]:
        """Every user-visible string of a message call: ``text``, then the strings in blocks/attachments."""
        out: list[str] = []
        if isinstance(self.params.get("text"), str):
            out.append(self.params["text"])
        for key in ("blocks", "attachments"):
            out.extend(_strings(self.params.get(key)))
        return out

    @property
    def all_text(self) -> str:
        """All user-visible strings of a message call, joined by newlines (for ``in`` assertions)."""
        return "\n".join(self.strings)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k in {"type", "block_id", "action_id", "style", "url", "image_url", "value"}:
                continue
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@dataclass
class Fault:
    """An injected failure for one method, consumed ``times`` times (``None``: for ever)."""

    method: str
    error: str | None = None  # Slack error string, answered as HTTP 200 {"ok": false, "error": ...}
    status: int | None = None  # HTTP status to answer instead (429 ratelimited, 500 server error)
    retry_after: int = 1  # seconds, for 429
    delay: float = 0.0  # seconds to wait before answering (a slow Slack)
    times: int | None = 1
    where: dict[str, Any] = field(default_factory=dict)  # only calls whose params match these values
    body: str | None = None  # raw body to answer with (e.g. an HTML error page)
    extra: dict[str, Any] = field(default_factory=dict)  # extra keys of the error answer (needed/provided)
    hits: int = 0

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        if method != self.method or (self.times is not None and self.hits >= self.times):
            return False
        return all(str(params.get(k)) == str(v) for k, v in self.where.items())


@dataclass
class Channel:
    id: str
    name: str
    is_private: bool = False
    is_im: bool = False
    is_member: bool = True
    is_archived: bool = False

    def info(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "is_channel": not self.is_private and not self.is_im,
            "is_group": self.is_private and not self.is_im,
            "is_im": self.is_im,
            "is_mpim": False,
            "is_private": self.is_private or self.is_im,
            "is_member": self.is_member,
            "is_archived": self.is_archived,
            "is_general": False,
            "is_shared": False,
            "is_ext_shared": False,
            "is_org_shared": False,
            "context_team_id": TEAM_ID,
        }


class SlackStandin(ViewsAndMembers):
    """The Web API stand-in. Start it (or use it as a context manager) before building the app."""

    def __init__(
        self,
        *,
        bot_token: str = BOT_TOKEN,
        app_token: str = APP_TOKEN,
        team_id: str = TEAM_ID,
        bot_user: str = BOT_USER,
        bot_id: str = BOT_ID,
    ) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.team_id = team_id
        self.bot_user = bot_user
        self.bot_id = bot_id
        self.ws_url: str | None = None  # what apps.connections.open answers (set by the Socket Mode stand-in)
        self.response_limit = 5  # uses per response URL, as Slack allows
        self.blocks_text_limit = 12_000  # characters of block text before msg_blocks_too_long
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._calls: list[Call] = []
        self._seq = itertools.count(1)
        self._faults: list[Fault] = []
        self._limits: dict[str, tuple[float, int, int]] = {}  # method -> (interval, burst, Retry-After)
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}  # (method, channel) -> (tokens, time)
        self._channels: dict[str, Channel] = {}
        self._messages: dict[str, list[dict[str, Any]]] = {}  # channel -> messages, in ts order
        self._responses: dict[str, dict[str, Any]] = {}  # response id -> {"status": int|None, "uses": int}
        self._pages: dict[str, tuple[int, str, bytes]] = {}  # path -> (status, content type, body)
        self._files: dict[str, bytes] = {}  # file id -> content
        self._last_ts = 0.0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle ------------------------------------------------------------------------------

    def start(self) -> SlackStandin:
        handler = _make_handler(self)
        self._server = _QuietServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="slack-standin",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SlackStandin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "the stand-in is not started"
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """The value for SLACK_API_URL."""
        return f"{self.url}/api/"

    # -- seeding ---------------------------------------------------------------------------------

    def add_channel(
        self,
        channel_id: str,
        name: str | None = None,
        *,
        private: bool = False,
        im: bool = False,
        member: bool = True,
        archived: bool = False,
    ) -> Channel:
        """Declare a channel. Unknown ids are otherwise public channels the bot is a member of
        (ids starting with ``G`` private, ``D`` direct messages)."""
        with self._lock:
            ch = Channel(channel_id, name or channel_id.lower(), private, im, member, archived)
            self._channels[channel_id] = ch
            return ch

    def channel(self, channel_id: str) -> Channel:
        with self._lock:
            ch = self._channels.get(channel_id)
            if ch is None:
                ch = Channel(
                    channel_id,
                    channel_id.lower(),
                    is_private=channel_id.startswith("G"),
                    is_im=channel_id.startswith("D"),
                )
                self._channels[channel_id] = ch
            return ch

    def next_ts(self) -> str:
        """A fresh, increasing message timestamp ("<seconds>.<6 digits>")."""
        with self._lock:
            now = max(time.time(), self._last_ts + 0.000001)
            self._last_ts = round(now, 6)
            return f"{self._last_ts:.6f}"

    def add_message(
        self,
        channel: str,
        text: str,
        *,
        user: str = "U0REPORTER",
        ts: str | None = None,
        thread_ts: str | None = None,
        blocks: list[dict[str, Any]] | None = None,
        bot_id: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Store a message (a thread parent, or a reply when ``thread_ts`` is given) and return it;
        ``extra`` adds other message fields (``files``, ``attachments``, ``subtype``…)."""
        with self._lock:
            self.channel(channel)
            msg: dict[str, Any] = {"type": "message", "user": user, "text": text, "ts": ts or self.next_ts()}
            if bot_id:
                msg["bot_id"] = bot_id
            if blocks is not None:
                msg["blocks"] = blocks
            msg.update(extra or {})
            if thread_ts:
                msg["thread_ts"] = thread_ts
                parent = self._find(channel, thread_ts)
                if parent is not None:
                    parent["thread_ts"] = thread_ts
                    parent["reply_count"] = parent.get("reply_count", 0) + 1
            self._messages.setdefault(channel, []).append(msg)
            self._messages[channel].sort(key=lambda m: float(m["ts"]))
            return msg

    def _find(self, channel: str, ts: str) -> dict[str, Any] | None:
        for m in self._messages.get(channel, []):
            if m["ts"] == ts:
                return m
        return None

    def thread(self, channel: str, ts: str) -> list[dict[str, Any]]:
        """The parent then its replies, as ``conversations.replies`` answers them."""
        with self._lock:
            msgs = self._messages.get(channel, [])
            parent = self._find(channel, ts)
            if parent is None:
                return []
            root = parent.get("thread_ts") or ts
            if root != ts:  # ts is a reply: Slack answers just that message
                return [dict(parent)]
            return [dict(m) for m in msgs if m["ts"] == ts or m.get("thread_ts") == ts]

    # -- faults ----------------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        error: str | None = None,
        *,
        status: int | None = None,
        retry_after: int = 1,
        delay: float = 0.0,
        times: int | None = 1,
        body: str | None = None,
        extra: dict[str, Any] | None = None,
        **where: Any,
    ) -> Fault:
        """Make the next ``times`` calls of ``method`` (whose params match ``where``) fail.

        ``fail("chat.postMessage", "not_in_channel", channel="C1")``: HTTP 200 ``{"ok": false, ...}``;
        ``fail("chat.postMessage", status=429, retry_after=1)``: HTTP 429 ``ratelimited``, ``Retry-After``;
        ``fail("chat.postMessage", status=500)``: HTTP 500;
        ``fail("chat.postMessage", delay=5)``: answer normally but only after 5 s.
        """
        if error is None and status is None and not delay:
            raise ValueError("give an error, a status or a delay")
        f = Fault(method, error, status, retry_after, delay, times, dict(where), body, dict(extra or {}))
        with self._lock:
            self._faults.append(f)
        return f

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()
            self._limits.clear()
            self._buckets.clear()

    def rate_limit(self, method: str, interval: float = 1.0, *, burst: int = 1, retry_after: int = 1) -> None:
        """Slack's per-channel limit: about one ``method`` call per ``interval`` seconds per channel, with
        short bursts of ``burst`` tolerated (a token bucket); a call over the limit gets HTTP 429
        ``ratelimited`` with ``Retry-After`` (until ``clear_faults``)."""
        with self._lock:
            self._limits[method] = (interval, burst, retry_after)

    def _over_limit(self, method: str, params: dict[str, Any]) -> int | None:
        with self._lock:
            if method not in self._limits:
                return None
            interval, burst, retry_after = self._limits[method]
            key = (method, str(params.get("channel")))
            now = time.monotonic()
            tokens, last = self._buckets.get(key, (float(burst), now))
            tokens = min(float(burst), tokens + (now - last) / interval)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return retry_after
            self._buckets[key] = (tokens - 1.0, now)
            return None

    def _take_fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        with self._lock:
            for f in self._faults:
                if f.matches(method, params):
                    f.hits += 1
                    return f
        return None

    # -- response URLs ---------------------------------------------------------------------------

    def new_response_url(self, *, status: int | None = None) -> str:
        """A fresh response URL served by the stand-in (``status``: answer that HTTP status, not 200)."""
        rid = uuid.uuid4().hex[:12]
        with self._lock:
            self._responses[rid] = {"status": status, "uses": 0}
        return f"{self.url}/response/{rid}"

    def responses(self, response_url: str | None = None) -> list[Call]:
        """POSTs received on response URLs (all, or those for one URL)."""
        rid = response_url.rstrip("/").rsplit("/", 1)[-1] if response_url else None
        return [c for c in self.calls("response_url") if rid is None or c.response_id == rid]

    # -- files (text snippets) --------------------------------------------------------------------

    def add_file(
        self, name: str, content: str | bytes, *, mimetype: str = "text/plain", filetype: str = "text"
    ) -> dict[str, Any]:
        """A file as Slack describes it in a message's ``files``; its ``url_private_download`` is served
        by the stand-in with the bot token only (without it: Slack's HTML sign-in page, HTTP 200)."""
        fid = "F" + uuid.uuid4().hex[:10].upper()
        data = content.encode("utf-8") if isinstance(content, str) else content
        with self._lock:
            self._files[fid] = data
        url = f"{self.url}/files-pri/{self.team_id}-{fid}/{name}"
        return {
            "id": fid,
            "name": name,
            "title": name,
            "mimetype": mimetype,
            "filetype": filetype,
            "pretty_type": "Plain Text" if filetype == "text" else filetype,
            "size": len(data),
            "mode": "snippet" if filetype == "text" else "hosted",
            "is_external": False,
            "url_private": url,
            "url_private_download": url + "?download=1",
        }

    # -- web pages (for link digests) ------------------------------------------------------------

    def add_page(
        self,
        name: str,
        body: str | bytes,
        *,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
    ) -> str:
        """Serve ``body`` at ``/pages/<name>`` (an article page for link digests) and return its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._pages[name] = (status, content_type, data)
        return f"{self.url}/pages/{name}"

    # -- queries ---------------------------------------------------------------------------------

    def calls(self, method: str | None = None, *, since: int = 0, **where: Any) -> list[Call]:
        """Recorded calls, oldest first; ``since`` is a ``mark()``; ``where`` matches params by value."""
        with self._lock:
            out = [c for c in self._calls if c.seq > since and (method is None or c.method == method)]
        return [c for c in out if all(str(c.params.get(k)) == str(v) for k, v in where.items())]

    def mark(self) -> int:
        """The sequence number of the latest call, for ``calls(since=...)``."""
        with self._lock:
            return self._calls[-1].seq if self._calls else 0

    def posts(self, channel: str, thread_ts: str | None = None, *, ok_only: bool = True) -> list[Call]:
        """``chat.postMessage`` calls to ``channel`` (in thread ``thread_ts`` when given)."""
        out = self.calls("chat.postMessage", channel=channel)
        if thread_ts is not None:
            out = [c for c in out if c.get("thread_ts") == thread_ts]
        return [c for c in out if c.ok] if ok_only else out

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0, message: str = "") -> Any:
        """Poll ``predicate`` until it returns something truthy; raise AssertionError at the deadline."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(message or f"timed out after {timeout:.1f}s waiting for {predicate!r}")
            with self._changed:
                self._changed.wait(min(remaining, 0.1))

    def wait_for_calls(
        self,
        method: str,
        n: int = 1,
        *,
        timeout: float = 10.0,
        since: int = 0,
        ok_only: bool = False,
        where: Callable[[Call], bool] | None = None,
        **params: Any,
    ) -> list[Call]:
        """Wait until at least ``n`` calls of ``method`` (matching ``params`` and ``where``) were received."""

        def found() -> list[Call] | None:
            cs = [
                c
                for c in self.calls(method, since=since, **params)
                if (not ok_only or c.ok) and (where is None or where(c))
            ]
            return cs if len(cs) >= n else None

        return self.wait_for(
            found,
            timeout,
            f"expected {n} {method} call(s) matching {params or ''} within {timeout:.1f}s; got "
            f"{len(self.calls(method, since=since, **params))}; the latest calls: "
            + ", ".join(f"{c.method}({c.params.get('channel', '')})" for c in self.calls(since=since)[-25:]),
        )

    def settle(self, quiet: float = 0.5, timeout: float = 10.0) -> None:
        """Wait until no call has arrived for ``quiet`` seconds (to check that nothing *more* comes)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                last = self._calls[-1].at if self._calls else 0.0
            idle = time.monotonic() - last
            if idle >= quiet:
                return
            time.sleep(min(quiet - idle, 0.1) + 0.01)

    # -- the server side -------------------------------------------------------------------------

    def _record(self, call: Call) -> None:
        with self._changed:
            call.seq = next(self._seq)
            self._calls.append(call)
            self._changed.notify_all()

    def _answer_api(
        self, method: str, params: dict[str, Any], token: str | None
    ) -> tuple[int, dict[str, Any]]:
        expected = self.app_token if method in APP_TOKEN_METHODS else self.bot_token
        if token != expected:
            if method in APP_TOKEN_METHODS and token and token.startswith("xoxb-"):
                return 200, {"ok": False, "error": "not_allowed_token_type"}
            return 200, {"ok": False, "error": "invalid_auth" if token else "not_authed"}
        handler = getattr(self, "_api_" + method.replace(".", "_"), None)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}
        return 200, handler(params)

    def _err(self, error: str, **extra: Any) -> dict[str, Any]:
        return {"ok": False, "error": error, **extra}

    def _api_auth_test(self, p: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://legwork-test.slack.com/",
            "team": "Legwork Test",
            "user": "legwork",
            "team_id": self.team_id,
            "user_id": self.bot_user,
            "bot_id": self.bot_id,
            "app_id": APP_ID,
            "is_enterprise_install": False,
        }

    def _api_apps_connections_open(self, p: dict[str, Any]) -> dict[str, Any]:
        if not self.ws_url:
            return self._err("internal_error", detail="no Socket Mode stand-in attached")
        return {"ok": True, "url": f"{self.ws_url}?ticket={uuid.uuid4().hex}"}

    def _post_target(self, p: dict[str, Any]) -> tuple[Channel | None, dict[str, Any] | None]:
        cid = p.get("channel")
        if not cid:
            return None, self._err("channel_not_found")
        ch = self.channel(str(cid))
        if ch.is_archived:
            return None, self._err("is_archived")
        if not ch.is_member:
            return None, self._err("channel_not_found" if ch.is_private or ch.is_im else "not_in_channel")
        return ch, None

    def _api_chat_postMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        ch, err = self._post_target(p)
        if err:
            return err
        text = p.get("text")
        if not text and not p.get("blocks") and not p.get("attachments"):
            return self._err("no_text")
        blocks = p.get("blocks")
        bad = self._check_blocks(blocks)
        if bad:
            return bad
        metadata = p.get("metadata")
        msg = self.add_message(
            ch.id,
            text or "",
            user=self.bot_user,
            bot_id=self.bot_id,
            thread_ts=p.get("thread_ts"),
            blocks=blocks,
            extra={"metadata": metadata} if isinstance(metadata, dict) else None,
        )
        answer: dict[str, Any] = {"ok": True, "channel": ch.id, "ts": msg["ts"], "message": msg}
        if isinstance(text, str) and len(text) > 40_000:
            msg["text"] = text[:40_000]
            answer["response_metadata"] = {"warnings": ["message_truncated"]}
        return answer

    def _check_blocks(self, blocks: Any) -> dict[str, Any] | None:
        """Slack's Block Kit limits, with block and action ids unique in the message: ``invalid_blocks``
        with the reasons, or ``msg_blocks_too_long`` past ``blocks_text_limit`` characters of block text."""
        if blocks is None:
            return None
        if not isinstance(blocks, list):
            return self._err("invalid_blocks", errors=["blocks must be a list"])
        errors = payload_errors(blocks)
        if errors:
            return self._err("invalid_blocks", errors=errors)
        if sum(len(t) for t in _strings(blocks)) > self.blocks_text_limit:
            return self._err("msg_blocks_too_long")
        return None

    def _api_chat_postEphemeral(self, p: dict[str, Any]) -> dict[str, Any]:
        ch, err = self._post_target(p)
        if err:
            return err
        if not p.get("user"):
            return self._err("user_not_in_channel")
        return {"ok": True, "message_ts": self.next_ts()}

    def _api_chat_update(self, p: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            msg = self._find(str(p.get("channel")), str(p.get("ts")))
            if msg is None:
                return self._err("message_not_found")
            if msg.get("user") != self.bot_user:
                return self._err("cant_update_message")
            if "text" in p:
                msg["text"] = p["text"]
            if "blocks" in p:
                bad = self._check_blocks(p["blocks"])
                if bad:
                    return bad
                msg["blocks"] = p["blocks"]
            msg["edited"] = {"user": self.bot_user, "ts": self.next_ts()}
            return {
                "ok": True,
                "channel": p["channel"],
                "ts": p["ts"],
                "text": msg["text"],
                "message": dict(msg),
            }

    def _api_chat_delete(self, p: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            msgs = self._messages.get(str(p.get("channel")), [])
            for i, m in enumerate(msgs):
                if m["ts"] == str(p.get("ts")):
                    del msgs[i]
                    return {"ok": True, "channel": p["channel"], "ts": p["ts"]}
        return self._err("message_not_found")

    def _api_chat_getPermalink(self, p: dict[str, Any]) -> dict[str, Any]:
        cid, ts = str(p.get("channel")), str(p.get("message_ts"))
        return {
            "ok": True,
            "channel": cid,
            "permalink": f"https://legwork-test.slack.com/archives/{cid}/p{ts.replace('.', '')}",
        }

    def _api_conversations_replies(self, p: dict[str, Any]) -> dict[str, Any]:
        cid, ts = str(p.get("channel")), str(p.get("ts"))
        if cid not in self._channels and cid not in self._messages:
            return self._err("channel_not_found")
        msgs = self.thread(cid, ts)
        if not msgs:
            return self._err("thread_not_found")
        limit = int(p.get("limit") or 1000)
        start = int(p.get("cursor") or 0)
        page = _with_metadata(msgs[start : start + limit], p)
        more = start + limit < len(msgs)
        return {
            "ok": True,
            "messages": page,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    def _api_conversations_history(self, p: dict[str, Any]) -> dict[str, Any]:
        cid = str(p.get("channel"))
        with self._lock:
            msgs = [
                dict(m)
                for m in self._messages.get(cid, [])
                if not m.get("thread_ts") or m["thread_ts"] == m["ts"]
            ]
        if p.get("oldest"):
            msgs = [m for m in msgs if float(m["ts"]) > float(p["oldest"])]
        msgs.reverse()
        limit = int(p.get("limit") or 100)
        return {"ok": True, "messages": _with_metadata(msgs[:limit], p), "has_more": len(msgs) > limit}

    def _api_conversations_info(self, p: dict[str, Any]) -> dict[str, Any]:
        cid = p.get("channel")
        if not cid:
            return self._err("channel_not_found")
        return {"ok": True, "channel": self.channel(str(cid)).info()}

    def _api_conversations_join(self, p: dict[str, Any]) -> dict[str, Any]:
        ch = self.channel(str(p.get("channel")))
        if ch.is_private or ch.is_im:
            return self._err("method_not_supported_for_channel_type")
        ch.is_member = True
        return {"ok": True, "channel": ch.info()}

    def _api_users_info(self, p: dict[str, Any]) -> dict[str, Any]:
        uid = str(p.get("user"))
        return {
            "ok": True,
            "user": {
                "id": uid,
                "team_id": self.team_id,
                "name": uid.lower(),
                "real_name": f"User {uid}",
                "is_bot": uid == self.bot_user,
                "profile": {"display_name": uid.lower(), "real_name": f"User {uid}"},
            },
        }

    def _api_team_info(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "team": {"id": self.team_id, "name": "Legwork Test", "domain": "legwork-test"}}

    def _api_bots_info(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "bot": {"id": self.bot_id, "user_id": self.bot_user, "name": "legwork"}}

    def _api_reactions_add(self, p: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            msg = self._find(str(p.get("channel")), str(p.get("timestamp")))
            if msg is not None:
                names = msg.setdefault("_reactions", [])
                if p.get("name") in names:
                    return self._err("already_reacted")
                names.append(p.get("name"))
        return {"ok": True}

    def _api_reactions_remove(self, p: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            msg = self._find(str(p.get("channel")), str(p.get("timestamp")))
            if msg is not None:
                names = msg.setdefault("_reactions", [])
                if p.get("name") not in names:
                    return self._err("no_reaction")
                names.remove(p.get("name"))
        return {"ok": True}

    def reactions(self, channel: str, ts: str) -> list[str]:
        """The reactions currently on a message (as left by reactions.add/remove)."""
        with self._lock:
            msg = self._find(channel, ts)
            return list(msg.get("_reactions", [])) if msg else []

def _with_metadata(messages: list[dict[str, Any]], p: dict[str, Any]) -> list[dict[str, Any]]:
    """Messages as Slack reads them back: their ``metadata`` only with ``include_all_metadata=true``."""
    if str(p.get("include_all_metadata", "")).lower() in {"1", "true"}:
        return messages
    return [{k: v for k, v in m.items() if k != "metadata"} for m in messages]


def _decode_params(raw: dict[str, Any]) -> dict[str, Any]:
    out = dict(raw)
    for key in ("blocks", "attachments", "metadata"):
        v = out.get(key)
        if isinstance(v, str) and v[:1] in "[{":
            try:
                out[key] = json.loads(v)
            except ValueError:
                pass
    return out


class _QuietServer(ThreadingHTTPServer):
    """A client hanging up mid-answer (the bot stops reading a file at its size cap) is normal here."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _make_handler(standin: SlackStandin) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def do_HEAD(self) -> None:
            self._handle()

        def _send(
            self, status: int, payload: dict[str, Any] | str, headers: dict[str, str] | None = None
        ) -> None:
            if isinstance(payload, str):
                data, ctype = payload.encode(), "text/html; charset=utf-8"
            else:
                data, ctype = json.dumps(payload).encode(), "application/json; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _handle(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            params: dict[str, Any] = dict(parse_qsl(parts.query, keep_blank_values=True))
            ctype = headers.get("content-type", "")
            if body:
                if "json" in ctype:
                    try:
                        decoded = json.loads(body)
                    except ValueError:
                        decoded = {}
                    if isinstance(decoded, dict):
                        params.update(decoded)
                else:
                    params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
            params = _decode_params(params)
            auth = headers.get("authorization", "")
            token = auth[7:] if auth.lower().startswith("bearer ") else params.pop("token", None)
            call = Call(
                seq=0,
                method="",
                params=params,
                token=token,
                headers=headers,
                body=body,
                at=time.monotonic(),
                path=parts.path,
            )

            if parts.path.startswith("/response/"):
                call.method = "response_url"
                call.response_id = parts.path.rstrip("/").rsplit("/", 1)[-1]
                with standin._lock:
                    state = standin._responses.get(call.response_id)
                    if state is not None:
                        state["uses"] += 1
                if state is None:
                    status, answer = 404, "no_such_url"
                elif state["status"] is not None:
                    status, answer = state["status"], "invalid_request"
                elif state["uses"] > standin.response_limit:
                    status, answer = 404, "used_url"
                else:
                    status, answer = 200, "ok"
                call.http_status = status
                call.answer = {"ok": status == 200, "body": answer}
                standin._record(call)
                self._send(status, answer)
                return

            if parts.path.startswith("/files-pri/"):
                call.method = "file_download"
                fid = parts.path.split("/")[2].rsplit("-", 1)[-1]
                with standin._lock:
                    data = standin._files.get(fid)
                if token != standin.bot_token:  # Slack answers its sign-in page, not an error
                    status, ctype = 200, "text/html; charset=utf-8"
                    data = (
                        b"<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in</body></html>"
                    )
                elif data is None:
                    status, ctype, data = 404, "text/plain", b"file_not_found"
                else:
                    status, ctype = 200, "text/plain; charset=utf-8"
                call.http_status = status
                call.answer = {"ok": status == 200 and token == standin.bot_token}
                standin._record(call)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return

            if parts.path.startswith("/pages/"):
                call.method = "page"
                with standin._lock:
                    page = standin._pages.get(parts.path[len("/pages/") :])
                status, ctype, data = page or (404, "text/html; charset=utf-8", b"<html>not found</html>")
                call.http_status = status
                call.answer = {"ok": status == 200}
                standin._record(call)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                return

            if not parts.path.startswith("/api/"):
                self._send(
                    404,
                    "<html>404: the stand-in serves /api/, /response/ and /pages/</html>",
                )
                return

            call.method = parts.path[len("/api/") :].strip("/")
            fault = standin._take_fault(call.method, params)
            limited = None if fault is not None else standin._over_limit(call.method, params)
            if limited is not None:
                fault = Fault(call.method, status=429, retry_after=limited)
            extra_headers: dict[str, str] = {}
            if fault is not None and fault.delay:
                time.sleep(fault.delay)
            if fault is not None and fault.status:
                status = fault.status
                if status == 429:
                    answer: dict[str, Any] | str = {"ok": False, "error": "ratelimited"}
                    extra_headers["Retry-After"] = str(fault.retry_after)
                else:
                    answer = fault.body if fault.body is not None else {"ok": False, "error": "fatal_error"}
            elif fault is not None and fault.error:
                status, answer = 200, {"ok": False, "error": fault.error, **fault.extra}
            else:
                status, answer = standin._answer_api(call.method, params, token)
            call.http_status = status
            call.answer = answer if isinstance(answer, dict) else {"ok": False, "body": answer}
            standin._record(call)
            self._send(status, answer, extra_headers)

    return Handler
