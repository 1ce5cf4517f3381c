"""Internal control plans (internkontrollplaner): risks and their actions.

Works on the document model only. Layouts read so far:

* risk tables — columns found by their header words (Verksamhet/Process/Område, Risk,
  Åtgärd, Sannolikhet, Konsekvens, Riskvärde, Status, Kommentar), with or without
  diacritics, and the abbreviations "S", "K", "S × K", "RV" (a scale may follow: "S (1-4)"). An empty area cell continues the area above; an empty risk cell adds another
  action to the risk above, also across a page break or a repeated header;
* the follow-up form and tables flattened by OCR (see :mod:`styrdata.extract.domain.risk_forms`);
* a bullet list of risk areas under a heading/paragraph about risks
  ("Exempel på riskområden …", "Konsekvenser och riskbedömning"): risks without actions.

Actions prefixed "Regionövergripande åtgärd:" get scope ``regionövergripande`` and lose the
prefix; others are ``nämndspecifik``.
"""

from __future__ import annotations

import re

from styrdata.extract.domain.risk_forms import flattened_table, followup_form
from styrdata.extract.domain.risk_model import Risk
from styrdata.extract.model import Block, Document, Table
from styrdata.normalize.text import fold

_COLUMNS = [  # (field, pattern on the folded header text); first match wins per column
    (
        "risk_value",
        re.compile(r"^(riskvarde|risk ?niva|riskpoang|riskbedomning|rv\b|s ?[x×*] ?k\b)"),
    ),
    # "Sannolikh." and the abbreviations "S" / "K" (a scale may follow: "S (1-4)")
    ("probability", re.compile(r"^(?:sannolik(?:het|h\b)|s$|s\s*\()")),
    ("consequence", re.compile(r"^(?:konsekv(?:ens|\b)|k$|k\s*\()")),
    ("risk", re.compile(r"^(risk|risker|riskbeskrivning|identifierad risk)\b")),
    ("action", re.compile(r"^(atgard|atgarder|kontrollmoment|kontrollaktivitet)")),
    ("area", re.compile(r"^(verksamhet|process|omrade|riskomrade|verksamhetsomrade|rutin)")),
    ("status", re.compile(r"^status")),
    ("comment", re.compile(r"^kommentar")),
]
_SCALE = re.compile(r"\b1\s*[-–—]\s*([45])\b")
_VALUE_SCALE = re.compile(r"\b1\s*[-–—]\s*(16|25)\b")
_INT = re.compile(r"\d+")
_RISK_LIST_LEAD = re.compile(r"risk(omr[aå]de|er|bed[oö]mning)", re.I)


def _columns(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        f = " ".join(fold(h).split())
        # a word a PDF cell broke ("Riskvä rde") is read joined too
        for text in (f, f.replace(" ", "")):
            name = next((n for n, pat in _COLUMNS if n not in cols and pat.search(text)), None)
            if name:
                cols[name] = i
                break
    return cols


def is_risk_header(header: list[str]) -> bool:
    """A risk table's header: a risk column and an action or an assessment (sannolikhet,
    "S", riskvärde, "S × K")."""
    cols = _columns(header)
    return "risk" in cols and any(k in cols for k in ("action", "probability", "risk_value"))


def _header_row(t: Table) -> tuple[int, list[str]] | None:
    grid = t.grid()
    for r in range(min(2, t.n_rows)):
        texts = [x or "" for x in grid[r]]
        if is_risk_header(texts):
            return r, texts
    return None


# One cell holding the whole assessment: "S 3 × K 3 = 9", "S3 x K4 = 12", "3 × 2 = 6",
# "Sannolikhet 2 × Konsekvens 4 = 8"
_PRODUCT = re.compile(
    r"^(?:s[a-zåäö]*\.?\s*)?(\d+)\s*[x×*·]\s*(?:k[a-zåäö]*\.?\s*)?(\d+)(?:\s*=\s*(\d+))?\s*$",
    re.I,
)


def _assessment(text: str) -> tuple[int, int, int] | None:
    """(probability, consequence, risk value) of a cell that writes out the product."""
    m = _PRODUCT.match(" ".join(text.split()))
    if not m:
        return None
    p, k = int(m.group(1)), int(m.group(2))
    return p, k, int(m.group(3)) if m.group(3) else p * k


def _int(s: str | None) -> int | None:
    m = _INT.search(s or "")
    return int(m.group()) if m else None


def _risks_from_tables(blocks: list[Block]) -> list[Risk]:
    risks: list[Risk] = []
    current: Risk | None = None
    area: str | None = None
    last_header: list[str] | None = None
    for b in blocks:
        if b.table is None:
            continue
        found = _header_row(b.table)
        if found is None:
            current, area, last_header = None, None, None
            continue
        hr, header = found
        if header != last_header:
            current, area = None, None  # a new kind of table starts fresh
        last_header = header
        cols = _columns(header)
        head_text = " ".join(header)
        scale = _SCALE.search(
            " ".join(header[cols[k]] for k in ("probability", "consequence") if k in cols)
        )
        vscale = _VALUE_SCALE.search(head_text)
        scale_max = (
            int(scale.group(1))
            if scale
            else ({"16": 4, "25": 5}[vscale.group(1)] if vscale else None)
        )
        grid = b.table.grid()
        pages = {c.row: c.page for c in b.table.cells}

        def cell(row: list[str | None], name: str, cols: dict[str, int] = cols) -> str:
            i = cols.get(name)
            return (row[i] or "").strip() if i is not None and i < len(row) else ""

        for r in range(hr + 1, b.table.n_rows):
            row = grid[r]
            if [x or "" for x in row] == header or not any(row):
                continue
            a, rk, act = cell(row, "area"), cell(row, "risk"), cell(row, "action")
            st, com = cell(row, "status"), cell(row, "comment")
            if a:
                area = a
            if rk:
                p, k = _int(cell(row, "probability")), _int(cell(row, "consequence"))
                written = _assessment(cell(row, "risk_value"))
                if written is not None and p is None and k is None:
                    p, k, v = written
                else:
                    v = _int(cell(row, "risk_value"))
                if v is None and p is not None and k is not None:
                    v = p * k
                current = Risk(
                    area=area,
                    risk=rk,
                    page=pages.get(r) or b.page,
                    source_index=b.source_index,
                    source_text=" | ".join(x for x in (x or "" for x in row) if x),
                    probability=p,
                    consequence=k,
                    risk_value=v,
                    scale_max=scale_max,
                    status=st or None,
                )
                risks.append(current)
                if act:
                    current.add_action(act, st, com)
            elif act and current is not None:
                current.add_action(act, st, com)
                current.source_text += "\n" + " | ".join(x for x in (x or "" for x in row) if x)
    return risks


def _risks_from_lists(blocks: list[Block]) -> list[Risk]:
    """Bullets right after a lead-in about risk areas, e.g. 'Exempel på riskområden …:'."""
    risks: list[Risk] = []
    for i, b in enumerate(blocks):
        if b.kind not in ("paragraph", "heading") or not _RISK_LIST_LEAD.search(b.text):
            continue
        if b.kind == "paragraph" and not b.text.rstrip().endswith(":"):
            continue
        j = i + 1
        while j < len(blocks) and blocks[j].kind == "list_item":
            item = blocks[j]
            first = re.split(r"(?<=[.;])\s", item.text, maxsplit=1)[0].rstrip(".;")
            risks.append(
                Risk(
                    area=first,
                    risk=item.text,
                    page=item.page,
                    source_index=item.source_index,
                    source_text=item.text,
                )
            )
            j += 1
    return risks


def extract_risks(doc: Document, warnings: list[str] | None = None) -> list[Risk]:
    """All risks of a document: tables, follow-up forms, flattened tables, risk-area lists.

    Warnings about layouts only partly recovered are appended to ``warnings``.
    """
    flat, flat_warnings = flattened_table(doc.blocks)
    if warnings is not None:
        warnings.extend(flat_warnings)
    return (
        _risks_from_tables(doc.blocks)
        + followup_form(doc.blocks)
        + flat
        + _risks_from_lists(doc.blocks)
    )
