"""All domain extractors over one read document: what the warehouse stores beyond blocks.

Runs in the reader's worker process, so domain extraction is parallel like reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.model import Document
from extract.risks import Risk, extract_risks


@dataclass
class Findings:
    risks: list[Risk] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_domain(doc: Document) -> Findings:
    """Risks (and, as they land, goals, indicators and budget lines) of one document."""
    found = Findings()
    found.risks = extract_risks(doc, found.warnings)
    return found
