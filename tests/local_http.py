"""A small HTTP server on a loopback address for the tests that fetch: pages, redirects, files.

Routes map a path to a function of the request handler (``add``, ``page`` and ``redirect`` build the usual
ones); every request is logged with its headers, so a test can assert that nothing was asked for. A client
hanging up mid-answer (a size cap, a time-out) is expected here and prints nothing.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]
HTML = {"Content-Type": "text/html; charset=utf-8"}


class LocalServer:
    """A ThreadingHTTPServer on ``host`` in a daemon thread; close it with ``close`` (or use ``with``)."""

    def __init__(self, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        outer = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                outer.log.append((self.path, dict(self.headers)))
                route = outer.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                try:
                    route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        class Quiet(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:  # the client hung up: expected here
                pass

        self.httpd = Quiet((host, 0), RequestHandler)
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.host, self.port = host, self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def add(
        self, path: str, status: int = 200, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> str:
        """Answer ``path`` with this status, headers and body; its URL."""

        def route(h: BaseHTTPRequestHandler) -> None:
            h.send_response(status)
            for key, value in (headers or {}).items():
                h.send_header(key, value)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)

        self.routes[path] = route
        return self.url(path)

    def page(self, path: str, body: bytes) -> str:
        """An HTML page at ``path``; its URL."""
        return self.add(path, body=body, headers=HTML)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        """A redirect from ``path`` to ``location``; the URL of ``path``."""
        return self.add(path, status, headers={"Location": location})

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
