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

Here: the HTTP side (client, redirects, vetting). The limits and status messages are in
``bot.reader.fetchlimits``, reading and sniffing the body in ``bot.reader.pagebody``, charsets in
``bot.reader.charset``.
"""

from __future__ import annotations

import logging
import re
import time
from urllib.parse import urlsplit

import httpcore
import httpx

from bot.config import Settings
from bot.errors import FetchError, RefusedAddress
from bot.models import Article
from bot.reader import transport
from bot.reader.fetchlimits import FetchLimits, check_status, timed_out
from bot.reader.netpolicy import AddressPolicy
from bot.reader.pagebody import DOCUMENTS, Page, read_body

log = logging.getLogger(__name__)

_REDIRECTS = {301, 302, 303, 307, 308}


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
        if page.kind in DOCUMENTS:
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
                raise timed_out(limits)
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
                check_status(response)
                return read_body(response, limits, start, seen)
            finally:
                response.close()
    except RefusedAddress:
        raise
    except FetchError:
        raise
    except (httpx.TimeoutException, httpcore.TimeoutException):
        raise timed_out(limits) from None
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
