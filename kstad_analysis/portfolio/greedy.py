"""Rank and fill: the greedy portfolio a budget round builds by hand.

Why keep a heuristic next to the exact solvers: it is the comparison the
committee knows ("down the list until the money runs out"), and a feasible
fallback when a solver stops at its time limit without an incumbent.
"""

from __future__ import annotations

import math
import time

import numpy as np

from kstad_analysis.i18n import t
from kstad_analysis.portfolio.infeasible import explain_infeasible
from kstad_analysis.portfolio.milp import _cheapest
from kstad_analysis.portfolio.model import _FEAS_TOL, Model, PortfolioResult, make_result, prepare


class _Greedy:
    """Add items with everything they require while all rules still hold.

    Used as "rank and fill" (``naive_fill``) and as a feasible fallback when
    a solver stops at its time limit without an incumbent.
    """

    def __init__(self, model: Model):
        self.m = model
        self.x = np.zeros(model.n, dtype=bool)
        self.spend = np.zeros(len(model.budget))
        self.run = np.zeros(model.running.shape[1]) if model.running is not None else np.zeros(0)
        self.excl_count = np.zeros(len(model.exclusive), dtype=int)

    def _bundle(self, i: int) -> set[int] | None:
        bundle, stack = {i}, [i]
        while stack:
            a = stack.pop()
            for options in self.m._req_of.get(a, []):
                if any(self.x[o] or o in bundle for o in options):
                    continue
                allowed = [o for o in options if self.m.ub[o] == 1]
                if not allowed:
                    return None
                bundle.add(allowed[0])
                stack.append(allowed[0])
        return bundle

    def try_add(self, i: int) -> bool:
        if self.x[i] or self.m.ub[i] == 0:
            return bool(self.x[i])
        bundle = self._bundle(i)
        if bundle is None or any(self.m.ub[j] == 0 for j in bundle):
            return False
        items = sorted(bundle)
        counts = self.excl_count.copy()
        for j in items:
            for k in self.m._excl_of.get(j, []):
                counts[k] += 1
        if np.any(counts > 1):
            return False
        spend = self.spend + self.m.costs[items].sum(axis=0)
        if np.any(spend > self.m.budget * (1 + _FEAS_TOL) + _FEAS_TOL):
            return False
        run = self.run
        if self.m.running_cap is not None:
            run = run + self.m.running[items].sum(axis=0)  # type: ignore[index]
            if np.any(run > self.m.running_cap * (1 + _FEAS_TOL) + _FEAS_TOL):
                return False
        self.x[items] = True
        self.spend, self.run, self.excl_count = spend, run, counts
        return True

    def start_from(self, x: np.ndarray | None) -> bool:
        """Start from a given feasible set (the cheapest way to honour the rules)."""
        if x is None:
            return False
        self.x = x.copy()
        self.spend = self.m.costs[x].sum(axis=0)
        self.run = (self.m.running[x].sum(axis=0) if self.m.running is not None
                    else np.zeros(0))
        self.excl_count = np.array([int(x[list(g)].sum()) for g in self.m.exclusive], dtype=int)
        return True

    def start(self) -> bool:
        """Take the forced items (must, and one option of each cover set)."""
        for i in self.m.must:
            if not self.try_add(i):
                return False
        # Cover sets (a lagkrav served by its own build or a shared one): greedy
        # set cover, cheapest per still-uncovered set first, so one shared build
        # that covers several lagkrav wins over several separate builds.
        pending = [g for g in self.m.at_least_one if not self.x[list(g)].any()]
        failed: set[int] = set()
        while pending:
            options = sorted({i for g in pending for i in g} - failed)
            if not options:
                return False
            total = self.m.item_cost()
            best = min(options, key=lambda o: (
                total[o] / sum(o in g for g in pending), o))
            if not self.try_add(best):
                failed.add(best)
            pending = [g for g in pending if not self.x[list(g)].any()]
        return True



def _order(values: np.ndarray, costs: np.ndarray, by: str) -> np.ndarray:
    """Indices by value, or by value per krona (``costs``: total per item)."""
    if by == "value":
        key = values
    elif by == "ratio":
        total = costs
        with np.errstate(divide="ignore", invalid="ignore"):
            key = np.where(total > 0, values / np.where(total > 0, total, 1), np.inf)
    else:
        raise ValueError(t("budget.err.by", by=by))
    return np.lexsort((np.arange(len(values)), -key))


def naive_fill(values, costs, budget, must=(), exclude=(), requires=(), exclusive=(),
               running=None, running_cap=None, *, by: str = "value",
               candidates_mask=None, **extra) -> PortfolioResult:
    """"Rank and fill until the money runs out", as budget rounds do today.

    Forced items first, then down the list by value (``by="value"``) or
    value per krona (``by="ratio"``); an item is taken with what it requires
    when all of it fits and no rule breaks, otherwise skipped (the list goes
    on, so small items below the line can still fit). Items with value ≤ 0
    are not taken unless forced. ``candidates_mask`` marks items a ranking
    list would not contain (e.g. bastjänst candidates); they are never added
    except to honour a rule. Status ``heuristic``: no optimality claim.
    """
    started = time.perf_counter()
    model = prepare(values, costs, budget, must, exclude, requires, exclusive, running,
                     running_cap, **extra)
    reason = explain_infeasible(model)
    if reason:
        return make_result(model, None, "infeasible", math.nan, "naive", started, explanation=reason)
    greedy = _Greedy(model)
    if not greedy.start() and not greedy.start_from(_cheapest(model)):
        return make_result(model, None, "infeasible", math.nan, "naive", started,
                       explanation=t("budget.inf.generic"))
    skip = np.zeros(model.n, bool) if candidates_mask is None else np.asarray(candidates_mask)
    for i in _order(model.values, model.item_cost(), by):
        if model.values[i] > 0 and not skip[i]:
            greedy.try_add(int(i))
    return make_result(model, greedy.x, "heuristic", math.nan, "naive", started)
