"""A good feasible portfolio before branch and bound: the LP relaxation, rounded.

Why: on large scheduled rounds (5,000 needs × 3 start years ≈ 10,000
variables) HiGHS may stop at its time limit with a poor incumbent or none,
and the old fallback (rank and fill by value per krona) can be far from the
optimum, so the reported gap was huge. The LP relaxation's optimum has few
fractional variables (at most one per binding row, Dantzig's argument), so
keeping its whole ones, mending the rules the rounding broke and filling
greedily in the LP's order gives a portfolio typically within a fraction of
a percent of the optimum, and the LP value is an upper bound for the gap. It
also seeds a solver that accepts a start (highspy, CBC).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from kstad_analysis.portfolio.greedy import _Greedy
from kstad_analysis.portfolio.model import Model, violations


def lp_relaxation(model: Model, A, lo, hi) -> tuple[np.ndarray | None, float]:
    """The LP relaxation's solution and value (None, NaN when it fails)."""
    fin_hi, fin_lo = np.isfinite(hi), np.isfinite(lo)
    A = A.tocsr()
    res = linprog(-model.values, A_ub=sparse.vstack([A[fin_hi], -A[fin_lo]]).tocsr(),
                  b_ub=np.r_[hi[fin_hi], -lo[fin_lo]], bounds=np.c_[model.lb, model.ub],
                  method="highs")
    if res.status != 0:
        return None, math.nan
    return res.x, float(-res.fun)


def rounded(model: Model, x_lp: np.ndarray) -> np.ndarray | None:
    """Whole LP variables kept, broken requirements dropped, covers mended,
    then filled greedily in the LP's order (then value per krona)."""
    x = x_lp > 1 - 1e-6
    x &= model.ub == 1
    changed = True
    while changed:  # an item whose requirement was rounded away goes too
        changed = False
        for a, options in model.requires:
            if x[a] and not x[list(options)].any():
                x[a], changed = False, True
    for group in model.exclusive:  # cannot happen for whole LP values; be safe
        chosen = [i for i in group if x[i]]
        for i in chosen[1:]:
            x[i] = False
    greedy = _Greedy(model)
    greedy.start_from(x)
    if not greedy.start():  # must and the covers the rounding left open
        return None
    cost = np.maximum(model.item_cost(), 1e-12)
    order = np.lexsort((-(model.values / cost), -x_lp))
    for i in order.tolist():
        if model.values[i] > 0 and not greedy.x[i]:
            greedy.try_add(int(i))
    return None if violations(model, greedy.x) else greedy.x


def lp_incumbent(model: Model, A, lo, hi) -> tuple[np.ndarray | None, float]:
    """A feasible portfolio from the rounded LP relaxation and the LP bound."""
    x_lp, bound = lp_relaxation(model, A, lo, hi)
    if x_lp is None:
        return None, bound
    return rounded(model, x_lp), bound


__all__ = ["lp_relaxation", "rounded", "lp_incumbent"]
