"""The appraisal kernels against numpy-financial, published and hand examples."""

from __future__ import annotations

import math

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kstad_analysis import finance


def test_npv_matches_numpy_financial_documented_example():
    # numpy-financial's documentation: npv(0.08, [-40000, 5000, 8000, 12000, 30000])
    # = 3065.22266817 (the first value is at t = 0, not discounted).
    flows = [-40_000, 5_000, 8_000, 12_000, 30_000]
    assert finance.npv(0.08, flows) == pytest.approx(3065.22266817, abs=1e-6)
    assert finance.npv(0.08, flows) == pytest.approx(npf.npv(0.08, flows), rel=1e-12)


def test_npv_by_hand():
    # -100 000 now, then 40 000 a year for three years at 10 %:
    # 40 000/1.1 = 36 363.636; 40 000/1.21 = 33 057.851; 40 000/1.331 = 30 052.592
    # sum 99 474.079 → NPV = -525.920...
    assert finance.npv(0.10, [-100_000, 40_000, 40_000, 40_000]) == pytest.approx(
        -525.920360631, abs=1e-6
    )


flows_strategy = st.lists(
    st.floats(min_value=-1e7, max_value=1e7, allow_nan=False), min_size=1, max_size=12
)


@settings(max_examples=200, deadline=None)
@given(rate=st.floats(min_value=-0.5, max_value=0.5), flows=flows_strategy)
def test_npv_agrees_with_numpy_financial(rate, flows):
    assert finance.npv(rate, flows) == pytest.approx(npf.npv(rate, flows), rel=1e-9, abs=1e-6)


def test_npv_vectorised_rows_equal_row_by_row():
    rng = np.random.default_rng(7)
    flows = rng.normal(0, 1e5, size=(50, 6))
    many = finance.npv(0.03, flows)
    assert many.shape == (50,)
    for row, value in zip(flows, many, strict=True):
        assert value == pytest.approx(npf.npv(0.03, row), rel=1e-12)


def test_zero_rate_is_plain_sum():
    flows = np.array([[-500.0, 100.0, 200.0, 300.0], [0.0, -5.0, 5.0, 1.0]])
    np.testing.assert_allclose(finance.npv(0.0, flows), flows.sum(axis=1))
    np.testing.assert_allclose(finance.discount_factors(0.0, 4), np.ones(4))


def test_discount_factors():
    np.testing.assert_allclose(finance.discount_factors(0.03, 3), [1.0, 1 / 1.03, 1 / 1.03**2])


@pytest.mark.parametrize("rate", [-1.0, -2.0, float("nan"), float("inf")])
def test_bad_rate_raises(rate):
    with pytest.raises(ValueError):
        finance.discount_factors(rate, 3)


def test_nan_flow_gives_nan_not_smaller_value():
    assert math.isnan(finance.npv(0.03, [-100.0, float("nan"), 50.0]))


def test_payback_year_by_hand():
    # cumulative: -100 000, -60 000, -20 000, +20 000 → paid back in year index 3.
    flows = [-100_000, 40_000, 40_000, 40_000]
    assert finance.payback_index(flows) == 3
    assert finance.payback_year(flows, start_year=2027) == 2030


def test_payback_never():
    flows = [-100_000, 10_000, 10_000, 10_000]
    assert math.isnan(finance.payback_year(flows, 2027))


def test_payback_requires_staying_positive():
    # 0 at t=0 but the cumulative dips below zero afterwards: payback at t=3.
    flows = [0.0, -10.0, 5.0, 6.0]
    assert finance.payback_index(flows) == 3


def test_payback_discounted_later_than_simple():
    flows = [-100_000, 40_000, 40_000, 40_000, 40_000]
    assert finance.payback_index(flows) == 3
    # discounted at 10 % the three first inflows are worth 99 474 < 100 000.
    assert finance.payback_index(flows, rate=0.10) == 4


def test_payback_vectorised():
    flows = np.array([[-10.0, 5.0, 5.0], [-10.0, 1.0, 1.0], [1.0, 1.0, 1.0]])
    got = finance.payback_year(flows, np.array([2027, 2028, 2029]))
    np.testing.assert_array_equal(got, [2029.0, np.nan, 2029.0])


def test_benefit_cost_ratio_by_hand():
    # annuity factor (1 - 1.1**-3) / 0.1 = 2.486851991
    # benefits 50 000/yr for 3 yrs at 10 %: 50 000 × 2.486851991 = 124 342.59955
    # costs 100 000 now + 10 000/yr: 100 000 + 24 868.51991 = 124 868.51991 → 0.995788
    benefits = [0, 50_000, 50_000, 50_000]
    costs = [100_000, 10_000, 10_000, 10_000]
    assert finance.benefit_cost_ratio(0.10, benefits, costs) == pytest.approx(
        124_342.59955 / 124_868.51991, rel=1e-9
    )


def test_benefit_cost_ratio_without_cost_is_nan():
    assert math.isnan(finance.benefit_cost_ratio(0.03, [0, 10, 10], [0, 0, 0]))
