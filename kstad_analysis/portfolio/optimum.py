"""``solve``: the value-maximising portfolio, proven optimal or with its gap.

Why separate from the backends: validation, the infeasibility explanation,
the fallback incumbent and the post-solve guard are the same for HiGHS and
CBC, and the frontier reuses them level by level.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence

import numpy as np

from kstad_analysis.i18n import t
from kstad_analysis.portfolio.dp import knapsack_dp
from kstad_analysis.portfolio.greedy import _Greedy, _order
from kstad_analysis.portfolio.incumbent import lp_incumbent
from kstad_analysis.portfolio.infeasible import _explain_by_minimum, explain_infeasible
from kstad_analysis.portfolio.milp import (
    DEADLINE_MIN,
    NODE_LIMIT,
    _cheapest,
    _constraints,
    _gap,
    _pulp_problem,
    _solve_highs,
    _solve_highs_deadline,
    _solve_pulp,
)
from kstad_analysis.portfolio.model import SOLVERS, Model, PortfolioResult, make_result, prepare, violations


def minimum_cost(costs, **rules) -> float:
    """What the rules alone cost at least (must, lagkrav covers, requirements);
    NaN when the rules cannot hold. The natural low end of a frontier."""
    costs_arr = np.asarray(costs, dtype=float)
    budget = costs_arr.sum(axis=0) if costs_arr.ndim == 2 else costs_arr.sum()
    model = prepare(np.zeros(len(costs_arr)), costs_arr, budget, **rules)
    if explain_infeasible(model) or model.n == 0:
        return math.nan if model.n else 0.0
    x = _cheapest(model, with_budget=False)
    return math.nan if x is None else float(model.item_cost()[x].sum())



#: Variables from which a time-limited solve first rounds the LP relaxation
#: (a fallback incumbent and bound, ~0.5 s for 10,000 variables); smaller
#: models finish well within any limit.
LP_START_MIN = 1000
#: Seconds kept back from a time limit for the work after the solver stops.
_MARGIN = 0.3

#: Largest DP table (items × budget units) the automatic dispatch builds
#: (a boolean table: 200 million cells ≈ 200 MB, well under a second per
#: thousand items).
DP_AUTO_MAX_CELLS = 200_000_000


def dp_unit(model: Model) -> float | None:
    """The cost unit for an exact knapsack DP, or None when it does not apply.

    Applies to one budget column, no running-cost ceiling and no rules beyond
    must/exclude, with whole-krona costs: the unit is the greatest common
    divisor of the optional items' costs (plans quote in tkr, so typically
    1 000 or 10 000 kr), which makes the DP exact, and its table must stay
    under ``DP_AUTO_MAX_CELLS``.
    """
    if model.costs.shape[1] != 1 or model.running_cap is not None or model.requires \
            or model.exclusive or model.at_least_one:
        return None
    costs = model.costs[:, 0]
    if np.any(np.abs(costs - np.round(costs)) > 1e-9) or np.any(costs > 2**52):
        return None
    free = (model.ub == 1) & (model.lb == 0) & (model.values > 0)
    whole = np.round(costs[free]).astype(np.int64)
    whole = whole[whole > 0]
    if whole.size == 0:
        return None
    unit = int(np.gcd.reduce(whole))
    left = float(model.budget[0]) - float(costs[list(model.must)].sum())
    cells = int(free.sum()) * (int(max(left, 0.0) // unit) + 1)
    return float(unit) if cells <= DP_AUTO_MAX_CELLS else None


def _finish(model: Model, x, status: str, bound: float, solver: str,
            started: float, time_limit: float | None = None,
            incumbent: np.ndarray | None = None, lp_bound: float = math.nan) -> PortfolioResult:
    """Turn a solver answer into a result: fallback incumbent, gap, guard.

    ``incumbent`` (the rounded LP relaxation, see ``portfolio.incumbent``)
    replaces a solver answer it beats when the solver stopped at its time
    limit; ``lp_bound`` tightens a missing or weaker solver bound.
    """
    if status != "optimal" and incumbent is not None and (
            x is None or model.values[incumbent].sum() > model.values[x].sum()):
        x = incumbent
    if status == "time_limit" and math.isfinite(lp_bound):
        bound = lp_bound if not math.isfinite(bound) else min(bound, lp_bound)
    if status == "infeasible":
        reason = explain_infeasible(model) or _explain_by_minimum(model)
        return make_result(model, None, "infeasible", math.nan, solver, started,
                       explanation=reason or t("budget.inf.generic"))
    if x is None:  # time limit without incumbent: the greedy fill is feasible
        greedy = _Greedy(model)
        if greedy.start() or greedy.start_from(_cheapest(model, time_limit=time_limit)):
            for i in _order(model.values, model.item_cost(), "ratio"):
                if model.values[i] > 0:
                    greedy.try_add(int(i))
            x = greedy.x
        else:
            return make_result(model, None, "infeasible", math.nan, solver, started,
                           explanation=t("budget.inf.none_found"))
    broken = violations(model, x)
    if broken:  # a solver's tolerance let a rule slip: never hand that out
        raise RuntimeError(f"solver {solver} returned a portfolio breaking {broken}")
    value = float(model.values[x].sum())
    gap = 0.0 if status == "optimal" else _gap(value, bound)
    return make_result(model, x, status, gap, solver, started, bound=bound)


def _check_solver(solver: str, time_limit: float | None, node_limit: int | None = None) -> None:
    if solver not in SOLVERS:
        raise ValueError(t("budget.err.solver", solver=solver))
    if time_limit is not None and not (math.isfinite(time_limit) and time_limit > 0):
        raise ValueError(t("budget.err.time_limit", value=time_limit))
    if node_limit is not None and (isinstance(node_limit, bool) or int(node_limit) != node_limit
                                   or node_limit < 1):
        raise ValueError(t("budget.err.node_limit", value=node_limit))


def solve(values, costs, budget, must=(), exclude=(), requires=(), exclusive=(),
          running=None, running_cap=None, time_limit: float | None = None,
          solver: str = "highs", *, labels: Sequence[str] | None = None,
          period_labels: Sequence[str] | None = None,
          requires_any: Iterable[tuple[int, Iterable[int]]] = (),
          at_least_one: Iterable[Iterable[int]] = (),
          total_budget: float | None = None, exact_dp: bool = True,
          node_limit: int | None = NODE_LIMIT) -> PortfolioResult:
    """The value-maximising choice that keeps the budget and every rule.

    ``labels`` (one per item) and ``period_labels`` (one per budget column)
    only name things in infeasibility explanations. ``total_budget`` caps the
    sum over all years when costs are 2-D (a multi-year round has both).

    ``exact_dp`` (default on): a pure knapsack (one budget, only must and
    exclude, whole-krona costs) goes to the exact dynamic programme
    (:func:`knapsack_dp`) over the costs' greatest common divisor when its
    table is small enough (``dp_unit``); the answer is proven optimal and
    ``solver`` is ``"dp"``. Why: "strongly correlated" knapsacks keep a
    branch-and-bound solver busy without proof, while the DP is exact.

    Limits: ``node_limit`` branch-and-bound nodes (default ``NODE_LIMIT``) is
    the work limit, the same on a quiet or a loaded machine, so the same
    inputs give the same portfolio; ``time_limit`` seconds is a safety net
    only (set it far above what the node limit takes). Either one stopping
    the search gives status ``time_limit`` ("stopped at a limit") with the
    gap to the solver's bound.
    """
    started = time.perf_counter()
    _check_solver(solver, time_limit, node_limit)
    model = prepare(values, costs, budget, must, exclude, requires, exclusive, running,
                     running_cap, labels=labels, period_labels=period_labels,
                     requires_any=requires_any, at_least_one=at_least_one,
                     total_budget=total_budget)
    reason = explain_infeasible(model)
    if reason:
        return make_result(model, None, "infeasible", math.nan, solver, started, explanation=reason)
    if model.n == 0:
        return make_result(model, None, "optimal", 0.0, solver, started, bound=0.0)
    unit = dp_unit(model) if exact_dp else None
    if unit is not None:
        res = knapsack_dp(model.values, model.costs[:, 0], model.budget[0], resolution=unit,
                          must=model.must, exclude=model.exclude)
        if res.status == "optimal":
            return res
    A, lo, hi = _constraints(model)
    incumbent, lp_bound, limit = None, math.nan, time_limit
    if time_limit is not None and model.n >= LP_START_MIN:
        incumbent, lp_bound = lp_incumbent(model, A, lo, hi)
        # the LP's time counts against the limit the caller gave
        limit = max(0.1, time_limit - (time.perf_counter() - started) - _MARGIN)
    if solver == "highs" and limit is not None and model.n >= DEADLINE_MIN:
        x, status, _, bound = _solve_highs_deadline(model, A, lo, hi, limit, node_limit)
    elif solver == "highs":
        x, status, _, bound = _solve_highs(model, A, lo, hi, limit, node_limit)
    else:
        prob, xs = _pulp_problem(model, A, lo, hi)
        x, status, _, bound = _solve_pulp(model, prob, xs, limit, incumbent, A, lo, hi,
                                          node_limit)
    return _finish(model, x, status, bound, solver, started, time_limit, incumbent, lp_bound)
