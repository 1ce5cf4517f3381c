"""Golden expectations on the shared corpus (../shared/corpus, or the copy in data/raw)."""

from __future__ import annotations

import pytest

from conftest import DOC_IDS
from conftest import query as _q
from styrdata import api

# What a reader of each document finds on its title page / introduction.
EXPECTED = {
    "000_27f8406190a0567d": ("18", "Regionstyrelsen", "verksamhetsplan", 2022, 2022),
    "001_456057fb73cc2169": ("18", "Regionstyrelsen", "verksamhetsberättelse", 2024, 2024),
    "002_d46f54dcbd8270a5": ("18", "Servicenämnden", "verksamhetsplan", 2024, 2024),
    "003_ed4c0936e15400ec": ("22", "Regionstyrelsen", "verksamhetsplan", 2024, 2026),
    "004_a21d5508182b01d5": ("13", "Regionstyrelsen", "verksamhetsplan", 2024, 2024),
}
# Tables in the Word originals: (rows, cols) in body order.
DOCX_TABLES = {
    "000_27f8406190a0567d": [(20, 4), (4, 4), (19, 3), (13, 4)],
    "001_456057fb73cc2169": [],
    "002_d46f54dcbd8270a5": [],
    "003_ed4c0936e15400ec": [
        (6, 2),
        (2, 5),
        (2, 5),
        (3, 1),
        (4, 5),
        (3, 5),
        (4, 5),
        (2, 1),
        (3, 5),
        (3, 1),
    ],
    "004_a21d5508182b01d5": [(3, 2), (5, 2), (5, 2), (8, 4)],
}


@pytest.fixture(scope="module")
def warehouse(corpus_db):
    return corpus_db


@pytest.mark.parametrize("fmt", ["pdf", "docx", "text"])
@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_metadata_in_every_format(warehouse, doc_id, fmt):
    rows = _q(
        warehouse,
        "SELECT region_code, organ, doc_type, year, end_year, status FROM documents "
        "WHERE source_path LIKE ? AND format = ? AND source_path NOT LIKE '%/scan/%'",
        [f"%{doc_id}%", fmt],
    )
    assert len(rows) == 1
    *meta, status = rows[0]
    assert status == "ok"
    assert tuple(meta) == EXPECTED[doc_id]


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_pdf_and_docx_tables_match_the_source(warehouse, doc_id):
    for fmt in ("pdf", "docx"):
        got = _q(
            warehouse,
            "SELECT t.n_rows, t.n_cols FROM tables t JOIN documents d USING (document_id) "
            "WHERE d.source_path LIKE ? AND d.format = ? AND d.source_path LIKE '%/plain/%' ORDER BY t.seq",
            [f"%{doc_id}%", fmt],
        )
        assert got == DOCX_TABLES[doc_id], fmt
    # merged cells appear once: no two cells share a position, and every cell has text or is empty once
    dup = _q(
        warehouse,
        'SELECT table_id, "row", col, count(*) FROM table_cells GROUP BY ALL HAVING count(*) > 1',
    )
    assert dup == []


def test_page_spanning_internal_control_table_is_one_table(warehouse):
    rows = _q(
        warehouse,
        "SELECT t.page, t.last_page, t.n_rows FROM tables t JOIN documents d USING (document_id) "
        "WHERE d.format='pdf' AND d.source_path LIKE '%000_27f8%' AND t.n_cols = 3",
    )
    assert rows == [(11, 13, 19)]
    cells = _q(
        warehouse,
        "SELECT c.text FROM table_cells c JOIN tables t USING (table_id) JOIN documents d USING (document_id) "
        "WHERE d.format='pdf' AND d.source_path LIKE '%000_27f8%' AND t.n_cols = 3 AND c.col = 1 AND c.text <> '' "
        "ORDER BY c.row",
    )
    assert ("Risken att information inte når ut vid en allvarlig händelse.",) in cells


def test_text_keeps_swedish_letters(warehouse):
    for fmt in ("pdf", "docx", "text"):
        n = _q(
            warehouse,
            "SELECT count(*) FROM blocks b JOIN documents d USING (document_id) "
            "WHERE d.format = ? AND d.source_path LIKE '%003_ed4c%' AND b.text LIKE '%Västernorrland%'",
            [fmt],
        )[0][0]
        assert n > 5, fmt


def test_running_headers_and_page_numbers_are_gone(warehouse):
    n = _q(
        warehouse,
        "SELECT count(*) FROM blocks b JOIN documents d USING (document_id) "
        "WHERE d.format='pdf' AND regexp_matches(trim(b.text), '^[0-9]{1,3}$')",
    )[0][0]
    assert n == 0


def test_scanned_pdf_is_read_with_ocr(warehouse):
    """The scanned Halland plan: every page OCR'd, metadata right, and what the born-digital
    rendering yields found again: all 8 goals, all 6 indicators (their tables are found from
    the ruling lines in the page images) with both targets, and all 16 budget amounts. On
    the grey page image before it was thresholded, Tesseract read Sjukfrånvaro's "5,2" as
    "LR" and one cell's "52,9" as "SPIK)"."""
    rows = _q(
        warehouse,
        "SELECT status, pages, len(ocr_pages), region_code, organ, doc_type, year "
        "FROM documents WHERE source_path LIKE '%/scan/%'",
    )
    assert rows == [("ok", 8, 8, "13", "Regionstyrelsen", "verksamhetsplan", 2024)]

    def keyed(sql: str, path: str) -> set:
        return set(_q(warehouse, sql.replace("{path}", path)))

    budget = (
        "SELECT b.label, b.measure, b.year, b.amount_mnkr FROM budget_lines b JOIN documents d "
        "USING (document_id) WHERE d.source_path LIKE '{path}'"
    )
    digital = keyed(budget, "%plain/004_a21d5508182b01d5.pdf")
    scanned = keyed(budget, "%scan/004_a21d5508182b01d5.pdf")
    assert len(digital) == 16 and digital == scanned
    goals = (
        "SELECT g.kind, g.title FROM goals g JOIN documents d USING (document_id) "
        "WHERE d.source_path LIKE '{path}'"
    )
    digital = keyed(goals, "%plain/004_a21d5508182b01d5.pdf")
    assert digital <= keyed(goals, "%scan/004_a21d5508182b01d5.pdf") and len(digital) == 8
    indicators = (
        "SELECT i.text, v.value_type, v.value_text FROM indicators i JOIN documents d "
        "USING (document_id) LEFT JOIN indicator_values v USING (indicator_id) "
        "WHERE d.source_path LIKE '{path}'"
    )
    digital = keyed(indicators, "%plain/004_a21d5508182b01d5.pdf")
    scanned = keyed(indicators, "%scan/004_a21d5508182b01d5.pdf")
    assert {t for t, *_ in digital} == {t for t, *_ in scanned} and len(digital) == 6
    assert ("Personalomsättning", "målvärde", "11,0") in scanned
    assert ("Sjukfrånvaro", "målvärde", "5,2") in scanned
    assert digital == scanned


def test_reingest_changes_nothing(warehouse, corpus):
    before = _q(warehouse, "SELECT document_id, sha256, ingested_at FROM documents ORDER BY 1")
    report = api.ingest([corpus / "plain", corpus / "seeds", corpus / "scan"], db=warehouse)
    assert {f.status for f in report.files} == {"skipped"}
    assert (
        _q(warehouse, "SELECT document_id, sha256, ingested_at FROM documents ORDER BY 1") == before
    )
