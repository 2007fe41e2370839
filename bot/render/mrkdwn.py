"""Slack mrkdwn primitives every surface shares: escaping untrusted text, cutting it to a limit, links,
sections and context blocks, and Slack's size limits.

Every string that comes from an article or a message goes through ``esc``: ``&``, ``<`` and ``>`` are
escaped, so a pasted ``<!channel>`` or ``<@U…>`` renders as inert text, and ``@channel``/``@here``/
``@everyone`` get a zero-width joiner so they cannot notify, and Slack's formatting characters (``*``, ``_``,
``~``, backtick) get a zero-width space on each side, so an article's ``*`` or ``_`` stays a character instead
of turning the text bold or italic (Slack only formats between markers that stand at a word boundary).
Text is cut before it is escaped (``esc(clip(text, n))``), so a cut never leaves half an ``&amp;``; ``clip``
also drops a half entity at its end, for the few places that must cut text already escaped.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

MAX_BLOCKS = 50
SECTION_CHARS = 3000
FIELD_CHARS = 2000
HEADER_CHARS = 150
FALLBACK_CHARS = 3000
BLOCK_TEXT_BUDGET = 10_000  # about what Slack accepts in one message's blocks (msg_blocks_too_long)
ZWSP = "\u200b"
_PINGS = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_MARKERS = re.compile(r"[*_~`]")
_HALF_ENTITY = re.compile(r"&(?:amp|am|a|lt|l|gt|g)?$")


def esc(text: str | None) -> str:
    """Escape untrusted text for Slack mrkdwn: ``&``, ``<``, ``>`` as entities, mass mentions neutralised,
    formatting characters defused."""
    out = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = _MARKERS.sub(lambda m: f"{ZWSP}{m.group()}{ZWSP}", out)
    return _PINGS.sub("@\u2060\\1", out)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, at a space when one is near the cut; never ends
    in half an HTML entity."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= max(1, len(cut) - 15):
        cut = cut[:space]
    return _HALF_ENTITY.sub("", cut.rstrip(" ,;:")).rstrip() + "…"


def clip_esc(text: str | None, limit: int) -> str:
    """Untrusted text cut to ``limit`` characters, then escaped: the order that keeps entities whole."""
    return esc(clip(text or "", limit))


def fit(text: str | None, limit: int) -> str:
    """``clip_esc`` on one line, held to ``limit`` characters after escaping too (a field with a hard limit,
    such as a Block Kit text): the cut shrinks until the escaped text fits, so no entity is cut in half."""
    text = " ".join(str(text or "").split())
    cut = limit
    out = clip_esc(text, cut)
    while len(out) > limit and cut > 1:
        cut = max(1, cut - (len(out) - limit))
        out = clip_esc(text, cut)
    return out


def slack_date(ts: float, fallback: str) -> str:
    """A time Slack shows in the reader's own time zone (``<!date^…>``); ``fallback`` where it cannot."""
    return f"<!date^{int(ts)}^{{date_short_pretty}} at {{time}}|{fallback}>"


def link(url: str, label: str) -> str:
    """A Slack link to ``url`` with an escaped label; characters that would break the token are encoded."""
    safe = quote(url, safe=":/?#[]@!$&'()*+,;=%~.-_").replace("&", "&amp;")
    return f"<{safe}|{esc(label).replace('|', '¦')}>"


def plural(count: int, noun: str) -> str:
    """``3 quotes``, ``1 quote``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def section(text: str, **extra: Any) -> dict[str, Any]:
    """A mrkdwn section, cut to Slack's 3,000 characters."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_CHARS)}, **extra}


def context(text: str) -> dict[str, Any]:
    """A one-element mrkdwn context block."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, SECTION_CHARS)}]}


def size(blocks: list[dict[str, Any]]) -> int:
    """The characters of text in ``blocks`` (section text and context elements)."""
    return sum(
        len(str(b.get("text", {}).get("text", ""))) for b in blocks if isinstance(b.get("text"), dict)
    ) + sum(len(str(e.get("text", ""))) for b in blocks for e in b.get("elements", []) if isinstance(e, dict))
