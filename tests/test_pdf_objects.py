"""The lean page objects give pdfplumber's own geometry: same characters, edges, tables and
fill colours, for born-digital pages of the corpus and of real documents."""

from __future__ import annotations

import pdfplumber
import pytest

from conftest import CORPUS
from styrdata.extract.readers.pdf_objects import lean

CHAR_KEYS = ("text", "x0", "x1", "top", "bottom", "doctop", "size", "fontname", "upright")
EDGE_KEYS = ("x0", "x1", "top", "bottom", "orientation", "width", "height")
FILES = [
    CORPUS / "plain" / "000_27f8406190a0567d.pdf",
    CORPUS / "real" / "Alingsas_TekniskaNamnden_Fordjupad_manadsuppfoljning_april_2026.pdf",
    CORPUS / "real" / "Goteborg_Stadsrevisionen_Arsredogorelse_2024.pdf",
]


def _objects(page) -> tuple:
    return (
        [tuple(c[k] for k in CHAR_KEYS) for c in page.chars],
        [tuple(e[k] for k in EDGE_KEYS) for e in page.edges],
        [(o["fill"], o["non_stroking_color"], o["stroke"]) for o in page.rects + page.curves],
        [(t.bbox, t.cells) for t in page.find_tables()],
    )


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem[:30])
def test_lean_pages_read_what_pdfplumber_reads(path):
    if not path.exists():
        pytest.skip(f"{path} not present")
    with pdfplumber.open(path) as pdf:
        want = [_objects(p) for p in pdf.pages[:12]]
    with pdfplumber.open(path) as pdf:
        got = [_objects(lean(p)) for p in pdf.pages[:12]]
    assert got == want
