"""The Python API behind every ``styrdata`` command (the CLI is a thin layer over it)."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from extract import EXTRACTOR_VERSION, ReadError, read_document
from extract.domain import Findings, extract_domain
from extract.metadata import DOC_TYPES, Metadata, infer_metadata
from extract.model import Document
from extract.reader import SUPPORTED_SUFFIXES
from normalize.regions import find_region
from styrdata.rows import findings_rows
from warehouse import DEFAULT_DB, Warehouse
from warehouse.store import DocumentRecord

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
        r = find_region(str(values["region"]))
        if r is None:
            raise ReadError(f"{origin}: unknown region {values['region']!r}")
        rec.region_code, rec.region_name = r.code, r.name
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
        ("region_code", "region"),
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
    it was read by older extractors: see ``extract.EXTRACTOR_VERSION``); a file whose content
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


def sql(query: str, db: str | os.PathLike = DEFAULT_DB) -> pd.DataFrame:
    """Run one SQL query against the warehouse (read-only) and return a DataFrame."""
    path = Path(db)
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run 'styrdata ingest' first")
    with Warehouse(path, read_only=True) as wh:
        return wh.sql(query)


DOCS_QUERY = """
SELECT d.document_id, regexp_extract(d.source_path, '[^/]+/[^/]+$') AS file, d.format,
       d.status, d.region_code, d.region_name, d.organ, d.doc_type, d.year, d.end_year, d.pages,
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


def docs(db: str | os.PathLike = DEFAULT_DB) -> pd.DataFrame:
    """Documents with their metadata and row counts."""
    return sql(DOCS_QUERY, db)


# -- comparing, exporting, reporting ----------------------------------------------------
def _connect(db: str | os.PathLike) -> Warehouse:
    path = Path(db)
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run 'styrdata ingest' first")
    return Warehouse(path, read_only=True)


def concept_id(name: str) -> str:
    """'Personalomsättning', 'personalomsattning' → the catalogue's id; unknown → ValueError
    listing the known ones."""
    from normalize.concepts import catalogue
    from normalize.text import fold

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
    with _connect(db) as wh:
        if budget is not None:
            values, kind = budget_totals(wh.con, budget, filters), "budget"
        else:
            cid = concept_id(concept) if concept is not None else None
            values, kind = indicator_values(wh.con, cid, text, filters), "indicator"
    return values if long else side_by_side(values, kind, source)


def export(
    out: str | os.PathLike, fmt: str = "parquet", db: str | os.PathLike = DEFAULT_DB
) -> dict[str, int]:
    """Every analyst view to ``out`` as CSV, Excel or Parquet (partitioned by region_code
    and year); returns the rows written per view."""
    from styrdata.export import export_views

    with _connect(db) as wh:
        return export_views(wh.con, Path(out), fmt)


def report(out: str | os.PathLike = "report.html", db: str | os.PathLike = DEFAULT_DB) -> Path:
    """Write the self-contained HTML report to ``out`` and return its path."""
    from styrdata.report import build_report

    with _connect(db) as wh:
        html = build_report(wh.con)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)  # never a half-written report
    return path
