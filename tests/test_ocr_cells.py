"""Table cells read one by one on OCR'd pages (styrdata.extract.ocr.cells)."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from builders import _FONTS
from styrdata.extract.ocr.cells import cell_boxes, merge_cells, stack_cells
from styrdata.extract.ocr.numbers import Word
from styrdata.extract.ocr.rulings import find_rulings
from styrdata.extract.ocr.stack import unstack
from styrdata.extract.settings import OcrSettings

S = OcrSettings()
SCALE = 72 / 300


def _table_page(fill: int = 255) -> tuple[Image.Image, list[tuple[int, int]]]:
    """A ruled 2 × 3 table at 300 dpi; returns the image and the cells' top-left pixels."""
    im = Image.new("L", (2000, 1000), 255)
    d = ImageDraw.Draw(im)
    xs, ys = [200, 1000, 1400, 1800], [200, 320, 440]
    d.rectangle((xs[0], ys[0], xs[-1], ys[-1]), fill=fill)
    for y in ys:
        d.rectangle((xs[0], y, xs[-1], y + 3), fill=0)
    for x in xs:
        d.rectangle((x, ys[0], x + 3, ys[-1]), fill=0)
    return im, [(x + 20, y + 30) for y in ys[:-1] for x in xs[:-1]]


def _word(text: str, left: int, top: int, line=("b", "p", "l")) -> Word:
    return Word(text, left, top, 20 * len(text), 30, line, 90.0)


def test_cells_of_a_ruled_table_in_pixels():
    im, corners = _table_page()
    boxes = sorted(cell_boxes(find_rulings(im, SCALE, S), SCALE))
    assert len(boxes) == 6
    for (x, y), box in zip(sorted(corners), boxes, strict=True):
        assert box[0] < x < box[2] and box[1] < y < box[3]
        assert box[2] - box[0] > 300 and box[3] - box[1] > 100


def test_a_page_without_rulings_has_no_cells():
    assert cell_boxes([], SCALE) == []


def test_cell_reading_replaces_the_page_reading_inside_that_cell_only():
    boxes = [(0, 0, 400, 100), (400, 0, 800, 100), (800, 0, 1200, 100)]
    first = [_word("Personalkostnader", 10, 30), _word("LT", 700, 30), _word("-515", 1100, 30)]
    # the cells read on their own: the first finds nothing, the second "-529", the third
    # only white space
    again = [Word("-529", 690, 30, 80, 30, ("stack", 1, "l"), 95.0)]
    out, used = merge_cells(first, again + [Word(" ", 900, 30, 5, 30, ("stack", 2, "l"))], boxes)
    assert sorted(w.text for w in out) == ["-515", "-529", "Personalkostnader"]
    assert used == [boxes[1]]


def test_stacked_cells_are_placed_back_in_their_cells():
    im, _ = _table_page()
    d = ImageDraw.Draw(im)
    d.rectangle((1100, 240, 1160, 280), fill=0)  # some ink in the middle cell of row 1
    boxes = cell_boxes(find_rulings(im, SCALE, S), SCALE)
    stacked = stack_cells(im, boxes, S.ruling_threshold)
    assert stacked is not None
    image, placed, gap, inked = stacked
    assert len(inked) == 1 and inked[0][0] < 1100 < inked[0][2]
    y, box = placed[0]
    read = Word("77", gap + 1100 - box[0], y + 240 - box[1], 60, 40, ("x", "y", "z"), 90.0)
    (moved,), lines = unstack([read], {("x", "y", "z"): (y + 235 - box[1], 50.0)}, placed, gap)
    assert (moved.left, moved.top) == (1100, 240)
    assert lines[moved.line] == (235, 50.0)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_values_on_grey_cell_fills_are_read_right(tmp_path):
    from styrdata.extract.ocr.pages import ocr_pages

    im, corners = _table_page(fill=225)
    font = ImageFont.truetype(_FONTS["Regular"], 42)
    d = ImageDraw.Draw(im)
    values = ["Personalkostnader", "-529", "5,2.", "Nettobudget", "-713", "52,9"]
    for (x, y), value in zip(corners, values, strict=True):
        d.text((x, y), value, font=font, fill=0)
    page = Image.new("L", (2480, 3508), 255)
    page.paste(im, (0, 300))
    pdf = tmp_path / "table.pdf"
    page.save(pdf, resolution=300)
    read = ocr_pages(str(pdf), [1], OcrSettings(workers=1, reread_cells=True))[1]
    text = "".join(c["text"] for c in read.chars)
    for value in values:
        assert value.replace(" ", "") in text
