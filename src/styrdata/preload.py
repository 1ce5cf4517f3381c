"""What every reader process needs, loaded once by the fork server that starts them
(:data:`styrdata.workers._PRELOAD`), so that a new reader process — the first ones, and each
that takes the place of one that died or ran out of time — starts with it instead of
loading it on its first document: the reader function and what it imports, and the concept
matcher's catalogue and lemma table (:mod:`styrdata.normalize.concepts`), which turn what a
document says into warehouse rows in the reader process. spaCy itself is not imported:
the matcher reads spaCy's data, and the PDF reader's word check reads its word lists
(:mod:`styrdata.extract.ocr.words`) only for a page that needs it.
"""

from __future__ import annotations

from styrdata import pipeline  # noqa: F401 - imported for what it imports
from styrdata.normalize.concepts import _compiled, _lemmas

_compiled()
_lemmas()
