"""A huge text snippet is decoded as it downloads and cut at ``max_chars``: never read whole."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest
from local_http import LocalServer

from handlers.files import _read_capped, read_text_file

TOKEN = "xoxb-files"
PARAGRAPH = "The committee noted the harbour report and moved on to the next item on the agenda.\n\n"


def _big(h: BaseHTTPRequestHandler) -> None:
    body = (PARAGRAPH * 12_000).encode()  # about 1 MB
    h.send_response(200)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    for i in range(0, len(body), 16_384):
        h.wfile.write(body[i : i + 16_384])


@pytest.fixture
def api_url():
    with LocalServer() as server:
        server.routes["/files/F1"] = _big
        yield server.url("/api/")


def test_files_a_1mb_snippet_is_cut_just_past_max_chars(api_url):
    f = {"id": "F1", "filetype": "text", "url_private_download": api_url.replace("/api/", "/files/F1")}
    text = read_text_file(f, TOKEN, api_url, 10_000)
    assert len(text) == 10_001, "one character more than the cap, so that the cut is noted"
    assert text.startswith(PARAGRAPH)


def test_files_capped_read_stops_early_and_keeps_split_characters():
    data = ("Año «señal» ✓ " * 1000).encode()
    chunks = [data[i : i + 7] for i in range(0, len(data), 7)]  # multi-byte characters split across chunks
    pulled = 0

    def stream():
        nonlocal pulled
        for chunk in chunks:
            pulled += 1
            yield chunk

    text = _read_capped(stream(), 100)
    assert text == ("Año «señal» ✓ " * 1000)[:101]
    assert pulled < 30, "reading stopped soon after the cap"
    assert _read_capped(iter(chunks), 10**6) == "Año «señal» ✓ " * 1000
