"""A fetched page -> ``Article``: body text (trafilatura) plus Legwork's own metadata layer. No network here.

trafilatura finds the body well but its metadata needs help (LINKS.md §3). On top of it this module reads:

    title     the page's visible headline (<h1>) when it agrees with a declared title (JSON-LD headline,
              og:title, twitter:title, <title>); otherwise the declared title with the site name stripped
              from its start or end
    byline    JSON-LD Person authors, <meta name=author>, then the visible byline (itemprop/rel/class
              "author"/"byline", "By …" links to author pages; one followed by a writer's role first), then
              one written in the text ("Story by …"); publisher and site names are never taken for a person,
              a wire agency is kept only as the credit the visible byline gives, and with no person named a
              credit the page both declares and shows after "By" stands as it is
    date      a weighted vote of JSON-LD, <meta>, the first <time>, the URL and htmldate (``bot.pagedate``,
              which gives the weights measured on the development pages)
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
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree

from bot import pagedate
from bot.errors import FetchError
from bot.models import Article

log = logging.getLogger(__name__)

PAYWALL_NOTE = "partial text: paywall"
MIN_WORDS = 40  # fewer words than this in the body: not an article

# Wire services and publishers that appear in author fields but are not people (LINKS.md §3.2).
WIRE_AGENCIES = (
    "Associated Press",
    "Reuters",
    "Agence France-Presse",
    "AFP",
    "Bloomberg",
    "United Press International",
    "UPI",
    "Press Association",
    "PA Media",
    "dpa",
    "CNN Wire",
    "Tribune News Service",
    "States Newsroom",
)
_ORG_WORDS = frozenset(
    "press news media times post journal gazette telegraph network staff inc llc ltd magazine daily tribune "
    "herald online digital group agency reuters today wire service services desk team editors editorial "
    "newsroom bureau company corp corporation report reporter channel radio tv television broadcasting "
    "publishing publications newspaper newspapers contributors contributor".split()
)
_ARTICLE_TYPES = frozenset(
    "article newsarticle reportagenewsarticle analysisnewsarticle opinionnewsarticle reviewnewsarticle "
    "backgroundnewsarticle blogposting liveblogposting socialmediaposting report scholarlyarticle "
    "techarticle posting".split()
)
_SEPARATORS = (" | ", " - ", " – ", " — ", " : ", " :: ", " · ", " » ", " « ", " / ")
_KICKER_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " » ", " / ", "| ")
_SEP_RE = re.compile(r"\s+(?:\||-|–|—|:|::|·|»|«|/)\s+")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_BLOCK_END = re.compile(r"(?i)</(?:p|div|h[1-6]|li|blockquote)\s*>|<br\s*/?>")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
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
    "date",
    "dc.date",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
)
_AUTHOR_HREF = re.compile(
    r"/(?:authors?|writers?|people|person|staff|by|profile|contributors?|journalists?)/", re.I
)
_BY = re.compile(r"^\s*(?:written\s+)?by[\s:—–-]+", re.I)
_ROLES = "writer|reporter|correspondent|editor|columnist|contributor|journalist"
_ROLE_AFTER = rf"\s*,?\s*(?:[\w.'’-]+\s+){{0,4}}(?:{_ROLES})s?\b"
_ROLE_WORDS = frozenset(_ROLES.split("|") + "special staff senior contributing chief associate".split())
# "posted on by", "Story by", "Review by", "Written by", then two to four capitalised words (a name)
_WRITTEN_BY = re.compile(
    r"\b((?i:posted|published|written|story|review|report|words|reporting|photos and story)(?:\s+on)?)"
    r"\s+(?i:by)\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]*){1,3})"
)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-Þ][\w'’.\-]*|[A-Z]\.|de|da|del|der|van|von|di|la|le|bin|al|of|the|y|dos|du)$"
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
    paragraphs = text.split("\n\n")
    if title and len(paragraphs) > 1 and _norm(paragraphs[0]) == _norm(title):
        text = "\n\n".join(paragraphs[1:])  # the headline repeated as the first paragraph
    notes = []
    if page.paywalled(words):
        notes.append(PAYWALL_NOTE)
    return Article(
        url=url, text=text, title=title, byline=byline, published=published, site=site, notes=notes
    )


def _list_like(text: str) -> bool:
    """Text made of short lines (a list of links or captions), not paragraphs of prose."""
    lengths = sorted(len(p.split()) for p in text.split("\n\n"))
    return bool(lengths) and lengths[len(lengths) // 2] < 20


def _body_text(text: str | None) -> str:
    """trafilatura's lines as paragraphs separated by blank lines."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    return "\n\n".join(line for line in lines if line)


def _clean(value: object) -> str:
    """A metadata string: HTML entities decoded, whitespace collapsed."""
    if not isinstance(value, str):
        return ""
    return " ".join(htmllib.unescape(htmllib.unescape(value)).split())


def _norm(value: str) -> str:
    return " ".join(value.translate(_QUOTES).casefold().split())


def _alnum(value: str) -> str:
    return re.sub(r"[\W_]+", "", value.casefold())


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


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).casefold() for k in kinds}


class _Page:
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
        self.article_ld = [o for o in self.ld if _types(o) & _ARTICLE_TYPES]
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
        if not hasattr(self, "_text_cache"):
            body = self.tree.find("body")
            root = body if body is not None else self.tree
            parts = []
            for el in root.iter():
                if not isinstance(el.tag, str):
                    continue
                if el.text and el.tag not in ("script", "style", "noscript", "template"):
                    parts.append(el.text)
                if el.tail:
                    parts.append(el.tail)
            self._text_cache = " ".join(" ".join(parts).split())
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
        """Drop a site name before or after a separator (" | Site", "Site - …"), repeatedly."""
        changed = True
        while changed:
            changed = False
            parts = _SEP_RE.split(title)
            if len(parts) < 2:
                break
            if self._site_like(parts[-1], sites) and len(parts[-1].split()) <= 6:
                cut = [m for m in _SEP_RE.finditer(title)][-1]
                title, changed = title[: cut.start()].strip(), True
            elif self._site_like(parts[0], sites) and len(parts[0].split()) <= 6:
                cut = next(_SEP_RE.finditer(title))
                title, changed = title[cut.end() :].strip(), True
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
            text = _clean(h1.text_content())
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

    def non_authors(self) -> set[str]:
        names = set(self.site_names()) | set(WIRE_AGENCIES) | {"The " + a for a in WIRE_AGENCIES}
        return {n for n in names if n} | {n.casefold() for n in names if n}

    def _is_org(self, name: str, sites: list[str]) -> bool:
        words = {w.casefold().strip(".,") for w in name.split()}
        if words & _ORG_WORDS or re.search(r"\w\.(?:com|org|net|co|uk|au|ca|io|news|tv|us)\b", name, re.I):
            return True
        return self._site_like(name, sites) and _alnum(name) != ""

    def _person(self, raw: object, sites: list[str]) -> str | None:
        """``raw`` as a person's name, or None when it is empty, an organisation, a handle or a sentence."""
        name = _BY.sub("", _clean(raw)).strip(" ,;|•·")
        if not name or len(name) > 60 or any(c.isdigit() for c in name) or "@" in name or "http" in name:
            return None
        words = name.split()
        if not 2 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
            return None
        if not words[0][0].isupper() or self._is_org(name, sites) or _agency(name):
            return None
        return name

    def _split_names(self, value: str) -> list[str]:
        value = _BY.sub("", _clean(value))
        return [p for p in re.split(r"\s*(?:,|;|\band\b|&|\|)\s*", value) if p.strip()]

    def byline(self, trafilatura_author: str | None, site: str | None) -> str | None:
        sites = self.site_names() + ([site] if site else [])
        people: list[str] = []

        def add(raw: object) -> None:
            if isinstance(raw, list):
                for item in raw:
                    add(item)
                return
            if isinstance(raw, dict):
                if _types(raw) & {"organization", "newsmediaorganization"}:
                    return
                add(raw.get("name"))
                return
            if isinstance(raw, str):
                for part in self._split_names(raw):
                    person = self._person(part, sites)
                    if person and _alnum(person) not in {_alnum(p) for p in people}:
                        people.append(person)

        for obj in self.article_ld[:1] or []:
            add(obj.get("author"))
            if not people:
                add(obj.get("creator"))
        if not people:
            for key in (
                "author",
                "article:author",
                "byl",
                "parsely-author",
                "sailthru.author",
                "dc.creator",
                "citation_author",
            ):
                for value in self.meta.get(key, []):
                    add(value)
                if people:
                    break
        visible = self._visible_bylines()
        if not people:
            # a byline with the writer's role after it ("By Ann Lee, Staff Writer") before other credits (a
            # photo credit set as a byline above it)
            for text in sorted(visible, key=lambda t: not self._role_follows(t)):
                add(text)
                if people:
                    break
        if not people:
            add(trafilatura_author or "")
        if not people:
            add(self._written_byline())
        if not people and (declared := self._declared_credit()):
            return declared
        credit = next((a for text in visible[:2] for a in [_agency(text)] if a), None)
        if credit and not any(credit.casefold() in p.casefold() for p in people):
            people.append(credit)
        return ", ".join(people[:6]) or None

    def _role_follows(self, text: str) -> bool:
        """True when the page's text has ``text`` (a byline) followed by a writer's role."""
        name = _BY.sub("", text).split(",")[0].strip(" ;|")
        return bool(name) and re.search(re.escape(name) + _ROLE_AFTER, self._visible_text(), re.I) is not None

    def _written_byline(self) -> str:
        """A byline written in the text, for pages with no byline element: "posted on by Ann Lee", "Story by
        Ann Lee", "Photos and story by Ann Lee" (a bare "Photo by" credit is never read: it names no writer).
        The name stops at a role word ("Special Correspondent") or where a sentence ends."""
        for m in _WRITTEN_BY.finditer(self._visible_text()):
            name: list[str] = []
            for word in m[2].split():
                if word.casefold() in _ROLE_WORDS:
                    break
                if word.endswith(".") and len(word) > 2:  # a sentence ends here ("Ann Lee. Harvard …")
                    name.append(word.rstrip("."))
                    break
                name.append(word)
            return " ".join(name)
        return ""

    def _declared_credit(self) -> str | None:
        """A credit that is no person's name ("AJLabs", "NBC News", a one-word handle) but that the page both
        declares as its author (JSON-LD or <meta>) and shows after "By": the page's own byline, as it is."""
        declared: list[object] = [o.get("author") for o in self.article_ld[:1]]
        declared += [
            v for key in ("author", "article:author", "byl", "parsely-author") for v in self.meta.get(key, [])
        ]
        names: list[str] = []
        for item in declared:
            for one in item if isinstance(item, list) else [item]:
                value = one.get("name") if isinstance(one, dict) else one
                if isinstance(value, str):
                    names.append(_BY.sub("", _clean(value)).strip(" ,;|"))
        text = self._visible_text()
        for name in dict.fromkeys(names):
            if not name or len(name) > 40 or "http" in name or "@" in name or any(c.isdigit() for c in name):
                continue
            if re.search(r"\bBy\s*:?\s*" + re.escape(name) + r"(?!\w)", text, re.I):
                return name
        return None

    def _visible_bylines(self) -> list[str]:
        """Texts of the page's visible byline elements, in document order (short ones only)."""
        found: list[str] = []
        xpaths = (
            '//*[@itemprop="author"]//*[@itemprop="name"]',
            '//*[@itemprop="author"]',
            '//a[@rel="author"]',
            '//*[contains(concat(" ", translate(@class, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", '
            '"abcdefghijklmnopqrstuvwxyz"), " "), "byline") or contains(translate(@class, '
            '"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"), "author")]',
        )
        for xp in xpaths:
            for el in self.tree.xpath(xp):
                if (
                    el.tag in ("meta", "link", "script", "style")
                    or "authority" in (el.get("class") or "").lower()
                ):
                    continue
                text = _clean(el.get("content") if el.tag == "meta" else el.text_content())
                if text and len(text) <= 120:
                    found.append(text)
            if found and xp != xpaths[-1]:
                break
        for a in self.tree.xpath("//a[@href]"):
            if _AUTHOR_HREF.search(a.get("href", "")):
                text = _clean(a.text_content())
                if text and len(text) <= 60:
                    found.append(text)
        return found

    def published(self, trafilatura_date: str | None) -> str | None:
        """The publication day, by weighted vote of the page's date sources (``bot.pagedate``)."""
        sources: dict[str, str] = {}
        for obj in self.article_ld[:1]:
            for key, name in (
                ("datePublished", "ld-published"),
                ("dateCreated", "ld-created"),
                ("dateModified", "ld-modified"),
            ):
                if raw := _clean(obj.get(key) or ""):
                    sources[name] = raw
        if raw := self._meta(*_PUBLISHED_META):
            sources["meta-published"] = raw
        if raw := self._meta(*_MODIFIED_META):
            sources["meta-modified"] = raw
        for node in self.tree.xpath("//time[@datetime]")[:1]:
            sources["time"] = _clean(node.get("datetime"))
        if raw := pagedate.url_date(urlsplit(self.url).path):
            sources["url"] = raw
        if trafilatura_date:
            sources["htmldate"] = trafilatura_date
        return pagedate.choose(sources, self._visible_text())

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


def _agency(text: str) -> str | None:
    """The wire agency named in ``text`` (a byline), if any."""
    for agency in WIRE_AGENCIES:
        if re.search(r"(?<![\w])" + re.escape(agency) + r"(?![\w])", text, re.I if len(agency) > 4 else 0):
            return agency
    return None
