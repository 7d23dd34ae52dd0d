"""Effekthemtagning: the calculation period as calendar years, one source for
the key figures, the chart, the per-year table and the förvaltning table.

Why: the page said "Kalkylperiod 5 år" while its chart ran 2023–2034 (each
need's own five years from its start, needs under way from 2023, the last
ones starting 2029) and the "hela perioden" sums covered those twelve years.
For a decision the period is the decision year (``BenefitParams.base_year``,
t = 0, where the present values are discounted to) and the ``years`` years
after it, the same convention as a need's own calculation (a five-year
calculation spans six calendar years). Flows before it (already spent on
needs under way) and after it are outside the period; every figure on the
page is summed over exactly the years the chart shows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kstad_analysis.benefits import BenefitParams

#: Running sums recomputed inside the period, from the yearly column they add up.
CUMULATIVE = {"cumulative_net": "net", "cumulative_net_financial": "net_financial",
              "cumulative_net_low": "net_low", "cumulative_net_high": "net_high"}
COUNTS = ("needs", "needs_excluded")


def period_years(params: BenefitParams) -> tuple[int, int]:
    """(first, last) calendar year of the calculation period."""
    return int(params.base_year), int(params.base_year) + int(params.years)


def in_period(frame: pd.DataFrame, params: BenefitParams) -> pd.DataFrame:
    """The yearly aggregate (``municipality_summary`` or ``by_department``)
    over exactly the period's years: rows outside dropped, years without
    flows added as 0 kr, and the cumulative columns summed from the period's
    first year (per förvaltning when the frame has one)."""
    if frame.empty:
        return frame
    first, last = period_years(params)
    years = np.arange(first, last + 1, dtype="int64")
    keyed = "department" in frame.columns
    keys = ["department", "year"] if keyed else ["year"]
    if keyed:
        groups = sorted(frame["department"].dropna().unique())
        index = pd.MultiIndex.from_product([groups, years], names=keys)
    else:
        index = pd.Index(years, name="year")
    summed = [c for c in frame.columns if c not in (*keys, *CUMULATIVE, *COUNTS)
              and pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])]
    out = frame.set_index(keys)[summed].reindex(index, fill_value=0.0).reset_index()
    for column, source in CUMULATIVE.items():
        if source in out.columns:
            out[column] = out.groupby("department")[source].cumsum() if keyed else out[source].cumsum()
    for column in COUNTS:  # the same on every row of a group
        if column in frame.columns:
            out[column] = (out["department"].map(frame.groupby("department")[column].max())
                           if keyed else frame[column].max())
    return out
