"""Findings of the domain extractors → DataFrames shaped like the warehouse tables.

The one place where document-local findings get their warehouse ids
(``{document_id}-r001`` for risks, ``{document_id}-t3`` for the third table).
"""

from __future__ import annotations

import pandas as pd

from extract.domain import Findings


def findings_rows(found: Findings, document_id: str) -> dict[str, pd.DataFrame]:
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
    return {
        "table_kinds": pd.DataFrame(kinds, dtype=object),
        "budget_lines": pd.DataFrame(budget, dtype=object),
        "risks": pd.DataFrame(risks, dtype=object),
        "risk_actions": pd.DataFrame(actions, dtype=object),
    }
