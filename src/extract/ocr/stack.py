"""Cut-outs of a page image stacked into one image, so that a second reading of many small
places costs one Tesseract call; and the words read there moved back onto the page."""

from __future__ import annotations

from dataclasses import replace

from PIL import Image

from styrdata.extract.ocr.numbers import Word

Box = tuple[int, int, int, int]


def stack(image: Image.Image, boxes: list[Box], gap: int = 24):
    """The cut-outs one under the other on white, and each one's (y offset, box)."""
    width = max(b[2] - b[0] for b in boxes) + 2 * gap
    height = sum(b[3] - b[1] + gap for b in boxes) + gap
    out = Image.new("L", (width, height), 255)
    placed = []
    y = gap
    for box in boxes:
        out.paste(image.crop(box), (gap, y))
        placed.append((y, box))
        y += box[3] - box[1] + gap
    return out, placed, gap


def unstack(
    words: list[Word], lines: dict[tuple, tuple[float, float]], placed: list, gap: int
) -> tuple[list[Word], dict[tuple, tuple[float, float]]]:
    """Words and text lines read on the stacked image, moved back to where their cut-out
    lies on the page: a word belongs to the cut-out its vertical middle falls in, and its
    line key becomes ("stack", index of the cut-out, *its key on the stacked image)."""
    out_words: list[Word] = []
    out_lines: dict[tuple, tuple[float, float]] = {}
    for w in words:
        mid = w.top + w.height / 2
        for k, (y, box) in enumerate(placed):
            if y <= mid < y + box[3] - box[1]:
                dx, dy = box[0] - gap, box[1] - y
                key = ("stack", k, *w.line)
                chars = tuple((a + dx, b + dx, t) for a, b, t in w.chars)
                out_words.append(
                    replace(w, left=w.left + dx, top=w.top + dy, line=key, chars=chars)
                )
                if w.line in lines:
                    top, height = lines[w.line]
                    out_lines[key] = (top + dy, height)
                break
    return out_words, out_lines
