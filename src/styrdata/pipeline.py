"""The ingest pipeline: collect files, hash them, read sidecars, read in parallel, load.

Files (:mod:`styrdata.files`) → :func:`styrdata.extract.read_document` →
:func:`styrdata.extract.domain.extract_domain` (in reader processes, :mod:`styrdata.workers`,
with the limits of :class:`styrdata.extract.settings.Limits`) →
:func:`styrdata.normalize.rows.findings_rows` → one transaction per document in
:class:`styrdata.warehouse.Warehouse`. The analyst queries over the result live in
:mod:`styrdata.api`.

Nothing one file does stops a batch: it fails with one line and a ``failed`` row, or — when
an earlier good version of it is stored — keeps that version and records the failed
attempt. Only the warehouse itself (locked, read-only, a full disk) stops a batch, with a
:class:`~styrdata.warehouse.WarehouseError`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import stat
import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from styrdata.extract import EXTRACTOR_VERSION, ReadError
from styrdata.extract.domain import Findings
from styrdata.extract.domain.metadata import DOC_TYPES, Metadata, infer_metadata
from styrdata.extract.model import Document
from styrdata.extract.settings import ReaderSettings
from styrdata.files import SIDECAR_SUFFIX, Skipped, collect, source_key
from styrdata.normalize.concepts import warm_up as warm_up_concepts
from styrdata.normalize.organisations import county_name, find_organisation
from styrdata.normalize.rows import findings_rows
from styrdata.reading import _job, _parse
from styrdata.safe_text import utf8
from styrdata.warehouse import DEFAULT_DB, StoreError, Warehouse
from styrdata.warehouse.store import DocumentRecord
from styrdata.workers import Failure, ReaderPool, signals_raise, start_fork_server


@dataclass
class FileOutcome:
    path: str
    status: str  # ok | needs_ocr | failed | skipped (unchanged) | duplicate
    document_id: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    blocks: int = 0
    tables: int = 0
    pages: int | None = None
    #: a failed re-read: when the earlier good version that was kept had been stored
    kept: dt.datetime | None = None
    #: a duplicate: the stored path (or the path earlier in the batch) with the same content
    duplicate_of: str | None = None


@dataclass
class IngestReport:
    db: str
    files: list[FileOutcome] = field(default_factory=list)
    #: paths under the folders given that were not read, and why
    skipped: list[Skipped] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def problems(self) -> list[Skipped]:
        """Skipped paths that may hold a document: unreadable folders, loops, dangling links."""
        return [s for s in self.skipped if s.problem]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.problems


@dataclass
class Overrides:
    """Metadata forced for every file of a run (CLI flags); a sidecar overrides per file."""

    region: str | None = None
    org: str | None = None
    organ: str | None = None
    doc_type: str | None = None
    year: int | None = None
    end_year: int | None = None


def collect_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files named directly (whatever their type) and supported files under folders, sorted
    (:func:`styrdata.files.collect` also says which paths it passed over)."""
    return collect(paths).files


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _source_key(path: Path) -> str:
    return utf8(source_key(path))  # a file name that is not UTF-8 is stored with \xNN


def _read_sidecar(path: Path) -> dict:
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ReadError(f"bad sidecar {side.name}: {e}") from e
    if not isinstance(data, dict):
        raise ReadError(f"bad sidecar {side.name}: expected a JSON object")
    return data


#: A PDF longer than this is read in parts of this many pages, one per reader process, so
#: one long document keeps every core busy; the parts are then laid out as one document.
PAGES_PER_JOB = 24


def default_workers() -> int:
    """Reader processes by default: one per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _pdf_pages(f: Path) -> int:
    """Pages of a PDF by PDFium (milliseconds), 0 when it is not one PDFium can open."""
    if f.suffix.lower() != ".pdf":
        return 0
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(f))
    except Exception:  # not a PDF, encrypted, damaged: the reader says why
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def _jobs(todo: list[tuple[Path, str | None]], settings: ReaderSettings, workers: int):
    """The reader jobs of a batch, scheduled by pages: a file is one job, a PDF longer than
    :data:`PAGES_PER_JOB` one job per part of as many pages (when there is more than one
    reader process). With more than one reader process, files other than PDFs (quick to
    read, or of a length not known beforehand) go first, then the PDFs' jobs longest
    first, so no core is left with a long one at the end while the other waits. Returns
    the jobs and, per file read in parts, a slot for each part's result."""
    scheduled: list[tuple[int, int, tuple]] = []
    parts: dict[tuple[Path, str | None], list] = {}
    for f, sha in todo:
        n = _pdf_pages(f) if workers > 1 else 0
        if n > PAGES_PER_JOB:
            size = -(-n // -(-n // PAGES_PER_JOB))  # as many pages in every part
            firsts = list(range(1, n + 1, size))
            parts[(f, sha)] = [None] * len(firsts)
            for k, first in enumerate(firsts):
                last = min(n, first + size - 1)
                job = (("part", f, sha, k), ("part", str(f), settings, first, last))
                scheduled.append((last - first + 1, len(scheduled), job))
        else:
            scheduled.append((n, len(scheduled), (("file", f, sha), ("file", str(f), settings))))
    if workers > 1:  # other files (quick, or of unknown length) first, then PDFs longest first
        scheduled.sort(key=lambda c: (c[0] > 0, -c[0], c[1]))
    return deque(job for _, _, job in scheduled), parts


def _apply(rec: DocumentRecord, values: dict, origin: str) -> None:
    if values.get("region"):
        r = find_organisation(str(values["region"]))
        if r is None or r.kind != "region":
            raise ReadError(f"{origin}: unknown region {values['region']!r}")
        rec.region_code, rec.region_name = r.code, r.name
        if rec.org_kind in (None, "region"):  # a region's own document
            rec.org_kind, rec.org_code, rec.org_name = r.kind, r.code, r.name
    if values.get("org"):
        o = find_organisation(str(values["org"]))
        if o is None:
            raise ReadError(f"{origin}: unknown region or kommun {values['org']!r}")
        rec.org_kind, rec.org_code, rec.org_name = o.kind, o.code, o.name
        rec.region_code, rec.region_name = o.county_code, county_name(o.county_code)
    if values.get("organ"):
        rec.organ = str(values["organ"])
    if values.get("doc_type"):
        if values["doc_type"] not in DOC_TYPES:
            raise ReadError(f"{origin}: doc_type must be one of {', '.join(DOC_TYPES)}")
        rec.doc_type = values["doc_type"]
    if values.get("year"):
        rec.year = int(values["year"])
        rec.end_year = int(values.get("end_year") or rec.end_year or rec.year)
        if rec.end_year < rec.year:
            rec.end_year = rec.year
    elif values.get("end_year"):
        rec.end_year = int(values["end_year"])


def _record(
    path: Path,
    sha: str | None,
    doc: Document | None,
    error: str | None,
    ov: Overrides,
    md: Metadata | None = None,
) -> DocumentRecord:
    key = _source_key(path)
    if doc is None:
        doc_id = "f" + hashlib.sha256(key.encode()).hexdigest()[:15]
        return DocumentRecord(
            doc_id, key, sha, "failed", format=path.suffix.lower().lstrip(".") or None, error=error
        )
    md = md or infer_metadata(doc)  # inferred in the worker along with the findings
    rec = DocumentRecord(
        document_id=sha[:16],
        source_path=key,
        sha256=sha,
        status="needs_ocr" if doc.needs_ocr else "ok",
        format=doc.format,
        pages=doc.pages,
        region_code=md.region_code,
        region_name=md.region_name,
        organ=md.organ,
        doc_type=md.doc_type,
        doc_type_raw=md.doc_type_raw,
        org_kind=md.org_kind,
        org_code=md.org_code,
        org_name=md.org_name,
        year=md.year,
        end_year=md.end_year,
        title=md.title,
        warnings=list(doc.warnings),
        ocr_pages=list(doc.ocr_pages),
        extractor_version=EXTRACTOR_VERSION,
    )
    if rec.status == "needs_ocr":
        rec.warnings.append(
            f"{len(doc.ocr_pages)} of {doc.pages} pages have no usable text layer: OCR needed"
        )
    _apply(rec, _read_sidecar(path), f"sidecar {path.name}{SIDECAR_SUFFIX}")
    _apply(rec, vars(ov), "option")
    for f, label in (
        ("org_name", "publisher"),
        ("organ", "organ"),
        ("doc_type", "document type"),
        ("year", "year"),
    ):
        if getattr(rec, f) is None and rec.status == "ok":
            rec.warnings.append(f"could not infer {label}")
    return rec


def ingest(
    paths: Iterable[str | os.PathLike],
    db: str | os.PathLike = DEFAULT_DB,
    workers: int | None = None,
    overrides: Overrides | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
    on_start: Callable[[Path], None] | None = None,
    settings: ReaderSettings | None = None,
) -> IngestReport:
    """Read every file under ``paths`` into the warehouse at ``db``.

    One transaction per document; a file whose content is already stored is skipped (unless
    it was read by older extractors: see ``styrdata.extract.EXTRACTOR_VERSION``), and so is
    a file whose content is stored under another path (a ``duplicate``); a file whose
    content changed replaces its earlier version; a file that cannot be read is recorded
    with status ``failed`` and its reason — or, when an earlier good version of it is
    stored, that version is kept and the failed attempt recorded on it — and the batch goes
    on. Files are read in ``workers`` reader processes within ``settings.limits``.

    Raises :class:`styrdata.warehouse.WarehouseError` when the warehouse cannot be opened
    or written (the report so far is its ``report``), and ``KeyboardInterrupt`` on SIGINT,
    SIGTERM or SIGHUP, after stopping every reader process; the documents stored until then
    are complete.
    """
    ov = overrides or Overrides()
    settings = settings or ReaderSettings()
    workers = workers or default_workers()
    collected = collect(paths)
    if collected.files:
        start_fork_server()  # the readers are imported while the files are hashed
    report = IngestReport(db=str(db), skipped=collected.skipped)

    def done(out: FileOutcome) -> None:
        report.files.append(out)
        if on_file:
            on_file(out)

    try:
        with signals_raise(), Warehouse(db) as wh:
            todo, twins = _prescan(wh, collected.files, done)
            if todo:  # spaCy, for the indicators' concepts, loaded while the readers read
                threading.Thread(target=_warm_up, daemon=True).start()
            limits = settings.limits
            # the file reader goes by value, so a test's stand-in for it reaches the workers
            job = functools.partial(_job, _parse)
            with ReaderPool(job, workers, limits.timeout, limits.memory_mb) as pool:
                jobs, parts = _jobs(todo, settings, workers)
                started = (lambda key: on_start(key[1])) if on_start else None
                for key, result in pool.imap(jobs, on_start=started):
                    _, f, sha = key[:3]
                    if key[0] == "part":
                        got = parts.get((f, sha))
                        if got is None:
                            continue  # another part of it failed already
                        if isinstance(result, Failure | str):
                            del parts[(f, sha)]
                            result = (None, None, getattr(result, "message", result))
                        else:
                            got[key[3]] = result
                            if all(x is not None for x in got):
                                del parts[(f, sha)]
                                # first in line: its document is stored while the
                                # readers go on, and a long one is not left for the end
                                jobs.appendleft((("file", f, sha), ("assemble", got, settings)))
                            continue
                    if isinstance(result, Failure):
                        result = (None, None, result.message)
                    out = _store(wh, f, sha, *result, ov)
                    done(out)
                    for twin in twins.pop(sha, []) if sha else []:
                        if out.status == "failed":  # the same content fails the same way
                            done(_store(wh, twin, sha, None, None, out.error, ov))
                        else:
                            done(_duplicate(twin, sha, _source_key(f)))
    except Exception as e:
        e.report = report  # what was stored before the warehouse failed
        raise
    return report


def _warm_up() -> None:
    try:
        warm_up_concepts()
    except Exception:  # noqa: BLE001 - matching the first indicator says what is wrong
        pass


def _duplicate(f: Path, sha: str, of: str) -> FileOutcome:
    return FileOutcome(str(f), "duplicate", sha[:16], duplicate_of=of)


def _prescan(wh: Warehouse, files: list[Path], done: Callable[[FileOutcome], None]):
    """Hash the files; report those unchanged since they were stored and those whose content
    is stored under another path. Return the rest, to read, as (path, sha256 or None), and
    the files whose content is that of one to read (sha256 → paths), for after it is read."""
    todo: list[tuple[Path, str | None]] = []
    twins: dict[str, list[Path]] = {}
    stored: dict[str, str] = {}  # sha256 → the path it is stored under
    for f in files:
        key = _source_key(f)
        try:
            # never open a named pipe or a device: the reader process says what it is
            sha = file_sha256(f) if stat.S_ISREG(os.stat(f).st_mode) else None
        except OSError:
            sha = None  # unreadable or gone: the reader says why
        if sha is None:
            todo.append((f, sha))
            continue
        known = wh.known(key)
        if known and known[1] == sha and known[2] != "failed" and known[3] == EXTRACTOR_VERSION:
            wh.clear_failed_attempt(key)
            stored.setdefault(sha, key)
            done(FileOutcome(str(f), "skipped", known[0]))
            continue
        if sha not in stored:
            other = wh.has_content(sha)
            if other and other != key and os.path.exists(other):
                stored[sha] = other
        if sha in stored:
            done(_duplicate(f, sha, stored[sha]))
        elif sha in twins:
            twins[sha].append(f)  # decided once the first copy is read
        else:
            twins[sha] = []
            todo.append((f, sha))
    return todo, twins


def _store(
    wh: Warehouse,
    f: Path,
    sha: str | None,
    doc: Document | None,
    found: Findings | None,
    err: str | None,
    ov: Overrides,
) -> FileOutcome:
    """Store what reading one file gave; a failure keeps an earlier good version."""
    if doc is not None and sha is None:
        doc, err = None, "file changed or disappeared while being read"
    try:
        rec = _record(f, sha, doc, err, ov, found.metadata if found else None)
    except ReadError as e:
        doc, rec = None, _record(f, sha, None, str(e), ov)
    if utf8(str(f)) != str(f):
        rec.warnings.append(f"file name is not UTF-8: stored as {Path(rec.source_path).name}")
    stored = doc if rec.status != "failed" else None
    if stored is not None:
        extra = None
        if found is not None:
            rec.warnings.extend(found.warnings)
            extra = findings_rows(found, rec.document_id)
        _valid_text(rec)
        try:
            wh.replace_document(rec, stored, extra)
        except StoreError as e:
            doc, rec = None, _record(f, sha, None, f"could not be stored: {e}", ov)
    kept = None
    if rec.status == "failed":
        _valid_text(rec)
        kept = wh.record_failed_attempt(rec)
        if kept is None:  # nothing good to keep: the failed row replaces what was there
            wh.replace_document(rec, None, None)
    return FileOutcome(
        str(f),
        rec.status,
        rec.document_id,
        rec.error,
        rec.warnings,
        blocks=len(doc.blocks) if doc else 0,
        tables=len(doc.tables) if doc else 0,
        pages=rec.pages,
        kept=kept,
    )


def _valid_text(rec: DocumentRecord) -> None:
    """Messages may quote a file name that is not UTF-8: store them with \\xNN instead."""
    rec.error = utf8(rec.error) if rec.error else rec.error
    rec.warnings = [utf8(w) for w in rec.warnings]
