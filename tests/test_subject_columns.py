"""Columns of another reporting subject beside the organisation's own (issue 14, item 2):
a resultaträkning that prints the kommun's and the koncern's figures side by side under a
grouped header, a region's "Regionen" and "Regionkoncernen" columns. The koncern's amounts
are budget lines with subject "koncernen"; the organisation's own lines have no subject, so
a sum over them never counts the koncern too."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as Docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from builders import _font
from conftest import query as _q
from sector_documents import _table
from styrdata import api
from styrdata.extract.domain.columns import read_header

RESULT = [
    ["Verksamhetens intäkter", "1", "412,6", "398,1", "655,0", "631,4"],
    ["Verksamhetens kostnader", "2", "−2 301,8", "−2 210,5", "−2 498,3", "−2 402,9"],
    ["Avskrivningar", "3", "−88,2", "−84,0", "−141,7", "−133,5"],
    ["Verksamhetens nettokostnad", "", "−1 977,4", "−1 896,4", "−1 985,0", "−1 905,0"],
    ["Skatteintäkter", "4", "1 702,3", "1 650,8", "1 702,3", "1 650,8"],
    ["Generella statsbidrag och utjämning", "5", "331,9", "312,2", "331,9", "312,2"],
    ["Årets resultat", "", "56,8", "66,6", "49,2", "58,0"],
]
TITLE = "Årsredovisning 2025"


def _result_docx(path: Path) -> Path:
    d = Docx()
    d.add_heading(TITLE, 0)
    d.add_paragraph("Ludvika kommun")
    d.add_paragraph("Kommunfullmäktige")
    d.add_heading("Resultaträkning", 1)
    t = d.add_table(rows=2 + len(RESULT), cols=6)
    t.style = "Table Grid"
    t.cell(0, 0).text, t.cell(0, 1).text = "Miljoner kronor", "Not"
    for k, group in ((2, "Kommunen"), (4, "Koncernen")):  # a grouped header over two years
        t.cell(0, k).merge(t.cell(0, k + 1)).text = group
    for k, text in enumerate(["", "", "2025", "2024", "2025", "2024"]):
        t.cell(1, k).text = text
    for r, row in enumerate(RESULT, start=2):
        for k, text in enumerate(row):
            t.cell(r, k).text = text
    d.save(path)
    return path


def _result_pdf(path: Path) -> Path:
    """The same resultaträkning drawn as annual reports print it: a grouped header centred
    over its two year columns, horizontal rules only."""
    c = canvas.Canvas(str(path), pagesize=A4)
    reg, bold = _font(False), _font(True)
    c.setFont(bold, 16)
    c.drawString(60, 790, TITLE)
    c.setFont(reg, 11)
    c.drawString(60, 770, "Ludvika kommun, kommunfullmäktige")
    c.setFont(bold, 13)
    c.drawString(60, 730, "Resultaträkning")
    widths = [190, 30, 70, 70, 70, 70]
    rights = [60 + sum(widths[: i + 1]) - 4 for i in range(len(widths))]
    y = 700
    c.setFont(bold, 9)
    c.drawCentredString((rights[1] + rights[3]) / 2 + 2, y, "Kommunen")
    c.drawCentredString((rights[3] + rights[5]) / 2 + 2, y, "Koncernen")
    y -= 13
    c.drawString(64, y, "Miljoner kronor")
    c.drawRightString(rights[1], y, "Not")
    for i, t in enumerate(["2025", "2024", "2025", "2024"], start=2):
        c.drawRightString(rights[i], y, t)
    c.line(60, y - 5, 60 + sum(widths), y - 5)
    y -= 18
    for row in RESULT:
        font = bold if row[0] in ("Verksamhetens nettokostnad", "Årets resultat") else reg
        c.setFont(font, 9)
        c.drawString(64, y, row[0])
        for i, t in enumerate(row[1:], start=1):
            c.drawRightString(rights[i], y, t.replace("−", "-"))
        c.line(60, y - 5, 60 + sum(widths), y - 5)
        y -= 18
    c.save()
    return path


def _region_docx(path: Path) -> Path:
    d = Docx()
    d.add_heading("Delårsrapport januari–augusti 2026", 0)
    d.add_paragraph("Region Gävleborg")
    d.add_paragraph("Regionstyrelsen")
    d.add_heading("Ekonomiskt resultat", 1)
    d.add_paragraph("Belopp i mnkr")
    rows = [
        ["", "Regionen Budget 2026", "Regionen Prognos 2026", "Regionkoncernen Prognos 2026"],
        ["Verksamhetens nettokostnad", "−9 812,0", "−9 901,4", "−9 866,2"],
        ["Skatteintäkter och statsbidrag", "9 905,0", "9 958,7", "9 958,7"],
        ["Finansnetto", "−35,0", "−21,3", "−30,9"],
        ["Resultat", "58,0", "36,0", "61,6"],
    ]
    _table(d, rows)
    d.save(path)
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    root = tmp_path_factory.mktemp("subjects")
    raw = root / "raw"
    raw.mkdir()
    _result_docx(raw / "rr.docx")
    _result_pdf(raw / "rr.pdf")
    _region_docx(raw / "region.docx")
    path = root / "w.duckdb"
    api.ingest([raw], path)
    return path


def _lines(db: Path, name: str) -> list[tuple]:
    return _q(
        db,
        "SELECT b.label, b.measure, b.year, b.subject, b.amount_mnkr, b.is_total "
        "FROM budget_lines b JOIN documents d USING (document_id) "
        'WHERE d.source_path LIKE ? ORDER BY b.page, b."row", b.col',
        [f"%{name}"],
    )


@pytest.mark.parametrize("name", ["rr.docx", "rr.pdf"])
def test_the_koncerns_columns_are_budget_lines_of_subject_koncernen(db, name):
    got = _lines(db, name)
    assert len(got) == 4 * len(RESULT)
    keys = [(r[0], r[1], r[2], r[3]) for r in got]
    assert len(keys) == len(set(keys)), "kommun and koncern lines are told apart by subject"
    have = {(r[0], r[2], r[3]): r[4] for r in got}
    assert have[("Verksamhetens intäkter", 2025, None)] == pytest.approx(412.6)
    assert have[("Verksamhetens intäkter", 2025, "koncernen")] == pytest.approx(655.0)
    assert have[("Årets resultat", 2024, None)] == pytest.approx(66.6)
    assert have[("Årets resultat", 2024, "koncernen")] == pytest.approx(58.0)
    assert {r[1] for r in got} == {"utfall"}
    # the note references are no amounts
    assert not [r for r in got if r[4] in (1.0, 2.0, 3.0, 4.0, 5.0)]


def test_a_sum_over_the_organisations_own_lines_leaves_the_koncern_out(db):
    own = [r for r in _lines(db, "rr.docx") if r[3] is None and r[2] == 2025]
    assert sum(r[4] for r in own if r[0] == "Skatteintäkter") == pytest.approx(1702.3)
    assert len(own) == len(RESULT)


def test_a_regions_own_columns_are_its_own_and_the_regionkoncern_is_the_koncern(db):
    got = _lines(db, "region.docx")
    have = {(r[0], r[1], r[3]): r[4] for r in got}
    assert have[("Resultat", "budget", None)] == pytest.approx(58.0)
    assert have[("Resultat", "prognos", None)] == pytest.approx(36.0)
    assert have[("Resultat", "prognos", "koncernen")] == pytest.approx(61.6)
    assert {r[2] for r in got} == {2026}
    assert len(got) == 12


@pytest.mark.parametrize(
    "header, subject",
    [
        ("Kommunen 2025", None),
        ("Regionen Budget 2026", None),
        ("Förbundet Utfall 2025", None),
        ("Koncernen 2025", "koncernen"),
        ("Kommunkoncernen Bokslut 2024", "koncernen"),
        ("Sammanställd redovisning 2025", "koncernen"),
        ("Riket 2024", "riket"),
        ("Länet", "länet"),
        ("Liknande kommuner", "liknande kommuner"),
    ],
)
def test_a_headers_subject(header, subject):
    assert read_header(header).subject == subject


def test_compared_totals_are_the_organisations_own(db):
    got = api.compare(budget="resultatbudget", long=True, db=db)
    # the PDF and the DOCX are one edition of the report: the PDF is compared
    assert set(zip(got.file, got.label, got.year, got.amount_mnkr, strict=True)) == {
        ("rr.pdf", "Årets resultat", 2025, 56.8),
        ("rr.pdf", "Årets resultat", 2024, 66.6),
    }
