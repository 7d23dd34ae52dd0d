"""Budgets per year in the robust core: the conditions every schedule meets.

Why not the schedule itself: with a start window a need may start in any of
several years, and the core's dominance compares portfolios of needs, not of
start options. What can be said for *every* schedule is enough for a
feasible set that contains all real portfolios (a relaxation, exact when no
start can move). For budget years ``0 … Y−1`` and need ``i`` that may start
in years ``earliest[i] … latest[i]``:

* a need whose start window lies inside the years ``a … b`` is paid from
  those years' budgets, so for every such interval
  ``Σ_{a ≤ earliest, latest ≤ b} investment ≤ Σ_{a ≤ y ≤ b} budget_y``
  (the whole span is capped also by the total budget); with no moves the
  one-year intervals are the budgets per year themselves, so it is exact;
* running cost counts from the start year on, so in year ``k`` at least the
  needs whose latest start is ``≤ k`` run: ``Σ_{latest ≤ k} running ≤
  driftbudget_k``.

Numpy in, numpy out: columns of a 2-D cost matrix with their budgets, and a
running-cost matrix with its caps, as ``robust.core`` takes them.
"""

from __future__ import annotations

import numpy as np


def budget_rows(invest, earliest, latest, per_year, total: float, running=None,
                running_budget=None) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """``(costs, budgets, running_kwargs)`` for the core (module doc).

    Without years (``per_year`` empty) the costs are the investments under
    ``total`` and every need's running cost counts against the one driftbudget.
    """
    inv = np.asarray(invest, dtype=float).reshape(-1)
    b = np.asarray(per_year, dtype=float).reshape(-1)
    run = None if running is None else np.asarray(running, dtype=float).reshape(-1)
    caps = None if running_budget is None else np.asarray(running_budget, dtype=float).reshape(-1)
    extra: dict[str, np.ndarray] = {}
    if b.size == 0:
        if run is not None and caps is not None:
            extra = {"running": run, "running_cap": np.array([float(caps.min())])}
        return inv, np.array([float(total)]), extra
    lo = np.asarray(earliest, dtype=int).reshape(-1)
    hi = np.asarray(latest, dtype=int).reshape(-1)
    Y = b.size
    cols, limits = [], []
    for a in range(Y):
        for z in range(a, Y):
            cols.append(inv * ((lo >= a) & (hi <= z) & (lo >= 0)))
            limits.append(float(b[a: z + 1].sum()))
    limits[Y - 1] = min(limits[Y - 1], float(total))  # the interval 0 … Y−1: everything
    if run is not None and caps is not None:
        extra = {"running": np.column_stack([run * (hi <= k) for k in range(Y)]),
                 "running_cap": caps[:Y].astype(float)}
    return np.column_stack(cols), np.array(limits), extra


__all__ = ["budget_rows"]
