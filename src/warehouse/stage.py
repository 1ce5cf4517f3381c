"""The stage: each document's rows as Parquet files, written by the process that read it, for
:mod:`styrdata.warehouse.publish` to load into the warehouse in short transactions. Reading
never holds the warehouse.

The stage is also the lake: the same files, laid out by table and partitioned by publisher
and year, are read directly by DuckDB, Polars or Spark::

    <stage>/<table>/org=<org_code>/year=<year>/<key>.parquet   rows of one document
    <stage>/_staged/<key>.json                                   what was staged, and from what
    <stage>/_pending/<key>.json                                  staged, not yet published

``<key>`` is ``<sha256>-v<extractor version>`` for a document that was read (a re-run finds
it by content) and ``failed-<document_id>`` for one that could not be read (recorded in the
warehouse only: the lake holds documents that were read). A missing org code or year is
Hive's ``__HIVE_DEFAULT_PARTITION__``, which DuckDB, Polars and Spark read as NULL. Every
file is written under a temporary name and renamed into place; a document's manifest
(``_staged``) is written after its Parquet files and its ``_pending`` marker last, so a
document is staged whole or not at all. Publishing removes the marker once the document is
committed.

The stage is a local folder or, where the filesystem package is installed, an fsspec URL
(``s3://bucket/stage``, ``gcs://…``; ``file://…`` for a shared folder named as a URL).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from styrdata.extract.model import Document
from styrdata.warehouse.schema import DOCUMENT_TABLES
from styrdata.warehouse.store import DocumentRecord, StoreError, Warehouse, WarehouseError

#: Hive's name for a partition whose value is NULL.
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
#: The tables of one document, in the order they are published (documents first).
TABLES = [t.removeprefix("store.") for t in reversed(DOCUMENT_TABLES)]


class StageError(WarehouseError):
    """The stage cannot be written or read (a full disk, no permission, no filesystem
    package for its URL): one line. A batch stops on it, like on the warehouse's."""


@dataclass
class Staged:
    """One staged document: its manifest (``_staged/<key>.json``)."""

    key: str
    #: the documents row, as :class:`~styrdata.warehouse.store.DocumentRecord` fields
    record: dict
    #: table → Parquet file, relative to the stage (empty for a failed document)
    files: dict[str, str] = field(default_factory=dict)
    #: table → rows staged
    rows: dict[str, int] = field(default_factory=dict)
    #: UTC time it was read and staged (the documents row's ``ingested_at``), ISO format
    staged_at: str = ""
    #: a fingerprint of what made the rows besides the file's content (path, sidecar,
    #: overrides, reader settings): a staged document is used again only when it matches
    inputs: str = ""

    @property
    def document_id(self) -> str:
        return self.record["document_id"]

    @property
    def source_path(self) -> str:
        return self.record["source_path"]

    @property
    def status(self) -> str:
        return self.record["status"]

    @property
    def time(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.staged_at)

    def document_record(self) -> DocumentRecord:
        return DocumentRecord(**self.record)

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Staged:
        return cls(**json.loads(text))


def document_key(rec: DocumentRecord) -> str:
    """The stage key of a document's rows: its content and the extractors' version."""
    if rec.status == "failed" or not rec.sha256:
        return f"failed-{rec.document_id}"
    return f"{rec.sha256}-v{rec.extractor_version}"


def _partition(value) -> str:
    if value is None or value == "":
        return NULL_PARTITION
    return str(value).replace("/", "_").replace("=", "_")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _write_error(location: str, e: BaseException) -> StageError:
    lines = str(e).strip().splitlines()
    text = getattr(e, "strerror", None) or (lines[0] if lines else type(e).__name__)
    return StageError(f"cannot write the stage {location}: {text}")


class Stage:
    """A stage at a local folder or an fsspec URL."""

    def __init__(self, location: str | os.PathLike):
        self.location = str(location)
        self.fs = None
        if "://" in self.location:
            try:
                import fsspec

                self.fs, self.root = fsspec.core.url_to_fs(self.location)
            except (ImportError, ValueError) as e:
                raise StageError(
                    f"cannot use the stage {self.location}: {str(e).splitlines()[0]} "
                    "(install fsspec and the package of its filesystem, e.g. s3fs)"
                ) from e
        else:
            self.root = os.path.abspath(self.location)

    def __repr__(self) -> str:
        return f"Stage({self.location!r})"

    # -- files --------------------------------------------------------------------------
    def _path(self, rel: str) -> str:
        return f"{self.root.rstrip('/')}/{rel}"

    def prepare(self) -> None:
        """Create the stage's folders; :class:`StageError` when it cannot be written."""
        try:
            for d in ("_staged", "_pending"):
                self._makedirs(self._path(d))
            probe = self._path(f"_pending/.probe-{uuid.uuid4().hex}")
            self._put_text(probe, "")
            self._remove(probe)
        except OSError as e:
            raise _write_error(self.location, e) from e

    def _makedirs(self, path: str) -> None:
        if self.fs is None:
            os.makedirs(path, exist_ok=True)
        else:
            self.fs.makedirs(path, exist_ok=True)

    def _put_file(self, local: str, rel: str) -> None:
        """Move a local file into the stage at ``rel``, atomically (temporary name, rename)."""
        final = self._path(rel)
        folder, name = final.rsplit("/", 1)
        tmp = f"{folder}/.{name}.{uuid.uuid4().hex[:8]}.tmp"
        self._makedirs(folder)
        if self.fs is None:
            shutil.move(local, tmp)
            os.replace(tmp, final)
        else:
            self.fs.put_file(local, tmp)
            self.fs.mv(tmp, final)
            os.unlink(local)

    def _put_text(self, path: str, text: str) -> None:
        folder, name = path.rsplit("/", 1)
        tmp = f"{folder}/.{name}.{uuid.uuid4().hex[:8]}.tmp"
        if self.fs is None:
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        else:
            with self.fs.open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
            self.fs.mv(tmp, path)

    def _read_text(self, path: str) -> str | None:
        try:
            if self.fs is None:
                with open(path, encoding="utf-8") as f:
                    return f.read()
            with self.fs.open(path, "r", encoding="utf-8") as f:
                return f.read()
        except FileNotFoundError:
            return None

    def _remove(self, path: str) -> None:
        try:
            if self.fs is None:
                os.unlink(path)
            else:
                self.fs.rm(path)
        except FileNotFoundError:
            pass

    def _list(self, rel: str) -> list[str]:
        """Names of the manifests in a folder of the stage."""
        try:
            if self.fs is None:
                names = os.listdir(self._path(rel))
            else:
                names = [p.rsplit("/", 1)[-1] for p in self.fs.ls(self._path(rel), detail=False)]
        except FileNotFoundError:
            return []
        return sorted(n for n in names if n.endswith(".json") and not n.startswith("."))

    # -- staging ------------------------------------------------------------------------
    def write_document(
        self,
        rec: DocumentRecord,
        doc: Document | None,
        extra: dict[str, list[dict]] | None,
        inputs: str = "",
    ) -> Staged:
        """Stage one document: the rows :meth:`Warehouse.replace_document` stores, built in
        an in-memory warehouse and written as Parquet by DuckDB; a failed document stages
        its record only. :class:`StoreError` when its rows cannot be built (this document's
        problem), :class:`StageError` when the stage cannot be written."""
        at = _now()
        staged = Staged(
            document_key(rec), dataclasses.asdict(rec), staged_at=at.isoformat(), inputs=inputs
        )
        if rec.status != "failed":
            try:
                self._write_tables(staged, rec, doc, extra, at)
            except StoreError:
                raise
            except (OSError, WarehouseError) as e:
                raise _write_error(self.location, e) from e
        try:
            text = staged.to_json()
            if staged.files:
                old = self.manifest(staged.key)
                self._put_text(self._path(f"_staged/{staged.key}.json"), text)
                for rel in set(old.files.values()) - set(staged.files.values()) if old else ():
                    self._remove(self._path(rel))  # its org or year changed: not in two places
            self._put_text(self._path(f"_pending/{staged.key}.json"), text)
        except OSError as e:
            raise _write_error(self.location, e) from e
        return staged

    def _write_tables(self, staged, rec, doc, extra, at: dt.datetime) -> None:
        import duckdb

        part = f"org={_partition(rec.org_code)}/year={_partition(rec.year)}"
        with tempfile.TemporaryDirectory(prefix="styrdata-stage-") as tmp:
            wh = Warehouse(":memory:")
            try:
                try:
                    wh.replace_document(rec, doc, extra, ingested_at=at)
                except WarehouseError as e:  # in memory: the rows themselves
                    raise StoreError(str(e).split(": ", 1)[-1]) from e
                for table in TABLES:
                    n = wh.con.execute(f"SELECT count(*) FROM store.{table}").fetchone()[0]
                    if not n:
                        continue
                    local = os.path.join(tmp, f"{table}.parquet")
                    try:
                        wh.con.execute(
                            f"COPY store.{table} TO '{local}' (FORMAT parquet, COMPRESSION zstd)"
                        )
                    except duckdb.Error as e:
                        raise OSError(str(e).splitlines()[0]) from e
                    rel = f"{table}/{part}/{staged.key}.parquet"
                    self._put_file(local, rel)
                    staged.files[table], staged.rows[table] = rel, n
            finally:
                wh.close()

    # -- reading ------------------------------------------------------------------------
    def manifest(self, key: str) -> Staged | None:
        text = self._read_text(self._path(f"_staged/{key}.json"))
        return Staged.from_json(text) if text else None

    def pending_one(self, key: str) -> Staged | None:
        text = self._read_text(self._path(f"_pending/{key}.json"))
        return Staged.from_json(text) if text else None

    def pending(self) -> list[Staged]:
        """Staged documents not yet published, oldest first (a later read of the same file
        is published after an earlier one)."""
        out = []
        for name in self._list("_pending"):
            text = self._read_text(self._path(f"_pending/{name}"))
            if text:  # another publish took it meanwhile
                try:
                    out.append(Staged.from_json(text))
                except (ValueError, TypeError):
                    continue  # not one of ours
        return sorted(out, key=lambda s: (s.staged_at, s.key))

    def published(self, staged: Staged) -> None:
        """The document is in the warehouse: it is no longer pending."""
        current = self.pending_one(staged.key)
        if current is not None and current.staged_at == staged.staged_at:
            self._remove(self._path(f"_pending/{staged.key}.json"))

    def remove(self, key: str) -> None:
        """Take a document that was replaced out of the lake (unless it is pending again)."""
        if self.pending_one(key) is not None:
            return
        old = self.manifest(key)
        if old is None:
            return
        self._remove(self._path(f"_staged/{key}.json"))
        for rel in old.files.values():
            self._remove(self._path(rel))

    @contextlib.contextmanager
    def local_files(self, staged: Staged) -> Iterator[dict[str, str]]:
        """The staged document's Parquet files as local paths (fetched from a URL)."""
        if self.fs is None:
            yield {t: self._path(rel) for t, rel in staged.files.items()}
            return
        with tempfile.TemporaryDirectory(prefix="styrdata-fetch-") as tmp:
            out = {}
            for t, rel in staged.files.items():
                local = os.path.join(tmp, f"{t}.parquet")
                self.fs.get_file(self._path(rel), local)
                out[t] = local
            yield out


def lake_glob(stage: str | os.PathLike, table: str) -> str:
    """The glob of one table's files in the lake, for ``read_parquet(…,
    hive_partitioning=true)``."""
    return str(Path(stage) / table / "*" / "*" / "*.parquet")
