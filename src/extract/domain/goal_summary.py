"""Follow-up reports' summary of goal attainment: how many goals of each kind reached each
status, as the report itself counts them.

The 2024 Örebro report prints it as a small table under "Sammanfattning uppföljning av mål
och uppdrag", one row per kind of goal with its total and one count per status column::

    Måluppfyllelse                     Uppnått eller   Mindre, accepta-   Större negativ …
                                       grön            gul                röd
    Effektmål från regionfullmäktige (8 st)   4   1   2
    Nämndens mål (2 st)                       1   1   0

The columns are named by their colour (grön/gul/röd) or status word (helt/delvis/inte alls,
uppnått/ej uppnått); their order is read from the header. Works on the document model's
lines only, so OCR-damaged text ("gron", "Effektmal") reads the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from styrdata.extract.model import Block, Document
from styrdata.normalize.text import fold, fuzzy_pattern

_HEADING = re.compile(
    fuzzy_pattern("sammanfattning") + r".{0,40}" + fuzzy_pattern("uppföljning"), re.I
)
_ROW = re.compile(
    r"^\s*(?P<label>[A-ZÅÄÖa-zåäö&][^()]{2,80}?)\s*\(\s*(?P<total>\d{1,4})\s*st\s*\)"
    r"(?P<counts>(?:\s+\d{1,4}){2,5})\s*$"
)
# status columns by colour or word, folded (no diacritics), in the order they may be printed
_COLUMN_WORDS = [
    ("gron", "uppnått"),
    ("gul", "delvis"),
    ("rod", "ej uppnått"),
    ("helt", "uppnått"),
    ("delvis", "delvis"),
    ("inte alls", "ej uppnått"),
    ("ej uppnatt", "ej uppnått"),
    ("uppnatt", "uppnått"),
]
_MAX_LINES = 25  # the summary table sits right under its heading


@dataclass
class StatusCount:
    goal_kind: str | None  # effektmål | mål | uppdrag | indikator
    label: str  # the row as printed, without the total
    total: int | None  # "(8 st)"
    status: str  # uppnått | delvis | ej uppnått
    status_raw: str  # the column's word as printed (folded): gron, gul, rod, helt, …
    count: int
    page: int | None
    source_index: int | None
    source_text: str


def _goal_kind(label: str) -> str | None:
    f = fold(label)
    for stem, kind in (
        ("effektmal", "effektmål"),
        ("uppdrag", "uppdrag"),
        ("indikator", "indikator"),
        ("mal", "mål"),
    ):
        if re.search(r"\b" + stem, f):
            return kind
    return None


def _columns(line: str) -> list[tuple[str, str]]:
    """The status columns a header line names, in printed order ("gron gul rod")."""
    f = fold(line)
    found = []
    for word, status in _COLUMN_WORDS:
        for m in re.finditer(r"\b" + word + r"\b", f):
            if not any(m.start() < end and start < m.end() for start, end, *_ in found):
                found.append((m.start(), m.end(), word, status))
    found.sort()
    return [(w, s) for _, _, w, s in found]


def extract_status_summary(doc: Document) -> list[StatusCount]:
    out: list[StatusCount] = []
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if b.kind != "heading" or not _HEADING.search(b.text):
            continue
        columns: list[tuple[str, str]] = []
        seen = 0
        for nb in blocks[i + 1 :]:
            if nb.kind == "heading" or seen > _MAX_LINES:
                break
            for line in nb.lines or [nb.text]:
                seen += 1
                cols = _columns(line)
                if len(cols) >= 2 and not _ROW.match(line):
                    columns = cols
                    continue
                m = _ROW.match(line)
                if not m or not columns:
                    continue
                counts = [int(x) for x in m.group("counts").split()]
                if len(counts) != len(columns):
                    continue
                out.extend(_row(m, counts, columns, nb, line))
    return out


def _row(m: re.Match, counts: list[int], columns, b: Block, line: str) -> list[StatusCount]:
    label = " ".join(m.group("label").split())
    return [
        StatusCount(
            goal_kind=_goal_kind(label),
            label=label,
            total=int(m.group("total")),
            status=status,
            status_raw=word,
            count=n,
            page=b.page,
            source_index=b.source_index,
            source_text=line.strip(),
        )
        for n, (word, status) in zip(counts, columns, strict=True)
    ]
