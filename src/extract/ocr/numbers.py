"""A second reading of the numbers on an OCR'd page, with a model that knows their symbols.

Tesseract's Swedish model (``swe``) has no ``%`` and no ``−`` in its character set: "69 %"
comes out as "69 246" or "69 N", "11,0%" as "11,090", and a minus sign it cannot place
becomes "=" ("=130"). The English model (``eng``) has both, but reading the whole page with
it, or with ``swe+eng``, loses å, ä and ö in ordinary words ("Mål" → "Mal").

So only the stretches around numbers are read again: for every word with a digit, the word
and the one after it (where a "%" goes) are cut out of the page image, the cut-outs stacked
one under the other into a single image, and that image read once with
:attr:`OcrSettings.number_language`. A word of the first reading is replaced by what the
second reading saw in its place only when that is a clean number token (``-130``, ``11,0%``,
``%``, ``>78``) and it either repairs a word that is not one, or adds the sign, ``%`` or
``<``/``>`` that the first reading lost. Everything else keeps the Swedish reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

#: A number as tables and indicator rows print it: optional comparison and sign, digits
#: with space thousands and decimal comma (or point), optional per cent.
_CLEAN = re.compile(r"^[<>≤≥]?[-−–]?\d{1,3}(?:[ \u00a0]?\d{3})*(?:[,.]\d+)?%?$|^%$")
_ATOM = re.compile(r"[<>≤≥]?[-−–]?\d[\d,.]*|%")
#: A minus the Swedish model could not place, read as "=", "~" or a dash ("=130",
#: "—130", "—-78,0").
_LOST_MINUS = re.compile(r"^(?:[=~—]+-?|-{2,})(?=\d)")
_SYMBOLS = set("%<>≤≥-−–")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Word:
    """One word Tesseract read, in pixels of the page image, with its text line's key."""

    text: str
    left: int
    top: int
    width: int
    height: int
    line: tuple
    conf: float = -1.0
    #: The characters' (left, right, text), when Tesseract gave their boxes.
    chars: tuple = ()
    #: Tesseract's estimate of the line's font size (hOCR ``x_size``), pixels; 0 unknown.
    size: float = 0.0

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


_GLUE_LEFT = set("0123456789%")
_GLUE_RIGHT = set("0123456789<>-−–")


def split_gaps(w: Word, ratio: float = 0.5) -> list[Word]:
    """A word whose digits stand apart by more than ``ratio`` of its height → one word per
    run: Tesseract joins single digits a space apart ("0 0 0" → "000") and a value with
    its neighbour column ("386,6 0" → "386,60"); its character boxes show the gap."""
    if len(w.chars) < 2:
        return [w]
    cuts = [
        k
        for k in range(1, len(w.chars))
        if w.chars[k - 1][2] in _GLUE_LEFT
        and w.chars[k][2] in _GLUE_RIGHT
        and w.chars[k][0] - w.chars[k - 1][1] > ratio * w.height
    ]
    if not cuts:
        return [w]
    out = []
    for a, b in zip([0, *cuts], [*cuts, len(w.chars)], strict=True):
        part = w.chars[a:b]
        left, right = part[0][0], part[-1][1]
        text = "".join(c[2] for c in part)
        out.append(replace(w, text=text, left=left, width=right - left, chars=part))
    return out


def is_clean_number(text: str) -> bool:
    return bool(_CLEAN.match(text))


_RULE = re.compile(r"^[|\[\]]+|[|\[\]]+$")


def repair(words: list[Word]) -> list[Word]:
    """Numbers the first reading spelt with letters it knows, as the numbers they are:
    a minus read as "=", "~" or a dash, with a stray ";" among the digits ("=69,;5" →
    "-69,5", "—130" → "-130"),
    and a lone "O" after a number on the same line ("2,2 O" → "2,2 0"). A cell border
    read with a number ("[0]", "|0,6") is taken off it, and one read alone ("|") dropped."""
    out: list[Word] = []
    for w in words:
        bare = _RULE.sub("", w.text)
        if not bare:
            continue
        if bare != w.text and is_clean_number(bare):
            w = replace(w, text=bare, chars=tuple(c for c in w.chars if c[2] not in "|[]"))
        lost = _LOST_MINUS.match(w.text)
        if lost:
            text = "-" + w.text[lost.end() :].replace(";", "")
            if is_clean_number(text):
                w = replace(w, text=text)
        elif w.text in {"O", "o"} and out and out[-1].line == w.line:
            if is_clean_number(out[-1].text):
                w = replace(w, text="0")
        out.append(w)
    return out


def segments(words: list[Word], pad: int = 6) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, right, bottom) to read again: each word with a digit and the word
    after it on the same line, merged where they touch."""
    by_line: dict[tuple, list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    boxes: list[tuple[int, int, int, int]] = []
    for line in by_line.values():
        line.sort(key=lambda w: w.left)
        spans: list[list[int]] = []
        for i, w in enumerate(line):
            if not _DIGIT.search(w.text):
                continue
            nxt = line[i + 1] if i + 1 < len(line) else None
            right = nxt.right if nxt is not None and nxt.left - w.right < 4 * w.height else w.right
            if spans and w.left - pad <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], right + pad)
            else:
                spans.append([w.left - pad, right + pad])
        if spans:
            top = min(w.top for w in line) - pad
            bottom = max(w.bottom for w in line) + pad
            boxes.extend((max(0, a), max(0, top), b, bottom) for a, b in spans)
    return boxes


_RUN = re.compile(r"[<>≤≥]?[-−–]?\d[\d,.]*%")


def split_run(w: Word) -> list[Word]:
    """A word that is several per cent values run together ("8%6%") → one word each, the
    box shared out by characters."""
    parts = _RUN.findall(w.text)
    if len(parts) < 2 or "".join(parts) != w.text:
        return [w]
    step, out, k = w.width / len(w.text), [], 0
    for p in parts:
        left, width = round(w.left + k * step), round(len(p) * step)
        out.append(replace(w, text=p, left=left, width=width, chars=()))
        k += len(p)
    return out


def _overlap(a: Word, b: Word) -> float:
    """Horizontal overlap of two words on the same text row, as a share of the narrower."""
    if a.bottom <= b.top or b.bottom <= a.top:
        return 0.0
    inter = min(a.right, b.right) - max(a.left, b.left)
    return max(0.0, inter) / max(1, min(a.width, b.width))


def _better(first: list[Word], second: list[Word]) -> bool:
    old = "".join(w.text for w in first)
    new = "".join(w.text for w in second)
    if new == old or not all(is_clean_number(w.text) for w in second):
        return False
    if not all(is_clean_number(w.text) for w in first):
        return True
    return bool(_SYMBOLS & set(new) - set(old))


def merge(first: list[Word], second: list[Word], min_overlap: float = 0.5) -> list[Word]:
    """The first reading with words replaced where the second reading of the same place is
    a better number (see the module text). Words of both readings that overlap form a
    group ("8 2" under "8%"); a group is replaced whole or not at all, and the replacing
    words take the replaced words' text line, so the page's lines stay as they were."""
    edges = {
        i: [j for j, t in enumerate(second) if _overlap(w, t) >= min_overlap]
        for i, w in enumerate(first)
    }
    parent = list(range(len(first)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for j in range(len(second)):
        over = [i for i, js in edges.items() if j in js]
        for i in over[1:]:
            parent[root(i)] = root(over[0])
    members: dict[int, list[int]] = {}
    for i, js in edges.items():
        if js:
            members.setdefault(root(i), []).append(i)
    group = {i: g for g, ms in members.items() for i in ms}
    out: list[Word] = []
    for i, w in enumerate(first):
        g = group.get(i)
        if g is None:
            out.append(w)
            continue
        if i != min(members[g]):
            continue
        olds = [first[k] for k in sorted(members[g])]
        news = sorted({j for k in members[g] for j in edges[k]})
        news_w = sorted((second[j] for j in news), key=lambda t: t.left)
        if _better(olds, news_w):
            atoms = _ATOM.findall("".join(t.text for t in news_w))
            if len(atoms) == len(olds) > len(news_w):
                # "8%6%" over "8 2 6 €": the first reading saw the spaces, keep its boxes
                out.extend(replace(o, text=a) for o, a in zip(olds, atoms, strict=True))
            else:
                out.extend(replace(t, top=w.top, height=w.height, line=w.line) for t in news_w)
        else:
            out.extend(olds)
    return out
