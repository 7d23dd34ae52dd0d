"""The scenario panel: save/load/compare/decide with hostile values."""

from __future__ import annotations

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
    panel.decide("B")
    assert "Av" in panel.status.value
    panel.author.value = "Kommunstyrelsen"
    panel.decide("B")
    assert panel.store.decisions()[0].scenario_name == "B"


def test_compare_with_itself_is_refused(tmp_path):
    calls = []
    app, panel = _panel(tmp_path, compare=lambda a, b: calls.append((a, b)) or "")
    panel.name.value = "A"
    panel.save()
    panel.comparison.value = "<p>förra jämförelsen</p>"
    assert panel.compare("A", "A") == ""
    assert "Välj två olika scenarier" in panel.status.value and "kstad-error" in panel.status.value
    assert calls == [] and panel.comparison.value == "<p>förra jämförelsen</p>"
