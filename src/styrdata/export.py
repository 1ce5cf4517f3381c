"""Every analyst view to files other tools open: CSV (one file per view), Excel (one sheet per
view) or Parquet (one dataset per view, hive-partitioned by ``region_code`` and ``year`` so
DuckDB, Polars and Spark read it directly).

Parquet datasets carry the partition columns: a view without them gets its document's
``region_code`` (and the document's ``year`` when the view has no year of its own — a budget
line or an indicator value keeps the year of its column).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb

EXPORT_VIEWS = (
    "documents",
    "primary_documents",
    "blocks",
    "tables",
    "table_cells",
    "goals",
    "indicators",
    "indicator_values",
    "goal_status_summary",
    "budget_lines",
    "budget_checks",
    "risks",
    "risk_actions",
)
FORMATS = ("csv", "xlsx", "parquet")
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XLSX_MAX_CELL = 32767


def _columns(con: duckdb.DuckDBPyConnection, view: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()]


def partitioned_query(con: duckdb.DuckDBPyConnection, view: str) -> str:
    """The view with ``region_code`` and ``year`` columns to partition on."""
    cols = _columns(con, view)
    source = view
    if "document_id" not in cols and "table_id" in cols:
        source = f"(SELECT v.*, t.document_id FROM {view} v JOIN tables t USING (table_id))"
        cols = [*cols, "document_id"]
    if "region_code" in cols and "year" in cols:
        return f"SELECT * FROM {source}"
    extra = []
    if "region_code" not in cols:
        extra.append("d.region_code")
    if "year" not in cols:
        extra.append("d.year")
    return (
        f"SELECT v.*, {', '.join(extra)} FROM {source} v "
        f"LEFT JOIN documents d ON d.document_id = v.document_id"
    )


def export_views(con: duckdb.DuckDBPyConnection, out: Path, fmt: str) -> dict[str, int]:
    """Write every analyst view under ``out``; returns the rows written per view."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    counts = {v: con.execute(f"SELECT count(*) FROM {v}").fetchone()[0] for v in EXPORT_VIEWS}
    if fmt == "csv":
        for v in EXPORT_VIEWS:
            con.execute(
                f"COPY (SELECT * FROM {v}) TO ? (FORMAT CSV, HEADER)", [str(out / f"{v}.csv")]
            )
    elif fmt == "parquet":
        for v in EXPORT_VIEWS:
            target = out / v
            if target.exists():
                shutil.rmtree(target)  # a re-export replaces, never appends
            con.execute(
                f"COPY ({partitioned_query(con, v)}) TO ? "
                "(FORMAT PARQUET, PARTITION_BY (region_code, year))",
                [str(target)],
            )
    else:
        import pandas as pd  # openpyxl is pandas' Excel writer

        with pd.ExcelWriter(out / "styrdata.xlsx", engine="openpyxl") as xw:
            for v in EXPORT_VIEWS:
                df = con.execute(f"SELECT * FROM {v}").df()
                for c in df.columns:
                    if df[c].dtype == object:
                        df[c] = df[c].map(_xlsx_text)
                    elif str(df[c].dtype).startswith("datetime64") and df[c].dt.tz is not None:
                        df[c] = df[c].dt.tz_localize(None)
                df.to_excel(xw, sheet_name=v[:31], index=False)
    return counts


def _xlsx_text(v):
    """Excel refuses control characters and cells over 32,767 characters."""
    if isinstance(v, str):
        return _ILLEGAL_XLSX.sub("", v)[:_XLSX_MAX_CELL]
    if isinstance(v, list | tuple):
        return "; ".join(str(x) for x in v)
    return v
