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

The package is split by job: ``model`` (validation, result, rule check),
``infeasible`` (explanations), ``milp`` (HiGHS, CBC), ``optimum``
(``solve`` with the exact-DP dispatch, ``minimum_cost``), ``schedule`` (start
options for multi-year scheduling), ``greedy`` (``naive_fill``), ``dp``
(``knapsack_dp``) and ``levels`` (``frontier``; not named after the function,
which would hide the module). This module is the public face.
"""

from __future__ import annotations

from kstad_analysis.portfolio.dp import knapsack_dp
from kstad_analysis.portfolio.greedy import naive_fill
from kstad_analysis.portfolio.infeasible import explain_infeasible, shortfall
from kstad_analysis.portfolio.levels import frontier
from kstad_analysis.portfolio.model import (
    MIP_REL_GAP,
    SOLVERS,
    STATUSES,
    Model,
    PortfolioResult,
    check_amount,
    infeasible_result,
    prepare,
    violations,
)
from kstad_analysis.portfolio.optimum import DP_AUTO_MAX_CELLS, dp_unit, minimum_cost, solve

__all__ = ["PortfolioResult", "solve", "frontier", "naive_fill", "knapsack_dp", "minimum_cost",
           "SOLVERS", "STATUSES", "MIP_REL_GAP", "Model", "prepare", "explain_infeasible",
           "violations", "check_amount", "infeasible_result", "shortfall", "dp_unit",
           "DP_AUTO_MAX_CELLS"]
