"""What a cheaper reading of pictures costs in accuracy: the bath-facility analysis's five
screenshots (``../shared/corpus/real``) read with the default picture OCR and with cheaper
ones, each scored against the transcription of their 340 amounts (``tests/data/``, as
``tests/picture_golden.py`` scores it). Run on demand (never part of the test suite):

    .venv/bin/python bench/picture_readings.py

Printed per reading: the CPU seconds of reading the document (this process, one OCR
thread, so each reading's CPU is its own), the transcribed rows found and the amounts read
exactly, sign included.
"""

from __future__ import annotations

import argparse
import resource
import sys
from dataclasses import replace
from pathlib import Path

from styrdata.extract.readers.dispatch import read_document
from styrdata.extract.settings import ReaderSettings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from picture_golden import score  # noqa: E402

BATHS = "Simrishamn_Tobisviksbadet_Badanalys_2026-03"

#: name → OcrSettings fields changed from the defaults
READINGS = {
    "default: enlarged up to 4×, cells and numbers read again": {},
    "no second reading of the numbers": {"number_language": ""},
    "no second reading of the cells": {"picture_reread_cells": False},
    "enlarged at most 2×": {"picture_max_upscale": 2.0},
    "at most 2×, no cells again": {"picture_max_upscale": 2.0, "picture_reread_cells": False},
    "at most 2×, neither again": {
        "picture_max_upscale": 2.0,
        "picture_reread_cells": False,
        "number_language": "",
    },
    "read once at its own size": {
        "picture_max_upscale": 1.0,
        "picture_reread_cells": False,
        "number_language": "",
    },
}


def _cpu() -> float:
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    a = ap.parse_args()
    pdf = Path(a.corpus) / "real" / f"{BATHS}.pdf"
    golden = ROOT / "tests" / "data" / f"{BATHS}.json"
    if not pdf.exists():
        raise SystemExit(f"{pdf}: not found")
    base = ReaderSettings()
    read_document(
        pdf, replace(base, pdf=replace(base.pdf, ocr=replace(base.pdf.ocr, pictures=False)))
    )
    print(f"{'reading of the pictures':58} {'CPU s':>6} {'rows':>7} {'amounts read exactly':>21}")
    for name, changed in READINGS.items():
        ocr = replace(base.pdf.ocr, workers=1, **changed)
        start = _cpu()
        doc = read_document(pdf, replace(base, pdf=replace(base.pdf, ocr=ocr)))
        spent = _cpu() - start
        s = score(doc, golden)
        print(
            f"{name:58} {spent:6.1f} {s.rows_found:>3} / {s.rows:<3}"
            f" {s.values_right:>5} / {s.values} ({s.share:.0%})",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
