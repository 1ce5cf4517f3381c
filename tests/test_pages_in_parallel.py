"""A long PDF is read in parts, one per reader process, and laid out as one document: the
warehouse holds exactly what reading it in one piece gives."""

from __future__ import annotations

import os

import duckdb
import pypdfium2 as pdfium
import pytest

from conftest import CORPUS
from styrdata import api, pipeline
from styrdata.extract.settings import ReaderSettings

QUERIES = {
    "blocks": "SELECT seq, page, kind, level, text, bold FROM blocks ORDER BY seq",
    "tables": "SELECT seq, page, last_page, n_rows, n_cols, title, table_kind FROM tables "
    "ORDER BY seq",
    "budget": "SELECT table_id, row, col, label, measure, year, amount_mnkr, is_total "
    "FROM budget_lines ORDER BY table_id, row, col",
    "goals": "SELECT goal_id, kind, title, page FROM goals ORDER BY goal_id",
    "documents": "SELECT pages, org_name, organ, doc_type, year, running FROM ("
    "SELECT *, len(warnings) AS running FROM documents)",
}


def _long_pdf(path, pages: int = 60):
    dest = pdfium.PdfDocument.new()
    sources = sorted((CORPUS / "plain").glob("*.pdf"))
    while len(dest) < pages:
        for f in sources:
            src = pdfium.PdfDocument(str(f))
            dest.import_pages(src, list(range(min(len(src), pages - len(dest)))))
            src.close()
            if len(dest) >= pages:
                break
    dest.save(str(path))
    dest.close()
    return path


def _rows(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {k: con.execute(q).fetchall() for k, q in QUERIES.items()}
    finally:
        con.close()


def test_a_long_pdf_read_in_parts_is_the_same_document(tmp_path, monkeypatch):
    pdf = _long_pdf(tmp_path / "lang.pdf")
    whole = tmp_path / "whole.duckdb"
    assert api.ingest([pdf], db=whole, workers=1).ok
    monkeypatch.setattr(pipeline, "PAGES_PER_JOB", 16)  # four parts, not one
    jobs, parts = pipeline._jobs([(pdf, "x")], ReaderSettings(), workers=2)
    assert [j[1][3:] for j in jobs] == [(1, 15), (16, 30), (31, 45), (46, 60)]
    in_parts = tmp_path / "parts.duckdb"
    assert api.ingest([pdf], db=in_parts, workers=2).ok
    got, want = _rows(in_parts), _rows(whole)
    assert got["documents"][0][0] == 60
    for k in QUERIES:
        assert got[k] == want[k], k


def test_default_workers_are_the_cores():
    assert pipeline.default_workers() >= 1
    if not hasattr(os, "sched_getaffinity"):
        pytest.skip("no affinity on this platform")
    assert pipeline.default_workers() == len(os.sched_getaffinity(0))
