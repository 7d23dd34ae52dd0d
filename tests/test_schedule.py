"""Multi-year scheduling (portfolio.schedule) against brute-force enumeration.

Every assignment "item not chosen, or started in a year of its window" is
enumerated (n ≤ 8 items, 3 years, window 2) and checked rule by rule here,
independently of the kernel's own constraint matrix and guard.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from kstad_analysis import portfolio as P
from kstad_analysis.portfolio import schedule as S

YEARS = 3
WINDOW = 2


def _brute(values, inv, run, start, budget, running_cap, total, must, requires, fixed,
           penalty) -> float | None:
    n = len(values)
    choices = []
    for i in range(n):
        last = start[i] if fixed[i] else min(start[i] + WINDOW, YEARS - 1)
        choices.append([-1, *range(start[i], last + 1)])
    best = None
    for assign in itertools.product(*choices):
        a = np.array(assign)
        on = a >= 0
        if any(not on[i] for i in must):
            continue
        spend = np.zeros(YEARS)
        drift = np.zeros(YEARS)
        for i in np.flatnonzero(on):
            spend[a[i]] += inv[i]
            drift[a[i]:] += run[i]
        if np.any(spend > budget + 1e-6) or spend.sum() > total + 1e-6:
            continue
        if np.any(drift > running_cap + 1e-6):
            continue
        if any(on[x] and not (on[y] and a[y] <= a[x]) for x, y in requires):
            continue
        value = sum(values[i] * (1 - penalty * (a[i] - start[i])) for i in np.flatnonzero(on))
        best = value if best is None else max(best, value)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_schedule_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 9))
    values = rng.integers(1, 50, n).astype(float)
    inv = rng.integers(1, 20, n) * 10_000.0
    run = rng.integers(0, 6, n) * 1_000.0
    start = rng.integers(0, YEARS, n)
    fixed = rng.random(n) < 0.2
    budget = np.full(YEARS, inv.sum() / 4) * rng.uniform(0.5, 1.2, YEARS)
    total = float(budget.sum() * rng.uniform(0.6, 1.0))
    running_cap = np.cumsum(np.full(YEARS, run.sum() / 6)) + 1_000.0
    must = [int(rng.integers(0, n))] if rng.random() < 0.5 else []
    requires = [(int(a), int(b)) for a, b in rng.integers(0, n, (2, 2)) if a != b]
    penalty = 0.01
    expected = _brute(values, inv, run, start, budget, running_cap, total, must, requires,
                      fixed, penalty)
    opts = S.start_options(start, YEARS, WINDOW, fixed)
    args = S.expand(opts, values, inv, run, penalty=penalty, must=must,
                    requires_any=[(a, (b,)) for a, b in requires])
    res = P.solve(**args, budget=budget, running_cap=running_cap, total_budget=total)
    if expected is None:
        assert res.status == "infeasible"
        return
    assert res.status == "optimal"
    assert res.value == pytest.approx(expected, abs=1e-6)
    chosen, years = opts.collapse(res.chosen)
    # the answer read back keeps every rule (checked here, not by the kernel)
    spend = np.zeros(YEARS)
    for i in np.flatnonzero(chosen):
        spend[years[i]] += inv[i]
        assert start[i] <= years[i] <= start[i] + (0 if fixed[i] else WINDOW)
    assert np.all(spend <= budget + 1e-6)
    for a, b in requires:
        assert not chosen[a] or (chosen[b] and years[b] <= years[a])


def test_a_need_moves_to_a_later_year_only_to_make_room() -> None:
    # Both start in year 0, which affords one; year 1 affords the other.
    values, inv, run = np.array([10.0, 9.0]), np.array([5.0, 5.0]), np.zeros(2)
    opts = S.start_options([0, 0], YEARS, WINDOW)
    args = S.expand(opts, values, inv, run, penalty=0.01)
    res = P.solve(**args, budget=[5.0, 5.0, 0.0])
    chosen, years = opts.collapse(res.chosen)
    assert chosen.all() and sorted(years.tolist()) == [0, 1]
    assert years[0] == 0  # the more valuable keeps its planned year
    # with room in year 0 for both, neither moves
    res = P.solve(**args, budget=[10.0, 5.0, 0.0])
    assert opts.collapse(res.chosen)[1].tolist() == [0, 0]


def test_running_cost_counts_from_the_start_year_on() -> None:
    # Running 4 per year from the start; the cap of 4 in year 2 (the last)
    # leaves room for only one of the two, whichever year they start.
    opts = S.start_options([0, 1], YEARS, 0)
    args = S.expand(opts, [1.0, 1.0], [0.0, 0.0], [4.0, 4.0])
    assert args["running"].tolist() == [[4, 4, 4], [0, 4, 4]]
    res = P.solve(**args, budget=[1.0] * YEARS, running_cap=[8.0, 8.0, 4.0])
    assert len(res.chosen) == 1


def test_no_start_means_no_option_and_fixed_keeps_its_year() -> None:
    opts = S.start_options([-1, 1, 1, 5], YEARS, WINDOW, fixed=[False, True, False, False],
                           known=[False, True, True, True])
    assert opts.of(0).size == 0 and opts.of(3).size == 0
    assert opts.year[opts.of(1)].tolist() == [1]
    assert opts.year[opts.of(2)].tolist() == [1, 2]


def test_a_start_before_the_first_year_may_still_reach_into_the_window() -> None:
    opts = S.start_options([-1, -1, -3], YEARS, WINDOW, fixed=[False, True, False],
                           known=[True, True, True])
    assert opts.year[opts.of(0)].tolist() == [0, 1] and opts.shift[opts.of(0)].tolist() == [1, 2]
    assert opts.year[opts.of(1)].tolist() == [0] and opts.shift[opts.of(1)].tolist() == [0]
    assert opts.of(2).size == 0
