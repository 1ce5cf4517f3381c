"""Marks on a page that Tesseract misreads or drops, mended from the image itself.

* Filled shapes — bullets, the coloured status dots of a reporting tool, the ▶ and ▲ of
  its tree — come out as letters or digits ("e", "o", ".", "0", "4", "»"). A shape that
  is solid and convex (every row and column of its ink one unbroken run, most of its box
  inked) is no letter: on a page, where a line starts with one and text follows, it is a
  bullet "•"; in a picture every one is dropped (:func:`blobs`).
* A short minus sign, as narrow fonts print it (a dash a third as wide as a digit), is
  dropped or read as a dot now and then: "-1 193" comes back as "1 193". When the image
  holds, just before a number, a lone short bar at the height of a minus and nothing else,
  the number gets its minus back (:func:`lost_minus`).
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
from PIL import Image

from styrdata.extract.ocr.numbers import Word


def _ink(gray: Image.Image, box: tuple[int, int, int, int], threshold: int) -> np.ndarray:
    return np.asarray(gray.crop(box)) < threshold


def _one_run(mask: np.ndarray) -> bool:
    """The rows of ``mask`` hold their ink in one unbroken run (or none), but for a tenth
    of them at most (a ragged edge where the shape was thresholded)."""
    starts = np.diff(np.pad(mask.astype(np.int8), ((0, 0), (1, 0))), axis=1) == 1
    return bool((starts.sum(axis=1) > 1).mean() <= 0.1)


def solid(
    gray: Image.Image, box: tuple[int, int, int, int], threshold: int = 128, fill: float = 0.45
) -> bool:
    """True when ``box`` holds a filled shape, not a character: about as wide as tall,
    convex (each row and column of ink one run: no hole, no second stroke), and mostly
    ink (at least ``fill`` of its box) — a disc covers π/4 of its box, a triangle half;
    "o", "e", "0" or "4" have holes or crossing strokes."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    if width < 3 or height < 3 or not 0.5 <= width / height <= 2.0:
        return False  # (a dash is a bar, wider than tall)
    ink = _ink(gray, box, threshold)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size < 3 or cols.size < 3:
        return False
    ink = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]  # the shape's own box
    if not 0.5 <= ink.shape[1] / ink.shape[0] <= 1.6:
        return False
    return float(ink.mean()) >= fill and _one_run(ink) and _one_run(ink.T)


_DASHES = set("-–—−_=~")


def blobs(words: list[Word], page: Image.Image, drop: bool) -> list[Word]:
    """Filled shapes Tesseract read as characters. With ``drop`` (a picture: status dots,
    the ▶ and ▲ of a tree, icons) every one is dropped; otherwise one that starts a line
    with text after it is a bullet "•", and the rest stay as read."""
    first: dict[tuple, Word] = {}
    for w in words:
        if w.line not in first or w.left < first[w.line].left:
            first[w.line] = w
    out = []
    for w in words:
        # a digit is taken for a shape only when it is as full as a disc: a tiny "-1"
        # whose minus touches the one is convex too
        fill = 0.62 if any(ch.isdigit() for ch in w.text) else 0.45
        box = (w.left, w.top, w.right, w.bottom)
        if len(w.text) > 2 or set(w.text) & _DASHES or not solid(page, box, fill=fill):
            out.append(w)  # (a dash is a bar too, and may be a minus)
        elif drop:
            continue
        elif first.get(w.line) is w and any(
            v.line == w.line and v is not w and 0 <= v.left - w.right < 4 * w.height for v in words
        ):
            out.append(replace(w, text="•", chars=((w.left, w.right, "•"),)))
        else:
            out.append(w)
    return out


_UNSIGNED = re.compile(r"^\d[\d\u00a0 ,.]*%?$")


def lost_minus(words: list[Word], page: Image.Image, threshold: int = 128) -> list[Word]:
    """Numbers whose short minus sign the reading dropped, with it put back: the ink just
    left of the number (up to a digit height away) is one solid bar, flat, at mid height
    of the digits, shorter than a digit height, and no other word's."""
    out = []
    for w in words:
        h = w.height
        if not _UNSIGNED.match(w.text) or h < 6:
            out.append(w)
            continue
        left = max(0, w.left - h)
        box = (left, w.top, w.left, w.bottom)
        ink = _ink(page, box, threshold) if w.left - left >= 3 else np.zeros((0, 0), bool)
        rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
        taken = any(
            v is not w
            and v.right > left
            and v.left < w.left
            and v.bottom > w.top
            and v.top < w.bottom
            for v in words
        )
        if rows.size == 0 or taken:
            out.append(w)
            continue
        bar = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
        mid = (rows[0] + rows[-1] + 1) / 2 / h
        if (
            bar.shape[0] <= 0.22 * h
            and 0.12 * h <= bar.shape[1] <= 0.9 * h
            and bar.mean() >= 0.7
            and 0.3 <= mid <= 0.8
            and ink.shape[1] - cols[-1] <= 0.6 * h  # close to the digits
        ):
            x0 = left + int(cols[0])
            chars = ((x0, left + int(cols[-1]) + 1, "-"), *w.chars)
            w = replace(w, text="-" + w.text, left=x0, width=w.right - x0, chars=chars)
        out.append(w)
    return out
