"""Goals, indicators and their values: golden expectations on the corpus in every format,
the concept catalogue and the value parser."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CORPUS
from extract import read_document
from extract.goals import extract_goals
from extract.metadata import infer_metadata
from normalize.concepts import catalogue, match_concept
from normalize.values import direction_of, parse_values, status_of
from styrdata import api

FILES = {"pdf": "plain/{}.pdf", "docx": "plain/{}.docx", "text": "seeds/{}.txt"}


def read(stem: str, fmt: str):
    doc = read_document(CORPUS / FILES[fmt].format(stem))
    return extract_goals(doc, infer_metadata(doc).year)


def assert_goals(goals, expected):
    got = [(g.kind, g.number, g.title, g.parent) for g in goals]
    assert len(got) == len(expected), got
    for (kind, num, title, parent), (w_kind, w_num, w_title, w_parent) in zip(
        got, expected, strict=True
    ):
        assert (kind, num, parent) == (w_kind, w_num, w_parent), title
        assert title.startswith(w_title), (title, w_title)


OREBRO_2022_GOALS = [
    ("målområde", None, "Invånare och samhälle", None),
    ("effektmål", "1", "Länets invånare har en god, jämlik och jä", 0),
    ("effektmål", "2", "Länets invånare får högkvalitativ och til", 0),
    ("effektmål", "5", "Länets invånare har en god, jämlik och jä", 0),
    ("effektmål", "6", "Länets invånare får högkvalitativ och til", 0),
    ("effektmål", "7", "Länets invånare och de som verkar i Örebr", 0),
    ("målområde", None, "Process", None),
    ("strategi", None, "Kvalitet och utveckling", 6),
    ("mål", None, "Samtliga verksamheter arbetar i enlighet ", 7),
    ("strategi", None, "Digitalisering", 6),
    ("uppdrag", None, "Regionkansliet ansvarar för det interna p", 9),
    ("strategi", None, "Hållbar utveckling", 6),
    ("mål", None, "Samtliga medarbetare och förtroendevalda ", 11),
    ("strategi", None, "Regional utvecklingsstrategi", 6),
    ("strategi", None, "Storregionalt och internationellt samarbe", 6),
    ("målområde", None, "Resurs", None),
    ("effektmål", "9", "Region Örebro län är en attraktiv arbetsg", 15),
    ("effektmål", "10", "Region Örebro län har en långsiktig stark", 15),
    # the bilaga: the office's own goal, and its prioriterade områden with their mål
    ("mål", None, "Regionkansliet ger bästa möjliga förutsät", None),
    ("målområde", None, "Digitalisering", None),
    ("mål", None, "Höja den digitala kompetensen inom region", 19),
    ("mål", None, "Regionkansliet ska ha ändamålsenliga konf", 19),
    ("mål", None, "Regionkansliet ska ha en gemensam bild av", 19),
    ("målområde", None, "Hållbar utveckling", None),
    ("mål", None, "Att minska regionkansliets miljö- och kli", 23),
    ("mål", None, "Att skapa delaktighet och utveckla inklud", 23),
    ("målområde", None, "Medarbetarskap och ledarskap", None),
    ("mål", None, "Regionkansliets medarbetare och chefer sk", 26),
    ("mål", None, "Regionkansliet ska ha en god förmåga till", 26),
]
# indicators per goal index
OREBRO_2022_INDICATORS = {1: 3, 2: 2, 3: 2, 4: 1, 5: 2, 16: 7, 17: 1, 18: 3}


@pytest.mark.parametrize("fmt", FILES)
def test_orebro_2022_plan_goals_and_indicators(fmt):
    goals, indicators = read("000_27f8406190a0567d", fmt)
    assert_goals(goals, OREBRO_2022_GOALS)
    per_goal: dict[int, int] = {}
    for ind in indicators:
        per_goal[ind.goal] = per_goal.get(ind.goal, 0) + 1
    assert per_goal == OREBRO_2022_INDICATORS
    texts = [i.text for i in indicators]
    assert "Frisktalet ska förbättras i jämförelse med föregående år." in texts
    assert "Minst 50 procent av alla vuxna patienter bli färdigbehandlade vid ett besök." in texts
    if fmt == "pdf":
        assert goals[16].page == 8


VASTERNORRLAND_GOALS = [
    ("målområde", "1", "Ett attraktivt Västernorrland med hållbar", None),
    ("mål", None, "Region Västernorrland agerar som en samma", 0),
    ("mål", None, "Vi främjar förutsättningarna för god och ", 0),
    ("målområde", "2", "Region Västernorrland utvecklar arbetet ", None),
    ("mål", None, "Vi erbjuder vård som utgår från individen", 3),
    ("mål", None, "Vi bedriver kunskapsbaserad, trygg och sä", 3),
    ("målområde", "3", "Vi skapar mervärde för befolkningen genom", None),
    ("mål", None, "Vi erbjuder attraktiva arbetsplatser för ", 6),
    ("mål", None, "Vi främjar samarbete, innovation och utve", 6),
]


@pytest.mark.parametrize("fmt", FILES)
def test_vasternorrland_goals_and_indicator_tables(fmt):
    goals, indicators = read("003_ed4c0936e15400ec", fmt)
    assert_goals(goals, VASTERNORRLAND_GOALS)
    assert [(i.goal, i.kind) for i in indicators] == [
        (1, "kvantitativ"),
        (2, "kvantitativ"),
        (2, "kvalitativ"),
        (2, "kvalitativ"),
        (4, "kvantitativ"),
        (4, "kvantitativ"),
        (4, "kvantitativ"),
        (5, "kvantitativ"),
        (5, "kvantitativ"),
        (7, "kvantitativ"),
        (7, "kvantitativ"),
        (7, "kvantitativ"),
        (7, "kvalitativ"),
        (8, "kvantitativ"),
        (8, "kvantitativ"),
        (8, "kvalitativ"),
        (8, "kvalitativ"),
    ]
    hme = next(i for i in indicators if i.text.endswith("(HME), totalindex"))
    assert [(v.value_type, v.year, v.raw) for v in hme.values] == [
        ("utfall", 2021, "RVN 77, RLF 74"),
        ("utfall", 2022, "RVN 77, RLF 74"),
        ("målvärde", 2024, "Bibehålla/öka"),
    ]
    hse = next(i for i in indicators if i.text.startswith("Hållbart säkerhetsengagemang"))
    assert [(v.value_type, v.year, v.raw) for v in hse.values] == [
        ("utfall", 2021, "75"),
        ("utfall", 2022, "75"),
        ("målvärde", 2024, ">75"),
    ]


HALLAND_GOALS = [
    ("målområde", None, "Hållbarhet", None),
    ("uppdrag", None, "Regionstyrelsen ska säkerställa ett barnr", 0),
    ("uppdrag", None, "Regionstyrelsen ska ha en minskad klimatp", 0),
    ("uppdrag", None, "Regionstyrelsen ska bidra till en hållbar", 0),
    ("målområde", None, "Medarbetare", None),
    ("uppdrag", None, "Regionstyrelsen ska ta fram en kompetensf", 4),
    ("målområde", None, "Robusta verksamheter", None),
    ("uppdrag", None, "Regionstyrelsen ska ta fram en kontinuite", 6),
]


@pytest.mark.parametrize("fmt", FILES)
def test_halland_assignments_and_indicator_descriptions(fmt):
    goals, indicators = read("004_a21d5508182b01d5", fmt)
    assert_goals(goals, HALLAND_GOALS)
    assert [g.source_term for g in goals[:2]] == ["område", "uppdrag"]
    got = [(i.text, i.goal, [(v.value_type, v.year, v.raw) for v in i.values]) for i in indicators]
    assert got == [
        ("Personalomsättning", 4, [("målvärde", 2024, "11,0")]),
        ("Sjukfrånvaro", 4, [("målvärde", 2024, "5,2")]),
        ("Periodresultat", None, []),
        ("Akkumulerad budgetavvikelse", None, []),
        ("Prognos budgetavvikelse", None, []),
        ("Prognos Investeringsbudgetavvikelse", None, []),
    ]


@pytest.mark.parametrize(
    "text, concept",
    [
        ("Personalomsättningen externt ska redovisas. Den ska minska", "personalomsattning"),
        ("Personalomsattning", "personalomsattning"),  # OCR lost the ä
        ("Hållbart medarbetarengagemang (HME), Delindex Motivation", "hme_motivation"),
        ("Hållbart medarbetarengagemang (HME), delindex Styrning", "hme_styrning"),
        ("Hållbart medarbetarengagemang, HME, ska öka", "hme"),
        ("medarbetarengagemanget ökar", "hme"),
        ("Sjukfrånvaron", "sjukfranvaro"),
        ("Frisktalet ska förbättras", "frisktal"),
        ("Jämställdhetsindex, Jämix, ska öka", "jamix"),
        ("Attraktiv arbetsgivarindex, AVI, ska öka", "avi"),
        ("Styrelsen och nämnderna redovisar ett resultat i balans.", "resultat_i_balans"),
        ("Resultat DiMiOS, självskattningsverktyg Digital mognad.", "digital_mognad"),
        ("Andel hushåll med tillgång till 100 Mbit/s", "bredband_100"),
        (
            "Tillgängligheten till primärvården enligt den förstärkta vårdgarantin",
            "tillganglighet_vardgaranti",
        ),
        ("Prognos budgetavvikelse", "budgetavvikelse"),
        ("Antal gemensamma ställningstaganden", None),
    ],
)
def test_concept_catalogue(text, concept):
    got = match_concept(text)
    assert (got.concept if got else None) == concept


def test_catalogue_has_kolada_ids_for_hme_and_sick_leave():
    ids = {c.concept: c.kolada_kpi for c in catalogue()}
    assert [ids[k] for k in ("hme", "hme_motivation", "hme_ledarskap", "hme_styrning")] == [
        "U60200",
        "U60201",
        "U60202",
        "U60203",
    ]
    assert ids["sjukfranvaro"] == "N60030"


def test_value_parser_examples():
    rvn, rlf = parse_values("RVN 77, RLF 74")
    assert (rvn.organisation, rvn.value_num, rlf.organisation, rlf.value_num) == (
        "RVN",
        77,
        "RLF",
        74,
    )
    (v,) = parse_values(">75")
    assert (v.operator, v.value_num) == (">", 75)
    (v,) = parse_values("77-80")
    assert (v.operator, v.value_low, v.value_high) == ("interval", 77, 80)
    (v,) = parse_values("Minst 50 procent")
    assert (v.operator, v.value_num, v.unit) == ("≥", 50, "%")
    (v,) = parse_values("38213st")
    assert (v.value_num, v.unit) == (38213, "st")
    (v,) = parse_values("Bibehålla/öka")
    assert (v.value_num, v.direction) == (None, "bibehålla/öka")
    assert parse_values("-") == [] and parse_values("") == []
    assert direction_of("Personalomsättningen ska minska") == "minska"
    assert [status_of(s) for s in ("Helt", "Delvis", "Inte alls", "Ja", "Nej", "grön", "?")] == [
        "uppnått",
        "delvis",
        "ej uppnått",
        "uppnått",
        "ej uppnått",
        "uppnått",
        None,
    ]


@given(
    st.sampled_from([">", "<", ">=", "<=", "≥", "≤"]),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["", " "]),
)
def test_operators_round_trip(op, number, space):
    (v,) = parse_values(f"{op}{space}{number}")
    assert v.value_num == number
    assert v.operator == {">=": "≥", "<=": "≤"}.get(op, op)


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=999))
def test_intervals(a, b):
    lo, hi = min(a, b), max(a, b)
    (v,) = parse_values(f"{lo}–{hi}")
    assert (v.value_low, v.value_high, v.operator) == (lo, hi, "interval")


def test_personalomsattning_and_hme_across_regions(tmp_path):
    db = tmp_path / "w.duckdb"
    api.ingest([CORPUS / "plain"], db=db)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT i.concept, d.region_name FROM indicators i JOIN documents d USING (document_id) "
        "WHERE i.concept IN ('personalomsattning', 'hme') GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert ("personalomsattning", "Region Halland") in rows
    assert ("personalomsattning", "Region Örebro län") in rows
    assert ("hme", "Region Västernorrland") in rows
    assert ("hme", "Region Örebro län") in rows
    halland = con.execute(
        "SELECT DISTINCT v.value_type, v.year, v.value_num, i.direction, i.goal_id IS NOT NULL "
        "FROM indicators i JOIN indicator_values v USING (indicator_id) "
        "JOIN documents d ON d.document_id = i.document_id "
        "WHERE i.concept = 'personalomsattning' AND d.region_code = '13'"
    ).fetchall()
    assert halland == [("målvärde", 2024, 11.0, "minska", True)]


@pytest.mark.parametrize("fmt", FILES)
def test_orebro_2024_followup_report_goals_and_indicator_rows(fmt):
    """The OCR'd follow-up report: "Effektmal N." goals, and rows of indicator text with the
    outcome, the target and a status (a word, or a stray letter where OCR lost the symbol)
    on the row's first line, each followed by its "Kommentar"."""
    goals, indicators = read("001_456057fb73cc2169", fmt)
    effekt = [(g.number, g.title[:30]) for g in goals if g.kind == "effektmål"]
    assert effekt == [
        ("1", "Lanets invanare har en god, ja"),
        ("2", "Lanets invanare far hogkvalita"),
        ("3", "Lanets invanare har en god, ja"),
        ("4", "Lanets invanare far hogkvalita"),
        ("5", "Lanets invanare och de som ver"),
        ("8", "Lanets invanare, samhallet och"),
        ("9", "Region Orebro lan ar en attrak"),
        ("10", "Region Orebro lan har en langs"),
    ]
    assert [g.title for g in goals if g.kind == "målområde"] == [
        "Invanare och samhaélle",
        "Process",
        "Resurs",
    ]
    by_goal: dict[str, list] = {}
    for ind in indicators:
        by_goal.setdefault(goals[ind.goal].number, []).append(ind)
    assert {k: len(v) for k, v in by_goal.items()} == {
        "1": 4,
        "2": 1,
        "3": 2,
        "4": 2,
        "8": 4,
        "9": 5,
        "10": 1,
    }

    def values(prefix: str):
        ind = next(i for i in indicators if i.text.startswith(prefix))
        return [(v.value_type, v.year, v.raw, v.status_raw) for v in ind.values]

    assert values("Hallbart medarbetarengagemang, HME") == [
        ("utfall", 2024, "83", None),
        ("målvärde", 2024, ">78", None),
    ]
    assert values("Personalomsattningen externt") == [
        ("utfall", 2024, "8 %", None),
        ("målvärde", 2024, "6 %", None),
    ]
    # a status symbol OCR'd as a stray letter is kept raw, never read as a value
    assert values("Andelen i Orebro 1an som anser") == [
        ("utfall", 2024, "84 %", "W"),
        ("målvärde", 2024, "87", None),
    ]
    # numbers glued to their unit, and a status word on its own
    assert values("Antalet patienter som far halsoframjande") == [
        ("utfall", 2024, "27 483 st", "M"),
        ("målvärde", 2024, "38213st", None),
    ]
    assert values("Styrelsen och ndmnderna redovisar ett resultat i balans") == [
        ("utfall", 2024, "", "Helt")
    ]
    # a row wrapped over lines is one indicator, its line-break hyphens mended
    hme = next(i for i in indicators if i.text.startswith("Hallbart medarbetarengagemang"))
    assert "hog niva inom intervallet 77-80 for totalt HME" in hme.text
    assert not any("Kommentar" in i.text or "Malvarde" in i.text for i in indicators)
