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


def test_a_merge_shows_in_prioritering_as_changed_by_an_analyst(tmp_path, monkeypatch):
    monkeypatch.setenv("KSTAD_STORE_DIR", str(tmp_path))
    from kstad_analysis.analysis import Analysis
    from kstad_analysis.ui.prioritering import PrioriteringApp

    app = PrioriteringApp()
    assert app.model.changed == {} and "ändrad av analytiker" not in app.ranking.value
    plain = app.model.analysis.koncernnytta
    ids = list(app.model.ranker.ids)
    a, b = ids[0], next(i for i in ids if i.split("-")[0] != ids[0].split("-")[0])
    Store(tmp_path).save_grouping_decision(GroupingDecision(kind="merge", ids=(a, b)))
    app.on_visit()
    merged = Analysis.build(app.model.plans, store_dir=tmp_path).koncernnytta
    expected = {i for i in merged.index if merged[i] != plain[i]}
    assert a in expected and set(app.model.changed) == expected
    assert app.model.changed[a] == (int(plain[a]), int(merged[a]))
    row = app.ranking.value.split(f"data-id='{a}'", 1)[1].split("</tr>")[0]
    assert "ändrad av analytiker" in row


def test_prioritering_lists_the_top_25_and_shows_all_on_request(tmp_path, monkeypatch):
    import re

    monkeypatch.setenv("KSTAD_STORE_DIR", str(tmp_path))
    from kstad_analysis.ui.prioritering import LIST_ROWS, PrioriteringApp

    app = PrioriteringApp()
    rows = re.findall(r"<tr[^>]*data-id='([^']+)'", app.ranking.value)
    ranked = list(app.rank_result().table["id"])
    assert rows == ranked[:LIST_ROWS] and len(ranked) > LIST_ROWS
    app.show_all.value = True
    assert re.findall(r"<tr[^>]*data-id='([^']+)'", app.ranking.value) == ranked
    # badges: inside the top N always, outside only when not ~0 (no red "0 %" on every row)
    body = app.ranking.value.split("<tbody>")[1]
    outside = [r for r in body.split("</tr>") if r and "kstad-top" not in r]
    assert not any("kstad-badge-low'>0\u00a0%" in r for r in outside)
