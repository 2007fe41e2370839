"""The link fetcher against local servers on 127.0.0.1: size cap, time-outs, content types, charsets,
User-Agent, proxy variables, HTTP errors and non-article pages, each failure one clear line."""

from __future__ import annotations

import gzip
import logging
import re
import shutil
import ssl
import subprocess
import time
import zlib

import pytest
from local_http import HTML, LocalServer

from bot.config import Settings
from bot.errors import FetchError, RefusedAddress
from bot.reader.charset import decode_body
from bot.reader.fetch import FetchLimits, fetch_article, user_agent
from bot.reader.netpolicy import AddressPolicy

PARAGRAPHS = [
    "The city council put off its vote on the Elm Street bridge on Tuesday after residents asked for more "
    "time to study the contract, which runs to nine hundred pages.",
    "\u201cWe are not against the bridge, we are against signing something nobody has read,\u201d said Maria "
    "Okafor, who lives two doors from the site and spoke for the residents\u2019 group.",
    "The council will meet again next month. The engineering firm said the delay would not change the price, "
    "though a spokesman declined to say whether the schedule for the work would slip.",
]


def html_page(title: str = "Council delays the bridge vote", extra: str = "", head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{body}{extra}</article></body></html>"
    )


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.from_env(
        {
            "LEGWORK_DB": str(tmp_path / "legwork.db"),
            "LEGWORK_CONTACT_URL": "https://newsroom.example/legwork",
        }
    )


@pytest.fixture
def fetch(server, settings):
    """fetch_article under the test policy (this server only) with small limits."""
    policy = AddressPolicy.from_setting(f"127.0.0.1:{server.port}")
    limits = FetchLimits(max_bytes=1_000_000, connect_timeout=1.0, read_timeout=0.5, deadline=1.5)

    def run(url: str):
        return fetch_article(url, settings, policy=policy, limits=limits)

    return run


def test_a_page_is_fetched_and_extracted(server, fetch):
    article = fetch(server.add("/story", body=html_page().encode(), headers=HTML))
    assert article.title == "Council delays the bridge vote"
    assert "nobody has read" in article.text
    assert article.url == server.url("/story")


def test_a_link_in_slack_form_is_unwrapped(server, fetch):
    server.add("/story?a=1&b=2", body=html_page().encode(), headers=HTML)
    article = fetch(f"<{server.url('/story?a=1&amp;b=2')}|the bridge story>")
    assert article.url == server.url("/story?a=1&b=2")


def test_user_agent_names_legwork_and_the_contact_url(server, fetch, settings):
    fetch(server.add("/story", body=html_page().encode(), headers=HTML))
    sent = server.log[0][1]["User-Agent"]
    assert sent == user_agent(settings)
    assert sent.startswith("Legwork/") and "https://newsroom.example/legwork" in sent
    assert "Googlebot" not in sent and "Mozilla" not in sent


def test_proxy_variables_are_ignored(server, fetch, monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    article = fetch(server.add("/story", body=html_page().encode(), headers=HTML))
    assert article.title == "Council delays the bridge vote"


def test_the_proxy_is_used_only_when_the_setting_says_so(server, monkeypatch, tmp_path):
    """With LEGWORK_FETCH_PROXY=true the request goes to the proxy (here the local server, which sees the
    absolute URL); the target's own addresses are still vetted first."""
    server.routes["http://news.example/story"] = lambda h: (
        h.send_response(200),
        h.send_header("Content-Type", "text/html"),
        h.send_header("Content-Length", str(len(html_page().encode()))),
        h.end_headers(),
        h.wfile.write(html_page().encode()),
    )
    monkeypatch.setenv("HTTP_PROXY", server.url(""))
    for name in ("NO_PROXY", "no_proxy", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    proxied = Settings.from_env({"LEGWORK_DB": str(tmp_path / "db"), "LEGWORK_FETCH_PROXY": "true"})
    public = AddressPolicy(resolver=lambda host, port: ["93.184.216.34"])
    article = fetch_article("http://news.example/story", proxied, policy=public)
    assert article.title == "Council delays the bridge vote"
    assert server.log[0][0] == "http://news.example/story"
    private = AddressPolicy(resolver=lambda host, port: ["10.0.0.5"])
    with pytest.raises(RefusedAddress):
        fetch_article("http://news.example/story", proxied, policy=private)
    assert len(server.log) == 1


def test_a_proxy_dripping_its_headers_hits_the_overall_deadline(server, monkeypatch, tmp_path):
    server.routes["http://news.example/drip"] = _drip_headers(8.0)
    monkeypatch.setenv("HTTP_PROXY", server.url(""))
    for name in ("NO_PROXY", "no_proxy", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    proxied = Settings.from_env({"LEGWORK_DB": str(tmp_path / "db"), "LEGWORK_FETCH_PROXY": "true"})
    public = AddressPolicy(resolver=lambda host, port: ["93.184.216.34"])
    limits = FetchLimits(connect_timeout=1.0, read_timeout=0.5, deadline=1.5)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took too long"):
        fetch_article("http://news.example/drip", proxied, policy=public, limits=limits)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "not found (HTTP 404)"),
        (410, "not found (HTTP 410)"),
        (500, "server error (HTTP 500)"),
        (503, "server error (HTTP 503)"),
        (403, "refused access (HTTP 403)"),
        (401, "refused access (HTTP 401)"),
        (429, "limiting requests"),
    ],
)
def test_http_errors_are_one_clear_line(server, fetch, status, message):
    url = server.add("/x", status=status, body=b"<html><body>no</body></html>", headers=HTML)
    with pytest.raises(FetchError, match=re.escape(message)) as info:
        fetch(url)
    assert "\n" not in str(info.value)


def test_retry_after_is_passed_on(server, fetch):
    url = server.add("/x", status=429, headers={"Retry-After": "120"})
    with pytest.raises(FetchError, match="try again in 120 seconds"):
        fetch(url)


def test_failures_are_logged(server, fetch, caplog):
    url = server.add("/x", status=404)
    with caplog.at_level(logging.WARNING, logger="bot.reader.fetch"), pytest.raises(FetchError):
        fetch(url)
    assert any("HTTP 404" in r.getMessage() for r in caplog.records)


def test_an_oversize_content_length_is_refused_before_reading(server, fetch):
    def route(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(200_000_000))
        h.end_headers()
        h.wfile.write(b"<html>" + b" " * 1000)

    server.routes["/big"] = route
    with pytest.raises(FetchError, match="too large"):
        fetch(server.url("/big"))


def _endless(h, chunk: bytes = b"<p>" + b"x" * 65_536 + b"</p>", total: int = 200_000_000) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Connection", "close")
    h.end_headers()
    h.wfile.write(b"<!DOCTYPE html><html><body>")
    sent = 0
    while sent < total:
        h.wfile.write(chunk)
        sent += len(chunk)


def test_a_stream_without_length_is_cut_at_the_cap(server, fetch):
    server.routes["/stream"] = _endless
    started = time.monotonic()
    with pytest.raises(FetchError, match="too large"):
        fetch(server.url("/stream"))
    assert time.monotonic() - started < 1.5


def test_a_gzip_bomb_is_cut_at_the_cap(server, fetch):
    bomb = gzip.compress(b"<!DOCTYPE html><html><body>" + b" " * 50_000_000, compresslevel=6)
    assert len(bomb) < 200_000
    url = server.add("/bomb", body=bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="too large"):
        fetch(url)


def test_gzip_and_deflate_pages_are_decoded(server, fetch):
    page = html_page().encode()
    article = fetch(
        server.add(
            "/gz", body=gzip.compress(page), headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
        )
    )
    assert "nobody has read" in article.text
    article = fetch(
        server.add(
            "/zz",
            body=zlib.compress(page),
            headers={"Content-Type": "text/html", "Content-Encoding": "deflate"},
        )
    )
    assert "nobody has read" in article.text


def test_a_slow_drip_hits_the_overall_deadline(server, fetch):
    def drip(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        for _ in range(40):
            h.wfile.write(b"<")
            h.wfile.flush()
            time.sleep(0.2)  # each read well inside the 0.5 s read time-out

    server.routes["/drip"] = drip
    started = time.monotonic()
    with pytest.raises(FetchError, match="took too long"):
        fetch(server.url("/drip"))
    assert time.monotonic() - started < 3.0


def _drip_headers(seconds: float):
    """A route that sends its status line and headers one byte at a time for ``seconds``."""

    def drip(h):
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
        started = time.monotonic()
        for byte in head:
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
            time.sleep(0.1)  # each read well inside the read time-out
        while time.monotonic() - started < seconds:
            h.wfile.write(b"X-Drip: 1\r\n")
            h.wfile.flush()
            time.sleep(0.1)

    return drip


def test_a_server_dripping_its_headers_hits_the_overall_deadline(server, fetch):
    """Issue #17: the deadline covers the status line and headers, not only the body."""
    server.routes["/drip-headers"] = _drip_headers(8.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took too long"):
        fetch(server.url("/drip-headers"))
    assert time.monotonic() - started < 2.5  # the 1.5 s deadline; the drip goes on for 8 s


def test_a_redirect_chain_of_slow_hops_shares_one_deadline(server, fetch):
    """Each hop answers inside the read time-out, but the whole chain must fit the one deadline."""

    def slow_hop(target: str):
        def route(h):
            time.sleep(0.4)
            h.send_response(302)
            h.send_header("Location", target)
            h.send_header("Content-Length", "0")
            h.end_headers()

        return route

    for i in range(2):
        server.routes[f"/hop{i}"] = slow_hop(f"/hop{i + 1}")
    server.routes["/hop2"] = _drip_headers(5.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took too long"):
        fetch(server.url("/hop0"))
    assert time.monotonic() - started < 2.5


def test_a_name_server_that_never_answers_hits_the_overall_deadline(settings):
    def silent_resolver(host, port):
        time.sleep(10)  # a name server that never answers
        return ["93.184.216.34"]

    policy = AddressPolicy.from_setting("", resolver=silent_resolver)
    limits = FetchLimits(connect_timeout=1.0, read_timeout=0.5, deadline=1.5)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took too long"):
        fetch_article("https://slow-dns.example/story", settings, policy=policy, limits=limits)
    assert time.monotonic() - started < 2.5


def test_query_strings_stay_out_of_the_http_librarys_log(server, fetch, caplog):
    """Issue #17: httpx logs every request at INFO; a pasted link's token must not reach the log."""
    url = server.add("/x", status=404)
    with caplog.at_level(logging.DEBUG), pytest.raises(FetchError):
        fetch(url + "?session=s3cr3t-t0ken&id=1")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "/x" in text and "s3cr3t" not in text


def test_a_server_that_never_answers_times_out(server, fetch):
    server.routes["/hang"] = lambda h: time.sleep(3)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took too long"):
        fetch(server.url("/hang"))
    assert time.monotonic() - started < 2.0


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
GIF = b"GIF89a" + b"\x00" * 64
WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 64


@pytest.mark.parametrize(
    ("ctype", "body", "message"),
    [
        ("image/png", PNG, "is an image"),
        ("image/jpeg", JPEG, "is an image"),
        ("text/html", GIF, "is an image"),
        ("application/octet-stream", WEBP, "is an image"),
        ("", PNG, "is an image"),
        ("video/mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, "is a video"),
        ("text/html", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, "is a video"),
        ("application/zip", b"PK\x03\x04" + b"\x00" * 64, "archive"),
        ("application/octet-stream", b"PK\x03\x04" + b"\x00" * 64, "archive"),
        ("application/json", b'{"a": 1}', "not a web page"),
    ],
)
def test_non_article_content_types_are_refused(server, fetch, ctype, body, message):
    headers = {"Content-Type": ctype} if ctype else {}
    with pytest.raises(FetchError, match=message):
        fetch(server.add("/f", body=body, headers=headers))


def test_html_without_a_content_type_is_sniffed(server, fetch):
    article = fetch(server.add("/story", body=html_page().encode()))
    assert article.title == "Council delays the bridge vote"


def test_xhtml_with_an_xml_declaration_is_read(server, fetch):
    page = '<?xml version="1.0" encoding="UTF-8"?>\n' + html_page().replace("<!DOCTYPE html>", "")
    url = server.add("/x.xhtml", body=page.encode(), headers={"Content-Type": "application/xhtml+xml"})
    assert fetch(url).title == "Council delays the bridge vote"


def test_plain_text_is_digested_as_it_is(server, fetch):
    text = "\n\n".join(PARAGRAPHS)
    article = fetch(server.add("/a.txt", body=text.encode(), headers={"Content-Type": "text/plain"}))
    assert article.text == text


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            "<html><body><form><input name=user><input type=password name=pw></form></body></html>",
            "login page",
        ),
        (
            "<html><head><meta property='og:type' content='website'></head><body><h1>The Courier</h1>"
            "<ul><li><a href='/a'>Bridge vote</a></li></ul></body></html>",
            "home page",
        ),
        ("<html><body><p>Too short.</p></body></html>", "No article text"),
    ],
)
def test_pages_that_are_not_articles(server, fetch, page, message):
    with pytest.raises(FetchError, match=message):
        fetch(server.add("/p/x", body=page.encode(), headers=HTML))


def test_the_header_charset_is_honoured(server, fetch):
    page = html_page(title="Mayor\u2019s \u201cplan\u201d for the bridge")
    url = server.add(
        "/story", body=page.encode("cp1252"), headers={"Content-Type": "text/html; charset=windows-1252"}
    )
    article = fetch(url)
    assert article.title == "Mayor\u2019s \u201cplan\u201d for the bridge"
    assert "\u201cWe are not against" in article.text


def test_meta_charset_is_used_when_the_header_has_none(server, fetch):
    page = html_page(title="Bridge to cost \u20ac4 million", head='<meta charset="iso-8859-15">')
    page = page.translate(str.maketrans("\u201c\u201d\u2019", '""\''))
    article = fetch(
        server.add("/story", body=page.encode("iso-8859-15"), headers={"Content-Type": "text/html"})
    )
    assert article.title == "Bridge to cost \u20ac4 million"


def test_a_bom_wins_over_header_and_meta():
    data = "\ufeff<html><head><meta charset='iso-8859-1'></head><body>caf\u00e9 \u2014 ok</body></html>"
    encoding, text = decode_body(data.encode("utf-8"), "text/html; charset=iso-8859-1")
    assert encoding == "utf-8" and "caf\u00e9 \u2014 ok" in text


def test_shift_jis_is_detected_without_any_label():
    data = (
        "<html><body><p>" + "\u6771\u4eac\u90fd\u306e\u77e5\u4e8b\u306f\u8a18\u8005\u4f1a\u898b\u3067"
        "\u6a4b\u306e\u8a08\u753b\u306b\u3064\u3044\u3066\u8aac\u660e\u3057\u307e\u3057\u305f\u3002"
        * 20
        + "</p></body></html>"
    )
    encoding, text = decode_body(data.encode("shift_jis"), "text/html")
    assert "\u6771\u4eac\u90fd" in text, encoding


def test_latin1_label_is_read_as_windows_1252():
    encoding, text = decode_body("\u201cquoted\u201d".encode("cp1252"), "text/html; charset=ISO-8859-1")
    assert text == "\u201cquoted\u201d"


@pytest.fixture
def tls_server(tmp_path, monkeypatch):
    """An HTTPS server on 127.0.0.1 with a certificate for news.example, trusted by the fetcher here."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=news.example",
            "-addext",
            "subjectAltName=DNS:news.example",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    monkeypatch.setattr(
        "bot.reader.transport.ssl_context", lambda: ssl.create_default_context(cafile=str(cert))
    )
    s = LocalServer(tls=context)
    yield s
    s.close()


def test_https_connects_to_the_vetted_address_and_verifies_the_host_name(tls_server, settings):
    """The connection goes to the address the policy vetted, while TLS checks the certificate against the
    link's host name (SNI), so pinning the address does not weaken certificate checks."""
    tls_server.add("/story", body=html_page().encode(), headers=HTML)
    names = {"news.example": ["127.0.0.1"], "other.example": ["127.0.0.1"]}
    policy = AddressPolicy.from_setting(
        f"news.example:{tls_server.port},other.example:{tls_server.port}", resolver=lambda h, p: names[h]
    )
    url = f"https://news.example:{tls_server.port}/story"
    assert fetch_article(url, settings, policy=policy).title == "Council delays the bridge vote"
    with pytest.raises(FetchError, match="secure"):
        fetch_article(f"https://other.example:{tls_server.port}/story", settings, policy=policy)
