"""Dispatch a file to the reader for its format, after checking it is what it claims to be.

Every failure becomes a :class:`ReadError` whose message is one line naming the reason; the
caller adds the file name. Nothing here knows about the warehouse.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import zipfile
from pathlib import Path

from styrdata.extract.model import Document
from styrdata.extract.readers.errors import ReadError
from styrdata.extract.settings import ReaderSettings

PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
CONVERT_SUFFIXES = {".doc", ".odt", ".rtf"}
TEXT_SUFFIXES = {".txt", ".md"}
SUPPORTED_SUFFIXES = PDF_SUFFIXES | DOCX_SUFFIXES | CONVERT_SUFFIXES | TEXT_SUFFIXES


def _sniff(head: bytes) -> str:
    h = head.lstrip()[:512].lower()
    if head.startswith(b"%PDF") or b"%pdf-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if h.startswith((b"<!doctype html", b"<html")) or b"<html" in h:
        return "html"
    if h.startswith(b"{\\rtf"):
        return "rtf"
    return "other"


_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def check_regular(path: Path) -> None:
    """:class:`ReadError` unless ``path`` is a regular file (a named pipe would block the
    reader for ever, a device never ends)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # opening it says why
    if stat.S_ISDIR(mode):
        raise ReadError("is a directory, not a document")
    for test, what in _SPECIAL:
        if test(mode):
            raise ReadError(f"not a regular file: it is {what}")


def read_bytes_head(path: Path, n: int = 2048) -> bytes:
    check_regular(path)
    try:
        with open(path, "rb") as f:
            return f.read(n)
    except FileNotFoundError as e:
        raise ReadError("file not found (it disappeared before it could be read)") from e
    except IsADirectoryError as e:
        raise ReadError("is a directory, not a document") from e
    except PermissionError as e:
        raise ReadError("cannot read file: permission denied") from e
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ReadError("cannot read file: symlink loop") from e
        raise ReadError(f"cannot read file: {e.strerror or e}") from e


def read_document(path: str | os.PathLike, settings: ReaderSettings | None = None) -> Document:
    """Read one file into a :class:`Document`; raise :class:`ReadError` with a one-line reason."""
    s = settings or ReaderSettings()
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(
            f"unsupported file type '{suffix or '(none)'}' (supported: {' '.join(sorted(SUPPORTED_SUFFIXES))})"
        )
    head = read_bytes_head(p)
    if not head:
        raise ReadError("empty file (0 bytes)")
    kind = _sniff(head)
    if suffix in PDF_SUFFIXES:
        if kind != "pdf":
            what = {
                "html": "an HTML page",
                "zip": "a zip archive",
                "ole": "an old Office file",
            }.get(kind, "not a PDF")
            raise ReadError(
                f"not a PDF: the file is {what}"
                if kind != "other"
                else "not a PDF (no %PDF header)"
            )
        return _read_pdf_guarded(p, s)
    if suffix in DOCX_SUFFIXES:
        if kind != "zip":
            what = {"html": "an HTML page", "pdf": "a PDF", "ole": "an old binary .doc"}.get(kind)
            raise ReadError(
                f"not a DOCX: the file is {what}" if what else "not a DOCX (not a zip archive)"
            )
        return _read_docx_guarded(p, s)
    if suffix in CONVERT_SUFFIXES:
        expected = {".odt": ("zip",), ".doc": ("ole", "rtf"), ".rtf": ("rtf",)}[suffix]
        if kind not in expected:
            raise ReadError(
                f"not a {suffix[1:].upper()} file (content is {kind if kind != 'other' else 'unrecognised'})"
            )
        return _read_converted(p, s)
    if kind in ("pdf", "zip", "ole"):
        what = {"pdf": "a PDF", "zip": "a zip archive (DOCX?)", "ole": "an old Office file"}
        raise ReadError(f"not a text file: the file is {what[kind]}")
    from styrdata.extract.readers.text import read_text

    return read_text(str(p))


def _read_pdf_guarded(p: Path, s: ReaderSettings) -> Document:
    from styrdata.extract.readers.pdf import read_pdf

    return _pdf_guarded(p, s, lambda: read_pdf(str(p), s.pdf))


def read_pdf_part(
    path: str | os.PathLike, first: int, last: int, settings: ReaderSettings | None = None
):
    """Pages ``first``–``last`` of a PDF read on their own (a part of a long document read
    in parallel, :func:`styrdata.extract.readers.pdf.assemble` puts the parts together);
    the same checks and one-line errors as :func:`read_document`."""
    from styrdata.extract.readers.pdf import read_part

    s = settings or ReaderSettings()
    p = Path(path)
    head = read_bytes_head(p)
    if _sniff(head) != "pdf":
        raise ReadError("not a PDF (no %PDF header)")
    return _pdf_guarded(p, s, lambda: read_part(str(p), s.pdf, first, last))


def assemble_pdf(parts: list, settings: ReaderSettings | None = None) -> Document:
    """The parts of one PDF read in parallel, as one document."""
    from styrdata.extract.readers.pdf import assemble

    s = settings or ReaderSettings()
    return _pdf_guarded(Path(parts[0].path), s, lambda: assemble(parts, s.pdf), check=False)


def _pdf_guarded(p: Path, s: ReaderSettings, read, check: bool = True):
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    from styrdata.extract.ocr.pages import OcrUnavailable
    from styrdata.extract.readers.limits import chars_per_page, check_pages

    if check:
        check_pages(p, s.limits)
    try:
        with chars_per_page(s.limits):
            return read()
    except ReadError:
        raise
    except OcrUnavailable as e:
        raise ReadError(str(e)) from e
    except FileNotFoundError as e:
        raise ReadError("file not found (it disappeared while being read)") from e
    except PdfminerException as e:
        inner = e.args[0] if e.args else e
        if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
            raise ReadError("encrypted PDF: a password is required to read it") from e
        if isinstance(inner, PDFSyntaxError | PSException):
            raise ReadError(f"corrupt or truncated PDF ({type(inner).__name__}: {inner})") from e
        raise ReadError(f"corrupt or truncated PDF ({type(inner).__name__}: {inner})") from e
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise ReadError("encrypted PDF: a password is required to read it") from e
    except (PDFSyntaxError, PSException) as e:
        raise ReadError(f"corrupt or truncated PDF ({type(e).__name__}: {e})") from e
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as e:
        raise ReadError(f"corrupt or truncated PDF ({type(e).__name__}: {e})") from e


def _check_zip(p: Path, s: ReaderSettings) -> None:
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            if total > s.docx.max_uncompressed_bytes:
                raise ReadError(
                    f"refused: zip bomb suspected ({total / 1e6:.0f} MB uncompressed, "
                    f"limit {s.docx.max_uncompressed_bytes / 1e6:.0f} MB)"
                )
            for i in infos:
                if (
                    i.compress_size
                    and i.file_size > 1_000_000
                    and i.file_size / i.compress_size > s.docx.max_compression_ratio
                ):
                    raise ReadError(
                        f"refused: zip bomb suspected ({i.filename} expands {i.file_size / i.compress_size:.0f}×)"
                    )
            if "word/document.xml" not in {i.filename for i in infos}:
                raise ReadError("not a DOCX: zip archive has no word/document.xml")
    except zipfile.BadZipFile as e:
        raise ReadError(f"corrupt DOCX: {e}") from e


def _read_docx_guarded(p: Path, s: ReaderSettings) -> Document:
    from styrdata.extract.readers.docx import read_docx

    _check_zip(p, s)
    try:
        return read_docx(str(p))
    except ReadError:
        raise
    except FileNotFoundError as e:
        raise ReadError("file not found (it disappeared while being read)") from e
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ReadError(f"corrupt DOCX ({type(e).__name__}: {e})") from e
    except Exception as e:  # lxml.etree.XMLSyntaxError and friends
        if type(e).__name__ in ("XMLSyntaxError", "PackageNotFoundError"):
            raise ReadError(f"corrupt DOCX ({type(e).__name__}: {e})") from e
        raise


def _read_converted(p: Path, s: ReaderSettings) -> Document:
    """Convert .doc/.odt/.rtf to .docx with headless LibreOffice, then read the DOCX."""
    from styrdata.extract.readers import convert

    with tempfile.TemporaryDirectory(prefix="styrdata-lo-") as tmp:
        out = convert.convert_to_docx(p, tmp, s.libreoffice_timeout)
        doc = _read_docx_guarded(out, s)
    doc.source_path = str(p)
    doc.warnings.append(f"converted from {p.suffix.lower()} with LibreOffice")
    return doc
