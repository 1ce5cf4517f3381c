"""Limits with clear errors — pages, characters per page, seconds, memory — pages rendered for
OCR one at a time, and no program outliving its reason to run (issue 17, item 3)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

import faults
from builders import plan_pdf
from hostile import blank_pdf, huge_line_pdf, odt_bomb, pids_with, wait_for, wait_until_gone
from styrdata import api, pipeline
from styrdata.extract import ReadError, processes, read_document
from styrdata.extract.ocr import pages as ocr
from styrdata.extract.readers import convert
from styrdata.extract.settings import Limits, OcrSettings, ReaderSettings


def _limits(**kw) -> ReaderSettings:
    return ReaderSettings(limits=Limits(**kw))


def test_too_many_pages_fails_before_anything_is_read(tmp_path, monkeypatch):
    pdf = blank_pdf(tmp_path / "blank.pdf", 30)
    monkeypatch.setattr(ocr, "ocr_pages", lambda *a: pytest.fail("a page was OCR'd"))
    with pytest.raises(ReadError, match=r"^too many pages: 30 \(limit 20: --max-pages\)$"):
        read_document(pdf, _limits(max_pages=20))
    assert Limits().max_pages == 1000  # a 2000-page blank PDF is refused by default


def test_a_page_with_too_many_characters_is_given_up_at_the_limit(tmp_path):
    pdf = huge_line_pdf(tmp_path / "line.pdf", 300_000)
    assert pdf.stat().st_size < 10_000
    t0 = time.monotonic()
    with pytest.raises(ReadError) as e:
        read_document(pdf, _limits(max_chars_per_page=20_000))
    assert str(e.value) == (
        "too many characters on page 1: more than 20 000 (limit per page: --max-chars-per-page)"
    )
    assert time.monotonic() - t0 < 5  # not the 10 s and 600 MB of reading it all
    # the same file within the limit is read as before
    doc = read_document(huge_line_pdf(tmp_path / "short.pdf", 500), _limits())
    assert doc.blocks and "AAAA" in doc.blocks[0].text


def test_good_files_read_the_same_within_the_limits(tmp_path):
    pdf = plan_pdf(tmp_path / "plan.pdf")
    unlimited = ReaderSettings(limits=Limits(0, 0, 0, 0))
    a, b = read_document(pdf), read_document(pdf, unlimited)
    assert [(x.kind, x.text, x.page) for x in a.blocks] == [
        (x.kind, x.text, x.page) for x in b.blocks
    ]


def test_ocr_renders_each_page_when_it_is_read_and_deletes_it(tmp_path, monkeypatch):
    pdf = blank_pdf(tmp_path / "blank.pdf", 5)
    events: list[str] = []
    real_render = ocr._render

    def render(doc, page, s, folder):
        events.append(f"render {page}")
        return real_render(doc, page, replace(s, dpi=30, max_dpi=30), folder)  # a thumbnail

    def read(exe, png, page, dpi, s, number_model):
        events.append(f"read {page} ({len(list(png.parent.glob('*.png')))} image(s) on disk)")
        return ocr.OcrPage()

    monkeypatch.setattr(ocr, "_render", render)
    monkeypatch.setattr(ocr, "_read_page", read)
    out = ocr.ocr_pages(str(pdf), [1, 2, 3, 4, 5], OcrSettings(workers=1))
    assert sorted(out) == [1, 2, 3, 4, 5]
    assert events == [
        e for p in range(1, 6) for e in (f"render {p}", f"read {p} (1 image(s) on disk)")
    ]


def test_a_program_is_killed_with_its_process_group_on_timeout():
    marker = f"STYRDATA_TEST_{uuid.uuid4().hex}"
    env = {**os.environ, marker: "1"}
    t0 = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        # the shell's own child, like soffice.bin under soffice, is killed too
        processes.run(["sh", "-c", "sleep 60 & sleep 60; wait"], timeout=0.5, env=env)
    assert time.monotonic() - t0 < 5
    assert wait_until_gone(marker, 3) == []


def test_a_program_dies_with_the_process_that_started_it():
    marker = f"STYRDATA_TEST_{uuid.uuid4().hex}"
    code = (
        "import os; from styrdata.extract import processes; "
        f"processes.run(['sleep', '60'], timeout=None, env={{**os.environ, '{marker}': '1'}})"
    )
    parent = subprocess.Popen([sys.executable, "-c", code])
    try:
        assert wait_for(marker, "sleep 60", 20)
        os.kill(parent.pid, signal.SIGKILL)  # no chance to clean up: the kernel does it
        parent.wait()
        assert wait_until_gone(marker, 3) == []
    finally:
        parent.kill()


@pytest.mark.skipif(convert.libreoffice_binary() is None, reason="LibreOffice not installed")
def test_libreoffice_is_killed_whole_on_timeout(tmp_path):
    bomb = odt_bomb(tmp_path / "bomb.odt")
    profile = tmp_path / "lo"  # unique: it is on soffice.bin's command line
    profile.mkdir()
    sockets: list[str] = []

    def watch():  # LibreOffice's IPC socket, which it keeps in /tmp whatever TMPDIR says
        deadline = time.monotonic() + 10
        while not sockets and time.monotonic() < deadline:
            sockets.extend(processes.bound_sockets(pids_with(str(profile))))
            time.sleep(0.1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    t0 = time.monotonic()
    with pytest.raises(ReadError, match="LibreOffice conversion timed out after 3 s"):
        convert.convert_to_docx(bomb, str(profile), timeout=3)
    assert time.monotonic() - t0 < 15
    watcher.join()
    assert wait_until_gone(str(profile), 3) == []  # soffice.bin too, not only soffice
    assert sockets and [s for s in sockets if os.path.exists(s)] == []
    assert list((profile / "tmp").glob("lu*.tmp"))  # its temporary files: in the folder given


def test_a_document_over_the_time_limit_fails_and_its_ocr_is_stopped(tmp_path, monkeypatch):
    # the reader's folder, and so the page images Tesseract reads, under tmp_path: this
    # test's Tesseract processes are told from any other test run's by their command line
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    slow = blank_pdf(tmp_path / "blank.pdf", 40)  # ~20 s of OCR
    good = plan_pdf(tmp_path / "good.pdf")
    db = tmp_path / "w.duckdb"
    t0 = time.monotonic()
    report = api.ingest([slow, good], db=db, settings=_limits(timeout=3))
    assert time.monotonic() - t0 < 20
    by = {Path(f.path).name: f for f in report.files}
    assert by["good.pdf"].status == "ok"
    assert by["blank.pdf"].status == "failed"
    assert by["blank.pdf"].error == "timed out after 3 s (limit per document: --timeout)"
    assert wait_until_gone(str(tmp_path), 3) == []  # no Tesseract left running


def test_a_document_that_needs_too_much_memory_fails_out_of_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "_parse", faults.parse)
    hog = tmp_path / "memory-hog.txt"
    hog.write_text("Verksamhetsplan\n")
    good = tmp_path / "good.txt"
    good.write_text("Verksamhetsplan 2025 för Region Halland\n")
    report = api.ingest([hog, good], db=tmp_path / "w.duckdb", settings=_limits(memory_mb=1500))
    by = {Path(f.path).name: f for f in report.files}
    assert by["good.txt"].status == "ok"
    assert by["memory-hog.txt"].status == "failed"
    assert by["memory-hog.txt"].error == (
        "out of memory: reading needs more than 1500 MB (limit: --memory-limit)"
    )
