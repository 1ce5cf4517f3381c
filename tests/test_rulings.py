"""Deskew and ruling-line detection on page images drawn here."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from styrdata.extract.ocr.rulings import (
    binarize,
    columns_from_breaks,
    erase_vertical_rulings,
    find_rulings,
    otsu_threshold,
    skew_angle,
)
from styrdata.extract.settings import OcrSettings

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


def test_rulings_on_a_grey_fill_are_painted_in_the_fills_shade():
    im = Image.new("L", (1200, 1200), 200)  # a grey cell fill, not white paper
    _grid(im, 100, 100, [400, 400], [300, 300])
    lines = find_rulings(im, SCALE, S)
    out = np.asarray(erase_vertical_rulings(im, lines, SCALE))
    assert abs(int(out[400, 500:505].mean()) - 200) <= 2  # no white stripe left behind


def test_columns_from_horizontal_rules_broken_at_each_cell():
    # cell borders drawn cell by cell: each rule row is three segments with small breaks
    im = Image.new("L", (2000, 1200), 255)
    d = ImageDraw.Draw(im)
    cols = [(300, 1100), (1105, 1500), (1505, 1900)]
    for y in (300, 420, 540, 660):
        for a, b in cols:
            d.rectangle((a, y, b, y + 3), fill=0)
    lines = find_rulings(im, SCALE, S)
    assert not [ln for ln in lines if ln["x0"] == ln["x1"]]  # no vertical line drawn
    vertical = columns_from_breaks(lines)
    assert [round(ln["x0"] / SCALE) for ln in vertical] == pytest.approx(
        [300, 1102, 1502, 1900], abs=3
    )
    assert all(ln["top"] <= 302 * SCALE + 1 and ln["bottom"] >= 660 * SCALE for ln in vertical)
    # one rule row alone (a heading underline) makes no columns
    assert columns_from_breaks([ln for ln in lines if round(ln["top"] / SCALE) < 310]) == []


def test_binarize_turns_grey_fill_and_noise_white_and_ink_black():
    rng = np.random.default_rng(1)
    page = np.full((400, 400), 235, dtype=np.int16)  # a grey cell fill
    page[100:140, 100:300] = 25  # a stroke of ink
    page += rng.normal(0, 8, page.shape).astype(np.int16)
    im = Image.fromarray(page.clip(0, 255).astype(np.uint8), "L")
    out = np.asarray(binarize(im))
    assert set(np.unique(out)) == {0, 255}
    assert out[100:140, 100:300].max() == 0 and out[200:, :].min() == 255
    assert 25 < otsu_threshold(im) < 235
