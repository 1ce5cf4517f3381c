"""What a table's columns mean: measure, year, period, unit and subject from header text.

A header cell of a Swedish plan or follow-up says what its column holds in a handful of
words the whole sector shares: a measure ("Utfall", "Budget", "Prognos helår",
"Avv. prognos/budget", "Återstår", "Målvärde"), a year ("2026", "Utfall 202611" for
January–November), a period ("helår", "perioden", "jan–apr", "per april", "ack."), a unit
("tkr", "Miljoner kronor", "%", "Antal") and a subject other than the document's own
organisation ("Riket", "Länet", "Liknande kommuner"). The words are data
(``data/table_terms.csv``); this module only reads them. Nothing is guessed: a header that
names none of them gives a column whose meaning is ``None``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from styrdata.normalize.text import fold

_MONTHS = {
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "mar": 3, "mars": 3, "apr": 4,
    "april": 4, "maj": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "augusti": 8,
    "sep": 9, "sept": 9, "september": 9, "okt": 10, "oktober": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH_SHORT = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
_YEAR = re.compile(r"(?<![\d,.])((?:19|20)\d\d)(?:\s*[-–/]\s*((?:19|20)?\d\d))?(?![\d,])")
_YEAR_MONTH = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(?!\d)")  # "201711"
_MONTH_RANGE = re.compile(r"\b([a-z]{3,9})\.?\s*[-–]\s*([a-z]{3,9})\b")
_PER_MONTH = re.compile(r"\b(?:per|t\.?\s?o\.?\s?m\.?|tom|till och med)\s+([a-z]{3,9})\b")


@dataclass(frozen=True)
class Term:
    kind: str
    words: tuple[str, ...]
    prefix: bool  # the last word matches any word starting with it
    value: str


@cache
def terms() -> tuple[Term, ...]:
    text = resources.files("styrdata.extract.domain").joinpath("data/table_terms.csv")
    lines = [ln for ln in text.read_text("utf-8").splitlines() if not ln.startswith("#")]
    out = []
    for r in csv.DictReader(lines):
        t = fold(r["term"]).strip()
        out.append(Term(r["kind"], tuple(t.rstrip("*").split()), t.endswith("*"), r["value"]))
    return tuple(out)


def words_of(text: str) -> list[str]:
    """Folded words of ``text``; "%" is a word, "prognos/budget" two."""
    return re.findall(r"%|[a-z0-9]+", fold(text).replace("å", "a"))


def _matches(t: Term, words: list[str], i: int) -> bool:
    n = len(t.words)
    if i + n > len(words):
        return False
    for k, w in enumerate(t.words):
        last = k == n - 1
        if not (words[i + k] == w or (last and t.prefix and words[i + k].startswith(w))):
            return False
    return True


def find_terms(text: str, kind: str) -> list[tuple[int, str]]:
    """(word position, value) of every ``kind`` term in ``text``, longest term first at a
    position."""
    words = words_of(text)
    out = []
    taken: set[int] = set()
    for t in sorted((t for t in terms() if t.kind == kind), key=lambda t: -len(t.words)):
        for i in range(len(words)):
            if i not in taken and _matches(t, words, i):
                out.append((i, t.value))
                taken.update(range(i, i + len(t.words)))
    return sorted(out)


def first_term(text: str | None, kind: str) -> str | None:
    """The value of the first ``kind`` term in ``text`` (by position)."""
    found = find_terms(text or "", kind)
    return found[0][1] if found else None


def measure_of(text: str) -> str | None:
    """The measure a header names; when it names several ("Avv. prognos/budget"), the one
    listed first in the vocabulary wins (a deviation of a forecast from the budget is a
    deviation)."""
    found = {v for _, v in find_terms(text, "measure")}
    # a compound's head is its last part: "prognosavvikelse" is a deviation
    for w in words_of(text):
        for suffix, measure in _CAPTION_SUFFIXES:
            if w.endswith(suffix) and w != suffix:
                found.discard(first_term(w, "measure"))
                found.add(measure)
                break
    if not found:
        return None
    order = [t.value for t in terms() if t.kind == "measure"]
    return min(found, key=order.index)


_CAPTION_SUFFIXES = (
    ("avvikelse", "avvikelse"),
    ("budget", "budget"),
    ("ram", "budget"),
    ("ramar", "budget"),
    ("prognos", "prognos"),
    ("redovisning", "utfall"),
    ("bokslut", "utfall"),
    ("utfall", "utfall"),
)


def caption_measure(text: str | None) -> str | None:
    """The measure a table's caption names, in a compound too: "Driftbudget",
    "Investeringsprognos", "Driftredovisning"."""
    m = measure_of(text or "")
    if m:
        return m
    for w in words_of(text or ""):
        for suffix, measure in _CAPTION_SUFFIXES:
            if w.endswith(suffix):
                return measure
    return None


def unit_of(text: str | None) -> str | None:
    return first_term(text, "unit")


def _period(f: str) -> str | None:
    m = _MONTH_RANGE.search(f)
    if m and m.group(1) in _MONTHS and m.group(2) in _MONTHS:
        return f"{_MONTH_SHORT[_MONTHS[m.group(1)] - 1]}–{_MONTH_SHORT[_MONTHS[m.group(2)] - 1]}"
    m = _PER_MONTH.search(f)
    if m and m.group(1) in _MONTHS:
        return f"jan–{_MONTH_SHORT[_MONTHS[m.group(1)] - 1]}"
    return None


@dataclass(frozen=True)
class ColumnMeaning:
    header: str  # the column's whole header, lines and groups joined
    measure: str | None = None  # utfall | budget | prognos | målvärde | avvikelse | …
    year: int | None = None
    period: str | None = None  # helår | perioden | ack | jan–apr …
    unit: str | None = None  # tkr | mnkr | kr | % | st | antal | index | dagar | …
    subject: str | None = None  # None: the document's own organisation; else "riket" …
    end_year: int | None = None  # "Plan 2028–2031"

    @property
    def named(self) -> bool:
        """The header says what the column holds (a measure, a year or a subject)."""
        return bool(self.measure or self.year or self.subject)


def _known_word(w: str) -> bool:
    return any(
        w == t or (k == len(tm.words) - 1 and tm.prefix and w.startswith(t))
        for tm in terms()
        for k, t in enumerate(tm.words)
    )


def mend_split_words(text: str) -> str:
    """A header word a PDF cell broke inside ("Målvär de 2025", "Liknande kommune r"): two
    letter-only pieces, the second in lower case, are one word where together they are a
    word of the vocabulary and the first piece alone is not."""
    parts = text.split()
    out: list[str] = []
    for p in parts:
        if (
            out
            and p.isalpha()
            and p[:1].islower()
            and out[-1].isalpha()
            and not _known_word(words_of(out[-1])[0])
            and _known_word(words_of(out[-1] + p)[0])
        ):
            out[-1] += p
            continue
        out.append(p)
    return " ".join(out)


def read_header(text: str) -> ColumnMeaning:
    """One column's header text → its meaning."""
    header = mend_split_words(" ".join(text.split()))
    f = fold(header)
    year = end = None
    period = None
    ym = _YEAR_MONTH.search(f)
    if ym:
        year = int(ym.group(1))
        period = f"jan–{_MONTH_SHORT[int(ym.group(2)) - 1]}"
    else:
        m = _YEAR.search(f)
        if m:
            year = int(m.group(1))
            if m.group(2):
                e = m.group(2)
                end = int(e if len(e) == 4 else m.group(1)[:2] + e)
                if end <= year:
                    end = None
    period = first_term(header, "period") or _period(f) or period
    return ColumnMeaning(
        header=header,
        measure=measure_of(header),
        year=year,
        period=period,
        unit=unit_of(header),
        subject=_subject(header),
        end_year=end,
    )


def _subject(header: str) -> str | None:
    """Whose figures the column holds: None for the document's own organisation, whether
    the header names it ("Kommunen 2025") or not."""
    found = first_term(header, "subject")
    return None if found == "-" else found


def heading_meaning(text: str) -> ColumnMeaning | None:
    """What a heading line over a block of rows says its figures are, where it says nothing
    else: a measure and a year in the header vocabulary ("Budget 2027", "Ram 2028",
    "Prognos helår 2026 (tkr)"); None for any other text ("Investeringar 2027", "Ökad
    ram 2028 för hemtjänst")."""
    words = words_of(text)
    if not words or len(words) > 5:
        return None
    if not all(_YEAR.fullmatch(w) or w in _MONTHS or _known_word(w) for w in words):
        return None
    m = read_header(text)
    return m if m.measure and m.year else None


__all__ = [
    "ColumnMeaning",
    "caption_measure",
    "find_terms",
    "first_term",
    "heading_meaning",
    "measure_of",
    "mend_split_words",
    "read_header",
    "terms",
    "unit_of",
    "words_of",
]
