"""Choose the best portfolio of needs under a budget: the numeric kernel.

Why a MILP and not "rank and fill": ranking by value (or value per krona)
and filling the budget is only optimal when initiatives are independent.
Lagkrav, dependencies ("A kräver B") and the choice between a shared
bastjänst and separate builds make them dependent, so the selection is a
0-1 knapsack with side rules, solved exactly with HiGHS (scipy.optimize.milp)
or CBC (PuLP) and reported honestly: optimal, or the best found with its gap.

Everything here is numpy in, result out, no I/O and no need ids: the budget
layer (``kstad_analysis.budget``) maps the needs frame onto indices. Rules:

* ``must`` / ``exclude``: indices forced in / out;
* ``requires``: pairs ``(a, b)``: choosing ``a`` requires ``b``;
* ``exclusive``: sets of which at most one may be chosen;
* ``costs`` 1-D with a scalar budget, or 2-D (needs × years) with a budget
  per year; ``running`` / ``running_cap``: a ceiling on added running cost;
* extensions used by the budget layer: ``requires_any`` pairs ``(a, (b, c))``
  (``a`` needs at least one of ``b``, ``c``) and ``at_least_one`` sets.

Infeasible rules give a Swedish explanation naming the conflict (found by
a closure of the forced set before any solver runs), never a stack trace.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from kstad_analysis.formatting import kr as _money  # kronor in the explanations
from kstad_analysis.i18n import t

SOLVERS = ("highs", "cbc")
STATUSES = ("optimal", "time_limit", "infeasible")
#: Relative optimality gap at which a solver may stop and call it optimal.
#: Tiny, so "optimal" means optimal up to rounding, not "within 0,01 %".
MIP_REL_GAP = 1e-9
_FEAS_TOL = 1e-6  # relative tolerance when checking budgets after a solve
_DP_MAX_CELLS = 400_000_000


@dataclass(frozen=True)
class PortfolioResult:
    """The chosen portfolio and how sure we are of it.

    ``status`` is ``optimal`` (proven), ``time_limit`` (best found, with
    ``gap`` the relative distance to the solver's bound), ``infeasible``
    (``explanation`` says which rules conflict), for ``naive_fill`` only
    ``heuristic``, and for ``knapsack_dp`` on costs that are not whole
    multiples of its resolution ``rounded`` (feasible; ``gap`` to the LP
    bound). ``cost`` is the total investment; ``cost_per_year`` the
    sums per cost column when costs are 2-D.
    """

    chosen: np.ndarray
    value: float
    cost: float
    status: str
    gap: float
    solver: str
    seconds: float
    cost_per_year: np.ndarray | None = None
    running: float = 0.0
    bound: float = math.nan
    explanation: str = ""

    @property
    def feasible(self) -> bool:
        return self.status != "infeasible"

    @property
    def optimal(self) -> bool:
        return self.status == "optimal"

    def mask(self, n: int) -> np.ndarray:
        """The choice as a boolean vector of length ``n``."""
        out = np.zeros(n, dtype=bool)
        out[self.chosen] = True
        return out


# --------------------------------------------------------------------------- model


@dataclass
class _Model:
    """Validated arrays and rules; ``costs`` always 2-D, ``budget`` 1-D."""

    values: np.ndarray
    costs: np.ndarray
    budget: np.ndarray
    two_d: bool
    lb: np.ndarray
    ub: np.ndarray
    must: tuple[int, ...]
    exclude: tuple[int, ...]
    requires: list[tuple[int, tuple[int, ...]]]
    exclusive: list[tuple[int, ...]]
    at_least_one: list[tuple[int, ...]]
    running: np.ndarray | None = None
    running_cap: float | None = None
    labels: Sequence[str] | None = None
    period_labels: Sequence[str] | None = None
    n_real: int = 1  # cost columns that are years; a last extra one is the total
    _req_of: dict[int, list[tuple[int, ...]]] = field(default_factory=dict)
    _excl_of: dict[int, list[int]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.values)

    def name(self, i: int) -> str:
        if self.labels is not None:
            return str(self.labels[i])
        return t("budget.item", index=i)

    def period(self, k: int) -> str:
        if k >= self.n_real:
            return t("budget.total_period")
        if self.period_labels is not None:
            return str(self.period_labels[k])
        return t("budget.year", year=k + 1) if self.two_d else ""

    def item_cost(self) -> np.ndarray:
        """Each item's total cost over the years (not counting the total column)."""
        return self.costs[:, : self.n_real].sum(axis=1)


def _positions(bad: np.ndarray, limit: int = 5) -> str:
    idx = np.flatnonzero(bad)
    shown = ", ".join(str(int(i)) for i in idx[:limit])
    return shown + (" …" if len(idx) > limit else "")


def _index(value: object, n: int, rule: str) -> int:
    try:
        i = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ValueError(t("budget.err.index", rule=rule, index=value, last=n - 1)) from None
    if i != value or not 0 <= i < n:
        raise ValueError(t("budget.err.index", rule=rule, index=value, last=n - 1))
    return i


def _indices(items: Iterable[object], n: int, rule: str) -> tuple[int, ...]:
    return tuple(sorted({_index(i, n, rule) for i in items}))


def _amount(value: float, key: str, name: str) -> float:
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise ValueError(t(key, **{name: value}))
    return number


def _prepare(values, costs, budget, must=(), exclude=(), requires=(), exclusive=(),
             running=None, running_cap=None, *, labels=None, period_labels=None,
             requires_any=(), at_least_one=(), total_budget=None) -> _Model:
    """Validate the inputs (Swedish ValueError) and normalise shapes."""
    v = np.asarray(values, dtype=float).reshape(-1)
    c = np.asarray(costs, dtype=float)
    two_d = c.ndim == 2
    c = c if two_d else c.reshape(-1, 1)
    n = len(v)
    if c.shape[0] != n:
        raise ValueError(t("budget.err.shape", n=n, m=c.shape[0]))
    if not np.all(np.isfinite(v)):
        raise ValueError(t("budget.err.values", positions=_positions(~np.isfinite(v))))
    bad = ~np.isfinite(c) | (c < 0)
    if bad.any():
        raise ValueError(t("budget.err.costs", positions=_positions(bad.any(axis=1))))
    b = np.atleast_1d(np.asarray(budget, dtype=float)).reshape(-1)
    if not two_d and b.size != 1 or two_d and b.size != c.shape[1]:
        raise ValueError(t("budget.err.budget_shape", got=b.size, want=c.shape[1]))
    for amount in b:
        _amount(amount, "budget.err.negative_budget", "budget")
    n_real = c.shape[1]
    if total_budget is not None:  # a ceiling on the sum over all years
        total = _amount(total_budget, "budget.err.negative_budget", "budget")
        c = np.column_stack([c, c.sum(axis=1)])
        b = np.append(b, total)
    run = None
    if running is not None:
        run = np.asarray(running, dtype=float).reshape(-1)
        if run.shape != (n,):
            raise ValueError(t("budget.err.shape", n=n, m=run.size))
        bad_run = ~np.isfinite(run) | (run < 0)
        if bad_run.any():
            raise ValueError(t("budget.err.running", positions=_positions(bad_run)))
    cap = None
    if running_cap is not None:
        cap = _amount(running_cap, "budget.err.running_cap", "cap")
        if run is None:
            raise ValueError(t("budget.err.running_missing"))
    must_i = _indices(must, n, "must")
    excl_i = _indices(exclude, n, "exclude")
    reqs: list[tuple[int, tuple[int, ...]]] = []
    for pair in requires:
        a, b_ = pair
        reqs.append((_index(a, n, "requires"), (_index(b_, n, "requires"),)))
    for a, options in requires_any:
        reqs.append((_index(a, n, "requires_any"), _indices(options, n, "requires_any")))
    sets = [s for s in (_indices(group, n, "exclusive") for group in exclusive) if len(s) > 1]
    covers = [_indices(group, n, "at_least_one") for group in at_least_one]
    lb, ub = np.zeros(n), np.ones(n)
    lb[list(must_i)] = 1
    ub[list(excl_i)] = 0
    model = _Model(v, c, b, two_d, lb, ub, must_i, excl_i, reqs, sets, covers, run, cap,
                   labels, period_labels, n_real)
    for a, options in reqs:
        model._req_of.setdefault(a, []).append(options)
    for k, group in enumerate(sets):
        for i in group:
            model._excl_of.setdefault(i, []).append(k)
    return model


# --------------------------------------------------------------------------- infeasibility


def _forced_closure(model: _Model) -> tuple[set[int], dict[int, int]]:
    """Everything that must be chosen: ``must`` plus what it requires.

    Returns the set and, for explanations, which forced item pulled each in.
    Only single-option requirements force anything.
    """
    forced = set(model.must)
    origin = {i: i for i in forced}
    stack = list(forced)
    while stack:
        a = stack.pop()
        for options in model._req_of.get(a, []):
            if len(options) == 1 and options[0] not in forced:
                forced.add(options[0])
                origin[options[0]] = origin[a]
                stack.append(options[0])
    return forced, origin


def explain_infeasible(model: _Model) -> str | None:
    """Name the conflicting rules if the forced set alone breaks a rule.

    With non-negative costs this check is exact for must/exclude/requires/
    exclusive/budget/running cap: if the closure of the forced set is
    consistent, choosing exactly that closure is a feasible portfolio.
    """
    forced, origin = _forced_closure(model)
    for i in sorted(forced):
        if model.ub[i] == 0:
            if origin[i] == i:
                return t("budget.inf.must_excluded", item=model.name(i))
            return t("budget.inf.requires_excluded", item=model.name(origin[i]), dep=model.name(i))
    for group in model.exclusive:
        inside = [i for i in group if i in forced]
        if len(inside) > 1:
            return t("budget.inf.exclusive", a=model.name(inside[0]), b=model.name(inside[1]))
    members = sorted(forced)
    names = ", ".join(model.name(i) for i in members[:8]) + (" …" if len(members) > 8 else "")
    spend = model.costs[members].sum(axis=0) if members else np.zeros(len(model.budget))
    for k, (used, limit) in enumerate(zip(spend, model.budget, strict=True)):
        if used > limit * (1 + _FEAS_TOL) + _FEAS_TOL:
            label = model.period(k)
            period = t("budget.inf.period", period=label) if label else ""
            return t("budget.inf.over_budget", items=names, cost=_money(used),
                     budget=_money(limit), period=period)
    if model.running_cap is not None and members:
        used = float(model.running[members].sum())  # type: ignore[index]
        if used > model.running_cap * (1 + _FEAS_TOL) + _FEAS_TOL:
            return t("budget.inf.over_running", items=names, cost=_money(used),
                     cap=_money(model.running_cap))
    return None


# --------------------------------------------------------------------------- checks


def violations(model: _Model, x: np.ndarray) -> list[str]:
    """Rules a 0/1 choice breaks (empty when feasible); a guard after solves."""
    out = []
    x = x.astype(bool)
    if np.any(x & (model.ub == 0)):
        out.append("exclude")
    if np.any(~x & (model.lb == 1)):
        out.append("must")
    spend = model.costs[x].sum(axis=0)
    if np.any(spend > model.budget * (1 + _FEAS_TOL) + _FEAS_TOL):
        out.append("budget")
    if model.running_cap is not None:
        if model.running[x].sum() > model.running_cap * (1 + _FEAS_TOL) + _FEAS_TOL:  # type: ignore[index]
            out.append("running")
    for a, options in model.requires:
        if x[a] and not x[list(options)].any():
            out.append(f"requires {a}")
    for group in model.exclusive:
        if x[list(group)].sum() > 1:
            out.append(f"exclusive {group}")
    for group in model.at_least_one:
        if not x[list(group)].any():
            out.append(f"at_least_one {group}")
    return out


def _result(model: _Model, x: np.ndarray | None, status: str, gap: float, solver: str,
            started: float, bound: float = math.nan, explanation: str = "") -> PortfolioResult:
    if x is None:
        x = np.zeros(model.n, dtype=bool)
    x = x.astype(bool)
    per_year = model.costs[x][:, : model.n_real].sum(axis=0)
    running = float(model.running[x].sum()) if model.running is not None else 0.0
    return PortfolioResult(
        chosen=np.flatnonzero(x), value=float(model.values[x].sum()),
        cost=float(per_year.sum()) if model.two_d else float(per_year[0]),
        status=status, gap=gap, solver=solver, seconds=time.perf_counter() - started,
        cost_per_year=per_year if model.two_d else None, running=running, bound=bound,
        explanation=explanation,
    )


# --------------------------------------------------------------------------- greedy


class _Greedy:
    """Add items with everything they require while all rules still hold.

    Used as "rank and fill" (``naive_fill``) and as a feasible fallback when
    a solver stops at its time limit without an incumbent.
    """

    def __init__(self, model: _Model):
        self.m = model
        self.x = np.zeros(model.n, dtype=bool)
        self.spend = np.zeros(len(model.budget))
        self.run = 0.0
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
            run += float(self.m.running[items].sum())  # type: ignore[index]
            if run > self.m.running_cap * (1 + _FEAS_TOL) + _FEAS_TOL:
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
        self.run = float(self.m.running[x].sum()) if self.m.running is not None else 0.0
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


def _cheapest(model: _Model, with_budget: bool = True, time_limit: float | None = 10.0,
              weights: np.ndarray | None = None) -> np.ndarray | None:
    """The least total cost that honours every rule (None if none found).

    Why: when lagkrav can be met either by their own builds or by shared
    ones, the cheapest way is a small set-cover problem; a greedy pick can
    miss it and wrongly call a feasible budget round infeasible.
    """
    A, lo, hi = _constraints(model)
    if not with_budget:
        hi[: len(model.budget)] = np.inf
    options: dict[str, object] = {"mip_rel_gap": MIP_REL_GAP}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    with _quiet_stdout():
        res = milp(model.item_cost() if weights is None else weights,
                   integrality=np.ones(model.n),
                   bounds=Bounds(model.lb, model.ub),
                   constraints=[LinearConstraint(A, lo, hi)] if A.shape[0] else None,
                   options=options)
    return None if res.x is None else np.round(res.x).astype(bool)


def _explain_by_minimum(model: _Model) -> str | None:
    """When the rules need more than some year's budget however they are met.

    Exact per column: the least spend the rules force in that year (or on
    running cost) is compared with its ceiling. Catches conflicts the closure
    check cannot see, e.g. lagkrav that may be met by a shared build.
    """
    columns = [(k, model.costs[:, k], model.budget[k]) for k in range(len(model.budget))]
    if model.running_cap is not None:
        columns.append((-1, model.running, model.running_cap))  # type: ignore[arg-type]
    for k, weights, limit in columns:
        x = _cheapest(model, with_budget=False, weights=weights)
        if x is None:
            return None
        used = float(weights[x].sum())
        if used > limit * (1 + _FEAS_TOL) + _FEAS_TOL:
            items = [i for i in np.flatnonzero(x) if weights[i] > 0]
            names = ", ".join(model.name(i) for i in items[:8]) + (" …" if len(items) > 8 else "")
            if k < 0:
                return t("budget.inf.min_running", items=names, cost=_money(used),
                         cap=_money(limit))
            label = model.period(k)
            period = t("budget.inf.period", period=label) if label else ""
            return t("budget.inf.min_over_budget", items=names, cost=_money(used),
                     budget=_money(limit), period=period)
    return None


def minimum_cost(costs, **rules) -> float:
    """What the rules alone cost at least (must, lagkrav covers, requirements);
    NaN when the rules cannot hold. The natural low end of a frontier."""
    costs_arr = np.asarray(costs, dtype=float)
    budget = costs_arr.sum(axis=0) if costs_arr.ndim == 2 else costs_arr.sum()
    model = _prepare(np.zeros(len(costs_arr)), costs_arr, budget, **rules)
    if explain_infeasible(model) or model.n == 0:
        return math.nan if model.n else 0.0
    x = _cheapest(model, with_budget=False)
    return math.nan if x is None else float(model.item_cost()[x].sum())


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
    model = _prepare(values, costs, budget, must, exclude, requires, exclusive, running,
                     running_cap, **extra)
    reason = explain_infeasible(model)
    if reason:
        return _result(model, None, "infeasible", math.nan, "naive", started, explanation=reason)
    greedy = _Greedy(model)
    if not greedy.start() and not greedy.start_from(_cheapest(model)):
        return _result(model, None, "infeasible", math.nan, "naive", started,
                       explanation=t("budget.inf.generic"))
    skip = np.zeros(model.n, bool) if candidates_mask is None else np.asarray(candidates_mask)
    for i in _order(model.values, model.item_cost(), by):
        if model.values[i] > 0 and not skip[i]:
            greedy.try_add(int(i))
    return _result(model, greedy.x, "heuristic", math.nan, "naive", started)


# --------------------------------------------------------------------------- MILP


def _constraints(model: _Model) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Rows: budget per year first (so the frontier can change only their
    upper bounds), then running cap, requirements, exclusive and cover sets."""
    n = model.n
    blocks = [sparse.csr_matrix(model.costs.T)]
    lo = [np.full(len(model.budget), -np.inf)]
    hi = [model.budget.copy()]
    if model.running_cap is not None:
        blocks.append(sparse.csr_matrix(model.running.reshape(1, -1)))  # type: ignore[union-attr]
        lo.append(np.array([-np.inf]))
        hi.append(np.array([model.running_cap]))
    rows, cols, data = [], [], []
    r = 0
    for a, options in model.requires:  # x_a - sum(options) <= 0
        rows.append(r), cols.append(a), data.append(1.0)
        for o in options:
            rows.append(r), cols.append(o), data.append(-1.0)
        r += 1
    n_req = r
    for group in model.exclusive + model.at_least_one:
        for i in group:
            rows.append(r), cols.append(i), data.append(1.0)
        r += 1
    if r:
        blocks.append(sparse.csr_matrix((data, (rows, cols)), shape=(r, n)))
        n_excl = len(model.exclusive)
        lo.append(np.r_[np.full(n_req, -np.inf), np.full(n_excl, -np.inf),
                        np.ones(len(model.at_least_one))])
        hi.append(np.r_[np.zeros(n_req), np.ones(n_excl),
                        np.full(len(model.at_least_one), np.inf)])
    return sparse.vstack(blocks).tocsr(), np.concatenate(lo), np.concatenate(hi)


def _lp_bound(model: _Model, A, lo, hi) -> float:
    """The LP relaxation's value: an upper bound on any portfolio's value."""
    res = linprog(-model.values, A_ub=sparse.vstack([A, -A]).tocsr(),
                  b_ub=np.r_[np.where(np.isfinite(hi), hi, 1e18),
                             np.where(np.isfinite(lo), -lo, 1e18)],
                  bounds=np.c_[model.lb, model.ub], method="highs")
    return float(-res.fun) if res.status == 0 else math.nan


def _gap(value: float, bound: float) -> float:
    if not math.isfinite(bound):
        return math.inf
    return max(0.0, bound - value) / max(abs(value), 1e-9)


@contextlib.contextmanager
def _quiet_stdout():
    """Silence C-level stdout (file descriptor 1) while HiGHS runs.

    Why: scipy's HiGHS build prints stray debug lines (e.g.
    "HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();")
    straight to file descriptor 1 even with ``disp=False``. That would corrupt
    ``kstad optimize --format json`` and, in a Voila kernel (where ipykernel
    forwards fd 1 to the page), show up in the Budget app. So fd 1 itself is
    redirected, never ``sys.stdout.fileno()`` (a copy in ipykernel), and C's
    stdio buffers are flushed before it is restored so nothing leaks later.
    """
    fd = 1
    try:
        sys.stdout.flush()
        saved = os.dup(fd)
    except (OSError, ValueError):
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), fd)
            try:
                yield
            finally:
                _flush_c_stdio()
                os.dup2(saved, fd)
    finally:
        os.close(saved)


def _flush_c_stdio() -> None:
    """fflush(NULL): push out what C code buffered while fd 1 was /dev/null."""
    try:
        ctypes.CDLL(None).fflush(None)
    except (OSError, AttributeError):
        pass


def _solve_highs(model: _Model, A, lo, hi, time_limit: float | None):
    options: dict[str, object] = {"mip_rel_gap": MIP_REL_GAP}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    with _quiet_stdout():
        res = milp(-model.values, integrality=np.ones(model.n),
                   bounds=Bounds(model.lb, model.ub),
                   constraints=[LinearConstraint(A, lo, hi)] if A.shape[0] else None,
                   options=options)
    if res.status == 2:
        return None, "infeasible", math.nan, math.nan
    x = None if res.x is None else np.round(res.x).astype(bool)
    bound = -float(res.mip_dual_bound) if res.mip_dual_bound is not None else math.nan
    if res.status == 0 and x is not None:
        return x, "optimal", 0.0, float(model.values[x].sum())
    return x, "time_limit", math.nan, bound


def _pulp_problem(model: _Model, A, lo, hi):
    import pulp

    prob = pulp.LpProblem("portfolio", pulp.LpMaximize)
    # Integer with bounds, not LpBinary: PuLP resets a binary's bounds to 0..1,
    # which would silently drop must (lb=1) and exclude (ub=0).
    xs = [pulp.LpVariable(f"x{i}", lowBound=int(model.lb[i]), upBound=int(model.ub[i]),
                          cat=pulp.LpInteger) for i in range(model.n)]
    prob += pulp.LpAffineExpression(zip(xs, model.values.tolist(), strict=True))
    A = A.tocsr()
    for r in range(A.shape[0]):
        start, end = A.indptr[r], A.indptr[r + 1]
        expr = pulp.LpAffineExpression(
            [(xs[j], float(v)) for j, v in zip(A.indices[start:end], A.data[start:end],
                                                strict=True)])
        if math.isfinite(hi[r]):
            prob.addConstraint(expr <= float(hi[r]), name=f"r{r}_hi")
        if math.isfinite(lo[r]):
            prob.addConstraint(expr >= float(lo[r]), name=f"r{r}_lo")
    return prob, xs


def _solve_pulp(model: _Model, prob, xs, time_limit: float | None, warm: np.ndarray | None,
                A, lo, hi):
    import pulp

    if warm is not None:
        for var, val in zip(xs, warm, strict=True):
            var.setInitialValue(int(val))
    cmd = pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit, gapRel=MIP_REL_GAP,
                            warmStart=warm is not None)
    prob.solve(cmd)
    # PuLP can say "Optimal" after a time limit: trust the solution status.
    if prob.sol_status in (pulp.LpSolutionInfeasible, pulp.LpSolutionUnbounded):
        return None, "infeasible", math.nan, math.nan
    if prob.sol_status == pulp.LpSolutionNoSolutionFound:
        return None, "time_limit", math.nan, _lp_bound(model, A, lo, hi)
    x = np.array([(v.varValue or 0) > 0.5 for v in xs])
    if prob.sol_status == pulp.LpSolutionOptimal:
        return x, "optimal", 0.0, float(model.values[x].sum())
    return x, "time_limit", math.nan, _lp_bound(model, A, lo, hi)


def _finish(model: _Model, x, status: str, bound: float, solver: str,
            started: float) -> PortfolioResult:
    """Turn a solver answer into a result: fallback incumbent, gap, guard."""
    if status == "infeasible":
        reason = explain_infeasible(model) or _explain_by_minimum(model)
        return _result(model, None, "infeasible", math.nan, solver, started,
                       explanation=reason or t("budget.inf.generic"))
    if x is None:  # time limit without incumbent: the greedy fill is feasible
        greedy = _Greedy(model)
        if greedy.start() or greedy.start_from(_cheapest(model, time_limit=None)):
            for i in _order(model.values, model.item_cost(), "ratio"):
                if model.values[i] > 0:
                    greedy.try_add(int(i))
            x = greedy.x
        else:
            return _result(model, None, "infeasible", math.nan, solver, started,
                           explanation=t("budget.inf.none_found"))
    broken = violations(model, x)
    if broken:  # a solver's tolerance let a rule slip: never hand that out
        raise RuntimeError(f"solver {solver} returned a portfolio breaking {broken}")
    value = float(model.values[x].sum())
    gap = 0.0 if status == "optimal" else _gap(value, bound)
    return _result(model, x, status, gap, solver, started, bound=bound)


def _check_solver(solver: str, time_limit: float | None) -> None:
    if solver not in SOLVERS:
        raise ValueError(t("budget.err.solver", solver=solver))
    if time_limit is not None and not (math.isfinite(time_limit) and time_limit > 0):
        raise ValueError(t("budget.err.time_limit", value=time_limit))


def solve(values, costs, budget, must=(), exclude=(), requires=(), exclusive=(),
          running=None, running_cap=None, time_limit: float | None = None,
          solver: str = "highs", *, labels: Sequence[str] | None = None,
          period_labels: Sequence[str] | None = None,
          requires_any: Iterable[tuple[int, Iterable[int]]] = (),
          at_least_one: Iterable[Iterable[int]] = (),
          total_budget: float | None = None) -> PortfolioResult:
    """The value-maximising choice that keeps the budget and every rule.

    ``labels`` (one per item) and ``period_labels`` (one per budget column)
    only name things in infeasibility explanations. ``total_budget`` caps the
    sum over all years when costs are 2-D (a multi-year round has both).
    """
    started = time.perf_counter()
    _check_solver(solver, time_limit)
    model = _prepare(values, costs, budget, must, exclude, requires, exclusive, running,
                     running_cap, labels=labels, period_labels=period_labels,
                     requires_any=requires_any, at_least_one=at_least_one,
                     total_budget=total_budget)
    reason = explain_infeasible(model)
    if reason:
        return _result(model, None, "infeasible", math.nan, solver, started, explanation=reason)
    if model.n == 0:
        return _result(model, None, "optimal", 0.0, solver, started, bound=0.0)
    A, lo, hi = _constraints(model)
    if solver == "highs":
        x, status, _, bound = _solve_highs(model, A, lo, hi, time_limit)
    else:
        prob, xs = _pulp_problem(model, A, lo, hi)
        x, status, _, bound = _solve_pulp(model, prob, xs, time_limit, None, A, lo, hi)
    return _finish(model, x, status, bound, solver, started)


# --------------------------------------------------------------------------- frontier


def frontier(values, costs, budgets, *, time_limit: float | None = None,
             solver: str = "highs", ids: Sequence[object] | None = None,
             total_budgets: Sequence[float] | None = None, **rules) -> pd.DataFrame:
    """Best value at each budget level: what each extra million buys.

    ``budgets`` is a sequence of levels (scalars for 1-D costs, rows of
    per-year amounts for 2-D costs; ``total_budgets``, one per level, adds a
    ceiling on the sum over the years). The model is built once and only the
    budget bounds change between levels; CBC gets the previous level's
    portfolio as a warm start (it stays feasible as budgets grow), and once
    a level affords the best portfolio with no budget limit, higher levels
    reuse it without solving. Columns: budget (total), value, cost, status,
    gap, marginal_per_mkr (extra value per extra million vs the previous
    level), entered / left (ids, or indices, vs the previous level), n_chosen.
    """
    _check_solver(solver, time_limit)
    levels = np.asarray(budgets, dtype=float)
    costs_arr = np.asarray(costs, dtype=float)
    two_d = costs_arr.ndim == 2
    if levels.ndim != (2 if two_d else 1) or not np.all(np.isfinite(levels)) or np.any(levels < 0):
        raise ValueError(t("budget.err.levels"))
    totals = levels.sum(axis=1) if two_d else levels.copy()
    if total_budgets is not None:
        totals = np.asarray(total_budgets, dtype=float).reshape(-1)
        if len(totals) != len(levels) or not np.all(np.isfinite(totals)) or np.any(totals < 0):
            raise ValueError(t("budget.err.levels"))
    order = np.argsort(totals, kind="stable")
    first = levels[order[0]] if len(levels) else (np.zeros(costs_arr.shape[1]) if two_d else 0.0)
    if total_budgets is not None:
        rules["total_budget"] = totals[order[0]] if len(levels) else 0.0
    model = _prepare(values, costs_arr, first, **rules)
    names = list(ids) if ids is not None else list(range(model.n))
    A, lo, hi = _constraints(model)
    n_budget = len(model.budget)
    unlimited = _unlimited(model, A, lo, hi, n_budget, time_limit, solver)
    prob = xs = None
    if solver == "cbc":
        prob, xs = _pulp_problem(model, A, lo, hi)
    records: list[dict[str, object]] = []
    previous: PortfolioResult | None = None
    previous_level = math.nan
    for k in order:
        started = time.perf_counter()
        level = np.atleast_1d(levels[k]).astype(float)
        if total_budgets is not None:
            level = np.append(level, totals[k])
        model.budget = level
        reason = explain_infeasible(model)
        if reason:
            res = _result(model, None, "infeasible", math.nan, solver, started, explanation=reason)
        elif unlimited is not None and np.all(unlimited.cost_per_year_all <= level * (1 + 1e-12)):
            res = _result(model, unlimited.x, "optimal", 0.0, solver, started)
        else:
            hi_k = hi.copy()
            hi_k[:n_budget] = level
            if solver == "highs":
                x, status, _, bound = _solve_highs(model, A, lo, hi_k, time_limit)
            else:
                for r in range(n_budget):
                    prob.constraints[f"r{r}_hi"].constant = -float(level[r])  # type: ignore[union-attr]
                warm = previous.mask(model.n) if previous is not None and previous.feasible else None
                x, status, _, bound = _solve_pulp(model, prob, xs, time_limit, warm, A, lo, hi_k)
            res = _finish(model, x, status, bound, solver, started)
        records.append(_frontier_row(res, float(totals[k]), previous, previous_level, names))
        previous, previous_level = res, float(totals[k])
    return pd.DataFrame.from_records(records, columns=[
        "budget", "value", "cost", "status", "gap", "marginal_per_mkr", "entered", "left",
        "n_chosen", "seconds",
    ])


@dataclass
class _Unlimited:
    x: np.ndarray
    cost_per_year_all: np.ndarray


def _unlimited(model: _Model, A, lo, hi, n_budget: int, time_limit, solver) -> _Unlimited | None:
    """The best portfolio with no budget limit (other rules kept), if proven."""
    saved = model.budget
    model.budget = np.full(n_budget, np.inf)
    try:
        if explain_infeasible(model):
            return None
        hi_free = hi.copy()
        hi_free[:n_budget] = np.inf
        x, status, _, _ = _solve_highs(model, A, lo, hi_free, time_limit)
    finally:
        model.budget = saved
    if status != "optimal" or x is None:
        return None
    return _Unlimited(x, model.costs[x].sum(axis=0))


def _frontier_row(res: PortfolioResult, level: float, previous: PortfolioResult | None,
                  previous_level: float, names: list[object]) -> dict[str, object]:
    now = set(res.chosen.tolist())
    before = set(previous.chosen.tolist()) if previous is not None else set()
    marginal = math.nan
    if previous is not None and res.feasible and previous.feasible and level > previous_level:
        marginal = (res.value - previous.value) / ((level - previous_level) / 1e6)
    return {
        "budget": level, "value": res.value if res.feasible else math.nan,
        "cost": res.cost, "status": res.status, "gap": res.gap, "marginal_per_mkr": marginal,
        "entered": tuple(names[i] for i in sorted(now - before)),
        "left": tuple(names[i] for i in sorted(before - now)),
        "n_chosen": len(now), "seconds": res.seconds,
    }


# --------------------------------------------------------------------------- DP


def knapsack_dp(values, costs, budget, resolution: float = 10_000.0, must=(),
                exclude=()) -> PortfolioResult:
    """Exact 0-1 knapsack by dynamic programming over costs in ``resolution`` units.

    The exact fallback for the budget-only core when a MILP solver stalls
    ("strongly correlated" instances, value ≈ cost + constant). Costs are
    rounded *up* and the budget *down* to whole units, so the answer always
    keeps the real budget; it is the exact optimum whenever costs are
    multiples of ``resolution`` (plans quote in tkr), and otherwise optimal
    for the rounded costs. Time and memory grow with n × budget/resolution.
    """
    started = time.perf_counter()
    res_unit = float(resolution)
    if not (math.isfinite(res_unit) and res_unit > 0):
        raise ValueError(t("budget.err.resolution", value=resolution))
    model = _prepare(values, np.asarray(costs, dtype=float).reshape(-1), budget, must, exclude)
    reason = explain_infeasible(model)
    if reason:
        return _result(model, None, "infeasible", math.nan, "dp", started, explanation=reason)
    costs_1d = model.costs[:, 0]
    units = np.ceil(costs_1d / res_unit - 1e-9).astype(np.int64)
    forced = np.zeros(model.n, bool)
    forced[list(model.must)] = True
    capacity = int(math.floor(model.budget[0] / res_unit + 1e-9)) - int(units[forced].sum())
    if capacity < 0:
        return _result(model, None, "infeasible", math.nan, "dp", started,
                       explanation=t("budget.inf.generic"))
    free = np.flatnonzero(~forced & (model.ub == 1) & (model.values > 0) & (units <= capacity))
    if len(free) * (capacity + 1) > _DP_MAX_CELLS:
        raise ValueError(t("budget.err.dp_size", cells=len(free) * (capacity + 1)))
    best = np.zeros(capacity + 1)
    take = np.zeros((len(free), capacity + 1), dtype=bool)
    for row, i in enumerate(free):
        w, v = int(units[i]), model.values[i]
        candidate = best[: capacity + 1 - w] + v
        better = candidate > best[w:]
        take[row, w:] = better
        best[w:] = np.where(better, candidate, best[w:])
    x = forced.copy()
    cap = capacity
    for row in range(len(free) - 1, -1, -1):
        if take[row, cap]:
            x[free[row]] = True
            cap -= int(units[free[row]])
    value = float(model.values[x].sum())
    exact = np.allclose(units[free] * res_unit, costs_1d[free], rtol=0, atol=1e-6)
    if exact:
        return _result(model, x, "optimal", 0.0, "dp", started, bound=value)
    # Rounded costs: still within the real budget, but only optimal for the
    # rounded problem. Say so, with the gap to the LP-relaxation bound.
    bound = float(model.values[forced].sum()) + _fractional_bound(
        model.values[free], costs_1d[free], model.budget[0] - float(costs_1d[forced].sum()))
    gap = max(0.0, (bound - value) / bound) if bound > 0 else 0.0
    return _result(model, x, "rounded", gap, "dp", started, bound=bound)


def _fractional_bound(values: np.ndarray, costs: np.ndarray, budget: float) -> float:
    """Dantzig's bound: the LP relaxation of a 0-1 knapsack, filled greedily."""
    order = np.argsort(-(values / np.maximum(costs, 1e-12)))
    total, left = 0.0, max(0.0, budget)
    for i in order:
        if costs[i] <= left:
            total, left = total + values[i], left - costs[i]
        else:
            return total + values[i] * left / costs[i]
    return total


__all__ = ["PortfolioResult", "solve", "frontier", "naive_fill", "knapsack_dp", "minimum_cost",
           "SOLVERS"]
