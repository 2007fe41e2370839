"""The per-user digest limit: a sliding minute, a friendly answer, bounded memory."""

from __future__ import annotations

import threading

import pytest

from bot.config import Settings
from bot.ratelimit import RateLimiter
from bot.render.messages import limited_text


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_ratelimit_allows_up_to_the_limit_then_says_how_long_to_wait():
    clock = FakeClock()
    limiter = RateLimiter(3, clock=clock)
    assert [limiter.check("U1") for _ in range(3)] == [None, None, None]
    clock.now += 10
    wait = limiter.check("U1")
    assert wait == pytest.approx(50.0)


def test_ratelimit_window_slides_so_old_requests_stop_counting():
    clock = FakeClock()
    limiter = RateLimiter(2, clock=clock)
    limiter.check("U1")
    clock.now += 30
    limiter.check("U1")
    assert limiter.check("U1") == pytest.approx(30.0)
    clock.now += 30.5  # the first request has left the window, the second has not
    assert limiter.check("U1") is None
    assert limiter.check("U1") == pytest.approx(29.5)


def test_ratelimit_refused_requests_do_not_extend_the_wait():
    clock = FakeClock()
    limiter = RateLimiter(1, clock=clock)
    limiter.check("U1")
    for _ in range(20):
        clock.now += 1
        assert limiter.check("U1") is not None
    clock.now += 40.5
    assert limiter.check("U1") is None


def test_ratelimit_one_person_does_not_limit_another():
    limiter = RateLimiter(1, clock=FakeClock())
    assert limiter.check("U1") is None
    assert limiter.check("U1") is not None
    assert limiter.check("U2") is None


def test_ratelimit_zero_means_no_limit():
    limiter = RateLimiter(0, clock=FakeClock())
    assert all(limiter.check("U1") is None for _ in range(1000))
    assert len(limiter) == 0


def test_ratelimit_forgets_quiet_people_and_caps_how_many_it_remembers():
    clock = FakeClock()
    limiter = RateLimiter(5, clock=clock, max_keys=100)
    for i in range(1000):
        limiter.check(f"U{i}")
    assert len(limiter) == 100
    clock.now += 61
    limiter.check("late")
    assert len(limiter) == 1


def test_ratelimit_counts_exactly_under_threads():
    limiter = RateLimiter(50)
    allowed = []

    def ask() -> None:
        for _ in range(20):
            if limiter.check("U1") is None:
                allowed.append(1)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(allowed) == 50


def test_ratelimit_text_is_friendly_and_rounds_up():
    text = limited_text(12.2)
    assert "about 13 seconds" in text
    assert "try again" in text
    assert "about 1 second." in limited_text(0.01)


def test_ratelimit_setting_defaults_to_twenty_and_zero_turns_it_off():
    assert Settings.from_env({}).user_rate == 20
    assert Settings.from_env({"LEGWORK_USER_RATE": "0"}).user_rate == 0
    assert Settings.from_env({"LEGWORK_USER_RATE": "5"}).user_rate == 5
