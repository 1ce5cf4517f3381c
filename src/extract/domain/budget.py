"""Budget tables → budget lines: label, parent, total flag, measure, year, amount in mnkr.

Works on the document model only, from two layouts:

* real tables (ruled or not, any format): the first column is the label, the header row
  names each value column ("Budget 2024", "Prognos 2023", "Utfall 2024", "Budget-
  avvikelse", "Förändring utfall 2024-2023", bare years "2024 2025 2026", or a unit name
  such as "Regionkontoret");
* tables flattened to text lines, as OCR leaves them: a header line ("Belopp i mnkr Budget
  2024 | Prognos 2023 …", "(Tkr) 2024 2025 2026") and rows of a label followed by a run of
  numbers, split into as many values as the header has columns
  (:func:`styrdata.normalize.numbers.split_numbers`). Wrapped labels are joined.

The kind of a table (:func:`classify_table`) comes from its title or the heading above and its
header words. Totals come from Summa/Totalt/Nettobudget/Resultat labels and bold rows; a
child ("- Vårdval", the rows after "varav") gets its parent's label. For each total the sum
of the rows it should add up is kept (``parts_sum``) so the warehouse can list totals that
do not add up (view ``budget_checks``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from styrdata.extract.domain.columns import ColumnMeaning
from styrdata.extract.domain.table_indicators import has_target
from styrdata.extract.domain.tables import MONEY_UNITS, ReadTable, read_tables
from styrdata.extract.model import Block, Document
from styrdata.normalize.numbers import number_tokens, parse_number, split_numbers
from styrdata.normalize.text import fold, fuzzy_pattern, mend_hyphens

TABLE_KINDS = (
    "driftbudget",
    "investeringsbudget",
    "resultatbudget",
    "handlingsplan",
    "personal",
    "indikatorer",
    "risker",
    "övrigt",
)
BUDGET_KINDS = ("driftbudget", "investeringsbudget", "resultatbudget", "handlingsplan")

_KIND_WORDS = [  # (kind, pattern on folded text of title/heading), first match wins
    ("investeringsbudget", r"investering"),
    ("resultatbudget", r"resultat ?(budget|rapport|rakning)"),
    ("handlingsplan", r"handlingsplan|ekonomi i balans|atgarder for|summering av .*atgarder"),
    ("driftbudget", r"drift(s)?budget|driftredovisning|fordelning (av )?budget|budgetram"),
    ("personal", r"arsarbetare|sjukfranvaro|personalkostnad|anstallda|lonekostnad"),
]

_MEASURE_YEAR = re.compile(
    r"(budget|prognos|utfall|bokslut|plan|ram)\s*(?:per\s+\S+\s+)?(?:ar\s*)?((?:19|20)\d\d)", re.I
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_DEVIATION = re.compile(r"budget\s*-?\s*av\s*-?\s*vikelse|avvikelse", re.I)
_CHANGE = re.compile(r"f[oö]r[aä]ndring|diff", re.I)
_UNIT = re.compile(r"\b(tkr|mnkr|mkr|mdkr|miljoner kronor|tusen kronor)\b", re.I)
_TOTAL = re.compile(
    r"^(summa|totalt|total|totalsumma|nettobudget|netto|resultat\b|arets resultat"
    r"|verksamhetens nettokostnad)|\btotalt?\s*:?\s*$",
    re.I,
)
_VARAV = re.compile(r",?\s*varav\s*:?\s*$", re.I)
_CHILD = re.compile(r"^\s*[-–—•]\s*")
_MEASURES = {"bokslut": "utfall", "ram": "budget"}


@dataclass
class BudgetLine:
    table_kind: str
    title: str | None
    label: str
    parent_label: str | None
    is_total: bool
    measure: str | None
    year: int | None
    amount_mnkr: float | None
    amount_raw: str | None
    unit_raw: str | None
    page: int | None
    row: int
    col: int
    source_index: int | None
    source_text: str
    table_seq: int | None = None  # n-th table block of the document (None: a text-line table)
    parts_sum: float | None = None  # for a total: the sum of the rows it should equal
    parts_n: int | None = None
    flag: str | None = None  # why the value is suspect (OCR), e.g. "decimal point"
    column_header: str | None = None  # the header text of the value's column
    period: str | None = None  # helår | perioden | ack | jan–apr … (from the column header)
    # whose amount: None for the document's own organisation, "koncernen" for the
    # organisation with its companies (a column of the sammanställd redovisning)
    subject: str | None = None


def _flag_lost_commas(lines: list[BudgetLine]) -> None:
    """In a column printed with decimals, a long integer probably lost its comma to OCR."""
    by_col: dict[tuple, list[BudgetLine]] = {}
    for ln in lines:
        if ln.amount_raw and parse_number(ln.amount_raw) is not None:
            by_col.setdefault((ln.table_seq, ln.title, ln.col), []).append(ln)
    for col in by_col.values():
        dec = [bool(re.search(r"[,.]\d+\s*%?$", x.amount_raw.strip())) for x in col]
        if sum(dec) < 0.6 * len(col):
            continue
        for x, has_dec in zip(col, dec, strict=True):
            n = parse_number(x.amount_raw)
            if not has_dec and n is not None and abs(n.value) >= 1000 and x.flag is None:
                x.flag = "decimal comma possibly lost (OCR)"


def classify_table(title: str | None, header: list[str], heading: str | None = None) -> str:
    """Kind of a table from its title/heading above and header words."""
    head = fold(" ".join(h or "" for h in header))
    if re.search(r"\bindikator", head):
        return "indikatorer"
    if re.search(r"\brisk", head) and re.search(r"atgard|sannolikhet|konsekvens", head):
        return "risker"
    for text in (title, heading, head):
        f = fold(text or "")
        for kind, pat in _KIND_WORDS:
            if re.search(pat, f):
                return kind
    return "övrigt"


@dataclass
class _Column:
    measure: str | None
    year: int | None
    header: str
    monetary: bool = True  # False for a count column such as "Antal årsarbetare"
    period: str | None = None
    share: bool = False  # a percent column ("Avvikelse %", "Förbrukat" over "87 %"): no lines
    subject: str | None = None  # None: the document's own organisation; else "koncernen"


def _columns(header: list[str], period_year: int | None, doc_type: str | None) -> list[_Column]:
    """Measure and year of each value column (index 1…) from the header texts."""
    cols: list[_Column] = []
    budget_year = None
    for h in header:
        m = _MEASURE_YEAR.search(fold(h or ""))
        if m and m.group(1).lower() in ("budget", "ram"):
            budget_year = int(m.group(2))
    for h in header:
        text = " ".join((h or "").split())
        f = fold(text)
        m = _MEASURE_YEAR.search(f)
        if _DEVIATION.search(f):
            cols.append(_Column("avvikelse", budget_year or period_year, text))
        elif _CHANGE.search(f):
            years = _YEAR.findall(f)
            cols.append(_Column("förändring", int(years[0]) if years else None, text))
        elif m:
            measure = m.group(1).lower()
            cols.append(_Column(_MEASURES.get(measure, measure), int(m.group(2)), text))
        elif _YEAR.fullmatch(f.strip()):
            y = int(f.strip())
            follow_up = doc_type in ("verksamhetsberättelse", "årsredovisning", "delårsrapport")
            if follow_up:
                measure = "utfall"
            elif period_year is None or y <= period_year:
                measure = "budget"
            else:
                measure = "plan"
            cols.append(_Column(measure, y, text))
        elif re.match(r"antal\b", f):
            cols.append(_Column(None, None, text, monetary=False))
        elif re.search(r"plan\b", f):
            cols.append(_Column("plan", period_year, text))
        elif text:
            # a unit's name ("Regionkontoret"): the plan's budget for its year
            cols.append(
                _Column(
                    "budget" if doc_type != "verksamhetsberättelse" else None, period_year, text
                )
            )
        else:
            cols.append(_Column(None, None, text))
    return cols


def _unit(*texts: str | None) -> str | None:
    for t in texts:
        m = _UNIT.search(t or "")
        if m:
            u = m.group(1).lower()
            return {"mkr": "mnkr", "miljoner kronor": "mnkr", "tusen kronor": "tkr"}.get(u, u)
    return None


def _to_mnkr(value: float, unit: str | None) -> float | None:
    if unit == "mnkr":
        return value
    if unit == "tkr":
        return value / 1000
    if unit == "mdkr":
        return value * 1000
    if unit == "kr":
        return value / 1_000_000
    return None


@dataclass
class _Row:
    label: str
    values: list[str | None]  # printed values, one per value column
    bold: bool
    page: int | None
    row: int
    source_index: int | None
    source_text: str
    flag: str | None = None
    indent: float = 0.0  # points; a row indented under the row above is its part
    parent: str | None = None  # the group a label cell merged over the rows names
    cols: list[_Column] | None = None  # the row's own column meanings (a block's heading)
    own_cols: tuple[int, ...] | None = None  # the value columns that belong to the row


# A label indented this much (points) more than the row with values above it is a part of
# that row ("Personalkostnader" under "Kostnader"), like "- " or "varav".
INDENT_STEP = 6.0


def _lines_from_rows(
    rows: list[_Row],
    cols: list[_Column],
    kind: str,
    title: str | None,
    unit: str | None,
    table_seq: int | None,
) -> list[BudgetLine]:
    out: list[BudgetLine] = []
    section: str | None = None
    varav_parent: str | None = None
    last_top: str | None = None
    last_top_indent = 0.0
    section_indent: float | None = None  # the section row's, while its rows are indented
    # rows feeding totals, per value column: (label, amount)
    since_start: list[list[float]] = [[] for _ in cols]
    since_total: list[list[float]] = [[] for _ in cols]
    section_rows: list[list[float]] = [[] for _ in cols]
    last_total: list[float | None] = [None for _ in cols]
    row_unit = unit
    seen_values = False
    for r in rows:
        label = r.label.strip()
        has_values = any(v and v.strip() for v in r.values) or r.flag is not None
        section_unit = _unit(label) if not has_values else None
        if section_unit or re.match(r"antal\b", fold(label)):
            row_unit = section_unit  # "Synliga effekter i ekonomin (mnkr)", "Antal …"
        if not has_values and not seen_values and not re.fullmatch(r"[\w ,.\-–:()]+", label):
            continue  # OCR debris of a wrapped or grouped header cell
        seen_values = seen_values or has_values
        if not has_values:
            if re.fullmatch(r"[-–—]?\s*varav\s*:?", label, re.I):
                varav_parent = last_top
            elif label:
                section = _VARAV.sub("", label).rstrip(":").strip()
                section_rows = [[] for _ in cols]
                section_indent = r.indent
                varav_parent = None
                last_top = None  # rows indented under a section are its rows, not parts
            continue
        if section is not None and section_indent is not None and r.indent <= section_indent:
            if any(section_rows) and last_top is not None and last_top_indent > section_indent:
                section = None  # back at the section row's indentation: its rows ended
        indented = last_top is not None and r.indent - last_top_indent >= INDENT_STEP
        is_child = bool(_CHILD.match(label)) or (
            indented and not r.bold and not _TOTAL.search(fold(label))
        )
        clean_label = _CHILD.sub("", label).strip()
        is_varav = bool(_VARAV.search(clean_label))
        clean_label = _VARAV.sub("", clean_label).strip().rstrip(":").strip()
        closes = bool(_TOTAL.search(fold(clean_label))) and not is_child  # Summa, Totalt …
        is_total = closes or is_varav or (r.bold and not is_child)
        if is_child:
            parent = varav_parent or last_top
        else:
            parent = section
        parent = r.parent or parent
        # a total closes its section only after rows of the section: the first row under a
        # section heading that reads like a total ("Årets resultat" opening a
        # kassaflödesanalys' "Den löpande verksamheten") is where the section starts
        closes_section = closes and any(section_rows)
        for c, (col, raw) in enumerate(zip(r.cols or cols, r.values, strict=False)):
            if col.share:
                continue  # a share of a budget is no amount of money
            if r.own_cols is not None and c not in r.own_cols:
                continue  # a column of the rows printed beside this one
            num = parse_number(raw)
            line = BudgetLine(
                table_kind=kind,
                title=title,
                label=clean_label,
                parent_label=parent,
                is_total=is_total,
                measure=col.measure,
                year=col.year,
                amount_mnkr=None,
                amount_raw=raw or None,
                unit_raw=unit,
                page=r.page,
                row=r.row,
                col=c + 1,
                source_index=r.source_index,
                source_text=r.source_text,
                table_seq=table_seq,
            )
            line.column_header = col.header
            line.period = col.period
            line.subject = col.subject
            if r.flag:
                line.flag = r.flag
            line.unit_raw = row_unit if col.monetary else None
            if num is not None:
                line.flag = num.suspect or line.flag
                cell_unit = num.unit if num.unit in ("tkr", "mnkr", "mdkr", "kr") else None
                if cell_unit:  # "560 tkr", "11,35 mnkr": the cell says its own unit
                    line.unit_raw = cell_unit
                if col.monetary and not num.is_percent:
                    line.amount_mnkr = _to_mnkr(num.value, cell_unit or row_unit)
            elif raw and raw.strip() not in ("-", "–", "—", "−", ""):
                line.flag = "not a number"
            if closes and num is not None and col.monetary:
                # the candidate sums this total may equal; keep the closest
                cands = [
                    since_total[c] + ([last_total[c]] if last_total[c] is not None else []),
                    since_start[c],
                    section_rows[c],
                ]
                cands = [x for x in cands if x]
                if cands:
                    best = min(cands, key=lambda xs: abs(sum(xs) - num.value))
                    mn = _to_mnkr(sum(best), row_unit)
                    line.parts_sum = round(mn, 6) if mn is not None else None
                    line.parts_n = len(best)
            out.append(line)
            if num is None:
                continue
            if closes:
                last_total[c] = num.value
                since_total[c] = []
                section_rows[c] = []
            elif not is_child:
                since_start[c].append(num.value)
                since_total[c].append(num.value)
                section_rows[c].append(num.value)
        if closes_section:
            section = None
        if not is_child:
            last_top = clean_label
            last_top_indent = r.indent
            varav_parent = clean_label if is_varav else None
    return out


def _heading_before(blocks: list[Block], i: int) -> str | None:
    for j in range(i - 1, max(-1, i - 8), -1):
        if blocks[j].kind == "heading":
            return blocks[j].text
    return None


def table_kinds(doc: Document, tables: list[ReadTable] | None = None) -> list[str]:
    """The kind of every table block of the document, in order (read by meaning)."""
    return [rt.kind for rt in (tables if tables is not None else read_tables(doc))]


_NON_MONEY = ("%", "st", "antal", "index", "dagar", "årsarbetare", "timmar", "kr/inv")
# subjects whose figures are another organisation's (table_terms.csv, kind subject)
_COMPARISONS = ("riket", "länet", "liknande kommuner")


def _meaning_column(
    c: ColumnMeaning, period_year: int | None, doc_type: str | None, caption: str | None = None
) -> _Column:
    """A value column of a budget table: its measure and year from the header's meaning; a
    bare year is an outcome in a follow-up, the budget of the plan's year and a plan after
    it; a column named for a unit or committee holds the plan's budget. A comparison's
    column (riket, länet) holds another organisation's figures: no measure of the
    document's; a koncern's column holds the koncern's (subject "koncernen")."""
    monetary = c.unit not in _NON_MONEY
    subject = c.subject
    if c.unit == "%":  # "Avvikelse %", "Andel %": a share, no amount
        return _Column(c.measure, c.year, c.header, False, c.period, share=True)
    follow_up = doc_type in ("verksamhetsberättelse", "årsredovisning", "delårsrapport")
    if c.measure:
        year = c.year
        if year is None and (
            c.measure in ("avvikelse", "återstår", "prognos", "budget", "förändring") or c.period
        ):  # "Prognos helår", "Utfall jan–apr", "Förändring": the document's year
            year = period_year
        return _Column(c.measure, year, c.header, monetary, c.period, subject=subject)
    if c.year is not None:
        if follow_up and caption in ("budget", "plan", "prognos"):
            measure = caption  # "Budgetramar 2027–2029" in a delårsrapport
        elif follow_up:
            measure = "utfall"
        elif period_year is None or c.year <= period_year:
            measure = "budget"
        else:
            measure = "plan"
        return _Column(measure, c.year, c.header, monetary, c.period, subject=subject)
    if c.header and subject not in _COMPARISONS:
        return _Column(
            "budget" if doc_type != "verksamhetsberättelse" else None,
            period_year,
            c.header,
            monetary,
            c.period,
            subject=subject,
        )
    return _Column(None, None, c.header, monetary, c.period, subject=subject)


# -- money rows of key-figure tables -----------------------------------------------------
# (issue 14b) Row by row: a row in a total money unit ("Nettoinvesteringar, mnkr") is a budget
# line too; not a row in kr (a rate or an amount per inhabitant: "Skattesats, kr"), nor a row
# with a target (a goal's indicator: "Kostnad för inhyrd personal, mnkr | 212 | högst 120").
# Only columns of a budget measure give lines: a target is no budget amount.
_KEY_FIGURE_MONEY = tuple(u for u in MONEY_UNITS if u != "kr")
_BUDGET_LINE_MEASURES = (
    "budget",
    "prognos",
    "utfall",
    "plan",
    "avvikelse",
    "återstår",
    "förändring",
)


def _key_figure_lines(rt: ReadTable, year: int | None, doc_type: str | None) -> list[BudgetLine]:
    cols = [_meaning_column(c, year, doc_type) for c in rt.columns]
    keep = [k for k, c in enumerate(cols) if c.measure in _BUDGET_LINE_MEASURES]
    out: list[BudgetLine] = []
    for r in rt.rows:
        if r.unit not in _KEY_FIGURE_MONEY or has_target(rt, r):
            continue
        values = [r.values[k] for k in keep]
        row = _Row(r.label, values, r.bold, r.page, r.row, rt.source_index, r.source_text)
        out.extend(
            _lines_from_rows(
                [row], [cols[k] for k in keep], "driftbudget", rt.title, r.unit, rt.seq
            )
        )
    return out


def is_rate(unit: str | None) -> bool:
    """An amount per unit ("kr/inv", "kr/brukare"): a key figure, not money."""
    return bool(unit) and "/" in unit and unit.split("/")[0] in MONEY_UNITS


def non_money_row(unit: str | None) -> bool:
    """A row whose label or unit column names a unit that is not an amount of money."""
    return (unit in _NON_MONEY and unit != "kr") or is_rate(unit)


def _table_year(rt: ReadTable, year: int | None) -> int | None:
    """The year a column without one holds: the table's own where all its columns that
    name one name the same ("Budget 2025 | Utfall 2025 | Avvikelse"), else the document's."""
    years = {c.year for c in rt.columns if c.year is not None and c.unit != "%"}
    return years.pop() if len(years) == 1 else year


def _row_year_measure(y: int | None, year: int | None, doc_type: str | None) -> str | None:
    """What a row of a past or coming year holds where the rows are years and neither the
    column nor the caption names a measure: an outcome for a past year (and for the year a
    follow-up reports on), the budget of a plan's year and a plan after it."""
    if y is None or year is None:
        return None
    follow_up = doc_type in ("verksamhetsberättelse", "årsredovisning", "delårsrapport")
    if y < year or (y == year and follow_up):
        return "utfall"
    if follow_up:
        return None
    return "budget" if y == year else "plan"


def _year_row_lines(rt: ReadTable, year: int | None, doc_type: str | None) -> list[BudgetLine]:
    """A table whose rows are years ("År | Verksamhetens nettokostnad | Årets resultat"):
    each money column's cell is an amount of the row's year."""
    out: list[BudgetLine] = []
    for r in rt.rows:
        cols = []
        for c in rt.columns:
            measure = c.measure or _row_year_measure(r.year, year, doc_type)
            money = c.unit not in _NON_MONEY and not is_rate(c.unit)
            cols.append(
                _Column(
                    _MEASURES.get(measure, measure) if measure else None,
                    c.year or r.year,
                    c.header,
                    money,
                    c.period,
                    share=not money,
                )
            )
        row = _Row(r.label, r.values, r.bold, r.page, r.row, rt.source_index, r.source_text)
        out.extend(_lines_from_rows([row], cols, rt.kind, rt.title, rt.unit, rt.seq))
    return out


def _block_columns(
    rt: ReadTable, r, year: int | None, doc_type: str | None
) -> list[_Column] | None:
    """The value columns of a row under a block heading ("Budget 2027"): what the heading
    names, in every column the header leaves unnamed."""
    if r.block is None:
        return None
    b = r.block
    return [
        _meaning_column(
            c
            if c.named
            else replace(
                c, header=b.header, measure=b.measure, year=b.year, period=c.period or b.period
            ),
            year,
            doc_type,
        )
        for c in rt.columns
    ]


def _from_tables(
    doc: Document,
    year: int | None,
    doc_type: str | None,
    tables: list[ReadTable] | None = None,
) -> list[BudgetLine]:
    out: list[BudgetLine] = []
    for rt in tables if tables is not None else read_tables(doc, year):
        if rt.year_rows:
            if rt.is_budget:
                out.extend(_year_row_lines(rt, year, doc_type))
            continue
        if rt.kind == "indikatorer":  # key figures: their money rows are budget lines
            out.extend(_key_figure_lines(rt, year, doc_type))
            continue
        if not rt.is_budget:
            continue
        own_year = _table_year(rt, year)
        cols = [_meaning_column(c, own_year, doc_type, rt.caption_measure) for c in rt.columns]
        rows = [
            _Row(
                label=r.label,
                values=r.values,
                bold=r.bold,
                page=r.page,
                row=r.row,
                source_index=rt.source_index,
                source_text=r.source_text,
                indent=r.indent,
                parent=r.parent,
                cols=_block_columns(rt, r, own_year, doc_type),
                own_cols=r.own_cols,
            )
            for r in rt.rows
            if not non_money_row(r.unit)  # an indicator row
        ]
        out.extend(_lines_from_rows(rows, cols, rt.kind, rt.title, rt.unit, rt.seq))
    return out


# -- tables flattened to text lines ------------------------------------------------------
_LINE_HEADER = re.compile(
    r"^(?P<label>.*?(?:belopp[^\d]*?|\(?tkr\)?|\(?mnkr\)?|handlingsplan|objektbeskrivning"
    r"|investeringar brutto,?\s*mnkr))\s+(?P<cols>(?:(?:budget|prognos|utfall|plan)\s*\|?\s*"
    r"(?:19|20)\d\d\s*\|?\s*|(?:19|20)\d\d\s*\|?\s*)+)(?P<rest>.*)$",
    re.I,
)
_BELOPP_ONLY = re.compile(r"^(?:.*\s)?(belopp,?\s*(i\s*)?(mnkr|tkr))\s*$", re.I)
_PROSE = re.compile(r"^[A-ZÅÄÖ|][^|]*\s\S+\s\S+\s\S+\s\S+\s.*[.]$")
_NUM_TAIL = re.compile(r"^(?P<label>.*?[^\d\s|,.−–])\s+(?P<nums>[-−–(]?\d[\d\s.,%()\-−–|]*)$")
_STOP = re.compile(
    r"^\s*(\d{1,2}(\.\d{1,2})*\.?\s+[A-ZÅÄÖ]|[*]+\)|" + fuzzy_pattern("källa") + ")", re.I
)


def _header_columns(line: str) -> tuple[str, list[str]] | None:
    m = _LINE_HEADER.match(line.strip())
    if not m:
        return None
    cols = re.findall(
        r"(?:budget|prognos|utfall|plan)\s*(?:19|20)\d\d|(?:19|20)\d\d", m.group("cols"), re.I
    )
    if len(cols) < 1:
        return None
    rest = m.group("rest").strip()
    if re.match(r"antal\b", rest, re.I):
        cols.append(rest)  # "Antal dagar", "Antal årsarbetare": a count column
    return m.group("label").strip(), cols


def _line_items(blocks: list[Block], start: int) -> list[tuple[str, Block]]:
    items: list[tuple[str, Block]] = []
    for b in blocks[start:]:
        if b.kind == "heading" or b.table is not None:
            break
        for ln in b.lines or [b.text]:
            items.append((ln, b))
    return items


_DEV_PARTS = re.compile(r"av\s*-\s*$|^\s*vikelse|avvikelse", re.I)
_CHANGE_FUZZY = re.compile(fuzzy_pattern("förändring"), re.I)


def _extra_columns(lines: list[str], k: int) -> list[str]:
    """Value columns whose header cell wrapped onto the lines around the header line."""
    near = lines[max(0, k - 2) : k + 3]
    words = " ".join(near)
    extra = []
    if any(_DEV_PARTS.search(w) for x in near for w in x.split()) or re.search(
        r"av-?\s*vikelse|avvikelse", words, re.I
    ):
        extra.append("Budgetavvikelse")
    if _CHANGE_FUZZY.search(words):
        extra.append("Förändring " + " ".join(_YEAR.findall(lines[k])[-1:]))
    return extra


def _context_kind(blocks: list[Block], i: int) -> str | None:
    """The budget kind named by a title or heading up to 80 blocks above (e.g. a bilaga
    'Handlingsplan – åtgärder för en ekonomi i balans' with sub-sections)."""
    for j in range(i - 1, max(-1, i - 80), -1):
        b = blocks[j]
        if b.kind in ("heading", "paragraph") and len(b.text) < 90:
            kind = classify_table(b.text, [], None)
            if kind in BUDGET_KINDS:
                return kind
    return None


def _read_rows(
    items: list[tuple[str, Block]],
    cols_all: list[str],
    headers: list[str],
    extra: list[str],
    label0: str,
    known_labels: set[str] | None = None,
) -> tuple[list[_Row], list[str]]:
    """Rows of a text-line table and its value column headers (split if grouped)."""
    rows: list[_Row] = []
    pending = ""
    grouped = False
    label_is_column = False
    for n, (text, blk) in enumerate(items):
        t = text.strip()
        if not t:
            continue
        if _STOP.match(t) or _header_columns(t) or _BELOPP_ONLY.match(t):
            break
        if (
            _PROSE.match(t) or len(t) > 85 or re.search(r"[a-zåäö]{2}\. [A-ZÅÄÖ]", t)
        ) and not _NUM_TAIL.match(t):
            break  # a sentence: the table has ended
        m = _NUM_TAIL.match(t)
        values = None
        toks: list[str] = []
        row_label: str | None = None  # the label of a line ending in numbers
        if m:
            row_label, toks = m.group("label"), number_tokens(m.group("nums"))
            year_in_label = re.fullmatch(r"(19|20)\d\d", toks[0]) is not None
            if year_in_label and (len(toks) == 1 or split_numbers(toks, len(cols_all)) is None):
                # "Summa IT investeringar 2024 141,5": the year belongs to the label
                row_label, toks = row_label + " " + toks[0], toks[1:]
                if not toks:
                    t, row_label = row_label, None
        if row_label is not None:
            counts = [len(cols_all)]
            if extra:
                counts.append(len(headers))
            if re.match(r"antal\b", cols_all[-1], re.I):
                counts.append(len(cols_all) - 1)  # the count column left blank
            values = split_numbers(toks, *counts)
            if values is None and not re.search(r"belopp|mnkr|tkr", label0, re.I):
                # the first value column's header sat where a label header would
                # ("Handlingsplan | Utfall 2024 | Prognos 2025 …")
                values = split_numbers(toks, len(cols_all) + 1)
                if values is not None and not label_is_column:
                    label_is_column = True
                    cols_all = [label0, *cols_all]
                    for r in rows:
                        r.values = [None, *r.values]
            if values is None and not extra and len(headers) > 1:
                # a grouped header: two sub-columns under each header cell
                values = split_numbers(toks, 2 * len(headers))
                grouped = grouped or values is not None
        if (
            values is None
            and row_label is not None
            and len(toks) >= 2
            and (pending or not t[:1].islower())
        ):
            label = mend_hyphens((pending + " " + row_label).strip())
            pending = ""
            flag = f"{len(toks)} number tokens do not split into {len(cols_all)} columns"
            rows.append(
                _Row(
                    label,
                    [None] * len(cols_all),
                    False,
                    blk.page,
                    len(rows) + 1,
                    blk.source_index,
                    t,
                    flag,
                )
            )
            continue
        if values is None and re.fullmatch(r"[-−–]?\d[\d\s,.]*", t):
            vals = split_numbers(number_tokens(t), len(cols_all))
            if rows and not any(rows[-1].values) and vals:  # numbers under their label
                rows[-1].values = vals
                rows[-1].source_text += "\n" + t
            continue  # else a stray number (a wrapped header cell such as "2024")
        if values is None:
            if t[:1].islower() and rows and not pending:
                rows[-1].label = mend_hyphens(rows[-1].label + " " + t)
                rows[-1].source_text += "\n" + t
            elif known_labels is not None and not rows and fold(t) not in known_labels:
                pass  # debris of a header OCR damaged, before the first known row
            elif (
                t.endswith("-")
                or t.count("(") > t.count(")")
                or (_CHILD.match(t) and not t.rstrip().endswith(":"))
                or (n + 1 < len(items) and items[n + 1][0][:1].islower())
            ):
                pending = (pending + " " + t).strip()  # a label wrapped before its numbers
            elif not rows and t[:1].islower():
                pass  # the tail of a wrapped header cell ("vikelse")
            else:
                label = mend_hyphens((pending + " " + t).strip())
                known = known_labels is not None and fold(label) in known_labels
                rows.append(
                    _Row(
                        label,
                        [""] * len(cols_all) if known else [],
                        False,
                        blk.page,
                        len(rows) + 1,
                        blk.source_index,
                        t,
                    )
                )
                pending = ""
            if len(rows) > 60:
                break
            continue
        label = mend_hyphens((pending + " " + row_label).strip())
        pending = ""
        vals = values + [None] * (len(cols_all) - len(values))
        rows.append(_Row(label, vals, False, blk.page, len(rows) + 1, blk.source_index, t))
    if grouped:  # "Budget 2024 | Prognos 2023", each over two sub-columns
        cols_all = [f"{h} (sub-column {n} of 2)" for h in headers for n in (1, 2)]
        for r in rows:  # two values per measure and year: say so rather than guess names
            r.flag = r.flag or "grouped header: sub-column names unreadable"
    return rows, cols_all


def _from_lines(doc: Document, year: int | None, doc_type: str | None) -> list[BudgetLine]:
    out: list[BudgetLine] = []
    blocks = doc.blocks
    header_blocks: set[int] = set()
    # title → (kind, columns, unit, row labels) of tables read from a good header, for
    # later tables under the same title whose header OCR destroyed
    templates: dict[str, tuple[str, list[str], str | None, set[str]]] = {}
    for i, b in enumerate(blocks):
        if b.table is not None or b.kind == "heading":
            continue
        lines = b.lines or [b.text]
        for k, ln in enumerate(lines):
            found = _header_columns(ln)
            single = _BELOPP_ONLY.match(ln)
            if not found and not single:
                continue
            header_blocks.add(i)
            heading = _heading_before(blocks, i)
            titles = [
                x.text
                for x in reversed(blocks[max(0, i - 4) : i])
                if x.kind == "paragraph" and len(x.text) < 90
            ]
            prev_title = titles[0] if titles else None
            if found:
                label0, headers = found
            else:  # "Belopp, mnkr" alone: one value column, year from the title above
                label0 = single.group(1)
                y = next((int(m) for t in titles for m in _YEAR.findall(t)), year)
                headers = [f"Budget {y}" if y else "Belopp"]
            unit = _unit(label0, ln, prev_title, heading)
            kind = classify_table(prev_title, [label0, *headers], heading)
            if kind not in BUDGET_KINDS and unit:
                kind = _context_kind(blocks, i) or kind
            if kind not in BUDGET_KINDS:
                continue
            before = (blocks[i - 1].lines or [blocks[i - 1].text])[-2:] if i > 0 else []
            extra = _extra_columns(before + lines, k + len(before)) if found else []
            cols_all = headers + extra
            # the rows: the rest of this block after the header, then the following blocks
            items = [(x, b) for x in lines[k + 1 :]] + _line_items(blocks, i + 1)
            rows, cols_all = _read_rows(items, cols_all, headers, extra, label0)
            if not any(any(v for v in r.values) for r in rows):
                continue
            cols = _columns(cols_all, year, doc_type)
            named = [
                t
                for t in titles
                if len(t) <= 60
                and not t.endswith(".")
                and (not _NUM_TAIL.match(t) or re.search(r"\b(19|20)\d\d$", t))
                and not _BELOPP_ONLY.match(t)
            ]
            named.sort(key=lambda t: classify_table(t, []) != kind)  # "IT investeringar 2024"
            if heading and classify_table(heading, []) == kind:
                title = heading
            else:
                title = named[0] if named else heading
            out.extend(_lines_from_rows(rows, cols, kind, title, unit, None))
            if named and title == named[0]:
                labels = {fold(r.label) for r in rows}
                templates.setdefault(fold(title), (kind, cols_all, unit, labels))
    out.extend(_from_damaged_headers(blocks, templates, header_blocks, year, doc_type))
    return out


def _from_damaged_headers(
    blocks: list[Block],
    templates: dict[str, tuple[str, list[str], str | None, set[str]]],
    header_blocks: set[int],
    year: int | None,
    doc_type: str | None,
) -> list[BudgetLine]:
    """Tables under a repeated title (e.g. each area's "Grupperade åtgärder") whose header
    OCR destroyed: read with the columns of the earlier table of that title, and flagged."""
    out: list[BudgetLine] = []
    for i, b in enumerate(blocks):
        if b.kind not in ("paragraph", "heading"):
            continue
        lines = b.lines or [b.text]
        k = next((k for k, ln in enumerate(lines) if fold(ln.strip()) in templates), None)
        if k is None or any(j in header_blocks for j in range(i, i + 4)):
            continue  # no such title, or this one has a readable header
        kind, cols_all, unit, labels = templates[fold(lines[k].strip())]
        items = [(x, b) for x in lines[k + 1 :]] + _line_items(blocks, i + 1)
        rows, cols_all = _read_rows(items, cols_all, cols_all, [], "belopp", known_labels=labels)
        rows = [r for r in rows if any(v for v in r.values) or r.flag]
        if not rows:
            continue
        for r in rows:
            r.flag = r.flag or f"header damaged by OCR; columns as in the first {lines[k]!r}"
        cols = _columns(cols_all, year, doc_type)
        out.extend(_lines_from_rows(rows, cols, kind, lines[k].strip(), unit, None))
    return out


def extract_budget(
    doc: Document,
    year: int | None = None,
    doc_type: str | None = None,
    tables: list[ReadTable] | None = None,
) -> list[BudgetLine]:
    """Budget lines of every budget table in the document (real tables read by meaning,
    then tables flattened to text lines)."""
    lines = _from_tables(doc, year, doc_type, tables) + _from_lines(doc, year, doc_type)
    _flag_lost_commas(lines)
    return lines
