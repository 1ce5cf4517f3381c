"""Readers: turn PDF, DOCX and text files into one typed :class:`~extract.model.Document`.

One module per input format (``pdf.py``, ``docx.py``, ``text.py``), all producing the same
document model with provenance (page and bbox for PDFs, paragraph/table index for DOCX,
line number for text). Readers know nothing about goals, budgets or risks.
"""

from extract.model import Block, Cell, Document, Table
from extract.reader import ReadError, read_document

#: Bumped whenever a reader or domain extractor changes what it yields: re-ingesting then
#: reads again the files stored by older extractors, even when their content is unchanged.
EXTRACTOR_VERSION = 3

__all__ = ["EXTRACTOR_VERSION", "Block", "Cell", "Document", "Table", "ReadError", "read_document"]
