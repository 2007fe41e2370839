"""The digest as plain text for a terminal (what ``python -m bot digest`` prints): the Block Kit message as
Slack shows it, links written out and escapes undone."""

from __future__ import annotations

import re
from typing import Any

from bot.models import Extraction
from bot.render.digest import digest_message

_SLACK_LINK = re.compile(r"<(https?://[^|>]+)(?:\|([^>]*))?>")


def digest_text(ex: Extraction) -> str:
    """The digest as a person reads it in Slack, as plain text: what the CLI prints."""
    return message_text(digest_message(ex))


def message_text(message: dict[str, Any]) -> str:
    """A Block Kit message as the text Slack shows (buttons as ``[label]``), for a terminal."""
    lines: list[str] = []
    for block in message.get("blocks", []):
        kind = block.get("type")
        if kind == "header":
            lines.append(f"*{block['text']['text']}*")
        elif kind == "section":
            text = block["text"]["text"]
            button = block.get("accessory", {})
            if re.match(r"\*[A-Z]", text):  # a heading such as *Key quotes*: a blank line before it
                lines.append("")
            lines.append(text + (f"  [{button['text']['text']}]" if button.get("type") == "button" else ""))
        elif kind == "context":
            lines.append(" ".join(e.get("text", "") for e in block.get("elements", [])))
        elif kind == "divider":
            lines.append("")
    if not lines:
        lines.append(message.get("text", ""))
    text = "\n".join(lines)
    text = _SLACK_LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})" if m.group(2) else m.group(1), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip() + "\n"
