"""Goals stated outside a list or table: the forms :mod:`goal_structures` reads besides
headings, bullets and goal tables.

1. **A lead-in and its quotation**: a sentence ending in a colon that names the goal
   ("Kommunens övergripande mål lyder:", "Strategins mål formuleras enligt följande:"),
   followed by the goal in quotation marks — however the quotation is set (a paragraph, or
   large type that a reader takes for one or more headings). The quotation is the goal.
2. **A count announced and its list**: a heading announcing how many areas or goals follow
   ("Tre prioriterade områden 2027", "Planen innehåller fyra områden för samverkan") and,
   before the next heading, a bullet list of exactly that many short items, right after the
   heading or a lead-in ending in a colon ("Under perioden satsar vi på:"). Weak words such
   as "område" name a goal structure only with that count and that list.
3. **A goal stated in a sentence**: a sentence whose subject is a goal term precise enough
   to name one goal of a structure (``goal_terms.csv``, ``stated=ja``: finansiellt mål,
   delmål, verksamhetsmål, övergripande mål …), led at most by a determiner, an owner's
   genitive or a name ("Det", "Ett av revisorernas egna", "Förbundets"), qualified at most
   by a phrase such as "för god ekonomisk hushållning 2027", and whose predicate is the
   goal: "är att …" or ": …" with a target in it ("ska", a figure, "balans"), or "är ett/en
   …" with a measured target ("ett positivt resultat på 1 procent av omsättningen",
   "en ekonomi i balans"). Bare "mål" never does ("Målet är att …" is ordinary prose), nor
   a sentence assessing a goal ("Det finansiella målet är uppfyllt"), nor another owner's
   goal ("Regeringens övergripande mål …", ``goal_statements.csv``).
"""

from __future__ import annotations

import re
from functools import cache

from styrdata.extract.domain.goal_vocab import rows, status_of, term_in, terms
from styrdata.extract.model import Block
from styrdata.normalize.text import fold

_QUOTES_OPEN = "”“\"„«»'’‘"
_QUOTES_CLOSE = "”“\"»«'’"
_MAX_QUOTE_WORDS = 60
_MAX_QUOTE_BLOCKS = 3
_MAX_COUNT_HEADING_WORDS = 14
_MAX_AREA_WORDS = 12
_MAX_GOAL_WORDS = 60
_MAX_SUBJECT_WORDS = 6
_MAX_QUALIFIER_WORDS = 8
_MAX_SENTENCE = 400
_WEAK = ("område", "prioritering", "långsiktig prioritering", "prioriterat område")

# a sentence ends at . ! ? (a footnote's number may follow: "certifierade.1 Certifiering")
_SENTENCE_END = re.compile(r"(?<=[.!?])\d{0,2}\s+(?=[A-ZÅÄÖ\"”“])")
_FOOTNOTE = re.compile(r"(?<=[a-zåäö)])\.\d{1,2}$")


@cache
def _words(role: str) -> dict[str, str]:
    return {fold(r["word"]): r["value"] for r in rows("goal_statements.csv") if r["role"] == role}


@cache
def _stated_terms() -> list[tuple[str, str, re.Pattern]]:
    stated = {r["term"] for r in rows("goal_terms.csv") if r.get("stated") == "ja"}
    return [(t, k, p) for t, k, p in terms() if t in stated]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


# -- 1. a lead-in and its quotation ----------------------------------------------------------


def quoted_text(text: str) -> bool:
    """Text set in quotation marks from its first character to its last."""
    t = text.strip().rstrip(".!")
    return len(t) > 2 and t[0] in _QUOTES_OPEN and t[-1] in _QUOTES_CLOSE


def quotation(blocks: list[Block], i: int) -> tuple[str, int] | None:
    """The quotation set in the blocks from ``i`` on (at most three, no table): its text
    without the quotation marks, and the index of its last block."""
    parts: list[str] = []
    for j in range(i, min(i + _MAX_QUOTE_BLOCKS, len(blocks))):
        b = blocks[j]
        if b.table is not None:
            return None
        parts.append(b.text.strip())
        text = " ".join(" ".join(parts).split())
        if text[:1] not in _QUOTES_OPEN:
            return None
        body = text.rstrip(".!")
        if len(body) > 2 and body[-1] in _QUOTES_CLOSE:
            inner = body[1:-1].strip()
            if any(q in inner for q in '”“"„«»'):
                return None  # two quotations, or a quotation inside a sentence
            if 3 <= len(inner.split()) <= _MAX_QUOTE_WORDS:
                return inner, j
            return None
    return None


_PREPOSITION = re.compile(r"(?:för|i|inom|av|till|med|enligt|om|på|under)\s*$", re.I)


def lead_term(lead: str) -> tuple[str, str, re.Match] | None:
    """The goal term a lead-in names as what follows: the last one not governed by a
    preposition ("Det övergripande målet för strategin lyder:" names a mål, not the
    strategi the sentence is about)."""
    return term_in(lead, skip=lambda m: _PREPOSITION.search(lead[: m.start()]))


def last_sentence(text: str) -> str:
    s = sentences(text)
    return s[-1] if s else ""


# -- 2. a count announced and its list -------------------------------------------------------


def announced_count(heading: str) -> tuple[int, str, str] | None:
    """(count, term, kind) of a heading announcing how many areas or goals its section lists:
    a number word right before the term, at most two words between ("tre prioriterade
    områden", "fyra långsiktiga prioriteringar"). A weak word ("område", "prioritering")
    must end the heading or be followed by a year or "för …" ("tre områden för samverkan
    2027"), not by what it is about ("tre områden med ökade kostnader"), and no heading on
    what is wrong counts ("fyra riskområden", "tre avvikelser")."""
    words = heading.split()
    if len(words) > _MAX_COUNT_HEADING_WORDS:
        return None
    not_areas = tuple(_words("not_area"))
    if any(fold(w).startswith(not_areas) for w in words):
        return None
    hit = term_in(heading)
    if hit is None:
        return None
    term, kind, m = hit
    tail = heading[m.end() :].strip(" :")
    if term in _WEAK and tail and not re.match(r"(?:för\b|\d{4})", tail, re.I):
        return None
    before = heading[: m.start()].split()[-3:]
    counts = _words("count")
    for k, w in enumerate(reversed(before)):
        n = counts.get(fold(w)) or (w if re.fullmatch(r"[2-9]|1[0-2]", w) else None)
        if n:
            return (int(n), term, kind) if k <= 2 else None
    return None


def area_items(blocks: list[Block], j: int, bullets: str) -> tuple[list[tuple[str, int]], int]:
    """The bullet list starting at block ``j``: (item text, block index) per item, and the
    index after the list."""
    split = re.compile(r"\s*[" + re.escape(bullets.replace("–", "")) + r"]\s*")
    items: list[tuple[str, int]] = []
    while j < len(blocks) and blocks[j].table is None and blocks[j].kind != "heading":
        b = blocks[j]
        parts = [p for p in split.split(b.text) if p.strip()]
        if not (b.kind == "list_item" or len(parts) > 1 or b.text.lstrip()[:1] in bullets):
            break
        items.extend((p.strip(), j) for p in parts)
        j += 1
    return items, j


def area_like(item: str, term: str) -> bool:
    """A short name of an area, not a sentence of prose; under a count of goals ("Fem
    verksamhetsmål"), a goal's statement of its own ("Andelen nöjda brukare ska öka.")."""
    words = item.split()
    if not item[:1].isupper() or item.rstrip().endswith((":", ";", ",")):
        return False
    if term in _WEAK:
        return len(words) <= _MAX_AREA_WORDS and not item.rstrip().endswith(".")
    return 2 <= len(words) <= _MAX_GOAL_WORDS


# -- 3. a goal stated in a sentence ----------------------------------------------------------

_PREDICATE = re.compile(r"^(?P<qual>.*?)\s*(?P<sep>\b(?:är|var)\s+|:\s*)(?P<stmt>\S.*)$", re.S)
_QUALIFIER = re.compile(
    r"^(?:(?:för|inom|under|till|i|på|år)\s+\S.*|(?:år\s+)?\d{4}(?:\s*[–-]\s*\d{2,4})?)$", re.I
)
_TARGET = re.compile(r"\bska\b|\bskall\b|\d|\bbalans\b", re.I)
_MEASURED = re.compile(
    r"\d[\d\s,]*\s*(?:%|procent|mnkr|tkr|kr|miljoner|miljarder)|\bbalans\b", re.I
)
# words that make the goal term something other than the sentence's subject ("För de
# finansiella målen är det vår bedömning att …", "Nämnden har verksamhetsmål som …")
# the relative clause that goes on about a goal stated as a noun phrase ("… en ekonomi i
# balans över tid, vilken bygger på att …"): not part of it
_RELATIVE = re.compile(r",\s+(?:vilken|vilket|vilka|som|men|vilket innebär)\b")
_NOT_SUBJECT = re.compile(
    r"\b(?:och|eller|som|att|med|om|är|var|har|hade|ska|bedöms|ingen|inga|enligt|utifrån|för"
    r"|inom|genom|trots|utöver|inför|efter|vid|från|kring|mot)\b",
    re.I,
)


def _subject_ok(prefix: str) -> bool:
    words = prefix.split()
    if len(words) > _MAX_SUBJECT_WORDS or _NOT_SUBJECT.search(prefix):
        return False
    if words and not words[0][:1].isupper():
        return False  # not the sentence's first words
    subject = _words("subject")
    for w in words:
        if fold(w) in subject:
            continue
        if (w[:1].isupper() and w.isalpha()) or re.fullmatch(r"[\wåäö]{3,}(?::s|s)", w):
            continue  # a name ("Region"), an owner's genitive ("Förbundets", "VGR:s")
        return False
    return True


def _capital(t: str) -> str:
    return t[:1].upper() + t[1:]


def stated_goal(sentence: str) -> tuple[str, str, str] | None:
    """(term, kind, title) of a sentence stating a goal, else None."""
    s = _FOOTNOTE.sub(".", sentence.strip())
    if len(s) > _MAX_SENTENCE or len(s.split()) < 5:
        return None
    external = _words("external")
    for term, kind, pat in _stated_terms():
        m = pat.search(s)
        if m is None or not _subject_ok(s[: m.start()]):
            continue
        if m.group(0).lower().endswith("målen") and not re.match(r"(?:ett|en)\s+av\b", s, re.I):
            return None  # "Inriktningsmålen är att vägleda …": what goals are for, unless
            # one of them is meant ("Ett av de finansiella målen är att …")
        p = _PREDICATE.match(s[m.end() :])
        if p is None:
            return None
        qual, stmt = p.group("qual").strip(), p.group("stmt").strip()
        if qual and (
            len(qual.split()) > _MAX_QUALIFIER_WORDS
            or not _QUALIFIER.match(qual)
            or re.search(r"\b(?:och|eller|som|att|är|har|ska)\b", qual, re.I)
        ):
            return None
        if any(fold(w.strip(",.")) in external for w in (s[: m.start()] + " " + qual).split()):
            return None  # another owner's goal, quoted
        low = stmt.lower()
        if re.match(r"(?:inte|ej)\b", low) or (
            not low.startswith(("att ", "ett ", "en ")) and status_of(" ".join(stmt.split()[:3]))
        ):
            return None  # "Det finansiella målet är uppfyllt", "… är inte nått"
        if p.group("sep").startswith(":"):
            return (term, kind, _capital(stmt)) if _TARGET.search(stmt) else None
        if low.startswith("att "):
            return (term, kind, _capital(stmt[4:].strip())) if _TARGET.search(stmt) else None
        if low.startswith(("ett ", "en ", "minst ", "högst ")) and _MEASURED.search(stmt):
            return term, kind, _RELATIVE.split(s, maxsplit=1)[0].rstrip(".") + "."
        return None
    return None
