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
from kstad_analysis.portfolio.model import _FEAS_TOL, PortfolioResult, make_result, prepare, violations

_DP_MAX_CELLS = 400_000_000


def knapsack_dp(values, costs, budget, resolution: float = 10_000.0, must=(),
                exclude=()) -> PortfolioResult:
    """Exact 0-1 knapsack by dynamic programming over costs in ``resolution`` units.

    The exact fallback for the budget-only core when a MILP solver stalls
    ("strongly correlated" instances, value ≈ cost + constant). Time and
    memory grow with n × budget/resolution.

    Forced items (``must``) are paid in real kronor first; the DP shares out
    what is left. When every optional cost is a whole multiple of
    ``resolution`` (plans quote in tkr) that DP is exact. Otherwise two DPs
    bracket the optimum: costs rounded *up* give a portfolio that surely keeps
    the real budget, costs rounded *down* give an upper bound (every feasible
    portfolio also fits the rounded-down problem). If the rounded-down answer
    happens to keep the real budget, or the rounded-up one reaches the bound,
    the answer is proven ``optimal``; otherwise the status is ``rounded`` with
    ``gap`` = (bound − value) / bound against the tighter of that bound and the
    LP relaxation's.
    """
    started = time.perf_counter()
    res_unit = float(resolution)
    if not (math.isfinite(res_unit) and res_unit > 0):
        raise ValueError(t("budget.err.resolution", value=resolution))
    model = prepare(values, np.asarray(costs, dtype=float).reshape(-1), budget, must, exclude)
    reason = explain_infeasible(model)
    if reason:
        return make_result(model, None, "infeasible", math.nan, "dp", started, explanation=reason)
    costs_1d, values_1d = model.costs[:, 0], model.values
    forced = np.zeros(model.n, bool)
    forced[list(model.must)] = True
    # What the forced items leave, in real kronor (the closure check above has
    # already shown they fit). An optional item dearer than that can never be
    # added, whatever the rounding; one that fits stays a candidate even if its
    # rounded cost does not, so the exactness test and the bound see it.
    left = max(0.0, float(model.budget[0]) - float(costs_1d[forced].sum()))
    fits = costs_1d <= left * (1 + _FEAS_TOL) + _FEAS_TOL
    free = np.flatnonzero(~forced & (model.ub == 1) & (values_1d > 0) & fits)
    capacity = int(math.floor(left / res_unit + 1e-9))
    cells = len(free) * (capacity + 1)
    if cells > _DP_MAX_CELLS:
        raise ValueError(t("budget.err.dp_size", cells=cells))
    up = np.ceil(costs_1d[free] / res_unit - 1e-9).astype(np.int64)
    down = np.floor(costs_1d[free] / res_unit + 1e-9).astype(np.int64)

    def portfolio(picked: np.ndarray) -> np.ndarray:
        x = forced.copy()
        x[free[picked]] = True
        return x

    relaxed = portfolio(_best_subset(values_1d[free], down, capacity))
    if np.array_equal(up, down) or not violations(model, relaxed):
        # Exact units, or the relaxation's optimum keeps the real budget: proven.
        return make_result(model, relaxed, "optimal", 0.0, "dp", started,
                           bound=float(values_1d[relaxed].sum()))
    x = portfolio(_best_subset(values_1d[free], up, capacity))
    x = _fill(x, free, values_1d, costs_1d, float(model.budget[0]))
    value = float(values_1d[x].sum())
    bound = min(float(values_1d[relaxed].sum()),
                float(values_1d[forced].sum()) + _fractional_bound(values_1d[free],
                                                                  costs_1d[free], left))
    if value >= bound - 1e-9 * max(1.0, abs(bound)):
        return make_result(model, x, "optimal", 0.0, "dp", started, bound=bound)
    # Only optimal for the rounded-up costs: say so, with the gap to the bound.
    gap = max(0.0, (bound - value) / bound) if bound > 0 else 0.0
    return make_result(model, x, "rounded", gap, "dp", started, bound=bound)


def _best_subset(values: np.ndarray, units: np.ndarray, capacity: int) -> np.ndarray:
    """The 0-1 knapsack optimum over whole ``units`` within ``capacity``, as a mask."""
    best = np.zeros(capacity + 1)
    take = np.zeros((len(values), capacity + 1), dtype=bool)
    for row, (w, v) in enumerate(zip(units.tolist(), values.tolist(), strict=True)):
        if w > capacity:
            continue
        candidate = best[: capacity + 1 - w] + v
        better = candidate > best[w:]
        take[row, w:] = better
        best[w:] = np.where(better, candidate, best[w:])
    picked = np.zeros(len(values), dtype=bool)
    cap = capacity
    for row in range(len(values) - 1, -1, -1):
        if take[row, cap]:
            picked[row] = True
            cap -= int(units[row])
    return picked


def _fill(x: np.ndarray, free: np.ndarray, values: np.ndarray, costs: np.ndarray,
          budget: float) -> np.ndarray:
    """Add left-out candidates, most valuable first, while real kronor remain.

    Why: rounding every cost up wastes up to one unit per chosen item; the
    real remainder often still pays for another candidate.
    """
    x = x.copy()
    spent = float(costs[x].sum())
    for i in sorted(free[~x[free]].tolist(), key=lambda i: (-values[i], i)):
        if spent + costs[i] <= budget * (1 + _FEAS_TOL) + _FEAS_TOL:
            x[i] = True
            spent += float(costs[i])
    return x


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
