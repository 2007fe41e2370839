"""A local stand-in for Slack's Socket Mode server, for end-to-end tests.

A WebSocket server (the ``websockets`` package) on 127.0.0.1 in its own thread and event loop. Attached to a
``SlackStandin``, it makes ``apps.connections.open`` answer its URL, so the app's own slack_sdk
``SocketModeClient`` connects through the real path. On connect it sends ``hello``; tests push envelopes
(``events_api``, ``slash_commands``, ``interactive``) and read back the app's acks (``envelope_id`` and any
``payload``) with their latency.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

from slack_standin import SlackStandin
from websockets.asyncio.server import ServerConnection, serve


@dataclass
class Ack:
    envelope_id: str
    payload: Any
    latency: float  # seconds from pushing the envelope to receiving the ack
    raw: dict[str, Any]


class SocketStandin:
    """The Socket Mode stand-in. ``start()`` it, then ``attach(web_api_standin)``."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="socket-standin", daemon=True)
        self._server: Any = None
        self._conns: list[ServerConnection] = []
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._sent_at: dict[str, float] = {}
        self._acks: list[Ack] = []
        self.connections_total = 0
        self.received: list[Any] = []  # every message the app sent, decoded
        self.port = 0

    # -- life cycle ------------------------------------------------------------------------------

    def start(self) -> SocketStandin:
        self._thread.start()
        fut = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        fut.result(timeout=10)
        return self

    async def _start(self) -> None:
        self._server = await serve(self._handle, "127.0.0.1", 0, ping_interval=None, max_size=2**24)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        async def _stop() -> None:
            if self._server is not None:
                self._server.close()
                await self._server.wait_closed()

        if self._thread.is_alive():
            asyncio.run_coroutine_threadsafe(_stop(), self._loop).result(timeout=10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)

    def __enter__(self) -> SocketStandin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link"

    def attach(self, web: SlackStandin) -> None:
        """Make ``apps.connections.open`` on ``web`` answer this server's URL."""
        web.ws_url = self.url

    # -- server side -----------------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        with self._changed:
            self._conns.append(ws)
            self.connections_total += 1
            self._changed.notify_all()
        try:
            await ws.send(
                json.dumps(
                    {
                        "type": "hello",
                        "num_connections": 1,
                        "debug_info": {"host": "standin", "approximate_connection_time": 3600},
                        "connection_info": {"app_id": "A0LEGWORK"},
                    }
                )
            )
            async for message in ws:
                try:
                    data = json.loads(message)
                except ValueError:
                    data = message
                now = time.monotonic()
                with self._changed:
                    self.received.append(data)
                    if isinstance(data, dict) and data.get("envelope_id"):
                        eid = data["envelope_id"]
                        sent = self._sent_at.get(eid, now)
                        self._acks.append(Ack(eid, data.get("payload"), now - sent, data))
                    self._changed.notify_all()
        except Exception:  # a dropped connection is the client's business; it reconnects
            pass
        finally:
            with self._changed:
                if ws in self._conns:
                    self._conns.remove(ws)
                self._changed.notify_all()

    def _send(self, message: dict[str, Any]) -> None:
        async def _go() -> None:
            with self._lock:
                conns = list(self._conns)
            if not conns:
                raise RuntimeError("no Socket Mode connection to send to")
            await conns[-1].send(json.dumps(message))  # one connection gets each envelope, as on Slack

        asyncio.run_coroutine_threadsafe(_go(), self._loop).result(timeout=10)

    # -- test API --------------------------------------------------------------------------------

    def wait_connected(self, timeout: float = 30.0, count: int = 1) -> None:
        """Wait until ``count`` connections have been opened in all (and one is open now)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not (self._conns and self.connections_total >= count):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no Socket Mode connection within {timeout:.0f}s")
                self._changed.wait(min(remaining, 0.2))

    @property
    def connected(self) -> bool:
        with self._lock:
            return bool(self._conns)

    def push(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        retry_attempt: int = 0,
        retry_reason: str = "",
        envelope_id: str | None = None,
        accepts_response_payload: bool | None = None,
    ) -> str:
        """Send one envelope of type ``kind`` and return its ``envelope_id``."""
        eid = envelope_id or str(uuid.uuid4())
        if accepts_response_payload is None:
            accepts_response_payload = kind != "events_api"
        envelope = {
            "envelope_id": eid,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
        }
        if kind == "events_api":
            envelope["retry_attempt"] = retry_attempt
            envelope["retry_reason"] = retry_reason
        with self._lock:
            self._sent_at[eid] = time.monotonic()
        self._send(envelope)
        return eid

    def push_event(self, event_callback: dict[str, Any], **kw: Any) -> str:
        return self.push("events_api", event_callback, **kw)

    def push_command(self, fields: dict[str, Any], **kw: Any) -> str:
        return self.push("slash_commands", dict(fields), **kw)

    def push_interactive(self, payload: dict[str, Any], **kw: Any) -> str:
        return self.push("interactive", payload, **kw)

    def disconnect(self, reason: str = "refresh_requested") -> None:
        """Ask the app to reconnect, as Slack does regularly."""
        self._send({"type": "disconnect", "reason": reason, "debug_info": {"host": "standin"}})

    def acks(self) -> list[Ack]:
        with self._lock:
            return list(self._acks)

    def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> Ack:
        """Wait for the app's ack of ``envelope_id``."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for a in self._acks:
                    if a.envelope_id == envelope_id:
                        return a
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no ack for envelope {envelope_id} within {timeout:.0f}s")
                self._changed.wait(min(remaining, 0.2))
