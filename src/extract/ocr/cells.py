"""A second reading of the cells of ruled tables on an OCR'd page, one cell at a time.

Read as part of the whole page, a short value alone in a table cell is easily lost or
garbled: Tesseract's layout analysis joins it to the cell beside it, or drops it ("52,9"
not found at all, "77" read as "TÅ", "5,2." as "LR"). Read on its own, the same cell is
plain text. So the cells that the page's ruling lines enclose (:mod:`styrdata.extract.ocr.rulings`) are
cut out, stacked one under the other into one image, and read once more (one Tesseract
call per page, page segmentation "a uniform block of text"); the words the page reading
put inside a cell are replaced by the cell's own reading when that found text.

Off by default (:attr:`OcrSettings.reread_cells`): measured on the corpus scans, once the
page is thresholded (:func:`styrdata.extract.ocr.rulings.binarize`) the page reading already finds those
values, and the cell reading misread three that the page reading had right.
"""

from __future__ import annotations

from pdfplumber.table import edges_to_intersections, intersections_to_cells, merge_edges
from PIL import Image

from styrdata.extract.ocr.numbers import Word
from styrdata.extract.ocr.rulings import columns_from_breaks, dark_pixels
from styrdata.extract.ocr.stack import Box, stack


def cell_boxes(rulings: list[dict], scale: float, inset: int = 4) -> list[Box]:
    """The inner boxes (pixels; ``scale`` = points per pixel) of the cells the ruling lines
    (PDF points) enclose; where a table has only horizontal rules broken at its columns,
    the breaks stand in for the vertical lines."""
    horizontal = [ln for ln in rulings if ln["top"] == ln["bottom"]]
    vertical = [ln for ln in rulings if ln["x0"] == ln["x1"]]
    if len(vertical) < 2:
        vertical = columns_from_breaks(horizontal)
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    edges = [{**ln, "orientation": "h"} for ln in horizontal]
    edges += [{**ln, "orientation": "v"} for ln in vertical]
    edges = merge_edges(edges, 3, 3, 3, 3)
    cells = intersections_to_cells(edges_to_intersections(edges, 3, 3))
    out = []
    for x0, top, x1, bottom in cells:
        box = (
            round(x0 / scale) + inset,
            round(top / scale) + inset,
            round(x1 / scale) - inset,
            round(bottom / scale) - inset,
        )
        if box[2] - box[0] >= 8 and box[3] - box[1] >= 8:
            out.append(box)
    return out


def inside(w: Word, box: Box) -> bool:
    cx, cy = w.left + w.width / 2, w.top + w.height / 2
    return box[0] - 4 <= cx <= box[2] + 4 and box[1] - 4 <= cy <= box[3] + 4


def _digits(words: list[Word]) -> str:
    return "".join(ch for w in words for ch in w.text if ch.isdigit())


def _signs(words: list[Word]) -> int:
    return sum(ch in "-−–%<>" for w in words for ch in w.text)


def merge_cells(
    first: list[Word], again: list[Word], boxes: list[Box]
) -> tuple[list[Word], list[Box]]:
    """The page reading with each cell's words replaced by the cell's own reading, where
    that found any letters or digits; also the cells that were replaced. Where both
    readings saw the same digits, the one with more signs (a minus, a per cent) stays:
    a lone short minus is lost as easily in a cell as on the page."""
    by_cell: dict[int, list[Word]] = {}
    for w in again:
        by_cell.setdefault(w.line[1], []).append(w)
    used = []
    for k, ws in by_cell.items():
        if not any(ch.isalnum() for w in ws for ch in w.text):
            continue
        mine = [w for w in first if inside(w, boxes[k])]
        if mine and _digits(mine) and _digits(mine) == _digits(ws) and _signs(mine) >= _signs(ws):
            continue
        used.append(k)
    kept = [w for w in first if not any(inside(w, boxes[k]) for k in used)]
    return kept + [w for k in used for w in by_cell[k]], [boxes[k] for k in used]


def stack_cells(image: Image.Image, boxes: list[Box], threshold: int):
    """The cells with ink in them, stacked (see :func:`styrdata.extract.ocr.stack.stack`), and
    the boxes in stacking order; None when no cell has ink."""
    inked = [b for b in boxes if dark_pixels(image, b, threshold) >= 20]
    if not inked:
        return None
    stacked, placed, gap = stack(image, inked)
    return stacked, placed, gap, inked
