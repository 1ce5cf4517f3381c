"""CPU seconds OCR costs per document: Tesseract run as a program per reading against
Tesseract in the reading process (:attr:`OcrSettings.in_process`), and whether they read the
same. Run on demand (never part of the test suite):

    .venv/bin/python bench/ocr_cpu.py [--repeat 3] [FILES…]

(default: the PDFs of ``../shared/corpus/real`` that have pictures to read, and
``../shared/corpus/scan``). Each document is read with both settings in turn, ``--repeat``
times, one OCR thread (so each reading's CPU is its own); printed per document: the
readings, the least CPU seconds of Tesseract (the program's processes, or the reading
threads' time inside the library — each with the image handed over: the PNG written
and read, or the pixels passed), the least CPU seconds of the whole reading (this process
and its children), and whether every run gave the same document.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import resource
import sys
import time
from pathlib import Path

from styrdata.extract.ocr import pages
from styrdata.extract.readers.dispatch import read_document
from styrdata.extract.settings import OcrSettings, PdfSettings, ReaderSettings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
DEFAULT = [
    "real/Alingsas_Socialnamnden_Manadsuppfoljning_tabeller_grafer_maj_2026.pdf",
    "real/Goteborg_Stadsrevisionen_Arsredogorelse_2024.pdf",
    "real/Simrishamn_Budgetanvisningar_2027-2031.pdf",
    "real/Simrishamn_Budgetskrivelse_investeringar_2027-2031.pdf",
    "real/Simrishamn_Tobisviksbadet_Badanalys_2026-03.pdf",
    "real/VGR_Regional_utvecklingsstrategi_2021-2030_aktualiserad_2026.pdf",
    "scan/004_a21d5508182b01d5.pdf",
]

_spent = [0.0, 0]  # Tesseract CPU seconds and readings since the last reset
_real = pages._tesseract


def _timed(*args, **kwargs):
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    mine = time.thread_time()
    try:
        return _real(*args, **kwargs)
    finally:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        _spent[0] += time.thread_time() - mine
        _spent[0] += after.ru_utime + after.ru_stime - kids.ru_utime - kids.ru_stime
        _spent[1] += 1


def _cpu() -> float:
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _digest(doc) -> str:
    text = json.dumps(dataclasses.asdict(doc), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    files = a.files or [str(SHARED / f) for f in DEFAULT]
    pages._tesseract = _timed
    variants = {"program": False, "in process": True}
    totals = {v: [0.0, 0.0] for v in variants}
    print(f"{'document':44} {'readings':>8} {'Tesseract CPU s':>27} {'whole reading CPU s':>27}")
    print(f"{'':44} {'':8} {'program':>9} {'in proc':>9} {'saved':>7} "
          f"{'program':>9} {'in proc':>9} {'saved':>7}  same")  # fmt: skip
    for f in files:
        best = {v: [float("inf"), float("inf")] for v in variants}
        digests, readings = set(), 0
        for _ in range(a.repeat):
            for name, in_process in variants.items():
                s = ReaderSettings(
                    pdf=PdfSettings(ocr=OcrSettings(workers=1, in_process=in_process))
                )
                _spent[:] = [0.0, 0]
                start = _cpu()
                doc = read_document(f, s)
                whole = _cpu() - start
                best[name] = [min(best[name][0], _spent[0]), min(best[name][1], whole)]
                digests.add(_digest(doc))
                readings = _spent[1]
        p, q = best["program"], best["in process"]
        for v in variants:
            totals[v][0] += best[v][0]
            totals[v][1] += best[v][1]
        same = "yes" if len(digests) == 1 else "NO"
        print(f"{Path(f).name[:44]:44} {readings:8d} {p[0]:9.2f} {q[0]:9.2f} {p[0] - q[0]:7.2f} "
              f"{p[1]:9.2f} {q[1]:9.2f} {p[1] - q[1]:7.2f}  {same}", flush=True)  # fmt: skip
    p, q = totals["program"], totals["in process"]
    print(f"{'all':44} {'':8} {p[0]:9.2f} {q[0]:9.2f} {p[0] - q[0]:7.2f} "
          f"{p[1]:9.2f} {q[1]:9.2f} {p[1] - q[1]:7.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
