"""Scanned renderings of born-digital PDFs, and how much of a document a scan still yields.

:func:`scan_pdf` prints each page to a grey image at 300 dpi, tilts it (alternately left
and right, as a hand-fed sheet would be), adds scanner noise and writes an image-only PDF —
no text layer left. :func:`yields` compares what the domain extractors find in a scan with
what they find in the born-digital original: goals (kind, number, title), indicators (text,
values), budget lines (measure, year, amount, label) and risks (text, probability,
consequence, risk value). OCR changes letters, so texts
match when at least ``similarity`` of them agrees (diacritics aside); numbers — amounts,
and every number in an indicator value with its sign and per cent — must match exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from styrdata.extract.domain import Findings
from styrdata.normalize.text import fold


def scan_pdf(
    src: Path,
    dst: Path,
    dpi: int = 300,
    tilt: float = 1.0,
    seed: int = 7,
    *,
    blur: float = 0.6,
    noise: float = 6.0,
    quality: int = 75,
    colour: bool = False,
    turned: dict[int, int] | None = None,
    pages: list[int] | None = None,
) -> Path:
    """An image-only PDF of ``src`` as a scanner delivers it: each page printed to a grey
    (or ``colour``) image at ``dpi``, tilted by ``tilt`` degrees alternately left and
    right, blurred, with seeded noise, JPEG-compressed at ``quality``. ``turned`` maps
    1-based page numbers to quarter turns counter-clockwise (1: the sheet fed sideways,
    2: upside down); ``pages`` picks the pages to scan (all by default)."""
    rng = np.random.default_rng(seed)  # the same scan on every run
    pdf = pdfium.PdfDocument(str(src))
    images = []
    try:
        for i in range(len(pdf)):
            if pages is not None and i + 1 not in pages:
                continue
            im = pdf[i].render(scale=dpi / 72).to_pil().convert("RGB" if colour else "L")
            angle = tilt if i % 2 else -tilt
            white = (255, 255, 255) if colour else 255
            im = im.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=white)
            if blur:
                im = im.filter(ImageFilter.GaussianBlur(blur))
            shape = (im.height, im.width, 3) if colour else (im.height, im.width)
            noisy = np.asarray(im, dtype=np.int16) + rng.normal(0, noise, shape)
            im = Image.fromarray(noisy.clip(0, 255).astype(np.uint8), "RGB" if colour else "L")
            quarter = (turned or {}).get(i + 1, 0)
            if quarter:
                im = im.transpose(
                    [Image.ROTATE_90, Image.ROTATE_180, Image.ROTATE_270][quarter % 4 - 1]
                )
            images.append(im)
    finally:
        pdf.close()
    images[0].save(dst, save_all=True, append_images=images[1:], resolution=dpi, quality=quality)
    return dst


def _similar(a: str, b: str, similarity: float) -> bool:
    a, b = fold(a), fold(b)
    return a == b or SequenceMatcher(None, a, b).ratio() >= similarity


def _matched(want: list, got: list, same) -> int:
    """How many of ``want`` have a partner in ``got`` (each partner used once)."""
    free = list(got)
    n = 0
    for w in want:
        k = next((k for k, g in enumerate(free) if same(w, g)), None)
        if k is not None:
            free.pop(k)
            n += 1
    return n


@dataclass
class Yield:
    found: int
    total: int

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.found}/{self.total} ({self.share:.1%})"


_NUMBER = re.compile(r"[<>≤≥]?[-−–]?\d[\d ,.]*%?")


def _same_value(a: str, b: str, similarity: float) -> bool:
    """Values match when their numbers are the same, sign and per cent included, and their
    words agree as texts do ("RVN 77, RUF 74" is "RVN 77, RLF 74"; "715" is not "75")."""
    numbers = [[n.replace(" ", "").rstrip(",.") for n in _NUMBER.findall(v)] for v in (a, b)]
    return numbers[0] == numbers[1] and _similar(a, b, similarity)


def yields(digital: Findings, scanned: Findings, similarity: float = 0.85) -> dict[str, Yield]:
    goals = _matched(
        digital.goals,
        scanned.goals,
        lambda a, b: (
            (a.kind, a.number) == (b.kind, b.number)
            and _similar(a.title[:80], b.title[:80], similarity)
        ),
    )
    indicators = _matched(
        digital.indicators,
        scanned.indicators,
        lambda a, b: (
            _similar(a.text[:80], b.text[:80], similarity)
            and len(a.values) == len(b.values)
            and all(
                _same_value(va.raw, vb.raw, similarity)
                for va, vb in zip(a.values, b.values, strict=True)
            )
        ),
    )
    budget = _matched(
        digital.budget,
        scanned.budget,
        lambda a, b: (
            (a.measure, a.year, a.amount_mnkr) == (b.measure, b.year, b.amount_mnkr)
            and _similar(a.label or "", b.label or "", similarity - 0.1)
        ),
    )
    risks = _matched(
        digital.risks,
        scanned.risks,
        lambda a, b: (
            (a.probability, a.consequence, a.risk_value)
            == (b.probability, b.consequence, b.risk_value)
            and _similar(a.risk[:120], b.risk[:120], similarity)
        ),
    )
    return {
        "goals": Yield(goals, len(digital.goals)),
        "indicators": Yield(indicators, len(digital.indicators)),
        "budget_lines": Yield(budget, len(digital.budget)),
        "risks": Yield(risks, len(digital.risks)),
    }
