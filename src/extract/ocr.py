"""OCR for PDF pages without a usable text layer: Tesseract with its Swedish model.

A page is rendered with pypdfium2 at :attr:`OcrSettings.dpi`, straightened (the last few
degrees of tilt, :mod:`extract.rulings`), its table ruling lines found, and Tesseract reads
it (``tesseract … tsv``, orientation and script detection on so rotated scans are turned
upright). Every recognised word becomes character records shaped like pdfplumber's
``page.chars`` (in PDF points), so the reader's line, heading and table logic treats a
scanned page like a born-digital one, and the ruling lines go to pdfplumber's table finder.
Pages are OCR'd in parallel (Tesseract runs as a subprocess per page).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from extract.rulings import deskew, erase_vertical_rulings, find_rulings
from extract.settings import OcrSettings

INSTALL_HINT = (
    "install Tesseract and its Swedish model: apt-get install tesseract-ocr tesseract-ocr-swe"
)


class OcrUnavailable(RuntimeError):
    pass


@dataclass
class OcrPage:
    """What OCR read on one page: characters and ruling lines in PDF points, and the tilt
    (degrees) corrected before reading."""

    chars: list[dict] = field(default_factory=list)
    rulings: list[dict] = field(default_factory=list)
    skew: float = 0.0


def tesseract_binary(s: OcrSettings) -> str:
    """Path of a Tesseract that has the wanted language, or :class:`OcrUnavailable`."""
    exe = shutil.which(s.tesseract_cmd)
    if exe is None:
        raise OcrUnavailable(f"Tesseract not found: {INSTALL_HINT}")
    langs = subprocess.run(
        [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    ).stdout.split()
    missing = [lang for lang in s.language.split("+") if lang not in langs]
    if missing:
        raise OcrUnavailable(f"Tesseract has no {'+'.join(missing)} model: {INSTALL_HINT}")
    return exe


def _words_to_chars(tsv: str, scale: float) -> list[dict]:
    """Tesseract TSV → character records. Words take their text line's top and bottom (a
    word's own box depends on its letters' ascenders), so a line stays one line."""
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    lines = {
        (r["block_num"], r["par_num"], r["line_num"]): (float(r["top"]), float(r["height"]))
        for r in rows
        if r.get("level") == "4"
    }
    # A line of body text without ascenders or descenders ("om en") has a low box: take
    # at least the page's median line height as its height, so size and gaps stay true.
    heights = sorted(h for _, h in lines.values())
    floor = heights[len(heights) // 2] if heights else 0.0
    chars: list[dict] = []
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text or float(row.get("conf") or -1) < 0:
            continue
        top, height = lines.get(
            (row["block_num"], row["par_num"], row["line_num"]),
            (float(row["top"]), float(row["height"])),
        )
        left, width = float(row["left"]) * scale, float(row["width"]) * scale
        if height < floor:
            top, height = top - (floor - height) / 2, floor
        top, height = top * scale, height * scale
        size = max(0.8 * height, 1.0)  # a line box spans ascenders to descenders
        step = width / len(text)
        for k, ch in enumerate(text):
            chars.append(
                {
                    "text": ch,
                    "x0": left + k * step,
                    "x1": left + (k + 1) * step,
                    "top": top,
                    "bottom": top + height,
                    "size": size,
                    "fontname": "OCR",
                    "upright": True,
                    "ocr_par": (row["page_num"], row["block_num"], row["par_num"]),
                }
            )
    return chars


_PDFIUM = threading.Lock()  # PDFium is not thread-safe: one rendering at a time


def _render(pdf_path: str, pages: list[int], dpi: int, folder: Path) -> dict[int, Path]:
    """PNG files of the given 1-based pages, rendered one after the other."""
    out: dict[int, Path] = {}
    with _PDFIUM:
        pdf = pdfium.PdfDocument(pdf_path)
        try:
            for p in pages:
                image = pdf[p - 1].render(scale=dpi / 72).to_pil().convert("L")
                out[p] = folder / f"page-{p}.png"
                image.save(out[p], dpi=(dpi, dpi))
        finally:
            pdf.close()
    return out


def _read(exe: str, png: Path, page: int, s: OcrSettings) -> OcrPage:
    """Straighten the page, find its ruling lines, OCR it without the vertical ones."""
    with Image.open(png) as im:
        gray = im.convert("L")
    straight, angle = deskew(gray, s)
    rulings = find_rulings(straight, 72 / s.dpi, s)
    if angle or rulings:
        erase_vertical_rulings(straight, rulings, 72 / s.dpi).save(png, dpi=(s.dpi, s.dpi))
    return OcrPage(_tesseract(exe, png, page, s), rulings, angle)


def _tesseract(exe: str, png: Path, page: int, s: OcrSettings) -> list[dict]:
    out = subprocess.run(
        [exe, str(png), "stdout", "-l", s.language, "--psm", str(s.psm), "tsv"],
        capture_output=True,
        text=True,
        timeout=s.page_timeout,
        check=False,
        # one thread per Tesseract: pages run in parallel instead, without contention
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    if out.returncode != 0:
        raise RuntimeError(f"tesseract failed on page {page}: {out.stderr.strip()[:200]}")
    return _words_to_chars(out.stdout, 72 / s.dpi)


def ocr_pages(pdf_path: str, pages: list[int], s: OcrSettings) -> dict[int, OcrPage]:
    """What OCR reads on the given 1-based pages: rendered in turn, read in parallel."""
    exe = tesseract_binary(s)
    with tempfile.TemporaryDirectory() as tmp:
        pngs = _render(pdf_path, pages, s.dpi, Path(tmp))
        with ThreadPoolExecutor(max_workers=max(1, s.workers)) as pool:
            futures = {p: pool.submit(_read, exe, pngs[p], p, s) for p in pages}
            return {p: f.result() for p, f in futures.items()}
