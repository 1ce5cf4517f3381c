"""Tesseract in the reading process, through its library: each model loaded once per process
instead of once per image.

The ``tesseract`` program loads its language model every time it starts — 0.08 s of CPU for
``swe`` or ``eng``, twice that when page segmentation mode 1 loads the orientation model
(``osd``) too — and a document with pictures or scanned pages starts it two or three times
per picture or page (the reading, the table cells, the numbers; :mod:`styrdata.extract.ocr.pages`).
Here libtesseract, the library the program is built on, is called through its C API (ctypes):
an engine loaded for a language reads image after image, for as long as the process lives
(a reader process reads document after document). Measured on ``../shared/corpus/real``:
33 readings, 2.6 s less Tesseract CPU of 22.6 s; on the 8-page Halland scan 1.7 s of 19.4.

The reading is the program's reading, so nothing read changes: the same library (used only
when it reports the version the program does), the same ``hocr`` configuration and
``hocr_char_boxes``, the same page segmentation mode, the image read from the same PNG file
by Leptonica (its pixels and its resolution), recognised by the same call and turned into
hOCR by the same function the program's hOCR renderer calls (compared word for word, box
for box on every picture and page of the real documents and the scan).

What the program's process gave for free is kept: one Tesseract thread per engine
(``OMP_THREAD_LIMIT=1`` while the library is loaded: pages and pictures run in parallel
instead); an engine is used by one thread at a time (engines are pooled per language, one
more made when all are busy); a reading over :attr:`OcrSettings.page_timeout` stops (the
library's deadline, checked between words; the reader process's own time limit covers the
rest) and raises :class:`TimeoutError`; Tesseract's and Leptonica's messages go nowhere
(the program's stderr was captured). A process forked while engines exist makes its own.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

from styrdata.extract import processes

_c = ctypes.c_void_p
_s = ctypes.c_char_p

#: C API functions used: (name, argument types, result type)
_TESS = [
    ("TessVersion", [], _s),
    ("TessBaseAPICreate", [], _c),
    (
        "TessBaseAPIInit4",
        [_c, _s, _s, ctypes.c_int, ctypes.POINTER(_s), ctypes.c_int]
        + [ctypes.POINTER(_s), ctypes.POINTER(_s), ctypes.c_size_t, ctypes.c_int],
        ctypes.c_int,
    ),
    ("TessBaseAPISetPageSegMode", [_c, ctypes.c_int], None),
    ("TessBaseAPISetInputName", [_c, _s], None),
    ("TessBaseAPISetImage2", [_c, _c], None),
    ("TessBaseAPIRecognize", [_c, _c], ctypes.c_int),
    ("TessBaseAPIGetHOCRText", [_c, ctypes.c_int], _c),
    ("TessBaseAPIClear", [_c], None),
    ("TessDeleteText", [_c], None),
    ("TessMonitorCreate", [], _c),
    ("TessMonitorSetDeadlineMSecs", [_c, ctypes.c_int], None),
    ("TessMonitorDelete", [_c], None),
]
_LEPT = [
    ("pixRead", [_s], _c),
    ("pixCreate", [ctypes.c_int, ctypes.c_int, ctypes.c_int], _c),
    ("pixGetData", [_c], _c),
    ("pixGetWpl", [_c], ctypes.c_int),
    ("pixSetResolution", [_c, ctypes.c_int, ctypes.c_int], ctypes.c_int),
    ("pixSetInputFormat", [_c, ctypes.c_int], ctypes.c_int),
    ("pixDestroy", [ctypes.POINTER(_c)], None),
    ("setMsgSeverity", [ctypes.c_int], ctypes.c_int),
]
_L_SEVERITY_NONE = 6
_IFF_PNG = 3  # Leptonica's format number for PNG

_load_lock = threading.Lock()
_libs: tuple | None = None
_load_error = ""
#: executable path → whether its version is the library's (asked once per process)
_same_version: dict[str, bool] = {}


def _load() -> tuple | None:
    """libtesseract and Leptonica with their functions typed, or None (why: ``_load_error``)."""
    global _libs, _load_error
    with _load_lock:
        if _libs is not None or _load_error:
            return _libs
        names = ("libtesseract.so.5", ctypes.util.find_library("tesseract"))
        # OpenMP reads its thread limit once, when it is loaded with the library
        before = os.environ.get("OMP_THREAD_LIMIT")
        os.environ["OMP_THREAD_LIMIT"] = "1"
        try:
            tess = _open([n for n in names if n])
            lept = _open(["liblept.so.5", "libleptonica.so.6", ctypes.util.find_library("lept")])
            for lib, table in ((tess, _TESS), (lept, _LEPT)):
                for name, args, res in table:
                    f = getattr(lib, name)
                    f.argtypes, f.restype = args, res
        except (OSError, AttributeError) as e:
            _load_error = str(e) or type(e).__name__
            return None
        finally:
            if before is None:
                os.environ.pop("OMP_THREAD_LIMIT", None)
            else:
                os.environ["OMP_THREAD_LIMIT"] = before
        lept.setMsgSeverity(_L_SEVERITY_NONE)
        _libs = (tess, lept)
        return _libs


def _open(names: list[str | None]) -> ctypes.CDLL:
    error: OSError | None = None
    for name in names:
        if not name:
            continue
        try:
            return ctypes.CDLL(name)
        except OSError as e:
            error = e
    raise error or OSError("library not found")


def _program_version(exe: str) -> str:
    try:
        out = processes.run([exe, "--version"], timeout=30, text=True)
    except subprocess.TimeoutExpired:
        return ""
    first = (out.stdout or out.stderr or "").splitlines()
    return first[0].split()[-1] if first and first[0].startswith("tesseract ") else ""


def usable(exe: str) -> bool:
    """Whether the library loads and is the version of the ``exe`` program (so it reads
    what the program would)."""
    libs = _load()
    if libs is None:
        return False
    if exe not in _same_version:
        version = libs[0].TessVersion().decode()
        _same_version[exe] = bool(version) and _program_version(exe) == version
    return _same_version[exe]


class _Engine:
    """One TessBaseAPI with one language loaded, as the program sets it up."""

    def __init__(self, language: str) -> None:
        tess = _libs[0]
        self.handle = tess.TessBaseAPICreate()
        configs = (_s * 1)(b"hocr")  # the program's "hocr" output configuration
        names = (_s * 2)(b"hocr_char_boxes", b"debug_file")
        values = (_s * 2)(b"1", os.devnull.encode())
        # oem 3: the default, what the program uses unless told otherwise
        if tess.TessBaseAPIInit4(self.handle, None, language.encode(), 3, configs, 1,
                                 names, values, 2, 0) != 0:  # fmt: skip
            raise RuntimeError(f"tesseract could not load its {language} model")

    def hocr(self, png: Path, psm: int, timeout: float, image=None, dpi: float = 0.0) -> str:
        tess, lept = _libs
        pix = _c(lept.pixRead(str(png).encode()) if image is None else _pix(image, dpi))
        if not pix:
            raise RuntimeError(f"tesseract could not read {png.name}")
        monitor = tess.TessMonitorCreate()
        try:
            tess.TessBaseAPISetPageSegMode(self.handle, psm)
            tess.TessBaseAPISetInputName(self.handle, str(png).encode())
            tess.TessBaseAPISetImage2(self.handle, pix)
            start = time.monotonic()
            tess.TessMonitorSetDeadlineMSecs(monitor, max(1, int(timeout * 1000)))
            failed = tess.TessBaseAPIRecognize(self.handle, monitor) < 0
            if time.monotonic() - start > timeout:
                raise TimeoutError
            if failed:
                raise RuntimeError("recognition failed")
            text = tess.TessBaseAPIGetHOCRText(self.handle, 0)
            if not text:
                raise RuntimeError("no hOCR")
            try:
                return ctypes.string_at(text).decode("utf-8", "replace")
            finally:
                tess.TessDeleteText(text)
        finally:
            tess.TessBaseAPIClear(self.handle)
            tess.TessMonitorDelete(monitor)
            lept.pixDestroy(ctypes.byref(pix))


def _pix(image, dpi: float) -> int:
    """A Leptonica image of a grey PIL image, as Leptonica reads it from the PNG file
    ``image.save(png, dpi=(dpi, dpi))`` writes — the same pixels (8 bits, rows padded to
    whole 32-bit words with zeros, each word's bytes in Leptonica's order), the resolution
    that file carries (pixels per metre, rounded, back to whole pixels per inch) and its
    format — without compressing and decompressing it (0.06 s per 10 megapixels)."""
    if image.mode != "L":
        raise ValueError(f"a grey image is read, not {image.mode}")
    lept = _libs[1]
    width, height = image.size
    pix = lept.pixCreate(width, height, 8)  # zeroed
    if not pix:
        return pix
    wpl = lept.pixGetWpl(pix)
    rows = np.zeros((height, wpl * 4), np.uint8)
    rows[:, :width] = np.asarray(image)
    # Leptonica keeps pixel n of a 32-bit word at its byte n ^ 3 on little-endian machines
    data = rows.view(np.uint32).byteswap() if sys.byteorder == "little" else rows
    ctypes.memmove(lept.pixGetData(pix), data.ctypes.data, data.nbytes)
    if dpi:
        res = int(int(dpi / 0.0254 + 0.5) / 39.37 + 0.5)
        lept.pixSetResolution(pix, res, res)
    lept.pixSetInputFormat(pix, _IFF_PNG)
    return pix


_pool_lock = threading.Lock()
_free: dict[str, list[_Engine]] = {}


def _forget_engines() -> None:
    # in a forked child: the parent's engines may be half-way through a reading in a thread
    # that does not exist here; leave them, and the lock, behind
    global _pool_lock, _free
    _pool_lock, _free = threading.Lock(), {}


os.register_at_fork(after_in_child=_forget_engines)


def hocr(png: Path, language: str, psm: int, timeout: float, image=None, dpi: float = 0.0) -> str:
    """Tesseract's hOCR of a PNG file, as ``tesseract PNG stdout -l LANGUAGE --psm PSM -c
    hocr_char_boxes=1 hocr`` prints it — or of a grey PIL ``image`` as that would print it
    for the file ``image.save(png, dpi=(dpi, dpi))`` writes, without writing it;
    :class:`TimeoutError` after ``timeout`` seconds. Call :func:`usable` first."""
    with _pool_lock:
        free = _free.setdefault(language, [])
        engine = free.pop() if free else None
    if engine is None:
        engine = _Engine(language)
    try:
        return engine.hocr(png, psm, timeout, image, dpi)
    finally:
        with _pool_lock:
            _free.setdefault(language, []).append(engine)
