"""The ingest pipeline: collect files, hash them, read sidecars, read in parallel, stage,
publish.

Files (:mod:`styrdata.files`) → :func:`styrdata.extract.read_document` →
:func:`styrdata.extract.domain.extract_domain` → :func:`styrdata.normalize.rows.findings_rows`
→ the document's rows staged as Parquet (:mod:`styrdata.warehouse.stage`), all in the
process that read it — a reader process (:mod:`styrdata.workers`, with the limits of
:class:`styrdata.extract.settings.Limits`) or a Dask worker (:mod:`styrdata.cluster`) —
→ published into the warehouse one transaction per document, in short turns
(:mod:`styrdata.warehouse.publish`). Reading never holds the warehouse. The analyst queries
over the result live in :mod:`styrdata.api`.

Nothing one file does stops a batch: it fails with one line and a ``failed`` row, or — when
an earlier good version of it is stored — keeps that version and records the failed
attempt. Only the warehouse or the stage itself (held by another process past the lock
timeout, read-only, a full disk) stops a batch, with a
:class:`~styrdata.warehouse.WarehouseError`; what was staged stays, and the next run publishes
it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import pickle
import stat
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from styrdata.extract import EXTRACTOR_VERSION, ReadError, read_document
from styrdata.extract.domain import Findings, extract_domain
from styrdata.extract.domain.metadata import DOC_TYPES, Metadata, infer_metadata
from styrdata.extract.model import Document
from styrdata.extract.readers.dispatch import assemble_pdf, read_pdf_part
from styrdata.extract.settings import ReaderSettings
from styrdata.files import SIDECAR_SUFFIX, Skipped, collect, source_key
from styrdata.normalize.organisations import county_name, find_organisation
from styrdata.normalize.rows import findings_rows
from styrdata.safe_text import utf8
from styrdata.warehouse import DEFAULT_DB, StoreError, Warehouse, WarehouseError
from styrdata.warehouse.publish import Published, Publisher, failed_id
from styrdata.warehouse.settings import WarehouseSettings, default_stage
from styrdata.warehouse.stage import Stage, Staged, StageError
from styrdata.warehouse.store import DocumentRecord
from styrdata.workers import (
    Failure,
    ReaderPool,
    forked_reader,
    raise_if_signalled,
    reading_done,
    signals_raise,
    start_fork_server,
)


@dataclass
class FileOutcome:
    path: str
    #: ok | needs_ocr | failed | skipped (unchanged) | duplicate | staged (read and
    #: staged, not published: the warehouse stayed held; the next run publishes it)
    status: str
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
    #: the stage the documents were staged in
    stage: str | None = None
    #: seconds spent reading and staging (the reader jobs, from the first handed out to the
    #: last done), publishing (holding the warehouse) and waiting for the warehouse
    read_seconds: float = 0.0
    publish_seconds: float = 0.0
    wait_seconds: float = 0.0
    #: the whole ingest, from collecting the files to the last document published
    seconds: float = 0.0
    #: documents published that an earlier, interrupted run had staged
    published_earlier: int = 0

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
#: one long document keeps every core busy; the parts are then laid out as one document —
#: when the batch needs it (:func:`_in_parts`).
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


@dataclass(frozen=True)
class StageTask:
    """What the process that reads a file needs, besides the file, to stage what it read."""

    #: the stage: an absolute folder every reader can reach, or an fsspec URL
    stage: str
    sha: str | None
    overrides: Overrides = field(default_factory=Overrides)
    #: fingerprint of the path, sidecar, overrides and reader settings (see :func:`_inputs`)
    inputs: str = ""


def _inputs(path: Path, ov: Overrides, settings: ReaderSettings) -> str:
    """What, besides a file's content, makes its rows: a staged document is used again only
    when this matches."""
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    try:
        sidecar = side.read_bytes().hex() if side.exists() else None
    except OSError:
        sidecar = "unreadable"
    what = [_source_key(path), sidecar, vars(ov), repr(settings)]
    return hashlib.sha256(json.dumps(what, default=str).encode()).hexdigest()[:16]


def _jobs(
    todo: list[tuple[Path, str | None]],
    settings: ReaderSettings,
    workers: int,
    tasks: dict | None = None,
):
    """The reader jobs of a batch, scheduled by pages: a file is one job, a PDF longer than
    :data:`PAGES_PER_JOB` one job per part of as many pages when whole documents would
    leave a reader process idle at the end (:func:`_in_parts`). With more than one reader
    process, files other than PDFs (quick to read, or of a length not known beforehand) go
    first, then the PDFs' jobs longest first, so no core is left with a long one at the
    end while the other waits. ``tasks`` gives each file's :class:`StageTask` (key
    ``(path, sha)``). Returns the jobs and, per file read in parts, a slot for each part's
    result."""
    scheduled: list[tuple[int, int, tuple]] = []
    parts: dict[tuple[Path, str | None], list] = {}
    tasks = tasks or {}
    pages = [_pdf_pages(f) if workers > 1 else 0 for f, _ in todo]
    split = _in_parts(pages, workers)
    for (f, sha), n in zip(todo, pages, strict=True):
        if split and n > PAGES_PER_JOB:
            size = -(-n // -(-n // PAGES_PER_JOB))  # as many pages in every part
            firsts = list(range(1, n + 1, size))
            parts[(f, sha)] = [None] * len(firsts)
            for k, first in enumerate(firsts):
                last = min(n, first + size - 1)
                job = (("part", f, sha, k), ("part", str(f.absolute()), settings, first, last))
                scheduled.append((last - first + 1, len(scheduled), job))
        else:
            task = tasks.get((f, sha))
            job = (("file", f, sha), ("file", str(f.absolute()), settings, task))
            scheduled.append((n, len(scheduled), job))
    if workers > 1:  # other files (quick, or of unknown length) first, then PDFs longest first
        scheduled.sort(key=lambda c: (c[0] > 0, -c[0], c[1]))
    return deque(job for _, _, job in scheduled), parts


def _in_parts(pages: list[int], workers: int) -> bool:
    """Whether the batch's long PDFs are read in parts: when reading every document whole,
    longest first, each by the process free first, would leave the last one busy for more
    than a part's pages after the batch's fair share (its pages over the processes). A
    part costs more than its pages read in one piece — the PDF opened again, the parts
    handed on and put together — so a batch whose documents share out evenly as they
    are is read whole."""
    if workers < 2 or not any(n > PAGES_PER_JOB for n in pages):
        return False
    load = [0] * workers
    for n in sorted(pages, reverse=True):
        load[load.index(min(load))] += n
    return max(load) - sum(pages) / workers > PAGES_PER_JOB


def _job(parse: Callable, kind: str, *args):
    """Worker: one job of :func:`_jobs` — a whole file (``parse``), a part of a PDF (handed
    back as a :class:`PartRead`), or the parts of a PDF put together. A whole file or a document put together is staged here,
    by the process that read it (:func:`stage_read`; without a task, what was read is
    returned as it is)."""
    if kind == "file":
        path, settings, task = args
        result = parse(path, settings)
        return _staged_here(task, path, result)
    if kind == "part":
        path, settings, first, last = args
        try:
            return PartRead(pickle.dumps(read_pdf_part(path, first, last, settings), -1))
        except ReadError as e:
            return str(e)
        except MemoryError:
            raise
        except Exception as e:
            return _unexpected(e)
    parts, settings, path, task = args
    try:
        doc = assemble_pdf([pickle.loads(p.pickled) for p in parts], settings)
        result = doc, extract_domain(doc), None
    except ReadError as e:
        result = None, None, str(e)
    except MemoryError:
        raise
    except Exception as e:
        result = None, None, _unexpected(e)
    return _staged_here(task, path, result)


@dataclass
class PartRead:
    """A part of a PDF read, pickled where it was read: the main process passes it on to
    the job that puts the parts together without unpickling it (which would load the PDF
    reader there, a fifth of a second, for nothing)."""

    pickled: bytes


@dataclass
class Unstaged:
    """What a reader process forked from the main process read: the main process stages it
    (DuckDB, which writes the Parquet files, is not safe in a forked process)."""

    result: tuple


def _staged_here(task: StageTask | None, path: str, result: tuple):
    if task is None:
        return result
    if forked_reader():
        return Unstaged(result)
    reading_done()
    return stage_read(task, path, *result)


def _unexpected(e: Exception) -> str:
    return f"unexpected {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}".strip()


def _parse(
    path_str: str, settings: ReaderSettings | None = None
) -> tuple[Document | None, Findings | None, str | None]:
    """Worker: read one file and run the domain extractors on it.

    Returns (document, findings, None) or (None, None, one-line error); out of memory is
    the reader process's to report (:mod:`styrdata.workers`)."""
    try:
        doc = read_document(path_str, settings)
        return doc, extract_domain(doc), None
    except ReadError as e:
        return None, None, str(e)
    except MemoryError:
        raise
    except Exception as e:  # a reader or extractor bug must not stop the batch
        return (
            None,
            None,
            f"unexpected {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}".strip(),
        )


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


@dataclass
class StageFailed:
    """The stage could not be written where a document was read (one line): the batch stops."""

    message: str


def stage_read(
    task: StageTask,
    path: str | Path,
    doc: Document | None,
    found: Findings | None,
    err: str | None,
) -> Staged | StageFailed:
    """Stage what reading one file gave — its rows, or why it failed — in ``task.stage``.

    Runs where the file was read (a reader process, a Dask worker); a reader process that
    died or timed out gets its failure staged by the main process."""
    f = Path(path)
    sha, ov = task.sha, task.overrides
    if doc is not None and sha is None:
        doc, err = None, "file changed or disappeared while being read"
    try:
        rec = _record(f, sha, doc, err, ov, found.metadata if found else None)
    except ReadError as e:
        doc, rec = None, _record(f, sha, None, str(e), ov)
    if utf8(str(f)) != str(f):
        rec.warnings.append(f"file name is not UTF-8: stored as {Path(rec.source_path).name}")
    extra = None
    if rec.status != "failed" and found is not None:
        rec.warnings.extend(found.warnings)
        extra = findings_rows(found, rec.document_id)
    _valid_text(rec)
    try:
        stage = Stage(task.stage)
        try:
            return stage.write_document(
                rec, doc if rec.status != "failed" else None, extra, task.inputs
            )
        except StoreError as e:
            rec = _record(f, sha, None, f"could not be stored: {e}", ov)
            _valid_text(rec)
            return stage.write_document(rec, None, None, task.inputs)
    except StageError as e:
        return StageFailed(str(e))


def _outcome(path: Path, staged: Staged, published: Published | None) -> FileOutcome:
    rec = staged.record
    status, error, kept = rec["status"], rec["error"], None
    if published is None:
        status = "staged"
    elif published.outcome == "failed":  # its rows could not be stored
        status, error = "failed", published.error
    if published is not None:
        kept = published.kept if status == "failed" else None
    document_id = rec["document_id"]
    if published is not None and published.outcome == "failed":
        document_id = failed_id(rec["source_path"])
    return FileOutcome(
        str(path),
        status,
        document_id,
        error,
        list(rec["warnings"]),
        blocks=staged.rows.get("blocks", 0),
        tables=staged.rows.get("tables", 0),
        pages=rec["pages"],
        kept=kept,
    )


def _open_index(db: Path, ws: WarehouseSettings, on_wait) -> dict:
    """What the warehouse holds (:meth:`Warehouse.index`), read as briefly as possible: the
    warehouse is created or migrated when it is free; when analysts are reading it, it is
    read alongside them; while another process writes, that is waited for."""
    try:
        wh = Warehouse(db)
    except WarehouseError as e:
        if "in use by another process" not in str(e) or not db.exists():
            raise
        wh = Warehouse(
            db, read_only=True, lock_timeout=ws.lock_timeout, on_wait=on_wait, settings=ws
        )
    with wh:
        return wh.index()


def ingest(
    paths: Iterable[str | os.PathLike],
    db: str | os.PathLike = DEFAULT_DB,
    workers: int | None = None,
    overrides: Overrides | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
    on_start: Callable[[Path], None] | None = None,
    settings: ReaderSettings | None = None,
    warehouse: WarehouseSettings | None = None,
    dask: str | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read every file under ``paths`` into the warehouse at ``db``.

    Each file is read, and its rows staged as Parquet, by a reader process (``workers`` of
    them, within ``settings.limits``) — or, with ``dask`` (a scheduler's address,
    ``tcp://host:8786``), by the workers of that Dask cluster, which must reach the stage
    (``warehouse.stage``). The staged documents are published into the warehouse one
    transaction per document, in short turns while reading goes on (when the warehouse is
    free) and at the end (waiting for it up to ``warehouse.lock_timeout``, said once through
    ``on_wait``).

    A file whose content is already stored is skipped (unless it was read by older
    extractors: see ``styrdata.extract.EXTRACTOR_VERSION``), and so is a file whose content
    is stored under another path (a ``duplicate``); a file staged by an earlier run that did
    not get to publish it is published without reading it again; a file whose content
    changed replaces its earlier version; a file that cannot be read is recorded with status
    ``failed`` and its reason — or, when an earlier good version of it is stored, that
    version is kept and the failed attempt recorded on it — and the batch goes on.

    Raises :class:`styrdata.warehouse.WarehouseError` when the warehouse or the stage cannot
    be opened or written, or stays held by another process past the lock timeout (the
    report so far is its ``report``; what was staged stays for the next run), and
    ``KeyboardInterrupt`` on SIGINT, SIGTERM or SIGHUP, after stopping every reader process;
    the documents stored until then are complete.
    """
    began = time.monotonic()
    ov = overrides or Overrides()
    settings = settings or ReaderSettings()
    ws = warehouse or WarehouseSettings()
    db = Path(db)
    collected = collect(paths)
    if collected.files and not dask:
        start_fork_server()  # the readers are imported while the files are hashed
    stage = Stage(ws.stage or default_stage(db))
    report = IngestReport(db=str(db), skipped=collected.skipped, stage=stage.location)

    def done(out: FileOutcome) -> None:
        report.files.append(out)
        if on_file:
            on_file(out)

    ours: dict[str, tuple[Path, str | None, Staged]] = {}  # stage key → what it was read from
    twins: dict[str, list[Path]] = {}
    publisher: Publisher | None = None

    def published(results: list[Published]) -> None:
        for p in results:
            got = ours.pop(p.staged.key, None)
            if got is None:
                report.published_earlier += p.outcome == "stored"
                continue
            f, sha, _ = got
            out = _outcome(f, p.staged, p)
            done(out)
            for twin in twins.pop(sha, []) if sha else []:
                if out.status == "failed":  # the same content fails the same way
                    _stage_failure(twin, sha, out.error)
                else:
                    done(_duplicate(twin, sha, _source_key(f)))

    def _stage_failure(f: Path, sha: str | None, error: str | None) -> None:
        task = StageTask(stage_at, sha, ov, _inputs(f, ov, settings))
        staged = stage_read(task, f, None, None, error)
        if isinstance(staged, StageFailed):
            raise StageError(staged.message)
        ours[staged.key] = (f, sha, staged)

    stage_at = stage.location if stage.fs is not None else stage.root
    try:
        with signals_raise():
            index = _open_index(db, ws, on_wait)
            stage.prepare()
            publisher = Publisher(db, stage, ws, on_wait)
            earlier = {p.key for p in stage.pending()}
            plan = _prescan(index, stage, stage_at, collected.files, done, ov, settings)
            ours.update(plan.reused)
            twins.update(plan.twins)
            publisher.clear.extend(plan.clear)
            tasks = plan.tasks
            t0 = time.monotonic()
            with _executor(dask, workers, settings) as (imap, slots):
                jobs, parts = _jobs(plan.todo, settings, slots, tasks)
                started = (lambda key: on_start(key[1])) if on_start else None
                for key, result in imap(jobs, on_start=started):
                    _, f, sha = key[:3]
                    if key[0] == "part":
                        got = parts.get((f, sha))
                        if got is None:
                            continue  # another part of it failed already
                        if isinstance(result, Failure | str):
                            del parts[(f, sha)]
                            result = Failure(getattr(result, "message", result))
                        else:
                            got[key[3]] = result
                            if all(x is not None for x in got):
                                del parts[(f, sha)]
                                task = tasks[(f, sha)]
                                args = ("assemble", got, settings, str(f.absolute()), task)
                                # first in line: its document is staged while the readers
                                # go on, and a long one is not left for the end
                                jobs.appendleft((("file", f, sha), args))
                            continue
                    if isinstance(result, Unstaged):
                        result = stage_read(tasks[(f, sha)], f.absolute(), *result.result)
                    if isinstance(result, Failure):
                        _stage_failure(f, sha, result.message)
                    elif isinstance(result, StageFailed):
                        raise StageError(result.message)
                    else:
                        ours[result.key] = (f, sha, result)
                    published(publisher.publish(wait=False))
                    raise_if_signalled()
                report.read_seconds = time.monotonic() - t0
            keys = set(ours) | earlier
            # until everything is published (a failed file's copies are staged as it is
            # published), and the failed attempts of unchanged files are forgotten
            while keys or publisher.clear:
                results = publisher.publish(wait=True, keys=keys)
                raise_if_signalled()
                published(results)
                keys = {k for k in ours if stage.pending_one(k) is not None} if results else set()
            for key, (_f, _sha, staged) in list(ours.items()):
                if stage.pending_one(key) is None:  # another ingest published it meanwhile
                    published([Published(staged, "stored")])
    except Exception as e:
        for f, _sha, staged in ours.values():  # staged: the next run publishes them
            report.files.append(_outcome(f, staged, None))
        e.report = report  # what was stored before the warehouse failed
        raise_if_signalled()  # DuckDB turned a signal into "Query interrupted"
        raise
    finally:
        if publisher is not None:
            report.publish_seconds, report.wait_seconds = publisher.held, publisher.waited
        report.seconds = time.monotonic() - began
    return report


@contextlib.contextmanager
def _executor(dask: str | None, workers: int | None, settings: ReaderSettings):
    """Where the reader jobs run: ``(imap, slots)`` — ``imap(jobs, on_start)`` yields
    ``(key, result)`` as :meth:`ReaderPool.imap` does; ``slots`` is how many jobs run at
    once (a long PDF is read in parts when it is more than one)."""
    job = functools.partial(_job, _parse)  # by value: a test's stand-in reaches the workers
    if dask:
        from styrdata.cluster import DaskReaders

        with DaskReaders(dask, job) as cluster:
            yield cluster.imap, cluster.slots
        return
    workers = workers or default_workers()
    limits = settings.limits
    with ReaderPool(job, workers, limits.timeout, limits.memory_mb) as pool:
        yield pool.imap, workers


def _duplicate(f: Path, sha: str, of: str) -> FileOutcome:
    return FileOutcome(str(f), "duplicate", sha[:16], duplicate_of=of)


@dataclass
class _Plan:
    """What :func:`_prescan` decided."""

    #: files to read, as (path, sha256 or None), and their tasks by (path, sha256)
    todo: list[tuple[Path, str | None]] = field(default_factory=list)
    tasks: dict[tuple[Path, str | None], StageTask] = field(default_factory=dict)
    #: files an earlier run staged but did not publish: stage key → (path, sha256, staged);
    #: published without reading them again
    reused: dict[str, tuple[Path, str | None, Staged]] = field(default_factory=dict)
    #: files whose content is that of one to read (sha256 → paths), for after it is read
    twins: dict[str, list[Path]] = field(default_factory=dict)
    #: unchanged files whose failed attempt is to be forgotten
    clear: list[str] = field(default_factory=list)


def _prescan(
    index: dict,
    stage: Stage,
    stage_at: str,
    files: list[Path],
    done: Callable[[FileOutcome], None],
    ov: Overrides,
    settings: ReaderSettings,
):
    """Hash the files; report those unchanged since they were stored and those whose content
    is stored under another path; plan the rest (:class:`_Plan`)."""
    plan = _Plan()
    todo, tasks, twins = plan.todo, plan.tasks, plan.twins
    stored: dict[str, str] = {}  # sha256 → the path it is stored under
    by_sha = {v[1]: p for p, v in index.items() if v[1] and v[2] != "failed"}
    for f in files:
        key = _source_key(f)
        try:
            # never open a named pipe or a device: the reader process says what it is
            sha = file_sha256(f) if stat.S_ISREG(os.stat(f).st_mode) else None
        except OSError:
            sha = None  # unreadable or gone: the reader says why
        inputs = _inputs(f, ov, settings)
        if sha is None:
            todo.append((f, sha))
            tasks[(f, sha)] = StageTask(stage_at, sha, ov, inputs)
            continue
        known = index.get(key)
        if known and known[1] == sha and known[2] != "failed" and known[3] == EXTRACTOR_VERSION:
            if known[4] is not None:
                plan.clear.append(key)
            stored.setdefault(sha, key)
            done(FileOutcome(str(f), "skipped", known[0]))
            continue
        if sha not in stored:
            other = by_sha.get(sha)
            if other and other != key and os.path.exists(other):
                stored[sha] = other
        if sha in stored:
            done(_duplicate(f, sha, stored[sha]))
        elif sha in twins:
            twins[sha].append(f)  # decided once the first copy is read
        else:
            twins[sha] = []
            staged = stage.pending_one(f"{sha}-v{EXTRACTOR_VERSION}")
            if staged is not None and staged.inputs == inputs and staged.source_path == key:
                plan.reused[staged.key] = (f, sha, staged)  # staged before: published, not read
            else:
                todo.append((f, sha))
                tasks[(f, sha)] = StageTask(stage_at, sha, ov, inputs)
    return plan


def _valid_text(rec: DocumentRecord) -> None:
    """Messages may quote a file name that is not UTF-8: store them with \\xNN instead."""
    rec.error = utf8(rec.error) if rec.error else rec.error
    rec.warnings = [utf8(w) for w in rec.warnings]
