"""Offline harness for the open-question sentence choice (issue #13). Reads the develop half of the eval set
(the seed and d01-d26 of ../shared/eval/dev) at run time; nothing from it is stored in the project.
Run each as `.venv/bin/python tools/questions_harness.py WHAT`:

    tools/questions_harness.py table     every body sentence: signals, rule, chosen, gold
    tools/questions_harness.py lift      per signal: sentences, gold share, lift, articles
    tools/questions_harness.py rules     per rule/ask: articles it fires on, chosen, gold share
    tools/questions_harness.py count     recall and questions per article for a cap of 3..10
    tools/questions_harness.py cv        leave-articles-out CV: hand weights vs fitted ones
    tools/questions_harness.py fit       weights fitted on all develop articles (for the JSON)
    tools/questions_harness.py batches   recall per batch: develop and each blind fresh batch (--pool)

--pool adds the blind fresh gold batches (/tmp/fresh-questions*/, written by hand from the develop link pages
and never committed) to the develop articles, each article tagged with its batch, so that a change can be
judged batch by batch (leave-batch-out: a change tuned on some batches is read on the others).

A sentence is "gold" when the scorer (score.py) would count a question on it as a hit for some open point:
token F1 >= 0.5 with the point's evidence, or one contains the other.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bot.extract import analyse, build_nlp  # noqa: E402
from bot.extract import questions as qs  # noqa: E402
from bot.extract import text as _text  # noqa: E402
from bot.extract.questions import rank  # noqa: E402
from bot.extract.questions.context import ParsedArticle  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
DEVELOP = re.compile(r"^(seed|d(0[1-9]|1[0-9]|2[0-6]))\.json$")  # never d27-d38: those are the check half


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("legwork_score", SHARED / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@dataclass
class Article:
    id: str
    art: ParsedArticle
    gold: list[str]  # gold evidence strings
    words: int
    batch: str = "develop"


FRESH = Path("/tmp")  # blind fresh batches: /tmp/fresh-questions, fresh-questions2, ... (never committed)
_FRESH_FILE = re.compile(r"^[a-z]\d+\.json$")


def pool(gold_dir: Path) -> list[Article]:
    """The develop articles and every blind fresh batch found under /tmp, each tagged with its batch."""
    out = load(gold_dir)
    for d in sorted(FRESH.glob("fresh-questions*")):
        if d.is_dir():
            out.extend(load(d, _FRESH_FILE, d.name.replace("fresh-questions", "fresh") or "fresh"))
    return out


def load(gold_dir: Path, names: re.Pattern[str] = DEVELOP, batch: str = "develop") -> list[Article]:
    import json

    nlp = build_nlp()
    out = []
    for path in sorted(gold_dir.iterdir()):
        if not names.match(path.name):
            continue
        g = json.loads(path.read_text(encoding="utf-8"))
        cleaned, _ = _text.prepare(g["text"], 100_000)
        doc = nlp(cleaned)
        ext = analyse(doc)
        art = ParsedArticle(doc, ext.quotes, ext.anonymous_sources)
        art.official_titles = [o.title.lower() for o in ext.officials if o.title]
        gold = [p["evidence"] for p in g.get("open_points", [])]
        out.append(Article(g["id"], art, gold, len(g["text"].split()), batch))
    return out


SCORE = _scorer()


def is_gold(text: str, gold: list[str]) -> bool:
    return any(SCORE.overlap_f1(g, text) >= 0.5 or text in g or g in text for g in gold)


def hits(evidence: list[str], gold: list[str]) -> int:
    return sum(
        any(SCORE.overlap_f1(g, e) >= 0.5 or (e and (e in g or g in e)) for e in evidence) for g in gold
    )


def fresh(a: Article) -> ParsedArticle:
    """A new ParsedArticle on the same Doc (the question layer caches per-article facts on it)."""
    art = ParsedArticle(a.art.doc, a.art.quotes)
    art.official_titles = a.art.official_titles
    return art


def choose(a: Article) -> list[str]:
    art = fresh(a)
    scored, reserve = qs.candidates(art)
    return [s.text for _, s, _ in qs._select(art, scored, reserve)]


@contextmanager
def config(
    weights: dict[str, float] | None = None,
    quiet: float | None = None,
    fallback: float | None = None,
    wanted: Callable[[ParsedArticle], tuple[int, int]] | None = None,
) -> Iterator[None]:
    """Run the question layer with other weights, thresholds or counts (restored afterwards)."""
    saved = (rank.weights, qs.QUIET, rank.fallback_threshold, rank.wanted)
    try:
        if weights is not None:
            rank.weights = lambda: weights  # type: ignore[assignment]
        if quiet is not None:
            qs.QUIET = quiet
        if fallback is not None:
            rank.fallback_threshold = lambda: fallback  # type: ignore[assignment]
        if wanted is not None:
            rank.wanted = wanted  # type: ignore[assignment]
        yield
    finally:
        rank.weights, qs.QUIET, rank.fallback_threshold, rank.wanted = saved  # type: ignore[assignment]


@dataclass
class Row:
    article: str
    text: str
    names: set[str]
    rule: str | None
    priority: int
    chosen: bool
    gold: bool
    facts: frozenset[str] = frozenset()  # position and sentence facts, for the lift report only


def rows(arts: list[Article]) -> list[Row]:
    out = []
    for a in arts:
        art = fresh(a)
        sig = rank.signals(art)
        scored, reserve = qs.candidates(art)
        chosen = {s.index for _, s, _ in qs._select(art, scored, reserve)}
        by_sent = {s.index: h for _, s, h in scored}
        body = [s for s in art.content if not qs._not_prose(s)]
        for k, s in enumerate(body):
            h = by_sent.get(s.index)
            out.append(
                Row(
                    a.id,
                    s.text,
                    sig.get(s.index, set()),
                    h.rule if h else None,
                    h.priority if h else 0,
                    s.index in chosen,
                    is_gold(s.text, a.gold),
                    _facts(s, k, len(body)),
                )
            )
    return out


def _facts(s: Any, k: int, n: int) -> frozenset[str]:
    """Where the sentence stands and what it carries, read from ParsedArticle's sentence facts."""
    third = ("first third", "middle third", "last third")[min(2, 3 * k // max(n, 1))]
    out = {f"pos: {third}", "pos: first 3 sentences" if k < 3 else "pos: after the first 3"}
    out.add("attributed" if s.attributed else "not attributed")
    out.add("has a figure" if s.has_number else "no figure")
    out.add("has a date" if s.has_date else "no date")
    out.add("mostly quoted" if s.mostly_quoted else "mostly reporter's words")
    return frozenset(out)


def recall(arts: list[Article], **kw: Any) -> tuple[int, int, int]:
    """(gold points hit, gold points, questions asked)."""
    hit = total = asked = 0
    with config(**kw):
        for a in arts:
            ev = choose(a)
            hit += hits(ev, a.gold)
            total += len(a.gold)
            asked += len(ev)
    return hit, total, asked


# ---------------------------------------------------------------------------------------------- reports


def cmd_batches(arts: list[Article]) -> None:
    """Recall, questions per article and full stories under 3 questions, per batch; the untuned batches
    (every fresh batch but the first, which round 2 tuned on) pooled."""
    by: dict[str, list[Article]] = defaultdict(list)
    for a in arts:
        by[a.batch].append(a)
    untuned = [a for a in arts if a.batch not in ("develop", "fresh")]
    for name, xs in [*sorted(by.items()), ("untuned", untuned), ("all", arts)]:
        if not xs:
            continue
        hit = total = asked = under = 0
        for a in xs:
            ev = choose(a)
            hit += hits(ev, a.gold)
            total += len(a.gold)
            asked += len(ev)
            under += a.words >= 250 and len(ev) < 3
        print(
            f"{name:9} articles={len(xs):3} points={total:4} recall={100 * hit / max(total, 1):5.1f} "
            f"q/art={asked / len(xs):4.1f} under3={under}"
        )


def cmd_table(arts: list[Article]) -> None:
    print("article\tgold\tchosen\trule\tsignals\tsentence")
    for r in rows(arts):
        print(
            f"{r.article}\t{int(r.gold)}\t{int(r.chosen)}\t{r.rule or '-'}\t{','.join(sorted(r.names))}\t"
            f"{r.text[:90]}"
        )


def cmd_lift(arts: list[Article]) -> None:
    rs = rows(arts)
    base = sum(r.gold for r in rs) / len(rs)
    print(f"sentences={len(rs)} gold={sum(r.gold for r in rs)} base_rate={base:.3f}")
    print(f"{'signal':20} {'n':>5} {'gold':>5} {'prec':>6} {'lift':>5} {'arts':>4} {'w_hand':>6}")
    names = sorted({n for r in rs for n in r.names})
    w = rank.weights()
    for n in sorted(names, key=lambda n: -sum(r.gold for r in rs if n in r.names) / max(1, _count(rs, n))):
        with_n = [r for r in rs if n in r.names]
        g = sum(r.gold for r in with_n)
        arts_n = len({r.article for r in with_n if r.gold})
        p = g / len(with_n)
        print(f"{n:20} {len(with_n):5} {g:5} {p:6.3f} {p / base:5.2f} {arts_n:4} {w.get(n, 0.0):6.2f}")

    print("sentence facts (position, attribution, figures, dates, quotation): n, gold, share, lift")
    for f in sorted({f for r in rs for f in r.facts}):
        with_f = [r for r in rs if f in r.facts]
        g = sum(r.gold for r in with_f)
        chosen = sum(r.chosen for r in with_f)
        print(
            f"  {f:28} {len(with_f):5} {g:5} {g / len(with_f):6.3f} {g / len(with_f) / base:5.2f}"
            f"  chosen {chosen:4} ({chosen / len(with_f):.2f})"
        )
    print("sentences no rule or ask raised a question on, by signal score (is the score still informative?)")
    buckets: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for r in rs:
        if not r.rule:
            b = buckets[min(4, max(-2, math.floor(rank.score(r.names))))]
            b[0] += 1
            b[1] += r.gold
    for k, (n_k, g_k) in sorted(buckets.items()):
        print(f"  score in [{k}, {k + 1}): {n_k:4} sentences, {g_k:3} gold ({g_k / n_k:.2f})")


def _count(rs: list[Row], n: str) -> int:
    return sum(n in r.names for r in rs)


def cmd_rules(arts: list[Article]) -> None:
    rs = rows(arts)
    by: dict[str, list[Row]] = defaultdict(list)
    for r in rs:
        if r.rule:
            by[r.rule].append(r)
    print("fired: sentences it asked about; kept: of those, chosen; gold: of those, an editor's evidence;")
    print("suspect: every gold sentence it found is in one article (fit to one story?)")
    print(
        f"{'rule':20} {'fired':>5} {'arts':>4} {'kept':>4} {'gold':>4} {'kept+gold':>9} {'prec':>5}"
        "  gold-articles"
    )
    for rule, xs in sorted(by.items(), key=lambda kv: -len(kv[1])):
        g = [r for r in xs if r.gold]
        ga = sorted({r.article for r in g})
        flag = "  suspect" if len(ga) == 1 else ""
        print(
            f"{rule:20} {len(xs):5} {len({r.article for r in xs}):4} {sum(r.chosen for r in xs):4} "
            f"{len(g):4} {sum(r.chosen for r in g):9} {len(g) / len(xs):5.2f}  {' '.join(ga)}{flag}"
        )
    none = [r for r in rs if not r.rule]
    print(f"no question: {len(none)} sentences, {sum(r.gold for r in none)} gold")
    suspects = {rule for rule, xs in by.items() if len({r.article for r in xs if r.gold}) <= 1}
    h_all = h_gen = total = 0
    for a in arts:
        kept = [r for r in rs if r.article == a.id and r.chosen]
        h_all += hits([r.text for r in kept], a.gold)
        h_gen += hits([r.text for r in kept if r.rule not in suspects], a.gold)
        total += len(a.gold)
    print(
        f"recall {100 * h_all / total:.1f}; counting only rules with gold in two or more articles "
        f"{100 * h_gen / total:.1f} ({len(suspects)} suspect rules)"
    )


def cmd_count(arts: list[Article]) -> None:
    print(f"{'cap':>3} {'recall':>6} {'q/art':>5} {'700+ recall':>11} {'700+ q/art':>10}")
    long = [a for a in arts if a.words >= 700]
    for cap in range(3, 11):

        def wanted(art: ParsedArticle, cap: int = cap) -> tuple[int, int]:
            lo, hi = _WANTED(art)
            return (min(lo, cap), cap) if hi > 3 else (lo, min(hi, cap))

        h, t, q = recall(arts, wanted=wanted)
        lh, lt, lq = recall(long, wanted=wanted)
        print(f"{cap:3} {100 * h / t:6.1f} {q / len(arts):5.1f} {100 * lh / lt:11.1f} {lq / len(long):10.1f}")

    print(f"{'700+ fewest':>11} {'recall':>6} {'q/art':>5} {'700+ recall':>11} {'700+ q/art':>10}")
    for low in range(3, 9):

        def wanted_low(art: ParsedArticle, low: int = low) -> tuple[int, int]:
            lo, hi = _WANTED(art)
            return (max(lo, low), hi) if len(art.text.split()) >= 700 else (lo, hi)

        h, t, q = recall(arts, wanted=wanted_low)
        lh, lt, lq = recall(long, wanted=wanted_low)
        print(
            f"{low:11} {100 * h / t:6.1f} {q / len(arts):5.1f} {100 * lh / lt:11.1f} {lq / len(long):10.1f}"
        )


_WANTED = rank.wanted

# --------------------------------------------------------------------------------------------- fitting


def features(rs: list[Row], names: list[str]) -> np.ndarray:
    x = np.zeros((len(rs), len(names) + 1))
    for i, r in enumerate(rs):
        for j, n in enumerate(names):
            x[i, j] = n in r.names
        x[i, -1] = r.priority
    return x


def logistic(
    x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000, offset: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by gradient descent (the intercept is not penalised); ``offset``
    is a fixed part of each row's log-odds (the penalty then pulls the fit towards it)."""
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = (x - mu) / sd
    w = np.zeros(x.shape[1])
    b = 0.0
    lr = 0.5
    off = offset if offset is not None else np.zeros(len(y))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b + off)))
        gw = z.T @ (p - y) / len(y) + l2 * w / len(y)
        gb = float(np.mean(p - y))
        w -= lr * gw
        b -= lr * gb
    return w / sd, b - float((w / sd) @ mu)


def fit(rs: list[Row], names: list[str], l2: float, model: str = "lr") -> dict[str, float]:
    """Signal weights fitted on ``rs``. "prio": a logistic fit with the rule's priority as a feature, the
    coefficients divided by the priority's (so they add to priorities as the hand weights do); "lr": a
    logistic fit on the signals alone; "logodds": each signal's smoothed log-odds of a gold sentence. The
    last two are scaled so that the spread of sentence scores matches the hand weights' spread."""
    y = np.array([r.gold for r in rs], dtype=float)
    if model == "new":  # the hand weights kept; the parse signals in NEW get their log-odds, in hand-weight
        given = rank.weights()  # units (the least-squares scale of the hand weights on their log-odds)
        lo = _log_odds(features(rs, names)[:, :-1], y, l2)
        old = [j for j, n in enumerate(names) if given.get(n, 0.0) != 0.0 and n not in NEW]
        k = sum(given[names[j]] * lo[j] for j in old) / max(sum(lo[j] ** 2 for j in old), 1e-9)
        return {n: round(float(k * lo[j]), 1) if n in NEW else given[n] for j, n in enumerate(names)}
    if model == "prio":
        w, _ = logistic(features(rs, names), y, l2)
        unit = max(w[-1], 0.25)
        return {n: round(float(w[j] / unit), 1) for j, n in enumerate(names)}
    x = features(rs, names)[:, :-1]
    hand = np.array([rank.weights().get(n, 0.0) for n in names])
    if model == "prior":  # the hand weights as a prior: fit the scale a of the hand score, then a penalised
        a_w, _ = logistic((x @ hand)[:, None], y, 0.0)  # update on top of it, in hand-weight units
        a = max(float(a_w[0]), 0.05)
        delta, _ = logistic(x, y, l2, offset=a * (x @ hand))
        return {n: round(float(hand[j] + delta[j] / a), 1) for j, n in enumerate(names)}
    if model == "lr":
        coef, _ = logistic(x, y, l2)
    else:
        coef = _log_odds(x, y, l2)
    spread = float(np.std(x @ hand)) / max(float(np.std(x @ coef)), 1e-9)
    return {n: round(float(coef[j] * spread), 1) for j, n in enumerate(names)}


# Parse signals added with issue #13's cross-validation; their weights are fitted ("--model new").
NEW = frozenset({"comparison_no_figure", "future_no_date", "agentless_passive"})


def _log_odds(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Each column's smoothed log-odds of a gold sentence against the base rate, shrunk towards 0 for a
    signal seen on few sentences (n / (n + l2))."""
    g, n_all = y.sum(), len(y)
    base = math.log((g + 1) / (n_all - g + 1))
    out = []
    for j in range(x.shape[1]):
        on = x[:, j] > 0
        n, gj = on.sum(), y[on].sum()
        out.append((math.log((gj + 1) / (n - gj + 1)) - base) * n / (n + l2))
    return np.array(out)


def matched_thresholds(
    rs: list[Row], hand: dict[str, float], fitted: dict[str, float]
) -> tuple[float, float]:
    """QUIET and the fallback bar for the fitted weights: the values that let the same share of training
    sentences through as the hand values do with the hand weights."""

    def s(w: dict[str, float], r: Row) -> float:
        return sum(w.get(n, 0.0) for n in r.names)

    out = []
    for bar in (qs.QUIET, _FALLBACK()):
        share = sum(s(hand, r) >= bar for r in rs) / len(rs)
        vals = sorted((s(fitted, r) for r in rs), reverse=True)
        k = min(len(vals) - 1, max(0, round(share * len(vals)) - 1))
        out.append(round(vals[k], 2))
    return out[0], out[1]


_FALLBACK = rank.fallback_threshold


def folds(arts: list[Article], k: int) -> list[list[Article]]:
    return [arts[i::k] for i in range(k)]


def cmd_cv(arts: list[Article], k: int, l2: float, model: str) -> None:
    hand = dict(rank.weights())
    names = sorted(hand)
    all_rows = {a.id: [r for r in rows([a])] for a in arts}
    early = [a for a in arts if a.id < "d15"]  # --folds 0: d01-d14 against d15-d26 and the seed
    splits = folds(arts, k) if k > 0 else [early, [a for a in arts if a not in early]]
    tot_h = tot_f = tot_t = q_h = q_f = 0
    for i, test in enumerate(splits):
        train = [a for a in arts if a not in test]
        rs = [r for a in train for r in all_rows[a.id]]
        w = fit(rs, names, l2, model)
        quiet, fallback = matched_thresholds(rs, hand, w) if model != "new" else (qs.QUIET, _FALLBACK())
        h1, t, q1 = recall(test)
        h2, _, q2 = recall(test, weights=w, quiet=quiet, fallback=fallback)
        tot_h, tot_f, tot_t, q_h, q_f = tot_h + h1, tot_f + h2, tot_t + t, q_h + q1, q_f + q2
        print(f"fold {i}: {len(test)} articles, hand {h1}/{t} ({q1} q), fitted {h2}/{t} ({q2} q)")
    n = len(arts)
    print(
        f"CV recall: hand {100 * tot_h / tot_t:.1f} ({q_h / n:.1f} q/art), "
        f"fitted {100 * tot_f / tot_t:.1f} ({q_f / n:.1f} q/art)"
    )


def cmd_fit(arts: list[Article], l2: float, model: str) -> None:
    hand = dict(rank.weights())
    names = sorted(hand)
    rs = rows(arts)
    w = fit(rs, names, l2, model)
    quiet, fallback = matched_thresholds(rs, hand, w) if model != "new" else (qs.QUIET, _FALLBACK())
    for n in names:
        print(f"{n:20} hand {hand[n]:5.1f}  fitted {w[n]:5.1f}")
    print(f"quiet {quiet}  fallback {fallback}")
    h, t, q = recall(arts, weights=w, quiet=quiet, fallback=fallback)
    print(f"develop recall with fitted weights (in-sample): {100 * h / t:.1f}, {q / len(arts):.1f} q/art")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["table", "lift", "rules", "count", "cv", "fit", "batches"])
    ap.add_argument("--gold", type=Path, default=SHARED / "dev", help="the eval dir (develop ids only)")
    ap.add_argument("--folds", type=int, default=5, help="CV folds by article; 0 = d01-d14 vs the rest")
    ap.add_argument("--l2", type=float, default=5.0, help="L2 penalty of the logistic fit")
    ap.add_argument(
        "--model", choices=["lr", "logodds", "prio", "prior", "new"], default="lr", help="how weights are fit"
    )
    ap.add_argument("--pool", action="store_true", help="add the blind fresh batches under /tmp")
    args = ap.parse_args(argv)
    arts = pool(args.gold) if args.pool else load(args.gold)
    if args.what == "batches":
        cmd_batches(arts)
    elif args.what == "table":
        cmd_table(arts)
    elif args.what == "lift":
        cmd_lift(arts)
    elif args.what == "rules":
        cmd_rules(arts)
    elif args.what == "count":
        cmd_count(arts)
    elif args.what == "cv":
        cmd_cv(arts, args.folds, args.l2, args.model)
    else:
        cmd_fit(arts, args.l2, args.model)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
