"""Ingest speed as a user sees it: whole processes, default flags, beside a bare pdfplumber pass.

Run on demand (never part of the test suite):

    .venv/bin/python bench/ingest.py [--repeat R] [--corpus DIR]

For each set of PDFs — the five corpus PDFs, the real documents in ``../shared/corpus/real``
and 480- and 960-page PDFs built by concatenating the corpus PDFs (pypdfium2) — it runs, in
the same run and in turn:

* the bare pass: one process doing pdfplumber ``extract_text()`` + ``find_tables()`` on every
  page, the least any pdfplumber-based reader does;
* ``styrdata ingest FILES --db NEW.duckdb`` exactly as a user types it (default flags: every
  core), into a fresh warehouse each time.

It prints wall seconds (median of the runs), pages/s, the peak memory of the largest
process (from ``wait4``'s resource usage), and the bare pass's time divided by styrdata's
(above 1× styrdata is faster).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
STYRDATA = Path(sys.executable).with_name("styrdata")

BARE = """
import sys, pdfplumber
for f in sys.argv[1:]:
    with pdfplumber.open(f) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.find_tables()
            page.close()
"""


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one whole process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} exited with {proc.returncode}")
    return wall, usage.ru_maxrss / 1024


def pages_of(files: list[Path]) -> int:
    n = 0
    for f in files:
        pdf = pdfium.PdfDocument(str(f))
        n += len(pdf)
        pdf.close()
    return n


def concatenated(files: list[Path], pages: int, out: Path) -> Path:
    """One PDF of ``pages`` pages: the files' pages over and over."""
    dest = pdfium.PdfDocument.new()
    while len(dest) < pages:
        for f in files:
            src = pdfium.PdfDocument(str(f))
            take = min(len(src), pages - len(dest))
            dest.import_pages(src, list(range(take)))
            src.close()
            if len(dest) >= pages:
                break
    dest.save(str(out))
    dest.close()
    return out


def measure(name: str, files: list[Path], repeat: int, tmp: Path) -> None:
    pages = pages_of(files)
    bare, ours = [], []
    for k in range(repeat):  # in turn, so a drift of the machine hits both alike
        bare.append(run([sys.executable, "-c", BARE, *map(str, files)]))
        db = tmp / f"bench-{name}-{k}.duckdb"
        ours.append(run([str(STYRDATA), "ingest", *map(str, files), "--db", str(db)]))
        db.unlink(missing_ok=True)
    tb = statistics.median(t for t, _ in bare)
    to = statistics.median(t for t, _ in ours)
    mb = max(m for _, m in bare)
    mo = max(m for _, m in ours)
    print(f"{name:34} {pages:5d} {'bare pdfplumber':16} {tb:7.2f} {pages / tb:7.1f} {mb:7.0f}")
    print(
        f"{'':34} {'':5} {'styrdata ingest':16} {to:7.2f} {pages / to:7.1f} {mo:7.0f}  {tb / to:5.2f}×"
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--no-large", action="store_true", help="skip the 480/960-page PDFs")
    a = ap.parse_args()
    corpus = Path(a.corpus)
    plain = sorted((corpus / "plain").glob("*.pdf")) or sorted(
        (ROOT / "data" / "raw" / "plain").glob("*.pdf")
    )
    real = sorted((corpus / "real").glob("*.pdf"))
    print(f"{os.cpu_count()} cores; whole processes, median of {a.repeat} runs each")
    print(
        f"{'set':34} {'pages':>5} {'process':16} {'seconds':>7} {'pages/s':>7} {'peak MB':>7}  vs bare"
    )
    with tempfile.TemporaryDirectory(prefix="styrdata-bench-") as t:
        tmp = Path(t)
        measure("corpus PDFs", plain, a.repeat, tmp)
        if real:
            measure("real documents", real, a.repeat, tmp)
        if not a.no_large:
            for n in (480, 960):
                big = concatenated(plain, n, tmp / f"corpus-{n}.pdf")
                measure(f"one {n}-page PDF", [big], max(1, a.repeat - 1), tmp)


if __name__ == "__main__":
    main()
