"""styrdata: Swedish public-sector plan and follow-up documents into one DuckDB warehouse.

The stages are sub-packages: :mod:`styrdata.extract` (readers, OCR, domain extractors),
:mod:`styrdata.normalize` (the common schema), :mod:`styrdata.warehouse` (DuckDB);
:mod:`styrdata.pipeline` runs them over files and :mod:`styrdata.api` is what the CLI calls::

    from styrdata import ingest, sql
    report = ingest(["data/raw"])
    df = sql("SELECT org_name, doc_type, year FROM documents")

The API is imported on first use, so a worker that only reads documents never loads pandas
or DuckDB.
"""

from __future__ import annotations

__all__ = ["IngestReport", "docs", "ingest", "sql"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in __all__:
        from styrdata import api

        return getattr(api, name)
    raise AttributeError(f"module 'styrdata' has no attribute {name!r}")
