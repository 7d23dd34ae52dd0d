"""The Gemensamma behov, Budget and Effekthemtagning apps without a browser.

Each app is built on small plans written as real xlsx files, its callbacks
are driven like Voila would (setting widget values, clicking), and hostile
values a visitor could send over the websocket are tried on every entry.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape as html_escape

import numpy as np
import pandas as pd
import pytest

from kstad_analysis import benefits, budget
from kstad_analysis.intake import read_plans
from kstad_analysis.scenario import Scenario
from kstad_analysis.shared_needs import GroupingDecision
from kstad_analysis.store import Store
from kstad_analysis.ui.budget_app import BudgetApp
from kstad_analysis.ui.data_source import DataSource
from kstad_analysis.ui.effekt import ALL, EffektApp
from kstad_analysis.ui.gemensamma import GemensammaApp
from tests.plans import need_row, write_xlsx

HOSTILE = "<script>alert(1)</script>"
DEPARTMENTS = ("Barn- och ungdomsförvaltningen", "Vård- och omsorgsförvaltningen",
               "Miljöförvaltningen", "Kommunledningskontoret")
SIGNING = "Digital signering av avtal och beslut med e-legitimation"
TODAY = dt.date(2027, 6, 1)


def _rows() -> list[dict[str, object]]:
    rows = []
    for k, dep in enumerate(DEPARTMENTS[:3]):  # one need three förvaltningar share
        rows.append(need_row(f"SIG-{k + 1}", dep, Titel=SIGNING if k else HOSTILE + " " + SIGNING,
                             Beskrivning="Underskrift digitalt med e-legitimation i stället för papper.",
                             **{"Investering (kr)": 400_000 + 100_000 * k,
                                "Driftkostnad per år (kr)": 50_000}))
    distinct = [
        ("Skolskjuts med ruttplanering", "Planera skolskjutsar och meddela vårdnadshavare."),
        ("Sensorer för inomhusklimat i skolor", "Mäta temperatur och koldioxid i klassrum."),
        ("Digital nattillsyn med kamera", "Kamera i stället för fysiska besök nattetid."),
        ("Robot för fakturakontroll", "Mjukvarurobot som kontrollerar leverantörsfakturor."),
        ("Bokning av lokaler för föreningar", "Föreningar bokar idrottshallar i en e-tjänst."),
        ("Tillsyn av livsmedel i mobilen", "Inspektörer dokumenterar tillsynen på plats."),
    ]
    for k, (title, text) in enumerate(distinct):
        rows.append(need_row(f"D-{k + 1}", DEPARTMENTS[k % 4], Titel=title, Beskrivning=text,
                             **{"Investering (kr)": 150_000 * (k + 1),
                                "Övrig nytta per år (kr)": 20_000 * (k + 1),
                                "Lagkrav (ja/nej)": "ja" if k == 0 else "nej",
                                "Startår": 2027 + k % 2}))
    return rows


REGISTER = [
    {"ID": "D-1", "Nytta": "Färre samtal", "Nyttotyp": "omfördelning", "År": 2025,
     "Planerad nytta (kr)": 100_000, "Realiserad nytta (kr)": 50_000, "Ansvarig för realisering": "Rektor"},
    {"ID": "D-2", "Nytta": "Lägre energi", "Nyttotyp": "finansiell", "År": 2025,
     "Planerad nytta (kr)": 80_000, "Realiserad nytta (kr)": None, "Ansvarig för realisering": "Chef"},
    {"ID": "D-3", "Nytta": "Färre besök", "Nyttotyp": "omfördelning", "År": 2026,
     "Planerad nytta (kr)": 60_000, "Realiserad nytta (kr)": 66_000, "Ansvarig för realisering": "Chef"},
]


@pytest.fixture
def plans(tmp_path):
    path = write_xlsx(tmp_path / "plan.xlsx", _rows(), register=REGISTER)
    loaded = read_plans([path])
    assert loaded.ok, loaded.errors
    return loaded


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "store")


def _ids(html: str) -> list[str]:
    return re.findall(r"<tr data-id='([^']+)'", html)


# --------------------------------------------------------------------------- Gemensamma behov


def _group_of(app: GemensammaApp, need: str) -> str:
    groups = app.shared.groups.set_index("id")["group_id"]
    return str(groups[need])


def test_groups_and_candidates_are_shown_escaped(plans, store):
    app = GemensammaApp(DataSource(plans), store)
    app.widget()
    assert _group_of(app, "SIG-1") == _group_of(app, "SIG-2") == _group_of(app, "SIG-3")
    groups = app.groups.value
    assert "<script>" not in groups and "&lt;script&gt;" in groups
    for dep in DEPARTMENTS[:3]:
        assert dep in groups
    assert set(_ids(app.candidates.value)) == {f"B-{_group_of(app, 'SIG-1')}"}
    candidate = app.candidates_frame.iloc[0]
    assert candidate["saving"] > 0
    shown_saving = f"{candidate['saving']:,.0f} kr".replace(",", "\u00a0")
    assert shown_saving in app.candidates.value
    assert "9 behov" in app.summary.value


def test_new_texts_show_embedding_progress_in_the_page(plans, store, monkeypatch):
    # A first upload sends its texts through the model; the page says how far it is.
    from kstad_analysis import embeddings
    from kstad_analysis.analysis import clear_cache

    shown: list[str] = []
    original = GemensammaApp._embedding_progress

    def watched(self, done, total):
        original(self, done, total)
        shown.append(self.summary.value)  # what the page shows at that moment

    embeddings.MEMORY.clear()
    clear_cache()
    monkeypatch.setattr(GemensammaApp, "_embedding_progress", watched)
    app = GemensammaApp(DataSource(plans), store)
    app.widget()
    distinct = app.shared.embedding["distinct"]  # 8: two of the 9 needs share a text
    assert app.shared.embedding["embedded"] == distinct == 8
    assert f"0 av {distinct} nya texter" in shown[0] and f"{distinct} av {distinct} nya texter" in shown[-1]
    assert "kstad-embedding" not in app.summary.value and "9 behov" in app.summary.value
    # a second visit finds every vector in the store: nothing to report
    shown.clear()
    embeddings.MEMORY.clear()
    clear_cache()
    GemensammaApp(DataSource(plans), store).widget()
    assert shown == []


def test_an_upload_in_the_budget_app_shows_embedding_progress_under_the_button(
        plans, store, tmp_path, monkeypatch):
    # Budget has no text of its own for this: the upload's status says how far it is.
    from kstad_analysis import embeddings
    from kstad_analysis.analysis import clear_cache

    app = BudgetApp(DataSource(plans), store)
    shown: list[str] = []
    original = DataSource._embedding_progress

    def watched(self, done, total):
        original(self, done, total)
        shown.append(self.status.value)

    monkeypatch.setattr(DataSource, "_embedding_progress", watched)
    embeddings.MEMORY.clear()
    clear_cache()
    extra = write_xlsx(tmp_path / "ny_plan.xlsx", [need_row("NY-1", DEPARTMENTS[3],
                                                            Titel="Sensorer för fukt i skolor")])
    assert app.source.load_uploads([{"name": "ny_plan.xlsx", "content": extra.read_bytes()}],
                                   mode="add") is not None
    assert shown and "nya texter" in shown[0] and "kstad-embedding" in shown[-1]
    assert "kstad-embedding" not in app.source.status.value  # the file status is back
    assert "ny_plan.xlsx" in app.source.status.value


def test_threshold_slider_regroups_and_is_cached(plans, store):
    app = GemensammaApp(DataSource(plans), store)
    low = app.shared
    app.threshold.value = 0.95
    assert app.shared.threshold == 0.95
    assert len(app.shared.summary) > len(low.summary)
    assert _group_of(app, "SIG-1") != _group_of(app, "SIG-2")  # different wording parts at 0.95
    assert app.groups.value.count("class='kstad-group'") < low.summary["size"].gt(1).sum() + 1
    app.threshold.value = round(low.threshold, 2)
    assert app.shared is low  # the result for a threshold already seen is reused


def test_split_and_not_same_are_saved_applied_and_deleted(plans, store):
    app = GemensammaApp(DataSource(plans), store)
    assert app.save_decision("split", "SIG-2", "", "Analytiker", "eget avtalsflöde") is not None
    assert _group_of(app, "SIG-2") not in {_group_of(app, "SIG-1"), _group_of(app, "SIG-3")}
    assert app.save_decision("not_same", "SIG-1", "SIG-3") is not None
    assert _group_of(app, "SIG-1") != _group_of(app, "SIG-3")
    saved = store.grouping_decisions()
    assert [d.kind for d in saved] == ["split", "not_same"] and saved[0].author == "Analytiker"
    assert len(app.decision_list.children) == 2
    # a second app (another kernel) applies the saved decisions too
    other = GemensammaApp(DataSource(plans), store)
    assert _group_of(other, "SIG-1") != _group_of(other, "SIG-3")
    for decision_id, _ in list(app.decisions):
        assert app.delete_decision(decision_id)
    assert store.grouping_decisions() == []
    assert _group_of(app, "SIG-1") == _group_of(app, "SIG-2") == _group_of(app, "SIG-3")


def test_merge_joins_two_groups(plans, store):
    app = GemensammaApp(DataSource(plans), store)
    assert _group_of(app, "D-1") != _group_of(app, "D-2")
    app.kind.value = "merge"
    app.need_a.value, app.need_b.value = "D-1", "D-2"
    app.save_button.click()
    assert _group_of(app, "D-1") == _group_of(app, "D-2")
    assert "kstad-ok" in app.action_status.value


@pytest.mark.parametrize("kind, a, b", [
    ("merge", "SIG-1", "SIG-1"), ("<img src=x onerror=alert(1)>", "SIG-1", "SIG-2"),
    ("merge", HOSTILE, "SIG-2"), ("split", None, None), ("not_same", "SIG-1", 10**300),
    ("merge", "x" * 10_000_000, "SIG-2"), (float("nan"), "SIG-1", "SIG-2"), ("split", ["SIG-1"], ""),
])
def test_hostile_decisions_are_refused(plans, store, kind, a, b):
    app = GemensammaApp(DataSource(plans), store)
    assert app.save_decision(kind, a, b, HOSTILE, "=HYPERLINK(\"http://x\")") is None
    assert store.grouping_decisions() == []
    assert "kstad-error" in app.action_status.value and "<script>" not in app.action_status.value
    assert not app.delete_decision("1; DROP TABLE grouping_decisions")
    assert not app.delete_decision(float("nan"))


def test_hostile_author_is_stored_verbatim_and_shown_escaped(plans, store):
    app = GemensammaApp(DataSource(plans), store)
    assert app.save_decision("split", "D-1", None, HOSTILE, "<b>not</b>")
    html = app.decision_list.children[0].children[1].value
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html
    assert store.grouping_decisions()[0].author == HOSTILE


def test_decisions_on_missing_needs_are_reported(plans, store):
    store.save_grouping_decision(GroupingDecision("merge", ("GONE-1", "SIG-1"), author="Tidigare"))
    app = GemensammaApp(DataSource(plans), store)
    assert app.shared.unresolved_decisions
    assert "kstad-badge-low" in app.decision_list.children[0].children[1].value


def test_threshold_from_scenario_is_clamped(plans, store):
    app = GemensammaApp(DataSource(plans), store)
    app._apply(Scenario(name="s", threshold=1.0))
    assert app.current_threshold() == 0.95
    app._apply(Scenario(name="s", threshold=0.0))
    assert app.current_threshold() == 0.05


# --------------------------------------------------------------------------- Budget


def test_budget_slider_changes_the_portfolio_and_rows_show_ids(plans, store):
    app = BudgetApp(DataSource(plans), store)
    app.widget()
    app.budget.value = app.budget.max
    everything = _ids(app.portfolio.value)
    assert {"SIG-1", "SIG-2", "SIG-3", "D-1"} <= set(everything)
    app.budget.value = 1.0
    small = _ids(app.portfolio.value)
    assert small != everything and "D-1" in small  # lagkrav stays in
    assert all(f"<td class='kstad-id'>{i}</td>" in app.portfolio.value for i in small)
    assert app.result.totals["cost"] <= 1.0e6 + 1e-6


def test_portfolio_matches_the_engine_and_naive_fill(plans, store):
    app = BudgetApp(DataSource(plans), store)
    app.budget.value = 2.0
    direct = budget.optimize(plans.needs, 2.0e6, scores=app.scores,
                             candidates=app.model.candidates, koncernnytta=app.model.koncernnytta,
                             running_budget=app.analysis.running_budget,
                             commitments=app.analysis.commitments, reasons=False)
    assert set(_ids(app.portfolio.value)) >= set(direct.portfolio["id"])
    assert app.result.totals["value"] == pytest.approx(direct.totals["value"])
    assert app.result.totals["value"] >= app.result.totals["naive_value"] - 1e-9
    assert "rangordning" in app.naive.value
    assert "<script>" not in app.portfolio.value + app.naive.value + app.rest.value


def test_frontier_is_computed_once_per_rule_change(plans, store, monkeypatch):
    app = BudgetApp(DataSource(plans), store)
    calls = []
    original = budget.BudgetResult.frontier
    monkeypatch.setattr(budget.BudgetResult, "frontier",
                        lambda self, *a, **k: calls.append(1) or original(self, *a, **k))
    for value in (1.0, 2.0, 3.5):
        app.budget.value = value
        assert app.chart.params.budget_msek == value
    assert calls == []
    app.value.value = "npv"
    assert len(calls) == 1
    assert app.frontier_frame["value"].dropna().is_monotonic_increasing


def test_must_exclude_and_infeasible_rules_are_explained(plans, store):
    app = BudgetApp(DataSource(plans), store)
    app.exclude.value = ("SIG-2",)
    assert "SIG-2" not in _ids(app.portfolio.value)
    app.must.value = ("SIG-2",)
    assert not app.result.result.feasible
    assert "kstad-error" in app.totals.value
    assert html_escape(app.result.explanation) in app.totals.value


def test_per_year_budgets(plans, store):
    app = BudgetApp(DataSource(plans), store)
    app.budget.value = app.budget.max
    app.per_year_on.value = True
    assert set(app.per_year()) == {2027, 2028}
    assert sum(app.per_year().values()) == pytest.approx(app.budget_kr(), rel=0.01)
    assert "kstad-per-year" in app.totals.value
    app.year_inputs[2028].text.value = "0"
    chosen = app.result.portfolio
    assert not (chosen["start_year"] == 2028).any()
    assert "mindre än totalbudgeten" in app.year_note.value  # the sum is checked against the total


def test_typed_amounts_are_read_the_swedish_way(plans, store):
    app = BudgetApp(DataSource(plans), store)
    app.budget_input.text.value = "1,5"
    assert app.budget_kr() == pytest.approx(1.5e6)  # not 15 mnkr, not snapped to a step
    assert app.budget.value == pytest.approx(1.5) and app.result.totals["budget"] == 1.5e6
    app.budget_input.text.value = "1 250 000 kr"  # an amount with its unit is converted
    assert app.budget_kr() == pytest.approx(1.25e6)
    app.budget_input.text.value = "2,5 mnkr"
    assert app.budget_kr() == pytest.approx(2.5e6)
    for bad in ("tio", "1.500", "1,5,5", "-3", HOSTILE, 12):  # refused, with a Swedish reason
        app.budget_input.text.value = bad if isinstance(bad, str) else "x"
        assert app.budget_kr() == pytest.approx(2.5e6)
        assert "kstad-error" in app.budget_input.message.value
        assert "<script>" not in app.budget_input.message.value
    app.budget_input.text.value = "500"  # above every known cost: kept, and said
    assert app.budget_kr() == 500e6 and app.budget.value == app.budget.max
    assert "större än alla kända investeringar" in app.budget_note.value
    app.budget.value = 1.0  # the slider again: the box follows, the note goes
    assert app.budget_input.text.value == "1" and app.budget_note.value == ""


def test_default_split_covers_each_years_lagkrav(plans, store):
    """Ticking "Budget per år" must not give "Ingen tillåten portfölj" at once:
    every year gets at least its lagkrav (and måste) cost, checked here
    against the plans' own rows."""
    from kstad_analysis.budget import required_per_year
    from kstad_analysis.ui.budget_app import default_split

    app = BudgetApp(DataSource(plans), store)
    needs = plans.needs
    legal = needs[needs["legal"].fillna(False).astype(bool)]
    lagkrav = legal.groupby(legal["start_year"].astype(int))["investment"].sum().to_dict()
    assert lagkrav  # the plans have a lagkrav with a start year
    # lagkrav and the commitments of the Uppföljning sheet, year by year
    floor = required_per_year(needs, sorted(app.year_inputs), commitments=app.analysis.commitments)
    assert all(floor[y] >= v - 1.0 for y, v in lagkrav.items())
    smallest = sum(floor.values()) + 1.0
    app.budget_input.text.value = f"{smallest / 1e6:.6f}".replace(".", ",")
    app.per_year_on.value = True
    per_year = app.per_year()
    for year, cost in floor.items():
        assert per_year[year] >= cost - 1.0
    assert app.result.result.feasible
    assert sum(per_year.values()) == pytest.approx(app.budget_kr(), rel=1e-6)
    split = default_split(needs, 10e6, [2027, 2028], must=("SIG-2",))
    sig2 = needs.set_index("id").loc["SIG-2"]
    year = int(sig2["start_year"])
    assert split[year] >= floor.get(year, 0) + sig2["investment"] - 1.0
    assert sum(split.values()) == pytest.approx(10e6)
    assert default_split(needs, 0.0, [2027]) == {2027: 0.0}


def test_hostile_budget_values_are_clamped(plans, store):
    app = BudgetApp(DataSource(plans), store)
    app.budget.value = -5
    assert app.budget_kr() == 0.0
    app.budget.value = 1e300
    assert app.budget_kr() == app.model.max_msek * 1e6
    app.budget.value = float("nan")
    assert np.isfinite(app.budget_kr())
    app._apply(Scenario(name="x", budget=1e12, must=("NOPE", HOSTILE), exclude=("SIG-1",),
                        value="npv", per_year={1990: 5.0}))
    assert app.must.value == () and app.exclude.value == ("SIG-1",)
    assert app.per_year() == {} and app.value_kind() == "npv"
    assert app.budget_kr() == 1e12  # the scenario's amount, not capped without a word
    assert app.budget.value == app.budget.max and "större än" in app.budget_note.value


def test_budget_scenario_round_trip_and_compare(plans, store):
    app = BudgetApp(DataSource(plans), store)
    app.budget.value = 1.5
    app.must.value = ("SIG-3",)
    app.scenarios.name.value = "Liten <b>budget</b>"
    assert app.scenarios.save() == 1
    app.budget.value = app.budget.max
    app.must.value = ()
    app.scenarios.name.value = "Stor"
    app.scenarios.save()
    app.scenarios.load("Liten <b>budget</b>")
    assert app.budget.value == 1.5 and app.must.value == ("SIG-3",)
    html = app.scenarios.compare("Liten <b>budget</b>", "Stor")
    assert "Bara i Stor" in html and "<b>budget</b>" not in html


def test_scenario_weights_drive_the_portfolio_like_the_report(plans, store):
    """The Budget app values needs in nyttopoäng with the loaded scenario's
    weights, computed independently here from the criteria values."""
    from kstad_analysis.benefit_value import ValueModel, benefit_points
    from kstad_analysis.ranking import Ranker

    app = BudgetApp(DataSource(plans), store)
    app.budget.value = 2.0
    default = set(app.result.portfolio["id"])
    assert "standardvikterna" in app.weights_line.value
    weights = {"nytta": 1.0}
    store.save_scenario(Scenario(name="Nytta <i>först</i>", weights=weights, budget=2.0e6))
    app.scenarios.refresh()
    app.scenarios.load("Nytta <i>först</i>")
    chosen = set(app.result.portfolio["id"])
    assert chosen != default
    assert "egna vikter från scenario Nytta &lt;i&gt;först&lt;/i&gt;" in app.weights_line.value
    ranker = Ranker(plans.needs, koncernnytta=app.model.koncernnytta)
    points, _, _ = benefit_points(ranker.matrix, list(ranker.keys), weights, ValueModel.load())
    values = pd.Series(points, index=ranker.ids)
    direct = budget.optimize(plans.needs, 2.0e6, scores=values, candidates=app.model.candidates,
                             running_budget=app.analysis.running_budget,
                             commitments=app.analysis.commitments, reasons=False)
    assert chosen == set(direct.portfolio["id"])
    assert app._collect()["weights"] == weights  # saved back, not lost
    app.scenarios.name.value = "Kopia"
    app.scenarios.save()
    assert store.load_scenario("Kopia").weights == weights
    store.save_scenario(Scenario(name="Kostnad", weights={"kostnad": 1.0}, budget=2.0e6))
    app.scenarios.refresh()
    app.scenarios.load("Kostnad")  # cost is the budget, not a benefit: said on the page
    assert app.result is None and "nyttokriterierna" in app.totals.value
    store.save_scenario(Scenario(name="Balans", preset="Balanserad", budget=2.0e6))
    app.scenarios.refresh()
    app.scenarios.load("Balans")
    assert "Vikter: Balanserad" in app.weights_line.value
    html = app.scenarios.compare("Kopia", "Balans")  # each with its own weights
    assert "Bara i Kopia" in html or "Bara i Balans" in html


# --------------------------------------------------------------------------- Prioritering


@pytest.fixture
def prio(plans, tmp_path, monkeypatch):
    monkeypatch.setenv("KSTAD_STORE_DIR", str(tmp_path / "prio-store"))
    from kstad_analysis.ui.prioritering import PrioriteringApp

    return PrioriteringApp(DataSource(plans))


def test_prioritering_scenario_restores_the_filters(prio):
    from kstad_analysis.ui.prioritering import ALL

    prio.department.value = DEPARTMENTS[1]
    prio.category.value = "E-tjänst"
    prio.sliders["kostnad"].value = 0.9
    prio.scenarios.name.value = "Filtrerad"
    assert prio.scenarios.save() == 1
    prio.department.value = prio.category.value = ALL
    prio.sliders["kostnad"].value = 0.1
    prio.scenarios.load("Filtrerad")
    assert prio.department.value == DEPARTMENTS[1] and prio.category.value == "E-tjänst"
    assert prio.sliders["kostnad"].value == 0.9
    shown = set(re.findall(r"data-id='([^']+)'", prio.ranking.value))
    assert shown == {"D-2", "D-6", "SIG-2"}  # only that förvaltning is shown
    prio._apply(Scenario(name="fientlig", overrides={"department": HOSTILE, "category": 5}))
    assert prio.department.value == ALL and prio.category.value == ALL
    prio._apply(Scenario(name="gammal"))  # saved before filters existed
    assert prio.department.value == ALL and prio.category.value == ALL


def test_prioritering_smaa_is_cached_by_rounded_weights(prio, monkeypatch):
    calls = []
    original = prio.model.ranker.smaa
    monkeypatch.setattr(prio.model.ranker, "smaa",
                        lambda *a, **k: calls.append(k["weight_bounds"]) or original(*a, **k))
    slider = prio.sliders["kostnad"]
    start = slider.value
    robust_before = prio.ranking.value
    slider.value = 0.8
    slider.value = start  # back again: from the cache
    assert len(calls) == 1 and prio.ranking.value == robust_before
    slider.value = 0.8
    assert len(calls) == 1
    exact = prio.update()  # the ranking uses the exact weights, the cache only SMAA
    prio.sliders["kostnad"].value = 0.8000001  # a visitor can send more decimals
    assert len(calls) == 1
    assert exact["score"].to_numpy() != pytest.approx(prio.update()["score"].to_numpy(), abs=0)
    prio.top_n.value = 3
    assert len(calls) == 2  # top N is part of the key
    for k in range(80):  # the cache stays small
        slider.value = round(k / 100, 2)
    assert len(prio.model.smaa_cache) <= 64


# --------------------------------------------------------------------------- Effekthemtagning


def test_benefit_types_are_shown_apart_and_match_the_engine(plans):
    app = EffektApp(DataSource(plans), today=TODAY)
    app.widget()
    params = benefits.BenefitParams.load()
    flows = benefits.yearly_flows(plans.needs, params)
    first, last = params.base_year, params.base_year + params.years  # the calculation period
    complete = flows[flows["complete"] & flows["year"].between(first, last)]
    for column, css in (("it_cost", "kstad-kpi-cost"), ("benefit_financial", "kstad-kpi-fin")):
        expected = f"{complete[column].sum() / 1e6:.1f}".replace(".", ",")
        assert re.search(rf"{css}'><span[^>]*>[^<]*</span><span[^>]*>{expected} mnkr", app.kpis.value)
    head = app.per_year.value.split("</thead>")[0]
    assert "Finansiell nytta" in head and "Omfördelningsnytta" in head
    assert "Nytta inkl. omfördelning" in head and "Netto, endast finansiell" in head
    kinds = set(app.chart.chart.layer[0].data["kind"])
    assert kinds == {"IT-kostnad", "Finansiell nytta", "Omfördelningsnytta"}
    assert "Återbetalning" in app.payback.value


def test_department_filter_and_parameters_recompute(plans):
    app = EffektApp(DataSource(plans), today=TODAY)
    before = app.kpis.value
    app.department.value = DEPARTMENTS[1]
    frame, who = app.selection()
    assert who == DEPARTMENTS[1] and app.kpis.value != before
    assert app.per_department.value == ""  # the per-department table is for "all"
    assert DEPARTMENTS[1] in app.chart.chart.title
    pv = app.kpis.value
    app.rate.value = 8.0
    assert app.params().rate == pytest.approx(0.08) and app.kpis.value != pv
    app.years.value = 10
    assert app.params().years == 10
    expected = benefits.by_department(benefits.yearly_flows(plans.needs, app.params()))
    part = expected[expected["department"] == DEPARTMENTS[1]]
    assert frame["it_cost"].sum() <= part["it_cost"].sum() + 1e-6


def test_hostile_effect_parameters_are_clamped(plans):
    app = EffektApp(DataSource(plans), today=TODAY)
    for bad in (float("nan"), float("inf"), -1e300):
        app.rate.value = bad
        assert 0.0 <= app.params().rate <= 0.10
    app.years.value = 10**6
    assert app.params().years <= benefits.YEARS_MAX
    app._quiet = True
    app.department.options = [("x", ALL), ("y", HOSTILE)]
    app.department.value = HOSTILE
    app._quiet = False
    assert app.chosen_department() == HOSTILE  # an offered option is used …
    app.update()
    # chart titles are Vega text (drawn as SVG text, never parsed as HTML); HTML parts escape
    assert app.chart.chart.title.endswith(HOSTILE)
    for part in (app.kpis, app.payback, app.per_year, app.per_department, app.realisation,
                 app.message):
        assert "<script>" not in part.value


def test_realisation_flags_overdue_and_below_plan(plans):
    app = EffektApp(DataSource(plans), today=TODAY)
    html = app.realisation.value
    rows = dict(re.findall(r"<tr data-id='([^']+)' data-flags='([^']*)'", html))
    assert rows == {"D-1": "under plan", "D-2": "försenad", "D-3": ""}
    assert "kstad-badge-low" in html and "kstad-badge-mid" in html
    app.department.value = DEPARTMENTS[2]  # D-3 belongs to Miljöförvaltningen
    assert re.findall(r"<tr data-id='([^']+)'", app.realisation.value) == ["D-3"]


def test_bad_upload_keeps_every_app_on_its_data(plans, store, tmp_path):
    source = DataSource(plans)
    apps = [GemensammaApp(source, store), BudgetApp(source, store), EffektApp(source, today=TODAY)]
    bad = write_xlsx(tmp_path / "fel.xlsx", [need_row("X-1", **{"Risk (1-5)": 9})])
    assert source.load_uploads([{"name": "fel.xlsx", "content": bad.read_bytes()}]) is None
    assert "fel.xlsx" in source.status.value and "Risk (1-5)" in source.status.value
    assert "SIG-1" in _ids(apps[1].portfolio.value) or apps[1].result is not None
    good = write_xlsx(tmp_path / "ny.xlsx", [need_row("NY-1"), need_row("NY-2", DEPARTMENTS[1])])
    assert source.load_uploads([{"name": "ny.xlsx", "content": good.read_bytes()}]) is not None
    assert set(apps[0].shared.groups["id"]) == {"NY-1", "NY-2"}
    assert set(_ids(apps[1].portfolio.value)) <= {"NY-1", "NY-2"}
    assert [v for _, v in apps[2].department.options][1:] == sorted(["Barn- och ungdomsförvaltningen",
                                                                      DEPARTMENTS[1]])
    assert np.isfinite(apps[1].budget.max)


def test_notebook_entry_points_build_widgets(plans, monkeypatch, tmp_path):
    monkeypatch.setenv("KSTAD_STORE_DIR", str(tmp_path / "s"))
    from kstad_analysis.ui import budget_app, effekt, gemensamma

    monkeypatch.setattr("kstad_analysis.ui.data_source.app_plans", lambda: plans)
    for build in (gemensamma.gemensamma_app, budget_app.budget_app, effekt.effekt_app):
        page = build()
        assert page._dom_classes and page.children


def test_effekt_follows_the_visits_scenario_portfolio(plans, store):
    """Effekthemtagning shows the benefits of the portfolio of the scenario the
    visit opened, exactly as the analysis chain computes them."""
    from kstad_analysis.analysis import Analysis
    from kstad_analysis.ui.visit import Visit

    scenario = Scenario(name="Liten <b>portfölj</b>", budget=1.0e6)
    store.save_scenario(scenario)
    visit = Visit(None, store)
    visit.remember_scenario(scenario.name)
    app = EffektApp(DataSource(plans), today=TODAY, store=store)
    all_cost = app.flows(app.params())[2]["it_cost"].sum()
    app.on_visit(visit)
    assert app.chosen_basis() == scenario.name
    assert "Liten &lt;b&gt;portfölj&lt;/b&gt;" in app.topbar.value + app.basis_note.value
    chain = Analysis.build(plans, store.load_scenario(scenario.name), store_dir=store.directory)
    expected = chain.benefits(chain.portfolio(), app.params())
    shown = app.flows(app.params())[2]
    assert shown["it_cost"].sum() == pytest.approx(expected.municipality["it_cost"].sum())
    assert shown["it_cost"].sum() < all_cost
    app.basis.value = ALL
    assert app.flows(app.params())[2]["it_cost"].sum() == pytest.approx(all_cost)


def test_groups_show_why_and_an_analyst_can_rename_them(plans, store):
    app = GemensammaApp(DataSource(plans), store)
    app.widget()
    group = _group_of(app, "SIG-1")
    why = app.shared.explain("SIG-2")["text"]
    assert why and html_escape(why) in app.groups.value  # the reason per member
    assert group in [value for _, value in app.rename_group.options]
    assert app.rename(group, HOSTILE + " Signering", "Eva") is True
    assert store.group_names()[0].name == HOSTILE + " Signering"  # stored verbatim
    assert "<script>" not in app.groups.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Signering" in app.groups.value
    assert "namn satt av analytiker" in app.groups.value
    for bad_group, bad_name in ((group, ""), (group, "   "), (group, ["x"]), ("G-NOPE", "x"),
                                (["G"], "x"), (None, "x")):
        assert app.rename(bad_group, bad_name) is False
        assert "kstad-error" in app.action_status.value
    assert app.rename(group, "x" * 10_000)  # cut to the limit, not refused
    assert len(store.group_names()[0].name) <= 120
    assert app.unname(group) is True and store.group_names() == []
    assert "namn satt av analytiker" not in app.groups.value
    assert app.unname("G-NOPE") is False
