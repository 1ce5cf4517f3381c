"""Extraction: files → one typed document (readers, OCR) → what it says (domain).

* :mod:`styrdata.extract.model` — the typed document every reader produces (blocks with
  provenance: page and bbox, paragraph/table index or line).
* :mod:`styrdata.extract.readers` — one module per input format (PDF, DOCX, text, LibreOffice
  conversion).
* :mod:`styrdata.extract.ocr` — page images → words with boxes (Tesseract), for scans.
* :mod:`styrdata.extract.domain` — metadata, goals and indicators, budget lines, risks.
* :mod:`styrdata.extract.settings` — the documented reader, PDF and OCR settings.

Readers and OCR never import domain code; domain code never imports a reader
(``tests/test_layout.py`` checks it).
"""

from styrdata.extract.model import Block, Cell, Document, Table
from styrdata.extract.readers import ReadError, read_document

#: Bumped whenever a reader or domain extractor changes what it yields: re-ingesting then
#: reads again the files stored by older extractors, even when their content is unchanged.
EXTRACTOR_VERSION = 20

__all__ = ["EXTRACTOR_VERSION", "Block", "Cell", "Document", "Table", "ReadError", "read_document"]
