import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kstad_analysis.numbers import NumberError, parse_number


@pytest.mark.parametrize(("text", "expected"), [
    ("1 200 000", 1_200_000.0),
    ("1 200 000 kr", 1_200_000.0),
    ("1\u00a0200\u00a0000\u00a0kr", 1_200_000.0),
    ("1\u202f200", 1200.0),
    ("1,5", 1.5),
    ("12 %", 12.0),
    ("250000", 250000.0),
    ("1.234.567,50", 1234567.5),
    ("2,5 mkr", 2_500_000.0),
    ("350 tkr", 350_000.0),
    ("15 mnkr", 15_000_000.0),
    ("1,5 Mnkr", 1_500_000.0),
    ("-4", -4.0),
    ("\u22124", -4.0),
    ("0", 0.0),
    ("1.5", 1.5),
    ("1.500.000", 1_500_000.0),
    ("1.5000", 1.5),
    (" 42 ", 42.0),
    ("15 min", 15.0),
])
def test_swedish_number_formats(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("value", [None, "", "  ", "-"])
def test_empty_is_none_not_zero(value):
    assert parse_number(value) is None


def test_excel_numbers_pass_through():
    assert parse_number(1200000) == 1200000.0
    assert parse_number(1.5) == 1.5
    assert parse_number(float("nan")) is None


@pytest.mark.parametrize("value", [
    "1.500", "12.000 kr", "tolv", "1,2,3", "12abc", "=SUMMA(A1:A3)", True, "inf",
                                   float("inf"), "1e999", "<script>"])
def test_garbage_is_rejected(value):
    with pytest.raises(NumberError):
        parse_number(value)


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_with_spaces_roundtrip(n):
    text = f"{n:,}".replace(",", " ") + " kr"
    assert parse_number(text) == float(n)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: round(x, 2)))
def test_comma_decimal_roundtrip(x):
    text = f"{x:.2f}".replace(".", ",")
    assert math.isclose(parse_number(text), x, abs_tol=1e-9)
