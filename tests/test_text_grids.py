"""Tables of text with no rules at all (issue 14): a Word table with its borders turned off,
its cells' text wrapped over several lines — a risk table, an indicator table — read as a
table with each cell's lines joined; and text that is no table (two columns of prose, a
list, key-value lines, three columns of prose under headings) left as text."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from builders import _font
from styrdata.extract import read_document
from styrdata.extract.domain.risks import extract_risks
from styrdata.extract.readers import convert

_, PAGE_H = A4
SIZE = 10.0
LEAD = 12.0

RISKS = [
    ["Risk", "Sannolikhet", "Konsekvens", "Åtgärd"],
    [
        "Brist på sjuksköterskor med rätt kompetens under sommarperioden",
        "3",
        "4",
        "Rekrytering via bemanningsföretag och riktad kompetensutveckling",
    ],
    [
        "Felaktiga utbetalningar av försörjningsstöd",
        "2",
        "3",
        "Stickprovskontroll av beslut varje månad",
    ],
    [
        "Otillräcklig uppföljning av avtal med externa utförare",
        "3",
        "3",
        "Avtalsuppföljning enligt fastställd plan",
    ],
]

INDICATORS = [
    ["Indikator", "Utfall 2025", "Mål 2026", "Kommentar"],
    [
        "Andel elever som känner sig trygga i skolan",
        "78 %",
        "80 %",
        "Ökning jämfört med föregående år men målet nås inte",
    ],
    [
        "Andel brukare som är nöjda med hemtjänsten",
        "91 %",
        "90 %",
        "Målet är uppnått",
    ],
    [
        "Sjukfrånvaro bland medarbetarna",
        "7,9 %",
        "7,0 %",
        "Hög korttidsfrånvaro under vintern",
    ],
]


def _grid_page(c, title: str, rows: list[list[str]], xs: list[float], padding: float) -> None:
    """A table with no rules: each cell's text wrapped to its column, top-aligned; the
    header in bold; ``padding`` points between rows."""
    reg, bold = _font(False), _font(True)
    c.setFont(bold, 14)
    c.drawString(60, PAGE_H - 60, title)
    c.setFont(reg, SIZE)
    c.drawString(60, PAGE_H - 84, "Tabellen visar nämndens bedömning.")
    y = PAGE_H - 110
    widths = [b - a - 8 for a, b in zip(xs, [*xs[1:], 540], strict=False)]
    for r, row in enumerate(rows):
        font = bold if r == 0 else reg
        wrapped = [simpleSplit(text, font, SIZE, w) for text, w in zip(row, widths, strict=True)]
        for k, lines in enumerate(wrapped):
            c.setFont(font, SIZE)
            for n, line in enumerate(lines):
                c.drawString(xs[k], y - n * LEAD, line)
        y -= LEAD * max(len(x) for x in wrapped) + padding
    c.setFont(reg, SIZE)
    c.drawString(60, y - 20, "Nämnden följer upp riskerna i delårsrapporten.")


def grids_pdf(path: Path, padding: float = 6.0) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    _grid_page(c, "Internkontrollplan 2026", RISKS, [60, 250, 330, 410], padding)
    c.showPage()
    _grid_page(c, "Indikatorer", INDICATORS, [60, 250, 320, 390], padding)
    c.save()
    return path


def not_tables_pdf(path: Path) -> Path:
    """Text set in columns and lines that look a little like a table but are none."""
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(bold, 14)
    c.drawString(60, PAGE_H - 60, "Verksamhetsberättelse 2025")
    prose = (
        "Nämnden har under året arbetat med att förbättra tillgängligheten i verksamheten. "
        "Arbetet har skett i nära samarbete med brukarna och deras anhöriga och har gett "
        "goda resultat. Inför kommande år fortsätter arbetet med digitala tjänster."
    )
    y = PAGE_H - 100
    # two columns of prose
    for x in (60, 310):
        c.setFont(reg, SIZE)
        for n, line in enumerate(simpleSplit(prose, reg, SIZE, 220)):
            c.drawString(x, y - n * LEAD, line)
    y -= 120
    # three columns of prose, each under a short heading
    for x, head in zip((60, 230, 400), ("Trygghet", "Hållbarhet", "Ekonomi"), strict=True):
        c.setFont(bold, SIZE)
        c.drawString(x, y, head)
        c.setFont(reg, SIZE)
        for n, line in enumerate(simpleSplit(prose + " " + prose, reg, SIZE, 150)):
            c.drawString(x, y - (n + 1) * LEAD, line)
    y -= 260
    # key-value lines and a list
    c.setFont(reg, SIZE)
    for k, v in [
        ("Telefon:", "0660-123 45"),
        ("E-post:", "namnd@kommun.se"),
        ("Diarienr:", "KS 2025/117"),
    ]:
        c.drawString(60, y, k)
        c.drawString(200, y, v)
        y -= LEAD
    y -= LEAD
    for item in ("Tillgänglighet", "Digitalisering", "Kompetensförsörjning"):
        c.drawString(70, y, "• " + item)
        y -= LEAD
    c.save()
    return path


def _tables(path: Path):
    return [b.table for b in read_document(str(path)).blocks if b.table is not None]


@pytest.mark.parametrize("padding", [6.0, 0.0], ids=["padded rows", "rows set close"])
def test_a_table_of_wrapped_text_with_no_rules_is_read_cell_by_cell(tmp_path, padding):
    tables = _tables(grids_pdf(tmp_path / "grids.pdf", padding))
    assert [t.grid() for t in tables] == [RISKS, INDICATORS]
    assert all(c.is_header for t in tables for c in t.cells if c.row == 0)


def test_the_risk_table_gives_the_same_risks_as_from_a_docx(tmp_path):
    risks = extract_risks(read_document(str(grids_pdf(tmp_path / "grids.pdf"))))
    assert [(r.risk, r.probability, r.consequence) for r in risks] == [
        (row[0], int(row[1]), int(row[2])) for row in RISKS[1:]
    ]
    assert [[a.action for a in r.actions] for r in risks] == [[row[3]] for row in RISKS[1:]]


def test_prose_in_columns_lists_and_key_value_lines_are_no_tables(tmp_path):
    doc = read_document(str(not_tables_pdf(tmp_path / "text.pdf")))
    assert [b for b in doc.blocks if b.table is not None] == []
    text = " ".join(b.text for b in doc.blocks)
    assert "Telefon: 0660-123 45" in text or "Telefon:" in text


def _borderless_risk_docx(path: Path) -> Path:
    """A risk table as Word users set it: a table with its borders turned off."""
    from docx import Document as Docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    d = Docx()
    d.add_heading("Internkontrollplan 2026", 1)
    d.add_paragraph("Nämndens risker och kontrollmoment.")
    t = d.add_table(rows=len(RISKS), cols=len(RISKS[0]))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), "nil")
        borders.append(e)
    t._tbl.tblPr.append(borders)
    widths = [Cm(5.5), Cm(2.6), Cm(2.6), Cm(5.8)]  # no word wider than its column
    t.autofit = False
    for k, w in enumerate(widths):
        t.columns[k].width = w
    for r, row in enumerate(RISKS):
        for k, text in enumerate(row):
            t.cell(r, k).width = widths[k]
            t.cell(r, k).text = text
            if r == 0:
                t.cell(r, k).paragraphs[0].runs[0].bold = True
    d.add_paragraph("Nämnden följer upp riskerna i delårsrapporten.")
    d.save(str(path))
    return path


@pytest.mark.skipif(
    convert.libreoffice_binary() is None, reason="LibreOffice not installed (.ci/run installs it)"
)
def test_a_borderless_word_table_printed_to_pdf_gives_the_risks_of_the_docx(tmp_path):
    src = _borderless_risk_docx(tmp_path / "ik.docx")
    subprocess.run(
        [
            convert.libreoffice_binary(),
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )

    def risks(path):
        return [
            (r.risk, r.probability, r.consequence, [a.action for a in r.actions])
            for r in extract_risks(read_document(str(path)))
        ]

    assert risks(tmp_path / "pdf" / "ik.pdf") == risks(src)
    assert len(risks(src)) == 3
