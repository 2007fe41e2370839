"""Keys: names, URLs and texts normalised, so that the same person, link or paste is found again.

The honorifics dropped from names are the extraction's own list (``patterns/titles_honorifics.txt``), read
through the pattern loader, so that people are matched across articles as they are within one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.wordlists import words

# Generational suffixes: not honorifics, but no more part of the name to match on ("Jr", "III").
_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$", re.I)
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})


def honorifics() -> frozenset[str]:
    """Forms of address ("mr", "dr", "sheikh"), lower case without a full stop: the extraction's list."""
    return words("titles_honorifics")


def name_tokens(name: str | None) -> list[str]:
    """A person's name as comparable tokens: accents folded, lower case, honorifics and suffixes dropped."""
    if not name:
        return []
    folded = unicodedata.normalize("NFKD", name)
    folded = (
        "".join(c for c in folded if not unicodedata.combining(c)).lower().replace("'", "").replace("’", "")
    )
    drop = _not_name()
    return [t for t in re.findall(r"[^\W_]+", folded) if t not in drop]


@cache
def _not_name() -> frozenset[str]:
    return honorifics() | _NAME_SUFFIXES


def display_name(name: str) -> str:
    """A name without a leading honorific ("Mr Khawaja Asif" -> "Khawaja Asif")."""
    words_ = name.split()
    while len(words_) > 1 and words_[0].lower().rstrip(".") in honorifics():
        words_ = words_[1:]
    return " ".join(words_)


def normalise_url(url: str | None) -> str | None:
    """A URL as a de-duplication key: scheme and host lower-cased, no fragment, no tracking parameters."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if parts.port and (parts.scheme, parts.port) not in {("http", 80), ("https", 443)}:
        host = f"{host}:{parts.port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)]
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(
        (
            "https" if parts.scheme.lower() in {"http", "https"} else parts.scheme.lower(),
            host,
            path,
            query,
            "",
        )
    )


def text_hash(text: str) -> str:
    """sha256 of the text with typography, case and white space normalised (the same paste twice = one)."""
    norm = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).lower()
    norm = " ".join(norm.split())
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()
