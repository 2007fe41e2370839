"""Extraction throughput: the full ``extract`` beside the bare pipeline's parse of the same texts, in one run.

The corpus is the seed article, the development articles in ../shared/eval/dev (read at run time, skipped when
absent) and a long synthetic article. Bare and full passes alternate round by round, so that the load of a
shared machine falls on both alike; the ratio is the median of the per-round ratios. The target is checked on
CPU time (``time.process_time``), which other jobs on a shared machine do not inflate; the wall-clock ratio
is reported beside it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from benchmarks.common import Target, dev_texts, median, seed_text, synthetic_article, word_count

NAME = "extraction"
# Sizes: words in the long synthetic article, timed rounds over the corpus, 1,000-word articles.
FULL = {"long_words": 12000, "rounds": 7, "n_1000w": 40}
QUICK = {"long_words": 3000, "rounds": 1, "n_1000w": 3}
TARGETS = [
    Target("full extraction / bare pipeline, CPU time", "ratio_full_to_bare_cpu", "<=", 1.3, "x"),
    Target("full extraction / bare pipeline, wall-clock time", "ratio_full_to_bare", "info", unit="x"),
    Target("1,000-word articles per second (one process)", "articles_per_s_1000w", ">=", 8, "articles/s"),
    Target("full extraction, words per second", "full_words_per_s", "info", unit="words/s"),
    Target("bare pipeline, words per second", "bare_words_per_s", "info", unit="words/s"),
    Target(
        "bare pipeline, 1,000-word articles per second",
        "bare_articles_per_s_1000w",
        "info",
        unit="articles/s",
    ),
]


def run(quick: bool = False, *, shared: bool = True) -> dict[str, Any]:
    """Measure; ``quick`` uses fewer rounds and articles, ``shared=False`` leaves out ../shared inputs."""
    from bot.config import Settings
    from bot.extract import build_nlp, extract, extract_many
    from bot.extract.text import prepare

    settings = Settings.from_env()
    t0 = time.perf_counter()
    nlp = build_nlp(settings.spacy_model)
    load_s = time.perf_counter() - t0

    dev = dev_texts() if shared else []
    size = QUICK if quick else FULL
    long_words = size["long_words"]
    corpus = [
        ("seed", seed_text()),
        *dev,
        (f"synthetic-{long_words}w", synthetic_article(long_words, seed=1)),
    ]
    texts = [t for _, t in corpus]
    cleaned = [prepare(t, settings.max_chars)[0] for t in texts]
    words = sum(word_count(t) for t in cleaned)

    # Legwork's rule layers, where they run as pipeline components, are left out of the bare parse;
    # legwork_paragraphs (sentence starts at line breaks, before the parser) is part of the parse.
    rule_pipes = [n for n in nlp.pipe_names if n.startswith("legwork_") and n != "legwork_paragraphs"]

    def bare() -> None:
        with nlp.select_pipes(disable=rule_pipes):
            for _ in nlp.pipe(cleaned, batch_size=8):
                pass

    def full() -> None:
        for _ in extract_many(texts, nlp, max_chars=settings.max_chars):
            pass

    full()  # warm-up: first-call costs (lazy pattern loading, allocator) stay out of the figures
    rounds = size["rounds"]
    bare_s, full_s, bare_cpu, full_cpu = [], [], [], []
    for r in range(rounds):
        pair = (bare, full) if r % 2 == 0 else (full, bare)
        for fn in pair:
            cpu0 = time.process_time()
            wall = _time(fn)
            cpu = time.process_time() - cpu0
            (bare_s if fn is bare else full_s).append(wall)
            (bare_cpu if fn is bare else full_cpu).append(cpu)
    ratios = [f / b for f, b in zip(full_s, bare_s, strict=True)]
    cpu_ratios = [f / b for f, b in zip(full_cpu, bare_cpu, strict=True)]

    # 1,000-word articles, one at a time as the Slack path digests them, and batched.
    n = size["n_1000w"]
    articles = [synthetic_article(1000, seed=100 + i) for i in range(n)]
    cpu0 = time.process_time()
    seq_s = _time(lambda: [extract(a, nlp, max_chars=settings.max_chars) for a in articles])
    seq_cpu_s = time.process_time() - cpu0
    batch_s = _time(lambda: list(extract_many(articles, nlp, max_chars=settings.max_chars)))
    with nlp.select_pipes(disable=rule_pipes):
        bare_1000_s = _time(lambda: list(nlp.pipe(articles, batch_size=8)))

    result: dict[str, Any] = {
        "benchmark": NAME,
        "quick": quick,
        "model": settings.spacy_model,
        "pipeline": list(nlp.pipe_names),
        "disabled": list(nlp.disabled),
        "bare_leaves_out": rule_pipes,
        "nlp_load_s": round(load_s, 2),
        "corpus_articles": len(texts),
        "corpus_dev_articles": len(dev),
        "corpus_words": words,
        "rounds": rounds,
        "bare_s": round(median(bare_s), 3),
        "full_s": round(median(full_s), 3),
        "ratio_full_to_bare": round(median(ratios), 3),
        "ratio_per_round": [round(x, 3) for x in ratios],
        "bare_cpu_s": round(median(bare_cpu), 3),
        "full_cpu_s": round(median(full_cpu), 3),
        "ratio_full_to_bare_cpu": round(median(cpu_ratios), 3),
        "ratio_cpu_per_round": [round(x, 3) for x in cpu_ratios],
        "bare_articles_per_s": round(len(texts) / median(bare_s), 2),
        "bare_words_per_s": round(words / median(bare_s)),
        "full_articles_per_s": round(len(texts) / median(full_s), 2),
        "full_words_per_s": round(words / median(full_s)),
        "n_1000w": n,
        "words_1000w_mean": round(sum(word_count(a) for a in articles) / n),
        "articles_per_s_1000w": round(n / seq_s, 2),
        "articles_per_cpu_s_1000w": round(n / seq_cpu_s, 2),
        "articles_per_s_1000w_batched": round(n / batch_s, 2),
        "bare_articles_per_s_1000w": round(n / bare_1000_s, 2),
    }
    result["component_ms_per_1000w"] = _component_breakdown(nlp, articles[: min(n, 10)])
    result["layer_ms_per_1000w"] = _layer_breakdown(nlp, articles[: min(n, 10)], settings.max_chars)
    return result


def _time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _component_breakdown(nlp: Any, texts: list[str]) -> dict[str, float]:
    """Milliseconds per article spent in each enabled pipeline component (tokenizer included), one by one."""
    totals: dict[str, float] = {"tokenizer": 0.0}
    for text in texts:
        start = time.perf_counter()
        doc = nlp.make_doc(text)
        totals["tokenizer"] += time.perf_counter() - start
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - start
    return {k: round(v * 1000 / len(texts), 2) for k, v in totals.items()}


def _layer_breakdown(nlp: Any, texts: list[str], max_chars: int) -> dict[str, float]:
    """Milliseconds per article in each rule layer ``analyse`` calls, timed by wrapping them for one pass.

    The layers are the functions, and the ``build`` methods of the classes, that bot.extract imports from its
    sub-modules (text.py aside); they are restored afterwards. Layers run as pipeline components show in the
    component breakdown instead.
    """
    import bot.extract as ex
    from bot.extract.text import prepare

    totals: dict[str, float] = {"prepare": 0.0}
    restore: list[tuple[Any, str, Any]] = []

    def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[label] = totals.get(label, 0.0) + time.perf_counter() - start

        return wrapper

    for name, obj in list(vars(ex).items()):
        module = getattr(obj, "__module__", "") or ""
        if not module.startswith("bot.extract.") or module == "bot.extract.text":
            continue
        if isinstance(obj, type) and "build" in vars(obj):
            descriptor = vars(obj)["build"]
            restore.append((obj, "build", descriptor))
            if isinstance(descriptor, classmethod):
                obj.build = classmethod(timed(f"{name}.build", descriptor.__func__))  # type: ignore[attr-defined]
            elif isinstance(descriptor, staticmethod):
                obj.build = staticmethod(timed(f"{name}.build", descriptor.__func__))  # type: ignore[attr-defined]
        elif callable(obj) and not isinstance(obj, type):
            restore.append((ex, name, obj))
            setattr(ex, name, timed(name, obj))
    try:
        docs = []
        for text in texts:
            start = time.perf_counter()
            cleaned, notes = prepare(text, max_chars)
            totals["prepare"] += time.perf_counter() - start
            docs.append((nlp(cleaned), notes))
        for doc, notes in docs:
            start = time.perf_counter()
            ex.analyse(doc, notes)
            totals["analyse (all layers)"] = (
                totals.get("analyse (all layers)", 0.0) + time.perf_counter() - start
            )
    finally:
        for owner, name, obj in restore:
            setattr(owner, name, obj)
    return {k: round(v * 1000 / len(texts), 2) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])}
