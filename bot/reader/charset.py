"""Decoding a page's bytes to text: a BOM, then the Content-Type charset, then <meta charset>, then UTF-8,
then detection (charset_normalizer); labels are read as browsers read them (HTML5 encoding sniffing)."""

from __future__ import annotations

import codecs
import re

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
