"""The forced-in DP (counterfactual reasons) against brute force and the MILP.

Every answer of ``ForcedSolver`` is compared with the best of all 2^n
portfolios that keep every rule and hold one of the cover (an independent
check: plain enumeration with its own rule test), on random instances with
requirements (also "one of"), either-or groups, at-least-one groups, must,
exclude, non-integer costs and a running-cost ceiling; the hub splitting of
large components is forced by lowering ``ENUMERATE``.
"""

from __future__ import annotations

import numpy as np
import pytest

from kstad_analysis import portfolio as P
from kstad_analysis.portfolio import forced as F


def _masks(n: int) -> np.ndarray:
    return ((np.arange(2**n)[:, None] >> np.arange(n)) & 1).astype(bool)


def _ok(x: np.ndarray, inst: dict, cover: tuple[int, ...]) -> np.ndarray:
    """Rows of ``x`` keeping every rule of ``inst`` and holding one of ``cover``."""
    ok = x.astype(float) @ inst["costs"] <= inst["budget"] + 1e-6
    ok &= x[:, list(cover)].any(axis=1)
    for i in inst["must"]:
        ok &= x[:, i]
    for i in inst["exclude"]:
        ok &= ~x[:, i]
    for a, opts in inst["requires_any"]:
        ok &= ~x[:, a] | x[:, list(opts)].any(axis=1)
    for g in inst["exclusive"]:
        ok &= x[:, list(g)].sum(axis=1) <= 1
    for g in inst["at_least_one"]:
        ok &= x[:, list(g)].any(axis=1)
    if inst.get("running_cap") is not None:
        ok &= x.astype(float) @ inst["running"] <= inst["running_cap"] + 1e-6
    return ok


def _instance(rng: np.random.Generator, n: int, whole: bool) -> dict:
    costs = rng.integers(1, 40, n).astype(float) * 1000
    if not whole:
        costs += rng.uniform(0, 999, n).round(2)
    pool = rng.permutation(n)
    inst = dict(values=rng.uniform(0, 10, n), costs=costs,
                budget=float(costs.sum() * rng.uniform(0.2, 0.6)),
                must=[int(pool[0])] if rng.random() < 0.4 else [],
                exclude=[int(pool[1])] if rng.random() < 0.4 else [],
                requires_any=[(int(a), tuple(int(b) for b in rng.choice(n, int(rng.integers(1, 3)),
                                                                       replace=False) if b != a))
                              for a in rng.choice(n, int(rng.integers(0, 5)), replace=False)],
                exclusive=[tuple(int(i) for i in pool[2:5])] if rng.random() < 0.7 else [],
                at_least_one=[tuple(int(i) for i in pool[5:7])] if rng.random() < 0.3 else [])
    inst["requires_any"] = [(a, o) for a, o in inst["requires_any"] if o]
    if rng.random() < 0.4:
        inst["running"] = rng.integers(0, 20, n).astype(float)
        inst["running_cap"] = float(inst["running"].sum() * rng.uniform(0.3, 0.8))
    return inst


@pytest.mark.parametrize("enumerate_up_to", [12, 3])
@pytest.mark.parametrize("seed", range(12))
def test_forced_optimum_equals_brute_force(seed: int, enumerate_up_to: int,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(F, "ENUMERATE", enumerate_up_to)
    rng = np.random.default_rng(seed)
    n = int(rng.integers(6, 11))
    inst = _instance(rng, n, whole=seed % 3 != 0)
    model = P.prepare(**inst)
    assert not P.explain_infeasible(model)  # the seeds give consistent rules: every case runs
    solver = F.ForcedSolver(model)
    x = _masks(n)
    decided = 0
    covers = [(i,) for i in range(n)] + [(0, 1), (2, 3, 4)]
    for cover in covers:
        status, got = solver.solve(cover)
        ok = _ok(x, inst, cover)
        if status == "unknown":
            continue
        decided += len(cover) == 1
        if status == "infeasible":
            assert not ok.any(), cover
            continue
        assert ok.any()
        best = float((x[ok].astype(float) @ inst["values"]).max())
        assert got is not None and _ok(got[None, :], inst, cover)[0]
        assert float(inst["values"][got].sum()) == pytest.approx(best, abs=1e-9)
    if inst.get("running_cap") is None and seed % 3 != 0:
        assert decided == n  # whole units, no running ceiling: one item always decided


def test_unknown_when_the_relaxation_breaks_the_running_ceiling() -> None:
    # the best portfolio by investment alone (0 + 1) runs 20 > 10: the DP must
    # not claim it, the caller re-solves a MILP
    model = P.prepare([5.0, 5.0, 1.0], [1.0, 1.0, 1.0], 2.0, running=[10.0, 10.0, 0.0],
                      running_cap=10.0)
    status, x = F.ForcedSolver(model).solve((0,))
    assert status == "unknown" and x is None


def test_several_budget_columns_are_left_to_the_milp() -> None:
    model = P.prepare([1.0, 2.0], [[1.0, 0.0], [0.0, 1.0]], [1.0, 1.0])
    solver = F.ForcedSolver(model)
    assert not solver.applies and solver.solve((0,)) == ("unknown", None)


def test_agrees_with_milp_on_a_larger_instance() -> None:
    """40 items with chains of requirements and either-or triples (a component
    beyond the enumeration, so the hub split runs) against HiGHS."""
    rng = np.random.default_rng(7)
    n = 40
    costs = rng.integers(1, 50, n) * 10_000.0
    values = rng.uniform(0, 1, n)
    requires = [(i + 1, (i,)) for i in range(0, 16)]  # one chain of 17
    exclusive = [(20, 21, 22), (22, 23, 24), (25, 26, 27)]
    budget = float(costs.sum() * 0.3)
    model = P.prepare(values, costs, budget, requires_any=requires, exclusive=exclusive,
                      must=[30])
    solver = F.ForcedSolver(model)
    for i in range(n):
        status, x = solver.solve((i,))
        milp = P.solve(values, costs, budget, requires_any=requires, exclusive=exclusive,
                       must=sorted({30, i}), exact_dp=False)
        if not milp.feasible:
            assert status == "infeasible"
            continue
        assert status == "optimal"
        assert float(values[x].sum()) == pytest.approx(milp.value, abs=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_bound_is_the_best_with_or_without_each_item(seed: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a running ceiling and with whole units the bound is exact."""
    monkeypatch.setattr(F, "ENUMERATE", 3 + seed % 10)
    rng = np.random.default_rng(50 + seed)
    n = int(rng.integers(6, 11))
    inst = _instance(rng, n, whole=True)
    inst.pop("running", None), inst.pop("running_cap", None)
    model = P.prepare(**inst)
    if P.explain_infeasible(model):
        return
    solver = F.ForcedSolver(model)
    x = _masks(n)
    rules_ok = np.array([not P.violations(model, row) for row in x])
    values = x.astype(float) @ inst["values"]
    for i in range(n):
        for inside in (True, False):
            pick = rules_ok & (x[:, i] == inside)
            best = float(values[pick].max()) if pick.any() else -np.inf
            assert solver.bound(i, inside) == pytest.approx(best, abs=1e-9)
