"""Indicator values from tables read by meaning (:mod:`.tables`).

A key-figure table ("Nyckeltal | Utfall perioden 2026 | Prognos helår 2026 | Utfall helår
2025"), a goal table with outcome and target per year, or comparison columns ("Riket",
"Liknande kommuner") give one indicator per row label and one value per cell, with the
column's measure, year, period and subject. A cell's own year ("81 (2023)") overrides the
header's. A bare year is an outcome up to the document's year and a target after it. Rows
of a budget table whose label names a unit that is not money ("Sjukfrånvaro (%)",
"Antal årsarbetare") are indicators too.
"""

from __future__ import annotations

import re

from styrdata.extract.domain.columns import ColumnMeaning, first_term, read_header
from styrdata.extract.domain.goal_vocab import term_at_start
from styrdata.extract.domain.goals import _TARGET_IN_TEXT, Indicator, IndicatorValue
from styrdata.extract.domain.tables import MAX_HEADER_ROWS, ReadTable, TableRow, cell_value
from styrdata.extract.domain.tables import _is_header_row as is_header_row
from styrdata.extract.domain.tables import _row_unit as row_unit
from styrdata.extract.model import Block, Table
from styrdata.normalize.text import fold

# after a goal term, the number that labels a row as one goal: "Mål 2: …", "Nämndmål 1.3 – …"
_GOAL_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\s*[:.–—-]")


def _goal_row(label: str) -> bool:
    """A row labelled as a goal of the structure (``goal_terms.csv``) and its number."""
    hit = term_at_start(label)
    return hit is not None and bool(_GOAL_NUMBER.match(label.strip()[hit[2].end() :]))


_NON_MONEY = ("%", "st", "antal", "index", "dagar", "årsarbetare", "timmar", "kr/inv")
_MONEY = ("tkr", "mnkr", "mdkr")  # totals; "kr" in a key-figure row is a rate or per inhabitant
# What a key figure's column holds: an outcome, a target, a forecast, or the level the plan
# budgets ("Budget 2027" of soliditet, "Plan 2028"). A deviation or a change is a
# difference of two of these, not a value of the key figure: no value.
_VALUE_TYPES = {
    "utfall": "utfall",
    "målvärde": "målvärde",
    "prognos": "prognos",
    "budget": "budget",
    "plan": "budget",
}
FOLLOW_UPS = ("verksamhetsberättelse", "årsredovisning", "delårsrapport")


def _value_type(c: ColumnMeaning, doc_year: int | None) -> str | None:
    if c.measure:
        return _VALUE_TYPES.get(c.measure)
    if c.subject:
        return "utfall"  # a comparison's figure is its outcome
    if c.year is not None:
        return "utfall" if doc_year is None or c.year <= doc_year else "målvärde"
    return None


def _year(c: ColumnMeaning, vt: str, doc_year: int | None, doc_type: str | None) -> int | None:
    """The column's year; a column without one holds the document's period: a target or
    forecast the plan's (or report's) year, an outcome the year a follow-up reports on."""
    if c.year is not None:
        return c.year
    if vt in ("målvärde", "prognos"):
        return doc_year
    if vt == "utfall" and (doc_type in FOLLOW_UPS or c.period):
        return doc_year
    return None


def column_values(
    columns: list[ColumnMeaning],
    cells: list[str],
    doc_year: int | None,
    doc_type: str | None = None,
    row_unit: str | None = None,
    status: str | None = None,
) -> list[IndicatorValue]:
    """One indicator row's values: one per cell under a column that names a measure, a
    year or a comparison. An assessment ("Delvis uppnått") goes with the row's own latest
    outcome (an outcome of its own when the row has none)."""
    values = []
    for c, raw in zip(columns, cells, strict=False):
        if not raw or not raw.strip():
            continue
        vt = _value_type(c, doc_year)
        if vt is None:
            continue
        text, own_year = cell_value(raw)
        unit = c.unit if c.unit and c.unit not in ("tkr", "mnkr", "mdkr", "kr") else row_unit
        values.append(
            IndicatorValue(
                value_type=vt,
                year=own_year or _year(c, vt, doc_year, doc_type),
                raw=text,
                subject=c.subject,
                unit=unit if unit in (*_NON_MONEY, "kr") or _is_rate(unit) else None,
                period=c.period,
            )
        )
    if status:
        own = [v for v in values if v.value_type == "utfall" and v.subject is None]
        if own:
            max(own, key=lambda v: v.year or 0).status_raw = status
        else:
            year = doc_year if doc_type in FOLLOW_UPS else None
            values.append(IndicatorValue("utfall", year, "", status_raw=status))
    return values


def _indicator(
    rt: ReadTable,
    r: TableRow,
    doc_year: int | None,
    doc_type: str | None = None,
    status: str | None = None,
) -> Indicator | None:
    values = column_values(rt.columns, r.values, doc_year, doc_type, r.unit, status)
    if not values:
        return None
    return Indicator(
        text=r.label,
        kind="kvantitativ",
        goal=None,
        page=r.page,
        source_index=rt.source_index,
        source_text=r.source_text,
        values=values,
    )


def _is_rate(unit: str | None) -> bool:
    """An amount per unit ("kr/inv", "kr/brukare")."""
    return bool(unit) and "/" in unit and unit.split("/")[0] in ("kr", "tkr")


def _year_row_indicators(
    rt: ReadTable, doc_year: int | None, doc_type: str | None
) -> list[Indicator]:
    """A table whose rows are years ("År | Soliditet, % | Antal invånare"): one indicator
    per column that is not money, one value per year; an outcome up to the document's year
    (the caption's measure where it names one), a target after it."""
    out = []
    for k, c in enumerate(rt.columns):
        unit = c.unit or row_unit(c.header)
        if rt.is_budget and unit not in _NON_MONEY and not _is_rate(unit):
            continue  # a money column: budget lines
        values = []
        for r in rt.rows:
            raw = r.values[k].strip() if k < len(r.values) else ""
            if not raw:
                continue
            text, own_year = cell_value(raw)
            year = own_year or r.year
            if c.measure and c.measure not in _VALUE_TYPES:
                continue  # a deviation or change: no value of the key figure
            vt = _VALUE_TYPES.get(c.measure or "") or (
                "utfall" if doc_year is None or (year or 0) <= doc_year else "målvärde"
            )
            values.append(
                IndicatorValue(
                    vt, year, text, subject=c.subject, unit=unit if unit else None, period=c.period
                )
            )
        if values:
            out.append(
                Indicator(
                    text=c.header,
                    kind="kvantitativ",
                    goal=None,
                    page=rt.page,
                    source_index=rt.source_index,
                    source_text=" | ".join([c.header, *(r.source_text for r in rt.rows)]),
                    values=values,
                )
            )
    return out


def _header_grid(t: Table) -> list[list[str]]:
    """Cell text with a header cell spanning columns repeated over them."""
    g = [[""] * t.n_cols for _ in range(t.n_rows)]
    for c in t.cells:
        span = max(1, c.col_span) if (c.is_header or c.row == 0) else 1
        for k in range(c.col, min(t.n_cols, c.col + span)):
            g[c.row][k] = " ".join((c.text or "").split())
    return g


def indicator_table(
    t: Table,
    doc_year: int | None,
    doc_type: str | None = None,
    page: int | None = None,
    source_index: int | None = None,
) -> list[Indicator]:
    """The indicators of a table whose first header cell names them ("Indikator",
    "Indikator - kvantitativ"): one per row, its values read by the columns' meaning like
    any key-figure table (:func:`column_values`), whatever the cells hold (numbers, targets,
    "Ja", "Ny indikator"). The header is the first row and the rows under it with an empty
    label cell and no values ("Utfall T1" over "2025"); a column that names an assessment
    ("Bedömning") gives the row's status, a description ("Beskrivning") a target written in
    words ("Region Hallands målvärde är 11,0.")."""
    raw = t.grid()
    grid = _header_grid(t)
    if not grid or not fold(grid[0][0]).startswith("indikator"):
        return []
    h0 = fold(grid[0][0])
    kind = "kvantitativ" if "kvantitativ" in h0 else "kvalitativ" if "kvalitativ" in h0 else None
    n_head = 1
    while (
        n_head < min(len(grid), MAX_HEADER_ROWS)
        and not grid[n_head][0]
        and any(grid[n_head][1:])
        and is_header_row(grid[n_head], 0)
    ):
        n_head += 1
    headers = [" ".join(r[c] for r in grid[:n_head] if r[c]) for c in range(t.n_cols)]
    roles = {c: first_term(headers[c], "column") for c in range(1, t.n_cols)}
    value_cols = [c for c in range(1, t.n_cols) if not roles[c]]
    columns = [read_header(headers[c]) for c in value_cols]
    status_col = next((c for c, r in roles.items() if r == "status"), None)
    desc_col = next((c for c, r in roles.items() if r == "beskrivning"), None)
    out = []
    for r in range(n_head, t.n_rows):
        row = [x or "" for x in raw[r]]
        text = row[0].strip()
        if not text or [" ".join(x.split()) for x in row] == headers:
            continue
        pages = [c.page for c in t.cells if c.row == r and c.page is not None]
        status = row[status_col].strip() if status_col is not None else ""
        values = column_values(
            columns,
            [row[c].strip() for c in value_cols],
            doc_year,
            doc_type,
            row_unit(text),
            status or None,
        )
        if desc_col is not None:
            m = _TARGET_IN_TEXT.search(row[desc_col])
            if m:
                values.append(IndicatorValue("målvärde", doc_year, m.group("value").strip(" .")))
        out.append(
            Indicator(
                text,
                kind,
                None,
                pages[0] if pages else page,
                source_index,
                " | ".join(x for x in row if x),
                values,
            )
        )
    return out


def has_target(rt: ReadTable, r: TableRow) -> bool:
    """The row has a target ("högst 120" under "Mål 2027"): a goal's indicator, in money
    too, not an account's amount."""
    return any(
        c.measure == "målvärde" and v.strip(" -–—−")
        for c, v in zip(rt.columns, r.values, strict=False)
    )


def _statuses(t: Table, rt: ReadTable) -> dict[int, str]:
    """Row → the assessment in a column whose header names one ("Måluppfyllelse",
    "Bedömning"), beside the value columns of a table read by meaning."""
    if not rt.rows:
        return {}
    first = min(r.row for r in rt.rows)
    g = _header_grid(t)
    for c in range(t.n_cols):
        if c == rt.label_col or c in rt.value_cols:
            continue
        head = " ".join(g[r][c] for r in range(max(0, first - MAX_HEADER_ROWS), first) if g[r][c])
        if first_term(head, "column") == "status":
            return {r: g[r][c] for r in range(first, t.n_rows) if g[r][c]}
    return {}


def indicators_from_tables(
    tables: list[ReadTable],
    doc_year: int | None,
    known: list[Indicator],
    doc_type: str | None = None,
    blocks: list[Block] | None = None,
) -> list[Indicator]:
    """Indicators of every indicator table, and indicator rows of budget tables, that the
    goal extractor did not already read (its tables, or the same label on the same page).
    Row by row: a row in tkr or mnkr is a budget line unless it has a target (a goal's
    indicator: "Kostnad för inhyrd personal, mnkr | 212 | högst 120"); a row in kr is a
    rate or an amount per inhabitant ("Skattesats, kr"), a key figure; a budget table's rows
    are key figures where their label names a unit that is not money ("Sjukfrånvaro (%)")."""
    seen = {(fold(i.text), i.page) for i in known}
    read = {i.source_index for i in known if i.source_index is not None and i.values}
    out = []
    for rt in tables:
        if rt.kind not in ("indikatorer",) and not rt.is_budget:
            continue
        if rt.source_index is not None and rt.source_index in read:
            continue
        if rt.year_rows:
            out.extend(
                i
                for i in _year_row_indicators(rt, doc_year, doc_type)
                if (fold(i.text), i.page) not in seen
            )
            continue
        t = blocks[rt.block].table if blocks is not None else None
        statuses = _statuses(t, rt) if t is not None else {}
        for r in rt.rows:
            if not r.label or (fold(r.label), r.page) in seen:
                continue
            if not any(v.strip() for v in r.values) and _goal_row(r.label):
                continue  # "Mål 2: …" over its indicators: a goal's row, no key figure
            if (rt.is_budget and r.unit not in (*_NON_MONEY, "kr") and not _is_rate(r.unit)) or (
                r.unit in _MONEY and not has_target(rt, r)
            ):
                continue  # a money row: a budget line
            ind = _indicator(rt, r, doc_year, doc_type, statuses.get(r.row))
            if ind is not None:
                out.append(ind)
    return out


__all__ = [
    "FOLLOW_UPS",
    "column_values",
    "has_target",
    "indicator_table",
    "indicators_from_tables",
]
