"""The Web API stand-in's views and membership methods (mixed into ``SlackStandin``): views.open,
views.update, views.publish (each checked against ``slack_limits.view_errors``, answering
``invalid_arguments`` like Slack), users.conversations and conversations.members.

Seeding: ``add_member(channel, user)``. Queries: ``views(method)`` and ``home_view(user)``.
A trigger id issued by the driver (``"<n>.<unix seconds>.<hex>"``) expires after 3 seconds, as Slack's do.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from slack_limits import view_errors

TRIGGER_SECONDS = 3


class ViewsAndMembers:
    """Mixin: uses the stand-in's ``_lock``, ``_err``, ``channel``, ``_channels`` and ``bot_user``."""

    _lock: Any
    bot_user: str

    # -- seeding and queries -----------------------------------------------------------------------

    def _member_sets(self) -> dict[str, set[str]]:
        with self._lock:
            if not hasattr(self, "_members"):
                self._members: dict[str, set[str]] = {}
                self._views: dict[str, dict[str, Any]] = {}
                self._homes: dict[str, dict[str, Any]] = {}
            return self._members

    def add_member(self, channel: str, *users: str) -> None:
        """Make ``users`` members of ``channel`` (declared with ``add_channel``, or implied by its id)."""
        self.channel(channel)  # type: ignore[attr-defined]
        with self._lock:
            self._member_sets().setdefault(channel, set()).update(users)

    def home_view(self, user: str) -> dict[str, Any] | None:
        """The Home tab last published for ``user``."""
        self._member_sets()
        with self._lock:
            return self._homes.get(user)

    # -- views -------------------------------------------------------------------------------------

    def _bad_view(self, view: Any) -> dict[str, Any] | None:
        errors = view_errors(view)
        if errors:
            return self._err("invalid_arguments", response_metadata={"messages": errors})  # type: ignore
        return None

    def _stored_view(self, view: dict[str, Any], view_id: str | None = None) -> dict[str, Any]:
        self._member_sets()
        stored = {**view, "id": view_id or "V" + uuid.uuid4().hex[:10].upper(), "hash": uuid.uuid4().hex}
        with self._lock:
            self._views[stored["id"]] = stored
        return stored

    def _api_views_open(self, p: dict[str, Any]) -> dict[str, Any]:
        trigger = str(p.get("trigger_id") or "")
        if not trigger:
            return self._err("invalid_trigger_id")  # type: ignore[attr-defined]
        parts = trigger.split(".")
        if len(parts) == 3 and parts[1].isdigit() and time.time() - int(parts[1]) > TRIGGER_SECONDS + 1:
            return self._err("expired_trigger_id")  # type: ignore[attr-defined]
        bad = self._bad_view(p.get("view"))
        return bad or {"ok": True, "view": self._stored_view(p["view"])}

    def _api_views_update(self, p: dict[str, Any]) -> dict[str, Any]:
        self._member_sets()
        with self._lock:
            known = str(p.get("view_id") or "") in self._views
        if not known:
            return self._err("not_found")  # type: ignore[attr-defined]
        bad = self._bad_view(p.get("view"))
        return bad or {"ok": True, "view": self._stored_view(p["view"], str(p["view_id"]))}

    def _api_views_publish(self, p: dict[str, Any]) -> dict[str, Any]:
        user = str(p.get("user_id") or "")
        if not user.startswith("U"):
            return self._err("user_not_found")  # type: ignore[attr-defined]
        view = p.get("view")
        if not isinstance(view, dict) or view.get("type") != "home":
            return self._err("invalid_arguments", response_metadata={"messages": ["not a home view"]})  # type: ignore
        bad = self._bad_view(view)
        if bad:
            return bad
        stored = self._stored_view(view)
        with self._lock:
            self._homes[user] = stored
        return {"ok": True, "view": stored}

    # -- membership --------------------------------------------------------------------------------

    def _api_users_conversations(self, p: dict[str, Any]) -> dict[str, Any]:
        user = str(p.get("user") or self.bot_user)
        types = set(str(p.get("types") or "public_channel").split(","))
        skip_archived = str(p.get("exclude_archived", "")).lower() in {"1", "true"}
        members = self._member_sets()
        with self._lock:
            channels = [self._channels[c] for c in sorted(members) if user in members[c]]  # type: ignore
        out = []
        for ch in channels:
            kind = "im" if ch.is_im else ("private_channel" if ch.is_private else "public_channel")
            if kind not in types or (skip_archived and ch.is_archived):
                continue
            if ch.is_private and not ch.is_member:  # a private channel the app is not in stays hidden
                continue
            out.append(ch.info())
        limit = int(p.get("limit") or 100)
        start = int(p.get("cursor") or 0)
        more = start + limit < len(out)
        return {
            "ok": True,
            "channels": out[start : start + limit],
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    def _api_conversations_members(self, p: dict[str, Any]) -> dict[str, Any]:
        ch = self.channel(str(p.get("channel")))  # type: ignore[attr-defined]
        if (ch.is_private or ch.is_im) and not ch.is_member:
            return self._err("channel_not_found")  # type: ignore[attr-defined]
        with self._lock:
            users = sorted(self._member_sets().get(ch.id, set()))
        return {"ok": True, "members": users, "response_metadata": {"next_cursor": ""}}
