"""Viktning i grupp under roles (issue 17): a läsare cannot open or close a
round, even by sending the widget messages, but answers through their own
link; the names recorded (round author, scenario author, audit) are logins."""

from __future__ import annotations

import re

import pytest

from kstad_analysis.access import local_user, user_named
from kstad_analysis.errors import AccessDenied
from kstad_analysis.intake import load_sample
from kstad_analysis.store import Store
from kstad_analysis.ui.viktning import CreateForm, ParticipantView, ViktningApp
from kstad_analysis.ui.viktning_group import GroupView

POLICY = {"roller": {"analytiker": {"anvandare": ["anna"]}}}
LARS = user_named("lars", policy=POLICY)  # läsare
ANNA = user_named("anna", policy=POLICY)  # analytiker
KEYS = ["kostnad", "nytta", "strategi"]


@pytest.fixture(scope="module")
def plans():
    return load_sample()


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "store")


def _link(view: GroupView, name: str) -> str:
    href = re.search(rf"data-name='{re.escape(name)}' href='\?([^']+)'", view.links.value)
    return href.group(1).replace("&amp;", "&")


def _answer(page: ParticipantView, top: str) -> None:
    page.kind.value = "direct"
    for key, slider in page.points.items():
        slider.value = 80 if key == top else 10
    page.save_button.click()


def test_a_reader_cannot_open_a_round_even_by_sending_the_messages(store, plans):
    app = ViktningApp(store, plans, user=LARS)
    form = app.view
    assert isinstance(form, CreateForm)
    assert form.button.disabled and form.name.disabled and form.people.disabled
    assert form.author.layout.display == "none"  # the login is recorded, nothing to type
    assert "analytiker" in form.role_note.value and "lars" in form.login.value
    attempts = [
        form.button.click,  # a forged click on the disabled button
        form.submit,
        lambda: app._open_round("Smuggel", KEYS, ["A", "B"], "anna"),
    ]
    for attempt in attempts:
        form.status.value = ""
        form.name.value, form.people.value = "Smuggel", "A\nB"
        attempt()
        assert "lars får inte leda gruppviktningsrundor" in form.status.value, form.status.value
        assert app.view is form  # still the form, no group view
    with pytest.raises(AccessDenied):  # the store checks again
        store.create_round("Smuggel", KEYS, ["A", "B"], user=LARS)
    with store._connection() as con:
        assert con.execute("SELECT COUNT(*) FROM weight_rounds").fetchone()[0] == 0
    assert store.audit_log().empty


def test_an_analyst_opens_and_closes_under_their_login_and_a_reader_answers(store, plans):
    app = ViktningApp(store, plans, user=ANNA)
    form = app.view
    assert not form.button.disabled and form.author.layout.display == "none"
    form.name.value, form.people.value = "Ledningsgruppen", "Lars\nAnna"
    form.author.value = "Kommunstyrelsen"  # a forged value of the hidden box
    form.button.click()
    view = app.view
    assert isinstance(view, GroupView) and not view.close_button.disabled
    assert view.round.author == "anna"
    # Lars, a läsare, answers through his personal link
    lars = ViktningApp(store, plans, user=LARS)
    lars.open_query(_link(view, "Lars"))
    assert isinstance(lars.view, ParticipantView)
    _answer(lars.view, "kostnad")
    assert "version 1" in lars.view.status.value, lars.view.status.value
    anna = ViktningApp(store, plans, user=ANNA)
    anna.open_query(_link(view, "Anna"))
    _answer(anna.view, "nytta")
    # Lars holding the facilitator's link may watch, not close
    watcher = ViktningApp(store, plans, user=LARS)
    watcher.open_query(f"omgang={view.round.id}&ledare={view.round.facilitator_token}")
    watching = watcher.view
    assert isinstance(watching, GroupView) and watching.close_button.disabled
    assert "2 av 2 har svarat" in watching.count.value
    watching.close_name.value = "Smugglat scenario"
    for attempt in (watching.close_button.click, watching.close):
        watching.close_status.value = ""
        attempt()
        assert "lars får inte leda gruppviktningsrundor" in watching.close_status.value
    with pytest.raises(AccessDenied):
        store.close_round(view.round.id, view.round.facilitator_token, "x", 1, user=LARS)
    assert not store.weight_round(view.round.id).closed
    assert store.list_scenarios().empty
    # Anna closes: the scenario's author is her login
    view.close_name.value = "Gruppens vikter"
    view.close_button.click()
    assert "kstad-closed" in view.close_status.value, view.close_status.value
    assert store.load_scenario("Gruppens vikter").author == "anna"
    log = store.audit_log()
    assert log[["user", "action"]].values.tolist() == [
        ["anna", "open_round"], ["lars", "save_answer"], ["anna", "save_answer"],
        ["anna", "save_scenario"], ["anna", "close_round"]]
    assert '"participant": "Lars"' in log["detail"][1]
    assert "öppnade viktningsomgång" in store.audit_table().iloc[0].tolist()


def test_an_unusable_login_cannot_even_answer(store, plans):
    created = store.create_round("Runda", KEYS, ["A", "B"], user=ANNA)
    app = ViktningApp(store, plans, user=ANNA)
    app.user = None  # what current_login() gives for a malformed hub login
    app.open_query(f"omgang={created.id}&nyckel={created.participants[0].token}")
    app.view.save_button.click()
    assert "Ingen inloggad användare" in app.view.status.value
    assert store.answers_version(created.id) == (0, 0)


def test_local_mode_keeps_the_typed_author_and_every_role(store, plans):
    local = local_user(policy={"lokalt": {"roller": ["analytiker", "beslutsfattare"]}})
    app = ViktningApp(store, plans, user=local)
    form = app.view
    assert not form.button.disabled and form.author.layout.display != "none"
    assert "Lokalt läge" in form.login.value
    form.name.value, form.people.value, form.author.value = "Runda", "A\nB", "Kommunstyrelsen"
    form.button.click()
    assert isinstance(app.view, GroupView)
    assert app.view.round.author == "Kommunstyrelsen"
