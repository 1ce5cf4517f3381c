"""Explicit, documented reader settings with defaults (in the spirit of pdfplumber's
``table_settings``). Pass a modified copy to :func:`styrdata.extract.read_document` to tune them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _default_table_settings() -> dict:
    # pdfplumber's own keys; see pdfplumber's README "Table-extraction settings".
    return {
        "vertical_strategy": "lines",
        "horizontal_strategy": "lines",
        "snap_tolerance": 3,
        "join_tolerance": 3,
        "intersection_tolerance": 3,
        "text_x_tolerance": 3,
        "text_y_tolerance": 3,
    }


@dataclass(frozen=True)
class OcrSettings:
    """Tesseract OCR of pages without a usable text layer (see :mod:`styrdata.extract.ocr.pages`)."""

    #: OCR pages without a text layer; when False they are only reported.
    enabled: bool = True
    #: Tesseract language model(s), e.g. "swe" or "swe+eng".
    language: str = "swe"
    #: Model that reads the numbers of a page a second time (see
    #: :mod:`styrdata.extract.ocr.numbers`): the Swedish model has no "%" or "−"; English has.
    #: "" turns the second reading off; a model that is not installed is skipped.
    number_language: str = "eng"
    #: Threshold the straightened page to black and white (Otsu) before Tesseract reads
    #: it: grey cell fills and scanner noise otherwise turn short values into letters.
    binarize: bool = True
    #: Read the cells of ruled tables a second time one by one (see
    #: :mod:`styrdata.extract.ocr.cells`); costs one more Tesseract call on pages with ruled
    #: tables. Off by default: on the corpus scans, once pages are thresholded, it found
    #: nothing the page reading missed and misread three values the page reading had right.
    reread_cells: bool = False
    #: Rendering resolution of a page that is not one scanned image (a vector page with a
    #: garbage text layer). A scanned page is rendered at its image's own resolution.
    dpi: int = 300
    #: Every page and picture is resampled so that its text's stem height (about the
    #: x-height, :func:`styrdata.extract.ocr.prepare.text_height`) is this many pixels:
    #: the size Tesseract reads best (10 pt body text at 300 dpi); 0 reads pages as
    #: rendered. A 200 dpi scan is enlarged 1.5 times, a 600 dpi one halved.
    target_text_height: float = 20.0
    #: Pages are read at no less and no more than these resolutions, whatever the height
    #: of their text (a title page's large print does not shrink the small print under it).
    min_dpi: float = 200.0
    max_dpi: float = 600.0
    #: Smooth scanner noise and JPEG speckle (3×3 median) before thresholding. Off: on the
    #: 200 dpi JPEG scans of the corpus it changed nothing the threshold did not already
    #: do, and at 150 dpi it gained two indicators and lost four budget amounts (004).
    denoise: bool = False
    #: Tesseract page segmentation mode for pages: 1 = automatic with orientation and
    #: script detection (the ``osd`` model: apt-get install tesseract-ocr-osd). A page
    #: whose text it finds standing sideways or upside down (a sheet scanned sideways) is
    #: turned upright and read again; other modes read pages as they stand.
    psm: int = 1
    #: Pages OCR'd at the same time (one Tesseract process each).
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    #: Seconds Tesseract may take for one page.
    page_timeout: float = 180.0
    #: The Tesseract executable.
    tesseract_cmd: str = "tesseract"
    #: Run Tesseract in the reading process through its library, libtesseract (see
    #: :mod:`styrdata.extract.ocr.engine`): each language model is loaded once per process
    #: instead of once per image (0.08 s of CPU per reading, 0.16 s on a scanned page; a
    #: picture is read two or three times). Used only where the library is the version of
    #: ``tesseract_cmd``: it reads exactly what the program reads. False, or without the
    #: library, runs the program once per reading.
    in_process: bool = True
    #: Deskew: the largest tilt (degrees) looked for and corrected before OCR; 0 turns it
    #: off. Measured on a thumbnail this many pixels wide.
    max_skew: float = 5.0
    skew_probe_width: int = 800
    #: Ruling lines of scanned tables: pixels darker than this (0–255) count as ink; a line
    #: is at least this long and at most this thick (PDF points).
    ruling_threshold: int = 140
    ruling_min_length: float = 14.0
    ruling_max_thickness: float = 3.0
    #: On scans below ``faint_rulings_below_dpi``, also take as ruling lines thin lines
    #: lighter than ``ruling_threshold`` that are this much darker than the paper on both
    #: sides of them (:func:`styrdata.extract.ocr.rulings.faint_rulings`): a hairline rule
    #: of a 150 dpi scan is only a light grey pixel wide, and tables whose row rules are
    #: lost run their rows together. At higher resolutions the dark lines are there, and
    #: faint ones only add spurious lines (measured on the real Halland scan). 0 turns it off.
    ruling_contrast: int = 40
    faint_rulings_below_dpi: float = 180.0
    #: Read the pictures on pages that have a text layer (tables pasted as screenshots,
    #: key figures exported as images; see :mod:`styrdata.extract.ocr.pictures`): every
    #: picture at least this wide and tall (points) whose area holds no more than
    #: ``picture_max_text_chars`` characters of the text layer (else the text layer
    #: already says what it shows: a scan with an OCR layer, text over a background).
    #: False leaves them unread, with a warning naming how many (``styrdata ingest
    #: --no-pictures``): OCR of a page of screenshots costs seconds, its text layer
    #: milliseconds.
    pictures: bool = True
    picture_min_width: float = 60.0
    picture_min_height: float = 14.0
    picture_max_text_chars: int = 200
    #: A picture is read only when a plain background covers this share of it (a
    #: screenshot, a table, a chart); a photo's shades spread, and it is not read.
    picture_min_background: float = 0.35
    #: The text height pictures are resampled to (screenshots' small screen fonts read
    #: as well a little smaller than body text), and the most a picture is enlarged.
    picture_text_height: float = 24.0
    picture_max_upscale: float = 4.0
    #: In a picture, a ruling line is what is this much darker than the background
    #: (screenshots draw their grids in faint grey), or darker than ``ruling_threshold``.
    picture_ruling_contrast: int = 16
    #: Tesseract page segmentation mode for pictures.
    picture_psm: int = 4
    #: Read the cells of a picture's ruled tables one by one too (see ``reread_cells``):
    #: short values alone in a cell ("-1", "-0") are otherwise lost now and then.
    picture_reread_cells: bool = True
    #: A picture whose reading has fewer letters and digits than this yields nothing.
    picture_min_chars: int = 4
    #: Read the logo on a document's first page, where publishers print their name
    #: ("ALINGSÅS KOMMUN") as a picture (see :mod:`styrdata.extract.ocr.emblems`): a
    #: picture in the top or bottom ``emblem_band`` of the page's height, at least
    #: ``emblem_min_ratio`` times as wide as tall and at most ``emblem_max_height`` points
    #: tall. Its text is evidence of the publisher only.
    emblems: bool = True
    emblem_band: float = 0.15
    emblem_min_ratio: float = 2.0
    emblem_max_height: float = 80.0


@dataclass(frozen=True)
class PdfSettings:
    #: Read a page's characters, lines, rectangles and images with PDFium (fast, in C)
    #: instead of pdfminer (:mod:`styrdata.extract.readers.pdfium_objects`); pages PDFium
    #: places otherwise (turned, media box off the origin) are read with pdfminer anyway.
    pdfium: bool = True
    #: pdfplumber ``find_tables`` settings.
    table_settings: dict = field(default_factory=_default_table_settings)
    #: Share of the page height at the top and bottom where running headers/footers live.
    margin_ratio: float = 0.09
    #: Share of the page height at the top and bottom that tables found from text alignment
    #: never reach into: the header and footer area proper (Word puts them 1.25 cm from the
    #: edge). Smaller than ``margin_ratio``: body text under Word's default 2.5 cm margins
    #: reaches into that, and a table's first or last row on a full page with it.
    table_margin_ratio: float = 0.06
    #: A margin line is a running header/footer when its text (digits masked) repeats on at
    #: least this share of the pages (and on two pages at least).
    repeat_ratio: float = 0.3
    #: A line whose font is this much larger than the body text is a heading.
    heading_size_ratio: float = 1.12
    #: A paragraph in the lower part of a page (below ``footnote_zone`` of its height), in a
    #: font at most this share of the body text's and starting with a note number, is a
    #: footnote: it is kept, but never read as part of the text around it. On OCR'd pages
    #: the size is Tesseract's estimate for the line (hOCR ``x_size``) against the median
    #: OCR'd line, and a note number may have been read as a quote mark or a degree sign.
    footnote_size_ratio: float = 0.9
    footnote_zone: float = 0.6
    #: Longest line (in characters) still taken as a bold heading.
    heading_max_chars: int = 140
    #: A vertical gap larger than this many body line-heights starts a new paragraph.
    paragraph_gap: float = 0.75
    #: A page with fewer visible characters than this has no usable text layer.
    min_text_chars: int = 20
    #: A page where less than this share of the visible characters are letters, digits or
    #: punctuation (``(cid:NN)`` glyphs, garbage) has no usable text layer.
    min_text_quality: float = 0.6
    #: A page where fewer than this share of the words are Swedish (stop words, forms of
    #: spaCy's Swedish lemma table or compounds of them; see :mod:`styrdata.extract.ocr.words`) has a
    #: garbage text layer and is OCR'd; 0 turns the check off.
    min_word_share: float = 0.5
    #: Tolerance (points) for dropping duplicated fake-bold characters.
    dedupe_tolerance: float = 1.0
    #: Find tables without vertical rules from the text (see :mod:`extract.pdf_text_tables`).
    text_tables: bool = True
    #: A gap wider than this many font sizes between characters separates two columns.
    column_gap: float = 1.5
    #: Fewest rows of numbers that make an unruled table.
    min_table_rows: int = 3
    #: Most text lines above the first row of numbers taken as the header.
    max_header_lines: int = 3
    #: OCR of scanned pages.
    ocr: OcrSettings = field(default_factory=OcrSettings)


@dataclass(frozen=True)
class DocxSettings:
    #: Refuse a DOCX whose uncompressed size exceeds this (zip-bomb guard).
    max_uncompressed_bytes: int = 300 * 1024 * 1024
    #: Refuse a DOCX member whose compression ratio exceeds this (zip-bomb guard).
    max_compression_ratio: float = 200.0


@dataclass(frozen=True)
class Limits:
    """What one document may cost. Each limit fails the document with one line naming it
    (and its ``styrdata ingest`` option); 0 turns a limit off. Pages and characters are
    checked by the PDF reader (:mod:`styrdata.extract.readers.limits`); seconds and memory
    by the ingest pipeline, which reads every document in a reader process of its own
    (:mod:`styrdata.workers`) and kills it, with the programs it started, when it overruns."""

    #: Most pages a PDF may have (``--max-pages``); checked before anything is read.
    max_pages: int = 1000
    #: Most characters one PDF page's text layer may hold (``--max-chars-per-page``): about
    #: 2 kB of memory each while the page is read; a dense A3 table page holds ~20 000.
    max_chars_per_page: int = 100_000
    #: Seconds one document may take, reading, OCR and domain extraction together
    #: (``--timeout``).
    timeout: float = 900.0
    #: Memory (MB of address space) a reader process may use (``--memory-limit``); a
    #: document that needs more fails "out of memory" instead of waking the OOM killer.
    memory_mb: int = 4096


@dataclass(frozen=True)
class ReaderSettings:
    pdf: PdfSettings = field(default_factory=PdfSettings)
    docx: DocxSettings = field(default_factory=DocxSettings)
    #: Seconds LibreOffice may take to convert one ``.doc``/``.odt``.
    libreoffice_timeout: float = 120.0
    #: What one document may cost: pages, characters per page, seconds, memory.
    limits: Limits = field(default_factory=Limits)
