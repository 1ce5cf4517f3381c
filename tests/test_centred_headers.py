"""Tables whose column names are centred over their columns (issue 14): the body's words
left-aligned at the column's edge, its figures right-aligned, so no text starts where a
name starts. Drawn as report tables are: a rule over the header, one under it and one under
the table and none between the rows (booktabs), or no rules at all. The columns part where
no line of the body crosses the whitespace between two names; a band between two rules that
holds several rows is cut into its rows. A name over a column of drawn symbols only is a
column of its own, and a label line holding a unit alone ("%") goes on from the label above.
Text between rules that is no table (prose, a list, key-value lines) stays text."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from builders import _font
from styrdata.extract import read_document
from styrdata.extract.domain.risks import extract_risks

_, PAGE_H = A4
SIZE = 8.0
LEAD = 10.0
LEFT, RIGHT = 56.0, 540.0

HEAD = ["Id", "Riskbeskrivning", "Sannolikhet", "Konsekvens", "Kontrollmetod", "Frekvens"]
ROWS = [
    ["A1", "Bidrag till föreningar betalas ut utan beslut", "3", "2", "Stickprov", "Kvartal"],
    [
        "A2",
        "Direktupphandlingar dokumenteras inte enligt riktlinjen",
        "2",
        "4",
        "Genomgång",
        "Halvår",
    ],
    ["A3", "Kassahantering på fritidsgårdarna", "1", "3", "Inventering", "Helår"],
    ["A4", "Behörigheter i verksamhetssystemen tas inte bort", "2", "3", "Kontroll", "Helår"],
]
SHORT = [
    ["A1", "Bidrag utan beslut", "3", "2", "Stickprov", "Kvartal"],
    ["A2", "Otydlig dokumentation", "2", "4", "Genomgång", "Halvår"],
    ["A3", "Kassahantering", "1", "3", "Inventering", "Helår"],
]
# column edges: the second column wide, the figures' columns narrow
EDGES = [LEFT, 84.0, 226.0, 296.0, 366.0, 452.0, RIGHT]
FIGURES = {2, 3}  # right-aligned; words left-aligned; every name centred


def _table(c, top: float, head: list[str], rows: list[list[str]], rules: str, pad: float) -> float:
    """Draws a table from ``top`` down; returns the y under it. ``rules``: "booktabs" (over
    and under the header and under the table) or "none"."""
    reg, bold = _font(False), _font(True)
    y = top
    if rules == "booktabs":
        c.line(LEFT, y + 4, RIGHT, y + 4)
    for k, name in enumerate(head):
        c.setFont(bold, SIZE)
        c.drawCentredString((EDGES[k] + EDGES[k + 1]) / 2, y - SIZE, name)
    y -= LEAD + 4
    if rules == "booktabs":
        c.line(LEFT, y, RIGHT, y)
    y -= pad
    for row in rows:
        height = 1
        for k, text in enumerate(row):
            x0, x1 = EDGES[k] + 4, EDGES[k + 1] - 4
            c.setFont(reg, SIZE)
            lines = simpleSplit(text, reg, SIZE, x1 - x0)
            height = max(height, len(lines))
            for n, line in enumerate(lines):
                if k in FIGURES:
                    c.drawRightString(x1, y - SIZE - n * LEAD, line)
                else:
                    c.drawString(x0, y - SIZE - n * LEAD, line)
        y -= height * LEAD + 2 * pad
    if rules == "booktabs":
        c.line(LEFT, y + pad, RIGHT, y + pad)
    return y


def _page(c, heading: str, rows, rules: str, pad: float) -> None:
    c.setFont(_font(True), 13)
    c.drawString(LEFT, PAGE_H - 60, heading)
    c.setFont(_font(False), 10)
    c.drawString(LEFT, PAGE_H - 84, "Förvaltningens bedömning av riskerna inför året.")
    y = _table(c, PAGE_H - 110, HEAD, rows, rules, pad)
    c.setFont(_font(False), 10)
    c.drawString(LEFT, y - 24, "Planen följs upp i samband med delårsrapporten och bokslutet.")


def plan_pdf(path: Path, rows, rules: str, pad: float) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    _page(c, "Internkontrollplan för kultur- och fritidsnämnden", rows, rules, pad)
    c.save()
    return path


def _tables(path: Path):
    return [b.table.grid() for b in read_document(str(path)).blocks if b.table is not None]


@pytest.mark.parametrize(
    ("rows", "rules", "pad"),
    [
        (ROWS, "booktabs", 2.0),
        (ROWS, "none", 2.0),
        (SHORT, "booktabs", 2.0),
        (SHORT, "booktabs", 0.0),
    ],
    ids=["booktabs wrapped", "no rules wrapped", "booktabs one line", "booktabs set close"],
)
def test_names_centred_over_their_columns_give_the_rows_cell_by_cell(tmp_path, rows, rules, pad):
    assert _tables(plan_pdf(tmp_path / "ikp.pdf", rows, rules, pad)) == [[HEAD, *rows]]


def test_a_booktabs_risk_table_gives_its_risks(tmp_path):
    risks = extract_risks(read_document(str(plan_pdf(tmp_path / "ikp.pdf", ROWS, "booktabs", 2))))
    assert [(r.risk, r.probability, r.consequence) for r in risks] == [
        (row[1], int(row[2]), int(row[3])) for row in ROWS
    ]


# -- a status column of drawn symbols; a label wrapped onto a line holding its unit ----------
def indicators_pdf(path: Path) -> Path:
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(bold, 13)
    c.drawString(LEFT, PAGE_H - 60, "Nyckeltal för grundskolan")
    xs = {"Utfall 2024": 300.0, "Utfall 2025": 370.0, "Mål 2025": 440.0}  # right edges
    y = PAGE_H - 100
    c.setFont(bold, SIZE)
    c.drawString(LEFT, y, "Nyckeltal")
    for name, x1 in xs.items():
        c.drawCentredString(x1 - 20, y, name)
    c.drawCentredString(490, y, "Bedömning")
    rows = [
        (["Elever i åk 9 behöriga till gymnasiets", "yrkesprogram, %"], ["84", "86", "90"], "g"),
        (["Elever som når kunskapskraven i alla", "ämnen i åk 6,", "%"], ["71", "69", "75"], "r"),
        (["Nöjda vårdnadshavare"], ["88", "91", "90"], "g"),
    ]
    colours = {"g": (0.18, 0.62, 0.27), "r": (0.84, 0.15, 0.12)}
    y -= 16
    for label, values, status in rows:
        c.setFont(reg, SIZE)
        for n, line in enumerate(label):
            c.drawString(LEFT, y - n * LEAD, line)
        for x1, v in zip(xs.values(), values, strict=True):
            c.drawRightString(x1 - 8, y, v)
        c.setFillColorRGB(*colours[status])
        c.circle(490, y + 3, 4, fill=1, stroke=0)
        c.setFillColorRGB(0, 0, 0)
        y -= len(label) * LEAD + 4
    c.setFont(reg, 10)
    c.drawString(LEFT, y - 20, "Resultaten redovisas per skola i bilagan.")
    c.save()
    return path


def test_a_name_over_drawn_symbols_is_a_column_and_a_unit_line_goes_on_the_label(tmp_path):
    (grid,) = _tables(indicators_pdf(tmp_path / "nyckeltal.pdf"))
    assert grid[0] == ["Nyckeltal", "Utfall 2024", "Utfall 2025", "Mål 2025", "Bedömning"]
    assert [r[:4] for r in grid[1:]] == [
        ["Elever i åk 9 behöriga till gymnasiets yrkesprogram, %", "84", "86", "90"],
        ["Elever som når kunskapskraven i alla ämnen i åk 6, %", "71", "69", "75"],
        ["Nöjda vårdnadshavare", "88", "91", "90"],
    ]


# -- precision: text between rules, or under centred names, that is no table ---------------
def not_tables_pdf(path: Path) -> Path:
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(bold, 13)
    c.drawString(LEFT, PAGE_H - 60, "Verksamhetsplan 2027")
    prose = (
        "Nämnden ska under planperioden stärka samverkan med civilsamhället och öka "
        "tillgängligheten till kultur för barn och unga. Arbetet sker i dialog med "
        "föreningarna och följs upp i verksamhetsberättelsen."
    )
    # a box ruled over and under its title and under its text: prose
    y = PAGE_H - 100
    c.line(LEFT, y + 4, RIGHT, y + 4)
    c.setFont(bold, SIZE)
    for k, name in enumerate(["Syfte", "Omfattning", "Ansvar"]):
        c.drawCentredString(LEFT + 80 + 160 * k, y - SIZE, name)
    y -= LEAD + 4
    c.line(LEFT, y, RIGHT, y)
    y -= 4
    c.setFont(reg, SIZE)
    for n, line in enumerate(simpleSplit(prose + " " + prose, reg, SIZE, RIGHT - LEFT)):
        c.drawString(LEFT, y - SIZE - n * LEAD, line)
        last = y - SIZE - n * LEAD
    c.line(LEFT, last - 6, RIGHT, last - 6)
    # key-value lines and a list between rules, under three centred names
    y = last - 40
    c.line(LEFT, y + 4, RIGHT, y + 4)
    c.setFont(bold, SIZE)
    for k, name in enumerate(["Beslut", "Datum", "Diarienummer"]):
        c.drawCentredString(LEFT + 80 + 160 * k, y - SIZE, name)
    y -= LEAD + 4
    c.line(LEFT, y, RIGHT, y)
    c.setFont(reg, SIZE)
    for n, (k, v) in enumerate(
        [
            ("Beslutad av:", "Kultur- och fritidsnämnden"),
            ("Datum:", "2026-11-19"),
            ("Dnr:", "KFN 2026/88"),
        ]
    ):
        c.drawString(LEFT, y - SIZE - 4 - n * LEAD, k)
        c.drawString(LEFT + 90, y - SIZE - 4 - n * LEAD, v)
    y -= 3 * LEAD + 10
    for n, item in enumerate(
        ["• Läsfrämjande insatser", "• Fler lovaktiviteter", "• Digitala tjänster"]
    ):
        c.drawString(LEFT + 10, y - SIZE - n * LEAD, item)
    y -= 3 * LEAD + 6
    c.line(LEFT, y, RIGHT, y)
    # three columns of prose under centred headings
    y -= 30
    for k, head in enumerate(["Kultur", "Fritid", "Bibliotek"]):
        x = LEFT + 165 * k
        c.setFont(bold, SIZE)
        c.drawCentredString(x + 75, y, head)
        c.setFont(reg, SIZE)
        for n, line in enumerate(simpleSplit(prose, reg, SIZE, 150)):
            c.drawString(x, y - (n + 1) * LEAD, line)
    c.save()
    return path


def test_prose_lists_and_key_value_lines_between_rules_or_under_centred_names_stay_text(tmp_path):
    doc = read_document(str(not_tables_pdf(tmp_path / "text.pdf")))
    assert [b.table.grid() for b in doc.blocks if b.table is not None] == []
    text = " ".join(b.text for b in doc.blocks)
    assert "stärka samverkan med civilsamhället" in text
