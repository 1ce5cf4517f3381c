"""Å, ä and ö that an earlier, poor OCR lost ("Lanets invanare", "Effektmal"), put back for
display — only where a Swedish word list makes it certain.

A word is restored when it lacks å/ä/ö, is not a Swedish word as printed, and exactly one of
its spellings with a → å/ä, o → ö (and OCR's é → ä) is. "invanare" becomes "invånare";
"halsa" stays, since both "halsa" and "hälsa" are words. The word list is hunspell's Swedish
dictionary (Debian: ``apt-get install hunspell hunspell-sv``), asked once per batch of texts;
without it texts are returned as they are. Raw texts are always kept beside the display
text by the callers.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from collections.abc import Iterable

_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]+")
_SWAPS = {"a": "aåä", "o": "oö", "é": "éä", "A": "AÅÄ", "O": "OÖ", "É": "ÉÄ"}
MAX_PLACES = 4  # at most 3**4 spellings tried per word


class Lexicon:
    """Swedish words known to hunspell (``hunspell -d sv_SE -G``)."""

    def __init__(self, dictionary: str = "sv_SE", command: str = "hunspell"):
        self.dictionary = dictionary
        self.exe = shutil.which(command)

    @property
    def available(self) -> bool:
        if self.exe is None:
            return False
        probe = subprocess.run(
            [self.exe, "-d", self.dictionary, "-G"],
            input="och\n",
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        return probe.stdout.split() == ["och"]

    def known(self, words: Iterable[str]) -> set[str]:
        words = sorted(set(words))
        if not words or self.exe is None:
            return set()
        try:
            out = subprocess.run(
                [self.exe, "-d", self.dictionary, "-G"],
                input="\n".join(words) + "\n",
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return set()  # no word list to be certain with: nothing is restored
        return set(out.stdout.split())


def _spellings(word: str) -> list[str]:
    places = [k for k, ch in enumerate(word) if ch in _SWAPS]
    if not places or len(places) > MAX_PLACES:
        return []
    out = []
    for combo in itertools.product(*(_SWAPS[word[k]] for k in places)):
        chars = list(word)
        for k, ch in zip(places, combo, strict=True):
            chars[k] = ch
        cand = "".join(chars)
        if cand != word and "é" not in cand.lower():
            out.append(cand)
    return out


def _candidate(word: str) -> bool:
    return (
        len(word) >= 3
        and not any(ch in "åäöÅÄÖ" for ch in word)
        and not (word.isupper() and len(word) > 1)
    )


#: Swedish prose has 3–4 % å/ä/ö among its letters; below this share they were lost.
DAMAGED_SHARE = 0.005


def diacritics_share(texts: Iterable[str | None]) -> float:
    letters = marked = 0
    for t in texts:
        for ch in t or "":
            if ch.isalpha():
                letters += 1
                marked += ch in "åäöÅÄÖ"
    return marked / letters if letters else 1.0


def restore_diacritics(texts: list[str | None], lexicon: Lexicon | None = None):
    """The texts with certain å/ä/ö put back (None stays None). Texts that kept their
    diacritics (a normal share of å/ä/ö, see :data:`DAMAGED_SHARE`) come back as they are
    without asking the word list."""
    if diacritics_share(texts) >= DAMAGED_SHARE:
        return list(texts)
    lexicon = lexicon or Lexicon()
    if lexicon.exe is None:
        return list(texts)
    words = {w for t in texts if t for w in _WORD.findall(t) if _candidate(w)}
    spellings = {w: _spellings(w) for w in words}
    known = lexicon.known([*words, *(c for cs in spellings.values() for c in cs)])
    fixes = {}
    for w, cands in spellings.items():
        if w in known or not cands:
            continue
        good = [c for c in cands if c in known]
        if len(good) == 1:
            fixes[w] = good[0]
    if not fixes:
        return list(texts)
    return [_WORD.sub(lambda m: fixes.get(m.group(), m.group()), t) if t else t for t in texts]
