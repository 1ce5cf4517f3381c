"""PDFium's reading of a page gives the reader what pdfminer's gives: the same characters
at the same places (within a fraction of a point: pdfminer takes a character's width from
the font's table, PDFium from the glyph), the same ruling lines and the same tables — and
whole documents read the same either way."""

from __future__ import annotations

import dataclasses

import pdfplumber
import pypdfium2 as pdfium
import pytest

from conftest import CORPUS
from styrdata.extract.readers.dispatch import read_document
from styrdata.extract.readers.pdf_objects import lean
from styrdata.extract.readers.pdfium_objects import PdfiumPage, fast
from styrdata.extract.settings import PdfSettings, ReaderSettings

PAGES = [
    (CORPUS / "plain" / "000_27f8406190a0567d.pdf", range(0, 22)),
    (
        CORPUS / "real" / "Alingsas_TekniskaNamnden_Fordjupad_manadsuppfoljning_april_2026.pdf",
        range(0, 11),
    ),
    (CORPUS / "real" / "Simrishamn_Budgetskrivelse_investeringar_2027-2031.pdf", range(10, 16)),
    (
        CORPUS / "real" / "VGR_Regional_utvecklingsstrategi_2021-2030_aktualiserad_2026.pdf",
        range(26, 28),
    ),
]


def _near(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol


def _at(a: dict, b: dict, tol: float, ends: bool = False) -> bool:
    keys = ("x0", "top", "x1", "bottom") if ends else ("x0", "top", "bottom")
    return all(_near(a[k], b[k], tol) for k in keys)


def _take(objs: list[dict], test):
    """The first object that passes ``test``, taken out of ``objs`` (None if none does)."""
    for k, o in enumerate(objs):
        if test(o):
            return objs.pop(k)
    return None


@pytest.mark.parametrize("path,pages", PAGES, ids=lambda p: getattr(p, "stem", "")[:30])
def test_pdfium_reads_the_characters_lines_and_tables_pdfminer_reads(path, pages):
    if not path.exists():
        pytest.skip(f"{path} not present")
    doc = pdfium.PdfDocument(str(path))
    settings = PdfSettings().table_settings
    with pdfplumber.open(path) as a, pdfplumber.open(path) as b:
        for i in pages:
            want, got = lean(a.pages[i]), fast(b.pages[i], doc[i])
            assert isinstance(got, PdfiumPage)
            wc = [c for c in want.chars if not c["text"].isspace()]
            gc = [c for c in got.chars if not c["text"].isspace()]
            assert sorted(c["text"] for c in gc) == sorted(c["text"] for c in wc), f"page {i + 1}"
            # characters set upright where pdfminer puts them (a turned one — text along a
            # curve — has a box PDFium and pdfminer size differently); a kerned pair's first
            # character ends where the next one starts
            for w in (c for c in wc if c["matrix"][1] == c["matrix"][2] == 0):
                g = _take(gc, lambda g, w=w: g["text"] == w["text"] and _at(w, g, 0.3))
                assert g is not None, (i + 1, w["text"], w["x0"], w["top"])
                assert _near(w["x1"], g["x1"], 2.5), (i + 1, w["text"], w["x1"], g["x1"])
                assert _near(w["size"], g["size"], 0.1) and w["upright"] == g["upright"]
                assert w["fontname"].split("+")[-1] == g["fontname"].split("+")[-1]
            ge = list(got.edges)
            assert len(ge) == len(want.edges), f"page {i + 1}"
            for w in want.edges:
                assert _take(
                    ge,
                    lambda g, w=w: (
                        g["orientation"] == w["orientation"] and _at(w, g, 0.6, ends=True)
                    ),
                ), (i + 1, w)
            tables = [
                [tuple(round(v) for v in t.bbox) for t in p.find_tables(settings)]
                for p in (want, got)
            ]
            assert tables[0] == tables[1], f"page {i + 1}"


def _dump(path, pdfium_on: bool) -> list:
    s = ReaderSettings()
    s = dataclasses.replace(s, pdf=dataclasses.replace(s.pdf, pdfium=pdfium_on))
    out = []
    for b in read_document(path, s).blocks:
        out.append((b.kind, b.page, b.text))
        if b.table is not None:
            out += [(c.row, c.col, c.text, c.is_header, c.indent) for c in b.table.cells]
    return out


@pytest.mark.parametrize(
    "name", ["000_27f8406190a0567d", "002_d46f54dcbd8270a5", "004_a21d5508182b01d5"]
)
def test_a_corpus_document_reads_the_same_with_pdfium_and_with_pdfminer(name):
    path = CORPUS / "plain" / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"{path} not present")
    assert _dump(path, True) == _dump(path, False)


def test_a_turned_page_is_read_with_pdfminer(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(90)
    c.drawString(72, 720, "Nämndens mål för året")
    c.save()
    doc = pdfium.PdfDocument(str(path))
    with pdfplumber.open(path) as pdf:
        page = fast(pdf.pages[0], doc[0])
        assert not isinstance(page, PdfiumPage)
        assert "".join(ch["text"] for ch in page.chars) == "Nämndens mål för året"


def test_a_string_longer_than_pdfium_reads_falls_back_to_pdfminer(tmp_path):
    """PDFium reads 32 767 characters of a string at most: such a page is read with
    pdfminer, which reads all of it (and so the per-page character limit still holds)."""
    from hostile import huge_line_pdf

    path = huge_line_pdf(tmp_path / "line.pdf", 40_000)
    doc = pdfium.PdfDocument(str(path))
    with pdfplumber.open(path) as pdf:
        page = fast(pdf.pages[0], doc[0])
        assert sum(1 for ch in page.chars if ch["text"] == "A") == 40_000
