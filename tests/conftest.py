"""Shared fixtures: the trained pipeline (loaded once per run), the seed article, settings and stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The trained en_core_web_sm pipeline with Legwork's components, loaded once per test run."""
    from bot.extract import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The product's sample article."""
    return (ROOT / "seeds" / "pakistan-gaza-isf.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_extraction(nlp, seed_text):
    """The seed article's extraction, computed once."""
    from bot.extract import extract

    return extract(seed_text, nlp)


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Settings for a test: a database in the test's own folder, no Slack credentials."""
    return Settings.from_env({"LEGWORK_DB": str(tmp_path / "legwork.db")})


@pytest.fixture
def server():
    """The local HTTP server of ``tests/local_http.py`` on 127.0.0.1, closed afterwards."""
    from local_http import LocalServer

    s = LocalServer()
    yield s
    s.close()


@pytest.fixture
def jobs():
    """A job runner that records what the Slack app submits instead of running it
    (``tests/bolt_doubles.py``)."""
    from bolt_doubles import RecordingJobs

    j = RecordingJobs()
    yield j
    j.shutdown()


@pytest.fixture
def store(tmp_path):
    """A real SQLite file store in the test's folder, closed afterwards."""
    from bot.store.storage import Store

    s = Store(tmp_path / "legwork.db")
    yield s
    s.close()


@pytest.fixture
def extract_text(nlp):
    """Extract a short hand-written passage with the real pipeline."""
    from bot.extract import extract

    return lambda text: extract(text, nlp)


EVAL = SHARED / "eval"


@pytest.fixture
def ask(extract_text):
    """Extract a passage and check every question's evidence offsets on the way."""

    def run(text: str):
        ex = extract_text(text)
        for q in ex.questions:
            assert ex.text[q.start : q.end] == q.evidence
        return ex.questions

    return run


def pytest_collection_modifyitems(config, items):
    """Tests marked ``eval`` score against ../shared/eval: they run only when asked for (``-m eval``)."""
    if "eval" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="opt-in: run with -m eval")
    for item in items:
        if "eval" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def eval_scorer():
    """The evaluation's own scorer module (../shared/eval/score.py), loaded at run time."""
    import importlib.util

    if not (EVAL / "score.py").exists() or not (EVAL / "dev").is_dir():
        pytest.skip("../shared/eval is not present")
    spec = importlib.util.spec_from_file_location("legwork_eval_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _bot_output_on_failure(request):
    """In an end-to-end test (one using a ``bot`` fixture): what the bot logged, shown when the test fails."""
    if "bot" not in request.fixturenames:
        yield
        return
    from e2e_fixtures import show_bot_output_on_failure

    yield from show_bot_output_on_failure(request.getfixturevalue("bot"))
