"""What every listener gets in ``context["legwork"]``: settings, store, pipeline, job runner, the per-user
digest limiter, and two cached Slack look-ups (is a channel private? what is a message's permalink?)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.config import Settings
from bot.errors import BotError
from bot.jobs.runner import JobRunner
from bot.ratelimit import RateLimiter
from bot.store.protocols import AppStore

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Shared collaborators, built once by ``handlers.app.create_app``."""

    settings: Settings
    store: AppStore
    nlp: Any
    jobs: JobRunner
    fetch: Callable[..., Any] | None = None
    # bot.jobs.extract_pool.ExtractPool: extraction in worker processes; None: ``nlp`` here
    extractor: Any = None
    limiter: RateLimiter | None = None  # digests per user per minute (LEGWORK_USER_RATE); None: no limit
    _private: dict[str, bool] = field(default_factory=dict)
    _workspace_url: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def is_private(self, client: WebClient, channel: str, team: str = "") -> bool:
        """True for private channels, DMs and group DMs (conversations.info, cached); True when unknown.

        The channel's name is remembered in the store, so that ``in:#name`` works in a recall.
        """
        if channel in self._private:
            return self._private[channel]
        if channel.startswith("D"):
            self._private[channel] = True
            return True
        try:
            info = client.conversations_info(channel=channel)["channel"]
            private = bool(info.get("is_private") or info.get("is_im") or info.get("is_mpim"))
        except (SlackApiError, SlackClientError, KeyError, TypeError) as exc:
            log.warning("conversations.info failed for %s (%s); treating it as private", channel, exc)
            return True
        self._private[channel] = private
        if info.get("name"):
            try:
                self.store.remember_channel(team, channel, str(info["name"]), private)
            except BotError as exc:
                log.warning("could not remember the name of %s: %s", channel, exc)
        return private

    def permalink(
        self, client: WebClient, channel: str, ts: str | None, thread_ts: str | None = None
    ) -> str | None:
        """A link to a message, built from the workspace URL (auth.test, once); None when unknown."""
        if not ts:
            return None
        with self._lock:
            if self._workspace_url is None:
                try:
                    self._workspace_url = str(client.auth_test().get("url") or "")
                except (SlackApiError, SlackClientError) as exc:
                    log.warning("auth.test failed (%s); replies will not link earlier threads", exc)
                    return None
        if not self._workspace_url.startswith("http"):
            return None
        link = f"{self._workspace_url.rstrip('/')}/archives/{channel}/p{ts.replace('.', '')}"
        if thread_ts and thread_ts != ts:
            link += f"?thread_ts={thread_ts}&cid={channel}"
        return link
