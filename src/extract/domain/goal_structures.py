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
   mål | Nyckeltal"): each row is a goal, its status from the status column.

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
_NOT_GOALS = re.compile(r"\brisk|\butmaning|\bprincip", re.I)


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


def from_table(b: Block, lead_in: tuple[str, str] | None = None) -> list[Goal]:
    """Rule 4: a table whose first header cell names the goal structure (or that a lead-in
    naming it introduces): each row of that column is a goal; in a form of label rows, the
    text under a label naming the structure is."""
    t = b.table
    if t is None or t.n_rows < 2:
        return []
    grid = t.grid()
    head = [(x or "").strip() for x in grid[0]]
    col = next((k for k, h in enumerate(head) if h), None)
    if col is None:
        return []
    first = head[col]
    hit = _term_at_start(first) if len(first.split()) <= 8 else None
    if hit is None and lead_in is None:
        return []
    term, kind = (hit[0], hit[1]) if hit else lead_in
    status_col = next(
        (k for k, h in enumerate(head) if k != col and re.search(
            r"bedömning|status|måluppfyllelse|uppfyll", h, re.I)),
        None,
    )  # fmt: skip
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
    row_marks: dict[int, list[str]] = {}
    for c in t.cells:
        if c.marks and c.row > 0:
            row_marks.setdefault(c.row - 1, []).extend(c.marks)
    for r, text, cells in nonblank:
        if len(text.split()) < 2 or len(text) > _MAX_TITLE:
            continue
        number, text = _row_label(text)
        g = _goal(kind, number, text, term, b, marks=row_marks.get(r, []))
        if status_col is not None and status_col < len(cells):
            raw = cells[status_col]
            if raw and status_of(raw):
                g.status_raw = raw
        out.append(g)
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

    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.table is not None:
            for g in from_table(b):
                add(g, i)
            i += 1
            continue
        text = b.text.strip()
        if b.kind == "heading":
            count = announced_count(_SECTION_NUM.sub("", text))
            announced = (*count, i) if count else None
            if section and _level(b) >= section[2]:
                section = None  # a heading as high as the section's closes it
            plain = _SECTION_NUM.sub("", text)
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
                    for g in from_table(blocks[i + 1], (hit[0], hit[1])):
                        add(g, i + 1)
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
