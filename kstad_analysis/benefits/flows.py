"""Yearly flows per need, per förvaltning and for the whole municipality.

Timeline convention: see the package docstring.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kstad_analysis import finance
from kstad_analysis.benefits.need import (
    _check_columns,
    _floats,
    _missing_reasons,
    _start_years,
    adoption_profile,
    flow_matrices,
    yearly_benefits,
)
from kstad_analysis.benefits.params import REQUIRED_COLUMNS, BenefitParams
from kstad_analysis.i18n import t

# --------------------------------------------------------------------------- yearly flows


FLOW_VALUES = (
    "it_cost", "benefit_financial", "benefit_redistribution", "net", "net_financial",
    "net_low", "net_high",
)


def yearly_flows(needs: pd.DataFrame, params: BenefitParams | None = None,
                 start_year_default: int | None = None) -> pd.DataFrame:
    """Tidy flows, one row per need and calendar year.

    ``it_cost`` is the investment in the start year (``t = 0``) and the running
    cost from ``t = 1`` (running cost does *not* start in year 0: nothing runs
    before it is built). Benefits start in ``t = 1`` with the adoption ramp.
    ``net`` includes omfördelningsnytta, ``net_financial`` does not;
    ``net_low``/``net_high`` scale the benefits by the low/high factors.
    ``*_discounted`` columns are discounted to ``params.base_year`` (the
    decision year), so flows of needs starting in different years can be
    added; a need's own ``npv`` is discounted to its start year instead.
    Unknown values stay NaN; ``complete`` tells the aggregations what to use.
    """
    params = params or BenefitParams.load()
    _check_columns(needs, REQUIRED_COLUMNS)
    n, periods = len(needs), params.periods
    default = params.base_year if start_year_default is None else int(start_year_default)
    start, _ = _start_years(needs, default)
    financial, redistribution = yearly_benefits(needs, params)
    cost, fin, red = flow_matrices(
        _floats(needs, "investment"), _floats(needs, "running_cost"), financial,
        redistribution, params,
    )
    complete, _ = _missing_reasons(needs)
    benefit = fin + red
    offsets = np.tile(np.arange(periods), n)
    years = np.repeat(start, periods) + offsets
    flows = pd.DataFrame({
        "id": np.repeat(needs["id"].to_numpy(), periods),
        "department": np.repeat(needs["department"].to_numpy(), periods),
        "year": years.astype("int64"), "t": offsets.astype("int64"),
        "adoption": np.tile(adoption_profile(params.ramp, params.years), n),
        "it_cost": cost.ravel(), "benefit_financial": fin.ravel(),
        "benefit_redistribution": red.ravel(), "net": (benefit - cost).ravel(),
        "net_financial": (fin - cost).ravel(),
        "net_low": (params.low_factor * benefit - cost).ravel(),
        "net_high": (params.high_factor * benefit - cost).ravel(),
        "complete": np.repeat(complete, periods),
    })
    factor = (1.0 + params.rate) ** -(years - params.base_year)
    flows["discount_factor"] = factor
    for key in ("it_cost", "benefit_financial", "benefit_redistribution", "net",
                "net_financial"):
        flows[f"{key}_discounted"] = flows[key] * factor
    flows["id"] = flows["id"].astype("string")
    flows["department"] = flows["department"].astype("string")
    return flows


_SUMMED = (*FLOW_VALUES, "net_discounted", "net_financial_discounted")


def _aggregate(flows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sum complete needs' flows by ``keys`` + year over the full year range
    (0 where no need has flows that year: nothing happens, nothing unknown)."""
    used = flows[flows["complete"].astype(bool)]
    years = (np.arange(flows["year"].min(), flows["year"].max() + 1) if len(flows)
             else np.array([], dtype="int64"))
    groups = sorted(flows[keys[0]].dropna().unique()) if keys else []
    index = (pd.MultiIndex.from_product([groups, years], names=[*keys, "year"]) if keys
             else pd.Index(years, name="year"))
    sums = used.groupby([*keys, "year"])[list(_SUMMED)].sum().reindex(index, fill_value=0.0)
    out = sums.reset_index()
    out["total_benefit_incl_redistribution"] = (
        out["benefit_financial"] + out["benefit_redistribution"]
    )
    by = keys[0] if keys else None
    for key, source in (("cumulative_net", "net"), ("cumulative_net_financial", "net_financial"),
                        ("cumulative_net_low", "net_low"), ("cumulative_net_high", "net_high")):
        out[key] = out.groupby(by)[source].cumsum() if by else out[source].cumsum()
    counts = _need_counts(flows, keys)
    if keys:
        out = out.merge(counts, on=keys, how="left")
    else:
        out["needs"], out["needs_excluded"] = counts
    return out


def _need_counts(flows: pd.DataFrame, keys: list[str]) -> pd.DataFrame | tuple[int, int]:
    per_need = flows.drop_duplicates("id")
    if not keys:
        complete = int(per_need["complete"].sum())
        return complete, len(per_need) - complete
    grouped = per_need.groupby(keys)["complete"]
    return pd.DataFrame({
        "needs": grouped.sum().astype("int64"),
        "needs_excluded": (grouped.size() - grouped.sum()).astype("int64"),
    }).reset_index()


AGG_COLUMNS = (
    "year", "it_cost", "benefit_financial", "benefit_redistribution",
    "total_benefit_incl_redistribution", "net", "net_financial", "cumulative_net",
    "cumulative_net_financial", "cumulative_net_low", "cumulative_net_high",
    "net_discounted", "net_financial_discounted", "needs", "needs_excluded",
)


def by_department(flows: pd.DataFrame) -> pd.DataFrame:
    """Per förvaltning and year: IT cost, finansiell and omfördelning benefit
    (apart, plus a labelled total), net and cumulative net.

    ``it_cost`` is the IT cost caused by the förvaltning's needs; it is
    carried by the cost bearer (``need_economics``' ``cost_bearer``, the IT
    unit), while the benefits are taken home by the förvaltning. Only needs
    with complete inputs are summed; ``needs``/``needs_excluded`` count them
    per förvaltning (the same on every year row) so a plan with gaps is
    visible, not flattered.
    """
    out = _aggregate(flows, ["department"])
    out["department"] = out["department"].astype("string")
    return out[["department", *AGG_COLUMNS]]


def municipality_summary(flows: pd.DataFrame, params: BenefitParams | None = None
                         ) -> pd.DataFrame:
    """The whole municipality per year, with the portfolio's payback year in
    ``attrs["payback_year"]`` (incl. omfördelning) and
    ``attrs["payback_year_financial"]`` (finansiell only), and ``paid_back``
    per year. See ``portfolio_payback_year``."""
    out = _aggregate(flows, [])[list(AGG_COLUMNS)]
    discounted = (params or BenefitParams.load()).payback_discounted
    column = "net_discounted" if discounted else "net"
    first = int(out["year"].iloc[0]) if len(out) else 0
    index = finance.payback_index(out[column].to_numpy()) if len(out) else np.nan
    paid = np.zeros(len(out), dtype=bool)
    if not np.isnan(index):
        paid[int(index):] = True
    out["paid_back"] = paid
    out.attrs["payback_year"] = _year_or_none(first, index)
    fin_column = "net_financial_discounted" if discounted else "net_financial"
    fin_index = finance.payback_index(out[fin_column].to_numpy()) if len(out) else np.nan
    out.attrs["payback_year_financial"] = _year_or_none(first, fin_index)
    return out


def _year_or_none(first: int, index: float) -> int | None:
    return None if np.isnan(index) else first + int(index)


def portfolio_payback_year(flows: pd.DataFrame, financial_only: bool = False,
                           params: BenefitParams | None = None) -> int | None:
    """The calendar year from which the portfolio's cumulative net stays ≥ 0
    (None if not within the flows); ``financial_only`` ignores omfördelning."""
    summary = municipality_summary(flows, params)
    return summary.attrs["payback_year_financial" if financial_only else "payback_year"]


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns renamed to their Swedish (or English) labels for people."""
    names = {}
    for column in frame.columns:
        key = f"benefits.col.{column}"
        label = t(key)
        names[column] = column if label == key else label
    return frame.rename(columns=names)
