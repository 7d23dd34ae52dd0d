"""Effekthemtagning: the calculation period and the chart's years are one.

The key figures, the chart, the per-year table and the förvaltning table all
cover the period from ``BenefitParams`` (the decision year and ``years``
years after it); the sums are checked against ``benefits.yearly_flows``
filtered to those years here, for all needs, a förvaltning and a scenario's
portfolio, at two period lengths.
"""

from __future__ import annotations

import re

import pytest

from kstad_analysis import benefits
from kstad_analysis.analysis import Analysis
from kstad_analysis.scenario import Scenario
from kstad_analysis.ui.data_source import DataSource
from kstad_analysis.ui.effekt import EffektApp
from kstad_analysis.ui.effekt_period import in_period, period_years
from kstad_analysis.ui.visit import Visit
from tests.test_ui_apps import DEPARTMENTS, TODAY, plans, store  # noqa: F401  (fixtures)


def _shown_years(app: EffektApp) -> tuple[list[int], list[int]]:
    chart = sorted({int(y) for y in app.chart.chart.layer[0].data["year"]})
    table = [int(y) for y in re.findall(r"<tr data-year='(\d+)'>", app.per_year.value)]
    return chart, table


def _expected(needs, params, department: str | None = None) -> float:
    flows = benefits.yearly_flows(needs, params)
    first, last = params.base_year, params.base_year + params.years
    used = flows[flows["complete"] & flows["year"].between(first, last)]
    if department is not None:
        used = used[used["department"] == department]
    return float(used["it_cost"].sum())


@pytest.mark.parametrize("years", [5, 8])
def test_the_period_is_the_charts_years_and_the_sums_years(plans, years):  # noqa: F811
    app = EffektApp(DataSource(plans), today=TODAY)
    app.years.value = years
    params = app.params()
    first, last = period_years(params)
    assert (first, last) == (params.base_year, params.base_year + years)
    period = list(range(first, last + 1))
    assert _shown_years(app) == (period, period)
    assert f"{years} år ({first}–{last})" in app.years_box.children[1].value
    assert f"IT-kostnad {first}–{last}" in app.kpis.value
    frame, _ = app.selection()
    assert frame["year"].tolist() == period
    assert frame["it_cost"].sum() == pytest.approx(_expected(plans.needs, params))
    shown = f"{_expected(plans.needs, params) / 1e6:.1f}".replace(".", ",")
    assert re.search(rf"kstad-kpi-cost'><span[^>]*>[^<]*</span><span[^>]*>{shown} mnkr", app.kpis.value)
    # the running sums start at the period's first year
    assert frame["cumulative_net"].iloc[-1] == pytest.approx(frame["net"].sum())
    app.department.value = DEPARTMENTS[1]
    part, _ = app.selection()
    assert part["year"].tolist() == period and _shown_years(app) == (period, period)
    assert part["it_cost"].sum() == pytest.approx(_expected(plans.needs, params, DEPARTMENTS[1]))


def test_the_scenarios_portfolio_has_the_same_period(plans, store):  # noqa: F811
    scenario = Scenario(name="Liten", budget=1.0e6)
    store.save_scenario(scenario)
    visit = Visit(None, store)
    visit.remember_scenario(scenario.name)
    app = EffektApp(DataSource(plans), today=TODAY, store=store)
    app.on_visit(visit)
    params = app.params()
    first, last = period_years(params)
    assert _shown_years(app) == (list(range(first, last + 1)),) * 2
    chain = Analysis.build(plans, store.load_scenario("Liten"), store_dir=store.directory)
    funded = chain.benefits(chain.portfolio(), params)
    frame, _ = app.selection()
    assert frame["it_cost"].sum() == pytest.approx(in_period(funded.municipality, params)["it_cost"].sum())
    inside = funded.flows[funded.flows["complete"] & funded.flows["year"].between(first, last)]
    assert frame["it_cost"].sum() == pytest.approx(inside["it_cost"].sum())


def test_in_period_pads_and_drops_years(plans):  # noqa: F811
    params = benefits.BenefitParams.load()
    flows = benefits.yearly_flows(plans.needs, params)
    whole = benefits.municipality_summary(flows, params)
    narrow = in_period(whole, params.replace(years=1))
    assert narrow["year"].tolist() == [params.base_year, params.base_year + 1]
    wide = in_period(whole, params.replace(years=20))  # beyond the last flow: 0 kr years
    assert len(wide) == 21 and wide["it_cost"].iloc[-1] == 0.0
    per_department = in_period(benefits.by_department(flows), params)
    assert per_department.groupby("department")["year"].apply(list).map(len).eq(params.years + 1).all()
