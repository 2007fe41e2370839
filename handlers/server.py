"""Serving Slack: HTTP mode (waitress on $PORT, ``/slack/events`` and ``/healthz``) or Socket Mode.

Everything slow happens before the first request: settings are checked (a bad one is a ConfigError naming
its variable), the bot token is verified with ``auth.test``, the database is migrated and the spaCy
pipeline is loaded: by each of the ``LEGWORK_PROCESSES`` extraction workers (``bot.jobs.extract_pool``), which
load it while the database is migrated, or in this process when it is 0. Only then does the server
listen, so ``/healthz`` answering means ready.
"""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings
from bot.errors import ConfigError
from bot.store.protocols import SQLStore

log = logging.getLogger(__name__)
MODES = ("auto", "http", "socket")
HTTP_THREADS = 16
# Request bodies above this are refused unread, before the signature is checked (waitress would take 1 GB).
# Slack's largest real payloads (a 40,000-character message with its blocks, in an event or a shortcut, or a
# modal's view) stay under about 300 KB, even with every character escaped in JSON.
MAX_BODY = 2_000_000


def resolve_mode(settings: Settings, mode: str = "auto") -> str:
    """``http`` or ``socket``: ``auto`` picks Socket Mode when SLACK_APP_TOKEN is set."""
    if mode not in MODES:
        raise ConfigError(f"--mode must be one of {', '.join(MODES)}, got {mode!r}")
    if mode == "auto":
        return "socket" if settings.slack_app_token else "http"
    return mode


def check_settings(settings: Settings, mode: str, environ: dict[str, str] | None = None) -> None:
    """Raise ConfigError, naming the variable, for any setting the chosen mode cannot run without."""
    environ = dict(os.environ) if environ is None else environ
    if not settings.slack_bot_token:
        raise ConfigError(
            "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) of the Slack app"
        )
    if not settings.slack_bot_token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")
    if mode == "http" and not settings.slack_signing_secret:
        raise ConfigError("SLACK_SIGNING_SECRET is not set: HTTP mode needs the app's signing secret")
    if mode == "socket" and not settings.slack_app_token:
        raise ConfigError("SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-…)")
    if mode == "socket" and not settings.slack_app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN must be an app-level token starting with xapp-")
    if not settings.slack_api_url.startswith(("http://", "https://")):
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL, got {settings.slack_api_url!r}")
    if environ.get("SLACK_CLIENT_ID") and environ.get("SLACK_CLIENT_SECRET"):
        raise ConfigError(
            "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set, but Legwork runs in one workspace "
            "with SLACK_BOT_TOKEN: unset them (Bolt would switch to OAuth and ignore the token)"
        )


def check_token(client: WebClient, settings: Settings) -> dict[str, Any]:
    """Call auth.test; a refused token or an unreachable API is a ConfigError."""
    try:
        return dict(client.auth_test().data)  # type: ignore[arg-type]
    except SlackApiError as exc:
        raise ConfigError(f"SLACK_BOT_TOKEN was refused by Slack ({exc.response.get('error')})") from None
    except (SlackClientError, OSError, ValueError) as exc:
        raise ConfigError(
            f"cannot reach the Slack Web API at SLACK_API_URL={settings.slack_api_url} ({exc})"
        ) from None


def build(settings: Settings, mode: str) -> App:
    """Check the settings, verify the token, open the store, load the pipeline and build the app.

    With ``LEGWORK_PROCESSES`` above 0 the extraction workers start once the token is accepted and load the
    pipeline while the store is opened; this returns when every worker is ready.
    """
    from bot.store.storage import Store
    from handlers.app import create_app, make_client

    check_settings(settings, mode)
    client = make_client(settings)
    who = check_token(client, settings)
    log.info("connected to %s as %s (team %s)", settings.slack_api_url, who.get("user"), who.get("team_id"))
    ours = {"team_id": who.get("team_id"), "app_id": who.get("app_id")}  # events from elsewhere are dropped
    if settings.processes == 0:
        from bot.extract import build_nlp

        store = Store(settings.db_path, retention_days=settings.retention_days)
        nlp = build_nlp(settings.spacy_model)
        return create_app(settings, store=store, nlp=nlp, client=client, ours=ours)
    from bot.jobs.extract_pool import ExtractPool

    pool = ExtractPool(settings.spacy_model, settings.processes).start()  # the workers load meanwhile
    try:
        store = Store(settings.db_path, retention_days=settings.retention_days)
        pool.wait_ready()
    except BaseException:
        pool.abort()
        raise
    return create_app(settings, store=store, nlp=None, client=client, extractor=pool, ours=ours)


def wsgi_app(
    app: App, signing_secret: str | None = None, *, max_body: int = MAX_BODY
) -> Callable[..., Iterable[bytes]]:
    """The WSGI application: ``POST /slack/events`` to Bolt, ``GET /healthz`` answers 200 ``ok``, or 503
    with a one-line reason while Slack refuses the bot token (``handlers.health``).

    A body over ``max_body`` bytes gets 413 unread, signed or not. With a signing secret, a request whose
    signature does not verify gets 401 here, before Bolt parses its body or headers: junk from anyone who can
    reach the port costs nothing and logs no traceback. A body Bolt could not parse (not UTF-8, bad JSON or
    form data, not an object, an event that is not an object) gets 400 and one log line.
    """
    from handlers.health import health_of, healthz

    bolt = SlackRequestHandler(app)
    verifier = SignatureVerifier(signing_secret) if signing_secret else None
    health = health_of(app.client)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") in ("/healthz", "/health"):
            return _plain(start_response, *healthz(health))
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0:
            return _plain(start_response, "400 Bad Request", "bad request")
        if length > max_body:
            log.warning("refused a %d-byte request body unread (the cap is %d bytes)", length, max_body)
            return _plain(start_response, "413 Content Too Large", "request too large")
        if environ.get("REQUEST_METHOD") != "POST":
            return bolt(environ, start_response)
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        if verifier is not None:
            timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
            signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
            if not (timestamp.isdigit() and _verified(verifier, body, timestamp, signature)):
                return _plain(start_response, "401 Unauthorized", "invalid request")
        problem = malformed(body, environ.get("CONTENT_TYPE"))
        if problem is None:
            try:
                return bolt(environ, start_response)
            except Exception as exc:  # noqa: BLE001 - a body shape Bolt cannot read: one line, no traceback
                problem = f"Bolt could not read it ({type(exc).__name__}: {exc})"
        log.warning("refused a request Slack would not send: %s", problem)
        return _plain(start_response, "400 Bad Request", "bad request")

    return application


def _verified(verifier: SignatureVerifier, body: bytes, timestamp: str, signature: str) -> bool:
    try:
        return verifier.is_valid(body, timestamp, signature)
    except UnicodeDecodeError:  # slack_sdk reads the body as text: check these bytes as Slack signs them
        import hashlib
        import hmac

        if abs(verifier.clock.now() - int(timestamp)) > 60 * 5:
            return False
        signed = b"v0:" + timestamp.encode() + b":" + body
        mac = hmac.new(verifier.signing_secret.encode(), signed, hashlib.sha256)
        return hmac.compare_digest("v0=" + mac.hexdigest(), signature)


def malformed(body: bytes, content_type: str | None) -> str | None:
    """Why Bolt could not read this request body (it would raise, and the server log a traceback), or None.

    Bolt reads a JSON body (events), or form data whose ``payload`` is JSON (actions, shortcuts) or whose
    fields are the request (slash commands); what it reads must be an object, and an event callback's
    ``event`` an object too.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "the body is not UTF-8"
    try:  # as slack_bolt.request.internals.parse_body reads it
        if not text:
            data: Any = {}
        elif content_type == "application/json" or text.startswith("{"):
            data = json.loads(text)
        else:
            form = dict(parse_qsl(text, keep_blank_values=True))
            data = json.loads(form["payload"]) if "payload" in form else form
    except (ValueError, RecursionError):
        return "the body is not valid JSON or form data"
    if not isinstance(data, dict):
        return f"the body is a JSON {type(data).__name__}, not an object"
    if data.get("type") == "event_callback" and not isinstance(data.get("event"), dict):
        return "an event callback without an event object"
    return None


def _release_leases(store: SQLStore) -> None:
    from bot.errors import StorageError
    from bot.jobs import queue

    try:
        queue.release(store)
    except StorageError as exc:
        log.warning("could not release the job leases: %s", exc)


def _plain(start_response: Callable[..., Any], status: str, text: str) -> list[bytes]:
    start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
    return [text.encode() + b"\n"]


def serve(settings: Settings, mode: str = "auto") -> None:
    """Start Legwork for Slack and block until stopped (SIGINT or SIGTERM)."""
    mode = resolve_mode(settings, mode)
    app = build(settings, mode)
    from handlers.app import resume_jobs

    resume_jobs(app)  # what a killed or crashed server left unanswered is queued again
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if mode == "socket":
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            from handlers.health import serve_socket_health

            log.info("Legwork is connecting to Slack in Socket Mode")
            serve_socket_health(app.client, settings.port if os.environ.get("PORT") else None)
            try:
                SocketModeHandler(app, settings.slack_app_token).start()
            except SlackApiError as exc:
                raise ConfigError(
                    f"SLACK_APP_TOKEN was refused by Slack ({exc.response.get('error')})"
                ) from None
        else:
            import waitress

            try:
                server = waitress.create_server(
                    wsgi_app(app, settings.slack_signing_secret),
                    host="0.0.0.0",
                    port=settings.port,
                    threads=HTTP_THREADS,
                    max_request_body_size=MAX_BODY,  # refused while the headers are read: nothing buffered
                )
            except OSError as exc:
                raise ConfigError(
                    f"PORT={settings.port}: cannot listen there ({exc.strerror or exc})"
                ) from None
            log.info("Legwork is serving Slack on port %s at /slack/events (health: /healthz)", settings.port)
            server.run()
    finally:
        services = app.legwork  # type: ignore[attr-defined]
        # Listeners already acknowledged to Slack finish submitting their jobs before the job pool closes,
        # so a mention acked just before SIGTERM is answered rather than told "busy".
        app.listener_runner.listener_executor.shutdown(wait=True)
        services.jobs.shutdown(wait=True)  # the queued jobs still extract, then the workers stop
        _release_leases(services.store)  # jobs adopted but not started: another server may take them now
        if services.extractor is not None:
            services.extractor.shutdown(wait=True)
