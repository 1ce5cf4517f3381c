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
    return {
        "risks": pd.DataFrame(risks, dtype=object),
        "risk_actions": pd.DataFrame(actions, dtype=object),
    }
