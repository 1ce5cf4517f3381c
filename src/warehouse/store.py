"""Open the warehouse (creating/migrating it), load documents, answer SQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from styrdata.extract.model import Document
from styrdata.warehouse.schema import DOCUMENT_TABLES, MIGRATIONS, SCHEMA_VERSION, VIEWS
from styrdata.warehouse.settings import WarehouseSettings

if TYPE_CHECKING:
    import pandas as pd

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
    org_kind: str | None = None  # region | kommun | kommunalförbund | bolag | övrigt
    org_code: str | None = None  # SCB code: 2 digits (region), 4 digits (kommun)
    org_name: str | None = None
    doc_type_raw: str | None = None  # the document's own word for its type


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class WarehouseError(Exception):
    """The warehouse cannot be opened or written (locked, read-only, not a DuckDB file, a
    full disk): one line naming the file and the cause. A batch stops on it."""


class StoreError(Exception):
    """One document's rows could not be stored (the warehouse itself is fine): one line."""


#: Never fetch or load a DuckDB extension behind the user's back (an SQLite file given as
#: the warehouse would otherwise make DuckDB download its sqlite extension).
NO_EXTENSIONS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
#: An in-memory warehouse a reader process builds one document's rows in: small, so that it
#: fits the reader process's memory limit.
_SMALL = {"threads": 1, "memory_limit": "256MB"}
#: For queries an analyst types: no file is read or written but the warehouse itself, and
#: no query can switch that back on.
LOCKED_DOWN = {**NO_EXTENSIONS, "enable_external_access": False, "lock_configuration": True}


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _is_fatal(e: BaseException) -> bool:
    """An error of the warehouse (disk, file, lock) rather than of one document's rows."""
    if isinstance(e, OSError | duckdb.IOException | duckdb.FatalException):
        return True
    if isinstance(e, duckdb.PermissionException | duckdb.InternalException):
        return True
    text = str(e)
    return isinstance(e, duckdb.TransactionException) or any(
        k in text
        for k in ("read-only", "Could not write", "No space left", "File too large", "invalidated")
    )


def _check_file(path: Path) -> None:
    """:class:`WarehouseError` when ``path`` exists and is not a DuckDB file."""
    if path.is_dir():
        raise WarehouseError(f"{path} is a folder, not a DuckDB warehouse file")
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except FileNotFoundError:
        return
    except PermissionError as e:
        raise WarehouseError(f"cannot open the warehouse {path}: permission denied") from e
    except OSError as e:
        raise WarehouseError(f"cannot open the warehouse {path}: {e.strerror or e}") from e
    if head and head[8:12] != b"DUCK":
        what = "an SQLite database" if head.startswith(b"SQLite format 3") else "something else"
        raise WarehouseError(f"{path} is not a DuckDB warehouse file (it is {what})")


def _is_locked(e: BaseException) -> bool:
    """DuckDB's error when another process holds the file (it names that process's PID)."""
    return "lock" in _first_line(e).lower()


def lock_holder(e: BaseException) -> str | None:
    """The PID DuckDB's lock error names, if any."""
    pid = re.search(r"PID (\d+)", str(e))
    return pid[1] if pid else None


def _open_error(path: Path, e: BaseException, waited: float = 0.0) -> WarehouseError:
    text = _first_line(e)
    if _is_locked(e):
        pid = lock_holder(e)
        by = f" (PID {pid})" if pid else ""
        after = f", waited {waited:g} s (--lock-timeout)" if waited else ""
        return WarehouseError(
            f"cannot open the warehouse {path}: it is in use by another process{by}{after}"
        )
    if "Permission denied" in str(e) or "read-only file system" in str(e).lower():
        return WarehouseError(f"cannot open the warehouse {path}: permission denied (read-only?)")
    return WarehouseError(f"cannot open the warehouse {path}: {text}")


#: Called once when a command starts waiting for a warehouse another process holds, with
#: one line ("waiting for the warehouse: held by PID 4910"); the CLI prints it on stderr.
#: A ``connect``'s own ``on_wait`` comes first.
on_wait_default: Callable[[str], None] | None = None


def connect(
    path: str | Path,
    read_only: bool = False,
    config: dict | None = None,
    lock_timeout: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    settings: WarehouseSettings | None = None,
    waited: list[float] | None = None,
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to the warehouse file, or :class:`WarehouseError` in one line.

    When another process holds the file (DuckDB allows one writing process, or any number
    of reading ones), wait up to ``lock_timeout`` seconds, trying again with a growing
    pause (``settings``' backoff), and say so once through ``on_wait``; the seconds waited
    are appended to ``waited``."""
    path = Path(path)
    _check_file(path)
    s = settings or WarehouseSettings()
    start = time.monotonic()
    pause, said = s.first_retry, False
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=config or NO_EXTENSIONS)
            if said and waited is not None:
                waited.append(time.monotonic() - start)
            return con
        except duckdb.Error as e:
            so_far = time.monotonic() - start
            if not _is_locked(e) or so_far + pause > lock_timeout:
                raise _open_error(path, e, round(so_far) if lock_timeout else 0) from e
            say = on_wait or on_wait_default
            if not said and say is not None:
                pid = lock_holder(e)
                say(
                    f"waiting for the warehouse: held by {f'PID {pid}' if pid else 'another process'}"
                )
            said = True
            time.sleep(pause)
            pause = min(s.max_retry, pause * 1.5)
        except OSError as e:
            raise WarehouseError(f"cannot open the warehouse {path}: {e.strerror or e}") from e


def _view_mark(sql: str) -> str:
    """The comment on a view naming the definition it was made from."""
    return f"styrdata view {hashlib.sha256(sql.encode()).hexdigest()[:12]}"


class Warehouse:
    """A DuckDB file with the styrdata schema. Use as a context manager.

    ``locked_down`` (read-only only) is for SQL an analyst types: no file but the warehouse
    can be read or written, no extension loaded. Opening fails with :class:`WarehouseError`
    (one line) for a locked, read-only or foreign file."""

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        read_only: bool = False,
        locked_down: bool = False,
        lock_timeout: float = 0.0,
        on_wait: Callable[[str], None] | None = None,
        settings: WarehouseSettings | None = None,
    ):
        self.path = Path(path)
        #: seconds spent waiting for another process's lock when opening
        self.waited: list[float] = []
        if str(path) == ":memory:":  # staging: the tables in memory, nothing on disk
            self.con = duckdb.connect(":memory:", config={**NO_EXTENSIONS, **_SMALL})
            self._migrate(views=False)  # no analyst queries it: a third of its making time
            return
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise WarehouseError(
                    f"cannot create the warehouse {self.path}: {e.strerror or e}"
                ) from e
        config = LOCKED_DOWN if locked_down and read_only else NO_EXTENSIONS
        self.con = connect(
            self.path, read_only, config, lock_timeout, on_wait, settings, self.waited
        )
        if not read_only:
            try:
                self._migrate()
            except WarehouseError:
                self.con.close()
                raise
            except (duckdb.Error, OSError) as e:
                self.con.close()
                raise WarehouseError(
                    f"cannot prepare the warehouse {self.path}: {_first_line(e)}"
                ) from e

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (DuckDB writes its log into the file: that can fail too)."""
        try:
            self.con.close()
        except (duckdb.Error, OSError) as e:
            raise WarehouseError(
                f"cannot write to the warehouse {self.path}: {_first_line(e)}"
            ) from e

    # -- schema -------------------------------------------------------------------------
    def _migrate(self, views: bool = True) -> None:
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
        if not views:
            return
        have = dict(
            c.execute(
                "SELECT view_name, comment FROM duckdb_views() WHERE schema_name = 'main' "
                "AND NOT internal"
            ).fetchall()
        )
        # only the views whose definition changed: opening to publish writes nothing else
        for name, sql in VIEWS.items():
            if have.get(name) != _view_mark(sql):
                c.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
                c.execute(f"COMMENT ON VIEW {name} IS '{_view_mark(sql)}'")

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

    def index(self) -> dict[str, tuple]:
        """Every stored file: source path → (document_id, sha256, status, extractor_version,
        last_error), read in one query (an ingest decides from it what to read). A warehouse
        read before it was migrated lacks the newer columns: NULL."""
        cols = {
            c
            for (c,) in self.con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'store' "
                "AND table_name = 'documents'"
            ).fetchall()
        }
        want = ["document_id", "sha256", "status", "extractor_version", "last_error"]
        select = ", ".join(c if c in cols else f"NULL AS {c}" for c in want)
        rows = self.con.execute(f"SELECT source_path, {select} FROM store.documents").fetchall()
        return {r[0]: tuple(r[1:]) for r in rows}

    def record_failed_attempt(
        self, rec: DocumentRecord, at: dt.datetime | None = None
    ) -> dt.datetime | None:
        """A file whose re-read failed keeps its last good version: record the failed attempt
        (made ``at``, by default now) on it (``last_error``, ``last_failed_at``,
        ``last_failed_sha256``) and return when that version was stored — or None when there
        is no good version to keep."""
        try:
            row = self.con.execute(
                "SELECT ingested_at FROM store.documents WHERE source_path = ? "
                "AND status <> 'failed'",
                [rec.source_path],
            ).fetchone()
            if row is None:
                return None
            self.con.execute(
                "UPDATE store.documents SET last_error = ?, last_failed_at = ?, "
                "last_failed_sha256 = ? WHERE source_path = ? AND status <> 'failed'",
                [rec.error, at or _now(), rec.sha256, rec.source_path],
            )
        except (duckdb.Error, OSError) as e:
            raise self._write_error(e) from e
        return row[0]

    def clear_failed_attempt(self, source_path: str) -> None:
        """The file is back to its stored content: forget the failed attempt."""
        try:
            self.con.execute(
                "UPDATE store.documents SET last_error = NULL, last_failed_at = NULL, "
                "last_failed_sha256 = NULL WHERE source_path = ? AND last_error IS NOT NULL",
                [source_path],
            )
        except (duckdb.Error, OSError) as e:
            raise self._write_error(e) from e

    def _write_error(self, e: BaseException) -> Exception:
        if _is_fatal(e):
            return WarehouseError(f"cannot write to the warehouse {self.path}: {_first_line(e)}")
        return StoreError(_first_line(e))

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
        extra: dict[str, list[dict]] | None = None,
        ingested_at: dt.datetime | None = None,
    ) -> None:
        """Store one document in a single transaction, replacing any earlier version of the
        same file (same source path) or the same content (same document_id). ``extra``: the
        findings' rows per table (:func:`styrdata.normalize.rows.findings_rows`).

        :class:`WarehouseError` when the warehouse cannot be written (nothing of the document
        is stored), :class:`StoreError` when this document's rows cannot be."""
        try:
            self._replace(rec, doc, extra, ingested_at)
        except (duckdb.Error, OSError) as e:
            raise self._write_error(e) from e

    def load_staged(self, document_id: str, source_path: str, files: dict[str, str]) -> None:
        """Store one staged document (:mod:`styrdata.warehouse.stage`) in a single transaction:
        its rows are read from the Parquet files (table → local path) as they were staged,
        and replace any earlier version of the same file or the same content, as
        :meth:`replace_document` does. Same errors."""
        c = self.con
        try:
            c.execute("BEGIN TRANSACTION")
            try:
                self._delete_earlier(document_id, source_path)
                for table in reversed(DOCUMENT_TABLES):  # documents first
                    name = table.removeprefix("store.")
                    if name in files:
                        src = str(files[name]).replace("'", "''")
                        c.execute(
                            f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet('{src}', hive_partitioning = false)"
                        )
                c.execute("COMMIT")
            except BaseException:
                try:
                    c.execute("ROLLBACK")
                except duckdb.Error:
                    pass  # a failed COMMIT ends the transaction itself
                raise
        except (duckdb.Error, OSError) as e:
            raise self._write_error(e) from e

    def _delete_earlier(self, document_id: str, source_path: str) -> None:
        old = self.known(source_path)
        if old and old[0] != document_id:
            self._delete(old[0])
        stored = self.con.execute(
            "SELECT count(*) FROM store.documents WHERE document_id = ?", [document_id]
        ).fetchone()[0]
        if stored:  # a document's rows never outlive its documents row (one transaction)
            self._delete(document_id)

    def _replace(
        self,
        rec: DocumentRecord,
        doc: Document | None,
        extra: dict[str, list[dict]] | None = None,
        ingested_at: dt.datetime | None = None,
    ) -> None:
        c = self.con
        c.execute("BEGIN TRANSACTION")
        try:
            self._delete_earlier(rec.document_id, rec.source_path)
            row = {
                "document_id": rec.document_id,
                "source_path": rec.source_path,
                "sha256": rec.sha256,
                "format": rec.format,
                "pages": rec.pages,
                "region_code": rec.region_code,
                "region_name": rec.region_name,
                "organ": rec.organ,
                "doc_type": rec.doc_type,
                "year": rec.year,
                "end_year": rec.end_year,
                "title": rec.title,
                "status": rec.status,
                "error": rec.error,
                "warnings": rec.warnings,
                "ocr_pages": rec.ocr_pages,
                "ingested_at": ingested_at or _now(),
                "extractor_version": rec.extractor_version,
                "org_kind": rec.org_kind,
                "org_code": rec.org_code,
                "org_name": rec.org_name,
                "doc_type_raw": rec.doc_type_raw,
            }
            c.execute(
                f"INSERT INTO store.documents ({', '.join(row)}) "
                f"VALUES ({', '.join('?' for _ in row)})",
                list(row.values()),
            )
            if doc is not None:
                self._insert_blocks(rec.document_id, doc)
            for table, rows in (extra or {}).items():
                if rows:
                    self._insert_rows(table, list(rows[0]), [tuple(r.values()) for r in rows])
            c.execute("COMMIT")
        except BaseException:
            try:
                c.execute("ROLLBACK")
            except duckdb.Error:
                pass  # a failed COMMIT ends the transaction itself: the first error is the one
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
                self._insert_rows(name, _COLUMNS[name], rows)

    def _insert_rows(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        """Rows (tuples of the ``columns``' values) into ``store.table``, by name: columns
        other migrations add to the table stay NULL. DuckDB scans them as one NumPy array
        of Python objects per column — as fast as a DataFrame, without loading pandas (a
        fifth of a second in every process that writes rows); row by row is a hundred
        times slower."""
        import numpy as np

        data = {
            col: np.fromiter((r[k] for r in rows), dtype=object, count=len(rows))
            for k, col in enumerate(columns)
        }
        self.con.register("_rows", data)
        self.con.execute(f"INSERT INTO store.{table} BY NAME SELECT * FROM _rows")
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
