"""Why a link page's date or title is wrong, and where its body is below trafilatura's (``--misses``).

For every page of the slice whose date or title the scorer counts wrong, this prints the truth, Legwork's
answer and each candidate the page offers (date sources as ``bot.reader.article`` reads them, declared titles
and <h1>s), with a verdict:

    date   "truth in no source"        the truth day is none of the page's dates and the page never shows it
                                       (with "same day, other year" when a source has its month and day)
           "truth shown, not declared" the page writes the truth day in its text but no source gives it
           "wrong source chosen"       a source gives the truth day and the vote picked another
    title  "truth not in the page"     no declared title or <h1> equals the truth (site suffix allowed)
           "wrong candidate chosen"    one does

and every page whose body F1 is below trafilatura alone's on the same page. The scorer's own functions
(``score_links.py``) judge the matches, so the verdicts agree with the figures.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import lxml.html
import trafilatura

from bot.reader import pagedate
from bot.reader.article import _Page
from bot.reader.byline import _clean
from bot.reader.charset import decode_body


def _scorer(links: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_links", links / "score_links.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pred(folder: Path, ident: object) -> dict[str, Any]:
    path = folder / f"{ident}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _date_lines(page: _Page, item: dict[str, Any], ours: str, traf_date: str | None) -> tuple[str, list[str]]:
    sources = page.date_sources(traf_date)
    text = page._visible_text()
    if labeled := pagedate.labeled_date(text):
        sources.setdefault("labeled", labeled)
    truth = pagedate.parse_date(item["date"])
    days = {name: pagedate.parse_date(raw) for name, raw in sources.items()}
    if truth in days.values():
        verdict = "wrong source chosen"
    elif truth and pagedate.date_position(text, truth) is not None:
        verdict = "truth shown, not declared"
    else:
        verdict = "truth in no source"
        if truth and any(d and (d.month, d.day) == (truth.month, truth.day) for d in days.values()):
            verdict += " (same day, other year)"
    lines = [f"  date  truth {item['date']}  ours {ours or '-'}  -> {verdict}"]
    verdict = verdict.split(" (")[0]
    for name, raw in sources.items():
        day = days[name]
        shown = day is not None and pagedate.date_position(text, day) is not None
        lines.append(f"        {name:<15} {raw[:40]:<40} {day or '?'}{'  shown' if shown else ''}")
    return verdict, lines


def _title_lines(page: _Page, item: dict[str, Any], ours: str, scorer: ModuleType) -> tuple[str, list[str]]:
    candidates = [("ld headline", _clean(o.get("headline"))) for o in page.article_ld]
    candidates += [(key, page._meta(key)) for key in ("og:title", "twitter:title")]
    candidates += [("<title>", _clean(t.text_content())) for t in page.tree.xpath("//head/title")[:1]]
    candidates += [("<h1>", _clean(h.text_content())) for h in page.tree.xpath("//h1")[:3]]
    candidates = [(name, value) for name, value in candidates if value]
    found = any(scorer.title_matches(item["title"], value) for _, value in candidates)
    verdict = "wrong candidate chosen" if found else "truth not in the page"
    lines = [f"  title truth {item['title']!r}", f"        ours  {ours!r}  -> {verdict}"]
    lines += [f"        {name:<15} {value[:160]!r}" for name, value in candidates]
    return verdict, lines


def report(
    truth: list[dict[str, Any]],
    ours: Path,
    alone: Path,
    links: Path,
    local_url: Any,
    order: dict[Any, int] | None = None,
) -> str:
    """The misses of the predictions in ``ours`` (beside trafilatura's in ``alone``), one block per page, each
    named by its place in truth.json (``order``: id -> place) and its id."""
    scorer = _scorer(links)
    blocks: list[str] = []
    counts: dict[str, int] = {}
    below: list[str] = []
    for n, item in enumerate(truth):
        index = (order or {}).get(item["id"], n)
        pred, base = _pred(ours, item["id"]), _pred(alone, item["id"])
        date_ok = scorer.date_matches(item.get("date") or "", pred.get("date") or "")
        title_ok = scorer.title_matches(item["title"], pred.get("title") or "")
        f1 = scorer.prf(*scorer.body_counts(item["text"], pred.get("text") or ""))[2]
        f1_alone = scorer.prf(*scorer.body_counts(item["text"], base.get("text") or ""))[2]
        if f1 < f1_alone:
            below.append(f"  [{index}] id {item['id']}: body F1 {f1:.3f} < trafilatura alone {f1_alone:.3f}")
        if date_ok is not False and title_ok:
            continue
        _, html = decode_body((links / item["html_file"]).read_bytes(), "text/html")
        url = local_url(item)
        page = _Page(lxml.html.fromstring(html), url)
        lines = [f"[{index}] id {item['id']}  {item['url']}"]
        found: list[str] = []
        if date_ok is False:
            doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_precision=True)
            verdict, more = _date_lines(page, item, pred.get("date") or "", getattr(doc, "date", None))
            found.append(f"date: {verdict}")
            lines += more
        if not title_ok:
            verdict, more = _title_lines(page, item, pred.get("title") or "", scorer)
            found.append(f"title: {verdict}")
            lines += more
        for key in found:
            counts[key] = counts.get(key, 0) + 1
        blocks.append("\n".join(lines))
    summary = [f"{key}: {value}" for key, value in sorted(counts.items())]
    summary.append(f"body below trafilatura alone: {len(below)} pages")
    return "\n".join(blocks + ["", *summary, *below])
