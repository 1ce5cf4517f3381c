"""Analyst commands never crash on data or on the warehouse file (issue 17, item 6), ``sql``
can neither read nor write files (item 7), and a warehouse that cannot be written stops a
batch with one line, nothing half-written (item 1)."""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

from builders import plan_docx
from styrdata import api

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "styrdata", *args], capture_output=True, text=True, **kw
    )


def _one_error_line(r: subprocess.CompletedProcess) -> str:
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture(scope="module")
def docx_and_text_db(tmp_path_factory) -> Path:
    """A warehouse whose documents are DOCX and text only: no page numbers anywhere."""
    db = tmp_path_factory.mktemp("editions") / "w.duckdb"
    files = [
        RAW / "plain" / "000_27f8406190a0567d.docx",
        RAW / "seeds" / "003_ed4c0936e15400ec.txt",
    ]
    assert api.ingest(files, db=db).ok
    return db


# -- item 6 -------------------------------------------------------------------------------


def test_report_works_when_every_primary_edition_is_docx_or_text(docx_and_text_db, tmp_path):
    formats = api.sql("SELECT DISTINCT format FROM primary_documents", docx_and_text_db)
    assert set(formats.format) == {"docx", "text"}
    r = _cli("report", "--db", str(docx_and_text_db), "--out", str(tmp_path / "r.html"))
    assert r.returncode == 0, r.stderr
    html = (tmp_path / "r.html").read_text()
    assert "000_27f8406190a0567d.docx #" in html  # sources by paragraph index
    assert "&lt;NA&gt;" not in html and ">nan<" not in html


def test_markup_in_data_and_arguments_is_printed_as_text(docx_and_text_db):
    r = _cli("compare", "--concept", "[/]", "--db", str(docx_and_text_db))
    assert r.returncode == 1
    assert _one_error_line(r).startswith("error: unknown concept '[/]': known are ")
    r = _cli("sql", "SELECT '[bold]fet[/bold] [/] [red]x' AS t", "--db", str(docx_and_text_db))
    assert r.returncode == 0, r.stderr
    assert "[bold]fet[/bold] [/] [red]x" in r.stdout


def test_file_names_cannot_forge_lines_or_break_the_console(tmp_path):
    src = tmp_path / "in"
    (src / "br[/]ev").mkdir(parents=True)
    (src / "br[/]ev" / "tom.pdf").write_bytes(b"")
    (src / "x\nerror: forged.pdf").write_bytes(b"")
    (src / "\x1b[31mred.pdf").write_bytes(b"")
    plan_docx(src / "good.docx")
    r = _cli("ingest", str(src), "--db", str(tmp_path / "w.duckdb"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [
        f"error: {src}/\\x1b[31mred.pdf: empty file (0 bytes)",
        f"error: {src}/br[/]ev/tom.pdf: empty file (0 bytes)",
        f"error: {src}/x\\nerror: forged.pdf: empty file (0 bytes)",
    ]


@pytest.fixture
def locked_db(tmp_path):
    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
            "print('locked', flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    yield db, holder.pid
    holder.kill()
    holder.wait()


COMMANDS = [
    ["docs"],
    ["sql", "SELECT 1"],
    ["compare", "--concept", "hme"],
    ["export", "--out", "OUT"],
    ["report", "--out", "OUT/r.html"],
    ["ingest", str(RAW / "seeds" / "004_a21d5508182b01d5.txt")],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_waits_then_says_in_one_line_that_the_warehouse_is_locked(
    locked_db, tmp_path, args
):
    """Every command waits for a warehouse another process holds (issue 18), says so once,
    and gives up after --lock-timeout with one line."""
    db, pid = locked_db
    args = [a.replace("OUT", str(tmp_path / "out")) for a in args]
    t0 = time.monotonic()
    r = _cli(*args, "--db", str(db), "--lock-timeout", "1")
    assert time.monotonic() - t0 >= 1
    assert r.returncode == (2 if args[0] == "ingest" else 1)
    waiting, *rest = r.stderr.strip().splitlines()
    assert waiting == f"waiting for the warehouse: held by PID {pid}"
    assert len(rest) == 1 and rest[0].startswith(
        f"error: cannot open the warehouse {db}: it is in use by another process (PID {pid}), "
        "waited 1 s (--lock-timeout)"
    ), r.stderr


@pytest.mark.parametrize("args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_says_in_one_line_that_the_file_is_not_a_warehouse(tmp_path, args):
    db = tmp_path / "data.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE documents (id INTEGER)")
    con.commit()
    con.close()
    args = [a.replace("OUT", str(tmp_path / "out")) for a in args]
    r = _cli(*args, "--db", str(db), env={**os.environ, "HOME": str(tmp_path)})
    assert r.returncode == (2 if args[0] == "ingest" else 1)
    line = _one_error_line(r)
    assert line.startswith(f"error: {db} is not a DuckDB warehouse file (it is an SQLite database)")
    assert not (tmp_path / ".duckdb").exists()  # no extension was fetched


@pytest.mark.parametrize("args", COMMANDS[:5], ids=[c[0] for c in COMMANDS[:5]])
def test_every_command_says_in_one_line_that_there_is_no_warehouse(tmp_path, args):
    args = [a.replace("OUT", str(tmp_path / "out")) for a in args]
    r = _cli(*args, "--db", str(tmp_path / "none.duckdb"))
    assert r.returncode == 1
    assert _one_error_line(r) == (
        f"error: no warehouse at {tmp_path / 'none.duckdb'}: run 'styrdata ingest' first"
    )


def test_ingest_into_a_read_only_warehouse_stops_with_one_line():
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run as a user who may not write the file")
    tmp = Path(tempfile.mkdtemp(prefix="styrdata-ro-"))
    try:
        db = tmp / "w.duckdb"
        assert api.ingest([RAW / "seeds" / "004_a21d5508182b01d5.txt"], db=db).ok
        tmp.chmod(0o755)
        db.chmod(0o644)  # root's: nobody may read it, not write it
        cmd = [sys.executable, "-m", "styrdata"]
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        env = {**os.environ, "HOME": "/tmp"}
        r = subprocess.run(
            [*nobody, "ingest", str(RAW / "seeds"), "--db", str(db)],
            capture_output=True,
            text=True,
            env=env,
        )
        assert r.returncode == 2
        assert _one_error_line(r) == (
            f"error: cannot open the warehouse {db}: permission denied (read-only?) — nothing "
            "was read"
        )
        r = subprocess.run(
            [*nobody, "docs", "--db", str(db)], capture_output=True, text=True, env=env
        )
        assert r.returncode == 0 and "004_a21d5508182b01d5.txt" in r.stdout  # reading is fine
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _limit_file_size(size: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


def test_a_full_disk_stops_the_batch_with_one_line_and_nothing_half_written(tmp_path):
    files = sorted((RAW / "seeds").glob("*.txt"))
    clean = tmp_path / "clean.duckdb"
    assert api.ingest(files, db=clean).ok
    db = tmp_path / "w.duckdb"
    api.ingest(files[:1], db=db)
    # the disk fills up: the warehouse's write-ahead log may not grow past 450 kB (about two
    # documents)
    limit = 450_000
    r = subprocess.run(
        [sys.executable, "-m", "styrdata", "ingest", *map(str, files), "--db", str(db)],
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size(limit),
    )
    assert r.returncode == 2, r.stderr
    errors = [ln for ln in r.stderr.splitlines() if not ln.startswith("warning:")]
    assert len(errors) == 1 and "Traceback" not in r.stderr and "rollback" not in r.stderr
    assert errors[0].startswith(f"error: cannot write to the warehouse {db}: ")
    assert "File too large" in errors[0] and "— the batch stopped;" in errors[0]
    # every document stored is whole: the same rows as an ingest that had room
    q = (
        "SELECT d.source_path, d.status, count(b.seq) FROM documents d "
        "LEFT JOIN blocks b USING (document_id) GROUP BY 1, 2"
    )
    got = {p: (s, n) for p, s, n in duckdb.connect(str(db), read_only=True).execute(q).fetchall()}
    want = {
        p: (s, n) for p, s, n in duckdb.connect(str(clean), read_only=True).execute(q).fetchall()
    }
    assert 2 <= len(got) < len(files)  # the one stored before, and one or two of this batch
    assert all(got[p] == want[p] for p in got)
    assert api.ingest(files, db=db).ok  # room again: the batch finishes


# -- item 7 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "COPY (SELECT 1) TO 'OUT/x.csv'",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "ATTACH 'OUT/other.duckdb' AS other",
        "INSTALL sqlite",
        "LOAD sqlite",
        "SET enable_external_access = true",
        "CREATE TABLE x AS SELECT 1",
        "DELETE FROM store.documents",
    ],
)
def test_sql_reads_the_warehouse_and_nothing_else(docx_and_text_db, tmp_path, query):
    query = query.replace("OUT", str(tmp_path))
    r = _cli("sql", query, "--db", str(docx_and_text_db))
    assert r.returncode == 1
    assert _one_error_line(r).startswith("error: refused: styrdata sql ")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(api.Refused):
        api.sql(query, docx_and_text_db)
    assert api.sql("SELECT count(*) AS n FROM documents", docx_and_text_db).n[0] == 2


def test_export_still_writes_files(docx_and_text_db, tmp_path):
    counts = api.export(tmp_path / "out", "csv", docx_and_text_db)
    assert counts["documents"] == 2 and (tmp_path / "out" / "documents.csv").exists()
