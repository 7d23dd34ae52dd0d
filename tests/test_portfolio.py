"""The portfolio kernel against published optima, brute force, DP and the other solver.

Every rule is checked by an independent implementation here (``_feasible``),
not by the module's own guard.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kstad_analysis import portfolio as P

DATA = Path(__file__).parent / "data" / "knapsack"


def load_instance(path: Path) -> dict[str, np.ndarray]:
    fields = {}
    for line in path.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, _, numbers = line.partition(":")
        fields[key.strip()] = np.array(numbers.split(), dtype=np.int64)
    return fields


INSTANCES = sorted(DATA.glob("p*.txt"))


# --------------------------------------------------------------------------- independent checks


def _all_masks(n: int) -> np.ndarray:
    return ((np.arange(2**n)[:, None] >> np.arange(n)) & 1).astype(bool)


def _feasible(masks, costs, budget, must=(), exclude=(), requires=(), exclusive=(),
              running=None, running_cap=None) -> np.ndarray:
    """Which 0/1 rows keep every rule (vectorised brute-force check)."""
    masks = np.atleast_2d(masks)
    c = np.asarray(costs, float).reshape(masks.shape[1], -1)
    ok = np.all(masks.astype(float) @ c <= np.atleast_1d(budget) + 1e-6, axis=1)
    for i in must:
        ok &= masks[:, i]
    for i in exclude:
        ok &= ~masks[:, i]
    for a, b in requires:
        ok &= ~masks[:, a] | masks[:, b]
    for group in exclusive:
        ok &= masks[:, list(group)].sum(axis=1) <= 1
    if running_cap is not None:
        ok &= masks.astype(float) @ np.asarray(running, float) <= running_cap + 1e-6
    return ok


def brute_force(values, costs, budget, **rules) -> float | None:
    masks = _all_masks(len(values))
    ok = _feasible(masks, costs, budget, **rules)
    if not ok.any():
        return None
    return float((masks[ok].astype(float) @ np.asarray(values, float)).max())


def random_instance(rng: np.random.Generator, n: int, years: int = 1) -> dict[str, object]:
    values = rng.integers(1, 60, n).astype(float)
    if years == 1:
        costs = rng.integers(1, 40, n).astype(float)
        budget = float(costs.sum() * rng.uniform(0.2, 0.6))
    else:
        costs = rng.integers(0, 30, (n, years)).astype(float)
        budget = costs.sum(axis=0) * rng.uniform(0.2, 0.6, years)
    pool = rng.permutation(n)
    must = [int(pool[0])] if rng.random() < 0.6 else []
    exclude = [int(pool[1])] if rng.random() < 0.6 else []
    requires = [(int(a), int(b)) for a, b in rng.integers(0, n, (int(rng.integers(0, 4)), 2))
                if a != b]
    exclusive = [tuple(int(i) for i in pool[2:5])] if rng.random() < 0.7 else []
    rules: dict[str, object] = dict(must=must, exclude=exclude, requires=requires,
                                    exclusive=exclusive)
    if rng.random() < 0.5:
        running = rng.integers(0, 20, n).astype(float)
        rules.update(running=running, running_cap=float(running.sum() * rng.uniform(0.2, 0.6)))
    return dict(values=values, costs=costs, budget=budget, **rules)


# --------------------------------------------------------------------------- published optima


@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
@pytest.mark.parametrize("solver", ["highs", "cbc", "dp"])
def test_published_knapsack_optima(path: Path, solver: str) -> None:
    inst = load_instance(path)
    w, p, cap = inst["weights"], inst["profits"], int(inst["capacity"][0])
    optimum = int(inst["optimum"][0])
    assert p[inst["selection"].astype(bool)].sum() == optimum  # the file is consistent
    if solver == "dp":
        res = P.knapsack_dp(p, w, cap, resolution=1)
    else:
        res = P.solve(p, w, cap, solver=solver)
    assert res.status == "optimal" and res.gap == 0
    assert res.value == optimum
    assert w[res.chosen].sum() <= cap and res.cost == w[res.chosen].sum()


# --------------------------------------------------------------------------- brute force


@pytest.mark.parametrize("seed", range(40))
def test_matches_brute_force_every_rule_type(seed: int) -> None:
    rng = np.random.default_rng(seed)
    inst = random_instance(rng, n=int(rng.integers(6, 15)), years=1 if seed % 2 else 3)
    best = brute_force(**inst)
    res = P.solve(**inst)
    if best is None:
        assert res.status == "infeasible" and res.explanation
        return
    assert res.status == "optimal"
    assert res.value == pytest.approx(best)
    mask = res.mask(len(inst["values"]))
    assert _feasible(mask, **{k: v for k, v in inst.items() if k != "values"})[0]


def test_brute_force_n16_with_all_rules() -> None:
    rng = np.random.default_rng(123)
    inst = random_instance(rng, n=16, years=3)
    inst.update(requires=[(0, 1), (2, 3), (3, 4)], exclusive=[(5, 6, 7), (8, 9)],
                must=[10], exclude=[11])
    assert P.solve(**inst).value == pytest.approx(brute_force(**inst))


@pytest.mark.parametrize("seed", range(8))
def test_highs_and_cbc_agree(seed: int) -> None:
    rng = np.random.default_rng(1000 + seed)
    inst = random_instance(rng, n=40, years=1 + seed % 3)
    a, b = P.solve(**inst, solver="highs"), P.solve(**inst, solver="cbc")
    assert a.status == b.status
    if a.feasible:
        assert a.value == pytest.approx(b.value)
        assert b.solver == "cbc" and a.solver == "highs"


# --------------------------------------------------------------------------- DP


@pytest.mark.parametrize("seed", range(10))
def test_dp_equals_milp_on_pure_knapsack(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 60
    costs = rng.integers(1, 500, n) * 10_000.0  # whole tens of tkr: DP is exact
    values = rng.uniform(0, 100, n)
    budget = float(costs.sum() / 3)
    dp = P.knapsack_dp(values, costs, budget, resolution=10_000)
    milp = P.solve(values, costs, budget)
    assert dp.value == pytest.approx(milp.value)
    assert dp.cost <= budget


def test_dp_with_must_exclude_and_rounding_keeps_budget() -> None:
    rng = np.random.default_rng(5)
    costs = np.round(rng.uniform(1, 100, 12) * 1_000)  # whole kr, not whole tkr
    values = rng.uniform(1, 10, 12)
    budget = float(costs.sum() / 2)
    res = P.knapsack_dp(values, costs, budget, resolution=1_000, must=[0], exclude=[1])
    assert 0 in res.chosen and 1 not in res.chosen and res.cost <= budget
    exact = brute_force(values, costs, budget, must=[0], exclude=[1])
    assert res.value <= exact + 1e-9
    assert P.knapsack_dp(values, costs, budget, resolution=1, must=[0],
                         exclude=[1]).value == pytest.approx(exact)


def test_dp_strongly_correlated_matches_milp() -> None:
    rng = np.random.default_rng(9)
    costs = rng.integers(1, 1000, 80).astype(float)
    values = costs + 100
    budget = float(costs.sum() / 2)
    assert P.knapsack_dp(values, costs, budget, resolution=1).value == pytest.approx(
        P.solve(values, costs, budget).value)


def test_dp_rejects_bad_resolution_and_huge_tables() -> None:
    with pytest.raises(ValueError, match="Upplösningen"):
        P.knapsack_dp([1.0], [1.0], 1.0, resolution=0)
    with pytest.raises(ValueError, match="grövre upplösning"):
        P.knapsack_dp(np.ones(1000), np.ones(1000), 1e9, resolution=1)


# --------------------------------------------------------------------------- infeasibility


def test_infeasible_legal_alone_over_budget() -> None:
    res = P.solve([1, 1, 1], [6e6, 5e6, 1e6], 10e6, must=[0, 1], labels=["L1", "L2", "A"])
    assert res.status == "infeasible" and res.chosen.size == 0
    assert res.explanation == ("Det som måste med (L1, L2) kostar redan 11\u00a0000\u00a0000 kr, "
                               "mer än budgeten 10\u00a0000\u00a0000 kr.")


def test_infeasible_names_year() -> None:
    costs = np.array([[5.0, 0.0], [0.0, 9.0]])
    res = P.solve([1, 1], costs, [10, 8], must=[0, 1], period_labels=["år 2027", "år 2028"])
    assert "för år 2028" in res.explanation


def test_infeasible_requires_excluded_through_a_chain() -> None:
    res = P.solve([1, 1, 1], [1, 1, 1], 10, must=[0], requires=[(0, 1), (1, 2)], exclude=[2],
                  labels=["A", "B", "C"])
    assert res.explanation == "A måste med, men det kräver C, som är uteslutet."


def test_infeasible_two_musts_in_one_exclusive_set() -> None:
    res = P.solve([1, 1, 1], [1, 1, 1], 10, must=[0, 2], exclusive=[{0, 1, 2}],
                  labels=["A", "B", "C"])
    assert "A och C" in res.explanation and "ömsesidigt uteslutande" in res.explanation


def test_infeasible_must_and_exclude_and_running() -> None:
    assert "både tvingat in" in P.solve([1], [1], 5, must=[0], exclude=[0]).explanation
    res = P.solve([1, 1], [1, 1], 5, must=[0], running=[10, 0], running_cap=5)
    assert "driftkostnad" in res.explanation
    for solver in ("highs", "cbc"):
        covered = P.solve([1, 1], [1, 1], 5, exclude=[0, 1], at_least_one=[(0, 1)],
                          solver=solver)
        assert covered.status == "infeasible" and "Reglerna går inte" in covered.explanation


@pytest.mark.parametrize(("kwargs", "message"), [
    (dict(values=[1, np.nan], costs=[1, 1], budget=1), "ogiltigt värde"),
    (dict(values=[1, 1], costs=[1, -1], budget=1), "ogiltig kostnad"),
    (dict(values=[1, 1], costs=[1, 1], budget=-1), "Budgeten"),
    (dict(values=[1, 1], costs=[1, 1], budget=np.inf), "Budgeten"),
    (dict(values=[1, 1], costs=[1, 1, 1], budget=1), "olika antal"),
    (dict(values=[1, 1], costs=[[1, 1], [1, 1]], budget=[1, 1, 1]), "3 belopp"),
    (dict(values=[1, 1], costs=[1, 1], budget=1, must=[2]), "nummer 2"),
    (dict(values=[1, 1], costs=[1, 1], budget=1, requires=[(0, 5)]), "requires"),
    (dict(values=[1, 1], costs=[1, 1], budget=1, exclusive=[{0, -1}]), "exclusive"),
    (dict(values=[1, 1], costs=[1, 1], budget=1, running_cap=3), "driftkostnader per behov"),
    (dict(values=[1, 1], costs=[1, 1], budget=1, solver="glpk"), "Okänd lösare"),
    (dict(values=[1, 1], costs=[1, 1], budget=1, time_limit=0), "Tidsgränsen"),
])
def test_validation_messages_in_swedish(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        P.solve(**kwargs)


# --------------------------------------------------------------------------- time limits


@pytest.fixture(scope="module")
def hard_instance() -> tuple[np.ndarray, np.ndarray, float, P.PortfolioResult]:
    """Strongly correlated (value = cost + constant) with its exact DP optimum."""
    rng = np.random.default_rng(3)
    costs = rng.integers(1, 1000, 1000).astype(float)
    values = costs + 100
    budget = float(costs.sum() / 2) + 0.5
    return values, costs, budget, P.knapsack_dp(values, costs, budget, resolution=1)


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_time_limit_reports_gap_honestly(solver: str, hard_instance) -> None:
    """A hard instance stopped early is never called optimal unless it is."""
    values, costs, budget, exact = hard_instance
    res = P.solve(values, costs, budget, solver=solver, time_limit=0.2)
    assert res.cost <= budget
    if res.status == "optimal":
        assert res.value == pytest.approx(exact.value)
    else:
        assert res.status == "time_limit"
        assert res.value <= exact.value + 1e-6
        assert 0 <= res.gap < np.inf
        assert res.bound >= exact.value - 1e-6


# --------------------------------------------------------------------------- frontier, naive


def test_frontier_matches_single_solves_and_cbc() -> None:
    rng = np.random.default_rng(2)
    inst = random_instance(rng, n=25, years=1)
    rules = {k: v for k, v in inst.items() if k not in ("values", "costs", "budget")}
    levels = np.linspace(0, inst["costs"].sum(), 9)
    front = P.frontier(inst["values"], inst["costs"], levels, **rules)
    front_cbc = P.frontier(inst["values"], inst["costs"], levels, solver="cbc", **rules)
    for k, level in enumerate(levels):
        single = P.solve(inst["values"], inst["costs"], level, **rules)
        assert front["status"][k] == single.status == front_cbc["status"][k]
        if single.feasible:
            assert front["value"][k] == pytest.approx(single.value)
            assert front_cbc["value"][k] == pytest.approx(single.value)
    feasible = front[front["status"] == "optimal"]
    assert (feasible["value"].diff().dropna() >= -1e-9).all()
    step = (levels[-1] - levels[-2]) / 1e6
    last = front.iloc[-1]
    assert last["marginal_per_mkr"] == pytest.approx(
        (last["value"] - front["value"].iloc[-2]) / step)
    chosen = set()
    for _, r in front.iterrows():
        chosen = (chosen | set(r["entered"])) - set(r["left"])
        assert len(chosen) == r["n_chosen"]


def test_frontier_rows_name_the_solver_actually_used(monkeypatch) -> None:
    # Defect 6: levels that reuse the unlimited optimum (found by HiGHS) were
    # labelled "cbc" in a CBC frontier. Count the CBC solves independently.
    from kstad_analysis.portfolio import levels as frontier_module

    calls = []
    real = frontier_module._solve_pulp

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(frontier_module, "_solve_pulp", counting)
    values, costs = [5.0, 4.0, 3.0, 2.0], [4.0, 3.0, 2.0, 1.0]
    levels = [0.0, 3.0, 6.0, 10.0, 20.0, 40.0]  # 10 and more afford everything
    front = P.frontier(values, costs, levels, solver="cbc")
    assert front["value"].tolist() == [0.0, 5.0, 9.0, 14.0, 14.0, 14.0]
    assert front["solver"].tolist() == ["cbc", "cbc", "cbc", "highs", "highs", "highs"]
    assert len(calls) == 3 == (front["solver"] == "cbc").sum()
    assert set(P.frontier(values, costs, levels)["solver"]) == {"highs"}


def test_frontier_two_years_and_ids() -> None:
    costs = np.array([[2.0, 0], [0, 2.0], [1.0, 1.0]])
    front = P.frontier([3, 3, 5], costs, [[0, 0], [2, 2], [4, 4]], ids=["A", "B", "C"])
    assert front["value"].tolist() == [0, 6, 11]
    assert front["entered"].tolist() == [(), ("A", "B"), ("C",)]
    with pytest.raises(ValueError, match="Budgetnivåerna"):
        P.frontier([3, 3, 5], costs, [1, 2])


def test_naive_fill_respects_rules_and_is_beaten() -> None:
    values, costs = [10, 7, 7], [8, 5, 5]
    naive = P.naive_fill(values, costs, 10)
    assert naive.status == "heuristic" and naive.chosen.tolist() == [0] and naive.value == 10
    assert P.solve(values, costs, 10).value == 14
    ratio = P.naive_fill(values, costs, 10, by="ratio")
    assert ratio.chosen.tolist() == [1, 2]
    rng = np.random.default_rng(11)
    for _ in range(30):
        inst = random_instance(rng, n=10, years=2)
        naive = P.naive_fill(**inst)
        best = brute_force(**inst)
        if best is None:
            assert naive.status == "infeasible"
            continue
        if naive.feasible:
            mask = naive.mask(10)
            assert _feasible(mask, **{k: v for k, v in inst.items() if k != "values"})[0]
            assert naive.value <= best + 1e-9
    with pytest.raises(ValueError, match="Okänd ordning"):
        P.naive_fill([1], [1], 1, by="alphabet")


def test_naive_fill_takes_requirements_along() -> None:
    res = P.naive_fill([10, 1, 5], [3, 3, 5], 6, requires=[(0, 1)])
    assert res.chosen.tolist() == [0, 1]


def test_empty_and_trivial() -> None:
    res = P.solve([], [], 5.0)
    assert res.status == "optimal" and res.chosen.size == 0 and res.value == 0
    res = P.solve([5.0, -1.0], [0.0, 0.0], 0.0)
    assert res.chosen.tolist() == [0]


# --------------------------------------------------------------------------- properties

instances = st.integers(min_value=0, max_value=2**32 - 1).map(
    lambda seed: random_instance(np.random.default_rng(seed), 9,
                                 years=1 + seed % 2))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances)
def test_property_every_rule_holds(inst: dict) -> None:
    res = P.solve(**inst)
    if res.feasible:
        mask = res.mask(9)
        assert _feasible(mask, **{k: v for k, v in inst.items() if k != "values"})[0]
        assert res.value == pytest.approx(float(np.asarray(inst["values"])[mask].sum()))
    else:
        assert brute_force(**inst) is None


@settings(max_examples=40, deadline=None)
@given(instances, st.floats(min_value=1.0, max_value=3.0))
def test_property_more_budget_never_lowers_optimum(inst: dict, factor: float) -> None:
    low = P.solve(**inst)
    high = P.solve(**{**inst, "budget": np.asarray(inst["budget"]) * factor})
    if low.feasible:
        assert high.feasible and high.value >= low.value - 1e-9


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 50), st.integers(1, 30)), min_size=1, max_size=12),
       st.integers(0, 200))
def test_property_dp_equals_brute_force(items: list[tuple[int, int]], cap: int) -> None:
    values = np.array([v for v, _ in items], float)
    costs = np.array([c for _, c in items], float)
    assert P.knapsack_dp(values, costs, cap, resolution=1).value == pytest.approx(
        brute_force(values, costs, cap))


def test_all_masks_helper_is_complete() -> None:
    masks = _all_masks(3)
    assert {tuple(m) for m in masks.tolist()} == set(itertools.product([False, True], repeat=3))


def test_total_budget_over_years_matches_brute_force() -> None:
    rng = np.random.default_rng(77)
    for _ in range(10):
        inst = random_instance(rng, n=10, years=3)
        total = float(np.asarray(inst["budget"]).sum() * 0.7)
        res = P.solve(**inst, total_budget=total)
        costs = np.column_stack([inst["costs"], np.asarray(inst["costs"]).sum(axis=1)])
        best = brute_force(**{**inst, "costs": costs,
                              "budget": np.append(inst["budget"], total)})
        if best is None:
            assert res.status == "infeasible"
        else:
            assert res.value == pytest.approx(best)
            assert res.cost == pytest.approx(res.cost_per_year.sum()) and res.cost <= total + 1e-6


def test_cover_sets_explained_by_least_spend_per_year() -> None:
    """A lagkrav met by its own build (item 0) or a shared one (item 2)."""
    costs = np.array([[6.0, 0.0], [0.0, 1.0], [7.0, 0.0]])
    res = P.solve([1, 1, 2], costs, [5, 5], at_least_one=[(0, 2)], exclusive=[(0, 2)],
                  labels=["A", "B", "G"], period_labels=["år 2027", "år 2028"])
    assert res.status == "infeasible"
    assert res.explanation.startswith("Reglerna (lagkrav, måste, beroenden) kräver minst 6")
    assert "för år 2027" in res.explanation and "A" in res.explanation
    assert P.minimum_cost(costs, at_least_one=[(0, 2)]) == 6.0
    assert P.minimum_cost(costs[:, 0], must=[1], requires=[(1, 2)]) == 7.0


def test_dp_is_honest_about_rounded_costs():
    # 10 001 rounds up to 2 units of 10 000, so the safe DP takes one item; the
    # rounded-down DP takes both for 20 002 kr, over the real 20 001 kr: the
    # optimum (1) is not proven, so "rounded" with the gap to the bound.
    result = P.knapsack_dp(np.array([1.0, 1.0]), np.array([10_001.0, 10_001.0]), 20_001.0)
    assert result.status == "rounded" and result.value == 1.0
    assert result.bound == pytest.approx(1 + 10_000 / 10_001)  # LP bound beats the DP's 2
    assert result.gap == pytest.approx((result.bound - 1) / result.bound)
    # With 20 002 kr both fit; the rounded-down DP's answer keeps the real
    # budget, which proves it optimal although the costs are not whole units.
    both = P.knapsack_dp(np.array([1.0, 1.0]), np.array([10_001.0, 10_001.0]), 20_002.0)
    assert both.status == "optimal" and both.value == 2.0
    exact = P.knapsack_dp(np.array([1.0, 1.0]), np.array([10_000.0, 10_000.0]), 20_000.0)
    assert exact.status == "optimal" and exact.value == 2.0


def test_dp_forced_item_off_the_grid_leaves_room():
    # Defect 9a: a forced 5 000 kr item rounded up to a whole 10 000 kr unit
    # left no room for the 10 000 kr item, and the result was called optimal
    # with value 1 although both fit in 15 000 kr (value 11).
    res = P.knapsack_dp([1.0, 10.0], [5_000.0, 10_000.0], 15_000.0, must=[0])
    assert brute_force([1.0, 10.0], [5_000.0, 10_000.0], 15_000.0, must=[0]) == 11.0
    assert res.status == "optimal" and res.value == 11.0 and res.chosen.tolist() == [0, 1]
    assert res.cost == 15_000.0


def test_dp_item_whose_rounded_cost_exceeds_the_rounded_budget():
    # Defect 9b: 10 001 kr rounds up to 2 units and the budget down to 1, so the
    # item was dropped before the exactness test and the bound: value 0 and
    # "optimal", although it fits the real budget exactly (value 100).
    res = P.knapsack_dp([100.0], [10_001.0], 10_001.0)
    assert res.status == "optimal" and res.value == 100.0 and res.chosen.tolist() == [0]
    # One krona less and it does not fit: 0 is then the proven optimum.
    none = P.knapsack_dp([100.0], [10_001.0], 10_000.0)
    assert none.status == "optimal" and none.value == 0.0


dp_instances = st.integers(min_value=0, max_value=2**32 - 1).map(
    lambda seed: _dp_instance(np.random.default_rng(seed)))


def _dp_instance(rng: np.random.Generator) -> dict[str, object]:
    """Up to 14 items, costs mostly off the 10 000 kr grid, forced and excluded items."""
    n = int(rng.integers(1, 15))
    values = rng.integers(0, 60, n).astype(float)
    grid = rng.random(n) < 0.3  # some costs on the grid, most not
    costs = np.where(grid, rng.integers(0, 6, n) * 10_000.0,
                     rng.integers(1, 60_000, n).astype(float))
    pool = rng.permutation(n)
    must = [int(i) for i in pool[: int(rng.integers(0, min(3, n) + 1))]]
    exclude = [int(i) for i in pool[len(must): len(must) + int(rng.integers(0, 2))]]
    forced = float(costs[must].sum()) * (0.9 if rng.random() < 0.1 else 1.0)  # some infeasible
    budget = float(np.round(forced + (costs.sum() - costs[must].sum()) * rng.uniform(0.1, 0.9)))
    return dict(values=values, costs=costs, budget=budget, must=must, exclude=exclude)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dp_instances)
def test_property_dp_status_is_honest_against_brute_force(inst: dict) -> None:
    """Exhaustive enumeration decides: optimal only when it is, the bound holds."""
    best = brute_force(**inst)
    res = P.knapsack_dp(**inst, resolution=10_000)
    if best is None:
        assert res.status == "infeasible"
        return
    mask = res.mask(len(inst["values"]))
    rules = {k: v for k, v in inst.items() if k != "values"}
    assert _feasible(mask, **rules)[0]
    assert res.value == pytest.approx(float(inst["values"][mask].sum()))
    assert res.value <= best + 1e-9
    assert best <= res.bound + 1e-6  # the reported bound is a real upper bound
    if res.status == "optimal":
        assert res.value == pytest.approx(best) and res.gap == 0.0
    else:
        assert res.status == "rounded"
        assert res.gap == pytest.approx((res.bound - res.value) / res.bound)
    # on a 1 kr grid every cost here is whole: always exact and proven
    exact = P.knapsack_dp(**inst, resolution=1)
    assert exact.status == "optimal" and exact.value == pytest.approx(best)
