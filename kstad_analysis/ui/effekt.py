"""Effekthemtagning: IT cost against benefit per förvaltning and year, and follow-up.

Why it is built this way: politicians must see whether the rising IT cost
comes back as gains in the förvaltningar, without the two kinds of benefit
being blurred: finansiell nytta (money that leaves a budget) and
omfördelningsnytta (time freed, valued in money) are separate series, and
every sum of the two says "inkl. omfördelning". The flows come from
``kstad_analysis.benefits`` (Inera's nyttokalkyl), computed once per
(data, discount rate, period) and kept, so the förvaltning filter only
filters. Planned against realised comes from the plans' Uppföljning register
through ``kstad_analysis.tracking``, with its "försenad" and "under plan" flags.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

import altair as alt
import ipywidgets as w
import numpy as np
import pandas as pd

from kstad_analysis import benefits, finance, guards, tracking
from kstad_analysis.analysis import Analysis
from kstad_analysis.benefits import BenefitParamError, BenefitParams
from kstad_analysis.i18n import t
from kstad_analysis.intake import Plans
from kstad_analysis.scenario import ScenarioError
from kstad_analysis.store import NotFound, Store
from kstad_analysis.ui.charts import live_chart, update_chart
from kstad_analysis.ui.common import esc, format_value
from kstad_analysis.ui.data_source import DataSource
from kstad_analysis.ui.effekt_period import in_period, period_years
from kstad_analysis.ui.exports import EffectExport
from kstad_analysis.ui.inputs import readout, swedish_number
from kstad_analysis.ui.visit import Visit
from kstad_analysis.weights import WeightError

ALL = "__alla__"
MSEK = 1_000_000.0
RATE_MAX_PCT = 10.0
CACHE_SIZE = 12
INITIATIVES_MAX = 300


class EffektApp:
    """The widgets and callbacks of the Effekthemtagning app."""

    def __init__(self, source: DataSource | None = None, params: BenefitParams | None = None,
                 today: dt.date | None = None, store: Store | None = None):
        self.source = source or DataSource()
        self._store = store
        self.visit: Visit | None = None
        self.topbar = w.HTML()
        self.topbar.add_class("kstad-topbar")
        self.basis = w.ToggleButtons(options=[(t("apps.benefit.basis.all"), ALL)], value=ALL,
                                     description=t("apps.benefit.basis"))
        self.basis.add_class("kstad-basis")
        self.basis_note = w.HTML()
        self.base_params = params or BenefitParams.load()
        self.today = today or dt.date.today()
        self._cache: OrderedDict[tuple, tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]] = OrderedDict()
        self._quiet = False
        self.department = w.Dropdown(description=t("apps.benefit.department"),
                                     layout=w.Layout(width="520px"))
        self.department.add_class("kstad-department")
        self.rate = w.FloatSlider(
            value=round(100 * self.base_params.rate, 1), min=0.0, max=RATE_MAX_PCT, step=0.5,
            continuous_update=False,
            description=t("apps.benefit.rate"), style={"description_width": "160px"},
            layout=w.Layout(width="400px"))
        self.rate.add_class("kstad-rate")
        self.years = w.IntSlider(
            value=self.base_params.years, min=benefits.YEARS_MIN, max=benefits.YEARS_MAX,
            continuous_update=False, description=t("apps.benefit.years"),
            style={"description_width": "160px"}, layout=w.Layout(width="400px"))
        self.years.add_class("kstad-years")
        self.rate_box = readout(self.rate, lambda v: f"{swedish_number(v, 1)}\u00a0%")
        base = self.base_params.base_year  # the period as the chart shows it (effekt_period)
        self.years_box = readout(self.years, lambda v: t(
            "apps.benefit.years_period", n=int(v), first=base, last=base + int(v)))
        self.message = w.HTML()
        self.kpis = w.HTML()
        self.kpis.add_class("kstad-benefit-kpis")
        self.payback = w.HTML()
        self.payback.add_class("kstad-payback")
        self.per_year = w.HTML()
        self.per_year.add_class("kstad-benefit-years")
        self.per_department = w.HTML()
        self.per_department.add_class("kstad-benefit-departments")
        self.realisation = w.HTML()
        self.realisation.add_class("kstad-realisation")
        self.chart = live_chart(self._chart(pd.DataFrame(), ""), css_class="kstad-benefit-chart")
        for control in (self.department, self.rate, self.years, self.basis):
            control.observe(self._on_control, names="value")
        self.source.on_change(self._on_data)
        self._fill_departments()
        self._render_topbar()
        self.update()
        self.exports = EffectExport(self)  # ui/exports.py: for a saved scenario's portfolio

    # ------------------------------------------------------------------ visit

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store()
        return self._store

    def on_visit(self, visit: Visit | None = None) -> None:
        """Join the visit: its uploaded plans, and its current scenario's
        portfolio as the default basis (the scenario is the visit's thread)."""
        self.visit = visit or Visit.from_request(self._store)
        self.source.attach(self.visit)
        name = self.visit.scenario_name
        self._quiet = True
        try:
            options = [(t("apps.benefit.basis.all"), ALL)]
            if name:
                options.append((t("apps.benefit.basis.scenario", name=name), name))
            self.basis.options = options
            self.basis.value = name or ALL
        finally:
            self._quiet = False
        self._render_topbar()
        self._cache.clear()
        self.update()

    def _render_topbar(self) -> None:
        nav = self.visit.nav_html("04_effekthemtagning.ipynb") if self.visit is not None else ""
        name = self.visit.scenario_name if self.visit is not None else ""
        text = (f"{esc(t('app.scen.current'))}: <b class='kstad-current-name'>{esc(name)}</b>"
                if name else esc(t("app.scen.none")))
        self.topbar.value = f"{nav}<div class='kstad-current-scenario'>{text}</div>"

    def chosen_basis(self) -> str:
        return guards.choice(self.basis.value, [v for _, v in self.basis.options], ALL)

    def _scenario_flows(self, params: BenefitParams
                        ) -> tuple[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None, str]:
        """(flows, note) of the chosen scenario's portfolio, from the analysis
        chain (``Analysis.portfolio`` then ``Analysis.benefits``); None for all needs."""
        name = self.chosen_basis()
        if name == ALL:
            return None, ""
        try:
            scenario = self.store.load_scenario(name)
            chain = Analysis.build(self.source.plans, scenario, store_dir=self.store.directory)
            funded = chain.benefits(chain.portfolio(), params)
        except (NotFound, ScenarioError, ValueError, WeightError) as exc:
            return None, t("apps.benefit.basis_failed", name=name, error=str(exc)[:200])
        return ((funded.flows, funded.by_department, funded.municipality),
                t("apps.benefit.basis_note", name=name, n=len(funded.funded_ids)))

    # ------------------------------------------------------------------ state

    @property
    def needs(self) -> pd.DataFrame:
        return self.source.plans.needs

    def params(self) -> BenefitParams:
        """The calculation parameters from the sliders (raises BenefitParamError, Swedish).

        Visitor values are clamped to the slider ranges first; the dataclass
        validates again, so nothing invalid reaches a calculation.
        """
        rate = guards.clamp_number(self.rate.value, 0.0, RATE_MAX_PCT, 100 * self.base_params.rate)
        years = guards.clamp_int(self.years.value, benefits.YEARS_MIN, benefits.YEARS_MAX,
                                 self.base_params.years)
        return self.base_params.replace(rate=round(rate, 4) / 100, years=years)

    def chosen_department(self) -> str:
        allowed = [value for _, value in self.department.options]
        return guards.choice(self.department.value, allowed, ALL)

    # ------------------------------------------------------------------ computing

    def flows(self, params: BenefitParams) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """(flows per need, per förvaltning, whole municipality), cached by data and params."""
        key = (self.source.plans.fingerprint, params, self.chosen_basis())
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        chosen, note = self._scenario_flows(params)
        self.basis_note.value = f"<span class='kstad-muted'>{esc(note)}</span>" if note else ""
        if chosen is not None:
            result = chosen
        else:
            flows = benefits.yearly_flows(self.needs, params)
            result = (flows, benefits.by_department(flows),
                      benefits.municipality_summary(flows, params))
        self._cache[key] = result
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return result

    def selection(self) -> tuple[pd.DataFrame, str]:
        """The yearly frame for the chosen förvaltning (or all) over the
        calculation period's years, and its display name."""
        params = self.params()
        _, per_department, whole = self.flows(params)
        department = self.chosen_department()
        if department == ALL:
            return in_period(whole, params), t("apps.all")
        frame = per_department[per_department["department"] == department]
        return in_period(frame.reset_index(drop=True), params), department

    def update(self) -> pd.DataFrame | None:
        """Recompute (or fetch) the flows and refresh every part of the page."""
        if self.needs.empty:
            self.message.value = f"<p class='kstad-muted'>{esc(self.source.plans.summary())}</p>"
            return None
        try:
            params = self.params()
            frame, who = self.selection()
        except (BenefitParamError, ValueError) as exc:
            text = t("apps.benefit.params_error", error=exc)
            self.message.value = f"<p class='kstad-error'>{esc(text)}</p>"
            return None
        self.message.value = ""
        self.kpis.value = self._kpis_html(frame, params)  # the same years everywhere
        self.payback.value = self._payback_html(frame, params)
        self.per_year.value = self._per_year_html(frame)
        self.per_department.value = self._departments_html(params)
        update_chart(self.chart, self._chart(frame, who))
        self.realisation.value = self._realisation_html()
        return frame

    # ------------------------------------------------------------------ callbacks

    def _on_control(self, _change: dict) -> None:
        if not self._quiet:
            self.update()

    def _on_data(self, _plans: Plans) -> None:
        self._cache.clear()
        self._fill_departments()
        self.update()

    # ------------------------------------------------------------------ rendering

    def _fill_departments(self) -> None:
        departments = sorted(self.needs["department"].dropna().astype(str).unique())
        self._quiet = True
        try:
            self.department.options = [(t("apps.all"), ALL)] + [(d, d) for d in departments]
            self.department.value = ALL
        finally:
            self._quiet = False

    def _kpis_html(self, frame: pd.DataFrame, params: BenefitParams) -> str:
        sums = frame[["it_cost", "benefit_financial", "benefit_redistribution",
                      "net_financial_discounted", "net_discounted"]].sum()
        rows = [
            ("apps.benefit.k.cost_period", sums["it_cost"], "kstad-kpi-cost"),
            ("apps.benefit.k.financial", sums["benefit_financial"], "kstad-kpi-fin"),
            ("apps.benefit.k.redistribution", sums["benefit_redistribution"], "kstad-kpi-red"),
            ("apps.benefit.k.pv_fin", sums["net_financial_discounted"], "kstad-kpi-fin"),
            ("apps.benefit.k.pv_all", sums["net_discounted"], "kstad-kpi-red"),
        ]
        first, last = period_years(params)
        cells = "".join(
            f"<div class='kstad-kpi {cls}'><span class='kstad-kpi-label'>"
            f"{esc(t(k, first=first, last=last))}</span>"
            f"<span class='kstad-kpi-value'>{esc(_msek(v))}</span></div>" for k, v, cls in rows)
        note = t("apps.benefit.period_note", first=first, last=last, n=params.years) + " " + t(
            "apps.benefit.k.pv_note", year=params.base_year,
            rate=format_value(params.rate * 100, ".1") + "\u00a0%")
        excluded = int(frame["needs_excluded"].max()) if len(frame) else 0
        if excluded:
            note += " " + t("apps.benefit.excluded", n=excluded)
        return f"<div class='kstad-kpis'>{cells}</div><p class='kstad-muted'>{esc(note)}</p>"

    def _payback_html(self, frame: pd.DataFrame, params: BenefitParams) -> str:
        suffix = "_discounted" if params.payback_discounted else ""
        years = frame["year"].to_numpy(int) if len(frame) else np.array([], int)
        lines = []
        for key, column in (("apps.benefit.payback_all", "net"),
                            ("apps.benefit.payback_fin", "net_financial")):
            year = _payback_year(years, frame[column + suffix].to_numpy(float) if len(frame) else [])
            shown = (t("apps.benefit.paid_in", year=year) if year is not None
                     else t("apps.benefit.not_paid"))
            lines.append(f"<li>{esc(t(key, year=shown))}</li>")
        return f"<h3>{esc(t('apps.benefit.payback'))}</h3><ul>{''.join(lines)}</ul>"

    def _per_year_html(self, frame: pd.DataFrame) -> str:
        columns = (("year", "apps.benefit.col.year", None), ("it_cost", "apps.benefit.col.cost", "kr"),
                   ("benefit_financial", "apps.benefit.col.financial", "kr"),
                   ("benefit_redistribution", "apps.benefit.col.redistribution", "kr"),
                   ("total_benefit_incl_redistribution", "apps.benefit.col.total", "kr"),
                   ("net_financial", "apps.benefit.col.net_fin", "kr"),
                   ("net", "apps.benefit.col.net_all", "kr"),
                   ("cumulative_net_financial", "apps.benefit.col.cum_fin", "kr"),
                   ("cumulative_net", "apps.benefit.col.cum_all", "kr"))
        head = "".join(f"<th>{esc(t(label))}</th>" for _, label, _ in columns)
        rows = []
        for rec in frame.to_dict(orient="records"):
            cells = []
            for key, _, fmt in columns:
                value = rec[key]
                negative = isinstance(value, float) and value < 0 and key.startswith(("net", "cum"))
                cls = " class='kstad-down'" if negative else ""
                cells.append(f"<td{cls}>{esc(format_value(value, fmt) if fmt else str(int(value)))}</td>")
            rows.append(f"<tr data-year='{int(rec['year'])}'>{''.join(cells)}</tr>")
        return (f"<table class='kstad-table kstad-numbers'><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>")

    def _departments_html(self, params: BenefitParams) -> str:
        per_department = in_period(self.flows(params)[1], params)
        if self.chosen_department() != ALL or per_department.empty:
            return ""
        suffix = "_discounted" if params.payback_discounted else ""
        rows = []
        for department, part in per_department.groupby("department", sort=True):
            years = part["year"].to_numpy(int)
            paid = _payback_year(years, part["net" + suffix].to_numpy(float))
            paid_fin = _payback_year(years, part["net_financial" + suffix].to_numpy(float))
            rows.append(
                f"<tr><td>{esc(department)}</td>"
                f"<td>{esc(format_value(part['it_cost'].sum(), 'kr'))}</td>"
                f"<td>{esc(format_value(part['benefit_financial'].sum(), 'kr'))}</td>"
                f"<td>{esc(format_value(part['benefit_redistribution'].sum(), 'kr'))}</td>"
                f"<td>{esc(format_value(part['net_financial'].sum(), 'kr'))}</td>"
                f"<td>{esc(format_value(part['net'].sum(), 'kr'))}</td>"
                f"<td>{esc(paid if paid is not None else t('apps.benefit.never'))}</td>"
                f"<td>{esc(paid_fin if paid_fin is not None else t('apps.benefit.never'))}</td></tr>")
        head = "".join(f"<th>{esc(t(k))}</th>" for k in (
            "apps.benefit.department", "apps.benefit.col.cost", "apps.benefit.col.financial",
            "apps.benefit.col.redistribution", "apps.benefit.col.net_fin", "apps.benefit.col.net_all",
            "apps.benefit.col.payback", "apps.benefit.col.payback_fin"))
        return (f"<h2>{esc(t('apps.benefit.per_department'))}</h2><table class='kstad-table kstad-numbers'>"
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")

    def _realisation_html(self) -> str:
        register = self.source.plans.register
        threshold, _ = tracking.tracking_settings()
        lead = esc(t("apps.benefit.realisation_lead", threshold=format_value(threshold, "pct")))
        if register is None or register.empty:
            return f"<p class='kstad-muted'>{esc(t('apps.benefit.no_register'))}</p>"
        department = self.chosen_department()
        needs = self.needs
        summary = tracking.by_department(register, needs, today=self.today)
        per = tracking.realisation(register, today=self.today)
        owners = dict(zip(needs["id"].astype(str), needs["department"].astype(str), strict=True))
        titles = dict(zip(needs["id"].astype(str), needs["title"].fillna("").astype(str), strict=True))
        per = per.assign(department=per["id"].astype(str).map(owners))
        if department != ALL:
            summary = summary[summary["department"] == department]
            per = per[per["department"] == department]
        return (f"<p class='kstad-muted'>{lead}</p>" + _realisation_summary(summary)
                + f"<h3>{esc(t('apps.benefit.initiatives'))}</h3>" + _realisation_rows(per, titles))

    def _chart(self, frame: pd.DataFrame, who: str) -> alt.LayerChart:
        """Bars: IT cost beside stacked finansiell + omfördelning; lines: cumulative net."""
        cost, fin, red = (t("apps.benefit.series.cost"), t("apps.benefit.series.financial"),
                          t("apps.benefit.series.redistribution"))
        group_cost, group_benefit = t("apps.benefit.group.cost"), t("apps.benefit.group.benefit")
        cum_fin, cum_all = t("apps.benefit.series.cum_fin"), t("apps.benefit.series.cum_all")
        bars, lines = [], []
        for rec in frame.to_dict(orient="records"):
            year = str(int(rec["year"]))
            bars += [{"year": year, "group": group_cost, "kind": cost, "msek": rec["it_cost"] / MSEK},
                     {"year": year, "group": group_benefit, "kind": fin,
                      "msek": rec["benefit_financial"] / MSEK},
                     {"year": year, "group": group_benefit, "kind": red,
                      "msek": rec["benefit_redistribution"] / MSEK}]
            lines += [{"year": year, "series": cum_fin, "msek": rec["cumulative_net_financial"] / MSEK},
                      {"year": year, "series": cum_all, "msek": rec["cumulative_net"] / MSEK}]
        bar_data = pd.DataFrame(bars, columns=["year", "group", "kind", "msek"])
        line_data = pd.DataFrame(lines, columns=["year", "series", "msek"])
        axis_y, axis_x = t("apps.benefit.axis_msek"), t("apps.benefit.axis_year")
        bar_layer = alt.Chart(bar_data).mark_bar().encode(
            x=alt.X("year:O", title=axis_x, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("group:N", sort=[group_cost, group_benefit]),
            y=alt.Y("msek:Q", stack=True, title=axis_y),
            color=alt.Color("kind:N", title=t("apps.benefit.kind"),
                            scale=alt.Scale(domain=[cost, fin, red],
                                            range=["#a3131e", "#1b6e35", "#8cc79b"]),
                            legend=alt.Legend(orient="bottom")),
            order=alt.Order("kind:N", sort="ascending"),
            tooltip=[alt.Tooltip("year:O", title=axis_x), alt.Tooltip("kind:N", title=t("apps.benefit.kind")),
                     alt.Tooltip("msek:Q", title=axis_y, format=",.2f")])
        line_layer = alt.Chart(line_data).mark_line(
            point=alt.OverlayMarkDef(color="#34495e"), color="#34495e").encode(
            x=alt.X("year:O", title=axis_x),
            y=alt.Y("msek:Q", title=axis_y),
            strokeDash=alt.StrokeDash("series:N", title=None, sort=[cum_all, cum_fin],
                                      legend=alt.Legend(orient="bottom", labelLimit=0,
                                                        symbolType="stroke")),
            tooltip=[alt.Tooltip("year:O", title=axis_x),
                     alt.Tooltip("series:N", title=t("apps.benefit.kind")),
                     alt.Tooltip("msek:Q", title=axis_y, format=",.2f")])
        zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#999").encode(y="y:Q")
        return alt.layer(bar_layer, line_layer, zero).resolve_legend(
            color="independent", strokeDash="independent").properties(
            width=760, height=320, title=t("apps.benefit.chart_title", who=who))

    # ------------------------------------------------------------------ layout

    def widget(self) -> w.Widget:
        controls = w.VBox([self.basis, self.basis_note, self.department,
                           w.HBox([self.rate_box, self.years_box]), self.message])
        controls.add_class("kstad-controls")
        page = w.VBox([
            self.topbar,
            w.HTML(f"<h1>{esc(t('apps.benefit.title'))}</h1><p class='kstad-lead'>"
                   f"{esc(t('apps.benefit.lead'))}</p>"),
            self.source.upload_widget(), controls, self.kpis, self.chart, self.payback,
            w.HTML(f"<h2>{esc(t('apps.benefit.per_year'))}</h2>"), self.per_year,
            self.per_department,
            w.HTML(f"<h2>{esc(t('apps.benefit.realisation'))}</h2>"), self.realisation,
            w.HTML(f"<h2>{esc(t('export.button.excel'))} / PDF</h2>"), self.exports.widget,
        ])
        page.add_class("kstad-effekt")
        return page


# --------------------------------------------------------------------------- helpers


def _msek(value: float) -> str:
    return f"{format_value(value / MSEK, '.1')} {t('apps.msek')}"


def _payback_year(years: np.ndarray, net: np.ndarray | list) -> int | None:
    """First calendar year from which the cumulative net stays ≥ 0 (None if never)."""
    values = np.asarray(net, dtype=float)
    if values.size == 0 or not np.isfinite(values).all():
        return None
    index = finance.payback_index(values)
    return None if np.isnan(index) else int(years[int(index)])


def _badges(flags: str) -> str:
    """Red badge for "försenad", amber for "under plan" (Swedish labels from the texts)."""
    labels = {tracking.FLAG_OVERDUE: ("low", t("benefits.flag.overdue")),
              tracking.FLAG_BELOW_PLAN: ("mid", t("benefits.flag.below_plan"))}
    out = []
    for flag in (f.strip() for f in str(flags or "").split(",") if f.strip()):
        level, label = labels.get(flag, ("mid", flag))
        out.append(f"<span class='kstad-badge kstad-badge-{level}'>{esc(label)}</span>")
    return " ".join(out)


def _realisation_summary(summary: pd.DataFrame) -> str:
    if summary.empty:
        return ""
    head = "".join(f"<th>{esc(t(k))}</th>" for k in (
        "apps.benefit.department", "apps.benefit.col.initiatives", "apps.benefit.col.planned",
        "apps.benefit.col.planned_due", "apps.benefit.col.realised", "apps.benefit.col.rate",
        "apps.benefit.col.overdue", "apps.benefit.col.below"))
    rows = "".join(
        f"<tr><td>{esc(r.department)}</td><td>{int(r.initiatives)}</td>"
        f"<td>{esc(format_value(r.planned, 'kr'))}</td><td>{esc(format_value(r.planned_due, 'kr'))}</td>"
        f"<td>{esc(format_value(r.realised, 'kr'))}</td><td>{esc(format_value(r.rate, 'pct'))}</td>"
        f"<td>{int(r.overdue_count)}</td><td>{int(r.below_plan_count)}</td></tr>"
        for r in summary.itertuples(index=False))
    return (f"<table class='kstad-table kstad-numbers'><thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _realisation_rows(per: pd.DataFrame, titles: dict[str, str]) -> str:
    if per.empty:
        return f"<p class='kstad-muted'>{esc(t('apps.benefit.no_register'))}</p>"
    flagged = per["flags"].astype(str).str.len() > 0
    ordered = pd.concat([per[flagged], per[~flagged]]).head(INITIATIVES_MAX)
    head = "".join(f"<th>{esc(t(k))}</th>" for k in (
        "col.id", "col.title", "apps.benefit.col.year", "apps.benefit.col.planned",
        "apps.benefit.col.realised", "apps.benefit.col.rate", "apps.benefit.col.flags",
        "apps.benefit.col.realiser"))
    rows = "".join(
        f"<tr data-id='{esc(r.id)}' data-flags='{esc(r.flags)}'><td class='kstad-id'>{esc(r.id)}</td>"
        f"<td>{esc(titles.get(str(r.id), ''))}</td><td>{esc(r.year)}</td>"
        f"<td>{esc(format_value(r.planned, 'kr'))}</td><td>{esc(format_value(r.realised, 'kr'))}</td>"
        f"<td>{esc(format_value(r.rate, 'pct'))}</td><td>{_badges(r.flags)}</td>"
        f"<td>{esc(r.realiser)}</td></tr>"
        for r in ordered.itertuples(index=False))
    return (f"<table class='kstad-table'><thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def effekt_app() -> w.Widget:
    """Entry point for notebooks/04_effekthemtagning.ipynb."""
    return EffektApp().widget()
