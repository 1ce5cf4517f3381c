"""Tables of text with no rules at all: columns and rows from whitespace only.

Risk tables, indicator tables and action plans are often a Word table with its borders
turned off: a header of short column names and rows whose cells hold text wrapped over
several lines. Nothing is drawn, and the rows hold words, not figures, so neither
pdfplumber's finder nor the alignment of figures (:mod:`.pdf_text_tables`) finds them.
They are found from the text's own layout:

1. **header**: a line cut at column gaps into three segments or more, each a short name
   (at most :data:`MAX_HEADER_WORDS` words, no sentence), in bold where the lines after it
   are not, or followed by lines whose segments start where its names start; a wrapped
   header name goes on in bold on the next line;
2. **columns** start where the header's names start; the **body** is the lines under the
   header whose every segment lies within one column (left-aligned words start at its
   start; a right-aligned figure ends inside it); the first line that crosses a column
   (prose across the page) or stands far below ends the table. Where the names are
   centred over their columns (the words under them start left of them), a column spans
   from after the previous name to before the next one: the columns part at the strip of
   whitespace between two names that no line of the body crosses ("river"), and each
   column's text must be aligned down the table (left, right or centred);
3. **rows**: cells are top-aligned, and rows are set apart by cell padding: a gap wider than
   the line spacing inside a cell starts a row. Where the rows have no padding, a line with
   text in the first column and in another, not going on from the line above in lower
   case, starts a row;
4. it is a table only with at least :data:`MIN_ROWS` rows, one of them wrapped over several
   lines, text in two columns or more of most rows, and a column of short entries (a
   figure, a score, a status, a name) in most rows: plain text in two columns, lists and
   key-value lines ("Telefon: 08-123 45 67") have fewer than three columns or no header,
   and prose set in three columns under headings has no column of short entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from styrdata.extract.model import Cell, Table
from styrdata.extract.readers.pdf_text_tables import (
    PageText,
    _chars_text,
    _cut_at_gaps,
    _is_data,
    _is_value,
    _segment,
    _segments,
    _TLine,
    lines_between,
    row_cells,
)

MIN_COLUMNS = 3
MIN_ROWS = 2
MAX_HEADER_WORDS = 4
MAX_HEADER_CHARS = 40
HEADER_GAP = 0.8  # × font size between two header names (a word space is ~0.3)
MAX_ROW_GAP = 2.2  # × font size: a line further below the one above is no row of the table
ROW_PADDING = 0.3  # × font size more than the line spacing inside a cell: a new row
ALIGN = 0.25  # × font size: a cell's text starts this close to its column's start
WORD_GAP = 0.2  # × font size: at least a space between two columns' text
SHORT_WORDS = 3  # words of a short entry


@dataclass
class _Part:
    col: int
    text: str
    x0: float
    x1: float
    bold: bool


def _is_name(text: str) -> bool:
    t = text.strip()
    return (
        bool(t)
        and len(t.split()) <= MAX_HEADER_WORDS
        and len(t) <= MAX_HEADER_CHARS
        and not t.endswith((".", ":", ","))
        and bool(re.search(r"[^\W\d_]{2}", t))
    )


def _cut(ln: _TLine, starts: list[float], is_bold) -> list[_Part] | None:
    """A line cut at the columns' starts, or None where its text crosses a column's start
    (prose across the page): each column's text must start at the column's start
    (left-aligned) or be a figure (right-aligned), a space at least from the text before."""
    size = ln.size
    by_col: dict[int, list[dict]] = {}
    for ch in ln.chars:
        k = max((c for c, s in enumerate(starts) if s <= ch["x0"] + ALIGN * size), default=0)
        by_col.setdefault(k, []).append(ch)
    parts: list[_Part] = []
    for c in sorted(by_col):
        chs = sorted(by_col[c], key=lambda ch: ch["x0"])
        text = _chars_text(chs)
        x0, x1 = chs[0]["x0"], max(ch["x1"] for ch in chs)
        if parts and x0 - parts[-1].x1 < WORD_GAP * size:
            return None  # a word running over the column's start
        if c == 0 and x0 < starts[0] - ALIGN * size:
            return None
        if abs(x0 - starts[c]) > ALIGN * size and not (c and _is_value(text)):
            return None
        if c + 1 < len(starts) and x1 > starts[c + 1] + ALIGN * size:
            return None
        bold = sum(is_bold(ch["fontname"]) for ch in chs) * 2 > len(chs)
        parts.append(_Part(c, text, x0, x1, bold))
    return parts


def _header(lines: list[_TLine], i: int, is_bold, is_italic) -> tuple[list[float], int] | None:
    """Column starts of a header line at ``i`` and the number of its lines."""
    ln = lines[i]
    cut = _cut_at_gaps(ln.chars, HEADER_GAP * ln.size, ln.size)
    if len(cut) < MIN_COLUMNS or _is_data(ln):
        return None
    segs = [_segment(g, is_bold, is_italic, ln.size) for g in cut]
    if not all(_is_name(s.text) for s in segs):
        return None
    starts = [s.x0 for s in segs]
    n = 1
    bold = all(s.bold for s in segs)
    # a header name wrapped onto a second bold line ("Sannolik-" / "het")
    while (
        bold
        and i + n < len(lines)
        and all(s.bold for s in lines[i + n].segs)
        and lines[i + n].top - lines[i + n - 1].bottom < 0.6 * ln.size
        and _cut(lines[i + n], starts, is_bold) is not None
    ):
        n += 1
    return starts, n


# -- columns under centred header names -------------------------------------------------
# A header name is often centred over its column while the column's text is left-aligned
# at the column's edge (words) or right-aligned (figures), so the text does not start
# where the name starts. The column then spans from after the previous name to before the
# next one: between two names lies a strip of whitespace ("river") that no line of the
# body crosses, and the columns are cut there.
RIVER = 0.8  # × font size: the least width of whitespace between two columns' text
HEAD_LINE_GAP = 0.6  # × font size: a header name's second line stands this close


def header_names(head: list[_TLine], is_bold, is_italic) -> list[tuple[float, float]]:
    """The x ranges of the column names of header lines: the lines' segments cut at
    HEADER_GAP, those on different lines that overlap merged (a name over two lines)."""
    spans = sorted(
        (sg.x0, sg.x1)
        for ln in head
        for sg in _segments(ln.chars, HEADER_GAP * ln.size, is_bold, is_italic, ln.size)
    )
    names: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if names and x0 < names[-1][1]:
            names[-1] = (names[-1][0], max(names[-1][1], x1))
        else:
            names.append((x0, x1))
    return names


def _covered(ln: _TLine) -> list[tuple[float, float]]:
    """The x ranges a line's text covers, words closer than RIVER joined."""
    out: list[list[float]] = []
    for ch in sorted(ln.chars, key=lambda c: c["x0"]):
        if out and ch["x0"] - out[-1][1] < RIVER * ln.size:
            out[-1][1] = max(out[-1][1], ch["x1"])
        else:
            out.append([ch["x0"], ch["x1"]])
    return [(a, b) for a, b in out]


def _minus(free: list[tuple[float, float]], cov, least: float) -> list[tuple[float, float]]:
    for c0, c1 in cov:
        nxt = []
        for a, b in free:
            if c1 <= a or c0 >= b:
                nxt.append((a, b))
                continue
            nxt += [iv for iv in ((a, c0), (c1, b)) if iv[1] - iv[0] >= least]
        free = nxt
    return free


def river_bounds(
    names: list[tuple[float, float]], lines: list[_TLine], size: float
) -> tuple[list[float], int]:
    """Where the columns under ``names`` part: in each gap between two names, the middle of
    the widest strip no line covers; and how many of ``lines`` (from the first) keep such a
    strip in every gap (the first line that crosses one is no line of the table)."""
    least = RIVER * size
    free = [
        [(a[1], b[0])] if b[0] - a[1] >= least else []
        for a, b in zip(names, names[1:], strict=False)
    ]
    if any(not f for f in free):
        return [], 0
    n = 0
    for ln in lines:
        cov = _covered(ln)
        nxt = [_minus(f, cov, least) for f in free]
        if any(not f for f in nxt):
            break
        free, n = nxt, n + 1
    bounds = [sum(max(f, key=lambda iv: iv[1] - iv[0])) / 2 for f in free]
    return bounds, n


def cut_at(ln: _TLine, bounds: list[float], is_bold) -> list[_Part]:
    """A line's characters to the columns between ``bounds``, by where each one stands."""
    by_col: dict[int, list[dict]] = {}
    for ch in ln.chars:
        mid = (ch["x0"] + ch["x1"]) / 2
        by_col.setdefault(sum(b < mid for b in bounds), []).append(ch)
    parts = []
    for c in sorted(by_col):
        chs = sorted(by_col[c], key=lambda ch: ch["x0"])
        bold = sum(is_bold(ch["fontname"]) for ch in chs) * 2 > len(chs)
        parts.append(_Part(c, _chars_text(chs), chs[0]["x0"], max(ch["x1"] for ch in chs), bold))
    return parts


def _spread(xs: list[float]) -> float:
    return max(xs) - min(xs) if xs else 0.0


def aligned_columns(body: list[tuple[_TLine, list[_Part]]], n_cols: int, size: float) -> bool:
    """Every column's text aligned down the table: its words start at one x (left-aligned)
    or its figures end at one x (right-aligned), or either is centred on one x. Text merely
    set beside text is not aligned so."""
    tol = ALIGN * size
    for c in range(n_cols):
        for values in (False, True):
            ps = [
                p for _, parts in body for p in parts if p.col == c and _is_value(p.text) == values
            ]
            if len(ps) < 2:
                continue
            if not (
                _spread([p.x0 for p in ps]) <= tol
                or _spread([p.x1 for p in ps]) <= tol
                or _spread([(p.x0 + p.x1) / 2 for p in ps]) <= 2 * tol
            ):
                return False
    return True


def _centred_header(lines: list[_TLine], i: int, is_bold, is_italic) -> int:
    """The number of lines of a header at ``i`` whose names may be centred: the line and
    bold lines right under it whose every name stands under one of its names."""
    ln = lines[i]
    names = header_names([ln], is_bold, is_italic)
    n = 1
    while (
        all(s.bold for s in ln.segs)
        and i + n < len(lines)
        and all(s.bold and _is_name(s.text) for s in lines[i + n].segs)
        and lines[i + n].top - lines[i + n - 1].bottom < HEAD_LINE_GAP * ln.size
        and all(sum(min(s.x1, b) > max(s.x0, a) for a, b in names) == 1 for s in lines[i + n].segs)
    ):
        n += 1
    return n


def _river_grid(lines, i, is_bold, is_italic):
    """The table under the header at ``i`` with columns parted by rivers, and the index of
    the line after it; None where there is none."""
    size = lines[i].size
    n_head = _centred_header(lines, i, is_bold, is_italic)
    head = lines[i : i + n_head]
    names = header_names(head, is_bold, is_italic)
    if len(names) < MIN_COLUMNS:
        return None
    j = i + n_head
    while j < len(lines) and lines[j].top - lines[j - 1].bottom <= MAX_ROW_GAP * size:
        j += 1
    bounds, n = river_bounds(names, lines[i + n_head : j], size)
    if n < MIN_ROWS:
        return None
    body_lines = lines[i + n_head : i + n_head + n]
    cut = _cut_under(head, body_lines, bounds, len(names), size, is_bold)
    if cut is None:
        return None
    head_lines, body = cut
    table = build_grid(head_lines, body, len(names), size)
    if table is None:
        return None
    return table, head, body_lines


def _cut_under(head, body_lines, bounds, n_cols: int, size: float, is_bold):
    """The header's and the body's lines cut into the columns between ``bounds``, or None
    where the body's columns do not align or a header name spans two columns."""
    body = [(ln, cut_at(ln, bounds, is_bold)) for ln in body_lines]
    if not aligned_columns(body, n_cols, size):
        return None
    head_lines = [cut_at(ln, bounds, is_bold) for ln in head]
    if any(len({p.col for p in parts}) != len(parts) for parts in head_lines):
        return None
    return head_lines, body


def ruled_grid(bands: list[list[_TLine]], is_bold, is_italic) -> Table | None:
    """A table between horizontal rules (``bands``: the lines between each two rules, the
    header's first) where a band holds several rows: a rule over and under the header and
    one under the table, none between the rows (or rules under some rows only). Inside a
    band a row starts at a line with text in the first column and another one (not going
    on in lower case), set apart by padding where the table's rows are padded. None where
    every band is one row (read band by band) or the columns do not part cleanly."""
    head, body_bands = bands[0], bands[1:]
    body_lines = [ln for b in body_bands for ln in b]
    size = sorted(ln.size for ln in body_lines)[len(body_lines) // 2]
    names = header_names(head, is_bold, is_italic)
    if len(names) < 2:
        return None
    bounds, n = river_bounds(names, body_lines, size)
    if n < len(body_lines):
        return None  # a line crosses a column: text, or columns the names do not show
    cut = _cut_under(head, body_lines, bounds, len(names), size, is_bold)
    if cut is None:
        return None
    head_lines, body = cut
    inner = [b[k + 1].top - b[k].top for b in body_bands for k in range(len(b) - 1)]
    if not inner:
        return None
    spacing = min(inner)
    padded = any(p > spacing + ROW_PADDING * size for p in inner)
    breaks: set[int] = set()
    k = 0
    for b in body_bands:
        breaks.add(k)
        for m in range(1, len(b)):
            parts = body[k + m][1]
            first = parts[0].text if parts[0].col == 0 else ""
            starts_row = bool(first) and len(parts) >= 2 and not first[:1].islower()
            pitch = b[m].top - b[m - 1].top
            if starts_row and (
                pitch > spacing + ROW_PADDING * size if padded else len(body_bands) == 1
            ):
                breaks.add(k + m)
        k += len(b)
    if len(breaks) <= len(body_bands):
        return None  # a row a band
    return build_grid(head_lines, body, len(names), size, breaks=breaks, ruled=True)


def find_text_grids(
    text: PageText,
    *,
    is_bold,
    is_italic,
    column_gap: float = 1.5,
    top_limit: float = 0.0,
    bottom_limit: float = float("inf"),
) -> list[tuple[Table, tuple[float, float, float, float]]]:
    """Tables of wrapped text with no rules in a page's text (outside the tables found
    before), with their bboxes."""
    lines = lines_between(text, column_gap, is_bold, is_italic, top_limit, bottom_limit)
    found: list[tuple[Table, tuple[float, float, float, float]]] = []
    i = 0
    while i < len(lines):
        got = _header(lines, i, is_bold, is_italic)
        if got is None:
            i += 1
            continue
        starts, n_head = got
        size = lines[i].size
        head = lines[i : i + n_head]
        body: list[tuple[_TLine, list[_Part]]] = []
        j = i + n_head
        while j < len(lines):
            ln = lines[j]
            if ln.top - lines[j - 1].bottom > MAX_ROW_GAP * size:
                break
            parts = _cut(ln, starts, is_bold)
            if parts is None:
                break
            body.append((ln, parts))
            j += 1
        table = _rows(head, body, starts, size, is_bold)
        if table is None:
            # names centred over their columns: the columns part where no line crosses
            got_river = _river_grid(lines, i, is_bold, is_italic)
            if got_river is None:
                i += 1
                continue
            table, head, body_lines = got_river
            body = [(ln, []) for ln in body_lines]
            j = i + len(head) + len(body)
        lines_in = [*head, *(ln for ln, _ in body)]
        x0 = min(ch["x0"] for ln in lines_in for ch in ln.chars)
        x1 = max(ch["x1"] for ln in lines_in for ch in ln.chars)
        found.append((table, (x0, head[0].top, x1, body[-1][0].bottom)))
        i = j
    return found


def _short_column(rows: list[dict[int, str]], c: int) -> bool:
    """A column of short entries in most rows (a figure, a score, a status, a name): every
    table of the sector has one — prose set in columns has none."""
    cells = [r[c] for r in rows if r[c]]
    short = [x for x in cells if len(x.split()) <= SHORT_WORDS]
    return len(cells) * 2 >= len(rows) and len(short) * 3 >= 2 * len(cells)


def _rows(head, body, starts, size, is_bold) -> Table | None:
    head_lines = [p for p in (_cut(ln, starts, is_bold) for ln in head) if p]
    return build_grid(head_lines, body, len(starts), size)


def build_grid(
    head_lines: list[list[_Part]],
    body: list[tuple[_TLine, list[_Part]]],
    n_cols: int,
    size: float,
    *,
    breaks: set[int] | None = None,
    ruled: bool = False,
) -> Table | None:
    """A table from its header lines' parts and its body lines cut into columns. ``breaks``:
    body lines that start a row whatever their layout (the first line under a rule);
    ``ruled``: the table is bounded by rules, so rows of one line are rows too."""
    if len(body) < MIN_ROWS:
        return None
    head_parts = [p for parts in head_lines for p in parts]
    head_bold = all(p.bold for p in head_parts)
    if head_bold and all(p.bold for _, parts in body for p in parts):
        return None  # bold throughout: no header of its own
    pitches = [b.top - a.top for (a, _), (b, _) in zip(body, body[1:], strict=False)]
    spacing = min(pitches) if pitches else 0.0
    padded = any(p > spacing + ROW_PADDING * size for p in pitches)
    rows: list[list[list[_Part]]] = []
    for k, (_, parts) in enumerate(body):
        if not rows:
            rows.append([parts])
            continue
        if breaks is not None:
            new = k in breaks
        elif padded:
            new = pitches[k - 1] > spacing + ROW_PADDING * size
        else:
            first = parts[0].text if parts[0].col == 0 else ""
            new = bool(first) and len(parts) >= 2 and not first[:1].islower()
        if new:
            rows.append([parts])
        else:
            rows[-1].append(parts)
    if len(rows) < MIN_ROWS or not (ruled or any(len(r) >= 2 for r in rows)):
        return None  # one line a row: read by the figures' alignment, or no table
    filled = sum(len({p.col for parts in r for p in parts}) >= 2 for r in rows)
    if filled * 2 < len(rows) + 1:
        return None
    texts_by_row = [
        {c: " ".join(p.text for parts in r for p in parts if p.col == c) for c in range(n_cols)}
        for r in rows
    ]
    if not any(_short_column(texts_by_row, c) for c in range(n_cols)):
        return None  # every column long text: prose set in columns, not a table
    cells: list[Cell] = []
    for r, row in enumerate([head_lines, *rows]):
        texts: dict[int, list[str]] = {}
        bold: dict[int, list[bool]] = {}
        for parts in row:
            for p in parts:
                texts.setdefault(p.col, []).append(p.text)
                bold.setdefault(p.col, []).append(p.bold)
        cells += row_cells(r, n_cols, texts, bold)
    return Table(n_rows=1 + len(rows), n_cols=n_cols, cells=cells)


__all__ = ["find_text_grids"]
