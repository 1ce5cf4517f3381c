"""The concept matcher reads spaCy's data without importing spaCy: it must match exactly as
spaCy's own Swedish tokenizer and lookup lemmatizer would. The reference here is spaCy
itself (``spacy.blank("sv")`` + the lemmatizer in lookup mode over the same lemma table),
run on every line of the corpus text dumps shipped in ``data/raw`` and on phrases built to
probe the tokenizer's edges."""

from __future__ import annotations

import re
from functools import cache

import pytest

from conftest import ROOT
from styrdata.normalize import concepts

PROBES = [
    "Sjukfrånvaro/frisknärvaro, %",
    "Andel medarbetare (HME-index) t.ex. inom vård- och omsorg",
    "Personalomsättningen har ökat.",
    "Sjukfrånvaron (%), kvinnor/män",
    "NKI – nöjd kund-index: >75",
    "Nettokostnad per invånare, kr/inv.",
    "Medarbetarengagemanget (HME) 2024",
    "Soliditet inkl. pensionsåtaganden",
    "Antal årsarbetare: 1 204,5",
    "Väntetid i dagar till särskilt boende (U23401)",
    "«Kostnad per brukare» i hemtjänsten",
    "ledarskap/styrning/motivation – delindex",
]


@cache
def _spacy():
    spacy = pytest.importorskip("spacy")
    from spacy.lookups import Lookups

    nlp = spacy.blank("sv")
    lookups = Lookups()
    table = lookups.add_table("lemma_lookup")
    for form, lemma in concepts._lemmas().items():
        table[form] = lemma
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize(lookups=lookups)
    return nlp


def _spacy_words(text: str, lemmas: bool) -> list[tuple[str, str]]:
    """The matcher's words as spaCy makes them (the matcher before it stopped importing
    spaCy)."""
    doc = _spacy()(re.sub(r"[\s\u00ad]+", " ", text.lower()))
    out = []
    for t in doc:
        if t.is_punct or t.is_space:
            continue
        out.append((t.text, (t.lemma_ or t.text) if lemmas else t.text))
        if "-" in t.text:
            out.extend((p, p) for p in t.text.split("-") if p)
    return out


def _texts() -> list[str]:
    lines = [
        line.strip()
        for f in sorted((ROOT / "data" / "raw" / "seeds").glob("*.txt"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return PROBES + lines


def _match_with(words, text: str):
    old = concepts._words
    concepts._words = words
    try:
        return concepts.match_concept(text)
    finally:
        concepts._words = old


def test_the_matcher_matches_as_spacy_would():
    texts = _texts()
    assert len(texts) > 500
    differ = [
        (t, ours.concept if ours else None, ref.concept if ref else None)
        for t in texts
        for ours, ref in [(concepts.match_concept(t), _match_with(_spacy_words, t))]
        if (ours and ours.concept) != (ref and ref.concept)
    ]
    assert not differ, differ[:5]
    assert sum(1 for t in texts if concepts.match_concept(t)) > 20  # it does match things


def test_every_word_spacy_finds_the_matcher_finds_with_the_same_lemma():
    """spaCy also keeps symbols, markup and abbreviations with their full stop as words
    (">", "</i>", "inkl."), which no term names, where the matcher splits them: every word
    of letters spaCy finds, the matcher finds too, in the same order and with the same
    lemma."""
    for text in _texts():
        ours = concepts._words(text, lemmas=True)
        ref = [
            (w, lemma)
            for w, lemma in _spacy_words(text, lemmas=True)
            if re.fullmatch(r"[^\W\d_][\w-]*", w)
        ]
        rest = iter(ours)
        assert all(pair in rest for pair in ref), (text, ref, ours)  # ref a subsequence
