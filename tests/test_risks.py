from __future__ import annotations

import docx
import duckdb
import pytest

from conftest import CORPUS
from styrdata import api
from styrdata.extract import read_document
from styrdata.extract.domain.risks import extract_risks

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


def test_an_assessment_written_out_in_one_cell(tmp_path):
    d = docx.Document()
    d.add_heading("Internkontrollplan 2027", 0)
    rows = [
        ["Nr", "Risk", "Riskbedömning", "Åtgärd"],
        ["1", "Felaktiga utbetalningar av bidrag", "S 3 × K 3 = 9", "Stickprov"],
        ["2", "Bristande dokumentation", "S2 x K4", "Granskning"],
        ["3", "Jäv vid upphandling", "4", "Kontroll av jävsintyg"],
    ]
    t = d.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.save(tmp_path / "ik.docx")
    risks = extract_risks(read_document(str(tmp_path / "ik.docx")))
    assert [(r.probability, r.consequence, r.risk_value) for r in risks] == [
        (3, 3, 9),
        (2, 4, 8),
        (None, None, 4),  # a value alone is the risk value
    ]


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


# 2024 Örebro follow-up report (OCR'd, diacritics lost): the follow-up form.
# (area, first words of the risk, number of actions, effect answers)
OREBRO_2024_FOLLOWUP = [
    ("HR", "Regiondvergripande: Risk for ohalsa", 3, ["ja", "ja", "ja"]),
    ("HR", "Risken att I6nehantering", 1, ["ja"]),
    ("Ekonomi", "Risken att automatiskt attesterade", 1, ["ja"]),
    ("Informationssakerhet", "Risken att vid inférandet av Office 365", 1, ["ja"]),
    ("Kvalitet och utveckling", "Risken att arbetssatt/processer", 3, ["delvis", "ja", "ja"]),
    ("Beredskap och sakerhet", "Risken att verkstalligheten", 1, ["ja"]),
    ("Kommunikation", "Risken att de ordinarie externa", 1, [None]),
    ("Digitalisering", "Risken att organisationen inte har", 1, ["ja"]),
    ("Hallbar utveckling", "Risken att verksamheterna i Region", 1, ["ja"]),
    ("Halso- och sjukvard", "Risken att 6verlamnad verksamhet", 1, ["ja"]),
]


@pytest.mark.parametrize("fmt", FILES)
def test_orebro_2024_followup_form(fmt):
    risks = extract_risks(read_document(CORPUS / FILES[fmt].format("001_456057fb73cc2169")))
    got = [(r.area, r.risk, len(r.actions), [a.effect for a in r.actions]) for r in risks]
    assert len(got) == len(OREBRO_2024_FOLLOWUP)
    for (area, risk, n, eff), (w_area, w_risk, w_n, w_eff) in zip(
        got, OREBRO_2024_FOLLOWUP, strict=True
    ):
        assert (area, n, eff) == (w_area, w_n, w_eff)
        assert risk.startswith(w_risk)
    hr = risks[0].actions
    assert [a.scope for a in hr] == ["regionövergripande"] * 3
    # the prefix is gone, the wrapped line mended, and the repeated "Status Åtgärd" dropped
    assert hr[0].action.startswith("Varje chef ska hantera sina férdelade arbetsmiljouppgifter")
    assert "arbeta systematiskt" in hr[0].action
    assert hr[2].action.endswith("forutsattningar for arbetsmiljoarbetet.")
    # the comment is the answer without the question; one comment per action
    assert hr[1].comment.startswith("Ja, den arliga uppféljningen ar genomfard")
    assert "Har atgarden" not in " ".join(a.comment or "" for r in risks for a in r.actions)
    kvalitet = risks[4].actions
    assert kvalitet[1].action.startswith("Utga fran regionens strategier")
    assert "Ovanstaende resultat visar" in kvalitet[0].comment
    assert risks[6].actions[0].comment.startswith("Atgarden har inte genomforts helt")
    # an area heading glued to the end of the previous comment is split off it
    assert not kvalitet[2].comment.endswith("Beredskap och sakerhet")
    assert all(a.status is None for r in risks for a in r.actions)  # symbols lost in OCR
    if fmt == "pdf":
        assert [r.page for r in risks] == [22, 23, 23, 23, 23, 25, 25, 25, 25, 26]


@pytest.mark.parametrize("fmt", FILES)
def test_orebro_2024_service_committee_flattened_table(fmt):
    warnings: list[str] = []
    doc = read_document(CORPUS / FILES[fmt].format("002_d46f54dcbd8270a5"))
    risks = extract_risks(doc, warnings)
    assert [(r.area, len(r.actions)) for r in risks] == [("HR", 3), ("Informationssakerhet", 3)]
    assert risks[0].risk.startswith("Regiondvergripande: Risk for ohalsa")
    assert [a.scope for a in risks[0].actions] == ["regionövergripande"] * 3
    info = risks[1].actions
    # a cell split over a page break is one action; the header glued to the last is dropped
    assert info[0].action.endswith("som kan paverka informationssakerheten.")
    assert info[2].action.endswith("informationssékerhetsbrister atgardas.")
    # the rest of the table had its columns interleaved by OCR: said, not invented
    assert len(warnings) == 1
    assert "3 risk(s) could not be recovered" in warnings[0]
    if fmt == "pdf":
        assert "pages 16–17" in warnings[0]


def _form_docx(path):
    d = docx.Document()
    d.add_heading("Uppföljning av internkontrollplan", 2)
    for text in [
        "Ekonomi",
        "Risken att fakturor betalas för sent.",
        "Status Åtgärd",
        "Avslutad",
        "Regionövergripande åtgärd: Månadsvis kontroll av förfallna fakturor.",
        "Kommentar",
        "Har åtgärden bidragit till önskad effekt?",
        "Nej, andelen sena betalningar är oförändrad.",
        "Pågår Ta fram en ny rutin för attest.",
        "Kommentar",
        "Har åtgärden bidragit till önskad effekt?",
        "Ja delvis.",
        "IT-säkerhet",
        "Risk för intrång i journalsystemet.",
        "Status Åtgärd",
        "Ej genomförd",
        "Penetrationstest av journalsystemet.",
        "Kommentar",
        "Testet flyttas till 2025.",
    ]:
        d.add_paragraph(text)
    d.add_heading("Nästa avsnitt", 2)
    d.add_paragraph("Helt annan text.")
    d.save(path)
    return path


def test_followup_form_with_status_words(tmp_path):
    risks = extract_risks(read_document(_form_docx(tmp_path / "uppf.docx")))
    assert [(r.area, r.risk) for r in risks] == [
        ("Ekonomi", "Risken att fakturor betalas för sent."),
        ("IT-säkerhet", "Risk för intrång i journalsystemet."),
    ]
    a = risks[0].actions
    assert [(x.status, x.scope, x.effect) for x in a] == [
        ("avslutad", "regionövergripande", "nej"),
        ("pågår", "nämndspecifik", "delvis"),
    ]
    assert a[0].action == "Månadsvis kontroll av förfallna fakturor."
    assert a[1].action == "Ta fram en ny rutin för attest."
    b = risks[1].actions
    assert [(x.status, x.action, x.comment, x.effect) for x in b] == [
        ("ej genomförd", "Penetrationstest av journalsystemet.", "Testet flyttas till 2025.", None)
    ]


def test_followup_and_flattened_risks_in_the_warehouse(tmp_path):
    db = tmp_path / "w.duckdb"
    api.ingest(
        [
            CORPUS / "plain" / "001_456057fb73cc2169.pdf",
            CORPUS / "plain" / "002_d46f54dcbd8270a5.pdf",
        ],
        db=db,
    )
    con = duckdb.connect(str(db), read_only=True)
    per_doc = con.execute(
        "SELECT d.doc_type, count(DISTINCT r.risk_id), count(a.seq), count(a.effect) "
        "FROM documents d JOIN risks r USING (document_id) "
        "LEFT JOIN risk_actions a USING (risk_id) GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert per_doc == [("verksamhetsberättelse", 10, 14, 13), ("verksamhetsplan", 2, 6, 0)]
    warnings = con.execute(
        "SELECT warnings FROM documents WHERE doc_type = 'verksamhetsplan'"
    ).fetchone()[0]
    assert any("could not be recovered" in w for w in warnings)
