"""Investment-appraisal kernels: discounting, NPV, payback, benefit/cost ratio.

Why a separate, pure module: these few formulas decide which initiatives look
profitable, so they are kept free of data handling (numpy in, numpy out, no
I/O) and tested against an independent implementation (numpy-financial).

Conventions (the same as numpy-financial's ``npv``): cash flows are laid out on
the last axis, one value per period, and the value at index 0 is *not*
discounted (t = 0 is "now", the start year). Every kernel accepts a single
series of shape ``(T,)`` or many at once, shape ``(n, T)``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def check_rate(rate: float) -> float:
    """A discount rate must be above -100 %, or discounting is undefined."""
    rate = float(rate)
    if not np.isfinite(rate) or rate <= -1.0:
        raise ValueError(f"rate must be a finite number > -1, got {rate}")
    return rate


def discount_factors(rate: float, periods: int) -> np.ndarray:
    """``(1 + rate) ** -t`` for ``t = 0 .. periods-1`` (factor 1 at t = 0)."""
    rate = check_rate(rate)
    if periods < 0:
        raise ValueError("periods must be >= 0")
    return (1.0 + rate) ** -np.arange(periods, dtype=float)


def discount_factors_to(rate: float, years: ArrayLike, base_year: int) -> np.ndarray:
    """``(1 + rate) ** -(year - base_year)`` per calendar year.

    Why: a portfolio's needs start in different years, so their flows are
    put on one calendar axis and discounted to one base year. A flow in the
    base year itself has factor 1 (as index 0 in ``npv``), a flow before it
    is compounded (factor > 1).
    """
    rate = check_rate(rate)
    return (1.0 + rate) ** -(np.asarray(years, dtype=float) - float(base_year))


def present_value(rate: float, cashflows: ArrayLike) -> np.ndarray | float:
    """Sum of discounted flows along the last axis (t = 0 undiscounted).

    NaN anywhere in a series makes that series' value NaN: an unknown flow
    gives an unknown value, never a silently smaller one.
    """
    flows = np.asarray(cashflows, dtype=float)
    factors = discount_factors(rate, flows.shape[-1])
    result = flows @ factors
    return float(result) if np.ndim(result) == 0 else result


def npv(rate: float, cashflows: ArrayLike) -> np.ndarray | float:
    """Net present value: the first flow (t = 0) is not discounted.

    Same convention as ``numpy_financial.npv``, so ``npv(0.08, [-40000, 5000,
    8000, 12000, 30000])`` ≈ 3065.22 (numpy-financial's documented example).
    """
    return present_value(rate, cashflows)


def benefit_cost_ratio(rate: float, benefits: ArrayLike, costs: ArrayLike) -> np.ndarray | float:
    """PV(benefits) / PV(costs); NaN when the costs' present value is 0.

    Why NaN and not infinity: a ratio with nothing to divide by is not a
    meaningful ranking value, and NaN shows as "saknas" in every export.
    """
    pv_benefit = np.asarray(present_value(rate, benefits), dtype=float)
    pv_cost = np.asarray(present_value(rate, costs), dtype=float)
    with np.errstate(all="ignore"):
        ratio = np.where(pv_cost > 0, pv_benefit / np.where(pv_cost > 0, pv_cost, 1.0), np.nan)
    return float(ratio) if ratio.ndim == 0 else ratio


def payback_index(cashflows: ArrayLike, rate: float | None = None) -> np.ndarray | float:
    """The first period from which the cumulative (optionally discounted)
    net flow is >= 0 and stays so until the end; NaN if never.

    Why "and stays": with a low adoption in the first years, the cumulative
    net of a need without investment can start at 0 and then dip; payback is
    when the money is back for good, not a momentary zero.
    """
    flows = np.asarray(cashflows, dtype=float)
    if rate is not None:
        flows = flows * discount_factors(rate, flows.shape[-1])
    cumulative = np.cumsum(flows, axis=-1)
    # nonneg_from_here[..., t] is True when cumulative >= 0 for all s >= t.
    nonneg = cumulative >= 0
    from_here = np.flip(np.logical_and.accumulate(np.flip(nonneg, axis=-1), axis=-1), axis=-1)
    found = from_here.any(axis=-1)
    first = np.argmax(from_here, axis=-1).astype(float)
    unknown = np.isnan(flows).any(axis=-1)
    result = np.where(found & ~unknown, first, np.nan)
    return float(result) if result.ndim == 0 else result


def payback_year(cashflows: ArrayLike, start_year: ArrayLike = 0,
                 rate: float | None = None) -> np.ndarray | float:
    """Calendar year of payback: ``start_year + payback_index``; NaN if never
    within the flows (or a flow is unknown)."""
    index = np.asarray(payback_index(cashflows, rate), dtype=float)
    result = np.asarray(start_year, dtype=float) + index
    return float(result) if result.ndim == 0 else result


__all__ = [
    "check_rate", "discount_factors", "discount_factors_to", "present_value", "npv",
    "benefit_cost_ratio", "payback_index", "payback_year",
]
