"""DOCX reader (python-docx): body order, heading levels, lists, tables with merged cells,
footnotes and images (as placeholders with their alt text).

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
from styrdata.normalize.text import clean, join_lines

_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.I)
_LIST_STYLE = re.compile(r"list|lista|punkt", re.I)


def _para_text(p_el) -> str:
    return join_lines(_para_lines(p_el))


def _para_lines(p_el) -> list[str]:
    parts: list[str] = []
    for node in p_el.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:footnoteReference")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:footnoteReference"):
            parts.append(f"[{node.get(qn('w:id'))}]")
        elif node.tag == qn("w:br") and node.get(qn("w:type")) in (None, "textWrapping"):
            parts.append("\n")  # a manual line break: wrapped lines, mended like PDF lines
        else:
            parts.append(" ")
    return [x for x in (clean(line) for line in "".join(parts).split("\n")) if x]


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


def _all_bold(p_el) -> bool:
    runs = [
        r for r in p_el.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()
    ]
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
            text = clean(" ".join(_para_text(p) for p in tc.findall(qn("w:p"))))
            bold = all(_all_bold(p) for p in tc.findall(qn("w:p")) if _para_text(p))
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
    for idx, el in enumerate(body.iterchildren()):
        if el.tag == qn("w:p"):
            for alt in _images(el):
                blocks.append(Block("image", alt, source_index=idx))
            text = _para_text(el)
            if not text:
                continue
            style = _style_name(el, styles)
            m = _HEADING_STYLE.match(style)
            level = int(m.group(1)) if m else _outline_level(el)
            if style.lower() == "title":
                level = 1
            elif style.lower() == "subtitle":
                level = 2
            if level is not None and not style.lower().startswith("toc"):
                blocks.append(Block("heading", text, level=level, source_index=idx, bold=True))
                last_heading = text
            elif _is_list(el, style) or _TYPED_BULLET.match(text):
                blocks.append(
                    Block(
                        "list_item",
                        _TYPED_BULLET.sub("", re.sub(r"^[•·▪\-–*]\s*", "", text)),
                        source_index=idx,
                        lines=_para_lines(el),
                    )
                )
            else:
                blocks.append(
                    Block(
                        "paragraph",
                        text,
                        source_index=idx,
                        bold=_all_bold(el),
                        lines=_para_lines(el),
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
