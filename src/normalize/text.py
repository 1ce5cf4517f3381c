"""Text clean-up shared by all readers: Unicode, diacritics, hyphenation, whitespace."""

from __future__ import annotations

import re
import unicodedata

# Spacing diacritics some PDF producers emit as separate glyphs, mapped to combining marks.
_SPACING_TO_COMBINING = {
    "\u00a8": "\u0308",  # ¨ diaeresis
    "\u02da": "\u030a",  # ˚ ring above
    "\u00b4": "\u0301",  # ´ acute
    "\u02dd": "\u030b",
}
_SPACING_BEFORE = re.compile(r"([\u00a8\u02da\u00b4])\s?([A-Za-z])")
_SPACING_AFTER = re.compile(r"([A-Za-z])\s?([\u00a8\u02da])")
_WS = re.compile(r"[ \t\u00a0\u2009\u202f\u2007]+")
_COMPOUND_ELLIPSIS_NEXT = {"och", "eller", "samt", "resp", "respektive", "till", "som"}


def recombine_diacritics(s: str) -> str:
    """Turn ``a¨`` / ``¨a`` / ``a\u0308`` into ``ä`` and NFC-normalize."""
    if any(ch in s for ch in _SPACING_TO_COMBINING):
        s = _SPACING_BEFORE.sub(lambda m: m.group(2) + _SPACING_TO_COMBINING[m.group(1)], s)
        s = _SPACING_AFTER.sub(lambda m: m.group(1) + _SPACING_TO_COMBINING[m.group(2)], s)
    return unicodedata.normalize("NFC", s)


def clean(s: str) -> str:
    """NFC, recombined diacritics, soft hyphens dropped, runs of spaces folded, stripped."""
    s = recombine_diacritics(
        s.replace("\u00ad", "").replace("\ufb01", "fi").replace("\ufb02", "fl")
    )
    return _WS.sub(" ", s).strip()


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines of one paragraph, mending hyphenated breaks.

    ``"för-" + "utsättningar"`` becomes ``"förutsättningar"``; a Swedish compound ellipsis
    such as ``"hälso- och sjukvård"`` keeps its hyphen.
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            first = line.split(" ", 1)[0]
            stem = out[:-1].rsplit(" ", 1)[-1]
            if first[:1].islower() and first.lower().strip(",.") not in _COMPOUND_ELLIPSIS_NEXT:
                # "NIS-" + "direktivet": an acronym keeps its hyphen, the break is mended.
                keep = sum(ch.isupper() for ch in stem) >= 2 or stem[:1].isdigit()
                out = (out if keep else out[:-1]) + line
                continue
        out = out + " " + line
    return out


_INLINE_BREAK = re.compile(r"(\w)- (\w+)")


def mend_hyphens(text: str) -> str:
    """Mend line-break hyphens left inside joined text ("behand- lingsåtgärder"), keeping a
    compound ellipsis ("hälso- och sjukvård") and acronyms ("NIS- direktivet" stays)."""

    def fix(m: re.Match) -> str:
        if m.group(2).lower() in _COMPOUND_ELLIPSIS_NEXT or not m.group(2)[:1].islower():
            return m.group(0)
        return m.group(1) + m.group(2)

    return _INLINE_BREAK.sub(fix, text)


_FOLD = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O", "é": "e", "É": "E"}
)


def fold(s: str) -> str:
    """Lower-case and strip Swedish diacritics: ``"Målvärde"`` → ``"malvarde"``."""
    return s.translate(_FOLD).lower()


#: What :func:`fuzzy_pattern` makes of each diacritic.
_FUZZY = {
    "å": "[åaä&]",
    "ä": "[äaeé&d4]",
    "ö": "[öo6déeó0]{1,2}",  # "Regionoévergripande": one ö read as two glyphs
}


def fuzzy_pattern(word: str) -> str:
    """A regex that matches ``word`` even when OCR damaged its å/ä/ö.

    The corpus shows ä read as a, é, &, d or 4 and ö as o, 6, d or é; each diacritic becomes a
    small character class, every other character is matched literally (case-insensitively).
    """
    return "".join(_FUZZY.get(ch, re.escape(ch)) for ch in word.lower())


def literal_parts(word: str) -> tuple[str, ...]:
    """The parts of ``word`` that :func:`fuzzy_pattern` matches literally (lower-case; split
    at its diacritics and at whitespace, which a caller may let stretch): every text the
    pattern matches holds each of them, in :func:`as_matched` form."""
    return tuple(p for p in re.split(r"[åäö\s]+", word.lower()) if p)


#: Characters a case-insensitive regex takes for a letter that ``str.lower`` does not give:
#: dotless ı for i, long ſ for s, and the dot that ``str.lower`` leaves after İ's i.
_MATCHED_AS = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})


def as_matched(text: str) -> str:
    """``text`` lower-cased as a case-insensitive regex compares letters, for looking up
    :func:`literal_parts` in it (a part absent from it is absent from ``text`` under
    ``re.I``)."""
    return text.lower().translate(_MATCHED_AS)
