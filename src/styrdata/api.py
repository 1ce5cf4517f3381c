"""The Python API behind every ``styrdata`` command (the CLI is a thin layer over it).

:func:`ingest` is the ingest pipeline (:mod:`styrdata.pipeline`); the rest are the analyst
queries over the warehouse: :func:`sql`, :func:`docs`, :func:`compare`, :func:`export`,
:func:`report`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from styrdata.files import collect
from styrdata.pipeline import FileOutcome, IngestReport, Overrides, collect_files, ingest
from styrdata.warehouse import DEFAULT_DB, Warehouse, WarehouseError
from styrdata.warehouse.settings import LOCK_TIMEOUT

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FileOutcome",
    "IngestReport",
    "Overrides",
    "Refused",
    "WarehouseError",
    "collect",
    "collect_files",
    "compare",
    "concept_id",
    "docs",
    "export",
    "ingest",
    "publishers",
    "report",
    "sql",
]


class Refused(PermissionError):
    """A query :func:`sql` does not run: it would write to the warehouse, read or write
    another file, or load an extension."""


def sql(
    query: str, db: str | os.PathLike = DEFAULT_DB, lock_timeout: float = LOCK_TIMEOUT
) -> pd.DataFrame:
    """Run one SQL query against the warehouse and return a DataFrame.

    The warehouse is opened read-only with DuckDB's external access off and the
    configuration locked: no other file is read or written (``COPY … TO``,
    ``read_csv('/etc/passwd')``, ``ATTACH``), no extension is installed or loaded
    (:class:`Refused`, one line). :func:`export` is the way to write files.

    Every analyst function opens the warehouse for as short as it can, and waits up to
    ``lock_timeout`` seconds while another process writes it (an ingest publishing)."""
    with _connect(db, lock_timeout=lock_timeout) as wh:
        try:
            return wh.sql(query)
        except duckdb.PermissionException as e:
            raise Refused(
                "refused: styrdata sql reads the warehouse only, no other file and no "
                "extension (styrdata export writes files)"
            ) from e
        except duckdb.InvalidInputException as e:
            if "read-only mode" in str(e) or "configuration has been locked" in str(e):
                raise Refused(
                    "refused: styrdata sql cannot change the warehouse or its settings"
                ) from e
            raise


#: What ``styrdata ingest`` prints at the end: documents, blocks and tables per publisher.
PUBLISHERS_QUERY = """
SELECT coalesce(org_name, '?') AS publisher, count(*) AS documents,
       count(*) FILTER (WHERE status = 'ok') AS ok,
       count(*) FILTER (WHERE status = 'needs_ocr') AS needs_ocr,
       count(*) FILTER (WHERE status = 'failed') AS failed,
       (SELECT count(*) FROM blocks b JOIN documents x USING (document_id)
        WHERE coalesce(x.org_name, '?') = coalesce(d.org_name, '?')) AS blocks,
       (SELECT count(*) FROM tables t JOIN documents x USING (document_id)
        WHERE coalesce(x.org_name, '?') = coalesce(d.org_name, '?')) AS tables
FROM documents d GROUP BY ALL ORDER BY publisher
"""


def publishers(
    db: str | os.PathLike = DEFAULT_DB, lock_timeout: float = LOCK_TIMEOUT
) -> tuple[list[str], list[tuple]]:
    """Documents, blocks and tables per publisher (:data:`PUBLISHERS_QUERY`): the column
    names and the rows, as plain values (no DataFrame: printing them needs no pandas,
    which takes a quarter of a second to load)."""
    with _connect(db, lock_timeout=lock_timeout) as wh:
        result = wh.con.execute(PUBLISHERS_QUERY)
        return [c[0] for c in result.description], result.fetchall()


DOCS_QUERY = """
SELECT d.document_id, regexp_extract(d.source_path, '[^/]+/[^/]+$') AS file, d.format,
       d.status, d.org_kind, d.org_code, d.org_name, d.region_code, d.region_name, d.organ,
       d.doc_type, d.doc_type_raw, d.year, d.end_year, d.pages,
       (SELECT count(*) FROM blocks b WHERE b.document_id = d.document_id) AS blocks,
       (SELECT count(*) FROM tables t WHERE t.document_id = d.document_id) AS tables,
       (SELECT count(*) FROM goals g WHERE g.document_id = d.document_id) AS goals,
       (SELECT count(*) FROM indicators i WHERE i.document_id = d.document_id) AS indicators,
       (SELECT count(*) FROM budget_lines l WHERE l.document_id = d.document_id) AS budget_lines,
       (SELECT count(*) FROM risks r WHERE r.document_id = d.document_id) AS risks,
       d.error
FROM documents d
ORDER BY file
"""


def docs(db: str | os.PathLike = DEFAULT_DB, lock_timeout: float = LOCK_TIMEOUT) -> pd.DataFrame:
    """Documents with their metadata and row counts."""
    return sql(DOCS_QUERY, db, lock_timeout)


# -- comparing, exporting, reporting ----------------------------------------------------
def _connect(
    db: str | os.PathLike, locked_down: bool = True, lock_timeout: float = LOCK_TIMEOUT
) -> Warehouse:
    """The warehouse, read-only; ``locked_down``: no other file, no extension. A missing or
    foreign file raises one line (FileNotFoundError, WarehouseError), and so does one
    another process still writes after ``lock_timeout`` seconds."""
    path = Path(db)
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run 'styrdata ingest' first")
    return Warehouse(path, read_only=True, locked_down=locked_down, lock_timeout=lock_timeout)


def concept_id(name: str) -> str:
    """'Personalomsättning', 'personalomsattning' → the catalogue's id; unknown → ValueError
    listing the known ones."""
    from styrdata.normalize.concepts import catalogue
    from styrdata.normalize.text import fold

    wanted = fold(name).strip().replace(" ", "_").replace("-", "_")
    known = {c.concept: c for c in catalogue()}
    if wanted in known:
        return wanted
    by_label = {fold(c.label): c.concept for c in catalogue()}
    if fold(name).strip() in by_label:
        return by_label[fold(name).strip()]
    raise ValueError(f"unknown concept {name!r}: known are {', '.join(sorted(known))}")


def compare(
    concept: str | None = None,
    text: str | None = None,
    budget: str | None = None,
    organ: str | None = None,
    doc_type: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    source: bool = False,
    long: bool = False,
    db: str | os.PathLike = DEFAULT_DB,
    lock_timeout: float = LOCK_TIMEOUT,
) -> pd.DataFrame:
    """Regions side by side for one concept, an indicator text or a budget table kind.

    Returns one row per (year, measure) and one column per region — or, with ``long``, the
    tidy values with their document and page. Exactly one of ``concept``, ``text`` and
    ``budget`` is given.
    """
    from styrdata.compare import Filters, budget_totals, indicator_values, side_by_side

    if sum(x is not None for x in (concept, text, budget)) != 1:
        raise ValueError("give exactly one of concept, text or budget")
    filters = Filters(organ, doc_type, year_from, year_to)
    with _connect(db, lock_timeout=lock_timeout) as wh:
        if budget is not None:
            values, kind = budget_totals(wh.con, budget, filters), "budget"
        else:
            cid = concept_id(concept) if concept is not None else None
            values, kind = indicator_values(wh.con, cid, text, filters), "indicator"
    return values if long else side_by_side(values, kind, source)


def export(
    out: str | os.PathLike,
    fmt: str = "parquet",
    db: str | os.PathLike = DEFAULT_DB,
    lock_timeout: float = LOCK_TIMEOUT,
) -> dict[str, int]:
    """Every analyst view to ``out`` as CSV, Excel or Parquet (partitioned by region_code
    and year); returns the rows written per view."""
    from styrdata.export import export_views

    with _connect(db, False, lock_timeout) as wh:  # COPY … TO writes the files
        return export_views(wh.con, Path(out), fmt)


def report(
    out: str | os.PathLike = "report.html",
    db: str | os.PathLike = DEFAULT_DB,
    lock_timeout: float = LOCK_TIMEOUT,
) -> Path:
    """Write the self-contained HTML report to ``out`` and return its path."""
    from styrdata.report import build_report

    with _connect(db, lock_timeout=lock_timeout) as wh:
        html = build_report(wh.con)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)  # never a half-written report
    return path
