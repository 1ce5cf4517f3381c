"""Goals, indicators and their values: golden expectations on the corpus in every format,
the concept catalogue and the value parser."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CORPUS, DOC_IDS
from golden_goals import GOALS, INDICATORS
from styrdata.extract import read_document
from styrdata.extract.domain.goal_summary import extract_status_summary
from styrdata.extract.domain.goals import extract_goals
from styrdata.extract.domain.metadata import infer_metadata
from styrdata.normalize.concepts import catalogue, match_concept
from styrdata.normalize.values import direction_of, parse_values, status_of

FILES = {"pdf": "plain/{}.pdf", "docx": "plain/{}.docx", "text": "seeds/{}.txt"}


def read(stem: str, fmt: str):
    doc = read_document(CORPUS / FILES[fmt].format(stem))
    return extract_goals(doc, infer_metadata(doc).year)


@pytest.mark.parametrize("fmt", FILES)
@pytest.mark.parametrize("stem", DOC_IDS)
def test_golden_goals_and_indicators_in_every_format(stem, fmt):
    """Every goal and indicator read in the document, and no other, in every format: the
    same document as text dump, PDF and DOCX gives the same goals and indicators."""
    goals, indicators = read(stem, fmt)
    got = [(g.kind, g.number, g.title, g.parent) for g in goals]
    want = GOALS[stem]
    assert len(got) == len(want), [g[:3] for g in got]
    for k, ((kind, num, title, parent), (w_kind, w_num, w_title, w_parent)) in enumerate(
        zip(got, want, strict=True)
    ):
        assert (kind, num, parent) == (w_kind, w_num, w_parent), (k, title)
        assert title.startswith(w_title), (k, title, w_title)
    got_i = [
        (
            i.goal,
            i.kind,
            i.text,
            [(v.value_type, v.year, v.raw, v.status_raw, v.flag) for v in i.values],
        )
        for i in indicators
    ]
    want_i = INDICATORS[stem]
    assert len(got_i) == len(want_i), [g[2][:45] for g in got_i]
    for (goal, kind, text, values), (w_goal, w_kind, w_text, w_values) in zip(
        got_i, want_i, strict=True
    ):
        assert (goal, kind, values) == (w_goal, w_kind, w_values), text
        assert text.startswith(w_text), (text, w_text)
    assert all("Kommentar" not in i.text and "Indikatorer" not in i.text for i in indicators)


def test_orebro_2022_plan_details():
    goals, indicators = read("000_27f8406190a0567d", "pdf")
    texts = [i.text for i in indicators]
    assert "Frisktalet ska förbättras i jämförelse med föregående år." in texts
    assert "Minst 50 procent av alla vuxna patienter bli färdigbehandlade vid ett besök." in texts
    effekt9 = next(g for g in goals if g.kind == "effektmål" and g.number == "9")
    assert effekt9.page == 8
    # the bullets of "Strategier för kvalitet och utveckling" sit under "Strategi: Kvalitet …"
    kvalitet = next(k for k, g in enumerate(goals) if g.title == "Kvalitet och utveckling")
    assert [g.title for g in goals if g.parent == kvalitet and g.kind == "strategi"] == [
        "Att skapa värde tillsammans med de Region Örebro län finns till för",
        "Att leda för hållbarhet",
        "Att involvera och motivera medarbetare",
        "Att utveckla värdeskapande processer",
        "Att förbättra verksamheten och skapa innovationer",
    ]


@pytest.mark.parametrize("fmt", FILES)
def test_service_committee_plan_glued_paragraphs(fmt):
    """The OCR'd 2024 service committee plan glues "… liv!" and "Mål: …", "Effektmål 9. …"
    and "Indikatorer", and repeats "Indikatorer" after a page break: each is read apart."""
    goals, indicators = read("002_d46f54dcbd8270a5", fmt)
    mal = [g.title for g in goals if g.kind == "mål"]
    assert mal[0] == "Regionservice ar en maéjliggérande och vardeskapande partner"
    effekt = [(g.number, g.title[:20]) for g in goals if g.kind == "effektmål"]
    assert effekt == [("9", "Region Orebro lan ar"), ("10", "Region Orebro lan ha")]
    texts = [i.text for i in indicators]
    assert "HME delindex Motivation ska 0ka." in texts
    assert "HME delindex Ledning ska bibehallas eller dka." in texts
    assert "Den digitala mognaden ska oka." in texts


@pytest.mark.parametrize("fmt", FILES)
def test_vasternorrland_ska_bullets_are_assignments(fmt):
    goals, indicators = read("003_ed4c0936e15400ec", fmt)
    ska = [g for g in goals if g.source_term == "ska"]
    assert len(ska) == 26 and {g.kind for g in ska} == {"uppdrag"}
    nested = next(g for g in ska if g.title.startswith("I beställningen av primärvård ytterligare"))
    assert nested.title == (
        "I beställningen av primärvård ytterligare tydliggöra: Att satsningar på prevention "
        "och hälsofrämjande arbete ska förstärkas; Att sådana satsningar ska erbjudas på ett "
        "jämlikt sätt, och; Att det förebyggande arbetet vid olika enheter, oavsett huvudman, "
        "ska samordnas"
    )
    hme = next(i for i in indicators if i.text.endswith("(HME), totalindex"))
    assert [(v.value_type, v.year, v.raw) for v in hme.values] == [
        ("utfall", 2021, "RVN 77, RLF 74"),
        ("utfall", 2022, "RVN 77, RLF 74"),
        ("målvärde", 2024, "Bibehålla/öka"),
    ]


@pytest.mark.parametrize("fmt", FILES)
def test_halland_assignments_and_indicator_descriptions(fmt):
    goals, indicators = read("004_a21d5508182b01d5", fmt)
    assert [g.source_term for g in goals[:2]] == ["område", "uppdrag"]
    pers = next(i for i in indicators if i.text == "Personalomsättning")
    assert goals[pers.goal].title == "Medarbetare"


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
        # the first sentence names the measure; the delindex named later are in passing
        (
            "Hallbart medarbetarengagemang, HME, ska ligga pa en hog niva inom intervallet "
            "77-80 for totalt HME. Stravan ar att delindexen motivation, styrning och "
            "ledarskap ska ligga pa en jamnhog niva.",
            "hme",
        ),
        ("HME delindex Ledning ska bibehallas eller dka.", "hme_ledarskap"),
        ("HME delindex Motivation ska 0ka.", "hme_motivation"),
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
    assert status_of("Värde saknas") == status_of("saknas") == "saknas"
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


def test_personalomsattning_and_hme_across_regions(corpus_db):
    con = duckdb.connect(str(corpus_db), read_only=True)
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
        "5": 2,
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
    # values wrapped onto the next line ("1,174 miljoner" / "… ton ner ton"), a status
    # symbol OCR'd as "1M", and a percentage that lost its comma (18,2 → "182%"): flagged
    assert values("Utslapp av vaxthusgaser ska minska") == [
        ("utfall", 2024, "1,174 miljoner ton", "1M"),
        ("målvärde", 2024, "1,145 miljoner ton", None),
    ]
    attraktion = next(i for i in indicators if i.text.startswith("Okad nationell attraktion"))
    assert [(v.raw, v.flag) for v in attraktion.values] == [
        ("17,5%", None),
        ("182%", "decimal comma possibly lost (OCR)"),
    ]
    assert "jamfort med 2005." in next(
        i.text for i in indicators if i.text.startswith("Utslapp")
    ) and "ton ner ton" not in " ".join(i.text for i in indicators)
    # a row wrapped over lines is one indicator, its line-break hyphens mended
    hme = next(i for i in indicators if i.text.startswith("Hallbart medarbetarengagemang"))
    assert "hog niva inom intervallet 77-80 for totalt HME" in hme.text
    assert not any("Kommentar" in i.text or "Malvarde" in i.text for i in indicators)


@pytest.mark.parametrize("fmt", FILES)
def test_followup_summary_table_agrees_with_the_goals_read(fmt):
    """The report counts its goals per status ("Effektmål från regionfullmäktige (8 st) 4 1
    2"); the goals read from the same report are as many of each kind."""
    doc = read_document(CORPUS / FILES[fmt].format("001_456057fb73cc2169"))
    summary = extract_status_summary(doc)
    got = {(c.goal_kind, c.total, c.status): c.count for c in summary}
    assert got == {
        ("effektmål", 8, "uppnått"): 4,
        ("effektmål", 8, "delvis"): 1,
        ("effektmål", 8, "ej uppnått"): 2,
        ("mål", 2, "uppnått"): 1,
        ("mål", 2, "delvis"): 1,
        ("mål", 2, "ej uppnått"): 0,
        ("uppdrag", 13, "uppnått"): 7,
        ("uppdrag", 13, "delvis"): 5,
        ("uppdrag", 13, "ej uppnått"): 1,
    }
    goals, _ = extract_goals(doc, 2024)
    for kind, total in {(c.goal_kind, c.total) for c in summary}:
        assert sum(g.kind == kind for g in goals) == total, kind


def test_summary_columns_follow_the_printed_order():
    """Columns are read from the header: words in another order give other statuses."""
    from styrdata.extract.model import Block, Document

    lines = ["Måluppfyllelse Ej uppnått Delvis Helt", "Nämndens uppdrag (5 st) 1 2 2"]
    doc = Document(
        "x.txt",
        "text",
        [
            Block(
                "heading",
                "Sammanfattning av uppföljningen",
                lines=["Sammanfattning av uppföljningen"],
            ),
            Block("paragraph", " ".join(lines), lines=lines),
        ],
    )
    got = [(c.goal_kind, c.status, c.count) for c in extract_status_summary(doc)]
    assert got == [
        ("uppdrag", "ej uppnått", 1),
        ("uppdrag", "delvis", 2),
        ("uppdrag", "uppnått", 2),
    ]
