"""Documents -> ``Article``: PDF, Word (.docx), Markdown and plain-text files, from a link or a Slack file.

    read_document(data, name=…, content_type=…, url=…)   bytes -> Article (title + paragraphs), or one line

PDF text comes from pdfminer.six's layout analysis (chosen over pypdf because it groups characters into lines
and lines into text boxes with their coordinates and font sizes, and orders boxes across columns; pypdf gives
one flat string per page, so columns, paragraphs and page furniture would have to be re-found by hand).
On top of it this module:

    - joins the lines of a paragraph, splitting a text box where the gap grows, a line is indented after a
      sentence end, or a short line ends a sentence;
    - drops page furniture: a line in the top or bottom band of the page that repeats (digits ignored) on
      other pages, and page numbers ("7", "Page 7 of 12", "- 7 -") in those bands;
    - undoes hyphenation across lines ("transpor-" + "tation"), keeping the hyphen when the document writes
      the word with one elsewhere;
    - takes the title from the document's metadata when it reads as a title, else from its first heading
      (the first short box on page one set larger than the body text).

A PDF without a text layer (a scan), a password-protected or damaged one, one whose fonts map no glyph to a
letter, a Word file that is not one, and a file that would unpack to far too much (a decompression bomb,
checked before parsing) each raise ``InputError`` with one line; past ``MAX_PAGES`` pages only the first
ones are read, with a note.
Word files are read with python-docx (paragraphs in order, tables row by row); Markdown loses its marks.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import time
import zlib
from collections import Counter
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from bot.errors import InputError
from bot.models import Article

log = logging.getLogger(__name__)
logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings on odd but readable files are noise

MAX_PAGES = 40  # a longer PDF is read up to here (a budget book would take minutes and flood the digest)
READ_SECONDS = 20.0  # laying out pages stops here too (a hostile page can take pdfminer very long)
MIN_WORDS = 40
_BAND = 0.09  # top and bottom share of a page where running headers, footers and page numbers sit
_PAGE_NUMBER = re.compile(
    r"^[-–—(\[\s]*(?:page|p\.|pg\.?)?\s*\d{1,4}\s*(?:(?:of|/)\s*\d{1,4})?[-–—)\]\s]*$", re.I
)
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00ad": "",
    }
)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")
_HYPHEN_END = re.compile(r"(\w+)-$")
# Metadata titles that name no document: editors' defaults, file names, and the bare name of a genre ("Press
# Release", "Statement"), which the first heading beats.
_JUNK_TITLE = re.compile(
    r"^(?:untitled|microsoft (?:word|powerpoint)\b|document\d*$|\S+\.(?:docx?|pdf|indd)$"
    r"|(?:for immediate )?(?:press|news|media) release$|(?:joint )?statement$|memo(?:randum)?$|report$"
    r"|(?:fact|information) sheet$|notice$|agenda$|minutes$|slide \d+$|powerpoint presentation$)",
    re.I,
)

PDF_TYPES = {"application/pdf", "application/x-pdf"}
DOCX_TYPES = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
SCANNED = "That PDF has no text layer (it looks scanned), so there is nothing to read: paste its text."
ENCRYPTED = "That PDF is password-protected, so Legwork cannot open it: paste its text instead."
DAMAGED = "That PDF is damaged or not really a PDF, so it could not be read."
NOT_DOCX = "That Word file could not be opened (damaged, password-protected or an old .doc): paste its text."
TOO_LITTLE = "That document has too little text to digest."
UNDECODABLE = (
    "That PDF's fonts carry no map from glyphs to letters, so its text cannot be read: paste its text."
)
_CID = re.compile(r"\(cid:\d+\)")
TOO_BIG_PDF = "That PDF unpacks to far too much to read (over 300 MB): paste its text instead."
MAX_INFLATED = 300_000_000  # what a PDF's compressed streams may unpack to, all together
TOO_BIG_DOCX = "That Word file unpacks to far too much to read (over 100 MB): paste its text instead."
MAX_UNPACKED = 100_000_000  # what a .docx may unpack to (a Word file is a zip archive)


def kind_of(data: bytes, name: str = "", content_type: str = "") -> str | None:
    """ "pdf", "docx", "markdown" or "text" for a file Legwork can read as a document, else None."""
    ctype = content_type.split(";", 1)[0].strip().lower()
    suffix = PurePosixPath(name.lower()).suffix
    if data[:5] == b"%PDF-" or ctype in PDF_TYPES or suffix == ".pdf":
        return "pdf"
    if ctype in DOCX_TYPES or suffix == ".docx":
        return "docx"
    if suffix in (".md", ".markdown") or ctype == "text/markdown":
        return "markdown"
    if suffix == ".txt" or ctype == "text/plain":
        return "text"
    return None


def read_document(data: bytes, *, name: str = "", content_type: str = "", url: str = "") -> Article:
    """The document in ``data`` as an ``Article``; InputError with one line when it cannot be read."""
    kind = kind_of(data, name or urlsplit(url).path, content_type)
    if kind == "pdf":
        title, paragraphs, notes = _pdf(data)
    elif kind == "docx":
        title, paragraphs, notes = _docx(data)
    elif kind in ("markdown", "text"):
        title, paragraphs, notes = _plain(data, markdown=kind == "markdown")
    else:
        raise InputError("Legwork reads PDF, Word (.docx), Markdown and text files only.")
    if title and paragraphs and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    text = "\n\n".join(paragraphs)
    if len(text.split()) < MIN_WORDS:
        raise InputError(SCANNED if kind == "pdf" and not text.strip() else TOO_LITTLE)
    site = urlsplit(url).hostname if url else None
    return Article(
        url=url, text=text, title=title or _file_title(name or urlsplit(url).path), site=site, notes=notes
    )


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _file_title(name: str) -> str | None:
    """A readable title from a file name ("county-budget_2027.pdf" -> "county budget 2027"), if any."""
    stem = PurePosixPath(unquote(name)).stem
    words = re.sub(r"[_\-.]+", " ", stem).split()
    return " ".join(words) if len(words) >= 2 else None


def _clean_line(text: str) -> str:
    return " ".join(text.translate(_LIGATURES).split())


# -- PDF ----------------------------------------------------------------------------------------------------


def _pdf(data: bytes) -> tuple[str | None, list[str], list[str]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psparser import PSException

    if _inflates_past(data, MAX_INFLATED):
        raise InputError(TOO_BIG_PDF)
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        if not document.is_extractable:
            log.info("PDF marked not extractable; reading it anyway (the reporter has it already)")
        pages = list(PDFPage.create_pages(document))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(ENCRYPTED) from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.info("unreadable PDF: %s: %s", type(exc).__name__, exc)
        raise InputError(DAMAGED) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on hostile files; one line each
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise InputError(ENCRYPTED) from None
        log.info("unreadable PDF: %s: %s", type(exc).__name__, exc)
        raise InputError(DAMAGED) from None
    notes = []
    if len(pages) > MAX_PAGES:
        notes.append(f"long document: only the first {MAX_PAGES} of its {len(pages)} pages were read")
        pages = pages[:MAX_PAGES]
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams(line_margin=0.9))
    interpreter = PDFPageInterpreter(manager, device)
    laid: list[tuple[float, list[_Line]]] = []
    started = time.monotonic()
    try:
        for number, page in enumerate(pages):
            if time.monotonic() - started > READ_SECONDS:
                notes.append(f"slow document: only its first {number} page(s) could be read in time")
                break
            interpreter.process_page(page)
            layout = device.get_result()
            boxes: list[list[_Line]] = []
            for box in layout:
                if isinstance(box, LTTextBox):
                    lines = [
                        _Line(_clean_line(ln.get_text()), ln.x0, ln.x1, ln.y0, ln.y1, ln)
                        for ln in box
                        if isinstance(ln, LTTextLine)
                    ]
                    if lines := [ln for ln in lines if ln.text]:
                        boxes.append(lines)
            boxes = _reading_order(boxes)
            for box_no, group in enumerate(boxes):
                for ln in group:
                    ln.box = box_no
            laid.append((layout.height, [ln for group in boxes for ln in group]))
    except Exception as exc:  # noqa: BLE001 - a broken content stream part-way: one line
        log.info("PDF page could not be laid out: %s: %s", type(exc).__name__, exc)
        if not any(lines for _, lines in laid):
            raise InputError(DAMAGED) from None
    all_text = "".join(ln.text for _, lines in laid for ln in lines)
    if all_text and sum(map(len, _CID.findall(all_text))) > 0.3 * len(all_text):
        raise InputError(UNDECODABLE)  # pdfminer writes "(cid:72)" for a glyph it cannot map to a letter
    for _, lines in laid:
        for ln in lines:
            ln.text = " ".join(_CID.sub("", ln.text).split())
    title = _metadata_title(document)
    furniture = _furniture(laid)
    blocks: list[list[_Line]] = []
    for page_no, (height, lines) in enumerate(laid):
        kept = [ln for ln in lines if (page_no, _furniture_key(ln, height)) not in furniture]
        current: list[_Line] = []
        for ln in kept:
            if current and ln.box != current[-1].box:
                blocks.append(current)
                current = []
            current.append(ln)
        if current:
            blocks.append(current)
    body_size = _body_size(blocks)
    if not title:
        title = _heading(blocks[:6], body_size)
    paragraphs: list[str] = []
    for block in blocks:
        parts = _paragraphs(block)
        if parts and paragraphs and not _SENTENCE_END.search(paragraphs[-1]) and parts[0][:1].islower():
            # a paragraph running on to the next column or page
            parts[0] = _join([paragraphs.pop(), parts[0]])
        paragraphs.extend(parts)
    words = Counter(w.casefold() for p in paragraphs for w in re.findall(r"\w+(?:-\w+)*", p))
    paragraphs = [_dehyphenate(p, words) for p in paragraphs]
    return title, [p for p in paragraphs if p.strip()], notes


def _inflates_past(data: bytes, cap: int) -> bool:
    """True when the PDF's Flate streams unpack to more than ``cap`` bytes in all (a decompression bomb, which
    pdfminer would unpack in memory). Fed and counted in bounded steps; nothing unpacked is kept."""
    view = memoryview(data)
    total = 0
    for m in re.finditer(rb"(?<!end)stream\r?\n", data):
        inflater = zlib.decompressobj()
        pos = m.end()
        try:
            while not inflater.eof and pos < len(data):
                chunk = view[pos : pos + 65536]
                pos += len(chunk)
                total += len(inflater.decompress(chunk, 1 << 20))
                while inflater.unconsumed_tail and total <= cap:
                    total += len(inflater.decompress(inflater.unconsumed_tail, 1 << 20))
                if total > cap:
                    return True
        except zlib.error:
            continue  # not a Flate stream (an image, plain text): pdfminer copes
    return False


class _Line:
    """A laid-out line: its text, box, median font size, whether it is set in bold, and its text box."""

    __slots__ = ("text", "x0", "x1", "y0", "y1", "size", "bold", "box")

    def __init__(self, text: str, x0: float, x1: float, y0: float, y1: float, line: object) -> None:
        self.text, self.x0, self.x1, self.y0, self.y1 = text, x0, x1, y0, y1
        chars = [ch for ch in line if hasattr(ch, "size")]  # type: ignore[attr-defined]
        self.size = statistics.median(ch.size for ch in chars) if chars else 0.0
        bold = sum(1 for ch in chars if re.search(r"bold|black|heavy", ch.fontname, re.I))
        self.bold = bool(chars) and bold > len(chars) / 2
        self.box = 0


def _reading_order(boxes: list[list[_Line]]) -> list[list[_Line]]:
    """Text boxes in reading order: top to bottom, but a run of narrow boxes side by side (columns) is read
    column by column, left to right, each from its top; a box spanning most of the text width ends the run."""
    if len(boxes) < 2:
        return boxes
    left = min(ln.x0 for box in boxes for ln in box)
    right = max(ln.x1 for box in boxes for ln in box)
    wide = 0.55 * (right - left)
    ordered: list[list[_Line]] = []
    run: list[list[_Line]] = []

    def flush() -> None:
        columns: list[list[list[_Line]]] = []
        for box in sorted(run, key=lambda b: min(ln.x0 for ln in b)):
            x0, x1 = min(ln.x0 for ln in box), max(ln.x1 for ln in box)
            for column in columns:
                if x0 < max(ln.x1 for b in column for ln in b) and x1 > min(
                    ln.x0 for b in column for ln in b
                ):
                    column.append(box)
                    break
            else:
                columns.append([box])
        for column in columns:
            ordered.extend(sorted(column, key=lambda b: -max(ln.y1 for ln in b)))
        run.clear()

    for box in sorted(boxes, key=lambda b: -max(ln.y1 for ln in b)):
        if max(ln.x1 for ln in box) - min(ln.x0 for ln in box) >= wide:
            flush()
            ordered.append(box)
        else:
            run.append(box)
    flush()
    return ordered


def _metadata_title(document: object) -> str | None:
    from pdfminer.utils import decode_text

    for info in getattr(document, "info", []) or []:
        raw = info.get("Title")
        try:
            value = raw.resolve() if hasattr(raw, "resolve") else raw
            text = decode_text(value) if isinstance(value, bytes) else str(value or "")
        except Exception:  # noqa: BLE001 - odd metadata objects are ignored
            continue
        text = _clean_line(text.replace("\x00", ""))
        if len(text.split()) >= 2 and len(text) <= 200 and not _JUNK_TITLE.search(text):
            return text
    return None


def _furniture_key(line: _Line, height: float) -> str | None:
    """The repeat key of a line in the top or bottom band of its page (digits as #), else None."""
    if line.y0 < height * _BAND or line.y1 > height * (1 - _BAND):
        return re.sub(r"\d+", "#", line.text.casefold())
    return None


def _furniture(pages: list[tuple[float, list[_Line]]]) -> set[tuple[int, str | None]]:
    """(page, key) of running headers, footers and page numbers: band lines repeated on other pages (or on
    half the pages of a long document), and lines that are only a page number."""
    seen: Counter[str] = Counter()
    for height, lines in pages:
        seen.update({k for ln in lines if (k := _furniture_key(ln, height))})
    found: set[tuple[int, str | None]] = set()
    for page_no, (height, lines) in enumerate(pages):
        for ln in lines:
            key = _furniture_key(ln, height)
            if key is None:
                continue
            if _PAGE_NUMBER.match(ln.text) or (len(pages) > 1 and seen[key] >= max(2, len(pages) // 2)):
                found.add((page_no, key))
    return found


def _body_size(blocks: list[list[_Line]]) -> float:
    sizes = Counter(round(ln.size) for block in blocks for ln in block for _ in ln.text.split())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _heading(blocks: list[list[_Line]], body_size: float) -> str | None:
    """The first run of lines on page one set larger than the body text, or in bold when the body is not
    (a heading, even where the layout put it in one box with the paragraph below it)."""
    bold_body = _bold_body(blocks)
    for block in blocks:
        run = []
        for ln in block:
            if (body_size and ln.size >= body_size * 1.1) or (ln.bold and not bold_body):
                run.append(ln.text)
            else:
                break
        if 2 <= len(" ".join(run).split()) <= 25:
            return " ".join(run)
    return None


def _bold_body(blocks: list[list[_Line]]) -> bool:
    lines = [ln for block in blocks for ln in block]
    return sum(ln.bold for ln in lines) > len(lines) / 2


def _paragraphs(block: list[_Line]) -> list[str]:
    """A text box's lines as paragraphs: a new one where the gap grows, after an indent or a short line."""
    if not block:
        return []
    gaps = [a.y0 - b.y1 for a, b in zip(block, block[1:], strict=False)]
    usual = statistics.median(gaps) if gaps else 0.0
    left = min(ln.x0 for ln in block)
    right = max(ln.x1 for ln in block)
    width = right - left
    out: list[list[str]] = [[block[0].text]]
    for prev, line, gap in zip(block, block[1:], gaps, strict=False):
        ends = bool(_SENTENCE_END.search(prev.text))
        new = (
            gap > usual + max(2.0, 0.4 * line.size)
            or abs(line.size - prev.size) > 1.0
            or (prev.bold and not line.bold)  # a bold heading run into the paragraph below it
            or (ends and line.x0 > left + 1.5 * max(line.size, 1.0))
            or (ends and width > 0 and prev.x1 < right - 0.15 * width)
        )
        if new:
            out.append([line.text])
        else:
            out[-1].append(line.text)
    return [_join(lines) for lines in out]


def _join(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if text.endswith("-") and _HYPHEN_END.search(text) and line[:1].islower():
            text += "\u2060" + line  # marked; _dehyphenate decides whether the hyphen stays
        else:
            text = f"{text} {line}" if text else line
    return text


def _dehyphenate(text: str, words: Counter[str]) -> str:
    """Undo a line-end hyphen unless the document writes that compound with a hyphen elsewhere."""

    def fix(m: re.Match[str]) -> str:
        joined = m[1] + m[2]
        if words[f"{m[1]}-{m[2]}".casefold()] > 0 and words[joined.casefold()] == 0:
            return f"{m[1]}-{m[2]}"
        return joined

    return re.sub(r"(\w+)-\u2060(\w+)", fix, text).replace("\u2060", "")


# -- Word, Markdown, plain text -----------------------------------------------------------------------------


def _docx(data: bytes) -> tuple[str | None, list[str], list[str]]:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED:  # a zip bomb: refused before anything is decompressed
            raise InputError(TOO_BIG_DOCX)
        document = docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        log.info("unreadable Word file: %s: %s", type(exc).__name__, exc)
        raise InputError(NOT_DOCX) from None
    except Exception as exc:  # noqa: BLE001 - hostile XML and the like: one line
        log.info("unreadable Word file: %s: %s", type(exc).__name__, exc)
        raise InputError(NOT_DOCX) from None
    declared = _clean_line(document.core_properties.title or "")
    title = declared if len(declared.split()) >= 2 and not _JUNK_TITLE.search(declared) else None
    paragraphs: list[str] = []
    heading = None
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                cells = list(dict.fromkeys(_clean_line(c.text) for c in row.cells))
                if line := " | ".join(c for c in cells if c):
                    paragraphs.append(line)
            continue
        text = _clean_line(block.text)
        if not text:
            continue
        style = (block.style.name if block.style is not None else "").casefold()
        if heading is None and not paragraphs and (style == "title" or style.startswith("heading")):
            heading = text
        paragraphs.append(text)
    return title or heading, paragraphs, []


_MD_MARKS = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<!\w)([*_])(?!\s)(.+?)(?<!\s)\1(?!\w)"), r"\2"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"^\s{0,3}(?:>\s?)+", re.M), ""),  # block quotes
    (re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+", re.M), ""),  # list markers
]


def _plain(data: bytes, *, markdown: bool) -> tuple[str | None, list[str], list[str]]:
    from bot.reader.charset import decode_body

    if b"\x00" in data[:4096].lstrip(b"\xff\xfe"):
        raise InputError("That file looks binary, not text.")
    _, text = decode_body(data, "", html=False)
    title = None
    if markdown:
        text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
        if m := re.search(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", text, re.M):
            title = _clean_line(m[1])
        text = re.sub(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", r"\1", text, flags=re.M)
        text = re.sub(r"^\s{0,3}(?:[-*_]\s*){3,}$", "", text, flags=re.M)  # rules
        for pattern, repl in _MD_MARKS:
            text = pattern.sub(repl, text)
    paragraphs = [_clean_line(p) for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return title, [p for p in paragraphs if p], []
