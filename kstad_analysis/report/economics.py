"""The economic consequences of the proposal: per year, per förvaltning, per nämnd.

Why its own module: page 1 (Förslag till beslut), section 2 (Ekonomiska
konsekvenser), the Excel sheets and ``siffror.json`` state the same figures,
so they are computed once here from the chain's results – the portfolio's
yearly flows (:func:`kstad_analysis.benefits.portfolio_flows`, one NPV to one
base year) and the funded needs' yearly flows – and never rebuilt.

Rules kept: only needs whose costs are known are in the flows (as
``portfolio_flows``: their benefits without their costs would flatter); a
benefit a need does not state counts 0 kr; finansiell nytta and
omfördelningsnytta stay in separate columns. Per förvaltning the figures add
up to the portfolio's per year (a test holds them to it).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kstad_analysis import config
from kstad_analysis.report.content import ReportContent

#: Fallback when ``benefits.toml`` has no ``[effekthemtagning]`` section.
HOURS_PER_FTE_DEFAULT = 1700.0


def hours_per_fte(cfg: dict[str, Any] | None = None) -> float:
    """Hours a full-time employee works in a year (``benefits.toml``,
    ``[effekthemtagning] timmar_per_arsarbetare``): freed time in årsarbetare."""
    section = (cfg if cfg is not None else config.load("benefits")).get("effekthemtagning", {})
    hours = float(section.get("timmar_per_arsarbetare", HOURS_PER_FTE_DEFAULT))
    if not hours > 0:
        raise ValueError(f"timmar_per_arsarbetare måste vara > 0, inte {hours}")
    return hours


def year_table(content: ReportContent) -> pd.DataFrame:
    """The portfolio per calendar year (kr, undiscounted): investment, running
    cost, both benefits apart, net and cumulative net."""
    flows = content.portfolio_flows.copy()
    flows["cumulative_net"] = flows["net"].cumsum()
    return flows.reset_index(drop=True)


def _in_flows(content: ReportContent) -> pd.DataFrame:
    """The funded needs' yearly flows, only needs with known costs (the
    portfolio flows' rule), benefits not stated as 0 kr."""
    coverage = content.portfolio_flows.attrs.get("coverage", {})
    inside = set(coverage.get("in_flows", content.funded_ids))
    flows = content.flows[content.flows["id"].astype(str).isin(inside)].copy()
    for key in ("benefit_financial", "benefit_redistribution"):
        flows[key] = flows[key].astype(float).fillna(0.0)
    flows["running_cost"] = flows["it_cost"].astype(float).where(flows["t"] >= 1, 0.0)
    flows["investment"] = flows["it_cost"].astype(float).where(flows["t"] == 0, 0.0)
    return flows


def _bearers(content: ReportContent) -> pd.Series:
    econ = content.economics
    return pd.Series(econ["cost_bearer"].astype(str).to_numpy(), index=econ["id"].astype(str))


def cost_by_department(content: ReportContent) -> pd.DataFrame:
    """Per förvaltning (its nämnd), who pays and year: investment and added
    running cost (kr). ``cost_bearer`` is the budget that carries the cost
    (``benefits.toml`` ``[ansvar]``), the förvaltning the one whose need it is."""
    flows = _in_flows(content)
    columns = ["department", "cost_bearer", "year", "investment", "running_cost"]
    if flows.empty:
        return pd.DataFrame(columns=columns)
    flows["cost_bearer"] = flows["id"].astype(str).map(_bearers(content)).fillna("")
    out = flows.groupby(["department", "cost_bearer", "year"], observed=True)[
        ["investment", "running_cost"]].sum().reset_index()
    out = out[(out["investment"] != 0) | (out["running_cost"] != 0)]
    out["department"] = out["department"].astype(str)
    return out[columns].sort_values(["department", "year"], kind="mergesort").reset_index(drop=True)


def running_by_bearer(content: ReportContent) -> pd.DataFrame:
    """Added running cost per year by who pays: the driftbudget per budget holder."""
    frame = cost_by_department(content)
    if frame.empty:
        return pd.DataFrame(columns=["cost_bearer", "year", "running_cost"])
    return frame.groupby(["cost_bearer", "year"])["running_cost"].sum().reset_index()


def effect_by_department(content: ReportContent, hours: float | None = None) -> pd.DataFrame:
    """Effekthemtagning per förvaltning and year: finansiell nytta (the
    budget-frame reduction it allows, kr), omfördelningsnytta (kr), the freed
    time in hours and in årsarbetare (hours / :func:`hours_per_fte`).

    Hours are the omfördelningsnytta divided by the förvaltning's timkostnad
    (:func:`kstad_analysis.valuation.department_hourly_cost`, the formula that
    valued the time), so kr and hours cannot disagree.
    """
    from kstad_analysis.valuation import department_hourly_cost

    hours = hours or hours_per_fte()
    flows = _in_flows(content)
    columns = ["department", "year", "benefit_financial", "benefit_redistribution", "hours", "fte"]
    if flows.empty:
        return pd.DataFrame(columns=columns)
    out = flows.groupby(["department", "year"], observed=True)[
        ["benefit_financial", "benefit_redistribution"]].sum().reset_index()
    out["department"] = out["department"].astype(str)
    rate = department_hourly_cost(out["department"], content.params.valuation_config())
    out["hours"] = out["benefit_redistribution"] / rate
    out["fte"] = out["hours"] / hours
    out = out[(out["benefit_financial"] != 0) | (out["benefit_redistribution"] != 0)]
    return out[columns].sort_values(["department", "year"], kind="mergesort").reset_index(drop=True)


def effect_full(content: ReportContent, hours: float | None = None) -> pd.DataFrame:
    """Per förvaltning once fully built (the last year with the ramp at its
    ceiling): the yearly benefit each may plan to take home, and årsarbetare."""
    frame = effect_by_department(content, hours)
    if frame.empty:
        return frame
    peak = frame.groupby("department")[["benefit_financial", "benefit_redistribution", "hours",
                                        "fte"]].max()
    return peak.reset_index()


def locked(content: ReportContent) -> dict[str, Any]:
    """The funded investment that is not a free choice: needs required by law
    (lagkrav) and needs the scenario commits to (its must-list). Share of the
    funded investment (charged costs, bastjänst shares included)."""
    funded = set(content.funded_ids)
    charged = content.charged[content.charged["id"].astype(str).isin(funded)]
    legal = charged["legal"].astype("boolean").fillna(False).astype(bool).to_numpy()
    must = charged["id"].astype(str).isin({str(i) for i in content.scenario.must}).to_numpy()
    investment = charged["investment"].astype(float).fillna(0.0).to_numpy()
    total = float(investment.sum())
    legal_kr = float(investment[legal].sum())
    must_kr = float(investment[must & ~legal].sum())
    return {
        "legal_ids": sorted(charged.loc[legal, "id"].astype(str)),
        "must_ids": sorted(charged.loc[must & ~legal, "id"].astype(str)),
        "legal_investment": legal_kr, "must_investment": must_kr,
        "share": (legal_kr + must_kr) / total if total > 0 else 0.0,
    }


def decision_numbers(content: ReportContent) -> dict[str, Any]:
    """Page 1's figures as plain numbers (``siffror.json`` ``decision``): a test
    recomputes every one from ``flows``."""
    years = year_table(content)
    summary = content.summary
    run_years = years.loc[years["running_cost"] > 0, "running_cost"]
    return {
        "funded": len(content.funded_ids),
        "investment_total": float(years["investment"].sum()),
        "investment_per_year": {str(int(y)): float(v) for y, v in
                                zip(years["year"], years["investment"], strict=True) if v},
        "running_per_year": {str(int(y)): float(v) for y, v in
                             zip(years["year"], years["running_cost"], strict=True) if v},
        "running_full_per_year": float(run_years.max()) if len(run_years) else 0.0,
        "benefit_financial_full_per_year": summary.get("benefit_financial_full_per_year"),
        "benefit_redistribution_full_per_year": summary.get("benefit_redistribution_full_per_year"),
        "npv": summary["npv"], "npv_financial": summary["npv_financial"],
        "npv_low": summary.get("npv_low"), "npv_high": summary.get("npv_high"),
        "payback_year": summary.get("payback_year"),
        "payback_year_financial": summary.get("payback_year_financial"),
        "locked": locked(content),
        "hours_per_fte": hours_per_fte(),
    }


__all__ = [
    "HOURS_PER_FTE_DEFAULT", "cost_by_department", "decision_numbers", "effect_by_department",
    "effect_full", "hours_per_fte", "locked", "running_by_bearer", "year_table",
]
