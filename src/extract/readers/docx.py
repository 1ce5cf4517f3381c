"""DOCX reader (python-docx): body order, heading levels, lists, tables with merged cells,
footnotes and images (as placeholders with their alt text). A run holding only a status
symbol ("●", "■") in a clear font colour or shading is a mark (the colour, as a PDF's drawn
symbol), not text; typed bullets and coloured words stay text.

python-docx repeats a merged cell in every grid position it covers; this reader walks the
``w:tc`` elements itself, honouring ``w:gridSpan`` (horizontal) and ``w:vMerge``
(vertical), so a merged cell appears once with its span.
"""

from __future__ import annotations

import re

import docx
from docx.oxml.ns import qn

from styrdata.extract.model import Block, Cell, Document, Table
from styrdata.extract.readers import bullets
from styrdata.extract.readers.pdf_marks import clear_colour, is_symbol_glyph
from styrdata.normalize.text import clean, join_lines

_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.I)
_LIST_STYLE = re.compile(r"list|lista|punkt", re.I)


def _para_text(p_el, skip=frozenset()) -> str:
    return join_lines(_para_lines(p_el, skip))


def _para_lines(p_el, skip=frozenset()) -> list[str]:
    """The paragraph's lines; runs in ``skip`` (status symbols read as marks) left out."""
    parts: list[str] = []
    for node in p_el.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:footnoteReference")):
        if skip and node.getparent() in skip:
            continue
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:footnoteReference"):
            parts.append(f"[{node.get(qn('w:id'))}]")
        elif node.tag == qn("w:br") and node.get(qn("w:type")) in (None, "textWrapping"):
            parts.append("\n")  # a manual line break: wrapped lines, mended like PDF lines
        else:
            parts.append(" ")
    return [x for x in (clean(line) for line in "".join(parts).split("\n")) if x]


def _run_text(r) -> str:
    return "".join(t.text or "" for t in r.iter(qn("w:t")))


def _hex(val: str | None) -> str | None:
    """A clear colour ("#e0b000") from a w:color / w:shd value; None for auto, black, grey."""
    if not val or not re.fullmatch(r"[0-9A-Fa-f]{6}", val):
        return None
    return clear_colour(tuple(int(val[k : k + 2], 16) / 255 for k in (0, 2, 4)))


def _symbol_colour(r) -> str | None:
    """The colour of a run that holds only status symbols (●, ■, ▲ …) in a clear font
    colour, or on a clear shading: the traffic light Word and reporting tools type."""
    text = _run_text(r).strip()
    if not text or not all(is_symbol_glyph(ch) for ch in text if not ch.isspace()):
        return None
    rpr = r.find(qn("w:rPr"))
    if rpr is None:
        return None
    color = rpr.find(qn("w:color"))
    hexa = _hex(color.get(qn("w:val"))) if color is not None else None
    if hexa is None:
        shd = rpr.find(qn("w:shd"))
        hexa = _hex(shd.get(qn("w:fill"))) if shd is not None else None
    return hexa


def _symbol_runs(p_el) -> list[tuple[object, str, bool]]:
    """(run, colour, opens the paragraph) of the paragraph's coloured status symbols."""
    out = []
    seen_text = False
    for r in p_el.iter(qn("w:r")):
        text = _run_text(r)
        if not text.strip():
            continue
        hexa = _symbol_colour(r)
        if hexa is not None:
            out.append((r, hexa, not seen_text))
        seen_text = True
    return out


def _leading_symbol(p_el) -> tuple[str, str] | None:
    """(symbol, colour) of a coloured symbol opening a paragraph that has text after it."""
    if p_el is None or p_el.tag != qn("w:p"):
        return None
    runs = _symbol_runs(p_el)
    if not runs or not runs[0][2]:
        return None
    r, hexa, _ = runs[0]
    rest = _para_text(p_el, frozenset({r}))
    return (_run_text(r).strip(), hexa) if rest.strip() else None


def _marks(p_el, prev, nxt) -> tuple[list[str], frozenset]:
    """Colours of the paragraph's status symbols and their runs, to leave out of its text.
    A symbol opening the paragraph as the one before or after it opens (the same symbol in
    the same colour) is a list's typed bullet, not a status."""
    runs = _symbol_runs(p_el)
    if not runs:
        return [], frozenset()
    lead = _leading_symbol(p_el)
    if lead is not None and lead in (_leading_symbol(prev), _leading_symbol(nxt)):
        runs = runs[1:]
    return [h for _, h, _ in runs], frozenset(r for r, _, _ in runs)


def _style_name(p_el, styles: dict[str, str]) -> str:
    ps = p_el.find(qn("w:pPr"))
    if ps is not None:
        st = ps.find(qn("w:pStyle"))
        if st is not None:
            return styles.get(st.get(qn("w:val")), st.get(qn("w:val")) or "")
    return ""


def _outline_level(p_el) -> int | None:
    ps = p_el.find(qn("w:pPr"))
    if ps is not None:
        ol = ps.find(qn("w:outlineLvl"))
        if ol is not None:
            return int(ol.get(qn("w:val"))) + 1
    return None


# a bullet typed (or pasted) as a glyph before the text, with no list numbering
_TYPED_BULLET = re.compile(r"^\s*" + bullets.CLASS + r"\s*(?=\S)")


def _is_list(p_el, style: str) -> bool:
    ps = p_el.find(qn("w:pPr"))
    return (ps is not None and ps.find(qn("w:numPr")) is not None) or bool(
        _LIST_STYLE.search(style)
    )


def _all_bold(p_el, skip=frozenset()) -> bool:
    runs = [r for r in p_el.iter(qn("w:r")) if r not in skip and _run_text(r).strip()]
    if not runs:
        return False
    for r in runs:
        rpr = r.find(qn("w:rPr"))
        b = rpr.find(qn("w:b")) if rpr is not None else None
        if b is None or b.get(qn("w:val")) in ("0", "false"):
            return False
    return True


def _images(p_el) -> list[str]:
    alts = []
    for dp in p_el.iter(qn("wp:docPr")):
        alts.append(clean(dp.get("descr") or dp.get("title") or dp.get("name") or ""))
    return alts


def _indent(tc) -> float:
    """The left indent, in points, of a cell's first paragraph with text (w:ind, twips)."""
    for p in tc.findall(qn("w:p")):
        if not _para_text(p).strip():
            continue
        ind = p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        if ind is None:
            return 0.0
        twips = ind.get(qn("w:left")) or ind.get(qn("w:start")) or "0"
        try:
            return int(twips) / 20
        except ValueError:
            return 0.0
    return 0.0


def _table(tbl_el) -> Table:
    cells: list[Cell] = []
    open_vmerge: dict[int, Cell] = {}
    n_cols = 0
    rows = tbl_el.findall(qn("w:tr"))
    for r, tr in enumerate(rows):
        col = 0
        trpr = tr.find(qn("w:trPr"))
        header_row = trpr is not None and trpr.find(qn("w:tblHeader")) is not None
        gb = tr.find(qn("w:trPr"))
        before = 0
        if gb is not None and gb.find(qn("w:gridBefore")) is not None:
            before = int(gb.find(qn("w:gridBefore")).get(qn("w:val")))
        col += before
        for tc in tr.findall(qn("w:tc")):
            tcpr = tc.find(qn("w:tcPr"))
            span = 1
            vmerge = None
            if tcpr is not None:
                gs = tcpr.find(qn("w:gridSpan"))
                if gs is not None:
                    span = int(gs.get(qn("w:val")))
                vm = tcpr.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val")) or "continue"
            paras = tc.findall(qn("w:p"))
            marks: list[str] = []
            skip: set = set()
            for k, p in enumerate(paras):
                got, runs = _marks(
                    p, paras[k - 1] if k else None, paras[k + 1] if k + 1 < len(paras) else None
                )
                marks += got
                skip |= runs
            text = clean(" ".join(_para_text(p, skip) for p in paras))
            bold = all(_all_bold(p, skip) for p in paras if _para_text(p, skip))
            if vmerge == "continue" and col in open_vmerge:
                open_vmerge[col].row_span += 1
            else:
                c = Cell(
                    row=r,
                    col=col,
                    text=text,
                    is_header=header_row,
                    col_span=span,
                    bold=bold and bool(text),
                    indent=_indent(tc) if text else 0.0,
                    marks=marks,
                )
                cells.append(c)
                if vmerge == "restart":
                    open_vmerge[col] = c
                else:
                    open_vmerge.pop(col, None)
            col += span
        n_cols = max(n_cols, col)
    table = Table(n_rows=len(rows), n_cols=n_cols, cells=cells)
    if not any(c.is_header for c in cells):
        row0 = [c for c in cells if c.row == 0 and c.text]
        rest = [c for c in cells if c.row > 0 and c.text]
        if row0 and (
            all(c.bold for c in row0) or (rest and not any(re.search(r"\d", c.text) for c in row0))
        ):
            for c in cells:
                if c.row == 0:
                    c.is_header = True
    return table


def _footnotes(document) -> list[tuple[str, str]]:
    part = None
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            part = rel.target_part
    if part is None:
        return []
    from lxml import etree

    root = etree.fromstring(part.blob)
    out = []
    for fn in root.findall(qn("w:footnote")):
        if fn.get(qn("w:type")) in ("separator", "continuationSeparator"):
            continue
        text = clean(" ".join(_para_text(p) for p in fn.iter(qn("w:p"))))
        if text:
            out.append((fn.get(qn("w:id")), text))
    return out


def read_docx(path: str) -> Document:
    d = docx.Document(path)
    styles = {s.style_id: s.name for s in d.styles}
    blocks: list[Block] = []
    last_heading: str | None = None
    body = d.element.body
    children = list(body.iterchildren())
    for idx, el in enumerate(children):
        if el.tag == qn("w:p"):
            for alt in _images(el):
                blocks.append(Block("image", alt, source_index=idx))
            marks, skip = _marks(
                el,
                children[idx - 1] if idx else None,
                children[idx + 1] if idx + 1 < len(children) else None,
            )
            text = _para_text(el, skip)
            if not text:
                if marks and blocks and blocks[-1].kind in ("heading", "paragraph", "list_item"):
                    blocks[-1].marks.extend(marks)  # a symbol on a line of its own, under its text
                continue
            style = _style_name(el, styles)
            m = _HEADING_STYLE.match(style)
            level = int(m.group(1)) if m else _outline_level(el)
            if style.lower() == "title":
                level = 1
            elif style.lower() == "subtitle":
                level = 2
            if level is not None and not style.lower().startswith("toc"):
                blocks.append(
                    Block("heading", text, level=level, source_index=idx, bold=True, marks=marks)
                )
                last_heading = text
            elif _is_list(el, style) or _TYPED_BULLET.match(text):
                blocks.append(
                    Block(
                        "list_item",
                        _TYPED_BULLET.sub("", re.sub(r"^[•·▪\-–*]\s*", "", text)),
                        source_index=idx,
                        lines=_para_lines(el, skip),
                        marks=marks,
                    )
                )
            else:
                blocks.append(
                    Block(
                        "paragraph",
                        text,
                        source_index=idx,
                        bold=_all_bold(el, skip),
                        lines=_para_lines(el, skip),
                        marks=marks,
                    )
                )
        elif el.tag == qn("w:tbl"):
            t = _table(el)
            prev = blocks[-1] if blocks else None
            title = None
            if prev is not None and prev.kind in ("heading", "paragraph") and len(prev.text) <= 160:
                title = prev.text
            t.title = title or last_heading
            blocks.append(Block("table", t.title or "", source_index=idx, table=t))
    for fid, text in _footnotes(d):
        blocks.append(Block("footnote", f"[{fid}] {text}"))
    cp = d.core_properties
    props = {
        k: clean(v)
        for k, v in {"Title": cp.title, "Author": cp.author, "Subject": cp.subject}.items()
        if v
    }
    return Document(source_path=path, format="docx", blocks=blocks, pages=None, properties=props)
