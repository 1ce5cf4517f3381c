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

from styrdata.extract.domain.columns import ColumnMeaning
from styrdata.extract.domain.goals import Indicator, IndicatorValue
from styrdata.extract.domain.tables import ReadTable, TableRow, cell_value
from styrdata.normalize.text import fold

_NON_MONEY = ("%", "st", "antal", "index", "dagar", "årsarbetare", "timmar", "kr/inv")
_MONEY = ("tkr", "mnkr", "mdkr", "kr")
_VALUE_TYPES = {"utfall": "utfall", "målvärde": "målvärde", "prognos": "prognos"}


def _value_type(c: ColumnMeaning, doc_year: int | None) -> str | None:
    if c.measure:
        return _VALUE_TYPES.get(c.measure, c.measure)
    if c.subject:
        return "utfall"  # a comparison's figure is its outcome
    if c.year is not None:
        return "utfall" if doc_year is None or c.year <= doc_year else "målvärde"
    return None


def _indicator(rt: ReadTable, r: TableRow, doc_year: int | None) -> Indicator | None:
    values = []
    for c, raw in zip(rt.columns, r.values, strict=False):
        if not raw or not raw.strip():
            continue
        vt = _value_type(c, doc_year)
        if vt is None:
            continue
        text, own_year = cell_value(raw)
        unit = c.unit if c.unit and c.unit not in ("tkr", "mnkr", "mdkr", "kr") else r.unit
        values.append(
            IndicatorValue(
                value_type=vt,
                year=own_year or c.year,
                raw=text,
                subject=c.subject,
                unit=unit if unit in _NON_MONEY else None,
                period=c.period,
            )
        )
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


def indicators_from_tables(
    tables: list[ReadTable], doc_year: int | None, known: list[Indicator]
) -> list[Indicator]:
    """Indicators of every indicator table, and indicator rows of budget tables, that the
    goal extractor did not already read (same label on the same page)."""
    seen = {(fold(i.text), i.page) for i in known}
    out = []
    for rt in tables:
        if rt.kind not in ("indikatorer",) and not rt.is_budget:
            continue
        for r in rt.rows:
            if not r.label or (fold(r.label), r.page) in seen:
                continue
            if (rt.is_budget and r.unit not in _NON_MONEY) or r.unit in _MONEY:
                continue  # a money row: a budget line
            ind = _indicator(rt, r, doc_year)
            if ind is not None:
                out.append(ind)
    return out


__all__ = ["indicators_from_tables"]
