"""Text snippets and text files attached to a message (scope files:read): long pastes often arrive this way.

The file is downloaded from its ``url_private_download`` with the bot token, only from Slack's own hosts (or
the host of ``SLACK_API_URL``, for the local stand-in), with a size cap; anything else is ignored.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import httpx

from bot.errors import InputError

log = logging.getLogger(__name__)
TEXT_TYPES = {"text", "post", "markdown", "plain", "html"}
TIMEOUT = 10.0


def text_file(files: list[dict[str, Any]] | None) -> dict[str, Any] | None:
    """The first attached file that holds text (a snippet, a .txt or a post), if any."""
    for f in files or []:
        if str(f.get("mimetype", "")).startswith("text/") or f.get("filetype") in TEXT_TYPES:
            return f
    return None


def read_text_file(f: dict[str, Any], token: str | None, api_url: str, max_chars: int) -> str:
    """Download a text file's content; InputError with one line when it cannot be read."""
    url = str(f.get("url_private_download") or f.get("url_private") or "")
    host = (urlsplit(url).hostname or "").lower()
    allowed = {(urlsplit(api_url).hostname or "").lower()}
    if not (host == "slack.com" or host.endswith(".slack.com") or host in allowed) or not token:
        raise InputError("I can't read that attachment: paste the article text or a link instead.")
    limit = max_chars * 4 + 1
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=True, trust_env=False) as http:
            with http.stream("GET", url, headers={"Authorization": f"Bearer {token}"}) as answer:
                if answer.status_code != 200:
                    raise InputError(f"I can't read that attachment (Slack answered {answer.status_code}).")
                data = b""
                for chunk in answer.iter_bytes():
                    data += chunk
                    if len(data) >= limit:
                        break
    except httpx.HTTPError as exc:
        log.warning("could not download %s: %s", f.get("id"), exc)
        raise InputError("I can't read that attachment right now: try again in a minute.") from None
    if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")) and f.get("filetype") != "html":
        raise InputError("I can't read that attachment: Legwork may lack the files:read permission.")
    return data[:limit].decode("utf-8", errors="replace")
