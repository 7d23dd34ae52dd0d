"""Value time saved in kronor: timkostnad and the yearly time benefit.

Why separate from ``benefits``: ranking needs the yearly benefit of each need
(its "ekonomisk nytta" criterion) on every slider move, while ``benefits``
does the full multi-year calculation; both use these two functions so the
formula exists once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from kstad_analysis import config


def hourly_cost(monthly_salary: float | np.ndarray, hours_per_month: float = 142,
                markup: float = 1.54) -> float | np.ndarray:
    """Inera's nyttokalkyl: timkostnad = månadslön / 142 h × 1,54."""
    return np.asarray(monthly_salary, dtype=float) / hours_per_month * markup


def department_hourly_cost(departments: pd.Series,
                           params: Mapping[str, Any] | None = None) -> pd.Series:
    """Timkostnad for each row's förvaltning (override, else the default)."""
    p = (params or config.load("benefits"))["timkostnad"]
    overrides = p.get("manadslon_per_forvaltning", {})
    salary = departments.map(lambda d: overrides.get(str(d), p["manadslon_standard"]))
    return pd.Series(
        hourly_cost(salary.astype(float).to_numpy(), p["timmar_per_manad"], p["paslag"]),
        index=departments.index,
    )


def annual_time_benefit(needs: pd.DataFrame, params: Mapping[str, Any] | None = None,
                        adoption: float | np.ndarray = 1.0) -> pd.Series:
    """kr per year = ärenden × sparade minuter / 60 × timkostnad × nyttjandegrad.

    Missing volumes or minutes give NaN (unknown), never 0.
    """
    rate = department_hourly_cost(needs["department"], params)
    return needs["cases_per_year"] * needs["minutes_saved"] / 60.0 * rate * adoption


def annual_benefit(needs: pd.DataFrame, params: Mapping[str, Any] | None = None) -> pd.Series:
    """Full-adoption yearly benefit: time benefit (omfördelning) + övrig nytta
    (finansiell). NaN when any part is unknown (never a silent 0): the
    caller's missing-value policy decides, visibly, what happens then."""
    return annual_time_benefit(needs, params) + needs["other_benefit"]
