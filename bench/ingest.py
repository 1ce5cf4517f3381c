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

It prints wall seconds (median of the runs), pages/s, memory, and the bare pass's time
divided by styrdata's (above 1× styrdata is faster). Memory is sampled from ``/proc`` every
50 ms over the whole process tree — the CLI, the fork server, the reader processes it starts
and the Tesseract processes they start: "tree MB" is the highest sum of the processes'
resident sets seen at one sample (an upper bound: a page that forked processes share is
counted in each), "proc MB" the largest resident set of any one process (the larger of the
samples' and ``wait4``'s figure for the process started). A peak shorter than 50 ms can be
missed. "CPU s" is the CPU time of the whole tree (median of the runs): the processes'
own and that of the children they reaped, from ``/proc/PID/stat`` at the last sample —
on a shared machine the steadier figure, which other jobs slow down less than the wall
time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
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


def _kids(pid: int) -> list[int]:
    """A process's children, from ``/proc/PID/task/*/children`` (each thread's)."""
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += map(int, f.read().split())
    except OSError:
        pass  # gone meanwhile
    return out


_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _rss(pid: int) -> int:
    """Resident set size of one process in kB (``/proc/PID/statm``: cheap to read, unlike
    ``smaps_rollup``, which costs milliseconds a process), 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * _PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    """CPU seconds of one process and of the children it has reaped (``/proc/PID/stat``:
    utime, stime, cutime, cstime), 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / _TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


class TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants until stopped."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.tree_kb = self.proc_kb = 0
        self.cpu = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            todo, total, cpu = [self.pid], 0, 0.0
            while todo:
                p = todo.pop()
                rss = _rss(p)
                total += rss
                cpu += _cpu(p)
                self.proc_kb = max(self.proc_kb, rss)
                todo += _kids(p)
            self.tree_kb = max(self.tree_kb, total)
            self.cpu = max(self.cpu, cpu)
            self.done.wait(self.every)


def run(cmd: list[str]) -> tuple[float, float, float, float]:
    """Wall seconds, peak memory of the process tree (MB, resident sets summed) and of its
    largest process (MB), and CPU seconds of the tree, of one whole process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sampler = TreeMemory(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    sampler.done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} exited with {proc.returncode}")
    cpu = max(sampler.cpu, usage.ru_utime + usage.ru_stime)
    peak = max(sampler.proc_kb, usage.ru_maxrss) / 1024
    return wall, sampler.tree_kb / 1024, peak, cpu


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
    tb = statistics.median(r[0] for r in bare)
    to = statistics.median(r[0] for r in ours)
    for who, runs, t in (("bare pdfplumber", bare, tb), ("styrdata ingest", ours, to)):
        tree = max(r[1] for r in runs)
        proc = max(r[2] for r in runs)
        cpu = statistics.median(r[3] for r in runs)
        print(
            f"{name if who.startswith('bare') else '':34} "
            f"{pages if who.startswith('bare') else '':>5} {who:16} {t:7.2f} {pages / t:7.1f} "
            f"{tree:7.0f} {proc:7.0f} {cpu:7.1f}"
            + (f"  {tb / to:5.2f}×" if who.startswith("styr") else "")
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
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"{os.cpu_count()} cores, load average {load} at the start; whole processes, "
        f"median of {a.repeat} runs each"
    )
    print(
        f"{'set':34} {'pages':>5} {'process':16} {'seconds':>7} {'pages/s':>7} "
        f"{'tree MB':>7} {'proc MB':>7} {'CPU s':>7}  vs bare"
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
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")


if __name__ == "__main__":
    main()
