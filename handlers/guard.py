"""The first listener middleware: requests that are not for this bot, or that no handler could read, stop here
with one log line and an empty acknowledgement (so Slack does not retry them).

Legwork runs with one bot token in one workspace: a request whose ``team_id`` or ``api_app_id`` is not the
token's own (``auth.test`` at start-up) is not digested. A message event without a channel, a timestamp or a
text of the right type is dropped too. The HTTP server refuses unreadable bodies before Bolt (``bot.server``);
this covers Socket Mode as well.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltResponse

log = logging.getLogger(__name__)
_MESSAGE_EVENTS = {"app_mention", "message"}


def request_team(body: dict[str, Any]) -> str | None:
    """The workspace a request comes from: ``team_id`` (events, slash commands) or ``team.id`` (actions)."""
    team = body.get("team_id")
    if team is None and isinstance(body.get("team"), dict):
        team = body["team"].get("id")
    return team if isinstance(team, str) else None


def event_problem(body: dict[str, Any]) -> str | None:
    """Why a message event cannot be handled (no channel, timestamp or text as Slack sends them), or None."""
    event = body.get("event")
    if body.get("type") != "event_callback" or not isinstance(event, dict):
        return None
    if event.get("type") not in _MESSAGE_EVENTS:
        return None
    for name in ("channel", "ts"):
        if not isinstance(event.get(name), str) or not event.get(name):
            return f"an event ({event.get('type')}) without a {name}"
    if not isinstance(event.get("text", ""), str):
        return f"an event ({event.get('type')}) whose text is not text"
    for name in ("blocks", "files"):
        items = event.get(name) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            return f"an event ({event.get('type')}) whose {name} are not a list of objects"
    return None


def only_ours(team_id: str | None, app_id: str | None) -> Callable[..., Any]:
    """A Bolt middleware that lets through only this workspace's and this app's readable requests."""

    def guard(body: dict[str, Any], next: Callable[[], Any]) -> Any:  # noqa: A002 - Bolt's name
        if not isinstance(body, dict):
            return BoltResponse(status=400, body="")
        team, app = request_team(body), body.get("api_app_id")
        if team_id and team and team != team_id:
            log.warning("ignored a %s from another workspace (%s)", body.get("type") or "request", team)
            return BoltResponse(status=200, body="")
        if app_id and app and app != app_id:
            log.warning("ignored a %s for another app (%s)", body.get("type") or "request", app)
            return BoltResponse(status=200, body="")
        problem = event_problem(body)
        if problem:
            log.warning("ignored %s", problem)
            return BoltResponse(status=200, body="")
        return next()

    return guard
