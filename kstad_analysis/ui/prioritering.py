"""Prioritering: weight sliders, the live ranking, why, and how robust.

Why it is built this way: the ranking must follow a slider within a few
hundred milliseconds, so everything that does not depend on the weights
(criteria values, utilities, koncernnytta from the shared-needs detection,
the reference ranking) is computed once per data set in ``_Model``; a slider
move only runs ``Ranker.rank`` (about a millisecond) and re-renders HTML.
The slower robustness figure (SMAA) is computed after the ranking has been
sent to the page, so it never delays the list, and kept in a small LRU cache
per data set keyed by the weights rounded to the sliders' step, so moving a
slider back and forth shows it at once (the ranking itself uses the exact
weights).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import altair as alt
import ipywidgets as w
import pandas as pd

from kstad_analysis import guards
from kstad_analysis.analysis import Analysis, decisions_key
from kstad_analysis.constants import METHODS
from kstad_analysis.i18n import t
from kstad_analysis.intake import Plans
from kstad_analysis.ranking import Ranker, RankResult
from kstad_analysis.scenario import Scenario
from kstad_analysis.ui.charts import live_chart, update_chart
from kstad_analysis.ui.common import esc, format_value
from kstad_analysis.ui.data_source import DataSource
from kstad_analysis.ui.downloads import ExcelDownload
from kstad_analysis.ui.inputs import percent, readout
from kstad_analysis.ui.prioritering_view import _badge, _changed_by_analysts, score_chart
from kstad_analysis.ui.scenarios import ScenarioPanel
from kstad_analysis.ui.visit import Visit
from kstad_analysis.weights import WeightError, presets

WEIGHT_MAX = 1.0
TOP_N_MAX = 100
CHART_ROWS = 25
LIST_ROWS = 25
#: "Visa alla" shows at most this many rows: a 50 000-row upload must never
#: send a 16 MB message to every browser (the Excel download has them all).
ROWS_MAX = 300
ID_MAX = 200
SMAA_SAMPLES = 2_000
ALL = "__alla__"
SMAA_CACHE_MAX = 64
SMAA_DECIMALS = 2


@dataclass
class _Model:
    """Everything that depends on the data (and the scenario's threshold), not on the weights."""

    analysis: Analysis
    reference: RankResult
    categories: dict[str, str]
    smaa_cache: OrderedDict = field(default_factory=OrderedDict)
    #: need id → (koncernnytta without, with the analysts' grouping decisions)
    changed: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def build(cls, plans: Plans, scenario: Scenario | None = None) -> _Model:
        return cls.of(Analysis.build(plans, scenario))

    @classmethod
    def of(cls, analysis: Analysis) -> _Model:
        needs = analysis.needs
        categories = dict(zip(needs["id"].astype(str), needs["category"].fillna("").astype(str),
                              strict=True))
        return cls(analysis, analysis.ranker.rank(), categories, changed=_changed_by_analysts(analysis))

    @property
    def plans(self) -> Plans:
        return self.analysis.plans

    @property
    def ranker(self) -> Ranker:
        return self.analysis.ranker

    @property
    def decisions(self) -> str:
        return self.analysis.decisions_key


class PrioriteringApp:
    """The widgets and callbacks of the Prioritering app."""

    def __init__(self, source: DataSource | None = None):
        self.source = source or DataSource()
        self.model = _Model.build(self.source.plans)
        self._quiet = False
        defaults = self.model.ranker.resolve_weights()
        self.sliders: dict[str, w.FloatSlider] = {}
        for criterion in self.model.ranker.criteria:
            slider = w.FloatSlider(
                value=round(defaults[criterion.key], 2), min=0.0, max=WEIGHT_MAX, step=0.01,
                description=criterion.label(), continuous_update=True,
                style={"description_width": "140px"}, layout=w.Layout(width="340px"),
            )
            slider.add_class("kstad-weight")
            slider.add_class(f"kstad-weight-{criterion.key}")
            self.sliders[criterion.key] = slider
        # the readouts observe first, so a label moves before the (slower) re-ranking
        self.slider_boxes = [readout(s, percent) for s in self.sliders.values()]
        for slider in self.sliders.values():
            slider.observe(self._on_weight, names="value")
        for box, key in zip(self.slider_boxes, self.sliders, strict=True):
            box.add_class(f"kstad-weight-{key}-box")
        self.preset = w.Dropdown(options=[(t("app.rank.custom"), "")] + [(p, p) for p in presets()],
                                 value="", description=t("app.rank.preset"))
        self.preset.add_class("kstad-preset")
        self.method = w.ToggleButtons(
            options=[(t("app.rank.method_wsum"), "wsum"), (t("app.rank.method_topsis"), "topsis")],
            value="wsum", description=t("app.rank.method"))
        self.method.add_class("kstad-method")
        self.department = w.Dropdown(description=t("col.department"))
        self.category = w.Dropdown(description=t("app.rank.category"))
        self.top_n = w.BoundedIntText(value=10, min=1, max=TOP_N_MAX, description=t("app.rank.top_n"))
        self.need = w.Dropdown(description=t("app.rank.explain_a"), layout=w.Layout(width="98%"))
        self.other = w.Dropdown(description=t("app.rank.explain_b"), layout=w.Layout(width="98%"))
        # a click on a row's id button is sent here by the page's script (kstad.js)
        self.row_pick = w.Text(value="", continuous_update=False, layout=w.Layout(display="none"))
        self.row_pick.add_class("kstad-row-pick")
        self.weights_label = w.HTML()
        self.ranking = w.HTML()
        self.ranking.add_class("kstad-ranking")
        self.robustness = w.HTML()
        self.robustness.add_class("kstad-robustness")
        self.explanation = w.HTML()
        self.explanation.add_class("kstad-explanation")
        self.excluded = w.HTML()
        self.show_all = w.ToggleButton(value=False, description=t("app.rank.show_all"))
        self.show_all.add_class("kstad-show-all")
        self.chart = live_chart(self._chart(self.model.reference.table), css_class="kstad-score-chart")
        self.download = ExcelDownload(self._export_sheets, lambda: self.scenarios.name.value
                                      or t("app.rank.file"))
        self.scenarios = ScenarioPanel(self._collect, self._apply, lambda: self.model.plans.fingerprint,
                                       compare=self._compare, page="01_prioritering.ipynb")
        self.preset.observe(self._on_preset, names="value")
        for control in (self.method, self.department, self.category, self.top_n, self.show_all):
            control.observe(self._on_control, names="value")
        self.need.observe(self._on_explain, names="value")
        self.row_pick.observe(self._on_row_pick, names="value")
        self.other.observe(self._on_explain, names="value")
        self.source.on_change(self._on_data)
        self._fill_choices()
        self.update()

    # ------------------------------------------------------------------ state

    def weights(self) -> dict[str, float]:
        """Slider values, each forced into [0, WEIGHT_MAX] (visitors can send anything)."""
        return {k: guards.clamp_number(s.value, 0.0, WEIGHT_MAX, 0.0) for k, s in self.sliders.items()}

    def _method(self) -> str:
        return guards.choice(self.method.value, METHODS, "wsum")

    def _top_n(self) -> int:
        return guards.clamp_int(self.top_n.value, 1, TOP_N_MAX, 10)

    def _collect(self) -> dict[str, object]:
        return {
            "weights": self.weights(), "method": self._method(),
            "preset": self.preset.value or None, "top_n": self._top_n(),
            "threshold": self.model.analysis.threshold,
            "overrides": {"department": self.department.value, "category": self.category.value},
        }

    def _apply(self, scenario: Scenario) -> None:
        """Show a loaded scenario: its threshold (koncernnytta), and its weights by
        the chain's one rule (own weights, else preset, else defaults)."""
        analysis = self.model.analysis.with_scenario(scenario)
        if analysis.threshold != self.model.analysis.threshold:
            self.model = _Model.of(analysis)  # another koncernnytta: new reference and cache
        else:
            self.model.analysis = analysis
        try:  # the sliders hold raw weights: the chain's rule for what a person sets
            chosen = analysis.slider_weights()
        except WeightError:
            chosen = self.model.ranker.resolve_weights()
        self._quiet = True
        try:
            for key, slider in self.sliders.items():
                slider.value = guards.clamp_number(round(chosen.get(key, 0.0), 2), 0, WEIGHT_MAX, 0)
            self.method.value = guards.choice(scenario.method, METHODS, "wsum")
            self.top_n.value = guards.clamp_int(scenario.top_n, 1, TOP_N_MAX, 10)
            self.preset.value = guards.choice(scenario.preset or "", [o[1] for o in self.preset.options], "")
            overrides = scenario.overrides if isinstance(scenario.overrides, dict) else {}
            for key, dropdown in (("department", self.department), ("category", self.category)):
                dropdown.value = guards.choice(overrides.get(key), _values(dropdown), ALL)
        finally:
            self._quiet = False
        self.update()

    # ------------------------------------------------------------------ callbacks

    def _on_weight(self, _change: dict) -> None:
        if self._quiet:
            return
        self._quiet = True
        self.preset.value = ""  # a hand-moved slider is no longer the preset
        self._quiet = False
        self.update()

    def _on_preset(self, change: dict) -> None:
        if self._quiet:
            return
        name = guards.choice(change.get("new"), [o[1] for o in self.preset.options], "")
        if not name:
            return
        chosen = self.model.analysis.weights(preset=name).as_dict()
        self._quiet = True
        try:
            for key, slider in self.sliders.items():
                slider.value = round(chosen.get(key, 0.0), 2)
        finally:
            self._quiet = False
        self.update()

    def _on_control(self, _change: dict) -> None:
        if not self._quiet:
            self.update()

    def _on_explain(self, _change: dict) -> None:
        if not self._quiet:
            self._render_explanation(self.rank_result())

    def _on_row_pick(self, change: dict) -> None:
        """A row was clicked: explain that need (only a known id is taken)."""
        if self._quiet:
            return
        need = guards.safe_text(change.get("new"), ID_MAX)
        self._quiet = True
        try:
            self.row_pick.value = ""  # so a second click on the same row counts again
        finally:
            self._quiet = False
        if need in set(self.model.ranker.ids) and need != self.need.value:
            self.need.value = need  # _on_explain renders it

    def on_visit(self, visit: Visit | None = None) -> None:
        """A visitor opened the preheated page: re-read what other kernels may
        have changed (saved scenarios; grouping decisions behind koncernnytta),
        and join the visit (its uploaded plans, its current scenario)."""
        visit = visit or Visit.from_request()
        before = self.model
        self.source.attach(visit)
        if self.model is before and decisions_key() != self.model.decisions:
            self._on_data(self.model.plans)
        self.scenarios.attach(visit)

    def _on_data(self, plans: Plans) -> None:
        self.model = _Model.build(plans, self.model.analysis.scenario)
        self._fill_choices()
        self.update()

    # ------------------------------------------------------------------ rendering

    def _fill_choices(self) -> None:
        needs = self.model.plans.needs
        self._quiet = True
        try:
            departments = sorted(needs["department"].dropna().astype(str).unique())
            self.department.options = [(t("app.rank.all"), ALL)] + [(d, d) for d in departments]
            self.department.value = ALL
            categories = sorted(c for c in set(self.model.categories.values()) if c)
            self.category.options = [(t("app.rank.all"), ALL)] + [(c, c) for c in categories]
            self.category.value = ALL
            labels = [(f"{i} – {title}"[:90], i) for i, title in
                      zip(self.model.ranker.ids, self.model.ranker.titles, strict=True)]
            self.need.options = [("", "")] + labels
            self.other.options = [("", "")] + labels
            self.need.value = self.other.value = ""
        finally:
            self._quiet = False

    def rank_result(self, weights: dict[str, float] | None = None) -> RankResult:
        """The chain's ranking for these weights (default: the sliders) and the chosen method."""
        return self.model.analysis.ranking(weights or self.weights(), method=self._method(),
                                           reference=self.model.reference)

    def update(self) -> pd.DataFrame:
        """Rank with the current weights and refresh the page (the slider path)."""
        weights = self.weights()
        try:
            result = self.rank_result(weights)
        except WeightError as exc:
            self.ranking.value = f"<p class='kstad-error'>{esc(exc)}</p>"
            return pd.DataFrame()
        table = result.table
        total = sum(weights.values()) or 1.0
        shares = ", ".join(f"{esc(c.label())} {format_value(weights[c.key] / total, 'pct')}"
                           for c in self.model.ranker.criteria)
        self.weights_label.value = (
            f"<span class='kstad-muted'>{esc(t('app.rank.shares'))}: {shares}</span>")
        shown = self._filter(table)
        self.ranking.value = self._ranking_html(shown, {})
        update_chart(self.chart, self._chart(shown))
        self._render_excluded()
        self._render_explanation(result)
        self.ranking.value = self._ranking_html(shown, self._robustness(weights))
        return table

    def _filter(self, table: pd.DataFrame) -> pd.DataFrame:
        department = self.department.value
        category = self.category.value
        mask = pd.Series(True, index=table.index)
        if department not in (ALL, None):
            mask &= table["department"] == department
        if category not in (ALL, None):
            mask &= table["id"].map(self.model.categories) == category
        return table[mask]

    def _robustness(self, weights: dict[str, float]) -> dict[str, float]:
        """P(top N) per need under ±20 % weight uncertainty (SMAA-2, fixed seed),
        for the weights rounded to the slider step; cached (LRU) per data set."""
        ranker = self.model.ranker
        rounded = {k: round(v, SMAA_DECIMALS) for k, v in weights.items()}
        if len(ranker) == 0 or sum(rounded.values()) <= 0:
            return {}
        top_n = min(self._top_n(), len(ranker))
        key = (tuple(sorted(rounded.items())), self._method(), top_n)
        cache = self.model.smaa_cache
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
        result = self.model.analysis.robustness(self.rank_result(rounded), SMAA_SAMPLES, 0.2, 1, top_n)
        cache[key] = dict(zip(ranker.ids, result.top_probability, strict=True))
        while len(cache) > SMAA_CACHE_MAX:
            cache.popitem(last=False)
        return cache[key]

    def _ranking_html(self, table: pd.DataFrame, p_top: dict[str, float]) -> str:
        top_n = self._top_n()
        head = "".join(f"<th>{esc(t(k))}</th>" for k in (
            "app.rank.col_rank", "app.rank.col_change", "col.id", "col.title", "col.department",
            "app.rank.col_score", "app.rank.col_robust"))
        rows = []
        why = esc(t("app.rank.why_row"))
        everything = self.show_all.value is True
        for rec in table.head(ROWS_MAX if everything else LIST_ROWS).itertuples(index=False):
            change = rec.rank_change
            if pd.isna(change) or change == 0:
                arrow = "<span class='kstad-muted'>–</span>"
            elif change > 0:
                arrow = f"<span class='kstad-up'>▲ {int(change)}</span>"
            else:
                arrow = f"<span class='kstad-down'>▼ {int(-change)}</span>"
            badge = _badge(p_top.get(rec.id), inside=rec.rank <= top_n) if p_top \
                else "<span class='kstad-muted'>…</span>"
            width = max(0.0, min(1.0, float(rec.score))) * 120
            top = " class='kstad-top'" if rec.rank <= top_n else ""
            tag = ""
            if rec.id in self.model.changed:
                before, after = self.model.changed[rec.id]
                tag = (f" <span class='kstad-badge kstad-badge-mid kstad-changed' title='"
                       f"{esc(t('app.rank.changed_detail', before=before, after=after))}'>"
                       f"{esc(t('app.rank.changed', before=before, after=after))}</span>")
            rows.append(
                f"<tr{top} data-id='{esc(rec.id)}'><td>{int(rec.rank)}</td><td>{arrow}</td>"
                f"<td class='kstad-id'><button type='button' class='kstad-why' data-need='{esc(rec.id)}'"
                f" title='{why}'>{esc(rec.id)}</button></td><td>{esc(rec.title)}{tag}</td>"
                f"<td>{esc(rec.department)}</td><td>{format_value(float(rec.score), '.3')} "
                f"<span class='kstad-bar' style='width:{width:.0f}px'></span></td><td>{badge}</td></tr>"
            )
        caption = esc(t("app.rank.caption", n=len(table), top=top_n))
        if not everything and len(table) > LIST_ROWS:
            caption += " " + esc(t("app.rank.first_rows", n=LIST_ROWS))
        elif everything and len(table) > ROWS_MAX:
            caption += " " + esc(t("app.rank.rows_capped", n=ROWS_MAX))
        return (f"<p class='kstad-muted'>{caption}</p><table class='kstad-table'>"
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")

    def _render_excluded(self) -> None:
        excluded = self.model.ranker.excluded
        if excluded is None or len(excluded) == 0:
            self.excluded.value = ""
            return
        items = "".join(f"<li><b>{esc(r.id)}</b>: {esc(r.reason)}</li>" for r in excluded.itertuples())
        self.excluded.value = (f"<details><summary>{esc(t('app.rank.excluded', n=len(excluded)))}"
                               f"</summary><ul>{items}</ul></details>")

    def _render_explanation(self, result: RankResult) -> None:
        table = result.table
        known = set(self.model.ranker.ids)
        a = self.need.value if self.need.value in known else None
        if not a:
            self.explanation.value = f"<p class='kstad-muted'>{esc(t('app.rank.explain_hint'))}</p>"
            return
        b = self.other.value if self.other.value in known and self.other.value != a else None
        if b is None:  # compare with the need just above (or below, for the first)
            order = list(table["id"])
            position = order.index(a)
            b = order[position - 1] if position > 0 else (order[1] if len(order) > 1 else None)
        if b is None:
            self.explanation.value = ""
            return
        explanation = result.explain(a, b)
        rows = "".join(
            f"<tr><td>{esc(r.label)}</td><td>{format_value(r.contrib_a, '.3')}</td>"
            f"<td>{format_value(r.contrib_b, '.3')}</td><td>{format_value(r.difference, '.3')}</td></tr>"
            for r in explanation.criteria.itertuples())
        self.explanation.value = (
            f"<p>{esc(explanation.text())}</p><table class='kstad-table'><thead><tr>"
            f"<th>{esc(t('app.rank.criterion'))}</th><th>{esc(a)}</th><th>{esc(b)}</th>"
            f"<th>{esc(t('app.rank.difference'))}</th></tr></thead><tbody>{rows}</tbody></table>")

    def _chart(self, table: pd.DataFrame) -> alt.Chart:
        return score_chart(table, self.model.ranker.criteria, CHART_ROWS)

    def _compare(self, a: Scenario, b: Scenario) -> str:
        """Rank changes between two saved scenarios (shown by the scenario panel)."""
        try:
            ra = self.model.analysis.with_scenario(a).ranking()
            rb = self.model.analysis.with_scenario(b).ranking(reference=ra)
        except WeightError as exc:
            return f"<p class='kstad-error'>{esc(exc)}</p>"
        table = rb.table
        moved = table[table["rank_change"].fillna(0) != 0].copy()
        moved = moved.reindex(moved["rank_change"].abs().sort_values(ascending=False).index).head(15)
        # rank_change = rank in A − rank in B, so A's rank is B's rank + the change
        rows = "".join(f"<tr><td>{esc(r.id)}</td><td>{esc(r.title)}</td><td>{int(r.rank + r.rank_change)}"
                       f"</td><td>{int(r.rank)}</td></tr>" for r in moved.itertuples())
        return (f"<h4>{esc(t('app.rank.compare_title'))}</h4><table class='kstad-table'><thead><tr>"
                f"<th>{esc(t('col.id'))}</th><th>{esc(t('col.title'))}</th><th>{esc(a.name)}</th>"
                f"<th>{esc(b.name)}</th></tr></thead><tbody>{rows}</tbody></table>")

    def _export_sheets(self) -> dict[str, pd.DataFrame]:
        """The ranking as shown (filters applied) with Swedish headers, and the weights."""
        table = self._filter(self.rank_result().table)
        labels = {f"contrib_{c.key}": f"{t('app.rank.contribution')}: {c.label()}"
                  for c in self.model.ranker.criteria}
        shown = table.drop(columns=["imputed"]).rename(columns={
            "id": t("col.id"), "department": t("col.department"), "title": t("col.title"),
            "rank": t("app.rank.col_rank"), "score": t("app.rank.col_score"),
            "rank_change": t("app.rank.col_change"), **labels})
        total = sum(self.weights().values()) or 1.0
        weights = pd.DataFrame({
            t("app.rank.criterion"): [c.label() for c in self.model.ranker.criteria],
            t("app.rank.shares"): [self.weights()[c.key] / total for c in self.model.ranker.criteria],
        })
        return {t("app.rank.sheet"): shown, t("app.rank.sheet_weights"): weights}

    # ------------------------------------------------------------------ layout

    def widget(self) -> w.Widget:
        """Sliders beside the chart; the list with the explanation and the
        scenarios beside it (below it under 1100 px: kstad.css wraps the rows)."""
        controls = w.VBox([
            w.HTML(f"<h3>{esc(t('app.rank.weights'))}</h3>"), self.preset,
            *self.slider_boxes, self.weights_label, self.method,
            w.HTML(f"<h3>{esc(t('app.rank.filters'))}</h3>"), self.department, self.category,
            self.top_n,
        ])
        controls.add_class("kstad-rank-controls")
        chart = w.VBox([self.chart, self.download.widget])
        chart.add_class("kstad-rank-chart")
        top = w.HBox([controls, chart])
        top.add_class("kstad-rank-top")
        listing = w.VBox([self.ranking, self.show_all, self.excluded])
        listing.add_class("kstad-rank-list")
        side = w.VBox([w.HTML(f"<h3>{esc(t('app.rank.explain_title'))}</h3>"),
                       w.HTML(f"<p class='kstad-muted'>{esc(t('app.rank.click_hint'))}</p>"),
                       self.need, self.other, self.explanation, self.scenarios.widget])
        side.add_class("kstad-rank-side")
        main = w.HBox([listing, side])
        main.add_class("kstad-rank-main")
        page = w.VBox([
            self.scenarios.topbar,
            w.HTML(f"<h1>{esc(t('app.rank.title'))}</h1><p>{esc(t('app.rank.lead'))}</p>"),
            self.source.upload_widget(), top, main, self.row_pick,
        ])
        page.add_class("kstad-prioritering")
        return page


def _values(dropdown: w.Dropdown) -> list[object]:
    """The values a dropdown offers (its options are (label, value) pairs)."""
    return [o[1] if isinstance(o, tuple) else o for o in dropdown.options]


def prioritering_app() -> w.Widget:
    """The app's widget (notebooks/01_prioritering.ipynb builds the class itself
    so it can call ``on_visit`` when a visitor arrives)."""
    return PrioriteringApp().widget()
