"""Goals boxed under their område (issue 19): a follow-up of the committee's priorities sets
each område as a heading, the priority it decided for it in a shaded box right under the
heading, then the administration's account. The box is the område's goal; a box outside a
goal section, or a table of figures under an område, is none. As DOCX and as PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as Docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from builders import _font
from styrdata.extract import read_document
from styrdata.extract.domain.goal_structures import extract_goal_structures

_, PAGE_H = A4

AREAS = [
    (
        "Fler besökare i biblioteken",
        "Biblioteken ska nå fler barn och unga genom längre öppettider på helgerna "
        "och ett utökat samarbete med skolorna i hela kommunen.",
    ),
    (
        "Ett aktivt föreningsliv",
        "Bidragen till föreningar som bedriver verksamhet för barn och unga höjs "
        "inför 2026 så att fler kan delta i en meningsfull fritid.",
    ),
    ("Tillgängliga lokaler", None),
]
ACCOUNT = (
    "Förvaltningen har under perioden genomfört flera insatser inom området och "
    "arbetet fortsätter enligt plan under resten av året."
)
INTRO = "Varje område beskrivs utifrån nämndens inriktning och förvaltningens insatser."


def boxes_pdf(path: Path) -> Path:
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(bold, 20)
    c.drawString(60, PAGE_H - 60, "Uppföljning inriktning budget 2026")
    c.setFont(reg, 10)
    c.drawString(60, PAGE_H - 80, "Kultur- och fritidsnämnden")
    y = PAGE_H - 120
    c.setFont(bold, 16)
    c.drawString(60, y, "Uppföljning per område")
    y -= 22
    c.setFont(reg, 10)
    c.drawString(60, y, INTRO)
    y -= 34
    for area, box in AREAS:
        c.setFont(bold, 13)
        c.drawString(60, y, area)
        y -= 14
        if box:
            lines = simpleSplit(box, bold, 10, 400)
            h = 14 * len(lines) + 16
            c.setFillColorRGB(0.1, 0.4, 0.3)
            c.rect(60, y - h, 440, h, stroke=0, fill=1)
            c.setStrokeColorRGB(0, 0, 0)
            for x in (60, 80, 480, 500):  # the box and its padding, drawn as a grid
                c.line(x, y, x, y - h)
            for yy in (y, y - 8, y - h + 8, y - h):
                c.line(60, yy, 500, yy)
            c.setFillColorRGB(1, 1, 1)
            c.setFont(bold, 10)
            for n, line in enumerate(lines):
                c.drawString(84, y - 19 - 14 * n, line)
            c.setFillColorRGB(0, 0, 0)
            y -= h + 18
        c.setFont(reg, 10)
        for line in simpleSplit(ACCOUNT, reg, 10, 440):
            c.drawString(60, y, line)
            y -= 13
        y -= 22
    c.save()
    return path


def boxes_docx(path: Path) -> Path:
    d = Docx()
    d.add_heading("Uppföljning inriktning budget 2026", 0)
    d.add_paragraph("Kultur- och fritidsnämnden")
    d.add_heading("Uppföljning per område", 1)
    d.add_paragraph(INTRO)
    for area, box in AREAS:
        d.add_heading(area, 2)
        if box:
            t = d.add_table(rows=1, cols=1)
            t.style = "Table Grid"
            cell = t.cell(0, 0)
            cell.text = box
            shd = OxmlElement("w:shd")
            shd.set(qn("w:val"), "clear")
            shd.set(qn("w:fill"), "1F6B4F")
            cell._tc.get_or_add_tcPr().append(shd)
        d.add_paragraph(ACCOUNT)
    d.save(path)
    return path


@pytest.mark.parametrize("build", [boxes_pdf, boxes_docx], ids=["pdf", "docx"])
def test_a_box_under_an_omrade_is_its_goal(tmp_path, build):
    path = build(tmp_path / f"uppfoljning.{'pdf' if build is boxes_pdf else 'docx'}")
    goals = extract_goal_structures(read_document(str(path)))
    got = [
        (g.kind, g.title, goals[g.parent].title if g.parent is not None else None) for g in goals
    ]
    want = []
    for area, box in AREAS:
        want.append(("målområde", area, None))
        if box:
            want.append(("mål", box, area))
    assert got == want
    assert all(g.status is None for g in goals)  # a priority carries no assessment


def test_a_box_outside_a_goal_section_is_no_goal(tmp_path):
    d = Docx()
    d.add_heading("Delårsrapport april 2026", 0)
    d.add_heading("Ekonomisk översikt", 1)
    d.add_heading("Driftredovisning", 2)
    t = d.add_table(rows=1, cols=1)
    t.cell(0, 0).text = (
        "Nämnden redovisar ett överskott mot budget som främst beror på vakanser och "
        "lägre kostnader för lokaler under perioden."
    )
    d.add_paragraph(ACCOUNT)
    d.save(tmp_path / "rapport.docx")
    assert extract_goal_structures(read_document(str(tmp_path / "rapport.docx"))) == []
