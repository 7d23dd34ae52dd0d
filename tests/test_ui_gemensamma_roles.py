"""Gemensamma behov under roles (issue 17): a läsare cannot save, delete or
name, even by sending the widget messages; the login is recorded; the decision
list does not leak widget models on re-render (defect 5)."""

from __future__ import annotations

import pytest
from ipywidgets.widgets.widget import _instances

from kstad_analysis.access import user_named
from kstad_analysis.intake import read_plans
from kstad_analysis.shared_needs import GroupingDecision
from kstad_analysis.store import Store
from kstad_analysis.ui.data_source import DataSource
from kstad_analysis.ui.gemensamma import GemensammaApp
from tests.plans import write_xlsx
from tests.test_ui_apps import _rows

POLICY = {"roller": {"analytiker": {"anvandare": ["anna"]}}}
LARS = user_named("lars", policy=POLICY)
ANNA = user_named("anna", policy=POLICY)


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    path = write_xlsx(tmp_path_factory.mktemp("plans") / "plan.xlsx", _rows())
    loaded = read_plans([path])
    assert loaded.ok, loaded.errors
    return loaded


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "store")


def test_a_reader_sees_disabled_controls_and_is_refused_in_every_callback(plans, store):
    store.save_grouping_decision(GroupingDecision("split", ("SIG-2",)), user=ANNA)
    app = GemensammaApp(DataSource(plans), store, user=LARS)
    app.widget()
    assert app.save_button.disabled and app.need_a.disabled and app.rename_button.disabled
    assert "analytiker" in app.role_note.value
    delete = app.decision_list.children[0].children[0]
    assert delete.disabled
    refused = 0
    # what a visitor can do by sending the messages of the disabled widgets
    attempts = [
        lambda: app.save_decision("merge", "SIG-1", "D-1", "anna", "smuggled"),
        lambda: app.save_button.click(),
        lambda: delete.click(),
        lambda: app.delete_decision(app.decisions[0][0]),
        lambda: app.rename(app.rename_group.options[-1][1], "Nytt namn"),
        lambda: app.rename_button.click(),
        lambda: app.unname(app.rename_group.options[-1][1]),
    ]
    for attempt in attempts:
        app.action_status.value = ""
        attempt()
        assert "lars får inte" in app.action_status.value, app.action_status.value
        refused += 1
    assert refused == len(attempts) == 7
    assert [(d.kind, d.ids) for d in store.grouping_decisions()] == [("split", ("SIG-2",))]
    assert store.group_names() == []
    assert set(store.audit_log()["user"]) == {"anna"}


def test_an_analyst_saves_and_deletes_under_their_login(plans, store):
    app = GemensammaApp(DataSource(plans), store, user=ANNA)
    assert not app.save_button.disabled and app.author.layout.display == "none"
    decision_id = app.save_decision("not_same", "SIG-1", "SIG-3", "Kommunstyrelsen", "olika avtal")
    assert decision_id is not None
    assert store.grouping_decisions()[0].author == "anna"  # the login, not the typed name
    assert app.delete_decision(decision_id)
    log = store.audit_log()
    assert log["action"].tolist() == ["save_grouping", "delete_grouping"]
    assert set(log["user"]) == {"anna"}


def test_re_rendering_the_decision_list_leaks_no_widget_models(plans, store):
    for k in range(1, 6):
        store.save_grouping_decision(GroupingDecision("split", (f"D-{k}",)), user=ANNA)
    app = GemensammaApp(DataSource(plans), store, user=ANNA)
    app.widget()
    assert len(app.decision_list.children) == 5
    app.threshold.value = 0.3
    before = len(_instances)
    for k in range(20):  # threshold moves, and saved decisions read again
        app.threshold.value = 0.3 + 0.01 * (k % 7 + 1)
        app.reload_decisions()
    assert len(_instances) - before <= 0, len(_instances) - before
    # a real change rebuilds the list and closes what it replaced
    store.save_grouping_decision(GroupingDecision("split", ("D-6",)), user=ANNA)
    before = len(_instances)
    old = app.decision_list.children
    app.reload_decisions()
    assert len(app.decision_list.children) == 6
    assert all(child.comm is None for child in old)  # closed
    assert len(_instances) - before == 8  # one row more: HBox, Button, HTML with layouts/styles
