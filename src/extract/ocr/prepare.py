"""Page and picture images made ready for Tesseract: the scale it reads best, which way up
the text stands, and ink told from paper.

* :func:`text_height` — how tall the text is in an image, in pixels: the most common
  height of the vertical strokes of its letters (stems of n, m, u, i, digits), measured
  on ink runs, so tilt, noise and the page's layout do not matter. Scans come at 150 to
  600 dpi and screenshots at screen resolution; Tesseract reads best when that height is
  :attr:`OcrSettings.target_text_height` pixels, so every image is resampled to it
  (:func:`resample`) before it is read, whatever its resolution.
* :func:`quarter_turn` — whether the text stands sideways or upside down (a sheet fed
  sideways): Tesseract's orientation detection (``--psm 0``, the ``osd`` model) on a
  reduced copy of the image, believed only when it is confident.
* :func:`looks_like_text` — whether a picture can hold text at all: a screenshot, a table
  or a chart has a plain background that covers much of it; a photo has none. A photo is
  then not read at all, which is what keeps pictures without text cheap.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from styrdata.extract.ocr.rulings import otsu_threshold


def _runs(mask: np.ndarray) -> np.ndarray:
    """Lengths of the runs of True along axis 0 of ``mask`` (all columns together)."""
    padded = np.zeros((mask.shape[0] + 2, mask.shape[1]), dtype=np.int8)
    padded[1:-1] = mask
    diff = np.diff(padded, axis=0)
    # starts and ends in column-major order, so they pair up column by column
    starts = np.flatnonzero(diff.T.ravel() == 1)
    ends = np.flatnonzero(diff.T.ravel() == -1)
    return ends - starts


def _mode(lengths: np.ndarray, low: int, high: int) -> float | None:
    """The most common length in [low, high], smoothed over neighbouring lengths."""
    lengths = lengths[(lengths >= low) & (lengths <= high)]
    if lengths.size < 50:
        return None
    hist = np.bincount(lengths, minlength=high + 2).astype(np.float64)
    smooth = np.convolve(hist, [1, 2, 3, 2, 1], mode="same")
    return float(np.argmax(smooth[low : high + 1]) + low)


def text_height(gray: Image.Image, max_side: int = 2400) -> float | None:
    """The text's stem height in pixels of ``gray`` (about its x-height; digits and
    capitals are taller), or None when the image shows too little text to tell.

    Measured on the ink (Otsu threshold): the most common width of horizontal ink runs
    is the stroke width; vertical ink runs several strokes long are letter stems, and the
    most common of their lengths is the height of the text. A large image is measured on
    a reduced copy (at most ``max_side`` pixels) and the result scaled back."""
    factor = 1.0
    if max(gray.size) > max_side:
        factor = max(gray.size) / max_side
        gray = gray.resize(
            (round(gray.width / factor), round(gray.height / factor)), Image.BILINEAR
        )
    a = np.asarray(gray)
    ink = a < otsu_threshold(gray)
    if ink.mean() > 0.5:  # light text on a dark ground
        ink = ~ink
    stroke = _mode(_runs(ink.T), 1, 40)
    if stroke is None:
        return None
    stems = _mode(_runs(ink), max(3, round(2.5 * stroke)), 250)
    return stems * factor if stems is not None else None


def resample(gray: Image.Image, factor: float) -> Image.Image:
    """The image scaled by ``factor`` (Lanczos: letters keep their edges when enlarged)."""
    if abs(factor - 1.0) < 0.05:
        return gray
    size = (max(1, round(gray.width * factor)), max(1, round(gray.height * factor)))
    return gray.resize(size, Image.LANCZOS)


def scale_factor(height: float | None, target: float, low: float, high: float) -> float:
    """How much to scale an image whose text is ``height`` pixels tall so that it becomes
    ``target`` pixels tall, within [low, high]; 1 when the height is unknown."""
    if not height:
        return 1.0
    return min(high, max(low, target / height))


def denoise(gray: Image.Image) -> Image.Image:
    """Scanner noise and JPEG speckle smoothed away before the page is thresholded: a
    3×3 median keeps edges and thin strokes (a minus sign, a decimal comma) that a blur
    would fade."""
    return gray.filter(ImageFilter.MedianFilter(3))


_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")


def quarter_turn(
    exe: str, gray: Image.Image, path: Path, min_confidence: float, timeout: float
) -> tuple[int, float]:
    """Degrees (0, 90, 180, 270) to turn the image counter-clockwise so its text stands
    upright, and Tesseract's confidence in it; (0, 0.0) when it cannot tell (too little
    text, no ``osd`` model) or is not confident (below ``min_confidence``)."""
    gray.save(path)
    out = subprocess.run(
        [exe, str(path), "stdout", "--psm", "0"],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    turn, conf = _ROTATE.search(out.stdout), _CONFIDENCE.search(out.stdout)
    if out.returncode != 0 or not turn or not conf:
        return 0, 0.0
    degrees, confidence = int(turn[1]) % 360, float(conf[1])
    if degrees not in (90, 180, 270) or confidence < min_confidence:
        return 0, confidence
    # Tesseract says how far to rotate clockwise; PIL turns counter-clockwise
    return (360 - degrees) % 360, confidence


def looks_like_text(image: Image.Image, min_background: float) -> bool:
    """True when a plain background covers at least ``min_background`` of the picture (a
    screenshot, table, chart or scanned text); False for a photo, whose shades spread."""
    small = image.convert("L")
    small.thumbnail((300, 300))
    hist = np.bincount(np.asarray(small).ravel(), minlength=256)
    peak = int(np.argmax(hist))
    near = hist[max(0, peak - 12) : peak + 13].sum()
    return near >= min_background * hist.sum()
