"""The start page: what data is loaded, and links to the apps."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from kstad_analysis import analysis
from kstad_analysis.constants import APPS
from kstad_analysis.i18n import t
from kstad_analysis.intake import Plans
from kstad_analysis.ui.common import app_plans, esc, html_table
from kstad_analysis.ui.visit import Visit


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


def start_page(existing_apps: set[str] | None = None, visit: Visit | None = None) -> w.Widget:
    """Build the start page widget: a card per app (only apps that exist),
    with links that start (or keep) the visit, and the plans' problems openable."""
    plans = app_plans()
    visit = visit or Visit.from_request()
    cards = "".join(
        f"<a class='kstad-app-card' href='{esc(visit.link(nb))}'><b>{esc(t(key))}</b>"
        f"<span>{esc(t(key + '.desc'))}</span></a>"
        for nb, key in APPS if existing_apps is None or nb in existing_apps
    )
    status = "kstad-ok" if plans.ok else "kstad-error"
    header = w.HTML(
        f"<style>{CARD_CSS}</style>"
        f"<h1>{esc(t('start.title'))}</h1><p>{esc(t('start.lead'))}</p>"
        f"<nav class='kstad-apps'>{cards}</nav>"
        f"<p class='{status}'>{esc(plans.summary())}</p>"
    )
    summary = department_summary(plans)
    table = w.HTML(html_table(summary, formats={
        t("col.investment_known"): "kr", t("col.running_cost_known"): "kr",
    }))
    table.add_class("kstad-sample-table")
    parts: list[w.Widget] = [header, w.HTML(f"<h2>{esc(t('start.per_department'))}</h2>"), table]
    for key, problems in (("start.errors", plans.errors), ("start.warnings", plans.warnings)):
        if problems:
            items = "".join(f"<li>{esc(p)}</li>" for p in problems[:200])
            parts.append(w.HTML(f"<details class='kstad-problems'><summary>"
                                f"{esc(t(key))} ({len(problems)})</summary><ul>{items}</ul></details>"))
    box = w.VBox(parts)
    box.add_class("kstad-start")
    return box


#: Cards that look like what they are: links (underlined title, pointer, focus ring).
CARD_CSS = (
    ".kstad-apps{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0}"
    ".kstad-app-card{display:flex;flex-direction:column;gap:4px;width:230px;padding:12px;"
    "border:1px solid #9bb3cf;border-radius:6px;color:#1a4f8b;text-decoration:none}"
    ".kstad-app-card b{text-decoration:underline;font-size:16px}"
    ".kstad-app-card span{color:#333}"
    ".kstad-app-card:hover,.kstad-app-card:focus{background:#eef4fb;outline:2px solid #1a4f8b}"
    ".kstad-nav a{color:#1a4f8b;text-decoration:underline;margin-right:14px}"
    ".kstad-problems summary{cursor:pointer;color:#1a4f8b;text-decoration:underline}"
)
