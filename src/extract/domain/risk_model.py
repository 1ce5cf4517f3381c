"""The typed rows internal control plans yield: a risk and the actions (åtgärder) against it.

Shared by the readers of every internal-control layout (:mod:`styrdata.extract.domain.risks` for tables and
lists, :mod:`styrdata.extract.domain.risk_forms` for follow-up forms and OCR-flattened tables).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from styrdata.normalize.text import fuzzy_pattern

# "Regionövergripande åtgärd: …" marks an action set for the whole region
_REGION_WIDE = re.compile(
    r"^\s*" + fuzzy_pattern("regionövergripande") + r"\s+" + fuzzy_pattern("åtgärd") + r"\s*:\s*",
    re.I,
)


@dataclass
class Action:
    seq: int
    action: str
    scope: str
    status: str | None = None
    comment: str | None = None
    effect: str | None = None  # "Har åtgärden bidragit till önskad effekt?": ja/delvis/nej
    page: int | None = None


@dataclass
class Risk:
    area: str | None
    risk: str
    page: int | None
    source_index: int | None
    source_text: str
    probability: int | None = None
    consequence: int | None = None
    risk_value: int | None = None
    scale_max: int | None = None
    status: str | None = None
    actions: list[Action] = field(default_factory=list)

    def add_action(
        self,
        text: str,
        status: str | None = None,
        comment: str | None = None,
        effect: str | None = None,
        page: int | None = None,
    ) -> Action:
        """The next action, its scope read from a "Regionövergripande åtgärd:" prefix."""
        scope = "regionövergripande" if _REGION_WIDE.match(text) else "nämndspecifik"
        action = Action(
            len(self.actions) + 1,
            _REGION_WIDE.sub("", text).strip(),
            scope,
            status or None,
            comment or None,
            effect,
            page,
        )
        self.actions.append(action)
        return action
