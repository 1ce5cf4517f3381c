"""Document metadata inferred from content: region, organ, document type and years.

Evidence, strongest first: the title page (text before the first numbered heading or the
table of contents), the document's own properties (PDF Info / DOCX core properties),
running headers, sentences like "Denna verksamhetsplan …" or "Uppföljningen utgår från …",
then counts over the whole text. OCR-damaged text (å/ä/ö lost) is matched with fuzzy
patterns. A field that cannot be inferred stays ``None`` and a warning says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from styrdata.extract.model import Document
from styrdata.normalize.regions import REGIONS, count_region_mentions, find_region
from styrdata.normalize.text import fuzzy_pattern

DOC_TYPES = (
    "verksamhetsplan",
    "verksamhetsberättelse",
    "årsredovisning",
    "delårsrapport",
    "internkontrollplan",
    "övrigt",
)

_DOC_TYPE_WORDS = {
    "verksamhetsplan": ["verksamhetsplan", "mål och budget", "regionplan"],
    "verksamhetsberättelse": ["verksamhetsberättelse", "årsrapport"],
    "årsredovisning": ["årsredovisning"],
    "delårsrapport": ["delårsrapport", "uppföljningsrapport", "tertialrapport"],
    "internkontrollplan": ["internkontrollplan", "intern kontrollplan"],
}
_DOC_TYPE_RE = {
    k: re.compile(r"\b(?:" + "|".join(fuzzy_pattern(w) for w in ws) + r")", re.I)
    for k, ws in _DOC_TYPE_WORDS.items()
}

ORGANS = (
    "Regionfullmäktige",
    "Regionstyrelsen",
    "Hälso- och sjukvårdsnämnden",
    "Servicenämnden",
    "Kulturnämnden",
    "Regionala utvecklingsnämnden",
    "Kollektivtrafiknämnden",
    "Tandvårdsnämnden",
    "Folkhögskolenämnden",
    "Patientnämnden",
    "Trafiknämnden",
    "Primärvårdsnämnden",
    "Psykiatrinämnden",
    "Fastighetsnämnden",
    "Gemensamma nämnden",
    "Miljö- och byggnämnden",
    "Ambulansnämnden",
)
# "Regionstyrelsens", "servicenämndens" … count too (genitive).
_ORGAN_RE = [(o, re.compile(r"\b" + fuzzy_pattern(o) + r"s?\b", re.I)) for o in ORGANS]
_YEAR_RANGE = re.compile(r"\b(20\d\d)\s*(?:[-–—]|till)\s*(20\d\d)\b")
_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
_RUNNING_HEADER = re.compile(r"\d+\s*\(\d+\)\s*$")


@dataclass
class Metadata:
    region_code: str | None = None
    region_name: str | None = None
    organ: str | None = None
    doc_type: str | None = None
    year: int | None = None
    end_year: int | None = None
    title: str | None = None
    warnings: list[str] = field(default_factory=list)


def _title_blocks(doc: Document) -> list[str]:
    """Text of the title page: blocks before the table of contents or first numbered heading."""
    out = []
    for b in doc.blocks[:12]:
        t = b.text.strip()
        if re.match(r"^(innehåll|innehållsförteckning)", t, re.I):
            break
        if b.kind == "heading" and re.match(r"^\d+(\.\d+)*\s", t):
            break
        if b.kind in ("heading", "paragraph") and len(t) <= 120:
            out.append(t)
        elif b.kind == "paragraph":
            break
    return out


def _doc_type(title: str, doc: Document, full: str) -> str | None:
    for k, pat in _DOC_TYPE_RE.items():
        if pat.search(title):
            return k
    head = [b.text for b in doc.blocks if _RUNNING_HEADER.search(b.text) and len(b.text) < 120]
    for k, pat in _DOC_TYPE_RE.items():
        if any(pat.search(h) for h in head):
            return k
    intro = " ".join(b.text for b in doc.blocks[:15])
    m = re.search(r"\b(?:denna|detta|den här)\s+(\w+)", intro, re.I)
    if m:
        for k, pat in _DOC_TYPE_RE.items():
            if pat.match(m.group(1)):
                return k
    if re.search(fuzzy_pattern("uppföljningen") + r"\s+" + fuzzy_pattern("utgår"), intro, re.I):
        counts = {
            k: len(_DOC_TYPE_RE[k].findall(full))
            for k in ("verksamhetsberättelse", "årsredovisning", "delårsrapport")
        }
        best = max(counts, key=counts.get)
        return best if counts[best] else "verksamhetsberättelse"
    counts = {k: len(p.findall(full)) for k, p in _DOC_TYPE_RE.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def _years(title: str, doc: Document, doc_type: str | None) -> tuple[int | None, int | None]:
    m = _YEAR_RANGE.search(title)
    if m:
        return int(m.group(1)), int(m.group(2))
    ys = _YEAR.findall(title)
    if ys:
        return int(ys[0]), int(ys[0])
    # years next to a plan/report word in the introduction
    intro = " ".join(b.text for b in doc.blocks[:40])
    wanted = _DOC_TYPE_WORDS.get(doc_type or "", [w for ws in _DOC_TYPE_WORDS.values() for w in ws])
    if doc_type in ("verksamhetsberättelse", "årsredovisning", "delårsrapport"):
        wanted = wanted + ["verksamhetsplan"]  # a follow-up covers the plan's year
    words = "|".join(fuzzy_pattern(w) for w in wanted)
    near = re.compile(r"(?:" + words + r")[\w ]{0,25}?\b(20\d\d)(?:\s*[-–—]\s*(20\d\d))?", re.I)
    found = near.findall(intro)
    if found:
        (y, y2), _ = Counter(found).most_common(1)[0]
        return int(y), int(y2 or y)
    ys = Counter(int(y) for y in _YEAR.findall(intro))
    if ys:
        y = ys.most_common(1)[0][0]
        return y, y
    return None, None


def infer_metadata(doc: Document) -> Metadata:
    md = Metadata()
    title_lines = _title_blocks(doc)
    props = doc.properties
    title = " ".join(title_lines)
    prop_text = " ".join(props.get(k, "") for k in ("Title", "Subject", "Author"))
    full = doc.text()
    md.title = " – ".join(title_lines[:3]) if title_lines else props.get("Title") or None
    if not md.title:
        first = next((b.text for b in doc.blocks if b.kind == "heading"), None)
        md.title = first

    # region: title page and properties first, then counts over the whole text
    for src in (title, prop_text):
        counts = count_region_mentions(src)
        if counts:
            code = max(counts, key=counts.get)
            break
    else:
        counts = count_region_mentions(full)
        code = max(counts, key=counts.get) if counts else None
    if code:
        r = find_region(code)
        md.region_code, md.region_name = r.code, r.name

    # organ
    for src in (title, props.get("Subject", ""), props.get("Title", "")):
        hits = [(m.start(), o) for o, p in _ORGAN_RE if (m := p.search(src))]
        if hits:
            md.organ = min(hits)[1]
            break
    else:
        counts = Counter({o: len(p.findall(full)) for o, p in _ORGAN_RE})
        if counts and counts.most_common(1)[0][1]:
            md.organ = counts.most_common(1)[0][0]

    md.doc_type = _doc_type(title + " " + props.get("Title", ""), doc, full)
    md.year, md.end_year = _years(title + " " + props.get("Title", ""), doc, md.doc_type)
    for f in ("region_code", "organ", "doc_type", "year"):
        if getattr(md, f) is None:
            md.warnings.append(f"could not infer {f}")
    return md


__all__ = ["DOC_TYPES", "ORGANS", "REGIONS", "Metadata", "infer_metadata"]
