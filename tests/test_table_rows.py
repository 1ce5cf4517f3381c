"""Rows of budget tables as the sector lays them out: a label wrapped onto a row of its own,
numbers of neighbouring columns set close together, a header set apart by a rule, period
headers written as year and month, and parts indented under their row (PDF and DOCX)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from docx import Document as Docx
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from builders import _font
from styrdata import api

_, PAGE_H = A4


def _shaded_cell(c, x, top, w, h):
    c.setFillColorRGB(0.93, 0.95, 0.98)
    c.rect(x, PAGE_H - top - h, w, h, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)


def investments_shaded_by_line(path: Path) -> Path:
    """An investment table as Word draws it when each line of a wrapped cell is a shaded
    row of its own: priority, project number, a label over two or three lines, years."""
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(bold, 14)
    c.drawString(60, PAGE_H - 60, "Investeringsbudget 2027–2029")
    xs = [60, 90, 130, 300, 370, 440, 510]  # Pri, Proj, label, 2027, 2028, 2029 | right
    head = ["Pri", "Proj", "Investeringar (tkr)", "Budget 2027", "Plan 2028", "Plan 2029"]
    items = [
        ("1", "6289", ["Utrustning uppstart", "Korsavadsanläggningen"], ["1 000", "500", "0"]),
        ("2", "", ["Ombyggnad av entrén till", "Stadsbiblioteket"], ["1 450", "750", "0"]),
        ("3", "6012", ["Tillgänglighetsanpassning", "av museets", "Basutställning"], ["400", "100", "0"]),
        ("4", "", ["Konstgräsplan Skillinge"], ["0", "10 000", "0"]),
    ]  # fmt: skip
    top = 90.0
    line_h, pad = 11.0, 6.0  # single line spacing of 9 pt text; padding between rows
    c.setFont(bold, 9)
    for k, text in enumerate(head):
        _shaded_cell(c, xs[k], top, xs[k + 1] - xs[k] - 2, line_h + pad)
        c.setFont(bold, 9)
        c.drawString(xs[k] + 2, PAGE_H - top - 12, text)
    top += line_h + pad + 2
    for pri, proj, lines, vals in items:
        for n, text in enumerate(lines):
            h = line_h + (pad if n == len(lines) - 1 else 0)
            for k in range(6):
                _shaded_cell(c, xs[k], top, xs[k + 1] - xs[k] - 2, h)
            c.setFont(reg, 9)
            c.drawString(xs[2] + 2, PAGE_H - top - 10, text)
            if n == 0:
                c.drawString(xs[0] + 2, PAGE_H - top - 10, pri)
                c.drawString(xs[1] + 2, PAGE_H - top - 10, proj)
                for k, v in enumerate(vals):
                    c.drawRightString(xs[k + 4] - 6, PAGE_H - top - 10, v)
            top += h
        top += 2
    c.save()
    return path


def result_budget_close_columns(path: Path) -> Path:
    """A result budget with no rules between columns, its header of years set apart from
    the body by a rule, numbers of neighbouring columns closer than a column gap, and a
    header split over two lines: "Utfall" / "202604"."""
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(bold, 14)
    c.drawString(60, PAGE_H - 60, "Resultatbudget")
    c.setFont(reg, 10)
    c.drawString(60, PAGE_H - 100, "(tkr)")
    right = [262, 310, 358, 406]
    for x, year in zip(right, ["Utfall", "Budget", "Plan", "Plan"], strict=True):
        c.drawRightString(x, PAGE_H - 100, year)
    for x, year in zip(right, ["202604", "2027", "2028", "2029"], strict=True):
        c.drawRightString(x, PAGE_H - 112, year)
    c.line(60, PAGE_H - 118, 410, PAGE_H - 118)
    rows = [
        ("Verksamhetens intäkter", ["7 231", "7 600", "7 919", "8 220"]),
        ("Verksamhetens kostnader", ["-86 822", "-90 753", "-94 045", "-97 654"]),
        ("Avskrivningar", ["-5 671", "-5 699", "-5 944", "-6 015"]),
        ("Verksamhetens nettokostnader", ["-85 262", "-88 852", "-92 070", "-95 448"]),
    ]
    y = PAGE_H - 140
    for label, vals in rows:
        c.drawString(60, y, label)
        for x, v in zip(right, vals, strict=True):
            c.drawRightString(x, y, v)
        y -= 15
    c.save()
    return path


def indented_investments_pdf(path: Path) -> Path:
    """Investment categories with their sums, each project indented under its category;
    then a section row with no amounts whose indented rows are its own rows."""
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(bold, 14)
    c.drawString(60, PAGE_H - 60, "Investeringar")
    c.setFont(reg, 10)
    c.drawString(60, PAGE_H - 95, "Belopp i tkr")
    right = [330, 420, 510]
    for x, h in zip(right, ["Budget 2026", "Prognos 2026", "Avvikelse"], strict=True):
        c.drawRightString(x, PAGE_H - 95, h)
    rows = [
        (0, "Expansionsinvestering", ["6 125", "6 425", "-300"]),
        (12, "Parkmiljö", ["5 625", "5 625", "0"]),
        (12, "Stadsmiljöåtgärder", ["500", "800", "-300"]),
        (0, "Reinvestering", ["8 421", "9 565", "-1 144"]),
        (12, "Parkmiljö", ["7 853", "4 030", "3 823"]),
        (12, "Naturmark", ["568", "5 535", "-4 967"]),
        (0, "Anläggningar", None),
        (12, "Vattenverk", ["1 200", "1 100", "100"]),
        (12, "Reningsverk", ["2 300", "2 500", "-200"]),
        (0, "Summa investeringar", ["18 046", "19 590", "-1 544"]),
    ]
    y = PAGE_H - 115
    for indent, label, vals in rows:
        c.drawString(60 + indent, y, label)
        for x, v in zip(right, vals or [], strict=False):
            c.drawRightString(x, y, v)
        y -= 15
    c.save()
    return path


def indented_investments_docx(path: Path) -> Path:
    d = Docx()
    d.add_heading("Investeringar", 1)
    d.add_paragraph("Belopp i tkr.")
    rows = [
        (0, "Verksamhet", ["Budget 2026", "Prognos 2026"]),
        (0, "Expansionsinvestering", ["6 125", "6 425"]),
        (14, "Parkmiljö", ["5 625", "5 625"]),
        (14, "Stadsmiljöåtgärder", ["500", "800"]),
        (0, "Reinvestering", ["8 421", "9 565"]),
        (14, "Naturmark", ["568", "5 535"]),
    ]
    t = d.add_table(rows=len(rows), cols=3)
    for r, (indent, label, vals) in enumerate(rows):
        cell = t.rows[r].cells[0]
        cell.text = label
        cell.paragraphs[0].paragraph_format.left_indent = Pt(indent) if indent else None
        for k, v in enumerate(vals, start=1):
            t.rows[r].cells[k].text = v
    d.save(path)
    return path


RESULT_ROWS = [
    ("Verksamhetens intäkter", ["1 012,4", "968,1", "3 020,0"]),
    ("Verksamhetens kostnader", ["−4 987,3", "−4 802,6", "−14 890,0"]),
    ("Avskrivningar", ["−142,8", "−138,9", "−432,0"]),
    ("Verksamhetens nettokostnad", ["−4 117,7", "−3 973,4", "−12 302,0"]),
    ("Skatteintäkter", ["2 894,1", "2 788,0", "8 682,3"]),
    ("Generella statsbidrag och utjämningsbidrag", ["1 311,7", "1 240,2", "3 935,0"]),
    ("Finansnetto", ["−38,2", "21,4", "−90,0"]),
    ("Periodens resultat", ["49,9", "76,2", "225,3"]),
]


def result_report_style(path: Path) -> Path:
    """A result statement ruled report style: a rule over and under the header and one
    under the table, none between rows or columns; above it a sentence that mentions an
    amount before it states the unit; a long label that ends close to its first number."""
    reg = _font(False)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(_font(True), 14)
    c.drawString(60, PAGE_H - 60, "Ekonomiskt resultat")
    c.setFont(reg, 10)
    c.drawString(60, PAGE_H - 85, "Resultatet för perioden uppgick till 49,9 mnkr. Belopp i tkr.")
    right = [330, 410, 490]
    c.line(60, PAGE_H - 100, 495, PAGE_H - 100)
    for x, h in zip(right, ["Utfall 2026", "Utfall 2025", "Budget 2026"], strict=True):
        c.drawRightString(x, PAGE_H - 113, h)
    c.line(60, PAGE_H - 118, 495, PAGE_H - 118)
    y = PAGE_H - 132
    for label, vals in RESULT_ROWS:
        c.drawString(60, y, label)
        for x, v in zip(right, vals, strict=True):
            c.drawRightString(x, y, v)
        y -= 15
    c.line(60, y + 10, 495, y + 10)
    c.save()
    return path


def result_over_a_page_break(path: Path) -> Path:
    """The same statement without rules on a page with Word's default 2.5 cm margins: its
    header and first rows at the foot of one page, the rest at the top of the next, the
    header not repeated; a running footer under both."""
    reg = _font(False)
    c = canvas.Canvas(str(path), pagesize=A4)
    right = [330, 410, 490]
    y = 71 + 10 * 15 + 30  # the body's foot is 2.5 cm (71 pt) over the page's edge
    c.setFont(reg, 10)
    c.drawString(60, PAGE_H - 80, "Ekonomiskt resultat per april. Belopp i tkr.")
    for k in range(8):  # prose down the page
        c.drawString(60, PAGE_H - 110 - 15 * k, "Text om verksamhetens utveckling under perioden.")
    for x, h in zip(right, ["Utfall 2026", "Utfall 2025", "Budget 2026"], strict=True):
        c.drawRightString(x, y, h)
    y -= 20
    for label, vals in RESULT_ROWS[:4]:
        c.drawString(60, y, label)
        for x, v in zip(right, vals, strict=True):
            c.drawRightString(x, y, v)
        y -= 15
    c.setFont(reg, 8)
    c.drawString(60, 35, "Region Exempel · Delårsrapport april 2026")
    c.showPage()
    c.setFont(reg, 10)
    y = PAGE_H - 72 - 10
    for label, vals in RESULT_ROWS[4:]:
        c.drawString(60, y, label)
        for x, v in zip(right, vals, strict=True):
            c.drawRightString(x, y, v)
        y -= 15
    c.drawString(60, y - 20, "Prognosen för helåret är osäker.")
    c.setFont(reg, 8)
    c.drawString(60, 35, "Region Exempel · Delårsrapport april 2026")
    c.save()
    return path


def operations_report_style(path: Path) -> Path:
    """A bold caption, a rule, the header, a rule, a bold section row and its rows, and
    after it two column groups over a sub-header ("Ack. t.o.m. juni" | "Helår 2026"); the
    unit only in the introduction, stated once for the whole document."""
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(reg, 10)
    c.drawString(60, PAGE_H - 60, "Alla belopp i tkr om inget annat anges.")
    c.drawString(60, PAGE_H - 76, "Nämnden redovisar ett överskott för perioden.")
    c.drawString(60, PAGE_H - 92, "Verksamheten har bedrivits enligt plan.")
    c.setFont(bold, 11)
    c.drawString(60, PAGE_H - 130, "Driftredovisning 2026")
    right = [300, 380, 460]
    c.line(60, PAGE_H - 136, 465, PAGE_H - 136)
    c.setFont(bold, 10)
    c.drawString(64, PAGE_H - 149, "Verksamhet")
    for x, h in zip(right, ["Budget 2026", "Utfall 2026", "Avvikelse"], strict=True):
        c.drawRightString(x, PAGE_H - 149, h)
    c.line(60, PAGE_H - 154, 465, PAGE_H - 154)
    y = PAGE_H - 168
    for label, vals, is_bold in [
        ("Gata och park", None, True),
        ("Gatuunderhåll", ["–12 400", "–13 100", "–700"], False),
        ("Parker", ["–8 200", "–7 950", "250"], False),
        ("Summa", ["–20 600", "–21 050", "–450"], True),
    ]:
        c.setFont(bold if is_bold else reg, 10)
        c.drawString(64, y, label)
        for x, v in zip(right, vals or [], strict=False):
            c.drawRightString(x, y, v)
        y -= 15
    # two column groups over a sub-header, no rules
    y -= 40
    c.setFont(bold, 10)
    c.drawCentredString(290, y, "Ack. t.o.m. juni")
    c.drawCentredString(470, y, "Helår 2026")
    y -= 14
    cols = [260, 320, 380, 440, 500, 560]
    c.drawString(64, y, "Verksamhet")
    for x, h in zip(cols, ["Utfall", "Budget", "Avvikelse", "Budget", "Prognos", "Avvikelse"],
                    strict=True):  # fmt: skip
        c.drawRightString(x, y, h)
    c.setFont(reg, 10)
    for label, vals in [
        ("Hemtjänst", ["61 256", "62 680", "1 424", "125 360", "123 100", "2 260"]),
        ("Särskilt boende", ["56 531", "53 680", "-2 851", "107 360", "112 900", "-5 540"]),
        ("Daglig verksamhet", ["91 880", "94 402", "2 522", "188 804", "184 000", "4 804"]),
    ]:
        y -= 15
        c.drawString(64, y, label)
        for x, v in zip(cols, vals, strict=True):
            c.drawRightString(x, y, v)
    c.save()
    return path


def indented_over_a_page_break(path: Path) -> Path:
    """Parts indented under their group, the table going on over a page break under its
    header repeated, two rows on the second page: a part and the total."""
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    right = [330, 420, 510]

    def header(y):
        c.setFont(bold, 10)
        c.drawString(60, y, "Mnkr")
        for x, h in zip(right, ["Budget 2026", "Prognos 2026", "Avvikelse"], strict=True):
            c.drawRightString(x, y, h)

    c.setFont(reg, 10)
    c.drawString(60, PAGE_H - 80, "Ekonomiskt utfall per verksamhetsområde")
    for k in range(28):  # text down the page
        c.drawString(60, PAGE_H - 110 - 15 * k, "Verksamheten har bedrivits enligt plan.")
    y = 71 + 6 * 15 + 20
    header(y)
    rows = [
        (0, "Ambulans och prehospital vård", ["-2 014,3", "-1 992,3", "22,0"], True),
        (12, "Ambulanssjukvård", ["-460,2", "-429,3", "30,9"], False),
        (12, "Ambulansflyg", ["-1 142,4", "-1 152,5", "-10,1"], False),
    ]
    for indent, label, vals, is_bold in rows:
        y -= 15
        c.setFont(bold if is_bold else reg, 10)
        c.drawString(60 + indent, y, label)
        for x, v in zip(right, vals, strict=True):
            c.drawRightString(x, y, v)
    c.showPage()
    y = PAGE_H - 80
    header(y)
    for indent, label, vals, is_bold in [
        (12, "Sjukresor", ["-411,7", "-410,5", "1,2"], False),
        (0, "Totalt", ["-2 014,3", "-1 992,3", "22,0"], True),
    ]:
        y -= 15
        c.setFont(bold if is_bold else reg, 10)
        c.drawString(60 + indent, y, label)
        for x, v in zip(right, vals, strict=True):
            c.drawRightString(x, y, v)
    c.setFont(reg, 10)
    c.drawString(60, y - 30, "Sjukresorna följer budget.")
    c.save()
    return path


def key_figures_with_targets(path: Path) -> Path:
    """Key figures ruled report style (a rule over and under the header, one under the
    table), their targets printed with a comparison ("< 390", "≤ 9,0")."""
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(bold, 11)
    c.drawString(60, PAGE_H - 60, "Tabell 1 Nyckeltal")
    right = [330, 420, 530]
    c.line(60, PAGE_H - 68, 535, PAGE_H - 68)
    c.setFont(bold, 10)
    c.drawString(64, PAGE_H - 81, "Nyckeltal")
    for x, h in zip(right, ["Utfall 2024", "Utfall 2025", "Målvärde 2027"], strict=True):
        c.drawRightString(x, PAGE_H - 81, h)
    c.line(60, PAGE_H - 86, 535, PAGE_H - 86)
    c.setFont(reg, 10)
    y = PAGE_H - 100
    for label, vals in [
        ("Antal bränder i bostad", ["412", "398", "< 390"]),
        ("Genomsnittlig insatstid, minuter", ["9,4", "9,1", "≤ 9,0"]),
        ("Andel genomförda tillsyner enligt plan, %", ["86", "91", "95"]),
    ]:
        c.drawString(64, y, label)
        for x, v in zip(right, vals, strict=True):
            c.drawRightString(x, y, v)
        y -= 15
    c.line(60, y + 10, 535, y + 10)
    c.save()
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rows")
    investments_shaded_by_line(folder / "investeringar.pdf")
    result_budget_close_columns(folder / "resultatbudget.pdf")
    indented_investments_pdf(folder / "indrag.pdf")
    indented_investments_docx(folder / "indrag.docx")
    result_report_style(folder / "resultat_linjer.pdf")
    result_over_a_page_break(folder / "resultat_sidbrytning.pdf")
    operations_report_style(folder / "drift.pdf")
    indented_over_a_page_break(folder / "ambulans.pdf")
    key_figures_with_targets(folder / "nyckeltal.pdf")
    out = folder / "w.duckdb"
    report = api.ingest([folder], db=out, workers=1)
    assert report.ok, [(f.path, f.error) for f in report.failed]
    return out


def _lines(db: Path, name: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT label, parent_label, measure, b.year, b.period, amount_raw, amount_mnkr "
            "FROM budget_lines b JOIN documents d USING (document_id) "
            "WHERE d.source_path LIKE ? ORDER BY b.row, b.col",
            [f"%/{name}"],
        ).fetchall()
    finally:
        con.close()


def test_a_label_wrapped_onto_rows_of_its_own_is_one_label(db):
    got = _lines(db, "investeringar.pdf")
    labels = list(dict.fromkeys(r[0] for r in got))
    assert labels == [
        "Utrustning uppstart Korsavadsanläggningen",
        "Ombyggnad av entrén till Stadsbiblioteket",
        "Tillgänglighetsanpassning av museets Basutställning",
        "Konstgräsplan Skillinge",
    ]
    first = [r for r in got if r[0] == labels[0]]
    assert [(r[2], r[3], r[5]) for r in first] == [
        ("budget", 2027, "1 000"),
        ("plan", 2028, "500"),
        ("plan", 2029, "0"),
    ]
    # the priorities and project numbers left of the label are no amounts
    assert not {r[5] for r in got} & {"1", "2", "3", "4", "6289", "6012"}


def test_numbers_set_close_are_cells_of_their_own_under_a_header_set_apart(db):
    got = _lines(db, "resultatbudget.pdf")
    costs = [r for r in got if r[0] == "Verksamhetens kostnader"]
    assert [(r[2], r[3], r[4], r[5]) for r in costs] == [
        ("utfall", 2026, "jan–apr", "-86 822"),
        ("budget", 2027, None, "-90 753"),
        ("plan", 2028, None, "-94 045"),
        ("plan", 2029, None, "-97 654"),
    ]
    assert costs[1][6] == pytest.approx(-90.753)  # tkr from the header's "(tkr)"
    assert len(got) == 16  # four rows of four amounts: the header is no row


@pytest.mark.parametrize("name", ["indrag.pdf", "indrag.docx"])
def test_an_indented_row_is_a_part_of_the_row_above(db, name):
    parents = {(r[0], r[1]) for r in _lines(db, name)}
    assert ("Expansionsinvestering", None) in parents
    assert ("Parkmiljö", "Expansionsinvestering") in parents
    assert ("Stadsmiljöåtgärder", "Expansionsinvestering") in parents
    assert ("Naturmark", "Reinvestering") in parents
    assert ("Reinvestering", None) in parents


def test_rows_indented_under_a_section_row_are_its_rows_not_parts(db):
    got = _lines(db, "indrag.pdf")
    assert {(r[0], r[1]) for r in got if r[0] in ("Vattenverk", "Reningsverk")} == {
        ("Vattenverk", "Anläggningar"),
        ("Reningsverk", "Anläggningar"),
    }
    total = [r for r in got if r[0] == "Summa investeringar"]
    assert total and total[0][1] is None


@pytest.mark.parametrize("name", ["resultat_linjer.pdf", "resultat_sidbrytning.pdf"])
def test_a_result_statement_reads_every_row(db, name):
    got = _lines(db, name)
    assert [r[0] for r in got[::3]] == [label for label, _ in RESULT_ROWS]
    assert [r[5] for r in got] == [v for _, vals in RESULT_ROWS for v in vals]
    grants = [r for r in got if r[0].startswith("Generella statsbidrag")]
    assert [(r[2], r[3], r[6]) for r in grants] == [
        ("utfall", 2026, pytest.approx(1.3117)),  # tkr: "Belopp i tkr", not the "mnkr" of
        ("utfall", 2025, pytest.approx(1.2402)),  # an amount in the sentence before it
        ("budget", 2026, pytest.approx(3.935)),
    ]


def test_a_report_style_table_keeps_its_section_rows_and_a_caption_out_of_its_header(db):
    got = _lines(db, "drift.pdf")
    first = [r for r in got if r[0] in ("Gatuunderhåll", "Parker", "Summa")]
    assert [(r[0], r[1], r[2], r[3], r[5]) for r in first[:3]] == [
        ("Gatuunderhåll", "Gata och park", "budget", 2026, "–12 400"),
        ("Gatuunderhåll", "Gata och park", "utfall", 2026, "–13 100"),
        ("Gatuunderhåll", "Gata och park", "avvikelse", 2026, "–700"),
    ]
    # the unit from the document's own rule, stated once at its start
    assert first[0][6] == pytest.approx(-12.4)


def test_column_groups_over_a_sub_header_head_all_their_columns(db):
    got = [r for r in _lines(db, "drift.pdf") if r[0] == "Hemtjänst"]
    assert [(r[2], r[3], r[4], r[5]) for r in got] == [
        ("utfall", 2026, "ack", "61 256"),  # accumulated: "Ack. t.o.m. juni"
        ("budget", 2026, "ack", "62 680"),
        ("avvikelse", 2026, "ack", "1 424"),
        ("budget", 2026, "helår", "125 360"),
        ("prognos", 2026, "helår", "123 100"),
        ("avvikelse", 2026, "helår", "2 260"),
    ]


def test_parts_keep_their_group_over_a_page_break_with_two_rows_on_the_next_page(db):
    got = {(r[0], r[1]) for r in _lines(db, "ambulans.pdf")}
    assert ("Ambulansflyg", "Ambulans och prehospital vård") in got
    assert ("Sjukresor", "Ambulans och prehospital vård") in got  # on the next page
    assert ("Totalt", None) in got


def test_key_figures_with_targets_printed_with_a_comparison(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        got = con.execute(
            "SELECT i.text, v.value_type, v.year, v.value_num, v.operator "
            "FROM indicators i JOIN documents d USING (document_id) "
            "JOIN store.indicator_values v USING (indicator_id) "
            "WHERE d.source_path LIKE '%/nyckeltal.pdf' ORDER BY i.indicator_id, v.rowid"
        ).fetchall()
    finally:
        con.close()
    assert ("Antal bränder i bostad", "målvärde", 2027, 390, "<") in got
    assert ("Genomsnittlig insatstid, minuter", "målvärde", 2027, 9.0, "≤") in got
    assert ("Andel genomförda tillsyner enligt plan, %", "utfall", 2025, 91, "=") in got
