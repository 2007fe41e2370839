"""Whether Slack still takes the bot token, for ``/healthz`` and for one clear line in the log.

A token can stop working while Legwork runs: the app was uninstalled or reinstalled (``token_revoked``,
``invalid_auth``), the workspace or the bot user was deactivated (``account_inactive``), a rotating token
expired (``token_expired``). Every Web API call would then fail the same way, so instead of one traceback per
reply the first refusal logs one ERROR line naming the problem and the fix, and ``/healthz`` answers 503
with a one-line reason until Slack accepts the token again (any later call that succeeds clears it). A token
refused before it ever worked is left to start-up, which stops with a ConfigError naming the variable.

The watch is a retry handler that never retries (``AuthWatch``): slack_sdk shows it the answer of every call,
and Bolt copies the retry handlers into the client it builds for each request, so the listeners' calls are
seen too, not only those of the client ``handlers.app.make_client`` returns. Socket Mode opens its connection
through the same client with the app-level token: a refusal of that one names SLACK_APP_TOKEN instead, and
each token clears only its own problem.

``serve_health`` is a tiny HTTP listener for ``/healthz`` in Socket Mode, where nothing else listens on PORT.
"""

from __future__ import annotations

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

log = logging.getLogger(__name__)

AUTH_ERRORS = {
    "invalid_auth": "Slack does not accept the token",
    "token_revoked": "the token was revoked (the app was uninstalled or reinstalled)",
    "account_inactive": "the bot user or the workspace was deactivated",
    "token_expired": "the token expired",
}
FIX = {
    "bot": (
        "reinstall the Slack app and set SLACK_BOT_TOKEN to its new Bot User OAuth Token (xoxb-…), "
        "then restart"
    ),
    "app": (
        "create a new app-level token with the connections:write scope (Basic Information → App-Level "
        "Tokens) and set SLACK_APP_TOKEN to it, then restart"
    ),
}
NAMES = {"bot": "bot token (SLACK_BOT_TOKEN)", "app": "app-level token (SLACK_APP_TOKEN)"}


class Health:
    """Thread-safe state: ``problem`` is None while healthy, else the reason ``/healthz`` gives. The bot
    token and the app-level token (Socket Mode) are tracked apart: one working does not clear the other."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._problems: dict[str, str] = {}  # "bot" | "app" -> reason
        self._worked: set[str] = set()  # tokens Slack accepted at least once (start-up checks the bot token)

    @property
    def problem(self) -> str | None:
        """One line saying what is wrong and how to fix it, or None."""
        with self._lock:
            return "; and ".join(self._problems[k] for k in sorted(self._problems)) or None

    def token_refused(self, method: str, error: str, token: str = "bot") -> None:
        """Slack answered ``error`` (one of AUTH_ERRORS) to ``method`` called with the ``token`` ("bot" or
        "app"): log once, report until it clears."""
        token = token if token in FIX else "bot"
        reason = f"Slack refused the {NAMES[token]} ({error}): {AUTH_ERRORS.get(error, error)}; {FIX[token]}"
        with self._lock:
            first = token not in self._problems
            self._problems[token] = reason
            worked = token in self._worked
        # A token refused before it ever worked is start-up's to report (a ConfigError naming the variable)
        if first and worked:
            log.error(
                "%s on %s: %s. Legwork cannot work with Slack until then; /healthz answers 503",
                error,
                method,
                reason,
            )
        else:
            log.debug("%s again on %s", error, method)

    def token_ok(self, token: str = "bot") -> None:
        """A Web API call with the ``token`` succeeded: it works (again)."""
        with self._lock:
            was = self._problems.pop(token, None)
            self._worked.add(token)
        if was is not None:
            log.warning("Slack accepts the %s again", NAMES.get(token, token))

    def observe(self, url: str, body: Any, token: str = "bot") -> None:
        """Look at one Web API answer (``body``, parsed JSON) of a call to ``url`` made with ``token``."""
        if not isinstance(body, dict):
            return
        if body.get("ok") is True:
            self.token_ok(token)
        elif body.get("error") in AUTH_ERRORS:
            self.token_refused(url.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0], str(body["error"]), token)


def _token_kind(request: HttpRequest) -> str:
    """ "app" for a call made with an app-level token (Socket Mode's apps.connections.open), else "bot"."""
    for key, values in (request.headers or {}).items():
        if key.lower() == "authorization":
            return "app" if any(str(v).startswith("Bearer xapp-") for v in values) else "bot"
    return "app" if "/apps.connections." in (request.url or "") else "bot"


class AuthWatch(RetryHandler):
    """A retry handler that never retries: it shows every Web API answer to a ``Health``. Put it first in
    the client's ``retry_handlers``, so no other handler's retry hides an answer from it."""

    def __init__(self, health: Health) -> None:
        super().__init__(max_retry_count=0)
        self.health = health

    def can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is not None:
            try:
                self.health.observe(request.url, response.body, _token_kind(request))
            except Exception:  # noqa: BLE001 - watching must never break a call
                log.debug("could not read a Web API answer for the health check", exc_info=True)
        return False

    def _can_retry(self, **_: Any) -> bool:
        return False


def health_of(client: Any) -> Health | None:
    """The ``Health`` a client made by ``handlers.app.make_client`` reports to, else None."""
    health = getattr(client, "health", None)
    return health if isinstance(health, Health) else None


def healthz(health: Health | None) -> tuple[str, str]:
    """(HTTP status line, one-line body) for ``GET /healthz``."""
    problem = health.problem if health is not None else None
    return ("503 Service Unavailable", problem) if problem else ("200 OK", "ok")


def serve_health(health: Health | None, port: int, host: str = "0.0.0.0") -> ThreadingHTTPServer:
    """Answer ``GET /healthz`` (and ``/health``) on ``port`` from a daemon thread; everything else is 404.

    For Socket Mode, where no other server listens: a platform's health check sees the same answer as in
    HTTP mode. Returns the server (``shutdown()`` stops it).
    """

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
            return

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if self.path.split("?", 1)[0] in ("/healthz", "/health"):
                status, text = healthz(health)
            else:
                status, text = "404 Not Found", "not found: this port answers /healthz only"
            data = text.encode() + b"\n"
            self.send_response(int(status.split()[0]))
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_HEAD = do_GET  # noqa: N815

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="legwork-healthz", daemon=True).start()
    return server


def serve_socket_health(client: Any, port: int | None) -> ThreadingHTTPServer | None:
    """In Socket Mode, answer ``/healthz`` on ``port`` when one is given (PORT set in the environment);
    a port that cannot be opened is a warning, not a reason to stay off Slack."""
    if not port:
        return None
    try:
        server = serve_health(health_of(client), int(port))
    except (OSError, ValueError) as exc:
        log.warning("PORT=%s: cannot answer /healthz there (%s); Socket Mode runs without it", port, exc)
        return None
    log.info("Socket Mode: /healthz answers on port %s", port)
    return server
