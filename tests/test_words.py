"""Telling a text layer of Swedish words from garbage (styrdata.extract.ocr.words)."""

from __future__ import annotations

import pytest

from builders import _shifted
from conftest import CORPUS
from styrdata.extract.ocr.words import mostly_non_words, word_share


def _seed_text(stem: str, start: int = 2000, size: int = 4000) -> str:
    return (CORPUS / "seeds" / f"{stem}.txt").read_text("utf-8")[start : start + size]


@pytest.mark.parametrize(
    "stem", ["000_27f8406190a0567d", "002_d46f54dcbd8270a5", "003_ed4c0936e15400ec"]
)
def test_corpus_text_is_swedish_and_its_shifted_letters_are_not(stem):
    text = _seed_text(stem)
    assert word_share(text) > 0.6 and not mostly_non_words(text)
    garbled = _shifted(text)
    assert word_share(garbled) < 0.1 and mostly_non_words(garbled)


def test_text_that_only_lost_its_diacritics_is_still_words():
    # 002's text dump came from an OCR that dropped å, ä and ö ("invanare", "halsa")
    text = _seed_text("002_d46f54dcbd8270a5", 10000)
    assert "a" in text and not mostly_non_words(text)


def test_compounds_count_as_words_and_too_little_text_is_not_judged():
    assert word_share("verksamhetsplan personalomsättningen driftbudgeten") == 1.0
    assert not mostly_non_words("Xqzv Wkpr 2024")  # three words: nothing to judge by


def test_stop_words_are_spacys_without_importing_spacy():
    from spacy.lang.sv.stop_words import STOP_WORDS

    from styrdata.extract.ocr.words import _stop_words

    assert _stop_words() == frozenset(STOP_WORDS) and len(STOP_WORDS) > 300
