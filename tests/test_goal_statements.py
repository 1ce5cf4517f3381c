"""Goals stated outside lists and tables, on documents the tests build in the wording of
organisations other than the real documents': an overall goal quoted after a lead-in naming
it (in large type that reads as headings, or as a paragraph), a heading announcing how many
priority areas its list holds, and a financial goal or delmål stated in one sentence of
prose — and the prose that looks like them but states no goal of the document."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from builders import _font
from styrdata.extract.domain import extract_domain
from styrdata.extract.domain.goal_statements import announced_count, stated_goal
from styrdata.extract.readers.dispatch import read_document

# (kind, text): "title", "h" (heading), "p" (paragraph), "big" (large type, e.g. a quotation
# set as a display line), "bullets" (a list of texts)
Body = list[tuple[str, object]]


def _pdf(path: Path, body: Body) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    reg, bold = _font(False), _font(True)
    y = h - 80
    for kind, content in body:
        if kind == "title":
            c.setFont(bold, 22)
            c.drawString(60, y, str(content))
            y -= 40
        elif kind == "h":
            y -= 8
            c.setFont(bold, 15)
            c.drawString(60, y, str(content))
            y -= 24
        elif kind == "big":
            c.setFont(bold, 17)
            for line in content:  # type: ignore[union-attr]
                c.drawString(80, y, line)
                y -= 34  # display lines set apart: each reads as a heading of its own
            y -= 8
        elif kind == "p":
            c.setFont(reg, 10.5)
            for line in content:  # type: ignore[union-attr]
                c.drawString(60, y, line)
                y -= 14
            y -= 10
        elif kind == "bullets":
            c.setFont(reg, 10.5)
            for item in content:  # type: ignore[union-attr]
                c.drawString(66, y, "•")
                c.drawString(80, y, item)
                y -= 15
            y -= 10
        if y < 100:
            c.showPage()
            y = h - 80
    c.save()
    return path


def _docx(path: Path, body: Body) -> Path:
    d = docx.Document()
    for kind, content in body:
        if kind == "title":
            d.add_heading(str(content), 0)
        elif kind == "h":
            d.add_heading(str(content), 1)
        elif kind in ("p", "big"):
            d.add_paragraph(" ".join(content))  # type: ignore[arg-type]
        elif kind == "bullets":
            for item in content:  # type: ignore[union-attr]
                d.add_paragraph(item, style="List Bullet")
    d.save(path)
    return path


def _goals(path: Path) -> list[tuple[str, str, str]]:
    return [(g.kind, g.source_term, g.title) for g in extract_domain(read_document(path)).goals]


# A county's public-health strategy: its overall goal quoted after "… lyder:", its areas
# under a heading that counts them and a lead-in with no goal word.
STRATEGY: Body = [
    ("title", "Folkhälsostrategi för Region Exempel 2027–2035"),
    ("h", "En gemensam riktning"),
    ("p", [
        "Strategin bygger på ett brett samarbete mellan länets kommuner, regionen och",
        "civilsamhällets organisationer. Det övergripande målet för strategin lyder:",
    ]),
    ("big", ["”En god och jämlik hälsa för alla som bor", "och verkar i länet.”"]),
    ("p", [
        "Målet följs upp vart fjärde år genom en gemensam folkhälsoenkät som alla",
        "kommuner i länet deltar i.",
    ]),
    ("h", "Fem prioriterade områden 2027–2030"),
    ("p", [
        "Områdena har valts utifrån länets folkhälsorapport och dialog med kommunerna.",
        "Under perioden samlar vi våra gemensamma insatser kring:",
    ]),
    ("bullets", [
        "Barns och ungas uppväxtvillkor",
        "Psykisk hälsa",
        "Goda levnadsvanor",
        "Trygga och tillgängliga miljöer",
        "Delaktighet i samhällslivet",
    ]),
    ("p", ["Områdena ses över inför varje ny mandatperiod."]),
]  # fmt: skip

STRATEGY_GOALS = [
    ("mål", "övergripande mål", "En god och jämlik hälsa för alla som bor och verkar i länet."),
    ("målområde", "område", "Barns och ungas uppväxtvillkor"),
    ("målområde", "område", "Psykisk hälsa"),
    ("målområde", "område", "Goda levnadsvanor"),
    ("målområde", "område", "Trygga och tillgängliga miljöer"),
    ("målområde", "område", "Delaktighet i samhällslivet"),
]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_quoted_overall_goal_and_counted_priority_areas(tmp_path, fmt):
    build = _pdf if fmt == "pdf" else _docx
    assert _goals(build(tmp_path / f"strategi.{fmt}", STRATEGY)) == STRATEGY_GOALS


# A samordningsförbund's budget: the goals are stated in sentences of its prose only.
FORBUND: Body = [
    ("title", "Budget 2027 och plan 2028–2029"),
    ("p", ["Samordningsförbundet Exempeldalen, direktionen"]),
    ("h", "Ekonomiska förutsättningar"),
    ("p", [
        "Medlemmarnas bidrag för 2027 uppgår till 24 500 tkr. Förbundets finansiella mål för",
        "2027 är ett resultat på minst 0,5 procent av medlemsbidragen. Det egna kapitalet",
        "bör enligt direktionens beslut inte överstiga tre månaders kostnader.",
    ]),
    ("h", "Verksamhet"),
    ("p", [
        "Förbundet finansierar insatser för personer som står långt från arbetsmarknaden.",
        "Ett av direktionens verksamhetsmål är att minst 80 procent av deltagarna ska ha",
        "gått vidare till arbete eller studier ett år efter avslutad insats.",
    ]),
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_financial_goal_and_a_goal_stated_in_prose(tmp_path, fmt):
    build = _pdf if fmt == "pdf" else _docx
    assert _goals(build(tmp_path / f"forbund.{fmt}", FORBUND)) == [
        (
            "mål",
            "finansiella mål",
            "Förbundets finansiella mål för 2027 är ett resultat på minst 0,5 procent av "
            "medlemsbidragen.",
        ),
        (
            "mål",
            "verksamhetsmål",
            "Minst 80 procent av deltagarna ska ha gått vidare till arbete eller studier ett "
            "år efter avslutad insats.",
        ),
    ]


# A committee's follow-up whose prose speaks of goals, counts areas and quotes its director,
# and states no goal of its own.
FOLLOW_UP: Body = [
    ("title", "Månadsuppföljning augusti 2026"),
    ("h", "Ekonomisk uppföljning"),
    ("p", [
        "Det finansiella målet är uppfyllt för perioden januari–augusti. Målet är att alla",
        "enheter ska hålla sin budget under året. För de finansiella målen gör nämnden",
        "bedömningen att resultatet är tillräckligt. Det lagstadgade kravet på god",
        "ekonomisk hushållning omfattar både verksamhet och ekonomi.",
    ]),
    ("p", [
        "Regeringens övergripande mål är att arbetslösheten ska minska till 5 procent.",
        "Kommunfullmäktiges mål är en del av kommunens styrmodell som antogs 2019.",
        "Det finansiella målet för 2025 var inte nått då resultatet blev 0,4 procent.",
    ]),
    ("h", "Tre områden med ökade kostnader"),
    ("p", ["Kostnaderna ökar främst inom:"]),
    ("bullets", ["Försörjningsstöd", "Placeringar av barn och unga", "Hemtjänst"]),
    ("h", "Tre prioriterade områden"),
    ("p", ["Förvaltningen har under våren särskilt arbetat med:"]),
    ("bullets", ["Rekrytering", "Lokalförsörjning", "Digitala tjänster", "Arbetsmiljö"]),
    ("h", "Nämndens uppdrag"),
    ("p", ["Nämndens uppdrag enligt reglementet lyder:"]),
    ("big", ["”Nämnden ansvarar för kommunens", "individ- och familjeomsorg.”"]),
    ("h", "Förvaltningschefens kommentar"),
    ("p", ["Förvaltningschefen sammanfattar läget så här:"]),
    ("big", ["”Vi har en stabil ekonomi men ett högt", "tryck på verksamheten.”"]),
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_prose_that_looks_like_goals_yields_none(tmp_path, fmt):
    build = _pdf if fmt == "pdf" else _docx
    assert _goals(build(tmp_path / f"uppfoljning.{fmt}", FOLLOW_UP)) == []


# A committee's plan counting its goals in a heading, the goals stated in full below a
# lead-in with no goal word.
COUNTED_GOALS: Body = [
    ("title", "Verksamhetsplan 2027"),
    ("p", ["Kultur- och fritidsnämnden"]),
    ("h", "Nämndens fyra verksamhetsmål 2027"),
    ("p", ["Utifrån kommunfullmäktiges inriktning har nämnden för året fastställt:"]),
    ("bullets", [
        "Fler barn och unga ska delta i föreningslivet.",
        "Biblioteken ska nå fler invånare i kommunens ytterområden.",
        "Besökarna ska vara nöjda med kommunens idrottsanläggningar.",
        "Kulturskolans kö ska halveras.",
    ]),
    ("p", ["Målen följs upp i delårsrapporten och i verksamhetsberättelsen."]),
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_heading_counting_goals_makes_its_list_of_statements_goals(tmp_path, fmt):
    build = _pdf if fmt == "pdf" else _docx
    got = _goals(build(tmp_path / f"plan.{fmt}", COUNTED_GOALS))
    assert [(k, t) for k, _, t in got] == [
        ("mål", "Fler barn och unga ska delta i föreningslivet."),
        ("mål", "Biblioteken ska nå fler invånare i kommunens ytterområden."),
        ("mål", "Besökarna ska vara nöjda med kommunens idrottsanläggningar."),
        ("mål", "Kulturskolans kö ska halveras."),
    ]
    assert {s for _, s, _ in got} == {"verksamhetsmål"}


@pytest.mark.parametrize(
    "sentence, title",
    [
        (
            "Det finansiella målet är att resultatet ska uppgå till minst 2 procent av "
            "skatteintäkter och generella statsbidrag.",
            "Resultatet ska uppgå till minst 2 procent av skatteintäkter och generella "
            "statsbidrag.",
        ),
        (
            "Kommunens finansiella mål: investeringarna ska finansieras med egna medel.",
            "Investeringarna ska finansieras med egna medel.",
        ),
        (
            "Nämndens övergripande finansiella mål är en ekonomi i balans över tid, vilket "
            "kräver att varje enhet håller sin ram.",
            "Nämndens övergripande finansiella mål är en ekonomi i balans över tid.",
        ),
        (
            "Ett av de finansiella målen är att investeringarna ska finansieras utan lån.",
            "Investeringarna ska finansieras utan lån.",
        ),
        (
            "Ett av styrelsens delmål är att alla medarbetare ska ha en individuell "
            "utvecklingsplan.2",
            "Alla medarbetare ska ha en individuell utvecklingsplan.",
        ),
    ],
)
def test_sentences_stating_a_goal(sentence, title):
    assert stated_goal(sentence)[2] == title


@pytest.mark.parametrize(
    "sentence",
    [
        "Målet är att alla elever ska lämna grundskolan med godkända betyg.",  # bare "mål"
        "Vårt mål är att minska sjukfrånvaron till 6 procent.",
        "Det finansiella målet är delvis uppfyllt.",
        "Verksamhetsmålet om 90 procent nöjda brukare är inte uppnått.",
        "Avsikten med nedan angivna verksamhetsmål är att de ska styra budgetarbetet.",
        "Nämnden har fastställt tre verksamhetsmål för 2027.",
        "De finansiella målen är flera och redovisas i tabell 4.",
        "Det övergripande målet är att tydliggöra den politiska viljan.",  # no target
        "FN:s globala mål är att utrota fattigdom till 2030.",
        "Det övergripande målet är uppfyllt till 2 procent.",
        "Inriktningsmålen är att ge stöd till de nämnder som ska utveckla verksamheten.",
        "De finansiella målen har hittills varit mål för resultatnivå och självfinansiering.",
        "Det finansiella målet bedöms uppnås 2027 med ett resultat på 2 procent.",
        "Enligt kommunfullmäktiges mål är ett resultat på 2 procent rimligt.",
    ],
)
def test_sentences_that_state_no_goal(sentence):
    assert stated_goal(sentence) is None


@pytest.mark.parametrize(
    "heading, count",
    [
        ("Fem prioriterade områden 2027–2030", 5),
        ("Planen innehåller tre områden för samverkan", 3),
        ("Kommunens fyra målområden", 4),
        ("Nämndens sex verksamhetsmål för 2027", 6),
        ("Tre områden med ökade kostnader", None),
        ("Fyra riskområden", None),
        ("Två utmaningar inför 2027", None),
        ("Ekonomi i balans", None),
    ],
)
def test_headings_announcing_a_count(heading, count):
    got = announced_count(heading)
    assert (got[0] if got else None) == count
