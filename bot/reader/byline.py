"""Who wrote a page: the byline rules of the page reader (``bot.reader.article``), as a mixin of its
``_Page``.

    byline    JSON-LD Person authors, <meta name=author>, then the visible byline (itemprop/rel/class
              "author"/"byline", "By …" links to author pages; one followed by a writer's role first), then
              one written in the text ("Story by …"); publisher and site names are never taken for a person,
              a wire agency is kept only as the credit the visible byline gives, and with no person named a
              credit the page both declares and shows after "By" stands as it is

Also the small metadata-string helpers both modules use (``_clean``, ``_alnum``, ``_types``).
"""

from __future__ import annotations

import copy
import html as htmllib
import re
from typing import Any

# Wire services and publishers that appear in author fields but are not people.
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
_AUTHOR_HREF = re.compile(
    r"/(?:authors?|writers?|people|person|staff|by|profile|contributors?|journalists?)/", re.I
)
_BY = re.compile(r"^\s*(?:written\s+)?by[\s:—–-]+", re.I)
_ROLES = "writer|reporter|correspondent|editor|columnist|contributor|journalist"
_ROLE_AFTER = rf"\s*,?\s*(?:[\w.'’-]+\s+){{0,4}}(?:{_ROLES})s?\b"
_ROLE_WORDS = frozenset(_ROLES.split("|") + "special staff senior contributing chief associate".split())
_ROLE_PLURALS = frozenset(word + "s" for word in _ROLES.split("|"))
# "Posted on Dec. 5, 2023 by", "posted on 2023-12-05 23:30 EST by", "Story by", "Review by", "Written by",
# then two to four capitalised words (a name); the dateline between "on" and "by" holds no sentence end
_WRITTEN_BY = re.compile(
    r"\b((?i:posted|published|written|story|review|report|words|reporting|photos and story)"
    r"(?:\s+on(?:\s+(?:[A-Z][a-z]+\.?,?\s+){0,2}\d[\w,.:-]*(?:\s+[\w,.:-]+){0,4}?)?)?)"
    r"\s+(?i:by)\s+([A-Z][\w'’.-]+(?:[^\S\n]+[A-Z][\w'’.-]*){1,3})"
)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-Þ][\w'’.\-]*|[A-Z]\.|de|da|del|der|van|von|di|la|le|bin|al|of|the|y|dos|du)$"
)


def _clean(value: object) -> str:
    """A metadata string: HTML entities decoded, whitespace collapsed."""
    if not isinstance(value, str):
        return ""
    return " ".join(htmllib.unescape(htmllib.unescape(value)).split())


def _spoken(element: Any, joiner: str = " ") -> str:
    """An element's text with each line break (<br>) read as ``joiner``: a headline's "four<br>from" is "four
    from"; a byline's "Ana Ruiz<br>Harbour reporter" is "Ana Ruiz, Harbour reporter" with ``joiner=", "``."""
    if not element.xpath(".//br"):
        return element.text_content()
    copied = copy.deepcopy(element)
    for br in copied.iter("br"):
        br.tail = joiner + (br.tail or "")
    return copied.text_content().strip().strip(joiner.strip()).strip()  # no joiner before the first line


def _alnum(value: str) -> str:
    return re.sub(r"[\W_]+", "", value.casefold())


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).casefold() for k in kinds}


class Bylines:
    """The byline methods of ``bot.reader.article._Page`` (which provides tree, meta, ld, article_ld,
    site_names, _site_like and _visible_text)."""

    tree: Any
    meta: dict[str, list[str]]
    ld: list[dict]
    article_ld: list[dict]

    def site_names(self) -> list[str]:  # pragma: no cover - provided by _Page
        raise NotImplementedError

    def _site_like(self, segment: str, sites: list[str]) -> bool:  # pragma: no cover - provided by _Page
        raise NotImplementedError

    def _visible_text(self) -> str:  # pragma: no cover - provided by _Page
        raise NotImplementedError

    def _ld_node(self, ident: object) -> dict | None:
        """The JSON-LD object whose @id is ``ident`` and that carries a name, if the page has one."""
        for obj in self.ld:
            name = obj.get("name")
            if obj.get("@id") == ident and isinstance(name, str) and name.strip():
                return obj
        return None

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
        words = name.split()
        while words and words[-1].casefold().strip(".,") in _ROLE_WORDS | _ROLE_PLURALS:
            words.pop()  # a role after the name ("Ann Lee Staff Writer", or "Senior Correspondent" alone)
        name = " ".join(words)
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
        value = re.sub(r"\s*\(([^()]*)\)", r", \1", value)  # "Ann Lee (Reuters)": a credit in brackets
        # a first-person piece credited "Ann Lee as told to Ben Roe": the writer is the one told
        value = re.split(r"\s+as\s+told\s+to\s+", value, flags=re.I)[-1]
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
                if not raw.get("name") and raw.get("@id"):
                    raw = self._ld_node(raw["@id"]) or raw  # a reference into the @graph (Yoast and others)
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
        declares as its author (JSON-LD or <meta>) and shows after "By", or that its byline element gives as
        "By <the site's own name>" (a staff credit): the page's own byline, as it is."""
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
        sites = self.site_names()
        for shown in self._visible_bylines():
            name = re.split(r"\s+[-–—|·•]\s*|\s*,\s*", _BY.sub("", shown).strip())[0]  # "By Site - Mar 5"
            if _BY.match(shown) and any(_alnum(name) == _alnum(site) for site in sites):
                names.append(name)
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
                text = _clean(el.get("content") if el.tag == "meta" else _spoken(el, ", "))
                if text and len(text) <= 120:
                    found.append(text)
            if found and xp != xpaths[-1]:
                break
        for a in self.tree.xpath("//a[@href]"):
            if _AUTHOR_HREF.search(a.get("href", "")):
                text = _clean(_spoken(a, ", "))
                if text and len(text) <= 60:
                    found.append(text)
        return found


def _agency(text: str) -> str | None:
    """The wire agency named in ``text`` (a byline), if any."""
    for agency in WIRE_AGENCIES:
        if re.search(r"(?<![\w])" + re.escape(agency) + r"(?![\w])", text, re.I if len(agency) > 4 else 0):
            return agency
    return None
