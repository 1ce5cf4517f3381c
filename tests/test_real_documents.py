"""Golden tests on the 13 public documents in ../shared/corpus/real (kommuner, a
kommunalförbund, a region, a city audit office), none of which styrdata was written from.

``tests/golden_real/*.json`` is what a reader finds on every page of each document: its
publisher, organ, type and years, every goal, and every table transcribed cell by cell. The
tests hold styrdata's warehouse against them: the metadata exactly, the goals by title, and
the budget amounts by recall and precision (label and printed amount), with the score each
document reaches today as its floor.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import CORPUS
from conftest import query as _q
from styrdata import api
from styrdata.normalize.numbers import parse_number
from styrdata.normalize.text import fold

REAL = CORPUS / "real"
GOLDEN = Path(__file__).parent / "golden_real"
pytestmark = pytest.mark.skipif(not REAL.exists(), reason="../shared/corpus/real not present")

# file stem → (org_kind, org_code, org_name, county, organ, doc_type, year, end_year)
METADATA = {
    "AlingsasVargarda_Raddningstjanstforbund_Budget_2027_ramar_2028-2029": (
        "kommunalförbund", None, "Räddningstjänstförbundet", "14", None,
        "verksamhetsplan", 2027, 2029,
    ),
    "Alingsas_BarnUngdomsnamnden_Uppfoljning_inriktning_budget_april_2026": (
        "kommun", "1489", "Alingsås kommun", "14", "Barn- och ungdomsnämnden",
        "delårsrapport", 2026, 2026,
    ),
    "Alingsas_Kommun_Fordjupad_manadsuppfoljning_april_2026": (
        "kommun", "1489", "Alingsås kommun", "14", None, "delårsrapport", 2026, 2026,
    ),
    "Alingsas_Socialnamnden_Manadsuppfoljning_ekonomi_nov_2017": (
        "kommun", "1489", "Alingsås kommun", "14", "Socialnämnden", "delårsrapport", 2017, 2017,
    ),
    # the publisher is named only in the logo picture, read with OCR
    "Alingsas_Socialnamnden_Manadsuppfoljning_tabeller_grafer_maj_2026": (
        "kommun", "1489", "Alingsås kommun", "14", "Socialnämnden", "delårsrapport", 2026, 2026,
    ),
    "Alingsas_TekniskaNamnden_Fordjupad_manadsuppfoljning_april_2026": (
        "kommun", "1489", "Alingsås kommun", "14", "Tekniska nämnden", "delårsrapport",
        2026, 2026,
    ),
    "Alingsas_VardOmsorgsnamnden_Fordjupad_manadsuppfoljning_april_2026": (
        "kommun", "1489", "Alingsås kommun", "14", "Vård- och omsorgsnämnden",
        "delårsrapport", 2026, 2026,
    ),
    "Goteborg_Stadsrevisionen_Arsredogorelse_2024": (
        "kommun", "1480", "Göteborgs Stad", "14", "Stadsrevisionen",
        "verksamhetsberättelse", 2024, 2024,
    ),
    "Simrishamn_Budgetanvisningar_2027-2031": (
        "kommun", "1291", "Simrishamns kommun", "12", None, "övrigt", 2027, 2031,
    ),
    "Simrishamn_Budgetskrivelse_investeringar_2027-2031": (
        None, None, None, None, "Kultur- och fritidsnämnden", "verksamhetsplan", 2027, 2031,
    ),
    # a joint body's letter naming a region and two kommuner as its parties: no one publisher
    "VGR_Alingsas_Lerum_SAMLA_ekonomiska_anslag_2027": (
        None, None, None, None, None, None, 2027, 2027,
    ),
    "VGR_Regional_utvecklingsstrategi_2021-2030_aktualiserad_2026": (
        "region", "14", "Västra Götalandsregionen", "14", "Regionfullmäktige",
        "övrigt", 2021, 2030,
    ),
}  # fmt: skip

# file stem → (recall floor, precision floor) of the budget amounts against the transcription
BUDGET_FLOORS = {
    "AlingsasVargarda_Raddningstjanstforbund_Budget_2027_ramar_2028-2029": (1.0, 1.0),
    "Alingsas_Kommun_Fordjupad_manadsuppfoljning_april_2026": (1.0, 1.0),
    "Alingsas_Socialnamnden_Manadsuppfoljning_ekonomi_nov_2017": (0.95, 0.85),
    "Alingsas_Socialnamnden_Manadsuppfoljning_tabeller_grafer_maj_2026": (0.8, 1.0),
    "Alingsas_TekniskaNamnden_Fordjupad_manadsuppfoljning_april_2026": (0.99, 1.0),
    "Alingsas_VardOmsorgsnamnden_Fordjupad_manadsuppfoljning_april_2026": (1.0, 1.0),
    "Goteborg_Stadsrevisionen_Arsredogorelse_2024": (1.0, 1.0),
    "Simrishamn_Budgetskrivelse_investeringar_2027-2031": (0.6, 0.85),
    "VGR_Alingsas_Lerum_SAMLA_ekonomiska_anslag_2027": (1.0, 1.0),
}

# Documents with no goal of their own: they must yield none.
NO_GOALS = [
    "Alingsas_Kommun_Fordjupad_manadsuppfoljning_april_2026",
    "Alingsas_Socialnamnden_Manadsuppfoljning_ekonomi_nov_2017",
    "Alingsas_Socialnamnden_Manadsuppfoljning_tabeller_grafer_maj_2026",
    "Alingsas_TekniskaNamnden_Fordjupad_manadsuppfoljning_april_2026",
    "Alingsas_VardOmsorgsnamnden_Fordjupad_manadsuppfoljning_april_2026",
    "Simrishamn_Budgetskrivelse_investeringar_2027-2031",
    "Simrishamn_Tobisviksbadet_Badanalys_2026-03",
    "VGR_Alingsas_Lerum_SAMLA_ekonomiska_anslag_2027",
]


@pytest.fixture(scope="module")
def real_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("real") / "real.duckdb"
    report = api.ingest([REAL], db=db, workers=2)
    assert report.ok, [(f.path, f.error) for f in report.failed]
    return db


def _golden(stem: str) -> dict:
    return json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))


def _key(s: str | None, n: int = 40) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(s or ""))[:n]


@pytest.mark.parametrize("stem", sorted(METADATA))
def test_metadata(real_db, stem):
    rows = _q(
        real_db,
        "SELECT org_kind, org_code, org_name, region_code, organ, doc_type, year, end_year "
        "FROM documents WHERE source_path LIKE ?",
        [f"%/{stem}.pdf"],
    )
    assert rows == [METADATA[stem]]


def test_a_screenshots_navigation_tree_names_no_organ(real_db):
    """The bath analysis pastes a finance system's screenshots, whose navigation tree lists
    every committee of the kommun: none of them is the document's organ."""
    rows = _q(
        real_db,
        "SELECT organ FROM documents WHERE source_path LIKE ?",
        ["%/Simrishamn_Tobisviksbadet_Badanalys_2026-03.pdf"],
    )
    assert rows == [(None,)]


def test_kolada_id_follows_the_publisher(real_db):
    rows = dict(_q(real_db, "SELECT org_name, kolada_id FROM documents WHERE org_code IS NOT NULL"))
    assert rows["Alingsås kommun"] == "1489"
    assert rows["Göteborgs Stad"] == "1480"
    assert rows["Västra Götalandsregionen"] == "0014"


def _amounts(golden: dict) -> Counter:
    exp: Counter = Counter()
    for t in golden.get("tables", []):
        if t.get("kind") not in ("budget", "investment") or t.get("from_picture"):
            continue
        for r in t.get("rows", []):
            for v in r.get("values", []):
                if isinstance(v, str) and parse_number(v) is not None:
                    exp[(_key(r.get("label")), re.sub(r"\s", "", v))] += 1
    return exp


@pytest.mark.parametrize("stem", sorted(BUDGET_FLOORS))
def test_budget_amounts_against_the_transcription(real_db, stem):
    """Every amount of the document's budget tables, by row label and printed value."""
    exp = _amounts(_golden(stem))
    rows = _q(
        real_db,
        "SELECT b.label, b.amount_raw FROM budget_lines b JOIN documents d USING (document_id) "
        "WHERE d.source_path LIKE ? AND b.amount_raw IS NOT NULL",
        [f"%/{stem}.pdf"],
    )
    ours = Counter(
        (_key(label), re.sub(r"\s", "", raw)) for label, raw in rows if parse_number(raw)
    )
    hit = sum((exp & ours).values())
    recall, precision = hit / sum(exp.values()), hit / max(1, sum(ours.values()))
    floor_recall, floor_precision = BUDGET_FLOORS[stem]
    assert recall >= floor_recall, (recall, list((exp - ours).items())[:10])
    assert precision >= floor_precision, (precision, list((ours - exp).items())[:10])


def test_budget_lines_carry_measure_year_period_and_mnkr(real_db):
    """The meaning of the columns: "Avv. prognos/budget 2026" is a deviation, "Prognos
    helår 2026" a full-year forecast, tkr become mnkr, "Utfall 201711" is jan–nov 2017."""
    q = (
        "SELECT b.measure, b.year, b.period, b.amount_mnkr, b.unit_raw, b.table_kind "
        "FROM budget_lines b JOIN documents d USING (document_id) "
        "WHERE d.source_path LIKE ? AND b.label = ? ORDER BY b.table_id, b.col"
    )
    tek = [
        r
        for r in _q(
            real_db,
            q.replace("ORDER BY", "AND b.page = 2 ORDER BY"),
            ["%Tekniska%", "Verksamhetens intäkter"],
        )
    ]
    assert tek[:3] == [
        ("budget", 2026, None, 34.956, "tkr", "driftbudget"),
        ("prognos", 2026, "helår", 37.201, "tkr", "driftbudget"),
        ("avvikelse", 2026, None, 2.245, "tkr", "driftbudget"),
    ]
    kommun = _q(real_db, q, ["%Alingsas_Kommun%", "Totalt kommunen"])
    assert [(m, y, a) for m, y, _, a, _, _ in kommun] == [
        ("budget", 2026, 146.3),
        ("prognos", 2026, 230.5),
        ("utfall", 2025, 138.0),
        ("budget", 2026, 586.1),
        ("prognos", 2026, 462.4),
    ]
    soc = _q(real_db, q, ["%ekonomi_nov_2017%", "Årets resultat"])
    assert soc[1][:4] == ("utfall", 2017, "jan–nov", -38.429)
    samla = _q(real_db, q, ["%SAMLA%", "Processledare"])
    assert [(y, a, u) for _, y, _, a, u, _ in samla] == [
        (2024, 0.56, "tkr"),
        (2025, None, None),  # "560 – 700 tkr": a range, not one amount
        (2026, 1.0, "mnkr"),
        (2027, 1.0, "mnkr"),
    ]


def test_investment_tables_are_investment_budgets(real_db):
    kinds = _q(
        real_db,
        "SELECT DISTINCT b.table_kind FROM budget_lines b JOIN documents d USING (document_id) "
        "WHERE d.source_path LIKE ? AND b.label = 'Totala utgifter'",
        ["%Tekniska%"],
    )
    assert kinds == [("investeringsbudget",)]
    # project numbers and priorities left of the label are codes, never amounts
    codes = _q(
        real_db,
        "SELECT count(*) FROM budget_lines b JOIN documents d USING (document_id) "
        "WHERE d.source_path LIKE '%Budgetskrivelse%' AND b.column_header ILIKE '%proj%'",
    )
    assert codes == [(0,)]


def test_caption_under_a_table_says_what_its_columns_hold(real_db):
    """The 2017 follow-up's table of departments as columns names no measure in its header;
    the sentence under it does ("Tabellen visar prognosavvikelse per avdelning och helår")."""
    rows = _q(
        real_db,
        "SELECT DISTINCT b.measure, b.period, b.year FROM budget_lines b "
        "JOIN documents d USING (document_id) WHERE d.source_path LIKE ? AND b.label = ?",
        ["%ekonomi_nov_2017%", "Resultat"],
    )
    assert rows == [("avvikelse", "helår", 2017)]


def test_a_calculation_stacked_in_blocks_reads_each_blocks_heading(real_db):
    """The förbund's member contributions: three blocks with no column header, each opened
    by "Budget 2027" / "Ram 2028" / "Ram 2029", its rows sharing one ruled band; the split
    per member printed beside each total is a part of that total."""
    rows = _q(
        real_db,
        "SELECT b.label, b.parent_label, b.measure, b.year, b.amount_raw, b.table_kind "
        "FROM budget_lines b JOIN documents d USING (document_id) WHERE d.source_path LIKE ? "
        "AND b.page = 2 AND b.amount_raw IS NOT NULL ORDER BY b.row, b.col",
        ["%Raddningstjanstforbund%"],
    )
    assert len(rows) == 18
    assert rows[:2] == [
        ("Medlemsbidrag 2026", "Budget 2027", "budget", 2027, "86 759", "driftbudget"),
        (
            "Uppräkning med PKV per 2026-02-27 : 3,0%",
            "Budget 2027",
            "budget",
            2027,
            "2 603",
            "driftbudget",
        ),
    ]
    assert ("Medlemsbidrag 2027", "Ram 2028", "budget", 2028, "90 362", "driftbudget") in rows
    assert ("Vårgårda", "Medlemsbidrag 2029", "budget", 2029, "21 215", "driftbudget") in rows
    # the table prints no unit; the text quotes its total with one ("90 362tkr")
    mnkr = _q(
        real_db,
        "SELECT DISTINCT b.unit_raw, b.amount_mnkr FROM budget_lines b JOIN documents d "
        "USING (document_id) WHERE d.source_path LIKE ? AND b.page = 2 "
        "AND b.label = 'Medlemsbidrag 2026'",
        ["%Raddningstjanstforbund%"],
    )
    assert ("tkr", 86.759) in mnkr
    warnings = _q(
        real_db, "SELECT warnings FROM documents WHERE source_path LIKE ?", ["%Raddningstj%"]
    )[0][0]
    assert not any("header names no measure, year or comparison" in w for w in warnings)


def _goal_titles(db: Path, stem: str) -> list[tuple[str, str]]:
    return _q(
        db,
        "SELECT g.kind, g.title FROM goals g JOIN documents d USING (document_id) "
        "WHERE d.source_path LIKE ? ORDER BY g.goal_id",
        [f"%/{stem}.pdf"],
    )


@pytest.mark.parametrize("stem", NO_GOALS)
def test_documents_without_goals_yield_none(real_db, stem):
    assert _goal_titles(real_db, stem) == []


@pytest.mark.parametrize(
    "stem, kinds",
    [
        # the förbund states its financial goal in a sentence of prose only
        ("AlingsasVargarda_Raddningstjanstforbund_Budget_2027_ramar_2028-2029", {"mål"}),
        (
            "Alingsas_BarnUngdomsnamnden_Uppfoljning_inriktning_budget_april_2026",
            {"målområde", "mål"},
        ),
        ("Goteborg_Stadsrevisionen_Arsredogorelse_2024", {"mål"}),
        ("Simrishamn_Budgetanvisningar_2027-2031", {"målområde", "mål"}),
        ("VGR_Regional_utvecklingsstrategi_2021-2030_aktualiserad_2026", {"målområde", "mål"}),
    ],
)
def test_goals_in_the_documents_own_words(real_db, stem, kinds):
    """Each goal the transcription requires is found, by its title, and nothing that is not
    a goal of the document."""
    got = _goal_titles(real_db, stem)
    want = [
        g
        for g in _golden(stem)["goals"]
        if g.get("required", True) is not False and not g.get("optional")
    ]
    got_keys = [_key(t, 999) for _, t in got]

    def found(title: str) -> bool:
        k = _key(title, 999)
        return any(k[:30] in g or (len(g) >= 12 and g[:30] in k) for g in got_keys)

    missing = [g["title"] for g in want if not found(g["title"])]
    assert missing == []
    want_keys = [_key(g["title"], 999) for g in _golden(stem)["goals"]]
    extra = [
        t
        for _, t in got
        if not any(w[:30] in _key(t, 999) or _key(t, 999)[:30] in w for w in want_keys)
    ]
    assert extra == []
    assert {k for k, _ in got} == kinds


def test_budget_instructions_goals_keep_the_documents_terms(real_db):
    rows = _q(
        real_db,
        "SELECT g.source_term, g.number, g.title FROM goals g JOIN documents d USING "
        "(document_id) WHERE d.source_path LIKE '%Budgetanvisningar%' AND g.number IS NOT NULL",
    )
    assert [(t.lower(), n) for t, n, _ in rows] == [
        ("fokusområde", "1"),
        ("fokusområde", "9"),
        ("fokusområde", "11"),
        ("fokusområde", "13"),
        ("fokusområde", "17"),
    ]


def test_a_strategys_quoted_goal_and_its_areas_of_kraftsamling(real_db):
    """The strategy's one goal, quoted after "Strategins mål formuleras enligt följande:" and
    set in display type, is one goal however often the cover and figures repeat it; the
    three areas under the heading counting them are målområden, the four they replace none."""
    got = _goal_titles(real_db, "VGR_Regional_utvecklingsstrategi_2021-2030_aktualiserad_2026")
    overall = [t for _, t in got if t.startswith("Tillsammans gör vi")]
    assert overall == [
        "Tillsammans gör vi Västra Götaland till ett föredöme för omställning till ett "
        "hållbart och konkurrenskraftigt samhälle."
    ]
    areas = [(k, t) for k, t in got[-3:]]
    assert areas == [
        ("målområde", "Framtidsrusta barn och unga"),
        ("målområde", "Industrins gröna omställning"),
        ("målområde", "Ökad robusthet genom samverkan i samhällsplanering"),
    ]
    assert not any(t in ("Fullföljda studier", "Digitalisering") for _, t in got)
