"""The scenario panel: save/load/compare/decide with hostile values."""

from __future__ import annotations

import re

from kstad_analysis.store import Store
from kstad_analysis.ui.scenarios import ScenarioPanel


class FakeApp:
    """Stands in for an app's own widgets: holds weights and budget."""

    def __init__(self):
        self.state = {"weights": {"nytta": 0.5, "kostnad": 0.5}, "budget": 1e7}
        self.applied = []

    def collect(self):
        return dict(self.state)

    def apply(self, scenario):
        self.applied.append(scenario)


def _panel(tmp_path, app=None, compare=None):
    app = app or FakeApp()
    return app, ScenarioPanel(app.collect, app.apply, lambda: "abc123", compare=compare,
                              store=Store(tmp_path))


def test_save_and_load_roundtrip_keeps_other_fields(tmp_path):
    app, panel = _panel(tmp_path)
    panel.name.value, panel.author.value = "Förslag A", "Eva"
    panel.base = {"threshold": 0.4}  # set by another app earlier
    assert panel.save() == 1
    assert "Förslag A" in panel.saved.options
    app2, panel2 = _panel(tmp_path)  # a new kernel sees it
    scenario = panel2.load("Förslag A")
    assert scenario.weights == {"nytta": 0.5, "kostnad": 0.5}
    assert scenario.threshold == 0.4 and scenario.budget == 1e7
    assert app2.applied == [scenario]


def test_hostile_name_is_rejected_or_escaped(tmp_path):
    app, panel = _panel(tmp_path)
    panel.name.value = "<script>alert(1)</script>"
    panel.author.value = "x" * 10_000_000
    assert panel.save() == 1
    assert "<script>" not in panel.status.value and "&lt;script&gt;" in panel.status.value
    app.state["budget"] = float("nan")
    assert panel.save() is None
    assert "kstad-error" in panel.status.value
    app.state["budget"] = -5
    assert panel.save() is None


def test_load_unknown_and_non_string_names(tmp_path):
    _, panel = _panel(tmp_path)
    assert panel.load("finns inte") is None
    assert panel.load(["a"]) is None
    assert "Välj" in panel.status.value


def test_compare_and_decide(tmp_path):
    app, panel = _panel(tmp_path, compare=lambda a, b: f"<p>{a.name} vs {b.name}</p>")
    panel.name.value = "A"
    panel.save()
    app.state["budget"] = 2e7
    panel.name.value = "B"
    panel.save()
    html = panel.compare("A", "B")
    assert "Budget" in html or "budget" in html
    assert "<p>A vs B</p>" in html
    panel.author.value = ""
    panel.decide("B")  # asks first: nothing is recorded yet
    assert panel.confirm_box.layout.display is None and "B version 1" in panel.confirm_text.value
    assert panel.store.decisions() == []
    panel.confirm_decision()
    assert "Av" in panel.status.value and panel.store.decisions() == []  # a name is required
    panel.cancel_decision()
    panel.confirm_decision()  # nothing asked any more: nothing recorded
    assert panel.store.decisions() == []
    panel.decide("B")
    panel.decider.value = "Kommunstyrelsen <b>"
    panel.confirm_decision()
    record = panel.store.decisions()[0]
    assert record.scenario_name == "B" and record.decided_by == "Kommunstyrelsen <b>"
    listed = panel.decision_list.value
    assert "Kommunstyrelsen &lt;b&gt;" in listed and re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", listed)
    assert panel.confirm_box.layout.display == "none"


def test_comparison_reads_like_a_manager_would(tmp_path):
    app, panel = _panel(tmp_path)
    app.state = {"weights": {"nytta": 0.2}, "budget": 22e6,
                 "overrides": {"category": "__alla__"}, "method": "wsum"}
    panel.name.value = "A"
    panel.save()
    app.state = {"weights": {"nytta": 0.35}, "budget": 30.5e6,
                 "overrides": {"category": "E-tjänst"}, "method": "topsis"}
    panel.name.value = "B"
    panel.save()
    html = panel.compare("A", "B")
    for raw in ("22000000", "__alla__", "0.2", "Budget (kr)", "wsum"):
        assert raw not in html, raw
    assert "22,0 mnkr" in html and "30,5 mnkr" in html
    assert "20\u00a0%" in html and "35\u00a0%" in html and "Alla" in html and "TOPSIS" in html


def test_the_visit_remembers_the_scenario_and_names_it_on_the_page(tmp_path):
    from kstad_analysis.ui.visit import Visit

    app, panel = _panel(tmp_path)
    assert "Inget scenario öppnat" in panel.topbar.value
    visit = Visit(None, panel.store)
    panel.attach(visit)
    assert f"besok={visit.id}" in panel.topbar.value  # links keep the visit
    panel.name.value = "Förslag <i>A</i>"
    panel.save()
    assert "Förslag &lt;i&gt;A&lt;/i&gt;" in panel.topbar.value
    app2, other = _panel(tmp_path)  # the next app of the same visit opens it
    other.attach(Visit(visit.id, Store(tmp_path)))
    assert [s.name for s in app2.applied] == ["Förslag <i>A</i>"]
    assert "Förslag &lt;i&gt;A&lt;/i&gt;" in other.topbar.value


def test_compare_with_itself_is_refused(tmp_path):
    calls = []
    app, panel = _panel(tmp_path, compare=lambda a, b: calls.append((a, b)) or "")
    panel.name.value = "A"
    panel.save()
    panel.comparison.value = "<p>förra jämförelsen</p>"
    assert panel.compare("A", "A") == ""
    assert "Välj två olika scenarier" in panel.status.value and "kstad-error" in panel.status.value
    assert calls == [] and panel.comparison.value == "<p>förra jämförelsen</p>"
