"""One NPV for a portfolio: hand calculations, numpy-financial, missing data, the ramp's ceiling.

Every expected number is worked out by hand in the comment above it, or taken
from an independent implementation (``numpy_financial.npv``) on flows written
out year by year here, not by the code under test.
"""

from __future__ import annotations

import json
import math

import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kstad_analysis import benefits, finance
from kstad_analysis.benefits import BenefitParams
from tests.plans import needs_frame

MILJO = "Miljöförvaltningen"
KLK = "Kommunledningskontoret"
HOURLY_KLK = 45_000 / 142 * 1.54  # benefits.toml: Kommunledningskontoret 45 000 kr/month


def make_needs(rows: list[dict]) -> pd.DataFrame:
    return needs_frame(
        rows, department=MILJO, title="Behov", description="Text", category=pd.NA,
        investment=0.0, running_cost=0.0, cases_per_year=0.0, minutes_saved=0.0,
        other_benefit=0.0, strategic=3, citizen=3, risk=2,
    )


@pytest.fixture
def hand() -> BenefitParams:
    """3 years in use, 10 %, full adoption at once, base year 2027."""
    return BenefitParams.load().replace(years=3, rate=0.10, ramp=(1.0,), base_year=2027,
                                        payback_discounted=False)


def two_needs() -> pd.DataFrame:
    return make_needs([
        {"id": "A", "investment": 100.0, "running_cost": 10.0, "other_benefit": 50.0,
         "start_year": 2027},
        {"id": "B", "investment": 60.0, "other_benefit": 30.0, "start_year": 2028},
    ])


# ---------------------------------------------------------------- flows and NPV by hand


def test_portfolio_flows_by_hand(hand):
    # A (2027): investment 100 in 2027; running 10 and övrig nytta 50 in 2028–2030.
    # B (2028): investment 60 in 2028; övrig nytta 30 in 2029–2031.
    flows = benefits.portfolio_flows(two_needs(), hand)
    assert tuple(flows.columns) == benefits.PORTFOLIO_FLOW_COLUMNS == (
        "year", "investment", "running_cost", "benefit_financial", "benefit_redistribution",
        "net")
    assert list(flows["year"]) == [2027, 2028, 2029, 2030, 2031]
    np.testing.assert_allclose(flows["investment"], [100, 60, 0, 0, 0])
    np.testing.assert_allclose(flows["running_cost"], [0, 10, 10, 10, 0])
    np.testing.assert_allclose(flows["benefit_financial"], [0, 50, 80, 80, 30])
    np.testing.assert_allclose(flows["benefit_redistribution"], [0, 0, 0, 0, 0])
    np.testing.assert_allclose(flows["net"], [-100, -20, 70, 70, 30])


def test_summary_npv_by_hand_and_numpy_financial(hand):
    # NPV at 10 % to 2027: -100 − 20/1.1 + 70/1.21 + 70/1.331 + 30/1.4641
    #   = -100 − 18.181818 + 57.851240 + 52.592036 + 20.490404 = 12.751862
    # cumulative net -100, -120, -50, 20, 50 → paid back from 2030.
    flows = benefits.portfolio_flows(two_needs(), hand)
    summary = benefits.portfolio_summary(flows, hand)
    assert summary["npv"] == pytest.approx(12.751862, abs=1e-6)
    assert summary["npv"] == pytest.approx(npf.npv(0.10, [-100, -20, 70, 70, 30]), rel=1e-12)
    assert summary["npv_financial"] == pytest.approx(summary["npv"], rel=1e-12)  # no time saved
    assert (summary["base_year"], summary["rate"]) == (2027, 0.10)
    assert (summary["first_year"], summary["last_year"]) == (2027, 2031)
    assert summary["payback_year"] == summary["payback_year_financial"] == 2030
    assert summary["total_investment"] == 160 and summary["total_running_cost"] == 30
    # investment and running cost apart: PV 100 + 60/1.1; running 10/1.1 + 10/1.21 + 10/1.331
    assert summary["pv_investment"] == pytest.approx(100 + 60 / 1.1)
    assert summary["pv_running_cost"] == pytest.approx(10 / 1.1 + 10 / 1.21 + 10 / 1.331)
    json.dumps(summary)  # JSON-safe for siffror.json


def test_summary_npv_is_exactly_the_discounted_flows():
    # Random portfolio with start years before, at and after the base year.
    rng = np.random.default_rng(7)
    params = BenefitParams.load()
    rows = [{"id": f"N{i}", "department": [MILJO, KLK][i % 2],
             "investment": float(rng.integers(0, 2_000_000)),
             "running_cost": float(rng.integers(0, 200_000)),
             "cases_per_year": float(rng.integers(0, 20_000)),
             "minutes_saved": float(rng.integers(0, 60)),
             "other_benefit": float(rng.integers(0, 300_000)),
             "start_year": int(rng.integers(2024, 2031))} for i in range(30)]
    flows = benefits.portfolio_flows(make_needs(rows), params)
    summary = benefits.portfolio_summary(flows, params)
    factor = (1 + params.rate) ** -(flows["year"].to_numpy() - params.base_year)
    assert summary["npv"] == pytest.approx(float((flows["net"] * factor).sum()), rel=1e-12)
    financial = flows["benefit_financial"] - flows["investment"] - flows["running_cost"]
    assert summary["npv_financial"] == pytest.approx(float((financial * factor).sum()), rel=1e-12)
    # numpy-financial counts from the first row: compound it from 2024 up to 2027
    first = int(flows["year"].iloc[0])
    assert first == 2024
    assert summary["npv"] == pytest.approx(
        npf.npv(params.rate, flows["net"]) * (1 + params.rate) ** (params.base_year - first),
        rel=1e-10)
    # the rows have no gaps
    assert list(flows["year"]) == list(range(first, int(flows["year"].iloc[-1]) + 1))


def test_portfolio_npv_is_the_sum_of_the_needs_npv_at_the_base_year():
    # Independent path: each need's own flows (finance.npv at its start year),
    # moved to the base year, summed; against the calendar grid of the portfolio.
    rng = np.random.default_rng(3)
    params = BenefitParams.load()
    rows = [{"id": f"N{i}", "investment": float(rng.integers(0, 900_000)),
             "running_cost": float(rng.integers(0, 90_000)),
             "cases_per_year": float(rng.integers(0, 9_000)),
             "minutes_saved": float(rng.integers(0, 30)),
             "other_benefit": float(rng.integers(0, 200_000)),
             "start_year": int(rng.integers(2027, 2032))} for i in range(25)]
    needs = make_needs(rows)
    econ = benefits.need_economics(needs, params)
    summary = benefits.portfolio_summary(benefits.portfolio_flows(needs, params), params)
    assert summary["npv"] == pytest.approx(econ["npv_base"].sum(), rel=1e-10)
    assert summary["npv_financial"] == pytest.approx(econ["npv_financial_base"].sum(), rel=1e-10)
    shift = (1 + params.rate) ** -(econ["start_year"].astype(float) - params.base_year)
    np.testing.assert_allclose(econ["npv_base"], econ["npv"] * shift, rtol=1e-12)


def test_base_year_row_present_when_needs_start_later(hand):
    # One need starting 2029 with base 2027: the rows start in 2027 (zeros), so the
    # NPV is numpy-financial's on the padded flows: -100/1.21 + 50/1.331 + …
    needs = make_needs([{"investment": 100.0, "other_benefit": 50.0, "start_year": 2029}])
    flows = benefits.portfolio_flows(needs, hand)
    assert list(flows["year"]) == [2027, 2028, 2029, 2030, 2031, 2032]
    summary = benefits.portfolio_summary(flows, hand)
    assert summary["npv"] == pytest.approx(npf.npv(0.10, [0, 0, -100, 50, 50, 50]), rel=1e-12)
    # payback counted from the first year with a flow: -100, -50, 0, 50 → 2031
    assert summary["payback_year"] == 2031


def test_zero_rate_npv_is_the_plain_sum():
    p = BenefitParams.load().replace(rate=0.0)
    needs = make_needs([
        {"investment": 300_000, "running_cost": 25_000, "other_benefit": 40_000,
         "cases_per_year": 2000, "minutes_saved": 5, "department": KLK, "start_year": 2027},
        {"investment": 50_000, "running_cost": 5_000, "other_benefit": 10_000,
         "start_year": 2029},
    ])
    flows = benefits.portfolio_flows(needs, p)
    summary = benefits.portfolio_summary(flows, p)
    # by hand: adoption over 5 years 0.3 + 0.6 + 0.8 + 0.8 + 0.8 = 3.3
    time_value = 2000 * 5 / 60 * HOURLY_KLK
    expected = (-300_000 - 5 * 25_000 + 3.3 * (40_000 + time_value)
                - 50_000 - 5 * 5_000 + 3.3 * 10_000)
    assert summary["npv"] == pytest.approx(expected)
    assert summary["npv"] == pytest.approx(flows["net"].sum())
    assert summary["npv_financial"] == pytest.approx(expected - 3.3 * time_value)


def test_never_pays_back(hand):
    needs = make_needs([{"investment": 5_000_000, "running_cost": 100_000,
                         "other_benefit": 150_000, "cases_per_year": 100, "minutes_saved": 5}])
    summary = benefits.portfolio_summary(benefits.portfolio_flows(needs, hand), hand)
    assert summary["npv"] < 0 and summary["npv_financial"] < 0
    assert summary["payback_year"] is None and summary["payback_year_financial"] is None


def test_time_benefit_pays_back_where_cash_does_not(hand):
    # investment 1 000, övrig nytta 100/yr, 600 h/yr saved at KLK (≈ 195 169 kr/yr):
    # financial cumulative -1000, -900, -800, -700 → never; incl. time: paid back 2028.
    needs = make_needs([{"investment": 1000.0, "other_benefit": 100.0, "cases_per_year": 600,
                         "minutes_saved": 60, "department": KLK}])
    summary = benefits.portfolio_summary(benefits.portfolio_flows(needs, hand), hand)
    assert summary["payback_year"] == 2028
    assert summary["payback_year_financial"] is None
    assert summary["pv_benefit_redistribution"] == pytest.approx(
        600 * HOURLY_KLK * (1 / 1.1 + 1 / 1.21 + 1 / 1.331))


def test_discounted_payback_option(hand):
    # 100 in 2027, 40/yr for 4 years at 10 %: undiscounted back in 2030 (-100, -60, -20, 20),
    # discounted 40 × (1/1.1 + 1/1.21 + 1/1.331) = 99.47 < 100 → only in 2031.
    needs = make_needs([{"investment": 100.0, "other_benefit": 40.0}])
    p = hand.replace(years=4)
    flows = benefits.portfolio_flows(needs, p)
    assert benefits.portfolio_summary(flows, p)["payback_year"] == 2030
    summary = benefits.portfolio_summary(flows, p.replace(payback_discounted=True))
    assert summary["payback_year"] == 2031 and summary["payback_discounted"] is True


def test_same_as_municipality_summary_for_complete_needs(hand):
    needs = two_needs()
    flows = benefits.portfolio_flows(needs, hand)
    old = benefits.municipality_summary(benefits.yearly_flows(needs, hand), hand)
    np.testing.assert_allclose(flows["net"], old["net"])
    np.testing.assert_allclose(flows["investment"] + flows["running_cost"], old["it_cost"])
    summary = benefits.portfolio_summary(flows, hand)
    assert summary["payback_year"] == old.attrs["payback_year"]
    assert summary["npv"] == pytest.approx(old["net_discounted"].sum(), rel=1e-12)


def test_empty_portfolio(hand):
    flows = benefits.portfolio_flows(make_needs([{}]).iloc[0:0], hand)
    assert flows.empty and tuple(flows.columns) == benefits.PORTFOLIO_FLOW_COLUMNS
    summary = benefits.portfolio_summary(flows, hand)
    assert summary["npv"] == 0.0 and summary["payback_year"] is None
    assert summary["needs"] == 0 and summary["first_year"] is None


# ---------------------------------------------------------------- missing case data


def test_need_without_case_data_keeps_its_financial_figures(hand, monkeypatch):
    # övrig nytta 50/yr, running 10, investment 100, no ärenden: as test_hand_checked_need
    # in test_benefits, net -100, 40, 40, 40 → NPV -525.92… per 100 000; here /1000:
    # -100 + 40 × 2.486852 = -0.525920; payback 2030.
    monkeypatch.setenv("KSTAD_LANG", "sv")
    needs = make_needs([{"investment": 100.0, "running_cost": 10.0, "other_benefit": 50.0,
                         "cases_per_year": np.nan}])
    econ = benefits.need_economics(needs, hand).iloc[0]
    assert econ["npv_financial"] == pytest.approx(-0.525920360631, abs=1e-9)
    assert econ["payback_year_financial"] == 2030
    assert bool(econ["financial_complete"]) and not bool(econ["complete"])
    assert econ["benefit_redistribution_note"] == "ej angiven"
    assert econ["benefit_financial_note"] == ""
    for key in ("npv", "npv_low", "npv_high", "npv_base", "bcr", "nnki"):
        assert math.isnan(econ[key]), key
    assert econ["payback_year"] is pd.NA
    assert econ["pv_cost"] == pytest.approx(100 + 10 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331))
    assert econ["pv_benefit_financial"] == pytest.approx(50 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331))
    assert math.isnan(econ["pv_benefit_redistribution"])
    assert econ["missing_reason"] == "Saknar: Ärenden per år"


def test_summary_counts_what_each_figure_leaves_out(hand, monkeypatch):
    monkeypatch.setenv("KSTAD_LANG", "sv")
    base = two_needs()
    extra = make_needs([
        # no ärenden: in the flows with its cost and övrig nytta, 0 kr omfördelning
        {"id": "C", "investment": 10.0, "other_benefit": 5.0, "cases_per_year": np.nan},
        # no investment: left out of every figure, however large its benefit
        {"id": "D", "investment": np.nan, "other_benefit": 1e9, "cases_per_year": 1e6,
         "minutes_saved": 60},
        # no övrig nytta: cost in, 0 kr finansiell nytta
        {"id": "E", "investment": 20.0, "other_benefit": np.nan},
    ])
    needs = pd.concat([base, extra], ignore_index=True)
    flows = benefits.portfolio_flows(needs, hand)
    summary = benefits.portfolio_summary(flows, hand)
    assert summary["needs"] == 5 and summary["needs_in_flows"] == 4
    assert summary["left_out"] == dict.fromkeys(benefits.SUMMARY_FIGURES, 1)
    assert summary["left_out_ids"] == ["D"]
    assert summary["counted_without"] == {"npv": 2, "npv_financial": 1, "payback_year": 2,
                                          "payback_year_financial": 1}
    assert summary["not_stated_ids"] == {"benefit_financial": ["E"],
                                         "benefit_redistribution": ["C"]}
    # by hand: A and B as before; C: -10 in 2027, +5 in 2028–2030; E: -20 in 2027
    np.testing.assert_allclose(flows["net"], [-130, -15, 75, 75, 30])
    np.testing.assert_allclose(flows["investment"], [130, 60, 0, 0, 0])
    assert summary["npv"] == pytest.approx(npf.npv(0.10, [-130, -15, 75, 75, 30]), rel=1e-12)
    # D's billion is not claimed anywhere
    assert summary["total_benefit_financial"] == pytest.approx(50 * 3 + 30 * 3 + 5 * 3)
    notes = benefits.summary_notes(summary)
    assert any("1 behov saknar investering eller drift" in n and "D" in n for n in notes)
    assert any("omfördelningsnytta ej angiven" in n and "C" in n for n in notes)
    assert any("finansiell nytta (övrig nytta) ej angiven" in n and "E" in n for n in notes)
    assert "diskonterade till 2027 med 10,0 % real ränta" in notes[0]


def test_payback_never_claimed_from_needs_it_could_not_compute(hand):
    # P: investment 100, övrig nytta 10/yr, no ärenden: cash alone gives 30 over 3 years.
    # Q: unknown running cost but a huge benefit. Neither may make the portfolio
    # look paid back: Q is left out, P's unstated time benefit counts 0 kr.
    needs = make_needs([
        {"id": "P", "investment": 100.0, "other_benefit": 10.0, "cases_per_year": np.nan},
        {"id": "Q", "investment": 1.0, "running_cost": np.nan, "other_benefit": 1e6},
    ])
    summary = benefits.portfolio_summary(benefits.portfolio_flows(needs, hand), hand)
    assert summary["payback_year"] is None and summary["payback_year_financial"] is None
    assert summary["npv"] == pytest.approx(-100 + 10 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331))
    assert summary["left_out_ids"] == ["Q"]


# ---------------------------------------------------------------- fully built and the ramp


def test_fully_built_respects_the_ramp_ceiling():
    # ramp 0.3, 0.6, 0.8 over 5 years: fully built = 0.8 of the plan's yearly figure,
    # the last (and highest) year of the flows; 100 % would claim 25 % more.
    p = BenefitParams.load().replace(years=5, ramp=(0.3, 0.6, 0.8))
    needs = make_needs([{"investment": 1.0, "other_benefit": 10_000.0, "cases_per_year": 6000,
                         "minutes_saved": 10, "department": KLK}])
    econ = benefits.need_economics(needs, p).iloc[0]
    time_value = 1000 * HOURLY_KLK  # 6 000 × 10 min = 1 000 h
    assert econ["benefit_redistribution"] == pytest.approx(time_value)  # the plan's 100 %
    assert econ["benefit_redistribution_full"] == pytest.approx(0.8 * time_value)
    assert econ["benefit_financial_full"] == pytest.approx(8_000.0)
    flows = benefits.portfolio_flows(needs, p)
    summary = benefits.portfolio_summary(flows, p)
    assert summary["benefit_financial_full_per_year"] == pytest.approx(
        flows["benefit_financial"].max())
    assert summary["benefit_redistribution_full_per_year"] == pytest.approx(
        flows["benefit_redistribution"].max())
    unramped = p.replace(ramp_financial=False)
    assert benefits.need_economics(needs, unramped).loc[0, "benefit_financial_full"] == 10_000
    assert benefits.portfolio_summary(
        benefits.portfolio_flows(needs, unramped), unramped
    )["benefit_financial_full_per_year"] == pytest.approx(10_000)


@settings(max_examples=40, deadline=None)
@given(ramp=st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=6),
       years=st.integers(min_value=1, max_value=12))
def test_no_year_of_a_need_exceeds_its_ramp_after_it_is_done(ramp, years):
    # Once the ramp is done (t > len(ramp)), every year equals the fully built figure.
    p = BenefitParams.load().replace(ramp=tuple(ramp), years=years, rate=0.0)
    needs = make_needs([{"other_benefit": 1000.0, "cases_per_year": 600, "minutes_saved": 60,
                         "department": KLK}])
    econ = benefits.need_economics(needs, p).iloc[0]
    flows = benefits.yearly_flows(needs, p)
    done = flows[flows["t"] >= len(ramp)]
    np.testing.assert_allclose(done["benefit_financial"], econ["benefit_financial_full"])
    np.testing.assert_allclose(done["benefit_redistribution"], econ["benefit_redistribution_full"])
    assert econ["benefit_redistribution_full"] <= max(ramp) * 600 * HOURLY_KLK * (1 + 1e-12)


# ---------------------------------------------------------------- property and kernel


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1e6), st.floats(0, 1e5), st.floats(0, 3e5),
                          st.integers(2027, 2031)), min_size=1, max_size=8),
       st.floats(min_value=-0.05, max_value=0.2))
def test_npv_matches_numpy_financial_on_hand_written_flows(rows, rate):
    p = BenefitParams.load().replace(rate=rate)
    needs = make_needs([{"investment": i, "running_cost": r, "other_benefit": b,
                         "start_year": s} for i, r, b, s in rows])
    # independent flows: one list per calendar year from the base year, built here
    last = max(s for *_, s in rows) + p.years
    net = [0.0] * (last - p.base_year + 1)
    for i, r, b, s in rows:
        net[s - p.base_year] -= i
        for k in range(1, p.years + 1):
            net[s - p.base_year + k] += p.ramp[min(k - 1, len(p.ramp) - 1)] * b - r
    summary = benefits.portfolio_summary(benefits.portfolio_flows(needs, p), p)
    assert summary["npv"] == pytest.approx(npf.npv(rate, net), rel=1e-9, abs=1e-6)


def test_discount_factors_to():
    np.testing.assert_allclose(finance.discount_factors_to(0.10, [2025, 2027, 2029], 2027),
                               [1.21, 1.0, 1 / 1.21])
    with pytest.raises(ValueError):
        finance.discount_factors_to(-1.0, [2027], 2027)


def test_summary_without_coverage_does_not_claim_nothing_was_left_out(hand):
    flows = benefits.portfolio_flows(two_needs(), hand)
    bare = pd.DataFrame(flows.to_dict("list"))  # no attrs: e.g. read back from a file
    summary = benefits.portfolio_summary(bare, hand)
    assert summary["npv"] == pytest.approx(benefits.portfolio_summary(flows, hand)["npv"])
    assert summary["left_out"] == dict.fromkeys(benefits.SUMMARY_FIGURES)
    assert summary["needs"] is None and summary["needs_in_flows"] is None
