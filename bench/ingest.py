"""Ingest benchmark: styrdata against a bare pdfplumber pass over the same PDFs.

Run on demand (never part of the test suite):

    .venv/bin/python bench/ingest.py [FOLDER ...] [--workers N] [--repeat R]

Prints pages/s for a bare ``extract_text()`` + ``find_tables()`` pass, for the styrdata
reader alone (one process), and for a full ``styrdata ingest`` into a fresh DuckDB file
(read + metadata + load) with 1 and N workers, with the ratio of each to the bare pass.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import pdfplumber

from styrdata import api
from styrdata.extract import read_document
from styrdata.extract.domain import extract_domain
from styrdata.extract.settings import OcrSettings, PdfSettings, ReaderSettings
from styrdata.normalize.rows import findings_rows

ROOT = Path(__file__).resolve().parents[1]


def bare_pass(files: list[Path]) -> int:
    pages = 0
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.find_tables()
                pages += 1
                page.close()
    return pages


def reader_pass(files: list[Path]) -> int:
    return sum(read_document(f).pages or 0 for f in files)


def domain_pass(files: list[Path]) -> int:
    """Reader plus the domain extractors (risks, budget lines, table kinds), no warehouse."""
    pages = 0
    for f in files:
        doc = read_document(str(f))
        extract_domain(doc)
        pages += doc.pages or 0
    return pages


def ingest_pass(files: list[Path], workers: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report = api.ingest(files, db=Path(tmp) / "bench.duckdb", workers=workers)
        assert report.ok, [(f.path, f.error) for f in report.failed]
        return sum(f.pages or 0 for f in report.files)


def timed(fn, *args, repeat: int) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = fn(*args)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), n


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("folders", nargs="*", default=[str(ROOT / "data" / "raw" / "plain")])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--scans",
        default=str(ROOT / "data" / "raw" / "scan"),
        help="folder of scanned PDFs to time OCR on ('' to skip)",
    )
    a = ap.parse_args()
    files = sorted(p for d in a.folders for p in Path(d).rglob("*.pdf"))
    print(f"{len(files)} PDFs, {os.cpu_count()} cores, median of {a.repeat} runs")
    base_t, pages = timed(bare_pass, files, repeat=a.repeat)
    rows = [("bare pdfplumber extract_text()+find_tables()", base_t, pages)]
    rows.append(("styrdata reader (1 process)", *timed(reader_pass, files, repeat=a.repeat)))
    rows.append(
        ("styrdata reader + domain extractors", *timed(domain_pass, files, repeat=a.repeat))
    )
    rows.append(("styrdata ingest --workers 1", *timed(ingest_pass, files, 1, repeat=a.repeat)))
    if a.workers > 1:
        rows.append(
            (
                f"styrdata ingest --workers {a.workers}",
                *timed(ingest_pass, files, a.workers, repeat=a.repeat),
            )
        )
    print(f"{'pass':48} {'seconds':>8} {'pages':>6} {'pages/s':>8} {'vs bare':>8}")
    for name, t, n in rows:
        print(f"{name:48} {t:8.2f} {n:6d} {n / t:8.1f} {base_t / t:7.2f}×")
    # Stage by stage in one process: what the domain extraction adds to reading
    tr = td = tn = 0.0
    for f in files:
        t0 = time.perf_counter()
        doc = read_document(str(f))
        t1 = time.perf_counter()
        found = extract_domain(doc)
        t2 = time.perf_counter()
        findings_rows(found, "bench")
        t3 = time.perf_counter()
        tr, td, tn = tr + t1 - t0, td + t2 - t1, tn + t3 - t2
    print(
        f"\nstages: reader {tr:.2f} s, domain extractors {td:.2f} s ({100 * td / tr:.1f} %), "
        f"normalization to rows (concepts, values) {tn:.2f} s ({100 * tn / tr:.1f} %)"
    )
    scans = sorted(Path(a.scans).rglob("*.pdf")) if a.scans else []
    if scans:
        print(
            f"\nOCR (Tesseract swe, numbers again with eng, text resampled to "
            f"{OcrSettings().target_text_height:g} px) of {len(scans)} scanned PDF(s)"
        )
        print(f"{'OCR workers':48} {'seconds':>8} {'pages':>6} {'s/page':>8}")
        for w in sorted({1, a.workers}):
            settings = ReaderSettings(pdf=PdfSettings(ocr=OcrSettings(workers=w)))
            t, n = timed(
                lambda fs, st=settings: sum(read_document(f, st).pages or 0 for f in fs),
                scans,
                repeat=1,
            )
            print(
                f"{'reader with OCR, ' + str(w) + ' page(s) at a time':48} {t:8.2f} {n:6d} {t / n:8.2f}"
            )


if __name__ == "__main__":
    main()
