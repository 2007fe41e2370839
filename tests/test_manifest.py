"""manifest.json is a valid Slack app manifest and declares exactly what the code listens to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handlers import register_handlers

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT.parent / "shared" / "slack"


class Recorder:
    """Stands in for a Bolt App and records what ``register_handlers`` registers."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, str]] = set()

    def _record(self, kind: str):
        def register(name: str):
            self.seen.add((kind, name))
            return lambda fn: fn

        return register

    def __getattr__(self, kind: str):
        return self._record(kind)


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registered() -> set[tuple[str, str]]:
    rec = Recorder()
    register_handlers(rec)  # type: ignore[arg-type]
    return rec.seen


def test_manifest_validates_against_slacks_schema(manifest):
    jsonschema = pytest.importorskip("jsonschema")
    path = SCHEMAS / f"manifest.schema.{manifest['_metadata']['major_version']}.0.0.json"
    if not path.exists():
        pytest.skip(f"{path} not present")
    jsonschema.validate(manifest, json.loads(path.read_text(encoding="utf-8")))


def test_manifest_commands_match_the_code(manifest, registered):
    declared = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert declared == {name for kind, name in registered if kind == "command"}


def test_manifest_shortcuts_match_the_code(manifest, registered):
    declared = {s["callback_id"] for s in manifest["features"]["shortcuts"] if s["type"] == "message"}
    assert declared == {name for kind, name in registered if kind == "message_shortcut"}


def test_manifest_events_match_the_code(manifest, registered):
    declared = {e.split(".")[0] for e in manifest["settings"]["event_subscriptions"]["bot_events"]}
    assert declared == {name for kind, name in registered if kind == "event"}


@pytest.mark.parametrize(
    ("needs", "scopes"),
    [
        ("app_mention", {"app_mentions:read"}),
        ("message.im", {"im:history"}),
        ("/legwork", {"commands", "chat:write"}),
        ("reactions", {"reactions:write"}),
        ("thread parents", {"channels:history", "groups:history"}),
        ("conversations.info", {"channels:read", "groups:read"}),
        ("users.conversations (the Home tab)", {"channels:read", "groups:read"}),
    ],
)
def test_manifest_has_the_scopes_the_code_uses(manifest, needs, scopes):
    assert scopes <= set(manifest["oauth_config"]["scopes"]["bot"]), needs


def test_manifest_interactivity_and_socket_mode_are_on(manifest, registered):
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["settings"]["socket_mode_enabled"] is True
    actions = {str(getattr(name, "pattern", name)) for kind, name in registered if kind == "action"}
    wanted = {"^legwork_question:\\d+$", "^legwork_undo:\\d+$", "legwork_open_quotes", "legwork_open_sources"}
    assert wanted <= actions
    assert ("view", "legwork_answer") in registered


def test_manifest_home_tab_is_on_and_listened_to(manifest, registered):
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert ("event", "app_home_opened") in registered
