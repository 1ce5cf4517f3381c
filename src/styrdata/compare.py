"""Regions side by side: the same concept, an indicator text, or a budget table kind.

Every comparison is first a tidy frame of values (one row per value, with its document and
page) read from the warehouse's ``primary_documents`` — a plan ingested as PDF, DOCX and text
counts once — and then, for reading and pasting, a side-by-side frame: one row per year and
measure, one column per region.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from styrdata.normalize.text import fold


@dataclass(frozen=True)
class Filters:
    """Narrow a comparison: organ (substring, any case), document type, years (inclusive)."""

    organ: str | None = None
    doc_type: str | None = None
    year_from: int | None = None
    year_to: int | None = None

    def sql(self, year_expr: str) -> tuple[str, list]:
        where, params = [], []
        if self.organ:
            where.append("d.organ ILIKE ?")
            params.append(f"%{self.organ}%")
        if self.doc_type:
            where.append("d.doc_type = ?")
            params.append(self.doc_type)
        if self.year_from is not None:
            where.append(f"{year_expr} >= ?")
            params.append(self.year_from)
        if self.year_to is not None:
            where.append(f"{year_expr} <= ?")
            params.append(self.year_to)
        return "".join(f" AND {w}" for w in where), params


_FILE = "regexp_extract(d.source_path, '[^/]+$')"

INDICATOR_VALUES = f"""
SELECT d.org_kind, d.org_code, coalesce(d.org_name, d.region_name) AS org_name, d.region_code, d.region_name, d.organ, d.doc_type, d.year AS document_year,
       coalesce(v.year, d.year) AS year,
       coalesce(v.value_type, 'målvärde') AS measure,
       i.concept, i.text AS indicator, i.text_display AS indicator_display, v.value_text, v.value_num, v.value_low, v.value_high,
       v.operator, coalesce(v.unit, i.unit) AS unit, v.organisation, v.status, v.status_raw,
       v.flag, i.direction, {_FILE} AS file, d.format, i.page, i.source_index,
       d.document_id, i.indicator_id
FROM indicators i
JOIN primary_documents d USING (document_id)
LEFT JOIN indicator_values v USING (indicator_id)
WHERE TRUE"""

# Per budget table, its closing total(s): the total rows at the greatest row index. A table
# read from text lines has no table_id: its document and title identify it. Only the
# organisation's own amounts: a koncern's columns beside them (subject "koncernen") are no
# total of the organisation.
BUDGET_TOTALS = f"""
SELECT d.org_kind, d.org_code, coalesce(d.org_name, d.region_name) AS org_name, d.region_code, d.region_name, d.organ, d.doc_type, d.year AS document_year, b.year,
       b.measure, b.table_kind, b.title, b.label, b.column_header, b.amount_mnkr,
       b.amount_raw, b.flag, {_FILE} AS file, d.format, b.page, b.source_index,
       d.document_id, b.table_id
FROM budget_lines b
JOIN primary_documents d USING (document_id)
WHERE b.is_total AND b.table_kind = ? AND b.subject IS NULL
  AND b."row" = (SELECT max(x."row") FROM budget_lines x
                 WHERE x.document_id = b.document_id AND x.is_total
                   AND x.table_id IS NOT DISTINCT FROM b.table_id
                   AND x.title IS NOT DISTINCT FROM b.title)"""


def indicator_values(
    con: duckdb.DuckDBPyConnection,
    concept: str | None = None,
    text: str | None = None,
    filters: Filters = Filters(),
) -> pd.DataFrame:
    """Tidy values of the indicators of one concept, or whose text contains ``text``
    (diacritics and case aside). An indicator without values keeps one row (its stated
    direction is its target)."""
    if not concept and not text:
        raise ValueError("name a concept or a text to search for")
    sql, params = INDICATOR_VALUES, []
    if concept:
        sql += " AND i.concept = ?"
        params.append(concept)
    if text:
        sql += " AND strip_accents(lower(i.text)) LIKE ?"
        params.append(f"%{fold(text)}%")
    where, more = filters.sql("coalesce(v.year, d.year)")
    sql += where + " ORDER BY org_name, year, measure DESC, d.organ, i.indicator_id"
    return con.execute(sql, params + more).df()


def budget_totals(
    con: duckdb.DuckDBPyConnection, table_kind: str, filters: Filters = Filters()
) -> pd.DataFrame:
    """Tidy closing totals of every budget table of one kind (driftbudget,
    investeringsbudget, resultatbudget, handlingsplan), in mnkr: the organisation's own
    amounts, not a koncern's printed beside them."""
    where, params = filters.sql("b.year")
    sql = BUDGET_TOTALS + where + " ORDER BY org_name, b.year, b.measure, b.table_id"
    return con.execute(sql, [table_kind, *params]).df()


def sv_number(x: float | None) -> str:
    """-3031.0 → "−3 031", 2.5 → "2,5": Swedish grouping and decimal comma."""
    if x is None or x != x:
        return ""
    s = f"{abs(x):,.1f}" if round(x, 1) != round(x) else f"{abs(x):,.0f}"
    s = s.replace(",", " ").replace(".", ",")
    return ("−" if x < 0 else "") + s


def known(v) -> bool:
    """Not missing: not None, NaN, pandas' NA (a DOCX's page, a nullable integer column)
    or NaT. ``v == v`` is no test: ``NA == NA`` is NA, whose truth value raises."""
    try:
        return not pd.isna(v)
    except (TypeError, ValueError):  # a list: pd.isna answers element by element
        return True


def source_label(row) -> str:
    """A value's source: "000_27f8….pdf s. 8" (page), or "….docx #126" (paragraph, line)."""
    where = (
        f"s. {int(row.page)}"
        if known(row.page)
        else f"#{int(row.source_index)}"
        if known(row.source_index)
        else ""
    )
    return f"{row.file} {where}".strip()


def _present(v) -> bool:
    return known(v) and v != ""


def _indicator_cell(row, source: bool) -> str:
    if _present(row.value_text):
        text = str(row.value_text)
        if _present(row.unit) and str(row.unit) not in text and row.unit != "index":
            text += f" {row.unit}"
    elif _present(row.status_raw):
        text = ""
    else:
        text = str(row.direction) if _present(row.direction) else "–"
    if _present(row.status):
        text = f"{text} [{row.status}]".strip()
    elif _present(row.status_raw):
        text = f"{text} [{row.status_raw}]".strip()
    if _present(row.flag):
        text += " ⚠"
    return text + (f" ({source_label(row)})" if source else "")


def _budget_cell(row, source: bool) -> str:
    text = sv_number(row.amount_mnkr) + " mnkr"
    label = row.label
    redundant = f"{row.measure} {int(row.year)}" if _present(row.year) else None
    if _present(row.column_header) and fold(str(row.column_header)) != fold(str(redundant)):
        label = f"{label}, {row.column_header}"
    text += f" {label}" if _present(label) else ""
    if _present(row.flag):
        text += " ⚠"
    return text + (f" ({source_label(row)})" if source else "")


def side_by_side(values: pd.DataFrame, kind: str = "indicator", source: bool = False):
    """Tidy values → one row per (year, measure), one column per publisher (region, kommun,
    förbund); a cell lists the publisher's values (with the organ when several organs report, and the source when asked)."""
    if values.empty:
        return pd.DataFrame(columns=["year", "measure"])
    fmt = _indicator_cell if kind == "indicator" else _budget_cell
    organs = values.groupby("org_name")["organ"].nunique()
    cells: dict[tuple, dict[str, list[str]]] = {}
    for row in values.itertuples(index=False):
        year = int(row.year) if known(row.year) else None
        key = (year, row.measure)
        text = fmt(row, source)
        if organs.get(row.org_name, 1) > 1:
            text = f"{row.organ}: {text}"
        cell = cells.setdefault(key, {}).setdefault(row.org_name, [])
        if text not in cell:
            cell.append(text)
    regions = sorted(values.org_name.dropna().unique())
    rows = []
    for (year, measure), by_region in sorted(
        cells.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or 0, str(kv[0][1]))
    ):
        rows.append(
            {
                "year": year,
                "measure": measure,
                **{r: "; ".join(by_region.get(r, [])) or None for r in regions},
            }
        )
    return pd.DataFrame(rows, columns=["year", "measure", *regions])
