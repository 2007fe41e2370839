"""The link cache and the per-host limit (issue #16) around the real fetcher, against a local server."""

from __future__ import annotations

import threading
import time

import pytest
from documents import FERRY_PAGE
from local_http import LocalServer

from bot.errors import FetchError
from bot.reader.fetch import FetchLimits, fetch_article
from bot.reader.fetchcache import CachedFetch, cache_key
from bot.reader.netpolicy import AddressPolicy

PAGE = FERRY_PAGE.encode()


@pytest.fixture
def real_fetch(server):
    policy = AddressPolicy.from_setting(f"127.0.0.1:{server.port}")
    limits = FetchLimits(connect_timeout=2.0, read_timeout=3.0, deadline=5.0)
    return lambda url, settings: fetch_article(url, settings, policy=policy, limits=limits)


def requests_for(server: LocalServer, path: str) -> int:
    return sum(1 for p, _ in server.log if p == path)


def slow_page(server: LocalServer, path: str, seconds: float, active: list[int], peak: list[int]) -> str:
    lock = threading.Lock()

    def route(h) -> None:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(seconds)
        with lock:
            active[0] -= 1
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(PAGE)))
        h.end_headers()
        h.wfile.write(PAGE)

    server.routes[path] = route
    return server.url(path)


def test_a_link_pasted_twice_is_fetched_once(server, settings, real_fetch):
    fetch = CachedFetch(real_fetch)
    url = server.page("/ferry", PAGE)
    first = fetch(url, settings)
    first.notes.append("changed by the first digest")
    second = fetch(f"<{url}#timetable|the ferry story>", settings)  # Slack's form, another fragment
    assert requests_for(server, "/ferry") == 1
    assert second.title == "Ferry timetable cut for the winter" and second.notes == []


def test_after_the_time_limit_the_link_is_fetched_again(server, settings, real_fetch):
    now = [1000.0]
    fetch = CachedFetch(real_fetch, ttl=60, clock=lambda: now[0])
    url = server.page("/ferry", PAGE)
    fetch(url, settings)
    now[0] += 59
    fetch(url, settings)
    assert requests_for(server, "/ferry") == 1
    now[0] += 2
    fetch(url, settings)
    assert requests_for(server, "/ferry") == 2


def test_two_pastes_at_the_same_moment_share_one_fetch(server, settings, real_fetch):
    fetch = CachedFetch(real_fetch)
    url = slow_page(server, "/slow", 0.4, [0], [0])
    results = []
    threads = [threading.Thread(target=lambda: results.append(fetch(url, settings))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert len(results) == 3 and all(a.title == "Ferry timetable cut for the winter" for a in results)
    assert requests_for(server, "/slow") == 1


def test_a_failed_fetch_is_not_kept(server, settings, real_fetch):
    fetch = CachedFetch(real_fetch)
    url = server.add("/flaky", 503)
    with pytest.raises(FetchError, match="server error"):
        fetch(url, settings)
    server.page("/flaky", PAGE)
    assert fetch(url, settings).title == "Ferry timetable cut for the winter"


def test_at_most_a_few_requests_go_to_one_host_at_a_time(server, settings, real_fetch):
    fetch = CachedFetch(real_fetch, per_host=2)
    active, peak = [0], [0]
    urls = [slow_page(server, f"/story-{n}", 0.3, active, peak) for n in range(6)]
    threads = [threading.Thread(target=fetch, args=(u, settings)) for u in urls]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert peak[0] == 2, peak
    assert time.monotonic() - started >= 0.85  # three rounds of two, not one round of six


def test_a_host_busy_too_long_gets_one_line(server, settings, real_fetch):
    fetch = CachedFetch(real_fetch, per_host=1, wait=0.1)
    slow = slow_page(server, "/slow", 0.6, [0], [0])
    other = server.page("/other", PAGE)
    holder = threading.Thread(target=fetch, args=(slow, settings))
    holder.start()
    time.sleep(0.15)
    with pytest.raises(FetchError, match="Too many links to 127.0.0.1"):
        fetch(other, settings)
    holder.join(5)


def test_cache_keys_ignore_slack_form_fragment_and_case_of_the_host():
    assert cache_key("<https://News.Example/a?b=1&amp;c=2#top|label>") == "https://news.example/a?b=1&c=2"
    assert cache_key("https://news.example") == "https://news.example/"
    assert cache_key("https://news.example/A") != cache_key("https://news.example/a")
