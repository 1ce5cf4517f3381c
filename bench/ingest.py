"""Ingest speed as a user sees it: whole processes, default flags, beside a bare pdfplumber pass.

Run on demand (never part of the test suite):

    .venv/bin/python bench/ingest.py [--repeat R] [--corpus DIR] [--no-large] [--no-dask]

For each set of PDFs — the five corpus PDFs, the real documents in ``../shared/corpus/real``
and 480- and 960-page PDFs built by concatenating the corpus PDFs (pypdfium2) — it runs, in
the same run and in turn:

* the bare pass: one process doing pdfplumber ``extract_text()`` + ``find_tables()`` on every
  page, the least any pdfplumber-based reader does;
* ``styrdata ingest FILES --db NEW.duckdb`` exactly as a user types it (default flags: every
  core), into a fresh warehouse each time; for the real documents also with
  ``--no-pictures``, to show what OCR of their pictures costs.

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


def measure(name: str, files: list[Path], repeat: int, tmp: Path, flags: tuple = ()) -> None:
    """The bare pass and ``styrdata ingest FILES --db NEW`` (plus ``flags``) in turn."""
    pages = pages_of(files)
    bare, ours = [], []
    for k in range(repeat):  # in turn, so a drift of the machine hits both alike
        bare.append(run([sys.executable, "-c", BARE, *map(str, files)]))
        db = tmp / f"bench-{name}-{k}.duckdb"
        ours.append(run([str(STYRDATA), "ingest", *map(str, files), "--db", str(db), *flags]))
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
    ap.add_argument("--no-bare", action="store_true", help="skip styrdata vs bare pdfplumber")
    ap.add_argument("--no-dask", action="store_true", help="skip local vs Dask")
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
        if not a.no_bare:
            measure("corpus PDFs", plain, a.repeat, tmp)
            if real:
                measure("real documents", real, a.repeat, tmp)
                # what their pictures cost: the same without reading them (not the default)
                measure("real documents, --no-pictures", real, a.repeat, tmp, ("--no-pictures",))
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
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")


if __name__ == "__main__":
    main()
