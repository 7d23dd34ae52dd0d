"""Budget: the best portfolio under the budget, the frontier, and the naive fill.

Why it is built this way: the slider path must stay fast, so everything that
does not depend on the amount is prepared once per data set in ``_Model``
(shared-needs detection with the saved analyst decisions, bastjänst
candidates, koncernnytta and the ``Ranker``). The scores come from that
Ranker with the weights and method of the loaded scenario (the report does
the same), so a weight change re-scores without rebuilding. A budget move runs one
exact optimisation (about 0.1 s on the sample) and moves the marker on the
frontier chart through a chart parameter, without re-sending the chart. The
frontier itself (some twenty optimisations, about a second) is recomputed
only when a rule changes (value kind, måste/uteslut, per-year budgets), and
after the portfolio has already been shown.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import altair as alt
import ipywidgets as w
import numpy as np
import pandas as pd

from kstad_analysis import benefits, guards
from kstad_analysis.analysis import Analysis, decisions_key
from kstad_analysis.budget import BudgetResult
from kstad_analysis.constants import VALUE_KINDS
from kstad_analysis.i18n import t
from kstad_analysis.intake import Plans
from kstad_analysis.scenario import BUDGET_MAX, IDS_MAX, Scenario
from kstad_analysis.store import Store
from kstad_analysis.ui.charts import live_chart, update_chart
from kstad_analysis.ui.common import esc, format_value
from kstad_analysis.ui.common import year as show_year
from kstad_analysis.ui.data_source import DataSource
from kstad_analysis.ui.exports import ExportPanel, budget_state
from kstad_analysis.ui.inputs import NumberBox, readout, swedish_number
from kstad_analysis.ui.scenarios import ScenarioPanel
from kstad_analysis.ui.visit import Visit
from kstad_analysis.weights import WeightError

MSEK = 1_000_000.0
STEP_MSEK = 0.5
DEFAULT_SHARE = 0.25
FRONTIER_LEVELS = 20
TIME_LIMIT = 10.0
LIST_MAX = 12
PARAM = "budget_msek"


@dataclass
class _Model:
    """Everything that depends on the data, the threshold and the saved grouping
    decisions, not on the rules: the analysis chain plus the page's lists."""

    analysis: Analysis
    titles: dict[str, str]
    years: list[int]
    cost_by_year: dict[int, float]
    max_msek: float

    @classmethod
    def build(cls, plans: Plans, threshold: float | None = None, store: Store | None = None,
              scenario: Scenario | None = None) -> _Model:
        analysis = Analysis.build(plans, scenario,
                                  store_dir=store.directory if store is not None else None,
                                  threshold=threshold)
        return cls.of(analysis)

    @classmethod
    def of(cls, analysis: Analysis) -> _Model:
        needs = analysis.needs
        titles = dict(zip(needs["id"].astype(str), needs["title"].fillna("").astype(str),
                          strict=True))
        invest = pd.to_numeric(needs["investment"], errors="coerce")
        start = needs["start_year"].astype("Float64")
        base = benefits.BenefitParams.load().base_year
        years = sorted(int(y) for y in start.dropna().unique() if int(y) >= base)
        cost_by_year = {y: float(invest[start == y].sum()) for y in years}
        total = float(invest.sum()) if len(needs) else 0.0  # slider range: known amounts only
        max_msek = max(STEP_MSEK, math.ceil(total / MSEK / STEP_MSEK) * STEP_MSEK)
        return cls(analysis, titles, years, cost_by_year, max_msek)

    @property
    def plans(self) -> Plans:
        return self.analysis.plans

    @property
    def needs(self) -> pd.DataFrame:
        return self.analysis.needs

    @property
    def candidates(self) -> pd.DataFrame | None:
        return self.analysis.candidates

    @property
    def koncernnytta(self) -> pd.Series | None:
        return self.analysis.koncernnytta

    def known(self) -> set[str]:
        return set(self.titles)


def _weights_label(analysis: Analysis) -> str:
    """Which weights the page scores with, by the chain's one rule."""
    choice = analysis.weights()
    name = analysis.scenario.name if analysis.scenario is not None else ""
    if choice.source == "scenario":
        return t("apps.budget.weights_scenario", name=name)
    if choice.source == "preset":
        return t("apps.budget.weights_preset", name=choice.preset or "")
    return t("apps.budget.weights_default")


class BudgetApp:
    """The widgets and callbacks of the Budget app."""

    def __init__(self, source: DataSource | None = None, store: Store | None = None):
        self.source = source or DataSource()
        self._store = store
        self._decisions_key = self._current_decisions()
        self.model = _Model.build(self.source.plans, store=store)
        self.weights_line = w.HTML()
        self.weights_line.add_class("kstad-weights-used")
        self.scores = self._score()
        self._quiet = False
        self._frontier_key: tuple | None = None
        self.frontier_frame = pd.DataFrame()
        self.result: BudgetResult | None = None
        self._budget_msek = self._default_budget()
        self.budget = w.FloatSlider(
            min=0.0, max=self.model.max_msek, step=STEP_MSEK, value=self._budget_msek,
            continuous_update=False, description=t("apps.budget.budget"),
            style={"description_width": "120px"}, layout=w.Layout(width="420px"))
        self.budget.add_class("kstad-budget")
        self.budget_readout = readout(self.budget, lambda v: f"{swedish_number(v)} {t('apps.msek')}")
        self.budget_input = NumberBox(t("apps.budget.budget_typed"), self._budget_msek, 0.0,
                                      BUDGET_MAX / MSEK, decimals=2, unit=t("apps.msek"),
                                      kr_per_unit=MSEK, css_class="kstad-budget-input")
        self.budget_note = w.HTML()
        self.budget_note.add_class("kstad-budget-note")
        self.year_note = w.HTML()
        self.year_note.add_class("kstad-year-note")
        self.per_year_on = w.Checkbox(value=False, description=t("apps.budget.per_year"),
                                      indent=False)
        self.per_year_on.add_class("kstad-per-year-on")
        self.year_inputs: dict[int, NumberBox] = {}
        self.year_box = w.VBox()
        self.value = w.ToggleButtons(
            options=[(t(f"apps.budget.value.{k}"), k) for k in VALUE_KINDS], value="benefit",
            description=t("apps.budget.value"))
        self.value.add_class("kstad-value")
        self.must = w.SelectMultiple(description=t("apps.budget.must"), rows=7,
                                     layout=w.Layout(width="520px"))
        self.must.add_class("kstad-must")
        self.exclude = w.SelectMultiple(description=t("apps.budget.exclude"), rows=7,
                                        layout=w.Layout(width="520px"))
        self.exclude.add_class("kstad-exclude")
        self.totals = w.HTML()
        self.totals.add_class("kstad-totals")
        self.naive = w.HTML()
        self.naive.add_class("kstad-naive")
        self.portfolio = w.HTML()
        self.portfolio.add_class("kstad-portfolio")
        self.rest = w.HTML()
        self.frontier_note = w.HTML()
        self.chart = live_chart(self._frontier_chart(pd.DataFrame()), css_class="kstad-frontier")
        self.scenarios = ScenarioPanel(self._collect, self._apply,
                                       lambda: self.model.plans.fingerprint,
                                       compare=self._compare, store=store,
                                       page="03_budget.ipynb")
        self.exports = ExportPanel(lambda: budget_state(self), "budgetforslag")  # ui/exports.py
        self.budget.observe(self._on_budget, names="value")
        self.budget_input.on_change(self._on_budget_typed)
        self.per_year_on.observe(self._on_per_year_toggle, names="value")
        for control in (self.value, self.must, self.exclude):
            control.observe(self._on_rule, names="value")
        self.source.on_change(self._on_data)
        self._fill_choices()
        self.update()

    # ------------------------------------------------------------------ state

    def _default_budget(self) -> float:
        """A starting point derived from the data: a quarter of all investment,
        rounded up to the slider step (never 0 kr for a small upload)."""
        return min(self.model.max_msek,
                   math.ceil(DEFAULT_SHARE * self.model.max_msek / STEP_MSEK) * STEP_MSEK)

    def budget_kr(self) -> float:
        """The total budget: the typed amount (any amount up to the scenario
        limit) or the slider's; never silently capped (see ``budget_note``)."""
        msek = guards.clamp_number(self._budget_msek, 0.0, BUDGET_MAX / MSEK,
                                   self._default_budget())
        return msek * MSEK

    def _set_budget(self, msek: float) -> None:
        """Show ``msek`` in the slider (at most its end) and the box, and say
        when it is beyond everything with a known cost."""
        self._budget_msek = guards.clamp_number(msek, 0.0, BUDGET_MAX / MSEK, self._budget_msek)
        quiet, self._quiet = self._quiet, True
        try:
            self.budget.value = min(self._budget_msek, self.model.max_msek)
            self.budget_input.set(self._budget_msek)
        finally:
            self._quiet = quiet
        over = self._budget_msek > self.model.max_msek
        note = t("apps.budget.above_all", total=swedish_number(self.model.max_msek))
        self.budget_note.value = f"<span class='kstad-muted'>{esc(note)}</span>" if over else ""

    def value_kind(self) -> str:
        return guards.choice(self.value.value, VALUE_KINDS, "benefit")

    def must_ids(self) -> tuple[str, ...]:
        return guards.ids_subset(self.must.value, self.model.known(), IDS_MAX)

    def exclude_ids(self) -> tuple[str, ...]:
        return guards.ids_subset(self.exclude.value, self.model.known(), IDS_MAX)

    def per_year(self) -> dict[int, float]:
        """Per-year budgets in kr, or {} when not used (every value clamped)."""
        if self.per_year_on.value is not True:
            return {}
        return {year: guards.clamp_number(box.value, 0.0, BUDGET_MAX / MSEK, 0.0) * MSEK
                for year, box in self.year_inputs.items()}

    def _check_years(self) -> None:
        """Say when the yearly budgets do not add up to the total (the
        smaller of the two is what can be spent)."""
        per_year = self.per_year()
        total = self.budget_kr()
        spent = sum(per_year.values())
        if not per_year or abs(spent - total) < 0.5 * MSEK / 100:
            self.year_note.value = ""
            return
        key = "apps.budget.years_above" if spent > total else "apps.budget.years_below"
        text = t(key, years=swedish_number(spent / MSEK, 2), total=swedish_number(total / MSEK, 2))
        self.year_note.value = f"<span class='kstad-warning'>{esc(text)}</span>"

    @property
    def analysis(self) -> Analysis:
        return self.model.analysis

    def _rules_key(self) -> tuple:
        """What the frontier depends on. Its per-year budgets scale with the
        total slider (see ``BudgetResult.frontier``), so the key holds each
        year's share of that total."""
        per_year = self.per_year()
        total = self.budget_kr()
        shares = tuple((y, round(v / total, 6)) for y, v in per_year.items()) if total else ()
        scenario = self.analysis.scenario
        chosen = scenario.to_json() if scenario is not None else ""
        return (self.model.plans.fingerprint, self.analysis.threshold, self.analysis.decisions_key,
                self.value_kind(), self.must_ids(), self.exclude_ids(), bool(per_year),
                tuple(sorted(per_year)) if not total else shares, chosen)

    def _score(self) -> pd.Series:
        """The chain's budget values (nyttopoäng with the loaded scenario's
        weights); unusable weights fall back to the defaults, said on the page."""
        try:
            values, _ = self.analysis.values("benefit")
            self.weights_line.value = (
                f"<span class='kstad-muted'>{esc(_weights_label(self.analysis))}</span>")
        except (WeightError, ValueError) as exc:
            values, _ = self.analysis.with_scenario(None).values("benefit")
            self.weights_line.value = (
                f"<span class='kstad-error'>{esc(t('apps.budget.weights_bad', error=exc))}</span>")
        return values

    def set_scenario(self, scenario: Scenario | None) -> None:
        """Score with a scenario's weights, method and threshold (the model is
        rebuilt only when the threshold differs)."""
        analysis = self.analysis.with_scenario(scenario)
        if analysis.threshold != self.analysis.threshold:
            self.model = _Model.of(analysis)
        else:
            self.model = _replace_analysis(self.model, analysis)
        self.scores = self._score()

    def _collect(self) -> dict[str, Any]:
        scenario = self.analysis.scenario
        return {"budget": self.budget_kr(), "per_year": self.per_year(),
                "must": list(self.must_ids()), "exclude": list(self.exclude_ids()),
                "value": self.value_kind(),
                "weights": dict(scenario.weights) if scenario is not None else {},
                "preset": scenario.preset if scenario is not None else None,
                "method": self.analysis.method, "threshold": self.analysis.threshold}

    def _apply(self, scenario: Scenario) -> None:
        known = self.model.known()
        self.set_scenario(scenario)
        self._quiet = True
        try:
            if scenario.budget is not None:
                self._set_budget(guards.clamp_number(scenario.budget / MSEK, 0.0,
                                                     BUDGET_MAX / MSEK, self._budget_msek))
            self.value.value = guards.choice(scenario.value, VALUE_KINDS, "benefit")
            self.must.value = guards.ids_subset(list(scenario.must), known, IDS_MAX)
            self.exclude.value = guards.ids_subset(list(scenario.exclude), known, IDS_MAX)
            wanted = {y: a for y, a in scenario.per_year.items() if y in self.year_inputs}
            self.per_year_on.value = bool(wanted)
            for year, box in self.year_inputs.items():
                box.set(wanted.get(year, 0.0) / MSEK)
            self.year_box.layout.display = None if wanted else "none"
        finally:
            self._quiet = False
        self.update()

    # ------------------------------------------------------------------ callbacks

    def _on_budget(self, _change: dict) -> None:
        if self._quiet:
            return
        self._set_budget(guards.clamp_number(self.budget.value, 0.0, self.model.max_msek,
                                             self._default_budget()))
        self.update()

    def _on_budget_typed(self, msek: float) -> None:
        self._set_budget(msek)
        self.update()

    def _on_rule(self, _change: dict) -> None:
        if not self._quiet:
            self.update()

    def _on_per_year_toggle(self, change: dict) -> None:
        if self._quiet:
            return
        on = change.get("new") is True
        if on:
            self._split_budget()
        self.year_box.layout.display = None if on else "none"
        self.update()

    def _split_budget(self) -> None:
        """Start per-year budgets from a split that can be met (see ``default_split``)."""
        split = default_split(self.model.needs, self.budget_kr(), list(self.year_inputs),
                              self.must_ids(), self.exclude_ids(), self.analysis.commitments)
        for year, box in self.year_inputs.items():
            box.set(split.get(year, 0.0) / MSEK)

    def on_visit(self, visit: Visit | None = None) -> None:
        """A visitor opened the preheated page: re-read saved scenarios and,
        if analysts changed the grouping meanwhile, rebuild the model; join
        the visit (its uploaded plans, its current scenario)."""
        visit = visit or Visit.from_request(self._store)
        before = self.model
        self.source.attach(visit)
        if self.model is before and self._current_decisions() != self._decisions_key:
            self._on_data(self.model.plans)
        self.scenarios.attach(visit)

    def _current_decisions(self) -> str:
        return decisions_key(self._store.directory if self._store is not None else None)

    def _on_data(self, plans: Plans) -> None:
        self._decisions_key = self._current_decisions()
        self.model = _Model.build(plans, store=self._store, scenario=self.analysis.scenario)
        self.scores = self._score()
        self._frontier_key = None
        self._quiet = True
        try:
            self.budget.max = self.model.max_msek
            self._set_budget(self._default_budget())
            self.per_year_on.value = False
        finally:
            self._quiet = False
        self._fill_choices()
        self.update()

    def _on_year(self, _value: float) -> None:
        if not self._quiet and self.per_year_on.value is True:
            self.update()

    # ------------------------------------------------------------------ computing

    def solve(self, reasons: bool = True) -> BudgetResult:
        """One exact optimisation with the current settings (raises ValueError, Swedish).

        ``reasons=False`` leaves out the counterfactual reasons (a re-solve per
        unfunded need, about a second): the slider path shows the portfolio
        first and the reasons right after."""
        try:
            ranking = self.analysis.ranking()
        except WeightError:
            ranking = self.analysis.with_scenario(None).ranking()
        return self.analysis.portfolio(
            ranking, budget=self.budget_kr(), per_year=self.per_year(), must=self.must_ids(),
            exclude=self.exclude_ids(), value=self.value_kind(), reasons=reasons,
            time_limit=TIME_LIMIT)

    def update(self) -> BudgetResult | None:
        """The slider path: optimise, show the portfolio, then the frontier if rules changed."""
        if self.model.needs.empty:
            self.portfolio.value = f"<p class='kstad-muted'>{esc(self.model.plans.summary())}</p>"
            self.totals.value = self.naive.value = self.rest.value = ""
            return None
        self._check_years()
        try:
            result = self.solve(reasons=False)
        except ValueError as exc:
            self.result = None
            self.totals.value = f"<p class='kstad-error'>{esc(t('apps.error', error=exc))}</p>"
            self.portfolio.value = self.naive.value = self.rest.value = ""
            return None
        self.result = result
        self._render(result)
        if result.result.feasible:  # then the true reasons for what is left out
            result = self.solve(reasons=True)
            self.result = result
            self.rest.value = self._rest_html(result)
        self._update_frontier(result)
        return result

    def _update_frontier(self, result: BudgetResult) -> None:
        key = self._rules_key()
        if key != self._frontier_key:
            try:
                frame = result.frontier(FRONTIER_LEVELS)
                self.frontier_note.value = ""
            except ValueError as exc:
                frame = pd.DataFrame()
                self.frontier_note.value = (
                    f"<p class='kstad-error'>{esc(t('apps.budget.frontier_none', error=exc))}</p>")
            self.frontier_frame = frame
            self._frontier_key = key
            update_chart(self.chart, self._frontier_chart(frame))
        self.chart.params.budget_msek = self.budget_kr() / MSEK

    # ------------------------------------------------------------------ rendering

    def _fill_choices(self) -> None:
        labels = [(f"{i} – {title}"[:90], i) for i, title in sorted(self.model.titles.items())]
        self._quiet = True
        try:
            self.must.options = labels
            self.exclude.options = labels
            self.must.value = self.exclude.value = ()
            self.year_inputs = {}
            for year in self.model.years:
                box = NumberBox(t("apps.budget.year", year=year), 0.0, 0.0, BUDGET_MAX / MSEK,
                                decimals=2, unit=t("apps.msek"), kr_per_unit=MSEK,
                                css_class=f"kstad-year-{year}")
                box.on_change(self._on_year)
                self.year_inputs[year] = box
            self.year_box.children = [
                w.HTML(f"<span class='kstad-muted'>{esc(t('apps.budget.per_year_help'))}</span>"),
                *(box.widget for box in self.year_inputs.values()), self.year_note]
            self.year_box.layout.display = "none"
        finally:
            self._quiet = False

    def _fmt_value(self, value: float) -> str:
        if value is None or not np.isfinite(value):
            return "–"
        return format_value(value, ".2") if self.value_kind() == "benefit" else format_value(value, "kr")

    def _render(self, result: BudgetResult) -> None:
        self.totals.value = self._totals_html(result)
        self.portfolio.value = self._portfolio_html(result)
        self.naive.value = self._naive_html(result)
        self.rest.value = self._rest_html(result)

    def _totals_html(self, result: BudgetResult) -> str:
        totals = result.totals
        status = t(f"budget.status.{result.status}")
        status = status[:1].upper() + status[1:]
        gap = format_value(result.gap, "pct") if np.isfinite(result.gap) else "–"
        detail = t("apps.budget.status_line", gap=gap,
                   seconds=format_value(float(totals["seconds"]), ".2"), solver=totals["solver"])
        rows = [
            ("apps.budget.t.budget", _msek(totals["budget"]), ""),
            ("apps.budget.t.cost", _msek(totals["cost"]), ""),
            ("apps.budget.t.remaining", _msek(totals["remaining"]), ""),
            ("apps.budget.t.running", _msek(totals["running_added"]), ""),
            ("apps.budget.t.value", self._fmt_value(float(totals["value"])),
             t(f"value.unit.{self.value_kind()}")),
            ("apps.budget.t.status", status, detail),
        ]
        cells = "".join(
            f"<div class='kstad-kpi'><span class='kstad-kpi-label'>{esc(t(k))}</span>"
            f"<span class='kstad-kpi-value'>{esc(v)}</span>"
            + (f"<span class='kstad-muted'>{esc(d)}</span>" if d else "") + "</div>"
            for k, v, d in rows)
        html = f"<div class='kstad-kpis'>{cells}</div>"
        if not result.result.feasible:
            html += (f"<p class='kstad-error'>"
                     f"{esc(t('apps.budget.infeasible', why=result.explanation or status))}</p>")
        if result.warnings:
            items = "".join(f"<li>{esc(x)}</li>" for x in result.warnings[:LIST_MAX])
            html += (f"<div class='kstad-warnings'><b>{esc(t('apps.budget.warnings'))}</b>"
                     f"<ul>{items}</ul></div>")
        if len(result.per_year) > 1:
            rows_html = "".join(
                f"<tr><td>{esc(r.period)}</td><td>{esc(format_value(r.budget, 'kr'))}</td>"
                f"<td>{esc(format_value(r.cost, 'kr'))}</td>"
                f"<td>{esc(format_value(r.remaining, 'kr'))}</td></tr>"
                for r in result.per_year.itertuples(index=False))
            html += (f"<table class='kstad-table kstad-per-year'><thead><tr>"
                     f"<th>{esc(t('budget.col.period'))}</th><th>{esc(t('apps.budget.t.budget'))}</th>"
                     f"<th>{esc(t('apps.budget.t.cost'))}</th><th>{esc(t('apps.budget.t.remaining'))}</th>"
                     f"</tr></thead><tbody>{rows_html}</tbody></table>")
        return html

    def _portfolio_html(self, result: BudgetResult) -> str:
        if not result.result.feasible:
            why = t("apps.budget.infeasible", why=result.explanation or t("budget.status.infeasible"))
            return f"<p class='kstad-error'>{esc(why)}</p>"
        chosen = result.portfolio
        must = set(self.must_ids())
        head = "".join(f"<th>{esc(t(k))}</th>" for k in (
            "col.id", "col.title", "col.department", "apps.budget.col.investment",
            "apps.budget.col.running", "budget.col.start_year", "budget.col.value",
            "apps.budget.col.via"))
        rows = []
        for r in chosen.itertuples(index=False):
            tags = ""
            if r.legal:
                tags += f" <span class='kstad-badge kstad-badge-mid'>{esc(t('apps.budget.legal'))}</span>"
            if r.id in must:
                tags += f" <span class='kstad-badge kstad-badge-high'>{esc(t('apps.budget.forced'))}</span>"
            via = esc(r.served_by) if r.served_by else ""
            cost = "" if r.served_by else esc(format_value(r.cost, "kr"))
            rows.append(
                f"<tr data-id='{esc(r.id)}'><td class='kstad-id'>{esc(r.id)}</td>"
                f"<td>{esc(r.title)}{tags}</td><td>{esc(r.department)}</td><td>{cost}</td>"
                f"<td>{'' if r.served_by else esc(format_value(r.running_cost, 'kr'))}</td>"
                f"<td>{esc(show_year(r.start_year))}</td>"
                f"<td>{esc(self._fmt_value(float(r.value)))}</td><td>{via}</td></tr>")
        shared = result.shared[result.shared["chosen"]] if len(result.shared) else result.shared
        caption = esc(t("apps.budget.portfolio_caption", n=len(chosen), total=len(result.table),
                        shared=int((chosen["served_by"] != "").sum())))
        html = (f"<p class='kstad-muted'>{caption}</p><table class='kstad-table'><thead><tr>{head}"
                f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")
        if len(shared):
            items = "".join(
                f"<tr data-id='{esc(s.candidate_id)}'><td class='kstad-id'>{esc(s.candidate_id)}</td>"
                f"<td>{esc(s.label)}</td><td>{esc(', '.join(map(str, s.member_ids)))}</td>"
                f"<td>{esc(format_value(s.cost, 'kr'))}</td></tr>" for s in shared.itertuples(index=False))
            html += (f"<h4>{esc(t('apps.budget.shared_chosen'))}</h4><table class='kstad-table'>"
                     f"<thead><tr><th>{esc(t('budget.col.candidate'))}</th><th>{esc(t('budget.col.label'))}"
                     f"</th><th>{esc(t('budget.col.members'))}</th><th>{esc(t('apps.budget.col.investment'))}"
                     f"</th></tr></thead><tbody>{items}</tbody></table>")
        return html

    def naive_served(self, result: BudgetResult) -> set[str]:
        """Needs "rank and fill" serves: chosen on their own or through a chosen candidate."""
        return result.naive_served()

    def _naive_html(self, result: BudgetResult) -> str:
        totals = result.totals
        title = f"<h3>{esc(t('apps.budget.naive'))}</h3>"
        if not (result.result.feasible and result.naive.feasible):
            return title + f"<p class='kstad-muted'>{esc(t('apps.budget.naive_none'))}</p>"
        naive_value = float(totals["naive_value"])
        gain = float(totals["gain"])
        pct = format_value(gain / naive_value, "pct") if naive_value > 0 else "–"
        text = t("apps.budget.naive_text", naive=self._fmt_value(naive_value),
                 naive_cost=_msek(totals["naive_cost"]),
                 value=self._fmt_value(float(totals["value"])), gain=self._fmt_value(gain), pct=pct)
        optimal = set(result.portfolio["id"])
        naive = self.naive_served(result)
        parts = [title, f"<p>{esc(text)}</p>"]
        for key, ids in (("apps.budget.only_opt", optimal - naive),
                         ("apps.budget.only_naive", naive - optimal)):
            if ids:
                listed = sorted(ids)
                items = ", ".join(f"<span class='kstad-id' title='{esc(self.model.titles.get(i, ''))}'>"
                                  f"{esc(i)}</span>" for i in listed[:40])
                more = f" {esc(t('apps.more', n=len(listed) - 40))}" if len(listed) > 40 else ""
                parts.append(f"<p><b>{esc(t(key))} ({len(listed)}):</b> {items}{more}</p>")
        return "".join(parts)

    def _rest_html(self, result: BudgetResult) -> str:
        rest = result.not_chosen
        if rest.empty:
            return ""
        rows = "".join(
            f"<tr data-id='{esc(r.id)}'><td class='kstad-id'>{esc(r.id)}</td><td>{esc(r.title)}</td>"
            f"<td>{esc(r.department)}</td><td>{esc(format_value(r.cost, 'kr'))}</td>"
            f"<td>{esc(r.reason)}</td></tr>" for r in rest.itertuples(index=False))
        head = "".join(f"<th>{esc(t(k))}</th>" for k in (
            "col.id", "col.title", "col.department", "apps.budget.col.investment", "budget.col.reason"))
        return (f"<details><summary>{esc(t('apps.budget.not_chosen', n=len(rest)))}</summary>"
                f"<table class='kstad-table'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"
                f"</table></details>")

    def _frontier_chart(self, frame: pd.DataFrame) -> alt.LayerChart:
        """The frontier as a step line with points, and the chosen budget as a rule."""
        x_title, y_title = t("apps.budget.frontier_x"), t("apps.budget.frontier_y")
        data = pd.DataFrame({"budget": [], "value": [], "n": []})
        if len(frame):
            ok = frame[frame["status"] != "infeasible"]
            data = pd.DataFrame({"budget": ok["budget"].to_numpy(float) / MSEK,
                                 "value": ok["value"].to_numpy(float),
                                 "n": ok["n_chosen"].to_numpy(int)})
        param = alt.param(name=PARAM, value=self.budget_kr() / MSEK if hasattr(self, "budget") else 0.0)
        top = max([self.model.max_msek, *data["budget"].tolist()])
        base = alt.Chart(data).encode(
            x=alt.X("budget:Q", title=x_title, scale=alt.Scale(domain=[0, top], nice=False)),
            y=alt.Y("value:Q", title=y_title),
            tooltip=[alt.Tooltip("budget:Q", title=x_title, format=".1f"),
                     alt.Tooltip("value:Q", title=y_title, format=",.2f"),
                     alt.Tooltip("n:Q", title=t("budget.col.n_chosen"))])
        line = base.mark_line(interpolate="step-after", color="#3d6fa8", strokeWidth=2)
        points = base.mark_point(filled=True, size=45, color="#3d6fa8")
        rule = alt.Chart(pd.DataFrame({"z": [0]})).mark_rule(
            color="#a3131e", strokeWidth=2).transform_calculate(b=PARAM).encode(x="b:Q")
        return alt.layer(line, points, rule).add_params(param).properties(
            width=520, height=260, title=t("apps.budget.frontier"))

    def _compare(self, a: Scenario, b: Scenario) -> str:
        """Which needs the two scenarios' portfolios differ in (for the scenario panel)."""
        served = []
        known = self.model.known()
        for scenario in (a, b):
            try:
                result = self.analysis.with_scenario(scenario).portfolio(
                    must=guards.ids_subset(list(scenario.must), known, IDS_MAX),
                    exclude=guards.ids_subset(list(scenario.exclude), known, IDS_MAX),
                    time_limit=TIME_LIMIT)
            except (ValueError, WeightError) as exc:
                return f"<p class='kstad-error'>{esc(t('apps.error', error=exc))}</p>"
            served.append(set(result.portfolio["id"]))
        parts = [f"<h4>{esc(t('apps.budget.compare_title'))}</h4>"]
        if served[0] == served[1]:
            return parts[0] + f"<p>{esc(t('apps.budget.compare_same'))}</p>"
        for name, ids in ((a.name, served[0] - served[1]), (b.name, served[1] - served[0])):
            if ids:
                parts.append(f"<p><b>{esc(t('apps.budget.compare_only', name=name))}:</b> "
                             f"{esc(', '.join(sorted(ids)))}</p>")
        return "".join(parts)

    # ------------------------------------------------------------------ layout

    def widget(self) -> w.Widget:
        rules = w.VBox([
            w.HTML(f"<h3>{esc(t('apps.budget.rules'))}</h3>"), self.budget_readout,
            self.budget_input.widget, self.budget_note, self.per_year_on,
            self.year_box, self.value, self.weights_line,
            w.HTML(f"<span class='kstad-muted'>{esc(t('apps.budget.choices_help'))}</span>"),
            self.must, self.exclude,
        ], layout=w.Layout(width="560px", flex="0 0 560px"))
        rules.add_class("kstad-controls")
        summary = w.VBox([w.HTML(f"<h3>{esc(t('apps.budget.totals'))}</h3>"), self.totals,
                          self.chart, self.frontier_note,
                          w.HTML(f"<span class='kstad-muted'>{esc(t('apps.budget.frontier_lead'))}</span>")],
                         layout=w.Layout(flex="1 1 auto", padding="0 0 0 16px"))
        page = w.VBox([
            self.scenarios.topbar,
            w.HTML(f"<h1>{esc(t('apps.budget.title'))}</h1><p class='kstad-lead'>"
                   f"{esc(t('apps.budget.lead'))}</p>"),
            self.source.upload_widget(), w.HBox([rules, summary]), self.naive,
            w.HTML(f"<h2>{esc(t('apps.budget.portfolio'))}</h2>"), self.portfolio, self.rest,
            self.scenarios.widget,
            w.HTML(f"<h2>{esc(t('export.button.excel'))} / PDF</h2>"), self.exports.widget,
        ])
        page.add_class("kstad-budget-app")
        return page


def default_split(needs: pd.DataFrame, total: float, years: list[int],
                  must: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
                  commitments: Collection[str] = ()) -> dict[int, float]:
    """A per-year split of ``total`` kr that covers what each year must pay.

    Why: splitting by each year's share of all investment left 2027 with
    less than its lagkrav cost, so ticking "Budget per år" answered "Ingen
    tillåten portfölj" at once. The budget layer's
    :func:`kstad_analysis.budget.default_split` gives each year its lagkrav,
    commitments and (here) måste needs first; when the total cannot even pay
    those, the total is split in proportion to them and the page says why no
    portfolio fits.
    """
    from kstad_analysis import budget

    if not years:
        return {}
    total = max(0.0, float(total))
    forced = (set(commitments) | set(must)) - set(exclude)
    try:
        return budget.default_split(needs, total, years, commitments=forced)
    except ValueError:
        need = budget.required_per_year(needs, years, commitments=forced)
        floor = sum(need.values())
        return {y: (total * need[y] / floor if floor else total / len(years)) for y in years}


def _replace_analysis(model: _Model, analysis: Analysis) -> _Model:
    """The same page lists with another scenario on the same data and threshold."""
    return _Model(analysis, model.titles, model.years, model.cost_by_year, model.max_msek)


def _msek(value: object) -> str:
    """Amounts for politicians: millions of kronor with two decimals."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "–"
    return f"{format_value(number / MSEK, '.2')} {t('apps.msek')}" if np.isfinite(number) else "–"


def budget_app() -> w.Widget:
    """Entry point for notebooks/03_budget.ipynb."""
    return BudgetApp().widget()
