"""The concept catalogue: indicator wording from any region → one canonical concept.

The catalogue is a data file (``normalize/data/concepts.csv``): concept id, label, unit,
desirable direction, Kolada KPI id where one exists, and the terms that name it. A term
matches the indicator text when every word of it matches, in order, a word of the text:

* words are compared by their lemma from spaCy's Swedish lemma lookup table
  (spacy-lookups-data), so "personalomsättningen" and "sjukfrånvaron" match
  "personalomsättning" and "sjukfrånvaro";
* a term word also matches with a Swedish inflection ending the lookup table lacks
  ("medarbetarengagemanget"), and a term word ending in ``*`` matches any word beginning
  with it ("sjukfrånvaro*" matches "sjukfrånvarotal");
* words are compared with OCR-damaged diacritics tolerated ("Personalomsattning",
  "6kad"), and abbreviations are terms of their own (HME, AVI, HSE).

The first concept in file order whose term matches wins, so specific concepts (HME delindex
motivation) come before general ones (HME).

Words are split as spaCy's Swedish tokenizer splits them where it matters for a term
(:func:`_tokens`), and a word's lemma is what spaCy's lookup lemmatizer gives (the table's
entry for the word, else the word): the matcher reads spaCy's data without importing spaCy
(about a second in every reader process that would). ``tests/test_concepts_spacy.py``
holds the two to the same results.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from styrdata.normalize.text import fuzzy_pattern


@dataclass(frozen=True)
class Concept:
    concept: str
    label: str
    unit: str | None
    direction: str | None
    kolada_kpi: str | None  # Kolada's KPI id for regions (U60200 …)
    terms: tuple[str, ...]
    kolada_kpi_kommun: str | None = None  # Kolada's KPI id for kommuner (U00200 …)

    def kolada_kpi_for(self, org_kind: str | None) -> str | None:
        """The Kolada KPI id for a publisher of this kind (kommuner and regions differ)."""
        return self.kolada_kpi_kommun if org_kind == "kommun" else self.kolada_kpi


@cache
def catalogue() -> tuple[Concept, ...]:
    text = resources.files("styrdata.normalize").joinpath("data/concepts.csv").read_text("utf-8")
    return tuple(
        Concept(
            r["concept"],
            r["label"],
            r["unit"] or None,
            r["direction"] or None,
            r["kolada_kpi"] or None,
            tuple(t.strip() for t in r["terms"].split(";") if t.strip()),
            r.get("kolada_kpi_kommun") or None,
        )
        for r in csv.DictReader(text.splitlines())
    )


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "styrdata"


@cache
def _lemmas() -> dict[str, str]:
    """The entries of spaCy's Swedish lemma table (spacy-lookups-data), form → lemma, whose
    lemma could be a catalogue term word: all the concept matcher ever asks for. Parsing
    the whole table takes about a second, so the subset is cached on disk, keyed by the
    catalogue and the table's version, and loads in milliseconds after the first time."""
    from importlib.metadata import version

    text = resources.files("styrdata.normalize").joinpath("data/concepts.csv").read_text("utf-8")
    key = hashlib.sha256((text + version("spacy-lookups-data")).encode()).hexdigest()[:16]
    path = _cache_dir() / f"sv-lemma-forms-{key}.json"
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        pass
    data = resources.files("spacy_lookups_data") / "data" / "sv_lemma_lookup.json.gz"
    with gzip.open(str(data), "rt", encoding="utf-8") as f:
        table = json.load(f)
    wanted = re.compile(
        "|".join(p.pattern for _, terms in _compiled() for t in terms for p in t), re.I
    )
    subset = {k: v for k, v in table.items() if isinstance(v, str) and wanted.match(v)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(subset, ensure_ascii=False), "utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only home: keep it in memory only
    return subset


#: The units spaCy splits from a number written straight before them ("1m" → "1", "m"),
#: as they stand in lower-cased text (spaCy's ``char_classes._units``, Latin script).
_UNITS = (
    "km km² km³ m m² m³ dm dm² dm³ cm cm² cm³ mm mm² mm³ ha µm nm yd in ft kg g mg µg t lb oz "
    "kmh mph mbar mb kb gb tb"
).split()
#: A word: a letter or digit, then letters, digits and hyphens ("hme-index"; "vård-" in
#: "vård- och omsorg" keeps its hyphen, so it is no "vård"); a number and a unit written
#: straight after it are two.
_WORD = re.compile(
    r"\d+(?=(?:"
    + "|".join(map(re.escape, sorted(_UNITS, key=len, reverse=True)))
    + r")(?!\w))|[^\W_][\w-]*"
)


def _tokens(text: str) -> list[str]:
    """The words of a lower-cased text, split where spaCy's Swedish tokenizer splits them
    as far as a term can tell: at white space, punctuation and symbols ("kvinnor/män",
    "(HME)", "<i>Bilaga")."""
    return [w.rstrip("_") for w in _WORD.findall(text)]  # "verksamhet_": no underscore


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
    table = _lemmas() if lemmas else {}
    out = []
    for w in _tokens(clean):
        out.append((w, table.get(w, w)))
        if "-" in w:
            out.extend((p, p) for p in w.split("-") if p)
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


def _match(text: str) -> Concept | None:
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


_PRINTED_KPI = re.compile(r"(?<![\w-])([NU]\d{5})(?![\w-])")


def printed_kpi(text: str | None) -> str | None:
    """A Kolada KPI id printed beside an indicator: in a "KPI-id" column ("U21468 | Kostnad
    hemtjänst …") or after its name ("Sjukfrånvaro, % (N00090)"): N or U and five digits.
    None when the text prints none, or several."""
    ids = set(_PRINTED_KPI.findall(text or ""))
    return ids.pop() if len(ids) == 1 else None


def concept_for(text: str, kpi: str | None) -> Concept | None:
    """The catalogue concept an indicator's text names, unless the Kolada id printed beside
    it is another KPI than the concept's ("Väntetid till särskilt boende (U23401)" is no
    care guarantee's waiting time)."""
    c = match_concept(text)
    ids = {c.kolada_kpi, c.kolada_kpi_kommun} - {None} if c else set()
    if c and kpi and ids and kpi not in ids:
        return None
    return c


_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])\s+(?=[A-ZÅÄÖ])")


def match_concept(text: str) -> Concept | None:
    """The catalogue concept an indicator's text names, or None.

    The first sentence names the measure; later ones may mention others in passing ("… for
    totalt HME. Strävan är att delindexen motivation, styrning och ledarskap …" is the HME
    total index), so the first sentence is matched first and the whole text only when it
    names nothing."""
    if not text or not text.strip():
        return None
    m = _FIRST_SENTENCE.match(text.strip())
    return (_match(m.group(1)) if m else None) or _match(text)
