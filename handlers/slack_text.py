"""Slack message text in, plain text and links out (Slack's ``<url|label>`` tokens and ``&amp;`` escaping)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

_TOKEN = re.compile(r"<([^<>]+)>")
_BARE_URL = re.compile(r"https?://[^\s<>|\"]+", re.IGNORECASE)
_LEADING_MENTION = re.compile(r"^\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>\s*)+")


def unescape(text: str) -> str:
    """Undo Slack's three escapes (``&lt;``, ``&gt;``, ``&amp;``), in the safe order."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _is_web_link(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def _web_link(target: Any) -> str | None:
    """``target`` when it is an http(s) URL with a host and no white space ("https://" alone is not)."""
    if not isinstance(target, str) or not _is_web_link(target) or any(c.isspace() for c in target):
        return None
    try:
        host = urlsplit(target).hostname
    except ValueError:  # "http://[::1" and other broken hosts
        return None
    return target if host else None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def links_in_text(text: str) -> list[str]:
    """Web links in Slack-encoded text (``<https://…|label>`` or raw), unescaped, in order, once each."""
    text = _str(text)
    found: list[str | None] = []
    for m in _TOKEN.finditer(text):
        found.append(_web_link(unescape(m.group(1).partition("|")[0])))
    rest = _TOKEN.sub(" ", text)
    found.extend(_web_link(unescape(u).rstrip(".,;:!?)]}'")) for u in _BARE_URL.findall(rest))
    return [u for u in dict.fromkeys(found) if u]


def links_in_blocks(blocks: list[dict[str, Any]] | None) -> list[str]:
    """Web links in a message's rich_text blocks, in order, once each (any other shape is ignored)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            url = _web_link(node.get("url")) if node.get("type") == "link" else None
            if url:
                found.append(url)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    if isinstance(blocks, list):
        walk([b for b in blocks if isinstance(b, dict) and b.get("type") == "rich_text"])
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

    plain = _TOKEN.sub(repl, _str(text))
    # Slack escapes every typed "<" and ">", so any left now are strays (a malformed payload); dropped, they
    # cannot wrap a converted mention back into a live token ("<<@U1>>" would give "<@U1>").
    plain = plain.replace("<", "").replace(">", "")
    if drop_links:
        plain = _BARE_URL.sub(" ", plain)
    return unescape(plain)


def strip_mention(text: str) -> str:
    """The text of a mention without the leading ``<@BOT>`` token(s)."""
    return _LEADING_MENTION.sub("", _str(text), count=1).strip()


def message_content(message: dict[str, Any]) -> tuple[str, list[str]]:
    """(plain text without links, links) of a Slack message: text, rich_text blocks and shared attachments."""
    text = _str(message.get("text"))
    links = links_in_blocks(message.get("blocks")) + links_in_text(text)
    attachments = message.get("attachments")
    for att in attachments if isinstance(attachments, list) else []:
        if not isinstance(att, dict):
            continue
        if att.get("is_share") or not text.strip():
            text += "\n\n" + _str(att.get("text"))
            url = _web_link(unescape(_str(att.get("original_url")) or _str(att.get("from_url"))))
            if url:
                links.append(url)
    return to_plain(text, drop_links=True).strip(), list(dict.fromkeys(links))


def command_words(text: str) -> tuple[str, str]:
    """(first word lower-cased, the rest) of a command or mention text."""
    head, _, rest = _str(text).strip().partition(" ")
    return head.lower(), rest.strip()
