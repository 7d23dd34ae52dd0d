"""Prioritering for a meeting room, without a browser: the list's row cap, a
clicked row explained (only known ids taken), the weights of a loaded
scenario by the chain's one rule, no "0 %" badges outside the top N."""

from __future__ import annotations

import re

import pytest

from kstad_analysis.scenario import Scenario
from kstad_analysis.ui import prioritering
from kstad_analysis.ui.data_source import DataSource
from tests.test_ui_apps import HOSTILE, plans  # noqa: F401  (fixture)


@pytest.fixture
def prio(plans, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("KSTAD_STORE_DIR", str(tmp_path / "prio-store"))
    return prioritering.PrioriteringApp(DataSource(plans))


def _rows(html: str) -> list[str]:
    return re.findall(r"<tr[^>]* data-id='([^']+)'", html)


def test_show_all_has_a_hard_row_cap(prio, monkeypatch):
    monkeypatch.setattr(prioritering, "LIST_ROWS", 2)
    monkeypatch.setattr(prioritering, "ROWS_MAX", 5)
    prio.update()
    assert len(_rows(prio.ranking.value)) == 2 and "Visa alla" in prio.ranking.value
    prio.show_all.value = True
    assert len(_rows(prio.ranking.value)) == 5  # of 9: never the whole of a huge upload
    assert "hela listan finns i Excel-filen" in prio.ranking.value
    assert len(next(iter(prio._export_sheets().values()))) == 9  # the download has them all


def test_a_clicked_row_is_explained_and_hostile_ids_are_ignored(prio):
    ids = _rows(prio.ranking.value)
    assert all(f"class='kstad-why' data-need='{i}'" in prio.ranking.value for i in ids)
    prio.row_pick.value = ids[3]
    assert prio.need.value == ids[3] and prio.row_pick.value == ""  # ready for the next click
    assert f"<th>{ids[3]}</th><th>{ids[2]}</th>" in prio.explanation.value  # vs the one above
    before = prio.explanation.value
    for bad in (HOSTILE, "NOPE", "x" * 10_000, ""):
        prio.row_pick.value = bad
        assert prio.need.value == ids[3] and prio.explanation.value == before
    prio.row_pick.value = ids[0]
    assert prio.need.value == ids[0] and f"<th>{ids[0]}</th>" in prio.explanation.value


def test_loaded_scenario_sets_the_sliders_by_the_chains_rule(prio):
    prio._apply(Scenario(name="bara kostnad", weights={"kostnad": 0.7}))
    expected = prio.model.analysis.slider_weights()
    assert expected["kostnad"] == 0.7 and sum(expected.values()) == pytest.approx(0.7)
    assert {k: s.value for k, s in prio.sliders.items()} == pytest.approx(expected)
    prio._apply(Scenario(name="förval", preset="Balanserad"))
    resolved = prio.model.analysis.weights(preset="Balanserad").as_dict()
    assert {k: s.value for k, s in prio.sliders.items()} == pytest.approx(
        {k: round(v, 2) for k, v in resolved.items()})


def test_no_zero_badges_outside_the_top_n(prio):
    prio.top_n.value = 2
    prio.show_all.value = True
    outside = re.findall(r"<tr data-id='[^']+'>(.*?)</tr>", prio.ranking.value)
    assert outside  # rows below the top N
    assert not any(re.search(r"kstad-badge-low'>0\s?%", row) for row in outside)
