"""The rounded-LP incumbent and the hard-deadline solve against brute force.

The incumbent must keep every rule (checked by the brute-force rule test of
``test_portfolio``), never beat the true optimum, and the LP value must bound
it from above; the child-process solve must give the in-process optimum.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from kstad_analysis import portfolio as P
from kstad_analysis.portfolio import milp as M
from kstad_analysis.portfolio import optimum as O
from kstad_analysis.portfolio.incumbent import lp_incumbent
from tests.test_portfolio import _feasible, brute_force, random_instance


@pytest.mark.parametrize("seed", range(15))
def test_rounded_lp_is_feasible_and_bounded(seed: int) -> None:
    rng = np.random.default_rng(seed)
    inst = random_instance(rng, int(rng.integers(5, 12)), years=1 + seed % 2)
    best = brute_force(**inst)
    model = P.prepare(**inst)
    if best is None or P.explain_infeasible(model):
        return
    A, lo, hi = M._constraints(model)
    x, bound = lp_incumbent(model, A, lo, hi)
    assert bound >= best - 1e-9
    if x is None:
        return  # the rounding found no way through the rules: the caller falls back
    rules = {k: v for k, v in inst.items() if k not in ("values", "costs", "budget")}
    assert _feasible(x[None, :], inst["costs"], inst["budget"], **rules)[0]
    assert float(inst["values"][x].sum()) <= best + 1e-9


def test_child_process_solve_matches_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    inst = random_instance(rng, 10, years=2)
    expected = P.solve(**inst)
    monkeypatch.setattr(O, "DEADLINE_MIN", 0)
    got = P.solve(**inst, time_limit=60)
    assert got.status == expected.status
    if expected.feasible:
        assert got.value == pytest.approx(expected.value)


def test_deadline_keeps_the_lp_incumbent_with_an_honest_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    """The child is stopped before it can answer: the result is the rounded LP
    with its gap to the LP bound, and that bound is above the true optimum."""
    rng = np.random.default_rng(5)
    n = 12
    values = rng.uniform(1, 10, n)
    costs = rng.integers(1, 30, n).astype(float)
    budget = float(costs.sum() * 0.4)
    best = brute_force(values, costs, budget)
    monkeypatch.setattr(O, "DEADLINE_MIN", 0)
    monkeypatch.setattr(O, "LP_START_MIN", 0)
    monkeypatch.setattr(O, "_MARGIN", 0.0)
    monkeypatch.setattr(M, "_solve_highs_deadline",
                        lambda *a, **k: (None, "time_limit", math.nan, math.nan))
    monkeypatch.setattr(O, "_solve_highs_deadline", M._solve_highs_deadline)
    res = P.solve(values, costs, budget, time_limit=5, exact_dp=False)
    assert res.status == "time_limit"
    assert res.value <= best + 1e-9 and res.bound >= best - 1e-9
    assert res.gap == pytest.approx((res.bound - res.value) / res.value)
    assert _feasible(res.mask(n)[None, :], costs, budget)[0]
