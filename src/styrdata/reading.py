"""What a reader process runs: one job of :func:`styrdata.pipeline._jobs` — a whole file
read and its findings extracted, a part of a long PDF, or the parts of a PDF put together.

Kept apart from :mod:`styrdata.pipeline` so that a reader process (and the fork server it
starts from) imports the readers and the domain extractors only, never the warehouse,
DuckDB or pandas: it starts sooner and holds less memory.
"""

from __future__ import annotations

from collections.abc import Callable

from styrdata.extract import ReadError, read_document
from styrdata.extract.domain import Findings, extract_domain
from styrdata.extract.model import Document
from styrdata.extract.readers.dispatch import assemble_pdf, read_pdf_part
from styrdata.extract.settings import ReaderSettings


def _job(parse: Callable, kind: str, *args):
    """Worker: one job of :func:`_jobs` — a whole file (``parse``), a part of a PDF, or the
    parts of a PDF put together."""
    if kind == "file":
        return parse(*args)
    if kind == "part":
        path, settings, first, last = args
        try:
            return read_pdf_part(path, first, last, settings)
        except ReadError as e:
            return str(e)
        except MemoryError:
            raise
        except Exception as e:
            return _unexpected(e)
    parts, settings = args
    try:
        doc = assemble_pdf(parts, settings)
        return doc, extract_domain(doc), None
    except ReadError as e:
        return None, None, str(e)
    except MemoryError:
        raise
    except Exception as e:
        return None, None, _unexpected(e)


def _unexpected(e: Exception) -> str:
    return f"unexpected {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}".strip()


def _parse(
    path_str: str, settings: ReaderSettings | None = None
) -> tuple[Document | None, Findings | None, str | None]:
    """Worker: read one file and run the domain extractors on it.

    Returns (document, findings, None) or (None, None, one-line error); out of memory is
    the reader process's to report (:mod:`styrdata.workers`)."""
    try:
        doc = read_document(path_str, settings)
        return doc, extract_domain(doc), None
    except ReadError as e:
        return None, None, str(e)
    except MemoryError:
        raise
    except Exception as e:  # a reader or extractor bug must not stop the batch
        return (
            None,
            None,
            f"unexpected {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}".strip(),
        )
