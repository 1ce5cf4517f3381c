"""Ingest speed as a user sees it: whole processes, default flags, beside a bare pdfplumber pass.

Run on demand (never part of the test suite):

    .venv/bin/python bench/ingest.py [--repeat R] [--corpus DIR] [--no-large] [--no-dask]

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

Then, local against Dask: the same ``styrdata ingest`` of the corpus documents (PDF, DOCX,
text dumps and the scan) and of the real documents, run locally (every core) and with
``--dask`` against a scheduler and two workers (``dask worker --nthreads 1``, each a
process of its own) started on this machine for the bench, warmed up by one ingest first.
For each it prints wall seconds and the publish step's share of them: the seconds the
warehouse was held to publish the staged documents (``--verbose`` says), the rest being
reading and staging (which never holds the warehouse).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
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


def run_verbose(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds of ``styrdata ingest … --verbose`` and the seconds it published for."""
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if r.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited with {r.returncode}: {r.stderr[-500:]}")
    m = re.search(r"published in ([\d.]+) s", r.stderr)
    return wall, float(m[1]) if m else float("nan")


class DaskCluster:
    """A scheduler and ``workers`` single-threaded workers on this machine."""

    def __init__(self, tmp: Path, workers: int = 2):
        dask = Path(sys.executable).with_name("dask")
        self.file = tmp / "scheduler.json"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.procs = [
            subprocess.Popen(
                [
                    str(dask),
                    "scheduler",
                    "--scheduler-file",
                    str(self.file),
                    "--port",
                    "0",
                    "--no-dashboard",
                ],
                **quiet,
            )
        ]
        while not self.file.exists():
            time.sleep(0.1)
        time.sleep(0.5)
        import json

        self.address = json.loads(self.file.read_text())["address"]
        for _ in range(workers):
            self.procs.append(
                subprocess.Popen(
                    [str(dask), "worker", self.address, "--nthreads", "1", "--no-dashboard"],
                    **quiet,
                )
            )
        from distributed import Client

        with Client(self.address, timeout=60) as c:
            c.wait_for_workers(workers, timeout=120)

    def close(self) -> None:
        for p in reversed(self.procs):
            p.send_signal(signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()


def local_vs_dask(name: str, paths: list[Path], repeat: int, tmp: Path, cluster) -> None:
    rows = {}
    for how, extra in (("local", []), ("dask, 2 workers", ["--dask", cluster.address])):
        got = []
        for k in range(repeat):
            db = tmp / f"ld-{k}.duckdb"
            cmd = [str(STYRDATA), "ingest", *map(str, paths), "--db", str(db), "-v", *extra]
            got.append(run_verbose(cmd))
            db.unlink(missing_ok=True)
            shutil.rmtree(db.with_name(db.stem + ".stage"), ignore_errors=True)
        rows[how] = (statistics.median(w for w, _ in got), statistics.median(p for _, p in got))
    for how, (wall, pub) in rows.items():
        print(
            f"{name if how == 'local' else '':34} {how:16} {wall:7.2f} {pub:9.2f} {pub / wall:6.1%}"
        )


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
    ap.add_argument("--no-bare", action="store_true", help="skip styrdata vs bare pdfplumber")
    ap.add_argument("--no-dask", action="store_true", help="skip local vs Dask")
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
        if not a.no_bare:
            measure("corpus PDFs", plain, a.repeat, tmp)
            if real:
                measure("real documents", real, a.repeat, tmp)
            if not a.no_large:
                for n in (480, 960):
                    big = concatenated(plain, n, tmp / f"corpus-{n}.pdf")
                    measure(f"one {n}-page PDF", [big], max(1, a.repeat - 1), tmp)
        if a.no_dask:
            return
        print()
        print(f"{'set':34} {'where':16} {'seconds':>7} {'published':>9} {'share':>6}")
        cluster = DaskCluster(tmp)
        try:
            sets = [
                ("corpus (pdf, docx, text, scan)", [corpus / d for d in ("plain", "seeds", "scan")])
            ]
            if real:
                sets.append(("real documents", real))
            warm = [
                str(STYRDATA),
                "ingest",
                str(corpus / "seeds"),
                "--db",
                str(tmp / "warm.duckdb"),
            ]
            run([*warm, "--dask", cluster.address])  # the workers import the readers once
            for name, paths in sets:
                local_vs_dask(name, paths, a.repeat, tmp, cluster)
        finally:
            cluster.close()


if __name__ == "__main__":
    main()
