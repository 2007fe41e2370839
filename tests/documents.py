"""Documents the tests make themselves: PDFs (fpdf2) and Word files (python-docx), from passages written here.

    press_release() / court_filing()   (plain text, PDF bytes): the same words, pasted or as a document
    columns_pdf(), scanned_pdf(), encrypted_pdf(), long_pdf(n), docx_file(paragraphs, title=…)

Every passage is invented for these tests. The PDFs carry a running header and a "Page n of m" footer, and
the press release breaks words with a hyphen at line ends, as typeset documents do.
"""

from __future__ import annotations

import io

from fpdf import FPDF

# a short news page, served by the local stand-ins as a link to digest
FERRY_PAGE = (
    "<!DOCTYPE html><html><head><title>Ferry timetable cut for the winter</title></head><body><article>"
    "<h1>Ferry timetable cut for the winter</h1>"
    "<p>The island ferry will run four times a day instead of six from November, the operator said on "
    "Monday, blaming the cost of fuel and a shortage of crew for the smaller winter timetable.</p>"
    "<p>\u201cWe would rather run fewer sailings reliably than cancel them at the last minute,\u201d said "
    "operations manager Ines Calloway, who added that the summer timetable would return in April.</p>"
    "<p>Islanders said the first morning sailing matters most, because children cross for school.</p>"
    "</article></body></html>"
)

PRESS_TITLE = "Riverside County opens new flood shelter in Dunmore"
PRESS_RELEASE = [
    "DUNMORE - Riverside County opened a permanent flood shelter on Tuesday beside the old rail depot, "
    "giving families in the low-lying east side a dry place to wait out the spring storms.",
    '"Nobody in this county should have to sleep in a school gym again," said County Executive Marisol '
    "Okafor, who cut the ribbon with volunteers from the neighborhood association.",
    "The shelter holds 240 cots, a kitchen and a clinic room, and it cost $4.2 million, most of it from a "
    "state resilience grant approved last year.",
    "Emergency Management Director Colin Hartwell said the building would open whenever the river gauge at "
    'Mill Street passes flood stage. "We will not wait for the water to reach the doorsteps," Hartwell said.',
    "Neighbors had asked for the shelter after the floods of two winters ago, when more than 300 "
    "households were evacuated in a single night.",
    '"This was their idea before it was ours," said Deputy Mayor Priya Ramaswamy. "They drew the first '
    'floor plan on a napkin at a town meeting."',
    "The county will staff the building with trained volunteers and two full-time coordinators, according "
    "to the budget office.",
]
FILING_TITLE = "Motion for preliminary injunction in Harlow Tenants Union v. Brightwater Properties"
COURT_FILING = [
    "The plaintiffs, tenants of the Harlow Street apartments, ask the court to stop Brightwater Properties "
    "from shutting off heat in occupied units while the case proceeds.",
    "In a sworn statement, building inspector Dana Whitfield said she measured indoor temperatures below "
    '50 degrees in eleven units. "The boilers were switched off by hand, not by any fault," Whitfield said.',
    '"Our members have been heating their kitchens with the oven door open," said Tomas Greer, president '
    "of the Harlow Tenants Union, in a declaration filed with the motion.",
    "City Housing Commissioner Renata Oduya wrote to the landlord twice in January. The company has not "
    "answered either letter, the filing says.",
    "The plaintiffs argue that each night without heat causes harm that money cannot repair, and that the "
    "balance of hardships falls plainly on the tenants.",
    "A hearing on the motion is set for next Thursday before Judge Harold Nakamura.",
]


class _Doc(FPDF):
    running_head = "For immediate release"

    def header(self) -> None:
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, self.running_head, align="R")
        self.ln(10)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")


def _pdf(
    title: str,
    paragraphs: list[str],
    *,
    head: str,
    hyphenate: bool = False,
    metadata: bool = True,
    size: int = 11,
) -> bytes:
    pdf = _Doc()
    pdf.running_head = head
    if metadata:
        pdf.set_title(title)
    pdf.set_margins(22, 18, 22)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 17)
    pdf.multi_cell(0, 9, title)
    pdf.ln(5)
    pdf.set_font("Helvetica", "", size)
    for paragraph in paragraphs * 3:  # long enough for two pages, so the header and footer repeat
        pdf.multi_cell(0, 6, _hyphenated(pdf, paragraph) if hyphenate else paragraph)
        pdf.ln(3)
    return bytes(pdf.output())


def _hyphenated(pdf: FPDF, paragraph: str) -> str:
    """``paragraph`` broken into lines by hand, splitting a long word with a hyphen where a line fills up."""
    width = pdf.w - pdf.l_margin - pdf.r_margin - 2
    lines, line = [], ""
    for word in paragraph.split():
        trial = f"{line} {word}".strip()
        if pdf.get_string_width(trial) <= width:
            line = trial
            continue
        cut = next(
            (n for n in range(len(word) - 3, 2, -1) if pdf.get_string_width(f"{line} {word[:n]}-") <= width),
            0,
        )
        if len(word) >= 6 and word.isalpha() and cut:
            lines.append(f"{line} {word[:cut]}-")
            line = word[cut:]
            continue
        lines.append(line)
        line = word
    lines.append(line)
    return "\n".join(lines)


def press_release() -> tuple[str, bytes]:
    text = PRESS_TITLE + "\n\n" + "\n\n".join(PRESS_RELEASE * 3)
    return text, _pdf(PRESS_TITLE, PRESS_RELEASE, head="Riverside County Press Office", hyphenate=True)


def court_filing() -> tuple[str, bytes]:
    text = FILING_TITLE + "\n\n" + "\n\n".join(COURT_FILING * 3)
    return text, _pdf(FILING_TITLE, COURT_FILING, head="Case No. 24-CV-0193  Document 12", metadata=False)


def double_spaced_filing() -> bytes:
    """A court filing as courts want it: double-spaced, paragraphs marked by a first-line indent only,
    the caption in bold at the body's size, no metadata."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Times", "B", 12)
    pdf.multi_cell(0, 8.5, FILING_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Times", "", 12)
    for paragraph in COURT_FILING * 2:
        pdf.multi_cell(0, 8.5, "        " + paragraph, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def columns_pdf(left: list[str], right: list[str], title: str) -> bytes:
    """A two-column page: ``left`` paragraphs fill the first column, ``right`` ones the second."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, title)
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 10)
    top = pdf.get_y()
    half = (pdf.w - pdf.l_margin - pdf.r_margin - 10) / 2
    for x, paragraphs in ((pdf.l_margin, left), (pdf.l_margin + half + 10, right)):
        pdf.set_xy(x, top)
        for paragraph in paragraphs:
            pdf.set_x(x)
            pdf.multi_cell(half, 5, paragraph)
            pdf.ln(3)
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """Pages with only drawn shapes, like a scan: no text layer at all."""
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        for row in range(30):
            pdf.rect(20, 20 + row * 8, 170 - (row % 5) * 12, 3, style="F")
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password="reader-secret")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, " ".join(PRESS_RELEASE))
    return bytes(pdf.output())


def long_pdf(pages: int) -> bytes:
    pdf = _Doc()
    pdf.set_font("Helvetica", "", 11)
    for n in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, f"Section {n + 1}. " + PRESS_RELEASE[n % len(PRESS_RELEASE)])
    return bytes(pdf.output())


def docx_file(paragraphs: list[str], *, title: str | None = None, heading: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def unmapped_font_pdf(lines: int = 40) -> bytes:
    """A page set in a font with no map from glyph ids to letters (Identity-H, no ToUnicode), written by
    hand: every reader sees only glyph numbers."""
    content = (
        b"BT /F1 11 Tf 72 740 Td 14 TL\n"
        + b"".join(
            b"<" + "".join(f"{(n * 7 + i) % 90 + 3:04X}" for i in range(60)).encode() + b"> Tj T*\n"
            for n in range(lines)
        )
        + b"ET"
    )
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Foo /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Foo /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 500 >>",
        b"<< /Type /FontDescriptor /FontName /Foo /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
        b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
