"""One saved scenario, the same numbers everywhere (the one-chain promise).

A scenario with a non-default threshold, TOPSIS, a preset and an analyst's
merge decision is saved once; the Prioritering and Budget app models,
``kstad rank``, ``kstad optimize`` and the report's ``siffror.json`` must then
show the same ranks, scores and funded set. Each entry point is driven the way
a user drives it (load the scenario in the app's panel, name it on the command
line), never by calling the chain directly, so a consumer that rebuilt a step
with its own rules would fail here.
"""

from __future__ import annotations

import json

import pytest

from kstad_analysis import report
from kstad_analysis.analysis import Analysis, funded_ids
from kstad_analysis.cli import main
from kstad_analysis.intake import load_sample
from kstad_analysis.scenario import Scenario
from kstad_analysis.shared_needs import GroupingDecision
from kstad_analysis.store import Store
from kstad_analysis.ui.budget_app import BudgetApp
from kstad_analysis.ui.data_source import DataSource
from kstad_analysis.ui.prioritering import PrioriteringApp

NAME = "Konsistens"
THRESHOLD = 0.3
BUDGET = 15_000_000.0


def _merge_pair(plans) -> tuple[str, str]:
    """Two needs from different förvaltningar that are alone at THRESHOLD."""
    shared = Analysis.build(plans, threshold=THRESHOLD, decisions=[]).shared
    groups = shared.groups
    alone = groups[groups["group_size"] == 1].sort_values("id")
    first = alone.iloc[0]
    other = alone[alone["department"] != first["department"]].iloc[0]
    return str(first["id"]), str(other["id"])


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    directory = tmp_path_factory.mktemp("consistency-store")
    plans = load_sample()
    a, b = _merge_pair(plans)
    store = Store(directory)
    store.save_grouping_decision(GroupingDecision("merge", (a, b), author="test"))
    store.save_scenario(Scenario(name=NAME, preset="Ekonomi först", method="topsis",
                                 threshold=THRESHOLD, budget=BUDGET,
                                 data_fingerprint=plans.fingerprint))
    return directory, plans, (a, b)


@pytest.fixture(scope="module")
def expected(setup):
    """The chain itself, for the checks that the scenario really is non-default."""
    directory, plans, _pair = setup
    from kstad_analysis.analysis import load_scenario

    analysis = Analysis.build(plans, load_scenario(NAME, directory), directory)
    ranking = analysis.ranking()
    return analysis, ranking, analysis.portfolio(ranking)


def test_the_scenario_is_not_the_default(setup, expected):
    directory, plans, (a, b) = setup
    analysis, ranking, _result = expected
    assert analysis.threshold == THRESHOLD and ranking.method == "topsis"
    assert analysis.weights().source == "preset"
    assert analysis.koncernnytta[a] == analysis.koncernnytta[b] == 2  # the merge is applied
    default = Analysis.build(plans, store_dir=directory, decisions=[]).ranking()
    assert default.ranks().to_dict() != ranking.ranks().to_dict()


def test_prioritering_app_shows_the_chain_ranking(setup, expected, monkeypatch):
    directory, plans, _pair = setup
    monkeypatch.setenv("KSTAD_STORE_DIR", str(directory))
    app = PrioriteringApp(DataSource(plans))
    app.scenarios.refresh()
    app.scenarios.load(NAME)
    shown = app.rank_result()
    _analysis, ranking, _result = expected
    assert shown.method == "topsis"
    assert shown.ranks().to_dict() == ranking.ranks().to_dict()
    assert shown.scores().round(6).to_dict() == ranking.scores().round(6).to_dict()


def test_budget_app_funds_the_chain_portfolio(setup, expected):
    directory, plans, _pair = setup
    app = BudgetApp(DataSource(plans), Store(directory))
    app.scenarios.refresh()
    app.scenarios.load(NAME)
    analysis, ranking, result = expected
    assert app.budget_kr() == BUDGET
    values, _ = analysis.values("benefit", ranking)
    assert app.scores.round(9).to_dict() == values.round(9).to_dict()
    assert funded_ids(app.result) == funded_ids(result)


def test_cli_rank_and_optimize_match(setup, expected, tmp_path):
    directory, _plans, _pair = setup
    _analysis, ranking, result = expected
    out = tmp_path / "rank.json"
    assert main(["rank", "--scenario", NAME, "--store", str(directory), "--format", "json",
                 "--out", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    rows = rows[next(iter(rows))] if isinstance(rows, dict) else rows
    assert {r["id"]: r["rank"] for r in rows} == ranking.ranks().to_dict()
    assert {r["id"]: round(r["score"], 9) for r in rows} == ranking.scores().round(9).to_dict()
    out = tmp_path / "portfolio.json"
    assert main(["optimize", "--scenario", NAME, "--store", str(directory), "--format", "json",
                 "--out", str(out)]) == 0
    tables = json.loads(out.read_text(encoding="utf-8"))
    table = tables[next(iter(tables))]
    assert tuple(sorted(r["id"] for r in table if r["served"])) == funded_ids(result)


def test_report_numbers_match(setup, expected):
    directory, _plans, _pair = setup
    _analysis, ranking, result = expected
    settings = report.resolve(scenario_name=NAME, store_dir=directory, samples=200,
                              built="2026-12-01T10:00:00+00:00")
    numbers = report.numbers(report.compute(settings))
    assert numbers["method"] == "topsis" and numbers["threshold"] == THRESHOLD
    assert numbers["ranking"] == list(ranking.table["id"])
    assert numbers["scores"] == pytest.approx(ranking.scores().to_dict(), abs=1e-9)
    assert tuple(numbers["funded_ids"]) == funded_ids(result)
