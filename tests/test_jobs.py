"""The bounded job pool: refuses when full instead of waiting, survives failing jobs."""

from __future__ import annotations

import threading
import time

import pytest

from bot.jobs.runner import JobRunner


@pytest.fixture
def runner():
    r = JobRunner(workers=1, queue_size=1)
    yield r
    r.shutdown(wait=True)


@pytest.mark.parametrize("extra", [1])
def test_jobs_refuse_when_workers_and_queue_are_full(runner, extra):
    gate = threading.Event()
    assert runner.try_submit(gate.wait, 5)
    assert runner.try_submit(gate.wait, 5)
    started = time.monotonic()
    assert [runner.try_submit(gate.wait, 5) for _ in range(extra)] == [False] * extra
    assert time.monotonic() - started < 0.1
    gate.set()


@pytest.mark.parametrize("n", [3])
def test_jobs_accept_again_once_a_slot_frees(runner, n):
    done = []
    for i in range(n):
        while not runner.try_submit(done.append, i):
            time.sleep(0.01)
    runner.shutdown(wait=True)
    assert sorted(done) == list(range(n))


@pytest.mark.parametrize("message", ["boom"])
def test_jobs_a_failing_job_is_logged_and_the_worker_survives(runner, message, caplog):
    def fail():
        raise RuntimeError(message)

    ran = threading.Event()
    assert runner.try_submit(fail)
    assert runner.try_submit(ran.set)
    assert ran.wait(5)
    logged = [r for r in caplog.records if r.name == "bot.jobs.runner"]
    assert any(r.exc_info and message in str(r.exc_info[1]) for r in logged)


@pytest.mark.parametrize("workers", [1])
def test_jobs_refuse_after_shutdown(workers):
    r = JobRunner(workers=workers, queue_size=1)
    r.shutdown()
    assert r.try_submit(print) is False
