"""Status shown by the colour of a symbol character (a "●" in a font, as Word and reporting
tools export a traffic light): read as a mark like a drawn symbol, in PDF and DOCX; black
symbols, list bullets and coloured words are text."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from builders import _font
from conftest import query as _q
from sector_documents import status_followup_pdf
from styrdata import api
from styrdata.extract import read_document

GREEN, AMBER, RED = (0.13, 0.55, 0.13), (0.95, 0.7, 0.05), (0.8, 0.1, 0.1)


def _need_dejavu():
    if _font(False) != "DejaVuSans":
        pytest.skip("no DejaVu font (a symbol glyph needs it)")


def glyph_status_pdf(path: Path) -> Path:
    """Goals as bold lines under a heading with a coloured "●" typed at the line's end, and
    a ruled table whose status column holds a coloured "■" character."""

    def mark(c, x, y, rgb, square):
        c.setFillColorRGB(*rgb)
        c.drawString(x, y, "■" if square else "●")

    return status_followup_pdf(
        path,
        ("Delårsrapport augusti 2026", "Kultur- och fritidsnämnden, Sala kommun"),
        [
            ("Biblioteken ska vara öppna fler timmar per vecka", GREEN),
            ("Fler unga ska delta i föreningslivet", AMBER),
        ],
        (
            "Verksamheten har arbetat vidare med åtgärderna i planen och",
            "redovisar utfallet i bokslutet tillsammans med nyckeltalen.",
        ),
        [
            ("Utreda en ny simhall i centrala Sala", RED),
            ("Ta fram en plan för kulturskolans lokaler", GREEN),
        ],
        mark,
    )


def test_pdf_coloured_symbol_characters_give_the_status(tmp_path):
    _need_dejavu()
    pdf = glyph_status_pdf(tmp_path / "delar.pdf")
    doc = read_document(str(pdf))
    (table,) = [b.table for b in doc.blocks if b.table]
    status = {c.row: (c.text, c.marks) for c in table.cells if c.col == 1}
    # the symbol is a mark, not text left in the cell
    assert status[1] == ("", ["#cc1a1a"]) and status[2] == ("", ["#218c21"])
    assert not any("●" in b.text or "■" in b.text for b in doc.blocks)
    db = tmp_path / "w.duckdb"
    assert api.ingest([pdf], db=db).ok
    rows = _q(db, "SELECT kind, title, status, status_raw FROM goals ORDER BY goal_id")
    assert rows == [
        ("mål", "Biblioteken ska vara öppna fler timmar per vecka", "uppfyllt", "grön (#218c21)"),
        ("mål", "Fler unga ska delta i föreningslivet", "delvis uppfyllt", "gul (#f2b30d)"),
        ("uppdrag", "Utreda en ny simhall i centrala Sala", "ej uppfyllt", "röd (#cc1a1a)"),
        ("uppdrag", "Ta fram en plan för kulturskolans lokaler", "uppfyllt", "grön (#218c21)"),
    ]


def plain_symbols_pdf(path: Path) -> Path:
    """Symbols that are no status: black bullets, a template's coloured bullets down a
    list, and a goal line with a word in red."""
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    c.setFont(bold, 16)
    c.drawString(60, h - 80, "Nämndmål")
    y = h - 110
    for colour in ((0, 0, 0), GREEN):
        for item in ("Tillgängliga lokaler för alla", "Ett rikt utbud av aktiviteter"):
            c.setFillColorRGB(*colour)
            c.setFont(reg, 11)
            c.drawString(70, y, "●")
            c.setFillColorRGB(0, 0, 0)
            c.drawString(84, y, item)
            y -= 15
        y -= 15
    c.setFont(bold, 13)
    c.drawString(60, y, "Besökarna ska känna sig ")
    c.setFillColorRGB(*RED)
    c.drawString(60 + c.stringWidth("Besökarna ska känna sig ", bold, 13), y, "trygga")
    c.setFillColorRGB(0, 0, 0)
    c.save()
    return path


def test_pdf_black_bullets_list_bullets_and_red_words_are_no_marks(tmp_path):
    _need_dejavu()
    doc = read_document(str(plain_symbols_pdf(tmp_path / "plan.pdf")))
    assert not [b.marks for b in doc.blocks if b.marks]
    bullets = [b.text for b in doc.blocks if "aktiviteter" in b.text or "lokaler" in b.text]
    assert len(bullets) >= 2 and "trygga" in doc.blocks[-1].text


def _coloured_run(par, text: str, hexa: str | None, shading: str | None = None):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    run = par.add_run(text)
    if hexa:
        run.font.color.rgb = RGBColor.from_string(hexa)
    if shading:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:fill"), shading)
        run._r.get_or_add_rPr().append(shd)
    return run


def test_docx_coloured_symbol_runs_give_the_status(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Delårsrapport augusti 2026", 0)
    d.add_paragraph("Kultur- och fritidsnämnden, Sala kommun")
    d.add_heading("Nämndmål", 1)
    t = d.add_table(rows=4, cols=3)
    for c, name in enumerate(["Nämndmål", "Kommentar", "Bedömning"]):
        t.cell(0, c).text = name
    rows = [
        ("Biblioteken ska vara öppna fler timmar per vecka", "33C04D", None),
        ("Fler unga ska delta i föreningslivet", "F5B400", None),
        ("Besökarna ska vara nöjda med anläggningarna", None, "D01F1F"),  # on a shading
    ]
    for r, (goal, colour, shading) in enumerate(rows, start=1):
        t.cell(r, 0).text = goal
        t.cell(r, 1).text = "Arbetet pågår enligt plan."
        _coloured_run(t.cell(r, 2).paragraphs[0], "●", colour, shading)
    path = tmp_path / "delar.docx"
    d.save(path)
    doc = read_document(str(path))
    (table,) = [b.table for b in doc.blocks if b.table]
    assert [(c.text, c.marks) for c in table.cells if c.col == 2 and c.row] == [
        ("", ["#33c04d"]),
        ("", ["#f5b400"]),
        ("", ["#d01f1f"]),
    ]
    db = tmp_path / "w.duckdb"
    assert api.ingest([path], db=db).ok
    assert _q(db, "SELECT title, status, status_raw FROM goals ORDER BY goal_id") == [
        ("Biblioteken ska vara öppna fler timmar per vecka", "uppfyllt", "grön (#33c04d)"),
        ("Fler unga ska delta i föreningslivet", "delvis uppfyllt", "gul (#f5b400)"),
        ("Besökarna ska vara nöjda med anläggningarna", "ej uppfyllt", "röd (#d01f1f)"),
    ]


def test_docx_black_symbols_typed_bullets_and_red_words_are_no_marks(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Nämndmål", 1)
    for colour in ("000000", None, "2E9E44", "2E9E44"):
        p = d.add_paragraph()
        _coloured_run(p, "● ", colour)
        p.add_run("Ett rikt utbud av aktiviteter för alla åldrar")
    p = d.add_paragraph()
    p.add_run("Besökarna ska känna sig ")
    _coloured_run(p, "trygga", "C00000")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Mål"
    _coloured_run(t.cell(0, 1).paragraphs[0], "Ej uppfyllt", "C00000")
    path = tmp_path / "plan.docx"
    d.save(path)
    doc = read_document(str(path))
    assert not [b.marks for b in doc.blocks if b.marks]
    assert not [c.marks for b in doc.blocks if b.table for c in b.table.cells if c.marks]
    assert "trygga" in doc.blocks[-2].text
