"""Text reader for ``.txt`` / ``.md`` dumps: markdown headings and emphasis (also the
``<b>``/``<i>`` tags some converters leave), TAB-separated tables, bullets (``-``, ``·``,
``•``, ``*`` and the OCR'd ``e``/``o``) and hard-wrapped OCR paragraphs.

Provenance is the 1-based line number where the block starts (``source_index``). The
encoding is found by :mod:`styrdata.extract.readers.encoding` (UTF-8, UTF-16 with or without
a byte order mark, Windows-1252/Latin-1), a binary file fails.
"""

from __future__ import annotations

import re

from styrdata.extract.model import Block, Cell, Document, Table
from styrdata.extract.readers import bullets
from styrdata.extract.readers.encoding import decode
from styrdata.extract.readers.pdf_text_tables import PageText, find_text_tables
from styrdata.normalize.text import clean, join_lines

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*(?:" + bullets.CLASS + r"|[-–*]|[eo](?=\s+[A-ZÅÄÖ0-9\"”]))\s+")
_NUMBERED_HEADING = re.compile(
    r"^\s*(\d{1,2}(?:\.\d{1,2}){0,4})(?:\.\s*|\s+)([A-ZÅÄÖ][^.!?]{1,100})$"
)
_TAG = re.compile(r"</?(?:b|i|u|em|strong)>", re.I)
_EMPH = re.compile(r"(\*{1,3}|_{2})(.+?)\1")
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
_FOOTNOTE_DEF = re.compile(r"\[(\d+):\s*([^\]]*)\]")


def _strip_markup(s: str) -> tuple[str, bool]:
    bold = bool(re.match(r"^\s*(<b>|\*\*)", s))
    s = _BOOKMARK.sub("", s)
    s = _TAG.sub("", s)
    s = _EMPH.sub(r"\2", s)
    s = s.replace("\\*", "*")
    return clean(s), bold


# Tables laid out with spaces (copied from a PDF, a finance system's text export): each
# character a box one unit wide on a line of its own height, read like an unruled PDF table
# (pdf_text_tables): columns at gaps of two spaces or more, numbers by their right edges.
# The font size is chosen so that one space parts words and two part columns.
_CHAR_SIZE = 1.3
_LINE_PITCH = 1.4 * _CHAR_SIZE


def _space_tables(lines: list[str]) -> dict[int, tuple[int, Table]]:
    """Tables set with runs of spaces: first line index → (last line index, table)."""
    chars = []
    for n, line in enumerate(lines):
        if "\t" in line or "  " not in line.strip():
            continue
        top = n * _LINE_PITCH
        for k, ch in enumerate(line.rstrip()):
            if not ch.isspace():
                chars.append({"text": ch, "x0": float(k), "x1": k + 1.0, "top": top,
                              "bottom": top + _CHAR_SIZE, "size": _CHAR_SIZE, "fontname": ""})  # fmt: skip
    if not chars:
        return {}
    found = find_text_tables(
        PageText(chars),
        is_bold=lambda _: False,
        is_italic=lambda _: False,
        header_gap=1.0,  # a header's words part at one space, its columns at two
    )
    out = {}
    for table, (_, top, _, bottom) in found:
        first = round(top / _LINE_PITCH)
        last = round((bottom - _CHAR_SIZE) / _LINE_PITCH)
        out[first] = (last, table)
    return out


def _title_lines(lines: list[str]) -> bool:
    """Short lines that each start a name or a title and end no sentence."""
    return len(lines) >= 2 and all(
        0 < len(ln.strip()) <= 60
        and (ln.strip()[:1].isupper() or ln.strip()[:1].isdigit())
        and not ln.rstrip().endswith((".", ",", "-", ":", ";"))
        for ln in lines
    )


def read_text(path: str) -> Document:
    with open(path, "rb") as f:
        raw, encoding_warning = decode(f.read())
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    footnotes: list[str] = []
    para: list[str] = []
    para_start = 0
    table_rows: list[tuple[int, list[str]]] = []

    def flush_para():
        nonlocal para
        if para and not blocks and _title_lines(para):
            # the title page's lines, one under the other ("ÅNGE KOMMUN" / "Kultur- och
            # fritidsnämnden" / "Delårsrapport januari–april 2026"): a paragraph each
            for k, ln in enumerate(para):
                text, bold = _strip_markup(ln)
                if text:
                    blocks.append(Block("paragraph", text, source_index=para_start + k, bold=bold))
            para = []
        if para:
            text, bold = _strip_markup(join_lines(para))
            if text:
                lines = [x for x in (_strip_markup(ln)[0] for ln in para) if x]
                blocks.append(
                    Block("paragraph", text, source_index=para_start, bold=bold, lines=lines)
                )
        para = []

    def flush_table():
        nonlocal table_rows
        if not table_rows:
            return
        rows = [r for _, r in table_rows]
        if len(rows) >= 2 or (rows and len(rows[0]) >= 3):
            n_cols = max(len(r) for r in rows)
            cells = []
            bold_rows = {}
            for ri, r in enumerate(rows):
                for ci, c in enumerate(r):
                    text, bold = _strip_markup(c)
                    if text:
                        cells.append(Cell(row=ri, col=ci, text=text, bold=bold))
                        bold_rows.setdefault(ri, []).append(bold)
            t = Table(n_rows=len(rows), n_cols=n_cols, cells=cells)
            row1_numbers = any(re.search(r"\d", c.text) for c in cells if c.row > 0)
            if row1_numbers or all(bold_rows.get(0, [False])):
                for c in cells:
                    if c.row == 0:
                        c.is_header = True
            prev = blocks[-1] if blocks else None
            t.title = (
                prev.text
                if prev is not None
                and prev.kind in ("heading", "paragraph")
                and len(prev.text) <= 160
                else None
            )
            blocks.append(Block("table", t.title or "", source_index=table_rows[0][0], table=t))
        else:  # a lone TAB line is a paragraph (e.g. a table-of-contents entry)
            for ln, r in table_rows:
                text, bold = _strip_markup(" ".join(x for x in r if x.strip()))
                if text:
                    blocks.append(Block("paragraph", text, source_index=ln, bold=bold))
        table_rows = []

    # Word's "save as text" writes one paragraph per line (long lines) and a table as one cell
    # per line, each after a TAB, with a blank line after each row.
    nonblank = [ln for ln in lines if ln.strip()]
    per_line = sum(len(ln) > 200 for ln in nonblank) >= 0.05 * max(len(nonblank), 1)
    cell_row: list[str] = []
    cell_row_start = 0
    blank_run = 0

    def width() -> int | None:
        return len(table_rows[0][1]) if table_rows else None

    def end_cell_row():
        nonlocal cell_row
        if cell_row:
            table_rows.append((cell_row_start, cell_row))
        cell_row = []

    spaced = _space_tables(lines)
    skip_to = 0
    for i, line in enumerate(lines, start=1):
        if i <= skip_to:
            continue
        if i - 1 in spaced:
            flush_para()
            end_cell_row()
            flush_table()
            last, t = spaced[i - 1]
            prev = blocks[-1] if blocks else None
            if prev is not None and prev.kind in ("heading", "paragraph") and len(prev.text) <= 160:
                t.title = prev.text
            blocks.append(Block("table", t.title or "", source_index=i, table=t))
            skip_to = last + 1
            continue
        line = line.rstrip(" \r\n")  # trailing TABs are empty table cells
        for m in _FOOTNOTE_DEF.finditer(line):
            footnotes.append(f"[{m.group(1)}] {clean(m.group(2))}")
        line = _FOOTNOTE_DEF.sub("", line)
        line = re.sub(r"\[footnoteRef:(\d+)\]", r"[\1]", line)
        if per_line and re.match(r"^\t[^\t]*$", line):
            cell = line.strip()
            if not cell and not cell_row and not table_rows:
                continue  # a lone TAB: no table
            flush_para()
            if not cell_row and table_rows and blank_run and re.match(r"(?i)indikator", cell):
                flush_table()  # a new table's header row
            if not cell_row:
                cell_row_start = i
            cell_row.append(cell)
            blank_run = 0
            if width() is not None and len(cell_row) == width():
                end_cell_row()
            continue
        if per_line and (cell_row or table_rows) and not line.strip():
            blank_run += 1
            if cell_row and (width() is None or len(cell_row) >= width()):
                end_cell_row()  # the first row sets the width
            if blank_run >= 3:
                end_cell_row()
                flush_table()
            continue
        if per_line and cell_row and cell_row[-1] and blank_run == 0 and len(line) < 200:
            cell_row[-1] = clean(cell_row[-1] + " " + line.strip())  # a cell's wrapped line
            continue
        if (
            per_line
            and not cell_row
            and table_rows
            and table_rows[-1][1][-1]
            and blank_run == 0
            and "\t" not in line
            and 0 < len(line) < 200
        ):
            # the wrapped line of a row's last cell, the row already complete
            last = table_rows[-1][1]
            last[-1] = clean(last[-1] + " " + line.strip())
            continue
        blank_run = 0
        end_cell_row()
        if "\t" in line and not line.lstrip().startswith("#"):
            flush_para()
            table_rows.append((i, [c.strip() for c in line.split("\t")]))
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        if per_line:
            flush_para()  # every line is a paragraph of its own
        m = _MD_HEADING.match(line.strip())
        if m:
            flush_para()
            text, _ = _strip_markup(m.group(2))
            if text:
                blocks.append(
                    Block("heading", text, level=len(m.group(1)), source_index=i, bold=True)
                )
            continue
        b = _BULLET.match(line)
        if b:
            flush_para()
            text, _ = _strip_markup(line[b.end() :])
            if text:
                blocks.append(
                    Block("list_item", text, source_index=i, lines=[_strip_markup(line)[0]])
                )
            continue
        nh = _NUMBERED_HEADING.match(line)
        if (
            nh
            and para
            and len(line.strip()) <= 60
            and ("." in nh.group(1) or para[-1].rstrip().endswith((".", ":")))
        ):
            flush_para()  # "6.5 Investeringsbudget" right under a paragraph, no blank line
        if nh and not para:
            text, _ = _strip_markup(line)
            blocks.append(Block("heading", text, level=nh.group(1).count(".") + 1, source_index=i))
            continue
        if not para:
            para_start = i
        # A list item wrapped onto the next line continues the item.
        if (
            not para
            and blocks
            and blocks[-1].kind == "list_item"
            and line[:1] == " "
            and line.strip()[:1].islower()
        ):
            blocks[-1].text = clean(join_lines([blocks[-1].text, line]))
            continue
        para.append(line)
    flush_para()
    end_cell_row()
    flush_table()
    for fn in footnotes:
        blocks.append(Block("footnote", fn))
    doc = Document(source_path=path, format="text", blocks=blocks, pages=None)
    if encoding_warning:
        doc.warnings.append(encoding_warning)
    return doc
