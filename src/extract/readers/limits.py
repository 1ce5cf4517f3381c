"""Limits on one PDF, checked while it is read, each failing with one clear line.

* pages: counted with PDFium before anything is read (a 2000-page blank PDF would
  otherwise be rendered and OCR'd page after page for a quarter of an hour);
* characters per page: counted by PDFium before any is made, or by pdfminer's layout
  device as it makes each character (pdfplumber keeps about 2 kB per character, so an 8 kB
  PDF holding one line of a million characters needs 2 GB): the page is given up as soon
  as it passes the limit.

Seconds per document and memory are limits of the reading process, enforced by the ingest
pipeline (:mod:`styrdata.workers`); all are set in :class:`styrdata.extract.settings.Limits`.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from pathlib import Path

from styrdata.extract.readers.errors import ReadError
from styrdata.extract.settings import Limits

_MAX_CHARS: contextvars.ContextVar[int] = contextvars.ContextVar("max_chars_per_page", default=0)


def _n(n: int) -> str:
    return f"{n:,}".replace(",", " ")


class PageTooLarge(Exception):
    def __init__(self, page: int, limit: int):
        super().__init__(f"page {page} holds more than {_n(limit)} characters")
        self.page, self.limit = page, limit


def check_pages(path: Path, limits: Limits) -> None:
    """:class:`ReadError` when the PDF has more pages than ``limits.max_pages`` (0 = any).
    A PDF PDFium cannot open is left to the reader, which says why."""
    if not limits.max_pages:
        return
    import pypdfium2 as pdfium

    from styrdata.extract.ocr.pages import PDFIUM_LOCK

    try:
        with PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(str(path))
            try:
                n = len(pdf)
            finally:
                pdf.close()
    except Exception:  # encrypted, corrupt: the reader's own error is the clearer one
        return
    if n > limits.max_pages:
        raise ReadError(f"too many pages: {_n(n)} (limit {_n(limits.max_pages)}: --max-pages)")


def max_chars_per_page() -> int:
    """The limit in force for the page being read (0 = none): readers that count
    characters themselves (:mod:`styrdata.extract.readers.pdfium_objects`) check it."""
    return _MAX_CHARS.get()


_installed = False


def _install() -> None:
    """Count characters in pdfplumber's layout device (once per process)."""
    global _installed
    if _installed:
        return
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent as Device

    original = Device.render_char

    def render_char(self, *args, **kwargs):
        limit = _MAX_CHARS.get()
        if limit:
            n = self.__dict__.get("_styrdata_chars", 0) + 1
            self._styrdata_chars = n
            if n > limit:
                raise PageTooLarge(self.pageno, limit)
        return original(self, *args, **kwargs)

    Device.render_char = render_char
    _installed = True


def _page_too_large(e: BaseException) -> PageTooLarge | None:
    """The :class:`PageTooLarge` behind ``e`` (pdfplumber wraps what pdfminer raises)."""
    stack, seen = [e], set()
    while stack:
        x = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        if isinstance(x, PageTooLarge):
            return x
        stack += [a for a in (x.__cause__, x.__context__, *x.args) if isinstance(a, BaseException)]
    return None


@contextmanager
def chars_per_page(limits: Limits):
    """Within the block, a page whose text layer passes ``limits.max_chars_per_page``
    characters raises :class:`ReadError` as soon as it does (0 = no limit)."""
    _install()
    token = _MAX_CHARS.set(limits.max_chars_per_page)
    try:
        yield
    except Exception as e:
        inner = _page_too_large(e)
        if inner is None:
            raise
        raise ReadError(
            f"too many characters on page {inner.page}: more than {_n(inner.limit)} "
            "(limit per page: --max-chars-per-page)"
        ) from e
    finally:
        _MAX_CHARS.reset(token)
