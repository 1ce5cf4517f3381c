"""Tables without vertical rules in born-digital PDFs: columns found from the text itself.

Budget tables are often drawn with horizontal rules only, or none: a label on the left and
right-aligned numbers in columns. pdfplumber's ``find_tables`` needs lines for both
directions, so such tables arrive as text. This module finds them from character positions:

1. each text line is cut into *segments* where the gap between characters is wider than
   ``column_gap`` × font size (a word space is much narrower);
2. a *data line* is one whose segments after the first are numbers (or a dash);
3. a run of at least ``min_table_rows`` data lines, with label-only lines allowed between
   them (section rows, wrapped labels), is a table; its value columns are the clusters of
   the numbers' right edges;
4. up to ``max_header_lines`` lines right above the first data line whose segments sit over
   the value columns are the header; a segment over several columns is a grouped header
   cell spanning them, and header lines are merged per column ("Budget-" / "avvikelse");
5. a label line followed by a line starting in lower case is one wrapped row.

The result is a :class:`~styrdata.extract.model.Table` like any other, so page-spanning stitching,
header detection and the domain extractors treat it alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import itemgetter

from styrdata.extract.model import Cell, Table
from styrdata.normalize.numbers import parse_number
from styrdata.normalize.text import clean, join_lines


@dataclass
class _Seg:
    text: str
    x0: float
    x1: float
    bold: bool
    italic: bool


@dataclass
class _TLine:
    segs: list[_Seg]
    top: float
    bottom: float
    size: float
    chars: list[dict]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segs)


_DASH = {"-", "–", "—", "−"}


# a target printed with its comparison ("≥ 85", "< 390"): a value like any other
_OPERATOR = re.compile(r"^\s*(?:[<>≤≥=]=?|[<>]\s*=)\s*")


# A trend arrow or a status symbol set as a character ("↑", "↓", "●") stands in a cell of
# a figures' table as a figure does: it is no label text.
_SYMBOLS = set("↑↓→←↗↘↙↖⇧⇩⬆⬇▲▼△▽►◄●○◐◑■□◆◇★☆✓✔✗✘")


def _is_value(text: str) -> bool:
    t = text.strip()
    if t and all(ch in _SYMBOLS for ch in t.replace(" ", "")):
        return True
    text = _OPERATOR.sub("", text)
    return text.strip() in _DASH or parse_number(text) is not None


NUMBER_GAP = 0.8  # × font size: two numbers this far apart are two cells
_DIGIT_END = set("0123456789%")
_DIGIT_START = set("0123456789-−–")


def _segments(vis: list[dict], gap: float, is_bold, is_italic, size: float) -> list[_Seg]:
    """Cut one line's characters (sorted by x) where the gap exceeds ``gap`` points;
    ``size``: the line's font size, the median of its characters' (:func:`line_size`)."""
    return [_segment(g, is_bold, is_italic, size) for g in _cut_at_gaps(vis, gap, size)]


def _cut_at_gaps(vis: list[dict], gap: float, size: float) -> list[list[dict]]:
    """The characters of each of a line's segments (:func:`_segments`)."""
    groups: list[list[dict]] = [[vis[0]]]
    for ch in vis[1:]:
        prev = groups[-1][-1]
        space = ch["x0"] - prev["x1"]
        if space > gap or (
            # numbers of neighbouring columns set closer than a column gap ("-86 822
            # -90 753"): wider than any thousands space, a digit on either side
            space > NUMBER_GAP * size
            and (prev["text"][-1:] in _DIGIT_END or prev["text"][-1:] in _SYMBOLS)
            and (ch["text"][:1] in _DIGIT_START or ch["text"][:1] in _SYMBOLS)
        ):  # … or a trend arrow or symbol beside a number ("70  ↑")
            groups.append([ch])
        else:
            groups[-1].append(ch)
    return groups


def _segment(g: list[dict], is_bold, is_italic, size: float) -> _Seg:
    word_space = 0.2 * size
    parts: list[str] = []
    prev = None
    for ch in g:
        if prev is not None and ch["x0"] - prev["x1"] > word_space:
            parts.append(" ")
        parts.append(ch["text"])
        prev = ch
    return _Seg(
        clean("".join(parts)),
        g[0]["x0"],
        g[-1]["x1"],
        sum(is_bold(c["fontname"]) for c in g) * 2 > len(g),
        sum(is_italic(c["fontname"]) for c in g) * 2 > len(g),
    )


_TOP_X0 = itemgetter("top", "x0")


def line_size(vis: list[dict]) -> float:
    """A line's font size: the median of its characters' (the upper one of an even count)."""
    return sorted(c["size"] for c in vis)[len(vis) // 2]


def char_rows(chars: list[dict]) -> list[list[dict]]:
    """Characters clustered into text rows: tops within 0.4 × font size, top to bottom."""
    rows: list[list[dict]] = []
    for ch in sorted(chars, key=_TOP_X0):
        if rows and ch["top"] - rows[-1][0]["top"] < 0.4 * max(ch["size"], 1):
            rows[-1].append(ch)
        else:
            rows.append([ch])
    return rows


def row_cells(
    row: int, n_cols: int, texts: dict[int, list[str]], bold: dict[int, list[bool]]
) -> list[Cell]:
    """One row's cells from each column's text lines and their boldness (row 0 the header):
    wrapped lines joined, bold when every line of the cell is."""
    return [
        Cell(
            row=row,
            col=k,
            text=clean(join_lines(texts.get(k, []))),
            is_header=row == 0,
            bold=bool(bold.get(k)) and all(bold[k]),
        )
        for k in range(n_cols)
    ]


class PageText:
    """Characters of one page left to read as text, with their rows and text lines worked
    out once: the text tables, the text grids and the page's lines (when neither took any
    of them) start from the same rows."""

    def __init__(self, chars: list[dict]):
        self.chars = chars
        self._rows: list[list[dict]] | None = None
        self._lines: dict[tuple, list[_TLine]] = {}

    @property
    def rows(self) -> list[list[dict]]:
        """:func:`char_rows` of the characters."""
        if self._rows is None:
            self._rows = char_rows(self.chars)
        return self._rows

    def lines(self, gap_ratio: float, is_bold, is_italic) -> list[_TLine]:
        """The rows' text lines, cut into segments at ``gap_ratio`` × font size."""
        key = (gap_ratio, is_bold, is_italic)
        if key not in self._lines:
            self._lines[key] = _row_lines(self.rows, gap_ratio, is_bold, is_italic)
        return self._lines[key]


def lines_between(
    text: PageText, column_gap: float, is_bold, is_italic, top: float, bottom: float
) -> list[_TLine]:
    """The text lines of a page's text that lie between ``top`` and ``bottom`` (the page's
    body, its running header and footer left out)."""
    return [
        ln
        for ln in text.lines(column_gap, is_bold, is_italic)
        if top <= ln.top and ln.bottom <= bottom
    ]


def _lines(chars: list[dict], gap_ratio: float, is_bold, is_italic) -> list[_TLine]:
    return _row_lines(char_rows(chars), gap_ratio, is_bold, is_italic)


def _row_lines(rows: list[list[dict]], gap_ratio: float, is_bold, is_italic) -> list[_TLine]:
    out: list[_TLine] = []
    for row in rows:
        vis = sorted((c for c in row if not c["text"].isspace()), key=lambda c: c["x0"])
        if not vis:
            continue
        size = line_size(vis)
        out.append(
            _TLine(
                _segments(vis, gap_ratio * size, is_bold, is_italic, size),
                min(c["top"] for c in vis),
                max(c["bottom"] for c in vis),
                size,
                vis,
            )
        )
    return out


# a year, or a year and month as period headers write it ("202604")
_YEAR_SEG = re.compile(r"^\(?(?:19|20)\d\d(?:0[1-9]|1[0-2])?\)?$")


def _is_data(ln: _TLine) -> bool:
    """A label followed by values; a line of years only ("(tkr) 2026 2027") is a header."""
    vals = ln.segs[1:]
    return (
        len(ln.segs) >= 2
        and all(_is_value(s.text) for s in vals)
        and not all(_YEAR_SEG.match(s.text.strip()) for s in vals)
    )


def _anchors(lines: list[_TLine], tol: float) -> list[float]:
    """Right edges of the value columns: clusters of the numbers' right edges."""
    edges = sorted(s.x1 for ln in lines if _is_data(ln) for s in ln.segs[1:])
    clusters: list[list[float]] = []
    for e in edges:
        if clusters and e - clusters[-1][-1] <= tol:
            clusters[-1].append(e)
        else:
            clusters.append([e])
    return [max(c) for c in clusters]


def _col_of(seg: _Seg, anchors: list[float], tol: float) -> int | None:
    best = min(range(len(anchors)), key=lambda i: abs(anchors[i] - seg.x1))
    return best if abs(anchors[best] - seg.x1) <= tol else None


def _header_cols(seg: _Seg, anchors: list[float], label_right: float, size: float) -> list[int]:
    """Value columns (0-based) a header segment belongs to; several for a grouped header."""
    near = _col_of(seg, anchors, 0.9 * size)
    if near is not None:
        return [near]  # right-aligned over its column
    ranges = [(anchors[c - 1] if c else label_right, a) for c, a in enumerate(anchors)]
    cols = [
        c
        for c, (lo, hi) in enumerate(ranges)
        if min(seg.x1, hi) - max(seg.x0, lo) > 0.3 * max(hi - lo, 1)
    ]
    if cols:
        return cols
    mid = (seg.x0 + seg.x1) / 2
    return [min(range(len(anchors)), key=lambda c: abs(anchors[c] - mid))]


HEADER_GAP = 0.6  # × font size: header words of neighbouring columns stand this close
MAX_SECTION_ROWS = 2  # section rows between a table's header and its first figures


def _rule_between(
    rules: list[tuple[float, float, float]], top: float, bottom: float, x0: float, x1: float
) -> bool:
    """A horizontal rule across most of ``x0``–``x1`` between ``top`` and ``bottom``."""
    width = max(x1 - x0, 1.0)
    return any(
        top - 1 <= y <= bottom + 1 and min(r1, x1) - max(r0, x0) >= 0.8 * width
        for r0, r1, y in rules
    )


def _over_columns(
    ln: _TLine, anchors: list[float], label_right: float, header_gap: float = 0.6
) -> bool:
    """Two or more segments over the value columns, each over a column of its own (cut
    finer than data: header words of neighbouring columns stand close)."""
    segs = _segments(ln.chars, header_gap * ln.size, lambda _: False, lambda _: False, ln.size)
    over = [sg for sg in segs if sg.x1 > label_right]
    if len(over) < 2 or len(over) < len(segs) - 1:
        return False
    cols = [_header_cols(sg, anchors, label_right, ln.size) for sg in over]
    return all(len(c) == 1 for c in cols) and len({c[0] for c in cols}) == len(cols)


_TRAILING_NUMBER = re.compile(r"\s([-−–]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)$")


def _continues(text: str) -> bool:
    """A label-only line that goes on from the row above: lower case, a bracket
    ("(%)", "(exkl. moms)"), or a lone unit sign ("%", "‰": no letter, no figure)."""
    return text[:1].islower() or text[:1] == "(" or not re.search(r"[^\W_]", text)


def _wraps_forward(text: str, next_text: str) -> bool:
    """A label line that goes on in the next line ('… (avtal inom' / 'LOU, LOL)')."""
    return text.endswith("-") or text.count("(") > text.count(")") or next_text[:1].islower()


def _group_columns(
    segs: list[_Seg], anchors: list[float], label_right: float, size: float
) -> dict[int, list[int]]:
    """Group headers over the value columns ("Ack. t.o.m. juni" and "Helår 2026", each
    centred over its columns): with two or more on a line and fewer than the columns, every
    value column belongs to the group header nearest its middle."""
    over = [sg for sg in segs if sg.x1 > label_right - 0.5 * size]
    if len(over) < 2 or len(over) >= len(anchors):
        return {}
    lefts = [label_right, *anchors[:-1]]
    mids = [(lo + hi) / 2 for lo, hi in zip(lefts, anchors, strict=True)]
    out: dict[int, list[int]] = {id(sg): [] for sg in over}
    for c, m in enumerate(mids):
        near = min(over, key=lambda sg: abs((sg.x0 + sg.x1) / 2 - m))
        out[id(near)].append(c)
    if any(not cols or cols != list(range(cols[0], cols[-1] + 1)) for cols in out.values()):
        return {}  # not groups of neighbouring columns
    return out


def _header_rows(
    header: list[_TLine],
    anchors: list[float],
    label_right: float,
    is_bold,
    is_italic,
    header_gap: float = 0.6,
) -> list[list[tuple[int, int, str, bool]]]:
    """Header lines → rows of (col, span, text, bold); a cell wrapped onto the next header
    line ("Budget-" / "avvikelse") is joined into the line where it starts."""
    size = header[0].size
    rows: list[dict[int, list]] = []
    for k, ln in enumerate(header):
        cells: dict[int, list] = {}
        # finer cut than for data: header words of neighbouring columns stand close
        segs = _segments(ln.chars, header_gap * size, is_bold, is_italic, ln.size)
        groups = _group_columns(segs, anchors, label_right, size) if k < len(header) - 1 else {}
        for sg in segs:
            if sg.x1 <= label_right - 0.5 * size:
                col, span = 0, 1
            elif id(sg) in groups:
                cols = groups[id(sg)]
                col, span = cols[0] + 1, len(cols)
            else:
                cols = _header_cols(sg, anchors, label_right, size)
                col, span = cols[0] + 1, len(cols)
            if col in cells:
                cells[col][1] = max(cells[col][1], span)
                cells[col][2].append(sg.text)
            else:
                cells[col] = [col, span, [sg.text], sg.bold]
        rows.append(cells)
    for k in range(len(rows) - 1):
        for col, cell in list(rows[k].items()):
            below = rows[k + 1].get(col)
            if below and (cell[2][-1].endswith("-") or below[2][0][:1].islower()):
                cell[2].extend(below[2])
                del rows[k + 1][col]
    return [
        [(c[0], c[1], clean(join_lines(c[2])), c[3]) for c in sorted(r.values())] for r in rows if r
    ]


def find_text_tables(
    text: PageText,
    *,
    is_bold,
    is_italic,
    column_gap: float = 1.5,
    min_table_rows: int = 3,
    max_header_lines: int = 3,
    top_limit: float = 0.0,
    bottom_limit: float = float("inf"),
    max_row_gap: float = 1.6,
    rules: list[tuple[float, float, float]] | None = None,
    header_gap: float = HEADER_GAP,
) -> list[tuple[Table, tuple[float, float, float, float]]]:
    """Unruled tables in a page's text (outside ruled tables), with their bboxes.
    ``rules``: the page's horizontal rules as (x0, x1, y): a rule over a table's header
    ends the header (a caption above it is no header line)."""
    lines = lines_between(text, column_gap, is_bold, is_italic, top_limit, bottom_limit)
    found: list[tuple[Table, tuple[float, float, float, float]]] = []
    i = 0
    while i < len(lines):
        if not _is_data(lines[i]):
            i += 1
            continue
        # extend the run: data lines, and label-only lines between them
        run = [i]
        j = i + 1
        while j < len(lines):
            gap = lines[j].top - lines[j - 1].bottom
            if gap > max_row_gap * lines[j].size:
                break
            if _is_data(lines[j]) or len(lines[j].segs) == 1:
                run.append(j)
                j += 1
                continue
            break
        while run and not _is_data(lines[run[-1]]):
            run.pop()  # a trailing label-only line belongs to the text after the table
        data = [k for k in run if _is_data(lines[k])]
        if len(data) < min(min_table_rows, 2):
            i = j if j > i else i + 1
            continue
        # a label wrapped above the first row of numbers belongs to the table
        while (
            run[0] > 0
            and len(lines[run[0] - 1].segs) == 1
            and lines[run[0]].top - lines[run[0] - 1].bottom < 0.6 * lines[run[0]].size
            and _wraps_forward(lines[run[0] - 1].segs[0].text, lines[run[0]].segs[0].text)
        ):
            run.insert(0, run[0] - 1)
        first = run[0]
        size = lines[i].size
        tol = 0.9 * size
        body = [lines[k] for k in run]
        anchors = _anchors(body, tol)
        label_right = min(sg.x0 for ln in body if _is_data(ln) for sg in ln.segs[1:])
        # section rows right under the header ("Gata och park" in bold, no figures) are
        # rows of the table when a header stands over them
        sections = 0
        while (
            sections < MAX_SECTION_ROWS
            and first - sections - 2 >= 0
            and len(lines[first - sections - 1].segs) == 1
            and lines[first - sections - 1].segs[0].x1 <= label_right - 0.5 * size
            and lines[first - sections].top - lines[first - sections - 1].bottom
            <= 1.2 * lines[first - sections].size
        ):
            sections += 1
        if sections:
            above = lines[first - sections - 1]
            gap = lines[first - sections].top - above.bottom
            if (
                not _is_data(above)
                and gap <= 3 * above.size
                and _over_columns(above, anchors, label_right, header_gap)
            ):
                run[:0] = list(range(first - sections, first))
                first = run[0]
        x_lo = min(sg.x0 for ln in body for sg in ln.segs)
        x_hi = max(sg.x1 for ln in body for sg in ln.segs)
        header: list[_TLine] = []
        h = first - 1
        while h >= 0 and len(header) < max_header_lines:
            ln = lines[h]
            below = header[0] if header else lines[first]
            if _is_data(ln):
                break
            if (
                header
                and ln.segs[0].x0 < label_right - 0.5 * size
                and _rule_between(rules or [], ln.bottom, below.top, x_lo, x_hi)
            ):
                # a rule over the header, and text above it from the table's left edge: a
                # caption (a group header over the value columns may stand over a rule)
                break
            if below.top - ln.bottom > 1.2 * ln.size and not (
                # a header set apart by a rule and padding still stands over its columns
                below.top - ln.bottom <= 3 * ln.size
                and _over_columns(ln, anchors, label_right, header_gap)
            ):
                break
            if not any(sg.x1 > label_right - 0.5 * size for sg in ln.segs):
                break  # nothing over the value columns: text above the table
            header.insert(0, ln)
            h -= 1
        # a header name right of every figure, with nothing under it (a status column of
        # drawn symbols, an empty comment column), is a column of its own: not part of
        # the last value column's name
        for ln in header:
            for sg in _segments(
                ln.chars, header_gap * ln.size, lambda _: False, lambda _: False, ln.size
            ):
                if sg.x0 > anchors[-1] + header_gap * size and re.search(r"[^\W\d_]{2}", sg.text):
                    if sg.x1 - anchors[-1] > tol:
                        anchors.append(sg.x1)
                    else:
                        anchors[-1] = max(anchors[-1], sg.x1)
        if len(data) < min_table_rows and not (
            header and _over_columns(header[-1], anchors, label_right, header_gap)
        ):
            # two rows of figures make a table only under a header over their columns (the
            # rest of a table on the next page, under its header repeated)
            i = j if j > i else i + 1
            continue
        rows_out: list[tuple[str, dict[int, str], bool, float]] = []
        pending: str | None = None
        pending_x = 0.0
        for n, k in enumerate(run):
            ln = lines[k]
            if not _is_data(ln):
                text = ln.segs[0].text
                nxt = lines[run[n + 1]].segs[0].text if n + 1 < len(run) else ""
                if rows_out and _continues(text) and pending is None:
                    label, vals, b, x = rows_out[-1]
                    rows_out[-1] = (join_lines([label, text]), vals, b, x)
                elif nxt and _wraps_forward(text, nxt):
                    if pending is None:
                        pending_x = ln.segs[0].x0
                    pending = text if pending is None else join_lines([pending, text])
                else:
                    rows_out.append((text, {}, ln.segs[0].bold, ln.segs[0].x0))
                continue
            vals: dict[int, str] = {}
            for sg in ln.segs[1:]:
                c = _col_of(sg, anchors, tol)
                if c is not None:
                    vals[c + 1] = sg.text
            label, x = ln.segs[0].text, ln.segs[0].x0
            # a long label ends too close to the first number to cut them apart
            # ("Generella statsbidrag och utjämning 1 311,7"): the number stands in a column
            m = _TRAILING_NUMBER.search(label)
            col0 = _col_of(ln.segs[0], anchors, tol)
            if m and m.start() > 0 and col0 is not None and col0 + 1 not in vals:
                label, vals[col0 + 1] = label[: m.start()].rstrip(), m.group(1)
            if pending is not None:
                label, pending, x = join_lines([pending, label]), None, pending_x
            rows_out.append((label, vals, ln.segs[0].bold, x))
        cells: list[Cell] = []
        head = (
            _header_rows(header, anchors, label_right, is_bold, is_italic, header_gap)
            if header
            else []
        )
        for r, row in enumerate(head):
            for col, span, text, bold in row:
                cells.append(
                    Cell(row=r, col=col, text=text, is_header=True, bold=bold, col_span=span)
                )
        r0 = len(head)
        for r, (label, vals, bold, x) in enumerate(rows_out, start=r0):
            if label:
                # the label's left edge on the page: the same on every page of a table
                # that goes on over a page break
                cells.append(Cell(row=r, col=0, text=clean(label), bold=bold, indent=round(x, 1)))
            for c, v in vals.items():
                cells.append(Cell(row=r, col=c, text=v, bold=bold))
        table = Table(n_rows=r0 + len(rows_out), n_cols=1 + len(anchors), cells=cells)
        top = (header[0] if header else lines[first]).top
        x0 = min(sg.x0 for ln in [*header, *body] for sg in ln.segs)
        x1 = max(sg.x1 for ln in [*header, *body] for sg in ln.segs)
        found.append((table, (x0, top, x1, lines[run[-1]].bottom)))
        i = run[-1] + 1
    return found


def chars_in(chars: list[dict], bbox: tuple[float, float, float, float]) -> list[dict]:
    x0, top, x1, bottom = bbox
    return [
        c
        for c in chars
        if x0 - 1 <= c["x0"]
        and c["x1"] <= x1 + 1
        and top - 1 <= c["top"]
        and c["bottom"] <= bottom + 1
    ]


# -- ruled tables whose rules do not match their text -----------------------------------
# pdfplumber builds a table's grid from its drawn lines and rectangles. Striped rows,
# row backgrounds narrower than the table or rows without a rule between them give a grid
# that does not match the text: several rows' numbers in one cell ("7 231 -86 822"), a
# label and its numbers in one cell, or every other row shifted one column. Such a table
# is read again from its characters, like an unruled table.
_NUMS_ONLY = re.compile(r"^[-−–]?\d[\d\s,.%−–-]*$")
_LABEL_AND_NUMS = re.compile(r"^\D.*?\s[-−–]?\d[\d ]*(?:,\d+)?\s+[-−–]?\d[\d ]*(?:,\d+)?$")


def _cell_faults(t: Table) -> tuple[int, int]:
    """(cells holding one value, cells holding several values or a label with its
    values)."""
    good = bad = 0
    by_row: dict[int, list[Cell]] = {}
    for c in t.cells:
        by_row.setdefault(c.row, []).append(c)
    value_cols: set[int] = set()
    max_per_row = 0
    for row in by_row.values():
        filled = [c for c in row if c.text.strip()]
        vals = [c for c in filled if _is_value(c.text)]
        value_cols.update(c.col for c in vals)
        max_per_row = max(max_per_row, len(vals))
        for c in filled:
            text = c.text.strip()
            if _is_value(text):
                good += 1
            elif _NUMS_ONLY.match(text) and len(re.findall(r"\d+", text)) >= 2:
                bad += 1
            elif len(filled) == 1 and _LABEL_AND_NUMS.match(text) and not c.is_header:
                bad += 1
    if max_per_row and len(value_cols) > 1.5 * max_per_row:
        bad += len(value_cols) - max_per_row  # rows shifted against each other
    return good, bad


def regrid(
    t: Table, chars: list[dict], bbox: tuple[float, float, float, float], **settings
) -> Table:
    """``t`` (read from drawn lines) or, when its grid does not match its text, the same
    region read from its characters as an unruled table."""
    good, bad = _cell_faults(t)
    if not bad:
        return t
    x0, top, x1, bottom = bbox
    inside = [c for c in chars if x0 - 1 <= c["x0"] and c["x1"] <= x1 + 1]
    found = find_text_tables(
        PageText(inside),
        **settings,
        min_table_rows=2,
        top_limit=top - 1,
        bottom_limit=bottom + 1,
        max_row_gap=8.0,  # one table: its blank striped rows do not end it
    )
    if len(found) != 1:
        return t
    alt = found[0][0]
    if not any(c.is_header for c in alt.cells):
        _header_from(t, alt)
    alt_good, alt_bad = _cell_faults(alt)
    if alt_bad < bad and alt_good >= 0.8 * good:
        alt.title = t.title
        return alt
    return t


def _header_from(t: Table, alt: Table) -> None:
    """Give ``alt`` the header rows of ``t`` when its columns line up with them: the header
    cells of ``t``, merged per column over its header rows, one per column of ``alt``."""
    rows: dict[int, dict[int, str]] = {}
    for c in t.cells:
        rows.setdefault(c.row, {})[c.col] = c.text.strip()
    head: dict[int, list[str]] = {}
    for r in sorted(rows):
        if any(_is_value(x) and not _YEAR_SEG.match(x) for k, x in rows[r].items() if k > 0 and x):
            break
        for k, x in rows[r].items():
            if x:
                head.setdefault(k, []).append(x)
    texts = [" ".join(head[k]) for k in sorted(head)]
    if len(texts) == alt.n_cols - 1:
        texts = ["", *texts]
    if len(texts) != alt.n_cols:
        return
    for c in alt.cells:
        c.row += 1
    alt.cells[:0] = [Cell(row=0, col=k, text=x, is_header=True) for k, x in enumerate(texts)]
    alt.n_rows += 1


# -- tables ruled between rows only ------------------------------------------------------
# Risk tables and indicator tables are often drawn with a rule between rows and none
# between columns, their cells holding text wrapped over several lines. Rules of the same
# width stacked down the page bound the rows; the header row's words, each left-aligned
# over its column, give where the columns start; every line of every row is cut into
# segments at wide gaps and each segment goes to the column it starts in.
ROW_RULE_MIN_WIDTH = 0.4  # of the page width
ROW_RULE_MIN = 3  # rules, so at least a header and one row


def row_ruled_tables(
    page, existing: list, chars: list[dict], *, is_bold, is_italic, column_gap: float = 1.5
) -> list[tuple[Table, tuple[float, float, float, float]]]:
    """Tables whose rows are bounded by full-width horizontal rules and whose columns have
    no rules, on one pdfplumber page; none that overlap ``existing`` tables."""
    width = float(page.width)
    rules = [
        e
        for e in page.edges
        if e["orientation"] == "h" and e["x1"] - e["x0"] >= ROW_RULE_MIN_WIDTH * width
    ]
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 8]
    groups: dict[tuple[int, int], list[dict]] = {}
    for e in rules:
        groups.setdefault((round(e["x0"] / 6), round(e["x1"] / 6)), []).append(e)
    out = []
    for group in groups.values():
        tops = sorted({round(e["top"], 1) for e in group})
        tops = [t for k, t in enumerate(tops) if k == 0 or t - tops[k - 1] > 4]
        if len(tops) < ROW_RULE_MIN:
            continue
        x0 = min(e["x0"] for e in group)
        x1 = max(e["x1"] for e in group)
        bbox = (x0, tops[0], x1, tops[-1])
        if any(_overlaps(bbox, t.bbox) for t in existing):
            continue
        if any(
            x0 + 2 < v["x0"] < x1 - 2 and v["top"] < tops[-1] and v["bottom"] > tops[0]
            for v in verticals
        ):
            continue  # columns ruled too: pdfplumber's own finder reads those
        table = _row_ruled(chars, tops, x0, x1, is_bold, is_italic, column_gap)
        if table is not None:
            out.append((table, bbox))
    return out


def _row_ruled(chars, tops, x0, x1, is_bold, is_italic, column_gap) -> Table | None:
    bands = []
    for top, bottom in zip(tops, tops[1:], strict=False):
        inside = [
            c for c in chars if x0 - 1 <= c["x0"] and c["x1"] <= x1 + 1
            and top <= (c["top"] + c["bottom"]) / 2 <= bottom
        ]  # fmt: skip
        bands.append(_lines(inside, column_gap, is_bold, is_italic) if inside else [])
    bands = [b for b in bands if b]
    if len(bands) < 2:
        return None
    wrapped = sum(len(b) >= 2 for b in bands[1:])
    if wrapped == 0 or wrapped < 0.3 * (len(bands) - 1):
        return None  # one line a row: a table of figures, read by its numbers' alignment
    stacked = [ln for b in bands[1:] if len(b) >= 2 for ln in b]
    if sum(_is_data(ln) for ln in stacked) * 2 > len(stacked):
        # lines of a label and its figures between two rules: rows of figures under a
        # rule above and below the header and one under the table (report style), not
        # wrapped text; read by the numbers' alignment
        return None
    # several rows in a band (rules over and under the header and under the table, none
    # between the rows): rows and columns from the text's layout
    from styrdata.extract.readers.pdf_text_grids import ruled_grid

    grid = ruled_grid(bands, is_bold, is_italic)
    if grid is not None:
        return grid
    # column starts: where the header's words start, and where words start in two rows or
    # more (a header cell's words may sit too close to cut them apart)
    support: list[list[float]] = []  # [x0, rows…]
    for r, lines in enumerate(bands):
        for ln in lines:
            for seg in ln.segs:
                hit = next((c for c in support if abs(c[0] - seg.x0) < 4), None)
                if hit is None:
                    support.append([seg.x0, r])
                elif r not in hit[1:]:
                    hit.append(r)
    starts = sorted(c[0] for c in support if 0 in c[1:] or len(c) - 1 >= 2)
    if len(starts) < 2:
        return None
    if any(
        w0 < s - 1 and w1 > s + 1 for lines in bands[1:] for ln in lines for w0, w1 in _words(ln)
        for s in starts
    ):  # fmt: skip
        return None  # a word running across a column's start: prose between rules
    cells: list[Cell] = []
    filled_rows = 0
    for r, lines in enumerate(bands):
        texts: dict[int, list[str]] = {}
        bold: dict[int, list[bool]] = {}
        for ln in lines:  # each character to the column it starts in
            parts: dict[int, list[dict]] = {}
            for ch in ln.chars:
                k = max((i for i, s in enumerate(starts) if s <= ch["x0"] + 4), default=0)
                parts.setdefault(k, []).append(ch)
            for k, chs in parts.items():
                texts.setdefault(k, []).append(_chars_text(chs))
                bold.setdefault(k, []).append(
                    sum(is_bold(c["fontname"]) for c in chs) * 2 > len(chs)
                )
        if r > 0 and len(texts) >= 2:
            filled_rows += 1
        cells += row_cells(r, len(starts), texts, bold)
    if filled_rows < 1:
        return None
    return Table(n_rows=len(bands), n_cols=len(starts), cells=cells)


def _words(ln: _TLine) -> list[tuple[float, float]]:
    """The x ranges of a line's words: characters closer than a space."""
    out: list[list[float]] = []
    for ch in sorted(ln.chars, key=lambda c: c["x0"]):
        if out and ch["x0"] - out[-1][1] <= 0.15 * ln.size:
            out[-1][1] = max(out[-1][1], ch["x1"])
        else:
            out.append([ch["x0"], ch["x1"]])
    return [(a, b) for a, b in out]


def _chars_text(chs: list[dict]) -> str:
    text, prev = "", None
    for ch in sorted(chs, key=lambda c: c["x0"]):
        if prev is not None and ch["x0"] - prev["x1"] > 0.2 * ch["size"]:
            text += " "
        text += ch["text"]
        prev = ch
    return clean(text)


def _overlaps(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])
