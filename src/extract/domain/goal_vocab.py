"""The goal vocabulary shared by :mod:`goals` and :mod:`goal_structures`: the words for the
parts of a goal structure (``data/goal_terms.csv``), for a follow-up's assessment
(``data/goal_status.csv``), the headings that are never goals
(``data/document_sections.csv``) and the bullet glyphs lists are printed with."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from styrdata.normalize.text import fold, fuzzy_pattern

# Bullet glyphs: Word's Symbol-font bullets exported to PDF land in the Private Use Area
# (U+F0B7 "", U+F0A7 "", U+F0D8 "", …); then the Unicode ones.
BULLETS = "•\uf0b7\uf0a7\uf0d8\uf0e0\uf076\uf0fc\uf06e\uf071▪■□●◦○‣➢➤►▸✓✔–"
_SUFFIX = r"(?:en|et|er|erna|ar|arna|na|n|s|ens|ets|ernas)?"


def rows(name: str) -> list[dict[str, str]]:
    text = resources.files("styrdata.extract.domain").joinpath(f"data/{name}").read_text("utf-8")
    return list(csv.DictReader(ln for ln in text.splitlines() if not ln.startswith("#")))


@cache
def terms() -> list[tuple[str, str, re.Pattern]]:
    """(term, kind, pattern) longest first."""
    out = []
    for r in sorted(rows("goal_terms.csv"), key=lambda r: -len(r["term"])):
        words = r["term"].split()
        pat = r"\s+".join(fuzzy_pattern(w) + (_SUFFIX if k == len(words) - 1 else r"\w*")
                          for k, w in enumerate(words))  # fmt: skip
        out.append((r["term"], r["kind"], re.compile(r"(?<![\wåäö])" + pat + r"(?![\wåäö])", re.I)))
    return out


@cache
def status_terms() -> list[tuple[str, re.Pattern]]:
    ordered = sorted(rows("goal_status.csv"), key=lambda r: -len(r["term"]))
    return [
        (r["status"], re.compile(r"(?<![\wåäö])" + fuzzy_pattern(r["term"]) + r"(?![\wåäö])", re.I))
        for r in ordered
    ]


@cache
def structural() -> set[str]:
    return {fold(r["heading"]) for r in rows("document_sections.csv")}


def status_of(text: str | None) -> str | None:
    """The status a word or short phrase states: "Delvis uppfyllt" → "delvis uppfyllt"."""
    if not text:
        return None
    for status, pat in status_terms():
        if pat.search(text):
            return status
    return None


def term_in(text: str, skip=None) -> tuple[str, str, re.Match] | None:
    """The goal term in ``text`` nearest its end (the noun a lead-in ends on), the longest
    of those ending there ("övergripande mål" rather than "mål"); none of the matches
    ``skip`` (a predicate on the match) rejects."""
    best = None
    for term, kind, pat in terms():
        for m in pat.finditer(text):
            if skip is not None and skip(m):
                continue
            if (
                best is None
                or m.end() > best[2].end()
                or (m.end() == best[2].end() and len(m.group(0)) > len(best[2].group(0)))
            ):
                best = (term, kind, m)
    return best


def term_at_start(text: str) -> tuple[str, str, re.Match] | None:
    for term, kind, pat in terms():
        m = pat.match(text.strip())
        if m:
            return term, kind, m
    return None


# "Bedömning: Delvis uppfyllt", "Status – pågår", "Prognos: Målet bedöms uppnås.",
# "Målbedömning: Målet bedöms inte uppnås."
STATUS_LINE = re.compile(
    r"^\s*(?:(?:mål|samlad\s+|sammanfattande\s+)?bedömning|status|måluppfyllelse|uppfyllelse"
    r"|måluppfyllnad|resultat|prognos|bedömd\s+måluppfyllelse|prognos\s+helår"
    r"|bedömning\s+av\s+måluppfyllelse(?:n)?)\s*[:–-]\s*(?P<s>.{2,80})$",
    re.I,
)
# A sentence assessing the goal it follows: "Målet är inte uppfyllt.", "Uppdraget är
# genomfört.", "Målet bedöms delvis uppnås." (the assessment right after the subject)
STATUS_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?P<s>(?:målet|målen|uppdraget|målsättningen|delmålet)\s+"
    r"(?:är|bedöms|har|blev|var|anses)\s+[^.!?]{2,60})[.!?]?",
    re.I,
)


def sentence_status(text: str) -> str | None:
    """The assessment a sentence of ``text`` states of its goal ("… 1,1 procent. Målet är
    inte uppfyllt."): the sentence, where the words right after its verb are a status
    ("Målet är att …" is no assessment)."""
    for m in STATUS_SENTENCE.finditer(" ".join(text.split())):
        rest = m.group("s").split(None, 2)[2]
        if status_of(rest) and status_of(" ".join(rest.split()[:4])):
            return m.group("s").rstrip(".!? ")
    return None
