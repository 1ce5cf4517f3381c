"""Open the warehouse (creating/migrating it), load documents, answer SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from styrdata.extract.model import Document
from styrdata.warehouse.schema import DOCUMENT_TABLES, MIGRATIONS, SCHEMA_VERSION, VIEWS

DEFAULT_DB = Path("data/warehouse/styrdata.duckdb")


@dataclass
class DocumentRecord:
    """What the warehouse stores about one source file (metadata filled in by the caller)."""

    document_id: str
    source_path: str
    sha256: str | None
    status: str  # ok | failed | needs_ocr
    format: str | None = None
    pages: int | None = None
    region_code: str | None = None
    region_name: str | None = None
    organ: str | None = None
    doc_type: str | None = None
    year: int | None = None
    end_year: int | None = None
    title: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    #: the version of the extractors that produced the rows (see styrdata.extract.EXTRACTOR_VERSION)
    extractor_version: int | None = None


class Warehouse:
    """A DuckDB file with the styrdata schema. Use as a context manager."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False):
        self.path = Path(path)
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.path), read_only=read_only)
        if not read_only:
            self._migrate()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema -------------------------------------------------------------------------
    def _migrate(self) -> None:
        c = self.con
        c.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        applied = {v for (v,) in c.execute("SELECT version FROM schema_version").fetchall()}
        # every migration not applied yet, in order of number: one numbered below the
        # newest applied (merged in from another branch) still runs
        for version, sql in sorted(MIGRATIONS):
            if version not in applied:
                c.execute("BEGIN")
                c.execute(sql)
                c.execute("INSERT INTO schema_version VALUES (?)", [version])
                c.execute("COMMIT")
        for name, sql in VIEWS.items():
            c.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")

    @property
    def schema_version(self) -> int:
        return (
            self.con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            or SCHEMA_VERSION
        )

    # -- queries ------------------------------------------------------------------------
    def sql(self, query: str, params: list | None = None) -> pd.DataFrame:
        return self.con.execute(query, params or []).df()

    def known(self, source_path: str) -> tuple[str, str | None, str, int | None] | None:
        """(document_id, sha256, status, extractor_version) stored for a source path."""
        return self.con.execute(
            "SELECT document_id, sha256, status, extractor_version FROM store.documents "
            "WHERE source_path = ?",
            [source_path],
        ).fetchone()

    def has_content(self, sha256: str) -> str | None:
        row = self.con.execute(
            "SELECT source_path FROM store.documents WHERE sha256 = ? AND status <> 'failed'",
            [sha256],
        ).fetchone()
        return row[0] if row else None

    # -- loading ------------------------------------------------------------------------
    def _delete(self, document_id: str) -> None:
        c = self.con
        for t in DOCUMENT_TABLES:
            if t == "store.table_cells":
                c.execute(
                    "DELETE FROM store.table_cells WHERE table_id IN "
                    "(SELECT table_id FROM store.tables WHERE document_id = ?)",
                    [document_id],
                )
            else:
                c.execute(f"DELETE FROM {t} WHERE document_id = ?", [document_id])

    def replace_document(
        self,
        rec: DocumentRecord,
        doc: Document | None,
        extra: dict[str, pd.DataFrame] | None = None,
    ) -> None:
        """Store one document in a single transaction, replacing any earlier version of the
        same file (same source path) or the same content (same document_id)."""
        c = self.con
        c.execute("BEGIN TRANSACTION")
        try:
            old = self.known(rec.source_path)
            if old and old[0] != rec.document_id:
                self._delete(old[0])
            self._delete(rec.document_id)
            c.execute(
                "INSERT INTO store.documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    rec.document_id,
                    rec.source_path,
                    rec.sha256,
                    rec.format,
                    rec.pages,
                    rec.region_code,
                    rec.region_name,
                    rec.organ,
                    rec.doc_type,
                    rec.year,
                    rec.end_year,
                    rec.title,
                    rec.status,
                    rec.error,
                    rec.warnings,
                    rec.ocr_pages,
                    dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    rec.extractor_version,
                ],
            )
            if doc is not None:
                self._insert_blocks(rec.document_id, doc)
            for table, df in (extra or {}).items():
                if len(df):
                    c.register("_extra", df)
                    c.execute(f"INSERT INTO store.{table} BY NAME SELECT * FROM _extra")
                    c.unregister("_extra")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _insert_blocks(self, document_id: str, doc: Document) -> None:
        blocks, tables, cells = [], [], []
        t_seq = 0
        for seq, b in enumerate(doc.blocks):
            table_id = None
            if b.table is not None:
                t_seq += 1
                table_id = f"{document_id}-t{t_seq}"
                t = b.table
                pages = t.pages or ([b.page] if b.page else [])
                tables.append(
                    (
                        table_id,
                        document_id,
                        t_seq,
                        pages[0] if pages else None,
                        pages[-1] if pages else None,
                        b.source_index,
                        t.n_rows,
                        t.n_cols,
                        t.title,
                    )
                )
                cells.extend(
                    (table_id, c.row, c.col, c.text, c.is_header, c.row_span, c.col_span, c.bold)
                    for c in t.cells
                )
            x0, top, x1, bottom = b.bbox if b.bbox else (None, None, None, None)
            px0, ptop, px1, pbottom = b.picture if b.picture else (None, None, None, None)
            blocks.append(
                (
                    document_id,
                    seq,
                    b.page,
                    b.source_index,
                    b.kind,
                    b.level,
                    b.text,
                    b.font_size,
                    b.bold,
                    x0,
                    top,
                    x1,
                    bottom,
                    table_id,
                    b.source,
                    px0,
                    ptop,
                    px1,
                    pbottom,
                )
            )
        for name, rows in (("blocks", blocks), ("tables", tables), ("table_cells", cells)):
            if rows:
                df = pd.DataFrame(rows, columns=_COLUMNS[name], dtype=object)
                self.con.register("_rows", df)
                # by name: columns other migrations add to these tables stay NULL
                self.con.execute(f"INSERT INTO store.{name} BY NAME SELECT * FROM _rows")
                self.con.unregister("_rows")


# The columns _insert_blocks fills, in the order of its row tuples.
_COLUMNS = {
    "blocks": [
        "document_id",
        "seq",
        "page",
        "source_index",
        "kind",
        "level",
        "text",
        "font_size",
        "bold",
        "x0",
        "top",
        "x1",
        "bottom",
        "table_id",
        "source",
        "picture_x0",
        "picture_top",
        "picture_x1",
        "picture_bottom",
    ],
    "tables": [
        "table_id",
        "document_id",
        "seq",
        "page",
        "last_page",
        "source_index",
        "n_rows",
        "n_cols",
        "title",
    ],
    "table_cells": [
        "table_id",
        "row",
        "col",
        "text",
        "is_header",
        "row_span",
        "col_span",
        "bold",
    ],
}
