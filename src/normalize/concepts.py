"""The concept catalogue: indicator wording from any region → one canonical concept.

The catalogue is a data file (``normalize/data/concepts.csv``): concept id, label, unit,
desirable direction, Kolada KPI id where one exists, and the terms that name it. A term
matches the indicator text when every word of it matches, in order, a word of the text:

* words are compared by their lemma from spaCy's Swedish lookup lemmatizer
  (``spacy.blank("sv")`` + spacy-lookups-data), so "personalomsättningen" and
  "sjukfrånvaron" match "personalomsättning" and "sjukfrånvaro";
* a term word also matches with a Swedish inflection ending the lookup table lacks
  ("medarbetarengagemanget"), and a term word ending in ``*`` matches any word beginning
  with it ("sjukfrånvaro*" matches "sjukfrånvarotal");
* words are compared with OCR-damaged diacritics tolerated ("Personalomsattning",
  "6kad"), and abbreviations are terms of their own (HME, AVI, HSE).

The first concept in file order whose term matches wins, so specific concepts (HME delindex
motivation) come before general ones (HME).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from normalize.text import fuzzy_pattern


@dataclass(frozen=True)
class Concept:
    concept: str
    label: str
    unit: str | None
    direction: str | None
    kolada_kpi: str | None
    terms: tuple[str, ...]


@cache
def catalogue() -> tuple[Concept, ...]:
    text = resources.files("normalize").joinpath("data/concepts.csv").read_text("utf-8")
    return tuple(
        Concept(
            r["concept"],
            r["label"],
            r["unit"] or None,
            r["direction"] or None,
            r["kolada_kpi"] or None,
            tuple(t.strip() for t in r["terms"].split(";") if t.strip()),
        )
        for r in csv.DictReader(text.splitlines())
    )


@cache
def _tokenizer():
    import spacy

    return spacy.blank("sv")


@cache
def _lemmatizer():
    """spaCy's Swedish lookup lemmatizer (loading its table takes about 2 s: done once per
    process, and only when a text's surface forms leave a possible match open)."""
    import spacy

    nlp = spacy.blank("sv")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


_INFLECTION = r"(?:en|et|n|t|s|er|ar|or|na|arna|erna|orna|ens|ets|ns|ts)?"


def _word_pattern(word: str) -> re.Pattern:
    prefix = word.endswith("*")
    core = fuzzy_pattern(word.rstrip("*"))
    tail = ".*" if prefix else _INFLECTION
    return re.compile(rf"^{core}{tail}$", re.I)


@cache
def _compiled() -> tuple[tuple[Concept, tuple[tuple[re.Pattern, ...], ...]], ...]:
    return tuple(
        (c, tuple(tuple(_word_pattern(w) for w in t.split()) for t in c.terms)) for c in catalogue()
    )


def _words(text: str, lemmas: bool) -> list[tuple[str, str]]:
    """(word, lemma) pairs, lower case, punctuation dropped; hyphenated words split too."""
    clean = re.sub(r"[\s\u00ad]+", " ", text.lower())
    doc = (_lemmatizer() if lemmas else _tokenizer())(clean)
    out = []
    for t in doc:
        if t.is_punct or t.is_space:
            continue
        out.append((t.text, (t.lemma_ or t.text) if lemmas else t.text))
        if "-" in t.text:
            out.extend((p, p) for p in t.text.split("-") if p)
    return out


@cache
def _stems() -> re.Pattern:
    """The first four letters of every term word: a word sharing none of them cannot be an
    irregular form of a term word, so its lemma is not needed."""
    stems = {
        fuzzy_pattern(w.rstrip("*")[:4])
        for c in catalogue()
        for t in c.terms
        for w in t.split()
        if len(w.rstrip("*")) >= 5
    }
    return re.compile(r"\b(?:" + "|".join(sorted(stems)) + r")", re.I)


def _matches(words: list[tuple[str, str]], term: tuple[re.Pattern, ...]) -> bool:
    i = 0
    for pat in term:
        while i < len(words) and not (pat.match(words[i][0]) or pat.match(words[i][1])):
            i += 1
        if i == len(words):
            return False
        i += 1
    return True


def match_concept(text: str) -> Concept | None:
    """The catalogue concept an indicator's text names, or None."""
    if not text or not text.strip():
        return None
    words = _words(text, lemmas=False)
    for concept, terms in _compiled():
        if any(_matches(words, t) for t in terms):
            return concept
    if not _stems().search(text):
        return None
    words = _words(text, lemmas=True)  # irregular inflection: compare lemmas too
    for concept, terms in _compiled():
        if any(_matches(words, t) for t in terms):
            return concept
    return None
