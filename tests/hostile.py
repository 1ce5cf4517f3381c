"""Hostile inputs the tests build themselves, and helpers to look for processes and files a
batch may leave behind."""

from __future__ import annotations

import os
import time
import zipfile
import zlib
from pathlib import Path

from reportlab.pdfgen import canvas


def blank_pdf(path: Path, pages: int) -> Path:
    """Pages without text, each with a speck of ink (a page with no ink at all is known to
    be blank without asking Tesseract): every one needs OCR, and is read with it."""
    c = canvas.Canvas(str(path))
    for _ in range(pages):
        c.setFillGray(0.5)
        c.circle(300, 400, 0.5, stroke=0, fill=1)
        c.showPage()
    c.save()
    return path


def huge_line_pdf(path: Path, n_chars: int) -> Path:
    """A few kB of PDF whose one page holds one line of ``n_chars`` characters."""
    content = b"BT /F1 10 Tf 20 400 Td (" + b"A" * n_chars + b") Tj ET"
    stream = zlib.compress(content, 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def odt_bomb(path: Path, paragraphs: int = 1_000_000) -> Path:
    """A small .odt that keeps LibreOffice busy for minutes (a million paragraphs)."""
    body = "<text:p>Verksamhetsplan " + "x" * 50 + "</text:p>"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:text>"
        + body * paragraphs
        + "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content)
    return path


def processes_with(marker: str, in_cmdline: bool = True) -> list[str]:
    """Command lines of the running processes whose environment (or, with ``in_cmdline``,
    command line) holds ``marker`` (zombies aside)."""
    found = []
    needle = marker.encode()
    for d in os.listdir("/proc"):
        if not d.isdigit() or int(d) == os.getpid():
            continue
        try:
            with open(f"/proc/{d}/environ", "rb") as f:
                env = f.read()
            with open(f"/proc/{d}/cmdline", "rb") as f:
                cmd = f.read()
            with open(f"/proc/{d}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if state != b"Z" and (needle in env or (in_cmdline and needle in cmd)):
            found.append(cmd.replace(b"\0", b" ").decode(errors="replace").strip())
    return found


def pids_with(word: str) -> list[int]:
    """The processes whose command line holds ``word``."""
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit() and int(d) != os.getpid():
            try:
                with open(f"/proc/{d}/cmdline", "rb") as f:
                    if word.encode() in f.read():
                        out.append(int(d))
            except OSError:
                pass
    return out


def office_sockets(uid: int) -> set[str]:
    """LibreOffice's IPC sockets of one user in /tmp (a killed soffice.bin leaves its own)."""
    return {str(p) for p in Path("/tmp").glob(f"OSL_PIPE_{uid}_*")}


def wait_until_gone(marker: str, seconds: float = 8.0) -> list[str]:
    """The processes still carrying ``marker`` after up to ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        left = processes_with(marker)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def wait_for(marker: str, word: str, seconds: float = 60.0) -> bool:
    """Whether a process whose environment holds ``marker`` and whose command line holds
    ``word`` shows up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(word in c for c in processes_with(marker, in_cmdline=False)):
            return True
        time.sleep(0.1)
    return False


def ocr_started(folder: Path, seconds: float = 60.0) -> bool:
    """Whether a page image for OCR shows up under ``folder`` (a reader's temporary files):
    Tesseract reads in the reader process, so no program of its own shows that it began."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(p.name.startswith("page-") for p in folder.rglob("*.png")):
            return True
        time.sleep(0.1)
    return False


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
