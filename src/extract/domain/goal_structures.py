"""Goals in any organisation's vocabulary: the goal structures of Swedish plans and follow-ups.

Regions, kommuner and kommunalförbund name the parts of their goal structure with a shared
set of words (``data/goal_terms.csv``: nämndmål, verksamhetsmål, inriktningsmål,
kommunfullmäktiges mål, fokusområde, målområde, perspektiv, uppdrag, aktivitet …) and set
them out in a few layouts. A goal is a stated intention *inside* such a structure:

1. **numbered or labelled items**: "Mål 1: …", "Nämndmål 2. …", "Fokusområde 9 – …",
   "Uppdrag: …" as a heading, paragraph or list item;
2. **a lead-in and its list**: "Nämnden har beslutat om följande mål:", "… fastställt ett
   antal inriktningsmål för granskningen:" followed by bullets — each bullet is a goal;
3. **a goal section**: a short heading naming the structure ("Nämndens mål", "Uppföljning
   per område", "Fokusområden") whose sub-headings are its goals (structural headings
   such as "Bakgrund" or "Uppföljning" excepted, ``data/document_sections.csv``), each
   followed by text of its own or a subtitle ("– för tillit och sammanhållning"); a box
   of text set right under such a goal (a framed or shaded paragraph, the committee's
   priority for the område repeated before the follow-up) states its goal: a goal of kind
   mål under it;
4. **goal tables** (Stratsys-style exports): a first header cell naming the structure
   ("Nämndmål | Bedömning | Kommentar", "Aktivitet | Status | Färdiggrad", "Finansiella
   mål | Nyckeltal"): each row is a goal, its status from the status column. Header cells
   side by side naming levels, by term or by owner ("Regionfullmäktiges mål | Nämndens mål
   | Indikator | … | Status", "Fokusområde | Verksamhetsmål"), nest: left is the parent, a
   merged or repeated cell one goal, the row's status that of its most specific goal. A
   table of activities is a timetable, not goals, under a heading naming a schedule
   ("Tidplan", "Årshjul", "Budgetprocessen") or when its other columns give dates and who
   does what, unless it follows up their progress ("Status", "Färdiggrad").

5. **goals stated outside lists and tables** (:mod:`goal_statements`): the goal quoted after a
   lead-in naming it ("Det övergripande målet lyder:" + ”…”), the list under a heading that
   counts its areas or goals ("Tre prioriterade områden 2027"), a financial goal or delmål
   stated in a sentence ("Det finansiella målet för 2027 är ett positivt resultat på 1
   procent av omsättningen").

A heading that merely mentions "mål" is none of these and yields nothing; nor does a
sentence such as "Målet är att …". The assessment of a goal in a follow-up comes from the
status column, or a line "Bedömning: Delvis uppfyllt" / "Status: Pågår" right after the
goal (``data/goal_status.csv``), with the printed word kept.
"""

from __future__ import annotations

import re

from styrdata.extract.domain.goal_statements import (
    announced_count,
    area_items,
    area_like,
    last_sentence,
    lead_term,
    quotation,
    quoted_text,
    sentences,
    stated_goal,
)
from styrdata.extract.domain.goal_vocab import (
    BULLETS,
    STATUS_LINE,
    sentence_status,
    status_of,
    structural,
    term_at_start,
    term_in,
    terms,
)
from styrdata.extract.domain.goals import Goal
from styrdata.extract.model import Block, Document
from styrdata.normalize.colours import colour_name
from styrdata.normalize.text import fold, join_lines

_BULLETS = BULLETS
_BULLET_SPLIT = re.compile(r"\s*[" + re.escape(_BULLETS.replace("–", "")) + r"]\s*")
_MAX_TITLE = 400
_MAX_HEADING_WORDS = 7
_terms = terms
_structural = structural
_term_in = term_in
_term_at_start = term_at_start


_NUMBERED = re.compile(r"^\s*(?P<num>\d+(?:\.\d+)*)\s*[:.–—-]?\s*(?P<title>\S.*)$", re.S)
_LABELLED = re.compile(r"^\s*[:–—-]\s*(?P<title>[A-ZÅÄÖ0-9\"“].*)$", re.S)
_SECTION_NUM = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")
_STATUS_LINE = STATUS_LINE
_LEAD_IN_END = re.compile(r":\s*$")
_FOLLOWING = re.compile(r"\b(?:följande|dessa|nedan|fastställ|beslut|antagit|antog)", re.I)


_WEAK = ("område", "prioritering", "långsiktig prioritering")  # goal words in section headings only
# lead-ins whose list or quotation is no goal of the document: risks, challenges,
# principles, and examples ("Exempel på ett väl formulerat nämndmål:" in an instruction)
_NOT_GOALS = re.compile(r"\brisk|\butmaning|\bprincip|\bexempel", re.I)


def _lead_in(text: str, hit: tuple[str, str, re.Match]) -> bool:
    """A lead-in names the structure its list holds: the term is the last words before the
    colon ("… följande mål:"), or follows a word that introduces what was decided ("har
    fastställt ett antal inriktningsmål för granskningen:")."""
    term, _, m = hit
    if term in _WEAK or _NOT_GOALS.search(text):
        return False
    tail = text[m.end() :].strip()
    if len(tail.split()) <= 4:
        return True
    before = text[: m.start()].split()[-5:]
    return any(_FOLLOWING.match(w) for w in before)


def _clean_title(t: str) -> str:
    t = " ".join(t.split()).strip(" ,;")
    return t[:1].upper() + t[1:] if t else t


def _items(b: Block) -> list[str]:
    """The bullets of a block: one list item, or bullets glued into one paragraph."""
    parts = [p for p in _BULLET_SPLIT.split(b.text) if p.strip()]
    return parts


def _goal(kind, number, title, term, b: Block, parent=None, marks=None) -> Goal:
    return Goal(
        kind=kind,
        number=number,
        title=_clean_title(title),
        source_term=term,
        page=b.page,
        source_index=b.source_index,
        source_text=b.text[:1000],
        parent=parent,
        status_raw=_colour_status(b.marks if marks is None else marks),
    )


def _colour_status(marks: list[str]) -> str | None:
    """A traffic light drawn beside the goal: its colour's name with the colour as printed
    ("grön (#2e9e48)"), when it is one the status vocabulary knows."""
    for hexa in marks:
        name = colour_name(hexa)
        if name and status_of(name):
            return f"{name} ({hexa})"
    return None


def _labelled(b: Block) -> Goal | None:
    """Rule 1: "Mål 1: …", "Fokusområde 9 – …", "Uppdrag: …"."""
    text = b.text.strip()
    if len(text) > _MAX_TITLE:
        return None
    hit = _term_at_start(_SECTION_NUM.sub("", text) if b.kind == "heading" else text)
    if hit is None:
        return None
    term, kind, m = hit
    rest = (_SECTION_NUM.sub("", text) if b.kind == "heading" else text.strip())[m.end() :]
    n = _NUMBERED.match(rest)
    if n and re.match(r"^\s*\d", rest):
        title = n.group("title")
        if not re.match(r"[:.–—-]", rest.strip()[len(n.group("num")) :].strip() or ":") and not (
            b.kind == "heading"
        ):
            return None
        if len(title.split()) < 2 or title[:1].islower():
            return None
        return _goal(kind, n.group("num"), title, term, b)
    lab = _LABELLED.match(rest)
    if lab and rest.strip().startswith(":") and len(lab.group("title").split()) >= 3:
        return _goal(kind, None, lab.group("title"), term, b)
    return None


_LABEL_ONLY = re.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})*)\s*:?\s*$")


def _label_over_title(blocks: list[Block], i: int) -> Goal | None:
    """A heading that is a goal term and its number alone ("Nämndmål 1", "Mål 2.3:") over
    the goal itself, a short paragraph or heading of its own ("Alla elever ska lämna
    grundskolan med godkända betyg"). A year after the term ("Nämndens mål 2027") heads a
    section instead."""
    if i + 1 >= len(blocks):
        return None
    plain = _SECTION_NUM.sub("", blocks[i].text.strip())
    hit = _term_at_start(plain)
    if hit is None or hit[0] in _WEAK:
        return None
    n = _LABEL_ONLY.match(plain[hit[2].end() :])
    nxt = blocks[i + 1]
    title = nxt.text.strip()
    if (
        n is None
        or nxt.table is not None
        or nxt.kind not in ("paragraph", "heading")
        or not 3 <= len(title.split()) <= 40
        or len(title) > _MAX_TITLE
        or not title[:1].isupper()
        or title.endswith(":")
        or _term_at_start(title) is not None
    ):
        return None
    return _goal(hit[1], n.group("num"), title, hit[0], nxt)


def _glued_items(b: Block) -> list[Goal]:
    """Numbered items run together in one block ("Fokusområde 1 – A Fokusområde 9 – B")."""
    hit = _term_at_start(b.text)
    if hit is None:
        return []
    term, kind, _ = hit
    pat = re.compile(
        r"(?<![\wåäö])"
        + re.escape(b.text.strip()[: len(hit[2].group(0))])
        + r"\s*(\d+)\s*[:.–—-]\s*",
        re.I,
    )
    marks = list(pat.finditer(b.text))
    if len(marks) < 2:
        return []
    out = []
    for m, nxt in zip(marks, [*marks[1:], None], strict=True):
        title = b.text[m.end() : nxt.start() if nxt else len(b.text)]
        if len(title.split()) >= 1 and title.strip()[:1].isupper():
            out.append(_goal(kind, m.group(1), title, term, b))
    return out


def status_after(blocks: list[Block], i: int) -> str | None:
    for b in blocks[i + 1 : i + 4]:
        if b.kind == "heading" and b is not blocks[i + 1]:
            break
        for line in b.lines or [b.text]:
            m = _STATUS_LINE.match(line)
            if m and status_of(m.group("s")):
                return " ".join(m.group("s").split()).rstrip(".")
        said = sentence_status(b.text) if b.kind == "paragraph" else None
        if said:  # "… 1,1 procent. Målet är inte uppfyllt."
            return said
    return None


def _has_body(blocks: list[Block], i: int) -> bool:
    """A heading followed by text of its own (not another heading straight away), or by
    its subtitle: a line led by a dash, or a list item ("– för tillit och
    sammanhållning")."""
    for b in blocks[i + 1 : i + 4]:
        if b.kind == "heading":
            return False
        if (b.kind == "list_item" or b.text.lstrip()[:1] in "–—-") and len(
            b.text.split()
        ) >= _MIN_SUBTITLE_WORDS:
            return True
        if b.table is not None or len(b.text.split()) >= 8:
            return True
        m = _STATUS_LINE.match(b.text.strip())
        if m and status_of(m.group("s")):
            return True  # "Bedömning: Målet är delvis uppfyllt."
    return False


_MIN_SUBTITLE_WORDS = 3
_MIN_BOX_WORDS = 8


def boxed_text(b: Block) -> str | None:
    """The text of a box set as a table of one text column (a framed or shaded paragraph,
    its lines a row each): no figures, every filled cell in one column, a sentence's
    worth of words; None for any other block."""
    t = b.table
    if t is None:
        return None
    filled = [c for c in sorted(t.cells, key=lambda c: (c.row, c.col)) if c.text.strip()]
    if not filled or len({c.col for c in filled}) != 1 or any(c.is_header for c in filled):
        return None
    text = join_lines([c.text for c in filled])
    if len(text.split()) < _MIN_BOX_WORDS or len(text) > _MAX_TITLE * 3:
        return None
    if re.fullmatch(r"[\d\s,.%−–-]+", filled[0].text.strip()):
        return None
    return text


def _level(b: Block) -> tuple[float, int]:
    """Heading rank: a larger font (or a lower level number) ranks higher."""
    return (b.font_size or 0.0, -(b.level or 0))


def _joined_rows(grid: list[list[str | None]], col: int) -> list[tuple[int, str, list[str]]]:
    """(row, text, cells) with a text wrapped over several rows joined: a row whose text
    starts in lower case continues the row above."""
    out: list[tuple[int, str, list[str]]] = []
    for r, row in enumerate(grid):
        cells = [(x or "").strip() for x in row]
        text = cells[col] if col < len(cells) else ""
        if not text:
            out.append((r, "", cells))
            continue
        if out and out[-1][1] and text[:1].islower() and not out[-1][1].endswith("."):
            pr, pt, pc = out[-1]
            out[-1] = (pr, pt + " " + text, [a or b for a, b in zip(pc, cells, strict=False)])
            continue
        out.append((r, text, cells))
    return out


_ROW_LABEL = re.compile(r"^\s*(?P<num>\d+(?:\.\d+)*)\s*[:.–—-]\s*(?P<title>[A-ZÅÄÖ\"“].*)$", re.S)


def _row_label(text: str) -> tuple[str | None, str]:
    """A goal cell labelled like a heading ("Mål 1: X", "Nämndmål 2.1 – X", "3. X") →
    (number, title); other cells are their own title."""
    hit = _term_at_start(text)
    rest = text.strip()[hit[2].end() :] if hit else text
    m = _ROW_LABEL.match(rest)
    if m and len(m.group("title").split()) >= 2:
        return m.group("num"), m.group("title")
    if hit and re.match(r"^\s*:\s*[A-ZÅÄÖ]", rest) and len(rest.split()) >= 3:
        return None, rest.strip().lstrip(":").strip()
    return None, text


# -- goal tables -----------------------------------------------------------------------
# What makes a goal table's column a progress column (the table reports on its rows) and
# what makes it a schedule's column (dates, deadlines, who does it: a tidplan or årshjul).
_STATUS_HEAD = re.compile(r"bedömning|status|måluppfyllelse|uppfyll", re.I)
_PROGRESS_HEAD = re.compile(
    r"^(?:bedomning|status|maluppfyllelse|uppfyllelse|fardiggrad|genomford|genomforande"
    r"|resultat|utfall|prognos|uppfoljning|kommentar|analys)",
    re.I,
)
_DATE_HEAD = re.compile(
    r"^(?:datum|tidpunkt|tid|tidsplan|tidplan|klart?|klart? senast|senast|slutdatum|startdatum"
    r"|start|slut|deadline|vecka|v\.|manad|kvartal|nar|sista dag|beslutsdatum|mote|motesdatum"
    r"|sammantrade|ansvarig|ansvar|agare|utforare|beslutsinstans|forum|instans|mottagare)\b",
    re.I,
)
_MONTHS = (
    "jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec|januari|februari|mars|april|juni|juli"
    "|augusti|september|oktober|november|december"
)
_DATE_CELL = re.compile(
    r"^(?:\d{4}-\d{2}(?:-\d{2})?|\d{1,2}/\d{1,2}(?:[/-]\d{2,4})?|\d{1,2}\.?\s*(?:"
    + _MONTHS
    + r")\w*\.?(?:\s+\d{4})?|(?:"
    + _MONTHS
    + r")\w*\.?(?:\s+\d{4})?|v(?:ecka|\.)?\s*\d{1,2}"
    r"|(?:kvartal|q|t|tertial)\s*\d|\d\s*(?:kvartalet|tertialet)|löpande|årligen)$",
    re.I,
)
# a heading naming a schedule: "Tidplan", "Tidplan för uppföljning", "Årshjul",
# "Budgetprocessen", "Mötesplan", "Sammanträdesplan"
_SCHEDULE_HEADING = re.compile(
    r"tids?plan|arshjul|kalender|motesplan|motestider|sammantrade|tidslinje"
    r"|(?:^|\|)\s*(?:\d+(?:\.\d+)*\.?\s+)?\w*process(?:en)?\b",
    re.I,
)
# a weak goal term: a table headed by it holds goals only where it reports their progress
_ACTIVITY_TERMS = ("aktivitet",)


def _mended(text: str) -> list[str]:
    """A header as printed, then with one break inside a word mended (a narrow column
    wraps "Regionfullmäktiges" into "Regionfullmäktig" / "es mål")."""
    words = text.split()
    out = [" ".join(words)]
    for k in range(1, len(words)):
        if words[k - 1][-1:].isalpha() and words[k][:1].islower():
            out.append(" ".join([*words[: k - 1], words[k - 1] + words[k], *words[k + 1 :]]))
    return out


def _goal_header(text: str, first: bool) -> tuple[str, str] | None:
    """(source term, kind) of a column header naming a level of the goal structure:
    the term itself ("Nämndmål", "Mål 2026", "Fokusområde", "Strategiska mål"), or the
    level named by its owner ("Nämndens mål", "Regionfullmäktiges mål", "Förbundets
    övergripande mål"). The first column of a table also takes a header that merely starts
    with a term ("Finansiella mål och nyckeltal"), as it always has."""
    if not text or len(text.split()) > 8:
        return None
    for cand in _mended(text):
        hit = _term_at_start(cand)
        if hit is not None:
            rest = cand[hit[2].end() :]
            if first:
                return hit[0], hit[1]
            if hit[0] not in _WEAK and re.fullmatch(r"\s*:?", rest):
                return hit[0], hit[1]  # not "Mål 2027" beside the goals: that year's targets
        hit = _term_in(cand)
        tail = r"[\s\d–-]*:?" if first else r"\s*:?"
        if hit is None or hit[0] in _WEAK or not re.fullmatch(tail, cand[hit[2].end() :]):
            continue
        owner = cand[: hit[2].start()].split()
        if 1 <= len(owner) <= 2 and all(
            len(w) >= 4 and fold(w).endswith("s") and w[:1].isalpha() for w in owner
        ) and owner[0][:1].isupper():  # fmt: skip
            return " ".join(cand.split()).lower(), hit[1]
    return None


def _text_column(grid: list[list[str | None]], col: int) -> bool:
    """A column of goal titles: its filled body cells are words, not figures."""
    cells = [(r[col] or "").strip() for r in grid[1:] if col < len(r)]
    filled = [c for c in cells if c]
    if not filled:
        return False
    if any(_FIGURE_CELL.match(c) and not _ROW_LABEL.match(c) for c in filled):
        return False  # targets ("Mål 2026": "≥ 85 %", "Minst 90")
    if 2 * sum(1 for c in filled if re.search(r"\d", c)) > len(filled):
        return False  # mostly figures: targets in words ("Öka till 90 %")
    words = [len(re.findall(r"[A-Za-zÅÄÖåäöÉé]{2,}", c)) for c in filled]
    return min(words) >= 1 and sum(words) / len(words) >= 2


_NUMBER_CELL = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s*$")


def _number_column(grid: list[list[str | None]], col: int) -> bool:
    """A column of row numbers ("Nr", "#": 1, 2, 3 or 1.1, 1.2)."""
    head = fold((grid[0][col] or "").strip()).rstrip(".:")
    cells = [(r[col] or "").strip() for r in grid[1:] if col < len(r)]
    filled = [c for c in cells if c]
    return (
        head in ("nr", "#", "nummer", "id", "lopnummer", "")
        and bool(filled)
        and all(_NUMBER_CELL.match(c) for c in filled)
    )


_FIGURE_CELL = re.compile(
    r"^\s*(?:[<>≥≤=±+−-]|\d|(?i:minst|högst|lägst|max|min|under|över|mer än|mindre än)\b)"
)


def _goal_columns(grid: list[list[str | None]]) -> list[tuple[int, str, str]]:
    """The columns naming the levels of the goal structure, left (the highest level) to
    right: the first filled header cell and those right after it that name a level too."""
    head = [(x or "").strip() for x in grid[0]]
    col = next((k for k, h in enumerate(head) if h), None)
    if col is not None and col + 1 < len(head) and _number_column(grid, col):
        col += 1  # "Nr | Inriktningsmål | …": the goals stand right of their numbers
    if col is None:
        return []
    first = _goal_header(head[col], True)
    if first is None:
        return []
    out = [(col, *first)]
    for k in range(col + 1, len(head)):
        hit = _goal_header(head[k], False)
        if hit is None or not _text_column(grid, k):
            break
        out.append((k, *hit))
    return out


def _schedule_heading(context: str) -> bool:
    """The heading or caption over a table names a schedule ("Tidplan", "Årshjul",
    "Budgetprocessen", "Mötesplan")."""
    return bool(context) and _SCHEDULE_HEADING.search(fold(context)) is not None


def _schedule_columns(grid: list[list[str | None]], cols: list[int]) -> bool:
    """A column beside the activities gives dates, deadlines or who does it ("Datum",
    "Klart senast", "Ansvarig"), or holds nothing but dates ("2026-03-12", "v. 12", "mars")."""
    head = [(x or "").strip() for x in grid[0]]
    for k, h in enumerate(head):
        if k in cols:
            continue
        if h and _DATE_HEAD.match(fold(h)):
            return True
        cells = [(r[k] or "").strip() for r in grid[1:] if k < len(r)]
        filled = [c for c in cells if c]
        if filled and all(_DATE_CELL.match(c) for c in filled):
            return True
    return False


def _reports_progress(grid: list[list[str | None]], cols: list[int]) -> bool:
    head = [(x or "").strip() for x in grid[0]]
    return any(h and _PROGRESS_HEAD.match(fold(h)) for k, h in enumerate(head) if k not in cols)


def from_table(
    b: Block,
    lead_in: tuple[str, str] | None = None,
    context: str = "",
    in_structure: bool = False,
) -> list[Goal]:
    """Rule 4: a table whose first header cell names the goal structure (or that a lead-in
    naming it introduces): each row of that column is a goal; in a form of label rows, the
    text under a label naming the structure is. Columns side by side naming levels
    ("Regionfullmäktiges mål | Nämndens mål | Indikator | … | Status") nest: a goal's parent
    is the goal left of it on its row (or above it, the cell merged or left blank), its
    status the row's status column; a goal's ``parent`` is then the index of its parent in
    the list returned. A table of activities is one only where it reports their progress
    or sits in a goal structure (``in_structure``), never when it is a schedule (the
    heading or caption, ``context``, names one, or its other columns are dates and who
    does what)."""
    t = b.table
    if t is None or t.n_rows < 2:
        return []
    grid = t.grid()
    head = [(x or "").strip() for x in grid[0]]
    levels = _goal_columns(grid)
    if not levels and lead_in is None:
        return []
    col = levels[0][0] if levels else next((k for k, h in enumerate(head) if h), None)
    if col is None:
        return []
    first = head[col]
    term, kind = (levels[0][1], levels[0][2]) if levels else lead_in
    cols = [c for c, _, _ in levels] or [col]
    if term in _ACTIVITY_TERMS and len(levels) <= 1:
        # activities are goals where the table follows up their progress, or where they
        # sit in a goal structure; a timetable of them is none
        if _schedule_heading(context):
            return []
        if not _reports_progress(grid, cols) and (
            _schedule_columns(grid, cols) or not in_structure
        ):
            return []
    status_col = next(
        (k for k, h in enumerate(head) if k not in cols and _STATUS_HEAD.search(h)), None
    )
    row_marks: dict[int, list[str]] = {}
    for c in t.cells:
        if c.marks and c.row > 0:
            row_marks.setdefault(c.row - 1, []).extend(c.marks)
    if len(levels) >= 2:
        return _nested_rows(b, grid[1:], levels, status_col, row_marks)
    rows = _joined_rows(grid[1:], col)
    nonblank = [x for x in rows if x[1]]
    label_rows = [x for x in nonblank if fold(x[1]) == fold(first)]
    out = []
    if label_rows:  # a form: "Verksamhetsmål …" then the goal, repeated per committee
        for k, (_r, text, _cells) in enumerate(rows):
            if fold(text) == fold(first):
                nxt = next((x for x in rows[k + 1 :] if x[1]), None)
                if nxt and len(nxt[1].split()) >= 3 and fold(nxt[1]) != fold(first):
                    out.append(_goal(kind, None, nxt[1], term, b))
        return out
    labelled = {r for r, text, _ in nonblank if _term_at_start(text) and _row_label(text)[0]}
    for r, text, cells in nonblank:
        if len(text.split()) < 2 or len(text) > _MAX_TITLE:
            continue
        if labelled and r not in labelled and _has_figures(cells, col):
            # "Mål 1: …" rows over rows of figures ("Mål och indikatorer"): those rows
            # are the goals' indicators, not goals
            continue
        number, text = _row_label(text)
        g = _goal(kind, number, text, term, b, marks=row_marks.get(r, []))
        if status_col is not None and status_col < len(cells):
            raw = cells[status_col]
            if raw and status_of(raw):
                g.status_raw = raw
        out.append(g)
    return out


def _has_figures(cells: list[str], col: int) -> bool:
    """A row with a figure outside the goal column: an indicator's row."""
    return any(
        k != col and re.search(r"\d", c or "") and not _ROW_LABEL.match(c or "")
        for k, c in enumerate(cells)
    )


def table_context(blocks: list[Block], i: int) -> str:
    """What names the table of block ``i``: its caption, the short paragraph right above it
    ("Tabell 3. Tidplan för budgetarbetet") and the heading it sits under."""
    t = blocks[i].table
    parts = [t.title or ""] if t is not None else []
    for k in range(i - 1, -1, -1):
        b = blocks[k]
        if b.kind == "heading":
            parts.append(b.text)
            break
        if b.table is not None:
            continue
        if k == i - 1 and len(b.text.split()) <= 12:
            parts.append(b.text)
    return " | ".join(p for p in parts if p)


def _title_cell(text: str, kind: str) -> bool:
    words = text.split()
    if not words or len(text) > _MAX_TITLE:
        return False
    if len(words) >= 2:
        return True
    return kind == "målområde" and words[0][:1].isupper() and words[0].isalpha()


def _nested_rows(
    b: Block,
    body: list[list[str | None]],
    levels: list[tuple[int, str, str]],
    status_col: int | None,
    row_marks: dict[int, list[str]],
) -> list[Goal]:
    """The goals of a table with a column per level, left the highest. A blank or repeated
    cell of a level (a merged cell, a parent printed on each row) continues the goal above
    while the levels left of it do; a row whose filled goal cells all start in lower case
    continues the titles above (text wrapped over rows). The status column and a coloured
    circle of a row are the assessment of the most specific goal on it."""
    out: list[Goal] = []
    current: list[int | None] = [None] * len(levels)
    known: dict[tuple[int, int | None, str], int] = {}
    for r, row in enumerate(body):
        cells = [(x or "").strip() for x in row]
        texts = [cells[c] if c < len(cells) else "" for c, _, _ in levels]
        filled = [t for t in texts if t]
        if filled and all(t[:1].islower() for t in filled) and any(x is not None for x in current):
            for lvl, t in enumerate(texts):
                if t and current[lvl] is not None:
                    g = out[current[lvl]]
                    g.title = _clean_title(g.title + " " + t)
            continue
        deepest: int | None = None
        for lvl, (_c, term, kind) in enumerate(levels):
            parent = current[lvl - 1] if lvl else None
            text = texts[lvl]
            if not text:
                cur = current[lvl]
                if (
                    cur is not None
                    and (lvl == 0 or out[cur].parent == parent)
                    and (lvl == 0 or parent is not None)
                ):
                    deepest = cur
                else:
                    current[lvl] = None
                continue
            if not _title_cell(text, kind):
                current[lvl] = None
                continue
            number, title = _row_label(text)
            key = (lvl, parent, fold(_clean_title(title)))
            if key not in known:
                out.append(_goal(kind, number, title, term, b, parent=parent, marks=[]))
                known[key] = len(out) - 1
            current[lvl] = deepest = known[key]
        if deepest is None:
            continue
        g = out[deepest]
        if status_col is not None and status_col < len(cells) and g.status_raw is None:
            raw = cells[status_col]
            if raw and status_of(raw):
                g.status_raw = raw
        if g.status_raw is None:
            g.status_raw = _colour_status(row_marks.get(r, []))
    return out


def extract_goal_structures(doc: Document) -> list[Goal]:
    """Goals and uppdrag of any organisation's goal structure, in document order."""
    blocks = doc.blocks
    out: list[Goal] = []
    section: tuple[str, str, tuple[float, int]] | None = None  # term, kind, heading rank
    section_size: float | None = None  # font size of the section's goal headings
    seen: set[str] = set()
    announced: tuple[int, str, str, int] | None = None  # count, term, kind, heading index

    def add(g: Goal, i: int) -> None:
        key = fold(g.title)
        if key in seen or len(g.title) < 4:
            return
        seen.add(key)
        if g.status_raw is None:
            g.status_raw = status_after(blocks, i)
        out.append(g)

    def add_table(found: list[Goal], i: int) -> None:
        """A table's goals, their parents (indices into ``found``) made indices into ``out``."""
        where: dict[int, int | None] = {}
        for k, g in enumerate(found):
            g.parent = where.get(g.parent) if g.parent is not None else None
            add(g, i)
            key = fold(g.title)
            where[k] = next(
                (j for j in reversed(range(len(out))) if fold(out[j].title) == key), None
            )

    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.table is not None:
            add_table(from_table(b, None, table_context(blocks, i), bool(out)), i)
            i += 1
            continue
        text = b.text.strip()
        if b.kind == "heading":
            count = announced_count(_SECTION_NUM.sub("", text))
            announced = (*count, i) if count else None
            if section and _level(b) >= section[2]:
                section = None  # a heading as high as the section's closes it
            plain = _SECTION_NUM.sub("", text)
            titled = _label_over_title(blocks, i)
            if titled is not None:  # "Nämndmål 1" over "Alla elever ska lämna …"
                add(titled, i + 1)
                i += 2
                continue
            hit = _term_in(plain)
            if (
                hit
                and len(plain.split()) <= _MAX_HEADING_WORDS
                and not _labelled(b)
                and re.fullmatch(r"[\s\d–-]*:?", plain[hit[2].end() :])  # "Nämndens mål 2026"
            ):
                section = (hit[0], hit[1], _level(b))
                section_size = None
                i += 1
                continue
            if (
                section
                and _labelled(b) is None  # "Nämndmål 2.1: X" under "Nämndens mål": its own
                and fold(plain).strip(" :") not in _structural()
                and plain[:1].isupper()
                and not plain.isupper()
                and 2 <= len(plain) <= 160
                and not plain.rstrip().endswith((".", ":"))
                and _has_body(blocks, i)
                and (section_size is None or abs((b.font_size or 0) - section_size) < 0.6)
            ):
                section_size = b.font_size or 0
                add(_goal(section[1], None, plain, section[0], b), i)
                box = boxed_text(blocks[i + 1]) if i + 1 < len(blocks) else None
                if box is not None and out and out[-1].title == _clean_title(plain):
                    # the område's goal, boxed under its heading
                    add(
                        _goal("mål", None, box, section[0], blocks[i + 1], parent=len(out) - 1),
                        i + 1,
                    )
                    i += 2
                    continue
                i += 1
                continue
        if announced and (announced[3] == i - 1 or _LEAD_IN_END.search(blocks[i - 1].text)):
            # "Tre prioriterade områden 2027" … "Under perioden satsar vi på:" + three bullets
            items, j = area_items(blocks, i, _BULLETS)
            if (
                items
                and len(items) == announced[0]
                and all(area_like(t, announced[1]) for t, _ in items)
            ):
                for t, k in items:
                    add(_goal(announced[2], None, t, announced[1], blocks[k]), k)
                announced = None
                i = j
                continue
        if _LEAD_IN_END.search(text) and i + 1 < len(blocks):
            # "Kommunens övergripande mål lyder:" + the goal in quotation marks
            lead = last_sentence(text)
            hit = lead_term(lead)
            goal_word = hit and hit[1] in ("mål", "effektmål") and _lead_in(lead, hit)
            quoted = quotation(blocks, i + 1) if goal_word else None
            if quoted is not None:
                add(_goal(hit[1], None, quoted[0], hit[0], blocks[i + 1]), i + 1)
                i = quoted[1] + 1
                continue
        glued = _glued_items(b)
        if glued:
            for g in glued:
                add(g, i)
            i += 1
            continue
        g = _labelled(b)
        if g is not None:
            add(g, i)
            i += 1
            continue
        # a lead-in ending in ':' and naming the structure, then its bullets
        if _LEAD_IN_END.search(text) and len(text) < 600:
            hit = _term_in(text)
            if hit and _lead_in(text, hit):
                if i + 1 < len(blocks) and blocks[i + 1].table is not None:
                    ctx = table_context(blocks, i + 1)
                    add_table(from_table(blocks[i + 1], (hit[0], hit[1]), ctx, True), i + 1)
                    i += 2
                    continue
                nb = blocks[i + 1] if i + 1 < len(blocks) else None
                if (
                    nb is not None
                    and nb.kind == "paragraph"
                    and len(_items(nb)) == 1
                    and 3 <= len(nb.text.split()) <= 30
                    and not quoted_text(nb.text)  # a citation ("Nämndens uppdrag lyder: ”…”")
                    and not (i + 2 < len(blocks) and blocks[i + 2].kind == "list_item")
                ):  # "Som övergripande finansiellt mål gäller:" + one statement
                    add(_goal(hit[1], None, nb.text, hit[0], nb), i + 1)
                    i += 2
                    continue
                j = i + 1
                while j < len(blocks) and blocks[j].table is None:
                    nb = blocks[j]
                    parts = _items(nb)
                    bulleted = nb.kind == "list_item" or len(parts) > 1 or (
                        nb.text.lstrip()[:1] in _BULLETS
                    )  # fmt: skip
                    if not bulleted:
                        break
                    for p in parts:
                        if 3 <= len(p.split()) and len(p) <= _MAX_TITLE:
                            add(_goal(hit[1], None, p, hit[0], nb), j)
                    j += 1
                i = max(j, i + 1)
                continue
        if b.kind in ("paragraph", "list_item"):
            # "Det finansiella målet för 2027 är ett positivt resultat på 1 procent …"
            for sentence in sentences(text):
                stated = stated_goal(sentence)
                if stated is not None:
                    add(_goal(stated[1], None, stated[2], stated[0], b), i)
        i += 1
    for g in out:
        if g.status_raw and g.status is None:
            g.status = status_of(g.status_raw)
    return out


__all__ = ["extract_goal_structures", "status_of"]
