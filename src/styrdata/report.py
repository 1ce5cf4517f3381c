"""One self-contained static HTML report: documents per region, concept comparisons as
tables and charts, budget comparisons per table kind, a risk overview — and for every number
its source (document and page).

No network and no script: styles inline, charts as inline SVG drawn here (one bar per value,
its source in the bar's tooltip and in the table beside it), so the file opens anywhere,
prints, and can be mailed.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import duckdb
import pandas as pd

from styrdata.compare import (
    budget_totals,
    indicator_values,
    known,
    side_by_side,
    source_label,
    sv_number,
)
from styrdata.normalize.concepts import catalogue

PALETTE = ("#1f5fa8", "#d4731c", "#2e8b57", "#8e3b8e", "#b03a2e", "#5d6d7e")
BUDGET_KINDS = ("driftbudget", "investeringsbudget", "resultatbudget")

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:70rem;
color:#1b1b1b;line-height:1.4;padding:0 1rem}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #1f5fa8}
h3{margin-top:1.6rem}p.meta{color:#555;margin-top:0}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.86rem;width:100%}
th,td{border:1px solid #ccd3db;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eef2f7}td.num{text-align:right;white-space:nowrap}
.src{color:#666;font-size:.78rem}.chart{margin:.4rem 0 1rem}
nav a{margin-right:1rem}.scroll{overflow-x:auto}.legend span{display:inline-block;margin-right:1rem;font-size:.85rem}
.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
"""


def _table(df: pd.DataFrame, numeric: tuple[str, ...] = ()) -> str:
    if df.empty:
        return "<p><em>Inga värden.</em></p>"
    head = "".join(f"<th>{escape(str(c))}</th>" for c in df.columns)
    rows = []
    for row in df.itertuples(index=False):
        cells = []
        for c, v in zip(df.columns, row, strict=True):
            text = str(v) if known(v) else ""
            cls = ' class="num"' if c in numeric else ""
            cells.append(f"<td{cls}>{escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<div class='scroll'><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def bar_chart(bars: list[dict], unit: str = "", title: str = "") -> str:
    """Horizontal bars, one per value: ``label``, ``value``, ``series`` (colour), ``source``.
    Negative values extend left of the zero line."""
    if not bars:
        return ""
    series = list(dict.fromkeys(b["series"] for b in bars))
    colour = {s: PALETTE[k % len(PALETTE)] for k, s in enumerate(series)}
    lo = min(0.0, *(b["value"] for b in bars))
    hi = max(0.0, *(b["value"] for b in bars))
    span = (hi - lo) or 1.0
    label_w, plot_w, bar_h, gap, top = 260, 440, 18, 6, 8
    height = top + len(bars) * (bar_h + gap) + 24
    width = label_w + plot_w + 120

    def x(v: float) -> float:
        return label_w + (v - lo) / span * plot_w

    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'font-family="system-ui,sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    for k, b in enumerate(bars):
        y = top + k * (bar_h + gap)
        x0, x1 = sorted((x(0), x(b["value"])))
        value_text = f"{sv_number(b['value'])} {unit}".strip()
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end">'
            f"{escape(b['label'])}</text>"
            f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 1):.1f}" height="{bar_h}" '
            f'fill="{colour[b["series"]]}"><title>{escape(b["series"])} · {escape(b["label"])}: '
            f"{escape(value_text)} — källa {escape(b['source'])}</title></rect>"
            f'<text x="{x1 + 4:.1f}" y="{y + bar_h - 5}">{escape(value_text)}</text>'
        )
    zero = x(0)
    parts.append(
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{top - 4}" y2="{height - 20}" '
        'stroke="#333" stroke-width="1"/>'
    )
    parts.append("</svg>")
    legend = "".join(
        f'<span><i style="background:{colour[s]}"></i>{escape(s)}</span>' for s in series
    )
    return f'<div class="legend">{legend}</div>' + "".join(parts)


def _documents_section(con) -> str:
    df = con.execute(
        """
        SELECT d.region_name AS region, d.region_code AS scb, d.organ, d.doc_type AS typ,
               d.year AS år, d.end_year AS till, d.pages AS sidor,
               regexp_extract(d.source_path, '[^/]+$') AS fil, d.format,
               (SELECT count(*) FROM goals g WHERE g.document_id = d.document_id) AS mål,
               (SELECT count(*) FROM indicators i WHERE i.document_id = d.document_id)
                   AS indikatorer,
               (SELECT count(*) FROM budget_lines b WHERE b.document_id = d.document_id)
                   AS budgetrader,
               (SELECT count(*) FROM risks r WHERE r.document_id = d.document_id) AS risker
        FROM primary_documents d ORDER BY region, år, organ"""
    ).df()
    editions = con.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
    note = (
        f"<p>{len(df)} dokument ({editions} inlästa filer: samma dokument som PDF, Word, text "
        "eller skannat räknas en gång; uppgifterna nedan kommer från utgåvan i tabellen).</p>"
    )
    goals = con.execute(
        """
        SELECT d.region_name AS region, g.kind AS nivå, count(*) AS antal
        FROM goals g JOIN primary_documents d USING (document_id)
        GROUP BY ALL ORDER BY region, nivå"""
    ).df()
    wide = goals.pivot_table(index="region", columns="nivå", values="antal", fill_value=0)
    wide = wide.astype(int).reset_index()
    wide.columns = [str(c) for c in wide.columns]
    return (
        '<h2 id="dokument">Dokument per region</h2>'
        + note
        + _table(df, numeric=("sidor", "mål", "indikatorer", "budgetrader", "risker"))
        + "<h3>Mål per nivå</h3>"
        + _table(wide, numeric=tuple(wide.columns[1:]))
    )


def _concept_section(con) -> str:
    present = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT i.concept FROM indicators i JOIN primary_documents d "
            "USING (document_id) WHERE i.concept IS NOT NULL ORDER BY 1"
        ).fetchall()
    ]
    labels = {c.concept: c for c in catalogue()}
    out = ['<h2 id="begrepp">Indikatorer per begrepp</h2>']
    for concept in present:
        values = indicator_values(con, concept=concept)
        c = labels.get(concept)
        regions = values.region_name.nunique()
        out.append(
            f'<h3 id="c-{escape(concept)}">{escape(c.label if c else concept)}'
            f"{f' (Kolada {escape(c.kolada_kpi)})' if c and c.kolada_kpi else ''}"
            f" — {regions} region{'er' if regions != 1 else ''}</h3>"
        )
        numeric = values[values.value_num.notna()]
        bars = [
            {
                "label": f"{r.region_name.replace('Region ', '')} {int(r.year)} {r.measure}"
                + (f" {r.organisation}" if isinstance(r.organisation, str) else ""),
                "value": float(r.value_num),
                "series": r.region_name,
                "source": source_label(r),
            }
            for r in numeric.itertuples(index=False)
        ]
        unit = next((u for u in numeric.unit if isinstance(u, str)), "")
        out.append(bar_chart(bars, unit if unit != "index" else "", c.label if c else concept))
        out.append(_table(side_by_side(values, source=True)))
    return "".join(out)


def _budget_section(con) -> str:
    out = ['<h2 id="budget">Budget per tabellslag</h2>']
    out.append(
        "<p>Varje budgettabells avslutande summa (mnkr) per region, år och mått; ⚠ markerar "
        "ett belopp som OCR kan ha skadat.</p>"
    )
    for kind in BUDGET_KINDS:
        totals = budget_totals(con, kind)
        out.append(f'<h3 id="b-{kind}">{kind.capitalize()}</h3>')
        bars = [
            {
                "label": f"{r.region_name.replace('Region ', '')} {int(r.year)} {r.measure}: "
                f"{r.label}"[:48],
                "value": float(r.amount_mnkr),
                "series": r.region_name,
                "source": source_label(r),
            }
            for r in totals.itertuples(index=False)
            if known(r.amount_mnkr) and known(r.year)
        ]
        out.append(bar_chart(bars, "mnkr", f"{kind}: avslutande summor"))
        out.append(_table(side_by_side(totals, "budget", source=True)))
    return "".join(out)


def _risk_section(con) -> str:
    df = con.execute(
        """
        SELECT d.region_name AS region, d.organ, coalesce(r.area, '(inget område)') AS område,
               count(*) AS risker,
               sum((SELECT count(*) FROM risk_actions a WHERE a.risk_id = r.risk_id))
                   AS åtgärder,
               string_agg(DISTINCT regexp_extract(d.source_path, '[^/]+$') || ' s. '
                          || coalesce(CAST(r.page AS VARCHAR), '?'), ', ') AS källa
        FROM risks r JOIN primary_documents d USING (document_id)
        GROUP BY ALL ORDER BY region, organ, område"""
    ).df()
    per_region = (
        df.groupby("region", as_index=False)[["risker", "åtgärder"]].sum() if not df.empty else df
    )
    bars = [
        {"label": r.region, "value": float(r.risker), "series": r.region, "source": "se tabell"}
        for r in per_region.itertuples(index=False)
    ]
    return (
        '<h2 id="risker">Risker i internkontrollplaner</h2>'
        + bar_chart(bars, "risker", "Risker per region")
        + _table(df, numeric=("risker", "åtgärder"))
    )


def build_report(con: duckdb.DuckDBPyConnection) -> str:
    """The whole report, over the whole warehouse, as one HTML string."""
    regions = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT region_name FROM primary_documents WHERE region_name IS NOT NULL "
            "ORDER BY 1"
        ).fetchall()
    ]
    made = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    body = (
        f"<h1>styrdata — regioner sida vid sida</h1><p class='meta'>{escape(', '.join(regions))}"
        f" · skapad {made} · varje siffra med källa (dokument och sida)</p>"
        "<nav><a href='#dokument'>Dokument</a><a href='#begrepp'>Indikatorer</a>"
        "<a href='#budget'>Budget</a><a href='#risker'>Risker</a></nav>"
        + _documents_section(con)
        + _concept_section(con)
        + _budget_section(con)
        + _risk_section(con)
    )
    return (
        "<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>styrdata — rapport</title><style>{CSS}</style></head><body>{body}</body></html>"
    )
