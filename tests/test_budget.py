"""The budget layer: from a needs frame to a portfolio with reasons.

Small frames built here in the intake format, with values given as
``scores`` so the expected portfolios can be worked out by hand.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from kstad_analysis import budget
from tests.plans import needs_frame

DEPT = "Barn- och ungdomsförvaltningen"


def make_needs(rows: list[dict[str, object]]) -> pd.DataFrame:
    """A needs frame in the intake format with the budget tests' defaults."""
    return needs_frame(rows, department=DEPT, description="", running_cost=10_000.0,
                       minutes_saved=5.0, other_benefit=0.0, citizen=3)


def scores(mapping: dict[str, float]) -> pd.Series:
    return pd.Series(mapping, dtype=float)


def row(result: budget.BudgetResult, id_: str) -> pd.Series:
    return result.table.set_index("id").loc[id_]


# --------------------------------------------------------------------------- basics


def test_picks_best_value_under_budget_and_beats_naive_fill() -> None:
    # Ranking by value takes A (value 10, cost 6) and then nothing else fits;
    # B + C (cost 5 + 5) is worth 14: the optimiser must find it.
    needs = make_needs([
        {"id": "A", "investment": 6e6}, {"id": "B", "investment": 5e6},
        {"id": "C", "investment": 5e6},
    ])
    res = budget.optimize(needs, 10e6, scores=scores({"A": 10, "B": 7, "C": 7}))
    assert res.status == "optimal" and res.gap == 0
    assert set(res.portfolio["id"]) == {"B", "C"}
    assert res.totals["value"] == pytest.approx(14)
    assert res.naive.value == pytest.approx(10)
    assert res.gain == pytest.approx(4)
    assert row(res, "A")["reason"].startswith("ryms inte i budget: kostar 6\u00a0000\u00a0000 kr, kvar 0 kr")
    assert res.totals["cost"] == pytest.approx(10e6) and res.totals["remaining"] == pytest.approx(0)


def test_legal_forced_in_even_with_low_value() -> None:
    needs = make_needs([
        {"id": "L", "investment": 4e6, "legal": True}, {"id": "A", "investment": 6e6},
        {"id": "B", "investment": 5e6},
    ])
    res = budget.optimize(needs, 10e6, scores=scores({"L": 0.1, "A": 9, "B": 8}))
    assert set(res.portfolio["id"]) == {"L", "A"}
    assert row(res, "B")["reason"].startswith("ryms inte i budget")


def test_legal_over_budget_is_explained_in_swedish() -> None:
    needs = make_needs([
        {"id": "L1", "investment": 8e6, "legal": True},
        {"id": "L2", "investment": 7e6, "legal": True}, {"id": "A", "investment": 1e6},
    ])
    res = budget.optimize(needs, 10e6, scores=scores({"L1": 1, "L2": 1, "A": 1}))
    assert res.status == "infeasible"
    assert "L1" in res.explanation and "L2" in res.explanation
    assert "15\u00a0000\u00a0000 kr" in res.explanation and "10\u00a0000\u00a0000 kr" in res.explanation
    assert set(res.table["reason"]) == {"ingen portfölj uppfyller reglerna"}
    assert math.isnan(res.gain)


def test_must_and_exclude_by_id() -> None:
    needs = make_needs([{"id": x, "investment": 1e6} for x in "ABCD"])
    res = budget.optimize(needs, 2e6, must_ids=["D"], exclude_ids=["A"],
                          scores=scores({"A": 9, "B": 5, "C": 4, "D": 1}))
    assert set(res.portfolio["id"]) == {"B", "D"}
    assert row(res, "A")["reason"] == "uteslutet"


def test_must_that_requires_excluded_need_names_both() -> None:
    needs = make_needs([{"id": "A", "dependencies": ("B",)}, {"id": "B"}])
    res = budget.optimize(needs, 1e6, must_ids=["A"], exclude_ids=["B"],
                          scores=scores({"A": 1, "B": 1}))
    assert res.status == "infeasible"
    assert "A" in res.explanation and "B" in res.explanation and "uteslutet" in res.explanation


def test_dependency_pulls_in_or_blocks() -> None:
    needs = make_needs([
        {"id": "A", "investment": 3e6, "dependencies": ("B",)},
        {"id": "B", "investment": 3e6}, {"id": "C", "investment": 4e6},
    ])
    res = budget.optimize(needs, 6e6, scores=scores({"A": 10, "B": 0.5, "C": 6}))
    assert set(res.portfolio["id"]) == {"A", "B"}
    res = budget.optimize(needs, 6e6, exclude_ids=["B"], scores=scores({"A": 10, "B": 0.5, "C": 6}))
    assert set(res.portfolio["id"]) == {"C"}
    assert row(res, "A")["reason"] == (
        "beror på ej valt behov B; ryms inte i budget: kostar 3\u00a0000\u00a0000 kr, kvar "
        "2\u00a0000\u00a0000 kr; kan inte tas med: A måste med, men det kräver B, som är uteslutet")


def test_missing_cost_is_never_zero() -> None:
    needs = make_needs([{"id": "A", "investment": np.nan}, {"id": "B", "investment": 1e6}])
    res = budget.optimize(needs, 5e6, scores=scores({"A": 100, "B": 1}))
    assert set(res.portfolio["id"]) == {"B"}
    assert row(res, "A")["reason"] == "saknar kostnad"


def test_legal_with_missing_cost_warns_and_explicit_must_is_infeasible() -> None:
    needs = make_needs([{"id": "L", "investment": np.nan, "legal": True}, {"id": "B"}])
    res = budget.optimize(needs, 5e6, scores=scores({"L": 1, "B": 1}))
    assert res.status == "optimal" and any("L" in w for w in res.warnings)
    res = budget.optimize(needs, 5e6, must_ids=["L"], scores=scores({"L": 1, "B": 1}))
    assert res.status == "infeasible" and "saknar kostnad" in res.explanation


def test_missing_value_blocks_unless_forced() -> None:
    needs = make_needs([{"id": "A"}, {"id": "B"}])
    res = budget.optimize(needs, 5e6, scores=scores({"B": 1}))
    assert row(res, "A")["reason"] == "saknar värde"
    res = budget.optimize(needs, 5e6, must_ids=["A"], scores=scores({"B": 1}))
    assert set(res.portfolio["id"]) == {"A", "B"}


def test_bad_arguments_raise_swedish_value_errors() -> None:
    needs = make_needs([{"id": "A"}])
    with pytest.raises(ValueError, match="Budgeten"):
        budget.optimize(needs, -1, scores=scores({"A": 1}))
    with pytest.raises(ValueError, match="Okända behov i måste: X"):
        budget.optimize(needs, 1e6, must_ids=["X"], scores=scores({"A": 1}))
    with pytest.raises(ValueError, match="Okända behov i uteslut: Y"):
        budget.optimize(needs, 1e6, exclude_ids=["Y"], scores=scores({"A": 1}))
    with pytest.raises(ValueError, match="värdemått"):
        budget.optimize(needs, 1e6, value="magic", scores=scores({"A": 1}))
    with pytest.raises(ValueError, match="Budgeten"):
        budget.optimize(needs, 1e6, per_year={2027: -5}, scores=scores({"A": 1}))


# --------------------------------------------------------------------------- per year


def test_per_year_budget_places_costs_by_start_year() -> None:
    needs = make_needs([
        {"id": "A", "investment": 4e6, "start_year": 2027},
        {"id": "B", "investment": 4e6, "start_year": 2027},
        {"id": "C", "investment": 4e6, "start_year": 2028},
        {"id": "D", "investment": 1e6, "start_year": 2030},
        {"id": "E", "investment": 1e6, "start_year": None},
    ])
    vals = scores({"A": 5, "B": 4, "C": 1, "D": 9, "E": 9})
    res = budget.optimize(needs, 20e6, per_year={2027: 5e6, 2028: 5e6}, scores=vals, window=0)
    assert set(res.portfolio["id"]) == {"A", "C"}
    assert row(res, "D")["reason"] == "startår 2030 utanför budgetåren"
    assert row(res, "E")["reason"] == "saknar startår"
    assert list(res.per_year["cost"]) == pytest.approx([4e6, 4e6, 8e6])
    # the total is binding too
    res = budget.optimize(needs, 5e6, per_year={2027: 5e6, 2028: 5e6}, scores=vals, window=0)
    assert set(res.portfolio["id"]) == {"A"}


def test_running_cap() -> None:
    needs = make_needs([
        {"id": "A", "running_cost": 300_000.0}, {"id": "B", "running_cost": 100_000.0},
        {"id": "C", "running_cost": np.nan},
    ])
    res = budget.optimize(needs, 10e6, running_cap=200_000,
                          scores=scores({"A": 9, "B": 1, "C": 9}))
    assert set(res.portfolio["id"]) == {"B"}
    assert row(res, "A")["reason"].startswith(
        "ryms inte i driftbudgeten: drift 300\u00a0000 kr per år, kvar 100\u00a0000 kr")
    assert row(res, "C")["reason"] == "saknar driftkostnad"


def test_a_running_budget_too_small_for_the_law_says_by_how_much() -> None:
    # Lagkrav A alone runs 300 000 kr a year against a driftbudget of 200 000 kr.
    needs = make_needs([{"id": "A", "running_cost": 300_000.0, "legal": True},
                        {"id": "B", "running_cost": 50_000.0}])
    res = budget.optimize(needs, 10e6, running_budget=200_000, scores=scores({"A": 1, "B": 1}))
    assert res.status == "infeasible"
    assert "driftbudgeten saknar 100\u00a0000 kr" in res.explanation, res.explanation
    assert "  " not in res.explanation


# --------------------------------------------------------------------------- bastjänst


def candidates(*rows: tuple[str, tuple[str, ...], float]) -> pd.DataFrame:
    return pd.DataFrame.from_records([
        {"candidate_id": cid, "member_ids": members, "shared_investment": cost,
         "shared_running": 50_000.0, "label": f"Gemensam {cid}"}
        for cid, members, cost in rows
    ])


def test_shared_build_serves_members_once() -> None:
    needs = make_needs([
        {"id": "A", "investment": 3e6}, {"id": "B", "investment": 3e6},
        {"id": "C", "investment": 3e6}, {"id": "D", "investment": 2e6},
    ])
    vals = scores({"A": 5, "B": 5, "C": 5, "D": 1})
    cands = candidates(("B-G001", ("A", "B", "C"), 4e6))
    res = budget.optimize(needs, 6e6, scores=vals, candidates=cands)
    # shared (4 Mkr, value 15) + D (2 Mkr, value 1) beats any two separate builds
    assert res.shared["chosen"].tolist() == [True]
    assert set(res.portfolio["id"]) == {"A", "B", "C", "D"}
    assert row(res, "A")["reason"] == "ingår i bastjänst B-G001"
    assert not row(res, "A")["chosen"] and row(res, "A")["served"]
    assert res.totals["value"] == pytest.approx(16)
    assert res.totals["cost"] == pytest.approx(6e6)
    # naive ranking fill has no shared builds: two separate builds
    assert res.naive.value == pytest.approx(10)


def test_overlapping_candidates_never_count_a_member_twice() -> None:
    needs = make_needs([{"id": x, "investment": 5e6} for x in "ABC"])
    vals = scores({"A": 10, "B": 1, "C": 1})
    cands = candidates(("G1", ("A", "B"), 1e6), ("G2", ("A", "C"), 1e6))
    res = budget.optimize(needs, 2e6, scores=vals, candidates=cands)
    assert res.shared["chosen"].sum() == 1
    assert res.totals["value"] == pytest.approx(11)


def test_legal_member_may_be_served_by_shared_build() -> None:
    needs = make_needs([
        {"id": "A", "investment": 5e6, "legal": True}, {"id": "B", "investment": 5e6},
    ])
    cands = candidates(("G1", ("A", "B"), 3e6))
    res = budget.optimize(needs, 4e6, scores=scores({"A": 1, "B": 1}), candidates=cands)
    assert res.status == "optimal"
    assert res.shared["chosen"].tolist() == [True]
    assert row(res, "A")["served"]


def test_shared_with_excluded_member_is_blocked() -> None:
    needs = make_needs([{"id": "A"}, {"id": "B"}])
    cands = candidates(("G1", ("A", "B"), 1.0))
    res = budget.optimize(needs, 1e6, exclude_ids=["A"], scores=scores({"A": 1, "B": 1}),
                          candidates=cands)
    assert res.shared["reason"].tolist() == ["omfattar uteslutet behov"]


def test_matches_brute_force_with_candidates() -> None:
    """All subsets of needs and candidates, rules checked by hand."""
    rng = np.random.default_rng(7)
    for trial in range(15):
        ids = [f"N{i}" for i in range(7)]
        costs = rng.integers(1, 10, 7) * 1e5
        deps = {ids[i]: (ids[int(rng.integers(0, 7))],) for i in rng.choice(7, 2, replace=False)}
        needs = make_needs([
            {"id": x, "investment": c, "dependencies": tuple(d for d in deps.get(x, ()) if d != x)}
            for x, c in zip(ids, costs, strict=True)
        ])
        vals = pd.Series(rng.uniform(0, 10, 7), index=ids)
        groups = [tuple(sorted(rng.choice(ids, 3, replace=False))) for _ in range(2)]
        cands = candidates(*[(f"G{k}", g, float(rng.integers(1, 8)) * 1e5)
                             for k, g in enumerate(groups)])
        cap = float(costs.sum() * rng.uniform(0.3, 0.7))
        res = budget.optimize(needs, cap, scores=vals, candidates=cands)
        best = _brute(ids, costs, vals, deps, groups, cands["shared_investment"].to_numpy(), cap)
        assert res.totals["value"] == pytest.approx(best, abs=1e-6), trial


def _brute(ids, costs, vals, deps, groups, shared_costs, cap) -> float:
    best = -1.0
    n = len(ids)
    for k_pick in itertools.product([0, 1], repeat=len(groups)):
        served_by_shared = set()
        ok = True
        for k, picked in enumerate(k_pick):
            if picked:
                if served_by_shared & set(groups[k]):
                    ok = False
                served_by_shared |= set(groups[k])
        if not ok:
            continue
        shared_cost = sum(c for c, p in zip(shared_costs, k_pick, strict=True) if p)
        for bits in itertools.product([0, 1], repeat=n):
            chosen = {ids[i] for i in range(n) if bits[i]}
            if chosen & served_by_shared:
                continue
            served = chosen | served_by_shared
            if any(dep not in served for x in served for dep in deps.get(x, ()) if dep != x):
                continue
            cost = shared_cost + sum(costs[i] for i in range(n) if bits[i])
            if cost > cap + 1e-6:
                continue
            best = max(best, sum(vals[x] for x in served))
    return best


# --------------------------------------------------------------------------- frontier


def test_frontier_is_monotone_and_names_entries() -> None:
    needs = make_needs([{"id": f"N{i}", "investment": (i + 1) * 1e6} for i in range(6)])
    vals = scores({f"N{i}": float(i + 2) for i in range(6)})
    res = budget.optimize(needs, 5e6, scores=vals)
    front = res.frontier(levels=8)
    assert len(front) == 8
    assert (front["value"].diff().dropna() >= -1e-9).all()
    assert front["budget"].iloc[-1] == pytest.approx(21e6)
    assert front["value"].iloc[-1] == pytest.approx(sum(vals))
    entered = set().union(*front["entered"])
    assert entered <= {f"N{i}" for i in range(6)}


def test_value_kinds_use_ranking_and_benefits() -> None:
    """Both value sources run on a realistic frame and give finite values."""
    needs = make_needs([{"id": f"N{i}", "investment": 1e5 * (i + 1)} for i in range(5)])
    for kind in budget.VALUE_KINDS:
        values, _ = budget.need_values(needs, kind)
        assert list(values.index) == list(needs["id"])
        assert np.isfinite(values.to_numpy()).all()
        res = budget.optimize(needs, 3e5, value=kind)
        assert res.status == "optimal" and res.totals["cost"] <= 3e5
