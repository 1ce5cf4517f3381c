"""Tables by meaning: which columns hold values, what each means, and what kind the table is.

Works on any table block of the document model, whatever organisation printed it:

1. the **body** starts at the first row with a value in a column other than the label
   column; the rows above it (one to four) are the **header**; a header cell spanning
   several columns (a group such as "Helår") names each column under it;
2. the **label column** is the one with the most text in the body; **value columns** are
   those whose body cells are mostly numbers, dashes or targets ("≥ 12 %");
3. each value column's header is read into a :class:`~.columns.ColumnMeaning` (measure,
   year, period, unit, subject);
4. the **unit** comes from the column's own header, else from the table: its header cells,
   caption, the heading above or a sentence next to it ("Belopp i tkr", "Miljoner kronor",
   "Siffrorna i tabellen är angivna i tkr");
5. the **kind** comes from meaning, never from a document's own wording: columns of
   measures and years over row labels make a budget table when the values are money and an
   indicator table when they are shares, counts, indexes or days — row by row where a table
   mixes them. The kind of budget table (drift, investering, resultat, handlingsplan) comes
   from the sector's words in its caption or heading (``data/table_terms.csv``).

A table with numbers but no readable header stays ``övrigt`` with a warning: nothing is
guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from styrdata.extract.domain.columns import (
    ColumnMeaning,
    caption_measure,
    find_terms,
    first_term,
    heading_meaning,
    read_header,
    words_of,
)
from styrdata.extract.domain.goal_vocab import term_at_start
from styrdata.extract.domain.risks import is_risk_header
from styrdata.extract.model import Block, Document, Table
from styrdata.normalize.numbers import parse_number
from styrdata.normalize.text import fold

MONEY_UNITS = ("tkr", "mnkr", "mdkr", "kr")
BUDGET_MEASURES = ("budget", "avvikelse", "återstår", "plan")
_DASHES = re.compile(r"^[-–—−.]+$")
_TARGET = re.compile(
    r"^(?:[≥≤<>]=?|minst|högst|max|min|över|under)\s*[-−–]?\d[\d\s]*(?:[,.]\d+)?\s*%?$", re.I
)
_CELL_YEAR = re.compile(r"^(?P<value>.*?\d.*?)\s*\((?P<year>(?:19|20)\d\d)\)\s*$")
_RANGE = re.compile(
    r"^\d[\d\s]*(?:[,.]\d+)?\s*[-–]\s*\d[\d\s]*(?:[,.]\d+)?\s*(?:tkr|mnkr|mkr|kr|%)?$"
)
# a year, a span of years, or a year and month as period headers write it ("202604")
_YEAR_ONLY = re.compile(r"^\(?(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d|(?:0[1-9]|1[0-2]))?\)?$")
_INDICATOR_WORDS = ("indikator", "nyckeltal", "matt", "effektmatt", "matetal")
_RISK = re.compile(r"\brisk", re.I)
_RISK_PARTS = re.compile(r"atgard|sannolikhet|konsekvens|riskvarde", re.I)
MAX_HEADER_ROWS = 4


def value_like(text: str | None) -> bool:
    """A printed value: a number (with its unit), a dash, a target ("≥ 12 %"), a range or
    a value with its own year ("81 (2023)")."""
    t = (text or "").strip()
    if not t:
        return False
    if parse_number(t) is not None or _DASHES.match(t) or _TARGET.match(t) or _RANGE.match(t):
        return True
    m = _CELL_YEAR.match(t)
    return bool(m and value_like(m.group("value")))


def cell_value(text: str) -> tuple[str, int | None]:
    """The value as printed and the year the cell names for itself ("81 (2023)")."""
    m = _CELL_YEAR.match(text.strip())
    if m and value_like(m.group("value")):
        return m.group("value").strip(), int(m.group("year"))
    return text.strip(), None


@dataclass
class TableRow:
    label: str
    values: list[str]  # one per value column, as printed ('' for blank)
    bold: bool
    page: int | None
    row: int  # row index in the table
    source_text: str
    unit: str | None = None  # a unit the row's label or unit column names ("Sjukfrånvaro (%)")
    indent: float = 0.0  # the label's indentation in points (0: not indented, or not known)
    year: int | None = None  # the row's year, where the row labels are years ("År | …")
    parent: str | None = None  # the group a label cell merged over rows names
    kolada: str | None = None  # a Kolada KPI id printed in the row ("U21468")
    # what the row's figures are where a heading line over its block says it ("Budget
    # 2027" over a stacked calculation whose one value column has no header)
    block: ColumnMeaning | None = None
    # the value columns (0-based, of ``values``) that belong to the row where a second set
    # of rows is printed beside the first (None: all)
    own_cols: tuple[int, ...] | None = None


@dataclass
class ReadTable:
    """One table block read for its meaning."""

    seq: int  # n-th table block of the document (1-based)
    block: int  # index of the block in the document
    page: int | None
    source_index: int | None
    title: str | None
    kind: str  # driftbudget | investeringsbudget | resultatbudget | handlingsplan |
    #            indikatorer | risker | övrigt
    unit: str | None = None  # the table's unit
    unit_source: str | None = None  # where the unit was read ("header", "caption", …)
    columns: list[ColumnMeaning] = field(default_factory=list)
    value_cols: list[int] = field(default_factory=list)  # grid columns of the values
    label_col: int | None = None
    rows: list[TableRow] = field(default_factory=list)
    warning: str | None = None
    caption_measure: str | None = None  # what the caption says the table holds ("Budgetramar")
    year_rows: bool = False  # the row labels are years; the columns name what is measured

    @property
    def is_budget(self) -> bool:
        return self.kind in ("driftbudget", "investeringsbudget", "resultatbudget", "handlingsplan")


def _grid(t: Table) -> tuple[list[list[str]], set[int], dict[int, int | None]]:
    """Rows × columns of text with spanning header cells repeated over the columns they
    cover; the bold rows; each row's page."""
    # (the cells' indentation is read separately: _indents)
    g = [["" for _ in range(t.n_cols)] for _ in range(t.n_rows)]
    for c in t.cells:
        for k in range(c.col, min(t.n_cols, c.col + max(1, c.col_span))):
            if k == c.col or c.is_header or c.row == 0:
                g[c.row][k] = " ".join((c.text or "").split())
    bold = {c.row for c in t.cells if c.bold and c.text.strip()}
    pages = {c.row: c.page for c in t.cells}
    return g, bold, pages


def _indents(t: Table, col: int) -> dict[int, float]:
    """Row → indentation of the text in grid column ``col``."""
    return {c.row: c.indent for c in t.cells if c.col == col and c.text.strip()}


def _label_column(body: list[list[str]], n_cols: int) -> int | None:
    """The column of row labels: the text column with the most text that has figures to
    its right (a comment column after the figures, "6 000 tkr flyttas till 2027", is no
    label column however long its text); else the text column with the most text."""

    def mostly_values(c: int) -> bool:
        cells = [r[c] for r in body if r[c]]
        return bool(cells) and sum(value_like(x) for x in cells) * 2 >= len(cells)

    texts: list[tuple[int, int]] = []
    for c in range(n_cols):
        cells = [r[c] for r in body if r[c]]
        text = [x for x in cells if not value_like(x)]
        if not cells or len(text) * 2 < len(cells):
            continue
        texts.append((sum(len(x) for x in text), c))
    if not texts:
        return None
    before_values = [t for t in texts if any(mostly_values(k) for k in range(t[1] + 1, n_cols))]
    return max(before_values or texts, key=lambda t: (t[0], -t[1]))[1]


def _value_columns(body: list[list[str]], n_cols: int, label: int | None) -> list[int]:
    """Numeric columns right of the label column (columns before it hold codes: a
    priority, a project or account number)."""
    out = []
    for c in range(n_cols):
        if label is not None and c <= label:
            continue
        cells = [r[c] for r in body if r[c]]
        vals = [x for x in cells if value_like(x)]
        if vals and len(vals) * 2 >= len(cells) and any(not _DASHES.match(v) for v in vals):
            out.append(c)
    return out


def _section_row(row: list[str], label: int) -> bool:
    return bool(row[label]) and not any(x for k, x in enumerate(row) if k != label)


def _is_header_row(row: list[str], label: int | None) -> bool:
    """A row of column names: no values, or only years ("(tkr) | 2026 | 2027")."""
    vals = [x for k, x in enumerate(row) if k != label and x]
    return not any(value_like(x) and not _YEAR_ONLY.match(x) for x in vals)


def _context_unit(
    blocks: list[Block], i: int, texts: list[str | None]
) -> tuple[str | None, str | None]:
    for src, text in zip(("header", "caption", "heading"), texts, strict=False):
        u = _stated_unit(text or "") or _unit_named(text or "")
        if u in MONEY_UNITS or (u and src == "header"):
            return u, src
    # a sentence next to the table: "Belopp i tkr", "Siffrorna i tabellen är angivna i tkr";
    # the unit the statement names, not an amount mentioned before it in the same text
    # ("Investeringarna uppgick till 28,5 mnkr. Belopp i tkr.")
    near = [blocks[j] for j in (i - 1, i - 2, i + 1) if 0 <= j < len(blocks)]
    for b in near:
        if b.table is not None or len(b.text) > 300:
            continue
        u = _stated_unit(b.text)
        if u:
            return u, "text"
    # a unit printed on its own over the table ("Tkr", "Mnkr"), or, in a screenshot of a
    # reporting tool, among the report's settings above its table ("… Tkr (vänt tecken)")
    table = blocks[i]
    for j in range(i - 1, max(-1, i - 5), -1):
        b = blocks[j]
        if b.table is not None:
            break
        same_picture = table.picture is not None and b.picture == table.picture
        if len(words_of(b.text)) <= (12 if same_picture else 3):
            u = _unit_named(b.text)
            if u in MONEY_UNITS:
                return u, "picture" if same_picture else "text"
    # the document's own rule, stated once before ("Alla belopp i tkr om inget annat anges")
    for b in reversed(blocks[:i]):
        if b.table is None and _DOCUMENT_UNIT.search(b.text):
            for sentence in re.split(r"(?<=[.!?])\s+", b.text):
                if _DOCUMENT_UNIT.search(sentence):
                    u = _stated_unit(sentence)
                    if u:
                        return u, "document"
    return None, None


# a statement of the unit of every amount in the document
_DOCUMENT_UNIT = re.compile(
    r"(?i)\b(?:alla|samtliga)\s+(?:belopp|siffror|tal)\b"
    r"|\bom (?:inget annat|inte annat|annat inte) (?:anges|framgår|står)"
)


def _stated_unit(text: str) -> str | None:
    """The money unit a statement names: "Belopp i tkr", "angivna i miljoner kronor"."""
    for m in _UNIT_STATEMENT.finditer(text):
        u = _unit_named(text[m.start() : m.end() + 40])
        if u in MONEY_UNITS:
            return u
    return None


def _unit_named(text: str) -> str | None:
    """The first unit ``text`` names as a unit, not as part of an amount ("uppgick till
    28,5 mnkr"): a unit right after a number other than a year is an amount's."""
    words = words_of(text)
    for pos, value in find_terms(text, "unit"):
        before = words[pos - 1] if pos else ""
        if before.isdigit() and not re.fullmatch(r"(?:19|20)\d\d", before):
            continue
        return value
    return None


# where a text states the unit of the figures next to it
_UNIT_STATEMENT = re.compile(
    r"(?i)\bbelopp(?:en)?\b|\bangivna i\b|\banges i\b|\bredovisas i\b|\bsiffror(?:na)? i\b"
    r"|\b(?:i|anges|uttryckt i) (?=tkr|mnkr|mkr|mdkr|miljoner|miljarder|tusen|kronor)"
)


# a figure distinctive enough to be the same amount where the text quotes it: five digits or
# more ("90 362", "1 311,7"), with its money unit glued or spaced ("90 362tkr", "1 311,7 mnkr")
_QUOTED = re.compile(
    r"(?<![\d,.])(\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d{2,3},\d+)\s?(tkr|mnkr|mkr|mdkr)\b", re.I
)
_DISTINCT_DIGITS = 5


def _quoted_unit(blocks: list[Block], values: list[str]) -> str | None:
    """The money unit the document's text gives a figure of the table when it quotes it
    ("90 362tkr"): one unit only, from a figure of five digits or more."""
    figures = {
        re.sub(r"\s", "", v)
        for v in values
        if v and len(re.sub(r"\D", "", v)) >= _DISTINCT_DIGITS and parse_number(v) is not None
    }
    if not figures:
        return None
    units = set()
    for b in blocks:
        if b.table is not None:
            continue
        for m in _QUOTED.finditer(b.text):
            if re.sub(r"\s", "", m.group(1)) in figures:
                u = m.group(2).lower()
                units.add("mnkr" if u == "mkr" else u)
    return units.pop() if len(units) == 1 else None


def _heading_before(blocks: list[Block], i: int) -> str | None:
    for j in range(i - 1, max(-1, i - 8), -1):
        if blocks[j].kind == "heading":
            return blocks[j].text
    return None


_CAPTION_WORDS = 8


def _caption(blocks: list[Block], i: int, title: str | None, heading: str | None) -> str | None:
    """A table's caption, the first that names a measure: a sentence right under it that
    says what the table shows ("Tabellen visar …"), a short title or the heading above it
    ("Driftbudget", "Budgetramar 2027–2029")."""
    below = blocks[i + 1].text if i + 1 < len(blocks) and blocks[i + 1].table is None else ""
    texts = []
    if re.match(r"(?i)\s*tabell(en)?\b", below) and len(below) < 200:
        texts.append(below)
    texts += [x for x in (title, heading) if x and len(x.split()) <= _CAPTION_WORDS]
    return next((x for x in texts if caption_measure(x)), texts[0] if texts else None)


def _budget_kind(*texts: str | None) -> str:
    for t in texts:
        k = first_term(t, "table_kind")
        if k:
            return k
    return "driftbudget"


def _row_unit(label: str) -> str | None:
    """A unit the row label names: in brackets or after its last comma ("Sjukfrånvaro (%)",
    "Kostnad, tkr"), or a count or share by its first word ("Antal årsarbetare", "Andel
    elever …"), or an amount per unit ("Kostnad, kr/brukare": :func:`rate_unit`); a
    unit-like word inside a name ("AT/ST-läkare") is not one."""
    rate = rate_unit(label)
    if rate:
        return rate
    # a figure in the label is no unit of the row ("Uppräkning med PKV : 3,0%")
    label = _PERCENT_FIGURE.sub(" ", label)
    parts = re.findall(r"\(([^()]{1,25})\)", label)
    tail = label.rsplit(",", 1)[1] if "," in label else ""
    for text in [*reversed(parts), tail if len(tail) <= 25 else ""]:
        found = find_terms(text, "unit")
        if found and len(words_of(text)) <= 3:
            return found[-1][1]
    if "%" in label:
        return "%"
    first = words_of(label)[:1]
    if first and first[0] in ("antal", "andel"):
        return "antal" if first[0] == "antal" else "%"
    return None


_PERCENT_FIGURE = re.compile(r"\d+(?:[,.]\d+)?\s?%")
_RATE = re.compile(r"(?i)\b(kr|kronor|tkr)\s*(?:/|per\b)\s*(?:\d[\d\s]*\s)?([^\W\d_]+)")
_PER = re.compile(r"(?i)\bper\s+(?:\d[\d\s]*\s)?([^\W\d_]+)")


def rate_unit(text: str) -> str | None:
    """An amount per unit a label or unit cell names: "kr/brukare", "kr per invånare", or
    a cost per one of the sector's units ("Nettokostnad per invånare"; ``data/table_terms.csv``
    kinds ``rate`` and ``cost``) → "kr/brukare", "kr/inv": a key figure, never money."""
    m = _RATE.search(text)
    if m and first_term(m.group(2), "rate") != "-":  # "kr per år" is money over a period
        money = "kr" if m.group(1).lower() == "kronor" else m.group(1).lower()
        return f"{money}/{first_term(m.group(2), 'rate') or m.group(2).lower()}"
    m = _PER.search(text)
    per = first_term(m.group(1), "rate") if m else None
    if m and per not in (None, "-") and find_terms(text[: m.start()], "cost"):
        return f"kr/{per}"
    return None


def cell_unit(text: str) -> str | None:
    """The unit a unit column's cell names ("kr", "mnkr", "%", "kr/invånare", "antal")."""
    t = text.strip()
    if not t or len(words_of(t)) > 3:
        return None
    if t == "%":
        return "%"
    return rate_unit(t) or first_term(t, "unit")


_KOLADA_ID = re.compile(r"^[NU]\d{5}$")  # Kolada's KPI ids: N or U and five digits
_KOLADA_IN_LABEL = re.compile(r"\s*\(([NU]\d{5})\)")
_FOOTNOTE = re.compile(r"(?<=[^\W\d_])\s*(?:\d{1,2}\)|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")
_ROW_YEAR = re.compile(r"^(?:19|20)\d\d$")
_GROUP_END = re.compile(r"^(?:summa|totalt?)\b")


def clean_label(label: str) -> tuple[str, str | None]:
    """A row label without what is printed after the name: a Kolada id ("(U21468)", which it
    returns) or a footnote marker ("Verksamhetens intäkter 1)", "Intäkter*", "Intäkter²")."""
    kpi = None
    m = _KOLADA_IN_LABEL.search(label)
    if m:
        kpi = m.group(1)
        label = (label[: m.start()] + label[m.end() :]).strip()
    f = _FOOTNOTE.search(label)
    if f:
        head = label[: f.start()]
        if not (f.group().endswith(")") and head.count("(") > head.count(")")):
            label = head.rstrip()
    return label, kpi


def _only(cells: list[str], test) -> bool:
    return bool(cells) and all(test(x) for x in cells)


def _group_column(
    body: list[list[str]], label: int, rows: list[int], spans: dict[tuple[int, int], int], cols
) -> int | None:
    """A column left of the label column whose cells name groups of rows: a label cell
    merged over the rows of its group ("Verksamhetsområde" over "Verksamhet"), printed once
    at its top. Its cells are names, not codes (no digits), and fewer than the rows, or
    merged over several."""
    n_labels = sum(1 for r in body if r[label])
    for c in range(label):
        cells = [r[c] for r in body if r[c]]
        names = _only(cells, lambda x: not re.search(r"\d", x) and re.search(r"[^\W\d_]{3}", x))
        merged = any(spans.get((rows[k], cols[c]), 1) > 1 for k, r in enumerate(body) if r[c])
        if names and (merged or len(cells) < n_labels):
            return c
    return None


def read_table(doc_blocks: list[Block], i: int, seq: int, doc_year: int | None = None) -> ReadTable:
    """Read the table block ``doc_blocks[i]`` for its meaning."""
    b = doc_blocks[i]
    t = b.table
    assert t is not None
    heading = _heading_before(doc_blocks, i)
    out = ReadTable(seq, i, b.page, b.source_index, t.title or heading, "övrigt")
    g, bold, pages = _grid(t)
    keep_rows = [r for r in range(t.n_rows) if any(g[r])]
    keep_cols = [c for c in range(t.n_cols) if any(g[r][c] for r in keep_rows)]
    grid = [[g[r][c] for c in keep_cols] for r in keep_rows]
    if not grid or not keep_cols:
        return out
    n = len(keep_cols)
    head = fold(" ".join(x for row in grid[:2] for x in row))
    if (_RISK.search(head) and _RISK_PARTS.search(head)) or any(
        is_risk_header(row) for row in grid[:2]
    ):
        out.kind = "risker"
        return out
    # the body starts at the first row with a value outside the label column
    label = _label_column(grid, n)
    start = next((r for r, row in enumerate(grid) if not _is_header_row(row, label)), None)
    if start is None:
        return out  # a table of text
    label = _label_column(grid[start:], n)
    first = [r[0] for r in grid[start:] if r[0]]
    if (
        label is None
        and len(first) >= 2
        and _only(first, _ROW_YEAR.match)
        and len(set(first)) == len(first)
    ):
        label, out.year_rows = 0, True  # "År | Verksamhetens nettokostnad | …" over years
    # rows right above the first values with text in the label column only are section
    # rows of the body ("Redan beslutade investeringar"), not header
    while start > 0 and label is not None and _section_row(grid[start - 1], label):
        start -= 1
    body = grid[start:]
    value_cols = _value_columns(body, n, label)
    if not value_cols:
        return out
    head_rows = grid[max(0, start - MAX_HEADER_ROWS) : start]
    headers = [" ".join(r[c] for r in head_rows if r[c]).strip() for c in range(n)]
    # a column of note references ("Not" 1, 2, 3) or assessments holds no values
    value_cols = [c for c in value_cols if not first_term(headers[c], "column")]
    if not value_cols:
        return out
    if label is not None and _names_goals(headers[label]):
        # goals in one column, the measures that follow them up in another ("Mål | Mått |
        # Målvärde 2027 | Utfall 2025"): each row's key figure is its measure
        measures = [
            c
            for c in range(n)
            if c not in (label, *value_cols)
            and any(w.startswith(_INDICATOR_WORDS) for w in words_of(headers[c]))
        ]
        if len(measures) == 1:
            label = measures[0]
    # a column of Kolada ids ("KPI-id": U21468) or of units ("Enhet": kr, %, mnkr) names
    # each row's KPI or unit; neither holds values
    kolada_col = next(
        (
            c
            for c in range(n)
            if c != label and _only([r[c] for r in body if r[c]], _KOLADA_ID.match)
        ),
        None,
    )
    value_cols = [c for c in value_cols if c != kolada_col]
    unit_col = next(
        (
            c
            for c in range(n)
            if c not in (label, *value_cols)
            and any(cell_unit(r[c]) for r in body)
            and (
                first_term(headers[c], "column") == "enhet"
                or _only([r[c] for r in body if r[c]], cell_unit)
            )
        ),
        None,
    )
    side = _side_label_column(body, label, value_cols, headers)
    columns = [read_header(headers[c]) for c in value_cols]
    for k, c in enumerate(value_cols):
        cells = [r[c] for r in body if r[c] and not _DASHES.match(r[c])]
        if columns[k].unit is None and _only(
            cells, lambda x: (num := parse_number(x)) is not None and num.is_percent
        ):
            columns[k] = replace(columns[k], unit="%")  # "Förbrukat" over "87 %"
    columns = _deviation_periods(columns)
    # a table whose header sits in its caption ("Utfall 2024 Budget 2025" above it)
    out.label_col = keep_cols[label] if label is not None else None
    out.value_cols = [keep_cols[c] for c in value_cols]
    label_head = headers[label] if label is not None else ""
    other_heads = [headers[c] for c in range(n) if c not in value_cols and c != label]
    out.unit, out.unit_source = _context_unit(
        doc_blocks, i, [" ".join([label_head, *other_heads]), t.title, heading]
    )
    indents = _indents(t, keep_cols[label]) if label is not None else {}
    spans = {(c.row, c.col): c.row_span for c in t.cells}
    body_rows = keep_rows[start:]
    group = (
        _group_column(body, label, body_rows, spans, keep_cols)
        if label is not None and not out.year_rows
        else None
    )
    if group is not None:  # a group's cell is no part of its first row's boldness
        bold = {c.row for c in t.cells if c.bold and c.text.strip() and c.col != keep_cols[group]}
    spans_known = group is not None and any(
        spans.get((body_rows[k], keep_cols[group]), 1) > 1 for k, r in enumerate(body) if r[group]
    )
    current: tuple[str, int | None] | None = None  # the group and its last row
    owner: str | None = None  # the last label of the rows beside which side rows stand
    # rows
    for k, row in enumerate(body):
        r = keep_rows[start + k]
        values = [row[c] for c in value_cols]
        lab = row[label] if label is not None else ""
        parent = None
        if group is not None:
            if row[group]:
                span = spans.get((r, keep_cols[group]), 1)
                current = (row[group], r + span - 1 if spans_known else None)
                if not lab:
                    lab, current = row[group], (row[group], current[1])
            if current is not None and (current[1] is None or r <= current[1]):
                parent = current[0] if lab != current[0] else None
            else:
                current = None
            if parent and not spans_known and _GROUP_END.match(fold(lab)):
                current = None  # "Summa" closes a group whose extent is not known
        side_row = None
        if side is not None and row[side]:
            # a name beside the row's figures and figures after it: a part of the row
            # ("Medlemsbidrag 2027 | 90 362 | Alingsås | 69 994"), a row of its own
            split = sum(1 for c in value_cols if c < side)
            side_values = ["" for _ in values[:split]] + values[split:]
            values = values[:split] + ["" for _ in values[split:]]
            side_row = (row[side], side_values, lab or owner, split)
        if lab and side is not None:
            owner = lab
        if not any(values) and (not lab or value_like(lab)):
            if side_row is None:
                continue  # a blank row, or a stray number in an empty row
            lab = ""
        if [row[c] for c in range(n)] == [headers[c] for c in range(n)] or (
            k > 0 and _is_header_row(row, label) and not lab and any(values)
        ):
            continue  # a header repeated after a page break
        out.rows.append(
            TableRow(
                label=lab,
                values=values,
                bold=r in bold,
                page=pages.get(r, b.page),
                row=r,
                source_text=" | ".join(x for x in row if x),
                indent=indents.get(r, 0.0),
                year=int(lab) if out.year_rows else None,
                parent=parent,
                kolada=row[kolada_col] if kolada_col is not None and row[kolada_col] else None,
                unit=cell_unit(row[unit_col]) if unit_col is not None else None,
                own_cols=tuple(range(side_row[3])) if side_row is not None else None,
            )
        )
        if side_row is not None:
            if not out.rows[-1].label and not any(out.rows[-1].values):
                out.rows.pop()
            out.rows.append(
                TableRow(
                    label=side_row[0],
                    values=side_row[1],
                    bold=r in bold,
                    page=pages.get(r, b.page),
                    row=r,
                    source_text=" | ".join(x for x in row if x),
                    parent=side_row[2],
                    own_cols=tuple(range(side_row[3], len(values))),
                )
            )
    out.rows = _join_wrapped(out.rows)
    if out.unit is None:
        # no unit printed with the table: the text may quote one of its figures with it
        # ("… uppgår samlat till 90 362tkr")
        out.unit = _quoted_unit(doc_blocks, [v for r in out.rows for v in r.values])
        out.unit_source = "text" if out.unit else None
    for tr in out.rows:
        tr.label, kpi = clean_label(tr.label)
        tr.kolada = tr.kolada or kpi
        if tr.unit is None and tr.label and not out.year_rows:
            tr.unit = _row_unit(tr.label)
    out.columns = columns
    named = [c for c in columns if c.named]
    caption = _caption(doc_blocks, i, t.title, heading)
    cap = caption_measure(caption)
    out.caption_measure = cap
    if out.year_rows:
        # the rows name the years and the columns what is measured ("Årets resultat"):
        # the caption says which measure ("Utfall 2021–2025, mnkr"), else each row's year
        period = first_term(caption, "period")
        out.columns = columns = [
            replace(c, measure=c.measure or cap, period=c.period or period) for c in columns
        ]
        named = columns
    # each row's block heading names what its figures are, before any caption
    blocks = [] if named else _block_headings(out.rows)
    if blocks:
        named = blocks
    if not named and cap and out.unit in MONEY_UNITS:
        # "Driftbudget" over "Belopp i mnkr | Regionkontoret", or "Tabellen visar
        # prognosavvikelse per avdelning och helår" under it: the columns, named for a unit
        # or committee, hold what the caption says
        period = first_term(caption, "period")
        out.columns = columns = [
            replace(c, measure=cap, period=c.period or period) for c in columns
        ]
        named = columns
    if not named:
        out.warning = (
            f"table on page {b.page or '?'} ({len(out.rows)} rows): its header names no "
            "measure, year or comparison: read as cells only"
            if b.page
            else f"table {seq} ({len(out.rows)} rows): its header names no measure, year or "
            "comparison: read as cells only"
        )
        return out
    header_words = set(words_of(" ".join(headers)))
    money_cells = any(
        (num := parse_number(v)) is not None and num.unit in ("tkr", "mnkr", "mdkr", "kr")
        for r in out.rows
        for v in r.values
    )
    money = (
        out.unit in MONEY_UNITS
        or any(c.unit in MONEY_UNITS for c in columns)
        or money_cells
        or any(c.measure in BUDGET_MEASURES for c in [*columns, *blocks])
    )
    indicator_words = any(w.startswith(_INDICATOR_WORDS) for w in header_words)
    # a column of targets ("Målvärde") makes a goal table: its rows are goals' indicators,
    # in money too ("Låneskulden ska inte överstiga | 2 400 mnkr"); so does a label column
    # headed by a goal term ("Finansiellt mål | Utfall 2025 | Bedömning"): its figures are
    # the goals' outcomes, not budget amounts
    targets = any(c.measure == "målvärde" for c in [*columns, *blocks]) or _names_goals(label_head)
    if blocks and (indicator_words or targets or not money):
        for tr in out.rows:  # a block of key figures: not read by blocks yet
            tr.block = None
        out.kind = "övrigt"
        out.warning = (
            f"table on page {b.page or '?'}: blocks of figures that are not money under "
            "headings: read as cells only"
        )
    elif indicator_words or targets or not money:
        out.kind = "indikatorer"
    else:
        out.kind = _budget_kind(t.title, heading, " ".join(headers))
    return out


def _deviation_periods(columns: list[ColumnMeaning]) -> list[ColumnMeaning]:
    """A deviation whose header names no period ("Avvikelse") right after the two columns
    it compares, both of one period ("Utfall jan–aug | Budget jan–aug | Avvikelse |
    Årsprognos"), is of that period."""
    out = list(columns)
    for k in range(2, len(out)):
        c, a, b = out[k], out[k - 2], out[k - 1]
        if (
            c.measure in ("avvikelse", "återstår")
            and c.period is None
            and a.period is not None
            and a.period == b.period
            and c.year in (None, a.year)
            and a.year == b.year
        ):
            out[k] = replace(c, period=a.period)
    return out


def _names_goals(header: str) -> bool:
    """A label column's header that is a goal term ("Mål", "Finansiellt mål", "Nämndmål",
    "Kommunfullmäktiges mål"), not an area ("Område", "Fokusområde": budget tables are
    set out per område too)."""
    found = term_at_start(header)
    return (
        found is not None
        and found[1] in ("mål", "effektmål")
        and not header[found[2].end() :].strip(" :")
    )


def _block_headings(rows: list[TableRow]) -> list[ColumnMeaning]:
    """A calculation stacked in blocks with no column header ("Budget 2027" / rows /
    "Ram 2028" / rows …): each row-only line naming a measure and a year heads the rows
    under it, and says what their figures are. Every row with figures must stand under
    such a heading; the meanings are set on the rows and returned."""
    out: list[ColumnMeaning] = []
    current: ColumnMeaning | None = None
    for r in rows:
        if not any(v.strip() for v in r.values):
            m = heading_meaning(r.label) if r.label else None
            if m is not None:
                current = m
                out.append(m)
            continue
        if current is None:
            break
        r.block = current
    else:
        if out:
            return out
    for r in rows:
        r.block = None
    return []


def _side_label_column(
    body: list[list[str]], label: int | None, value_cols: list[int], headers: list[str]
) -> int | None:
    """A column of names between value columns, with no header of a column kind: the
    labels of a second set of rows printed beside the first ("Alingsås | 69 994" beside
    a total, the total's parts per member)."""
    if label is None or len(value_cols) < 2:
        return None
    for c in range(value_cols[0] + 1, value_cols[-1]):
        if c in value_cols or first_term(headers[c], "column"):
            continue
        cells = [r[c] for r in body if r[c]]
        if len(cells) >= 2 and _only(
            cells,
            lambda x: (
                not re.search(r"\d", x) and re.search(r"[^\W\d_]{3}", x) and len(x.split()) <= 3
            ),
        ):
            return c
    return None


_OPEN_END = re.compile(
    r"(?:[-/,&(]|\b(?:och|samt|eller|av|för|i|med|till|på|inklusive|inkl|exkl|exklusive|från|mot|om|vid|per))$",
    re.I,
)


def _join_wrapped(rows: list[TableRow]) -> list[TableRow]:
    """A label wrapped onto a row of its own (no values) right after its row's values is
    part of that label: it starts in lower case, or the label before it stops where no
    label ends ("Valfisken inklusive" / "Korsavadsanläggningen")."""
    out: list[TableRow] = []
    for r in rows:
        prev = out[-1] if out else None
        if (
            prev is not None
            and r.label
            and not any(v.strip() for v in r.values)
            and any(v.strip() for v in prev.values)
            and not r.bold
            and (r.label[:1].islower() or _OPEN_END.search(prev.label.strip()))
        ):
            sep = "" if prev.label.endswith("-") else " "
            prev.label = (prev.label.rstrip("-") if sep == "" else prev.label) + sep + r.label
            prev.source_text += "\n" + r.source_text
            continue
        out.append(r)
    return out


def read_tables(doc: Document, doc_year: int | None = None) -> list[ReadTable]:
    """Every table block of the document read for its meaning, in order."""
    out = []
    seq = 0
    for i, b in enumerate(doc.blocks):
        if b.table is None:
            continue
        seq += 1
        out.append(read_table(doc.blocks, i, seq, doc_year))
    return out


__all__ = [
    "MONEY_UNITS",
    "ReadTable",
    "TableRow",
    "cell_unit",
    "cell_value",
    "clean_label",
    "rate_unit",
    "read_table",
    "read_tables",
]
