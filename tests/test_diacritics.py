"""Å/ä/ö lost to an earlier OCR, put back for display only where hunspell is certain."""

from __future__ import annotations

import os

import duckdb
import pytest

from styrdata.normalize.diacritics import Lexicon, _spellings, restore_diacritics

pytestmark = pytest.mark.skipif(
    not Lexicon().available and not os.environ.get("CI"),
    reason="hunspell with its Swedish dictionary not installed (apt-get install hunspell "
    "hunspell-sv); CI installs it and never skips",
)


def test_certain_words_are_restored_ambiguous_ones_kept():
    got = restore_diacritics(
        [
            "Effektmal 9. Region Orebro lan ar en attraktiv arbetsgivare med "
            "halsoframjande, jamstallda och jamlika arbetsplatser",
            "Lanets invanare har en god, jamlik och jamstalld halsa",
            "Hallbart medarbetarengagemang (HME)",
            None,
        ]
    )
    assert got[0] == (
        "Effektmål 9. Region Örebro lan ar en attraktiv arbetsgivare med hälsofrämjande, "
        "jämställda och jämlika arbetsplatser"
    )
    # "halsa" and "hälsa" are both words, "ar" and "är" too: left as printed
    assert got[1] == "Lanets invånare har en god, jämlik och jämställd halsa"
    assert got[2] == "Hållbart medarbetarengagemang (HME)"
    assert got[3] is None


def test_intact_text_is_not_looked_up():
    class Refuses(Lexicon):
        def known(self, words):
            raise AssertionError("asked the word list about intact text")

    intact = ["Länets invånare har en god, jämlik och jämställd hälsa", "Effektmal 9"]
    assert restore_diacritics(intact, Refuses()) == intact


def test_without_hunspell_texts_come_back_unchanged():
    lex = Lexicon(command="no-such-hunspell")
    assert restore_diacritics(["Effektmal 9"], lex) == ["Effektmal 9"]


def test_spellings_swap_only_the_letters_ocr_loses():
    assert set(_spellings("mal")) == {"mål", "mäl"}
    assert set(_spellings("jamfort")) >= {"jämfört", "jamfört", "jåmfort"}
    assert _spellings("HME") == [] and _spellings("xyz") == []


def test_warehouse_keeps_raw_and_display_text(corpus_db):
    con = duckdb.connect(str(corpus_db), read_only=True)
    row = con.execute(
        "SELECT g.title, g.title_display FROM goals g JOIN documents d USING (document_id) "
        "WHERE d.source_path LIKE '%seeds/001_456057fb73cc2169.txt' AND g.kind = 'effektmål' "
        "AND g.number = '9'"
    ).fetchone()
    assert row[0].startswith("Region Orebro lan ar en attraktiv arbetsgivare med halsofr")
    assert row[1].startswith("Region Örebro lan ar en attraktiv arbetsgivare med hälsofr")
    # born-digital text is displayed as printed
    same = con.execute(
        "SELECT count(*) FILTER (WHERE g.title = g.title_display), count(*) FROM goals g "
        "JOIN documents d USING (document_id) WHERE d.source_path LIKE '%plain/003_%.pdf'"
    ).fetchone()
    assert same[0] == same[1] > 0
