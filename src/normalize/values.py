"""Indicator values as printed: targets and outcomes with operators, intervals, units,
organisations and statuses.

``"RVN 77, RLF 74"`` → two values with organisations; ``">75"`` → operator ``>``;
``"77-80"`` → an interval; ``"100 %"`` → 100 with unit %; ``"Bibehålla/öka"`` → no number,
direction ``bibehålla/öka``; ``"Ja"`` → a qualitative value; ``"38213st"`` → 38213 st.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from styrdata.normalize.numbers import parse_number
from styrdata.normalize.text import fold

_OPERATORS = {
    ">=": "≥",
    "≥": "≥",
    "<=": "≤",
    "≤": "≤",
    ">": ">",
    "<": "<",
    "=": "=",
    "minst": "≥",
    "lägst": "≥",
    "över": ">",
    "mer än": ">",
    "högst": "≤",
    "max": "≤",
    "under": "<",
    "mindre än": "<",
}
_OP = re.compile(
    r"^\s*(>=|<=|≥|≤|>|<|=|minst|lägst|över|mer än|högst|max|under|mindre än)\s*", re.I
)
_INTERVAL = re.compile(r"^\s*(\d[\d ,.]*)\s*(?:-|–|—|till)\s*(\d[\d ,.]*)\s*(%|procent)?\s*$", re.I)
_ORG = re.compile(r"([A-ZÅÄÖ]{2,6})\s+([<>≥≤]?\s*\d+(?:,\d+)?\s*%?)")
_DIRECTIONS = [
    ("bibehålla/öka", "bibehålla/öka"),
    ("öka", "öka"),
    ("förbättra", "öka"),
    ("höj", "öka"),
    ("minska", "minska"),
    ("sänk", "minska"),
    ("bibehålla", "bibehålla"),
]
_STATUS = [
    ("värde saknas", "saknas"),
    ("saknas", "saknas"),
    ("ej bedömd", "saknas"),
    ("inte alls", "ej uppnått"),
    # an assessment in a table's "Bedömning" column, as whole phrases
    ("inte uppnått", "ej uppnått"),
    ("inte uppfyllt", "ej uppnått"),
    ("delvis uppnått", "delvis"),
    ("delvis uppfyllt", "delvis"),
    ("helt uppnått", "uppnått"),
    ("helt uppfyllt", "uppnått"),
    ("ej uppnått", "ej uppnått"),
    ("ej uppfyllt", "ej uppnått"),
    ("nej", "ej uppnått"),
    ("röd", "ej uppnått"),
    ("delvis", "delvis"),
    ("gul", "delvis"),
    ("helt", "uppnått"),
    ("uppnått", "uppnått"),
    ("uppfyllt", "uppnått"),
    ("ja", "uppnått"),
    ("grön", "uppnått"),
]


@dataclass
class Value:
    value_text: str
    value_num: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    operator: str | None = None
    unit: str | None = None
    organisation: str | None = None
    direction: str | None = None


def direction_of(text: str) -> str | None:
    """Desired direction stated in words: öka, minska, bibehålla, bibehålla/öka."""
    f = fold(text)
    for word, d in _DIRECTIONS:
        if re.search(r"\b" + fold(word), f):
            return d
    return None


def status_of(text: str | None) -> str | None:
    """Status word → uppnått / delvis / ej uppnått / saknas (None when absent or unknown)."""
    if not text:
        return None
    f = fold(text.strip())
    for word, s in _STATUS:
        if re.fullmatch(fold(word) + r"[.!]?", f):
            return s
    return None


def _one(text: str) -> Value:
    raw = text.strip()
    v = Value(value_text=raw)
    m = _OP.match(raw)
    rest = raw
    if m:
        v.operator = _OPERATORS[m.group(1).lower()]
        rest = raw[m.end() :]
    iv = _INTERVAL.match(rest)
    if iv:
        lo, hi = parse_number(iv.group(1)), parse_number(iv.group(2))
        if lo is not None and hi is not None and lo.value <= hi.value:
            v.value_low, v.value_high = lo.value, hi.value
            v.operator = "interval"
            v.unit = "%" if iv.group(3) else None
            return v
    n = parse_number(rest)
    if n is not None:
        v.value_num, v.unit = n.value, n.unit
        v.operator = v.operator or "="
        return v
    v.operator = None
    v.direction = direction_of(raw)
    return v


def parse_values(text: str | None) -> list[Value]:
    """One printed cell → its values (several when organisations are listed)."""
    if text is None or not text.strip() or text.strip() in {"-", "–", "—"}:
        return []
    orgs = _ORG.findall(text)
    if len(orgs) >= 2:
        out = []
        for org, num in orgs:
            v = _one(num)
            v.value_text, v.organisation = f"{org} {num.strip()}", org
            out.append(v)
        return out
    return [_one(text)]
