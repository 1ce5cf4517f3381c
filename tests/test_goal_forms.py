"""Goal layouts of any nämnd, kommun, region or kommunalförbund, on documents the tests build:
Word bullets exported to PDF, nested goal headings in the sector's vocabulary, forecast
statuses, goal sections without a keyword per goal, goal tables with labelled rows, and a
kommunalförbund's own board and county."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from sector_documents import goal_docx, to_pdf
from styrdata.extract.domain import extract_domain
from styrdata.extract.readers.dispatch import read_document

HAS_LO = bool(shutil.which("soffice") or shutil.which("libreoffice"))


def _goals(path: Path):
    return extract_domain(read_document(path)).goals


PLAN = ["Verksamhetsplan 2027", "Vård- och omsorgsnämnden", "Exempelby kommun"]
REPORT = ["Tertialrapport 1 2026", "Regionstyrelsen", "Region Exempel"]


# -- A: Word's Symbol-font bullets in an exported PDF ---------------------------------------
@pytest.mark.skipif(not HAS_LO, reason="LibreOffice not installed")
def test_word_bullets_exported_to_pdf_are_list_items_and_goals(tmp_path):
    src = goal_docx(
        tmp_path / "bullets.docx",
        PLAN,
        [
            ("h", 1, "Nämndens mål"),
            ("h", 2, "Fokusområde: Trygg omsorg"),
            ("p", "Nämnden har beslutat om följande mål:"),
            ("bullets", ["Fler brukare ska vara nöjda med hemtjänsten",
                         "Kontinuiteten i hemtjänsten ska förbättras"]),
            ("h", 2, "Uppdrag från fullmäktige"),
            ("p", "Uppdrag: Nämnden ska utreda digital nattillsyn i hemtjänsten."),
        ],
    )  # fmt: skip
    pdf = to_pdf(src, tmp_path)
    doc = read_document(pdf)
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert items == [
        "Fler brukare ska vara nöjda med hemtjänsten",
        "Kontinuiteten i hemtjänsten ska förbättras",
    ]
    goals = extract_domain(doc).goals
    got = [(g.kind, g.source_term, g.title, g.parent) for g in goals]
    assert got[:3] == [
        ("målområde", "fokusområde", "Trygg omsorg", None),
        ("mål", "mål", "Fler brukare ska vara nöjda med hemtjänsten", 0),
        ("mål", "mål", "Kontinuiteten i hemtjänsten ska förbättras", 0),
    ]
    # the uppdrag under a heading of the fokusområde's rank is not the area's
    assert got[3][0] == "uppdrag" and got[3][3] is None
    assert not any("beslutat" in g.title for g in goals)


def test_typed_bullet_glyphs_are_list_items_in_docx_and_text(tmp_path):
    d = docx.Document()
    d.add_heading("Mål", 1)
    d.add_paragraph("Nämnden har beslutat om följande mål:")
    d.add_paragraph("\uf0b7\tFler ska cykla till arbetet")
    d.add_paragraph("▪ Ingen ska skadas i trafiken")
    d.save(tmp_path / "typed.docx")
    (tmp_path / "typed.txt").write_text(
        "Mål\n\nNämnden har beslutat om följande mål:\n\n\uf0b7 Fler ska cykla till arbetet\n"
        "▪ Ingen ska skadas i trafiken\n",
        encoding="utf-8",
    )
    for name in ("typed.docx", "typed.txt"):
        doc = read_document(tmp_path / name)
        items = [b.text for b in doc.blocks if b.kind == "list_item"]
        assert items == ["Fler ska cykla till arbetet", "Ingen ska skadas i trafiken"], name
        titles = [g.title for g in extract_domain(doc).goals]
        assert titles == ["Fler ska cykla till arbetet", "Ingen ska skadas i trafiken"], name


# -- B: nested goal headings, each its own level -------------------------------------------
NESTED = [
    ("h", 1, "Nämndens mål"),
    ("h", 2, "Perspektiv: Medarbetare"),
    ("h", 3, "Inriktningsmål: Regionen är en attraktiv arbetsgivare"),
    ("h", 4, "Nämndmål 2.1: Beroendet av inhyrd personal ska minska"),
    ("table", [["Indikator", "Utfall 2025", "Målvärde 2027"], ["Sjukfrånvaro (%)", "6,8", "6,0"]]),
    ("h", 4, "Nämndmål 2.2: Sjukfrånvaron ska minska"),
    ("p", "Nämnden arbetar med hälsofrämjande insatser och ett nära ledarskap på alla enheter."),
]


@pytest.mark.parametrize("with_area", [True, False])
def test_nested_goal_headings_keep_their_levels(tmp_path, with_area):
    body = NESTED if with_area else [x for x in NESTED if "Perspektiv" not in str(x)]
    goals = _goals(goal_docx(tmp_path / "nested.docx", PLAN, body))
    got = [(g.kind, g.source_term, g.number, g.title, g.parent) for g in goals]
    want = [
        ("målområde", "perspektiv", None, "Medarbetare", None),
        ("mål", "inriktningsmål", None, "Regionen är en attraktiv arbetsgivare", 0),
        ("mål", "nämndmål", "2.1", "Beroendet av inhyrd personal ska minska", 1),
        ("mål", "nämndmål", "2.2", "Sjukfrånvaron ska minska", 1),
    ]
    if not with_area:
        want = [(k, t, n, title, None if p == 0 else p - 1) for k, t, n, title, p in want[1:]]
    assert got == want


# -- C: forecast and assessment wording ------------------------------------------------------
def test_forecasts_and_assessments_after_goal_headings(tmp_path):
    body = [("h", 1, "Måluppfyllelse"), ("h", 2, "Fokusområde 1 Tillgänglig vård")]
    for title, line in [
        ("Vårdgarantin ska uppfyllas", "Prognos: Målet bedöms delvis uppnås."),
        ("Förtroendet för vården ska öka", "Prognos: Målet bedöms uppnås."),
        ("Kostnaderna för inhyrd personal ska halveras", "Bedömning: Målet bedöms inte uppnås."),
        ("Väntetiderna ska minska", "Bedömning: Uppfyllt"),
    ]:
        body += [("h", 3, "Mål: " + title), ("p", line), ("p", "Arbetet fortgår enligt plan.")]
    goals = _goals(goal_docx(tmp_path / "t1.docx", REPORT, body))
    got = [(g.kind, g.source_term, g.number, g.title, g.status) for g in goals]
    assert got == [
        ("målområde", "fokusområde", "1", "Tillgänglig vård", None),
        ("mål", "mål", None, "Vårdgarantin ska uppfyllas", "delvis uppfyllt"),
        ("mål", "mål", None, "Förtroendet för vården ska öka", "uppfyllt"),
        ("mål", "mål", None, "Kostnaderna för inhyrd personal ska halveras", "ej uppfyllt"),
        ("mål", "mål", None, "Väntetiderna ska minska", "uppfyllt"),
    ]
    assert goals[1].status_raw == "Målet bedöms delvis uppnås"
    assert all(g.parent == 0 for g in goals[1:])


# -- D: goal sections and bullets --------------------------------------------------------------
def test_goal_headings_under_a_goal_section_with_assessments(tmp_path):
    body = [
        ("h", 1, "Kommunfullmäktiges övergripande mål"),
        ("p", "Målet är delvis uppfyllt om minst hälften av indikatorerna visar positiv utveckling."),
        ("h", 2, "Exempelby ska ha 40 000 invånare år 2030"),
        ("p", "Bedömning: Målet är delvis uppfyllt."),
        ("h", 2, "Exempelby ska vara en jämställd kommun"),
        ("p", "Bedömning: Målet är uppfyllt."),
        ("h", 1, "Ekonomi"),
        ("p", "Nämnden redovisar ett överskott."),
    ]  # fmt: skip
    goals = _goals(
        goal_docx(tmp_path / "ar.docx", ["Årsredovisning 2025", "Exempelby kommun"], body)
    )
    assert [(g.source_term, g.title, g.status) for g in goals] == [
        ("övergripande mål", "Exempelby ska ha 40 000 invånare år 2030", "delvis uppfyllt"),
        ("övergripande mål", "Exempelby ska vara en jämställd kommun", "uppfyllt"),
    ]


@pytest.mark.parametrize("heading", ["Nämndens mål", "Mål 2027"])
def test_bullets_straight_under_a_goal_section(tmp_path, heading):
    body = [
        ("h", 1, "Inledning"),
        ("p", "Nämnden ansvarar för äldreomsorg och stöd till personer med funktionsnedsättning."),
        ("h", 1, heading),
        ("bullets", ["Brukarnas nöjdhet med hemtjänsten ska öka",
                     "Sjukfrånvaron ska minska till högst 8 procent"]),
        ("h", 1, "Ekonomi"),
        ("bullets", ["Budgeten är i balans", "Investeringarna följer planen"]),
    ]  # fmt: skip
    goals = _goals(goal_docx(tmp_path / "mal.docx", PLAN, body))
    assert [(g.kind, g.title) for g in goals] == [
        ("mål", "Brukarnas nöjdhet med hemtjänsten ska öka"),
        ("mål", "Sjukfrånvaron ska minska till högst 8 procent"),
    ]


def test_heading_mal_and_a_lead_in_keeps_the_bullets_not_the_lead_in(tmp_path):
    body = [
        ("h", 1, "Mål"),
        ("p", "Nämnden har beslutat om följande mål:"),
        ("bullets", ["Fler ska cykla till arbetet", "Ingen ska skadas i trafiken"]),
    ]
    goals = _goals(goal_docx(tmp_path / "h.docx", PLAN, body))
    assert [g.title for g in goals] == [
        "Fler ska cykla till arbetet",
        "Ingen ska skadas i trafiken",
    ]


def test_headings_mentioning_mal_are_no_goals(tmp_path):
    body = [
        ("h", 1, "Mål och budget"),
        ("p", "Regionfullmäktige fastställde mål och budget för perioden."),
        ("h", 1, "Uppföljning av mål"),
        ("bullets", ["Uppföljningen sker tre gånger per år", "Rapporten lämnas till nämnden"]),
    ]
    assert _goals(goal_docx(tmp_path / "n.docx", PLAN, body)) == []


# -- E: labelled rows of a goal table ---------------------------------------------------------
def test_goal_table_rows_keep_their_number_apart(tmp_path):
    body = [
        ("h", 1, "Måluppfyllelse 2025"),
        ("table", [
            ["Mål", "Måluppfyllelse 2025"],
            ["Mål 1: Fler deltagare ska komma närmare arbetsmarknaden", "Uppfyllt"],
            ["Mål 2: Samverkan mellan parterna ska stärkas", "Delvis uppfyllt"],
        ]),
    ]  # fmt: skip
    goals = _goals(goal_docx(tmp_path / "vb.docx", ["Verksamhetsberättelse 2025", "Nämnden"], body))
    assert [(g.number, g.title, g.status) for g in goals] == [
        ("1", "Fler deltagare ska komma närmare arbetsmarknaden", "uppfyllt"),
        ("2", "Samverkan mellan parterna ska stärkas", "delvis uppfyllt"),
    ]


# -- F: a kommunalförbund's board and county ---------------------------------------------------
@pytest.mark.parametrize(
    "title_lines",
    [
        ["Borås och Marks räddningstjänstförbund", "Fastställd av direktionen 2026-11-26"],
        ["Direktionen", "Borås och Marks räddningstjänstförbund"],
    ],
)
def test_kommunalforbund_board_and_county(tmp_path, title_lines):
    body = [
        ("h", 1, "Inledning"),
        ("p", "Förbundet ansvarar för räddningstjänsten i medlemskommunerna."),
    ]
    path = goal_docx(tmp_path / "vp.docx", ["Verksamhetsplan 2027", *title_lines], body)
    md = extract_domain(read_document(path)).metadata
    assert (md.org_kind, md.region_code, md.organ) == ("kommunalförbund", "14", "Direktionen")


def test_forbund_county_stays_null_when_its_members_span_counties(tmp_path):
    body = [("h", 1, "Inledning"), ("p", "Förbundets medlemmar är Borås och Gnosjö.")]
    title = ["Verksamhetsplan 2027", "Gränsbygdens samordningsförbund"]
    md = extract_domain(read_document(goal_docx(tmp_path / "x.docx", title, body))).metadata
    assert md.region_code is None


def test_an_assessment_in_a_sentence_after_the_goal(tmp_path):
    path = goal_docx(
        tmp_path / "bedomning.docx",
        ["Delårsrapport augusti 2026", "Kommunstyrelsen", "Tierps kommun"],
        [
            ("h", 1, "Kommunfullmäktiges mål"),
            ("h", 2, "Mål 1: Fler invånare är i arbete eller studier"),
            ("p", "Målbedömning: Målet bedöms inte uppnås."),
            ("h", 2, "Mål 2: Kommunen har en ekonomi i balans"),
            ("p", "Resultatet för perioden är 2,4 procent av skatteintäkterna. Målet är uppfyllt."),
            ("h", 2, "Mål 3: Alla barn får en trygg start i livet"),
            ("p", "Målet är att alla barn ska erbjudas plats i förskola inom fyra månader."),
        ],
    )
    got = {g.title[:30]: (g.status, g.status_raw) for g in _goals(path)}
    assert got["Fler invånare är i arbete elle"] == ("ej uppfyllt", "Målet bedöms inte uppnås")
    assert got["Kommunen har en ekonomi i bala"] == ("uppfyllt", "Målet är uppfyllt")
    # a sentence stating what the goal is, is no assessment of it
    assert got["Alla barn får en trygg start i"] == (None, None)


def test_a_goal_label_over_the_goal_itself(tmp_path):
    path = goal_docx(
        tmp_path / "etikett.docx",
        ["Verksamhetsplan 2027", "Socialnämnden", "Tierps kommun"],
        [
            ("h", 2, "Verksamhetsmål 1"),
            ("p", "Fler personer med försörjningsstöd ska nå egen försörjning"),
            ("p", "Nämnden följer målet med andelen som lämnar försörjningsstöd för arbete."),
            ("h", 2, "Verksamhetsmål 2"),
            ("p", "Den enskilde ska vara delaktig i planeringen av sitt stöd"),
            ("h", 2, "Mål 2027"),  # a year after the term: a section, no label
            ("p", "Under året genomförs en översyn av verksamheten."),
        ],
    )
    got = [(g.number, g.title, g.source_term) for g in _goals(path)]
    assert got == [
        ("1", "Fler personer med försörjningsstöd ska nå egen försörjning", "verksamhetsmål"),
        ("2", "Den enskilde ska vara delaktig i planeringen av sitt stöd", "verksamhetsmål"),
    ]


def test_an_example_goal_in_an_instruction_is_no_goal(tmp_path):
    path = goal_docx(
        tmp_path / "anvisning.docx",
        ["Budgetanvisningar 2027", "Kommunstyrelsen", "Tierps kommun"],
        [
            ("h", 1, "Nämndernas mål"),
            ("p", "Nämndmålen ska vara mätbara. Exempel på ett väl formulerat nämndmål:"),
            ("p", "”Fler äldre ska kunna bo kvar hemma med stöd av hemtjänsten.”"),
            ("p", "Några exempel på nämndmål:"),
            (
                "bullets",
                ["Färre barn ska placeras utanför hemmet", "Fler ska gå vidare till arbete"],
            ),
        ],
    )
    assert _goals(path) == []
