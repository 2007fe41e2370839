"""The architecture holds: extraction knows nothing of Slack or the network; only handlers/ and the app touch Slack."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SLACK = ("slack_bolt", "slack_sdk")
NETWORK = ("httpx", "requests", "urllib.request", "socket", "http.client", "trafilatura")
# the app factory and what it is made of: the client with its health watch, the server
SLACK_ALLOWED = {"bot/app.py", "bot/server.py", "bot/health.py"}


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
    assert not {n for n in names if n.startswith(("bot.storage", "bot.fetch", "bot.app", "handlers"))}


def test_layout_only_handlers_and_the_app_touch_slack():
    offenders = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel not in SLACK_ALLOWED and _banned(imported_modules(path), SLACK):
            offenders.append(rel)
    assert offenders == []
