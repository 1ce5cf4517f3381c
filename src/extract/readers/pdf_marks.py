"""Status symbols drawn next to text: small filled circles, squares or arrows in colour.

Follow-ups show a goal's or a row's assessment as a traffic light drawn beside it. The
reader keeps each symbol's fill colour, as printed (``#2e9e48``), on the text line or table
cell it sits on; what the colour means is the domain's business.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SIZE = 16.0  # points: a symbol, not a box around text
MIN_SIZE = 3.0
MIN_SATURATION = 0.25  # grey, black and white fills are layout, not a status


@dataclass(frozen=True)
class Mark:
    colour: str  # "#rrggbb"
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _rgb(colour) -> tuple[float, float, float] | None:
    """pdfplumber's non_stroking_color (gray, RGB or CMYK, 0–1) as RGB."""
    if colour is None:
        return None
    if isinstance(colour, int | float):
        colour = (colour,)
    try:
        c = [float(x) for x in colour]
    except (TypeError, ValueError):
        return None  # a pattern colour
    if len(c) == 1:
        return (c[0], c[0], c[0])
    if len(c) == 3:
        return (c[0], c[1], c[2])
    if len(c) == 4:
        k = c[3]
        return tuple((1 - x) * (1 - k) for x in c[:3])  # type: ignore[return-value]
    return None


def _saturation(rgb: tuple[float, float, float]) -> float:
    hi, lo = max(rgb), min(rgb)
    return 0.0 if hi == 0 else (hi - lo) / hi


def find_marks(objects: list[dict]) -> list[Mark]:
    """Filled, coloured shapes of a symbol's size among a page's rects and curves."""
    out = []
    for o in objects:
        if not o.get("fill"):
            continue
        w, h = o["x1"] - o["x0"], o["bottom"] - o["top"]
        if not (MIN_SIZE <= w <= MAX_SIZE and MIN_SIZE <= h <= MAX_SIZE and 0.5 <= w / h <= 2):
            continue
        rgb = _rgb(o.get("non_stroking_color"))
        if rgb is None or _saturation(rgb) < MIN_SATURATION:
            continue
        hexa = "#" + "".join(f"{round(max(0.0, min(1.0, x)) * 255):02x}" for x in rgb)
        out.append(Mark(hexa, o["x0"], o["top"], o["x1"], o["bottom"]))
    return out


def marks_on_row(marks: list[Mark], top: float, bottom: float) -> list[str]:
    """Colours of the symbols whose middle lies within the row ``top``–``bottom``."""
    return [m.colour for m in marks if top - 2 <= m.middle <= bottom + 2]


def marks_in(marks: list[Mark], bbox: tuple[float, float, float, float]) -> list[str]:
    x0, top, x1, bottom = bbox
    return [m.colour for m in marks if x0 <= (m.x0 + m.x1) / 2 <= x1 and top <= m.middle <= bottom]
