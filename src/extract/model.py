"""The typed document model every reader produces.

A :class:`Document` is an ordered list of :class:`Block` s. A block is a heading (with a
level), a paragraph, a list item, a footnote, an image placeholder or a table. Every block
carries its provenance: ``page`` (1-based, PDFs) and ``bbox`` (PDF points, top-left origin),
or ``source_index`` (DOCX: body element index; text: 1-based line number), and where its text
came from (``source``): the text layer or the file's text (``text``), OCR of a scanned page
(``ocr``), or OCR of a picture on a page with a text layer (``picture_ocr``, with the
picture's box on the page in ``picture``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "footnote", "image", "table"]
BlockSource = Literal["text", "ocr", "picture_ocr"]
BBox = tuple[float, float, float, float]


@dataclass(slots=True)
class Cell:
    row: int
    col: int
    text: str
    is_header: bool = False
    row_span: int = 1
    col_span: int = 1
    bold: bool = False
    #: PDF page the cell was read on (a stitched table spans pages); None elsewhere.
    page: int | None = None
    #: fill colours ("#2e9e48") of status symbols in the cell: drawn (PDF) or a coloured
    #: symbol character ("●", PDF and DOCX)
    marks: list[str] = field(default_factory=list)
    #: where the text starts, in points: in a PDF from the cell's left edge (or, in a table
    #: found from text alignment, on the page), in DOCX the paragraph's indent; 0 where not
    #: known. Only differences between the rows of a column mean something (indentation).
    indent: float = 0.0


@dataclass(slots=True)
class Table:
    n_rows: int
    n_cols: int
    cells: list[Cell]
    title: str | None = None
    pages: list[int] = field(default_factory=list)

    def grid(self) -> list[list[str | None]]:
        """Rows × columns of cell text; positions covered by a merged cell are ``None``."""
        g: list[list[str | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            g[c.row][c.col] = c.text
        return g


@dataclass(slots=True)
class Block:
    kind: BlockKind
    text: str
    page: int | None = None
    bbox: BBox | None = None
    source_index: int | None = None
    level: int | None = None
    font_size: float | None = None
    bold: bool | None = None
    table: Table | None = None
    # The visual lines the text was joined from (PDF lines, DOCX line breaks, text lines):
    # what line-based layouts such as a table flattened to text are read from.
    lines: list[str] = field(default_factory=list)
    # Fill colours ("#2e9e48") of status symbols on the block's lines (PDF: drawn or a coloured
    # symbol character; DOCX: a coloured symbol run): a traffic light beside a goal.
    marks: list[str] = field(default_factory=list)
    #: Where the text came from: the text layer (or the DOCX/text file), OCR of a scanned
    #: page, or OCR of a picture on a page with a text layer.
    source: BlockSource = "text"
    #: For ``picture_ocr``: the picture's box on the page (PDF points, top-left origin).
    picture: BBox | None = None


@dataclass(slots=True)
class Document:
    source_path: str
    format: Literal["pdf", "docx", "text"]
    blocks: list[Block]
    pages: int | None = None
    properties: dict[str, str] = field(default_factory=dict)
    ocr_pages: list[int] = field(default_factory=list)  # pages without a usable text layer
    warnings: list[str] = field(default_factory=list)
    ocr_done: bool = False  # the ocr_pages were read with OCR
    # Running headers and footers the reader kept out of the blocks (distinct texts, in page
    # order): where a document names its publisher and organ on every page.
    running_text: list[str] = field(default_factory=list)
    # What OCR read in the logo on the first page (one text per logo): publishers print
    # their name there as a picture, often nowhere else (PDF).
    emblem_text: list[str] = field(default_factory=list)

    @property
    def needs_ocr(self) -> bool:
        """True when no page has a usable text layer, or most pages lack one, and OCR has
        not read them."""
        if not self.pages or not self.ocr_pages or self.ocr_done:
            return False
        return len(self.ocr_pages) * 2 > self.pages or not any(
            b.kind != "image" for b in self.blocks
        )

    @property
    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if b.table is not None]

    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks if b.text)
