"""How much a scan yields, and how long OCR takes: scans of the corpus PDFs built here.

Run on demand (never part of the test suite):

    .venv/bin/python bench/scans.py [--dpi 200] [--tilt 0.7] [--quality 75] [--turn 3]
        [--workers 1 2] [--docs 000 001 …] [--colour] [--set target_text_height=24 …]

For each born-digital corpus PDF, builds an image-only scan of it the way
``tests/scans.py`` does (grey or colour JPEG at ``--dpi``, tilted alternately, blurred,
with noise; ``--turn N`` turns page N sideways), reads it with OCR and prints what it
yields against the born-digital PDF (goals, indicators, budget lines, risks) and the OCR
seconds per page with each number of workers.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CORPUS, DOC_IDS  # noqa: E402
from scans import scan_pdf, yields  # noqa: E402
from styrdata.extract import read_document  # noqa: E402
from styrdata.extract.domain import extract_domain  # noqa: E402
from styrdata.extract.settings import OcrSettings, PdfSettings, ReaderSettings  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and the Tesseract processes it ran (the machine may be
    shared: wall time then says little)."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--tilt", type=float, default=0.7)
    ap.add_argument("--quality", type=int, default=75)
    ap.add_argument("--colour", action="store_true")
    ap.add_argument("--turn", type=int, action="append", default=[], help="page to turn 90°")
    ap.add_argument("--workers", type=int, nargs="+", default=[2])
    ap.add_argument("--docs", nargs="+", default=[d[:3] for d in DOC_IDS])
    ap.add_argument(
        "--set",
        nargs="*",
        default=[],
        metavar="NAME=VALUE",
        help="OcrSettings fields to change (e.g. target_text_height=24)",
    )
    a = ap.parse_args()
    changed = {k: type(getattr(OcrSettings(), k))(v) for k, v in (x.split("=", 1) for x in a.set)}
    print(
        f"scans at {a.dpi} dpi, {'colour' if a.colour else 'grey'} JPEG q{a.quality}, "
        f"tilt ±{a.tilt}°, turned pages {a.turn or '-'}, settings {changed or 'default'}"
    )
    totals: dict[int, list[float]] = {w: [0.0, 0, 0.0] for w in a.workers}
    with tempfile.TemporaryDirectory() as tmp:
        for stem in (d for d in DOC_IDS if d[:3] in a.docs):
            digital_pdf = CORPUS / "plain" / f"{stem}.pdf"
            scan = scan_pdf(
                digital_pdf,
                Path(tmp) / f"{stem}.pdf",
                dpi=a.dpi,
                tilt=a.tilt,
                quality=a.quality,
                colour=a.colour,
                turned={p: 1 for p in a.turn},
            )
            digital = extract_domain(read_document(str(digital_pdf)))
            doc = None
            for w in a.workers:
                settings = ReaderSettings(pdf=PdfSettings(ocr=OcrSettings(workers=w, **changed)))
                t0, c0 = time.perf_counter(), cpu_seconds()
                doc = read_document(str(scan), settings)
                t, c = time.perf_counter() - t0, cpu_seconds() - c0
                totals[w][0] += t
                totals[w][1] += doc.pages or 0
                totals[w][2] += c
                print(
                    f"  {stem} workers={w}: {t:.1f} s, {t / doc.pages:.2f} s/page "
                    f"({c / doc.pages:.2f} CPU s/page)"
                )
            scanned = extract_domain(doc)
            md, ms = digital.metadata, scanned.metadata
            same_meta = (md.region_code, md.organ, md.doc_type, md.year, md.end_year) == (
                ms.region_code,
                ms.organ,
                ms.doc_type,
                ms.year,
                ms.end_year,
            )
            got = yields(digital, scanned)
            print(
                f"{stem}  "
                + "  ".join(f"{k} {v}" for k, v in got.items())
                + f"  metadata {'same' if same_meta else 'DIFFERENT'}"
            )
    for w, (t, n, c) in totals.items():
        if n:
            print(
                f"OCR workers={w}: {t:.1f} s for {n} pages, {t / n:.2f} s/page, "
                f"{c / n:.2f} CPU s/page"
            )


if __name__ == "__main__":
    main()
