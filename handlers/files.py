"""Files attached to a message (scope files:read): long pastes and documents often arrive this way.

Text snippets and .txt files are decoded as they arrive and cut at ``max_chars`` characters (a 1 MB snippet
is never read whole). Documents (PDF, Word .docx, Markdown) are downloaded whole up to ``MAX_DOCUMENT_BYTES``
and read by ``bot.reader.documents``. Either way the file comes from its ``url_private_download`` with the bot
token, only from Slack's own hosts (or the host of ``SLACK_API_URL``, for the local stand-in).
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpx

from bot.errors import InputError
from bot.models import Article
from bot.reader.documents import DOCX_TYPES, PDF_TYPES, read_document
from bot.render.messages import (
    ATTACHMENT_LATER,
    ATTACHMENT_REFUSED,
    NO_PERMISSION,
    attachment_status,
    too_large,
)

log = logging.getLogger(__name__)
TEXT_TYPES = {"text", "post", "markdown", "plain", "html"}
DOCUMENT_TYPES = {"pdf", "docx", "markdown"}  # Slack's filetype of the files bot.reader.documents reads
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".md", ".markdown")
MAX_DOCUMENT_BYTES = 20_000_000
TIMEOUT = 10.0


def text_file(files: list[dict[str, Any]] | None) -> dict[str, Any] | None:
    """The first attached file that holds text (a snippet, a .txt or a post), if any."""
    for f in files or []:
        if str(f.get("mimetype", "")).startswith("text/") or f.get("filetype") in TEXT_TYPES:
            return f
    return None


def document_file(files: list[dict[str, Any]] | None) -> dict[str, Any] | None:
    """The first attached PDF, Word (.docx) or Markdown file, if any."""
    for f in files or []:
        mimetype = str(f.get("mimetype", "")).lower()
        name = str(f.get("name") or "").lower()
        if (
            f.get("filetype") in DOCUMENT_TYPES
            or mimetype in PDF_TYPES | DOCX_TYPES | {"text/markdown"}
            or name.endswith(DOCUMENT_SUFFIXES)
        ):
            return f
    return None


def read_text_file(f: dict[str, Any], token: str | None, api_url: str, max_chars: int) -> str:
    """Download a text file's content; InputError with one line when it cannot be read."""
    text = _download(f, token, api_url, lambda chunks: _read_capped(chunks, max_chars))
    if text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")) and f.get("filetype") != "html":
        raise InputError(NO_PERMISSION)
    return text


def read_document_file(f: dict[str, Any], token: str | None, api_url: str) -> Article:
    """Download a document (PDF, .docx, Markdown) and read it; InputError with one line when it cannot be."""
    data = _download(f, token, api_url, _read_bytes)
    if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        raise InputError(NO_PERMISSION)
    name = str(f.get("name") or f.get("title") or "")
    return read_document(data, name=name, content_type=str(f.get("mimetype") or ""))


def _download(f: dict[str, Any], token: str | None, api_url: str, consume: Any) -> Any:
    url = str(f.get("url_private_download") or f.get("url_private") or "")
    host = (urlsplit(url).hostname or "").lower()
    allowed = {(urlsplit(api_url).hostname or "").lower()}
    if not (host == "slack.com" or host.endswith(".slack.com") or host in allowed) or not token:
        raise InputError(ATTACHMENT_REFUSED)
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=True, trust_env=False) as http:
            with http.stream("GET", url, headers={"Authorization": f"Bearer {token}"}) as answer:
                if answer.status_code != 200:
                    raise InputError(attachment_status(answer.status_code))
                return consume(answer.iter_bytes())
    except httpx.HTTPError as exc:
        log.warning("could not download %s: %s", f.get("id"), exc)
        raise InputError(ATTACHMENT_LATER) from None


def _read_bytes(chunks: Iterable[bytes]) -> bytes:
    """A whole document, refused past ``MAX_DOCUMENT_BYTES`` (counted as it arrives)."""
    data = bytearray()
    for chunk in chunks:
        data += chunk
        if len(data) > MAX_DOCUMENT_BYTES:
            mb = MAX_DOCUMENT_BYTES // 1_000_000
            raise InputError(too_large(mb))
    return bytes(data)


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
