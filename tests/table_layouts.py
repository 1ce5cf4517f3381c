"""Budget-table layouts as PDFs with known cell contents (for tests and bench/tables.py).

Each layout is drawn with reportlab the way regions' reports draw them: numbers right-aligned,
labels left-aligned, rules as the layout says. ``truth`` is the table as an analyst reads it:
one grid (rows × columns, "" for an empty cell), a table spanning pages being one grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from builders import _font

HEADER = ["Belopp i mnkr", "Budget 2025", "Prognos 2024", "Utfall 2023"]
ROWS = [
    ["Hälsovalsenheten, varav", "-1 969,4", "-1 891,0", "-1 916,4"],
    ["- Vårdval Hälsoval", "-1 135,0", "-1 091,2", "-1 122,9"],
    ["- Läkemedel", "-354,2", "-346,0", "-346,7"],
    ["Tandvårdsenheten", "-247,0", "-243,1", "-242,0"],
    ["Regionkansliet", "-391,3", "-291,0", "-383,0"],
    ["Omställning", "-130,0", "0,0", "-78,0"],
    ["Summa", "-2 868,0", "-2 771,5", "-2 843,9"],
]
WIDTHS = [200, 90, 90, 90]
X0 = 60
ROW_H = 18


@dataclass
class Layout:
    name: str
    truth: list[list[str]]
    pages: int = 1


def _right(c, text, x_right, y, font, size=10):
    c.setFont(font, size)
    c.drawRightString(x_right, y, text)


def _draw_rows(
    c,
    rows,
    y,
    *,
    bold_rows=(),
    italic_rows=(),
    header_rows=0,
    hrules=False,
    vrules=False,
    widths=WIDTHS,
):
    reg, bold = _font(False), _font(True)
    top = y + ROW_H - 5
    for r, row in enumerate(rows):
        is_bold = r < header_rows or r in bold_rows
        font = bold if is_bold else reg
        x = X0
        for col, text in enumerate(row):
            if col == 0:
                c.setFont(font, 10)
                if r in italic_rows:
                    c.setFont("Helvetica-Oblique", 10)  # a standard font with å/ä/ö
                c.drawString(x + 4, y, text)
            else:
                _right(
                    c,
                    text,
                    x + widths[col] - 4,
                    y,
                    "Helvetica-Oblique" if r in italic_rows else font,
                )
            x += widths[col]
        if hrules:
            c.line(X0, y - 5, X0 + sum(widths), y - 5)
        y -= ROW_H
    if vrules:
        x = X0
        for wd in [0, *widths]:
            x += wd
            c.line(x, top, x, y + ROW_H - 5)
        c.line(X0, top, X0 + sum(widths), top)
    return y


def _title(c, text, y):
    c.setFont(_font(True), 13)
    c.drawString(X0, y, text)
    c.setFont(_font(False), 10)
    c.drawString(X0, y - 22, "Tabellen visar nämndens budget jämfört med prognos och utfall.")
    return y - 50


def ruled(path: Path) -> Layout:
    c = canvas.Canvas(str(path), pagesize=A4)
    y = _title(c, "Driftbudget", 780)
    _draw_rows(c, [HEADER, *ROWS], y, header_rows=1, hrules=True, vrules=True)
    c.save()
    return Layout("ruled", [HEADER, *ROWS])


def horizontal_rules(path: Path) -> Layout:
    c = canvas.Canvas(str(path), pagesize=A4)
    y = _title(c, "Driftbudget", 780)
    c.line(X0, y + 13, X0 + sum(WIDTHS), y + 13)
    _draw_rows(c, [HEADER, *ROWS], y, header_rows=1, hrules=True)
    c.save()
    return Layout("horizontal rules only", [HEADER, *ROWS])


def unruled(path: Path) -> Layout:
    c = canvas.Canvas(str(path), pagesize=A4)
    y = _title(c, "Driftbudget", 780)
    _draw_rows(c, [HEADER, *ROWS], y, header_rows=1)
    c.save()
    return Layout("unruled", [HEADER, *ROWS])


def two_line_header(path: Path) -> Layout:
    """'Budget-' / 'avvikelse' on two lines; a grouped header over Kvinnor/Män/Totalt."""
    c = canvas.Canvas(str(path), pagesize=A4)
    y = _title(c, "Personal", 780)
    bold, reg = _font(True), _font(False)
    widths = [200, 70, 70, 70, 80]
    xs = [X0 + sum(widths[: i + 1]) - 4 for i in range(len(widths))]
    c.setFont(bold, 10)
    c.drawCentredString((xs[0] + xs[3]) / 2, y, "Anställda per 31 dec 2024")
    _right(c, "Budget-", xs[4], y, bold)
    y -= 13
    c.setFont(bold, 10)
    c.drawString(X0 + 4, y, "Årsarbetare")
    for i, t in enumerate(["Kvinnor", "Män", "Totalt", "avvikelse"], start=1):
        _right(c, t, xs[i], y, bold)
    y -= ROW_H
    data = [
        ["Regionkansliet", "312", "101", "413", "-12"],
        ["Hälsovalsenheten", "41", "9", "50", "2"],
        ["Tandvårdsenheten", "12", "3", "15", "0"],
        ["Summa", "365", "113", "478", "-10"],
    ]
    for row in data:
        c.setFont(reg, 10)
        c.drawString(X0 + 4, y, row[0])
        for i, t in enumerate(row[1:], start=1):
            _right(c, t, xs[i], y, reg)
        y -= ROW_H
    c.save()
    truth = [
        ["", "Anställda per 31 dec 2024", "", "", "Budget- avvikelse"],
        ["Årsarbetare", "Kvinnor", "Män", "Totalt", ""],
        *data,
    ]
    return Layout("two-line and grouped header", truth)


def wrapped_labels(path: Path) -> Layout:
    """Multi-line label cells: the numbers stand on the first or the last line."""
    c = canvas.Canvas(str(path), pagesize=A4)
    y = _title(c, "Driftbudget", 780)
    reg = _font(False)
    y = _draw_rows(c, [HEADER], y, header_rows=1)
    rows = [
        (
            ["Privata vårdgivare (avtal inom", "LOU, LOL, LOF, LOV)"],
            ["-179,0", "-164,0", "-164,3"],
            1,
        ),
        (["Köpt digital vård, externa", "utförare"], ["-24,0", "-26,0", "-23,3"], 0),
        (["Tandvårdsstöd"], ["-32,0", "-31,0", "-31,7"], 0),
        (
            ["AT/ST-läkare inom primär-", "vården (inkl kurskostnad)"],
            ["-86,0", "-85,0", "-74,9"],
            1,
        ),
        (["Summa"], ["-321,0", "-306,0", "-294,2"], 0),
    ]
    for label_lines, nums, at in rows:
        for k, ln in enumerate(label_lines):
            c.setFont(reg, 10)
            c.drawString(X0 + 4, y, ln)
            if k == at:
                x = X0
                for col, t in enumerate(nums, start=1):
                    x += WIDTHS[col - 1]
                    _right(c, t, x + WIDTHS[col] - 4, y, reg)
            y -= 13
        y -= 5
    c.save()
    truth = [HEADER] + [
        [
            " ".join(ln).replace("primär- vården", "primärvården"),
            *nums,
        ]
        for ln, nums, _ in rows
    ]
    return Layout("multi-line label cells", truth)


def _spanning(path: Path, repeat_header: bool) -> Layout:
    c = canvas.Canvas(str(path), pagesize=A4)
    reg = _font(False)
    y = _title(c, "Investeringsbudget", 780)
    c.setFont(reg, 10)
    for k in range(24):  # text filling most of the first page
        c.drawString(X0, y, f"Löptext rad {k + 1} om investeringarnas inriktning och prioritering.")
        y -= 14
    items = [
        [
            f"Objekt {i:02d} utrustning",
            f"{i * 1.5:.1f}".replace(".", ","),
            f"{i:.1f}".replace(".", ","),
            f"{i * 2:.1f}".replace(".", ","),
        ]
        for i in range(1, 31)
    ]
    y = _draw_rows(c, [HEADER, *items[:14]], y - 10, header_rows=1, hrules=True)
    c.showPage()
    y = 740  # below the top margin, where running headers live
    rest = ([HEADER] if repeat_header else []) + items[14:]
    _draw_rows(c, rest, y, header_rows=1 if repeat_header else 0, hrules=True)
    c.save()
    name = "page-spanning, repeated header" if repeat_header else "page-spanning, no header"
    return Layout(name, [HEADER, *items], pages=2)


def spanning_repeated_header(path: Path) -> Layout:
    return _spanning(path, True)


def spanning_no_header(path: Path) -> Layout:
    return _spanning(path, False)


def bold_and_italic_rows(path: Path) -> Layout:
    c = canvas.Canvas(str(path), pagesize=A4)
    y = _title(c, "Resultatbudget", 780)
    rows = [
        ["Verksamhetens intäkter", "2 380,0", "2 394,5", "2 381,4"],
        ["Personalkostnader", "-665,0", "-688,2", "-692,8"],
        ["Övriga kostnader", "-1 230,0", "-1 284,2", "-1 283,7"],
        ["Verksamhetens nettokostnader", "485,0", "422,1", "404,9"],
        ["Finansnetto", "-150,0", "-68,5", "-66,4"],
        ["Resultat", "335,0", "353,6", "338,5"],
    ]
    _draw_rows(c, [HEADER, *rows], y, header_rows=1, bold_rows=(4, 6), italic_rows=(2,))
    c.save()
    return Layout("bold and italic rows", [HEADER, *rows])


LAYOUTS = [
    ruled,
    horizontal_rules,
    unruled,
    two_line_header,
    wrapped_labels,
    spanning_repeated_header,
    spanning_no_header,
    bold_and_italic_rows,
]


def build_all(folder: Path) -> list[tuple[Path, Layout]]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for make in LAYOUTS:
        path = folder / f"{make.__name__}.pdf"
        out.append((path, make(path)))
    return out


# -- scoring (bench/tables.py and the tests) ----------------------------------------
def norm(text) -> str:
    t = " ".join(str(text or "").split())
    return re.sub(r"(?<=[A-Za-zÅÄÖåäö])- (?=[a-zåäö])", "", t)


def cells(grid: list[list]) -> list[list[str]]:
    """Normalized grid without rows and columns that are empty throughout."""
    g = [[norm(x) for x in row] for row in grid]
    g = [row for row in g if any(row)]
    if not g:
        return []
    width = max(len(r) for r in g)
    g = [r + [""] * (width - len(r)) for r in g]
    keep = [c for c in range(width) if any(r[c] for r in g)]
    return [[r[c] for c in keep] for r in g]


def _matched(pred: list[list[str]], truth: list[list[str]], dc: int) -> int:
    """Cells matched under the best order-keeping row alignment (column shift ``dc``)."""

    def row_score(t: list[str], p: list[str]) -> int:
        return sum(1 for c, x in enumerate(t) if x and 0 <= c + dc < len(p) and p[c + dc] == x)

    n, m = len(truth), len(pred)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for a in range(1, n + 1):
        for b in range(1, m + 1):
            best[a][b] = max(
                best[a - 1][b],
                best[a][b - 1],
                best[a - 1][b - 1] + row_score(truth[a - 1], pred[b - 1]),
            )
    return best[n][m]


def f1(pred: list[list[str]], truth: list[list[str]]) -> float:
    """F1 of non-empty cells: a predicted cell is right when its text equals the truth's at
    the same place, rows aligned in order (extra rows above, duplicated headers or missing
    rows cost precision or recall, not everything) and columns under one best shift."""
    n_true = sum(1 for row in truth for x in row if x)
    n_pred = sum(1 for row in pred for x in row if x)
    if not n_true or not n_pred:
        return 0.0
    width = max(len(r) for r in pred)
    hit = max(_matched(pred, truth, dc) for dc in range(-2, width))
    if hit == 0:
        return 0.0
    prec, rec = hit / n_pred, hit / n_true
    return 2 * prec * rec / (prec + rec)
