"""Text set in columns side by side is read column by column; a label and its value on one
row, or a line of a figure, is not a column."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from builders import _font
from styrdata.extract.readers.pdf import read_pdf

LEFT = [
    "Nämnden ska under året arbeta för att fler",
    "invånare får stöd i rätt tid och att väntetiderna",
    "till försörjningsstöd minskar jämfört med",
    "föregående år i hela kommunen.",
]
RIGHT = [
    "Samtidigt ska samverkan med regionen och",
    "civilsamhället stärkas så att barn och unga",
    "i familjer med låga inkomster får en bättre",
    "start i livet och en meningsfull fritid.",
]


def two_columns(path: Path) -> Path:
    reg, bold = _font(False), _font(True)
    w, h = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(w, h))
    c.setFont(bold, 18)
    c.drawString(60, h - 70, "Nämndens inriktning 2027")
    c.setFont(reg, 12)
    y = h - 110
    for left, right in zip(LEFT, RIGHT, strict=True):
        c.drawString(60, y, left)
        c.drawString(400, y, right)  # a 1.5 cm gutter after the longest left line
        y -= 16
    # boxes side by side on a slide: a heading and a line under each
    c.setFont(bold, 14)
    c.drawString(80, y - 40, "Stärka innovationskraften")
    c.drawString(430, y - 40, "Bygga kompetens i hela länet")
    c.setFont(reg, 12)
    c.drawString(80, y - 60, "– för ett konkurrenskraftigt näringsliv")
    c.drawString(430, y - 60, "– för bättre kompetensförsörjning och lärande")
    c.drawString(80, y - 76, "i framkant och fler nya företag")
    c.drawString(430, y - 76, "hela livet för alla som bor i länet")
    c.save()
    return path


def key_values(path: Path) -> Path:
    reg = _font(False)
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    c.setFont(reg, 11)
    rows = [
        ("Dokumenttyp", "Verksamhetsplan med budget"),
        ("Beslutad av", "Socialnämnden i Exempelby kommun"),
        ("Gäller för", "Socialförvaltningens alla verksamheter"),
        ("Diarienummer", "SN 2026/118"),
    ]
    y = h - 100
    for k, v in rows:
        c.drawString(60, y, k)
        c.drawString(220, y, v)
        y -= 16
    c.save()
    return path


def _texts(pdf: Path) -> list[str]:
    return [b.text for b in read_pdf(str(pdf)).blocks]


def test_two_columns_of_text_read_one_after_the_other(tmp_path):
    texts = _texts(two_columns(tmp_path / "kolumner.pdf"))
    left, right = " ".join(LEFT), " ".join(RIGHT)
    assert left in texts and right in texts
    assert texts.index(left) < texts.index(right)
    assert "Stärka innovationskraften" in texts
    assert "Bygga kompetens i hela länet" in texts
    assert "för ett konkurrenskraftigt näringsliv i framkant och fler nya företag" in " ".join(
        texts
    )


def test_labels_and_their_values_stay_on_their_rows(tmp_path):
    texts = " | ".join(_texts(key_values(tmp_path / "framsida.pdf")))
    assert "Beslutad av Socialnämnden i Exempelby kommun" in texts
    assert "Gäller för Socialförvaltningens alla verksamheter" in texts


def slide_boxes(path: Path) -> Path:
    """Two boxes side by side on a slide, each a heading over one line, centred: a single
    row of running text on each side."""
    reg, bold = _font(False), _font(True)
    w, h = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(w, h))
    c.setFont(bold, 18)
    c.drawString(60, h - 70, "Fyra långsiktiga prioriteringar")
    c.setFont(bold, 16)
    c.drawCentredString(200, h - 200, "Öka inkluderingen")
    c.drawCentredString(520, h - 200, "Knyta samman länet")
    c.setFont(reg, 12)
    c.drawCentredString(200, h - 220, "– för tillit och sammanhållning")
    c.drawCentredString(520, h - 220, "– för hållbar och förbättrad tillgänglighet")
    c.save()
    return path


def key_values_under_a_header(path: Path) -> Path:
    """A label and its value a row, one of them three words each side, under a bold header."""
    reg, bold = _font(False), _font(True)
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    c.setFont(bold, 11)
    c.drawString(60, h - 100, "Uppgift")
    c.drawString(260, h - 100, "Beskrivning")
    c.setFont(reg, 11)
    rows = [
        ("Ansvarig för dokumentet", "Ekonomichef på förvaltningen"),
        ("Dokumenttyp", "Verksamhetsplan"),
    ]
    y = h - 116
    for k, v in rows:
        c.drawString(60, y, k)
        c.drawString(260, y, v)
        y -= 16
    c.save()
    return path


def test_two_slide_boxes_with_a_heading_and_one_line_each_are_read_box_by_box(tmp_path):
    texts = _texts(slide_boxes(tmp_path / "bild.pdf"))
    assert texts[1:] == [
        "Öka inkluderingen",
        "för tillit och sammanhållning",
        "Knyta samman länet",
        "för hållbar och förbättrad tillgänglighet",
    ]


def test_labels_under_a_header_stay_on_their_rows(tmp_path):
    texts = " | ".join(_texts(key_values_under_a_header(tmp_path / "uppgifter.pdf")))
    assert "Ansvarig för dokumentet Ekonomichef på förvaltningen" in texts
    assert "Uppgift Beskrivning" in texts
