"""Exports from the Budget and Effekthemtagning apps, on the bundled sample."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from kstad_analysis.formatting import mnkr
from kstad_analysis.intake import load_sample
from kstad_analysis.scenario import Scenario
from kstad_analysis.store import Store
from kstad_analysis.ui.budget_app import BudgetApp
from kstad_analysis.ui.data_source import DataSource
from kstad_analysis.ui.effekt import EffektApp
from kstad_analysis.ui.effekt_period import in_period, period_years


@pytest.fixture(scope="module")
def plans():
    return load_sample()


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "store")


def _rows(sheet) -> list[dict]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, (c.value for c in row), strict=True))
            for row in sheet.iter_rows(min_row=2)]


def test_budget_app_exports_the_portfolio_it_shows(plans, store):
    app = BudgetApp(DataSource(plans), store)
    path = app.exports.export_excel()
    assert path is not None and "download=" in app.exports.link.value
    book = load_workbook(path)
    portfolio = _rows(book["Portfölj"])
    funded = {r["ID"] for r in portfolio if r["Finansieras"] == "ja"}
    table = app.result.table
    assert funded == set(table.loc[table["served"].astype(bool), "id"].astype(str))
    assert {r["Finansieras"] for r in portfolio} == {"ja", "nej"}
    assert all(r["Motivering"] for r in portfolio if r["Finansieras"] == "nej")
    years = _rows(book["Kommunen per år"])
    assert sum(r["Investering (kr)"] for r in years) == pytest.approx(app.result.totals["cost"])
    about = {r["Uppgift"]: r["Värde"] for r in _rows(book["Om exporten"])}
    assert about["Datafingeravtryck"] == plans.fingerprint
    assert about["Exporterad"][:4].isdigit()
    assert float(about["Inställning: budget"]) == pytest.approx(app.budget_kr())
    assert book["Portfölj"].freeze_panes == "A2"


def test_effekt_exports_the_chosen_portfolio_not_every_need(plans, store):
    store.save_scenario(Scenario(name="Förslag", budget=15_000_000, data_fingerprint=plans.fingerprint))
    app = EffektApp(DataSource(plans))
    app.exports.store = store
    app.exports.refresh_choices()
    assert app.exports.scenario.value == "Förslag"
    analysis, result, scenario, settings = app.exports.state()
    assert scenario.budget == 15_000_000 and settings["rate"] == app.params().rate
    assert result.totals["status"] == "optimal" and result.totals["n_served"] > 0
    path = app.exports.panel.export_excel()
    book = load_workbook(path)
    effect = _rows(book["Effekthemtagning"])
    gains = analysis.benefits(result, app.params())
    first, last = period_years(app.params())
    shown = in_period(gains.by_department, app.params())  # the page's period, as the page sums
    assert {r["År"] for r in effect} <= set(range(first, last + 1))
    assert sum(r["IT-kostnad (kr)"] for r in effect) == pytest.approx(shown["it_cost"].sum())
    assert sum(r["Finansiell nytta (kr)"] for r in effect) == pytest.approx(
        shown["benefit_financial"].sum())
    years = _rows(book["Kommunen per år"])
    assert [r["År"] for r in years] == list(range(first, last + 1))
    flows = gains.portfolio_flows
    inside = flows[(flows["year"] >= first) & (flows["year"] <= last)]
    assert sum(r["Investering (kr)"] for r in years) == pytest.approx(inside["investment"].sum())
    assert settings["period"] == f"{first}–{last}"
    every = app.flows(app.params())[2]  # what the app itself shows: all needs
    assert gains.by_department["it_cost"].sum() < 0.9 * every["it_cost"].sum()
    npv = {r["Uppgift"]: r["Värde"] for r in _rows(book["Nuvärde"])}
    assert 0 < npv["Finansierade behov"] == len(gains.funded_ids) < len(plans.needs)
    assert npv["Nettonuvärde inkl. omfördelning (kr)"] == pytest.approx(gains.summary["npv"])


@pytest.mark.browser
def test_budget_app_exports_the_decision_pdf_of_its_scenario(plans, store, tmp_path):
    from pypdf import PdfReader

    from kstad_analysis.ui.exports import budget_state, decision_pdf
    from tests.test_report import fold

    app = BudgetApp(DataSource(plans), store)
    app.budget.value = 9.0
    analysis, result, scenario, _ = budget_state(app)
    pdf = decision_pdf(scenario, analysis.plans, analysis.store_dir, tmp_path)
    first = fold(PdfReader(str(pdf)).pages[0].extract_text())
    assert "1. Förslag till beslut" in first and fold(mnkr(9_000_000)) in first
    funded = len(set(result.table.loc[result.table["served"].astype(bool), "id"]))
    assert f"{funded} av {len(plans.needs)}" in first
    assert scenario.name not in set(store.list_scenarios().get("name", []))  # the user's store untouched
