"""The Budget app's meeting-room inputs without a browser: the måste/uteslut
search picker, the driftbudget box and the chart axes in mnkr.

Driven like Voila would (widget values set, checkboxes ticked), with the
hostile values a visitor could send over the websocket; the portfolio under a
typed driftbudget is checked against the budget engine called directly.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kstad_analysis import budget
from kstad_analysis.scenario import Scenario
from kstad_analysis.ui.budget_app import BudgetApp, default_split
from kstad_analysis.ui.budget_inputs import IdPicker
from kstad_analysis.ui.budget_view import frontier_data, frontier_y_title
from kstad_analysis.ui.data_source import DataSource
from tests.test_ui_apps import HOSTILE, _ids, plans, store  # noqa: F401  (fixtures)


def _picker(n: int = 198) -> IdPicker:
    picker = IdPicker("Måste med", "kstad-must", rows=8)
    picker.options = [(f"N-{k:03d}", f"Behov nummer {k}" + (" e-arkiv" if k % 50 == 0 else ""))
                      for k in range(n)]
    return picker


def test_picker_shows_a_bounded_list_and_filters_by_id_or_title():
    picker = _picker()
    shown = [b for b in picker.boxes if b.layout.display != "none"]
    assert len(picker.boxes) == 8 and len(shown) == 8  # never 198 widgets
    assert "190 till" in picker.more.value
    picker.search.value = "E-ARKIV"  # any case, in the title
    found = [b.description for b in picker.boxes if b.layout.display != "none"]
    assert found == [f"N-{k:03d} – Behov nummer {k} e-arkiv" for k in (0, 50, 100, 150)]
    assert picker.more.value == ""
    picker.search.value = "n-017"  # by id
    assert [b.description for b in picker.boxes if b.layout.display != "none"] == \
        ["N-017 – Behov nummer 17"]
    picker.search.value = "finns inte"
    assert "Inga behov matchar" in picker.more.value


def test_picker_ticks_keep_the_choice_across_searches_and_refuse_hostile_values():
    picker = _picker()
    seen: list[tuple[str, ...]] = []
    picker.on_change(seen.append)
    picker.search.value = "arkiv"
    picker.boxes[1].value = True  # N-050
    picker.search.value = "N-017"
    picker.boxes[0].value = True
    assert picker.value == ("N-050", "N-017") and seen[-1] == ("N-050", "N-017")
    picker.search.value = ""  # the chosen ones first (in list order), ticked
    assert [b.description[:5] for b in picker.boxes[:2]] == ["N-017", "N-050"]
    assert picker.boxes[0].value is True and picker.boxes[2].value is False
    assert "Valda (2)" in picker.chosen_line.value
    picker.boxes[0].value = False  # unticking removes
    assert picker.value == ("N-050",)
    for bad in (HOSTILE, ["NOPE", 5, None], {"N-050": 1}, 17, None):
        picker.value = bad
        assert set(picker.value) <= {"N-050"}
    picker.value = ["N-001"]
    # what traitlets would not let through from Python but a message can carry
    picker._ticked(1, {"new": "yes"})  # not exactly True: read as off
    picker._ticked(99, {"new": True})  # no such box
    assert picker.value == ("N-001",)
    picker.search.value = HOSTILE * 50  # long hostile search: bounded, nothing found, escaped
    assert "<script>" not in picker.more.value + picker.chosen_line.value
    picker.clear.click()
    assert picker.value == ()


def test_picker_in_the_app_drives_the_rules(plans, store):  # noqa: F811
    app = BudgetApp(DataSource(plans), store)
    assert len(app.must.boxes) <= 10 and {i for i, _ in app.must.options} == app.model.known()
    app.exclude.search.value = "SIG-2"
    app.exclude.boxes[0].value = True
    assert app.exclude_ids() == ("SIG-2",) and "SIG-2" not in _ids(app.portfolio.value)
    app.must.search.value = "skolskjuts"
    assert app.must.boxes[0].description.startswith("D-")
    app.must.boxes[0].value = True
    chosen = app.must_ids()
    assert len(chosen) == 1 and chosen[0] in _ids(app.portfolio.value)
    assert "måste" in app.portfolio.value


def test_driftbudget_is_typed_in_mnkr_and_caps_the_running_cost(plans, store):  # noqa: F811
    app = BudgetApp(DataSource(plans), store)
    app.budget.value = app.budget.max
    assert app.running_kr() == app.analysis.running_budget  # the configured default
    uncapped = float(app.result.totals["running_added"])
    app.running_input.text.value = "0,1"  # Swedish decimal comma: 100 000 kr
    assert app.running_kr() == pytest.approx(100_000.0)
    direct = budget.optimize(plans.needs, app.budget_kr(), scores=app.scores,
                             candidates=app.model.candidates, koncernnytta=app.model.koncernnytta,
                             running_budget=100_000.0, commitments=app.analysis.commitments,
                             reasons=False)
    assert app.result.totals["value"] == pytest.approx(direct.totals["value"])
    assert set(_ids(app.portfolio.value)) >= set(direct.portfolio["id"])
    assert direct.status == "optimal"
    # the commitments' 60 000 kr count first; what is added stays within the rest
    assert float(app.result.totals["running_added"]) <= 40_000.0 + 1e-6 < uncapped
    for bad in ("mycket", "-1", HOSTILE, "1e400"):
        app.running_input.text.value = bad
        assert app.running_kr() == pytest.approx(100_000.0)
        assert "kstad-error" in app.running_input.message.value
    # saved with the scenario and read back; a scenario without one takes the default
    app.scenarios.name.value = "Snål drift"
    assert app.scenarios.save() == 1
    assert store.load_scenario("Snål drift").running_budget == pytest.approx(100_000.0)
    app._apply(Scenario(name="utan"))
    assert app.running_kr() == app.analysis.running_budget
    app.scenarios.load("Snål drift")
    assert app.running_kr() == pytest.approx(100_000.0)
    assert app.running_input.text.value == "0,1"


def test_frontier_axes_are_in_mnkr():
    frame = pd.DataFrame({"budget": [1.0e6, 2.5e6], "value": [3.0e6, 4.5e6],
                          "n_chosen": [1, 2], "status": ["optimal", "optimal"]})
    data = frontier_data(frame, "npv")
    assert data["budget"].tolist() == [1.0, 2.5] and data["value"].tolist() == [3.0, 4.5]
    assert "mnkr" in frontier_y_title("npv") and "mnkr" in frontier_y_title("npv_financial")
    points = frontier_data(frame, "benefit")  # nyttopoäng are not money: unchanged
    assert points["value"].tolist() == [3.0e6, 4.5e6] and "nyttopoäng" in frontier_y_title("benefit")


def test_default_split_still_importable_from_the_app():
    assert default_split(pd.DataFrame(), 1.0, []) == {}
