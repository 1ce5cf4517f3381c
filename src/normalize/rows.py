"""Findings of the domain extractors → rows shaped like the warehouse tables.

The one place where document-local findings get their warehouse ids
(``{document_id}-r001`` for risks, ``{document_id}-t3`` for the third table).
"""

from __future__ import annotations

from styrdata.extract.domain import Findings
from styrdata.normalize.concepts import concept_for, printed_kpi
from styrdata.normalize.diacritics import restore_diacritics
from styrdata.normalize.values import Value, direction_of, parse_values, status_of


def findings_rows(found: Findings, document_id: str) -> dict[str, list[dict]]:
    """The findings' rows per warehouse table (``store.`` left off), each a dict of
    column → value, every row of a table with the same columns."""
    risks, actions = [], []
    for n, r in enumerate(found.risks, start=1):
        rid = f"{document_id}-r{n:03d}"
        risks.append(
            {
                "risk_id": rid,
                "document_id": document_id,
                "area": r.area,
                "risk": r.risk,
                "probability": r.probability,
                "consequence": r.consequence,
                "risk_value": r.risk_value,
                "scale_max": r.scale_max,
                "status": r.status,
                "page": r.page,
                "source_index": r.source_index,
                "source_text": r.source_text,
            }
        )
        actions.extend(
            {
                "risk_id": rid,
                "document_id": document_id,
                "seq": a.seq,
                "action": a.action,
                "scope": a.scope,
                "status": a.status,
                "comment": a.comment,
                "effect": a.effect,
                "page": a.page if a.page is not None else r.page,
            }
            for a in r.actions
        )
    budget = [
        {
            "document_id": document_id,
            "table_id": f"{document_id}-t{b.table_seq}" if b.table_seq is not None else None,
            "table_kind": b.table_kind,
            "title": b.title,
            "label": b.label,
            "parent_label": b.parent_label,
            "is_total": b.is_total,
            "measure": b.measure,
            "year": b.year,
            "amount_mnkr": b.amount_mnkr,
            "amount_raw": b.amount_raw,
            "unit_raw": b.unit_raw,
            "column_header": b.column_header,
            "period": b.period,
            "subject": b.subject,
            "parts_sum": b.parts_sum,
            "parts_n": b.parts_n,
            "flag": b.flag,
            "page": b.page,
            "row": b.row,
            "col": b.col,
            "source_index": b.source_index,
            "source_text": b.source_text,
        }
        for b in found.budget
    ]
    kinds = [
        {"table_id": f"{document_id}-t{n}", "document_id": document_id, "table_kind": kind}
        for n, kind in enumerate(found.table_kinds, start=1)
    ]
    # OCR-damaged å/ä/ö put back for display where the Swedish word list is certain
    shown = restore_diacritics([g.title for g in found.goals] + [i.text for i in found.indicators])
    titles_shown, texts_shown = shown[: len(found.goals)], shown[len(found.goals) :]
    goals = [
        {
            "goal_id": f"{document_id}-g{n:03d}",
            "document_id": document_id,
            "parent_goal_id": f"{document_id}-g{g.parent + 1:03d}"
            if g.parent is not None
            else None,
            "kind": g.kind,
            "number": g.number,
            "title": g.title,
            "title_display": titles_shown[n - 1],
            "source_term": g.source_term,
            "status_raw": g.status_raw,
            "status": g.status,
            "page": g.page,
            "source_index": g.source_index,
            "source_text": g.source_text,
        }
        for n, g in enumerate(found.goals, start=1)
    ]
    indicators, values = [], []
    for n, ind in enumerate(found.indicators, start=1):
        iid = f"{document_id}-i{n:03d}"
        kpi = printed_kpi(ind.source_text)  # a Kolada id printed beside the indicator
        concept = concept_for(ind.text, kpi)
        parsed = [
            (v, p)
            for v in ind.values
            for p in (parse_values(v.raw) or ([Value(value_text=None)] if v.status_raw else []))
        ]
        numeric = any(p.value_num is not None or p.value_low is not None for _, p in parsed)
        direction = direction_of(ind.text) or next(
            (p.direction for _, p in parsed if p.direction), None
        )
        unit = next((p.unit or v.unit for v, p in parsed if p.unit or v.unit), None) or (
            concept and concept.unit
        )
        indicators.append(
            {
                "indicator_id": iid,
                "document_id": document_id,
                "goal_id": f"{document_id}-g{ind.goal + 1:03d}" if ind.goal is not None else None,
                "text": ind.text,
                "text_display": texts_shown[n - 1],
                "kind": ind.kind or ("kvantitativ" if numeric else None),
                "unit": unit,
                "direction": direction or (concept and concept.direction),
                "concept": concept and concept.concept,
                # Kolada's id for the publisher's kind: kommuner and regions differ
                "kolada_kpi": kpi or (concept and concept.kolada_kpi_for(found.metadata.org_kind)),
                "page": ind.page,
                "source_index": ind.source_index,
                "source_text": ind.source_text,
            }
        )
        for v, p in parsed:
            values.append(
                {
                    "indicator_id": iid,
                    "document_id": document_id,
                    "value_type": v.value_type,
                    "year": v.year,
                    "value_num": p.value_num,
                    "value_low": p.value_low,
                    "value_high": p.value_high,
                    "value_text": p.value_text,
                    "operator": p.operator,
                    "unit": p.unit or v.unit,
                    "organisation": v.subject or p.organisation,
                    "period": v.period,
                    "status_raw": v.status_raw,
                    "status": status_of(v.status_raw),
                    "flag": v.flag,
                }
            )
    summary = [
        {
            "document_id": document_id,
            "goal_kind": c.goal_kind,
            "label": c.label,
            "total": c.total,
            "status": c.status,
            "status_raw": c.status_raw,
            "count": c.count,
            "page": c.page,
            "source_index": c.source_index,
            "source_text": c.source_text,
        }
        for c in found.status_summary
    ]
    return {
        "goals": goals,
        "indicators": indicators,
        "indicator_values": values,
        "goal_status_summary": summary,
        "table_kinds": kinds,
        "budget_lines": budget,
        "risks": risks,
        "risk_actions": actions,
    }
