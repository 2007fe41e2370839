"""The body of a fetched page: read under the byte cap and the deadline, Content-Encoding undone in bounded
steps, the kind of file told from the Content-Type header and the first bytes (a page, plain text, a PDF or
Word document, or something refused), then decoded (``bot.reader.charset``)."""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from bot.errors import FetchError
from bot.reader.charset import decode_body
from bot.reader.fetchlimits import FetchLimits, timed_out, too_large

_HTML_TYPES = {"text/html", "application/xhtml+xml", "application/xml", "text/xml"}
_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENTS = {"pdf", "docx"}  # read by bot.reader.documents from the page's bytes


@dataclass
class Page:
    """A fetched page: where it ended up, what it is, and its decoded text."""

    url: str
    status: int
    content_type: str
    kind: str  # "html", "text", or a document ("pdf", "docx") whose bytes are in ``data``
    text: str
    encoding: str
    redirects: list[str] = field(default_factory=list)
    data: bytes = b""


_MAGIC: list[tuple[bytes, int, str]] = [
    (b"%PDF-", 0, "pdf"),
    (b"\x89PNG\r\n\x1a\n", 0, "image"),
    (b"\xff\xd8\xff", 0, "image"),
    (b"GIF87a", 0, "image"),
    (b"GIF89a", 0, "image"),
    (b"BM", 0, "image?"),
    (b"II*\x00", 0, "image"),
    (b"MM\x00*", 0, "image"),
    (b"\x00\x00\x01\x00", 0, "image"),
    (b"PK\x03\x04", 0, "archive"),
    (b"\x1f\x8b", 0, "archive"),
    (b"Rar!\x1a\x07", 0, "archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "archive"),
    (b"BZh", 0, "archive?"),
    (b"\xfd7zXZ\x00", 0, "archive"),
    (b"\x1aE\xdf\xa3", 0, "video"),
    (b"OggS", 0, "audio"),
    (b"ID3", 0, "audio"),
    (b"fLaC", 0, "audio"),
    (b"ftyp", 4, "video"),
]
_REFUSALS = {
    "image": "That link is an image, not an article.",
    "video": "That link is a video, not an article.",
    "audio": "That link is an audio file, not an article.",
    "archive": "That link is a compressed or archive file, not an article.",
    "other": "That link is not a web page ({ctype}), so there is no article to read.",
}


def _sniff(head: bytes) -> str | None:
    """The kind of file the first bytes announce (pdf, image, video, audio, archive), or html/None."""
    for magic, offset, kind in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            if kind.endswith("?"):
                continue  # too short a signature to overrule the header on its own
            return kind
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"AVI ", b"WAVE"):
        return {b"WEBP": "image", b"AVI ": "video", b"WAVE": "audio"}[head[8:12]]
    start = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower().replace(b"\x00", b"")
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<!--", b"<body", b"<meta", b"<?xml")):
        return "html"
    return None


def _kind_from_header(ctype: str) -> str:
    if ctype in _HTML_TYPES or ctype.endswith("+xml") and "xhtml" in ctype:
        return "html"
    if ctype == "text/plain":
        return "text"
    if ctype in ("application/pdf", "application/x-pdf"):
        return "pdf"
    if ctype == _DOCX_TYPE:
        return "docx"
    if ctype.startswith("image/"):
        return "image"
    if ctype.startswith("video/"):
        return "video"
    if ctype.startswith("audio/"):
        return "audio"
    if ctype in {
        "application/zip",
        "application/gzip",
        "application/x-gzip",
        "application/x-tar",
        "application/x-7z-compressed",
        "application/x-rar-compressed",
        "application/vnd.rar",
        "application/x-bzip2",
        "application/x-xz",
        "application/java-archive",
    }:
        return "archive"
    if ctype in {"", "application/octet-stream", "binary/octet-stream", "application/unknown"}:
        return "unknown"
    return "other"


def read_body(response: httpx.Response, limits: FetchLimits, start: float, seen: list[str]) -> Page:
    ctype_header = response.headers.get("content-type", "")
    ctype = ctype_header.split(";", 1)[0].strip().lower()
    kind = _kind_from_header(ctype)
    if kind in _REFUSALS:
        raise FetchError(_REFUSALS[kind].format(ctype=ctype))
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise too_large(limits)
    decoder = Decoder(response.headers.get("content-encoding", ""), limits)
    raw = 0
    for chunk in response.iter_raw():
        raw += len(chunk)
        if raw > limits.max_bytes:
            raise too_large(limits)
        decoder.feed(chunk)
        if time.monotonic() - start > limits.deadline:
            raise timed_out(limits)
    data = decoder.finish()
    sniffed = _sniff(data[:512])
    if sniffed == "pdf":
        kind = "pdf"  # a PDF, whatever the header said
    elif sniffed == "archive" and (kind == "docx" or kind == "unknown" and _path(response).endswith(".docx")):
        kind = "docx"  # a Word file is a zip archive
    elif kind == "docx":
        raise FetchError("That link claims to be a Word file but is not one.")
    elif sniffed in _REFUSALS:
        raise FetchError(_REFUSALS[sniffed])
    if kind == "unknown":
        if sniffed == "html":
            kind = "html"
        elif _looks_textual(data[:4096]):
            kind = "text"
        else:
            raise FetchError("That link is not a web page (unknown binary content), so there is no article.")
    elif kind == "text" and sniffed == "html":
        kind = "html"
    if not data.strip():
        raise FetchError("The page is empty: nothing to read.")
    if kind in DOCUMENTS:
        return Page(
            url=str(response.url),
            status=response.status_code,
            content_type=ctype,
            kind=kind,
            text="",
            encoding="",
            redirects=seen[:-1],
            data=data,
        )
    encoding, text = decode_body(data, ctype_header, html=kind == "html")
    return Page(
        url=str(response.url),
        status=response.status_code,
        content_type=ctype,
        kind=kind,
        text=text,
        encoding=encoding,
        redirects=seen[:-1],
    )


def _path(response: httpx.Response) -> str:
    return urlsplit(str(response.url)).path.lower()


class Decoder:
    """Content-Encoding undone in bounded steps: a decompression bomb stops at the cap, never in memory."""

    def __init__(self, encoding: str, limits: FetchLimits) -> None:
        self.limits = limits
        self.body = bytearray()
        codings = [
            c.strip().lower() for c in encoding.split(",") if c.strip() and c.strip().lower() != "identity"
        ]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchError(f"The site sent the page in an encoding Legwork cannot read ({encoding}).")
        self.kind = codings[0] if codings else None
        self.zlib = None
        if self.kind in ("gzip", "x-gzip"):
            self.zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.kind == "deflate":
            self.zlib = zlib.decompressobj()
        self.first = True

    def _add(self, data: bytes) -> None:
        self.body += data
        if len(self.body) > self.limits.max_bytes:
            raise too_large(self.limits)

    def feed(self, chunk: bytes) -> None:
        if self.zlib is None:
            self._add(chunk)
            return
        if self.first and self.kind == "deflate" and chunk and (chunk[0] & 0x0F) != 8:
            self.zlib = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate without the zlib header
        self.first = False
        data = chunk
        try:
            while data:
                room = self.limits.max_bytes - len(self.body) + 1
                self._add(self.zlib.decompress(data, room))
                data = self.zlib.unconsumed_tail
        except zlib.error:
            raise FetchError("The site sent a broken compressed page.") from None

    def finish(self) -> bytes:
        if self.zlib is not None:
            try:
                self._add(self.zlib.flush())
            except zlib.error:
                raise FetchError("The site sent a broken compressed page.") from None
        return bytes(self.body)


def _looks_textual(head: bytes) -> bool:
    if b"\x00" in head.lstrip(b"\xff\xfe"):
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))
    return True
