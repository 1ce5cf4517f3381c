"""Indicator tables, risk tables with abbreviated scales and numbers that are not amounts,
in the forms kommuner, regions and kommunalförbund print (issue 14).

A table whose first header cell is "Indikator" is read by its columns' meaning exactly like
a key-figure table ("Nyckeltal"), and its indicators belong to the goal above it. Documents
are built here with python-docx (and LibreOffice for the PDF); names and numbers are made
up.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from sector_documents import _table, to_pdf
from styrdata.extract import read_document
from styrdata.extract.domain import extract_domain
from styrdata.normalize.values import status_of

FOLLOW_UP = ("Verksamhetsberättelse 2025", "Barn- och utbildningsnämnden, Hjo kommun")
INTERIM = ("Delårsrapport januari–augusti 2026", "Socialnämnden, Hjo kommun")
LABEL = "Andel elever i åk 9 behöriga till yrkesprogram, %"


def _doc(path: Path, title: tuple[str, str], tables: list[tuple[str, list[list[str]]]]) -> Path:
    """A document: its title, then per table a goal heading ("Mål: …") and the table."""
    d = docx.Document()
    d.add_heading(title[0], 0)
    d.add_paragraph(title[1])
    for heading, rows in tables:
        d.add_heading(heading, 1)
        d.add_paragraph("Nämnden följer målet med indikatorerna nedan.")
        _table(d, rows, header_rows=2 if rows[1][0] == "" else 1)
    d.save(path)
    return path


def _values(ind) -> set[tuple]:
    return {(v.value_type, v.year, v.raw, v.subject) for v in ind.values}


def _found(path: Path):
    return extract_domain(read_document(path))


def _one(found, label: str = LABEL):
    inds = [i for i in found.indicators if i.text.startswith(label[:30])]
    assert len(inds) == 1, [i.text for i in found.indicators]
    return inds[0]


COMPARISON = [
    ["Indikator", "Hjo 2024", "Hjo 2025", "Riket 2025", "Länet 2025",
     "Liknande kommuner 2025", "Målvärde 2025"],
    [LABEL, "88,4", "86,9", "84,2", "86,5", "89,0", "90"],
    ["Andel elever i åk 6 med lägst betyget E i matematik, %", "90,2", "91,5", "89,1 (2024)",
     "90,7", "–", "92"],
]  # fmt: skip
COMPARISON_VALUES = {
    ("utfall", 2024, "88,4", None),
    ("utfall", 2025, "86,9", None),
    ("utfall", 2025, "84,2", "riket"),
    ("utfall", 2025, "86,5", "länet"),
    ("utfall", 2025, "89,0", "liknande kommuner"),
    ("målvärde", 2025, "90", None),
}


def test_indicator_table_keeps_comparison_and_own_organisation_columns(tmp_path):
    """Own-organisation columns ("Hjo 2025") are the publisher's outcomes, "Riket", "Länet"
    and "Liknande kommuner" comparisons; a cell's own year overrides the header's; the
    indicators belong to the goal above the table."""
    found = _found(
        _doc(tmp_path / "c.docx", FOLLOW_UP, [("Mål: Alla elever ska lyckas", COMPARISON)])
    )
    goal = next(k for k, g in enumerate(found.goals) if g.title == "Alla elever ska lyckas")
    ind = _one(found)
    assert ind.goal == goal
    assert _values(ind) == COMPARISON_VALUES
    math = _one(found, "Andel elever i åk 6")
    assert ("utfall", 2024, "89,1", "riket") in _values(math)


def test_indicator_and_key_figure_tables_are_read_alike(tmp_path):
    """One reading path: the same table headed "Nyckeltal" gives the same values."""
    key = [["Nyckeltal", *COMPARISON[0][1:]], *COMPARISON[1:]]
    found = _found(_doc(tmp_path / "k.docx", FOLLOW_UP, [("Jämförelser", key)]))
    assert _values(_one(found)) == COMPARISON_VALUES


@pytest.mark.parametrize(
    ("header", "want"),
    [
        (["Utfall 2025", "Utfall jan–aug 2026", "Målvärde 2026"],
         {("utfall", 2025, "86,9"), ("utfall", 2026, "84,0"), ("målvärde", 2026, "90")}),
        (["Utfall T1 2025", "Utfall T1 2026", "Målvärde 2026"],
         {("utfall", 2025, "86,9"), ("utfall", 2026, "84,0"), ("målvärde", 2026, "90")}),
        (["Helår 2025", "Jan–aug 2026", "Mål 2026"],
         {("utfall", 2025, "86,9"), ("utfall", 2026, "84,0"), ("målvärde", 2026, "90")}),
    ],
)  # fmt: skip
def test_indicator_table_period_columns(tmp_path, header, want):
    rows = [["Indikator", *header], [LABEL, "86,9", "84,0", "90"]]
    found = _found(
        _doc(tmp_path / "p.docx", INTERIM, [("Mål: Fler ska bli självförsörjande", rows)])
    )
    ind = _one(found)
    assert {(t, y, r) for t, y, r, _ in _values(ind)} == want
    assert ind.goal is not None


def test_indicator_table_bare_years_and_cell_year(tmp_path):
    rows = [
        ["Indikator", "2023", "2024", "2025", "Mål 2025"],
        [LABEL, "85,0", "81 (2022)", "86,9", "90"],
    ]
    found = _found(_doc(tmp_path / "y.docx", FOLLOW_UP, [("Mål: Alla elever ska lyckas", rows)]))
    assert {(t, y, r) for t, y, r, _ in _values(_one(found))} == {
        ("utfall", 2023, "85,0"),
        ("utfall", 2022, "81"),
        ("utfall", 2025, "86,9"),
        ("målvärde", 2025, "90"),
    }


def test_indicator_table_two_line_header(tmp_path):
    """ "Utfall T1" over "2025": the header's second row, with an empty label cell."""
    rows = [
        ["Indikator", "Utfall T1", "Utfall T1", "Målvärde"],
        ["", "2025", "2026", "2026"],
        ["Sjukfrånvaro (%)", "6,9", "6,4", "6,0"],
        ["Kostnad inhyrd personal (mnkr)", "64,2", "41,5", "30,0"],
    ]
    found = _found(_doc(tmp_path / "t.docx", INTERIM, [("Mål: Attraktiv arbetsgivare", rows)]))
    sick = _one(found, "Sjukfrånvaro (%)")
    assert {(t, y, r) for t, y, r, _ in _values(sick)} == {
        ("utfall", 2025, "6,9"),
        ("utfall", 2026, "6,4"),
        ("målvärde", 2026, "6,0"),
    }
    # a cost with a target is the goal's indicator, not a budget line
    cost = _one(found, "Kostnad inhyrd personal")
    assert ("målvärde", 2026, "30,0", None) in _values(cost)
    assert not [b for b in found.budget if b.label.startswith("Kostnad inhyrd")]
    assert "driftbudget" not in found.table_kinds


def test_indicator_table_without_years_takes_the_report_year_and_status(tmp_path):
    rows = [
        ["Indikator", "Utfall", "Målnivå", "Bedömning"],
        [LABEL, "86,9", "90", "Delvis uppnått"],
    ]
    found = _found(_doc(tmp_path / "b.docx", FOLLOW_UP, [("Mål: Alla elever ska lyckas", rows)]))
    ind = _one(found)
    assert {(v.value_type, v.year, v.raw, v.status_raw) for v in ind.values} == {
        ("utfall", 2025, "86,9", "Delvis uppnått"),
        ("målvärde", 2025, "90", None),
    }
    assert status_of("Delvis uppnått") == "delvis"


def test_key_figure_table_status_column(tmp_path):
    """A goal table read by meaning ("Finansiellt mål | Utfall 2025 | Måluppfyllelse"): the
    assessment goes with the outcome."""
    rows = [
        ["Finansiellt mål", "Utfall 2025", "Måluppfyllelse"],
        ["Resultatet ska uppgå till minst 2 procent av skatteintäkterna", "1,4 %", "Ej uppfyllt"],
    ]
    found = _found(_doc(tmp_path / "f.docx", FOLLOW_UP, [("Finansiella mål", rows)]))
    ind = _one(found, "Resultatet ska uppgå")
    assert [(v.value_type, v.year, v.raw, v.status_raw) for v in ind.values] == [
        ("utfall", 2025, "1,4 %", "Ej uppfyllt")
    ]


def test_money_rows_of_a_goal_table_are_not_budget_lines(tmp_path):
    """A mnkr row with a target in an indicator table: an indicator, no budget line (and no
    budget line with measure målvärde); the table's % rows stay indicators."""
    rows = [
        ["Indikator", "Utfall 2024", "Utfall 2025", "Mål 2027"],
        ["Kostnad för inhyrd personal, mnkr", "212", "176", "högst 120"],
        ["Sjukfrånvaro (%)", "7,1", "6,8", "≤ 6,0"],
    ]
    title = ("Verksamhetsplan 2027", "Hälso- och sjukvårdsnämnden, Region Norrbotten")
    found = _found(
        _doc(tmp_path / "m.docx", title, [("Mål: Beroendet av inhyrd personal ska minska", rows)])
    )
    assert not found.budget
    assert {(t, y, r) for t, y, r, _ in _values(_one(found, "Kostnad för inhyrd"))} == {
        ("utfall", 2024, "212"),
        ("utfall", 2025, "176"),
        ("målvärde", 2027, "högst 120"),
    }
    assert _one(found, "Sjukfrånvaro (%)").values


def test_five_year_overview_rates_and_note_column(tmp_path):
    """ "Skattesats, kr" is a key figure (a rate), never an amount in mnkr; a
    resultaträkning's "Not" column holds note references, not amounts."""
    d = docx.Document()
    d.add_heading("Årsredovisning 2025", 0)
    d.add_paragraph("Kommunstyrelsen, Hjo kommun")
    d.add_heading("Fem år i sammandrag", 1)
    _table(d, [
        ["Nyckeltal", "2021", "2022", "2023", "2024", "2025"],
        ["Antal invånare 31 december", "77 900", "78 600", "79 600", "80 400", "81 200"],
        ["Skattesats, kr", "22,84", "22,84", "22,84", "23,09", "23,09"],
        ["Nettoinvesteringar, mnkr", "612,5", "874,0", "1 102,3", "958,6", "801,2"],
    ])  # fmt: skip
    d.add_heading("Resultaträkning", 1)
    d.add_paragraph("Belopp i miljoner kronor.")
    _table(d, [
        ["", "Not", "Kommunen 2025", "Kommunen 2024"],
        ["Verksamhetens intäkter", "2", "1 412,6", "1 356,2"],
        ["Verksamhetens kostnader", "3", "−6 118,3", "−5 862,9"],
        ["Verksamhetens nettokostnader", "", "−4 705,7", "−4 506,7"],
    ])  # fmt: skip
    path = tmp_path / "a.docx"
    d.save(path)
    found = _found(path)
    assert not [b for b in found.budget if b.label.startswith("Skattesats")]
    assert not [b for b in found.budget if (b.column_header or "") == "Not"]
    assert {
        (b.measure, b.year, b.amount_raw)
        for b in found.budget
        if b.label == "Verksamhetens intäkter"
    } == {
        ("utfall", 2025, "1 412,6"),
        ("utfall", 2024, "1 356,2"),
    }
    tax = _one(found, "Skattesats, kr")
    assert {(t, y, r) for t, y, r, _ in _values(tax)} >= {
        ("utfall", 2021, "22,84"),
        ("utfall", 2025, "23,09"),
    }
    # money is a budget line, not an indicator
    assert not [i for i in found.indicators if i.text.startswith("Nettoinvesteringar")]
    assert [b.year for b in found.budget if b.label == "Nettoinvesteringar, mnkr"] == [
        2021,
        2022,
        2023,
        2024,
        2025,
    ]
    assert {b.measure for b in found.budget} <= {"utfall", "budget", "prognos", "plan", "avvikelse"}


RISKS = [
    ["Risk", "Område", "S", "K", "Riskvärde", "Kontrollmetod"],
    ["Risk för att löner betalas ut felaktigt", "Lön", "4", "4", "16", "Stickprov"],
    ["Risk för att bisysslor inte anmäls", "Personal", "2", "3", "6", "Enkät"],
]


@pytest.mark.parametrize(
    "header",
    [
        RISKS[0],
        ["Risk", "Område", "Sannolikhet (1-4)", "Konsekvens (1-4)", "RV", "Kontrollmetod"],
        ["Risk", "Område", "S", "K", "S x K", "Kontrollmetod"],
    ],
)
def test_risk_table_with_abbreviated_scales(tmp_path, header):
    d = docx.Document()
    d.add_heading("Internkontrollplan 2026", 0)
    d.add_paragraph("Regionstyrelsen, Region Hjo")
    _table(d, [header, *RISKS[1:]])
    path = tmp_path / "r.docx"
    d.save(path)
    found = _found(path)
    assert [
        (r.risk[:20], r.area, r.probability, r.consequence, r.risk_value) for r in found.risks
    ] == [
        ("Risk för att löner b", "Lön", 4, 4, 16),
        ("Risk för att bisyssl", "Personal", 2, 3, 6),
    ]
    assert found.table_kinds == ["risker"]


@pytest.mark.slow
def test_indicator_and_risk_tables_from_pdf(tmp_path):
    """The same tables rendered to PDF by LibreOffice."""
    src = _doc(tmp_path / "c.docx", FOLLOW_UP, [("Mål: Alla elever ska lyckas", COMPARISON)])
    found = _found(to_pdf(src, tmp_path))
    assert _values(_one(found)) == COMPARISON_VALUES
    d = docx.Document()
    d.add_heading("Internkontrollplan 2026", 0)
    d.add_paragraph("Regionstyrelsen, Region Hjo")
    _table(d, RISKS)
    d.save(tmp_path / "r.docx")
    risks = _found(to_pdf(tmp_path / "r.docx", tmp_path)).risks
    assert [(r.probability, r.consequence, r.risk_value) for r in risks] == [(4, 4, 16), (2, 3, 6)]
