"""Multi-year scheduling: each item may start in one of several years.

Why as options and not a new solver: "need ``i`` starts in year ``s``" is a
0-1 variable like any other, so the model stays a knapsack with side rules
and every solver, explanation and guard of the package applies unchanged.
Comparion's "time periods" work the same way. The expansion:

* item ``i`` with planned start column ``s`` gets options ``s … s + window``
  (within the budget years); ``fixed`` items (e.g. commitments under way)
  keep ``s``; an item with no start (``-1``) or a start after the last
  column has no option and cannot be chosen;
* an option pays the investment in its start column and the running cost
  in every column from its start on (what a driftbudget per year sees);
* at most one option per item; ``must`` becomes "one of its options";
* "``a`` requires one of ``b …``" holds per option: ``a`` starting in year
  ``s`` needs one of them started in ``s`` or earlier (the platform first);
* an option moved ``k`` years is worth ``value × (1 − penalty × k)``: a small
  preference for the planned year, so a need moves only to make room.

Numpy in, numpy out; the budget layer maps needs and years onto it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Options:
    """The start options: for option ``o``, ``item[o]`` starts in column ``year[o]``,
    ``shift[o]`` columns after its planned start."""

    item: np.ndarray
    year: np.ndarray
    shift: np.ndarray
    n_items: int
    n_years: int

    def of(self, i: int) -> np.ndarray:
        """The options of item ``i`` (empty when it cannot start in any column)."""
        return np.flatnonzero(self.item == i)

    def of_many(self, items: Iterable[int]) -> list[int]:
        wanted = set(int(i) for i in items)
        return [int(o) for o in np.flatnonzero(np.isin(self.item, list(wanted)))]

    def collapse(self, chosen_options: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Items chosen (mask) and each item's start column (−1 when not chosen)."""
        x = np.zeros(self.n_items, dtype=bool)
        years = np.full(self.n_items, -1, dtype=int)
        for o in np.asarray(chosen_options, dtype=int):
            x[self.item[o]] = True
            years[self.item[o]] = int(self.year[o])
        return x, years


def start_options(start: Sequence[int] | np.ndarray, n_years: int, window: int,
                  fixed: Sequence[bool] | np.ndarray | None = None,
                  known: Sequence[bool] | np.ndarray | None = None) -> Options:
    """Options ``start … start + window`` per item, clipped to ``0 … n_years − 1``.

    ``start`` is the planned start column; negative means before the first
    budget year (its window may still reach into the budget years). An item
    not ``known`` (default: ``start ≥ 0``) has no options. ``fixed[i]`` keeps
    one option: the planned column, or column 0 for a start before it (a
    commitment under way), with shift 0.
    """
    starts = np.asarray(start, dtype=int).reshape(-1)
    keep = np.zeros(len(starts), bool) if fixed is None else np.asarray(fixed, dtype=bool)
    ok = starts >= 0 if known is None else np.asarray(known, dtype=bool)
    if window < 0:
        raise ValueError("window must be ≥ 0")
    items, years, shifts = [], [], []
    for i, s in enumerate(starts.tolist()):
        if not ok[i] or s >= n_years:
            continue
        if keep[i]:
            items.append(i), years.append(max(s, 0)), shifts.append(0)
            continue
        for y in range(max(s, 0), min(s + window, n_years - 1) + 1):
            items.append(i), years.append(y), shifts.append(y - s)
    return Options(np.array(items, dtype=int), np.array(years, dtype=int),
                   np.array(shifts, dtype=int), len(starts), int(n_years))


def expand(options: Options, values, investment, running, *, penalty: float = 0.0,
           must: Iterable[int] = (), exclude: Iterable[int] = (),
           requires_any: Iterable[tuple[int, Iterable[int]]] = (),
           exclusive: Iterable[Iterable[int]] = (),
           at_least_one: Iterable[Iterable[int]] = (),
           unordered: Iterable[int] = ()) -> dict[str, object]:
    """Kernel arguments (for :func:`~kstad_analysis.portfolio.solve`) over the options.

    ``investment`` and ``running`` are per item (kr); the result has ``costs``
    (options × years), ``running`` (options × years, from the start column
    on), ``values`` and the rules rewritten per option. Budgets are the
    caller's (one per year column; a ``total_budget`` may be added).
    Requirements of items in ``unordered`` ignore the years (a commitment
    already under way cannot wait for its platform).
    """
    v = np.asarray(values, dtype=float).reshape(-1)
    inv = np.asarray(investment, dtype=float).reshape(-1)
    run = np.asarray(running, dtype=float).reshape(-1)
    m, years = len(options.item), options.n_years
    item, year = options.item, options.year
    vals = v[item] - np.abs(v[item]) * penalty * options.shift
    costs = np.zeros((m, years))
    costs[np.arange(m), year] = inv[item]
    running_o = np.where(np.arange(years)[None, :] >= year[:, None], run[item][:, None], 0.0)
    of = {i: [] for i in range(options.n_items)}
    for o, i in enumerate(item.tolist()):
        of[i].append(o)
    must_o: list[int] = []
    covers: list[tuple[int, ...]] = []
    for i in set(int(i) for i in must):
        if len(of[i]) == 1:
            must_o.append(of[i][0])
        else:
            covers.append(tuple(of[i]))  # empty: no way to start it, infeasible
    exclude_o = [o for i in set(int(i) for i in exclude) for o in of[i]]
    sets = [tuple(opts) for opts in of.values() if len(opts) > 1]
    for group in exclusive:
        union = tuple(o for i in group for o in of[int(i)])
        if len(union) > 1:
            sets.append(union)
    for group in at_least_one:
        covers.append(tuple(o for i in group for o in of[int(i)]))
    reqs: list[tuple[int, tuple[int, ...]]] = []
    free = set(int(i) for i in unordered)
    for a, targets in requires_any:
        pool = [o for b in targets for o in of[int(b)]]
        for o in of[int(a)]:
            reqs.append((o, tuple(p for p in pool if int(a) in free or year[p] <= year[o])))
    return {"values": vals, "costs": costs, "running": running_o, "must": sorted(must_o),
            "exclude": sorted(exclude_o), "exclusive": sets, "at_least_one": covers,
            "requires_any": reqs}


__all__ = ["Options", "start_options", "expand"]
