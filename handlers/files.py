"""Text snippets and text files attached to a message (scope files:read): long pastes often arrive this way.

The file is downloaded from its ``url_private_download`` with the bot token, only from Slack's own hosts (or
the host of ``SLACK_API_URL``, for the local stand-in), decoded as it arrives and cut at ``max_chars``
characters (a 1 MB snippet is never read whole); anything else is ignored.
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Iterable
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
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=True, trust_env=False) as http:
            with http.stream("GET", url, headers={"Authorization": f"Bearer {token}"}) as answer:
                if answer.status_code != 200:
                    raise InputError(f"I can't read that attachment (Slack answered {answer.status_code}).")
                text = _read_capped(answer.iter_bytes(), max_chars)
    except httpx.HTTPError as exc:
        log.warning("could not download %s: %s", f.get("id"), exc)
        raise InputError("I can't read that attachment right now: try again in a minute.") from None
    if text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")) and f.get("filetype") != "html":
        raise InputError("I can't read that attachment: Legwork may lack the files:read permission.")
    return text


def _read_capped(chunks: Iterable[bytes], max_chars: int) -> str:
    """The text of a download, decoded as it arrives, stopping once it holds more than ``max_chars``
    characters: a huge file is never read whole, and only the text kept is held in memory (once)."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pieces: list[str] = []
    have = 0
    for chunk in chunks:
        piece = decoder.decode(chunk)
        if have + len(piece) > max_chars:  # keep one character more than the cap, so that the cut is noted
            pieces.append(piece[: max_chars + 1 - have])
            break
        pieces.append(piece)
        have += len(piece)
    else:
        pieces.append(decoder.decode(b"", final=True))
    return "".join(pieces)
