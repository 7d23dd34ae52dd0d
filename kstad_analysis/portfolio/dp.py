"""Exact 0-1 knapsack by dynamic programming: the fallback when a MILP stalls.

Why: "strongly correlated" instances (value ≈ cost + constant) can keep a
branch-and-bound solver busy for minutes; a DP over costs in whole units of
``resolution`` (plans quote in tkr) is exact for them in a fraction of a second.
"""

from __future__ import annotations

import math
import time

import numpy as np

from kstad_analysis.i18n import t
from kstad_analysis.portfolio.infeasible import explain_infeasible
from kstad_analysis.portfolio.model import PortfolioResult, make_result, prepare

_DP_MAX_CELLS = 400_000_000


def knapsack_dp(values, costs, budget, resolution: float = 10_000.0, must=(),
                exclude=()) -> PortfolioResult:
    """Exact 0-1 knapsack by dynamic programming over costs in ``resolution`` units.

    The exact fallback for the budget-only core when a MILP solver stalls
    ("strongly correlated" instances, value ≈ cost + constant). Costs are
    rounded *up* and the budget *down* to whole units, so the answer always
    keeps the real budget; it is the exact optimum whenever costs are
    multiples of ``resolution`` (plans quote in tkr), and otherwise optimal
    for the rounded costs. Time and memory grow with n × budget/resolution.
    """
    started = time.perf_counter()
    res_unit = float(resolution)
    if not (math.isfinite(res_unit) and res_unit > 0):
        raise ValueError(t("budget.err.resolution", value=resolution))
    model = prepare(values, np.asarray(costs, dtype=float).reshape(-1), budget, must, exclude)
    reason = explain_infeasible(model)
    if reason:
        return make_result(model, None, "infeasible", math.nan, "dp", started, explanation=reason)
    costs_1d = model.costs[:, 0]
    units = np.ceil(costs_1d / res_unit - 1e-9).astype(np.int64)
    forced = np.zeros(model.n, bool)
    forced[list(model.must)] = True
    capacity = int(math.floor(model.budget[0] / res_unit + 1e-9)) - int(units[forced].sum())
    if capacity < 0:
        return make_result(model, None, "infeasible", math.nan, "dp", started,
                       explanation=t("budget.inf.generic"))
    free = np.flatnonzero(~forced & (model.ub == 1) & (model.values > 0) & (units <= capacity))
    if len(free) * (capacity + 1) > _DP_MAX_CELLS:
        raise ValueError(t("budget.err.dp_size", cells=len(free) * (capacity + 1)))
    best = np.zeros(capacity + 1)
    take = np.zeros((len(free), capacity + 1), dtype=bool)
    for row, i in enumerate(free):
        w, v = int(units[i]), model.values[i]
        candidate = best[: capacity + 1 - w] + v
        better = candidate > best[w:]
        take[row, w:] = better
        best[w:] = np.where(better, candidate, best[w:])
    x = forced.copy()
    cap = capacity
    for row in range(len(free) - 1, -1, -1):
        if take[row, cap]:
            x[free[row]] = True
            cap -= int(units[free[row]])
    value = float(model.values[x].sum())
    exact = np.allclose(units[free] * res_unit, costs_1d[free], rtol=0, atol=1e-6)
    if exact:
        return make_result(model, x, "optimal", 0.0, "dp", started, bound=value)
    # Rounded costs: still within the real budget, but only optimal for the
    # rounded problem. Say so, with the gap to the LP-relaxation bound.
    bound = float(model.values[forced].sum()) + _fractional_bound(
        model.values[free], costs_1d[free], model.budget[0] - float(costs_1d[forced].sum()))
    gap = max(0.0, (bound - value) / bound) if bound > 0 else 0.0
    return make_result(model, x, "rounded", gap, "dp", started, bound=bound)


def _fractional_bound(values: np.ndarray, costs: np.ndarray, budget: float) -> float:
    """Dantzig's bound: the LP relaxation of a 0-1 knapsack, filled greedily."""
    order = np.argsort(-(values / np.maximum(costs, 1e-12)))
    total, left = 0.0, max(0.0, budget)
    for i in order:
        if costs[i] <= left:
            total, left = total + values[i], left - costs[i]
        else:
            return total + values[i] * left / costs[i]
    return total
