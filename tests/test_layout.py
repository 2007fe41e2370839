"""The architecture holds: ``handlers/`` is the Slack app, ``bot/`` the engine.

Extraction knows nothing of Slack or the network; nothing under ``bot/`` imports Slack or ``handlers/``. The
command line (``bot/cli.py``, run as ``python -m bot``) sits on top of both and may start the Slack app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SLACK = ("slack_bolt", "slack_sdk")
NETWORK = ("httpx", "requests", "urllib.request", "socket", "http.client", "trafilatura")
# the top of the house: the command line may import the engine and the Slack app both
COMMAND_LINE = "bot/cli.py"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _banned(names: set[str], prefixes: tuple[str, ...]) -> set[str]:
    return {n for n in names if any(n == p or n.startswith(p + ".") for p in prefixes)}


@pytest.mark.parametrize("path", sorted((ROOT / "bot" / "extract").rglob("*.py")), ids=lambda p: p.name)
def test_layout_extraction_imports_no_slack_and_no_network(path):
    names = imported_modules(path)
    assert not _banned(names, SLACK + NETWORK)
    assert not {n for n in names if n.startswith(("bot.store.storage", "bot.reader.fetch", "handlers"))}


def test_layout_the_engine_never_imports_slack():
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "bot").rglob("*.py"))
        if _banned(imported_modules(path), SLACK)
    ]
    assert offenders == []


def test_layout_the_engine_never_imports_the_slack_app():
    offenders = [
        rel
        for path in sorted((ROOT / "bot").rglob("*.py"))
        if (rel := path.relative_to(ROOT).as_posix()) != COMMAND_LINE
        and _banned(imported_modules(path), ("handlers",))
    ]
    assert offenders == []


def test_layout_the_slack_app_lives_under_handlers():
    """The app factory, the server and its health watch are Slack's side of the house."""
    for name in ("app.py", "server.py", "health.py"):
        assert (ROOT / "handlers" / name).is_file()
        assert not (ROOT / "bot" / name).exists()
