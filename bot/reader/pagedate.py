"""The day a page was published, chosen by weighted vote among the page's own date sources.

    choose(sources, visible_text, url_path="") -> "YYYY-MM-DD" or None

Each source (``SOURCE_WEIGHTS``) names at most one day; a day's score is the sum of the weights of the sources
that name it, plus ``VISIBLE_WEIGHT`` when the day is written in the page's visible text. The weights are how
often each source gave the right day on the 160 development pages of ../shared/eval/links (the first 160 of
truth.json), when it gave one:

    labeled        26/27   0.963   the first day written after "Published", "First published", "Posted on" or
                                   "Date:" (or the same in capitals: "PUBLISHED: 18:10 GMT, 5 December 2023")
                                   in the page's text (a clock time and weekday may come between:
                                   "Published 5:00 AM EST, Tue December 5, 2023"), or an ISO day after such a
                                   label in either case ("posted on 2023-12-19"); the one miss is a page whose
                                   truth is in another year than all its dates
    url            29/31   0.935   /2023/12/05/, 2023-12-05, /2023/dec/05/ or a slug ending in -2023-12-05 in
                                   the link's path
    visible        117/137 0.854   a candidate day written out in the page's text ("Dec. 5, 2023", "5th of
                                   December, 2023", or 2023-12-05 as a token of its own)
    htmldate       132/160 0.825   htmldate's extensive search (trafilatura's date)
    ld-published    97/119 0.815   JSON-LD datePublished of the article object
    ld-created      12/15  0.800   JSON-LD dateCreated
    time            71/86  0.826   the <time datetime=…> marked as the publication (itemprop datePublished,
                                   pubdate, a "published" class; 15/17 alone) or another element marked
                                   itemprop datePublished with a content attribute (2/2), the first such at or
                                   after the first <h1>; else the first <time> at or after the first <h1> (the
                                   dateline under the headline, not a sidebar's stamp before it); with no
                                   <h1>, the first
    meta-published  86/109 0.789   article:published_time, parsely-pub-date, sailthru.date, dc.date, and less
                                   common spellings (og:article:published_time, pub_date, Cxense, Highwire…)
    ld-modified     86/114 0.754   JSON-LD dateModified
    meta-modified   50/83  0.602   article:modified_time, og:updated_time, itemprop dateModified…

- Publication wins over modification: a modified stamp counts only for a day the page itself shows, so it
  wins only on a page that displays "Updated Dec. 5" and not the published day; on a tie the earlier day wins.
- A date the page contradicts is dropped: when the page shows in its text a day that its own metadata
  (JSON-LD or <meta>) declares, days it does not show are not candidates.
- The month in the link's path (/2023/12/ or /2023-12-05-…) bounds the day: a candidate more than a day
  outside that month (a page's last-modified stamp, a sidebar's story) is contradicted by the page. On the
  development pages the truth lies in the link's month on every page that has one, save three whose truth
  names another year than the page itself.
- A UTC stamp early in the day (before 10:00) is read as the previous day when the page shows that day first
  (a story posted in the American evening). Days in the future or before 1990 are no candidates.
- A stamp with an offset is read on its own local day as written (2023-12-19T23:30:00-05:00 is the 19th, the
  day its dateline shows), not converted to UTC.
On those pages this takes the date from 136/160 right (publication-first rules) to 145/160. Of the 15 left,
8 carry a truth in another year than every date the page gives and shows (the same month and day), 3 a day
after the one the page both declares and shows, 1 the modified day while the page shows the published day
too, and 3 a day no source gives: apart from the modified day, none has its truth day among the page's dates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta

SOURCE_WEIGHTS = {
    "labeled": 0.963,
    "url": 0.935,
    "htmldate": 0.825,
    "ld-published": 0.815,
    "ld-created": 0.800,
    "time": 0.826,
    "meta-published": 0.789,
    "ld-modified": 0.754,
    "meta-modified": 0.602,
}
VISIBLE_WEIGHT = 0.854
MODIFIED = {"ld-modified", "meta-modified"}
DECLARED = {"ld-published", "ld-created", "ld-modified", "meta-published", "meta-modified"}
_MONTHS = ("January February March April May June July August September October November December").split()
_MONTH_KEYS = [name[:3].casefold() for name in _MONTHS]
# /2023/12/05/, /2023-12-05-slug, and a slug ending in the day (/…-says-2023-12-05/)
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=/|$|[^\d])"
    r"|-((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?=/|$|\.html?$|[?#])"
)
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})(?=/|[/-]\d{1,2}(?:/|$|[^\d]))")
# a month written as a word between year and day (/2023/dec/05/), as on some British and fact-check sites
_URL_MONTH_WORD = re.compile(
    r"/((?:19|20)\d{2})/(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*(?=/\d{1,2}/)", re.I
)


def _numeric_months(url: str) -> str:
    return _URL_MONTH_WORD.sub(lambda m: f"/{m[1]}/{_MONTH_KEYS.index(m[2][:3].casefold()) + 1:02d}", url)


_DAY_WORDS = (
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4})"
)
# "Published Dec. 5, 2023", "First published on 5 December 2023", "Posted on: …", "Date: …" (a weekday may
# come between); "Updated …" is no label of publication, and "Release date:" (a product's) is not "Date:".
_LABELED = re.compile(
    # the label as written in a dateline, capitalised or in capitals ("PUBLISHED: 18:10 GMT, 7 March 2024")
    rf"(?:\b(?:First\s+published|Published|FIRST\s+PUBLISHED|PUBLISHED)|\b(?:Posted|POSTED)|\b(?P<date>Date|DATE))"
    r"(?:\s+on|\s+ON)?\s*:?\s*"
    # a clock time and a weekday may come first: "Published 5:00 AM EST, Tue December 5, 2023"
    r"(?:\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}\b)?,?\s+)?"
    r"(?:(?:[A-Z][a-z]+day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+)?"
    rf"(?P<day>{_DAY_WORDS})"
    # a machine-written day after the label, in either case ("posted on 2023-12-19"): a dateline, not prose
    rf"|(?i:\b(?:first\s+published|published|posted|(?P<isodate>date)))(?:\s+on)?\s*:?\s*"
    r"(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2})\b"
)


def choose(
    sources: dict[str, str], visible_text: str, today: date | None = None, url_path: str = ""
) -> str | None:
    """The winning day among ``sources`` (source name -> raw date string), as YYYY-MM-DD, or None.

    A day written after a publication label in ``visible_text`` is one more source ("labeled"); the month in
    ``url_path`` bounds the candidates."""
    latest = (today or date.today()) + timedelta(days=1)
    sources = dict(sources)
    if (labeled := labeled_date(visible_text)) and "labeled" not in sources:
        sources["labeled"] = labeled
    bounds = url_month(url_path)
    score: dict[date, float] = defaultdict(float)
    declared: set[date] = set()
    modified = {parse_date(raw) for name, raw in sources.items() if name in MODIFIED}
    for name, raw in sources.items():
        day = parse_date(raw)
        if day is None or not date(1990, 1, 1) <= day <= latest:
            continue
        if bounds and not bounds[0] <= day <= bounds[1]:
            continue  # the link's own month contradicts it
        if is_utc_morning(raw):
            before = day - timedelta(days=1)
            seen_before, seen_day = date_position(visible_text, before), date_position(visible_text, day)
            if seen_before is not None and (seen_day is None or seen_before < seen_day):
                day = before
        if (name in MODIFIED or name == "htmldate" and day in modified) and date_position(
            visible_text, day
        ) is None:
            continue  # a modification stamp (or htmldate repeating one) counts only for a day the page shows
        score[day] += SOURCE_WEIGHTS.get(name, 0.5)
        if name in DECLARED:
            declared.add(day)
    if not score:
        return None
    shown = {day for day in score if date_position(visible_text, day) is not None}
    pool = shown if shown & declared else set(score)
    best = max(
        pool, key=lambda day: (score[day] + (VISIBLE_WEIGHT if day in shown else 0.0), -day.toordinal())
    )
    return best.isoformat()


def url_date(url: str) -> str:
    """The date in a link's path (/2023/12/05/, /2023-12-05-…, /2023/dec/05/, /…-2023-12-05/), as YYYY-MM-DD,
    or ""."""
    m = _URL_DATE.search(_numeric_months(url))
    if not m:
        return ""
    year, month, day = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return ""


def url_month(url: str) -> tuple[date, date] | None:
    """The days the month in a link's path allows (/2023/12/, /2023-12-05-…, /2023/dec/05/, /…-2023-12-05/), a
    day's margin either side."""
    if day := url_date(url):
        year, month = int(day[:4]), int(day[5:7])
    elif (m := _URL_MONTH.search(url)) and 1 <= int(m[2]) <= 12:
        year, month = int(m[1]), int(m[2])
    else:
        return None
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first - timedelta(days=1), following


def labeled_date(text: str) -> str:
    """The first day written after a publication label in the text ("Published Dec. 5, 2023"), or ""."""
    for m in _LABELED.finditer(text):
        before = text[: m.start()].split()[-1:]
        if (m["date"] or m["isodate"]) and before and before[0][:1].isupper():
            continue  # "Release Date:", "Air Date:": a named date, not the page's
        day = parse_date(m["day"] or m["iso"])
        return day.isoformat() if day else ""
    return ""


_ISO = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_WORDY = re.compile(
    r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+"
    r"(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})",
    re.I,
)


def parse_date(raw: str) -> date | None:
    """The day in a date string, as written: ISO (or 2024/02/12), m/d/Y (d/m/Y when only that reads:
    13/12/2023), 'Dec 22, 2023' or '22 Dec 2023'."""
    raw = raw.strip()
    try:
        if m := _ISO.search(raw):
            return date(int(m[1]), int(m[3]), int(m[4]))
        if m := _US.search(raw):
            first, second = int(m[1]), int(m[2])
            if first > 12 >= second:
                return date(int(m[3]), second, first)  # only day-first can read it (13/12/2023)
            return date(int(m[3]), first, second)
        if m := _WORDY.search(raw):
            day = m[1] or m[3]
            if day:
                month = [mm[:3].casefold() for mm in _MONTHS].index(m[2][:3].casefold()) + 1
                return date(int(m[4]), month, int(day))
    except ValueError:
        return None
    return None


def is_utc_morning(raw: str) -> bool:
    """A time stamp in UTC early enough in the day to fall on the previous day in the Americas."""
    m = re.search(r"T(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]00:?00)$", raw.strip())
    return m is not None and int(m[1]) < 10


def date_position(text: str, day: date) -> int | None:
    """Where ``day`` is first written out in ``text`` ("December 22, 2023", "Dec. 22, 2023", "22 Dec")."""
    month = _MONTHS[day.month - 1]
    names = f"(?:{month}|{month[:3]}\\.?|Sept\\.?)" if day.month == 9 else f"(?:{month}|{month[:3]}\\.?)"
    pattern = (
        rf"(?:{names}\s+0?{day.day}(?:st|nd|rd|th)?,?\s+{day.year}"
        rf"|\b0?{day.day}(?:st|nd|rd|th)?\s+(?:of\s+)?{names},?\s+{day.year}"
        rf"|(?<![\w-]){day.isoformat()}(?![\w-]))"
    )
    m = re.search(pattern, text, re.I)
    return m.start() if m else None
