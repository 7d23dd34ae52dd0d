"""Preheated pages re-read what other kernels saved when a visitor arrives."""

from __future__ import annotations

from kstad_analysis.scenario import Scenario
from kstad_analysis.shared_needs import GroupingDecision
from kstad_analysis.store import Store


def test_prioritering_on_visit_sees_new_scenarios_and_decisions(tmp_path, monkeypatch):
    monkeypatch.setenv("KSTAD_STORE_DIR", str(tmp_path))
    from kstad_analysis.ui.prioritering import PrioriteringApp

    app = PrioriteringApp()  # built "at preheat time"
    groups_before = app.model.ranker.data.matrix.copy()
    store = Store(tmp_path)  # another kernel saves meanwhile
    store.save_scenario(Scenario(name="Sparad i annan kärna"))
    ids = list(app.model.ranker.ids)
    a, b = ids[0], next(i for i in ids if i.split("-")[0] != ids[0].split("-")[0])
    store.save_grouping_decision(GroupingDecision(kind="merge", ids=(a, b)))
    assert "Sparad i annan kärna" not in app.scenarios.saved.options
    old_model = app.model
    app.on_visit()
    assert "Sparad i annan kärna" in app.scenarios.saved.options
    assert app.model is not old_model and app.model.decisions != old_model.decisions
    key = app.model.ranker.keys.index("koncernnytta")
    row_a = list(app.model.ranker.ids).index(a)
    assert app.model.ranker.data.matrix[row_a, key] >= groups_before[row_a, key]
    assert app.model.ranker.data.matrix[row_a, key] >= 2


def test_on_visit_without_changes_keeps_the_model(tmp_path, monkeypatch):
    monkeypatch.setenv("KSTAD_STORE_DIR", str(tmp_path))
    from kstad_analysis.ui.prioritering import PrioriteringApp

    app = PrioriteringApp()
    model = app.model
    app.on_visit()
    assert app.model is model
