"""Documents in the forms kommuner, regions and kommunalförbund print, built for the tests.

Each builder writes a DOCX with python-docx (and :func:`to_pdf` renders it with headless
LibreOffice, as a municipality's office suite would). Names, words and numbers are made up
for the tests and differ from every corpus document: the extractors must read them from the
sector's conventions, not from any one file.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import docx


def goal_docx(path: Path, title: list[str], body: list[tuple]) -> Path:
    """A DOCX of a title page (``title``: the title, then lines under it) and ``body``:
    ("h", level, text), ("p", text), ("bullets", [texts]), ("table", rows), or ("merged",
    rows, [(column, first row, last row)]) for a table whose cells are merged down."""
    from builders import _set_cell_merge

    d = docx.Document()
    d.add_heading(title[0], 0)
    for line in title[1:]:
        d.add_paragraph(line)
    for kind, *rest in body:
        if kind == "h":
            d.add_heading(rest[1], rest[0])
        elif kind == "p":
            d.add_paragraph(rest[0])
        elif kind == "bullets":
            for t in rest[0]:
                d.add_paragraph(t, style="List Bullet")
        elif kind == "table":
            _table(d, rest[0])
        elif kind == "merged":
            rows, spans = rest
            _table(d, rows)
            t = d.tables[-1]
            for col, r0, r1 in spans:
                for r in range(r0, r1 + 1):
                    cell = t.cell(r, col)
                    if r > r0:
                        cell.text = ""
                    _set_cell_merge(cell, vmerge="restart" if r == r0 else "continue")
    d.save(path)
    return path


def _table(d, rows: list[list[str]], header_rows: int = 1) -> None:
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = t.cell(r, c)
            cell.text = ""
            lines = text.split("\n")
            p = cell.paragraphs[0]
            for k, line in enumerate(lines):
                run = p.add_run(line)
                run.bold = r < header_rows
                if k < len(lines) - 1:
                    run.add_break()


def key_figures_docx(path: Path) -> Path:
    """A kommun committee's delårsrapport with key figures, comparisons, a goal table with
    targets, budget frames without a unit in the table, a five-year overview mixing units,
    a driftredovisning with "Återstår" and an investment table with project numbers."""
    d = docx.Document()
    d.add_heading("Delårsrapport april 2026", 0)
    d.add_paragraph("Kultur- och fritidsnämnden, Ljusdals kommun")
    d.add_heading("Nyckeltal", 1)
    _table(
        d,
        [
            ["Nyckeltal", "Utfall\nperioden\n2026", "Prognos\nhelår\n2026", "Utfall\nhelår\n2025",
             "Utfall\nhelår\n2024"],
            ["Sjukfrånvaro (%)", "6,1", "6,0", "6,4", "6,9"],
            ["Antal årsarbetare", "1 234", "1 240", "1 198", "1 150"],
            ["Nettokostnad (mnkr)", "-512,3", "-1 540,0", "-1 498,2", "-1 401,9"],
        ],
    )  # fmt: skip
    d.add_heading("Jämförelser", 1)
    _table(
        d,
        [
            ["Nyckeltal", "Ljusdal 2025", "Riket 2025", "Liknande kommuner 2025"],
            ["Andel elever med behörighet till gymnasiet (%)", "84", "86 (2024)", "85"],
            ["Besök per invånare i bibliotek", "3,2", "3,9", "3,5"],
        ],
    )
    d.add_heading("Mål och målvärden", 1)
    _table(
        d,
        [
            ["Indikator", "Utfall 2025", "Målvärde 2026", "Målvärde 2027"],
            ["Sjukfrånvaro", "6,8 %", "< 6 %", "≤ 5,5 %"],
            ["Nöjd kund-index", "72", "≥ 75", "minst 78"],
        ],
    )
    d.add_heading("Budgetramar 2027–2029", 1)
    d.add_paragraph("Ramarna per nämnd anges nedan. Belopp i tkr.")
    _table(
        d,
        [
            ["Nämnd", "2027", "2028", "2029"],
            ["Kultur- och fritidsnämnden", "118 400", "121 300", "124 100"],
            ["Tekniska nämnden", "96 250", "98 100", "99 900"],
            ["Summa", "214 650", "219 400", "224 000"],
        ],
    )
    d.add_heading("Fem år i sammandrag", 1)
    _table(
        d,
        [
            ["", "2021", "2022", "2023", "2024", "2025"],
            ["Årets resultat (mnkr)", "41,2", "38,0", "-12,5", "22,1", "30,4"],
            ["Soliditet (%)", "48", "47", "44", "45", "46"],
            ["Antal invånare", "41 230", "41 410", "41 655", "41 802", "41 990"],
        ],
    )
    d.add_heading("Driftredovisning per verksamhet, tkr", 1)
    _table(
        d,
        [
            ["Verksamhet", "Budget helår", "Utfall jan–apr", "Återstår"],
            ["Bibliotek", "24 500", "7 900", "16 600"],
            ["Fritidsgårdar", "11 200", "4 150", "7 050"],
            ["Summa", "35 700", "12 050", "23 650"],
        ],
    )
    d.add_heading("Investeringsredovisning", 1)
    d.add_paragraph("Belopp i tkr")
    _table(
        d,
        [
            ["Projekt", "Budget 2026", "Utfall 2026", "Avvikelse"],
            ["Ombyggnad skolgården (4711)", "2 500", "900", "1 600"],
            ["Konstgräsplan Västra (4720)", "6 000", "6 450", "-450"],
            ["Totalt", "8 500", "7 350", "1 150"],
        ],
    )
    d.save(path)
    return path


def goals_followup_docx(path: Path) -> Path:
    """A nämnd's verksamhetsberättelse with goals in several of the sector's layouts and
    statuses, plus prose and headings that mention "mål" without being goals."""
    d = docx.Document()
    d.add_heading("Verksamhetsberättelse 2025", 0)
    d.add_paragraph("Socialnämnden i Ljusdals kommun")
    d.add_heading("Mål och budget – förutsättningar", 1)
    d.add_paragraph(
        "Målet är att verksamheten ska bedrivas med god kvalitet inom given ram. Nämnden "
        "följer upp sina mål tre gånger per år."
    )
    d.add_heading("Nämndens mål", 1)
    d.add_heading("Fler invånare ska nå egen försörjning", 2)
    d.add_paragraph("Bedömning: Delvis uppfyllt")
    d.add_paragraph("Andelen som lämnat försörjningsstöd för arbete har ökat under året.")
    d.add_heading("Barn och unga ska få tidigt stöd", 2)
    d.add_paragraph("Bedömning: Uppfyllt")
    d.add_paragraph("Samtliga ärenden inleddes inom fjorton dagar, vilket är bättre än målet.")
    d.add_heading("Uppföljning", 2)
    d.add_paragraph("Målen följs upp i delårsrapporten och i verksamhetsberättelsen varje år.")
    d.add_heading("Kommunfullmäktiges mål", 1)
    d.add_paragraph("Kommunfullmäktige har beslutat om följande mål för nämnden:")
    d.add_paragraph("Ljusdal ska vara en trygg kommun att växa upp i", style="List Bullet")
    d.add_paragraph("Kostnaderna ska hållas inom tilldelad ram", style="List Bullet")
    d.add_heading("Uppföljning av nämndmål", 1)
    _table(
        d,
        [
            ["Nämndmål", "Bedömning", "Kommentar"],
            ["Den enskildes inflytande över insatserna ska öka", "Ej uppfyllt",
             "Brukarundersökningen visade en minskning."],
            ["Väntetiden till särskilt boende ska minska", "Inte i sin helhet uppnått",
             "Väntetiden minskade men inte till målnivån."],
        ],
    )  # fmt: skip
    d.add_heading("Särskilda uppdrag", 1)
    _table(
        d,
        [
            ["Uppdrag", "Status", "Färdiggrad"],
            ["Utreda en gemensam mottagning för vuxna", "Pågår", "60 %"],
            ["Införa digitala ansökningar om ekonomiskt bistånd", "Genomfört", "100 %"],
        ],
    )
    d.add_heading("Ekonomi", 1)
    d.add_paragraph("Nämnden redovisar ett överskott på 2,1 mnkr mot budget.")
    d.save(path)
    return path


def no_goals_docx(path: Path) -> Path:
    """A budget instruction and an audit report's prose: "mål" everywhere, no goal."""
    d = docx.Document()
    d.add_heading("Budgetanvisningar 2027", 0)
    d.add_heading("Mål och riktlinjer för budgetarbetet", 1)
    d.add_paragraph(
        "Nämnderna ska i sina budgetskrivelser beskriva hur de bidrar till fullmäktiges mål. "
        "Målet är att underlaget ska vara klart i juni."
    )
    d.add_heading("Tidplan", 1)
    d.add_paragraph("Budgetskrivelsen lämnas senast den 15 juni.")
    d.add_paragraph("Granskningen visar att nämndens mål inte är mätbara.")
    d.save(path)
    return path


def to_pdf(docx_path: Path, out_dir: Path) -> Path:
    """The DOCX rendered to PDF with headless LibreOffice."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="styrdata-lo-") as profile:
        subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}/p", "--headless", "--convert-to",
             "pdf", "--outdir", str(out_dir), str(docx_path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    return out_dir / (docx_path.stem + ".pdf")


def _icon(rgb, square: bool, alpha: bool):
    """A status icon as reporting tools export it: a small picture of a coloured dot (with
    a transparent corner, or on white) or square."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    fill = tuple(round(255 * x) for x in rgb)
    im = Image.new("RGBA" if alpha else "RGB", (24, 24), (0, 0, 0, 0) if alpha else "white")
    d = ImageDraw.Draw(im)
    (d.rectangle if square else d.ellipse)((2, 2, 21, 21), fill=fill + ((255,) if alpha else ()))
    return ImageReader(im)


def status_followup_pdf(
    path: Path,
    title: tuple[str, str],
    goals: list[tuple[str, tuple]],
    prose: tuple[str, str],
    tasks: list[tuple[str, tuple]],
    mark,
) -> Path:
    """A follow-up whose goals' assessments are coloured marks (reportlab): ``title`` (the
    title and the line under it), a "Nämndmål" heading over ``goals`` — each a bold line
    with its mark at the line's end and the two lines of ``prose`` under it —, then a ruled
    table "Uppdrag | Status" of ``tasks``, each status a mark. ``mark(canvas, x, y, rgb,
    square)`` draws one mark with its baseline at ``y`` in the text's font (a dot beside a
    goal, a square in the table)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from builders import _font

    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    c.setFont(bold, 20)
    c.drawString(60, h - 80, title[0])
    c.setFont(reg, 12)
    c.drawString(60, h - 104, title[1])
    c.setFont(bold, 16)
    c.drawString(60, h - 150, "Nämndmål")
    y = h - 185
    for text, rgb in goals:
        c.setFont(bold, 13)
        c.drawString(60, y, text)
        c.setFont(reg, 12)
        mark(c, 525, y, rgb, False)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(reg, 11)
        c.drawString(60, y - 18, prose[0])
        c.drawString(60, y - 32, prose[1])
        y -= 70
    c.setFont(bold, 16)
    c.drawString(60, y, "Särskilda uppdrag")
    y -= 30
    rows = [("Uppdrag", None), *tasks]
    x0, x1, xs = 60, 540, 460
    c.setLineWidth(0.7)
    for k, (text, rgb) in enumerate(rows):
        top = y - k * 24
        c.line(x0, top + 16, x1, top + 16)
        c.setFont(bold if k == 0 else reg, 11)
        c.drawString(x0 + 4, top, text)
        if k == 0:
            c.drawString(xs + 4, top, "Status")
        if rgb:
            mark(c, xs + 30, top, rgb, True)
            c.setFillColorRGB(0, 0, 0)
    bottom = y - len(rows) * 24 + 16
    c.line(x0, bottom, x1, bottom)
    for x in (x0, xs, x1):
        c.line(x, y + 16, x, bottom)
    c.save()
    return path


def traffic_lights_pdf(path: Path, icons: bool = False) -> Path:
    """A follow-up whose goals' assessments are coloured circles, beside headings and in a
    ruled table's status column: green, yellow and red as three different templates draw
    them — as vector shapes, or (``icons``) as small pictures."""

    def mark(c, x, y, rgb, square):
        if icons and square:
            c.drawImage(_icon(rgb, True, alpha=False), x, y - 2, 9, 9)
        elif icons:
            c.drawImage(_icon(rgb, False, alpha=True), x, y - 1, 10, 10, mask="auto")
        elif square:
            c.setFillColorRGB(*rgb)
            c.rect(x, y - 2, 9, 9, stroke=0, fill=1)
        else:
            c.setFillColorRGB(*rgb)
            c.circle(x + 5, y + 4, 5, stroke=0, fill=1)

    return status_followup_pdf(
        path,
        ("Tertialrapport 1 2026", "Miljö- och byggnämnden, Ljusdals kommun"),
        [
            ("Handläggningstiden för bygglov ska vara högst åtta veckor", (0.18, 0.62, 0.28)),
            ("Tillsynen av livsmedelsverksamheter ska följa tillsynsplanen", (1.0, 0.75, 0.0)),
            ("Andelen nöjda företagare ska öka", (0.85, 0.1, 0.1)),
        ],
        (
            "Arbetet har pågått under perioden enligt plan och följs upp i",
            "nästa rapport till nämnden tillsammans med övriga nyckeltal.",
        ),
        [
            ("Ta fram en plan för digital bygglovshantering", (0.57, 0.82, 0.31)),
            ("Utreda taxan för strandskyddsdispenser", (0.9, 0.2, 0.15)),
        ],
        mark,
    )


RISK_HEADER = ["Process", "Risk", "Sannolikhet", "Konsekvens", "Riskvärde", "Åtgärd"]
# the PDF's header, in words narrow enough for its columns
RISK_HEADER_PDF = ["Process", "Risk", "Sannolikh.", "Konsekv.", "Riskvärde", "Åtgärd"]
RISK_ROWS = [
    ["Inköp", "Inköp görs utanför upphandlade avtal och leverantörer", "3", "3", "9",
     "Stickprov av fakturor varje kvartal och utbildning för beställare"],
    ["Löner", "Felaktiga utbetalningar av lön vid byte av system", "2", "4", "8",
     "Avstämning av lönelistor före utbetalning"],
    ["Informationssäkerhet", "Obehöriga får tillgång till personuppgifter i verksamhetssystem",
     "2", "4", "8", "Översyn av behörigheter två gånger per år"],
]  # fmt: skip


def risk_table_docx(path: Path) -> Path:
    """An internkontrollplan whose risk table has wrapped text cells."""
    d = docx.Document()
    d.add_heading("Internkontrollplan 2026", 0)
    d.add_paragraph("Servicenämnden i Ljusdals kommun")
    d.add_heading("Risker och kontrollåtgärder", 1)
    _table(d, [RISK_HEADER, *RISK_ROWS])
    d.save(path)
    return path


def risk_table_pdf(path: Path) -> Path:
    """The same risk table drawn as kommuner's templates draw it: horizontal rules between
    the rows only, no vertical rules, text wrapped inside the cells."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    from builders import _font

    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    c.setFont(bold, 20)
    c.drawString(50, h - 70, "Internkontrollplan 2026")
    c.setFont(reg, 12)
    c.drawString(50, h - 92, "Servicenämnden i Ljusdals kommun")
    c.setFont(bold, 14)
    c.drawString(50, h - 130, "Risker och kontrollåtgärder")
    xs = [50, 150, 285, 345, 405, 460]  # column starts
    widths = [95, 130, 55, 55, 50, 100]
    size = 9

    def wrap(text: str, width: float, font: str) -> list[str]:
        lines, cur = [], ""
        for word in text.split():
            cand = (cur + " " + word).strip()
            if stringWidth(cand, font, size) <= width:
                cur = cand
            else:
                lines.append(cur)
                cur = word
        return [*lines, cur]

    y = h - 160
    c.setLineWidth(0.6)
    c.line(50, y + 14, 560, y + 14)
    for r, row in enumerate([RISK_HEADER_PDF, *RISK_ROWS]):
        font = bold if r == 0 else reg
        cells = [wrap(t, wd, font) for t, wd in zip(row, widths, strict=True)]
        n = max(len(x) for x in cells)
        for x, lines in zip(xs, cells, strict=True):
            c.setFont(font, size)
            for k, line in enumerate(lines):
                c.drawString(x, y - k * 11, line)
        y -= n * 11 + 8
        c.line(50, y + 14, 560, y + 14)
    c.save()
    return path
