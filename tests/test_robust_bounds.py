"""The robust core's LP bounds and per-year rows against brute force.

``lp_bounds`` must bound, at every extreme point, the best portfolio with
(and without) each need, by plain enumeration; ``budget_rows`` must admit
every portfolio some schedule within the window fits (and, with no window,
exactly those); the large method with both must agree with the exact
enumeration.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from kstad_analysis import portfolio as P
from kstad_analysis import robust as R
from kstad_analysis.portfolio.milp import _constraints
from kstad_analysis.robust.bounds import lp_bounds
from kstad_analysis.robust.years import budget_rows
from tests.test_robust import _box, _case


@pytest.mark.parametrize("seed", range(6))
def test_lp_bounds_hold_against_brute_force(seed: int) -> None:
    v, c, B, lo, hi, extra = _case(seed, rules=True)
    n = len(c)
    rng = np.random.default_rng(seed)
    run = rng.uniform(0, 5, n)
    model = P.prepare(np.zeros(n), c, B, requires=extra["requires"],
                      exclusive=extra["exclusive"], running=run,
                      running_cap=float(run.sum() * 0.5))
    E = R.extreme_points(lo, hi)
    Y = v @ E.T
    A, rlo, rhi = _constraints(model)
    without, with_ = lp_bounds(Y, A, rlo, rhi, model.lb, model.ub)
    for bits in itertools.product([0, 1], repeat=n):
        x = np.array(bits, bool)
        if P.violations(model, x):
            continue
        value = Y[x].sum(axis=0)
        for i in range(n):
            bound = with_[i] if x[i] else without[i]
            assert np.all(value <= bound + 1e-7)


def _schedulable(x, inv, start, window, per_year, total) -> bool:
    """Some start within the window per chosen need keeps every year and the total."""
    chosen = np.flatnonzero(x)
    if inv[chosen].sum() > total + 1e-9:
        return False
    Y = len(per_year)
    choices = [range(start[i], min(start[i] + window, Y - 1) + 1) for i in chosen]
    for years in itertools.product(*choices):
        spend = np.zeros(Y)
        for i, y in zip(chosen, years, strict=True):
            spend[y] += inv[i]
        if np.all(spend <= per_year + 1e-9):
            return True
    return False


@pytest.mark.parametrize("window", [0, 1, 2])
@pytest.mark.parametrize("seed", range(4))
def test_budget_rows_admit_every_schedulable_portfolio(seed: int, window: int) -> None:
    rng = np.random.default_rng(seed)
    n, Y = 7, 3
    inv = rng.integers(1, 10, n).astype(float)
    start = rng.integers(0, Y, n)
    per_year = np.full(Y, inv.sum() / Y * 0.6)
    total = float(per_year.sum() * 0.9)
    latest = np.minimum(start + window, Y - 1)
    costs, budgets, _ = budget_rows(inv, start, latest, per_year, total)
    for bits in itertools.product([0, 1], repeat=n):
        x = np.array(bits, bool)
        rows_ok = bool(np.all(costs[x].sum(axis=0) <= budgets + 1e-9))
        real = _schedulable(x, inv, start, window, per_year, total)
        assert rows_ok or not real  # a relaxation: every real portfolio passes
        if window == 0:
            assert rows_ok == real  # no moves: exact


@pytest.mark.parametrize("seed", range(5))
def test_supported_with_year_rows_agrees_with_enumeration(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    n, m, Y = int(rng.integers(6, 10)), 3, 3
    v = rng.uniform(0, 1, (n, m))
    inv = rng.integers(1, 10, n) * 1000.0
    start = rng.integers(0, Y, n)
    per_year = np.full(Y, inv.sum() / Y * 0.5)
    costs, budgets, _ = budget_rows(inv, start, start, per_year, float(per_year.sum()))
    lo, hi = _box(rng, m, 0.3)
    exact = R.enumerate_core(v, costs, budgets, lo, hi)
    big = R.supported_core(v, costs, budgets, lo, hi, time_limit=None)
    assert big.exact and big.labels == exact.labels
