"""The efficient frontier: the best value at each budget level.

Why its own loop and not ``solve`` per level: the model and constraint
matrix are built once and only the budget bounds change, CBC is warm-started
from the previous level, and levels that afford the unlimited optimum reuse it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kstad_analysis.i18n import t
from kstad_analysis.portfolio.infeasible import explain_infeasible
from kstad_analysis.portfolio.milp import (
    NODE_LIMIT,
    _constraints,
    _pulp_problem,
    _solve_highs,
    _solve_pulp,
)
from kstad_analysis.portfolio.model import Model, PortfolioResult, make_result, prepare
from kstad_analysis.portfolio.optimum import _check_solver, _finish


def frontier(values, costs, budgets, *, time_limit: float | None = None,
             solver: str = "highs", ids: Sequence[object] | None = None,
             total_budgets: Sequence[float] | None = None,
             node_limit: int | None = NODE_LIMIT, **rules) -> pd.DataFrame:
    """Best value at each budget level: what each extra million buys.

    ``budgets`` is a sequence of levels (scalars for 1-D costs, rows of
    per-year amounts for 2-D costs; ``total_budgets``, one per level, adds a
    ceiling on the sum over the years). The model is built once and only the
    budget bounds change between levels; CBC gets the previous level's
    portfolio as a warm start (it stays feasible as budgets grow), and once
    a level affords the best portfolio with no budget limit, higher levels
    reuse it without solving. That unlimited optimum is always found with
    HiGHS (one solve, no warm start to gain), so those rows name ``highs`` as
    their solver even when ``solver="cbc"``: the column says which solver
    proved each row. Columns: budget (total), value, cost, status, gap,
    solver, marginal_per_mkr (extra value per extra million vs the previous
    level), entered / left (ids, or indices, vs the previous level), n_chosen,
    seconds. ``node_limit`` (nodes per level) is the work limit that makes
    each row the same on a quiet or a loaded machine; ``time_limit`` (seconds
    per level) is only a safety net (see ``portfolio.solve``).
    """
    _check_solver(solver, time_limit, node_limit)
    levels = np.asarray(budgets, dtype=float)
    costs_arr = np.asarray(costs, dtype=float)
    two_d = costs_arr.ndim == 2
    if levels.ndim != (2 if two_d else 1) or not np.all(np.isfinite(levels)) or np.any(levels < 0):
        raise ValueError(t("budget.err.levels"))
    totals = levels.sum(axis=1) if two_d else levels.copy()
    if total_budgets is not None:
        totals = np.asarray(total_budgets, dtype=float).reshape(-1)
        if len(totals) != len(levels) or not np.all(np.isfinite(totals)) or np.any(totals < 0):
            raise ValueError(t("budget.err.levels"))
    order = np.argsort(totals, kind="stable")
    first = levels[order[0]] if len(levels) else (np.zeros(costs_arr.shape[1]) if two_d else 0.0)
    if total_budgets is not None:
        rules["total_budget"] = totals[order[0]] if len(levels) else 0.0
    model = prepare(values, costs_arr, first, **rules)
    names = list(ids) if ids is not None else list(range(model.n))
    A, lo, hi = _constraints(model)
    n_budget = len(model.budget)
    unlimited = _unlimited(model, A, lo, hi, n_budget, time_limit, node_limit)
    prob = xs = None
    if solver == "cbc":
        prob, xs = _pulp_problem(model, A, lo, hi)
    records: list[dict[str, object]] = []
    previous: PortfolioResult | None = None
    previous_level = math.nan
    for k in order:
        started = time.perf_counter()
        level = np.atleast_1d(levels[k]).astype(float)
        if total_budgets is not None:
            level = np.append(level, totals[k])
        model.budget = level
        reason = explain_infeasible(model)
        if reason:
            res = make_result(model, None, "infeasible", math.nan, solver, started, explanation=reason)
        elif unlimited is not None and np.all(unlimited.cost_per_year_all <= level * (1 + 1e-12)):
            res = make_result(model, unlimited.x, "optimal", 0.0, _UNLIMITED_SOLVER, started)
        else:
            hi_k = hi.copy()
            hi_k[:n_budget] = level
            if solver == "highs":
                x, status, _, bound = _solve_highs(model, A, lo, hi_k, time_limit, node_limit)
            else:
                for r in range(n_budget):
                    prob.constraints[f"r{r}_hi"].constant = -float(level[r])  # type: ignore[union-attr]
                warm = previous.mask(model.n) if previous is not None and previous.feasible else None
                x, status, _, bound = _solve_pulp(model, prob, xs, time_limit, warm, A, lo, hi_k,
                                                  node_limit)
            res = _finish(model, x, status, bound, solver, started)
        records.append(_frontier_row(res, float(totals[k]), previous, previous_level, names))
        previous, previous_level = res, float(totals[k])
    return pd.DataFrame.from_records(records, columns=[
        "budget", "value", "cost", "status", "gap", "solver", "marginal_per_mkr", "entered", "left",
        "n_chosen", "seconds",
    ])


#: The solver that finds the unlimited optimum the shortcut rows reuse.
_UNLIMITED_SOLVER = "highs"


@dataclass
class _Unlimited:
    x: np.ndarray
    cost_per_year_all: np.ndarray


def _unlimited(model: Model, A, lo, hi, n_budget: int, time_limit,
               node_limit: int | None = NODE_LIMIT) -> _Unlimited | None:
    """The best portfolio with no budget limit (other rules kept), if proven
    (by HiGHS: ``_UNLIMITED_SOLVER``)."""
    saved = model.budget
    model.budget = np.full(n_budget, np.inf)
    try:
        if explain_infeasible(model):
            return None
        hi_free = hi.copy()
        hi_free[:n_budget] = np.inf
        x, status, _, _ = _solve_highs(model, A, lo, hi_free, time_limit, node_limit)
    finally:
        model.budget = saved
    if status != "optimal" or x is None:
        return None
    return _Unlimited(x, model.costs[x].sum(axis=0))


def _frontier_row(res: PortfolioResult, level: float, previous: PortfolioResult | None,
                  previous_level: float, names: list[object]) -> dict[str, object]:
    now = set(res.chosen.tolist())
    before = set(previous.chosen.tolist()) if previous is not None else set()
    marginal = math.nan
    if previous is not None and res.feasible and previous.feasible and level > previous_level:
        marginal = (res.value - previous.value) / ((level - previous_level) / 1e6)
    return {
        "budget": level, "value": res.value if res.feasible else math.nan,
        "cost": res.cost, "status": res.status, "gap": res.gap, "solver": res.solver,
        "marginal_per_mkr": marginal,
        "entered": tuple(names[i] for i in sorted(now - before)),
        "left": tuple(names[i] for i in sorted(before - now)),
        "n_chosen": len(now), "seconds": res.seconds,
    }
