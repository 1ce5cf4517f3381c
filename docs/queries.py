"""Writes docs/queries.md: analyst questions answered on the sample data, with the real
output of each command. Run after `styrdata ingest data/raw`:

    .venv/bin/python docs/queries.py
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STYRDATA = str(Path(sys.executable).with_name("styrdata"))

QUESTIONS: list[tuple[str, str, list[str]]] = [
    (
        "Which documents does the warehouse hold, per region?",
        "`primary_documents` keeps one edition of each document: the sample data holds every "
        "plan as PDF, Word and text (and Halland's as a scan too); comparisons count it once.",
        [
            "sql",
            "SELECT region_name, region_code, organ, doc_type, year, end_year, format, pages "
            "FROM primary_documents ORDER BY region_name, year, organ",
        ],
    ),
    (
        "Which goals did each region set for staff turnover, what did they target and what "
        "was the outcome?",
        'Regions side by side by year; a plan that states only a direction ("ska minska") '
        "shows it as its target.",
        ["compare", "--concept", "personalomsattning", "--source"],
    ),
    (
        "The same, as rows with their goal",
        "",
        [
            "sql",
            "SELECT d.region_name, d.organ, d.year AS doc_year, g.kind AS goal_kind, "
            "g.number AS goal_no, v.value_type, v.year, v.value_num, v.unit, i.direction, i.page "
            "FROM indicators i JOIN primary_documents d USING (document_id) "
            "LEFT JOIN goals g ON g.goal_id = i.goal_id "
            "LEFT JOIN indicator_values v ON v.indicator_id = i.indicator_id "
            "WHERE i.concept = 'personalomsattning' ORDER BY d.region_name, d.year, d.organ",
        ],
    ),
    (
        "How engaged are the staff (HME) in Örebro and Västernorrland?",
        "Västernorrland reports two organisations per cell (RVN, RLF); Örebro's 2024 report "
        "has the outcome and target.",
        ["compare", "--concept", "hme"],
    ),
    (
        "How many goals of each kind does each region's plan set?",
        'Strategies count the "Strategi: X" headings and each bullet of their "Strategier '
        'för X" lists; Västernorrland\'s uppdrag are the bullets of what the board "ska" do.',
        [
            "sql",
            "SELECT d.region_name, d.organ, d.year, g.kind, count(*) AS goals "
            "FROM goals g JOIN primary_documents d USING (document_id) "
            "GROUP BY ALL ORDER BY ALL",
        ],
    ),
    (
        "Does Örebro's 2024 report count its goals as the goals read from it?",
        "The report's own summary table (`goal_status_summary`) beside the goals extracted "
        "from the same report.",
        [
            "sql",
            "SELECT s.goal_kind, s.total, "
            "sum(s.count) FILTER (WHERE s.status = 'uppnått')::INT AS uppnatt, "
            "sum(s.count) FILTER (WHERE s.status = 'delvis')::INT AS delvis, "
            "sum(s.count) FILTER (WHERE s.status = 'ej uppnått')::INT AS ej_uppnatt, "
            "(SELECT count(*) FROM goals g WHERE g.document_id = s.document_id "
            "AND g.kind = s.goal_kind) AS goals_read, any_value(s.page) AS page "
            "FROM goal_status_summary s JOIN primary_documents d USING (document_id) "
            "GROUP BY s.document_id, s.goal_kind, s.total ORDER BY s.total DESC",
        ],
    ),
    (
        "What are the regions' driftbudget totals by year?",
        "Each driftbudget table's closing total; ⚠ marks an amount OCR may have damaged. "
        "Västernorrland's plan prints its frames as an image, so no amounts are read from it.",
        ["compare", "--budget", "driftbudget"],
    ),
    (
        "And the investeringsbudget totals?",
        "",
        ["compare", "--budget", "investeringsbudget", "--source"],
    ),
    (
        "Which printed totals do not add up?",
        "`budget_checks`: totals whose parts differ beyond rounding — a real gap in the "
        "plan's own figures, or OCR damage (see the flags).",
        [
            "sql",
            "SELECT c.organ, c.document_year, c.table_kind, c.label, c.measure, c.year, "
            "c.total_mnkr, c.parts_sum_mnkr, c.difference_mnkr, c.page "
            "FROM budget_checks c JOIN primary_documents d USING (document_id) ORDER BY ALL",
        ],
    ),
    (
        "Which risk areas do the internal control plans name, with how many actions?",
        "",
        [
            "sql",
            "SELECT d.region_name, d.organ, d.doc_type, d.year, r.area, "
            "count(DISTINCT r.risk_id) AS risks, count(a.seq) AS actions "
            "FROM risks r JOIN primary_documents d USING (document_id) "
            "LEFT JOIN risk_actions a USING (risk_id) "
            "GROUP BY ALL ORDER BY d.region_name, d.year, d.organ, min(r.risk_id)",
        ],
    ),
    (
        "Which indicators does each region follow, by concept?",
        "Concepts from `src/normalize/data/concepts.csv`, with their Kolada KPI where one exists.",
        [
            "sql",
            "SELECT i.concept, count(*) FILTER (WHERE d.region_code = '13') AS halland, "
            "count(*) FILTER (WHERE d.region_code = '22') AS vasternorrland, "
            "count(*) FILTER (WHERE d.region_code = '18') AS orebro "
            "FROM indicators i JOIN primary_documents d USING (document_id) "
            "WHERE i.concept IS NOT NULL GROUP BY 1 ORDER BY 1",
        ],
    ),
    (
        "Which printed values are suspect?",
        "OCR'd percentages whose decimal comma was probably lost are flagged, never changed.",
        [
            "sql",
            "SELECT d.region_name, d.year, left(i.text, 60) AS indicator, v.value_type, "
            "v.value_text, v.flag, i.page FROM indicator_values v "
            "JOIN indicators i USING (indicator_id) JOIN primary_documents d "
            "ON d.document_id = i.document_id WHERE v.flag IS NOT NULL ORDER BY ALL",
        ],
    ),
]


def _quote(arg: str) -> str:
    """SQL in double quotes, as one types it (its literals are in single quotes)."""
    if arg.startswith("SELECT"):
        return f'"{arg}"'
    return shlex.quote(arg)


def run(args: list[str]) -> str:
    env = {**os.environ, "COLUMNS": "200"}
    proc = subprocess.run(
        [STYRDATA, *args], capture_output=True, text=True, cwd=ROOT, env=env, check=True
    )
    return proc.stdout.rstrip()


def main() -> None:
    out = [
        "# Analyst questions",
        "",
        "Answered on the shipped sample data (`styrdata ingest data/raw`), each with the real",
        "output of its command. Generated by `docs/queries.py`; every query runs on the views",
        "documented in [schema.md](schema.md) and works the same from pandas:",
        "`styrdata.api.sql(query)` or `styrdata.api.compare(concept=...)`.",
        "",
    ]
    for n, (question, note, args) in enumerate(QUESTIONS, start=1):
        out += [f"## {n}. {question}", ""]
        if note:
            out += [note, ""]
        shown = "styrdata " + " ".join(_quote(a) for a in args)
        out += ["```", f"$ {shown}", run(args), "```", ""]
    (ROOT / "docs" / "queries.md").write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
