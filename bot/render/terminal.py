"""The digest as plain text for a terminal (what ``python -m bot extract`` and ``start`` print): the Slack
reply as Slack shows it, followed by the full lists its buttons open, with links written out, Slack's date
tokens as their fallback text and escapes undone."""

from __future__ import annotations

import re
from typing import Any

from bot.models import Extraction
from bot.render.details import LISTS, detail_blocks
from bot.render.digest import digest_message
from bot.render.mrkdwn import ZWSP

_SLACK_LINK = re.compile(r"<(https?://[^|>]+)(?:\|([^>]*))?>")
_SLACK_DATE = re.compile(r"<!date\^[^|>]*\|([^>]*)>")


def digest_text(ex: Extraction) -> str:
    """The digest as a person reads it in Slack, then every list in full, as plain text: what the CLI
    prints."""
    parts = [message_text(digest_message(ex))]
    for which in LISTS:
        if {
            "quotes": ex.quotes,
            "questions": ex.questions,
            "sources": ex.anonymous_sources,
            "officials": ex.officials,
        }[which]:
            parts.append(message_text({"blocks": detail_blocks(ex, which)}))
    return "\n".join(parts)


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
        elif kind == "actions":
            labels = [e["text"]["text"] for e in block.get("elements", []) if e.get("type") == "button"]
            lines.append(" ".join(f"[{x}]" for x in labels))
        elif kind == "divider":
            lines.append("")
    if not lines:
        lines.append(message.get("text", ""))
    text = "\n".join(lines).replace(ZWSP, "")
    text = _SLACK_DATE.sub(r"\1", text)
    text = _SLACK_LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})" if m.group(2) else m.group(1), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip() + "\n"
