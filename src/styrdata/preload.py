"""What every reader process needs, loaded once by the fork server that starts them
(:data:`styrdata.workers._PRELOAD`), so that a new reader process — the first ones, and each
that takes the place of one that died or ran out of time — starts with it instead of
loading it on its first document: the reader function and what it imports, and spaCy's
Swedish tokenizer, which the concept matcher (:mod:`styrdata.normalize.concepts`) needs to
turn what a document says into warehouse rows in the reader process (2 s to load).
"""

from __future__ import annotations

from styrdata import pipeline  # noqa: F401 - imported for what it imports
from styrdata.normalize.concepts import _tokenizer

_tokenizer()
