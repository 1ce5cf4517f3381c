"""Issue 17's "done when": one batch holding every hostile case beside good files ends with
exit 1, every good file stored ``ok``, one line per bad case, no process left running, no
temporary file left, and the earlier good version of a re-downloaded file still queryable.

Run as an unprivileged user when the tests run as root (root reads every folder), through
``faults`` so that one reader process dies as if by the OOM killer and one asks for 3 GB.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import duckdb
import pytest

from builders import plan_docx, plan_pdf
from hostile import (
    blank_pdf,
    files_under,
    huge_line_pdf,
    odt_bomb,
    office_sockets,
    wait_until_gone,
)
from styrdata.extract.readers.convert import libreoffice_binary

TESTS = Path(__file__).resolve().parent
RAW = TESTS.parent / "data" / "raw"
# the CLI with the fault stand-ins installed in its reader function
RUN = (
    f"import sys; sys.path.insert(0, {str(TESTS)!r}); import faults; faults.install(); "
    "from styrdata.cli import app; app(prog_name='styrdata')"
)


def _as_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    if not shutil.which("setpriv"):
        pytest.skip("setpriv is needed to drop root privileges")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]


def test_one_bad_file_never_costs_the_night():
    tmp = Path(tempfile.mkdtemp(prefix="styrdata-night-"))
    try:
        _night(tmp)
    finally:
        subprocess.run(["chmod", "-R", "u+rwx", str(tmp)], check=False)
        shutil.rmtree(tmp, ignore_errors=True)


def _night(tmp: Path) -> None:
    inbox = tmp / "inbox"
    (inbox / "sub").mkdir(parents=True)
    db, temp = tmp / "w.duckdb", tmp / "tmp"
    temp.mkdir()
    good = {  # name → format
        "plan.pdf": "pdf",
        "sub/plan.docx": "docx",
        "halland.txt": "text",
        "utf16.txt": "text",
        "plan_\\xe5r.txt": "text",  # a Latin-1 name from a Windows share
        "redownload.pdf": "pdf",  # stored last night, an HTML error page tonight
        "cut-short.pdf": "pdf",  # stored last night, cut short tonight
    }
    plan_pdf(inbox / "plan.pdf")
    plan_docx(inbox / "sub" / "plan.docx")
    shutil.copy(RAW / "seeds" / "004_a21d5508182b01d5.txt", inbox / "halland.txt")
    seed = (RAW / "seeds" / "003_ed4c0936e15400ec.txt").read_text(encoding="utf-8")
    (inbox / "utf16.txt").write_bytes(seed.encode("utf-16"))
    with open(os.fsencode(inbox) + b"/plan_\xe5r.txt", "wb") as f:
        f.write((RAW / "seeds" / "001_456057fb73cc2169.txt").read_bytes())
    plan_pdf(inbox / "redownload.pdf", pages=2)
    plan_pdf(inbox / "cut-short.pdf", pages=4)

    # last night: the two downloads were good (run as the same user as tonight)
    marker = f"STYRDATA_NIGHT_{uuid.uuid4().hex}"
    env = {**os.environ, "HOME": str(tmp), "TMPDIR": str(temp), marker: "1"}
    cli = _as_user([sys.executable, "-c", RUN])
    subprocess.run(["chmod", "-R", "a+rwX", str(tmp)], check=True)
    first = [*cli, "ingest", str(inbox / "redownload.pdf"), str(inbox / "cut-short.pdf")]
    r = subprocess.run([*first, "--db", str(db)], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr

    # tonight's hostile cases
    (inbox / "redownload.pdf").write_text("<!DOCTYPE html><html><body>502 Bad Gateway</body>")
    cut = inbox / "cut-short.pdf"
    cut.write_bytes(cut.read_bytes()[:3000])
    shutil.copy(inbox / "plan.pdf", inbox / "sub" / "copy-of-plan.pdf")  # a duplicate
    bad = {  # what each bad case's line says
        "oom-victim.txt": "the reader process was killed (SIGKILL; out of memory?",
        "memory-hog.txt": "out of memory: reading needs more than 1500 MB",
        "blank-2000.pdf": "too many pages: 2 000 (limit 1 000: --max-pages)",
        "one-line.pdf": "too many characters on page 1: more than 100 000",
        "slow-scan.pdf": "timed out after 8 s (limit per document: --timeout)",
        "binary.txt": "not a text file: binary content",
        "redownload.pdf": "not a PDF: the file is an HTML page (kept the earlier good version",
        "cut-short.pdf": "corrupt or truncated PDF",
        "br[/]ev/empty.pdf": "empty file (0 bytes)",
        "x\\nerror: forged.pdf": "empty file (0 bytes)",
        "locked": "skipped: unreadable folder: permission denied",
        "loop.pdf": "skipped: symlink loop",
        "dangling.pdf": "skipped: dangling symlink",
        "pipe.txt": "skipped: not a regular file: it is a named pipe",
        "../cli-loop.pdf": "cannot read file: symlink loop",  # named on the command line
    }
    (inbox / "oom-victim.txt").write_text("Verksamhetsplan\n")
    (inbox / "memory-hog.txt").write_text("Verksamhetsplan 2025\n")
    blank_pdf(inbox / "blank-2000.pdf", 2000)
    huge_line_pdf(inbox / "one-line.pdf", 1_400_000)
    blank_pdf(inbox / "slow-scan.pdf", 60)
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (inbox / "br[/]ev").mkdir(parents=True)  # a folder "br[" holding one "]ev"
    (inbox / "br[/]ev" / "empty.pdf").write_bytes(b"")
    (inbox / "x\nerror: forged.pdf").write_bytes(b"")
    (inbox / "locked").mkdir()
    plan_pdf(inbox / "locked" / "hidden.pdf")
    os.symlink(inbox / "loop.pdf", inbox / "loop.pdf")
    os.symlink(inbox / "gone.pdf", inbox / "dangling.pdf")
    os.mkfifo(inbox / "pipe.txt")
    os.symlink(tmp / "cli-loop.pdf", tmp / "cli-loop.pdf")
    if libreoffice_binary():
        odt_bomb(inbox / "bomb.odt")
        bad["bomb.odt"] = "timed out after 8 s (limit per document: --timeout)"
    subprocess.run(["chmod", "-R", "a+rwX", str(inbox)], check=True)
    (inbox / "locked").chmod(0o700)  # root's; the batch runs as nobody

    uid = 65534 if os.geteuid() == 0 else os.geteuid()
    sockets_before = office_sockets(uid)
    cmd = [*cli, "ingest", str(inbox), str(tmp / "cli-loop.pdf"), "--db", str(db)]
    cmd += ["--workers", "2", "--timeout", "8", "--memory-limit", "1500"]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)

    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == len(bad), "\n".join(errors)  # one line per bad case
    for name, said in bad.items():
        path = os.path.normpath(inbox / name) if name.startswith("..") else f"{inbox}/{name}"
        assert any(ln.startswith(f"error: {path}: {said}") for ln in errors), (name, errors)
    warnings = [ln for ln in r.stderr.splitlines() if ln.startswith("warning:")]
    assert (
        f"warning: {inbox}/plan_\\xe5r.txt: file name is not UTF-8: stored as plan_\\xe5r.txt"
        in (warnings)
    )
    summary = r.stdout.splitlines()[0]
    assert ", 1 duplicate, " in summary and "(2 kept their earlier good version)" in summary

    # every good file stored ok, with its rows; the earlier good versions still queryable
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT source_path, status, format, last_error, "
        "(SELECT count(*) FROM blocks b WHERE b.document_id = d.document_id) "
        "FROM documents d"
    ).fetchall()
    con.close()
    stored = {p[len(str(inbox)) + 1 :]: (s, f, e, n) for p, s, f, e, n in rows}
    for name, fmt in good.items():
        status, got_fmt, _, blocks = stored[name]
        assert (status, got_fmt) == ("ok", fmt) and blocks > 0, name
    assert stored["redownload.pdf"][2] == "not a PDF: the file is an HTML page"
    assert stored["cut-short.pdf"][2].startswith("corrupt or truncated PDF")
    assert "sub/copy-of-plan.pdf" not in stored
    failed = {n for n, (s, *_) in stored.items() if s == "failed"}
    assert len(failed) == 10  # every bad file read, and no row for what was skipped

    # nothing left behind
    assert wait_until_gone(marker, 8) == []
    assert files_under(temp) == []
    assert office_sockets(uid) - sockets_before == set()  # the killed LibreOffice's IPC socket
