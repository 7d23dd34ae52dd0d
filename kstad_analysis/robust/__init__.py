"""Robust core: which needs are funded whatever the admissible weights (RPM).

Robust Portfolio Modeling (Liesiö, Mild & Salo 2007, EJOR 181:1488–1505;
2008, EJOR 190:679–695) replaces "re-optimise for 30 random weight draws"
with a statement that holds for *every* admissible weight:

* n needs, m benefit criteria; need i has benefit scores ``values[i, k] ≥ 0``
  on a ratio scale (0 = nothing gained) and a cost; a portfolio is feasible
  if it fits the budget and the rules hold (``must``, ``exclude``,
  ``requires`` pairs (a, b): a requires b, ``exclusive`` groups: at most one);
* weights ``w`` lie in ``W = {w ≥ 0, Σw = 1, lower ≤ w ≤ upper}`` (e.g. ±20 %
  around the scenario's weights), and V(p, w) = Σ_{i∈p} Σ_k w_k values[i, k];
* p dominates q if V(p, w) ≥ V(q, w) for all w ∈ W and > for some, checked
  at the extreme points of W (:func:`extreme_points`); among portfolios with
  equal value for every w the cheaper dominates (same benefit, less money);
* the core index of a need is the share of non-dominated portfolios holding
  it: 1 = *kärna*, 0 = *utanför*, otherwise *gränsfall*.

Cost uncertainty (± from config, intervals ``[costs, cost_high]``):
``feasible_at="nominal"`` (default) asks a portfolio to fit at its estimated
cost; ``"high"`` asks it to fit even if every chosen need costs its high
value, so its kärna is what is funded whatever the weights *and* the overruns.

Two methods, one definition: :func:`enumerate_core` (exact, every feasible
portfolio, ≤ ``exact.LIMIT`` free needs; exact core index) and
:func:`supported_core` (200+ needs; exact classes when its proof finishes,
otherwise a stated one-directional error; see ``robust.supported``).
:func:`core` picks one. Kernel: numpy/scipy in, :class:`CoreResult` out, no
I/O and no need ids; the portfolio kernel's ``prepare`` validates the rules,
so a rule means the same here as in the budget.
"""

from __future__ import annotations

from kstad_analysis.i18n import t
from kstad_analysis.robust.exact import LIMIT
from kstad_analysis.robust.exact import enumerate_core as _enumerate
from kstad_analysis.robust.model import (
    BORDERLINE,
    CORE,
    EXTERIOR,
    FEASIBLE_AT,
    LABELS,
    TOL,
    CoreResult,
    dominates,
    extreme_points,
    label_text,
    problem,
)
from kstad_analysis.robust.supported import NODES
from kstad_analysis.robust.supported import supported_core as _supported

METHODS = ("auto", "enumeration", "supported")
#: ``method="auto"`` enumerates up to this many free needs (milliseconds).
AUTO_ENUMERATE = 14

__all__ = ["CoreResult", "core", "enumerate_core", "supported_core", "extreme_points",
           "dominates", "label_text", "LABELS", "CORE", "BORDERLINE", "EXTERIOR",
           "FEASIBLE_AT", "METHODS", "TOL", "LIMIT"]


def enumerate_core(values, costs, budget, lower, upper, **rules) -> CoreResult:
    """Exact: every feasible portfolio, the non-dominated ones, exact core index.

    ``rules``: ``must``, ``exclude``, ``requires``, ``exclusive``, ``cost_high``,
    ``feasible_at``. Raises ValueError beyond ``LIMIT`` free needs.
    """
    return _enumerate(problem(values, costs, budget, lower, upper, **rules))


def supported_core(values, costs, budget, lower, upper, *, points: int = 12,
                   rounds: int = 200, nodes: int | None = NODES,
                   time_limit: float | None = None, **rules) -> CoreResult:
    """Large cases: portfolios optimal inside W, bounds, then a MILP proof of the
    classes (``exact`` when it finishes within ``rounds`` MILPs and ``nodes``
    nodes: work limits, the same answer under any load; ``time_limit``
    seconds is only a safety net)."""
    return _supported(problem(values, costs, budget, lower, upper, **rules), points=points,
                      rounds=rounds, nodes=nodes, time_limit=time_limit)


def core(values, costs, budget, lower, upper, *, method: str = "auto", points: int = 12,
         rounds: int = 200, nodes: int | None = NODES, time_limit: float | None = None,
         **rules) -> CoreResult:
    """The robust core with the method chosen by size (``method="auto"``)."""
    if method not in METHODS:
        raise ValueError(t("robust.err.method", value=method))
    prob = problem(values, costs, budget, lower, upper, **rules)
    free = int(((prob.model.ub == 1) & (prob.model.lb == 0) & ~prob.null).sum())
    if method == "enumeration" or method == "auto" and free <= AUTO_ENUMERATE:
        return _enumerate(prob)
    return _supported(prob, points=points, rounds=rounds, nodes=nodes, time_limit=time_limit)
