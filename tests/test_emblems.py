"""The publisher's logo on the first page (issue 19, item 1): many documents print their
kommun's or region's name only in the logo, a picture. OCR reads it; the name counts for
the publisher only where the text names none, and only as a full name ("KARLSTADS KOMMUN"),
never a place alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from builders import _font
from styrdata.extract.domain.metadata import infer_metadata
from styrdata.extract.ocr.emblems import candidates
from styrdata.extract.readers.pdf import read_pdf
from styrdata.extract.settings import OcrSettings

pytestmark = pytest.mark.usefixtures("tesseract")

_SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
W, H = A4


@pytest.fixture(scope="module")
def tesseract():
    import shutil

    if not shutil.which("tesseract"):
        pytest.skip("Tesseract not installed")


def _logo(name: str, place: str | None) -> Image.Image:
    """A logo as publishers draw it: a coat of arms, the place in large capitals, the kind
    of organisation in small capitals under a rule."""
    img = Image.new("RGB", (560, 140), "white")
    d = ImageDraw.Draw(img)
    d.polygon([(10, 10), (90, 10), (90, 80), (50, 128), (10, 80)], fill="#1b5e20")
    d.ellipse((30, 30, 70, 70), fill="#f9a825")
    big = ImageFont.truetype(_SERIF, 56)
    small = ImageFont.truetype(_SERIF, 22)
    d.text((110, 8), name, font=big, fill="#222222")
    if place:
        d.line((110, 84, 550, 84), fill="#2e7d32", width=2)
        d.text((250, 96), place, font=small, fill="#222222")
    return img


def _report(path: Path, logo: Image.Image | None, cover: list[str], pages: int = 3) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    reg, bold = _font(False), _font(True)
    for p in range(pages):
        if logo is not None:  # top right of every page
            c.drawImage(ImageReader(logo), W - 200, H - 60, width=150, height=37.5)
        if p == 0:
            c.setFont(bold, 22)
            c.drawString(60, H - 200, cover[0])
            c.setFont(reg, 14)
            for k, line in enumerate(cover[1:]):
                c.drawString(60, H - 230 - 20 * k, line)
        else:
            c.setFont(bold, 14)
            c.drawString(60, H - 120, f"{p}. Ekonomi")
            c.setFont(reg, 10)
            c.drawString(60, H - 145, "Nämnden redovisar ett överskott mot budget för perioden.")
            c.drawString(60, H - 160, "Prognosen för helåret är ett resultat i nivå med budget.")
        c.setFont(reg, 8)
        c.drawString(60, 30, f"Delårsrapport augusti 2026   sid {p + 1}")
        c.showPage()
    c.save()
    return path


COVER = ["Delårsrapport augusti 2026", "Barn- och utbildningsnämnden"]


def test_the_publisher_named_only_in_the_logo(tmp_path):
    pdf = _report(tmp_path / "d.pdf", _logo("KARLSTADS", "KOMMUN"), COVER)
    doc = read_pdf(str(pdf))
    assert any("KOMMUN" in t for t in doc.emblem_text)
    md = infer_metadata(doc)
    assert (md.org_kind, md.org_code, md.org_name) == ("kommun", "1780", "Karlstads kommun")
    assert md.region_code == "17"
    assert md.organ == "Barn- och utbildningsnämnden"
    assert any("logo" in w for w in md.warnings)  # where the publisher came from
    # the logo is no text of the document
    assert not [b for b in doc.blocks if "KARLSTADS" in b.text.upper()]


def test_a_place_alone_in_the_logo_names_no_publisher(tmp_path):
    pdf = _report(tmp_path / "d.pdf", _logo("ÖSTERLEN", None), COVER)
    md = infer_metadata(read_pdf(str(pdf)))
    assert md.org_name is None
    assert "could not infer publisher" in md.warnings


def test_the_text_outweighs_the_logo(tmp_path):
    cover = [*COVER, "Region Värmland"]
    pdf = _report(tmp_path / "d.pdf", _logo("KARLSTADS", "KOMMUN"), cover)
    md = infer_metadata(read_pdf(str(pdf)))
    assert md.org_name == "Region Värmland"
    assert not any("logo" in w for w in md.warnings)


def test_a_cover_photo_and_a_square_coat_of_arms_are_no_logo_with_a_name():
    s = OcrSettings()
    images = [
        {"x0": 45, "top": 82, "x1": 569, "bottom": 791, "srcsize": (1349, 1816)},  # photo
        {"x0": 45, "top": 29, "x1": 99, "bottom": 86, "srcsize": (207, 217)},  # arms
        {"x0": 200, "top": 400, "x1": 400, "bottom": 450, "srcsize": (600, 150)},  # mid-page
        {"x0": 416, "top": 32, "x1": 562, "bottom": 66, "srcsize": (406, 95)},  # logo, top
        {"x0": 417, "top": 775, "x1": 563, "bottom": 809, "srcsize": (406, 95)},  # logo, foot
    ]
    got = candidates(1, images, (W, H), s)
    assert [e.bbox[1] for e in got] == [32.0, 775.0]
