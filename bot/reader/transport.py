"""The fetcher's network layer (``bot.reader.fetch`` uses it): connections only to addresses the policy
vetted, and one deadline for the whole of a fetch.

``GuardedTransport`` is httpx's transport on a connection pool whose network backend resolves the host
itself, vets every answer (``bot.reader.netpolicy.AddressPolicy``) and connects to a vetted address, so the
HTTP library never looks the name up again (no DNS rebinding). ``set_deadline`` gives the calling thread's
fetch a deadline: every name lookup, connection, TLS handshake, read and write then waits at most the time
left, so a server that drips its status line, headers or body a byte at a time, or a name server that never
answers, cannot outlast it (httpx's own time-outs are per operation).
"""

from __future__ import annotations

import functools
import queue
import ssl
import threading
import time
from typing import Any

import httpcore
import httpx

from bot.errors import RefusedAddress
from bot.reader.netpolicy import AddressPolicy

_DEADLINE = threading.local()  # .end: the monotonic time the current thread's fetch must be over by


def set_deadline(seconds: float) -> float | None:
    """Give this thread's fetch ``seconds`` from now (an outer deadline that ends sooner still holds); what
    to pass to ``restore_deadline`` afterwards."""
    outer: float | None = getattr(_DEADLINE, "end", None)
    end = time.monotonic() + seconds
    _DEADLINE.end = end if outer is None else min(outer, end)
    return outer


def restore_deadline(outer: float | None) -> None:
    """End this thread's fetch deadline (back to what ``set_deadline`` returned)."""
    _DEADLINE.end = outer


@functools.lru_cache(maxsize=1)
def ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every fetch (loading the CA bundle costs ~40 ms)."""
    return httpx.create_ssl_context()


def _time_left(timeout: float | None, error: type[Exception] = httpcore.ReadTimeout) -> float | None:
    """``timeout`` shortened to what is left of the current fetch's deadline; ``error`` once it has passed."""
    end = getattr(_DEADLINE, "end", None)
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise error("the fetch's deadline has passed")
    return left if timeout is None else min(timeout, left)


def resolve(policy: AddressPolicy, host: str, port: int) -> list[Any]:
    """``policy.resolve`` within the time left: a name server that never answers cannot outlast the deadline
    (the lookup is left to finish on its own thread, which nothing waits for)."""
    left = _time_left(None, httpcore.ConnectTimeout)
    if left is None:
        return policy.resolve(host, port)
    box: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

    def lookup() -> None:
        try:
            box.put((True, policy.resolve(host, port)))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread as it is
            box.put((False, exc))

    threading.Thread(target=lookup, name="legwork-dns", daemon=True).start()
    try:
        ok, value = box.get(timeout=left)
    except queue.Empty:
        raise httpcore.ConnectTimeout(f"looking up {host} outlasted the fetch's deadline") from None
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake waits at most the time left of the fetch's
    deadline: a server that sends its status line, headers or body a byte at a time cannot outlast it."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        left = _time_left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self.inner.start_tls(ssl_context, server_hostname, left))

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Connects only to addresses the policy vetted: it resolves the host itself, vets every answer and opens
    the socket to a vetted address, so the HTTP library never looks the name up again (no DNS rebinding).
    TLS still verifies the certificate against the host name (httpcore passes it as server_hostname)."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve(self.policy, host, port)  # RefusedAddress / FetchError propagate unchanged
        last: Exception | None = None
        for ip in addresses:
            try:
                stream = self.inner.connect_tcp(
                    str(ip),
                    port,
                    timeout=_time_left(timeout, httpcore.ConnectTimeout),
                    local_address=local_address,
                    socket_options=socket_options,
                )
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:  # pragma: no cover
        raise RefusedAddress("Legwork does not fetch from local sockets.")

    def sleep(self, seconds: float) -> None:  # pragma: no cover - used by httpcore retries only
        self.inner.sleep(seconds)


class _BoundedBackend(httpcore.NetworkBackend):
    """Any network backend (a proxy's) with the fetch's deadline on its connections and their every read."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self.inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        left = _time_left(timeout, httpcore.ConnectTimeout)
        stream = self.inner.connect_tcp(host, port, left, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:  # pragma: no cover
        raise RefusedAddress("Legwork does not fetch from local sockets.")

    def sleep(self, seconds: float) -> None:  # pragma: no cover - used by httpcore retries only
        self.inner.sleep(seconds)


def bound_proxies(client: httpx.Client) -> httpx.Client:
    """Put the fetch deadline on the connections of ``client``'s proxy transports (httpx builds them from the
    ``HTTP(S)_PROXY`` variables); returns ``client``."""
    for mounted in [client._transport, *client._mounts.values()]:  # noqa: SLF001 - httpx builds these
        pool = getattr(mounted, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, _BoundedBackend | _GuardedBackend):
            pool._network_backend = _BoundedBackend(backend)  # type: ignore[union-attr]
    return client


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport with the connection pool rebuilt on ``_GuardedBackend``."""

    def __init__(self, policy: AddressPolicy) -> None:
        context = ssl_context()
        super().__init__(verify=context, trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=context,
            max_connections=4,
            max_keepalive_connections=2,
            keepalive_expiry=5.0,
            network_backend=_GuardedBackend(policy),
        )
