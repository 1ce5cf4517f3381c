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
import hashlib
import json
import os
import re
import threading
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


@cache
def _tokenizer():
    import spacy

    return spacy.blank("sv")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "styrdata"


@cache
def _lemma_subset() -> dict[int, str]:
    """The entries of spaCy's Swedish lemma table (spacy-lookups-data) whose lemma could be
    a catalogue term word: all the concept matcher ever asks for. Loading the whole table
    takes about 4 s, so the subset is cached on disk, keyed by the catalogue and the table's
    version, and loads in milliseconds after the first time."""
    from importlib.metadata import version

    text = resources.files("styrdata.normalize").joinpath("data/concepts.csv").read_text("utf-8")
    key = hashlib.sha256((text + version("spacy-lookups-data")).encode()).hexdigest()[:16]
    path = _cache_dir() / f"sv-lemmas-{key}.json"
    try:
        return {int(k): v for k, v in json.loads(path.read_text("utf-8")).items()}
    except (OSError, ValueError):
        pass
    from spacy.lookups import load_lookups

    table = load_lookups("sv", ["lemma_lookup"]).get_table("lemma_lookup")
    wanted = re.compile(
        "|".join(p.pattern for _, terms in _compiled() for t in terms for p in t), re.I
    )
    subset = {int(k): v for k, v in table.items() if isinstance(v, str) and wanted.match(v)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(subset), "utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only home: keep it in memory only
    return subset


@cache
def _lemmatizer():
    """spaCy's Swedish lookup lemmatizer over the catalogue's subset of the lemma table."""
    import spacy
    from spacy.lookups import Lookups

    nlp = spacy.blank("sv")
    lookups = Lookups()
    table = lookups.add_table("lemma_lookup")
    for k, v in _lemma_subset().items():
        table[k] = v
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize(lookups=lookups)
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


#: Held while spaCy's pipelines are built, so two threads matching at once build them once.
_BUILDING = threading.Lock()


def _words(text: str, lemmas: bool) -> list[tuple[str, str]]:
    """(word, lemma) pairs, lower case, punctuation dropped; hyphenated words split too."""
    clean = re.sub(r"[\s\u00ad]+", " ", text.lower())
    with _BUILDING:
        nlp = _lemmatizer() if lemmas else _tokenizer()
    doc = nlp(clean)
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
