"""What a scanned page image shows besides its words: its tilt and its ruling lines.

* :func:`skew_angle` — the small rotation a scanner or a hand-fed sheet added, found with a
  projection profile: rotated by the right angle, text lines fall on pixel rows, so the
  row sums of dark pixels vary most. Tesseract's own orientation detection only turns pages
  by quarter turns; this corrects the last few degrees.
* :func:`find_rulings` — the horizontal and vertical lines of table grids: long, thin runs
  of dark pixels. They become line objects (in PDF points) that pdfplumber's table finder
  takes as explicit lines, so a scanned ruled table is read like a born-digital one.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from styrdata.extract.settings import OcrSettings


def _profile_score(binary: Image.Image, angle: float) -> float:
    rotated = binary.rotate(angle, resample=Image.NEAREST, expand=False, fillcolor=0)
    rows = np.asarray(rotated, dtype=np.float32).sum(axis=1)
    return float(np.var(rows))


def skew_angle(gray: Image.Image, s: OcrSettings) -> float:
    """Degrees to rotate the page (counter-clockwise, PIL's sense) to make its lines level;
    0.0 when no angle within ``s.max_skew`` scores clearly better than none."""
    if s.max_skew <= 0:
        return 0.0
    small = gray.copy()
    small.thumbnail((s.skew_probe_width, s.skew_probe_width * 2))
    binary = small.point(lambda v: 255 if v < 128 else 0).convert("L")
    base = _profile_score(binary, 0.0)
    if base == 0:
        return 0.0
    best, best_score = 0.0, base
    step = 0.5
    candidates = np.arange(-s.max_skew, s.max_skew + 1e-9, step)
    for a in candidates:
        sc = _profile_score(binary, float(a))
        if sc > best_score:
            best, best_score = float(a), sc
    for a in np.arange(best - step, best + step + 1e-9, 0.1):
        sc = _profile_score(binary, float(a))
        if sc > best_score:
            best, best_score = float(a), sc
    # a straight page scores best at 0; demand a clear gain before turning anything
    return round(best, 2) if best_score > base * 1.05 and abs(best) >= 0.1 else 0.0


def deskew(gray: Image.Image, s: OcrSettings) -> tuple[Image.Image, float]:
    angle = skew_angle(gray, s)
    if angle == 0.0:
        return gray, 0.0
    return gray.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255), angle


def _runs(mask: np.ndarray, min_len: int) -> list[tuple[int, int, int]]:
    """(line index, start, end) of the runs of True at least ``min_len`` long, per row."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    diff = np.diff(padded, axis=1)  # +1 where a run starts, -1 just after it ends
    rows, starts = np.nonzero(diff == 1)
    _, ends = np.nonzero(diff == -1)  # row-major order: the n-th end closes the n-th start
    long = ends - starts >= min_len
    return list(zip(rows[long].tolist(), starts[long].tolist(), ends[long].tolist(), strict=True))


def _merge(runs: list[tuple[int, int, int]], max_thickness: int, gap: int):
    """Runs on neighbouring rows that overlap → one line (first row, last row, start, end);
    a band thicker than ``max_thickness`` is a filled area, not a line."""
    lines: list[list[int]] = []
    for y, a, b in runs:
        for ln in lines:
            if y - ln[1] <= gap and a < ln[3] and b > ln[2]:
                ln[1], ln[2], ln[3] = y, min(ln[2], a), max(ln[3], b)
                break
        else:
            lines.append([y, y, a, b])
    return [ln for ln in lines if ln[1] - ln[0] + 1 <= max_thickness]


def find_rulings(gray: Image.Image, scale: float, s: OcrSettings) -> list[dict]:
    """Ruling lines of a page image as pdfplumber line objects in PDF points (``scale`` =
    points per pixel)."""
    dark = np.asarray(gray) < s.ruling_threshold
    return _lines_of(dark, dark, scale, s)


def _lines_of(across: np.ndarray, down: np.ndarray, scale: float, s: OcrSettings) -> list[dict]:
    """Horizontal lines from the runs of ``across``, vertical ones from those of ``down``."""
    min_len = max(1, int(s.ruling_min_length / scale))
    thick = max(1, int(s.ruling_max_thickness / scale))
    out: list[dict] = []
    for y0, y1, a, b in _merge(_runs(across, min_len), thick, gap=1):
        y = (y0 + y1 + 1) / 2 * scale
        out.append(line(a * scale, b * scale, y, y))
    for x0, x1, a, b in _merge(_runs(down.T, min_len), thick, gap=1):
        x = (x0 + x1 + 1) / 2 * scale
        out.append(line(x, x, a * scale, b * scale))
    return out


def faint_rulings(
    gray: Image.Image, scale: float, s: OcrSettings, contrast: int, close: bool = True
) -> list[dict]:
    """Ruling lines of a screenshot or an exported table: the dark ones
    (:func:`find_rulings`), and the faint grey ones such pictures draw their grids in, on
    white or through a shaded header alike: long, thin ridges of pixels darker by at least
    half of ``contrast`` than the pixels on both sides of them (two pixels out, so lines
    two pixels wide count). A shaded area's edge is no ridge, and letters' ridges are
    short. With ``close``, tables ruled only inside get their outer edges
    (:func:`close_open_sides`)."""
    a = np.asarray(gray).astype(np.int16)
    d = max(1, contrast // 2)

    def ridge(axis: int) -> np.ndarray:
        """Pixels darker than their neighbours across ``axis``; where another line
        crosses, the one-pixel gap bridged along the line."""
        p = np.pad(a, [(2, 2) if k == axis else (0, 0) for k in range(2)], mode="edge")
        n = a.shape[axis]

        def at(k: int) -> np.ndarray:
            return p[2 + k : 2 + k + n] if axis == 0 else p[:, 2 + k : 2 + k + n]

        m = (a <= np.maximum(at(-2), at(-1)) - d) & (a <= np.maximum(at(1), at(2)) - d)
        q = np.pad(m, [(0, 0) if k == axis else (1, 1) for k in range(2)])
        if axis == 0:  # bridge along the row
            return m | (q[:, :-2] & q[:, 2:])
        return m | (q[:-2] & q[2:])

    lines = find_rulings(gray, scale, s)
    # a horizontal line is a ridge across rows (axis 0), a vertical one across columns
    for ln in _joined(_lines_of(ridge(0), ridge(1), scale, s), 6 * scale):
        if not any(_same_line(ln, old) for old in lines):
            lines.append(ln)
    return close_open_sides(lines) if close else lines


def _joined(lines: list[dict], gap: float) -> list[dict]:
    """Pieces of one line (same direction and position, at most ``gap`` apart) joined."""
    out: list[dict] = []
    for ln in sorted(lines, key=lambda ln: (ln["x0"] != ln["x1"], ln["x0"], ln["top"])):
        flat = ln["top"] == ln["bottom"]
        for prev in out:
            if flat and prev["top"] == prev["bottom"] and abs(prev["top"] - ln["top"]) <= gap / 3:
                if ln["x0"] - prev["x1"] <= gap and ln["x1"] >= prev["x0"]:
                    prev.update(
                        line(prev["x0"], max(prev["x1"], ln["x1"]), prev["top"], prev["top"])
                    )
                    break
            elif not flat and prev["x0"] == prev["x1"] and abs(prev["x0"] - ln["x0"]) <= gap / 3:
                if ln["top"] - prev["bottom"] <= gap and ln["bottom"] >= prev["top"]:
                    prev.update(
                        line(prev["x0"], prev["x0"], prev["top"], max(prev["bottom"], ln["bottom"]))
                    )
                    break
        else:
            out.append(dict(ln))
    return out


def _same_line(a: dict, b: dict, tol: float = 1.0) -> bool:
    return all(abs(a[k] - b[k]) <= tol for k in ("x0", "x1", "top", "bottom"))


def close_open_sides(lines: list[dict], tol: float = 3.0, min_rules: int = 3) -> list[dict]:
    """A table ruled between its rows and columns but open at its sides (no line down its
    left or right edge, as in many screenshots and Word tables): the lines where its
    outer edges are, so a table finder sees the first and last columns as cells. An edge
    is where at least ``min_rules`` horizontal rules that some vertical line crosses end
    together."""
    horizontal = [ln for ln in lines if ln["top"] == ln["bottom"]]
    vertical = [ln for ln in lines if ln["x0"] == ln["x1"]]
    out = list(lines)
    for side in ("x0", "x1"):
        ends: dict[int, list[dict]] = {}
        for ln in horizontal:
            crossed = any(
                ln["x0"] + tol < v["x0"] < ln["x1"] - tol
                and v["top"] - tol <= ln["top"] <= v["bottom"] + tol
                for v in vertical
            )
            if crossed:
                ends.setdefault(round(ln[side] / tol), []).append(ln)
        for rules in ends.values():
            if len(rules) < min_rules:
                continue
            x = sum(ln[side] for ln in rules) / len(rules)
            top = min(ln["top"] for ln in rules)
            bottom = max(ln["top"] for ln in rules)
            if not any(
                abs(v["x0"] - x) <= tol and v["top"] <= top + tol and v["bottom"] >= bottom - tol
                for v in vertical
            ):
                out.append(line(x, x, top, bottom))
    return out


def columns_from_breaks(lines: list[dict], gap: float = 4.0, min_rows: int = 2) -> list[dict]:
    """Vertical lines where a table has none drawn, only horizontal rules broken at each
    column (cell borders drawn cell by cell, the columns set apart by white): every
    x where the horizontal segments of at least ``min_rows`` rule rows break by less
    than ``gap`` points, and the rules' common outer ends, spanning those rows."""
    rows: dict[float, list[dict]] = {}
    for ln in lines:
        if ln["top"] == ln["bottom"]:
            rows.setdefault(round(ln["top"]), []).append(ln)
    marks: list[tuple[float, float]] = []  # (x, y) of every break and outer end
    for y, segs in rows.items():
        segs.sort(key=lambda ln: ln["x0"])
        breaks = [
            (a["x1"] + b["x0"]) / 2
            for a, b in zip(segs, segs[1:], strict=False)
            if 0 <= b["x0"] - a["x1"] < gap
        ]
        if breaks:
            marks += [(x, y) for x in (segs[0]["x0"], *breaks, segs[-1]["x1"])]
    out: list[dict] = []
    marks.sort()
    while marks:
        x0 = marks[0][0]
        same = [m for m in marks if abs(m[0] - x0) < gap]
        marks = [m for m in marks if abs(m[0] - x0) >= gap]
        ys = sorted({y for _, y in same})
        if len(ys) >= min_rows:
            x = sum(x for x, _ in same) / len(same)
            out.append(line(x, x, float(ys[0]), float(ys[-1])))
    return out


def erase_vertical_rulings(gray: Image.Image, rulings: list[dict], scale: float, pad: int = 2):
    """The page with its vertical ruling lines painted over in the paper's shade around
    them: a digit next to a cell border is otherwise read with the border as one more glyph
    ("|-1 135" → "21135"). The shade is the median of the pixels beside the line, not pure
    white — Tesseract reads a clean white stripe through a grey or noisy cell as a dash.
    Horizontal rules stay: Tesseract reads underlined text well, and they keep the rows
    apart."""
    out = gray.copy()
    pixels = np.asarray(gray)
    draw = ImageDraw.Draw(out)
    width = pixels.shape[1]
    for ln in rulings:
        if ln["x0"] != ln["x1"]:
            continue
        x, y0, y1 = ln["x0"] / scale, ln["top"] / scale, ln["bottom"] / scale
        top, bottom = max(0, int(y0) - pad), int(y1) + pad + 1
        left, right = int(x) - pad, int(x) + pad + 1
        beside = np.concatenate(
            [
                pixels[top:bottom, max(0, left - 3 * pad) : max(0, left - pad)].ravel(),
                pixels[top:bottom, min(width, right + pad) : min(width, right + 3 * pad)].ravel(),
            ]
        )
        shade = int(np.median(beside)) if beside.size else 255
        draw.rectangle((x - pad, y0 - pad, x + pad, y1 + pad), fill=shade)
    return out


def dark_pixels(gray: Image.Image, box: tuple[int, int, int, int], threshold: int) -> int:
    """How many pixels in ``box`` are darker than ``threshold``: the ink there."""
    return int((np.asarray(gray.crop(box)) < threshold).sum())


def otsu_threshold(gray: Image.Image) -> int:
    """The grey level that best splits the page into ink and paper (Otsu's method)."""
    if gray.mode == "L":  # PIL counts in C what np.bincount counts on a copy as int64
        hist = np.asarray(gray.histogram(), dtype=np.float64)
    else:
        hist = np.bincount(np.asarray(gray).ravel(), minlength=256).astype(np.float64)
    p = hist / max(hist.sum(), 1.0)
    w = np.cumsum(p)
    mu = np.cumsum(p * np.arange(256))
    between = (mu[-1] * w - mu) ** 2 / (w * (1 - w) + 1e-12)
    # a clean gap between ink and paper scores the same at every level in it: take the
    # middle of the gap, not its dark end
    best = np.flatnonzero(between >= between.max() * (1 - 1e-9))
    return int((best[0] + best[-1]) // 2) + 1


def binarize(gray: Image.Image) -> Image.Image:
    """Black ink on white paper: grey cell fills and scanner noise gone. Tesseract's
    recogniser reads the grey image it is given, and a value on a noisy grey cell fill
    comes out as letters ("-529" → "LT"); on the thresholded page it is read right."""
    t = otsu_threshold(gray)
    return gray.point(lambda v: 0 if v < t else 255)


def line(x0: float, x1: float, top: float, bottom: float) -> dict:
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }
