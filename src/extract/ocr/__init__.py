"""OCR: page images → words with boxes, for pages without a usable text layer.

``pages.py`` runs Tesseract over rendered pages; ``rulings.py`` deskews, finds ruling lines
and thresholds the page image; ``numbers.py`` reads numbers again with a model that has
``%`` and ``−``; ``cells.py`` can read table cells one by one; ``stack.py`` stacks the
cut-outs of such second readings into one image and moves what is read back onto the page;
``words.py`` tells a text layer of Swedish words from garbage (whether a page needs OCR).

May import: :mod:`styrdata.extract.settings`, :mod:`styrdata.normalize` helpers, PIL,
numpy, pypdfium2, pdfplumber's geometry. Never imports a reader or
:mod:`styrdata.extract.domain`.
"""
