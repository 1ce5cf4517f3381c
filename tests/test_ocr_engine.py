"""Tesseract in the reading process (:mod:`styrdata.extract.ocr.engine`): it reads what the
``tesseract`` program reads, loads a model once, and keeps the program's limits."""

from __future__ import annotations

import ctypes
import dataclasses
import os
import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from builders import _FONTS, scanned_pdf
from styrdata.extract import read_document
from styrdata.extract.ocr import engine, pages
from styrdata.extract.settings import OcrSettings, PdfSettings, ReaderSettings

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None or not engine.usable(shutil.which("tesseract") or ""),
    reason="Tesseract or its library is not installed",
)

PROGRAM = OcrSettings(in_process=False)


def _table_png(path, dpi=300):
    font = ImageFont.truetype(_FONTS["Regular"], 40)
    img = Image.new("L", (1400, 420), 255)
    d = ImageDraw.Draw(img)
    rows = [("Belopp i mnkr", "Budget 2024", "Utfall"), ("Intäkter", "1 072", "-4 128")]
    rows.append(("Kostnader för året", "-6,5 %", "−92"))
    for k, row in enumerate(rows):
        for col, text in enumerate(row):
            d.text((40 + 480 * col, 40 + 120 * k), text, font=font, fill=0)
    img.save(path, dpi=(dpi, dpi))
    return path


def _text(hocr: str) -> str:
    return " ".join(w.text for w in pages._parse_hocr(hocr)[0])


def _reading(hocr: str):
    words, lines = pages._parse_hocr(hocr)
    return [dataclasses.replace(w, conf=0) for w in words], lines, pages._text_angle(hocr)


@pytest.mark.parametrize(("language", "psm"), [("swe", 4), ("swe", 6), ("eng", 6), ("swe", 1)])
def test_the_library_reads_what_the_program_reads(tmp_path, language, psm):
    png = _table_png(tmp_path / "table.png")
    exe = pages.tesseract_binary(PROGRAM)
    program = pages._tesseract(exe, png, 1, language, psm, PROGRAM)
    library = pages._tesseract(exe, png, 1, language, psm, OcrSettings())
    assert "Intäkter" in _text(program) or language == "eng"
    # words, their characters' boxes, text lines and their sizes alike (confidences aside)
    assert _reading(library) == _reading(program)


@pytest.mark.parametrize("dpi", [287.3, 300, 1234.56])
def test_pixels_handed_over_read_as_the_png_file_the_program_reads(tmp_path, dpi):
    image = Image.open(_table_png(tmp_path / "table.png")).convert("L")
    exe = pages.tesseract_binary(PROGRAM)
    png = tmp_path / "written.png"  # written by the program's way only
    program = pages._tesseract(exe, png, 1, "swe", 4, PROGRAM, image, dpi)
    assert png.exists()
    other = tmp_path / "not-written.png"
    library = pages._tesseract(exe, other, 1, "swe", 4, OcrSettings(), image, dpi)
    assert not other.exists()
    assert _reading(library) == _reading(program)
    # the resolution Tesseract is told is the one Leptonica reads from the file
    lept = engine._libs[1]
    lept.pixGetXRes.argtypes, lept.pixGetXRes.restype = [ctypes.c_void_p], ctypes.c_int
    for value in (dpi, 71.9, 200.0, 599.99):
        image.save(png, dpi=(value, value))
        from_file = ctypes.c_void_p(lept.pixRead(str(png).encode()))
        handed = ctypes.c_void_p(engine._pix(image, value))
        assert lept.pixGetXRes(from_file) == lept.pixGetXRes(handed)
        for pix in (from_file, handed):
            lept.pixDestroy(ctypes.byref(pix))


def test_a_model_is_loaded_once_and_serves_reading_after_reading(tmp_path):
    png = _table_png(tmp_path / "table.png")
    first = engine.hocr(png, "swe", 6, 60)
    pool = list(engine._free["swe"])
    assert engine.hocr(png, "swe", 6, 60) == first
    assert engine.hocr(png, "swe", 4, 60) != first  # the mode is set for each reading
    assert engine._free["swe"] == pool  # the same engine, not a new one


def test_a_reading_over_its_time_fails_like_the_programs(tmp_path):
    png = _table_png(tmp_path / "table.png")
    exe = pages.tesseract_binary(PROGRAM)
    with pytest.raises(RuntimeError, match="tesseract timed out on page 3"):
        pages._tesseract(exe, png, 3, "swe", 4, OcrSettings(page_timeout=1e-6))
    with pytest.raises(RuntimeError, match="tesseract failed on page 3"):
        pages._tesseract(exe, tmp_path / "missing.png", 3, "swe", 4, OcrSettings())
    # the engine is not lost with the reading
    assert "Intäkter" in _text(engine.hocr(png, "swe", 4, 60))


def test_a_scan_reads_the_same_in_the_process_and_with_the_program(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf", pages=1)
    program = ReaderSettings(pdf=PdfSettings(ocr=PROGRAM))
    a, b = read_document(path), read_document(path, program)
    assert a.ocr_done and [x.text for x in a.blocks] == [x.text for x in b.blocks]
    assert [x.bbox for x in a.blocks] == [x.bbox for x in b.blocks]


def test_a_forked_process_makes_its_own_engines(tmp_path):
    png = _table_png(tmp_path / "table.png")
    engine.hocr(png, "swe", 6, 60)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports by its exit code
        code = 1
        try:
            code = (
                0 if not engine._free and "Belopp" in _text(engine.hocr(png, "swe", 6, 60)) else 2
            )
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert engine._free["swe"]  # the parent's are still there
