"""Readers: one module per input format, each producing the typed document model.

``pdf.py`` (with ``pdf_text_tables.py`` for tables without vertical rules), ``docx.py``,
``text.py``; ``convert.py`` turns .doc/.odt/.rtf into DOCX with LibreOffice; ``dispatch.py``
checks that a file is what it claims to be and hands it to its reader.

May import: :mod:`styrdata.extract.model`, :mod:`styrdata.extract.settings`,
:mod:`styrdata.extract.ocr` (pages without a text layer) and :mod:`styrdata.normalize` text
helpers. Never imports :mod:`styrdata.extract.domain`: readers know nothing of goals,
budgets or risks.
"""

from styrdata.extract.readers.dispatch import SUPPORTED_SUFFIXES, read_document
from styrdata.extract.readers.errors import ReadError

__all__ = ["SUPPORTED_SUFFIXES", "ReadError", "read_document"]
