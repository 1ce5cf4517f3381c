"""Table forms the sector prints in money and key-figure tables (issue 14, second round of
unseen documents): years as row labels, percent columns inside money tables, label cells
merged over the rows of a group, amounts in kr per unit, a unit column, financial goals in
mixed units, Kolada ids printed in a table and footnote markers after a label."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from docx import Document as Docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from builders import _font, _set_cell_merge
from styrdata import api

_, PAGE_H = A4


def _doc(title: str = "Delårsrapport augusti 2026") -> Docx:
    d = Docx()
    d.add_heading(title, 0)
    d.add_paragraph("Tekniska nämnden")
    d.add_paragraph("Timrå kommun")
    return d


def _table(d: Docx, rows: list[list[str]]):
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            t.cell(r, k).text = text
    return t


def years_as_rows(path: Path) -> Path:
    d = _doc("Verksamhetsplan 2027")
    d.add_paragraph("Tabellen visar utfallet de senaste åren.")
    d.add_paragraph("Utfall 2023–2025, mnkr")
    _table(
        d,
        [
            ["År", "Verksamhetens nettokostnad", "Årets resultat"],
            ["2023", "−1 561,9", "28,5"],
            ["2024", "−1 630,2", "38,5"],
            ["2025", "−1 702,8", "42,5"],
        ],
    )
    d.add_paragraph("Ekonomi i korthet")
    _table(
        d,
        [
            ["År", "Soliditet, %", "Antal invånare"],
            ["2024", "41,2", "22 310"],
            ["2025", "42,0", "22 405"],
        ],
    )
    d.save(path)
    return path


def percent_columns(path: Path) -> Path:
    d = _doc()
    d.add_heading("Driftredovisning", 1)
    d.add_paragraph("Belopp i mnkr.")
    _table(
        d,
        [
            ["Verksamhet", "Budget 2025", "Utfall 2025", "Avvikelse", "Avvikelse %", "Förbrukat"],
            ["Gatuunderhåll", "12,0", "10,5", "1,5", "12,5", "88 %"],
            ["Parker", "8,0", "8,4", "−0,4", "−5,0", "105 %"],
            ["Summa", "20,0", "18,9", "1,1", "5,5", "95 %"],
        ],
    )
    d.add_heading("Medlemsbidrag", 1)
    d.add_paragraph("Belopp i tkr.")
    _table(
        d,
        [
            ["Medlem", "Bidrag 2026", "Andel %"],
            ["Köpings kommun", "52 000", "52,0 %"],
            ["Arboga kommun", "48 000", "48,0 %"],
        ],
    )
    d.save(path)
    return path


GROUPS = [
    ("Somatisk vård", [("Medicinkliniken", "−469,1", "−473,2"), ("Kirurgkliniken", "−626,5", "−654,8")]),
    ("Psykiatri", [("Vuxenpsykiatri", "−646,3", "−653,0"), ("BUP", "−537,7", "−541,6")]),
]  # fmt: skip
GROUP_SUMS = {"Somatisk vård": ("−1 095,6", "−1 128,0"), "Psykiatri": ("−1 184,0", "−1 194,6")}


def merged_groups_docx(path: Path) -> Path:
    d = _doc()
    d.add_heading("Prognos per verksamhetsområde", 1)
    d.add_paragraph("Belopp i mnkr.")
    rows = [["Verksamhetsområde", "Verksamhet", "Budget 2026", "Prognos 2026"]]
    starts = []
    for group, items in GROUPS:
        starts.append((len(rows), len(items) + 1))
        for n, (label, b, p) in enumerate(items):
            rows.append([group if n == 0 else "", label, b, p])
        rows.append(["", "Summa", *GROUP_SUMS[group]])
    t = _table(d, rows)
    for start, n in starts:
        for k in range(n):
            _set_cell_merge(t.cell(start + k, 0), vmerge="restart" if k == 0 else "continue")
        t.cell(start, 0).paragraphs[0].runs[0].bold = True
    d.save(path)
    return path


def merged_groups_pdf(path: Path) -> Path:
    """The same table drawn with rules, each group's cell spanning its rows (no rule
    between them in the first column), its name at the top of the cell."""
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(bold, 14)
    c.drawString(60, PAGE_H - 50, "Delårsrapport augusti 2026")
    c.setFont(reg, 10)
    c.drawString(60, PAGE_H - 68, "Tekniska nämnden, Timrå kommun")
    c.drawString(60, PAGE_H - 90, "Belopp i mnkr.")
    xs = [60, 180, 330, 420, 510]
    h = 16.0
    top = PAGE_H - 100
    rows: list[tuple[str, list[str], bool]] = [
        ("", ["Verksamhetsområde", "Verksamhet", "Budget 2026", "Prognos 2026"], True)
    ]
    for group, items in GROUPS:
        for n, (label, b, p) in enumerate(items):
            rows.append((group if n == 0 else "+", [group if n == 0 else "", label, b, p], False))
        rows.append(("+", ["", "Summa", *GROUP_SUMS[group]], True))
    y = top
    c.line(xs[0], y, xs[-1], y)
    for k, (_mark, cells, is_bold) in enumerate(rows):
        for i, text in enumerate(cells):
            font = bold if is_bold or (i == 0 and text) else reg
            c.setFont(font, 9)
            if i >= 2 and k > 0:
                c.drawRightString(xs[i + 1] - 4, y - 11, text)
            else:
                c.drawString(xs[i] + 3, y - 11, text)
        y -= h
        nxt = rows[k + 1][0] if k + 1 < len(rows) else ""
        # the group's cell spans its rows: no rule under it until its last row
        c.line(xs[1] if nxt == "+" else xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, top, x, y)
    c.save()
    return path


def rates_in_kr(path: Path) -> Path:
    d = _doc()
    d.add_paragraph("Nyckeltal")
    _table(
        d,
        [
            ["Nyckeltal", "Utfall 2025", "Riket 2025"],
            ["Kostnad hemtjänst, kr/brukare", "298 450", "305 600"],
            ["Nettokostnad, kr/invånare", "61 240", "63 115"],
            ["Andel nöjda brukare, %", "88", "90"],
        ],
    )
    d.add_heading("Driftredovisning", 1)
    d.add_paragraph("Belopp i tkr.")
    _table(
        d,
        [
            ["Verksamhet", "Budget 2026", "Utfall 2026"],
            ["Hemtjänst", "120 000", "118 500"],
            ["Nettokostnad per invånare", "52 000", "51 800"],
            ["Kostnad kr per brukare", "310 000", "305 000"],
        ],
    )
    d.save(path)
    return path


def unit_column(path: Path) -> Path:
    d = _doc("Årsredovisning 2025")
    d.add_paragraph("Nyckeltal")
    _table(
        d,
        [
            ["Nyckeltal", "Enhet", "2023", "2024", "2025"],
            ["Invånare 31 december", "antal", "64 821", "65 102", "65 419"],
            ["Skattesats", "kr", "22,35", "22,35", "22,60"],
            ["Nettokostnad per invånare", "kr/invånare", "61 240", "63 115", "65 480"],
            ["Årets resultat", "mnkr", "88,4", "41,7", "112,9"],
            ["Självfinansieringsgrad av investeringar", "%", "71,0", "48,5", "86,2"],
        ],
    )
    d.add_paragraph("Finansiella mål")
    _table(
        d,
        [
            ["Finansiellt mål", "Målvärde", "Utfall 2024", "Utfall 2025"],
            ["Resultatet ska uppgå till minst 2 procent av skatteintäkterna", "minst 2 %", "0,9 %", "2,5 %"],
            ["Låneskulden ska inte överstiga", "2 400 mnkr", "2 210,5 mnkr", "2 385,0 mnkr"],
            ["Årets resultat ska vara minst", "60 mnkr", "41,7 mnkr", "112,9 mnkr"],
        ],
    )  # fmt: skip
    d.save(path)
    return path


def kolada_ids(path: Path) -> Path:
    d = _doc("Verksamhetsplan 2027")
    d.add_paragraph("Nyckeltal i jämförelse (källa: Kolada)")
    _table(
        d,
        [
            ["KPI-id", "Nyckeltal", "Karlstad 2025", "Riket 2025"],
            ["U21468", "Brukarbedömning hemtjänst, andel (%)", "91", "88"],
            ["N21815", "Kostnad hemtjänst äldreomsorg, kr/brukare", "298 450", "305 600"],
        ],
    )
    d.add_paragraph("Nyckeltal och målvärden 2027")
    _table(
        d,
        [
            ["Nyckeltal", "Utfall 2025", "Målvärde 2027"],
            ["Väntetid till särskilt boende, medelvärde dagar (U23401)", "61", "högst 60"],
            ["Andel timavlönad personal, %", "13,0", "12"],
        ],
    )
    d.save(path)
    return path


def footnotes(path: Path) -> Path:
    d = _doc("Budget 2027")
    d.add_heading("Resultatbudget", 1)
    d.add_paragraph("Belopp i mnkr.")
    _table(
        d,
        [
            ["Resultatbudget", "Budget 2027", "Plan 2028"],
            ["Verksamhetens intäkter 1)", "1 200,0", "1 230,0"],
            ["Verksamhetens kostnader*", "−5 100,0", "−5 250,0"],
            ["Skatteintäkter²", "4 000,0", "4 100,0"],
        ],
    )
    d.add_paragraph("1) Inklusive taxor och avgifter.")
    d.save(path)
    return path


def action_plan(path: Path) -> Path:
    """A follow-up's åtgärdsplan: actions and their estimated effect, the unit in each cell."""
    d = _doc("Månadsuppföljning oktober 2026")
    d.add_heading("Åtgärder för en budget i balans", 1)
    _table(
        d,
        [
            ["Verksamhet", "Åtgärd", "Beräknad effekt 2026"],
            ["Gata", "Senarelagd beläggning av lokalgator", "1,4 mnkr"],
            ["Park", "Vakanta tjänster tillsätts inte", "0,6 mnkr"],
            ["Alla", "Inköpsstopp", "-"],
            ["", "Summa", "2,0 mnkr"],
        ],
    )
    d.save(path)
    return path


def financial_goals(path: Path) -> Path:
    """An årsredovisning's follow-up of the financial goals: the goals as row labels, their
    outcomes with their own units, an assessment; and a budget table set out per område."""
    d = _doc("Årsredovisning 2025")
    d.add_heading("God ekonomisk hushållning", 1)
    _table(
        d,
        [
            ["Mål", "Utfall 2025", "Bedömning"],
            ["Resultatet ska vara minst 1,5 procent av skatter och bidrag", "2,1 %", "Uppfyllt"],
            ["Skulden per invånare ska vara högst 45 000 kronor", "47 300 kr", "Ej uppfyllt"],
        ],
    )
    d.add_heading("Nettokostnad per område", 1)
    d.add_paragraph("Belopp i mnkr.")
    _table(
        d,
        [
            ["Område", "Budget 2025", "Utfall 2025"],
            ["Gata och park", "−41,0", "−43,2"],
            ["Fastighet", "−12,5", "−11,9"],
        ],
    )
    d.save(path)
    return path


CASH_FLOW = [  # (label, 2025, 2024, bold)
    ("Den löpande verksamheten", "", "", True),
    ("Årets resultat", "48,2", "61,0", False),
    ("Justering för av- och nedskrivningar", "133,9", "127,5", False),
    ("Ökning/minskning av kortfristiga fordringar", "−12,4", "8,8", False),
    ("Medel från den löpande verksamheten", "169,7", "197,3", True),
    ("Investeringsverksamheten", "", "", True),
    ("Investering i materiella anläggningstillgångar", "−254,6", "−231,9", False),
    ("Försäljning av materiella anläggningstillgångar", "6,1", "2,4", False),
    ("Medel från investeringsverksamheten", "−248,5", "−229,5", True),
]


def cash_flow_docx(path: Path) -> Path:
    d = _doc("Årsredovisning 2025")
    d.add_heading("Kassaflödesanalys", 1)
    t = _table(d, [["Mnkr", "2025", "2024"], *[[r[0], r[1], r[2]] for r in CASH_FLOW]])
    for k, row in enumerate(CASH_FLOW, start=1):
        if row[3]:
            for run in t.cell(k, 0).paragraphs[0].runs:
                run.bold = True
    d.save(path)
    return path


def cash_flow_pdf(path: Path) -> Path:
    """The same kassaflödesanalys ruled as a grid: a bold subtotal right above the bold
    heading of the next section."""
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(bold, 14)
    c.drawString(60, PAGE_H - 50, "Årsredovisning 2025")
    c.setFont(reg, 10)
    c.drawString(60, PAGE_H - 68, "Tekniska nämnden, Timrå kommun")
    c.setFont(bold, 12)
    c.drawString(60, PAGE_H - 92, "Kassaflödesanalys")
    xs = [60, 330, 420, 510]
    h = 15.0
    top = y = PAGE_H - 104
    c.line(xs[0], y, xs[-1], y)
    for label, a, b, is_bold in [("Mnkr", "2025", "2024", True), *CASH_FLOW]:
        c.setFont(bold if is_bold else reg, 9)
        c.drawString(xs[0] + 3, y - 11, label)
        for i, text in ((1, a), (2, b)):
            c.drawRightString(xs[i + 1] - 4, y - 11, text)
        y -= h
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, top, x, y)
    c.save()
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("forms")
    years_as_rows(folder / "ar.docx")
    percent_columns(folder / "procent.docx")
    merged_groups_docx(folder / "grupper.docx")
    merged_groups_pdf(folder / "grupper.pdf")
    rates_in_kr(folder / "kr_per.docx")
    unit_column(folder / "enhet.docx")
    kolada_ids(folder / "kolada.docx")
    footnotes(folder / "fotnot.docx")
    action_plan(folder / "atgarder.docx")
    financial_goals(folder / "finansiella.docx")
    cash_flow_docx(folder / "kassaflode.docx")
    cash_flow_pdf(folder / "kassaflode.pdf")
    out = folder / "w.duckdb"
    report = api.ingest([folder], db=out, workers=1)
    assert report.ok, [(f.path, f.error) for f in report.failed]
    return out


def _q(db: Path, sql: str, name: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, [f"%/{name}"]).fetchall()
    finally:
        con.close()


def _ingested(d: Docx, path: Path) -> Path:
    """``d`` saved as ``path`` and ingested alone: the warehouse."""
    d.save(path)
    out = path.with_suffix(".duckdb")
    api.ingest([path], db=out, workers=1)
    return out


def _lines(db: Path, name: str) -> list[tuple]:
    return _q(
        db,
        "SELECT label, parent_label, measure, b.year, amount_raw, amount_mnkr, column_header, "
        "is_total, source_text FROM budget_lines b JOIN documents d USING (document_id) "
        "WHERE d.source_path LIKE ? ORDER BY b.page, b.row, b.col",
        name,
    )


def _values(db: Path, name: str) -> list[tuple]:
    return _q(
        db,
        "SELECT i.text, i.unit, i.kolada_kpi, v.value_type, v.year, v.value_text, v.organisation "
        "FROM indicators i JOIN indicator_values v USING (indicator_id) "
        "JOIN documents d ON d.document_id = i.document_id "
        "WHERE d.source_path LIKE ? ORDER BY i.indicator_id",
        name,
    )


def test_a_first_column_of_years_is_the_rows_year_never_an_amount(db):
    got = _lines(db, "ar.docx")
    assert got, "the years table gives budget lines"
    assert not {r[4] for r in got} & {"2023", "2024", "2025"}
    assert {(r[0], r[3], r[2], r[6], r[5]) for r in got} >= {
        ("2023", 2023, "utfall", "Verksamhetens nettokostnad", -1561.9),
        ("2025", 2025, "utfall", "Årets resultat", 42.5),
    }
    assert len(got) == 6
    # key figures by year: one indicator per column, one value per year
    vals = {(r[0], r[3], r[4], r[5]) for r in _values(db, "ar.docx")}
    assert ("Soliditet, %", "utfall", 2024, "41,2") in vals
    assert ("Antal invånare", "utfall", 2025, "22 405") in vals
    assert not any(r[0] in ("2024", "2025") for r in vals)


def test_a_percent_column_in_a_money_table_gives_no_budget_line(db):
    got = _lines(db, "procent.docx")
    assert not [r for r in got if r[6] in ("Avvikelse %", "Förbrukat", "Andel %")]
    assert all(r[5] is not None for r in got)
    # a year-less deviation takes the table's own year, not the report's
    dev = [r for r in got if r[2] == "avvikelse"]
    assert dev and {r[3] for r in dev} == {2025}
    assert ("Köpings kommun", 52.0) in {(r[0], r[5]) for r in got}


@pytest.mark.parametrize("name", ["grupper.docx", "grupper.pdf"])
def test_a_label_cell_merged_over_rows_is_their_parent(db, name):
    got = _lines(db, name)
    rows = {(r[0], r[1], r[7]) for r in got}
    assert ("Medicinkliniken", "Somatisk vård", False) in rows
    assert ("Kirurgkliniken", "Somatisk vård", False) in rows
    assert ("Vuxenpsykiatri", "Psykiatri", False) in rows
    assert ("BUP", "Psykiatri", False) in rows
    # each group's Summa is told apart by its group
    sums = {(r[1], r[4]) for r in got if r[0] == "Summa"}
    assert sums == {
        ("Somatisk vård", "−1 095,6"),
        ("Somatisk vård", "−1 128,0"),
        ("Psykiatri", "−1 184,0"),
        ("Psykiatri", "−1 194,6"),
    }
    assert all(r[7] for r in got if r[0] == "Summa")


def test_amounts_in_kr_per_unit_are_key_figures_not_money(db):
    got = _lines(db, "kr_per.docx")
    assert {r[0] for r in got} == {"Hemtjänst"}
    vals = {(r[0], r[1], r[5], r[6]) for r in _values(db, "kr_per.docx")}
    assert ("Kostnad hemtjänst, kr/brukare", "kr/brukare", "298 450", None) in vals
    assert ("Kostnad hemtjänst, kr/brukare", "kr/brukare", "305 600", "riket") in vals
    assert ("Nettokostnad, kr/invånare", "kr/inv", "61 240", None) in vals
    assert ("Nettokostnad per invånare", "kr/inv", "52 000", None) in {
        (r[0], r[1], r[5], r[6]) for r in _values(db, "kr_per.docx")
    }


def test_a_unit_column_gives_each_row_its_unit(db):
    vals = _values(db, "enhet.docx")
    units = {r[0]: r[1] for r in vals}
    assert units["Skattesats"] == "kr"
    assert units["Invånare 31 december"] == "antal"
    assert units["Nettokostnad per invånare"] == "kr/inv"
    assert units["Självfinansieringsgrad av investeringar"] == "%"
    assert "enhet" not in {r[5].lower() for r in vals}
    assert not {r[5] for r in vals} & {"antal", "kr", "%", "mnkr"}
    money = [r for r in _lines(db, "enhet.docx") if r[0] == "Årets resultat"]
    assert {(r[3], r[5]) for r in money} == {(2023, 88.4), (2024, 41.7), (2025, 112.9)}


def test_a_financial_goals_table_in_mixed_units_gives_indicators_not_targets_as_money(db):
    got = _lines(db, "enhet.docx")
    assert not [r for r in got if r[2] == "målvärde"]
    assert not [r for r in got if r[5] is None]
    vals = {(r[0][:25], r[3], r[4], r[5]) for r in _values(db, "enhet.docx")}
    assert ("Resultatet ska uppgå till", "utfall", 2024, "0,9 %") in vals
    assert ("Resultatet ska uppgå till", "målvärde", 2025, "minst 2 %") in vals


def test_a_kolada_id_printed_in_the_table_is_the_indicators_kpi(db):
    vals = _values(db, "kolada.docx")
    kpi = {r[0]: r[2] for r in vals}
    assert kpi["Brukarbedömning hemtjänst, andel (%)"] == "U21468"
    assert kpi["Kostnad hemtjänst äldreomsorg, kr/brukare"] == "N21815"
    assert kpi["Väntetid till särskilt boende, medelvärde dagar"] == "U23401"
    assert kpi["Andel timavlönad personal, %"] is None
    assert not {r[5] for r in vals} & {"U21468", "N21815", "U23401"}
    units = {r[0]: r[1] for r in vals}
    assert units["Väntetid till särskilt boende, medelvärde dagar"] == "dagar"


def test_a_footnote_marker_is_no_part_of_the_label(db):
    got = _lines(db, "fotnot.docx")
    labels = {r[0] for r in got}
    assert labels == {"Verksamhetens intäkter", "Verksamhetens kostnader", "Skatteintäkter"}
    first = next(r for r in got if r[0] == "Verksamhetens intäkter")
    assert "1)" in first[8]  # the printed label stays in source_text


def test_goals_as_row_labels_make_an_indicator_table_not_budget_lines(db):
    got = _lines(db, "finansiella.docx")
    assert {r[0] for r in got} == {"Gata och park", "Fastighet"}  # per område: money
    vals = {(r[0][:20], r[1], r[3], r[4], r[5]) for r in _values(db, "finansiella.docx")}
    assert vals == {
        ("Resultatet ska vara ", "%", "utfall", 2025, "2,1 %"),
        ("Skulden per invånare", "kr", "utfall", 2025, "47 300 kr"),
    }


@pytest.mark.parametrize("name", ["kassaflode.docx", "kassaflode.pdf"])
def test_a_section_opening_with_a_total_keeps_its_rows(db, name):
    got = {(r[0], r[1], r[7]) for r in _lines(db, name)}
    assert got == {
        ("Årets resultat", "Den löpande verksamheten", True),
        ("Justering för av- och nedskrivningar", "Den löpande verksamheten", False),
        ("Ökning/minskning av kortfristiga fordringar", "Den löpande verksamheten", False),
        ("Medel från den löpande verksamheten", "Den löpande verksamheten", True),
        ("Investering i materiella anläggningstillgångar", "Investeringsverksamheten", False),
        ("Försäljning av materiella anläggningstillgångar", "Investeringsverksamheten", False),
        ("Medel från investeringsverksamheten", "Investeringsverksamheten", True),
    }


def test_an_actions_estimated_effect_is_no_outcome(db):
    got = _lines(db, "atgarder.docx")
    assert {r[2] for r in got} == {"effekt"}
    assert {(r[0], r[3], r[5]) for r in got if r[5] is not None} >= {
        ("Senarelagd beläggning av lokalgator", 2026, 1.4),
        ("Vakanta tjänster tillsätts inte", 2026, 0.6),
    }
    assert [r[5] for r in got if r[7]] == [2.0]
    assert not [r for r in got if r[0] == "Inköpsstopp" and r[5] is not None]


@pytest.mark.parametrize(
    "label, unit",
    [
        ("Kostnad hemtjänst äldreomsorg, kr/brukare", "kr/brukare"),
        ("Nettokostnad, kronor per invånare", "kr/inv"),
        ("Nettokostnad per invånare", "kr/inv"),
        ("Kostnad per vårddygn", "kr/vårddygn"),
        ("Läkarbesök per 1000 invånare", None),  # no amount of money: not a cost per unit
        ("Kostnader per verksamhet", None),  # a breakdown, not a rate
        ("Bidrag, kr per år", None),  # money over a period is money
    ],
)
def test_an_amount_per_unit_is_a_rate(label, unit):
    from styrdata.extract.domain.tables import rate_unit

    assert rate_unit(label) == unit


def test_a_change_column_without_a_year_is_of_the_plans_year(tmp_path):
    d = _doc("Verksamhetsplan 2027")
    d.add_paragraph("Ramar per verksamhet, tkr")
    _table(
        d,
        [
            ["Verksamhet", "Budget 2026", "Budget 2027", "Förändring"],
            ["Grundskola", "412 300", "425 900", "13 600"],
            ["Förskola", "198 000", "201 500", "3 500"],
        ],
    )
    out = _ingested(d, tmp_path / "ramar.docx")
    got = {(r[2], r[3]) for r in _lines(out, "ramar.docx") if r[0] == "Grundskola"}
    assert got == {("budget", 2026), ("budget", 2027), ("förändring", 2027)}


def test_goals_with_their_measures_and_a_key_figure_plan(tmp_path):
    d = _doc("Verksamhetsplan 2027")
    d.add_heading("Nämndens mål och mått", 1)
    _table(
        d,
        [
            ["Mål", "Mått", "Målvärde 2027", "Utfall 2025"],
            ["Invånarna är nöjda med gatuunderhållet", "Nöjd medborgar-index, gator", "≥ 60", "57"],
            ["Färre olyckor i trafiken", "Antal skadade i trafiken", "< 40", "46"],
        ],
    )
    d.add_heading("Ekonomiska nyckeltal", 1)
    _table(
        d,
        [
            ["Nyckeltal", "Ägarens krav", "Budget 2027", "Utfall 2025", "Förändring"],
            ["Soliditet, %", "30", "33,5", "31,0", "2,5"],
        ],
    )
    out = _ingested(d, tmp_path / "matt.docx")
    got = {(r[0], r[3], r[4], r[5]) for r in _values(out, "matt.docx")}
    assert got == {
        ("Nöjd medborgar-index, gator", "målvärde", 2027, "≥ 60"),
        ("Nöjd medborgar-index, gator", "utfall", 2025, "57"),
        ("Antal skadade i trafiken", "målvärde", 2027, "< 40"),
        ("Antal skadade i trafiken", "utfall", 2025, "46"),
        # an owner's requirement is a target; a budgeted level is kept as such; a change
        # between two columns is no value of the key figure
        ("Soliditet, %", "målvärde", 2027, "30"),
        ("Soliditet, %", "budget", 2027, "33,5"),
        ("Soliditet, %", "utfall", 2025, "31,0"),
    }


def test_a_comment_column_after_the_figures_is_no_label_column(tmp_path):
    d = _doc("Tertialrapport 1 2026")
    d.add_paragraph("Investeringar, tkr")
    _table(
        d,
        [
            ["Projekt", "Budget 2026", "Prognos 2026", "Kommentar"],
            [
                "Ny brandstation Norr",
                "31 000",
                "24 500",
                "6 500 tkr förskjuts till 2027 efter överklagande",
            ],
            ["Gång- och cykelbro", "8 200", "8 200", "Upphandling klar, 3 anbud inkom"],
        ],
    )
    out = _ingested(d, tmp_path / "inv.docx")
    got = {(r[0], r[2], r[5]) for r in _lines(out, "inv.docx")}
    assert got == {
        ("Ny brandstation Norr", "budget", 31.0),
        ("Ny brandstation Norr", "prognos", 24.5),
        ("Gång- och cykelbro", "budget", 8.2),
        ("Gång- och cykelbro", "prognos", 8.2),
    }


def test_a_deviation_after_two_columns_of_one_period_is_of_that_period():
    from styrdata.extract.domain.columns import read_header
    from styrdata.extract.domain.tables import _deviation_periods

    heads = ["Utfall jan–aug 2026", "Budget jan–aug 2026", "Avvikelse", "Årsprognos 2026"]
    got = _deviation_periods([read_header(h) for h in heads])
    assert [c.period for c in got] == ["jan–aug", "jan–aug", "jan–aug", "helår"]
    # after columns of two periods, or of other years, a deviation's period is not said
    heads = ["Budget 2026", "Utfall jan–aug 2026", "Avvikelse"]
    assert _deviation_periods([read_header(h) for h in heads])[2].period is None
    heads = ["Utfall jan–aug 2026", "Utfall jan–aug 2025", "Förändring"]
    assert _deviation_periods([read_header(h) for h in heads])[2].period is None
