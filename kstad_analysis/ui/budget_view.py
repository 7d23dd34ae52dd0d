"""Budget: what the page shows of one solved portfolio (HTML and the frontier chart).

Why a module of its own: the Budget app's state and callbacks change with
every rule a meeting asks for, the way a result is drawn does not. These
functions take the result and the few choices they depend on (value kind,
måste ids, titles) and return escaped HTML or an Altair chart; they never
read widgets, so a hostile widget value cannot reach them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import altair as alt
import numpy as np
import pandas as pd

from kstad_analysis.analysis import Analysis
from kstad_analysis.budget import BudgetResult
from kstad_analysis.i18n import t
from kstad_analysis.ui.common import esc, format_value
from kstad_analysis.ui.common import year as show_year

MSEK = 1_000_000.0
LIST_MAX = 12
IDS_SHOWN = 40
PARAM = "budget_msek"


def msek(value: object) -> str:
    """Amounts for politicians: millions of kronor with two decimals."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "–"
    return f"{format_value(number / MSEK, '.2')} {t('apps.msek')}" if np.isfinite(number) else "–"


def fmt_value(value: float | None, kind: str) -> str:
    """A portfolio value: nyttopoäng with two decimals, kronor values in kr."""
    if value is None or not np.isfinite(value):
        return "–"
    return format_value(value, ".2") if kind == "benefit" else format_value(value, "kr")


def weights_label(analysis: Analysis) -> str:
    """Which weights the page scores with, by the chain's one rule."""
    choice = analysis.weights()
    name = analysis.scenario.name if analysis.scenario is not None else ""
    if choice.source == "scenario":
        return t("apps.budget.weights_scenario", name=name)
    if choice.source == "preset":
        return t("apps.budget.weights_preset", name=choice.preset or "")
    return t("apps.budget.weights_default")


def totals_html(result: BudgetResult, kind: str) -> str:
    """The key figures, the solver's status, warnings and the per-year table."""
    totals = result.totals
    status = t(f"budget.status.{result.status}")
    status = status[:1].upper() + status[1:]
    gap = format_value(result.gap, "pct") if np.isfinite(result.gap) else "–"
    detail = t("apps.budget.status_line", gap=gap,
               seconds=format_value(float(totals["seconds"]), ".2"), solver=totals["solver"])
    rows = [
        ("apps.budget.t.budget", msek(totals["budget"]), ""),
        ("apps.budget.t.cost", msek(totals["cost"]), ""),
        ("apps.budget.t.remaining", msek(totals["remaining"]), ""),
        ("apps.budget.t.running", msek(totals["running_added"]), ""),
        ("apps.budget.t.value", fmt_value(float(totals["value"]), kind), t(f"value.unit.{kind}")),
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


def portfolio_html(result: BudgetResult, must: Collection[str], kind: str) -> str:
    """The chosen needs (lagkrav and måste tagged) and the chosen bastjänster."""
    if not result.result.feasible:
        why = t("apps.budget.infeasible", why=result.explanation or t("budget.status.infeasible"))
        return f"<p class='kstad-error'>{esc(why)}</p>"
    chosen = result.portfolio
    forced = set(must)
    head = "".join(f"<th>{esc(t(k))}</th>" for k in (
        "col.id", "col.title", "col.department", "apps.budget.col.investment",
        "apps.budget.col.running", "budget.col.start_year", "budget.col.value",
        "apps.budget.col.via"))
    rows = []
    for r in chosen.itertuples(index=False):
        tags = ""
        if r.legal:
            tags += f" <span class='kstad-badge kstad-badge-mid'>{esc(t('apps.budget.legal'))}</span>"
        if r.id in forced:
            tags += f" <span class='kstad-badge kstad-badge-high'>{esc(t('apps.budget.forced'))}</span>"
        via = esc(r.served_by) if r.served_by else ""
        cost = "" if r.served_by else esc(format_value(r.cost, "kr"))
        rows.append(
            f"<tr data-id='{esc(r.id)}'><td class='kstad-id'>{esc(r.id)}</td>"
            f"<td>{esc(r.title)}{tags}</td><td>{esc(r.department)}</td><td>{cost}</td>"
            f"<td>{'' if r.served_by else esc(format_value(r.running_cost, 'kr'))}</td>"
            f"<td>{esc(show_year(r.start_year))}</td>"
            f"<td>{esc(fmt_value(float(r.value), kind))}</td><td>{via}</td></tr>")
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


def naive_html(result: BudgetResult, kind: str, titles: Mapping[str, str]) -> str:
    """The optimisation against "rank and fill", with the needs only one of them funds."""
    totals = result.totals
    title = f"<h3>{esc(t('apps.budget.naive'))}</h3>"
    if not (result.result.feasible and result.naive.feasible):
        return title + f"<p class='kstad-muted'>{esc(t('apps.budget.naive_none'))}</p>"
    naive_value = float(totals["naive_value"])
    gain = float(totals["gain"])
    pct = format_value(gain / naive_value, "pct") if naive_value > 0 else "–"
    text = t("apps.budget.naive_text", naive=fmt_value(naive_value, kind),
             naive_cost=msek(totals["naive_cost"]),
             value=fmt_value(float(totals["value"]), kind), gain=fmt_value(gain, kind), pct=pct)
    optimal = set(result.portfolio["id"])
    naive = result.naive_served()
    parts = [title, f"<p>{esc(text)}</p>"]
    for key, ids in (("apps.budget.only_opt", optimal - naive),
                     ("apps.budget.only_naive", naive - optimal)):
        if ids:
            listed = sorted(ids)
            items = ", ".join(f"<span class='kstad-id' title='{esc(titles.get(i, ''))}'>"
                              f"{esc(i)}</span>" for i in listed[:IDS_SHOWN])
            more = (f" {esc(t('apps.more', n=len(listed) - IDS_SHOWN))}"
                    if len(listed) > IDS_SHOWN else "")
            parts.append(f"<p><b>{esc(t(key))} ({len(listed)}):</b> {items}{more}</p>")
    return "".join(parts)


def rest_html(result: BudgetResult) -> str:
    """The needs left out, each with its reason (in a closed ``details``)."""
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


def frontier_data(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The frontier's feasible points with the budget in mnkr, and the value in
    mnkr too when it is an amount (nettonuvärde), so both axes read like the
    key figures instead of ``20 000 000``."""
    if not len(frame):
        return pd.DataFrame({"budget": [], "value": [], "n": []})
    ok = frame[frame["status"] != "infeasible"]
    value = ok["value"].to_numpy(float)
    return pd.DataFrame({"budget": ok["budget"].to_numpy(float) / MSEK,
                         "value": value if kind == "benefit" else value / MSEK,
                         "n": ok["n_chosen"].to_numpy(int)})


def frontier_y_title(kind: str) -> str:
    """The value axis with its unit (nyttopoäng, or mnkr nettonuvärde)."""
    unit = t("value.unit.benefit") if kind == "benefit" else t(f"apps.budget.axis_unit.{kind}")
    return t("apps.budget.frontier_y_unit", unit=unit)


def frontier_chart(frame: pd.DataFrame, kind: str, budget_msek: float,
                   max_msek: float) -> alt.LayerChart:
    """The frontier as a step line with points, and the chosen budget as a rule
    (moved through the ``budget_msek`` parameter without re-sending the chart)."""
    x_title, y_title = t("apps.budget.frontier_x"), frontier_y_title(kind)
    data = frontier_data(frame, kind)
    param = alt.param(name=PARAM, value=budget_msek)
    top = max([max_msek, *data["budget"].tolist()])
    base = alt.Chart(data).encode(
        x=alt.X("budget:Q", title=x_title, scale=alt.Scale(domain=[0, top], nice=False)),
        y=alt.Y("value:Q", title=y_title),
        tooltip=[alt.Tooltip("budget:Q", title=x_title, format=",.1f"),
                 alt.Tooltip("value:Q", title=y_title, format=",.2f"),
                 alt.Tooltip("n:Q", title=t("budget.col.n_chosen"))])
    line = base.mark_line(interpolate="step-after", color="#3d6fa8", strokeWidth=2)
    points = base.mark_point(filled=True, size=45, color="#3d6fa8")
    rule = alt.Chart(pd.DataFrame({"z": [0]})).mark_rule(
        color="#a3131e", strokeWidth=2).transform_calculate(b=PARAM).encode(x="b:Q")
    return alt.layer(line, points, rule).add_params(param).properties(
        width=520, height=260, title=t("apps.budget.frontier"))


def compare_html(a_name: str, b_name: str, served: tuple[set[str], set[str]]) -> str:
    """Which needs two scenarios' portfolios differ in (for the scenario panel)."""
    parts = [f"<h4>{esc(t('apps.budget.compare_title'))}</h4>"]
    if served[0] == served[1]:
        return parts[0] + f"<p>{esc(t('apps.budget.compare_same'))}</p>"
    for name, ids in ((a_name, served[0] - served[1]), (b_name, served[1] - served[0])):
        if ids:
            parts.append(f"<p><b>{esc(t('apps.budget.compare_only', name=name))}:</b> "
                         f"{esc(', '.join(sorted(ids)))}</p>")
    return "".join(parts)
