"""Rows a ruled table's rules do not part: a calculation pasted from a spreadsheet.

A spreadsheet range pasted into a report often draws rules and shaded boxes round its
totals only: the lines between them ("Budget 2027", "Medlemsbidrag 2026 … 86 759",
"Uppräkning … 2 603") sit in one white band with no rule between them. pdfplumber's table
finder sees that band as one cell and joins its lines into one text. A band is such a stack
when one of its cells holds two lines or more that each end in a figure set apart from its
label by a column gap, as rows of figures do (wrapped text has one figure at most, at the
end of its last line). The band is then read line by line: each text line is a row, and in
a cell that spans several of the table's columns each piece of the line goes to the column
its right edge falls in (figures are right-aligned in their column).
"""

from __future__ import annotations

from styrdata.extract.model import Cell
from styrdata.extract.readers.pdf_text_tables import _is_value, _segments, char_rows, line_size

MIN_STACKED_LINES = 2  # lines with a label and a figure, in one cell


def _is_row_line(chars: list[dict], gap: float, is_bold, is_italic) -> bool:
    """A label followed by a figure set apart from it by a column gap."""
    vis = sorted((c for c in chars if not c["text"].isspace()), key=lambda c: c["x0"])
    if not vis:
        return False
    size = line_size(vis)
    segs = _segments(vis, gap * size, is_bold, is_italic, size)
    return len(segs) >= 2 and not _is_value(segs[0].text) and _is_value(segs[-1].text)


def _is_stack(chars: list[dict], gap: float, is_bold, is_italic) -> bool:
    lines = char_rows([c for c in chars if not c["text"].isspace()])
    return sum(_is_row_line(ln, gap, is_bold, is_italic) for ln in lines) >= MIN_STACKED_LINES


def column_edges(rows) -> list[tuple[float, float]]:
    """Each grid column's (x0, x1) from pdfplumber's rows: a cell not merged with the next."""
    n = max((len(r.cells) for r in rows), default=0)
    edges: list[tuple[float, float] | None] = [None] * n
    for r in rows:
        for c, bbox in enumerate(r.cells):
            if bbox is None or edges[c] is not None:
                continue
            if c + 1 == len(r.cells) or r.cells[c + 1] is not None:
                edges[c] = (bbox[0], bbox[2])
    return [e if e is not None else (0.0, 0.0) for e in edges]


def split_stacked_rows(
    rows: list[list[tuple[Cell, tuple, list[dict]]]],
    edges: list[tuple[float, float]],
    *,
    gap: float,
    is_bold,
    is_italic,
    cell_text,
    chars: list[dict] = (),
) -> list[list[tuple[Cell, tuple, list[dict]]]]:
    """``rows`` of (cell, bbox, visible chars) with every stacked band read line by line
    (see the module's doc); ``edges``: the grid columns' x ranges; ``cell_text``: a cell's
    characters → its text; ``chars``: the table's characters with the spaces (a thousands
    space drawn as a character)."""
    spaces = [c for c in chars if c["text"].isspace()]
    out: list[list[tuple[Cell, tuple, list[dict]]]] = []
    for row in rows:
        if not any(len(chs) > 1 and _is_stack(chs, gap, is_bold, is_italic) for _, _, chs in row):
            out.append(row)
            continue
        band = [ch for _, _, chs in row for ch in chs]
        for line in char_rows(band):
            ids = {id(ch) for ch in line}
            top = min(ch["top"] for ch in line)
            bottom = max(ch["bottom"] for ch in line)
            sub: list[tuple[Cell, tuple, list[dict]]] = []
            for cell, bbox, chs in row:
                mine = sorted((ch for ch in chs if id(ch) in ids), key=lambda c: c["x0"])
                if not mine:
                    continue
                sub.extend(
                    (_cell(cell, col, chs, is_bold, cell_text, spaces), box, chs)
                    for col, box, chs in _pieces(cell, bbox, mine, edges, (top, bottom), gap)
                )
            out.append(sub)
    return out


def _pieces(cell, bbox, chars, edges, span, gap):
    """One line of a cell as (column, bbox, chars): the whole line in the cell's column, or,
    in a cell spanning several columns, each segment in the column its right edge falls in
    (the first, the label, where the cell starts)."""
    top, bottom = span
    cols = [c for c in range(cell.col, cell.col + cell.col_span) if c < len(edges)]
    if len(cols) <= 1:
        return [(cell.col, (bbox[0], top, bbox[2], bottom), chars)]
    size = line_size(chars)
    segs = _segments(chars, gap * size, lambda _: False, lambda _: False, size)
    groups: dict[int, list[dict]] = {}
    for k, seg in enumerate(segs):
        col = cols[0]
        if k:
            col = next((c for c in cols if edges[c][0] <= seg.x1 <= edges[c][1] + 1), cols[-1])
        groups.setdefault(col, []).extend(
            c for c in chars if seg.x0 - 0.01 <= c["x0"] and c["x1"] <= seg.x1 + 0.01
        )
    return [
        (col, (bbox[0] if col == cell.col else edges[col][0], top, edges[col][1], bottom), chs)
        for col, chs in sorted(groups.items())
    ]


def _cell(cell: Cell, col: int, chars: list[dict], is_bold, cell_text, spaces) -> Cell:
    bold = sum(is_bold(c["fontname"]) for c in chars) * 2 > len(chars)
    x0, x1 = min(c["x0"] for c in chars), max(c["x1"] for c in chars)
    top, bottom = min(c["top"] for c in chars), max(c["bottom"] for c in chars)
    between = [
        c
        for c in spaces
        if x0 <= c["x0"] and c["x1"] <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]
    return Cell(row=cell.row, col=col, text=cell_text([*chars, *between]), bold=bold)
