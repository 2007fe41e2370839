"""What one fetch may take (time, size, redirects) and the one-line failures of a fetch: too slow, too large,
an HTTP status that is not a page."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from bot.errors import FetchError

MAX_REDIRECTS = 5
MAX_BYTES = 10_000_000
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 10.0
DEADLINE = 20.0


@dataclass(frozen=True)
class FetchLimits:
    """Time and size limits of one fetch (tests shrink them)."""

    max_redirects: int = MAX_REDIRECTS
    max_bytes: int = MAX_BYTES
    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    deadline: float = DEADLINE


def timed_out(limits: FetchLimits) -> FetchError:
    return FetchError(f"The site took too long to answer (over {limits.deadline:g} seconds).")


def too_large(limits: FetchLimits) -> FetchError:
    return FetchError(
        f"The page is too large (over {limits.max_bytes / 1_000_000:g} MB); Legwork stops there."
    )


def check_status(response: httpx.Response) -> None:
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
