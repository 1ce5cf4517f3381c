"""Deskew and ruling-line detection on page images drawn here."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extract.rulings import erase_vertical_rulings, find_rulings, skew_angle
from extract.settings import OcrSettings

S = OcrSettings()
SCALE = 72 / 300  # points per pixel at 300 dpi


def _text_page(width: int = 2480, height: int = 3508) -> Image.Image:
    """Rows of word-like blocks, as body text looks from afar."""
    im = Image.new("L", (width, height), 255)
    d = ImageDraw.Draw(im)
    rng = np.random.default_rng(3)
    for y in range(300, height - 300, 60):
        x = 250
        while x < width - 400:
            w = int(rng.integers(60, 220))
            d.rectangle((x, y, x + w, y + 28), fill=30)
            x += w + 35
    return im


@pytest.mark.parametrize("tilt", [-2.0, -0.8, 0.0, 1.2, 3.0])
def test_skew_angle_undoes_a_tilt(tilt):
    page = _text_page().rotate(tilt, resample=Image.BICUBIC, fillcolor=255)
    assert skew_angle(page, S) == pytest.approx(-tilt, abs=0.15)


def test_blank_page_is_not_turned():
    assert skew_angle(Image.new("L", (1000, 1400), 255), S) == 0.0


def _grid(im: Image.Image, x0: int, y0: int, cols: list[int], rows: list[int]) -> None:
    d = ImageDraw.Draw(im)
    xs = [x0 + sum(cols[:k]) for k in range(len(cols) + 1)]
    ys = [y0 + sum(rows[:k]) for k in range(len(rows) + 1)]
    for y in ys:
        d.rectangle((xs[0], y, xs[-1], y + 3), fill=0)
    for x in xs:
        d.rectangle((x, ys[0], x + 3, ys[-1]), fill=0)


def test_rulings_of_a_grid_in_points():
    im = Image.new("L", (2480, 3508), 255)
    _grid(im, 400, 600, [800, 400, 400], [100, 100, 100])
    d = ImageDraw.Draw(im)
    d.text((450, 640), "Summa 2 380", fill=0)  # text is never a ruling
    d.rectangle((400, 2000, 1600, 2200), fill=0)  # a filled area is not a line either
    lines = find_rulings(im, SCALE, S)
    horizontal = sorted(round(ln["top"]) for ln in lines if ln["top"] == ln["bottom"])
    vertical = sorted(round(ln["x0"]) for ln in lines if ln["x0"] == ln["x1"])
    assert horizontal == [round((600 + k * 100 + 2) * SCALE) for k in range(4)]
    assert vertical == [round((x + 2) * SCALE) for x in (400, 1200, 1600, 2000)]
    h = next(ln for ln in lines if ln["top"] == ln["bottom"])
    assert h["x1"] - h["x0"] == pytest.approx(1604 * SCALE, abs=1)


def test_vertical_rulings_are_painted_out_for_ocr():
    im = Image.new("L", (1200, 1200), 255)
    _grid(im, 100, 100, [400, 400], [300, 300])
    lines = find_rulings(im, SCALE, S)
    out = np.asarray(erase_vertical_rulings(im, lines, SCALE))
    assert out[400, 100:105].min() == 255  # the left border is gone
    assert out[100:104, 300].max() == 0  # the top rule stays
