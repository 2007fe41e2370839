"""The Slack app factory: a configured Bolt ``App``; nothing is built at import time."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import Settings
from bot.jobs.runner import JobRunner
from bot.ratelimit import RateLimiter
from bot.store.protocols import AppStore
from handlers import register_handlers
from handlers.context import Services
from handlers.guard import only_ours
from handlers.health import AuthWatch, Health

log = logging.getLogger(__name__)
LISTENER_THREADS = 8  # Bolt's pool only validates, claims and queues; the slow work runs on JobRunner


def _quiet_token_warning(record: logging.LogRecord) -> bool:
    return "`token` will be unused" not in record.getMessage()  # Bolt reads SLACK_BOT_TOKEN; we pass a client


class _AnyServerErrorRetryHandler(ServerErrorRetryHandler):
    """slack_sdk's handler retries 500 and 503 only; a 502 or 504 from Slack's edge is as passing."""

    def _can_retry(self, *, state: Any, request: Any, response: Any = None, error: Any = None) -> bool:
        return response is not None and 500 <= response.status_code <= 599


def make_client(settings: Settings, *, timeout: int = 15) -> WebClient:
    """A Web API client for ``SLACK_API_URL`` retrying connection errors, 429s (after Retry-After) and 5xx
    (with back-off), and watching for a refused token (``client.health``, see ``handlers.health``)."""
    health = Health()
    client = WebClient(
        token=settings.slack_bot_token or None,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[
            AuthWatch(health),  # first: it sees every answer (Bolt copies the list into per-request clients)
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            _AnyServerErrorRetryHandler(max_retry_count=2),
        ],
    )
    client.health = health  # type: ignore[attr-defined]
    return client


def create_app(
    settings: Settings,
    *,
    store: AppStore,
    nlp: Any,
    client: WebClient | None = None,
    jobs: JobRunner | None = None,
    fetch: Callable[..., Any] | None = None,
    extractor: Any = None,
    ours: dict[str, Any] | None = None,
    **app_options: Any,
) -> App:
    """Build the Bolt app: shared services in ``context["legwork"]``, every listener registered.

    ``extractor`` (a started ``bot.jobs.extract_pool.ExtractPool``) runs the extraction in worker processes;
    without one, the job threads extract with ``nlp`` in this process.

    ``ours`` holds the bot token's ``team_id`` and ``app_id`` (from ``auth.test``): a request from another
    workspace or for another app is logged and dropped (``handlers.guard``); without them, none is.

    ``app_options`` go to ``slack_bolt.App`` (tests pass ``authorize=`` and
    ``request_verification_enabled=False``).
    """
    client = client or make_client(settings)
    # With worker processes, one more job thread per process keeps a text waiting for each process while
    # the other threads store and post.
    threads = settings.workers + (getattr(extractor, "processes", 0) if extractor is not None else 0)
    services = Services(
        settings=settings,
        store=store,
        nlp=nlp,
        jobs=jobs or JobRunner(threads, settings.queue_size),
        fetch=fetch,
        extractor=extractor,
        limiter=RateLimiter(settings.user_rate),
    )
    bolt_log = logging.getLogger("legwork.bolt")
    bolt_log.addFilter(_quiet_token_warning)
    options: dict[str, Any] = {
        "client": client,
        "signing_secret": settings.slack_signing_secret or None,
        "listener_executor": ThreadPoolExecutor(
            max_workers=LISTENER_THREADS, thread_name_prefix="legwork-bolt"
        ),
        "logger": bolt_log,
    }
    options.update(app_options)
    app = App(**options)
    app.use(only_ours((ours or {}).get("team_id"), (ours or {}).get("app_id")))

    def inject(context: dict[str, Any], next: Callable[[], None]) -> None:  # noqa: A002 - Bolt's name
        context["legwork"] = services
        next()

    app.use(inject)

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        log.error("unhandled error in a Slack listener (%s): %r", body.get("type"), error, exc_info=error)

    register_handlers(app)
    app.legwork = services  # type: ignore[attr-defined]
    return app


def resume_jobs(app: App) -> int:
    """Queue the jobs a killed or crashed server left unanswered, and keep this server's job leases from now
    on (call once, before serving); how many were adopted now (``handlers.jobs.resume``)."""
    from handlers.jobs import resume

    return resume(app.legwork, app.client)  # type: ignore[attr-defined]
