"""Table extraction on every budget-table layout, scored like bench/tables.py."""

from __future__ import annotations

import pytest

import table_layouts
from styrdata.extract import read_document
from table_layouts import cells, f1


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    return {
        layout.name: (path, layout)
        for path, layout in table_layouts.build_all(tmp_path_factory.mktemp("layouts"))
    }


@pytest.mark.parametrize("name", [m.__name__ for m in table_layouts.LAYOUTS])
def test_every_layout_is_read_cell_for_cell(fixtures, name):
    path, layout = next(v for v in fixtures.values() if v[0].stem == name)
    doc = read_document(str(path))
    rows = [row for t in doc.tables for row in t.grid()]
    assert f1(cells(rows), cells(layout.truth)) >= 0.98
    assert len(doc.tables) == 1  # a page-spanning table is stitched into one
    # the table's text is not repeated as paragraphs
    assert not any(b.kind == "paragraph" and "-1 969,4" in b.text for b in doc.blocks)


def test_page_spanning_table_keeps_both_pages(fixtures):
    for name in ("page-spanning, repeated header", "page-spanning, no header"):
        path, _ = fixtures[name]
        (t,) = read_document(str(path)).tables
        assert t.pages == [1, 2]
        assert t.n_rows == 31
        assert {c.page for c in t.cells if c.text == "Objekt 30 utrustning"} == {2}


def test_grouped_and_wrapped_header_cells(fixtures):
    path, _ = fixtures["two-line and grouped header"]
    (t,) = read_document(str(path)).tables
    grouped = next(c for c in t.cells if c.text == "Anställda per 31 dec 2024")
    assert (grouped.row, grouped.col, grouped.col_span, grouped.is_header) == (0, 1, 3, True)
    assert any(c.text == "Budgetavvikelse" and c.col == 4 for c in t.cells)


def test_bold_rows_and_wrapped_labels(fixtures):
    path, _ = fixtures["bold and italic rows"]
    (t,) = read_document(str(path)).tables
    bold = {c.text for c in t.cells if c.col == 0 and c.bold and not c.is_header}
    assert bold == {"Verksamhetens nettokostnader", "Resultat"}
    path, _ = fixtures["multi-line label cells"]
    (t,) = read_document(str(path)).tables
    labels = [c.text for c in sorted(t.cells, key=lambda c: c.row) if c.col == 0]
    assert labels[1:3] == [
        "Privata vårdgivare (avtal inom LOU, LOL, LOF, LOV)",
        "Köpt digital vård, externa utförare",
    ]


def test_unruled_budget_table_becomes_budget_lines(fixtures):
    from styrdata.extract.domain.budget import extract_budget

    path, _ = fixtures["unruled"]
    lines = extract_budget(read_document(str(path)), 2025, "verksamhetsplan")
    summa = [x for x in lines if x.label == "Summa"]
    assert [(x.measure, x.year, x.amount_mnkr) for x in summa] == [
        ("budget", 2025, -2868.0),
        ("prognos", 2024, -2771.5),
        ("utfall", 2023, -2843.9),
    ]
    assert summa[0].table_kind == "driftbudget" and summa[0].is_total
    vardval = next(x for x in lines if x.label == "Vårdval Hälsoval")
    assert vardval.parent_label == "Hälsovalsenheten"
