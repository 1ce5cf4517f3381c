"""The emblem on a document's first page: the publisher's logo.

Kommuner, regions and förbund print their logo — coat of arms and name, "ALINGSÅS
KOMMUN", "Region Halland" — at the top or foot of their documents' pages, and many
documents name their publisher nowhere else: a nämnd's follow-up says "Tekniska nämnden"
on its cover and leaves the kommun to the logo. The logo is a picture, so the text layer
does not hold its name; it is read here with OCR, for the metadata to weigh
(:mod:`styrdata.extract.domain.metadata`: after the title page, running headers and first
pages, before a name the text merely repeats).

1. :func:`candidates` — the first page's pictures shaped like a logo with its name: in
   the top or bottom band of the page (:attr:`OcrSettings.emblem_band`), wider than tall
   (:attr:`OcrSettings.emblem_min_ratio`), no taller than
   :attr:`OcrSettings.emblem_max_height` points. A square coat of arms alone, a cover
   photo or a chart is no candidate.
2. :func:`read_emblems` — each drawn as it shows on the page (mask applied, on white) at
   its own resolution and read as sparse text (Tesseract page segmentation mode 11): a
   logo's letters are spaced and sized unlike lines of text.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from styrdata.extract.ocr.pages import _PDFIUM, _parse_hocr, _tesseract, tesseract_binary
from styrdata.extract.settings import OcrSettings

BBox = tuple[float, float, float, float]

#: Tesseract's page segmentation mode for a logo: sparse text, in no particular order.
SPARSE_TEXT = 11


@dataclass(frozen=True)
class Emblem:
    """A picture on the first page shaped like a logo: its box (PDF points, top-left
    origin), its pixel size and the page's size."""

    page: int
    bbox: BBox
    pixels: tuple[int, int]
    page_size: tuple[float, float]


def candidates(
    number: int, images: list[dict], page_size: tuple[float, float], s: OcrSettings
) -> list[Emblem]:
    """The pictures of page ``number`` (pdfplumber's ``page.images``) shaped like a logo
    with its name, top band first."""
    width, height = page_size
    band = s.emblem_band * height
    out: list[Emblem] = []
    for im in images:
        x0, top = max(0.0, float(im["x0"])), max(0.0, float(im["top"]))
        x1, bottom = min(width, float(im["x1"])), min(height, float(im["bottom"]))
        w, h = x1 - x0, bottom - top
        if h <= 0 or w < s.emblem_min_ratio * h or h > s.emblem_max_height:
            continue
        if not (bottom <= band or top >= height - band):
            continue
        src = tuple(int(v) for v in (im.get("srcsize") or (0, 0)))
        out.append(Emblem(number, (x0, top, x1, bottom), (src[0], src[1]), page_size))
    return sorted(out, key=lambda e: (e.bbox[1] > height / 2, e.bbox[1], e.bbox[0]))


def _draw(pdf, e: Emblem):
    """The emblem's area of the page as drawn, grey, at the picture's own resolution
    (between 150 and 600 dpi): what shows on the page, its mask applied, on white."""
    left, top, right, bottom = e.bbox
    page_w, page_h = e.page_size
    dpi = max(e.pixels[0] / max(right - left, 1.0), e.pixels[1] / max(bottom - top, 1.0)) * 72
    dpi = min(600.0, max(150.0, dpi))
    with _PDFIUM:
        page = pdf[e.page - 1]
        try:
            crop = (left, page_h - bottom, page_w - right, top)
            bitmap = page.render(scale=dpi / 72, crop=crop, grayscale=True, draw_annots=False)
            return bitmap.to_pil().convert("L"), dpi
        finally:
            page.close()


def read_emblems(pdf_path: str, emblems: list[Emblem], s: OcrSettings) -> list[str]:
    """The text of each emblem that holds any (words in reading order, one string per
    emblem); raises :class:`styrdata.extract.ocr.pages.OcrUnavailable` without Tesseract."""
    if not emblems:
        return []
    exe = tesseract_binary(s)
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        with _PDFIUM:
            pdf = pdfium.PdfDocument(pdf_path)
        try:
            for k, e in enumerate(emblems):
                image, dpi = _draw(pdf, e)
                png = Path(tmp) / f"emblem-{k}.png"
                hocr = _tesseract(exe, png, e.page, s.language, SPARSE_TEXT, s, image, dpi)
                words, _ = _parse_hocr(hocr)
                text = " ".join(w.text for w in words)
                if any(ch.isalpha() for ch in text):
                    out.append(text)
        finally:
            with _PDFIUM:
                pdf.close()
    return out


__all__ = ["Emblem", "candidates", "read_emblems"]
