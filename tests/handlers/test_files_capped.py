"""A huge text snippet is decoded as it downloads and cut at ``max_chars``: never read whole."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from handlers.files import _read_capped, read_text_file

TOKEN = "xoxb-files"
PARAGRAPH = "The committee noted the harbour report and moved on to the next item on the agenda.\n\n"
SENT: list[int] = []  # bytes written per request


class Big(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        body = (PARAGRAPH * 12_000).encode()  # about 1 MB
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        sent = 0
        try:
            for i in range(0, len(body), 16_384):
                self.wfile.write(body[i : i + 16_384])
                sent += 16_384
        except (BrokenPipeError, ConnectionResetError):
            pass
        SENT.append(sent)

    def log_message(self, *args):
        pass


@pytest.fixture
def api_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Big)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/"
    server.shutdown()
    server.server_close()


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
