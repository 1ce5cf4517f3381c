"""Tables pasted as pictures, read back and compared with a transcription made by eye.

:func:`score` matches each transcribed row to the row of a table block read from a picture
on the same page whose label is most alike (glyphs of the reporting tool's tree, ▶ and ▲,
aside), then compares the row's amounts in order: an amount counts only when it is read
exactly, sign included. Coloured status dots and empty cells are not amounts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from styrdata.extract.model import Document
from styrdata.normalize.text import fold

_AMOUNT = re.compile(r"[-−–]?\d{1,3}(?: \d{3})*(?:,\d+)?")


def amounts(text: str) -> list[str]:
    """The amounts a cell or a transcribed value holds, as "-4128" ("−4 128" → "-4128")."""
    text = text.replace("−", "-").replace("–", "-")
    return [a.replace(" ", "") for a in _AMOUNT.findall(text)]


def label_key(label: str) -> str:
    """A row label without the tree glyphs OCR reads as letters ("p» 3 Intäkter" →
    "3 intakter"), folded."""
    words = re.sub(r"[^\w ]", " ", fold(label)).split()
    while words and not words[0].isdigit() and len(words[0]) <= 2 and words[0] != "summa":
        words.pop(0)
    return " ".join(w for w in words if w != "-")


@dataclass
class Score:
    rows: int = 0
    rows_found: int = 0
    values: int = 0
    values_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.values_right / self.values if self.values else 1.0


def score(doc: Document, golden: Path, min_label: float = 0.75) -> Score:
    """How many of the transcribed amounts the picture tables of ``doc`` hold, row by row."""
    want = json.loads(golden.read_text(encoding="utf-8"))
    out = Score()
    for table in want["tables"]:
        if not table.get("from_picture"):
            continue
        rows = [
            (label_key(grid[0] or ""), [a for v in grid[1:] for a in amounts(v or "")])
            for b in doc.blocks
            if b.table is not None and b.source == "picture_ocr" and b.page == table["page"]
            for grid in b.table.grid()
        ]
        for row in table["rows"]:
            wanted = [a for v in row["values"] for a in amounts(v)]
            key = label_key(row["label"])
            out.rows += 1
            out.values += len(wanted)
            best = max(rows, key=lambda r: SequenceMatcher(None, key, r[0]).ratio(), default=None)
            if best is None or SequenceMatcher(None, key, best[0]).ratio() < min_label:
                out.misses.append(f"p{table['page']} {row['label']!r}: no row")
                continue
            out.rows_found += 1
            right = sum(1 for a, b in zip(wanted, best[1], strict=False) if a == b)
            if best[1] == wanted:
                out.values_right += len(wanted)
            else:
                out.values_right += right if len(best[1]) == len(wanted) else 0
                out.misses.append(f"p{table['page']} {row['label']!r}: {wanted} read {best[1]}")
    return out
