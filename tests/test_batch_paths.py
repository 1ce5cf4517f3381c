"""What a batch does with the paths it is given: a failed re-read keeps the last good version
(issue 17, item 2); every path passed over is said and why, duplicates are named as such
(item 5); a name or a path never aborts the batch (item 1)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from builders import plan_docx, plan_pdf
from styrdata import api
from styrdata.files import KINDS, collect


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "styrdata", *args], capture_output=True, text=True, cwd=cwd
    )


def _rows(db: Path, path: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute(
        "SELECT d.status, d.error, d.last_error, d.last_failed_sha256, "
        "(SELECT count(*) FROM blocks b WHERE b.document_id = d.document_id) AS blocks "
        "FROM documents d WHERE source_path = ?",
        [str(path.resolve())],
    ).fetchall()
    con.close()
    assert len(row) == 1, row
    keys = ("status", "error", "last_error", "last_failed_sha256", "blocks")
    return dict(zip(keys, row[0], strict=True))


# -- item 2: a failed re-read keeps the last good version ------------------------------


@pytest.mark.parametrize(
    "damage, error",
    [
        (
            lambda p: p.write_text("<!DOCTYPE html><html><body>503</body></html>"),
            "not a PDF: the file is an HTML page",
        ),
        (lambda p: p.write_bytes(p.read_bytes()[:2000]), "corrupt or truncated PDF"),
    ],
    ids=["html-error-page", "cut-short-download"],
)
def test_a_failed_reread_keeps_the_last_good_version(tmp_path, damage, error):
    pdf = plan_pdf(tmp_path / "plan.pdf")
    good = pdf.read_bytes()
    db = tmp_path / "w.duckdb"
    assert api.ingest([pdf], db=db).ok
    before = _rows(db, pdf)
    assert before["status"] == "ok" and before["blocks"] > 0

    damage(pdf)  # the nightly download overwrote it
    report = api.ingest([pdf], db=db)
    (out,) = report.files
    assert out.status == "failed" and out.error.startswith(error)
    assert out.kept is not None  # and says so
    after = _rows(db, pdf)
    assert (after["status"], after["blocks"]) == ("ok", before["blocks"])
    assert after["last_error"].startswith(error)
    assert after["last_failed_sha256"] is not None
    r = _cli("ingest", str(pdf), "--db", str(db))
    assert r.returncode == 1
    [line] = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert line.startswith(f"error: {pdf}: {error}") and "(kept the earlier good version" in line
    assert "1 failed (1 kept its earlier good version)" in r.stdout

    pdf.write_bytes(good)  # the download is repaired: nothing to read, the error is gone
    (out,) = api.ingest([pdf], db=db).files
    assert out.status == "skipped"
    assert _rows(db, pdf)["last_error"] is None


def test_a_file_that_never_read_well_still_gets_a_failed_row(tmp_path):
    bad = tmp_path / "plan.pdf"
    bad.write_text("<html>404</html>")
    db = tmp_path / "w.duckdb"
    (out,) = api.ingest([bad], db=db).files
    assert out.status == "failed" and out.kept is None
    assert _rows(db, bad)["status"] == "failed"


# -- item 5: every path passed over is said; duplicates ---------------------------------


def _messy_folder(root: Path) -> Path:
    src = root / "in"
    (src / "sub").mkdir(parents=True)
    plan_pdf(src / "plan.pdf")
    plan_docx(src / "sub" / "plan.docx")
    (src / "budget.xlsx").write_bytes(b"PK\x03\x04")
    (src / ".hidden.pdf").write_bytes(b"%PDF-1.4")
    (src / "~$plan.docx").write_bytes(b"lock")
    (src / "plan.pdf.meta.json").write_text('{"year": 2025}')
    os.symlink(src / "gone.pdf", src / "dangling.pdf")
    os.symlink(src / "loop-b.pdf", src / "loop-a.pdf")
    os.symlink(src / "loop-a.pdf", src / "loop-b.pdf")
    os.symlink(src / "sub", src / "link-to-sub")
    os.mkfifo(src / "pipe.txt")
    return src


def test_every_path_passed_over_is_said_and_why(tmp_path):
    src = _messy_folder(tmp_path)
    got = collect([src])
    assert [f.name for f in got.files] == ["plan.pdf", "plan.docx"]
    skipped = {Path(s.path).name: (s.reason, s.problem) for s in got.skipped}
    assert {s.kind for s in got.skipped} == set(KINDS[1:])
    assert skipped == {
        ".hidden.pdf": ("hidden file or Office lock file", False),
        "budget.xlsx": ("unsupported type '.xlsx'", False),
        "dangling.pdf": (f"dangling symlink (to {src / 'gone.pdf'}, which does not exist)", True),
        "link-to-sub": ("symlink to a folder (not followed: name it to read it)", False),
        "loop-a.pdf": ("symlink loop", True),
        "loop-b.pdf": ("symlink loop", True),
        "pipe.txt": ("not a regular file: it is a named pipe", True),
        "~$plan.docx": ("hidden file or Office lock file", False),
    }


def test_the_cli_reports_skipped_paths_in_the_summary_and_with_verbose(tmp_path):
    src = _messy_folder(tmp_path)
    db = tmp_path / "w.duckdb"
    r = _cli("ingest", str(src), "--db", str(db), "--verbose")
    assert r.returncode == 1  # a loop, a dangling link and a pipe may hide documents
    lines = r.stderr.splitlines()
    assert f"error: {src}/loop-a.pdf: skipped: symlink loop" in lines
    assert f"error: {src}/pipe.txt: skipped: not a regular file: it is a named pipe" in lines
    assert f"skipped: {src}/budget.xlsx: unsupported type '.xlsx'" in lines
    summary = r.stdout.splitlines()[0]
    assert summary == (
        "2 files: 2 ok, 0 need OCR, 0 unchanged, 0 failed; 8 paths skipped (2 symlink loop, "
        "1 dangling link, 1 special file, 1 unsupported type, 2 hidden or lock file, "
        f"1 link to a folder) → {db}"
    )
    quiet = _cli("ingest", str(src), "--db", str(db))
    assert not any(ln.startswith("skipped:") for ln in quiet.stderr.splitlines())
    assert "8 paths skipped" in quiet.stdout


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    src = tmp_path / "in"
    (src / "locked").mkdir(parents=True)
    plan_docx(src / "plan.docx")
    real = os.scandir

    def scandir(path):
        if Path(path).name == "locked":  # as root nothing is unreadable: pretend
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = api.ingest([src], db=tmp_path / "w.duckdb")
    assert [f.status for f in report.files] == ["ok"]
    assert [(s.path, s.reason) for s in report.problems] == [
        (str(src / "locked"), "unreadable folder: permission denied")
    ]
    assert not report.ok


def test_the_same_content_under_two_paths_is_a_duplicate_of_the_stored_one(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    a = plan_pdf(src / "a.pdf")
    b = src / "b.pdf"
    shutil.copy(a, b)
    db = tmp_path / "w.duckdb"
    first = {Path(f.path).name: f for f in api.ingest([src], db=db).files}
    assert (first["a.pdf"].status, first["b.pdf"].status) == ("ok", "duplicate")
    assert first["b.pdf"].duplicate_of == str(a.resolve())
    # nothing is read again on the next run, whichever path comes first
    again = api.ingest([b, a], db=db)
    assert sorted((Path(f.path).name, f.status) for f in again.files) == [
        ("a.pdf", "skipped"),
        ("b.pdf", "duplicate"),
    ]
    assert api.sql("SELECT count(*) AS n FROM documents", db).n[0] == 1
    r = _cli("ingest", str(src), "--db", str(db), "--verbose")
    assert f"duplicate: {b}: same content as {a.resolve()} (stored)" in r.stderr.splitlines()
    assert "2 files: 0 ok, 0 need OCR, 1 unchanged, 1 duplicate, 0 failed" in r.stdout
    assert r.returncode == 0


# -- item 1: names and paths --------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_stored_and_printed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    latin1 = os.fsencode(src) + b"/plan_\xe5r.txt"  # "plan_år" from a Windows share
    with open(latin1, "wb") as f:
        f.write(b"# Verksamhetsplan 2025\n\nRegion Halland\n")
    plan_docx(src / "good.docx")
    db = tmp_path / "w.duckdb"
    report = api.ingest([src], db=db)
    assert [f.status for f in report.files] == ["ok", "ok"]
    paths = api.sql("SELECT source_path FROM documents ORDER BY 1", db).source_path.tolist()
    assert paths == [f"{src}/good.docx", f"{src}/plan_\\xe5r.txt"]
    r = _cli("ingest", str(src), "--db", str(tmp_path / "w2.duckdb"))
    assert r.returncode == 0, r.stderr
    assert f"warning: {src}/plan_\\xe5r.txt: file name is not UTF-8: stored as plan_\\xe5r.txt" in (
        r.stderr.splitlines()
    )


def test_a_symlink_loop_or_pipe_named_on_the_command_line_fails_that_path_only(tmp_path):
    os.symlink(tmp_path / "b.pdf", tmp_path / "a.pdf")
    os.symlink(tmp_path / "a.pdf", tmp_path / "b.pdf")
    os.mkfifo(tmp_path / "pipe.pdf")
    good = plan_docx(tmp_path / "good.docx")
    db = tmp_path / "w.duckdb"
    r = subprocess.run(
        [sys.executable, "-m", "styrdata", "ingest", str(tmp_path / "a.pdf"), str(good)]
        + [str(tmp_path / "pipe.pdf"), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,  # a pipe opened for reading would wait for ever
    )
    assert r.returncode == 1
    assert [ln for ln in r.stderr.splitlines() if ln.startswith("error:")] == [
        f"error: {tmp_path}/a.pdf: cannot read file: symlink loop",
        f"error: {tmp_path}/pipe.pdf: not a regular file: it is a named pipe",
    ]
    assert "3 files: 1 ok" in r.stdout
