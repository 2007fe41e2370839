"""Link ingestion end to end: the eval link pages served from 127.0.0.1, fetched through ``fetch_article``.

    python -m benchmarks.links                 the develop pages (the first 160 of truth.json): score_links.py
                                               figures plus fetch+extraction time
    python -m benchmarks.links --pages 160:    another slice (160: is the check set, scored only at the end;
                                               "all" for every page)
    python -m benchmarks.links --baseline      trafilatura alone beside Legwork on the same pages
    python -m benchmarks.links --misses        also list every page whose date or title is wrong, with each
                                               candidate the page offers, and pages whose body F1 is below
                                               trafilatura alone's (``benchmarks.linkmisses``; implies
                                               --baseline)

The pages are read from ../shared/eval/links/html at run time (never copied here) and served by a local
http.server; the address policy is the production one opened for that one loopback server only (exactly what
``LEGWORK_FETCH_ALLOW=127.0.0.1:PORT`` does). Each page is served at a path that mirrors its original
URL, so the URL-based hints trafilatura uses still work, with the page's bytes as stored and
``Content-Type: text/html`` without a charset (the fetcher decodes them itself). Predictions go to a
temporary folder in the format ``score_links.py`` expects, and the scorer's own output is parsed for the
figures.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
LINKS = ROOT.parent / "shared" / "eval" / "links"

DEVELOP = "0:160"  # the pages rules are developed on; the rest are the check set (issue #16)
TARGETS = {"body_f1": 0.95, "title": 0.96, "date": 0.92, "author": 0.92}  # issue #16, develop pages


def _serve(routes: dict[str, Path]) -> tuple[ThreadingHTTPServer, int]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = routes.get(self.path)
            if path is None:
                self.send_error(404)
                return
            data = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def _local_path(item: dict[str, Any]) -> str:
    """The page's original host and path, as a path on the local server."""
    parts = urlsplit(item["url"])
    path = quote(f"/{parts.hostname}{parts.path}", safe="/%-._~")
    return path + (f"?{quote(parts.query, safe='=&')}" if parts.query else "")


def run(quick: bool = False, shared: bool = True) -> dict[str, Any]:
    """Fetch and extract every eval link page; return the scorer's figures and timings."""
    result = _run(quick, shared)
    result.pop("scorer_output", None)
    return result


def _slice(spec: str | None, truth: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``truth`` cut to ``spec`` ("0:160", "160:", ":20"), in truth.json's order."""
    if not spec or spec == "all":
        return truth
    start, _, stop = spec.partition(":")
    return truth[int(start) if start else None : int(stop) if stop else None]


def _trafilatura_alone(truth: list[dict[str, Any]], out: Path) -> str:
    """trafilatura's own output (its defaults, metadata on) for the same pages, scored the same way."""
    import trafilatura

    from bot.reader.charset import decode_body

    for item in truth:
        _, html = decode_body((LINKS / item["html_file"]).read_bytes(), "text/html")
        doc = trafilatura.bare_extraction(html, url=item["url"], with_metadata=True, as_dict=False)
        pred = {}
        if doc is not None:
            pred = {
                "title": doc.title or "",
                "author": doc.author or "",
                "date": doc.date or "",
                "text": doc.text or "",
            }
        (out / f"{item['id']}.json").write_text(json.dumps(pred), encoding="utf-8")
    return _score(truth, out)


def _score(truth: list[dict[str, Any]], out: Path) -> str:
    return subprocess.run(
        [sys.executable, str(LINKS / "score_links.py"), str(out), "--truth", str(_subset(truth, out))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _run(
    quick: bool, shared: bool, pages: str | None = None, baseline: bool = False, misses: bool = False
) -> dict[str, Any]:
    from bot.config import Settings
    from bot.errors import FetchError
    from bot.reader.fetch import fetch_article
    from bot.reader.netpolicy import AddressPolicy

    if not shared or not (LINKS / "truth.json").is_file():
        return {"benchmark": "links", "skipped": "../shared/eval/links not available"}
    everything = json.loads((LINKS / "truth.json").read_text(encoding="utf-8"))
    truth = _slice(pages or (":20" if quick else DEVELOP), everything)
    routes = {_local_path(item): LINKS / item["html_file"] for item in truth}
    server, port = _serve(routes)
    allow = f"127.0.0.1:{port}"
    settings = Settings.from_env({"LEGWORK_FETCH_ALLOW": allow})
    policy = AddressPolicy.from_setting(allow)
    times: list[float] = []
    failures: dict[str, str] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="legwork-links-") as tmp:
            out = Path(tmp)
            for item in truth:
                url = f"http://127.0.0.1:{port}{_local_path(item)}"
                start = time.perf_counter()
                try:
                    article = fetch_article(url, settings, policy=policy)
                    pred = {
                        "title": article.title or "",
                        "author": article.byline or "",
                        "date": article.published or "",
                        "text": article.text,
                        "notes": article.notes,
                    }
                except FetchError as exc:
                    failures[str(item["id"])] = str(exc)
                    pred = {}
                times.append((time.perf_counter() - start) * 1000)
                (out / f"{item['id']}.json").write_text(json.dumps(pred), encoding="utf-8")
            scored = _score(truth, out)
            if baseline or misses:
                alone = out / "trafilatura"
                alone.mkdir()
                baseline_scored = _trafilatura_alone(truth, alone)
            if misses:
                from benchmarks.linkmisses import report

                order = {item["id"]: n for n, item in enumerate(everything)}  # place in truth.json
                local = f"http://127.0.0.1:{port}"
                missed = report(truth, out, alone, LINKS, lambda item: local + _local_path(item), order)
    finally:
        server.shutdown()
        server.server_close()
    figures = _figures(scored)
    if baseline or misses:
        figures["trafilatura_alone"] = _figures(baseline_scored)  # type: ignore[assignment]
    result: dict[str, Any] = {
        "benchmark": "links",
        "pages": len(truth),
        "fetch_failures": len(failures),
        **figures,
        "ms_per_page_median": round(statistics.median(times), 1),
        "ms_per_page_p95": round(sorted(times)[max(0, int(len(times) * 0.95) - 1)], 1),
        "ms_per_page_mean": round(statistics.fmean(times), 1),
    }
    if failures:
        result["failures"] = failures
    result["scorer_output"] = scored
    if misses:
        result["misses"] = missed
    return result


def _subset(truth: list[dict[str, Any]], out: Path) -> Path:
    path = out / "truth-subset.json"
    path.write_text(json.dumps(truth), encoding="utf-8")
    return path


def _figures(scored: str) -> dict[str, float]:
    figures: dict[str, float] = {}
    if m := re.search(r"mean over articles:\s+P ([\d.]+)\s+R ([\d.]+)\s+F1 ([\d.]+)", scored):
        figures.update(body_p=float(m[1]), body_r=float(m[2]), body_f1=float(m[3]))
    if m := re.search(r"pooled over articles: P ([\d.]+)\s+R ([\d.]+)\s+F1 ([\d.]+)", scored):
        figures["body_f1_pooled"] = float(m[3])
    for key in ("title", "date", "author"):
        if m := re.search(rf"{key} match:\s+([\d.]+) \((\d+)/(\d+)\)", scored):
            figures[key] = float(m[1])
            figures[f"{key}_counts"] = f"{m[2]}/{m[3]}"  # type: ignore[assignment]
    return figures


def main() -> int:
    pages = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--pages=")), None)
    if "--pages" in sys.argv:
        pages = sys.argv[sys.argv.index("--pages") + 1]
    result = _run(
        quick="--quick" in sys.argv,
        shared=True,
        pages=pages,
        baseline="--baseline" in sys.argv,
        misses="--misses" in sys.argv,
    )
    if "skipped" in result:
        print(result["skipped"])
        return 0
    scored = result.pop("scorer_output")
    missed = result.pop("misses", "")
    if "-v" in sys.argv:
        print(scored)
    if missed:
        print(missed, end="\n\n")
    alone = result.get("trafilatura_alone", {})
    shown_pages = pages or (":20" if "--quick" in sys.argv else DEVELOP)
    print(f"pages {shown_pages}" + ("   (right: trafilatura alone, same pages)" if alone else ""))
    for key, target in TARGETS.items():
        value = result.get(key)
        mark = "pass" if value is not None and value >= target else "MISS"
        counts = result.get(f"{key}_counts", "")
        side = f"   | {alone.get(key, 'n/a'):>6}  {alone.get(f'{key}_counts', ''):<7}" if alone else ""
        shown = value if value is not None else "n/a"
        print(f"{key:<8} {shown:>6}  {counts:<7} target >= {target:<5} {mark}{side}")
    for key in ("body_p", "body_r"):
        side = f"   | {alone.get(key, 'n/a'):>6}" if alone else ""
        print(f"{key:<8} {result.get(key, 'n/a'):>6}{side}")
    print(
        f"fetch+extraction per page: median {result['ms_per_page_median']} ms, "
        f"p95 {result['ms_per_page_p95']} ms, mean {result['ms_per_page_mean']} ms "
        f"({result['pages']} pages, {result['fetch_failures']} failed)"
    )
    for ident, message in result.get("failures", {}).items():
        print(f"  failed {ident}: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
