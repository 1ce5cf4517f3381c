"""PDF reader (pdfplumber): pages → lines → headings, paragraphs, list items and tables.

What it does beyond a bare ``extract_text()``:

* drops duplicated fake-bold characters (``Page.dedupe_chars``);
* keeps ruled tables as tables (``Page.find_tables``) and keeps their text out of paragraphs;
  a table that continues on the next page (with or without a repeated header) is stitched;
* removes running headers/footers and page-number lines;
* joins hyphenated line breaks, NFC-normalizes and recombines decomposed diacritics;
* detects headings from font size, weight and numbering (1, 3.2, 3.2.1);
* marks pages without a usable text layer as needing OCR;
* reads the pictures on pages with a text layer (tables pasted as screenshots) with OCR and
  lays their words out like the text layer's (:mod:`styrdata.extract.ocr.pictures`).
"""

from __future__ import annotations

import functools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

import pdfplumber

from styrdata.extract.model import Block, Cell, Document, Table
from styrdata.extract.ocr.emblems import candidates as emblem_candidates
from styrdata.extract.ocr.emblems import read_emblems
from styrdata.extract.ocr.pages import OCR_FONT, OcrUnavailable
from styrdata.extract.ocr.pages import ocr_pages as ocr_pages_chars
from styrdata.extract.ocr.pictures import candidates as picture_candidates
from styrdata.extract.ocr.pictures import read_pictures, worth_reading
from styrdata.extract.ocr.rulings import columns_from_breaks
from styrdata.extract.ocr.words import mostly_non_words
from styrdata.extract.readers import bullets
from styrdata.extract.readers.pdf_columns import in_reading_order
from styrdata.extract.readers.pdf_marks import (
    Mark,
    find_marks,
    glyph_marks,
    image_marks,
    marks_in,
    marks_on_row,
)
from styrdata.extract.readers.pdf_objects import lean
from styrdata.extract.readers.pdf_stacked_rows import column_edges, split_stacked_rows
from styrdata.extract.readers.pdf_text_grids import find_text_grids
from styrdata.extract.readers.pdf_text_tables import (
    PageText,
    chars_in,
    find_text_tables,
    regrid,
    row_ruled_tables,
)
from styrdata.extract.readers.pdfium_objects import fast, open_pdfium
from styrdata.extract.settings import PdfSettings
from styrdata.normalize.numbers import parse_number
from styrdata.normalize.text import clean, join_lines

BULLET_RE = re.compile(
    r"^(" + bullets.CLASS + r"|[\-–—*]|o(?=\s)|\d+[.)](?=\s)|[a-z][)](?=\s))\s*"
)  # Word's Symbol-font bullet "" included: see readers/bullets.py
NUMBERED_HEADING_RE = re.compile(r"^(\d+(?:\.\d+){0,4})\.?\s+\S")
OCR_NOTE_RE = re.compile(r"^(?:\d{1,3}|[”\"’'°¹²³⁴⁵⁶⁷⁸⁹])\s+\S")
OCR_HEADING_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+[A-ZÅÄÖ][^.!?]{1,90}$")
PAGE_NUMBER_RE = re.compile(
    r"^(?:sida\s+)?\d{1,4}(?:\s*(?:\(\s*\d{1,4}\s*\)|/\s*\d{1,4}|av\s+\d{1,4}))?$", re.I
)


@dataclass
class _Line:
    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    ocr_par: tuple | None = None  # Tesseract's (block, paragraph) for an OCR'd line
    ocr_size: float = 0.0  # Tesseract's font size estimate for an OCR'd line (points)
    marks: list[str] = field(default_factory=list)  # status symbols drawn on the line
    picture: tuple | None = None  # the box of the picture the line was read from


@dataclass
class _PageItems:
    number: int
    height: float
    items: list = field(default_factory=list)  # _Line or (Table, bbox) in reading order
    margin_lines: list[_Line] = field(default_factory=list)
    pictures: dict[int, tuple] = field(default_factory=dict)  # id(Table) → picture box


@functools.cache  # asked for every character: a page has a few fonts
def _is_bold(fontname: str) -> bool:
    f = fontname.lower()
    return any(k in f for k in ("bold", "black", "heavy", "semibold", ",b"))


@functools.cache
def _is_italic(fontname: str) -> bool:
    f = fontname.lower()
    return "italic" in f or "oblique" in f


def _contains(outer: tuple, inner: tuple, tol: float = 2.0) -> bool:
    return (
        outer[0] - tol <= inner[0]
        and outer[1] - tol <= inner[1]
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
        and (outer[2] - outer[0]) * (outer[3] - outer[1])
        > (inner[2] - inner[0]) * (inner[3] - inner[1])
    )


def _inside(obj: dict, bboxes: list[tuple]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and t <= cy <= b for (x0, t, x1, b) in bboxes)


def _text_quality(chars: list[dict]) -> tuple[int, float]:
    text = "".join(c["text"] for c in chars if not c["text"].isspace())
    if not text:
        return 0, 0.0
    cid = len(re.findall(r"\(cid:\d+\)", text))
    good = sum(1 for ch in text if ch.isalnum() or ch in ".,;:!?%()-–+/&\"'”’*§")
    # A (cid:NN) run is ~8 characters of which only digits are alphanumeric: count it bad.
    good -= cid * 8
    return len(text), max(good, 0) / len(text)


def _table_from_plumber(
    tbl, chars: list[dict], marks: list[Mark] | None = None, column_gap: float = 1.5
) -> Table:
    rows = tbl.rows
    cells: list[Cell] = []
    n_cols = max((len(r.cells) for r in rows), default=0)
    # per cell: its characters, so a row that only holds a wrapped line can be joined
    got: list[list[tuple[Cell, tuple, list[dict]]]] = []
    for r, row in enumerate(rows):
        got.append([])
        for c, bbox in enumerate(row.cells):
            if bbox is None:
                continue  # covered by a merged cell
            x0, top, x1, bottom = bbox
            inside = [
                ch
                for ch in chars
                if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1
                and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom
            ]
            text = _cell_text(inside)
            visible = [ch for ch in inside if not ch["text"].isspace()]
            bold = bool(visible) and sum(_is_bold(ch["fontname"]) for ch in visible) * 2 > len(
                visible
            )
            # column span: following None positions in this row
            span = 1
            while c + span < len(row.cells) and row.cells[c + span] is None:
                span += 1
            cell = Cell(row=r, col=c, text=text, bold=bold, col_span=span)
            cell.marks = marks_in(marks or [], bbox)
            got[-1].append((cell, bbox, visible))
    # bands of stacked label-and-figure lines with no rule between them, read line by line
    got = split_stacked_rows(
        got,
        column_edges(rows),
        gap=column_gap,
        is_bold=_is_bold,
        is_italic=_is_italic,
        cell_text=_cell_text,
        chars=chars,
    )
    kept = _join_wrapped_rows(got)
    # indentation: the text's left edge from the cell's (its padding included: only the
    # difference between rows counts)
    for r, row in enumerate(kept):
        for cell, bbox, chs in row:
            cell.row = r
            # OCR'd words are placed too loosely for their indentation to mean anything
            if chs and cell.col_span == 1 and chs[0]["fontname"] != OCR_FONT:
                first = min(chs, key=lambda ch: (round(ch["top"]), ch["x0"]))
                cell.indent = round(first["x0"] - bbox[0], 1)
            cells.append(cell)
    _mark_header(cells)
    return Table(n_rows=len(kept), n_cols=n_cols, cells=cells)


# A cell's text wraps onto a line of its own, drawn as a table row of its own (Word rows
# shaded line by line, or a row per text line): the line sits as close under the text
# above as lines of one paragraph do, where real rows are parted by padding and a rule.
WRAPPED_LINE_GAP = 0.35  # × font size between the text above and the line


def _join_wrapped_rows(
    rows: list[list[tuple[Cell, tuple, list[dict]]]],
) -> list[list[tuple[Cell, tuple, list[dict]]]]:
    """Rows whose only text is wrapped lines of the row above's text cells, joined into it.
    Only under a row with a value (a data row), and only rows without values."""
    out: list[list[tuple[Cell, tuple, list[dict]]]] = []
    for row in rows:
        prev = out[-1] if out else None
        texts = [(cell, chs) for cell, _, chs in row if chs]
        if (
            prev is not None
            and texts
            and not any(_is_number(cell.text) for cell, _ in texts)
            and any(_is_number(cell.text) for cell, _, _ in prev)
        ):
            joins = []
            for cell, chs in texts:
                mid = (min(ch["x0"] for ch in chs) + max(ch["x1"] for ch in chs)) / 2
                above = next(
                    (p for p in prev if p[2] and p[1][0] <= mid <= p[1][2] and p[0].text), None
                )
                if above is None:
                    break
                size = max(ch["size"] for ch in chs)
                gap = min(ch["top"] for ch in chs) - max(ch["bottom"] for ch in above[2])
                if (
                    not (-0.2 * size < gap < WRAPPED_LINE_GAP * size)
                    or _is_number(above[0].text)
                    # a section row, set in bold: under a row in plain type, or starting
                    # with a capital under a bold row (a subtotal over the next section)
                    or (cell.bold and not above[0].bold)
                    or (cell.bold and cell.text[:1].isupper())
                ):
                    break
                joins.append((above, cell, chs))
            else:
                for above, cell, chs in joins:
                    above[0].text = clean(join_lines([above[0].text, cell.text]))
                    above[2].extend(chs)
                    above[0].marks.extend(cell.marks)
                continue
        out.append(row)
    return out


def _is_number(text: str) -> bool:
    return parse_number(text) is not None


def _cell_text(chars: list[dict]) -> str:
    if not chars:
        return ""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - ch["top"]) < 2.5:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    out = []
    for ln in lines:
        ln.sort(key=lambda c: c["x0"])
        s = ""
        prev = None
        for ch in ln:
            if (
                prev is not None
                and ch["x0"] - prev["x1"] > max(1.0, 0.25 * ch["size"])
                and not s.endswith(" ")
            ):
                s += " "
            s += ch["text"]
            prev = ch
        out.append(s)
    return clean(join_lines(out))


def _mark_header(cells: list[Cell]) -> None:
    row0 = [c for c in cells if c.row == 0 and c.text]
    if not row0:
        return
    rest = [c for c in cells if c.row > 0 and c.text]
    bold_header = all(c.bold for c in row0) and not all(c.bold for c in rest)
    numeric_body = any(re.search(r"\d", c.text) for c in rest) and not any(
        re.fullmatch(r"[-−–\d\s,.%]+", c.text) for c in row0
    )
    if bold_header or numeric_body or len({c.row for c in cells}) > 1 and not rest:
        for c in cells:
            if c.row == 0:
                c.is_header = True


def _dedupe_chars(chars: list[dict], tol: float) -> list[dict]:
    """Drop duplicated characters drawn on top of each other (fake bold), in one pass."""
    seen: set[tuple] = set()
    out = []
    for c in chars:
        k = (c["text"], round(c["x0"] / tol), round(c["top"] / tol))
        if k in seen:
            continue
        seen.add(k)
        out.append(c)
    return out


_X0 = itemgetter("x0")


def _chars_to_lines(text: PageText, number: int) -> list[_Line]:
    """Cluster characters into text lines (top within a tolerance), left to right, in
    reading order: text set in columns side by side is read column by column."""
    lines: list[_Line] = []
    rows = [r for r in text.rows if any(not c["text"].isspace() for c in r)]
    for row in in_reading_order(rows, _is_bold):
        row = sorted(row, key=_X0)
        parts: list[str] = []
        prev = None
        for ch in row:
            if (
                prev is not None
                and ch["x0"] - prev["x1"] > 0.2 * ch["size"]
                and parts
                and parts[-1] != " "
            ):
                parts.append(" ")
            parts.append(ch["text"])
            prev = ch
        vis = [c for c in row if not c["text"].isspace()]
        if not vis:
            continue
        text = clean("".join(parts))
        if not text:
            continue
        sizes = sorted(c["size"] for c in vis)
        size = sizes[len(sizes) // 2]
        bold = sum(_is_bold(c["fontname"]) for c in vis) * 2 > len(vis)
        italic = sum(_is_italic(c["fontname"]) for c in vis) * 2 > len(vis)
        lines.append(
            _Line(
                text,
                number,
                vis[0]["x0"],
                min(c["top"] for c in vis),
                vis[-1]["x1"],
                max(c["bottom"] for c in vis),
                size,
                bold,
                italic,
                vis[0].get("ocr_par"),
                statistics.median(c["ocr_size"] for c in vis) if "ocr_size" in vis[0] else 0.0,
            )
        )
    return lines


def _spaced_text(chars: list[dict]) -> str:
    """The characters' text in stream order, a space where they stand apart or a new line
    begins: enough to tell words from non-words."""
    out: list[str] = []
    prev = None
    for c in chars:
        if prev is not None and (
            abs(c["top"] - prev["top"]) > prev["size"] / 2
            or c["x0"] - prev["x1"] > 0.2 * prev["size"]
        ):
            out.append(" ")
        out.append(c["text"])
        prev = c
    return "".join(out)


def _read_page(page, number: int, s: PdfSettings) -> tuple[_PageItems, bool]:
    chars = _dedupe_chars(page.chars, s.dedupe_tolerance)
    n_chars, quality = _text_quality(chars)
    needs_ocr = (
        n_chars < s.min_text_chars
        or quality < s.min_text_quality
        or (s.min_word_share > 0 and mostly_non_words(_spaced_text(chars), s.min_word_share))
    )
    out = _PageItems(number=number, height=float(page.height))
    if needs_ocr:
        return out, True
    # coloured symbol characters are status marks, as drawn symbols are, not text
    glyphs, chars = glyph_marks(chars)
    edges = page.edges
    tables = page.find_tables(s.table_settings) if edges else []
    # A 'table' of one cell is a framed text box, not a table.
    tables = [t for t in tables if len(t.rows) * max(len(r.cells) for r in t.rows) > 1]
    # A cell's own frame inside a bigger table (a wrapped header cell boxed by itself) is
    # found as a table of its own: it is part of the bigger one.
    tables = [
        t for t in tables if not any(u is not t and _contains(u.bbox, t.bbox) for u in tables)
    ]
    row_ruled = (
        row_ruled_tables(
            page, tables, chars, is_bold=_is_bold, is_italic=_is_italic, column_gap=s.column_gap
        )
        if s.text_tables and edges
        else []
    )
    marks = find_marks([*page.rects, *page.curves]) + image_marks(page.images) + glyphs
    rules = [(e["x0"], e["x1"], e["top"]) for e in edges if e["orientation"] == "h"]
    page_items = _layout(chars, tables, number, float(page.height), s, marks, row_ruled, rules)
    return page_items, False


def _ruled_tables(path: str, rulings: dict[int, list[dict]], s: PdfSettings) -> dict[int, list]:
    """Tables of scanned pages from the ruling lines seen in their images: pdfplumber's
    table finder with those lines as explicit edges (the pages have no vector lines)."""
    out: dict[int, list] = {p: [] for p in rulings}
    with pdfplumber.open(path) as pdf:
        for p, lines in rulings.items():
            vertical = [ln for ln in lines if ln["x0"] == ln["x1"]]
            horizontal = [ln for ln in lines if ln["top"] == ln["bottom"]]
            if len(vertical) < 2:
                vertical = columns_from_breaks(horizontal)
            if len(vertical) < 2 or len(horizontal) < 2:
                continue
            settings = {
                **s.table_settings,
                "vertical_strategy": "explicit",
                "horizontal_strategy": "explicit",
                "explicit_vertical_lines": vertical,
                "explicit_horizontal_lines": horizontal,
            }
            page = pdf.pages[p - 1]
            tables = page.find_tables(settings)
            out[p] = [t for t in tables if len(t.rows) * max(len(r.cells) for r in t.rows) > 1]
            page.close()
    return out


def _layout(
    chars: list[dict],
    tables: list,
    number: int,
    height: float,
    s: PdfSettings,
    marks: list[Mark] | None = None,
    row_ruled: list | None = None,
    rules: list[tuple[float, float, float]] | None = None,
):
    """One page's characters (from the text layer or OCR) → lines and tables in order;
    ``rules``: the page's horizontal rules (x0, x1, y) for the tables found from text."""
    out = _PageItems(number=number, height=height)
    bboxes = [t.bbox for t in tables]
    body_chars = [c for c in chars if not _inside(c, bboxes)] if bboxes else chars
    margin = s.margin_ratio * height
    text_tables = []
    if row_ruled:
        taken = {id(c) for _, bbox in row_ruled for c in chars_in(body_chars, bbox)}
        body_chars = [c for c in body_chars if id(c) not in taken]
    text = PageText(body_chars)
    if s.text_tables:
        text_tables = find_text_tables(
            text,
            is_bold=_is_bold,
            is_italic=_is_italic,
            column_gap=s.column_gap,
            min_table_rows=s.min_table_rows,
            max_header_lines=s.max_header_lines,
            top_limit=s.table_margin_ratio * height,
            bottom_limit=height - s.table_margin_ratio * height,
            rules=rules,
        )
        if text_tables:
            taken = {id(c) for _, bbox in text_tables for c in chars_in(body_chars, bbox)}
            body_chars = [c for c in body_chars if id(c) not in taken]
            text = PageText(body_chars)
        # tables of wrapped text with no rules at all, found from whitespace alone
        grids = find_text_grids(
            text,
            is_bold=_is_bold,
            is_italic=_is_italic,
            column_gap=s.column_gap,
            top_limit=s.table_margin_ratio * height,
            bottom_limit=height - s.table_margin_ratio * height,
        )
        if grids:
            taken = {id(c) for _, bbox in grids for c in chars_in(body_chars, bbox)}
            body_chars = [c for c in body_chars if id(c) not in taken]
            text = PageText(body_chars)
            text_tables = [*text_tables, *grids]
    lines = _chars_to_lines(text, number)
    table_marks = [
        m
        for m in marks or []
        if any(_contains(t.bbox, (m.x0, m.top, m.x1, m.bottom)) for t in tables)
    ]
    for ln in lines:
        ln.marks = marks_on_row([m for m in marks or [] if m not in table_marks], ln.top, ln.bottom)
    items: list = []
    for ln in lines:
        if ln.bottom < margin or ln.top > height - margin:
            out.margin_lines.append(ln)
        items.append(ln)
    for t in tables:
        x0, top, x1, bottom = t.bbox
        tchars = [  # _inside(c, [t.bbox]) written out: every character of the page, per table
            c
            for c in chars
            if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
        ]
        tb = _table_from_plumber(t, tchars, table_marks, s.column_gap)
        if s.text_tables:
            tb = regrid(
                tb,
                tchars,
                t.bbox,
                is_bold=_is_bold,
                is_italic=_is_italic,
                column_gap=s.column_gap,
                max_header_lines=s.max_header_lines,
            )
            if not any(c.is_header for c in tb.cells):
                _mark_header(tb.cells)
        tb.pages = [number]
        for cell in tb.cells:
            cell.page = number
        items.append((tb, t.bbox))

    for tb, bbox in [*(row_ruled or []), *text_tables]:
        tb.pages = [number]
        for cell in tb.cells:
            cell.page = number
        if not any(c.is_header for c in tb.cells):
            _mark_header(tb.cells)
        items.append((tb, bbox))

    out.items = _in_order(items)
    return out


def _in_order(items: list) -> list:
    """Lines in their reading order (columns one after the other) with each table set
    before the first line below its top."""
    lines = [it for it in items if isinstance(it, _Line)]
    tables = sorted((it for it in items if not isinstance(it, _Line)), key=lambda t: t[1][1])
    out: list = []
    for ln in lines:
        while tables and tables[0][1][1] <= ln.top:
            out.append(tables.pop(0))
        out.append(ln)
    return out + tables


def _add_pictures(pages: list[_PageItems], found: list, path: str, s: PdfSettings) -> None:
    """Lay out what OCR read in pictures on text pages: each picture on its own (its ruling
    lines make its tables), set among the page's lines where the picture's top is. In a
    picture that holds ruled tables, a side panel left or right of them (a reporting
    tool's navigation tree) is laid out on its own and read before or after the column
    the tables stand in: its lines never run into a table's rows, and what stands over a
    table is what comes before it."""
    for pic in found:
        page = pages[pic.page - 1]
        tables = _ruled_tables(path, {pic.page: pic.rulings}, s)[pic.page]
        # a framed panel of a screenshot is no table: a table has columns
        tables = [t for t in tables if max(len(r.cells) for r in t.rows) > 1]
        if tables:
            left, right = min(t.bbox[0] for t in tables), max(t.bbox[2] for t in tables)
            middle = [(c["x0"] + c["x1"]) / 2 for c in pic.chars]
            columns = [
                ([c for c, x in zip(pic.chars, middle, strict=True) if x < left], []),
                ([c for c, x in zip(pic.chars, middle, strict=True) if left <= x <= right], tables),
                ([c for c, x in zip(pic.chars, middle, strict=True) if x > right], []),
            ]
        else:
            columns = [(pic.chars, [])]
        ordered = []
        for chars, ruled in columns:
            if not chars and not ruled:
                continue
            read = _layout(chars, ruled, pic.page, page.height, s)
            for it in read.items:
                if isinstance(it, _Line):
                    it.picture = pic.bbox
                else:
                    page.pictures[id(it[0])] = pic.bbox
            ordered += read.items
            page.margin_lines += read.margin_lines
        before = [it for it in page.items if _item_top(it) < pic.bbox[1]]
        after = [it for it in page.items if _item_top(it) >= pic.bbox[1]]
        page.items = before + ordered + after


def _item_top(it) -> float:
    return it.top if isinstance(it, _Line) else it[1][1]


def _running_lines(pages: list[_PageItems], s: PdfSettings) -> set[int]:
    """ids of margin lines that are running headers/footers or page numbers."""
    drop: set[int] = set()
    counts: Counter[str] = Counter()
    for p in pages:
        seen = set()
        for ln in p.margin_lines:
            k = re.sub(r"\d+", "#", ln.text.lower())
            if k not in seen:
                counts[k] += 1
                seen.add(k)
    threshold = max(2, s.repeat_ratio * len(pages))
    for p in pages:
        for ln in p.margin_lines:
            k = re.sub(r"\d+", "#", ln.text.lower())
            if PAGE_NUMBER_RE.match(ln.text) or counts[k] >= threshold:
                drop.add(id(ln))
    return drop


def _same_columns(a: Table, b: Table) -> bool:
    return a.n_cols == b.n_cols


def _header_texts(t: Table) -> list[str]:
    return [c.text for c in sorted(t.cells, key=lambda c: c.col) if c.row == 0]


def _row_continues(prev_row: list[Cell], row: list[Cell]) -> bool:
    """A row broken across a page: every filled cell goes on in lower case."""
    filled = [c for c in row if c.text]
    return (
        bool(filled) and all(c.text[0].islower() for c in filled) and any(p.text for p in prev_row)
    )


def _append_table(prev: Table, nxt: Table) -> None:
    """Stitch ``nxt`` (continuing on the next page) onto ``prev``."""
    skip = 1 if _header_texts(nxt) == _header_texts(prev) and any(_header_texts(prev)) else 0
    first = [c for c in nxt.cells if c.row == skip]
    last = [c for c in prev.cells if c.row == prev.n_rows - 1]
    if first and last and _row_continues(last, first):
        by_col = {c.col: c for c in last}
        for c in first:
            if c.text and c.col in by_col:
                by_col[c.col].text = clean(join_lines([by_col[c.col].text, c.text]))
            elif c.text:
                prev.cells.append(Cell(row=prev.n_rows - 1, col=c.col, text=c.text, bold=c.bold))
        skip += 1
    offset = prev.n_rows - skip
    for c in nxt.cells:
        if c.row < skip:
            continue
        prev.cells.append(
            Cell(
                row=c.row + offset,
                col=c.col,
                text=c.text,
                is_header=False,
                bold=c.bold,
                col_span=c.col_span,
                page=c.page,
                marks=c.marks,
                indent=c.indent,
            )
        )
    prev.n_rows += nxt.n_rows - skip
    prev.pages.extend(p for p in nxt.pages if p not in prev.pages)


@dataclass
class PdfPart:
    """What reading a range of a PDF's pages gives, before the document is laid out as a
    whole: the pages' lines and tables (pictures' included), which pages OCR read, and what
    to warn about. A long PDF is read in parts, one per process, and the parts laid out in
    order (:func:`assemble`) give the same document as reading it at once."""

    path: str
    n_pages: int
    first: int  # 1-based
    pages: list[_PageItems] = field(default_factory=list)
    props: dict[str, str] = field(default_factory=dict)
    ocr_pages: list[int] = field(default_factory=list)
    ocr_done: bool = False
    tilted: dict[int, float] = field(default_factory=dict)
    turned: dict[int, int] = field(default_factory=dict)
    number_languages: set[str] = field(default_factory=set)
    ocr_error: str | None = None
    pictures: list = field(default_factory=list)  # candidates on pages with a text layer
    emblems: list = field(default_factory=list)  # logos on the first page, if it has text


def page_count(path: str) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def read_part(
    path: str, settings: PdfSettings | None = None, first: int = 1, last: int | None = None
) -> PdfPart:
    """Read pages ``first``–``last`` (1-based, inclusive; all by default): their text layer,
    tables and symbols, and with OCR those without a usable text layer."""
    s = settings or PdfSettings()
    with pdfplumber.open(path) as pdf:
        n_pages = len(pdf.pages)
        last = n_pages if last is None else min(last, n_pages)
        part = PdfPart(path=path, n_pages=n_pages, first=first)
        if first == 1:
            part.props = {
                k: clean(str(v))
                for k, v in (pdf.metadata or {}).items()
                if isinstance(v, str | bytes)
            }
        with open_pdfium(path if s.pdfium else None) as pdfium_doc:
            for i in range(first, last + 1):
                page = pdf.pages[i - 1]
                with pdfium_doc.page(i - 1) as pdfium_page:
                    plumber = fast(page, pdfium_page) if pdfium_page else lean(page)
                    items, needs_ocr = _read_page(plumber, i, s)
                if needs_ocr:
                    part.ocr_pages.append(i)
                elif s.ocr.enabled and page.images:
                    size = (float(page.width), float(page.height))
                    # listed even when pictures are not read, to say how many were not
                    part.pictures += picture_candidates(i, page.images, page.chars, size, s.ocr)
                    if s.ocr.emblems and i == 1:
                        part.emblems = emblem_candidates(i, page.images, size, s.ocr)
                part.pages.append(items)
                page.close()
    if part.ocr_pages and s.ocr.enabled:
        try:
            by_page = ocr_pages_chars(path, part.ocr_pages, s.ocr)
        except OcrUnavailable as e:
            part.ocr_error = str(e)
        else:
            ruled = _ruled_tables(path, {p: o.rulings for p, o in by_page.items()}, s)
            for p_no, o in by_page.items():
                k = p_no - first
                height = o.size[1] if o.size else part.pages[k].height
                part.pages[k] = _layout(o.chars, ruled[p_no], p_no, height, s)
            part.ocr_done = True
            part.tilted = {p: o.skew for p, o in by_page.items() if o.skew}
            part.turned = {p: o.turn for p, o in by_page.items() if o.turn}
            part.number_languages = {o.number_language for o in by_page.values()} - {""}
    return part


def read_pdf(path: str, settings: PdfSettings | None = None) -> Document:
    return assemble([read_part(path, settings)], settings)


def assemble(parts: list[PdfPart], settings: PdfSettings | None = None) -> Document:
    """The parts of one PDF, in page order, laid out as one document: the pictures worth
    reading on its text pages read with OCR, running headers and footers found over all
    pages, body and heading sizes over all lines, tables continued across pages stitched."""
    s = settings or PdfSettings()
    path, n_pages = parts[0].path, parts[0].n_pages
    pages = [p for part in parts for p in part.pages]
    props = parts[0].props
    ocr_pages = [p for part in parts for p in part.ocr_pages]
    warnings: list[str] = []
    ocr_done = bool(ocr_pages) and any(part.ocr_done for part in parts)
    errors = [part.ocr_error for part in parts if part.ocr_error]
    if errors:
        if len(ocr_pages) * 2 > n_pages:
            raise OcrUnavailable(
                f"scanned PDF ({len(ocr_pages)} of {n_pages} pages without a text layer): "
                f"{errors[0]}"
            )
        warnings.append(f"pages {ocr_pages} have no text layer and were not OCR'd: {errors[0]}")
        ocr_done = False
    elif ocr_done:
        turned = {p: t for part in parts for p, t in part.turned.items()}
        if turned:
            warnings.append(
                f"{len(turned)} scanned page(s) turned upright before OCR (pages "
                + ", ".join(f"{p}: {t}°" for p, t in sorted(turned.items()))
                + "; their boxes are on the upright page)"
            )
        tilted = {p: a for part in parts for p, a in part.tilted.items()}
        if tilted:
            warnings.append(
                f"{len(tilted)} scanned page(s) straightened before OCR (up to "
                f"{max(abs(a) for a in tilted.values()):.1f}°)"
            )
        second = set().union(*(part.number_languages for part in parts))
        warnings.append(
            f"{len(ocr_pages)} of {n_pages} pages read with OCR (Tesseract {s.ocr.language}"
            + (f", numbers again with {'+'.join(sorted(second))})" if second else ")")
        )
        if s.ocr.number_language and not second:
            warnings.append(
                f"numbers not read a second time: Tesseract has no {s.ocr.number_language} "
                "model, so '%' and '−' may be misread (apt-get install tesseract-ocr-eng)"
            )
    pictures = worth_reading([c for part in parts for c in part.pictures], n_pages)
    if pictures and not s.ocr.pictures:
        warnings.append(
            f"{len(pictures)} picture(s) on pages with a text layer not read: reading "
            "pictures is turned off (what they show is not in the warehouse)"
        )
    elif pictures:
        try:
            found = read_pictures(path, pictures, s.ocr)
        except OcrUnavailable as e:
            warnings.append(f"{len(pictures)} picture(s) on text pages not read: {e}")
        else:
            _add_pictures(pages, found, path, s)
            if found:
                on = ", ".join(str(p) for p in sorted({f.page for f in found}))
                warnings.append(
                    f"{len(found)} of {len(pictures)} picture(s) on pages with a text layer "
                    f"held text and were read with OCR (pages {on})"
                )
    emblem_text: list[str] = []
    if parts[0].emblems:
        try:
            emblem_text = read_emblems(path, parts[0].emblems, s.ocr)
        except OcrUnavailable as e:
            warnings.append(f"the logo on page 1 not read: {e}")
    drop = _running_lines(pages, s)
    running_text = list(
        {
            re.sub(r"\d+", "#", it.text.strip()): it.text.strip()
            for p in pages
            for it in (*p.items, *p.margin_lines)
            if isinstance(it, _Line) and id(it) in drop and re.search(r"[^\W\d]", it.text)
        }.values()
    )
    all_lines = [
        it for p in pages for it in p.items if isinstance(it, _Line) and id(it) not in drop
    ]
    body_size = _body_size(all_lines)
    ocr_sizes = [ln.ocr_size for ln in all_lines if ln.ocr_par is not None and ln.ocr_size]
    ocr_body = statistics.median(ocr_sizes) if ocr_sizes else 0.0
    heading_sizes = sorted(
        {round(ln.size) for ln in all_lines if ln.size >= body_size * s.heading_size_ratio},
        reverse=True,
    )
    ocr_read = set(ocr_pages) if ocr_done else set()
    blocks: list[Block] = []
    for p in pages:
        kept = [it for it in p.items if not (isinstance(it, _Line) and id(it) in drop)]
        first_on_page = True
        for group in _group(kept, body_size, s):
            if isinstance(group, tuple):
                tbl, bbox = group
                prev = blocks[-1] if blocks else None
                if (
                    first_on_page
                    and prev is not None
                    and prev.table is not None
                    and prev.page is not None
                    and prev.table.pages[-1] == p.number - 1
                    and _same_columns(prev.table, tbl)
                ):
                    _append_table(prev.table, tbl)
                else:
                    tbl.title = _table_title(blocks)
                    picture = p.pictures.get(id(tbl))
                    source = "picture_ocr" if picture else "ocr" if p.number in ocr_read else "text"
                    blocks.append(
                        Block(
                            "table",
                            tbl.title or "",
                            page=p.number,
                            bbox=bbox,
                            table=tbl,
                            source=source,
                            picture=picture,
                        )
                    )
            else:
                blocks.append(_line_block(group, body_size, heading_sizes, s, p.height, ocr_body))
            first_on_page = False
    return Document(
        source_path=path,
        format="pdf",
        blocks=blocks,
        pages=n_pages,
        properties=props,
        ocr_pages=ocr_pages,
        ocr_done=ocr_done,
        warnings=warnings,
        running_text=running_text,
        emblem_text=emblem_text,
    )


def _body_size(lines: list[_Line]) -> float:
    if not lines:
        return 10.0
    weights: Counter[float] = Counter()
    for ln in lines:
        weights[round(ln.size, 1)] += len(ln.text)
    return weights.most_common(1)[0][0]


def _is_heading_line(ln: _Line, body_size: float, s: PdfSettings) -> bool:
    if len(ln.text) > s.heading_max_chars:
        return False
    if ln.size >= body_size * s.heading_size_ratio:
        return True
    return (
        ln.bold
        and not ln.text.endswith((".", ",", ":", ";"))
        and bool(re.search(r"[A-Za-zÅÄÖåäö]", ln.text))
    )


def _group(items: list, body_size: float, s: PdfSettings):
    """Yield tables as-is and runs of lines that form one paragraph/heading/list item."""
    run: list[_Line] = []
    for it in items:
        if isinstance(it, tuple):
            if run:
                yield run
                run = []
            yield it
            continue
        if run and _starts_new(run, it, body_size, s):
            yield run
            run = []
        run.append(it)
    if run:
        yield run


def _starts_new(run: list[_Line], ln: _Line, body_size: float, s: PdfSettings) -> bool:
    prev = run[-1]
    if ln.picture != prev.picture:
        return True  # a picture's text never runs on into the page's
    gap = ln.top - prev.bottom
    line_h = max(prev.bottom - prev.top, 1.0)
    if ln.ocr_par is not None and ln.ocr_par != prev.ocr_par:
        # OCR: Tesseract's paragraphs, except where it cut a sentence (the next line goes
        # on in lower case at the usual line spacing)
        return not (ln.text[:1].islower() and -2 <= gap <= s.paragraph_gap * line_h)
    if gap > s.paragraph_gap * line_h or gap < -2:
        return True
    if BULLET_RE.match(ln.text):
        return True
    if ln.ocr_par is None and (abs(ln.size - prev.size) > 0.6 or ln.bold != prev.bold):
        return True  # (OCR'd sizes are line heights, too noisy to tell a font change)
    if run[0].bold and ln.x0 < run[0].x0 - 2:
        return True
    if BULLET_RE.match(run[0].text) and ln.x0 < run[0].x0 + 3:
        return True  # a list item's continuation lines are indented past the bullet
    return False


def _line_block(
    run: list[_Line],
    body_size: float,
    heading_sizes: list[int],
    s: PdfSettings,
    page_height: float | None = None,
    ocr_body: float = 0.0,
) -> Block:
    first = run[0]
    text = clean(join_lines([ln.text for ln in run]))
    bbox = (min(ln.x0 for ln in run), first.top, max(ln.x1 for ln in run), run[-1].bottom)
    size = round(statistics.median(ln.size for ln in run), 1)
    bold = all(ln.bold for ln in run)
    common = dict(
        page=first.page,
        bbox=bbox,
        font_size=size,
        bold=bold,
        lines=[clean(ln.text) for ln in run],
        marks=[c for ln in run for c in ln.marks],
        source="picture_ocr" if first.picture else "text" if first.ocr_par is None else "ocr",
        picture=first.picture,
    )
    # OCR'd line heights are noisy: ask for a clearly larger size there
    ratio = s.heading_size_ratio * (1.25 if first.ocr_par is not None else 1.0)
    larger = size >= body_size * ratio
    if len(run) <= 3 and (
        (larger and len(text) <= 2 * s.heading_max_chars)
        # OCR has no bold and noisy sizes: a short numbered line ("3.2 Perspektiv: Process")
        or (first.ocr_par is not None and len(run) <= 2 and OCR_HEADING_RE.match(text))
        or (bold and len(text) <= s.heading_max_chars and _is_heading_line(run[-1], body_size, s))
    ):
        m = NUMBERED_HEADING_RE.match(text)
        if m:
            level = m.group(1).count(".") + 1
        elif round(size) in heading_sizes:
            level = heading_sizes.index(round(size)) + 1
        else:
            level = len(heading_sizes) + 1
        return Block("heading", text, level=level, **common)
    if (
        page_height
        and first.ocr_par is None
        and size <= body_size * s.footnote_size_ratio
        and first.top >= page_height * s.footnote_zone
        and re.match(r"\d{1,3}\s+\S", text)
    ):
        return Block("footnote", text, **common)
    # OCR'd: Tesseract's own font size estimate tells the smaller print (line boxes are too
    # noisy), and a superscript note number often comes out as a quote mark or a degree
    if (
        page_height
        and first.ocr_par is not None
        and ocr_body
        and statistics.median(ln.ocr_size for ln in run) <= ocr_body * s.footnote_size_ratio
        and first.top >= page_height * s.footnote_zone
        and OCR_NOTE_RE.match(text)
    ):
        return Block("footnote", text, **common)
    m = BULLET_RE.match(text)
    if m and text[m.end() :].strip():
        return Block("list_item", text[m.end() :].strip(), **common)
    return Block("paragraph", text, **common)


def _table_title(blocks: list[Block]) -> str | None:
    for b in reversed(blocks[-3:]):
        if b.kind in ("heading", "paragraph") and len(b.text) <= 160:
            return b.text
        if b.kind == "table":
            return None
    return None
