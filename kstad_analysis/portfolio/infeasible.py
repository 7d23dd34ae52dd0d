"""Why a set of rules cannot hold: Swedish explanations naming the conflict.

Why before and after the solver: the closure of the forced set catches most
conflicts exactly and without a solver; conflicts that depend on how a cover
set is met (a lagkrav served by its own build or a shared one) need the least
spend the rules force, which is a small MILP.
"""

from __future__ import annotations

import numpy as np

from kstad_analysis.formatting import kr as _money  # kronor in the explanations
from kstad_analysis.i18n import t
from kstad_analysis.portfolio.milp import _cheapest
from kstad_analysis.portfolio.model import _FEAS_TOL, Model


def _forced_closure(model: Model) -> tuple[set[int], dict[int, int]]:
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


def explain_infeasible(model: Model) -> str | None:
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
        used_all = model.running[members].sum(axis=0)  # type: ignore[index]
        for k, (used, cap) in enumerate(zip(used_all, model.running_cap, strict=True)):
            if used > cap * (1 + _FEAS_TOL) + _FEAS_TOL:
                return t("budget.inf.over_running", items=names, cost=_money(used),
                         cap=_money(cap), period=_running_period(model, k))
    return None



def _explain_by_minimum(model: Model) -> str | None:
    """When the rules need more than some year's budget however they are met.

    Exact per column: the least spend the rules force in that year (or on
    running cost) is compared with its ceiling. Catches conflicts the closure
    check cannot see, e.g. lagkrav that may be met by a shared build.
    """
    columns = [(k, model.costs[:, k], model.budget[k]) for k in range(len(model.budget))]
    if model.running_cap is not None:
        for k, cap in enumerate(model.running_cap):
            columns.append((-1 - k, model.running[:, k], cap))  # type: ignore[index]
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
                         cap=_money(limit), period=_running_period(model, -1 - k))
            label = model.period(k)
            period = t("budget.inf.period", period=label) if label else ""
            return t("budget.inf.min_over_budget", items=names, cost=_money(used),
                     budget=_money(limit), period=period)
    return None


def _running_period(model: Model, k: int) -> str:
    """" för år 2028" for running-cost column ``k`` when there are several."""
    if model.running is None or model.running.shape[1] < 2:
        return ""
    label = model.period(k) if k < model.n_real else t("budget.year", year=k + 1)
    return t("budget.inf.period", period=label)


def shortfall(values, costs, budget, **rules) -> dict[str, np.ndarray] | None:
    """The least extra money per budget row that lets every rule hold.

    Why: "infeasible" is not an answer a budget round can act on; "år 2028
    saknar 1 200 000 kr" is. A MILP over the same rules with one continuous
    slack per budget row (investment per year, the total, running cost per
    year) minimises the sum of the slacks. Returns ``investment`` (one per
    budget row, the total last when given) and ``running`` (one per
    running-cost row), or None when the rules fail for reasons money cannot
    fix (e.g. a must that is also excluded).
    """
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    from kstad_analysis.portfolio.milp import NODE_LIMIT, _constraints, _quiet_stdout, highs_options
    from kstad_analysis.portfolio.model import prepare

    model = prepare(values, costs, budget, **rules)
    A, lo, hi = _constraints(model)
    k_inv = len(model.budget)
    k_run = 0 if model.running_cap is None else len(model.running_cap)
    k = k_inv + k_run
    slack = sparse.csr_matrix((-np.ones(k), (np.arange(k), np.arange(k))), shape=(A.shape[0], k))
    with _quiet_stdout():
        res = milp(np.r_[np.zeros(model.n), np.ones(k)],
                   integrality=np.r_[np.ones(model.n), np.zeros(k)],
                   bounds=Bounds(np.r_[model.lb, np.zeros(k)], np.r_[model.ub, np.full(k, np.inf)]),
                   constraints=[LinearConstraint(sparse.hstack([A, slack]).tocsr(), lo, hi)],
                   options=highs_options(10.0, NODE_LIMIT))
    if res.x is None:
        return None
    s = np.maximum(res.x[model.n:], 0.0)
    return {"investment": s[:k_inv], "running": s[k_inv:]}
