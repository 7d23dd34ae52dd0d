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
only when a rule changes (value kind, måste/uteslut, per-year budgets,
driftbudget), and after the portfolio has already been shown.

The page is split by job: this module holds the state and the callbacks
(every widget value is checked here, a visitor can send any value),
``budget_view`` draws a result, ``budget_inputs`` holds the måste/uteslut
picker and the per-year starting split.
"""

from __future__ import annotations

import math
from typing import Any

import altair as alt
import ipywidgets as w
import pandas as pd

from kstad_analysis import guards
from kstad_analysis.analysis import Analysis, decisions_key
from kstad_analysis.budget import BudgetResult
from kstad_analysis.constants import VALUE_KINDS
from kstad_analysis.i18n import t
from kstad_analysis.intake import Plans
from kstad_analysis.scenario import BUDGET_MAX, IDS_MAX, Scenario
from kstad_analysis.store import Store
from kstad_analysis.ui import budget_view as view
from kstad_analysis.ui.budget_data import STEP_MSEK, _Model, _replace_analysis
from kstad_analysis.ui.budget_inputs import IdPicker, default_split
from kstad_analysis.ui.budget_view import MSEK, PARAM
from kstad_analysis.ui.charts import live_chart, update_chart
from kstad_analysis.ui.common import esc
from kstad_analysis.ui.data_source import DataSource
from kstad_analysis.ui.exports import ExportPanel, budget_state
from kstad_analysis.ui.inputs import NumberBox, readout, swedish_number
from kstad_analysis.ui.scenarios import ScenarioPanel
from kstad_analysis.ui.visit import Visit
from kstad_analysis.weights import WeightError

__all__ = ["PARAM", "BudgetApp", "budget_app", "default_split"]

DEFAULT_SHARE = 0.25
FRONTIER_LEVELS = 20
#: Seconds per solve as a safety net only: solves stop on their node limit
#: (budget.toml [losare] noder), which is the same under any load, so what
#: the page shows does not depend on how busy the server is.
TIME_LIMIT = 60.0


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
        self.must = IdPicker(t("apps.budget.must"), "kstad-must")
        self.exclude = IdPicker(t("apps.budget.exclude"), "kstad-exclude")
        self._running_msek = self._default_running()
        self.running_input = NumberBox(
            t("apps.budget.running_typed"), self._running_msek or 0.0, 0.0, BUDGET_MAX / MSEK,
            decimals=2, unit=t("apps.msek"), kr_per_unit=MSEK, css_class="kstad-running-input")
        if self._running_msek is None:  # no cap configured: an empty box, said in the help
            self.running_input.text.value = ""
        self.totals = w.HTML()
        self.totals.add_class("kstad-totals")
        self.naive = w.HTML()
        self.naive.add_class("kstad-naive")
        self.portfolio = w.HTML()
        self.portfolio.add_class("kstad-portfolio")
        self.rest = w.HTML()
        self.rest.add_class("kstad-rest")
        self.frontier_note = w.HTML()
        self.chart = live_chart(self._frontier_chart(pd.DataFrame()), css_class="kstad-frontier")
        self.scenarios = ScenarioPanel(self._collect, self._apply,
                                       lambda: self.model.plans.fingerprint,
                                       compare=self._compare, store=store,
                                       page="03_budget.ipynb")
        self.exports = ExportPanel(lambda: budget_state(self), "budgetforslag")  # ui/exports.py
        self.budget.observe(self._on_budget, names="value")
        self.budget_input.on_change(self._on_budget_typed)
        self.running_input.on_change(self._on_running_typed)
        self.per_year_on.observe(self._on_per_year_toggle, names="value")
        self.value.observe(self._on_rule, names="value")
        for picker in (self.must, self.exclude):
            picker.on_change(self._on_rule)
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

    def _default_running(self) -> float | None:
        """The chain's driftbudget (the scenario's, else the configured), mnkr."""
        running = self.analysis.running_budget
        return None if running is None else guards.clamp_number(
            running / MSEK, 0.0, BUDGET_MAX / MSEK, 0.0)

    def running_kr(self) -> float | None:
        """The driftbudget per year in kr (None: no cap), re-checked here."""
        if self._running_msek is None:
            return None
        return guards.clamp_number(self._running_msek, 0.0, BUDGET_MAX / MSEK, 0.0) * MSEK

    def _set_running(self, msek: float | None) -> None:
        self._running_msek = None if msek is None else guards.clamp_number(
            msek, 0.0, BUDGET_MAX / MSEK, 0.0)
        if self._running_msek is None:
            self.running_input.text.value = ""
            self.running_input.message.value = ""
        else:
            self.running_input.set(self._running_msek)

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
                self.value_kind(), self.must_ids(), self.exclude_ids(), self.running_kr(),
                bool(per_year),
                tuple(sorted(per_year)) if not total else shares, chosen)

    def _score(self) -> pd.Series:
        """The chain's budget values (nyttopoäng with the loaded scenario's
        weights); unusable weights fall back to the defaults, said on the page."""
        try:
            values, _ = self.analysis.values("benefit")
            self.weights_line.value = (
                f"<span class='kstad-muted'>{esc(view.weights_label(self.analysis))}</span>")
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
                "value": self.value_kind(), "running_budget": self.running_kr(),
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
            self._set_running(self._default_running())  # the scenario's, else the configured
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

    def _on_running_typed(self, msek: float) -> None:
        self._set_running(msek)
        self.update()

    def _on_rule(self, _change: object) -> None:
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
        # None only when neither the scenario nor the configuration caps running costs
        return self.analysis.portfolio(
            ranking, budget=self.budget_kr(), per_year=self.per_year(), must=self.must_ids(),
            exclude=self.exclude_ids(), value=self.value_kind(), reasons=reasons,
            running_cap=self.running_kr(), time_limit=TIME_LIMIT)

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
            self.rest.value = view.rest_html(result)
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
        labels = sorted(self.model.titles.items())
        self._quiet = True
        try:
            self.must.options = labels  # also clears the choice
            self.exclude.options = labels
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
        return view.fmt_value(value, self.value_kind())

    def _render(self, result: BudgetResult) -> None:
        kind = self.value_kind()
        self.totals.value = view.totals_html(result, kind)
        self.portfolio.value = view.portfolio_html(result, self.must_ids(), kind)
        self.naive.value = view.naive_html(result, kind, self.model.titles)
        self.rest.value = view.rest_html(result)

    def _frontier_chart(self, frame: pd.DataFrame) -> alt.LayerChart:
        budget_msek = self.budget_kr() / MSEK if hasattr(self, "budget") else 0.0
        return view.frontier_chart(frame, self.value_kind(), budget_msek, self.model.max_msek)

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
        return view.compare_html(a.name, b.name, (served[0], served[1]))

    # ------------------------------------------------------------------ layout

    def widget(self) -> w.Widget:
        rules = w.VBox([
            w.HTML(f"<h3>{esc(t('apps.budget.rules'))}</h3>"), self.budget_readout,
            self.budget_input.widget, self.budget_note, self.running_input.widget,
            w.HTML(f"<span class='kstad-muted'>{esc(t('apps.budget.running_help'))}</span>"),
            self.per_year_on, self.year_box, self.value, self.weights_line,
            w.HTML(f"<span class='kstad-muted'>{esc(t('apps.budget.pick.help'))}</span>"),
            self.must.widget, self.exclude.widget,
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


def budget_app() -> w.Widget:
    """Entry point for notebooks/03_budget.ipynb."""
    return BudgetApp().widget()
