"""Page and picture images made ready for Tesseract: the scale it reads best, which way up
the text stands, and ink told from paper.

* :func:`text_height` — how tall the text is in an image, in pixels: the most common
  height of the vertical strokes of its letters (stems of n, m, u, i, digits), measured
  on ink runs, so tilt, noise and the page's layout do not matter. Scans come at 150 to
  600 dpi and screenshots at screen resolution; Tesseract reads best when that height is
  :attr:`OcrSettings.target_text_height` pixels, so every image is resampled to it
  (:func:`resample`) before it is read, whatever its resolution.
* :func:`looks_like_text` — whether a picture can hold text at all: a screenshot, a table
  or a chart has a plain background that covers much of it; a photo has none. A photo is
  then not read at all, which is what keeps pictures without text cheap.
"""

from __future__ import annotations

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

    Measured on the ink (Otsu threshold): the most common length of ink runs is the stroke
    width; runs several strokes long are letter stems (vertical on an upright page,
    horizontal on one scanned sideways), and the most common of their lengths is the height
    of the text. A large image is measured on
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
    across, down = _runs(ink.T), _runs(ink)
    stroke = _mode(np.concatenate([across, down]), 1, 40)
    if stroke is None:
        return None
    # stems stand upright on an upright page, and lie across on a page scanned sideways:
    # the longer of the two is the text's height
    low = max(3, round(3.5 * stroke))
    stems = [m for m in (_mode(down, low, 250), _mode(across, low, 250)) if m is not None]
    return max(stems) * factor if stems else None


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


def looks_like_text(image: Image.Image, min_background: float) -> bool:
    """True when a plain background covers at least ``min_background`` of the picture (a
    screenshot, table, chart or scanned text); False for a photo, whose shades spread."""
    small = image.convert("L")
    small.thumbnail((300, 300))
    hist = np.bincount(np.asarray(small).ravel(), minlength=256)
    peak = int(np.argmax(hist))
    near = hist[max(0, peak - 12) : peak + 13].sum()
    return near >= min_background * hist.sum()
