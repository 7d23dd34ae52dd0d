"""One NPV for a portfolio: its yearly net flows, discounted to one base year.

Why: a per-need NPV is discounted to that need's own start year, so adding
them mixes 2024 and 2029 kronor. A politician needs one figure whose sum can
be checked: the portfolio's flows per calendar year, and their present value
at ``params.base_year``.

Timing convention (the same as ``yearly_flows`` and ``need_economics``): a
need's investment falls in its start year; running cost and benefits (with
the adoption ramp) fall in each of the ``years`` following years. A flow of
calendar year ``y`` is multiplied by ``(1 + rate) ** -(y - base_year)``: a
base-year flow is not discounted (as index 0 of ``numpy_financial.npv``),
a flow one year later is discounted one whole year (an end-of-year flow seen
from the start of the base year), and a flow before the base year (a need
already under way) is compounded up to it. The rows start at the base year
or the first start year, whichever is earlier, and run without gaps to the
last year with a flow, so ``npv == numpy_financial.npv(rate, net)`` whenever
no flow lies before the base year.

Missing data, the rule the totals follow (never flattering):
- A need whose investment or running cost is unknown is left out of every
  figure (its benefits without its costs would flatter); the summary counts
  and names it in ``left_out``.
- A need whose costs are known is in the flows. A benefit it does not state
  (övrig nytta, or ärenden/sparad tid for omfördelningsnytta: "ej angiven")
  adds 0 kr, so the totals and paybacks are what the stated benefits alone
  give: a missing benefit can only make the portfolio pay back later, never
  earlier. ``counted_without`` says, per figure, how many needs are in it
  without a benefit it would include.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kstad_analysis import finance
from kstad_analysis.benefits.need import (
    _check_columns,
    _floats,
    _start_years,
    adoption_ceiling,
    flow_matrices,
    yearly_benefits,
)
from kstad_analysis.benefits.params import REQUIRED_COLUMNS, BenefitParams
from kstad_analysis.i18n import t

#: The columns of ``portfolio_flows`` (kr per calendar year, undiscounted).
PORTFOLIO_FLOW_COLUMNS = (
    "year", "investment", "running_cost", "benefit_financial", "benefit_redistribution", "net",
)
#: The headline figures of ``portfolio_summary`` that leave needs out.
SUMMARY_FIGURES = ("npv", "npv_financial", "payback_year", "payback_year_financial")


def portfolio_flows(needs: pd.DataFrame, params: BenefitParams | None = None) -> pd.DataFrame:
    """The portfolio's flows, one row per calendar year (module docstring).

    Columns ``year, investment, running_cost, benefit_financial,
    benefit_redistribution, net`` (kr, undiscounted; ``net`` = both benefits
    − investment − running cost). Investment and running cost stay apart.
    ``attrs["coverage"]`` records which needs are in the flows, left out or
    counted without a benefit, and the fully built yearly benefits, so that
    ``portfolio_summary`` can say so.
    """
    params = params or BenefitParams.load()
    _check_columns(needs, REQUIRED_COLUMNS)
    ids = needs["id"].astype(str).to_numpy()
    investment, running = _floats(needs, "investment"), _floats(needs, "running_cost")
    financial, redistribution = yearly_benefits(needs, params)
    start, _ = _start_years(needs, params.base_year)
    inside = ~(np.isnan(investment) | np.isnan(running))
    fin_stated, red_stated = ~np.isnan(financial), ~np.isnan(redistribution)
    kept = inside.nonzero()[0]
    _, fin, red = flow_matrices(
        investment[kept], running[kept], np.where(fin_stated, financial, 0.0)[kept],
        np.where(red_stated, redistribution, 0.0)[kept], params,
    )
    periods = params.periods
    inv = np.zeros((len(kept), periods))
    inv[:, 0] = investment[kept]
    run = running[kept, None] * (np.arange(periods) >= 1)[None, :]
    begin = int(start[kept].min()) if len(kept) else params.base_year
    first = min(begin, params.base_year)
    # no need with known costs: no rows (nothing happens, nothing to discount)
    last = int(start[kept].max()) + periods - 1 if len(kept) else first - 1
    slot = (start[kept, None].astype(np.int64) - first) + np.arange(periods)[None, :]
    size = last - first + 1
    sums = {key: np.bincount(slot.ravel(), weights=values.ravel(), minlength=size)[:size]
            for key, values in (("investment", inv), ("running_cost", run),
                                ("benefit_financial", fin), ("benefit_redistribution", red))}
    out = pd.DataFrame({"year": np.arange(first, last + 1, dtype="int64"), **sums})
    out["net"] = (out["benefit_financial"] + out["benefit_redistribution"]
                  - out["investment"] - out["running_cost"])
    fin_share, red_share = adoption_ceiling(params)
    out.attrs["coverage"] = {
        "needs": len(ids), "in_flows": [str(i) for i in ids[inside]],
        "left_out": [str(i) for i in ids[~inside]],
        "financial_not_stated": [str(i) for i in ids[inside & ~fin_stated]],
        "redistribution_not_stated": [str(i) for i in ids[inside & ~red_stated]],
        "first_flow_year": begin if len(kept) else None,
        "benefit_financial_full_per_year": float(np.nansum(financial[inside]) * fin_share),
        "benefit_redistribution_full_per_year": float(
            np.nansum(redistribution[inside]) * red_share
        ),
    }
    return out[list(PORTFOLIO_FLOW_COLUMNS)]


def _present(values: pd.Series | np.ndarray, factors: np.ndarray) -> float:
    return float(np.asarray(values, dtype=float) @ factors)


def _payback(years: np.ndarray, net: np.ndarray, factors: np.ndarray, begin: int | None,
             discounted: bool) -> int | None:
    """First year from which the cumulative net stays ≥ 0, counted from the
    first year with a flow (rows before it are the empty base year)."""
    if begin is None or not len(years):
        return None
    rows = years >= begin
    flows = net[rows] * factors[rows] if discounted else net[rows]
    index = finance.payback_index(flows)
    return None if np.isnan(index) else int(years[rows][int(index)])


def portfolio_summary(flows: pd.DataFrame, params: BenefitParams | None = None) -> dict[str, Any]:
    """The portfolio's NPV and paybacks from ``portfolio_flows`` (JSON-safe).

    ``npv`` (incl. omfördelningsnytta) is exactly ``sum(net × (1 + rate) **
    -(year − base_year))`` over the rows; ``npv_financial`` the same without
    ``benefit_redistribution``; ``npv_low``/``npv_high`` scale both benefits
    by the low/high factors. ``payback_year(_financial)`` is the first year
    from which the cumulative (discounted, if ``params.payback_discounted``)
    net stays ≥ 0, None if not within the flows. ``left_out[figure]`` counts
    the needs each figure leaves out (unknown cost), ``counted_without``
    those in it without a benefit it would include (counted as 0 kr);
    ``left_out_ids``/``not_stated_ids`` name them. ``benefit_*_full_per_year``
    are the yearly benefits once fully built (at the ramp's last value).
    """
    params = params or BenefitParams.load()
    coverage = flows.attrs.get("coverage", {})
    years = flows["year"].to_numpy(dtype="int64")
    factors = finance.discount_factors_to(params.rate, years, params.base_year)
    costs = flows["investment"].to_numpy(float) + flows["running_cost"].to_numpy(float)
    fin = flows["benefit_financial"].to_numpy(float)
    red = flows["benefit_redistribution"].to_numpy(float)
    net = flows["net"].to_numpy(float)
    begin = coverage.get("first_flow_year", int(years[0]) if len(years) else None)
    # Without the coverage (flows not from portfolio_flows, or attrs dropped)
    # the counts are unknown (None), never a reassuring 0.
    known = "left_out" in coverage
    left = len(coverage["left_out"]) if known else None
    fin_missing = set(coverage.get("financial_not_stated", []))
    any_missing = fin_missing | set(coverage.get("redistribution_not_stated", []))
    return {
        "base_year": int(params.base_year), "rate": float(params.rate),
        "first_year": int(years[0]) if len(years) else None,
        "last_year": int(years[-1]) if len(years) else None,
        "npv": _present(net, factors),
        "npv_financial": _present(fin - costs, factors),
        "npv_low": _present(params.low_factor * (fin + red) - costs, factors),
        "npv_high": _present(params.high_factor * (fin + red) - costs, factors),
        **{f"pv_{key}": _present(flows[key], factors) for key in PORTFOLIO_FLOW_COLUMNS[1:5]},
        **{f"total_{key}": float(flows[key].sum()) for key in PORTFOLIO_FLOW_COLUMNS[1:5]},
        "benefit_financial_full_per_year": coverage.get("benefit_financial_full_per_year"),
        "benefit_redistribution_full_per_year": coverage.get(
            "benefit_redistribution_full_per_year"
        ),
        "payback_year": _payback(years, net, factors, begin, params.payback_discounted),
        "payback_year_financial": _payback(
            years, fin - costs, factors, begin, params.payback_discounted
        ),
        "payback_discounted": bool(params.payback_discounted),
        "needs": coverage.get("needs"),
        "needs_in_flows": len(coverage["in_flows"]) if known else None,
        "left_out": dict.fromkeys(SUMMARY_FIGURES, left),
        "counted_without": {
            "npv": len(any_missing), "npv_financial": len(fin_missing),
            "payback_year": len(any_missing), "payback_year_financial": len(fin_missing),
        } if known else dict.fromkeys(SUMMARY_FIGURES),
        "left_out_ids": sorted(coverage.get("left_out", [])),
        "not_stated_ids": {
            "benefit_financial": sorted(fin_missing),
            "benefit_redistribution": sorted(coverage.get("redistribution_not_stated", [])),
        },
    }


def summary_notes(summary: dict[str, Any]) -> list[str]:
    """The summary's conventions and gaps as sentences for the report and apps."""
    rate = f"{summary['rate'] * 100:.1f}".replace(".", ",")
    notes = [t("benefits.portfolio.convention", base_year=summary["base_year"], rate=rate)]
    if summary["left_out_ids"]:
        notes.append(t("benefits.portfolio.left_out", n=len(summary["left_out_ids"]),
                       ids=", ".join(summary["left_out_ids"])))
    for key in ("benefit_redistribution", "benefit_financial"):
        missing = summary["not_stated_ids"][key]
        if missing:
            notes.append(t(f"benefits.portfolio.not_stated.{key}", n=len(missing),
                           ids=", ".join(missing)))
    return notes


__all__ = [
    "PORTFOLIO_FLOW_COLUMNS", "SUMMARY_FIGURES", "portfolio_flows", "portfolio_summary",
    "summary_notes",
]
