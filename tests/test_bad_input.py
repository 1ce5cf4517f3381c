"""One test per kind of bad input: a clear one-line error naming the file and the reason,
the batch goes on, the failure lands in `documents`, no partial rows, exit 1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from builders import plan_docx, plan_pdf
from styrdata import api


def _ingest_with_good(tmp_path: Path, bad: Path):
    good = plan_pdf(tmp_path / "good.pdf")
    db = tmp_path / "w.duckdb"
    report = api.ingest([good, bad], db=db)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT source_path, status, error FROM documents ORDER BY source_path"
    ).fetchall()
    fid = con.execute("SELECT document_id FROM documents WHERE status='failed'").fetchone()[0]
    partial = con.execute("SELECT count(*) FROM blocks WHERE document_id = ?", [fid]).fetchone()[0]
    con.close()
    assert not report.ok
    assert [f.status for f in report.files] == ["ok", "failed"] or [
        f.status for f in report.files
    ] == ["failed", "ok"]
    assert partial == 0
    statuses = {Path(p).name: (s, e) for p, s, e in rows}
    assert statuses["good.pdf"][0] == "ok"
    status, error = statuses[bad.name]
    assert status == "failed" and "\n" not in error
    return error


def test_zero_byte_file(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    assert _ingest_with_good(tmp_path, bad) == "empty file (0 bytes)"


def test_truncated_pdf(tmp_path):
    whole = plan_pdf(tmp_path / "whole.pdf").read_bytes()
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(whole[: len(whole) // 3])
    assert "corrupt or truncated PDF" in _ingest_with_good(tmp_path, bad)


def test_corrupt_pdf(tmp_path):
    bad = tmp_path / "corrupt.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + os.urandom(4000))
    assert "corrupt or truncated PDF" in _ingest_with_good(tmp_path, bad)


def test_encrypted_pdf(tmp_path):
    bad = plan_pdf(tmp_path / "locked.pdf", encrypt="hemligt")
    assert _ingest_with_good(tmp_path, bad) == "encrypted PDF: a password is required to read it"


def test_pdf_that_is_html(tmp_path):
    bad = tmp_path / "page.pdf"
    bad.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>")
    assert _ingest_with_good(tmp_path, bad) == "not a PDF: the file is an HTML page"


def test_docx_that_is_not_a_zip(tmp_path):
    bad = tmp_path / "plan.docx"
    bad.write_text("just text")
    assert _ingest_with_good(tmp_path, bad) == "not a DOCX (not a zip archive)"


def test_docx_zip_bomb(tmp_path):
    real = plan_docx(tmp_path / "real.docx")
    bad = tmp_path / "bomb.docx"
    with zipfile.ZipFile(real) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        # 400 MB of zeros compresses to well under 1 MB
        with dst.open("word/media/bomb.bin", "w") as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(400):
                f.write(chunk)
    assert bad.stat().st_size < 2_000_000
    assert _ingest_with_good(tmp_path, bad).startswith("refused: zip bomb suspected")


def test_unsupported_extension(tmp_path):
    bad = tmp_path / "budget.xlsx"
    bad.write_bytes(b"PK\x03\x04whatever")
    assert _ingest_with_good(tmp_path, bad).startswith("unsupported file type '.xlsx'")


def test_unreadable_file():
    """Run as an unprivileged user (root reads everything), so the permission check is real."""
    import tempfile

    tmp_path = Path(tempfile.mkdtemp(prefix="styrdata-perm-", dir="/tmp"))
    bad = tmp_path / "secret.pdf"
    shutil.copy(plan_pdf(tmp_path / "x.pdf"), bad)
    bad.chmod(0o000)
    good = plan_pdf(tmp_path / "good.pdf")
    db = tmp_path / "w.duckdb"
    for p in (tmp_path, good):
        p.chmod(0o777 if p.is_dir() else 0o644)
    cmd = [sys.executable, "-m", "styrdata", "ingest", str(good), str(bad), "--db", str(db)]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("setpriv is needed to drop root privileges")
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    r = subprocess.run(
        cmd, capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "HOME": str(tmp_path)}
    )
    assert r.returncode == 1, r.stderr
    assert f"{bad}: cannot read file: permission denied" in " ".join(r.stderr.split())
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT status FROM documents ORDER BY source_path").fetchall() == [
        ("ok",),
        ("failed",),
    ]
    con.close()
    bad.chmod(0o644)
    shutil.rmtree(tmp_path)


def test_file_disappearing_mid_batch(tmp_path):
    first = plan_pdf(tmp_path / "a.pdf")
    second = plan_pdf(tmp_path / "b.pdf")
    third = plan_docx(tmp_path / "c.docx")

    def remove_second(outcome):
        if outcome.path == str(first):
            second.unlink()

    db = tmp_path / "w.duckdb"
    # one reader process: b.pdf is read only after a.pdf is stored
    report = api.ingest([first, second, third], db=db, workers=1, on_file=remove_second)
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["a.pdf"].status == "ok" and by_name["c.docx"].status == "ok"
    assert by_name["b.pdf"].status == "failed"
    assert "disappeared" in by_name["b.pdf"].error


def test_cli_prints_one_line_per_failure_and_exits_1(tmp_path):
    bad = tmp_path / "empty.docx"
    bad.write_bytes(b"")
    good = plan_docx(tmp_path / "good.docx")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "styrdata",
            "ingest",
            str(tmp_path),
            "--db",
            str(tmp_path / "w.duckdb"),
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert errors == [f"error: {bad}: empty file (0 bytes)"]
    assert "2 files: 1 ok" in r.stdout and good.exists()
