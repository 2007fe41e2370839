"""The first listener middleware: requests that are not for this bot, or that no handler could read, stop here
with one log line and an empty acknowledgement (so Slack does not retry them).

Legwork runs with one bot token in one workspace: a request whose workspace (for an event, the installation
that received it) or ``api_app_id`` is not the token's own (``auth.test`` at start-up) is not digested. A
message event without a channel or a timestamp, or with a text, blocks or files of the wrong type, is dropped
too. The HTTP server refuses unreadable bodies before Bolt (``handlers.server``); this covers Socket Mode as
well.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltResponse

log = logging.getLogger(__name__)
_MESSAGE_EVENTS = {"app_mention", "message"}


def request_teams(body: dict[str, Any]) -> set[str]:
    """The workspaces a request may be for: for an event, the installation that received it
    (``authorizations[0].team_id``, which in a Slack Connect channel differs from the sender's ``team_id``);
    for a command or an interaction, the workspace it was made in, the user's, and a view's app's."""
    teams: list[Any] = []
    authorizations = body.get("authorizations")
    if body.get("type") == "event_callback":
        first = authorizations[0] if isinstance(authorizations, list) and authorizations else None
        teams.append(first.get("team_id") if isinstance(first, dict) else body.get("team_id"))
    else:
        team, user, view = body.get("team"), body.get("user"), body.get("view")
        teams.append(body.get("team_id"))
        teams.append(team.get("id") if isinstance(team, dict) else team)
        teams.append(user.get("team_id") if isinstance(user, dict) else None)
        teams.append(view.get("app_installed_team_id") if isinstance(view, dict) else None)
    return {t for t in teams if isinstance(t, str) and t}


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
        teams, app = request_teams(body), body.get("api_app_id")
        if team_id and teams and team_id not in teams:
            shown = ", ".join(sorted(teams))
            log.warning("ignored a %s from another workspace (%s)", body.get("type") or "request", shown)
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
