"""A calculation stacked in blocks with no column header (issue 14): a spreadsheet range
pasted into a budget, each block opened by a line naming its measure and year ("Budget
2027", "Plan 2028"), its rows of a label and one figure, its total in a ruled, shaded box and
the total's split per member in boxes beside it. Read as PDF (rules round the totals only,
so the other rows share one band with no rule between them) and as DOCX."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as Docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from builders import _font
from conftest import query as _q
from styrdata import api

_, PAGE_H = A4

BLOCKS = [
    ("Budget 2027", [("Driftbidrag 2026", "101 300"), ("Indexuppräkning 2,8 %", "2 836"),
                     ("Ny brandstation Sörberge", "1 200")],
     ("Driftbidrag 2027", "105 336"), [("Timrå", "43 190"), ("Sundsvall", "62 146")]),
    ("Plan 2028", [("Driftbidrag 2027", "105 336"), ("Indexuppräkning 3,1 %", "3 265")],
     ("Driftbidrag 2028", "108 601"), [("Timrå", "44 526"), ("Sundsvall", "64 075")]),
    ("Plan 2029", [("Driftbidrag 2028", "108 601"), ("Indexuppräkning 3,0 %", "3 258")],
     ("Driftbidrag 2029", "111 859"), [("Timrå", "45 862"), ("Sundsvall", "65 997")]),
]  # fmt: skip


def stacked_pdf(
    path: Path,
    headings: list[str] | None = None,
    caption: str = "Budget 2027 och plan 2028–2029. Belopp i tkr.",
    prose: str | None = None,
) -> Path:
    """Rules round the table, its header and each total; the split per member in boxes
    to the right of each total; no rule between the other rows."""
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(bold, 14)
    c.drawString(70, PAGE_H - 50, "Medelpads räddningstjänstförbund")
    c.setFont(reg, 10)
    c.drawString(70, PAGE_H - 68, caption)
    if prose:
        c.drawString(70, PAGE_H - 82, prose)
    x0, xv, x1, xs, xe = 70.0, 300.0, 380.0, 460.0, 520.0  # label | value | split name | split
    top = 100.0  # from the page's top

    def y(t: float) -> float:
        return PAGE_H - t

    def hline(t: float, a: float = x0, b: float = x1) -> None:
        c.line(a, y(t), b, y(t))

    def vline(a: float, t0: float, t1: float) -> None:
        c.line(a, y(t0), a, y(t1))

    def shade(t: float, h: float, a: float = x0, b: float = x1) -> None:
        c.setFillColorRGB(0.8, 0.8, 0.8)
        c.rect(a, y(t + h), b - a, h, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)

    table_top = top
    shade(top, 16)
    hline(top)
    c.setFont(bold, 10)
    c.drawString(x0 + 3, y(top + 12), "Medelpads räddningstjänstförbund")
    top += 16
    hline(top)
    top += 8
    for k, (_heading, rows, total, split) in enumerate(BLOCKS):
        c.setFont(bold, 10)
        c.drawString(x0 + 3, y(top + 11), (headings or [b[0] for b in BLOCKS])[k])
        top += 15
        c.setFont(reg, 10)
        for label, value in rows:
            c.drawString(x0 + 3, y(top + 11), label)
            c.drawRightString(x1 - 4, y(top + 11), value)
            top += 15
        top += 8
        shade(top, 16)
        hline(top, x0, xe)
        vline(xv, top, top + 16)
        c.setFont(bold, 10)
        c.drawString(x0 + 3, y(top + 12), total[0])
        c.drawRightString(x1 - 4, y(top + 12), total[1])
        for n, (name, value) in enumerate(split):
            c.drawString(x1 + 3, y(top + 12 + 16 * n), name)
            c.drawRightString(xe - 4, y(top + 12 + 16 * n), value)
            hline(top + 16 * (n + 1), x1, xe)
            vline(xs, top + 16 * n, top + 16 * (n + 1))
            vline(xe, top + 16 * n, top + 16 * (n + 1))
        vline(x1, top + 16, top + 32)
        hline(top + 16)
        top += 16
        top += 16  # the second member's box stands below the total
    vline(x0, table_top, top - 16)
    vline(x1, table_top, top - 16)
    c.save()
    return path


def stacked_docx(path: Path) -> Path:
    d = Docx()
    d.add_heading("Budget 2027 och plan 2028–2029", 0)
    d.add_paragraph("Medelpads räddningstjänstförbund")
    d.add_paragraph("Belopp i tkr.")
    rows = [["Medelpads räddningstjänstförbund", "", "", ""]]
    for heading, items, total, split in BLOCKS:
        rows.append([heading, "", "", ""])
        rows += [[label, value, "", ""] for label, value in items]
        rows.append([total[0], total[1], *split[0]])
        rows.append(["", "", *split[1]])
    t = d.add_table(rows=len(rows), cols=4)
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            t.cell(r, k).text = text
    d.save(path)
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stacked")
    stacked_pdf(folder / "medlemsbidrag.pdf")
    stacked_docx(folder / "medlemsbidrag.docx")
    # the same blocks under headings that name no measure: nothing to read them by
    stacked_pdf(
        folder / "utan_matt.pdf",
        headings=["Förbundet", "Räddning", "Övrigt"],
        caption="Medlemsbidrag per år. Belopp i tkr.",
    )
    # no unit with the table: the text quotes its total with one
    stacked_pdf(
        folder / "enhet_i_texten.pdf",
        caption="Budget 2027 och plan 2028–2029.",
        prose="Medlemmarnas driftbidrag för 2027 uppgår samlat till 105 336tkr.",
    )
    stacked_pdf(folder / "utan_enhet.pdf", caption="Budget 2027 och plan 2028–2029.")
    out = folder / "w.duckdb"
    report = api.ingest([folder], db=out, workers=1)
    assert report.ok, [(f.path, f.error) for f in report.failed]
    return out


def _lines(db: Path, name: str) -> list[tuple]:
    return _q(
        db,
        "SELECT label, parent_label, measure, b.year, amount_raw, amount_mnkr "
        "FROM budget_lines b JOIN documents d USING (document_id) "
        "WHERE d.source_path LIKE ? AND amount_raw IS NOT NULL ORDER BY b.row, b.col",
        [f"%/{name}"],
    )


def _expected() -> list[tuple]:
    out = []
    for heading, rows, total, split in BLOCKS:
        measure = "budget" if heading.startswith("Budget") else "plan"
        year = int(heading[-4:])
        for label, value in [*rows, total]:
            out.append((label, heading, measure, year, value))
        out += [(name, total[0], measure, year, value) for name, value in split]
    return out


@pytest.mark.parametrize("name", ["medlemsbidrag.pdf", "medlemsbidrag.docx"])
def test_each_block_heading_names_the_measure_and_year_of_its_rows(db, name):
    got = _lines(db, name)
    assert [r[:5] for r in got] == _expected()
    # the unit stated over the table: tkr → mnkr
    assert got[0][5] == pytest.approx(101.3)
    # a percentage in a label is no unit of its row
    assert ("Indexuppräkning 2,8 %", "Budget 2027", "budget", 2027, "2 836") in [r[:5] for r in got]


def test_blocks_whose_headings_name_no_measure_stay_cells_with_a_warning(db):
    assert _lines(db, "utan_matt.pdf") == []
    kinds = _q(
        db,
        "SELECT t.table_kind FROM tables t JOIN documents d USING (document_id) "
        "WHERE d.source_path LIKE '%/utan_matt.pdf'",
    )
    assert kinds == [("övrigt",)]
    warnings = _q(db, "SELECT warnings FROM documents WHERE source_path LIKE '%/utan_matt.pdf'")
    assert any("names no measure, year or comparison" in w for w in warnings[0][0])


def test_the_unit_is_the_one_the_text_quotes_a_figure_of_the_table_with(db):
    quoted = _lines(db, "enhet_i_texten.pdf")
    assert [r[:5] for r in quoted] == _expected()
    assert quoted[0][5] == pytest.approx(101.3)
    # no unit anywhere: the amounts as printed, none in mnkr
    bare = _lines(db, "utan_enhet.pdf")
    assert [r[:5] for r in bare] == _expected()
    assert {r[5] for r in bare} == {None}
