"""Tables by meaning and goals in the sector's own words, on documents the tests build
(``tests/sector_documents.py``) as DOCX and, rendered by LibreOffice, as PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import query as _q
from sector_documents import goals_followup_docx, key_figures_docx, no_goals_docx, to_pdf
from styrdata import api

FORMATS = ["docx", "pdf"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sector")
    key_figures_docx(folder / "nyckeltal.docx")
    goals_followup_docx(folder / "mal.docx")
    no_goals_docx(folder / "anvisningar.docx")
    if shutil.which("soffice") or shutil.which("libreoffice"):
        to_pdf(folder / "nyckeltal.docx", folder)
        to_pdf(folder / "mal.docx", folder)
    out = folder / "w.duckdb"
    report = api.ingest([folder], db=out)
    assert report.ok
    return out


def _fmt(db: Path, fmt: str, name: str) -> None:
    if not _q(db, "SELECT 1 FROM documents WHERE source_path LIKE ?", [f"%/{name}.{fmt}"]):
        pytest.skip(f"no {fmt} rendering (LibreOffice missing)")


def _values(db, fmt, label):
    return _q(
        db,
        "SELECT v.value_type, v.year, v.period, v.value_num, v.operator, v.organisation, "
        "coalesce(v.unit, i.unit) FROM indicators i JOIN documents d USING (document_id) "
        "JOIN store.indicator_values v USING (indicator_id) "
        "WHERE d.source_path LIKE ? AND i.text = ? ORDER BY i.indicator_id, v.rowid",
        [f"%/nyckeltal.{fmt}", label],
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_key_figures_over_a_header_of_three_lines(db, fmt):
    _fmt(db, fmt, "nyckeltal")
    assert _values(db, fmt, "Sjukfrånvaro (%)") == [
        ("utfall", 2026, "perioden", 6.1, "=", None, "%"),
        ("prognos", 2026, "helår", 6.0, "=", None, "%"),
        ("utfall", 2025, "helår", 6.4, "=", None, "%"),
        ("utfall", 2024, "helår", 6.9, "=", None, "%"),
    ]
    assert [v[3] for v in _values(db, fmt, "Antal årsarbetare")] == [1234, 1240, 1198, 1150]


@pytest.mark.parametrize("fmt", FORMATS)
def test_comparison_columns_keep_their_subject_and_a_cells_own_year(db, fmt):
    _fmt(db, fmt, "nyckeltal")
    got = _values(db, fmt, "Andel elever med behörighet till gymnasiet (%)")
    assert [(v[1], v[3], v[5]) for v in got] == [
        (2025, 84, None),  # the publisher's own value
        (2024, 86, "riket"),  # "86 (2024)" under a 2025 header
        (2025, 85, "liknande kommuner"),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_targets_with_operators(db, fmt):
    _fmt(db, fmt, "nyckeltal")
    assert [(v[0], v[1], v[3], v[4]) for v in _values(db, fmt, "Nöjd kund-index")] == [
        ("utfall", 2025, 72, "="),
        ("målvärde", 2026, 75, "≥"),
        ("målvärde", 2027, 78, "≥"),  # "minst 78"
    ]
    assert [(v[3], v[4]) for v in _values(db, fmt, "Sjukfrånvaro")][1:] == [(6, "<"), (5.5, "≤")]


def test_kolada_ids_follow_the_publishers_kind(db):
    rows = _q(
        db,
        "SELECT DISTINCT d.org_code, i.concept, i.kolada_kpi FROM indicators i "
        "JOIN documents d USING (document_id) WHERE i.concept = 'sjukfranvaro'",
    )
    assert rows == [("2161", "sjukfranvaro", "N00090")]  # a kommun's id, not a region's


def _lines(db, fmt, label):
    return _q(
        db,
        "SELECT b.table_kind, b.measure, b.year, b.period, b.amount_mnkr, b.is_total "
        "FROM budget_lines b JOIN documents d USING (document_id) "
        "WHERE d.source_path LIKE ? AND b.label = ? ORDER BY b.table_id, b.col",
        [f"%/nyckeltal.{fmt}", label],
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_budget_frames_with_the_unit_in_the_text(db, fmt):
    _fmt(db, fmt, "nyckeltal")
    assert _lines(db, fmt, "Tekniska nämnden") == [
        ("driftbudget", "budget", y, None, a, False)
        for y, a in ((2027, 96.25), (2028, 98.1), (2029, 99.9))
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_five_year_overview_mixes_money_shares_and_counts_row_by_row(db, fmt):
    _fmt(db, fmt, "nyckeltal")
    money = _lines(db, fmt, "Årets resultat (mnkr)")
    assert [(m, y, a) for _, m, y, _, a, _ in money] == [
        ("utfall", 2021, 41.2),
        ("utfall", 2022, 38.0),
        ("utfall", 2023, -12.5),
        ("utfall", 2024, 22.1),
        ("utfall", 2025, 30.4),
    ]
    assert [v[3] for v in _values(db, fmt, "Soliditet (%)")] == [48, 47, 44, 45, 46]
    assert _lines(db, fmt, "Soliditet (%)") == []  # a share is no budget line
    assert _values(db, fmt, "Årets resultat (mnkr)") == []  # money is no indicator


@pytest.mark.parametrize("fmt", FORMATS)
def test_driftredovisning_with_aterstar(db, fmt):
    _fmt(db, fmt, "nyckeltal")
    assert _lines(db, fmt, "Bibliotek") == [
        ("driftbudget", "budget", 2026, "helår", 24.5, False),
        ("driftbudget", "utfall", 2026, "jan–apr", 7.9, False),
        ("driftbudget", "återstår", 2026, None, 16.6, False),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_project_numbers_in_labels_are_not_amounts(db, fmt):
    _fmt(db, fmt, "nyckeltal")
    got = _lines(db, fmt, "Ombyggnad skolgården (4711)")
    assert [(k, m, a) for k, m, _, _, a, _ in got] == [
        ("investeringsbudget", "budget", 2.5),
        ("investeringsbudget", "utfall", 0.9),
        ("investeringsbudget", "avvikelse", 1.6),
    ]
    assert _lines(db, fmt, "Totalt")[-1][-1] is True


@pytest.mark.parametrize("fmt", FORMATS)
def test_goals_in_four_layouts_with_their_status(db, fmt):
    _fmt(db, fmt, "mal")
    rows = _q(
        db,
        "SELECT g.kind, g.source_term, g.title, g.status_raw, g.status FROM goals g "
        "JOIN documents d USING (document_id) WHERE d.source_path LIKE ? ORDER BY g.goal_id",
        [f"%/mal.{fmt}"],
    )
    assert rows == [
        ("mål", "mål", "Fler invånare ska nå egen försörjning", "Delvis uppfyllt",
         "delvis uppfyllt"),
        ("mål", "mål", "Barn och unga ska få tidigt stöd", "Uppfyllt", "uppfyllt"),
        ("mål", "mål", "Ljusdal ska vara en trygg kommun att växa upp i", None, None),
        ("mål", "mål", "Kostnaderna ska hållas inom tilldelad ram", None, None),
        ("mål", "nämndmål", "Den enskildes inflytande över insatserna ska öka", "Ej uppfyllt",
         "ej uppfyllt"),
        ("mål", "nämndmål", "Väntetiden till särskilt boende ska minska",
         "Inte i sin helhet uppnått", "delvis uppfyllt"),
        ("uppdrag", "uppdrag", "Utreda en gemensam mottagning för vuxna", "Pågår", "pågår"),
        ("uppdrag", "uppdrag", "Införa digitala ansökningar om ekonomiskt bistånd",
         "Genomfört", "genomfört"),
    ]  # fmt: skip


def test_headings_and_sentences_about_goals_are_not_goals(db):
    rows = _q(
        db,
        "SELECT count(*) FROM goals g JOIN documents d USING (document_id) "
        "WHERE d.source_path LIKE '%/anvisningar.docx'",
    )
    assert rows == [(0,)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_publisher_organ_and_type_of_a_kommun_committee(db, fmt):
    _fmt(db, fmt, "mal")
    rows = _q(
        db,
        "SELECT org_kind, org_code, org_name, kolada_id, region_code, region_name, organ, "
        "doc_type, doc_type_raw, year FROM documents WHERE source_path LIKE ? ORDER BY 1",
        [f"%/mal.{fmt}"],
    )
    assert rows == [
        ("kommun", "2161", "Ljusdals kommun", "2161", "21", "Region Gävleborg",
         "Socialnämnden", "verksamhetsberättelse", "Verksamhetsberättelse", 2025),
    ]  # fmt: skip


@pytest.mark.parametrize("icons", [False, True], ids=["vector", "pictures"])
def test_status_from_coloured_symbols(tmp_path, icons):
    """Drawn as vector shapes, or exported as small pictures (a reporting tool's icons)."""
    from sector_documents import traffic_lights_pdf

    pdf = traffic_lights_pdf(tmp_path / "tertial.pdf", icons=icons)
    db = tmp_path / "w.duckdb"
    assert api.ingest([pdf], db=db).ok
    rows = _q(
        db,
        "SELECT kind, title, regexp_replace(status_raw, ' \\(.*', ''), status, "
        "regexp_extract(status_raw, '#[0-9a-f]{6}') FROM goals ORDER BY goal_id",
    )
    assert rows == [
        ("mål", "Handläggningstiden för bygglov ska vara högst åtta veckor", "grön",
         "uppfyllt", "#2e9e47"),
        ("mål", "Tillsynen av livsmedelsverksamheter ska följa tillsynsplanen", "gul",
         "delvis uppfyllt", "#ffbf00"),
        ("mål", "Andelen nöjda företagare ska öka", "röd", "ej uppfyllt", "#d91a1a"),
        ("uppdrag", "Ta fram en plan för digital bygglovshantering", "grön", "uppfyllt",
         "#91d14f"),
        ("uppdrag", "Utreda taxan för strandskyddsdispenser", "röd", "ej uppfyllt", "#e63326"),
    ]  # fmt: skip


def test_a_risk_table_ruled_between_rows_only_reads_as_in_word(tmp_path):
    """Horizontal rules between the rows, none between the columns, text wrapped in the
    cells: the PDF gives the same risks as the Word original."""
    from sector_documents import risk_table_docx, risk_table_pdf

    risk_table_docx(tmp_path / "ikp.docx")
    risk_table_pdf(tmp_path / "ikp.pdf")
    db = tmp_path / "w.duckdb"
    assert api.ingest([tmp_path], db=db).ok

    def risks(fmt):
        return _q(
            db,
            "SELECT r.area, r.risk, r.probability, r.consequence, r.risk_value, a.action "
            "FROM risks r JOIN documents d USING (document_id) LEFT JOIN risk_actions a "
            "USING (risk_id) WHERE d.format = ? ORDER BY r.risk_id",
            [fmt],
        )

    assert risks("pdf") == risks("docx")
    assert [r[0] for r in risks("pdf")] == ["Inköp", "Löner", "Informationssäkerhet"]
    assert risks("pdf")[2][1:5] == (
        "Obehöriga får tillgång till personuppgifter i verksamhetssystem",
        2,
        4,
        8,
    )
