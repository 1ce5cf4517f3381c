"""Budget lines: golden expectations on the corpus (every format) and built fixtures."""

from __future__ import annotations

import docx
import duckdb
import pytest
from docx.shared import Pt

from conftest import CORPUS
from styrdata import api
from styrdata.extract import read_document
from styrdata.extract.domain.budget import extract_budget
from styrdata.extract.domain.metadata import infer_metadata

FILES = {"pdf": "plain/{}.pdf", "docx": "plain/{}.docx", "text": "seeds/{}.txt"}


def budget(stem: str, fmt: str):
    doc = read_document(CORPUS / FILES[fmt].format(stem))
    md = infer_metadata(doc)
    return extract_budget(doc, md.year, md.doc_type)


def find(lines, kind, label, measure, year):
    hits = [
        x
        for x in lines
        if (x.table_kind, x.label, x.measure, x.year) == (kind, label, measure, year)
    ]
    assert len(hits) == 1, (kind, label, measure, year, len(hits))
    return hits[0]


def per_table(lines):
    """(kind, title) → number of rows, in document order."""
    out: dict[tuple[str, str | None], set[tuple]] = {}
    for x in lines:
        out.setdefault((x.table_kind, x.title), set()).add((x.table_seq, x.row))
    return {k: len(v) for k, v in out.items()}


# (kind, label, measure, year, amount in mnkr, is_total, parent_label)
OREBRO_2022 = [
    ("driftbudget", "Hälsovalsenheten", "budget", 2022, -1969.0, True, None),
    ("driftbudget", "Vårdval Hälsoval", "budget", 2022, -1135.0, False, "Hälsovalsenheten"),
    (
        "driftbudget",
        "Överenskommelse Folktandvården",
        "prognos",
        2021,
        97.0,
        False,
        "Tandvårdsenheten",
    ),
    ("driftbudget", "Summa", "budget", 2021, -2609.6, True, None),
    (
        "driftbudget",
        "Omställning",
        "prognos",
        2021,
        0.0,
        False,
        "Övrigt inom regionstyrelsens driftansvar",
    ),
    (
        "driftbudget",
        "Totalt regionstyrelsens driftansvar",
        "prognos",
        2021,
        -2950.2,
        True,
        "Övrigt inom regionstyrelsens driftansvar",
    ),
    ("investeringsbudget", "Immateriella anläggningstillgångar", "budget", 2021, 20.2, False, None),
    ("investeringsbudget", "Summa", "budget", 2022, 10.2, True, None),
    (
        "driftbudget",
        "Staben digitalisering",
        "prognos",
        2021,
        -69.5,
        False,
        "Regionkansliet verksamhet och projekt",
    ),
    (
        "driftbudget",
        "Övriga regiongemensamma kostnader",
        "budget",
        2022,
        -90.0,
        False,
        "Regionkansliet verksamhet och projekt",
    ),
]


@pytest.mark.parametrize("fmt", FILES)
def test_orebro_2022_plan_budget_tables(fmt):
    lines = budget("000_27f8406190a0567d", fmt)
    tables = per_table(lines)
    assert list(tables.values()) == [
        18,
        3,
        11,
    ]  # drift (two tables, one in the PDF), invest, bilaga
    kinds = [k for k, _ in tables]
    assert kinds == ["driftbudget", "investeringsbudget", "driftbudget"]
    for kind, label, measure, year, amount, total, parent in OREBRO_2022:
        x = find(lines, kind, label, measure, year)
        assert (x.amount_mnkr, x.is_total, x.parent_label) == (amount, total, parent)
    assert all(x.unit_raw == "mnkr" and x.flag is None for x in lines)
    summa = find(lines, "driftbudget", "Summa", "budget", 2022)
    assert (summa.amount_mnkr, summa.parts_sum) == (-2653.0, -2653.0)
    if fmt == "pdf":
        assert summa.page == 9


HALLAND_2024 = [
    ("driftbudget", "Intäkter", "budget", 2024, 332.0, False, None),
    ("driftbudget", "Nettobudget", "budget", 2024, -713.0, True, None),
    (
        "investeringsbudget",
        "Bredbandsutbyggnad",
        "budget",
        2024,
        15.0,
        False,
        "Redan beslutade investeringar",
    ),
    (
        "investeringsbudget",
        "Bredbandsutbyggnad",
        "plan",
        2026,
        10.0,
        False,
        "Redan beslutade investeringar",
    ),
    ("investeringsbudget", "IT-utrustning", "plan", 2025, 52.9, False, "Reinvesteringar"),
]


@pytest.mark.parametrize("fmt", FILES)
def test_halland_2024_plan_budget_tables(fmt):
    lines = budget("004_a21d5508182b01d5", fmt)
    assert per_table(lines) == {
        ("driftbudget", "Driftbudget"): 4,
        ("investeringsbudget", "Investeringsbudget"): 4,
    }
    for kind, label, measure, year, amount, total, parent in HALLAND_2024:
        x = find(lines, kind, label, measure, year)
        assert (x.amount_mnkr, x.is_total, x.parent_label) == (amount, total, parent)
    fvis = find(lines, "investeringsbudget", "FVIS", "plan", 2026)
    assert fvis.amount_mnkr is None and fvis.amount_raw is None  # blank stays NULL
    netto = find(lines, "driftbudget", "Nettobudget", "budget", 2024)
    assert netto.parts_sum == -712.0  # printed figures are rounded: within tolerance


SERVICE_2024 = [
    ("resultatbudget", "Ovriga intakter", "budget", 2024, 2380.0, False, "Verksamhetens intakter"),
    (
        "resultatbudget",
        "Ovriga kostnader",
        "prognos",
        2023,
        -1284.2,
        False,
        "Verksamhetens kostnader",
    ),
    ("resultatbudget", "Verksamhetens nettokostnader", "budget", 2024, 181.0, True, None),
    ("resultatbudget", "Resultat *)", "budget", 2023, -51.7, True, None),
    ("investeringsbudget", "It-utrustning", "prognos", 2023, 74.0, False, None),
    ("investeringsbudget", "Summa", "budget", 2023, 459.4, True, None),
    (
        "investeringsbudget",
        "RS ftg Reinvesteringar, pott",
        "budget",
        2024,
        70.0,
        False,
        "Servicendmnden, fastigheter",
    ),
    (
        "investeringsbudget",
        "Summa fastighetsinvesteringar 2024",
        "budget",
        2024,
        203.8,
        True,
        "Ovrigt",
    ),
    ("investeringsbudget", "WiFi nat", "budget", 2024, 15.3, False, "Bastjanst-system"),
    ("investeringsbudget", "Summa ovriga investeringar 2024", "budget", 2024, 27.2, True, None),
]


@pytest.mark.parametrize("fmt", FILES)
def test_orebro_2024_service_committee_budget_from_ocr_text(fmt):
    lines = budget("002_d46f54dcbd8270a5", fmt)
    tables = per_table(lines)
    assert list(tables)[:6] == [
        ("resultatbudget", "6.3 Resultatbudget servicendmnd"),
        ("driftbudget", "6.4 Driftbudget servicenamnd"),
        ("investeringsbudget", "6.5 Investeringsbudget"),
        ("investeringsbudget", "Fastighetsinvesteringar 2024"),
        ("investeringsbudget", "IT investeringar 2024"),
        ("investeringsbudget", "Ovriga investeringar 2024"),
    ]
    for kind, label, measure, year, amount, total, parent in SERVICE_2024:
        hits = [
            x
            for x in lines
            if (x.table_kind, x.label, x.measure, x.year) == (kind, label, measure, year)
        ]
        assert hits, (kind, label, measure, year)
        x = hits[0]
        assert (x.amount_mnkr, x.is_total) == (amount, total), label
        if parent is not None:
            assert x.parent_label == parent
    # OCR lost the comma in "23814" (2 381,4): read as printed, flagged, and caught by the check
    lost = [
        x for x in lines if x.label == "Summa intakter" and x.year == 2023 and x.measure == "budget"
    ]
    assert lost[0].amount_raw == "23814" and lost[0].flag == "decimal comma possibly lost (OCR)"
    assert lost[0].parts_sum == 2381.4
    # the driftbudget's grouped header: two sub-columns under "Budget 2024" and "Prognos 2023"
    it = [x for x in lines if x.table_kind == "driftbudget" and x.label == "Omrade IT"]
    assert [(x.measure, x.year, x.amount_mnkr) for x in it] == [
        ("budget", 2024, 475.0),
        ("budget", 2024, 0.0),
        ("prognos", 2023, 487.0),
        ("prognos", 2023, 0.0),
    ]
    # a row whose numbers OCR garbled is kept, flagged, with NULL amounts (never invented)
    fast = [x for x in lines if x.table_kind == "driftbudget" and x.label == "Omrade fastigheter"]
    assert fast and all(x.amount_mnkr is None and x.flag for x in fast)
    # the handlingsplan bilaga is in tkr, converted to mnkr; the count column is not money
    hp = [x for x in lines if x.table_kind == "handlingsplan" and x.label == "Totalsumma"]
    assert (hp[0].amount_raw, hp[0].amount_mnkr, hp[0].unit_raw) == ("29 309", 29.309, "tkr")
    assert hp[0].parts_sum == pytest.approx(29.309)  # 1 500 + 4 380 + 23 429
    assert len(hp) == 7 * 4  # seven areas (three years and a count); the summary lost its header


@pytest.mark.parametrize("fmt", FILES)
def test_orebro_2024_followup_report_budget_from_ocr_text(fmt):
    lines = budget("001_456057fb73cc2169", fmt)
    assert list(per_table(lines)) == [
        ("resultatbudget", "4.1 Resultatrapport regionstyrelsen"),
        ("handlingsplan", "4.2 Vidtagna atgarder for att na ekonomi i balans"),
        ("investeringsbudget", "4.3 Investeringar"),
    ]
    vardval = [x for x in lines if x.label == "Vardval Halsoval"]
    assert [(x.measure, x.year, x.amount_mnkr) for x in vardval] == [
        ("utfall", 2024, -1205.1),
        ("budget", 2024, -1240.0),
        ("utfall", 2023, -1161.8),
        ("avvikelse", 2024, 34.9),
        ("förändring", 2024, -43.3),
    ]
    assert all(x.parent_label == "Hélsovalsenheten" for x in vardval)
    # a label wrapped over two lines, numbers on the second
    assert any(
        x.label == "Samhéllsplanering och infrastruktur inom férvaltning Regional utveckling"
        for x in lines
    )
    # the plan column's header sits where the label header would be
    hp = [x for x in lines if x.table_kind == "handlingsplan" and x.label == "Summa"]
    assert [(x.measure, x.year, x.amount_mnkr) for x in hp] == [
        ("plan", 2024, 37.5),
        ("utfall", 2024, 35.3),
        ("prognos", 2025, 2.2),
        ("prognos", 2026, 0.0),
    ]
    assert hp[0].is_total and hp[0].parts_sum == 37.5
    staff = [x for x in lines if x.label == "Antal arsarbetare"]
    assert staff[0].amount_raw == "19,3" and staff[0].amount_mnkr is None  # not money
    inv = find(lines, "investeringsbudget", "Summa", "utfall", 2024)
    assert (inv.amount_mnkr, inv.parts_sum) == (-12.7, -12.7)
    # damaged figures are read as printed and flagged, not repaired
    lak = find(lines, "resultatbudget", "Lakemedel, forskrivna inom primarvarden", "utfall", 2024)
    assert lak.amount_raw == "4202" and lak.flag == "decimal comma possibly lost (OCR)"


def _budget_docx(path):
    d = docx.Document()
    d.add_heading("Driftbudget", 2)
    t = d.add_table(rows=7, cols=4)
    rows = [
        ("Belopp i tkr", "Budget 2025", "Budget- avvikelse", "Utfall 2024"),
        ("Vården, varav", "-12 500", "(200)", "−12 100"),
        ("- Primärvård", "-7 000", "–", "-6 900"),
        ("- Specialistvård", "-5 500", "", "-5 200"),
        ("Administration", "-2 000,5", "50", "-1 950"),
        ("Summa", "-14 500,5", "", "-14 050"),
        ("Kommentar", "", "", ""),
    ]
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            run = t.cell(r, c).paragraphs[0].add_run(v)
            run.bold = r in (0, 1, 5)
            run.font.size = Pt(10)
    d.save(path)
    return path


def test_docx_budget_fixture_tkr_parentheses_and_blanks(tmp_path):
    doc = read_document(_budget_docx(tmp_path / "budget.docx"))
    lines = extract_budget(doc, 2025, "verksamhetsplan")
    got = {(x.label, x.measure, x.year): x for x in lines}
    assert got[("Vården", "budget", 2025)].amount_mnkr == -12.5
    assert got[("Vården", "avvikelse", 2025)].amount_mnkr == -0.2
    assert got[("Vården", "utfall", 2024)].amount_mnkr == -12.1
    assert got[("Primärvård", "avvikelse", 2025)].amount_mnkr is None
    assert got[("Primärvård", "budget", 2025)].parent_label == "Vården"
    assert got[("Administration", "budget", 2025)].amount_mnkr == pytest.approx(-2.0005)
    summa = got[("Summa", "budget", 2025)]
    assert summa.is_total and summa.parts_sum == pytest.approx(-14.5005)
    assert got[("Vården", "budget", 2025)].is_total  # bold "varav" row: a subtotal
    assert ("Kommentar", "budget", 2025) not in got  # a row without values is a section


def test_budget_lines_and_checks_in_the_warehouse(tmp_path):
    db = tmp_path / "w.duckdb"
    api.ingest(
        [
            CORPUS / "plain" / "000_27f8406190a0567d.pdf",
            CORPUS / "plain" / "002_d46f54dcbd8270a5.pdf",
        ],
        db=db,
    )
    con = duckdb.connect(str(db), read_only=True)
    counts = dict(
        con.execute(
            "SELECT d.organ, count(*) FROM budget_lines b JOIN documents d USING (document_id) "
            "GROUP BY 1"
        ).fetchall()
    )
    assert counts == {"Regionstyrelsen": 96, "Servicenämnden": 207}
    table_ids = con.execute(
        "SELECT DISTINCT b.table_id, t.title FROM budget_lines b JOIN tables t USING (table_id) "
        "ORDER BY 1"
    ).fetchall()
    assert [t for _, t in table_ids] == [
        "4.3 Driftbudget regionstyrelsen",
        "4.4 Investeringsbudget",
        "7.1 Fördelning driftbudget",
    ]
    kinds = con.execute(
        "SELECT t.title, t.table_kind FROM tables t JOIN documents d USING (document_id) "
        "WHERE d.organ = 'Regionstyrelsen' ORDER BY t.seq"
    ).fetchall()
    assert kinds == [
        ("4.3 Driftbudget regionstyrelsen", "driftbudget"),
        ("4.4 Investeringsbudget", "investeringsbudget"),
        ("Åtgärd: Hur verksamheten vill hantera de risker som inte accepteras.", "risker"),
        ("7.1 Fördelning driftbudget", "driftbudget"),
    ]
    checks = con.execute(
        "SELECT organ, label, measure, year, total_mnkr, parts_sum_mnkr FROM budget_checks "
        "ORDER BY organ, label, measure, year, total_mnkr"
    ).fetchall()
    # the 2022 plan's own figures are 0,4 mnkr off; the rest is OCR damage in the 2024 plan
    assert (
        "Regionstyrelsen",
        "Totalt regionstyrelsens driftansvar",
        "budget",
        2021,
        -2955.2,
        -2955.6,
    ) in checks
    assert ("Servicenämnden", "Summa intakter", "budget", 2023, 23814.0, 2381.4) in checks
    assert all(c[1] != "Summa" or c[0] != "Regionstyrelsen" for c in checks)
    assert len(checks) == 6
