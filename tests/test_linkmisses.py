"""``benchmarks.links --misses`` sorts a wrong date or title by why it is wrong, on pages written here."""

from __future__ import annotations

import sys
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `benchmarks` is not installed, and plain `pytest` does not add the root
    sys.path.insert(0, str(ROOT))

from benchmarks.linkmisses import _date_lines, _scorer, _title_lines  # noqa: E402
from bot.reader.article import _Page  # noqa: E402

LINKS = ROOT.parent / "shared" / "eval" / "links"
URL = "https://www.harbourgazette.example/news/ferry-timetable-cut/"
PAGE = (
    "<html><head><title>Ferry timetable cut | Harbour Gazette</title>"
    "<meta property='article:published_time' content='2024-03-07T18:10:00-05:00'>"
    "<meta property='article:modified_time' content='2024-03-09T08:00:00-05:00'></head><body><article>"
    "<h1>Ferry timetable cut to four crossings</h1><p>Published March 7, 2024. Updated March 9, 2024.</p>"
    "<p>The island ferry will run four times a day instead of six from next month.</p>"
    "</article></body></html>"
)


def page() -> _Page:
    return _Page(lxml.html.fromstring(PAGE), URL)


def test_a_wrong_date_is_sorted_by_whether_the_page_gives_the_truth():
    item = {"date": "2023-03-07"}  # the page's month and day, another year: nothing on the page gives it
    verdict, lines = _date_lines(page(), item, "2024-03-07", None)
    assert verdict == "truth in no source"
    assert "(same day, other year)" in lines[0]
    assert any("meta-published" in line and "shown" in line for line in lines)
    # the modified day is on the page: the vote chose the publication instead
    assert _date_lines(page(), {"date": "2024-03-09"}, "2024-03-07", None)[0] == "wrong source chosen"


def test_a_wrong_title_is_sorted_by_whether_any_candidate_matches():
    if not (LINKS / "score_links.py").is_file():
        pytest.skip("../shared/eval/links not available")
    scorer = _scorer(LINKS)
    truth = {"title": "Ferry timetable cut"}
    verdict, lines = _title_lines(page(), truth, "Ferry timetable cut to four", scorer)
    assert verdict == "wrong candidate chosen"  # the <title> with its site suffix matches
    assert any("<h1>" in line for line in lines)
    verdict, _ = _title_lines(page(), {"title": "Island ferry loses two crossings"}, "x", scorer)
    assert verdict == "truth not in the page"
