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


def _panel(tmp_path, app=None, compare=None, user=None):
    app = app or FakeApp()
    return app, ScenarioPanel(app.collect, app.apply, lambda: "abc123", compare=compare,
                              store=Store(tmp_path), user=user)


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
    assert panel.save() is None  # refused with a message, not silently cut to 120 characters
    assert "Författaren" in panel.status.value and "kstad-error" in panel.status.value
    panel.author.value = "Eva"
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


POLICY = {"roller": {"analytiker": {"anvandare": ["anna"]}, "beslutsfattare": {"grupper": ["KS"]}}}


def _hub_user(name, groups=()):
    from kstad_analysis.access import user_named

    return user_named(name, groups, policy=POLICY)


def test_names_and_notes_are_refused_not_silently_changed(tmp_path):
    """Defect 8: ``"a\nb"`` was saved as a new version of "ab"; a long note was cut."""
    from kstad_analysis.scenario import NOTE_MAX

    _, panel = _panel(tmp_path)
    panel.name.value = "ab"
    assert panel.save() == 1
    refused = 0
    for name, note in (("a\nb", ""), ("a\x1bb", ""), ("a\u202eb", ""), ("", ""), ("   ", ""),
                       ("x" * 121, ""), ("ab", "n" * (NOTE_MAX + 1)), ("ab", "a\x00b")):
        panel.name.value, panel.note.value = "ab", ""
        panel.name.value, panel.note.value = name, note  # type: ignore[assignment]
        assert panel.save() is None, (name, note[:10])
        assert "kstad-error" in panel.status.value
        refused += 1
    assert refused == 8
    assert list(panel.store.history("ab")["version"]) == [1]  # nothing saved as a new version
    panel.name.value, panel.note.value = "ab", "rad 1\nrad 2"  # a note may have lines
    assert panel.save() == 2
    assert panel.store.load_scenario("ab").note == "rad 1\nrad 2"


def test_the_login_is_shown_and_recorded_not_a_typed_name(tmp_path):
    lars = _hub_user("lars")
    _, panel = _panel(tmp_path, user=lars)
    assert "Inloggad som lars (läsare)" in panel.login.value
    assert panel.author.layout.display == "none" and panel.decide_button.disabled
    panel.name.value, panel.author.value = "Lars förslag", "Kommunstyrelsen"  # a forged author
    assert panel.save() == 1
    assert panel.store.history("Lars förslag")["author"].tolist() == ["lars"]
    assert panel.store.audit_log()["user"].tolist()[-1] == "lars"


def test_a_reader_cannot_decide_even_by_sending_the_click(tmp_path):
    _, panel = _panel(tmp_path, user=_hub_user("lars"))
    panel.name.value = "A"
    panel.save()
    panel.decide("A")  # the button is disabled, but a visitor can send the click
    assert "lars får inte markera" in panel.status.value
    panel._pending = ("A", 1)  # even with the confirmation forced open
    panel.confirm_decision()
    assert "lars får inte markera" in panel.status.value and panel.store.decisions() == []


def test_a_decision_records_the_version_open_and_refuses_a_stale_one(tmp_path):
    dora = _hub_user("dora", ["KS"])
    app, panel = _panel(tmp_path, user=dora)
    panel.name.value = "A"
    panel.save()  # version 1, open on dora's page
    other = Store(tmp_path)
    newer = other.load_scenario("A").to_dict()
    newer["budget"] = 5e6
    from kstad_analysis.scenario import Scenario

    other.save_scenario(Scenario.from_dict(newer), user=_hub_user("anna"))  # v2 meanwhile
    panel.decide("A")
    assert "A version 1" in panel.confirm_text.value
    panel.confirm_decision()
    assert "har ändrats sedan du öppnade version 1 (senaste är 2)" in panel.status.value
    assert "kstad-error" in panel.status.value and panel.store.decisions() == []
    assert panel.load("A").budget == 5e6  # open it again: now v2 is on the page
    panel.decide("A")
    panel.confirm_decision()
    record = panel.store.decisions()[0]
    assert (record.scenario_version, record.decided_by) == (2, "dora")


def test_deciding_on_a_scenario_not_open_opens_it_first(tmp_path):
    app, panel = _panel(tmp_path, user=_hub_user("dora", ["KS"]))
    panel.name.value = "A"
    panel.save()
    app.state["budget"] = 3e6
    panel.name.value = "B"
    panel.save()
    panel.decide("A")  # B is open: A is opened, so the decider sees what they decide
    assert app.applied and app.applied[-1].name == "A" and panel.loaded == ("A", 1)
    panel.confirm_decision()
    assert panel.store.decisions()[0].scenario_name == "A"
