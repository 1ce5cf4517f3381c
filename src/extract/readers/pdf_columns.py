"""Text set in columns side by side: read one column, then the next.

Characters are clustered into rows by their height on the page. Where a page sets text in
two columns (a slide, a brochure, a two-column report), one row holds a line of each, and
read left to right the lines of both columns interleave ("…beskriver de Samtidigt är det
områden där…"). This module finds such columns from the rows themselves:

1. each row is cut into *runs* where two characters stand more than :data:`GUTTER` × the
   font size apart (a word space is a fraction of it);
2. a *seed* is a row with two runs of at least :data:`MIN_WORDS` words each side of a gap:
   lines of running text, not a label and its value ("Beslutad av   Regionfullmäktige")
   nor a figure;
3. from a seed the column band grows up and down over the rows that keep clear of the gap
   (each run ends before the right column starts or starts after the left one ends) and
   follow at a line's spacing; a band with :data:`MIN_SEEDS` seeds or more is read column
   by column: its left side's rows, then its right side's — each side again looked at for
   columns of its own;
4. two boxes side by side on a slide, each a heading over a line or two ("Öka
   inkluderingen" / "– för tillit och sammanhållning" beside "Knyta samman Västra
   Götaland" / "– för hållbar …"), make a band of one seed: it is read by columns too when
   every row has text on both sides set alike (the same size and weight left and right),
   its first row is set apart from the rows under it (a heading over its text) and each
   box's lines are centred. Labels and their values start at one edge, are set alike row
   after row, or differ left from right: they stay rows.

Rows outside any band, and everything on pages without columns, keep their order.
"""

from __future__ import annotations

GUTTER = 1.5  # × font size between two runs of one row (a word space is ~0.25)
MIN_GUTTER = 12.0  # points, for small print
MIN_WORDS = 3  # words each side of the gap, on a seed row
MIN_SEEDS = 2  # seed rows in a band
MAX_ROW_GAP = 3.0  # × font size: a band's rows follow each other at most this far apart
CENTRED = 0.5  # × font size: lines centred on one axis, their left edges further apart


def _size(row: list[dict]) -> float:
    sizes = sorted(c["size"] for c in row)
    return sizes[len(sizes) // 2]


def _runs(row: list[dict]) -> list[list[dict]]:
    vis = sorted((c for c in row if not c["text"].isspace()), key=lambda c: c["x0"])
    if not vis:
        return []
    gap = max(GUTTER * _size(vis), MIN_GUTTER)
    out = [[vis[0]]]
    for ch in vis[1:]:
        if ch["x0"] - out[-1][-1]["x1"] > gap:
            out.append([ch])
        else:
            out[-1].append(ch)
    # word spaces stay in their run; each run sorted once at the end (the same order as
    # sorting after each space: a stable sort puts a space after equal starts)
    spans = [[run[0]["x0"], run[-1]["x0"], run[-1]["x1"]] for run in out]  # first, last
    grown = set()
    for sp in (c for c in row if c["text"].isspace()):
        for k, span in enumerate(spans):
            if span[0] <= sp["x0"] <= span[2]:
                out[k].append(sp)
                grown.add(k)
                if sp["x0"] >= span[1]:  # the run's last character now
                    span[1], span[2] = sp["x0"], sp["x1"]
                break
    for k in grown:
        out[k].sort(key=lambda c: c["x0"])
    return out


def _words(run: list[dict]) -> int:
    n, prev, in_word = 0, None, False
    for ch in run:
        if prev is not None and ch["x0"] - prev["x1"] > 0.2 * ch["size"]:
            in_word = False
        if ch["text"].isalpha() and not in_word:
            n += 1
            in_word = True
        elif not ch["text"].isalnum():
            in_word = False
        prev = ch
    return n


def _top(row: list[dict]) -> float:
    return min(c["top"] for c in row)


def _bottom(row: list[dict]) -> float:
    return max(c["bottom"] for c in row)


def _sides(runs: list[list[dict]], g0: float, g1: float) -> tuple[list, list] | None:
    """The runs left and right of a gap from ``g0`` to ``g1``; None when one spans it."""
    left, right = [], []
    for r in runs:
        if r[-1]["x1"] <= g1 - 1:
            left.append(r)
        elif r[0]["x0"] >= g0 + 1:
            right.append(r)
        else:
            return None
    return left, right


def _seed_gap(runs: list[list[dict]]) -> tuple[float, float] | None:
    for a, b in zip(runs, runs[1:], strict=False):
        if _words(a) >= MIN_WORDS and _words(b) >= MIN_WORDS:
            return a[-1]["x1"], b[0]["x0"]
    return None


def _style(run: list[dict], is_bold) -> tuple[float, bool]:
    vis = [c for c in run if not c["text"].isspace()]
    return round(_size(vis)), sum(is_bold(c["fontname"]) for c in vis) * 2 > len(vis)


def _box_pair(sides: list[tuple[list, list]], is_bold) -> bool:
    """Rows of two boxes side by side: text on both sides of every row, each row set alike
    left and right, the first row (the boxes' headings) set apart from the rows under it."""
    if len(sides) < 2 or any(not left or not right for left, right in sides):
        return False
    styles = []
    for left, right in sides:
        a = _style([c for run in left for c in run], is_bold)
        b = _style([c for run in right for c in run], is_bold)
        if a != b:
            return False
        styles.append(a)
    if not all(s != styles[0] for s in styles[1:]):
        return False
    # each box's lines centred on one axis (labels and values start at one edge)
    for side in (0, 1):
        runs = [[c for run in sd[side] for c in run] for sd in sides]
        lefts = [min(c["x0"] for c in r) for r in runs]
        mids = [(min(c["x0"] for c in r) + max(c["x1"] for c in r)) / 2 for r in runs]
        size = max(_size(r) for r in runs)
        if max(mids) - min(mids) > CENTRED * size or max(lefts) - min(lefts) < CENTRED * size:
            return False
    return True


def _default_bold(fontname: str) -> bool:
    return "bold" in fontname.lower()


def in_reading_order(rows: list[list[dict]], is_bold=_default_bold) -> list[list[dict]]:
    """``rows`` (top to bottom, each a row's characters) with columns read one after the
    other; a row cut by a column gap gives a row on each side."""
    runs = [_runs(r) for r in rows]
    n = len(rows)
    bands: list[tuple[int, int, list]] = []
    i = done = 0
    while i < n:
        gap = _seed_gap(runs[i])
        if gap is None:
            i += 1
            continue
        g0, g1 = gap

        def fits(r: int, g0: float = g0, g1: float = g1) -> bool:
            return _sides(runs[r], g0, g1) is not None

        def near(a: int, b: int) -> bool:
            return _top(rows[b]) - _bottom(rows[a]) <= MAX_ROW_GAP * _size(rows[b])

        start = i
        while start - 1 >= done and fits(start - 1) and near(start - 1, start):
            start -= 1
        end, seeds = i, 1
        while end + 1 < n and fits(end + 1) and near(end, end + 1):
            end += 1
            seeds += _seed_gap(runs[end]) is not None
        sides = [_sides(runs[r], g0, g1) for r in range(start, end + 1)]
        if seeds < MIN_SEEDS and not _box_pair(sides, is_bold):
            i += 1
            continue
        bands.append((start, end, sides))
        done = i = end + 1
    if not bands:
        return rows
    out: list[list[dict]] = []
    k = 0
    for start, end, sides in bands:
        out.extend(rows[k:start])
        left = [[c for run in lr for c in run] for lr, _ in sides if lr]
        right = [[c for run in rr for c in run] for _, rr in sides if rr]
        out.extend(in_reading_order(left, is_bold))
        out.extend(in_reading_order(right, is_bold))
        k = end + 1
    out.extend(rows[k:])
    return out
