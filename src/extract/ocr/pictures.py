"""Pictures on pages that have a text layer: tables pasted as screenshots, key figures
exported as images, charts with printed data labels.

A born-digital page is read from its text layer, which says nothing of what its pictures
show. Every picture large enough to hold text is read here with OCR, and its words are
placed on the page, so the reader lays them out into lines, paragraphs and tables like
the text layer's (:mod:`styrdata.extract.readers.pdf`):

1. :func:`candidates` — per page, from pdfplumber's image list (no decoding, so a page
   without pictures costs nothing): pictures at least :attr:`OcrSettings.picture_min_width`
   × :attr:`OcrSettings.picture_min_height` points whose area the text layer does not
   already cover (a scan with an OCR text layer, text set over a background image);
2. :func:`worth_reading` — across the document: the same image drawn on many pages is a
   logo or a background, and is skipped;
3. :func:`read_pictures` — each picture's pixels as stored in the PDF (or, when it is
   masked, turned or flipped, as PDFium draws it); a photo is set aside at once (its
   shades spread, :func:`styrdata.extract.ocr.prepare.looks_like_text`), and so is a
   picture without letter strokes; the rest has its ruling lines found as it is — also
   the faint grey grids of screenshots, and the outer edges of tables ruled only inside
   (:func:`styrdata.extract.ocr.rulings.faint_rulings`) —, is resampled to the text height
   Tesseract reads best and read like a scanned page
   (:func:`styrdata.extract.ocr.pages.read_image`: threshold, cells one by one, numbers
   again, status dots and tree glyphs dropped). Words are mapped into page points; words
   where the text layer already has text are dropped, and a picture whose reading holds
   fewer than :attr:`OcrSettings.picture_min_chars` letters and digits yields nothing.

Every character read from a picture carries ``picture`` (the picture's box on the page),
which the reader keeps as the blocks' provenance (``Block.source == "picture_ocr"``).
"""

from __future__ import annotations

import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image

from styrdata.extract.ocr.pages import (
    _PDFIUM,
    installed_languages,
    read_image,
    tesseract_binary,
)
from styrdata.extract.ocr.prepare import looks_like_text, resample, scale_factor, text_height
from styrdata.extract.ocr.rulings import faint_rulings, line
from styrdata.extract.settings import OcrSettings

BBox = tuple[float, float, float, float]


@dataclass
class Picture:
    """A picture on a page with a text layer: its box (PDF points, top-left origin), its
    image's identity and pixel size, and the boxes of text-layer characters inside it."""

    page: int
    bbox: BBox
    key: tuple
    pixels: tuple[int, int]
    page_size: tuple[float, float]
    text_boxes: list[BBox] = field(default_factory=list)
    masked: bool = False  # drawn through a mask (transparency): its stored pixels mislead


@dataclass
class PictureText:
    """What OCR read in one picture: characters and ruling lines in page points."""

    page: int
    bbox: BBox
    chars: list[dict]
    rulings: list[dict]
    dpi: float


def candidates(
    number: int,
    images: list[dict],
    chars: list[dict],
    page_size: tuple[float, float],
    s: OcrSettings,
) -> list[Picture]:
    """The pictures of one page (pdfplumber's ``page.images``) worth reading: large enough
    to hold text, and not already covered by the text layer (``chars``)."""
    out: list[Picture] = []
    for im in images:
        x0, top, x1, bottom = (float(im[k]) for k in ("x0", "top", "x1", "bottom"))
        x0, top = max(0.0, x0), max(0.0, top)
        x1, bottom = min(page_size[0], x1), min(page_size[1], bottom)
        if x1 - x0 < s.picture_min_width or bottom - top < s.picture_min_height:
            continue
        src = tuple(int(v) for v in (im.get("srcsize") or (0, 0)))
        if min(src) < 16:
            continue
        inside = [
            (c["x0"], c["top"], c["x1"], c["bottom"])
            for c in chars
            if not c["text"].isspace()
            and x0 <= (c["x0"] + c["x1"]) / 2 <= x1
            and top <= (c["top"] + c["bottom"]) / 2 <= bottom
        ]
        if len(inside) > s.picture_max_text_chars:
            continue  # the text layer already says what the picture shows
        if "key" in im:  # PDFium's reading
            key, masked = (im["key"], src), bool(im.get("masked"))
        else:  # pdfminer's: the image stream
            stream = im.get("stream")
            attrs = getattr(stream, "attrs", None) or {}
            key = (getattr(stream, "objid", None) or id(stream), src)
            masked = "SMask" in attrs or "Mask" in attrs or bool(im.get("imagemask"))
        out.append(Picture(number, (x0, top, x1, bottom), key, src, page_size, inside, masked))
    return out


def worth_reading(pictures: list[Picture], pages: int) -> list[Picture]:
    """The pictures that are not decoration: an image drawn on three pages or more (and on
    at least a fifth of them) is a logo, a running banner or a background."""
    on_pages = Counter()
    for key in {(p.key, p.page) for p in pictures}:
        on_pages[key[0]] += 1
    limit = max(3, pages / 5)
    return [p for p in pictures if on_pages[p.key] < limit]


def _render(pdf, pic: Picture) -> Image.Image:
    """The picture, grey, at its own resolution, as drawn (mask, turn and flip applied).
    The image object PDFium finds at the picture's place gives its pixels as they are;
    failing that, the picture's area of the page is rendered at that resolution."""
    left, top, right, bottom = pic.bbox
    page_w, page_h = pic.page_size
    with _PDFIUM:
        page = pdf[pic.page - 1]
        try:
            for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
                x0, y0, x1, y1 = obj.get_bounds()
                near = (x0 - left, (page_h - y1) - top, x1 - right, (page_h - y0) - bottom)
                if not all(abs(d) <= 2.0 for d in near):
                    continue
                a, b, c, d, _, _ = obj.get_matrix().get()
                # placed upright and not masked: its pixels exactly as stored (drawing
                # it would resample them and blur its thin grid lines)
                plain = a > 0 and d > 0 and abs(b) < 1e-3 and abs(c) < 1e-3 and not pic.masked
                try:
                    return obj.get_bitmap(render=not plain).to_pil().convert("L")
                except Exception:  # noqa: BLE001 - an image PDFium cannot draw on its own
                    break
            dpi = max(pic.pixels[0] / (right - left), pic.pixels[1] / (bottom - top)) * 72
            dpi = min(600.0, max(72.0, dpi))
            crop = (left, page_h - bottom, page_w - right, top)
            bitmap = page.render(scale=dpi / 72, crop=crop, grayscale=True, draw_annots=False)
            return bitmap.to_pil().convert("L")
        finally:
            page.close()


def _overlaps(c: dict, boxes: list[BBox]) -> bool:
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return any(x0 - 1 <= cx <= x1 + 1 and t - 1 <= cy <= b + 1 for x0, t, x1, b in boxes)


def _read_picture(
    exe: str, pdf, pic: Picture, folder: Path, k: int, s: OcrSettings, number_model: bool
) -> PictureText | None:
    image = _render(pdf, pic)
    if not looks_like_text(image, s.picture_min_background):
        return None
    height = text_height(image)
    if height is None:
        return None  # no letter strokes to speak of
    # points per pixel of the picture as placed (a picture may be stretched unevenly)
    sx = (pic.bbox[2] - pic.bbox[0]) / image.width
    sy = (pic.bbox[3] - pic.bbox[1]) / image.height
    px = (sx + sy) / 2
    # ruling lines in the picture's own pixels, where screenshots' faint grey grids are
    # crisp; the lengths of a line in pixels
    in_px = replace(
        s,
        ruling_min_length=s.ruling_min_length / px,
        ruling_max_thickness=s.ruling_max_thickness / px,
    )
    rulings = faint_rulings(image, 1.0, in_px, s.picture_ruling_contrast)
    factor = scale_factor(height, s.picture_text_height, 0.25, s.picture_max_upscale)
    image = resample(image, factor)
    png = folder / f"picture-{pic.page}-{k}.png"
    read = read_image(
        exe,
        image,
        png,
        pic.page,
        replace(in_px, reread_cells=s.picture_reread_cells),
        1 / factor,  # the reading comes back in the picture's own pixels
        s.picture_psm,
        number_model,
        rulings=rulings,
        drop_blobs=True,
        dpi=72 * factor / px,
    )
    x0, top = pic.bbox[0], pic.bbox[1]
    chars = []
    for c in read.chars:
        moved = {
            **c,
            "x0": x0 + c["x0"] * sx,
            "x1": x0 + c["x1"] * sx,
            "top": top + c["top"] * sy,
            "bottom": top + c["bottom"] * sy,
            "size": c["size"] * sy,
            "ocr_size": c["ocr_size"] * sy,
            "ocr_par": ("picture", pic.page, k, *(c.get("ocr_par") or ())),
            "picture": pic.bbox,
        }
        if not _overlaps(moved, pic.text_boxes):
            chars.append(moved)
    if sum(1 for c in chars if c["text"].isalnum()) < s.picture_min_chars:
        return None
    rulings = [
        line(x0 + ln["x0"] * sx, x0 + ln["x1"] * sx, top + ln["top"] * sy, top + ln["bottom"] * sy)
        for ln in read.rulings
    ]
    return PictureText(pic.page, pic.bbox, chars, rulings, 72 * factor / px)


def read_pictures(pdf_path: str, pictures: list[Picture], s: OcrSettings) -> list[PictureText]:
    """What OCR reads in the given pictures (those that hold text), in parallel; raises
    :class:`styrdata.extract.ocr.pages.OcrUnavailable` without Tesseract."""
    if not pictures:
        return []
    exe = tesseract_binary(s)
    number_model = bool(s.number_language) and s.number_language in installed_languages(exe)
    with tempfile.TemporaryDirectory() as tmp:
        with _PDFIUM:
            pdf = pdfium.PdfDocument(pdf_path)
        try:
            with ThreadPoolExecutor(max_workers=max(1, s.workers)) as pool:
                futures = [
                    pool.submit(_read_picture, exe, pdf, pic, Path(tmp), k, s, number_model)
                    for k, pic in enumerate(pictures)
                ]
                found = [f.result() for f in futures]
        finally:
            with _PDFIUM:
                pdf.close()
    return [f for f in found if f is not None]
