"""Internal control plans that are not tables: the follow-up form and OCR-flattened tables.

Both layouts arrive as a run of paragraphs, whatever the source format, and both are common
in OCR'd documents whose diacritics are damaged, so every keyword is matched fuzzily.

* **Follow-up form** (verksamhetsberättelse / delårsrapport): an area heading ("HR"), a risk
  paragraph ("Risken att …", "Regionövergripande: Risk för …"), the column line
  "Status Åtgärd", then per action: the action paragraph, "Kommentar", the question "Har
  åtgärden bidragit till önskad effekt?" and its answer. A status symbol (lost by OCR) or word
  (Avslutad, Ej genomförd, Pågår) may precede the action.
* **Flattened table**: the header cells "Verksamhet", "Risk", "Åtgärd" as three paragraphs,
  then cells one by one (area, risk, actions, next area …). Rows are recovered while every
  cell is a complete sentence; where OCR interleaved the columns line by line the remaining
  cells cannot be told apart and a warning says how many risks were left out.
"""

from __future__ import annotations

import re

from styrdata.extract.domain.risk_model import Risk
from styrdata.extract.model import Block
from styrdata.normalize.text import fuzzy_pattern, join_lines, mend_hyphens


def _kw(*words: str) -> str:
    return r"\s+".join(fuzzy_pattern(w) for w in words)


_MARKER = re.compile(rf"^\s*{_kw('status')}\s+{_kw('åtgärd')}\s*$", re.I)
_TRAILING_MARKER = re.compile(rf"\s+{_kw('status')}\s+{_kw('åtgärd')}\s*$", re.I)
_COMMENT = re.compile(rf"^\s*{_kw('kommentar')}\s*:?\s*$", re.I)
_QUESTION = re.compile(
    rf"^\s*{_kw('har', 'åtgärden', 'bidragit', 'till', 'önskad', 'effekt')}\s*\??[\s)]*", re.I
)
_RISK_START = re.compile(
    rf"^\s*(?:{_kw('regionövergripande')}\s*:\s*)?risk(?:en)?\s+(?:att|för|for)\b", re.I
)
_STATUS_WORDS = [
    ("ej påbörjad", "ej påbörjad"),
    ("ej genomförd", "ej genomförd"),
    ("avslutad", "avslutad"),
    ("genomförd", "genomförd"),
    ("påbörjad", "pågår"),
    ("pågår", "pågår"),
    ("pågående", "pågår"),
]
_STATUS = re.compile(
    r"^\s*(" + "|".join(_kw(*w.split()) for w, _ in _STATUS_WORDS) + r")\b[\s:.-]*", re.I
)
_HEADER_CELLS = [re.compile(rf"^\s*{_kw(w)}\s*$", re.I) for w in ("verksamhet", "risk", "åtgärd")]
_GLUED_HEADER = re.compile(rf"^(.*[.!?)])\s+{_kw('verksamhet')}\s*$", re.I | re.S)
_GLUED_AREA = re.compile(r"^(.*?[.!?\"”)])\s+([A-ZÅÄÖ][^.!?:;=\d]{1,45})$", re.S)
_ANSWER = [("ja delvis", "delvis"), ("delvis", "delvis"), ("nej", "nej"), ("ja", "ja")]
_RISK_IN_TEXT = re.compile(r"\bRisk(?:en)? att\b")
_SECTION_END = re.compile(rf"^\s*({_kw('bilaga')}\b|\d+(\.\d+)*\.?\s+[A-ZÅÄÖ])", re.I)


def _status(word: str) -> str:
    w = " ".join(word.lower().split())
    for pattern, canonical in _STATUS_WORDS:
        if re.fullmatch(_kw(*pattern.split()), w, re.I):
            return canonical
    return w


def _is_area(text: str) -> bool:
    """A short title-like line: an area heading such as 'HR' or 'Hälso- och sjukvård'."""
    t = text.strip()
    return (
        0 < len(t) <= 45
        and len(t.split()) <= 5
        and t[:1].isupper()
        and not re.search(r"[.:;=!?]$|\d", t)
        and not _MARKER.match(t)
        and not _COMMENT.match(t)
        and not _RISK_START.match(t)
    )


def _effect(answer: str) -> str | None:
    a = _answer_start(answer)
    for start, value in _ANSWER:
        if a.startswith(start) and (len(a) == len(start) or not a[len(start)].isalpha()):
            return value
    return None


def _answer_start(s: str) -> str:
    return " ".join(s.lower().replace(",", " ").split())[:20]


def _split_glued_area(text: str) -> tuple[str, str | None]:
    """'… vid behov. Beredskap och säkerhet' → ('… vid behov.', 'Beredskap och säkerhet')."""
    m = _GLUED_AREA.match(text)
    if m and len(m.group(2).split()) <= 4 and _is_area(m.group(2)):
        return m.group(1), m.group(2)
    return text, None


def followup_form(blocks: list[Block]) -> list[Risk]:
    """Risks of the follow-up form with their actions, statuses, comments and effects."""
    markers = [
        i
        for i, b in enumerate(blocks)
        if _MARKER.match(b.text) and i > 0 and _RISK_START.match(blocks[i - 1].text)
    ]
    if not markers:
        return []
    texts = [b.text for b in blocks]
    areas: dict[int, str | None] = {}
    starts: list[int] = []  # first block of each risk (area heading or risk paragraph)
    for m in markers:
        r = m - 1
        area = None
        if r > 0 and blocks[r - 1].kind != "heading" and _is_area(texts[r - 1]):
            area, start = texts[r - 1].strip(), r - 1
        else:
            start = r
            if r > 0:
                kept, glued = _split_glued_area(texts[r - 1])
                if glued:
                    texts[r - 1], area = kept, glued
        areas[m] = area
        starts.append(start)
    risks: list[Risk] = []
    area: str | None = None
    for k, m in enumerate(markers):
        area = areas[m] or area
        if k + 1 < len(markers):
            end = starts[k + 1]
        else:
            end = next(
                (j for j in range(m + 1, len(blocks)) if blocks[j].kind == "heading"), len(blocks)
            )
        risk_block = blocks[m - 1]
        span = list(range(m + 1, end))
        comments = [j for j in span if _COMMENT.match(texts[j])]
        actions: list[dict] = []  # text, status, page, comment_blocks — typed below
        if not comments and span:
            comments = [end]  # actions without comments: the whole span is one action
        prev = m
        for n, c in enumerate(comments):
            parts = list(range(prev + 1, c)) if n == 0 else [c - 1]
            if n > 0:
                actions[-1]["comment_blocks"] = list(range(prev + 1, c - 1))
            status = None
            action_texts = []
            for j in parts:
                t = _TRAILING_MARKER.sub("", texts[j]).strip()
                s = _STATUS.match(t)
                if s and not action_texts and status is None:
                    status = _status(s.group(1))
                    t = t[s.end() :].strip()
                if t:
                    action_texts.append(t)
            actions.append(
                {
                    "action": " ".join(action_texts),
                    "status": status,
                    "page": blocks[parts[0]].page if parts else risk_block.page,
                    "comment_blocks": [],
                }
            )
            prev = c
        if actions and comments[-1] < end:
            actions[-1]["comment_blocks"] = list(range(comments[-1] + 1, end))
        risk = Risk(
            area=area,
            risk=risk_block.text.strip(),
            page=risk_block.page,
            source_index=risk_block.source_index,
            source_text="\n".join(x for x in (area, risk_block.text, blocks[m].text) if x),
        )
        for a in actions:
            paras = [texts[j].strip() for j in a["comment_blocks"]]
            effect = None
            if paras:
                q = _QUESTION.match(paras[0])
                if q:
                    paras[0] = paras[0][q.end() :].strip()
                    if not paras[0]:
                        paras.pop(0)
                    effect = _effect(paras[0]) if paras else None
            if a["action"]:
                comment = "\n".join(p for p in paras if p) or None
                risk.add_action(a["action"], a["status"], comment, effect, a["page"])
        risks.append(risk)
    return risks


def _header_at(blocks: list[Block], i: int) -> bool:
    """Blocks i, i+1, i+2 are the flattened header cells Verksamhet / Risk / Åtgärd."""
    if i + 2 >= len(blocks):
        return False
    first = _HEADER_CELLS[0].match(blocks[i].text) or _GLUED_HEADER.match(blocks[i].text)
    return bool(
        first
        and _HEADER_CELLS[1].match(blocks[i + 1].text)
        and _HEADER_CELLS[2].match(blocks[i + 2].text)
    )


def _complete(text: str) -> bool:
    return bool(re.search(r"[.!?)”\"]$", text.strip())) and " | " not in text


def flattened_table(blocks: list[Block]) -> tuple[list[Risk], list[str]]:
    """Risks recovered from a table flattened into one paragraph per cell, plus warnings."""
    risks: list[Risk] = []
    warnings: list[str] = []
    heads = [i for i in range(len(blocks)) if _header_at(blocks, i)]
    for h_n, h in enumerate(heads):
        stop = heads[h_n + 1] if h_n + 1 < len(heads) else len(blocks)
        if stop < len(blocks) and _GLUED_HEADER.match(blocks[stop].text):
            stop += 1  # "… åtgärdas. Verksamhet": the last cell carries the next header
        # cells: mend cells split across a page (next one starts in lower case)
        cells: list[list[int]] = []
        j = h + 3
        while j < stop:
            b = blocks[j]
            if b.kind == "heading" or (b.kind != "list_item" and _SECTION_END.match(b.text)):
                stop = j
                break
            t = b.text.strip()
            if cells and t[:1].islower() and not _complete(blocks[cells[-1][-1]].text):
                cells[-1].append(j)
            else:
                cells.append([j])
            j += 1
        area = None
        current: Risk | None = None
        garbled_from = None
        for c_n, cell in enumerate(cells):
            text = join_lines([blocks[k].text for k in cell])
            if cell[-1] + 1 == stop and h_n + 1 < len(heads):
                m = _GLUED_HEADER.match(text)
                text = m.group(1) if m else text
            if _is_area(text) or (text.endswith("-") and len(text.split()) == 1):
                if text.endswith("-") or not _complete(text):
                    if c_n + 1 < len(cells) and not _RISK_START.match(
                        blocks[cells[c_n + 1][0]].text
                    ):
                        garbled_from = c_n
                        break
                area = mend_hyphens(text)
                current = None
                continue
            if not _complete(text):
                garbled_from = c_n
                break
            page = blocks[cell[0]].page
            if _RISK_START.match(text):
                current = Risk(
                    area=area,
                    risk=text,
                    page=page,
                    source_index=blocks[cell[0]].source_index,
                    source_text="\n".join(x for x in (area, text) if x),
                )
                risks.append(current)
            elif current is not None:
                current.add_action(text, page=page)
                current.source_text += "\n" + text
        if garbled_from is not None:
            rest = [k for cell in cells[garbled_from:] for k in cell]
            lost = sum(len(_RISK_IN_TEXT.findall(blocks[k].text)) for k in rest)
            pages = sorted({blocks[k].page for k in rest if blocks[k].page is not None})
            where = (
                f"pages {pages[0]}–{pages[-1]}"
                if len(pages) > 1
                else f"page {pages[0]}"
                if pages
                else f"source_index {blocks[rest[0]].source_index}–{blocks[rest[-1]].source_index}"
            )
            warnings.append(
                f"internal control table flattened by OCR with interleaved columns on {where}: "
                f"{lost} risk(s) could not be recovered"
            )
    return risks, warnings
