"""Document metadata inferred from content: publisher, organ, document type and years.

Evidence, strongest first, and never a passing mention deep in the text:

1. the title page (text before the table of contents or the first numbered heading) and
   the document's own properties (PDF Info / DOCX core properties);
2. running headers and footers (the reader keeps them out of the blocks but hands them on);
3. the first pages' headings and paragraphs (tables excluded: a committee named in a table
   row is a line of the table, not the document's owner);
4. for the publisher only, the name in the logo on the first page (read with OCR by the
   reader: ``Document.emblem_text``), where a publisher's full name stands ("ALINGSÅS
   KOMMUN"), not a place alone;
5. for the publisher only, a name the whole text repeats far more than any other.

Publishers are the 21 regions and 290 kommuner of :mod:`styrdata.normalize.organisations`,
named as they name themselves ("Region Halland", "Alingsås kommun", "Göteborgs Stad",
"alingsas.se"), and kommunalförbund and bolag by their own names. Organs are any nämnd,
styrelse, direktion, fullmäktige, revision or förvaltning (``data/organs.csv``); document
types come from ``data/doc_types.csv``, with the document's own word kept as
``doc_type_raw``. OCR-damaged text (å/ä/ö lost) is matched with fuzzy patterns. A field that
cannot be inferred stays ``None`` and a warning says so.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from styrdata.extract.model import Block, Document
from styrdata.normalize.organisations import (
    Mention,
    Organisation,
    county_hints,
    county_name,
    publisher_mentions,
)
from styrdata.normalize.text import fold, fuzzy_pattern

DOC_TYPES = (
    "verksamhetsplan",
    "verksamhetsberättelse",
    "årsredovisning",
    "delårsrapport",
    "internkontrollplan",
    "övrigt",
)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:[-–—]|till)\s*((?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b(?!-\d\d-\d\d)")  # not a date's year
_SELF = re.compile(
    r"\b(?:denna|detta|den här|[\wåäö]+(?:nämndens|styrelsens|fullmäktiges|direktionens))\s+(\w+)",
    re.I,
)
_TITLE_WORDS = 4  # a type word further into a title line describes, it does not name
_RUNNING_HEADER = re.compile(r"\d+\s*\(\d+\)\s*$")
_FIRST_PAGES = 2  # pages (PDF) whose headings and paragraphs count as the opening
_FIRST_BLOCKS = 40  # blocks that count as the opening where there are no pages


@dataclass
class Metadata:
    region_code: str | None = None  # the county (a kommun's or förbund's county too)
    region_name: str | None = None
    organ: str | None = None
    doc_type: str | None = None
    year: int | None = None
    end_year: int | None = None
    title: str | None = None
    org_kind: str | None = None  # region | kommun | kommunalförbund | bolag | övrigt
    org_code: str | None = None  # SCB code: 2 digits (region), 4 digits (kommun)
    org_name: str | None = None
    doc_type_raw: str | None = None  # the document's own word: "Fördjupad månadsuppföljning"
    warnings: list[str] = field(default_factory=list)


def _data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("styrdata.extract.domain").joinpath(f"data/{name}").read_text("utf-8")
    return list(csv.DictReader(ln for ln in text.splitlines() if not ln.startswith("#")))


def _term_pattern(term: str) -> str:
    # OCR reads "m" as "rn" ("Verksarnhetsplan") as often as it loses å/ä/ö
    words = [fuzzy_pattern(w).replace("m", "(?:m|rn)") for w in term.split()]
    return r"(?:\s+\S+){0,3}?\s+".join(words)


@cache
def _doc_type_terms() -> list[tuple[str, re.Pattern]]:
    rows = _data_rows("doc_types.csv")
    return [
        (r["doc_type"], re.compile(r"(?<![\wåäö])" + _term_pattern(r["term"]) + r"\w*", re.I))
        for r in rows
    ]


@cache
def _organ_pattern() -> re.Pattern:
    endings = sorted((r["ending"] for r in _data_rows("organs.csv")), key=len, reverse=True)
    end = "|".join(fuzzy_pattern(e) for e in endings)
    # "Barn- och ungdomsnämnden", "Miljö- och byggnämnden", "Tekniska nämnden",
    # "Regionstyrelsen", "Kommunstyrelseförvaltningen", "Förbundsdirektionen"
    return re.compile(
        r"(?<![\wåäö-])("
        r"(?:[A-ZÅÄÖa-zåäöéü]+-\s*(?:,\s*[A-ZÅÄÖa-zåäö]+-\s*)*(?:och|samt)\s+)?"
        r"(?:[A-ZÅÄÖ]?[a-zåäöéü]+(?:iska|ska|ala|iella|a)\s+)?"
        r"[A-ZÅÄÖa-zåäöéü]*(?:" + end + r"))(s)?(?![\wåäö])",
        re.I,
    )


@cache
def _BARE_ENDINGS() -> set[str]:  # noqa: N802
    return {fold(r["ending"]) for r in _data_rows("organs.csv")}


def _canonical_ending(name: str) -> str:
    """The ending spelled right when OCR damaged its å/ä/ö: "Servicendmnden" →
    "Servicenämnden"."""
    for r in sorted(_data_rows("organs.csv"), key=lambda r: -len(r["ending"])):
        m = re.search(fuzzy_pattern(r["ending"]) + "$", name, re.I)
        if m:
            return name[: m.start()] + r["ending"]
    return name


def _organ_name(raw: str) -> str:
    name = " ".join(raw.split())
    return name[:1].upper() + name[1:]


_AUDITED = re.compile(
    r"\b(?:granskning(?:en)?\s+av|granskat|granskar|granska)\s+(?:\w+\s+)?$", re.I
)


@cache
def _ENDING_KINDS() -> dict[str, str]:  # noqa: N802
    return {fold(r["ending"]): r["kind"] for r in _data_rows("organs.csv")}


def _organs_in(text: str, revision_alone: bool = False) -> list[tuple[int, str, bool]]:
    """(position, organ, genitive) of every organ named in ``text``; with
    ``revision_alone``, "revisorerna" and "revisionen" alone name one too: a kommun or
    region has one revision, so its revisorer named on a title page are the authors."""
    out = []
    for m in _organ_pattern().finditer(text):
        name = m.group(1)
        words = name.split()
        # an adjective belongs to the name only before "nämnd(en)": "tekniska nämnden"
        if len(words) > 1 and not re.match(r"n\S*mnd", fold(words[-1])) and "-" not in name:
            name = words[-1]
        if _AUDITED.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # "Granskning av kommunstyrelsens styrning": the audited, not the author
        bare = fold(name).replace(" ", "")
        if bare in _BARE_ENDINGS() and not (revision_alone and _ENDING_KINDS()[bare] == "revision"):
            continue  # "nämnden", "styrelsen" alone: which one is not said
        out.append((m.start(), _organ_name(_canonical_ending(name)), bool(m.group(2))))
    return out


def _title_blocks(doc: Document) -> list[str]:
    """Text of the title page: blocks before the table of contents or first numbered heading."""
    out = []
    first_page = next((b.page for b in doc.blocks if b.page is not None), None)
    for b in _own(doc.blocks)[:12]:
        t = b.text.strip()
        if re.match(r"^(innehåll|innehållsförteckning)", t, re.I):
            break
        if b.kind == "heading" and re.match(r"^\d+(\.\d+)*\s", t):
            break
        if first_page is not None and b.page is not None and b.page > first_page + 1:
            break
        if b.kind in ("heading", "paragraph") and len(t) <= 120:
            out.append(t)
        elif b.kind == "paragraph":
            break
    return out


def _opening(doc: Document) -> list[Block]:
    """Headings and paragraphs of the first pages (no tables)."""
    if any(b.page for b in doc.blocks):
        first = min(b.page for b in doc.blocks if b.page)
        blocks = [b for b in doc.blocks if b.page is not None and b.page < first + _FIRST_PAGES]
    else:
        blocks = doc.blocks[:_FIRST_BLOCKS]
    return [b for b in _own(blocks) if b.kind in ("heading", "paragraph", "list_item")]


def _own(blocks: list[Block]) -> list[Block]:
    """The document's own text: not what OCR read in a picture pasted into it (a
    screenshot of a finance system names every committee in its navigation tree)."""
    return [b for b in blocks if b.source != "picture_ocr"]


def _opening_all(doc: Document) -> str:
    """All text of the first pages, table cells included."""
    first = min((b.page for b in doc.blocks if b.page), default=None)
    out = []
    for i, b in enumerate(_own(doc.blocks)):
        if (first is None and i >= _FIRST_BLOCKS) or (
            first is not None and (b.page or first) >= first + _FIRST_PAGES
        ):
            break
        out.append(b.text)
        if b.table is not None:
            out.extend(c.text for c in b.table.cells)
    return " \n ".join(out)


def _running(doc: Document) -> list[str]:
    heads = list(doc.running_text)
    heads += [b.text for b in doc.blocks if _RUNNING_HEADER.search(b.text) and len(b.text) < 120]
    return heads


# -- publisher --------------------------------------------------------------------------
def _publisher(zones: list[str], emblem: str, full: str) -> tuple[Organisation | None, str | None]:
    """The publisher named in the strongest zone, and the zone's text (for the county)."""
    for k, text in enumerate(zones):
        ms = publisher_mentions(text)
        if not ms:
            continue
        chosen = _choose(ms)
        if (
            k == len(zones) - 1
            and chosen.kind not in ("kommunalförbund", "bolag")
            and len({m.organisation for m in ms if m.organisation.code}) >= 3
        ):
            # the opening names several regions and kommuner as parties (a joint body's
            # letter to its members), and no förbund or bolag of theirs: which one
            # publishes is not said
            return None, None
        return chosen, text
    ms = publisher_mentions(emblem)
    if ms:
        return _choose(ms), emblem
    ms = publisher_mentions(full)
    counts = Counter(m.organisation for m in ms if m.organisation.code)
    if counts:
        (best, n), *rest = counts.most_common()
        second = rest[0][1] if rest else 0
        if n >= 3 and n >= 2 * second:
            return best, None
    return None, None


def _choose(ms: list[Mention]) -> Organisation:
    """Of the publishers one zone names: a förbund or bolag over the kommuner in its name,
    else the most often named, the first of equals."""
    own = [m for m in ms if m.organisation.kind in ("kommunalförbund", "bolag")]
    if own and own[0].start == min(m.start for m in ms):
        return own[0].organisation
    counts = Counter(m.organisation for m in ms)
    best = max(counts.values())
    return next(m.organisation for m in ms if counts[m.organisation] == best)


# -- document type and years ------------------------------------------------------------
def _doc_type_in(text: str) -> tuple[int, str, str] | None:
    """(position, doc_type, the document's own word) of the first type word in ``text``."""
    hits = []
    for n, (kind, pat) in enumerate(_doc_type_terms()):
        m = pat.search(text)
        if m:  # the earliest; at one place the longest term ("budgetanvisningar" > "budget")
            hits.append((m.start(), -len(pat.pattern), n, kind, m.group(0)))
    if not hits:
        return None
    pos, _, _, kind, raw = min(hits)
    raw = " ".join(raw.split())
    return pos, kind, raw[:1].upper() + raw[1:]


def _ocr_damaged_type(line: str) -> tuple[int, str, str] | None:
    """A title line of one type word that OCR damaged beyond its å/ä/ö ("Verksa nhetsplan"):
    the word, its spaces squeezed out, nearly equal to a type word of eight letters or more."""
    if len(line.split()) > 3 or len(line) > 40:
        return None
    squeezed = fold(re.sub(r"[\s\d–-]+", "", line))
    best = None
    for r in _data_rows("doc_types.csv"):
        term = fold(r["term"]).replace(" ", "")
        if len(term) < 8:
            continue
        ratio = difflib.SequenceMatcher(None, squeezed, term).ratio()
        if ratio >= 0.88 and (best is None or ratio > best[0]):
            best = (ratio, r["doc_type"])
    if best is None:
        return None
    return 0, best[1], " ".join(line.split())


def _doc_type(lines: list[str], doc: Document) -> tuple[str | None, str | None, int | None]:
    """(doc_type, raw word, position in the joined title or None)."""
    offset = 0
    for line in lines:
        found = _doc_type_in(line) or _ocr_damaged_type(line)
        if found and len(line[: found[0]].split()) < _TITLE_WORDS:
            return found[1], found[2], offset + found[0]
        offset += len(line) + len(" – ")
    for h in _running(doc):
        found = _doc_type_in(h)
        if found:
            return found[1], found[2], None
    intro = " ".join(b.text for b in _opening(doc)[:15])
    # the text names itself: "Denna verksamhetsplan …", "Regionstyrelsens verksamhetsplan …"
    for m in _SELF.finditer(intro):
        found = _doc_type_in(m.group(1))
        if found:
            return found[1], found[2], None
    if re.search(fuzzy_pattern("uppföljningen") + r"\s+" + fuzzy_pattern("utgår"), intro, re.I):
        return "verksamhetsberättelse", "Uppföljning", None
    return None, None, None


def _years(
    title: str, type_at: int | None, doc: Document, doc_type: str | None, prop_title: str = ""
) -> tuple[int | None, int | None]:
    """The year the document is for, and the last year it covers: the years after its type
    word in the title ("Budget 2027 och ramar 2028–2029", "årsredogörelse 2024"), else the
    title's years, else years next to a plan/report word in the opening."""
    for text in ([title[type_at:]] if type_at is not None else []) + [title, prop_title]:
        years = [int(y) for y in _YEAR.findall(text)]
        if years:
            first = years[0]
            rng = [int(b) for a, b in _YEAR_RANGE.findall(text) if int(a) >= first]
            return first, max([first, *rng])
    # the introduction: the first 40 blocks (a plan names its year near its own name there)
    intro = " ".join(b.text for b in doc.blocks[:_FIRST_BLOCKS] if b.table is None)
    wanted = [doc_type] if doc_type else [k for k in DOC_TYPES if k != "övrigt"]
    if doc_type in ("verksamhetsberättelse", "årsredovisning", "delårsrapport"):
        wanted.append("verksamhetsplan")  # a follow-up covers the plan's year
    terms = [p.pattern for k, p in _doc_type_terms() if k in wanted and "budget" not in p.pattern]
    near = re.compile(
        r"(?:" + "|".join(terms) + r")[\w ]{0,25}?\b(20\d\d)(?:\s*[-–—]\s*(20\d\d))?", re.I
    )
    found = [(m.group(1), m.group(2)) for m in near.finditer(intro)]
    if found:
        (y, y2), _ = Counter(found).most_common(1)[0]
        return int(y), int(y2 or y)
    ys = Counter(int(y) for y in _YEAR.findall(intro))
    if ys:
        y = ys.most_common(1)[0][0]
        return y, y
    return None, None


# -- organ --------------------------------------------------------------------------------
def _organ(zones: list[str], type_word: str | None) -> str | None:
    for k, text in enumerate(zones):
        hits = _organs_in(text, revision_alone=k == 0)  # the title page
        if not hits:
            continue
        if type_word:  # "Stadsrevisionens årsredogörelse", "Socialnämndens verksamhetsplan"
            tw = fold(type_word.split()[0])
            for pos, name, genitive in hits:
                after = fold(text[pos + len(name) + 1 : pos + len(name) + 40])
                if genitive and after.lstrip().startswith(tw[:6]):
                    return name
        return hits[0][1]
    return None


# "Fastställd av direktionen 2026-11-26", "Godkänd av styrelsen", or the body alone
_DECIDED_BY = re.compile(
    r"^(?:(?:fastställd|godkänd|antagen|beslutad|antogs|fastställdes|godkändes)\w*\s+(?:av|i)\s+)?"
    r"(?P<body>\w+)(?:\s*,?\s*(?:den\s+)?\d{1,4}[-./ ]\S*(?:\s+§\s*\d+)?)?\s*$",
    re.I,
)
# "Årsredovisningen är fastställd av direktionen för Nerikes Brandkår 2026-03-19."
_DECIDED_BY_FOR = re.compile(
    r"(?:fastställd|godkänd|antagen|beslutad|antogs|fastställdes|godkändes)\w*\s+(?:av|i)\s+"
    r"(?P<body>\w+)\s+(?:för|i)\s+[A-ZÅÄÖ]",
    re.I,
)


def _own_board(title_lines: list[str]) -> str | None:
    """A kommunalförbund has one direktion or styrelse: its title page naming "direktionen"
    or "styrelsen" alone, or as the body that decided the document, names it."""
    kinds = {fold(r["ending"]): r["kind"] for r in _data_rows("organs.csv")}
    for line in title_lines[:6]:
        m = _DECIDED_BY.match(line.strip()) or _DECIDED_BY_FOR.search(line)
        if m and kinds.get(fold(m.group("body"))) in ("direktion", "styrelse"):
            body = m.group("body").lower()
            return body[:1].upper() + body[1:]
    return None


def _one_county(text: str, at_least: int = 1) -> str | None:
    """The county most places named in ``text`` lie in, when they outnumber all others."""
    hints = county_hints(text)
    if not hints:
        return None
    top = max(hints, key=hints.get)
    if hints[top] >= at_least and hints[top] > sum(hints.values()) - hints[top]:
        return top
    return None


def infer_metadata(doc: Document) -> Metadata:
    md = Metadata()
    title_lines = _title_blocks(doc)
    props = doc.properties
    title = " – ".join(title_lines)
    prop_title = " ".join(props.get(k, "") for k in ("Title", "Subject"))
    md.title = " – ".join(title_lines[:3]) if title_lines else props.get("Title") or None
    if not md.title:
        md.title = next((b.text for b in doc.blocks if b.kind == "heading"), None)
    running = " \n ".join(_running(doc))
    opening = " \n ".join(b.text for b in _opening(doc))

    md.doc_type, md.doc_type_raw, type_at = _doc_type(title_lines, doc)
    if md.doc_type is None and prop_title.strip():
        found = _doc_type_in(prop_title)
        if found:
            md.doc_type, md.doc_type_raw = found[1], found[2]
    md.year, md.end_year = _years(title, type_at, doc, md.doc_type, prop_title)

    zones = [title, prop_title, running, opening]
    emblem = " \n ".join(doc.emblem_text)
    org, zone = _publisher(zones, emblem, doc.text())
    if (org is None or org.kind == "kommun") and re.search(r"\bförbundet\b", opening):
        # the text calls its author "förbundet": the förbund named on the first pages
        # (a table's header too) is the publisher, not its member kommuner
        first = _opening_all(doc)
        own = [m for m in publisher_mentions(first) if m.organisation.kind == "kommunalförbund"]
        if own:
            org, zone = own[0].organisation, first
    if org is not None:
        if zone is emblem:
            md.warnings.append(f"publisher read from the logo on page 1 (OCR): {emblem!r}")
        md.org_kind, md.org_code, md.org_name = org.kind, org.code, org.name
        county = org.county_code
        if county is None:  # a förbund or bolag: the county its members' places are in
            # its member kommuner named where it is, on the first pages, else anywhere (a
            # table of medlemsavgifter per kommun): only when one county clearly dominates
            county = (
                _one_county(zone or opening)
                or _one_county(opening)
                or _one_county(doc.text(), at_least=2)
            )
        md.region_code, md.region_name = county, county_name(county)
    heads = " \n ".join(
        b.text
        for b in _opening(doc)
        if b.kind == "heading" or (b.kind == "paragraph" and len(b.text) <= 120)
    )
    selfref = " \n ".join(
        sent
        for b in _opening(doc)[:15]
        for sent in re.split(r"(?<=[.!?])\s+", b.text)
        if re.search(r"\b(?:denna|detta|den här)\s+\w+", sent, re.I)
    )
    # a förbund or bolag has one board: its title page naming it ("Direktionen",
    # "Styrelsen", "Fastställd av direktionen för …") outweighs any organ named after it
    own_board = _own_board(title_lines) if md.org_kind in ("kommunalförbund", "bolag") else None
    md.organ = own_board or _organ([title, prop_title, running, heads, selfref], md.doc_type_raw)

    for f, label in (
        ("org_name", "publisher"),
        ("organ", "organ"),
        ("doc_type", "document type"),
        ("year", "year"),
    ):
        if getattr(md, f) is None:
            md.warnings.append(f"could not infer {label}")
    return md


__all__ = ["DOC_TYPES", "Metadata", "infer_metadata"]
