"""The ingest pipeline: collect files, hash them, read sidecars, read in parallel, load.

Files → :func:`styrdata.extract.read_document` → :func:`styrdata.extract.domain.extract_domain`
(in worker processes) → :func:`styrdata.normalize.rows.findings_rows` → one transaction per
document in :class:`styrdata.warehouse.Warehouse`. The analyst queries over the result live in
:mod:`styrdata.api`.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from styrdata.extract import EXTRACTOR_VERSION, ReadError, read_document
from styrdata.extract.domain import Findings, extract_domain
from styrdata.extract.domain.metadata import DOC_TYPES, Metadata, infer_metadata
from styrdata.extract.model import Document
from styrdata.extract.readers.dispatch import SUPPORTED_SUFFIXES
from styrdata.normalize.organisations import county_name, find_organisation
from styrdata.normalize.rows import findings_rows
from styrdata.warehouse import DEFAULT_DB, Warehouse
from styrdata.warehouse.store import DocumentRecord

SIDECAR_SUFFIX = ".meta.json"


@dataclass
class FileOutcome:
    path: str
    status: str  # ok | needs_ocr | failed | skipped
    document_id: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    blocks: int = 0
    tables: int = 0
    pages: int | None = None


@dataclass
class IngestReport:
    db: str
    files: list[FileOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed


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
    """Files named directly (whatever their type) and supported files under folders, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and f.suffix.lower() in SUPPORTED_SUFFIXES
                    and not f.name.startswith((".", "~$"))
                )
            )
        else:
            out.append(p)
    seen: set[Path] = set()
    return [f for f in out if not (f.resolve() in seen or seen.add(f.resolve()))]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _source_key(path: Path) -> str:
    return str(path.resolve())


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


def _parse(path_str: str) -> tuple[Document | None, Findings | None, str | None]:
    """Worker: read one file and run the domain extractors on it.

    Returns (document, findings, None) or (None, None, one-line error)."""
    try:
        doc = read_document(path_str)
        return doc, extract_domain(doc), None
    except ReadError as e:
        return None, None, str(e)
    except MemoryError:
        return None, None, "out of memory while reading"
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


def ingest(
    paths: Iterable[str | os.PathLike],
    db: str | os.PathLike = DEFAULT_DB,
    workers: int = 1,
    overrides: Overrides | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
    on_start: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Read every file under ``paths`` into the warehouse at ``db``.

    One transaction per document; a file whose content is already stored is skipped (unless
    it was read by older extractors: see ``styrdata.extract.EXTRACTOR_VERSION``); a file whose content
    changed replaces its earlier version; a file that cannot be read is
    recorded with status ``failed`` and its reason, and the batch goes on.
    """
    ov = overrides or Overrides()
    files = collect_files(paths)
    report = IngestReport(db=str(db))
    with Warehouse(db) as wh:
        todo: list[tuple[Path, str | None]] = []
        for f in files:
            try:
                sha = file_sha256(f)
            except OSError:
                sha = None  # unreadable or gone: the reader says why
            if sha is not None:
                known = wh.known(_source_key(f))
                if (
                    known
                    and known[1] == sha
                    and known[2] != "failed"
                    and known[3] == EXTRACTOR_VERSION
                ):
                    out = FileOutcome(str(f), "skipped", known[0])
                    report.files.append(out)
                    if on_file:
                        on_file(out)
                    continue
            todo.append((f, sha))

        def results():
            if workers > 1 and len(todo) > 1:
                # forkserver: workers start from a clean process, not a fork of one that
                # holds DuckDB's threads and an open database
                ctx = multiprocessing.get_context("forkserver")
                with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                    futures = [(f, sha, pool.submit(_parse, str(f))) for f, sha in todo]
                    for f, sha, fut in futures:
                        if on_start:
                            on_start(f)
                        yield f, sha, fut.result()
            else:
                for f, sha in todo:
                    if on_start:
                        on_start(f)
                    yield f, sha, _parse(str(f))

        for f, sha, (doc, found, err) in results():
            if doc is not None and sha is None:
                doc, err = None, "file changed or disappeared while being read"
            try:
                rec = _record(f, sha, doc, err, ov, found.metadata if found else None)
            except ReadError as e:
                doc, rec = None, _record(f, sha, None, str(e), ov)
            stored = doc if rec.status != "failed" else None
            extra = None
            if stored is not None and found is not None:
                rec.warnings.extend(found.warnings)
                extra = findings_rows(found, rec.document_id)
            wh.replace_document(rec, stored, extra)
            out = FileOutcome(
                str(f),
                rec.status,
                rec.document_id,
                rec.error,
                rec.warnings,
                blocks=len(doc.blocks) if doc else 0,
                tables=len(doc.tables) if doc else 0,
                pages=rec.pages,
            )
            report.files.append(out)
            if on_file:
                on_file(out)
    return report
