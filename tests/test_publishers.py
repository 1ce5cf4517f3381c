"""Publishers and organs the sector's own way (issue 19, item 1): a kommunalförbund whose
name says nothing of a förbund ("Räddningstjänsten Dala Mitt") says what it is or names its
board, a direktion; the generic word alone names no one; a revision report is the
revisorer's, not the board it audits."""

from __future__ import annotations

from pathlib import Path

from docx import Document as Docx

from styrdata.extract import read_document
from styrdata.extract.domain.metadata import infer_metadata


def _meta(path: Path, title: str, lines: list[str], body: list[str] = ()):
    d = Docx()
    d.add_heading(title, 0)
    for line in lines:
        d.add_paragraph(line)
    d.add_heading("1. Inledning", 1)
    for text in body:
        d.add_paragraph(text)
    d.save(path)
    return infer_metadata(read_document(str(path)))


def test_a_forbund_that_says_it_is_one(tmp_path):
    md = _meta(
        tmp_path / "a.docx",
        "Årsredovisning 2025",
        [
            "Räddningstjänsten Dala Mitt",
            "Räddningstjänsten Dala Mitt är ett kommunalförbund med Falu kommun, "
            "Borlänge kommun, Säters kommun och Gagnefs kommun som medlemmar.",
        ],
    )
    assert (md.org_kind, md.org_name) == ("kommunalförbund", "Räddningstjänsten Dala Mitt")
    assert md.org_code is None  # a förbund has no SCB code
    assert md.region_code == "20"  # its members' county


def test_a_forbund_named_by_its_board(tmp_path):
    md = _meta(
        tmp_path / "b.docx",
        "Verksamhetsplan 2027",
        ["Fastställd av direktionen för Brandkåren Attunda 2026-11-20"],
    )
    assert (md.org_kind, md.org_name) == ("kommunalförbund", "Brandkåren Attunda")
    assert md.organ == "Direktionen"


def test_the_generic_word_names_no_forbund(tmp_path):
    md = _meta(
        tmp_path / "c.docx",
        "Verksamhetsplan 2027",
        ["Förbundet är ett kommunalförbund som bildades 2004."],
    )
    assert md.org_name is None
    assert "could not infer publisher" in md.warnings


def test_a_revision_report_is_the_revisorers(tmp_path):
    md = _meta(
        tmp_path / "d.docx",
        "Revisionsrapport 2026",
        [
            "Granskning av socialnämndens arbete med placeringar",
            "På uppdrag av de förtroendevalda revisorerna i Eskilstuna kommun",
        ],
    )
    assert (md.org_name, md.organ) == ("Eskilstuna kommun", "Revisorerna")


def test_the_revision_mentioned_in_the_text_is_no_organ(tmp_path):
    md = _meta(
        tmp_path / "e.docx",
        "Verksamhetsplan 2027",
        ["Kultur- och fritidsnämnden", "Eskilstuna kommun"],
        [
            "Revisorerna har under året granskat nämndens interna kontroll och lämnat "
            "rekommendationer som nämnden arbetar vidare med under planperioden."
        ],
    )
    assert md.organ == "Kultur- och fritidsnämnden"


def test_a_bolag_and_its_board(tmp_path):
    md = _meta(
        tmp_path / "f.docx",
        "Affärsplan 2027",
        ["Mälarenergi Vatten & Avlopp AB", "Styrelsen"],
        ["Kommunfullmäktige har fastställt ägardirektiv för bolaget."],
    )
    assert (md.org_kind, md.org_name) == ("bolag", "Mälarenergi Vatten & Avlopp AB")
    assert md.organ == "Styrelsen"  # its own board, not the owner's fullmäktige
