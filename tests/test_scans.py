"""Scanned renderings of the corpus documents, built here (300 dpi, tilted ±1°, blurred,
with noise) and read with OCR: how much of what the born-digital PDF yields the scan still
yields. Slow (about five minutes of Tesseract on two cores): run with ``pytest -m slow``;
CI runs it.

Measured on this machine (goals / indicators / budget lines, share of the born-digital
yield): 000 100 % / 100 % / 100 %, 001 100 % / 100 % / 95.7 %, 002 100 % / 100 % / 100 %,
003 100 % / 100 % / – (no budget tables). The issue's bar is 95 % everywhere, and every
floor below is that bar. (The real scanned Halland plan, 004, is checked in
test_corpus_golden: 100 % of all three.)
"""

from __future__ import annotations

import pytest

from conftest import CORPUS
from scans import scan_pdf, yields
from styrdata.extract import read_document
from styrdata.extract.domain import extract_domain

# (goals, indicators, budget lines): the least share a scan must yield
FLOORS = {
    "000_27f8406190a0567d": (0.95, 0.95, 0.95),
    "001_456057fb73cc2169": (0.95, 0.95, 0.95),
    "002_d46f54dcbd8270a5": (0.95, 0.95, 0.95),
    "003_ed4c0936e15400ec": (0.95, 0.95, 0.95),
}


@pytest.mark.slow
@pytest.mark.parametrize("stem", FLOORS)
def test_scanned_rendering_yields_what_the_born_digital_pdf_yields(stem, tmp_path):
    digital_pdf = CORPUS / "plain" / f"{stem}.pdf"
    scanned_pdf = scan_pdf(digital_pdf, tmp_path / f"{stem}.pdf")
    doc = read_document(str(scanned_pdf))
    assert doc.ocr_done and len(doc.ocr_pages) == doc.pages  # no text layer at all
    digital, scanned = extract_domain(read_document(str(digital_pdf))), extract_domain(doc)
    md, ms = digital.metadata, scanned.metadata
    assert (ms.region_code, ms.organ, ms.doc_type, ms.year, ms.end_year) == (
        md.region_code,
        md.organ,
        md.doc_type,
        md.year,
        md.end_year,
    )
    got = yields(digital, scanned)
    print(stem, {k: str(v) for k, v in got.items()})
    for (name, y), floor in zip(got.items(), FLOORS[stem], strict=True):
        assert y.share >= floor, (name, str(y))


def test_values_match_on_their_numbers_and_their_words_fuzzily():
    from scans import _same_value

    assert _same_value("RVN 77, RLF 74", "RVN 77, RUF 74", 0.85)  # a letter OCR changed
    assert _same_value("Bibehålla/öka", "Bibehalla/oka", 0.85)  # diacritics aside
    assert not _same_value("RVN 79, RLF 75", "RVN 79, RLF 715", 0.85)  # a number never
    assert not _same_value("69 %", "69 246", 0.85)  # the per cent sign counts
    assert not _same_value("-130", "130", 0.85)  # so does the sign
    assert not _same_value("11,0%", "11,090", 0.85)
    assert not _same_value("Ja", "Nej", 0.85)
