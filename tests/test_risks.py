from __future__ import annotations

import docx
import duckdb
import pytest

from conftest import CORPUS
from extract import read_document
from extract.risks import extract_risks
from styrdata import api

# 2022 Örebro plan, internkontrollplan: (area, first words of the risk, number of actions)
OREBRO_2022 = [
    ("HR", "Risken att systematiskt arbetsmiljöarbete", 1),
    ("HR", "Risken att bisysslor", 1),
    ("Ekonomi", "Risken att leverantörsfakturer", 4),
    ("Informationssäkerhet", "Risken att verksamheten inte efterlever", 3),
    ("Informationssäkerhet", "Risken att vid införandet av Office 365", 1),
    ("Kvalitet och utveckling", "Risken att arbetssätt/processer", 3),
    ("Juridik", "Risken att otillbörlig påverkan", 2),
    ("Kommunikation", "Risken att information inte når ut", 1),
    ("Digitalisering", "Risken att organisationen inte har tillräcklig", 1),
    ("Staben hälso- och sjukvård", "Risken att överlämnad verksamhet", 1),
]
VASTERNORRLAND_AREAS = [
    "Sambandet mellan effektivisering och måluppfyllelse",
    "Effektivisering kräver verksamhetsutveckling",
    "Kompetensförsörjning som strategisk fråga",
    "Civil beredskap får allt högre prioritet och en förstärkning av området pågår",
]
FILES = {
    "pdf": "plain/{}.pdf",
    "docx": "plain/{}.docx",
    "text": "seeds/{}.txt",
}


@pytest.mark.parametrize("fmt", FILES)
def test_orebro_2022_internal_control_plan(fmt):
    risks = extract_risks(read_document(CORPUS / FILES[fmt].format("000_27f8406190a0567d")))
    got = [(r.area, r.risk, len(r.actions)) for r in risks]
    assert len(got) == len(OREBRO_2022)
    for (area, risk, n), (want_area, want_risk, want_n) in zip(got, OREBRO_2022, strict=True):
        assert (area, n) == (want_area, want_n)
        assert risk.startswith(want_risk)
    ekonomi = risks[2]
    assert [a.scope for a in ekonomi.actions] == ["regionövergripande"] * 4
    assert (
        ekonomi.actions[0].action
        == "Ta fram och distribuera fördjupat utbildningsmaterial i ekonomisystemet Raindance."
    )
    assert risks[1].actions[0].scope == "nämndspecifik"
    if fmt == "pdf":
        assert [r.page for r in risks] == [11, 11, 11, 12, 12, 12, 12, 12, 13, 13]


@pytest.mark.parametrize("fmt", FILES)
def test_vasternorrland_risk_areas_without_actions(fmt):
    risks = extract_risks(read_document(CORPUS / FILES[fmt].format("003_ed4c0936e15400ec")))
    assert [r.area for r in risks] == VASTERNORRLAND_AREAS
    assert all(not r.actions for r in risks)


def _sk_docx(path, header):
    d = docx.Document()
    d.add_heading("Internkontrollplan 2025", level=1)
    rows = [
        header,
        [
            "Inköp",
            "Risk för otillåtna direktupphandlingar",
            "3",
            "4",
            "",
            "Stickprov av inköp",
            "Pågår",
            "",
        ],
        ["", "", "", "", "", "Utbildning i LOU för beställare", "Avslutad", "Genomförd i mars"],
        [
            "Löner",
            "Risk för felaktiga löneutbetalningar",
            "2",
            "5",
            "10",
            "Kontroll av förändringslistor",
            "Ej genomförd",
            "",
        ],
    ]
    t = d.add_table(rows=len(rows), cols=len(header))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.save(str(path))
    return path


def test_probability_consequence_table_with_scale_in_header(tmp_path):
    header = [
        "Process",
        "Risk",
        "Sannolikhet (1-5)",
        "Konsekvens (1-5)",
        "Riskvärde",
        "Åtgärd",
        "Status",
        "Kommentar",
    ]
    risks = extract_risks(read_document(_sk_docx(tmp_path / "ik.docx", header)))
    assert [(r.area, r.probability, r.consequence, r.risk_value, r.scale_max) for r in risks] == [
        ("Inköp", 3, 4, 12, 5),  # riskvärde computed as S × K when the cell is empty
        ("Löner", 2, 5, 10, 5),
    ]
    assert [(a.action, a.status, a.comment) for a in risks[0].actions] == [
        ("Stickprov av inköp", "Pågår", None),
        ("Utbildning i LOU för beställare", "Avslutad", "Genomförd i mars"),
    ]


def test_scale_from_risk_value_range_and_headers_without_diacritics(tmp_path):
    header = [
        "Omrade",
        "Risk",
        "Sannolikhet",
        "Konsekvens",
        "Riskvarde (1-16)",
        "Atgard",
        "Status",
        "Kommentar",
    ]
    risks = extract_risks(read_document(_sk_docx(tmp_path / "ik.docx", header)))
    assert [r.scale_max for r in risks] == [4, 4]
    assert [len(r.actions) for r in risks] == [2, 1]


def test_risks_land_in_the_warehouse(tmp_path):
    db = tmp_path / "w.duckdb"
    api.ingest([CORPUS / "plain" / "000_27f8406190a0567d.pdf"], db=db)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT r.area, count(a.seq) FROM risks r LEFT JOIN risk_actions a USING (risk_id) "
        "GROUP BY r.risk_id, r.area ORDER BY r.risk_id"
    ).fetchall()
    scopes = con.execute(
        "SELECT scope, count(*) FROM risk_actions GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert rows == [(a, n) for a, _, n in OREBRO_2022]
    assert scopes == [("nämndspecifik", 7), ("regionövergripande", 11)]
