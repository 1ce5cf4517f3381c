"""Plain-text documents as finance systems and PDF copies leave them: a table set with runs
of spaces, and title lines one under the other."""

from __future__ import annotations

from pathlib import Path

from styrdata.extract.domain import extract_domain
from styrdata.extract.readers.text import read_text

REPORT = """ÅNGE KOMMUN
Kultur- och fritidsnämnden
Delårsrapport januari–april 2026

Investeringarna följer plan. Alla belopp i mnkr.

Investeringar per projekt
Projekt                          Budget 2026   Utfall jan-apr   Prognos 2026
Konstgräsplan Ånge IP                     4,5              3,9           4,50
Belysning motionsspår                     0,8              0,1           0,80
Inventarier bibliotek                     0,3              0,0           0,25
Summa investeringar                       5,6              4,0           5,55

Konstgräsplanen invigdes i april och   belysningen   byts under hösten.
"""


def _doc(tmp_path: Path):
    path = tmp_path / "delar.txt"
    path.write_text(REPORT, encoding="utf-8")
    return read_text(str(path))


def test_a_table_set_with_spaces_is_a_table(tmp_path):
    doc = _doc(tmp_path)
    (table,) = [b.table for b in doc.blocks if b.table is not None]
    assert table.grid() == [
        ["Projekt", "Budget 2026", "Utfall jan-apr", "Prognos 2026"],
        ["Konstgräsplan Ånge IP", "4,5", "3,9", "4,50"],
        ["Belysning motionsspår", "0,8", "0,1", "0,80"],
        ["Inventarier bibliotek", "0,3", "0,0", "0,25"],
        ["Summa investeringar", "5,6", "4,0", "5,55"],
    ]
    budget = extract_domain(doc).budget
    lines = {(b.label, b.measure, b.period, b.amount_mnkr) for b in budget}
    assert ("Belysning motionsspår", "utfall", "jan–apr", 0.1) in lines
    assert ("Summa investeringar", "prognos", None, 5.55) in lines
    # prose with wide spaces stays prose
    assert doc.blocks[-1].kind == "paragraph"
    assert doc.blocks[-1].text.startswith("Konstgräsplanen invigdes")


def test_title_lines_one_under_the_other_name_the_document(tmp_path):
    doc = _doc(tmp_path)
    assert [b.text for b in doc.blocks[:3]] == [
        "ÅNGE KOMMUN",
        "Kultur- och fritidsnämnden",
        "Delårsrapport januari–april 2026",
    ]
    md = extract_domain(doc).metadata
    assert (md.org_name, md.organ, md.doc_type, md.year) == (
        "Ånge kommun",
        "Kultur- och fritidsnämnden",
        "delårsrapport",
        2026,
    )
