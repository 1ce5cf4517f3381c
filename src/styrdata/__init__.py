"""styrdata: Swedish regions' plan and follow-up documents into one DuckDB warehouse.

The Python API (``styrdata.api``) is what the CLI calls; every command is one function::

    from styrdata import ingest, sql
    report = ingest(["data/raw"])
    df = sql("SELECT region_name, doc_type, year FROM documents")
"""

from styrdata.api import IngestReport, docs, ingest, sql

__all__ = ["IngestReport", "docs", "ingest", "sql"]
__version__ = "0.1.0"
