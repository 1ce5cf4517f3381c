"""Is a PDF text layer Swedish words, or garbage that only looks like text?

A text layer can be present and still useless: a font without a proper character map gives
letters that are shifted or scrambled ("Uhjlrq Kdoodqg"), and an earlier poor OCR leaves
runs of letters that are no words. Such a page is read again with OCR.

:func:`word_share` is the share of a page's words (two letters or more) that are Swedish:
a stop word (spaCy's Swedish list), a form in spaCy's Swedish lemma table
(spacy-lookups-data, about 740 000 forms), or a compound of two such forms ("verksamhets" +
"plan"). Most pages settle on stop words alone — ordinary Swedish prose is about a third
stop words — so the lemma table is loaded only for a page with few of them (tables, lists,
or garbage). Words that lost their å, ä and ö to an earlier OCR ("invanare") count as
non-words, but they are a minority on any page, so such a page is still read as text.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import re
from functools import lru_cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

_TOKEN = re.compile(r"[^\W\d_]{2,}")
#: Share of stop words above which a page is Swedish without looking further.
_CLEARLY_SWEDISH = 0.15


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's Swedish stop words, read from their module alone: importing it the usual
    way imports all of spaCy first (about 0.9 s), which reading a PDF does not need."""
    spec = importlib.util.find_spec("spacy")
    path = Path(spec.origin).parent / "lang" / "sv" / "stop_words.py"
    # the module is one triple-quoted string of words: STOP_WORDS = set("""…""".split())
    words = re.search(r'"""(.*?)"""', path.read_text("utf-8"), re.S)
    return frozenset(words.group(1).split()) if words else frozenset()


@lru_cache(maxsize=1)
def _forms() -> frozenset[str]:
    """Every word form and lemma in spaCy's Swedish lemma lookup table. Parsing the table
    takes about 0.6 s, so the word list is cached on disk (a word a line, keyed by the
    package version; 0.15 s to load) for the next process."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "styrdata" / f"sv-forms-{version('spacy-lookups-data')}.txt"
    try:
        return frozenset(path.read_text("utf-8").split("\n"))
    except OSError:
        pass
    data = files("spacy_lookups_data") / "data" / "sv_lemma_lookup.json.gz"
    with gzip.open(str(data), "rt", encoding="utf-8") as f:
        table = json.load(f)
    forms = frozenset(table) | frozenset(table.values())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("\n".join(sorted(forms)), "utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only home: parse the table each time
    return forms


def _is_word(token: str, forms: frozenset[str]) -> bool:
    if token in forms or token in _stop_words():
        return True
    # compounds: first part (with or without a linking s) + a known last part
    for i in range(3, len(token) - 2):
        head, tail = token[:i], token[i:]
        if tail in forms and (head in forms or (head.endswith("s") and head[:-1] in forms)):
            return True
    return False


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def word_share(text: str) -> float:
    """Share of the words (two letters or more) in ``text`` that are Swedish (1.0 for a
    text without words)."""
    return _share(tokens(text))


def _share(toks: list[str]) -> float:
    if not toks:
        return 1.0
    forms = _forms()
    return sum(_is_word(t, forms) for t in toks) / len(toks)


def mostly_non_words(text: str, min_share: float = 0.5, min_tokens: int = 20) -> bool:
    """True when fewer than ``min_share`` of the words in ``text`` are Swedish. A text of
    fewer than ``min_tokens`` words (figures, a title page) is not judged, and one with
    many stop words is Swedish without the lemma table being loaded."""
    toks = tokens(text)
    if len(toks) < min_tokens:
        return False
    stop = _stop_words()
    if sum(t in stop for t in toks) / len(toks) >= _CLEARLY_SWEDISH:
        return False
    return _share(toks) < min_share
