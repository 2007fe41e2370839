"""PDF, Word and Markdown files attached to a message (#16): picked, size-capped, read, one line each."""

from __future__ import annotations

import pytest
from documents import PRESS_TITLE, press_release
from local_http import LocalServer

from bot.errors import InputError
from handlers import files
from handlers.files import document_file, read_document_file

TOKEN = "xoxb-files"


def attached(server: LocalServer, name: str, data: bytes) -> dict:
    server.add(f"/files/{name}", body=data)
    return {"id": "F1", "name": name, "url_private_download": server.url(f"/files/{name}")}


@pytest.mark.parametrize(
    ("found", "files"),
    [
        (1, [{"filetype": "png"}, {"filetype": "pdf"}]),
        (0, [{"mimetype": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}]),
        (0, [{"name": "notes.md", "filetype": "text"}]),
        (None, [{"filetype": "text", "name": "notes.txt"}, {"filetype": "jpg"}]),
    ],
)
def test_the_first_document_attachment_is_picked(found, files):
    chosen = document_file(files)
    assert (chosen is files[found]) if found is not None else chosen is None


def test_an_attached_pdf_is_downloaded_with_the_token_and_read(server):
    _, pdf = press_release()
    article = read_document_file(attached(server, "release.pdf", pdf), TOKEN, server.url("/api/"))
    assert article.title == PRESS_TITLE
    assert server.log[-1][1].get("Authorization") == f"Bearer {TOKEN}"


def test_a_document_over_the_size_cap_is_one_line_and_not_read_whole(server, monkeypatch):
    monkeypatch.setattr(files, "MAX_DOCUMENT_BYTES", 50_000)
    _, pdf = press_release()
    big = pdf + b"%" + b"\x00" * 200_000
    with pytest.raises(InputError, match="too large for Legwork"):
        read_document_file(attached(server, "big.pdf", big), TOKEN, server.url("/api/"))


def test_a_sign_in_page_instead_of_the_file_says_the_permission_may_be_missing(server):
    page = b"<!DOCTYPE html><html><body>Sign in to Slack</body></html>"
    with pytest.raises(InputError, match="files:read"):
        read_document_file(attached(server, "x.pdf", page), TOKEN, server.url("/api/"))
