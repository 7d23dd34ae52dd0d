"""Viktning i grupp without a browser: views by link, hostile widget values, closing."""

from __future__ import annotations

import re

import pytest

from kstad_analysis.analysis import Analysis
from kstad_analysis.constants import APPS
from kstad_analysis.intake import load_sample
from kstad_analysis.store import Store
from kstad_analysis.ui.viktning import ParticipantView, ViktningApp, parse_query
from kstad_analysis.ui.viktning_group import GroupView


@pytest.fixture(scope="module")
def plans():
    return load_sample()


@pytest.fixture
def app(tmp_path, plans) -> ViktningApp:
    return ViktningApp(Store(tmp_path), plans)


def _open(app: ViktningApp, names: str = "Anna\nBo\n<b>Cecilia</b>") -> GroupView:
    form = app.view
    form.name.value = "Ledningsgruppen <script>"
    form.people.value = names
    form.button.click()
    assert isinstance(app.view, GroupView)
    return app.view


def _link(view: GroupView, name: str) -> str:
    href = re.search(rf"data-name='{re.escape(name)}' href='\?([^']+)'", view.links.value)
    return href.group(1).replace("&amp;", "&")


def test_the_app_is_on_the_start_page():
    assert ("05_viktning.ipynb", "viktning.app_name") in APPS


def test_a_round_gives_personal_links_and_the_group_sees_the_answers(app, plans):
    view = _open(app)
    assert "&lt;b&gt;Cecilia&lt;/b&gt;" in view.links.value and "<b>Cecilia" not in view.links.value
    assert "<script>" not in view.widget.children[0].value
    anna = ViktningApp(app.store, plans)
    anna.open_query(_link(view, "Anna"))
    assert isinstance(anna.view, ParticipantView)
    page = anna.view
    assert "Anna" in page.widget.children[0].value
    for place, key in enumerate(["kostnad", "nytta", "strategi", "medborgare", "risk",
                                 "koncernnytta", "lagkrav"], start=1):
        page.ranks[key].value = place
    page.save_button.click()
    assert "version 1" in page.status.value
    bo = ViktningApp(app.store, plans)
    bo.open_query(_link(view, "Bo"))
    bo.view.kind.value = "direct"
    for key, slider in bo.view.points.items():
        slider.value = 100 if key == "nytta" else 0
    bo.view.save()
    view.refresh()
    assert "2 av 3 har svarat" in view.count.value
    group = view.group
    assert group.method == "mean"
    assert group.table.loc["Anna", "kostnad"] == pytest.approx(sum(1 / k for k in range(1, 8)) / 7)
    assert group.table.loc["Bo", "nytta"] == pytest.approx(1.0)
    # the tops come from the one chain: the group's top 10 is Analysis.ranking's
    expected = Analysis.build(plans).ranking(dict(group.weights)).table.sort_values("rank")
    tops, group_top = view.tops(group)
    assert group_top == expected["id"].astype(str).head(10).tolist()
    assert "kstad-top" in view.result.value and group_top[0] in view.result.value
    # a reload of Anna's page shows her saved answer
    again = ViktningApp(app.store, plans)
    again.open_query(_link(view, "Anna"))
    assert again.view.kind.value == "rank" and again.view.ranks["kostnad"].value == 1
    assert "version 1" in again.view.status.value


def test_participant_pages_never_show_others(app, plans):
    view = _open(app)
    anna = ViktningApp(app.store, plans)
    anna.open_query(_link(view, "Anna"))
    shown = anna.view.widget.children[0].value
    assert "Bo" not in shown and view.round.facilitator_token not in str(
        [getattr(c, "value", "") for c in anna.view.widget.children])
    for query in ("omgang=" + view.round.id + "&ledare=" + view.round.participants[0].token,
                  "omgang=" + view.round.id + "&nyckel=" + "A" * 24,
                  "omgang=../../etc&nyckel=x", "nyckel=" + view.round.participants[0].token,
                  "omgang=" + "x" * 5000):
        other = ViktningApp(app.store, plans)
        other.open_query(query)
        assert other.view is None, query[:80]
        assert "ogiltig" in other.body.children[0].value
    for nothing in (None, "", "theme=dark"):
        fresh = ViktningApp(app.store, plans)
        fresh.open_query(nothing)
        assert fresh.view.__class__.__name__ == "CreateForm"


def test_hostile_widget_values_are_refused(app, plans):
    view = _open(app)
    page = ViktningApp(app.store, plans)
    page.open_query(_link(view, "Bo"))
    part = page.view
    part.kind.value = "direct"
    for slider in part.points.values():
        slider.value = 0
    part.save()
    assert "kstad-error" in part.status.value  # all zero
    part.kind.value = "pairwise"
    key = next(iter(part.judgements))
    part.judgements[key].options = [("x", "<script>"), ("1", 1.0)]  # a forged option
    part.judgements[key].value = "<script>"
    part.save()
    assert "kstad-error" in part.status.value and "<script>" not in part.status.value
    part.kind.value = "rank"
    part.ranks["nytta"].value = part.ranks["kostnad"].value  # two criteria on one place
    part.save()
    assert "samma plats" in part.status.value
    assert app.store.answers_version(view.round.id) == (0, 0)


def test_inconsistent_pairwise_shows_what_to_reconsider(app, plans):
    view = _open(app)
    page = ViktningApp(app.store, plans)
    page.open_query(_link(view, "Anna"))
    part = page.view
    part.kind.value = "pairwise"
    part.judgements["nytta|kostnad"].value = 9.0
    part.judgements["kostnad|strategi"].value = 9.0
    part.judgements["nytta|strategi"].value = 1 / 9
    text = part.consistency.value
    assert "kstad-reconsider" in text and "Ompröva" in text and "skalan" in text
    part.judgements["nytta|strategi"].value = 1.0
    part.judgements["kostnad|strategi"].value = 1.0
    part.judgements["nytta|kostnad"].value = 1.0
    assert "hänger ihop" in part.consistency.value


def test_closing_saves_a_scenario_the_chain_uses(app, plans):
    view = _open(app, "Anna\nBo")
    for name, top in (("Anna", "kostnad"), ("Bo", "nytta")):
        page = ViktningApp(app.store, plans)
        page.open_query(_link(view, name))
        page.view.kind.value = "direct"
        for key, slider in page.view.points.items():
            slider.value = 80 if key == top else 10
        page.view.save()
    view.close_name.value = "Gruppens vikter"
    view.close_button.click()
    assert "kstad-closed" in view.close_status.value and view.close_button.disabled
    scenario = app.store.load_scenario("Gruppens vikter")
    assert scenario.weights == pytest.approx(dict(view.group.weights))
    chained = Analysis.build(plans, scenario)
    assert chained.weights().source == "scenario"
    assert chained.ranking().weights == pytest.approx(dict(view.group.weights))
    late = ViktningApp(app.store, plans)
    late.open_query(_link(view, "Anna"))
    assert late.view.save_button.disabled
    late.view.save()
    assert "stängd" in late.view.status.value


def test_parse_query_is_bounded():
    assert parse_query("omgang=a&omgang=b&nyckel=c") == {"omgang": "a", "nyckel": "c"}
    assert parse_query("a=" + "x" * 1000) == {} and parse_query(["x"]) == {}
