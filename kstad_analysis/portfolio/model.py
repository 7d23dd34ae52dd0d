"""The portfolio model: validated inputs, the result, and the rule check.

Why one place: every solver (MILP, DP, greedy, frontier) and the budget layer
validate inputs the same way (Swedish ``ValueError``) and build results the same
way, so a rule means the same thing whichever path answers.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from kstad_analysis.i18n import t

SOLVERS = ("highs", "cbc")
STATUSES = ("optimal", "time_limit", "infeasible")
#: Relative optimality gap at which a solver may stop and call it optimal.
#: Tiny, so "optimal" means optimal up to rounding, not "within 0,01 %".
MIP_REL_GAP = 1e-9
_FEAS_TOL = 1e-6  # relative tolerance when checking budgets after a solve


@dataclass(frozen=True)
class PortfolioResult:
    """The chosen portfolio and how sure we are of it.

    ``status`` is ``optimal`` (proven), ``time_limit`` (best found, with
    ``gap`` the relative distance to the solver's bound), ``infeasible``
    (``explanation`` says which rules conflict), for ``naive_fill`` only
    ``heuristic``, and for ``knapsack_dp`` on costs that are not whole
    multiples of its resolution ``rounded`` (feasible; ``gap`` to the LP
    bound). ``cost`` is the total investment; ``cost_per_year`` the
    sums per cost column when costs are 2-D; ``running`` the added running
    cost of the largest running-cost year (with one column: its sum).
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
class Model:
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
    running: np.ndarray | None = None  # (n, k): running cost per item and year column
    running_cap: np.ndarray | None = None  # (k,): ceiling per year column
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


def check_amount(value: float, key: str, name: str) -> float:
    """``value`` as a finite, non-negative float, or a Swedish ValueError.

    ``key`` is the text key of the message and ``name`` the placeholder it
    fills with the rejected value (e.g. ``"budget.err.running_cap"``, ``"cap"``);
    the budget layer checks its own amounts with the kernel's wording.
    """
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise ValueError(t(key, **{name: value}))
    return number


def prepare(values, costs, budget, must=(), exclude=(), requires=(), exclusive=(),
             running=None, running_cap=None, *, labels=None, period_labels=None,
             requires_any=(), at_least_one=(), total_budget=None) -> Model:
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
        check_amount(amount, "budget.err.negative_budget", "budget")
    n_real = c.shape[1]
    if total_budget is not None:  # a ceiling on the sum over all years
        total = check_amount(total_budget, "budget.err.negative_budget", "budget")
        c = np.column_stack([c, c.sum(axis=1)])
        b = np.append(b, total)
    run = None
    if running is not None:
        run = np.asarray(running, dtype=float)
        run = run.reshape(-1, 1) if run.ndim == 1 else run
        if run.ndim != 2 or run.shape[0] != n:
            raise ValueError(t("budget.err.shape", n=n, m=run.shape[0] if run.ndim else 1))
        bad_run = ~np.isfinite(run) | (run < 0)
        if bad_run.any():
            raise ValueError(t("budget.err.running", positions=_positions(bad_run.any(axis=1))))
    cap = None
    if running_cap is not None:
        cap = np.array([check_amount(v, "budget.err.running_cap", "cap")
                        for v in np.atleast_1d(np.asarray(running_cap, dtype=float)).reshape(-1)])
        if run is None:
            raise ValueError(t("budget.err.running_missing"))
        if cap.size != run.shape[1]:
            raise ValueError(t("budget.err.budget_shape", got=cap.size, want=run.shape[1]))
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
    model = Model(v, c, b, two_d, lb, ub, must_i, excl_i, reqs, sets, covers, run, cap,
                   labels, period_labels, n_real)
    for a, options in reqs:
        model._req_of.setdefault(a, []).append(options)
    for k, group in enumerate(sets):
        for i in group:
            model._excl_of.setdefault(i, []).append(k)
    return model



# --------------------------------------------------------------------------- checks


def violations(model: Model, x: np.ndarray) -> list[str]:
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
        used = model.running[x].sum(axis=0)  # type: ignore[index]
        if np.any(used > model.running_cap * (1 + _FEAS_TOL) + _FEAS_TOL):
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


def make_result(model: Model, x: np.ndarray | None, status: str, gap: float, solver: str,
                started: float, bound: float = math.nan,
                explanation: str = "") -> PortfolioResult:
    """The result of choosing ``x`` (None: nothing) under ``model``; ``started``
    is the ``time.perf_counter()`` reading when the work began."""
    if x is None:
        x = np.zeros(model.n, dtype=bool)
    x = x.astype(bool)
    per_year = model.costs[x][:, : model.n_real].sum(axis=0)
    # the largest year's added running cost (one column: the ceiling's only year)
    running = float(model.running[x].sum(axis=0).max()) if model.running is not None else 0.0
    return PortfolioResult(
        chosen=np.flatnonzero(x), value=float(model.values[x].sum()),
        cost=float(per_year.sum()) if model.two_d else float(per_year[0]),
        status=status, gap=gap, solver=solver, seconds=time.perf_counter() - started,
        cost_per_year=per_year if model.two_d else None, running=running, bound=bound,
        explanation=explanation,
    )


def infeasible_result(values, costs, budget, explanation: str, *, solver: str = "highs",
                      started: float | None = None) -> PortfolioResult:
    """An empty, infeasible result with ``explanation``, shaped like a solve's.

    Why: the budget layer finds some conflicts itself (a forced need whose
    shared build is blocked) before any solver runs, and must still hand back
    a result with the same fields (per-year costs, zero value) as ``solve``.
    """
    begun = time.perf_counter() if started is None else started
    return make_result(prepare(values, costs, budget), None, "infeasible", math.nan, solver,
                       begun, explanation=explanation)
