"""Goal tables as planning systems export them, on documents the tests build: a column per
level of the goal structure ("Kommunfullmäktiges mål | Nämndmål | …") nests the goals, its
parent cells merged or repeated, the status of a row going to its most specific goal; and
timetables of activities (a tidplan, an årshjul) that are no goals at all."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from builders import _font
from sector_documents import goal_docx
from styrdata.extract.domain import extract_domain
from styrdata.extract.domain.goal_structures import _goal_header
from styrdata.extract.readers.dispatch import read_document


def _pdf(path: Path, title: list[str], body: list[tuple]) -> Path:
    reg, bold = _font(False), _font(True)
    h = ParagraphStyle("h", fontName=bold, fontSize=14, leading=18)
    p = ParagraphStyle("p", fontName=reg, fontSize=9, leading=11)
    pb = ParagraphStyle("pb", fontName=bold, fontSize=9, leading=11)
    story: list = [Paragraph(title[0], ParagraphStyle("t", fontName=bold, fontSize=18))]
    story += [Paragraph(x, p) for x in title[1:]]
    for kind, *rest in body:
        if kind == "h":
            story += [Spacer(1, 8), Paragraph(rest[0], h), Spacer(1, 4)]
        elif kind == "p":
            story.append(Paragraph(rest[0], p))
        elif kind == "table":
            rows, widths = rest
            cells = [[Paragraph(x, pb if r == 0 else p) for x in row] for r, row in enumerate(rows)]
            t = Table(cells, colWidths=[w * 28.35 for w in widths])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
            story.append(t)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def _goals(path: Path):
    return extract_domain(read_document(path)).goals


def _tree(goals) -> list[tuple]:
    return [
        (g.kind, g.title, goals[g.parent].title if g.parent is not None else None, g.status)
        for g in goals
    ]


REPORT = ["Verksamhetsberättelse 2025", "Tekniska nämnden", "Exempelby kommun"]
PLAN = ["Verksamhetsplan 2027", "Kultur- och fritidsnämnden", "Exempelby kommun"]


# -- columns named for the level: nesting, merged parents, status of the row ------------------
def test_two_goal_levels_side_by_side_nest_with_merged_parent_cells(tmp_path):
    rows = [
        ["Kommunfullmäktiges mål", "Nämndmål", "Nyckeltal", "Utfall 2025", "Målvärde 2025",
         "Bedömning"],
        ["Ett hållbart samhälle med låg klimatpåverkan", "Utsläppen från kommunens fordon ska minska",
         "Koldioxid från fordon, ton", "412", "380", "Delvis uppfyllt"],
        ["", "Fler resor ska göras med cykel", "Cykelflöde per dag", "5 120", "5 000",
         "Uppfyllt"],
        ["Trygga och tillgängliga offentliga miljöer", "Gatubelysningen ska fungera året runt",
         "Andel fungerande armaturer, %", "93", "98", "Ej uppfyllt"],
    ]  # fmt: skip
    path = goal_docx(tmp_path / "vb.docx", REPORT,
                 [("h", 1, "Måluppfyllelse"), ("merged", rows, [(0, 1, 2)])])  # fmt: skip
    goals = _goals(path)
    assert _tree(goals) == [
        ("mål", "Ett hållbart samhälle med låg klimatpåverkan", None, None),
        ("mål", "Utsläppen från kommunens fordon ska minska",
         "Ett hållbart samhälle med låg klimatpåverkan", "delvis uppfyllt"),
        ("mål", "Fler resor ska göras med cykel",
         "Ett hållbart samhälle med låg klimatpåverkan", "uppfyllt"),
        ("mål", "Trygga och tillgängliga offentliga miljöer", None, None),
        ("mål", "Gatubelysningen ska fungera året runt",
         "Trygga och tillgängliga offentliga miljöer", "ej uppfyllt"),
    ]  # fmt: skip
    assert [g.source_term for g in goals[:2]] == ["kommunfullmäktiges mål", "nämndmål"]


def test_owner_named_levels_in_a_pdf_grid_with_the_parent_repeated_per_row(tmp_path):
    rows = [
        ["Direktionens mål", "Förbundets verksamhetsmål", "Mätetal", "Utfall 2025", "Status"],
        ["Färre skadade i olyckor", "Insatstiden i tätort ska understiga tio minuter",
         "Median insatstid, min", "9,5", "Uppfyllt"],
        ["Färre skadade i olyckor", "Insatstiden i tätort ska understiga tio minuter",
         "Andel insatser inom tio minuter, %", "71", "Uppfyllt"],
        ["Färre skadade i olyckor", "Fler hushåll ska ha fungerande brandvarnare",
         "Andel hushåll med brandvarnare, %", "88", "Delvis uppfyllt"],
    ]  # fmt: skip
    path = _pdf(
        tmp_path / "ar.pdf",
        ["Årsredovisning 2025", "Räddningstjänstförbundet Exempel"],
        [("h", "Uppföljning av målen"), ("table", rows, [3.5, 4.0, 4.0, 2.0, 2.5])],
    )
    goals = _goals(path)
    assert _tree(goals) == [
        ("mål", "Färre skadade i olyckor", None, None),
        ("mål", "Insatstiden i tätort ska understiga tio minuter", "Färre skadade i olyckor",
         "uppfyllt"),
        ("mål", "Fler hushåll ska ha fungerande brandvarnare", "Färre skadade i olyckor",
         "delvis uppfyllt"),
    ]  # fmt: skip


def test_an_area_column_gives_målområden_over_goals(tmp_path):
    rows = [
        ["Fokusområde", "Verksamhetsmål", "Måluppfyllelse"],
        ["Livsmiljö", "Fler besökare i kommunens badhus", "Uppfyllt"],
        ["Livsmiljö", "Föreningslivet ska nå fler unga", "Delvis uppfyllt"],
        ["Medarbetare", "Sjukfrånvaron ska vara högst sex procent", "Ej uppfyllt"],
    ]
    goals = _goals(goal_docx(tmp_path / "vp.docx", PLAN, [("h", 1, "Mål 2027"), ("table", rows)]))
    assert _tree(goals) == [
        ("målområde", "Livsmiljö", None, None),
        ("mål", "Fler besökare i kommunens badhus", "Livsmiljö", "uppfyllt"),
        ("mål", "Föreningslivet ska nå fler unga", "Livsmiljö", "delvis uppfyllt"),
        ("målområde", "Medarbetare", None, None),
        ("mål", "Sjukfrånvaron ska vara högst sex procent", "Medarbetare", "ej uppfyllt"),
    ]


def test_a_target_column_headed_by_a_goal_word_is_no_goal_level(tmp_path):
    rows = [
        ["Nämndmål", "Mål", "Utfall 2025"],
        ["Biblioteken ska nå fler läsare", "Minst 4 besök per invånare", "3,6 besök"],
        ["Kulturskolan ska vara öppen för alla", "Högst 100 barn i kö", "140 barn"],
    ]
    goals = _goals(goal_docx(tmp_path / "vp.docx", PLAN, [("h", 1, "Nämndens mål"),
                                                     ("table", rows)]))  # fmt: skip
    assert [(g.title, g.parent) for g in goals] == [
        ("Biblioteken ska nå fler läsare", None),
        ("Kulturskolan ska vara öppen för alla", None),
    ]


def test_goal_headers_by_level_and_owner():
    assert _goal_header("Regionfullmäktiges mål", False) == ("regionfullmäktiges mål", "mål")
    assert _goal_header("Styrelsens övergripande mål", False) == (
        "styrelsens övergripande mål", "mål",
    )  # fmt: skip
    assert _goal_header("Nämndens mål 2026", True) == ("nämndens mål 2026", "mål")
    assert _goal_header("Mål 2027", False) is None  # beside the goals: that year's targets
    # a narrow PDF column breaks the word: "Kommunfullmäktig" / "es mål"
    assert _goal_header("Kommunfullmäktig es mål", True) is not None
    assert _goal_header("Perspektiv", False) == ("perspektiv", "målområde")
    for head in ("Målvärde 2026", "Måluppfyllelse", "Uppföljning av mål", "Indikator", "Område"):
        assert _goal_header(head, False) is None, head


# -- precision: a schedule of activities is no goal structure --------------------------------
def test_timetables_of_activities_give_no_goals(tmp_path):
    path = goal_docx(
        tmp_path / "vp.docx",
        PLAN,
        [
            ("h", 1, "Årshjul 2027"),
            ("table", [["Aktivitet", "Månad"],
                       ["Nämnden antar verksamhetsplanen", "Januari"],
                       ["Uppföljning av internkontrollen", "September"]]),
            ("h", 1, "Arbetet under året"),
            ("table", [["Aktiviteter", "Klart senast", "Ansvarig"],
                       ["Ny taxa för kulturskolan tas fram", "2027-05-31", "Kulturchef"],
                       ["Lokalbehovet för fritidsgårdarna utreds", "2027-10-15", "Fritidschef"]]),
            ("h", 1, "Planering"),
            ("table", [["Aktivitet", "Vecka"],
                       ["Dialog med föreningarna om bidragen", "v. 12"],
                       ["Presentation för kommunstyrelsen", "v. 40"]]),
        ],
    )  # fmt: skip
    assert _goals(path) == []


def test_a_schedule_in_a_pdf_under_a_process_heading_gives_no_goals(tmp_path):
    rows = [["Aktivitet", "Tidpunkt"], ["Förvaltningarna lämnar underlag", "15 februari"],
            ["Fullmäktige fastställer ramarna", "18 juni"]]  # fmt: skip
    path = _pdf(
        tmp_path / "mb.pdf",
        ["Mål och budget 2027", "Kommunfullmäktige", "Exempelby"],
        [("h", "Planeringsprocessen"), ("table", rows, [9.0, 4.0])],
    )
    assert _goals(path) == []


def test_activities_followed_up_with_a_status_are_kept(tmp_path):
    rows = [
        ["Aktivitet", "Status", "Kommentar"],
        ["Digital bokning av idrottshallar införs", "Genomfört", "I drift sedan mars."],
        ["Ny biblioteksplan tas fram", "Pågår", "Remiss under hösten."],
    ]
    heading = "Aktiviteter för en snabbare bygglovsprocess"  # names no schedule
    goals = _goals(goal_docx(tmp_path / "vb.docx", REPORT, [("h", 1, heading), ("table", rows)]))
    assert [(g.kind, g.title, g.status) for g in goals] == [
        ("uppdrag", "Digital bokning av idrottshallar införs", "genomfört"),
        ("uppdrag", "Ny biblioteksplan tas fram", "pågår"),
    ]


def test_three_levels_with_merged_cells_on_two_of_them(tmp_path):
    rows = [
        ["Perspektiv", "Strategiska mål", "Nämndmål", "Status"],
        ["Invånare", "Alla ska känna sig trygga", "Fler trygghetsvandringar ska genomföras",
         "Uppfyllt"],
        ["", "", "Belysningen i parker ska förbättras", "Ej uppfyllt"],
        ["", "Ett rikt kulturliv", "Fler ska besöka biblioteken", "Delvis uppfyllt"],
        ["Ekonomi", "En ekonomi i balans", "Nämnden ska hålla sin budget", "Uppfyllt"],
    ]  # fmt: skip
    path = goal_docx(tmp_path / "vb.docx", REPORT,
                 [("h", 1, "Uppföljning"), ("merged", rows, [(0, 1, 3), (1, 1, 2)])])  # fmt: skip
    assert _tree(_goals(path)) == [
        ("målområde", "Invånare", None, None),
        ("mål", "Alla ska känna sig trygga", "Invånare", None),
        ("mål", "Fler trygghetsvandringar ska genomföras", "Alla ska känna sig trygga",
         "uppfyllt"),
        ("mål", "Belysningen i parker ska förbättras", "Alla ska känna sig trygga", "ej uppfyllt"),
        ("mål", "Ett rikt kulturliv", "Invånare", None),
        ("mål", "Fler ska besöka biblioteken", "Ett rikt kulturliv", "delvis uppfyllt"),
        ("målområde", "Ekonomi", None, None),
        ("mål", "En ekonomi i balans", "Ekonomi", None),
        ("mål", "Nämnden ska hålla sin budget", "En ekonomi i balans", "uppfyllt"),
    ]  # fmt: skip


def test_activities_under_a_goal_are_its_uppdrag_unless_dated(tmp_path):
    goal = [("h", 1, "Nämndmål 1: Fler ska röra på sig"),
            ("p", "Nämnden ska verka för att fler invånare rör sig varje dag.")]  # fmt: skip
    described = [["Aktivitet", "Beskrivning"],
                 ["Öppna fler spontanytor", "Tre nya ytor i ytterområdena"],
                 ["Kampanj för cykling", "Tillsammans med skolorna"]]  # fmt: skip
    dated = [["Aktivitet", "Datum"], ["Öppna fler spontanytor", "2027-04-01"],
             ["Kampanj för cykling", "2027-05-01"]]  # fmt: skip
    got = _tree(_goals(goal_docx(tmp_path / "a.docx", PLAN, [*goal, ("table", described)])))
    assert got == [
        ("mål", "Fler ska röra på sig", None, None),
        ("uppdrag", "Öppna fler spontanytor", "Fler ska röra på sig", None),
        ("uppdrag", "Kampanj för cykling", "Fler ska röra på sig", None),
    ]
    got = _tree(_goals(goal_docx(tmp_path / "b.docx", PLAN, [*goal, ("table", dated)])))
    assert got == [("mål", "Fler ska röra på sig", None, None)]


def test_goals_numbered_in_a_column_of_their_own(tmp_path):
    rows = [
        ["Nr", "Inriktningsmål", "Ansvarig nämnd"],
        ["1", "Kommunen ska vara en attraktiv plats att bo och verka i", "Kommunstyrelsen"],
        ["2", "Alla barn och unga ska ges goda förutsättningar att lyckas", "Utbildningsnämnden"],
    ]
    path = goal_docx(
        tmp_path / "mal.docx", REPORT, [("h", 1, "Mål för planperioden"), ("table", rows)]
    )
    assert _tree(_goals(path)) == [
        ("mål", "Kommunen ska vara en attraktiv plats att bo och verka i", None, None),
        ("mål", "Alla barn och unga ska ges goda förutsättningar att lyckas", None, None),
    ]


def test_goal_rows_over_their_indicator_rows_in_one_column(tmp_path):
    rows = [
        ["Mål och nyckeltal", "Målvärde 2025", "Utfall 2025", "Bedömning"],
        ["Mål 1: Fler unga går vidare till studier eller arbete", "", "", "Delvis uppfyllt"],
        ["Andel behöriga till gymnasiet, %", "90", "86", ""],
        ["Andel unga i arbete eller studier, %", "95", "96", ""],
        ["Mål 2: Fritidsutbudet är tillgängligt för alla", "", "", "Uppfyllt"],
        ["Antal besök på fritidsgårdarna", "40 000", "43 100", ""],
    ]
    path = goal_docx(tmp_path / "vb.docx", REPORT, [("h", 1, "Måluppfyllelse"), ("table", rows)])
    found = extract_domain(read_document(path))
    assert [(g.number, g.title, g.status) for g in found.goals] == [
        ("1", "Fler unga går vidare till studier eller arbete", "delvis uppfyllt"),
        ("2", "Fritidsutbudet är tillgängligt för alla", "uppfyllt"),
    ]
    assert {i.text for i in found.indicators} == {
        "Andel behöriga till gymnasiet, %",
        "Andel unga i arbete eller studier, %",
        "Antal besök på fritidsgårdarna",
    }
