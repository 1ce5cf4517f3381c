"""Swedish numbers as printed in plans and reports: ``"-1 969,4"``, ``"2 950"``, ``"11,0 %"``.

* thousands separated by space, NBSP, thin or narrow NBSP (groups of exactly three digits);
* decimal comma (a decimal point is accepted, as OCR often reads the comma as one);
* negative by hyphen, unicode minus, en dash or parentheses ``(12,5)``;
* a trailing unit glued or spaced: ``%``, ``procent``, ``st``, ``kr``, ``tkr``, ``mnkr``, ``mdkr``;
* ``-``, ``–``, ``..``, ``x`` and blank mean "no value": ``None``, never 0.

:func:`parse_number` reads one printed value. :func:`split_numbers` splits a run of tokens
such as ``"-1 230 -1284,2 -1 283,7"`` into a given number of values, which is how a table
row looks once OCR or text extraction has lost its column boundaries.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

_SPACES = re.compile(r"[\s\u00a0\u2009\u202f\u2007]+")
_MINUS = "-\u2212\u2013\u2012\u2010"
_EMPTY = {"", "-", "–", "—", "−", "..", "...", "x", "X", "–/–", "n/a"}
_UNITS = {
    "%": "%",
    "procent": "%",
    "st": "st",
    "kr": "kr",
    "tkr": "tkr",
    "mnkr": "mnkr",
    "mkr": "mnkr",
    "mdkr": "mdkr",
    "dagar": "dagar",
}
_NUMBER = re.compile(
    rf"""^(?P<sign>[{_MINUS}+])?\s*
        (?P<int>\d{{1,3}}(?:[ \u00a0\u2009\u202f\u2007]\d{{3}})+|\d+)
        (?:(?P<dec_sep>[,.])(?P<dec>\d+))?
        \s*(?P<unit>%|procent|st|kr|tkr|mnkr|mkr|mdkr|dagar)?$""",
    re.X | re.I,
)


@dataclass(frozen=True)
class Number:
    value: float
    raw: str
    unit: str | None = None  # "%", "st", "kr", "tkr", "mnkr", "mdkr", "dagar"
    suspect: str | None = None  # why OCR may have damaged it, e.g. "decimal point"

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


def parse_number(text: str | None) -> Number | None:
    """One printed value → :class:`Number`, or ``None`` when blank, a dash or not a number."""
    if text is None:
        return None
    raw = text
    s = text.strip().strip("*").strip()
    if s in _EMPTY:
        return None
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    m = _NUMBER.match(s)
    if not m:
        return None
    digits = _SPACES.sub("", m.group("int"))
    suspect = None
    dec = m.group("dec")
    if dec is not None and m.group("dec_sep") == ".":
        if len(dec) == 3 and " " not in m.group("int"):
            digits, dec = digits + dec, None  # "1.234": a thousands point
        else:
            suspect = "decimal point instead of comma"
    value = float(digits + ("." + dec if dec else ""))
    if m.group("sign") and m.group("sign") in _MINUS:
        negative = not negative if negative else True
    unit = _UNITS.get((m.group("unit") or "").lower())
    return Number(-value if negative else value, raw, unit, suspect)


_TOKEN = re.compile(rf"[{_MINUS}]?\(?\d[\d.,]*\)?%?|\|")
_GROUP_START = re.compile(rf"^[{_MINUS}]?\(?[1-9]\d{{0,2}}$")  # "0 386,6" is two values
_THREE = re.compile(r"^\d{3}(?:[.,]\d+)?\)?%?$")


def number_tokens(text: str) -> list[str]:
    """Whitespace tokens of a run of numbers; ``|`` (an OCR'd column rule) kept as a token."""
    return [t for t in re.split(r"\s+", text.strip()) if t]


def _spread(option: tuple[str, ...]) -> float:
    """How unevenly sized neighbouring values are (sum of |Δ log10|): the values of one
    table row are mostly of one size, so the grouping with the smallest spread is likeliest."""
    sizes = [math.log10(abs(parse_number(v).value) + 1) for v in option]
    return sum(abs(a - b) for a, b in zip(sizes, sizes[1:], strict=False))


def split_options(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    """Every way to group ``tokens`` into ``n`` printed values (see :func:`split_numbers`)."""
    toks = tuple(tokens)

    @cache
    def ways(i: int, left: int) -> list[tuple[str, ...]]:
        if i == len(toks):
            return [()] if left == 0 else []
        if toks[i] == "|":
            return ways(i + 1, left)
        if left == 0:
            return []
        out: list[tuple[str, ...]] = []
        j = i + 1
        while j <= len(toks):
            part = toks[i:j]
            if "|" in part:
                break
            if len(part) > 1 and not (
                _GROUP_START.match(part[0]) and all(_THREE.match(p) for p in part[1:])
            ):
                break
            if parse_number(" ".join(part)) is not None:
                out.extend((" ".join(part),) + rest for rest in ways(j, left - 1))
            j += 1
        return out

    return ways(0, n)


def split_numbers(tokens: list[str], *counts: int) -> list[str] | None:
    """Group number tokens into one of ``counts`` printed values, or ``None``.

    A value is one token, or a 1–3 digit token followed by tokens of exactly three digits
    (thousands groups; the last may carry decimals). A ``|`` always separates values. Among
    all groupings into any of the counts, the one whose neighbouring values are most alike in
    size wins ("4 380 3840 3840" is 4 380 | 3840 | 3840; "813 813 813 0" is four values);
    when the two best are about as likely, the split is ambiguous and gives ``None``.
    """
    options = sorted(
        (_spread(o), o) for n in dict.fromkeys(counts) for o in split_options(tokens, n)
    )
    if not options:
        return None
    if len(options) > 1 and options[1][0] - options[0][0] < 0.5:
        return None
    return list(options[0][1])
