"""Comparing regions, exporting the views and the HTML report — on the whole corpus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import duckdb
import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from styrdata import api
from styrdata.cli import app
from styrdata.compare import sv_number
from styrdata.export import EXPORT_VIEWS


def test_personalomsattning_side_by_side(corpus_db):
    df = api.compare(concept="personalomsattning", db=corpus_db)
    assert list(df.columns) == ["year", "measure", "Region Halland", "Region Örebro län"]
    cells = {(r.year, r.measure): r for r in df.itertuples(index=False)}
    assert cells[(2024, "målvärde")][2] == "11,0 %"  # Halland's target, unit from the concept
    assert cells[(2024, "utfall")][3] == "Regionstyrelsen: 8 %"
    assert "Regionstyrelsen: 6 %" in cells[(2024, "målvärde")][3]
    assert cells[(2022, "målvärde")][3] == "Regionstyrelsen: minska"  # a stated direction


def test_hme_side_by_side_with_sources(corpus_db):
    df = api.compare(concept="HME", source=True, db=corpus_db)
    assert list(df.columns) == ["year", "measure", "Region Västernorrland", "Region Örebro län"]
    row = df[(df.year == 2021) & (df.measure == "utfall")].iloc[0]
    assert row["Region Västernorrland"] == (
        "RVN 77 (003_ed4c0936e15400ec.pdf s. 9); RLF 74 (003_ed4c0936e15400ec.pdf s. 9)"
    )
    row = df[(df.year == 2024) & (df.measure == "utfall")].iloc[0]
    assert row["Region Örebro län"] == "Regionstyrelsen: 83 (001_456057fb73cc2169.pdf s. 14)"


def test_each_document_counts_once_whatever_its_formats(corpus_db):
    """The corpus holds every plan as PDF, DOCX and text: values are read from one edition."""
    long = api.compare(concept="personalomsattning", long=True, db=corpus_db)
    assert set(long.format) == {"pdf"}
    assert long.groupby(["document_id", "indicator_id", "measure"]).size().max() == 1


def test_filters_and_text_search(corpus_db):
    only_rs = api.compare(concept="hme", organ="regionstyrelsen", long=True, db=corpus_db)
    assert set(only_rs.organ) == {"Regionstyrelsen"}
    years = api.compare(concept="hme", year_from=2024, year_to=2024, long=True, db=corpus_db)
    assert set(years.year) == {2024}
    plans = api.compare(concept="hme", doc_type="verksamhetsberättelse", long=True, db=corpus_db)
    assert set(plans.doc_type) == {"verksamhetsberättelse"}
    # text search ignores case and diacritics: the OCR'd "Personalomsattningen" is found too
    found = api.compare(text="PERSONALOMSÄTTNING", long=True, db=corpus_db)
    assert set(found.region_name) == {"Region Halland", "Region Örebro län"}
    assert "Personalomsattningen externt ska redovisas." in " ".join(found.indicator)


def test_driftbudget_totals_by_region_and_year(corpus_db):
    df = api.compare(budget="driftbudget", long=True, db=corpus_db)
    totals = {
        (r.region_name, r.organ, r.measure, int(r.year)): r.amount_mnkr
        for r in df.itertuples(index=False)
        if r.title and "Driftbudget" in r.title and r.amount_mnkr is not None
    }
    assert totals[("Region Halland", "Regionstyrelsen", "budget", 2024)] == -713.0
    assert totals[("Region Örebro län", "Regionstyrelsen", "budget", 2022)] == -3031.0
    assert totals[("Region Örebro län", "Regionstyrelsen", "prognos", 2021)] == -2950.2
    wide = api.compare(budget="driftbudget", db=corpus_db)
    cell = wide[(wide.year == 2024) & (wide.measure == "budget")]["Region Halland"].iloc[0]
    assert cell == "−713 mnkr Nettobudget, Regionkontoret"


def test_compare_refuses_unclear_requests(corpus_db, tmp_path):
    with pytest.raises(ValueError, match="unknown concept 'nope'"):
        api.compare(concept="nope", db=corpus_db)
    with pytest.raises(ValueError, match="exactly one"):
        api.compare(concept="hme", budget="driftbudget", db=corpus_db)
    with pytest.raises(FileNotFoundError, match="run 'styrdata ingest' first"):
        api.compare(concept="hme", db=tmp_path / "none.duckdb")


def test_cli_compare_csv_is_the_api_frame(corpus_db):
    result = CliRunner().invoke(
        app, ["compare", "--concept", "personalomsattning", "--db", str(corpus_db), "-f", "csv"]
    )
    assert result.exit_code == 0, result.output
    from io import StringIO

    got = pd.read_csv(StringIO(result.stdout), dtype=str, keep_default_na=False)
    want = api.compare(concept="personalomsattning", db=corpus_db).fillna("").astype(str)
    assert got.values.tolist() == want.values.tolist()
    bad = CliRunner().invoke(app, ["compare", "--concept", "nope", "--db", str(corpus_db)])
    assert bad.exit_code == 1


@pytest.mark.parametrize(
    "x, text", [(-3031.0, "−3 031"), (2.5, "2,5"), (-1969.4, "−1 969,4"), (0.0, "0"), (None, "")]
)
def test_swedish_number_format(x, text):
    assert sv_number(x) == text


def test_parquet_export_round_trips(corpus_db, tmp_path):
    counts = api.export(tmp_path / "pq", "parquet", db=corpus_db)
    assert set(counts) == set(EXPORT_VIEWS) and counts["goals"] > 0
    for view, n in counts.items():
        got = duckdb.execute(
            f"SELECT count(*) FROM read_parquet('{tmp_path}/pq/{view}/**/*.parquet', "
            "hive_partitioning = true)"
        ).fetchone()[0]
        assert got == n, view
    # partitioned by region and year, as Spark and Polars expect
    parts = sorted(p.name for p in (tmp_path / "pq" / "budget_lines").iterdir())
    assert parts == ["region_code=13", "region_code=18"]
    assert (tmp_path / "pq" / "budget_lines" / "region_code=18" / "year=2024").is_dir()
    # a second export replaces the first
    assert api.export(tmp_path / "pq", "parquet", db=corpus_db) == counts
    again = duckdb.execute(
        f"SELECT count(*) FROM read_parquet('{tmp_path}/pq/goals/**/*.parquet')"
    ).fetchone()[0]
    assert again == counts["goals"]


def test_csv_and_excel_exports_hold_every_view(corpus_db, tmp_path):
    counts = api.export(tmp_path / "csv", "csv", db=corpus_db)
    for view, n in counts.items():
        assert len(pd.read_csv(tmp_path / "csv" / f"{view}.csv")) == n, view
    api.export(tmp_path / "xlsx", "xlsx", db=corpus_db)
    wb = openpyxl.load_workbook(tmp_path / "xlsx" / "styrdata.xlsx", read_only=True)
    assert wb.sheetnames == [v[:31] for v in EXPORT_VIEWS]
    for view, n in counts.items():
        assert wb[view[:31]].max_row == n + 1, view  # the header row
    with pytest.raises(ValueError, match="unknown export format"):
        api.export(tmp_path / "x", "ods", db=corpus_db)


def test_report_is_self_contained(corpus_db, tmp_path):
    path = api.report(tmp_path / "report.html", db=corpus_db)
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "https://" not in html
    for section in ("Dokument per region", "Indikatorer per begrepp", "Budget per", "Risker"):
        assert section in html
    # every chart bar names its source
    assert html.count("<rect") == html.count("— källa ")
    assert "001_456057fb73cc2169.pdf s. 15" in html  # Örebro's personalomsättning


def _chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.mark.skipif(
    _chromium() is None and not os.environ.get("CI"),
    reason="headless Chromium and chromedriver not installed (apt-get install chromium "
    "chromium-driver); CI installs them and never skips",
)
def test_report_renders_in_headless_chromium(corpus_db, tmp_path):
    """The report loads in a real browser without errors, its charts have bars on screen,
    and a screenshot is kept (tmp_path/report.png)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = _chromium()
    path = api.report(tmp_path / "report.html", db=corpus_db)
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1280,2400",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(driver_path), options=opts)
    try:
        drv.get(path.as_uri())
        assert drv.title == "styrdata — rapport"
        errors = [e for e in drv.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
        charts = drv.execute_script(
            "return [...document.querySelectorAll('svg.chart')].map(s => {"
            "  const r = s.getBoundingClientRect();"
            "  const bars = [...s.querySelectorAll('rect')].filter("
            "    b => b.getBoundingClientRect().width > 0).length;"
            "  return [s.getAttribute('aria-label'), r.width, r.height, bars]; })"
        )
        assert len(charts) >= 5
        assert all(w > 300 and h > 20 and bars > 0 for _, w, h, bars in charts), charts
        labels = [c[0] for c in charts]
        assert "Hållbart medarbetarengagemang (HME), totalindex" in labels
        assert "driftbudget: avslutande summor" in labels
        shot = tmp_path / "report.png"
        assert drv.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    finally:
        drv.quit()


def test_cli_export_and_report(corpus_db, tmp_path):
    r = CliRunner().invoke(
        app, ["export", "--out", str(tmp_path / "e"), "-f", "csv", "--db", str(corpus_db)]
    )
    assert r.exit_code == 0, r.output
    assert (tmp_path / "e" / "goals.csv").exists()
    out = tmp_path / "r.html"
    proc = subprocess.run(
        [sys.executable, "-m", "styrdata", "report", "--out", str(out), "--db", str(corpus_db)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
