"""OCR for PDF pages without a usable text layer: Tesseract with its Swedish model.

A scanned page is rendered with pypdfium2 at the resolution of its image (150 to 600 dpi,
grey or colour), resampled so its text is as tall as Tesseract reads best
(:mod:`styrdata.extract.ocr.prepare`), turned upright when it was scanned sideways or upside
down (Tesseract's orientation detection), straightened (the last few degrees of tilt,
:mod:`styrdata.extract.ocr.rulings`), its table ruling lines found, and Tesseract reads it.
Every recognised word becomes character records shaped like pdfplumber's ``page.chars``
(in PDF points), so the reader's line, heading and table logic treats a scanned page like
a born-digital one, and the ruling lines go to pdfplumber's table finder. Pages are OCR'd
in parallel (Tesseract runs as a subprocess per page), each rendered only when a reader
thread is free to read it, so no more than :attr:`OcrSettings.workers` page images exist at
a time, and each is deleted once read. Tesseract runs in the reading process through its
library, each model loaded once per process (:mod:`styrdata.extract.ocr.engine`); where
that library is not the program's (or :attr:`OcrSettings.in_process` is off) the program
runs per image, in a process group of its own, killed on a timeout, on an error and when
the reading process dies (:mod:`styrdata.extract.processes`).

:func:`read_image` is the reading itself, for any image: a page, or a picture on a page
that has a text layer (:mod:`styrdata.extract.ocr.pictures`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image

from styrdata.extract import processes
from styrdata.extract.ocr import engine
from styrdata.extract.ocr.cells import cell_boxes, merge_cells, stack_cells
from styrdata.extract.ocr.marks import blobs, lost_minus
from styrdata.extract.ocr.numbers import Word, merge, repair, segments, split_gaps, split_run
from styrdata.extract.ocr.prepare import denoise, resample, scale_factor, text_height
from styrdata.extract.ocr.rulings import (
    binarize,
    dark_pixels,
    deskew,
    erase_vertical_rulings,
    faint_rulings,
    find_rulings,
)
from styrdata.extract.ocr.stack import stack, unstack
from styrdata.extract.settings import OcrSettings

#: the font name of characters read with OCR
OCR_FONT = "OCR"

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
    #: The model that read the page's numbers a second time ("" when none did).
    number_language: str = ""
    #: Degrees the page image was turned (counter-clockwise) to stand upright: 90 or 270
    #: for a sheet scanned sideways, 180 upside down. The characters are in points of the
    #: upright page, whose size is ``size``.
    turn: int = 0
    size: tuple[float, float] | None = None
    #: The resolution Tesseract read the page at, after resampling.
    dpi: float = 0.0
    #: The angle most text lines stood at in the image read (hOCR ``textangle``).
    text_angle: int = 0


def installed_languages(exe: str) -> list[str]:
    try:
        out = processes.run([exe, "--list-langs"], timeout=30, text=True).stdout
    except subprocess.TimeoutExpired:
        return []
    return out.splitlines()[1:]  # the first line says where they live


def tesseract_binary(s: OcrSettings) -> str:
    """Path of a Tesseract that has the wanted language, or :class:`OcrUnavailable`."""
    exe = shutil.which(s.tesseract_cmd)
    if exe is None:
        raise OcrUnavailable(f"Tesseract not found: {INSTALL_HINT}")
    langs = installed_languages(exe)
    missing = [lang for lang in s.language.split("+") if lang not in langs]
    if missing:
        raise OcrUnavailable(f"Tesseract has no {'+'.join(missing)} model: {INSTALL_HINT}")
    return exe


_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}


class _Hocr(HTMLParser):
    """Tesseract hOCR (with ``hocr_char_boxes``) → words with their characters' boxes, and
    each text line's (top, height)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[Word] = []
        self.lines: dict[tuple, tuple[float, float]] = {}
        #: Tesseract's estimate of each text line's font size (hOCR ``x_size``), pixels.
        self.sizes: dict[tuple, float] = {}
        self._ids = {"ocr_carea": "", "ocr_par": ""}
        self._line: tuple = ()
        self._stack: list[str] = []
        self._word: dict | None = None
        self._char: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls, title = a.get("class") or "", a.get("title") or ""
        self._stack.append(cls)
        box = _BBOX.search(title)
        if cls in self._ids:
            self._ids[cls] = a.get("id") or ""
        elif cls in _LINE_CLASSES and box:
            self._line = (self._ids["ocr_carea"], self._ids["ocr_par"], a.get("id") or "")
            top, bottom = int(box[2]), int(box[4])
            self.lines[self._line] = (float(top), float(bottom - top))
            size = _XSIZE.search(title)
            if size:
                self.sizes[self._line] = float(size[1])
        elif cls == "ocrx_word" and box:
            conf = _WCONF.search(title)
            self._word = {
                "box": [int(v) for v in box.groups()],
                "conf": float(conf[1]) if conf else -1.0,
                "chars": [],
            }
        elif cls == "ocrx_cinfo" and self._word is not None:
            cbox = _XBOXES.search(title)
            self._char = [int(cbox[1]), int(cbox[3]), ""] if cbox else None

    def handle_data(self, data):
        if self._char is not None:
            self._char[2] += data

    def handle_endtag(self, tag):
        cls = self._stack.pop() if self._stack else ""
        if cls == "ocrx_cinfo" and self._word is not None and self._char is not None:
            self._word["chars"].append(tuple(self._char))
            self._char = None
        elif cls == "ocrx_word" and self._word is not None:
            w, self._word = self._word, None
            chars = tuple(c for c in w["chars"] if c[2].strip())
            text = "".join(c[2] for c in chars).strip()
            if text:
                x0, y0, x1, y1 = w["box"]
                size = self.sizes.get(self._line, 0.0)
                self.words.append(
                    Word(text, x0, y0, x1 - x0, y1 - y0, self._line, w["conf"], chars, size)
                )


_BBOX = re.compile(r"bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
_XBOXES = re.compile(r"x_bboxes (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
_WCONF = re.compile(r"x_wconf (-?[\d.]+)")
_XSIZE = re.compile(r"x_size ([\d.]+)")


def _parse_hocr(hocr: str) -> tuple[list[Word], dict[tuple, tuple[float, float]]]:
    """Tesseract hOCR → the words (pixels; split where their characters stand apart,
    :func:`styrdata.extract.ocr.numbers.split_gaps`) and each text line's (top, height)."""
    parser = _Hocr()
    parser.feed(hocr)
    parser.close()
    words = [part for w in parser.words for part in split_gaps(w)]
    return words, parser.lines


def _words_to_chars(
    words: list[Word], lines: dict[tuple, tuple[float, float]], scale: float
) -> list[dict]:
    """Words → character records. Words take their text line's top and bottom (a word's
    own box depends on its letters' ascenders), so a line stays one line."""
    # A line of body text without ascenders or descenders ("om en") has a low box: take
    # at least the page's median line height as its height, so size and gaps stay true.
    heights = sorted(h for _, h in lines.values())
    floor = heights[len(heights) // 2] if heights else 0.0
    chars: list[dict] = []
    for w in words:
        top, height = lines.get(w.line, (float(w.top), float(w.height)))
        left, width = w.left * scale, w.width * scale
        if height < floor:
            top, height = top - (floor - height) / 2, floor
        top, height = top * scale, height * scale
        size = max(0.8 * height, 1.0)  # a line box spans ascenders to descenders
        step = width / len(w.text)
        for k, ch in enumerate(w.text):
            chars.append(
                {
                    "text": ch,
                    "x0": left + k * step,
                    "x1": left + (k + 1) * step,
                    "top": top,
                    "bottom": top + height,
                    "size": size,
                    "fontname": OCR_FONT,
                    "upright": True,
                    "ocr_par": w.line[:2],
                    "ocr_size": w.size * scale,
                }
            )
    return chars


#: zlib level of the working PNG files (a rendered page, an image the program reads): they
#: live for one reading, and a scanned page's grain compresses slowly — at Pillow's
#: default (6) writing the Halland scan's 8 pages took 3.9 s of CPU, at 1 0.8 s; the
#: pixels are the same.
PNG_LEVEL = 1

_PDFIUM = threading.Lock()  # PDFium is not thread-safe: one call into it at a time
PDFIUM_LOCK = _PDFIUM  # for anyone else using PDFium in the same process


def native_dpi(page, default: float) -> float:
    """The resolution of the image that fills a scanned page (its pixels over its size on
    the page), or ``default`` when no image covers most of the page."""
    width, height = page.get_size()
    best = 0.0
    for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) < 0.5 * width * height:
            continue
        px_w, px_h = obj.get_px_size()
        # a sheet scanned sideways is placed turned: compare the longer sides
        best = max(best, max(px_w, px_h) / max(right - left, top - bottom) * 72)
    return best or default


def _render(pdf: pdfium.PdfDocument, p: int, s: OcrSettings, folder: Path) -> tuple[Path, float]:
    """A PNG file of one 1-based page, rendered grey at its scanned image's own resolution
    (at most ``s.max_dpi``; one rendering at a time: PDFium is not thread-safe), and that
    resolution."""
    with _PDFIUM:
        page = pdf[p - 1]
        try:
            dpi = min(s.max_dpi, max(72.0, native_dpi(page, s.dpi)))
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        finally:
            page.close()
    path = folder / f"page-{p}.png"
    image.save(path, dpi=(dpi, dpi), compress_level=PNG_LEVEL)
    return path, dpi


def _render_and_read(
    pdf: pdfium.PdfDocument, p: int, s: OcrSettings, exe: str, number_model: bool, folder: Path
) -> OcrPage:
    """Render one page, read it, and delete its images."""
    png, dpi = _render(pdf, p, s, folder)
    try:
        return _read_page(exe, png, p, dpi, s, number_model)
    finally:
        for f in folder.glob(f"{png.stem}*.png"):
            f.unlink(missing_ok=True)


def _read_page(
    exe: str, png: Path, page: int, dpi: float, s: OcrSettings, number_model: bool
) -> OcrPage:
    """One rendered page: resampled to the text height Tesseract reads best, turned upright
    when it stands sideways or upside down, then read (:func:`read_image`)."""
    with Image.open(png) as im:
        gray = im.convert("L")
    native = dpi
    if s.target_text_height:
        height = text_height(gray)
        factor = scale_factor(height, s.target_text_height, s.min_dpi / dpi, s.max_dpi / dpi)
        gray, dpi = resample(gray, factor), dpi * factor
    low, high = gray.getextrema()
    if low == high:
        # a page without ink (a blank page): Tesseract would read nothing on it, at the
        # cost of finding that out
        number = s.number_language if number_model else ""
        size = (gray.width * 72 / dpi, gray.height * 72 / dpi)
        return OcrPage(number_language=number, size=size, dpi=dpi)
    # a hairline rule of a low-resolution scan is only a light grey pixel wide
    faint = bool(s.ruling_contrast) and native < s.faint_rulings_below_dpi
    args = (exe, gray, png, page, s, 72 / dpi, s.psm, number_model)
    read = read_image(*args, turned=True, faint=faint)
    turn = (360 - read.text_angle) % 360
    if turn:
        # Tesseract's orientation detection (page segmentation mode 1) found the text
        # standing sideways or upside down: read the page again, turned upright
        gray = gray.rotate(turn, expand=True)
        args = (exe, gray, png, page, s, 72 / dpi, s.psm, number_model)
        read = read_image(*args, faint=faint)
    read.turn, read.dpi = turn, dpi
    read.size = (gray.width * 72 / dpi, gray.height * 72 / dpi)
    return read


def read_image(
    exe: str,
    gray: Image.Image,
    png: Path,
    page: int,
    s: OcrSettings,
    scale: float,
    psm: int,
    number_model: bool,
    *,
    rulings: list[dict] | None = None,
    drop_blobs: bool = False,
    dpi: float | None = None,
    turned: bool = False,
    faint: bool = False,
) -> OcrPage:
    """Read one grey image (``scale`` = PDF points per pixel): straighten it, find its
    ruling lines (unless given, in points) and OCR it without the vertical ones, read its table cells one by one
    (:mod:`styrdata.extract.ocr.cells`), then its numbers again
    (:mod:`styrdata.extract.ocr.numbers`). Characters and ruling lines are in points from
    the image's top left corner. ``png`` names the working files (in its folder); ``dpi``
    is the resolution Tesseract is told (by default 72 / ``scale``). With ``turned``, the
    reading stops after the first pass when most of the text stands sideways or upside
    down (``OcrPage.text_angle``): the caller turns the image and reads it again. With
    ``faint``, faint ruling lines count too (:func:`styrdata.extract.ocr.rulings.faint_rulings`).

    Marks Tesseract misreads are mended (:mod:`styrdata.extract.ocr.marks`): a filled disc
    or square read as a letter is a bullet "•" where a line starts with it, or, with
    ``drop_blobs`` (pictures: traffic-light dots, a tree's ▶ and ▲), dropped; a short minus
    sign it dropped is put back before its number."""
    dpi = dpi or 72 / scale  # the resolution Tesseract is told
    straight, angle = deskew(gray, s) if rulings is None else (gray, 0.0)
    if rulings is None and faint:
        rulings = faint_rulings(straight, scale, s, s.ruling_contrast, close=False)
    elif rulings is None:
        rulings = find_rulings(straight, scale, s)
    if angle or rulings:
        straight = erase_vertical_rulings(straight, rulings, scale)
    if s.denoise:
        straight = denoise(straight)
    if s.binarize:
        straight = binarize(straight)
    hocr = _tesseract(exe, png, page, s.language, psm, s, straight, dpi)
    text_angle = _text_angle(hocr)
    if turned and text_angle:
        return OcrPage(rulings=rulings, skew=angle, text_angle=text_angle)
    words, lines = _parse_hocr(hocr)
    words = [w for w in words if _inked(w, straight, s)]
    cells = cell_boxes(rulings, scale) if s.reread_cells else []
    stacked = stack_cells(straight, cells, s.ruling_threshold) if cells else None
    if stacked is not None:
        image, placed, gap, inked = stacked
        path = png.with_name(png.stem + "-cells.png")
        hocr = _tesseract(exe, path, page, s.language, 6, s, image, dpi)
        again, again_lines = _parse_hocr(hocr)
        again = [w for w in again if _inked(w, image, s)]
        moved, moved_lines = unstack(again, again_lines, placed, gap)
        words, _ = merge_cells(words, moved, inked)
        lines.update(moved_lines)
    words = repair(lost_minus(blobs(words, straight, drop_blobs), straight))
    boxes = segments(words) if number_model else []
    if boxes:
        image, placed, gap = stack(straight, boxes)
        cutouts = png.with_name(png.stem + "-numbers.png")
        hocr = _tesseract(exe, cutouts, page, s.number_language, 6, s, image, dpi)
        again, _ = _parse_hocr(hocr)
        again = [part for w in again for part in split_run(w)]
        words = merge(words, unstack(again, {}, placed, gap)[0])
    second = s.number_language if number_model else ""
    return OcrPage(_words_to_chars(words, lines, scale), rulings, angle, second)


_LINE_ANGLE = re.compile(r"class='ocr_(?:line|header|caption|textfloat)'[^>]*?title=\"([^\"]*)\"")
_TEXTANGLE = re.compile(r"textangle (\d+)")


def _text_angle(hocr: str) -> int:
    """The angle (90, 180, 270) most of the page's text lines stand at in Tesseract's
    reading (hOCR ``textangle``, from its orientation detection), 0 for upright."""
    angles = [int(m[1]) if m else 0 for m in map(_TEXTANGLE.search, _LINE_ANGLE.findall(hocr))]
    if not angles:
        return 0
    top = max(set(angles), key=angles.count)
    return top % 360 if angles.count(top) * 2 > len(angles) else 0


def _inked(w: Word, page: Image.Image, s: OcrSettings) -> bool:
    """False for a word of punctuation whose box holds no ink: Tesseract reads a wide blank
    between two table columns as a dash ("RLF — RVN") now and then."""
    if any(ch.isalnum() for ch in w.text):
        return True
    area = w.width * w.height
    box = (w.left, w.top, w.right, w.bottom)
    return area > 0 and dark_pixels(page, box, s.ruling_threshold) >= max(3, area // 50)


def _tesseract(
    exe: str,
    png: Path,
    page: int,
    language: str,
    psm: int,
    s: OcrSettings,
    image: Image.Image | None = None,
    dpi: float = 0.0,
) -> str:
    """Tesseract's hOCR of one image — the PNG file ``png``, or the grey ``image`` at ``dpi``
    (written to ``png`` when the program reads it) —: in this process through its library
    where that is the program's own (:mod:`styrdata.extract.ocr.engine`), else by running
    the program."""
    if s.in_process and engine.usable(exe):
        try:
            return engine.hocr(png, language, psm, s.page_timeout, image, dpi)
        except TimeoutError as e:
            raise RuntimeError(
                f"tesseract timed out on page {page} after {s.page_timeout:.0f} s"
            ) from e
        except RuntimeError as e:
            raise RuntimeError(f"tesseract failed on page {page}: {e}") from e
    if image is not None:
        image.save(png, dpi=(dpi, dpi), compress_level=PNG_LEVEL)
    try:
        out = processes.run(
            [exe, str(png), "stdout", "-l", language, "--psm", str(psm)]
            + ["-c", "hocr_char_boxes=1", "hocr"],
            timeout=s.page_timeout,
            text=True,
            # one thread per Tesseract: pages run in parallel instead, without contention
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired as e:
        raise RuntimeError(
            f"tesseract timed out on page {page} after {s.page_timeout:.0f} s"
        ) from e
    if out.returncode != 0:
        raise RuntimeError(f"tesseract failed on page {page}: {out.stderr.strip()[:200]}")
    return out.stdout


def ocr_pages(pdf_path: str, pages: list[int], s: OcrSettings) -> dict[int, OcrPage]:
    """What OCR reads on the given 1-based pages: each rendered when a reader thread is free
    to read it (never all first), read in parallel."""
    exe = tesseract_binary(s)
    number_model = bool(s.number_language) and s.number_language in installed_languages(exe)
    with tempfile.TemporaryDirectory(prefix="styrdata-ocr-") as tmp:
        with _PDFIUM:
            pdf = pdfium.PdfDocument(pdf_path)
        try:
            with ThreadPoolExecutor(max_workers=max(1, s.workers)) as pool:
                futures = {
                    p: pool.submit(_render_and_read, pdf, p, s, exe, number_model, Path(tmp))
                    for p in pages
                }
                try:
                    return {p: f.result() for p, f in futures.items()}
                except BaseException:
                    for f in futures.values():
                        f.cancel()  # pages not started yet are never rendered
                    raise
        finally:
            with _PDFIUM:
                pdf.close()
