from hypothesis import given
from hypothesis import strategies as st

from styrdata.normalize.regions import count_region_mentions, find_region
from styrdata.normalize.text import clean, fold, join_lines, recombine_diacritics


def test_recombines_decomposed_and_spacing_diacritics():
    assert recombine_diacritics("a\u0308ndamålsenlig") == "ändamålsenlig"
    assert recombine_diacritics("verksamhetsber\u00a8attelse") == "verksamhetsberättelse"
    assert recombine_diacritics("a\u030a") == "å"


def test_join_lines_mends_hyphenation_but_keeps_compound_ellipsis_and_acronyms():
    assert join_lines(["för-", "utsättningar"]) == "förutsättningar"
    assert join_lines(["hälso-", "och sjukvård"]) == "hälso- och sjukvård"
    assert join_lines(["NIS-", "direktivet"]) == "NIS-direktivet"
    assert join_lines(["Budget 2024", "Prognos"]) == "Budget 2024 Prognos"


@given(st.lists(st.text(alphabet="abcåäö ", min_size=1, max_size=12), min_size=1, max_size=6))
def test_join_lines_never_loses_letters(lines):
    joined = join_lines(lines)
    assert sorted(joined.replace(" ", "")) == sorted("".join(lines).replace(" ", ""))


@given(st.text())
def test_clean_is_idempotent(s):
    assert clean(clean(s)) == clean(s)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖ "))
def test_fold_has_no_swedish_diacritics(s):
    assert not set(fold(s)) & set("åäöÅÄÖ")


def test_regions_by_code_name_and_damaged_text():
    assert find_region("18").name == "Region Örebro län"
    assert find_region("0013").name == "Region Halland"
    assert find_region("Västernorrland").code == "22"
    assert count_region_mentions("Region Orebro lans verksamhetsplan, Region Örebro län") == {
        "18": 2
    }
