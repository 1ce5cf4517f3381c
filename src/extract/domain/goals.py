"""Goals and indicators: the goal hierarchy of a plan and the indicators under each goal.

Works on the document model only. Conventions read so far (keywords matched with or without
diacritics, so OCR'd "Effektmal" and "Malomrade" count):

* "Perspektiv: X" headings (Örebro) and "Målområde N: X" (Västernorrland) → ``målområde``;
* "Effektmål N. X" → ``effektmål`` (numbered, under the current målområde);
* "Strategi: X" → ``strategi``; "Mål: X" → ``mål`` (under the latest strategi or goal area);
  "Uppdrag: X" → ``uppdrag``; a heading "Mål" makes the paragraphs below it ``mål``;
* a section "Regionstyrelsens uppdrag" (Halland): short area titles (``målområde``, source
  term "område") each followed by assignment titles "Regionstyrelsen ska …" (``uppdrag``);
* any other heading labelled with a word of ``data/goal_terms.csv`` ("Inriktningsmål: X",
  "Nämndmål 2.1: X", "Fokusområde 1 X") is a goal of that term's kind, its parent the goal of
  the nearest heading ranked above it; a lead-in naming the structure ("Nämnden har beslutat
  om följande mål:") or a goal-section heading ("Nämndens mål") makes the bullets below goals;
  a goal table ("Nämndmål | Bedömning") gives a goal per row, one with a column per level
  ("Kommunfullmäktiges mål | Nämndens mål | …") nested goals; a status line right after a goal
  ("Bedömning: Uppfyllt", "Prognos: Målet bedöms delvis uppnås.") gives its status. Goals read
  only by these rules are ``generic``: a document with no other goal may be read better by
  :mod:`goal_structures` (see :func:`styrdata.extract.domain.extract_domain`);
* indicators: the paragraphs and list items under an "Indikatorer" heading belong to the goal
  above; a table whose first header cell starts with "Indikator" lists indicators of the goal
  above, its columns read by meaning like every key-figure table
  (:func:`~.table_indicators.indicator_table`: "Utfall 2022", "Målnivå 2024", "Riket 2025",
  "Utfall T1" over "2026", "Bedömning") or a description holding the target ("Region Hallands
  målvärde är 11,0.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from styrdata.extract.model import Block, Document
from styrdata.normalize.text import fold, fuzzy_pattern, join_lines, mend_hyphens


def _kw(word: str) -> str:
    return fuzzy_pattern(word)


_NUM_PREFIX = r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?"
_PERSPEKTIV = re.compile(_NUM_PREFIX + _kw("perspektiv") + r"(?:et)?\s*:\s*(?P<title>.+)$", re.I)
_MALOMRADE = re.compile(
    _NUM_PREFIX + _kw("målområde") + r"\s+(?P<num>\d+)\s*[:.]\s*(?P<title>.+)$", re.I
)
_EFFEKTMAL = re.compile(
    r"^\s*(?i:" + _kw("effektmål") + r")\s+(?P<num>\d+)\s*[.:]\s*(?P<title>[A-ZÅÄÖ].{5,300})$"
)
_PRIORITERAT = re.compile(
    _NUM_PREFIX + _kw("prioriterat") + r"\s+" + _kw("område") + r"\s*:?\s*(?P<title>.+)$", re.I
)
_CHAPTER = re.compile(r"^\s*\d+\.?\s+[A-ZÅÄÖ]")  # "4 Budget": a new chapter
_STRATEGI = re.compile(_NUM_PREFIX + _kw("strategi") + r"\s*:\s*(?P<title>.+)$", re.I)
_MAL = re.compile(r"^\s*" + _kw("mål") + r"\s*:\s*(?P<title>.+)$", re.I)
_UPPDRAG = re.compile(r"^\s*" + _kw("uppdrag") + r"\s*:\s*(?P<title>.+)$", re.I)
_MAL_HEADING = re.compile(r"^\s*" + _kw("mål") + r"\s*$", re.I)
_INDIKATORER = re.compile(r"^\s*" + _kw("indikator") + r"(?:er)?\s*:?\s*$", re.I)
_STOP_LIST = re.compile(r"^\s*(" + _kw("aktiviteter") + r"|" + _kw("strategier") + r")\b", re.I)
_UPPDRAG_SECTION = re.compile(
    r"\b" + _kw("regionstyrelsens") + r"\s+" + _kw("uppdrag") + r"\s*$", re.I
)
_SKA_TITLE = re.compile(
    r"^(Regionstyrelsen|Styrelsen|Nämnden|Regionkontoret|Förvaltningen)\s+ska\s+[^.]{5,140}$"
)
# "Strategier för kvalitet och utveckling": the bullets below are the strategies
_STRATEGIER_FOR = re.compile(
    r"^\s*" + _kw("strategier") + r"\s+" + _kw("för") + r"\s+\S.{2,80}$", re.I
)
# Västernorrland: "… ska regionstyrelsen:" introduces bullets of what the board shall do
_SKA_INTRO = re.compile(
    r"\bska\s+(?:regionstyrelsen|styrelsen|nämnden|" + _kw("nämnden") + r")\s*:\s*$", re.I
)


# A line that starts a goal construct inside a longer paragraph (OCR and page breaks glue
# "… liv!" and "Mål: Regionservice är …" into one paragraph): the paragraph is split there.
def _ikw(*words: str) -> str:
    """Keywords, case-insensitive and diacritic-tolerant, inside a case-sensitive pattern."""
    return "(?i:" + "|".join(_kw(w) for w in words) + ")"


_STARTS_CONSTRUCT = re.compile(
    r"^\s*(?:"
    + r"(?:\d+(?:\.\d+)*\.?\s+)?" + _ikw("perspektiv", "strategi") + r"\s*:\s*[A-ZÅÄÖ]"
    + r"|" + _ikw("mål", "uppdrag") + r"\s*:\s*[A-ZÅÄÖ]"
    + r"|" + _ikw("effektmål") + r"\s+\d+\s*[.:]\s*[A-ZÅÄÖ]"
    + r"|" + _ikw("indikatorer", "indikator", "mål") + r"\s*:?\s*$"
    + r"|" + _ikw("strategier") + r"\s+" + _ikw("för") + r"\s"
    + r")"
)  # fmt: skip
# A bullet glyph at a line start: real ones and what OCR made of them ("e", "o", "eo", "«",
# "¢", a quotation mark followed by a capitalised word; Tesseract's models have no "•")
_BULLET = re.compile(
    r"^\s*(?:[*•·«»+¢▪■●◦‣►➢➤\uf0b7\uf0a7\uf0d8\uf0e0\uf076\uf0fc\uf06e-]"
    r"|(?:eo|oe|[eo\"”'’])(?=\s+[A-ZÅÄÖ]))\s+(?=\S)"
)
_TERMINAL = re.compile(r"[.!?:;]\s*$")

_TARGET_IN_TEXT = re.compile(
    fuzzy_pattern("målvärde")
    + r"(?:t)?\s+(?:för\s+\d{4}\s+)?(?:är|ska vara)\s+(?P<value>[<>≥≤]?\s*\d[\d ,.]*\s*%?)",
    re.I,
)


@dataclass
class Goal:
    kind: str
    number: str | None
    title: str
    source_term: str
    page: int | None
    source_index: int | None
    source_text: str
    parent: int | None = None  # index in the list of goals
    status_raw: str | None = None  # a follow-up's assessment as printed ("Delvis uppfyllt")
    status: str | None = None  # uppfyllt | delvis uppfyllt | ej uppfyllt | pågår | genomfört | …
    # read by a rule of the shared vocabulary (goal_terms.csv), not one of the conventions
    # of the regions read first: see :func:`styrdata.extract.domain.extract_domain`
    generic: bool = field(default=False, compare=False, repr=False)


@dataclass
class IndicatorValue:
    value_type: str  # utfall | målvärde | prognos (or the column's measure)
    year: int | None
    raw: str
    status_raw: str | None = None
    flag: str | None = None  # e.g. a percentage whose decimal comma OCR probably lost
    subject: str | None = None  # a comparison column: "riket", "länet", "liknande kommuner"
    unit: str | None = None  # the column's or row's unit when the value does not print it
    period: str | None = None  # helår | perioden | ack | jan–apr …


@dataclass
class Indicator:
    text: str
    kind: str | None  # kvantitativ | kvalitativ
    goal: int | None  # index in the list of goals
    page: int | None
    source_index: int | None
    source_text: str
    values: list[IndicatorValue] = field(default_factory=list)


def _title(text: str) -> str:
    return " ".join(text.split()).strip().rstrip(".").strip()


def _heading_like(b: Block) -> bool:
    """A heading, or what OCR left of one: a single short line without a full stop."""
    if b.kind == "heading":
        return True
    t = b.text.strip()
    return (
        b.kind == "paragraph"
        and len(b.lines or [t]) == 1
        and len(t) <= 80
        and not re.search(r"[.!?;,]$", t)
    )


def _is_title_like(text: str) -> bool:
    t = text.strip()
    return 0 < len(t) <= 60 and t[:1].isupper() and not re.search(r"[.:;!?]$", t)


def _part(b: Block, lines: list[str], kind: str) -> Block:
    if kind == "list_item":
        lines = [_BULLET.sub("", lines[0], count=1), *lines[1:]]
    return replace(b, kind=kind, text=join_lines(lines), lines=list(lines), table=None)


def _split_block(b: Block) -> list[Block]:
    """One block → its logical parts: a paragraph where a goal construct starts on a later
    line ("… liv!" / "Mål: Regionservice är …", "Effektmål 9. …" / "Indikatorer" / "…") →
    one part per construct; a paragraph of bullets ("* Att …" lines) → one list item per
    bullet. Page, source index and bounding box stay those of the block."""
    lines = [ln for ln in b.lines if ln.strip()]
    if b.table is not None or b.kind not in ("paragraph", "list_item", "heading") or not lines:
        return [b]
    if b.kind == "list_item":
        return [_part(b, lines, "list_item")] if _BULLET.match(b.text) else [b]
    cuts = [
        k
        for k in range(1, len(lines))
        if _STARTS_CONSTRUCT.match(lines[k])
        or _INDIKATORER.match(lines[k - 1])  # a heading line: what follows is its content
        or _MAL_HEADING.match(lines[k - 1])
        or _STRATEGIER_FOR.match(lines[k - 1])
    ]
    bounds = [0, *cuts, len(lines)]
    out: list[Block] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        part = lines[lo:hi]
        if b.kind != "paragraph" or not _BULLET.match(part[0]):
            whole = b if (lo, hi) == (0, len(lines)) else None
            out.append(whole or _part(b, part, b.kind if lo == 0 else "paragraph"))
            continue
        items: list[list[str]] = []
        for ln in part:
            if _BULLET.match(ln) or not items:
                items.append([ln])
            else:
                items[-1].append(ln)
        out.extend(_part(b, it, "list_item") for it in items)
    return out


def logical_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks as the goal conventions read them: glued constructs split apart (see
    :func:`_split_block`) and a bullet continued on the next paragraph ("… krisberedskap
    och" / "civilt försvar, …") joined back to its item."""
    out: list[Block] = []
    for b in blocks:
        for part in _split_block(b):
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.kind == "list_item"
                and part.kind == "paragraph"
                and part.text[:1].islower()
                and not _TERMINAL.search(prev.text)
            ):
                lines = (prev.lines or [prev.text]) + (part.lines or [part.text])
                out[-1] = _part(prev, lines, "list_item")
                continue
            out.append(part)
    return out


def extract_goals(
    doc: Document, year: int | None = None, doc_type: str | None = None
) -> tuple[list[Goal], list[Indicator]]:
    """The goals and indicators of a document, in document order; ``doc_type`` says whether
    a table's outcome columns without a year are the report's year (a follow-up)."""
    goals: list[Goal] = []
    indicators: list[Indicator] = []
    blocks = logical_blocks(doc.blocks)
    area: int | None = None  # current målområde
    strategy: int | None = None
    owner: int | None = None  # the goal indicators attach to
    mode: str | None = None  # "indikatorer" | "mål" | None
    in_uppdrag_section = False
    uppdrag_area: int | None = None
    list_parent: int | None = None  # the goal the bullets of a "strategier"/"ska" list belong to
    last_item: int | None = None  # the latest goal read from such a list
    sub_list: str | None = None  # how that goal takes nested bullets (see _opens_sub_list)

    goal_blocks: list[int] = []  # the block index of each goal
    # goals read from labelled headings ("Inriktningsmål: …" > "Nämndmål 2.1: …"), with
    # their heading rank: a goal's parent is the nearest one ranked above it
    stack: list[tuple[tuple[float, int], int]] = []
    lead_in: tuple[str, str] | None = None  # (term, kind) of a lead-in whose bullets follow

    def add(
        kind: str, num: str | None, title: str, term: str, b: Block, parent: int | None,
        generic: bool = False,
    ) -> int:  # fmt: skip
        g = Goal(kind, num, _title(title), term, b.page, b.source_index, b.text, parent)
        g.generic = generic
        goals.append(g)
        goal_blocks.append(i)
        return len(goals) - 1

    for i, b in enumerate(blocks):
        text = b.text.strip()
        if b.table is not None:
            # "Nämndmål | Bedömning | Kommentar": a goal per row; "Fullmäktiges mål |
            # Nämndens mål | …": the goals of the right column under those of the left
            above = _deepest(stack, owner, area)
            base = len(goals)
            for g in _goal_table(blocks, i, above is not None):
                g.parent = above if g.parent is None else base + g.parent
                g.generic = True
                goals.append(g)
                goal_blocks.append(i)
            indicators.extend(_indicator_table(b, owner, year, doc_type))
            continue
        if b.kind not in ("heading", "paragraph", "list_item"):
            continue
        if lead_in is not None:
            if b.kind == "list_item":
                add(lead_in[1], None, text, lead_in[0], b, _deepest(stack, owner, area), True)
                continue
            lead_in = None
        m = _PERSPEKTIV.match(text)
        if m and _heading_like(b):
            area = add("målområde", None, m.group("title"), "perspektiv", b, None)
            strategy, owner, mode, in_uppdrag_section = None, area, None, False
            stack.clear()
            continue
        m = _PRIORITERAT.match(text)
        if m and _heading_like(b):
            area = add("målområde", None, m.group("title"), "prioriterat område", b, None)
            strategy, owner, mode, in_uppdrag_section = None, area, None, False
            stack.clear()
            continue
        if (
            b.kind == "heading"
            and _CHAPTER.match(text)
            and len(text) <= 60
            and not _MALOMRADE.match(text)
        ):
            area = strategy = owner = None  # a new chapter: goals above no longer apply
            mode = None
            stack.clear()
        m = _MALOMRADE.match(text)
        if m:
            area = add("målområde", m.group("num"), m.group("title"), "målområde", b, None)
            strategy, owner, mode, in_uppdrag_section = None, area, None, False
            continue
        m = _EFFEKTMAL.match(text)
        if m and len(text) <= 320:
            # one sentence: OCR may glue what follows ("… tandvard. 4 Kommentar")
            title = re.split(r"(?<=\.)\s+(?=\d|[A-ZÅÄÖ])", m.group("title"))[0]
            owner = add("effektmål", m.group("num"), title, "effektmål", b, area)
            mode = None
            continue
        m = _STRATEGI.match(text)
        if m and len(text) <= 160:
            strategy = add("strategi", None, m.group("title"), "strategi", b, area)
            owner, mode = strategy, None
            continue
        m = _MAL.match(text)
        if m:
            parent = (
                strategy if strategy is not None and (area is None or strategy > area) else area
            )
            if stack and b.kind == "heading":
                parent = _deepest(_below(stack, _rank(b)), None, parent)
            owner = add("mål", None, m.group("title"), "mål", b, parent)
            mode = None
            continue
        m = _UPPDRAG.match(text)
        if m:
            parent = (
                strategy if strategy is not None and (area is None or strategy > area) else area
            )
            add("uppdrag", None, m.group("title"), "uppdrag", b, parent)
            continue
        hit = _labelled_heading(b) if _heading_like(b) else None
        if hit is not None:
            term, kind, num, title = hit
            area = _unless_closed(area, stack, _rank(b))
            stack[:] = _below(stack, _rank(b))
            parent = _deepest(stack, None, area)
            owner = add(kind, num, title, term, b, parent, True)
            stack.append((_rank(b), owner))
            if kind == "målområde" and not stack[:-1]:
                area = owner
            mode = None
            continue
        if b.kind == "heading" and stack:  # a heading as high as a goal's ends it
            area = _unless_closed(area, stack, _rank(b))
            owner = _unless_closed(owner, stack, _rank(b))
            stack[:] = _below(stack, _rank(b))
        if b.kind == "paragraph" and mode not in ("strategier", "ska"):
            lead = _goal_lead_in(text)
            if lead is not None and i + 1 < len(blocks) and blocks[i + 1].kind == "list_item":
                lead_in, mode = lead, None
                continue
        if _UPPDRAG_SECTION.search(text) and len(text) <= 60:
            in_uppdrag_section, uppdrag_area, mode = True, None, None
            continue
        if in_uppdrag_section:
            nxt = next(
                (
                    x
                    for x in blocks[i + 1 :]
                    if x.kind in ("heading", "paragraph")
                    and (_is_title_like(x.text) or _SKA_TITLE.match(x.text.strip()))
                ),
                None,
            )
            if _SKA_TITLE.match(text):
                add("uppdrag", None, text, "uppdrag", b, uppdrag_area)
                continue
            if _is_title_like(text) and nxt is not None and _SKA_TITLE.match(nxt.text.strip()):
                uppdrag_area = add("målområde", None, text, "område", b, None)
                continue
            if _is_title_like(text) and b.kind in ("heading", "paragraph"):
                in_uppdrag_section = False  # a title not followed by assignments ends it
        if _STRATEGIER_FOR.match(text) and b.kind in ("heading", "paragraph"):
            mode, last_item = "strategier", None
            list_parent = (
                strategy if strategy is not None and (area is None or strategy > area) else area
            )
            continue
        if _SKA_INTRO.search(text) and b.kind == "paragraph":
            mode, last_item = "ska", None
            list_parent = owner if owner is not None else area
            continue
        if mode in ("strategier", "ska") and b.kind == "list_item":
            if mode == "ska" and last_item is not None and _is_sub_item(sub_list, text):
                _append_sub_item(goals[last_item], b.text)
                continue
            kind, term = ("strategi", "strategi") if mode == "strategier" else ("uppdrag", "ska")
            last_item = add(kind, None, text, term, b, list_parent)
            sub_list = _opens_sub_list(text)
            continue
        if mode in ("strategier", "ska"):
            mode = None
        if _INDIKATORER.match(text):
            mode = "indikatorer"
            # Halland: "Indikatorer" then area headings with tables; keep the owner
            continue
        if _MAL_HEADING.match(text) and _heading_like(b):
            mode = "mål"
            continue
        if (
            b.kind == "heading"
            and _goal_section(text)
            and i + 1 < len(blocks)
            and blocks[i + 1].kind == "list_item"
        ):  # "Nämndens mål" and its bullets straight below: each bullet is a goal
            term, kind = _goal_section(text)
            lead_in, mode = (term, kind), None
            continue
        if (
            mode == "indikatorer"
            and _is_title_like(text)
            and (b.kind == "heading" or (i + 1 < len(blocks) and blocks[i + 1].table is not None))
        ):
            # an area title inside an indicator section (Halland): the goal of that name
            owner = _goal_named(goals, text)
            continue
        if b.kind == "heading" or _STOP_LIST.match(text):
            mode = None
            continue
        if mode == "indikatorer" and owner is not None and b.kind in ("paragraph", "list_item"):
            indicators.append(Indicator(text, None, owner, b.page, b.source_index, b.text))
            continue
        if mode == "mål" and b.kind == "paragraph":
            if _LEAD_IN_END.search(text):  # "Nämnden har beslutat:": its bullets are the goals
                if i + 1 < len(blocks) and blocks[i + 1].kind == "list_item":
                    lead_in = ("mål", "mål")
                continue
            parent = owner if owner is not None else area
            add("mål", None, text, "mål", b, parent)
            continue
    indicators.extend(_followup_indicators(blocks, goals, goal_blocks, year))
    _read_statuses(goals, goal_blocks, blocks)
    return goals, indicators


def _goal_table(blocks: list[Block], i: int, in_structure: bool) -> list[Goal]:
    """The goals of a table whose first header cells name the goal structure (Stratsys-style
    exports, see :func:`~.goal_structures.from_table`); a goal's parent is an index in the
    list returned, None for the table's top level."""
    from styrdata.extract.domain.goal_structures import from_table, table_context

    return from_table(blocks[i], None, table_context(blocks, i), in_structure)


def _read_statuses(goals: list[Goal], goal_blocks: list[int], blocks: list[Block]) -> None:
    """A follow-up's assessment printed right after a goal ("Bedömning: Delvis uppfyllt",
    "Prognos: Målet bedöms uppnås.") → its status; the printed words kept."""
    from styrdata.extract.domain.goal_vocab import STATUS_LINE, sentence_status, status_of

    for g, k in zip(goals, goal_blocks, strict=True):
        for b in blocks[k + 1 : k + 4] if g.status_raw is None and blocks[k].table is None else []:
            lines = [ln for ln in (b.lines or [b.text]) if ln.strip()]
            m = STATUS_LINE.match(lines[0]) if lines and b.table is None else None
            if m and status_of(m.group("s")):
                g.status_raw = " ".join(m.group("s").split()).rstrip(".")
                break
            if b.kind == "heading" or b.table is not None or b.kind == "list_item":
                break
            said = sentence_status(b.text) if b.kind == "paragraph" else None
            if said:  # "Utfall 2025: 1,1 procent. Målet är inte uppfyllt."
                g.status_raw = said
                break
        if g.status_raw and g.status is None:
            g.status = status_of(g.status_raw)


_LEAD_IN_END = re.compile(r":\s*$")
_HEADING_NUM = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")
# after the term: "2.1: Title", "1 – Title", ": Title", and in a heading also "1 Title"
_AFTER_TERM = re.compile(
    r"^\s*(?:(?P<num>\d+(?:\.\d+)*)\s*(?P<sep>[:.–—-])?|(?P<colon>[:–—]))\s*"
    r"(?P<title>[A-ZÅÄÖ\"“].*)$",
    re.S,
)
# terms too general to label a goal without a number ("Område: Ekonomi")
_WEAK_TERMS = ("område", "prioritering", "långsiktig prioritering")


def _rank(b: Block) -> tuple[float, int]:
    """Heading rank: a larger font, then a lower level number, ranks higher."""
    return (b.font_size or 0.0, -(b.level or 0) if b.kind == "heading" else -99)


def _below(stack: list, rank: tuple[float, int]) -> list:
    """The goals of the stack that rank above a heading of this rank (its parents)."""
    out = list(stack)
    while out and out[-1][0] <= rank:
        out.pop()
    return out


def _unless_closed(goal: int | None, stack: list, rank: tuple[float, int]) -> int | None:
    """``goal``, or None when a heading of this rank closes it (it is on the stack)."""
    kept = {k for _, k in _below(stack, rank)}
    return None if goal in {k for _, k in stack} - kept else goal


def _deepest(stack: list, owner: int | None, area: int | None) -> int | None:
    if stack:
        return stack[-1][1]
    return owner if owner is not None else area


def _labelled_heading(b: Block) -> tuple[str, str, str | None, str] | None:
    """A heading labelled with a goal word of any organisation's vocabulary
    (``data/goal_terms.csv``): "Inriktningsmål: X", "Nämndmål 2.1: X", "Fokusområde 1 X",
    "Verksamhetsmål 3. X" → (term, kind, number, title). The specific conventions read
    above (perspektiv, målområde N, effektmål N, strategi, mål, uppdrag) come first."""
    from styrdata.extract.domain.goal_vocab import term_at_start

    text = _HEADING_NUM.sub("", b.text.strip()) if b.kind == "heading" else b.text.strip()
    if len(text) > 200 or "\n" in text.strip():
        return None
    hit = term_at_start(text)
    if hit is None:
        return None
    term, kind, m = hit
    a = _AFTER_TERM.match(text[m.end() :])
    if a is None:
        return None
    num, title = a.group("num"), _title(a.group("title"))
    if num is None and (term in _WEAK_TERMS or term in ("mål", "uppdrag", "strategi")):
        return None  # "Mål: X", "Uppdrag: X" are read by their own rules
    if num is not None and a.group("sep") is None and b.kind != "heading":
        return None  # "Mål 2 ska …" in running text is no label
    words = title.split()
    if not words or (kind != "målområde" and len(words) < 2) or len(words) > 40:
        return None
    if re.search(r"[.:;]$", b.text.strip()) and len(words) < 3:
        return None
    return term, kind, num, title


def _goal_lead_in(text: str) -> tuple[str, str] | None:
    """(term, kind) of a lead-in naming the goal structure its bullets hold: "Nämnden har
    beslutat om följande mål:", "… fastställt följande inriktningsmål:"."""
    from styrdata.extract.domain.goal_vocab import term_in

    if not _LEAD_IN_END.search(text) or len(text) > 300 or re.search(r"\bexempel", text, re.I):
        return None  # "Exempel på väl formulerade nämndmål:" in an instruction
    hit = term_in(text)
    if hit is None or hit[0] in _WEAK_TERMS:
        return None
    tail = text[hit[2].end() :].strip(" :")
    before = [w.lower() for w in text[: hit[2].start()].split()[-4:]]
    if len(tail.split()) > 3 or not any(
        w.startswith(("följande", "dessa", "nedanstående")) for w in before
    ):
        return None
    if re.search(r"\b(?:risk|utmaning|princip|aktiviteter|åtgärder|indikator)", text, re.I):
        return None
    return hit[0], hit[1]


def _goal_section(text: str) -> tuple[str, str] | None:
    """(term, kind) of a heading that names a goal section: "Nämndens mål", "Mål 2027",
    "Kommunfullmäktiges mål", "Våra prioriterade mål" — its bullets are goals."""
    from styrdata.extract.domain.goal_vocab import term_in

    plain = _HEADING_NUM.sub("", text.strip())
    hit = term_in(plain)
    if hit is None or hit[0] in _WEAK_TERMS or hit[1] == "målområde":
        return None
    if len(plain.split()) > 5 or not re.fullmatch(r"[\s\d–-]*:?", plain[hit[2].end() :]):
        return None
    before = plain[: hit[2].start()].split()
    if any(fold(w) in ("och", "for", "inom", "om", "av") for w in before):
        return None  # "Mål och budget", "Uppföljning av mål"
    return hit[0], hit[1]


def _opens_sub_list(text: str) -> str | None:
    """How a bullet leaves room for nested bullets the layout no longer shows (text dumps
    keep no indentation): "colon" — it ends with a colon ("… exempelvis:"), so the rest of
    the list is its sub-items; "att" — it ends mid-sentence ("… ytterligare tydliggöra"), so
    the bullets starting with "Att" (or in lower case) continue it; None — it is complete."""
    if text.rstrip().endswith(":"):
        return "colon"
    return None if _TERMINAL.search(text) else "att"


def _is_sub_item(sub_list: str | None, text: str) -> bool:
    if sub_list == "colon":
        return True
    return sub_list == "att" and (re.match(r"(?i:att)\s", text) is not None or text[:1].islower())


def _append_sub_item(parent: Goal, text: str) -> None:
    """A nested bullet joins its parent's title: "parent: first; second; …"."""
    sep = ": " if parent.source_text.count("\n") == 0 else "; "
    parent.title = _title(parent.title.rstrip(":") + sep + text.strip())
    parent.source_text = parent.source_text + "\n" + text


# -- follow-up reports: "Indikatorer Utfall Målvärde" rows ---------------------------------
# "Malvéarde": OCR may also add a letter, so the last word is matched loosely
_MALVARDE_LOOSE = r"m\S{1,2}lv\S{1,3}rde"
_FOLLOWUP_HEADER = re.compile(
    r"^\s*" + _kw("indikatorer") + r"\s+" + _kw("utfall") + r"\s+" + _MALVARDE_LOOSE + r"\s*$",
    re.I,
)
_KOMMENTAR = re.compile(r"^\s*" + _kw("kommentar") + r"\s*:?\s*$", re.I)
_STATUS_WORD = r"(?:Helt|Delvis|Inte alls|Ja|Nej|Uppnått|Ej uppnått)"
# a scale word may end the line, its unit (or the rest of the word) wrapped onto the next
_SCALE = r"(?:tusen|miljoner|miljarder|milj\w*-)"
_VALUE = (
    r"[<>≥≤]?(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,\d+)?\s?(?:%|st\b|procent\b|" + _SCALE + r")?"
)
_ROW_TAIL = re.compile(
    rf"^(?P<text>.*?\S)\s+(?:(?P<utfall>{_VALUE}|-)\s+(?P<mal>{_VALUE}|-)|(?P<one>{_VALUE}))?"
    rf"(?:\s*(?P<status>{_STATUS_WORD}|[1l|]?[A-ZÅÄÖ]{{1,2}}\)?|[^\w\s]{{1,2}}))?\s*$"
)
_INCOMPLETE = re.compile(r"(?:" + _SCALE + r")$")


def _complete_wrapped_values(values: list[IndicatorValue], line: str) -> str:
    """Values cut at the line end ("1,174 miljoner", "1,145 miljo-") take their rest from the
    end of the row's next line ("… jämfört ton ner ton"); the line without it is returned.
    Nothing is taken unless the line ends in exactly the short words needed."""
    need = sum((2 if v.raw.endswith("-") else 1) for v in values if _INCOMPLETE.search(v.raw))
    words = line.split()
    tail = words[len(words) - need :] if need else []
    if not need or len(words) <= need or not all(re.fullmatch(r"[a-zåäö]{1,5}", w) for w in tail):
        return line
    for v in values:
        if not _INCOMPLETE.search(v.raw):
            continue
        if v.raw.endswith("-"):
            v.raw = v.raw[:-1] + tail.pop(0)
        v.raw = f"{v.raw} {tail.pop(0)}"
    return " ".join(words[: len(words) - need])


def _row_values(first_line: str, year: int | None) -> tuple[str, list[IndicatorValue]]:
    """'… ska ligga pa en 83 >78' → text and values (utfall 83, målvärde >78); a status word
    or a stray letter (an OCR'd status symbol) at the end is kept as status_raw."""
    m = _ROW_TAIL.match(first_line.strip())
    if not m or not (m.group("utfall") or m.group("one") or m.group("status")):
        return first_line, []
    if re.search(r"\b(19|20)\d\d$", first_line.strip()) and not m.group("status"):
        return first_line, []  # a year ends the sentence, not a value column
    status = m.group("status")
    if (
        status
        and not re.fullmatch(_STATUS_WORD, status)
        and not (m.group("utfall") or m.group("one"))
    ):
        return first_line, []  # a lone capital letter with no values: part of the text
    values: list[IndicatorValue] = []
    if m.group("utfall"):
        if m.group("utfall") != "-":
            values.append(IndicatorValue("utfall", year, m.group("utfall").strip(), status))
        if m.group("mal") != "-":
            values.append(IndicatorValue("målvärde", year, m.group("mal").strip()))
    elif m.group("one"):
        values.append(IndicatorValue("utfall", year, m.group("one").strip(), status))
    elif status:
        values.append(IndicatorValue("utfall", year, "", status))
    _flag_lost_percent_commas(values)
    return m.group("text"), values


_DECIMAL_PERCENT = re.compile(r"^[<>≥≤]?\s*(\d+),(\d)\s*%$")
_INTEGER_PERCENT = re.compile(r"^[<>≥≤]?\s*(\d{2,4})\s*%$")
LOST_PERCENT_COMMA = "decimal comma possibly lost (OCR)"


def _flag_lost_percent_commas(values: list[IndicatorValue]) -> None:
    """ "11,0% 89%": beside a percentage printed with one decimal, an integer percentage whose
    tenth is of the same size (8,9 beside 11,0; 18,2 beside 17,5) probably lost its comma to
    OCR. It is flagged, never changed: the printed value stays the value."""
    decimals = [
        float(f"{m.group(1)}.{m.group(2)}")
        for v in values
        if (m := _DECIMAL_PERCENT.match(v.raw.strip()))
    ]
    for v in values:
        m = _INTEGER_PERCENT.match(v.raw.strip())
        if not m or not decimals:
            continue
        tenth = int(m.group(1)) / 10
        if any(0.5 <= tenth / d <= 2 for d in decimals if d > 0):
            v.flag = LOST_PERCENT_COMMA


_ROW_LINE_MAX = 90  # the indicator column is narrow; comment lines run the page width


def _followup_indicators(
    blocks: list[Block], goals: list[Goal], goal_blocks: list[int], year: int | None
) -> list[Indicator]:
    """Rows of "Indikatorer Utfall Målvärde" sections, read line by line (a PDF paragraph may
    hold the header, a row and its "Kommentar"): each row is the run of short lines right
    above a "Kommentar" line, its first line ending in the outcome, the target and a status."""
    out: list[Indicator] = []
    done_until = -1
    for m, b in enumerate(blocks):
        if m <= done_until or not any(_FOLLOWUP_HEADER.search(x) for x in _lines_of(b)):
            continue
        owners = [k for k, gb in enumerate(goal_blocks) if gb <= m]
        owner = owners[-1] if owners else None
        while owner is not None and goals[owner].kind == "uppdrag":
            owner = goals[owner].parent
        later = [gb for gb in goal_blocks if gb > m]
        headings = [j for j in range(m + 1, len(blocks)) if blocks[j].kind == "heading"]
        end = min([*later, *headings, len(blocks)])
        done_until = end - 1
        items: list[tuple[str, Block]] = []
        for j in range(m, end):
            if blocks[j].table is None:
                items.extend((ln, blocks[j]) for ln in _lines_of(blocks[j]))
        # drop the header (also where repeated at a page top), keeping text glued to it
        cleaned: list[tuple[str, Block]] = []
        for ln, blk in items:
            ln = _FOLLOWUP_HEADER_ANY.sub(" ", ln).strip()
            for part in re.split(r"\s+(?=" + _kw("kommentar") + r"\s*$)", ln, flags=re.I):
                if part.strip():
                    cleaned.append((part.strip(), blk))
        kommentar = [k for k, (ln, _) in enumerate(cleaned) if _KOMMENTAR.match(ln)]
        prev = -1
        for c in kommentar:
            row = []
            k = c - 1
            while (
                k > prev
                and len(cleaned[k][0]) <= _ROW_LINE_MAX
                and not _KOMMENTAR.match(cleaned[k][0])
            ):
                row.insert(0, k)
                k -= 1
            while row and not cleaned[row[0]][0][:1].isupper():
                row.pop(0)  # the tail of the comment above ("2024,")
            prev = c
            if not row:
                continue
            first, blk = cleaned[row[0]]
            text0, values = _row_values(first, year)
            others = [cleaned[r][0] for r in row[1:]]
            if others:
                others[0] = _complete_wrapped_values(values, others[0])
            rest = " ".join(others)
            text = mend_hyphens(" ".join(x for x in (text0, rest) if x))
            out.append(
                Indicator(
                    text.strip(),
                    None,
                    owner,
                    blk.page,
                    blk.source_index,
                    "\n".join(cleaned[r][0] for r in row),
                    values,
                )
            )
    return out


def _lines_of(b: Block) -> list[str]:
    return b.lines or [b.text]


_FOLLOWUP_HEADER_ANY = re.compile(
    _kw("indikatorer") + r"\s+" + _kw("utfall") + r"\s+" + _MALVARDE_LOOSE, re.I
)


def _goal_named(goals: list[Goal], title: str) -> int | None:
    """The latest goal with this title (diacritics and case aside)."""
    return next(
        (k for k in reversed(range(len(goals))) if fold(goals[k].title) == fold(title)), None
    )


def _indicator_table(
    b: Block, owner: int | None, year: int | None, doc_type: str | None
) -> list[Indicator]:
    """A table whose first header cell names indicators, read by its columns' meaning like
    every key-figure table (:func:`~.table_indicators.indicator_table`); its indicators
    belong to the goal above it."""
    from styrdata.extract.domain.table_indicators import indicator_table

    found = indicator_table(b.table, year, doc_type, b.page, b.source_index)
    for ind in found:
        ind.goal = owner
    return found
