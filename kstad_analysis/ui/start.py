"""The start page: what data is loaded, and links to the apps."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from kstad_analysis import analysis
from kstad_analysis.constants import APPS
from kstad_analysis.i18n import t
from kstad_analysis.intake import Plans
from kstad_analysis.ui.common import app_plans, esc, html_table


def department_summary(plans: Plans) -> pd.DataFrame:
    """Needs per förvaltning with Swedish headers (see
    :func:`kstad_analysis.analysis.department_summary`: missing amounts are
    counted, never summed as 0 kr)."""
    frame = analysis.department_summary(plans.needs)
    return frame.rename(columns={
        "department": t("col.department"), "needs": t("col.needs"),
        "incomplete": t("col.incomplete"), "investment": t("col.investment_known"),
        "investment_missing": t("col.investment_missing"),
        "running_cost": t("col.running_cost_known"),
        "running_cost_missing": t("col.running_cost_missing"),
    })


def start_page(existing_apps: set[str] | None = None) -> w.Widget:
    """Build the start page widget (links only to apps that exist)."""
    plans = app_plans()
    links = "".join(
        f'<li><a href="{esc(nb)}">{esc(t(key))}</a></li>'
        for nb, key in APPS if existing_apps is None or nb in existing_apps
    )
    status = "kstad-ok" if plans.ok else "kstad-error"
    header = w.HTML(
        f"<h1>{esc(t('start.title'))}</h1><p>{esc(t('start.lead'))}</p>"
        f"<ul class='kstad-apps'>{links}</ul>"
        f"<p class='{status}'>{esc(plans.summary())}</p>"
    )
    summary = department_summary(plans)
    table = w.HTML(html_table(summary, formats={
        t("col.investment_known"): "kr", t("col.running_cost_known"): "kr",
    }))
    table.add_class("kstad-sample-table")
    errors = "".join(f"<li>{esc(p)}</li>" for p in plans.errors[:50])
    parts: list[w.Widget] = [header, w.HTML(f"<h2>{esc(t('start.per_department'))}</h2>"), table]
    if errors:
        parts.append(w.HTML(f"<h2>{esc(t('start.errors'))}</h2><ul>{errors}</ul>"))
    box = w.VBox(parts)
    box.add_class("kstad-start")
    return box
