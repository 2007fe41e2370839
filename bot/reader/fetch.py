"""Fetching a pasted link and extracting its article. The only module that touches the network for articles.

``fetch_article(url, settings)`` = ``fetch_page`` (safe HTTP) + ``bot.reader.article.html_to_article``
(extraction).

Safety: only http/https; the address policy (``bot.reader.netpolicy.AddressPolicy``, injected; the
production policy by default, opened only by ``LEGWORK_FETCH_ALLOW``) vets every address a host resolves to,
and the connection is made to a vetted address (``bot.reader.transport``, so no second lookup); every redirect
hop is checked again (at most 5); connect/read time-outs plus one deadline for the whole fetch (name lookups,
connection, TLS, headers and body of every hop: each waits at most the time left, so a server dripping its
headers is dropped on time); the body is streamed under a byte cap; the content type is checked and the first
bytes sniffed; charsets are decoded BOM -> header -> <meta> -> detection; the User-Agent names Legwork and its
contact URL; proxy variables are ignored unless ``LEGWORK_FETCH_PROXY`` is on (a proxy's connections keep the
deadline). Every failure is a ``FetchError`` with one line for the user.
"""

from __future__ import annotations

import codecs
import logging
import re
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpcore
import httpx

from bot.config import Settings
from bot.errors import FetchError, RefusedAddress
from bot.models import Article
from bot.reader import transport
from bot.reader.netpolicy import AddressPolicy

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
MAX_BYTES = 10_000_000
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 10.0
DEADLINE = 20.0
_REDIRECTS = {301, 302, 303, 307, 308}
_HTML_TYPES = {"text/html", "application/xhtml+xml", "application/xml", "text/xml"}
_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_DOCUMENTS = {"pdf", "docx"}  # read by bot.reader.documents from the page's bytes


@dataclass(frozen=True)
class FetchLimits:
    """Time and size limits of one fetch (tests shrink them)."""

    max_redirects: int = MAX_REDIRECTS
    max_bytes: int = MAX_BYTES
    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    deadline: float = DEADLINE


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


def _no_query_in_httpx_log(record: logging.LogRecord) -> bool:
    """httpx logs each request's full URL at INFO; a pasted link's query string (a session token) is cut."""
    if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) for a in record.args):
        record.args = tuple(_shown(str(a)) if isinstance(a, httpx.URL) else a for a in record.args)
    return True


logging.getLogger("httpx").addFilter(_no_query_in_httpx_log)


def user_agent(settings: Settings) -> str:
    """Legwork's honest User-Agent, with the contact URL from settings."""
    try:
        from importlib.metadata import version

        ver = version("legwork")
    except Exception:  # noqa: BLE001 - not installed as a package (a source checkout)
        ver = "0.1"
    return f"Legwork/{ver} (+{settings.contact_url}; newsroom link digest; fetches one page per paste)"


def fetch_article(
    url: str,
    settings: Settings,
    *,
    policy: AddressPolicy | None = None,
    client: httpx.Client | None = None,
    limits: FetchLimits | None = None,
) -> Article:
    """Fetch ``url`` under the address policy and extract the article body and metadata.

    ``policy`` defaults to the production policy opened by ``settings.fetch_allow``; ``client``
    (optional) must come from ``make_client`` when connections are to be pinned to vetted addresses.
    Raises FetchError (or RefusedAddress) with one line fit for the user; nothing is returned for a failed
    fetch.
    """
    from bot.reader.article import html_to_article

    try:
        page = fetch_page(url, settings, policy=policy, client=client, limits=limits)
        if page.kind in _DOCUMENTS:
            return _document(page)
        if page.kind == "text":
            text = page.text.strip()
            if len(text.split()) < 40:
                raise FetchError("That link is a short plain-text file, not an article.")
            return Article(url=page.url, text=text, site=urlsplit(page.url).hostname)
        try:
            article = html_to_article(page.text, page.url)
        except FetchError:
            raise
        except Exception as exc:  # noqa: BLE001 - a page that breaks the HTML parser is still one clear line
            log.exception("extraction failed on %s", _shown(page.url))
            raise FetchError("That page could not be read as an article.") from exc
    except FetchError as exc:
        log.warning("fetch failed: %s: %s", _shown(url), exc)
        raise
    log.info(
        "fetched %s: %d words%s",
        _shown(page.url),
        len(article.text.split()),
        f" ({'; '.join(article.notes)})" if article.notes else "",
    )
    return article


def _document(page: Page) -> Article:
    """A PDF or Word file read by ``bot.reader.documents``; its one-line failures become FetchErrors."""
    from bot.errors import InputError
    from bot.reader.documents import read_document

    try:
        article = read_document(page.data, content_type=page.content_type, url=page.url)
    except InputError as exc:
        raise FetchError(str(exc)) from None
    log.info("fetched %s: a %s document, %d words", _shown(page.url), page.kind, len(article.text.split()))
    return article


def make_client(settings: Settings, policy: AddressPolicy, limits: FetchLimits | None = None) -> httpx.Client:
    """An httpx client whose connections go only to addresses ``policy`` vetted (or through the configured
    proxy when ``settings.fetch_proxy`` is on). Redirects are followed by ``fetch_page``, never by httpx."""
    limits = limits or FetchLimits()
    timeout = httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout, pool=limits.connect_timeout)
    headers = {
        "User-Agent": user_agent(settings),
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
        "Accept-Language": "en;q=1.0, *;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    if settings.fetch_proxy:
        # A deliberate deployment choice: the proxy must do the SSRF filtering; the target's
        # addresses are still vetted before each request (fetch_page), but the proxy resolves them again.
        proxied = httpx.Client(trust_env=True, follow_redirects=False, timeout=timeout, headers=headers)
        return transport.bound_proxies(proxied)
    pinned = transport.GuardedTransport(policy)
    return httpx.Client(
        transport=pinned, trust_env=False, follow_redirects=False, timeout=timeout, headers=headers
    )


def fetch_page(
    url: str,
    settings: Settings,
    *,
    policy: AddressPolicy | None = None,
    client: httpx.Client | None = None,
    limits: FetchLimits | None = None,
) -> Page:
    """GET ``url`` safely, following up to ``limits.max_redirects`` redirects, each hop re-vetted."""
    limits = limits or FetchLimits()
    policy = policy if policy is not None else AddressPolicy.from_setting(settings.fetch_allow)
    start = time.monotonic()
    own = client is None
    client = client if client is not None else make_client(settings, policy, limits)
    seen: list[str] = []
    outer = transport.set_deadline(limits.deadline)
    try:
        current = _parse(url)
        while True:
            _vet(current, policy)
            seen.append(str(current))
            remaining = limits.deadline - (time.monotonic() - start)
            if remaining <= 0:
                raise _timeout(limits)
            request = client.build_request(
                "GET",
                current,
                timeout=httpx.Timeout(
                    min(limits.read_timeout, remaining),
                    connect=min(limits.connect_timeout, remaining),
                    pool=min(limits.connect_timeout, remaining),
                ),
            )
            if seen[:-1] and urlsplit(seen[-2])[:2] != urlsplit(seen[-1])[:2]:
                request.headers.pop("Authorization", None)
                request.headers.pop("Cookie", None)
                client.cookies.clear()
            response = client.send(request, stream=True)
            try:
                if response.status_code in _REDIRECTS and response.headers.get("location"):
                    target = _parse(str(response.url.join(response.headers["location"].strip())))
                    if str(target) in seen:
                        raise FetchError("That link redirects in a loop, so there is no page to read.")
                    if len(seen) > limits.max_redirects:
                        raise FetchError(
                            f"That link redirects more than {limits.max_redirects} times; giving up."
                        )
                    current = target
                    continue
                _check_status(response)
                return _read(response, limits, start, seen)
            finally:
                response.close()
    except RefusedAddress:
        raise
    except FetchError:
        raise
    except (httpx.TimeoutException, httpcore.TimeoutException):
        raise _timeout(limits) from None
    except httpx.InvalidURL as exc:
        raise RefusedAddress(f"That link is not a valid web address ({exc}).") from None
    except httpx.UnsupportedProtocol:
        raise RefusedAddress("Only http and https links can be fetched.") from None
    except httpx.ConnectError as exc:
        host = urlsplit(seen[-1]).hostname if seen else url
        if "certificate" in str(exc).lower() or "ssl" in str(exc).lower():
            raise FetchError(f"Could not make a secure (HTTPS) connection to {host}.") from None
        raise FetchError(f"Could not connect to {host}: the site is not answering.") from None
    except httpx.TooManyRedirects:
        raise FetchError(f"That link redirects more than {limits.max_redirects} times; giving up.") from None
    except (httpx.HTTPError, httpcore.ProtocolError) as exc:
        raise FetchError(f"The site sent a broken answer ({type(exc).__name__}).") from None
    finally:
        transport.restore_deadline(outer)
        if own:
            client.close()


def _shown(url: str) -> str:
    """A URL for the log, without query string or credentials."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}{':' + str(parts.port) if parts.port else ''}{parts.path}"


def _timeout(limits: FetchLimits) -> FetchError:
    return FetchError(f"The site took too long to answer (over {limits.deadline:g} seconds).")


def _parse(url: str) -> httpx.URL:
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):  # Slack's <https://…|label> form, pasted as it is
        url = url[1:-1].split("|", 1)[0].replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        url = "http://" + url
    try:
        return httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise RefusedAddress(f"That link is not a valid web address ({exc}).") from None


def _vet(url: httpx.URL, policy: AddressPolicy) -> None:
    """Scheme, credentials and port, then every address the host resolves to (RefusedAddress)."""
    scheme = url.scheme.lower()
    port = url.port or (443 if scheme == "https" else 80)
    policy.check_target(scheme, url.host, port, url.userinfo.decode("ascii", "replace"))
    transport.resolve(policy, url.host, port)


def _check_status(response: httpx.Response) -> None:
    code = response.status_code
    if code < 300:
        return
    if code in (404, 410):
        raise FetchError(f"The page was not found (HTTP {code}): check the link.")
    if code in (401, 402, 403):
        raise FetchError(f"The site refused access (HTTP {code}): the page may need a login or subscription.")
    if code == 429:
        wait = response.headers.get("retry-after", "")
        later = f" in {wait} seconds" if wait.isdigit() else " later"
        raise FetchError(f"The site is limiting requests (HTTP 429); try again{later}.")
    if code >= 500:
        raise FetchError(f"The site had a server error (HTTP {code}); try again later.")
    if 300 <= code < 400:
        raise FetchError(f"The site answered with a redirect (HTTP {code}) that leads nowhere.")
    raise FetchError(f"The site answered HTTP {code}, not a page.")


# -- body ----------------------------------------------------------------------------------------------------

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


def _read(response: httpx.Response, limits: FetchLimits, start: float, seen: list[str]) -> Page:
    ctype_header = response.headers.get("content-type", "")
    ctype = ctype_header.split(";", 1)[0].strip().lower()
    kind = _kind_from_header(ctype)
    if kind in _REFUSALS:
        raise FetchError(_REFUSALS[kind].format(ctype=ctype))
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _too_large(limits)
    decoder = _Decoder(response.headers.get("content-encoding", ""), limits)
    raw = 0
    for chunk in response.iter_raw():
        raw += len(chunk)
        if raw > limits.max_bytes:
            raise _too_large(limits)
        decoder.feed(chunk)
        if time.monotonic() - start > limits.deadline:
            raise _timeout(limits)
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
    if kind in _DOCUMENTS:
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


class _Decoder:
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
            raise _too_large(self.limits)

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


def _too_large(limits: FetchLimits) -> FetchError:
    return FetchError(
        f"The page is too large (over {limits.max_bytes / 1_000_000:g} MB); Legwork stops there."
    )


def _looks_textual(head: bytes) -> bool:
    if b"\x00" in head.lstrip(b"\xff\xfe"):
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))
    return True


# -- charset -------------------------------------------------------------------------------------------------

_BOMS = [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
# HTML5 "encoding sniffing": labels that browsers read as a wider encoding.
_HTML5_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
    "utf8": "utf-8",
}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _HTML5_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("utf-16", "utf-16-le", "utf-16-be"):
        return None  # a <meta> or header claiming UTF-16 without a BOM is ignored, as browsers do
    return name


def decode_body(data: bytes, content_type: str = "", *, html: bool = True) -> tuple[str, str]:
    """Decode ``data``: BOM, then the header's charset, then <meta charset> / http-equiv, then detection."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, data[len(bom) :].decode(name, errors="replace")
    header = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.I)
    encoding = _codec(header.group(1) if header else None)
    if encoding is None and html:
        meta = _META_CHARSET.search(data[:4096])
        encoding = _codec(meta.group(1).decode("ascii", "replace") if meta else None)
    if encoding is None:
        try:
            return "utf-8", data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        encoding = _detect(data)
    return encoding, data.decode(encoding, errors="replace")


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    name = _codec(best.encoding) if best is not None else None
    return name or "cp1252"
