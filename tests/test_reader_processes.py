"""Every document is read in a reader process: one that dies costs its document only, and
stopping the batch — SIGTERM, Ctrl-C, kill -9 — leaves no process and no temporary file
behind (issue 17, items 1 and 3)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import duckdb
import pytest

import faults
from builders import plan_docx, plan_pdf
from hostile import blank_pdf, files_under, ocr_started, wait_until_gone
from styrdata import api, pipeline

TESTS = Path(__file__).resolve().parent


def test_a_reader_process_killed_like_by_the_oom_killer_fails_its_file_only(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "_parse", faults.parse)
    src = tmp_path / "in"
    src.mkdir()
    for i in range(5):
        (src / f"plan{i}.txt").write_text(f"# Verksamhetsplan {2020 + i}\n\nRegion Halland\n")
    plan_pdf(src / "plan.pdf")
    victim = src / "oom-victim.txt"
    victim.write_text("# Verksamhetsplan\n")
    db = tmp_path / "w.duckdb"
    report = api.ingest([src], db=db, workers=2)
    by = {Path(f.path).name: f for f in report.files}
    assert len(by) == 7
    assert by["oom-victim.txt"].status == "failed"
    assert by["oom-victim.txt"].error == (
        "the reader process was killed (SIGKILL; out of memory? lower --memory-limit)"
    )
    assert all(f.status == "ok" for n, f in by.items() if n != "oom-victim.txt")
    rows = dict(api.sql("SELECT status, count(*) AS n FROM documents GROUP BY 1", db).values)
    assert rows == {"ok": 6, "failed": 1}


def _cli(tmp: Path, marker: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(tmp / "tmp"), marker: "1"}
    (tmp / "tmp").mkdir(exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-m", "styrdata", "ingest", *args, "--db", str(tmp / "w.duckdb")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_or_ctrl_c_stops_every_process_and_removes_every_temp_file(tmp_path, sig):
    marker = f"STYRDATA_TEST_{uuid.uuid4().hex}"
    good = plan_docx(tmp_path / "a-good.docx")
    slow = blank_pdf(tmp_path / "b-slow.pdf", 60)  # half a minute of OCR
    proc = _cli(tmp_path, marker, str(good), str(slow), "--workers", "2")
    try:
        assert ocr_started(tmp_path / "tmp"), "OCR never started"
        # the DOCX, read beside the first pages' OCR, is stored within seconds even on a
        # busy machine; the PDF's OCR goes on for half a minute
        time.sleep(5)
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == (143 if sig == signal.SIGTERM else 130)
    assert stderr.strip().splitlines()[-1] == (
        f"interrupted ({'SIGTERM' if sig == signal.SIGTERM else 'SIGINT'}): every reader "
        "process stopped; the documents stored so far are complete"
    )
    assert "Traceback" not in stderr
    assert wait_until_gone(marker, 5) == []  # no reader process, no Tesseract
    assert files_under(tmp_path / "tmp") == []  # no page image, no folder
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    stored = con.execute("SELECT source_path, status FROM documents").fetchall()
    con.close()
    assert stored == [(str(good), "ok")]


def test_kill_9_of_the_batch_takes_its_reader_processes_and_their_programs_along():
    tmp = Path(tempfile.mkdtemp(prefix="styrdata-kill9-"))
    marker = f"STYRDATA_TEST_{uuid.uuid4().hex}"
    try:
        slow = blank_pdf(tmp / "slow.pdf", 60)
        proc = _cli(tmp, marker, str(slow))
        assert ocr_started(tmp / "tmp"), "OCR never started"
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        assert wait_until_gone(marker, 8) == []
        # page images and the reader's folder go with it (the fork server's socket folder
        # is Python's own, and stays as for any process killed with -9)
        left = [f for f in files_under(tmp / "tmp") if not f.startswith("pymp-")]
        assert left == []
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
