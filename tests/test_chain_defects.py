"""Regression tests for the defects that came from rebuilding the chain per consumer.

Each test names the defect of the one-chain issue it guards (numbers as in
the issue). The kernel defects (explanation and robustness with TOPSIS, SMAA
ties, explain's zero-weight swaps, knapsack_dp, aggregate_ahp) are tested
beside their kernels.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from kstad_analysis.analysis import Analysis, department_summary
from kstad_analysis.cli import main
from kstad_analysis.i18n import t
from kstad_analysis.intake import load_sample
from kstad_analysis.scenario import Scenario
from kstad_analysis.shared_needs import GroupingDecision
from kstad_analysis.store import Store
from kstad_analysis.ui.budget_app import BudgetApp
from kstad_analysis.ui.data_source import DataSource
from kstad_analysis.ui.prioritering import PrioriteringApp
from kstad_analysis.weights import preset


@pytest.fixture(scope="module")
def sample():
    return load_sample()


@pytest.fixture
def store_dir(tmp_path, monkeypatch):
    """A fresh store that the apps and commands also find by default."""
    directory = tmp_path / "store"
    monkeypatch.setenv("KSTAD_STORE_DIR", str(directory))
    return directory


def _json_rows(path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data[next(iter(data))] if isinstance(data, dict) else data


def test_2_no_bastjanst_keeps_koncernnytta(sample, store_dir, tmp_path):
    """``--no-bastjanst`` drops shared builds, not the koncernnytta criterion:
    the values optimised are the chain's, with koncernnytta."""
    funded = tmp_path / "optimize.json"
    assert main(["optimize", "--budget", "15000000", "--no-bastjanst", "--format", "json",
                 "--out", str(funded)]) == 0
    rows = _json_rows(funded)
    values = {r["id"]: r["value"] for r in rows if r["value"] is not None}
    chain, _ = Analysis.build(sample).values("benefit")
    alone, _ = Analysis.build(sample, with_shared=False).values("benefit")
    assert values == pytest.approx(chain.dropna().to_dict(), abs=1e-12)
    differs = [i for i in values if abs(alone[i] - chain[i]) > 1e-9]
    assert len(differs) > 20  # koncernnytta changes many values: the check above has teeth
    assert not any(r["served_by"] for r in rows)  # and no bastjänst was used


def _separate_needs(plans, threshold: float | None) -> tuple[str, str]:
    groups = Analysis.build(plans, threshold=threshold, decisions=[]).shared.groups
    alone = groups[groups["group_size"] == 1].sort_values("id")
    first = alone.iloc[0]
    other = alone[alone["department"] != first["department"]].iloc[0]
    return str(first["id"]), str(other["id"])


def test_3_scenario_threshold_reaches_both_apps_and_the_cli(sample, store_dir, tmp_path):
    store = Store(store_dir)
    store.save_scenario(Scenario(name="Strikt", threshold=0.45, budget=15e6))
    strict = Analysis.build(sample, threshold=0.45).koncernnytta
    default = Analysis.build(sample).koncernnytta
    assert not strict.equals(default)
    prio = PrioriteringApp(DataSource(sample))
    prio.scenarios.refresh()
    prio.scenarios.load("Strikt")
    assert prio.model.analysis.threshold == 0.45
    assert prio.model.analysis.koncernnytta.equals(strict)
    budget = BudgetApp(DataSource(sample), store)
    budget.scenarios.refresh()
    budget.scenarios.load("Strikt")
    assert budget.model.analysis.koncernnytta.equals(strict)
    out = tmp_path / "rank.json"
    assert main(["rank", "--scenario", "Strikt", "--format", "json", "--out", str(out)]) == 0
    by_cli = {r["id"]: r["score"] for r in _json_rows(out)}
    assert by_cli == pytest.approx(
        Analysis.build(sample, threshold=0.45).ranking().scores().to_dict(), abs=1e-12)


def test_3_shared_needs_command_reads_saved_decisions_without_store(sample, store_dir, tmp_path):
    a, b = _separate_needs(sample, None)
    Store(store_dir).save_grouping_decision(GroupingDecision("merge", (a, b), author="analytiker"))
    out = tmp_path / "groups.json"
    assert main(["shared-needs", "--out", str(out)]) == 0
    need, group, departments = (t(f"shared.col.{k}") for k in ("id", "group_id", "n_departments"))
    rows = {r[need]: r for r in _json_rows(out)}
    assert rows[a][group] == rows[b][group]
    assert rows[a][departments] == 2


def test_4_budget_app_scenario_loads_its_weights_in_prioritering(sample, store_dir):
    store = Store(store_dir)
    budget = BudgetApp(DataSource(sample), store)
    budget.scenarios.name.value = "Från budget"
    assert budget.scenarios.save() == 1  # default weights: none stored
    store.save_scenario(Scenario(name="Profil", preset="Ekonomi först", budget=15e6))
    prio = PrioriteringApp(DataSource(sample))
    prio.scenarios.refresh()
    prio.scenarios.load("Från budget")
    defaults = prio.model.ranker.resolve_weights()
    assert {k: s.value for k, s in prio.sliders.items()} == {
        k: round(v, 2) for k, v in defaults.items()}
    assert "Alla vikter är 0" not in prio.ranking.value
    prio.scenarios.load("Profil")
    chosen = preset("Ekonomi först")
    assert {k: s.value for k, s in prio.sliders.items()} == {
        k: round(chosen.get(k, 0.0), 2) for k in prio.sliders}
    assert prio.preset.value == "Ekonomi först"


def test_5_scenario_comparison_shows_each_scenarios_own_rank(sample, store_dir):
    store = Store(store_dir)
    store.save_scenario(Scenario(name="A", preset="Ekonomi först"))
    store.save_scenario(Scenario(name="B", preset="Medborgaren först"))
    prio = PrioriteringApp(DataSource(sample))
    html = prio._compare(store.load_scenario("A"), store.load_scenario("B"))
    ranks_a = Analysis.build(sample).ranking(preset="Ekonomi först").ranks()
    ranks_b = Analysis.build(sample).ranking(preset="Medborgaren först").ranks()
    rows = re.findall(r"<tr><td>([^<]+)</td><td>[^<]*</td><td>(-?\d+)</td><td>(-?\d+)</td></tr>", html)
    assert len(rows) == 15
    for need, rank_a, rank_b in rows:
        assert int(rank_a) == ranks_a[need] and int(rank_b) == ranks_b[need]
        assert 1 <= int(rank_a) <= len(ranks_a)


def _same_frontier(shown: pd.DataFrame, fresh: pd.DataFrame) -> None:
    """The same levels, and the same best value up to what the solver proved:
    HiGHS calls a point optimal within its relative gap (MIP_REL_GAP), and a
    point stopped at its time limit states its own gap (per-year rounds on a
    loaded machine), so two solves of one level may differ by that much."""
    from kstad_analysis.portfolio.model import MIP_REL_GAP

    assert shown["budget"].tolist() == fresh["budget"].tolist()
    for a, b in zip(shown.itertuples(), fresh.itertuples(), strict=True):
        if a.status == "infeasible" or b.status == "infeasible":
            assert a.status == b.status
            continue
        gap = max(MIP_REL_GAP, float(np.nan_to_num(a.gap)), float(np.nan_to_num(b.gap)))
        assert abs(a.value - b.value) <= gap * max(abs(a.value), abs(b.value)) + 1e-9, (a, b)


def test_6_frontier_follows_the_total_with_budgets_per_year(sample, store_dir):
    app = BudgetApp(DataSource(sample), Store(store_dir))
    app.budget.value = 20.0
    app.per_year_on.value = True  # splits the total over the years
    first = app.frontier_frame.copy()
    key = app._frontier_key
    app.budget.value = 30.0  # same per-year boxes, another total: other shares
    assert app._frontier_key != key
    again = app.result.frontier(20)
    _same_frontier(app.frontier_frame, again)
    assert len(first) == len(again)


def test_11_missing_investments_are_counted_not_summed_as_zero():
    needs = pd.DataFrame({
        "id": ["A", "B", "C"], "department": ["X", "X", "Y"],
        "incomplete": [False, True, True], "investment": [100.0, np.nan, np.nan],
        "running_cost": [10.0, 5.0, np.nan],
    })
    frame = department_summary(needs).set_index("department")
    assert frame.loc["X", "investment"] == 100.0 and frame.loc["X", "investment_missing"] == 1
    assert pd.isna(frame.loc["Y", "investment"]) and frame.loc["Y", "investment_missing"] == 1
    assert frame.loc["Y", "running_cost_missing"] == 1 and frame.loc["X", "running_cost"] == 15.0


def test_11_a_report_notebook_that_wrote_nothing_gives_a_swedish_error(tmp_path, monkeypatch,
                                                                         store_dir):
    """The notebook ran but stopped before writing its outputs: a Swedish
    ReportError naming the missing file, not a bare FileNotFoundError."""
    from kstad_analysis.report import ReportError, build
    from kstad_analysis.report.build import build_report

    def empty_run(_parameters, output):
        output.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
                          encoding="utf-8")

    monkeypatch.setattr(build, "_execute", empty_run)
    with pytest.raises(ReportError, match="siffror.json saknas"):
        build_report(tmp_path / "out", budget=15e6, pdf=False, show_progress=False)
