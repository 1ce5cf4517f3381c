"""``styrdata`` command line: a thin layer over :mod:`styrdata.api`."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from styrdata import api
from styrdata.warehouse import DEFAULT_DB

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
out = Console(width=None if sys.stdout.isatty() else 240)
err = Console(stderr=True)

DbOption = typer.Option(DEFAULT_DB, "--db", help="DuckDB warehouse file.")


def _cell(v) -> str:
    """NULL shows as an empty cell, never as 0 or <NA>."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    return str(v)


def _print_df(df, fmt: str) -> None:
    if fmt == "csv":
        sys.stdout.write(df.to_csv(index=False))
    elif fmt == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, date_format="iso") + "\n")
    else:
        t = Table(show_lines=False, header_style="bold")
        for c in df.columns:
            t.add_column(str(c), overflow="fold")
        for row in df.itertuples(index=False):
            t.add_row(*[_cell(v) for v in row])
        out.print(t)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(
        ..., readable=False, help="Files and folders (searched recursively)."
    ),
    db: Path = DbOption,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Parallel reader processes."),
    region: str = typer.Option(None, help="Force the region (name or SCB code, e.g. 18)."),
    org: str = typer.Option(
        None, help="Force the publisher: a region or kommun (name or SCB code, e.g. 1489)."
    ),
    organ: str = typer.Option(None, help="Force the organ, e.g. 'Regionstyrelsen'."),
    doc_type: str = typer.Option(None, "--doc-type", help="Force the document type."),
    year: int = typer.Option(None, help="Force the (first) year covered."),
    end_year: int = typer.Option(None, "--end-year", help="Force the last year covered."),
) -> None:
    """Read documents into the warehouse; print one line per failure and a summary."""
    ov = api.Overrides(
        region=region, org=org, organ=organ, doc_type=doc_type, year=year, end_year=end_year
    )
    files = api.collect_files(paths)
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("", total=len(files))

        def on_start(f: Path) -> None:
            progress.update(task, description=str(f))

        def on_file(o: api.FileOutcome) -> None:
            progress.advance(task)
            if o.status == "failed":
                err.print(f"[red]error[/red]: {o.path}: {o.error}", highlight=False, soft_wrap=True)
            for w in o.warnings:
                err.print(
                    f"[yellow]warning[/yellow]: {o.path}: {w}", highlight=False, soft_wrap=True
                )

        report = api.ingest(
            paths, db=db, workers=workers, overrides=ov, on_file=on_file, on_start=on_start
        )
    out.print(
        f"{len(report.files)} files: {report.count('ok')} ok, {report.count('needs_ocr')} need OCR, "
        f"{report.count('skipped')} unchanged, {report.count('failed')} failed → {db}",
        highlight=False,
    )
    summary = api.sql(
        "SELECT coalesce(org_name, '?') AS publisher, count(*) AS documents, "
        "count(*) FILTER (WHERE status = 'ok') AS ok, "
        "count(*) FILTER (WHERE status = 'needs_ocr') AS needs_ocr, "
        "count(*) FILTER (WHERE status = 'failed') AS failed, "
        "(SELECT count(*) FROM blocks b JOIN documents x USING (document_id) "
        " WHERE coalesce(x.org_name, '?') = coalesce(d.org_name, '?')) AS blocks, "
        "(SELECT count(*) FROM tables t JOIN documents x USING (document_id) "
        " WHERE coalesce(x.org_name, '?') = coalesce(d.org_name, '?')) AS tables "
        "FROM documents d GROUP BY ALL ORDER BY publisher",
        db,
    )
    _print_df(summary, "table")
    raise typer.Exit(0 if report.ok else 1)


@app.command("sql")
def sql_cmd(
    query: str = typer.Argument(..., help="SQL to run against the warehouse views."),
    db: Path = DbOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
) -> None:
    """Run a SQL query and print the result."""
    if fmt not in ("table", "csv", "json"):
        err.print("error: --format must be table, csv or json")
        raise typer.Exit(2)
    try:
        df = api.sql(query, db)
    except Exception as e:  # duckdb errors are one-liners worth showing as they are
        err.print(f"error: {str(e).splitlines()[0]}", highlight=False)
        raise typer.Exit(1) from None
    _print_df(df, fmt)


@app.command()
def docs(
    db: Path = DbOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
) -> None:
    """List documents with their metadata and row counts."""
    df = api.docs(db).drop(columns=["error"]) if fmt == "table" else api.docs(db)
    if fmt == "table":
        df = df[
            [
                "file",
                "format",
                "status",
                "org_code",
                "organ",
                "doc_type",
                "year",
                "end_year",
                "pages",
                "blocks",
                "tables",
            ]
        ]
    _print_df(df, fmt)


def _fail(e: Exception) -> None:
    err.print(f"error: {str(e).splitlines()[0]}", highlight=False, soft_wrap=True)
    raise typer.Exit(1) from None


@app.command()
def compare(
    concept: str = typer.Option(None, "--concept", "-c", help="Concept id or label, e.g. hme."),
    text: str = typer.Option(None, "--text", "-t", help="Words in the indicator's text."),
    budget: str = typer.Option(
        None, "--budget", "-b", help="Budget table kind: driftbudget, investeringsbudget, …"
    ),
    organ: str = typer.Option(None, help="Only organs containing this, e.g. Regionstyrelsen."),
    doc_type: str = typer.Option(None, "--doc-type", help="Only this document type."),
    year_from: int = typer.Option(None, "--from", help="First year."),
    year_to: int = typer.Option(None, "--to", help="Last year."),
    source: bool = typer.Option(False, "--source", help="Add document and page to each value."),
    long: bool = typer.Option(False, "--long", help="One row per value instead of side by side."),
    db: Path = DbOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
) -> None:
    """Regions side by side (columns) by year (rows): a concept, an indicator text or a
    budget table kind."""
    try:
        df = api.compare(
            concept, text, budget, organ, doc_type, year_from, year_to, source, long, db
        )
    except (ValueError, FileNotFoundError) as e:
        _fail(e)
    _print_df(df, fmt)


@app.command()
def export(
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write to."),
    fmt: str = typer.Option("parquet", "--format", "-f", help="csv, xlsx or parquet."),
    db: Path = DbOption,
) -> None:
    """Every analyst view to CSV files, one Excel workbook or Parquet datasets (partitioned
    by region_code and year)."""
    try:
        counts = api.export(out, fmt, db)
    except (ValueError, FileNotFoundError) as e:
        _fail(e)
    out_df = pd.DataFrame({"view": list(counts), "rows": list(counts.values())})
    out.mkdir(parents=True, exist_ok=True)
    _print_df(out_df, "table")
    err.print(f"{len(counts)} views → {out} ({fmt})", highlight=False)


@app.command()
def report(
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="HTML file to write."),
    db: Path = DbOption,
) -> None:
    """One self-contained HTML report: documents, concept and budget comparisons with
    charts, risks; every number with its source."""
    try:
        path = api.report(out, db)
    except FileNotFoundError as e:
        _fail(e)
    out_msg = f"{path} ({path.stat().st_size // 1024} kB)"
    Console().print(out_msg, highlight=False)


if __name__ == "__main__":
    app()
