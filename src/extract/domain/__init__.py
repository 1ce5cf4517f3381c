"""Domain extractors: what Swedish plans and follow-ups say, read from the document model.

``metadata.py`` (publisher, organ, document type, years), ``goals.py`` and
``goal_summary.py`` (goals, indicators, a follow-up's count of goals per status),
``budget.py`` (table kinds, budget lines), ``risks.py`` with ``risk_forms.py`` and
``risk_model.py`` (internal control). :func:`extract_domain` runs them all; it runs in the
reader's worker process, so domain extraction is parallel like reading.

May import: :mod:`styrdata.extract.model` (the typed document) and :mod:`styrdata.normalize`.
Never imports a reader (:mod:`styrdata.extract.readers`) or OCR
(:mod:`styrdata.extract.ocr`): domain code knows nothing of PDFs, Word files or images.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from styrdata.extract.domain.budget import BudgetLine, extract_budget, table_kinds
from styrdata.extract.domain.goal_structures import extract_goal_structures
from styrdata.extract.domain.goal_summary import StatusCount, extract_status_summary
from styrdata.extract.domain.goals import Goal, Indicator, extract_goals
from styrdata.extract.domain.metadata import Metadata, infer_metadata
from styrdata.extract.domain.risks import Risk, extract_risks
from styrdata.extract.domain.table_indicators import indicators_from_tables
from styrdata.extract.domain.tables import read_tables
from styrdata.extract.model import Document


@dataclass
class Findings:
    metadata: Metadata = field(default_factory=Metadata)
    risks: list[Risk] = field(default_factory=list)
    budget: list[BudgetLine] = field(default_factory=list)
    table_kinds: list[str] = field(default_factory=list)  # per table block, in order
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    status_summary: list[StatusCount] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_domain(doc: Document) -> Findings:
    """Metadata, risks, budget lines, table kinds, goals, indicators and the follow-up
    summary of goal attainment of one document."""
    found = Findings(metadata=infer_metadata(doc))
    found.risks = extract_risks(doc, found.warnings)
    md = found.metadata
    tables = read_tables(doc, md.year)
    found.warnings.extend(rt.warning for rt in tables if rt.warning)
    found.budget = extract_budget(doc, md.year, md.doc_type, tables)
    found.table_kinds = table_kinds(doc, tables)
    found.goals, found.indicators = extract_goals(doc, md.year, md.doc_type)
    if all(g.generic for g in found.goals):
        # none of the conventions goals.py knows, at most its reading of the shared
        # vocabulary: the layouts of any organisation's goal structure, when they read more
        structures = extract_goal_structures(doc)
        if len(structures) > len(found.goals):
            found.goals = structures
            for ind in found.indicators:
                ind.goal = None  # its index pointed into the other reading
    found.indicators += indicators_from_tables(
        tables, md.year, found.indicators, md.doc_type, doc.blocks
    )
    found.status_summary = extract_status_summary(doc)
    return found
