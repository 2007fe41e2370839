"""Text snippets attached to a message are read with the bot token, from Slack's hosts only."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest
from local_http import LocalServer

from bot.errors import InputError
from handlers.files import read_text_file, text_file

TOKEN = "xoxb-files"


def _file(h: BaseHTTPRequestHandler) -> None:
    ok = h.headers.get("Authorization") == f"Bearer {TOKEN}"
    body = b"Budget delayed\n\nThe minister said the budget was delayed." if ok else b"<html>login"
    h.send_response(200 if ok else 403)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


@pytest.fixture
def api_url():
    with LocalServer() as server:
        server.routes["/files/F1"] = _file
        yield server.url("/api/")


def snippet(api_url: str) -> dict:
    return {"id": "F1", "filetype": "text", "url_private_download": api_url.replace("/api/", "/files/F1")}


@pytest.mark.parametrize(
    ("files", "found"), [([{"mimetype": "image/png"}, {"filetype": "text"}], 1), ([], None)]
)
def test_files_text_file_picks_the_first_text_attachment(files, found):
    chosen = text_file(files)
    assert (chosen is files[found]) if found is not None else chosen is None


def test_files_snippet_is_downloaded_with_the_bot_token(api_url):
    assert read_text_file(snippet(api_url), TOKEN, api_url, 1000).startswith("Budget delayed")


def test_files_refused_download_is_one_clear_line(api_url):
    with pytest.raises(InputError, match="403"):
        read_text_file(snippet(api_url), "xoxb-wrong", api_url, 1000)


@pytest.mark.parametrize("url", ["https://evil.example.com/files/F1"])
def test_files_token_is_never_sent_to_another_host(api_url, url):
    with pytest.raises(InputError, match="can't read"):
        read_text_file({"url_private_download": url}, TOKEN, api_url, 1000)
