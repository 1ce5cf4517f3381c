"""OCR: page and picture images → words with boxes, for pages without a usable text layer
and for the pictures on pages that have one.

``pages.py`` runs Tesseract over rendered pages (and ``read_image`` over any image);
``pictures.py`` finds the pictures on pages with a text layer that can hold text (a table
pasted as a screenshot) and reads them; ``prepare.py`` measures how tall the text is (to
resample to the height Tesseract reads best) and tells a photo from a picture with text;
``rulings.py`` deskews, finds ruling lines (also the faint grey grids of screenshots) and
thresholds the image; ``marks.py`` mends what Tesseract misreads in the image (bullets and
status dots read as letters, a short minus sign dropped); ``numbers.py`` reads numbers again
with a model that has ``%`` and ``−``; ``cells.py`` can read table cells one by one;
``stack.py`` stacks the cut-outs of such second readings into one image and moves what is
read back onto the page; ``words.py`` tells a text layer of Swedish words from garbage
(whether a page needs OCR).

May import: :mod:`styrdata.extract.settings`, :mod:`styrdata.normalize` helpers, PIL,
numpy, pypdfium2, pdfplumber's geometry. Never imports a reader or
:mod:`styrdata.extract.domain`.
"""
