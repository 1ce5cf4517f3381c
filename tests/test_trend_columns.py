"""Key-figure tables with no rules whose last column is a trend arrow or a status symbol
set as a character ("↑", "↓", "●"), and labels wrapped onto a second line: the arrows are
cells of their own, not part of the target beside them, and the table is read."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from builders import _font
from styrdata.extract.domain import extract_domain
from styrdata.extract.readers.dispatch import read_document

_, H = A4
ROWS = [
    (["Andel brukare som är nöjda med sitt", "boende, %"], "84", "86", "90", "↑"),
    (["Personalkontinuitet i hemtjänsten, antal"], "16", "15", "12", "↓"),
    (["Andel ej återinskrivna inom 30 dagar, %"], "91,5", "92,0", "93,0", "→"),
]


def _page(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    reg, bold = _font(False), _font(True)
    c.setFont(bold, 16)
    c.drawString(60, H - 60, "Tertialrapport 2 2026")
    c.setFont(reg, 11)
    c.drawString(60, H - 80, "Äldrenämnden, Tierps kommun")
    c.setFont(bold, 12)
    c.drawString(60, H - 120, "Mått och utveckling")
    xs = {"a": 350, "b": 400, "c": 470}  # right edges of the figures
    y = H - 150
    c.setFont(bold, 9)
    c.drawString(64, y, "Mått")
    for x, t in zip(xs.values(), ["Utfall", "Utfall", "Målvärde"], strict=True):
        c.drawRightString(x, y, t)
    c.drawString(476, y, "Trend")
    y -= 11
    for x, t in zip(xs.values(), ["2025", "2026", "2026"], strict=True):
        c.drawRightString(x, y, t)
    y -= 18
    c.setFont(reg, 9)
    for label, a, b, target, arrow in ROWS:
        c.drawString(64, y, label[0])
        for x, t in zip(xs.values(), [a, b, target], strict=True):
            c.drawRightString(x, y, t)
        c.drawString(479, y, arrow)  # closer than a column gap to the target
        for more in label[1:]:
            y -= 11
            c.drawString(64, y, more)
        y -= 16
    c.save()
    return path


def test_a_trend_column_of_arrows_is_a_column_of_its_own(tmp_path):
    doc = read_document(_page(tmp_path / "trend.pdf"))
    tables = [b.table for b in doc.blocks if b.table is not None]
    assert len(tables) == 1
    grid = tables[0].grid()
    assert [r[-1] for r in grid[-3:]] == ["↑", "↓", "→"]
    assert [r[-2] for r in grid[-3:]] == ["90", "12", "93,0"]
    values = {
        (i.text, v.value_type, v.year, v.raw)
        for i in extract_domain(doc).indicators
        for v in i.values
    }
    assert ("Andel brukare som är nöjda med sitt boende, %", "målvärde", 2026, "90") in values
    assert ("Personalkontinuitet i hemtjänsten, antal", "utfall", 2025, "16") in values
    assert not {v[3] for v in values} & {"↑", "↓", "→"}
