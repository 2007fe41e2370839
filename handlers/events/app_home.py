"""``app_home_opened`` (no extra scope; users.conversations needs channels:read and groups:read): publish
the reporter's Home tab (views.publish) with the questions to work in their channels (the ones they took
first), the questions answered recently and the last digests they asked for, each linked to its thread.

Only channels the reporter is a member of count, read from Slack (users.conversations): a private channel
appears only for its members, and a channel they left drops out."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.errors import BotError
from bot.render import home
from bot.store import questions

log = logging.getLogger(__name__)

MAX_CHANNELS = 1000  # the channels read per reporter (users.conversations pages of 200)


def handle_app_home_opened(
    event: dict[str, Any], body: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Events are acked by Bolt; the tab is built on the job pool."""
    if event.get("tab") != "home" or not event.get("user"):
        return
    services = context["legwork"]
    team = body.get("team_id") or context.get("team_id") or ""
    if not services.jobs.try_submit(publish_home, services.store, client, team, event["user"]):
        log.warning("the job pool is full: the Home tab of %s is not refreshed", event["user"])


def member_channels(client: WebClient, user: str) -> list[str]:
    """The channels ``user`` is a member of (public and private, not archived), as Slack says."""
    out: list[str] = []
    cursor = None
    while len(out) < MAX_CHANNELS:
        page = client.users_conversations(
            user=user,
            types="public_channel,private_channel",
            exclude_archived=True,
            limit=200,
            **({"cursor": cursor} if cursor else {}),
        )
        out += [c["id"] for c in page.get("channels") or [] if c.get("id")]
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return out


def publish_home(store: Any, client: WebClient, team: str, user: str) -> None:
    """Read the reporter's channels and the store, then publish the tab (a short note when Slack fails)."""
    try:
        channels = member_channels(client, user)
        view = home.home_view(questions.home(store, team, user, channels))
    except (SlackApiError, SlackClientError) as exc:
        log.warning("could not read the channels of %s: %s", user, exc)
        view = home.home_view(None)
    except BotError as exc:
        log.error("could not read the Home tab of %s: %s", user, exc)
        view = home.home_view(None)
    try:
        client.views_publish(user_id=user, view=view)
    except (SlackApiError, SlackClientError) as exc:
        log.error("could not publish the Home tab of %s: %s", user, exc)
