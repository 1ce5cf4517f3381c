"""Swedish numbers, table header years and measures: examples and properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrdata.extract.domain.budget import _columns, classify_table
from styrdata.normalize.numbers import parse_number, split_numbers

THOUSANDS = [" ", "\u00a0", "\u2009", "\u202f"]
MINUS = ["-", "\u2212", "\u2013"]


def swedish(value: Decimal, sep: str = " ", minus: str = "-", decimals: int = 1) -> str:
    """Print a value the way Swedish reports do: '-1 969,4'."""
    q = abs(value).quantize(Decimal(1).scaleb(-decimals)) if decimals else abs(value)
    whole, _, frac = f"{q:f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sep.join(groups) + ("," + frac if frac else "")
    return (minus if value < 0 else "") + text


@pytest.mark.parametrize(
    "raw, value, unit",
    [
        ("-1 969,4", -1969.4, None),
        ("2 950", 2950, None),
        ("11,0 %", 11.0, "%"),
        ("11,0%", 11.0, "%"),
        ("\u22121\u00a0135", -1135, None),
        ("(12,5)", -12.5, None),
        ("38213st", 38213, "st"),
        ("203,8 mnkr", 203.8, "mnkr"),
        ("0", 0.0, None),
        ("-0,5", -0.5, None),
        ("1.234", 1234, None),
    ],
)
def test_parse_number_examples(raw, value, unit):
    n = parse_number(raw)
    assert n is not None and n.value == pytest.approx(value) and n.unit == unit


@pytest.mark.parametrize("raw", ["", "-", "–", " ", "..", "x", "S", "Ja", "1o", "12-14", None])
def test_blank_dash_and_text_are_none_never_zero(raw):
    assert parse_number(raw) is None


def test_ocr_decimal_point_is_read_and_flagged():
    n = parse_number("356.2")
    assert n.value == pytest.approx(356.2) and n.suspect == "decimal point instead of comma"


@given(
    st.decimals(min_value=-(10**7), max_value=10**7, places=1, allow_nan=False),
    st.sampled_from(THOUSANDS),
    st.sampled_from(MINUS),
)
def test_parse_inverts_swedish_printing(value, sep, minus):
    printed = swedish(value, sep, minus)
    n = parse_number(printed)
    assert n is not None
    assert n.value == pytest.approx(float(value.quantize(Decimal("0.1"))), abs=1e-9)


@given(st.decimals(min_value=0, max_value=10**6, places=1), st.sampled_from(THOUSANDS))
def test_parentheses_negate(value, sep):
    assert parse_number(f"({swedish(value, sep)})").value == pytest.approx(-float(value))


@given(st.decimals(min_value=-1000, max_value=1000, places=1), st.sampled_from(["%", " %"]))
def test_percent(value, suffix):
    n = parse_number(swedish(value) + suffix)
    assert n.is_percent and n.value == pytest.approx(float(value))


@given(st.lists(st.decimals(min_value=-(10**6), max_value=10**6, places=1), min_size=1, max_size=6))
def test_split_recovers_values_printed_with_decimals(values):
    """Values all printed with a decimal comma split back unambiguously, however grouped."""
    printed = [swedish(v) for v in values]
    tokens = " ".join(printed).split()
    assert split_numbers(tokens, len(values)) == printed


@given(st.lists(st.integers(min_value=-(10**6), max_value=10**6), min_size=1, max_size=6))
def test_split_on_column_rules(values):
    """OCR'd column rules ('|') separate integer values that would otherwise be ambiguous."""
    printed = [swedish(Decimal(v), decimals=0) for v in values]
    tokens = " | ".join(printed).split()
    assert split_numbers(tokens, len(values)) == printed


def test_split_prefers_alike_values_and_says_when_ambiguous():
    assert split_numbers("4 380 3840 3840".split(), 4, 3) == ["4 380", "3840", "3840"]
    assert split_numbers("370 0 386,6 0".split(), 2, 4) == ["370", "0", "386,6", "0"]
    assert split_numbers("813 813 813 0".split(), 4, 3) == ["813", "813", "813", "0"]
    assert split_numbers("29 309 32 327 45 397".split(), 4, 3) == ["29 309", "32 327", "45 397"]
    assert split_numbers("100 100 100".split(), 2) is None  # 100 100 | 100 or 100 | 100 100
    assert split_numbers("1 2".split(), 3) is None


MEASURE_WORDS = {"Budget": "budget", "Prognos": "prognos", "Utfall": "utfall", "Bokslut": "utfall"}


@given(
    st.sampled_from(sorted(MEASURE_WORDS)),
    st.integers(min_value=1990, max_value=2039),
    st.sampled_from([str.upper, str.lower, str.title, lambda s: s]),
    st.sampled_from(["", " ", "  "]),
)
def test_header_measure_and_year(word, year, case, space):
    (col,) = _columns([f"{case(word)}{space or ' '}{year}"], 2024, "verksamhetsplan")
    assert (col.measure, col.year) == (MEASURE_WORDS[word], year)


@given(st.integers(min_value=2000, max_value=2039), st.integers(min_value=2000, max_value=2039))
def test_bare_years_are_budget_then_plan_in_a_plan(period, year):
    (col,) = _columns([str(year)], period, "verksamhetsplan")
    assert col.year == year
    assert col.measure == ("budget" if year <= period else "plan")


def test_deviation_and_change_headers():
    cols = _columns(
        ["Utfall 2024", "Budget 2024", "Budget- avvikelse", "Förändring utfall 2024-2023"],
        2024,
        "verksamhetsberättelse",
    )
    assert [(c.measure, c.year) for c in cols] == [
        ("utfall", 2024),
        ("budget", 2024),
        ("avvikelse", 2024),
        ("förändring", 2024),
    ]


@pytest.mark.parametrize(
    "title, header, kind",
    [
        ("4.3 Driftbudget regionstyrelsen", ["Belopp i mnkr", "Budget 2022"], "driftbudget"),
        ("6.5 Investeringsbudget", ["Belopp i mnkr", "Budget 2024"], "investeringsbudget"),
        ("Investeringsbudget", ["Investering (belopp i mnkr)", "2024"], "investeringsbudget"),
        ("4.1 Resultatrapport regionstyrelsen", ["Belopp i mnkr"], "resultatbudget"),
        ("6.3 Resultatbudget servicendmnd", ["Belopp i mnkr"], "resultatbudget"),
        ("Medarbetare", ["Indikatorer", "Beskrivning"], "indikatorer"),
        (None, ["Verksamhet", "Risk", "Åtgärd"], "risker"),
        ("Sjukfrånvaro per 31 dec 2024", ["", "Kvinnor", "Män", "Totalt"], "personal"),
        ("Innehållsförteckning", ["1 Inledning", "3"], "övrigt"),
    ],
)
def test_classify_table(title, header, kind):
    assert classify_table(title, header) == kind
