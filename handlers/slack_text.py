"""Slack message text in, plain text and links out (Slack's ``<url|label>`` tokens and ``&amp;`` escaping)."""

from __future__ import annotations

import re
from typing import Any

_TOKEN = re.compile(r"<([^<>]+)>")
_BARE_URL = re.compile(r"https?://[^\s<>|\"]+", re.IGNORECASE)
_LEADING_MENTION = re.compile(r"^\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>\s*)+")


def unescape(text: str) -> str:
    """Undo Slack's three escapes (``&lt;``, ``&gt;``, ``&amp;``), in the safe order."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _is_web_link(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def links_in_text(text: str) -> list[str]:
    """Web links in Slack-encoded text (``<https://…|label>`` or raw), unescaped, in order, once each."""
    found: list[str] = []
    for m in _TOKEN.finditer(text or ""):
        target = m.group(1).partition("|")[0]
        if _is_web_link(target):
            found.append(unescape(target))
    rest = _TOKEN.sub(" ", text or "")
    found.extend(unescape(u).rstrip(".,;:!?)]}'") for u in _BARE_URL.findall(rest))
    return list(dict.fromkeys(found))


def links_in_blocks(blocks: list[dict[str, Any]] | None) -> list[str]:
    """Web links in a message's rich_text blocks, in order, once each."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "link" and _is_web_link(str(node.get("url", ""))):
                found.append(str(node["url"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk([b for b in blocks or [] if b.get("type") == "rich_text"])
    return list(dict.fromkeys(found))


def to_plain(text: str, *, drop_links: bool = False) -> str:
    """Slack-encoded text as readable plain text: tokens become their labels, entities are unescaped.

    With ``drop_links``, bare links disappear (a labelled link keeps its label).
    """

    def repl(m: re.Match[str]) -> str:
        target, _, label = m.group(1).partition("|")
        if target.startswith("@"):
            return "@" + (label or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return label or "@" + target[1:].split("^", 1)[0]
        if drop_links and _is_web_link(target):
            return label or " "
        return label or target

    plain = _TOKEN.sub(repl, text or "")
    if drop_links:
        plain = _BARE_URL.sub(" ", plain)
    return unescape(plain)


def strip_mention(text: str) -> str:
    """The text of a mention without the leading ``<@BOT>`` token(s)."""
    return _LEADING_MENTION.sub("", text or "", count=1).strip()


def message_content(message: dict[str, Any]) -> tuple[str, list[str]]:
    """(plain text without links, links) of a Slack message: text, rich_text blocks and shared attachments."""
    text = message.get("text") or ""
    links = links_in_blocks(message.get("blocks")) + links_in_text(text)
    for att in message.get("attachments") or []:
        if att.get("is_share") or not text.strip():
            text += "\n\n" + (att.get("text") or "")
            if att.get("original_url") or att.get("from_url"):
                links.append(unescape(att.get("original_url") or att.get("from_url")))
    return to_plain(text, drop_links=True).strip(), list(dict.fromkeys(links))


def command_words(text: str) -> tuple[str, str]:
    """(first word lower-cased, the rest) of a command or mention text."""
    head, _, rest = (text or "").strip().partition(" ")
    return head.lower(), rest.strip()
