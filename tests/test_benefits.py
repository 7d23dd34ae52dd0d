"""Benefit calculation: hand-checked, independent (numpy-financial) and edge cases."""

from __future__ import annotations

import math

import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kstad_analysis import benefits, config, valuation
from kstad_analysis.benefits import BenefitParamError, BenefitParams
from tests.plans import needs_frame

MILJO = "Miljöförvaltningen"
KLK = "Kommunledningskontoret"


def make_needs(rows: list[dict]) -> pd.DataFrame:
    """A needs frame in the intake format: no benefit or cost unless a row gives one."""
    return needs_frame(
        rows, department=MILJO, title="Behov", description="Text", category=pd.NA,
        investment=0.0, running_cost=0.0, cases_per_year=0.0, minutes_saved=0.0,
        other_benefit=0.0, strategic=3, citizen=3, risk=2,
    )


@pytest.fixture
def params() -> BenefitParams:
    return BenefitParams.load()


# ---------------------------------------------------------------- parameters


def test_params_load_reads_config():
    cfg = config.load("benefits")
    p = BenefitParams.load()
    assert p.years == cfg["kalkyl"]["ar"]
    assert p.rate == cfg["kalkyl"]["diskonteringsranta"]
    assert p.base_year == cfg["kalkyl"]["basar"]
    assert p.ramp == tuple(cfg["nyttjandegrad"]["ramp"])
    assert (p.low_factor, p.high_factor) == (cfg["osakerhet"]["lag"], cfg["osakerhet"]["hog"])


def test_params_replace_overrides_and_keeps_rest(params):
    changed = params.replace(years=10, rate=0.05)
    assert (changed.years, changed.rate) == (10, 0.05)
    assert changed.ramp == params.ramp
    assert params == BenefitParams.load()  # the original is unchanged


def test_params_hashable_for_caching(params):
    assert hash(params) == hash(BenefitParams.load())
    assert len({params, params.replace(rate=0.04), BenefitParams.load()}) == 2


@pytest.mark.parametrize(("changes", "word"), [
    ({"rate": -1.0}, "Diskonteringsräntan"),
    ({"rate": -3.0}, "Diskonteringsräntan"),
    ({"rate": float("nan")}, "Diskonteringsräntan"),
    ({"years": 0}, "Kalkylperioden"),
    ({"years": 31}, "Kalkylperioden"),
    ({"years": 2.5}, "Kalkylperioden"),
    ({"ramp": ()}, "Nyttjandegraden"),
    ({"ramp": (0.5, 1.2)}, "Nyttjandegraden"),
    ({"low_factor": 1.1}, "Osäkerhetsfaktorerna"),
])
def test_params_validation_in_swedish(params, changes, word, monkeypatch):
    monkeypatch.setenv("KSTAD_LANG", "sv")
    with pytest.raises(BenefitParamError, match=word):
        params.replace(**changes)


# ---------------------------------------------------------------- timkostnad


def test_timkostnad_formula():
    # Inera: 38 000 / 142 × 1,54 = 412.1127 kr/h
    assert valuation.hourly_cost(38_000) == pytest.approx(412.1127, abs=1e-4)


def test_time_benefit_uses_department_salary(params):
    # Miljöförvaltningen 41 000 kr/month → 41 000/142×1.54 = 444.648 kr/h;
    # 1 200 cases × 10 min = 200 h → 88 929.58 kr/year at full adoption.
    needs = make_needs([{"department": MILJO, "cases_per_year": 1200, "minutes_saved": 10}])
    econ = benefits.need_economics(needs, params.replace(salary_by_department={MILJO: 41_000}))
    assert econ.loc[0, "benefit_redistribution"] == pytest.approx(200 * 41_000 / 142 * 1.54)
    default = benefits.need_economics(needs, params.replace(salary_by_department={}))
    assert default.loc[0, "benefit_redistribution"] == pytest.approx(200 * 412.1126760563)


def test_time_benefit_same_as_valuation_module(params):
    needs = make_needs([
        {"department": d, "cases_per_year": c, "minutes_saved": m}
        for d, c, m in [(MILJO, 500, 4), (KLK, 3000, 12.5), ("Okänd förvaltning", 10, 60)]
    ])
    econ = benefits.need_economics(needs, params)
    expected = valuation.annual_time_benefit(needs, config.load("benefits"))
    np.testing.assert_allclose(econ["benefit_redistribution"], expected)


# ---------------------------------------------------------------- per need, by hand


def hand_params(params: BenefitParams) -> BenefitParams:
    return params.replace(years=3, rate=0.10, ramp=(1.0,), payback_discounted=False)


def test_hand_checked_need(params):
    # Investment 100 000 (2027), running 10 000/yr, övrig nytta 50 000/yr, no time saved,
    # 3 years at 10 %, full adoption from the first year in use:
    #   net flows: -100 000, 40 000, 40 000, 40 000
    #   NPV = -100 000 + 40 000 × 2.486851991 = -525.92
    #   cumulative: -100 000, -60 000, -20 000, +20 000 → payback 2027 + 3 = 2030
    #   B/C = 124 342.60 / 124 868.52 = 0.995788; NNK-i = -525.92 / 100 000
    needs = make_needs([{"investment": 100_000, "running_cost": 10_000, "other_benefit": 50_000}])
    econ = benefits.need_economics(needs, hand_params(params)).iloc[0]
    assert econ["npv"] == pytest.approx(-525.920360631, abs=1e-6)
    assert econ["npv_financial"] == pytest.approx(-525.920360631, abs=1e-6)
    assert econ["payback_year"] == 2030
    assert econ["bcr"] == pytest.approx(124_342.59955 / 124_868.51991, rel=1e-9)
    assert econ["nnki"] == pytest.approx(-0.00525920360631, rel=1e-9)
    assert econ["pv_cost"] == pytest.approx(124_868.51991, abs=1e-4)
    assert bool(econ["complete"]) and econ["missing_reason"] == ""
    assert econ["cost_bearer"] == "IT-enheten" and econ["benefit_owner"] == MILJO


def test_npv_against_numpy_financial_on_independent_flows(params):
    rng = np.random.default_rng(42)
    n = 40
    rows = [{
        "department": [MILJO, KLK][i % 2], "investment": float(rng.integers(0, 2_000_000)),
        "running_cost": float(rng.integers(0, 200_000)),
        "cases_per_year": float(rng.integers(0, 20_000)),
        "minutes_saved": float(rng.integers(0, 60)), "other_benefit": float(rng.integers(0, 300_000)),
    } for i in range(n)]
    needs = make_needs(rows)
    econ = benefits.need_economics(needs, params)
    hourly = {MILJO: 41_000 / 142 * 1.54, KLK: 45_000 / 142 * 1.54}
    for row, got in zip(rows, econ.itertuples(), strict=True):
        # Independent flows written out year by year (t=0 investment only).
        yearly = row["cases_per_year"] * row["minutes_saved"] / 60 * hourly[row["department"]]
        flows = [-row["investment"]]
        for year in range(1, params.years + 1):
            share = params.ramp[min(year - 1, len(params.ramp) - 1)]
            flows.append(share * (yearly + row["other_benefit"]) - row["running_cost"])
        assert got.npv == pytest.approx(npf.npv(params.rate, flows), rel=1e-9, abs=1e-6)


def test_zero_rate_equals_plain_sums(params):
    p = params.replace(rate=0.0)
    needs = make_needs([{"investment": 300_000, "running_cost": 25_000, "other_benefit": 40_000,
                         "cases_per_year": 2000, "minutes_saved": 5}])
    econ = benefits.need_economics(needs, p).iloc[0]
    flows = benefits.yearly_flows(needs, p)
    adoption_sum = sum(p.ramp[min(k, len(p.ramp) - 1)] for k in range(p.years))
    yearly = econ["benefit_financial"] + econ["benefit_redistribution"]
    expected = -300_000 - p.years * 25_000 + adoption_sum * yearly
    assert econ["npv"] == pytest.approx(expected)
    assert econ["npv"] == pytest.approx(flows["net"].sum())
    assert econ["pv_cost"] == pytest.approx(flows["it_cost"].sum())


def test_never_pays_back(params):
    needs = make_needs([{"investment": 5_000_000, "running_cost": 100_000,
                         "other_benefit": 150_000}])
    econ = benefits.need_economics(needs, params).iloc[0]
    assert econ["npv"] < 0
    assert econ["payback_year"] is pd.NA
    assert econ["bcr"] < 1
    flows = benefits.yearly_flows(needs, params)
    assert benefits.portfolio_payback_year(flows, params=params) is None


def test_payback_year_uses_start_year(params):
    needs = make_needs([
        {"investment": 100_000, "running_cost": 10_000, "other_benefit": 50_000,
         "start_year": 2030},
        {"investment": 100_000, "running_cost": 10_000, "other_benefit": 50_000,
         "start_year": pd.NA},
    ])
    econ = benefits.need_economics(needs, hand_params(params))
    assert list(econ["payback_year"]) == [2033, params.base_year + 3]
    assert list(econ["start_year_assumed"]) == [False, True]


def test_discounted_payback_option(params):
    needs = make_needs([{"investment": 100_000, "other_benefit": 40_000}])
    p = params.replace(years=4, rate=0.10, ramp=(1.0,))
    assert benefits.need_economics(needs, p).loc[0, "payback_year"] == 2030
    # discounted: 40 000 × 2.48685 = 99 474 < 100 000 after three years → year four.
    assert benefits.need_economics(
        needs, p.replace(payback_discounted=True)
    ).loc[0, "payback_year"] == 2031


def test_nnki_na_without_investment(params):
    needs = make_needs([{"investment": 0.0, "running_cost": 1_000, "other_benefit": 5_000}])
    econ = benefits.need_economics(needs, params).iloc[0]
    assert math.isnan(econ["nnki"])
    assert not math.isnan(econ["npv"])


# ---------------------------------------------------------------- ramp and ranges


def test_adoption_ramp_in_flows(params):
    p = params.replace(years=5, ramp=(0.3, 0.6, 0.8))
    needs = make_needs([{"cases_per_year": 6000, "minutes_saved": 10, "other_benefit": 10_000,
                         "investment": 1.0, "running_cost": 2.0, "department": KLK}])
    flows = benefits.yearly_flows(needs, p)
    full = 1000 * 45_000 / 142 * 1.54  # 1 000 hours at Kommunledningskontoret's timkostnad
    np.testing.assert_allclose(flows["adoption"], [0, 0.3, 0.6, 0.8, 0.8, 0.8])
    np.testing.assert_allclose(flows["benefit_redistribution"],
                               np.array([0, 0.3, 0.6, 0.8, 0.8, 0.8]) * full)
    np.testing.assert_allclose(flows["benefit_financial"],
                               np.array([0, 0.3, 0.6, 0.8, 0.8, 0.8]) * 10_000)
    np.testing.assert_allclose(flows["it_cost"], [1, 2, 2, 2, 2, 2])
    assert list(flows["year"]) == list(range(2027, 2033))
    unramped = benefits.yearly_flows(needs, p.replace(ramp_financial=False))
    np.testing.assert_allclose(unramped["benefit_financial"], [0, 1e4, 1e4, 1e4, 1e4, 1e4])


def test_adoption_profile_holds_last_value():
    np.testing.assert_allclose(benefits.adoption_profile((0.5,), 3), [0, 0.5, 0.5, 0.5])
    np.testing.assert_allclose(benefits.adoption_profile((0.2, 0.4, 0.6, 0.8), 2), [0, 0.2, 0.4])


money = st.floats(min_value=0, max_value=5e6, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(investment=money, running=money, other=money,
       cases=st.floats(min_value=0, max_value=1e5), minutes=st.floats(min_value=0, max_value=120),
       rate=st.floats(min_value=-0.05, max_value=0.2))
def test_low_high_bracket_central(investment, running, other, cases, minutes, rate):
    p = BenefitParams.load().replace(rate=rate)
    needs = make_needs([{"investment": investment, "running_cost": running,
                         "other_benefit": other, "cases_per_year": cases,
                         "minutes_saved": minutes}])
    econ = benefits.need_economics(needs, p).iloc[0]
    tol = 1e-6 * (1 + abs(econ["npv"]))
    assert econ["npv_low"] <= econ["npv"] + tol
    assert econ["npv"] <= econ["npv_high"] + tol


def test_low_high_by_hand(params):
    # zero rate, 1 year, full adoption: benefits 100, cost 50 → 70-50, 100-50, 120-50.
    p = params.replace(years=1, rate=0.0, ramp=(1.0,), low_factor=0.7, high_factor=1.2)
    needs = make_needs([{"investment": 50.0, "other_benefit": 100.0}])
    econ = benefits.need_economics(needs, p).iloc[0]
    assert (econ["npv_low"], econ["npv"], econ["npv_high"]) == pytest.approx((20, 50, 70))


# ---------------------------------------------------------------- missing values


def test_missing_inputs_give_na_with_reason(params, monkeypatch):
    monkeypatch.setenv("KSTAD_LANG", "sv")
    needs = make_needs([
        {"investment": np.nan, "other_benefit": 1000.0},
        {"investment": 10.0, "minutes_saved": np.nan, "other_benefit": np.nan},
        {"investment": 10.0, "other_benefit": 1000.0},
    ])
    econ = benefits.need_economics(needs, params)
    assert list(econ["complete"]) == [False, False, True]
    for key in ("npv", "npv_low", "npv_high", "npv_financial", "bcr", "nnki", "pv_cost"):
        assert econ[key].iloc[:2].isna().all() or key == "pv_cost", key
    assert econ["payback_year"].iloc[:2].isna().all()
    # only the figures that need a missing input are unknown: the second need's
    # costs are known, so is the present value of its costs
    assert math.isnan(econ.loc[0, "pv_cost"])
    assert econ.loc[1, "pv_cost"] == pytest.approx(10.0)
    assert econ.loc[0, "missing_reason"] == "Saknar: Investering (kr)"
    assert econ.loc[1, "missing_reason"] == (
        "Saknar: Övrig nytta per år (kr), Sparad tid per ärende (min)"
    )
    # known parts are still shown, unknown ones stay NA (never 0)
    assert econ.loc[0, "benefit_financial"] == 1000.0
    assert math.isnan(econ.loc[1, "benefit_redistribution"])


def test_missing_column_is_reported(params):
    needs = make_needs([{}]).drop(columns=["running_cost"])
    with pytest.raises(ValueError, match="running_cost"):
        benefits.need_economics(needs, params)


def test_cost_bearer_by_category(params):
    p = params.replace(cost_bearer_by_category={"Bastjänst": "IT-enheten (plattform)"})
    needs = make_needs([{"category": "bastjänst"}, {"category": "E-tjänst"}, {}])
    econ = benefits.need_economics(needs, p)
    assert list(econ["cost_bearer"]) == ["IT-enheten (plattform)", "IT-enheten", "IT-enheten"]


def test_output_columns_contract(params):
    econ = benefits.need_economics(make_needs([{}]), params)
    for column in ("id", "department", "title", "investment", "running_cost",
                   "benefit_financial", "benefit_redistribution", "npv", "npv_low", "npv_high",
                   "payback_year", "bcr", "nnki", "cost_bearer", "benefit_owner", "complete",
                   "missing_reason"):
        assert column in econ.columns
    assert str(econ["payback_year"].dtype) == "Int64"
    assert econ["npv"].dtype == "float64"


# ---------------------------------------------------------------- flows and portfolio


def portfolio_params(params: BenefitParams) -> BenefitParams:
    return params.replace(years=3, rate=0.0, ramp=(1.0,))


def test_portfolio_payback_by_hand(params):
    # A (2027): -100, then +60 ×3 → 2027 -100, 2028 60, 2029 60, 2030 60
    # B (2028): -50,  then -10 ×3 → 2028 -50, 2029 -10, 2030 -10, 2031 -10
    # total: -100, 10, 50, 50, -10; cumulative: -100, -90, -40, 10, 0
    # → stays >= 0 from 2030: portfolio payback 2030.
    needs = make_needs([
        {"investment": 100.0, "other_benefit": 60.0, "start_year": 2027},
        {"investment": 50.0, "running_cost": 10.0, "start_year": 2028, "department": KLK},
    ])
    p = portfolio_params(params)
    flows = benefits.yearly_flows(needs, p)
    summary = benefits.municipality_summary(flows, p)
    assert list(summary["year"]) == [2027, 2028, 2029, 2030, 2031]
    np.testing.assert_allclose(summary["net"], [-100, 10, 50, 50, -10])
    np.testing.assert_allclose(summary["cumulative_net"], [-100, -90, -40, 10, 0])
    assert summary.attrs["payback_year"] == 2030
    assert list(summary["paid_back"]) == [False, False, False, True, True]
    assert benefits.portfolio_payback_year(flows, params=p) == 2030


def test_finansiell_and_omfordelning_apart(params):
    p = portfolio_params(params)
    needs = make_needs([{"investment": 1000.0, "other_benefit": 100.0, "cases_per_year": 600,
                         "minutes_saved": 60, "department": KLK}])
    flows = benefits.yearly_flows(needs, p)
    summary = benefits.municipality_summary(flows, p)
    hourly = 45_000 / 142 * 1.54
    np.testing.assert_allclose(summary["benefit_financial"], [0, 100, 100, 100])
    np.testing.assert_allclose(summary["benefit_redistribution"], [0, 600 * hourly] + [600 * hourly] * 2)
    np.testing.assert_allclose(summary["total_benefit_incl_redistribution"],
                               summary["benefit_financial"] + summary["benefit_redistribution"])
    np.testing.assert_allclose(summary["cumulative_net_financial"], [-1000, -900, -800, -700])
    # with time valued the portfolio pays back in year one; on cash alone it never does
    assert summary.attrs["payback_year"] == 2028
    assert summary.attrs["payback_year_financial"] is None


def test_by_department_sums_and_excludes_incomplete(params):
    p = portfolio_params(params)
    needs = make_needs([
        {"investment": 100.0, "other_benefit": 60.0, "department": MILJO},
        {"investment": 30.0, "other_benefit": 10.0, "department": MILJO, "start_year": 2028},
        {"investment": np.nan, "other_benefit": 10.0, "department": KLK},
    ])
    flows = benefits.yearly_flows(needs, p)
    dept = benefits.by_department(flows)
    miljo = dept[dept["department"] == MILJO].set_index("year")
    klk = dept[dept["department"] == KLK].set_index("year")
    complete_flows = flows[flows["complete"] & (flows["department"] == MILJO)]
    expected = complete_flows.groupby("year")["it_cost"].sum()
    np.testing.assert_allclose(miljo.loc[expected.index, "it_cost"], expected)
    np.testing.assert_allclose(miljo["cumulative_net"], miljo["net"].cumsum())
    assert set(miljo["needs"]) == {2} and set(miljo["needs_excluded"]) == {0}
    assert set(klk["needs"]) == {0} and set(klk["needs_excluded"]) == {1}
    assert (klk["it_cost"] == 0).all()  # the unknown investment is not summed as 0
    summary = benefits.municipality_summary(flows, p)
    assert set(summary["needs_excluded"]) == {1}
    np.testing.assert_allclose(summary["net"].to_numpy(),
                               dept.groupby("year")["net"].sum().to_numpy())


def test_discounted_flows_sum_to_npv_at_base_year(params):
    needs = make_needs([{"investment": 250_000, "running_cost": 40_000, "other_benefit": 30_000,
                         "cases_per_year": 6000, "minutes_saved": 10}])
    econ = benefits.need_economics(needs, params)
    flows = benefits.yearly_flows(needs, params)
    assert flows["net_discounted"].sum() == pytest.approx(econ.loc[0, "npv"])
    needs_later = needs.assign(start_year=pd.array([pd.NA], dtype="Int64"))
    later = benefits.yearly_flows(needs_later, params, start_year_default=2029)
    assert later["year"].min() == 2029
    assert later["net_discounted"].sum() == pytest.approx(
        econ.loc[0, "npv"] / (1 + params.rate) ** 2
    )


def test_empty_needs(params):
    needs = make_needs([{}]).iloc[0:0]
    assert benefits.need_economics(needs, params).empty
    flows = benefits.yearly_flows(needs, params)
    assert flows.empty
    assert benefits.by_department(flows).empty
    summary = benefits.municipality_summary(flows, params)
    assert summary.empty and summary.attrs["payback_year"] is None


def test_labelled_uses_swedish_headers(params, monkeypatch):
    monkeypatch.setenv("KSTAD_LANG", "sv")
    econ = benefits.need_economics(make_needs([{}]), params)
    labelled = benefits.labelled(econ)
    assert "Nettonuvärde inkl. omfördelning (kr)" in labelled.columns
    assert "Omfördelningsnytta (kr/år)" in labelled.columns
