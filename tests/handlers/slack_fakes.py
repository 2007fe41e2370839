"""A recording stand-in for slack_sdk's WebClient, for direct handler and job tests (no network)."""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError


class FakeClient:
    """Records every Web API call; ``fail[method] = "error_code"`` makes that method raise SlackApiError."""

    def __init__(self, parent: dict[str, Any] | None = None, private: bool = False) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.fail: dict[str, str] = {}
        self.parent = parent or {}
        self.private = private

    def _call(self, method: str, **kwargs: Any) -> dict[str, Any]:
        self.calls.append((method, kwargs))
        if method in self.fail:
            raise SlackApiError(
                self.fail[method], {"ok": False, "error": self.fail[method], "needed": "groups:history"}
            )
        return {
            "ok": True,
            "ts": "200.1",
            "messages": [self.parent],
            "url": "https://newsroom.slack.com/",
            "channel": {"id": kwargs.get("channel"), "is_private": self.private},
        }

    def __getattr__(self, name: str):
        method = name.replace("_", ".", 1)
        return lambda **kwargs: self._call(method, **kwargs)

    def made(self, method: str) -> list[dict[str, Any]]:
        return [kw for m, kw in self.calls if m == method]


class FakeRespond:
    """Records ``respond(...)`` calls; answers with ``status``."""

    def __init__(self, status: int = 200) -> None:
        self.calls: list[dict[str, Any]] = []
        self.status_code = status

    def __call__(self, **kwargs: Any) -> FakeRespond:
        self.calls.append(kwargs)
        return self
