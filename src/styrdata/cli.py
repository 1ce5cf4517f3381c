"""``styrdata`` command line: a thin layer over :mod:`styrdata.api`.

Whatever comes from outside — file names, error messages, table cells — is printed as text,
never as rich markup, with control characters escaped (:mod:`styrdata.safe_text`); every
error is one line, never a traceback.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import duckdb
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from styrdata import api
from styrdata.extract.settings import Limits, OcrSettings, PdfSettings, ReaderSettings
from styrdata.files import KINDS
from styrdata.safe_text import markup, printable
from styrdata.warehouse import DEFAULT_DB, WarehouseError, store
from styrdata.warehouse.settings import LOCK_TIMEOUT, WarehouseSettings
from styrdata.workers import ReaderStartError

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
out = Console(width=None if sys.stdout.isatty() else 240)
err = Console(stderr=True)

DbOption = typer.Option(DEFAULT_DB, "--db", help="DuckDB warehouse file.")
LockTimeoutOption = typer.Option(
    LOCK_TIMEOUT,
    "--lock-timeout",
    min=0,
    help="Seconds to wait for a warehouse another process holds, then fail; 0: at once.",
)
_LIMITS = Limits()
#: Errors a command reports in one line: the warehouse missing, locked, read-only or not a
#: DuckDB file, a bad option value, a query DuckDB refuses.
_ONE_LINE = (WarehouseError, FileNotFoundError, ValueError, OSError, duckdb.Error)


def _cell(v) -> Text:
    """NULL shows as an empty cell, never as 0 or <NA>; text is text, not markup."""
    pd = sys.modules.get("pandas")  # loaded when a DataFrame is printed, not for rows

    if v is None or (pd is not None and v is pd.NA) or (isinstance(v, float) and v != v):
        return Text("")
    return Text("\n".join(printable(line) for line in str(v).split("\n")))


def _print_df(df, fmt: str) -> None:
    if fmt == "csv":
        sys.stdout.write(df.to_csv(index=False))
    elif fmt == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, date_format="iso") + "\n")
    else:
        _print_table(df.columns, df.itertuples(index=False))


def _print_table(columns, rows) -> None:
    t = Table(show_lines=False, header_style="bold")
    for c in columns:
        t.add_column(Text(printable(str(c))), overflow="fold")
    for row in rows:
        t.add_row(*[_cell(v) for v in row])
    out.print(t)


_waits: set[str] = set()


def _waiting(line: str) -> None:
    """Said once per command: it waits for a warehouse another process holds."""
    if not _waits:
        err.print(Text(line), highlight=False, soft_wrap=True)
    _waits.add(line)


store.on_wait_default = _waiting


def _say(label: str, style: str, path, message: str = "") -> None:
    """One line on stderr: ``label: path: message``, the path and message as plain text."""
    line = f"[{style}]{label}[/{style}]: {markup(path)}"
    line += f": {markup(message)}" if message else ""
    err.print(line, highlight=False, soft_wrap=True)


def _fail(e: BaseException | str, code: int = 1) -> None:
    text = str(e).strip()
    err.print(
        f"error: {markup(text.splitlines()[0] if text else type(e).__name__)}",
        highlight=False,
        soft_wrap=True,
    )
    raise typer.Exit(code) from None


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _summary(report: api.IngestReport, db: Path) -> str:
    parts = [
        f"{len(report.files)} files: {report.count('ok')} ok",
        f"{report.count('needs_ocr')} need OCR",
        f"{report.count('skipped')} unchanged",
    ]
    if report.count("duplicate"):
        parts.append(_plural(report.count("duplicate"), "duplicate"))
    failed = f"{report.count('failed')} failed"
    kept = sum(1 for f in report.failed if f.kept is not None)
    if kept:
        failed += f" ({kept} kept {'its' if kept == 1 else 'their'} earlier good version)"
    parts.append(failed)
    line = ", ".join(parts)
    if report.published_earlier:
        line += f"; {report.published_earlier} staged by an earlier run published"
    if report.skipped:
        kinds = Counter(s.kind for s in report.skipped)
        line += (
            f"; {_plural(len(report.skipped), 'path')} skipped ("
            + ", ".join(f"{kinds[k]} {k}" for k in KINDS if kinds[k])
            + ")"
        )
    return f"{line} → {db}"


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(
        ..., readable=False, help="Files and folders (searched recursively)."
    ),
    db: Path = DbOption,
    workers: int = typer.Option(
        None,
        "--workers",
        "-w",
        min=1,
        help="Reader processes (default: one per core). Long PDFs are read in parts in parallel.",
    ),
    region: str = typer.Option(None, help="Force the region (name or SCB code, e.g. 18)."),
    org: str = typer.Option(
        None, help="Force the publisher: a region or kommun (name or SCB code, e.g. 1489)."
    ),
    organ: str = typer.Option(None, help="Force the organ, e.g. 'Regionstyrelsen'."),
    doc_type: str = typer.Option(None, "--doc-type", help="Force the document type."),
    year: int = typer.Option(None, help="Force the (first) year covered."),
    end_year: int = typer.Option(None, "--end-year", help="Force the last year covered."),
    timeout: float = typer.Option(
        _LIMITS.timeout, "--timeout", min=0, help="Seconds per document (reading and OCR); 0: none."
    ),
    max_pages: int = typer.Option(
        _LIMITS.max_pages, "--max-pages", min=0, help="Pages per PDF; 0: any."
    ),
    max_chars: int = typer.Option(
        _LIMITS.max_chars_per_page,
        "--max-chars-per-page",
        min=0,
        help="Characters per PDF page; 0: any.",
    ),
    memory_limit: int = typer.Option(
        _LIMITS.memory_mb, "--memory-limit", min=0, help="MB per reader process; 0: none."
    ),
    pictures: bool = typer.Option(
        True,
        "--pictures/--no-pictures",
        help="Read with OCR the pictures on pages with a text layer (tables pasted as "
        "screenshots, key figures as images). --no-pictures leaves them unread, with a "
        "warning per document: faster, and what they show is missing.",
    ),
    lock_timeout: float = LockTimeoutOption,
    stage: str = typer.Option(
        None,
        "--stage",
        help="Where documents are staged as Parquet before they are published (a folder, or "
        "an fsspec URL); default: next to the warehouse, NAME.stage/.",
    ),
    dask: str = typer.Option(
        None,
        "--dask",
        help="Read on the Dask cluster of this scheduler, e.g. tcp://host:8786 (the workers "
        "must reach the files and the stage).",
    ),
    verbose: bool = typer.Option(
        False,
        "--verbose",
        "-v",
        help="Also list unchanged files, duplicates and skipped paths, and the time spent "
        "reading and publishing.",
    ),
) -> None:
    """Read documents, stage their rows, publish them into the warehouse; print one line per
    failure and a summary.

    Exit 0 when every file was read, 1 when a file failed or a path could not be looked at,
    2 when the warehouse or the stage cannot be opened or written, or the warehouse stays
    held by another process past --lock-timeout (the batch stops; what was staged is
    published by the next run), 130/143 when interrupted (SIGINT/SIGTERM)."""
    ov = api.Overrides(
        region=region, org=org, organ=organ, doc_type=doc_type, year=year, end_year=end_year
    )
    settings = ReaderSettings(
        pdf=PdfSettings(ocr=OcrSettings(pictures=pictures)),
        limits=Limits(
            max_pages=max_pages,
            max_chars_per_page=max_chars,
            timeout=timeout,
            memory_mb=memory_limit,
        ),
    )
    collected = api.collect(paths)
    for s in collected.skipped:
        if s.problem:
            _say("error", "red", s.path, f"skipped: {s.reason}")
        elif verbose:
            _say("skipped", "dim", s.path, s.reason)
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", markup=False),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("", total=len(collected.files))

        def on_start(f: Path) -> None:
            progress.update(task, description=printable(f))

        def on_file(o: api.FileOutcome) -> None:
            progress.advance(task)
            if o.status == "failed":
                kept = (
                    f" (kept the earlier good version stored {o.kept:%Y-%m-%d %H:%M} UTC)"
                    if o.kept is not None
                    else ""
                )
                _say("error", "red", o.path, f"{o.error}{kept}")
            elif o.status == "duplicate" and verbose:
                _say("duplicate", "dim", o.path, f"same content as {o.duplicate_of} (stored)")
            elif o.status == "skipped" and verbose:
                _say("unchanged", "dim", o.path)
            for w in o.warnings:
                _say("warning", "yellow", o.path, w)

        try:
            report = api.ingest(
                paths,
                db=db,
                workers=workers,
                overrides=ov,
                on_file=on_file,
                on_start=on_start,
                settings=settings,
                warehouse=WarehouseSettings(lock_timeout=lock_timeout, stage=stage),
                dask=dask,
            )
        except WarehouseError as e:
            done = getattr(e, "report", None)
            if done is None or not done.files:
                _fail(f"{e} — nothing was read", 2)
            stored = sum(f.status in ("ok", "needs_ocr") for f in done.files)
            staged = sum(f.status == "staged" for f in done.files)
            later = (
                f"; {staged} staged in {done.stage}: the next run publishes them" if staged else ""
            )
            _fail(f"{e} — the batch stopped; {stored} document(s) stored before it{later}", 2)
        except ReaderStartError as e:
            _fail(e, 2)
        except KeyboardInterrupt as e:
            signame = str(e) or "SIGINT"
            err.print(
                f"interrupted ({signame}): every reader process stopped; the documents stored "
                "so far are complete",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(143 if signame == "SIGTERM" else 130) from None
    out.print(Text(_summary(report, printable(db))), soft_wrap=True)
    if verbose:
        share = f" ({report.publish_seconds / report.seconds:.0%})" if report.seconds else ""
        err.print(
            Text(
                f"{report.seconds:.1f} s: read and staged in {report.read_seconds:.1f} s, "
                f"published in {report.publish_seconds:.1f} s{share} (the warehouse held, "
                f"while reading and after), waited {report.wait_seconds:.1f} s for the "
                f"warehouse; stage: {printable(report.stage or '')}"
            ),
            soft_wrap=True,
        )
    try:
        columns, rows = api.publishers(db, lock_timeout)
    except _ONE_LINE as e:
        _fail(e)
    _print_table(columns, rows)
    raise typer.Exit(0 if report.ok else 1)


@app.command("sql")
def sql_cmd(
    query: str = typer.Argument(..., help="SQL to run against the warehouse views."),
    db: Path = DbOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
    lock_timeout: float = LockTimeoutOption,
) -> None:
    """Run a SQL query and print the result."""
    if fmt not in ("table", "csv", "json"):
        err.print("error: --format must be table, csv or json")
        raise typer.Exit(2)
    try:
        df = api.sql(query, db, lock_timeout)
    except api.Refused as e:
        _fail(e)
    except _ONE_LINE as e:  # duckdb errors are one-liners worth showing as they are
        _fail(e)
    _print_df(df, fmt)


@app.command()
def docs(
    db: Path = DbOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
    lock_timeout: float = LockTimeoutOption,
) -> None:
    """List documents with their metadata and row counts."""
    try:
        df = api.docs(db, lock_timeout)
    except _ONE_LINE as e:
        _fail(e)
    df = df.drop(columns=["error"]) if fmt == "table" else df
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
    lock_timeout: float = LockTimeoutOption,
) -> None:
    """Regions side by side (columns) by year (rows): a concept, an indicator text or a
    budget table kind."""
    try:
        df = api.compare(
            concept,
            text,
            budget,
            organ,
            doc_type,
            year_from,
            year_to,
            source,
            long,
            db,
            lock_timeout,
        )
    except _ONE_LINE as e:
        _fail(e)
    _print_df(df, fmt)


@app.command()
def export(
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write to."),
    fmt: str = typer.Option("parquet", "--format", "-f", help="csv, xlsx or parquet."),
    db: Path = DbOption,
    lock_timeout: float = LockTimeoutOption,
) -> None:
    """Every analyst view to CSV files, one Excel workbook or Parquet datasets (partitioned
    by region_code and year)."""
    try:
        counts = api.export(out, fmt, db, lock_timeout)
        out.mkdir(parents=True, exist_ok=True)
    except _ONE_LINE as e:
        _fail(e)
    import pandas as pd

    out_df = pd.DataFrame({"view": list(counts), "rows": list(counts.values())})
    _print_df(out_df, "table")
    err.print(Text(f"{len(counts)} views → {printable(out)} ({fmt})"))


@app.command()
def report(
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="HTML file to write."),
    db: Path = DbOption,
    lock_timeout: float = LockTimeoutOption,
) -> None:
    """One self-contained HTML report: documents, concept and budget comparisons with
    charts, risks; every number with its source."""
    try:
        path = api.report(out, db, lock_timeout)
    except _ONE_LINE as e:
        _fail(e)
    Console().print(Text(f"{printable(path)} ({path.stat().st_size // 1024} kB)"))


if __name__ == "__main__":
    app()
