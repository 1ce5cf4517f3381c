"""All domain extractors over one read document: what the warehouse stores beyond blocks.

Runs in the reader's worker process, so domain extraction is parallel like reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.budget import BudgetLine, extract_budget, table_kinds
from extract.goal_summary import StatusCount, extract_status_summary
from extract.goals import Goal, Indicator, extract_goals
from extract.metadata import Metadata, infer_metadata
from extract.model import Document
from extract.risks import Risk, extract_risks


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
    found.budget = extract_budget(doc, md.year, md.doc_type)
    found.table_kinds = table_kinds(doc)
    found.goals, found.indicators = extract_goals(doc, md.year)
    found.status_summary = extract_status_summary(doc)
    return found
