"""A fetched page -> ``Article``: body text (trafilatura) plus Legwork's own metadata layer. No network here.

trafilatura finds the body well but its metadata needs help. On top of it this module reads:

    body      trafilatura's text, after a comment widget named by its commenting system and a newsletter
              sign-up form are taken out of the page (``_PRUNE``); the page's JSON-LD articleBody where
              trafilatura picked the wrong block; short "Read more: …", "(Photo: …)" and "Share this article"
              lines dropped; data tables left out unless the page is laid out in tables
    title     the page's visible headline (<h1>) when it agrees with a declared title (JSON-LD headline,
              og:title, twitter:title, <title>); otherwise the declared title with the site name stripped
              from its start or end
    byline    ``bot.reader.byline``: JSON-LD and <meta> authors, the visible byline, one written in the
              text; never a publisher taken for a person
    date      a weighted vote of JSON-LD, <meta>, the <time> marked as the publication or else the first at
              or after the first <h1> (the dateline under the headline), the URL and htmldate
              (``bot.reader.pagedate``, which gives the weights measured on the development pages)
    site      og:site_name, JSON-LD publisher, trafilatura's sitename, then the host name
    notes     "partial text: paywall" when JSON-LD says isAccessibleForFree: false, or the body is far shorter
              than the page's declared wordCount/articleBody
"""

from __future__ import annotations

import html as htmllib
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree

from bot.errors import FetchError
from bot.models import Article
from bot.reader import pagedate
from bot.reader.byline import Bylines, _alnum, _clean, _spoken, _types

log = logging.getLogger(__name__)

PAYWALL_NOTE = "partial text: paywall"
MIN_WORDS = 40  # fewer words than this in the body: not an article

_ARTICLE_TYPES = frozenset(
    "article newsarticle reportagenewsarticle analysisnewsarticle opinionnewsarticle reviewnewsarticle "
    "backgroundnewsarticle blogposting liveblogposting socialmediaposting report scholarlyarticle "
    "techarticle posting".split()
)
# between a headline and a site name or section: bars, dashes, colons, dots and bullets, guillemets, slashes
_SEPARATORS = (" | ", " - ", " – ", " — ", " : ", " :: ", " · ", " • ", " » ", " « ", " › ", " ‹ ", " / ")
_KICKER_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " • ", " » ", " › ", " / ", "| ")
_SEP_RE = re.compile(r"\s+(?:\||-|–|—|:|::|·|•|»|«|›|‹|/)\s+")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_BLOCK_END = re.compile(r"(?i)</(?:p|div|h[1-6]|li|blockquote)\s*>|<br\s*/?>")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# where a block ends the visible text keeps a line break, so a name read from it stops at its element's end
_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p section table td th tr ul br".split()
)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_LOWER = 'translate(@%s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")'
_MARKED_TIME = (
    f"time[@datetime][@pubdate or {_LOWER % 'itemprop'}='datepublished'"
    + "".join(f" or contains({_LOWER % 'class'}, '{c}')" for c in ("published", "pubdate", "publish-date"))
    + "]"
)
# schema.org microdata on an element other than <time> or <meta>: <span itemprop="datePublished" content="…">
# (the cheap tests first: most elements have no itemprop)
_MICRODATA = "*[@itemprop][@content or @datetime][not(self::time or self::meta)]" + (
    f"[{_LOWER % 'itemprop'}='datepublished']"
)
_CLASS = _LOWER % "class"
_TOKENS = f"concat(' ', normalize-space({_CLASS}), ' ')"
# Taken out before trafilatura reads the page; neither may hold the headline or half the page's paragraphs:
_PRUNE = [
    # a comment thread named by its commenting system ("xenforo-comments", "fb-comments-list"), which
    # trafilatura's own comment filter (classes that start with "comment") lets through
    "//*[self::div or self::section or self::aside or self::ol or self::ul]"
    "[contains(@class, 'omment') or contains(@class, 'OMMENT')]["  # a quick test before the exact one
    + " or ".join(
        f"contains({_TOKENS}, '-{name} ')"
        for name in ("comments", "comment-widget", "comments-widget", "comments-list", "comment-list")
    )
    + "][not(.//h1)][count(.//p) * 2 < count(//p)]",
    # a newsletter sign-up box: a form (input or button) in an element whose class says newsletter
    "//*[self::div or self::section or self::aside]"
    "[contains(@class, 'ewsletter') or contains(@class, 'EWSLETTER')]"
    f"[contains({_CLASS}, 'newsletter')]"
    "[.//input or .//form or .//button][not(.//h1)][string-length(normalize-space(.)) < 800]"
    "[count(.//p) * 2 < count(//p)]",
]
_PROMO = re.compile(
    r"(?i:read more|related(?: stories| content| videos?| coverage| articles?| links?)?|see also|also read"
    r"|read also|read next)\s*(?:[:\-–—]|$)"
    # a picture's credit ("(Photo: …)", "Source: …"); "Share this article", "Sign up for … newsletter"
    r"|\(?(?i:photo(?:graph)?s?|images?|pictures?|video|credits?|sources?)(?i:\s+credits?)?\s*:"
    r"|(?i:share this (?:article|story)\s*$|(?:sign up|subscribe)\b.*\b(?:newsletter|premium))"
)
_LD_DATES = {"datePublished": "ld-published", "dateCreated": "ld-created", "dateModified": "ld-modified"}
_STORY_KEYS = frozenset({"headline", "name", "datePublished", "dateCreated", "author", "articleBody"})
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    # less common spellings of the same stamp (Open Graph with a prefix, Cxense, Advance Local, Highwire)
    "og:article:published_time",
    "article:published",
    "article:publicationdate",
    "publicationdate",
    "publisheddate",
    "published_at",
    "pub_date",
    "cxenseparse:publishtime",
    "article_date_original",
    "citation_publication_date",
    "date",
    "dc.date",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "og:article:modified_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "article_date_updated",
    "last-modified",
)


def html_to_article(html: str, url: str) -> Article:
    """Extract the article in ``html`` (already decoded) found at ``url``; FetchError if there is none."""
    html = _XML_DECLARATION.sub("", html.lstrip("\ufeff"), count=1)  # lxml refuses str with an encoding
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise FetchError("That page could not be read as HTML.") from exc
    page = _Page(tree, url)
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        author_blacklist=page.non_authors(),
        prune_xpath=_PRUNE,
        include_tables=page.laid_out_in_tables(),  # a data table is no prose; a layout table may be the story
        as_dict=False,
    )
    text = _body_text(doc.text if doc is not None else "")
    declared = page.article_body()
    if (
        declared
        and not page.flagged_paywall()
        and _shared(declared, text) < 0.5
        and (len(declared.split()) >= 0.8 * len(text.split()) or _list_like(text))
    ):
        # The extractor picked the wrong block (a teaser list, a gallery): the page's own articleBody is the
        # story. Never done on a page marked paywalled, so that a paywall is not worked around, nor when the
        # declared body is much shorter than extracted prose (a summary): there trafilatura's text stands.
        text = declared
    words = len(text.split())
    if words < MIN_WORDS or page.is_front_page():
        raise FetchError(page.not_an_article_reason())
    site = page.site_name(doc.sitename if doc is not None else None)
    title = page.title(doc.title if doc is not None else None, site)
    byline = page.byline(doc.author if doc is not None else None, site)
    published = page.published(doc.date if doc is not None else None)
    paragraphs = [p for p in text.split("\n\n") if not _promo(p)] or text.split("\n\n")
    if title and len(paragraphs) > 1 and _norm(paragraphs[0]) == _norm(title):
        paragraphs = paragraphs[1:]  # the headline repeated as the first paragraph
    text = "\n\n".join(paragraphs)
    notes = []
    if page.paywalled(words):
        notes.append(PAYWALL_NOTE)
    return Article(
        url=url, text=text, title=title, byline=byline, published=published, site=site, notes=notes
    )


def _promo(paragraph: str) -> bool:
    """A short line set in the story by the site, not its reporter: pointing to other stories ("Read more:
    …", "RELATED: …", "Also read - …"), crediting a picture, asking to share or sign up."""
    return len(paragraph.split()) <= 20 and _PROMO.match(paragraph) is not None


def _list_like(text: str) -> bool:
    """Text made of short lines (a list of links or captions), not paragraphs of prose."""
    lengths = sorted(len(p.split()) for p in text.split("\n\n"))
    return bool(lengths) and lengths[len(lengths) // 2] < 20


def _body_text(text: str | None) -> str:
    """trafilatura's lines as paragraphs separated by blank lines."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    return "\n\n".join(line for line in lines if line)


def _norm(value: str) -> str:
    return " ".join(value.translate(_QUOTES).casefold().split())


def _walk(node: object) -> Iterator[dict]:
    """Every JSON-LD object in ``node`` (lists, @graph and nested values included)."""
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        for value in node.values():
            if isinstance(value, (list, dict)):
                yield from _walk(value)


class _Page(Bylines):
    """What the page declares about itself: JSON-LD, <meta>, headings, the visible byline and dates."""

    def __init__(self, tree: lxml.html.HtmlElement, url: str) -> None:
        self.tree = tree
        self.url = url
        self.host = (urlsplit(url).hostname or "").casefold().removeprefix("www.")
        self.ld: list[dict] = []
        for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
            raw = (script.text or "").strip()
            try:
                data = json.loads(raw, strict=False)
            except ValueError:
                continue
            self.ld.extend(_walk(data))
        # the article objects, a bare reference first in the page ({"@type": "NewsArticle", "@id": …} as a
        # WebPage's mainEntity) put after the objects that say something
        articles = [o for o in self.ld if _types(o) & _ARTICLE_TYPES]
        self.article_ld = sorted(articles, key=lambda o: not (_STORY_KEYS & o.keys()))
        self.meta: dict[str, list[str]] = {}
        for node in tree.xpath("//meta[@content]"):
            key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().casefold()
            if key:
                self.meta.setdefault(key, []).append(_clean(node.get("content")))

    # -- helpers ----------------------------------------------------------------------------------------

    def _meta(self, *keys: str) -> str:
        for key in keys:
            for value in self.meta.get(key, []):
                if value:
                    return value
        return ""

    def _visible_text(self) -> str:
        """The page's text in reading order, one line per block (scripts and styles left out)."""
        if not hasattr(self, "_text_cache"):
            body = self.tree.find("body")
            root = body if body is not None else self.tree
            parts: list[str] = []
            hidden = 0  # depth inside script, style, noscript or template
            # in reading order: an element's text, its children, then its tail ("posted on <time>…</time> by")
            stack: list[tuple[Any, bool]] = [(root, False)]
            while stack:
                el, ended = stack.pop()
                named = isinstance(el.tag, str)
                quiet = named and el.tag in ("script", "style", "noscript", "template")
                block = named and el.tag in _BLOCKS
                if not ended:
                    hidden += quiet
                    parts.append("\n" if block else "")
                    if named and el.text and not hidden:
                        parts.append(el.text)
                    stack.append((el, True))
                    stack.extend((child, False) for child in reversed(el))
                    continue
                hidden -= quiet
                parts.append("\n" if block else "")
                if el.tail and not hidden and el is not root:
                    parts.append(el.tail)
            text = re.sub(r"[^\S\n]+", " ", "".join(parts))
            self._text_cache = re.sub(r"\s*\n\s*", "\n", text).strip()
        return self._text_cache

    def site_names(self) -> list[str]:
        """Names this page gives its site or publisher."""
        names = [self._meta("og:site_name", "application-name", "apple-mobile-web-app-title")]
        for obj in self.ld:
            kinds = _types(obj)
            if kinds & {"website", "organization", "newsmediaorganization"} and isinstance(
                obj.get("name"), str
            ):
                names.append(_clean(obj["name"]))
            publisher = obj.get("publisher")
            for pub in publisher if isinstance(publisher, list) else [publisher]:
                if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                    names.append(_clean(pub["name"]))
        return [n for n in dict.fromkeys(names) if n]

    def _site_like(self, segment: str, sites: list[str]) -> bool:
        key = _alnum(segment)
        if not key:
            return False
        host_key = _alnum(self.host)
        labels = [_alnum(part) for part in self.host.split(".") if len(part) > 2]
        for name in sites:
            name_key = _alnum(name)
            if name_key and (key == name_key or (len(key) >= 4 and key in name_key) or name_key in key):
                return True
        if key == host_key or key in labels or (len(key) >= 4 and key in host_key):
            return True
        return any(len(label) >= 4 and label in key for label in labels)

    def _strip_site(self, title: str, sites: list[str]) -> str:
        """Drop a site name before or after a separator (" | Site", "Site - …", "Site: …"), repeatedly; then a
        section name left between the headline and the site ("Headline | Transport | Site")."""
        changed, stripped_end, original = True, False, title
        while changed:
            changed = False
            parts = _SEP_RE.split(title)
            site_colon = re.match(
                r"([^:|]{2,60}):\s+\S", title
            )  # "Site: Headline", no space before the colon
            if len(parts) >= 2 and self._site_like(parts[-1], sites) and len(parts[-1].split()) <= 6:
                cut = [m for m in _SEP_RE.finditer(title)][-1]
                title, changed, stripped_end = title[: cut.start()].strip(), True, True
            elif len(parts) >= 2 and self._site_like(parts[0], sites) and len(parts[0].split()) <= 6:
                cut = next(_SEP_RE.finditer(title))
                title, changed = title[cut.end() :].strip(), True
            elif site_colon and self._site_like(site_colon[1], sites) and len(site_colon[1].split()) <= 6:
                title, changed = title[site_colon.end(1) + 1 :].strip(), True
        bars = title.split(" | ")
        if stripped_end and original.count(" | ") >= 2 and len(bars) == 2:
            headline, section = bars
            if len(section.split()) <= 3 and len(headline.split()) >= 4:
                return headline
        return title

    # -- fields -----------------------------------------------------------------------------------------

    def site_name(self, trafilatura_site: str | None) -> str | None:
        names = self.site_names()
        for name in names + [_clean(trafilatura_site)]:
            if name and len(name) <= 60:
                return name
        return self.host or None

    def title(self, trafilatura_title: str | None, site: str | None) -> str | None:
        sites = self.site_names() + ([site] if site else [])
        declared = [_clean(o.get("headline")) for o in self.article_ld]
        declared += [self._meta("og:title"), self._meta("twitter:title"), self._meta("title", "dc.title")]
        declared += [_clean(t.text_content()) for t in self.tree.xpath("//head/title")[:1]]
        declared += [_clean(trafilatura_title)]
        declared = [d for d in dict.fromkeys(declared) if d]
        stripped = [self._strip_site(d, sites) for d in declared]
        keys = {_norm(d) for d in declared + stripped}
        headings, labels = [], []
        for h1 in self.tree.xpath("//h1"):
            text = _clean(_spoken(h1))
            if len(text.split()) >= 3 and len(text) <= 300 and not self._site_like(text, sites):
                headings.append(text)
                # a section label set in its own element inside the <h1> ("<h1><span>News</span> Headline")
                labels.append(
                    {_norm(_clean(el.text_content())) for el in h1.iterdescendants() if el.tag != "br"}
                )
        for heading, inner in zip(headings, labels, strict=True):
            key = _norm(heading)
            for d in declared + stripped:  # a kicker before the headline ("Politics | Headline")
                if len(d.split()) >= 3 and any(key.endswith(sep + _norm(d)) for sep in _KICKER_SEPARATORS):
                    return d
                kicker = key.removesuffix(" " + _norm(d)) if key.endswith(" " + _norm(d)) else ""
                if len(d.split()) >= 3 and kicker and len(kicker.split()) <= 3 and kicker in inner:
                    return d
            if key in keys or any(
                d.startswith(key + sep) or d.endswith(sep + key) for d in keys for sep in _SEPARATORS
            ):
                return heading
        if len(headings) == 1 and len(headings[0].split()) >= 4:
            return headings[0]
        for candidate in stripped:
            if len(candidate.split()) >= 2:
                return candidate
        return stripped[0] if stripped else (headings[0] if headings else None)

    def published(self, trafilatura_date: str | None) -> str | None:
        """The publication day, by weighted vote of the page's date sources (``bot.reader.pagedate``)."""
        sources = self.date_sources(trafilatura_date)
        return pagedate.choose(sources, self._visible_text(), url_path=urlsplit(self.url).path)

    def date_sources(self, trafilatura_date: str | None) -> dict[str, str]:
        """Each date source of the page (named as in ``pagedate.SOURCE_WEIGHTS``) -> the raw date it gives.
        JSON-LD is read from the first article object that carries a date (a bare reference to the story,
        listed first, gives none)."""
        sources: dict[str, str] = {}
        dated = [o for o in self.article_ld if any(_clean(o.get(key) or "") for key in _LD_DATES)]
        for obj in dated[:1]:
            for key, name in _LD_DATES.items():
                if raw := _clean(obj.get(key) or ""):
                    sources[name] = raw
        if raw := self._meta(*_PUBLISHED_META):
            sources["meta-published"] = raw
        if raw := self._meta(*_MODIFIED_META):
            sources["meta-modified"] = raw
        if raw := self._dateline_time():
            sources["time"] = raw
        if raw := pagedate.url_date(urlsplit(self.url).path):
            sources["url"] = raw
        if trafilatura_date:
            sources["htmldate"] = trafilatura_date
        return sources

    def _dateline_time(self) -> str:
        """The datetime of the <time> marked as the publication (itemprop="datePublished", the HTML5 pubdate
        attribute, a class naming the published date), or of another element marked itemprop="datePublished"
        (its content or datetime attribute), the first at or after the first <h1> if any is; else of the first
        <time> at or after the first <h1>: the dateline under the headline, not a sidebar's or a menu's stamp
        earlier in the page; with no <h1>, the page's first <time>."""
        heading = self.tree.xpath("(//h1)[1]")
        for marking in (_MARKED_TIME, _MICRODATA):
            # the first at or after the headline (teasers before it carry their own), else the page's first
            below = f"(descendant::{marking} | following::{marking})[1]"
            if marked := (heading[0].xpath(below) if heading else []) or self.tree.xpath(f"(//{marking})[1]"):
                return _clean(marked[0].get("datetime") or marked[0].get("content"))
        if heading:
            after = heading[0].xpath("(descendant::time[@datetime] | following::time[@datetime])[1]")
            if after:
                return _clean(after[0].get("datetime"))
        first = self.tree.xpath("(//time[@datetime])[1]")
        return _clean(first[0].get("datetime")) if first else ""

    def laid_out_in_tables(self) -> bool:
        """The page sets its text in tables (an old layout): tables hold over half the body's characters."""
        total = len(self._visible_text())
        tables = self.tree.xpath("//table[not(ancestor::table)]")
        inside = sum(len(" ".join(t.text_content().split())) for t in tables)
        return bool(total) and inside * 2 > total

    def flagged_paywall(self) -> bool:
        """JSON-LD says the content is not free (anywhere: top level, @graph, hasPart)."""
        for obj in self.ld:
            flag = obj.get("isAccessibleForFree")
            if flag is False or (isinstance(flag, str) and flag.strip().casefold() == "false"):
                return True
        return False

    def article_body(self) -> str:
        """The longest JSON-LD articleBody (100 words or more), as paragraphs; else an empty string. Some
        sites put HTML in it: its tags are taken out (block ends become paragraph breaks)."""
        best = ""
        for obj in self.article_ld:
            raw = obj.get("articleBody")
            if isinstance(raw, str):
                raw = htmllib.unescape(raw)
                if _TAG.search(raw):
                    raw = _TAG.sub(" ", _BLOCK_END.sub("\n", raw))
                text = _body_text(htmllib.unescape(raw))
                if len(text.split()) > len(best.split()):
                    best = text
        return best if len(best.split()) >= 100 else ""

    def paywalled(self, words: int) -> bool:
        if self.flagged_paywall():
            return True
        for obj in self.article_ld:
            declared = obj.get("wordCount")
            try:
                declared = int(str(declared).replace(",", ""))
            except ValueError:
                declared = len(_clean(obj.get("articleBody")).split())
            if declared >= 200 and words < declared * 0.4:
                return True
        return False

    def is_front_page(self) -> bool:
        """A site's home page: the bare root URL, with nothing on the page saying it is an article."""
        parts = urlsplit(self.url)
        if parts.path.strip("/") or parts.query:
            return False
        return not self.article_ld and self._meta("og:type") != "article"

    def not_an_article_reason(self) -> str:
        if self.tree.xpath('//input[@type="password"]'):
            return "That link is a login page, not an article."
        if self.is_front_page() or self._meta("og:type") == "website" and not self.article_ld:
            return "That link looks like a home page or section front, not an article."
        return "No article text could be found on that page."


def _shared(reference: str, text: str) -> float:
    """Share of ``reference``'s words (as a bag) that ``text`` also has."""
    ref = Counter(re.findall(r"\w+", reference.casefold()))
    got = Counter(re.findall(r"\w+", text.casefold()))
    total = sum(ref.values())
    return sum((ref & got).values()) / total if total else 1.0
