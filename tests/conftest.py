from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("STYRDATA_CORPUS", ROOT.parent / "shared" / "corpus"))
if not CORPUS.exists():  # fall back to the copy shipped as sample data
    CORPUS = ROOT / "data" / "raw"

DOC_IDS = [
    "000_27f8406190a0567d",
    "001_456057fb73cc2169",
    "002_d46f54dcbd8270a5",
    "003_ed4c0936e15400ec",
    "004_a21d5508182b01d5",
]


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, corpus) -> Path:
    """The whole corpus (every format and the scan) ingested once for the session's tests."""
    from styrdata import api

    db = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    report = api.ingest([corpus / "plain", corpus / "seeds", corpus / "scan"], db=db, workers=2)
    assert report.ok, [(f.path, f.error) for f in report.failed]
    return db


def query(db, sql: str, params=()) -> list[tuple]:
    """Rows of one query on a warehouse, opened read-only and closed again."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()
