"""Old and open office formats (.doc, .odt, .rtf) converted to DOCX with headless LibreOffice.

The converted file is then read by the DOCX reader; provenance is the converted document's
paragraph and table indexes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from styrdata.extract import processes
from styrdata.extract.readers.errors import ReadError


def libreoffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(p: Path, outdir: str, timeout: float) -> Path:
    """Convert *p* into *outdir* with a private LibreOffice profile; return the DOCX path.

    LibreOffice runs in a process group of its own, killed whole (``soffice.bin`` too) on a
    timeout, on an error and when the calling process dies (:mod:`styrdata.extract.processes`).
    """
    exe = libreoffice_binary()
    if exe is None:
        raise ReadError(
            f"reading {p.suffix.lower()} needs LibreOffice: install it with "
            "'apt-get install -y libreoffice-writer-nogui' (or libreoffice-writer)"
        )
    cmd = [
        exe,
        f"-env:UserInstallation=file://{outdir}/profile",
        "--headless",
        "--convert-to",
        "docx",
        "--outdir",
        outdir,
        str(p),
    ]
    # its temporary files (lu*.tmp, left behind when it is killed) go in the caller's folder
    tmp = Path(outdir) / "tmp"
    tmp.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp)}
    try:
        done = processes.run(cmd, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as e:
        raise ReadError(f"LibreOffice conversion timed out after {timeout:.0f} s") from e
    if done.returncode != 0:
        msg = (done.stderr or b"").decode(errors="replace").strip().splitlines()
        raise ReadError(
            f"LibreOffice could not convert the file ({msg[-1] if msg else done.returncode})"
        )
    out = Path(outdir) / (p.stem + ".docx")
    if not out.exists():
        raise ReadError("LibreOffice could not convert the file (no output produced)")
    return out
