"""Fixture documents the tests build themselves (reportlab PDFs, python-docx DOCX)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_FONTS = {
    "Regular": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}


def _font(bold: bool) -> str:
    """A TrueType font with å/ä/ö when the machine has DejaVu; Helvetica otherwise."""
    name = "DejaVuSans-Bold" if bold else "DejaVuSans"
    path = _FONTS["Bold" if bold else "Regular"]
    if Path(path).exists():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path))
        return name
    return "Helvetica-Bold" if bold else "Helvetica"


def plan_pdf(path: Path, pages: int = 3, encrypt: str | None = None) -> Path:
    """A small plan: running header and page numbers, numbered headings, a hyphenated
    paragraph, bullets, and a ruled table that continues on the next page with its header."""
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    c.setTitle("Verksamhetsplan 2025")
    w, h = A4
    reg, bold = _font(False), _font(True)
    for n in range(1, pages + 1):
        c.setFont(reg, 9)
        c.drawString(60, h - 30, "Region Halland – Regionstyrelsen – Verksamhetsplan 2025")
        c.drawString(w / 2, 30, str(n))
        y = h - 90
        if n == 1:
            c.setFont(bold, 16)
            c.drawString(60, y, "1 Inledning")
            y -= 28
            c.setFont(reg, 11)
            for line in (
                "Planen beskriver regionstyrelsens för-",
                "utsättningar och mål för år 2025 i Region Halland.",
            ):
                c.drawString(60, y, line)
                y -= 14
            y -= 10
            c.setFont(bold, 13)
            c.drawString(60, y, "1.1 Mål och uppdrag")
            y -= 22
            c.setFont(reg, 11)
            for item in ("Minskad klimatpåverkan", "Hälso- och sjukvård i världsklass"):
                c.drawString(60, y, "•")
                c.drawString(72, y, item)
                y -= 14
            y -= 20
            rows = [("Belopp i mnkr", "Budget 2025", "Utfall 2024")] + [
                (f"Verksamhet {i}", f"-{i},5", f"-{i + 1} 000") for i in range(1, 9)
            ]
        elif n == 2:
            rows = [("Belopp i mnkr", "Budget 2025", "Utfall 2024")] + [
                (f"Verksamhet {i}", f"-{i},5", f"-{i + 1} 000") for i in range(9, 12)
            ]
            y = h - 80
        else:
            c.setFont(reg, 11)
            c.drawString(60, y, "Sista sidan utan tabell.")
            rows = []
        if rows:
            _ruled_table(c, rows, 60, y, [200, 100, 100], reg, bold, at_top=(n == 2))
        c.showPage()
    c.save()
    return path


def _ruled_table(c, rows, x, y_top, widths, reg, bold, at_top=False):
    rh = 18
    total_w = sum(widths)
    y = y_top
    for r, row in enumerate(rows):
        c.line(x, y, x + total_w, y)
        cx = x
        for col, text in enumerate(row):
            c.setFont(bold if r == 0 else reg, 10)
            c.drawString(cx + 4, y - 13, text)
            cx += widths[col]
        y -= rh
    c.line(x, y, x + total_w, y)
    cx = x
    for wdt in [0, *widths]:
        cx += wdt
        c.line(cx, y_top, cx, y)


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF whose pages are images only (no text layer): a title, a paragraph and an
    unruled budget table, drawn at 200 dpi as a scanner would deliver them."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    def font(size: int, bold: bool = False):
        f = _FONTS["Bold" if bold else "Regular"]
        return ImageFont.truetype(f, size) if Path(f).exists() else ImageFont.load_default()

    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, pages + 1):
        img = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
        d = ImageDraw.Draw(img)
        d.text((160, 200), "Verksamhetsplan 2024", font=font(60, True), fill=0)
        d.text((160, 300), "Region Halland, Regionstyrelsen", font=font(34), fill=0)
        d.text((160, 420), f"Sida {n}: Driftbudget för regionkontoret.", font=font(30), fill=0)
        rows = [
            ("Belopp i mnkr", "Budget 2024", "Budget 2023"),
            ("Intäkter", "332", "318"),
            ("Personalkostnader", "-529", "-512"),
            ("Övriga driftskostnader", "-515", "-498"),
            ("Nettobudget", "-712", "-692"),
        ]
        y = 560
        for r, (label, a, b) in enumerate(rows):
            f = font(30, bold=r == 0)
            d.text((160, y), label, font=f, fill=0)
            for x_right, value in ((1150, a), (1450, b)):
                w = d.textlength(value, font=f)
                d.text((x_right - w, y), value, font=f, fill=0)
            y += 60
        c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return path


def _set_cell_merge(cell, *, grid_span: int | None = None, vmerge: str | None = None) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    if grid_span:
        gs = OxmlElement("w:gridSpan")
        gs.set(qn("w:val"), str(grid_span))
        tcpr.append(gs)
    if vmerge:
        vm = OxmlElement("w:vMerge")
        if vmerge == "restart":
            vm.set(qn("w:val"), "restart")
        tcpr.append(vm)


def plan_docx(path: Path) -> Path:
    d = docx.Document()
    d.core_properties.title = "Verksamhetsplan 2025"
    d.add_heading("Verksamhetsplan med budget 2025", level=0)
    d.add_paragraph("Region Västernorrland – Regionstyrelsen")
    d.add_heading("1 Inledning", level=1)
    d.add_paragraph("Regionstyrelsens plan för år 2025.")
    d.add_heading("1.1 Mål", level=2)
    d.add_paragraph("Minskad klimatpåverkan", style="List Bullet")
    d.add_paragraph("Stärkt kompetensförsörjning", style="List Number")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text = "Indikator"
    t.cell(0, 1).text = "Utfall 2024"  # merged across two columns
    t.cell(0, 1).merge(t.cell(0, 2))
    t.cell(1, 0).text = "HME"  # merged down two rows
    t.cell(1, 0).merge(t.cell(2, 0))
    t.cell(1, 1).text = "77"
    t.cell(1, 2).text = "74"
    t.cell(2, 1).text = "79"
    t.cell(2, 2).text = "75"
    d.add_paragraph("Efter tabellen.")
    d.save(str(path))
    return path


GARBLED_PAGE_TEXT = [
    "Verksamhetsplan 2024 för regionstyrelsen",
    "Regionstyrelsen ska bidra till att invånarna i länet har en god hälsa och att",
    "verksamheten bedrivs med hög kvalitet och inom de ekonomiska ramarna. Målen",
    "följs upp i delårsrapporten och i årsredovisningen, och varje nämnd redovisar",
    "hur den har arbetat med sina uppdrag och vilka resultat som har nåtts under året.",
]


def _shifted(text: str) -> str:
    """What a font without a proper character map yields: every letter moved along."""
    return "".join(chr(ord(ch) + 3) if ch.isascii() and ch.isalpha() else ch for ch in text)


def garbled_text_layer_pdf(path: Path, garbled: bool = True) -> Path:
    """One page that shows Swedish text (drawn as an image at 300 dpi, as a scan would) over
    an invisible text layer, as an earlier OCR or a broken font leaves it: with
    ``garbled`` the layer's letters are shifted ("Uhjlrq"), otherwise it is the text."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    font = ImageFont.truetype(_FONTS["Regular"], 40)
    img = Image.new("L", (2480, 3508), 255)
    d = ImageDraw.Draw(img)
    for k, line in enumerate(GARBLED_PAGE_TEXT):
        d.text((250, 300 + 70 * k), line, font=font, fill=0)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
    t = c.beginText()
    t.setTextRenderMode(3)  # invisible, as OCR text layers are
    t.setFont(_font(False), 9.6)
    for k, line in enumerate(GARBLED_PAGE_TEXT):
        t.setTextOrigin(250 * 72 / 300, A4[1] - (300 + 70 * k + 32) * 72 / 300)
        t.textOut(_shifted(line) if garbled else line)
    c.drawText(t)
    c.showPage()
    c.save()
    return path


def table_picture(
    rows: list[tuple[str, ...]],
    font_px: int = 15,
    widths: tuple[int, ...] = (300, 130, 130),
    grid: str = "rows",
    settings: str | None = None,
):
    """A budget table as a finance system exports it to a picture (PNG-like, grey on
    white, screen resolution): faint grey rules between the rows (``grid="rows"``) or a
    full faint grid with a shaded header (``grid="full"``), labels left, amounts right;
    ``settings``: a line of the report's settings over the table ("År: 2024 … Tkr")."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(_FONTS["Regular"], font_px)
    bold = ImageFont.truetype(_FONTS["Bold"], font_px)
    rh = round(font_px * 1.9)
    pad = 8
    above = 2 * rh if settings else 0
    img = Image.new("RGB", (sum(widths) + 2 * pad, rh * len(rows) + 2 * pad + above), "white")
    d = ImageDraw.Draw(img)
    if settings:
        d.text((pad + 6, pad), settings, font=font, fill=(40, 40, 40))
        pad_top = pad + above
    else:
        pad_top = pad
    grey = (222, 222, 222)
    right = pad + sum(widths)
    if grid == "full":
        d.rectangle((pad, pad_top, right, pad_top + rh), fill=(238, 238, 238))
    for r, row in enumerate(rows):
        y = pad_top + r * rh
        d.line((pad, y + rh, right, y + rh), fill=grey)
        x = pad
        for c, (text, width) in enumerate(zip(row, widths, strict=True)):
            f = bold if r == 0 or text.startswith("Summa") else font
            colour = (200, 0, 0) if text.startswith("-") else (40, 40, 40)
            if c == 0:
                d.text((x + 6, y + (rh - font_px) / 2 - 1), text, font=f, fill=colour)
            else:
                w = d.textlength(text, font=f)
                d.text((x + width - 6 - w, y + (rh - font_px) / 2 - 1), text, font=f, fill=colour)
            x += width
    if grid == "full":
        d.line((pad, pad_top, right, pad_top), fill=grey)
        x = pad
        for width in (0, *widths):
            x += width
            d.line((x, pad_top, x, pad_top + rh * len(rows)), fill=grey)
    return img


BUDGET_PICTURE_ROWS = [
    ("Belopp i mnkr", "Budget 2024", "Budget 2023"),
    ("Intäkter", "332,5", "318,0"),
    ("Personalkostnader", "-529,1", "-512,4"),
    ("Övriga driftskostnader", "-1 515,0", "-1 498,2"),
    ("Avskrivningar", "-8,7", "-7,9"),
    ("Summa kostnader", "-2 052,8", "-2 018,5"),
    ("Nettobudget", "-1 720,3", "-1 700,5"),
]


TKR_PICTURE_ROWS = [
    ("Resultaträkning", "Budget 2024", "Utfall 2024"),
    ("Intäkter", "3 325", "3 180"),
    ("Personalkostnader", "-5 291", "-5 124"),
    ("Nettokostnad", "-1 966", "-1 944"),
]
REPORT_SETTINGS = "År: 2024   Period: Dec   Måttuppsättning: Tkr (vänt tecken)"


def picture_table_pdf(
    path: Path, grid: str = "rows", photo: bool = False, settings: bool = False
) -> Path:
    """A born-digital page (text layer: heading, paragraphs) with a budget table pasted
    as a PNG screenshot between its paragraphs, as follow-ups and slide decks do; with
    ``photo``, also a photo-like picture (no text in it); with ``settings``, a reporting
    tool's screenshot whose unit is only among the report's settings over its table."""
    import numpy as np
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle("Uppföljning 2024")
    w, h = A4
    reg, bold = _font(False), _font(True)
    c.setFont(bold, 16)
    c.drawString(60, h - 80, "Driftbudget 2024")
    c.setFont(reg, 11)
    if settings:
        c.drawString(60, h - 105, "Utfallet för helåret jämfört med budget.")
        img = table_picture(TKR_PICTURE_ROWS, grid=grid, settings=REPORT_SETTINGS)
    else:
        c.drawString(60, h - 105, "Regionstyrelsens driftbudget för 2024 jämfört med 2023, i mnkr.")
        img = table_picture(BUDGET_PICTURE_ROWS, grid=grid)
    # placed at 96 ppi, as a screenshot pasted at its own size
    pw, ph = img.width * 72 / 96, img.height * 72 / 96
    c.drawImage(ImageReader(img), 60, h - 130 - ph, width=pw, height=ph)
    y = h - 150 - ph
    c.drawString(60, y, "Nettobudgeten minskar jämfört med föregående år.")
    if photo:
        rng = np.random.default_rng(3)
        yy, xx = np.mgrid[0:300, 0:400]
        sky = (120 + 80 * np.sin(xx / 37.0) * np.cos(yy / 23.0)).clip(0, 255)
        noisy = (sky[..., None] + rng.normal(0, 25, (300, 400, 3))).clip(0, 255)
        c.drawImage(
            ImageReader(Image.fromarray(noisy.astype(np.uint8), "RGB")),
            60,
            y - 40 - 180,
            width=240,
            height=180,
        )
    c.showPage()
    c.save()
    return path
