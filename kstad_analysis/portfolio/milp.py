"""The MILP backends: HiGHS (scipy.optimize.milp) and CBC (PuLP).

Why two: HiGHS is fast and bundled with scipy; CBC is an independent
solver for cross-checks and for instances where HiGHS stalls. Both see the
same constraint matrix (``_constraints``), and HiGHS runs with file
descriptor 1 silenced because its scipy build prints stray debug lines.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import sys

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from kstad_analysis.portfolio.model import MIP_REL_GAP, Model

#: Default branch-and-bound nodes per HiGHS/CBC solve: the deterministic work
#: limit. Why nodes and not seconds: HiGHS (serial, same options) and CBC
#: (one thread) explore the same tree for the same model, so a solve stopped
#: at a node count gives the same portfolio and gap on a quiet or a loaded
#: machine; a wall-clock limit does not. The sample's solves need well under
#: a hundred nodes; the callers' time limits stay only as a safety net.
NODE_LIMIT = 20_000


def highs_options(time_limit: float | None, node_limit: int | None) -> dict[str, object]:
    """scipy ``milp`` options: the gap, the node limit (work) and the safety-net seconds."""
    options: dict[str, object] = {"mip_rel_gap": MIP_REL_GAP}
    if node_limit is not None:
        options["node_limit"] = max(int(node_limit), 1)
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    return options


def _cheapest(model: Model, with_budget: bool = True, time_limit: float | None = 10.0,
              weights: np.ndarray | None = None,
              node_limit: int | None = NODE_LIMIT) -> np.ndarray | None:
    """The least total cost that honours every rule (None if none found).

    Why: when lagkrav can be met either by their own builds or by shared
    ones, the cheapest way is a small set-cover problem; a greedy pick can
    miss it and wrongly call a feasible budget round infeasible.
    """
    A, lo, hi = _constraints(model)
    if not with_budget:
        hi[: len(model.budget)] = np.inf
    options = highs_options(time_limit, node_limit)
    with _quiet_stdout():
        res = milp(model.item_cost() if weights is None else weights,
                   integrality=np.ones(model.n),
                   bounds=Bounds(model.lb, model.ub),
                   constraints=[LinearConstraint(A, lo, hi)] if A.shape[0] else None,
                   options=options)
    return None if res.x is None else np.round(res.x).astype(bool)



def _constraints(model: Model) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Rows: budget per year first (so the frontier can change only their
    upper bounds), then running cap, requirements, exclusive and cover sets."""
    n = model.n
    blocks = [sparse.csr_matrix(model.costs.T)]
    lo = [np.full(len(model.budget), -np.inf)]
    hi = [model.budget.copy()]
    if model.running_cap is not None:
        blocks.append(sparse.csr_matrix(model.running.T))  # type: ignore[union-attr]
        lo.append(np.full(len(model.running_cap), -np.inf))
        hi.append(np.asarray(model.running_cap, dtype=float))
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


def _lp_bound(model: Model, A, lo, hi) -> float:
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


def _solve_highs(model: Model, A, lo, hi, time_limit: float | None,
                 node_limit: int | None = NODE_LIMIT):
    options = highs_options(time_limit, node_limit)
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


#: Seconds a child process needs to start (imports) before HiGHS runs.
_CHILD_START = 2.0
#: Variables from which a time-limited HiGHS solve runs in a child process
#: with a hard deadline (see :func:`_solve_highs_deadline`).
DEADLINE_MIN = 5000


def _solve_highs_deadline(model: Model, A, lo, hi, time_limit: float,
                          node_limit: int | None = NODE_LIMIT):
    """HiGHS in a child process (``portfolio.child``) stopped at ``time_limit`` s.

    Why: on 10,000-variable scheduled rounds HiGHS spends its root node in
    cut separation that does not look at the clock; with a 10 s limit it was
    seen returning after 25–60 s on a loaded machine, before any branching.
    A child process can be stopped on time whatever it is doing; the caller
    then has the rounded LP relaxation as its incumbent and the LP bound for
    an honest gap. The child gets the limit too, so it stops itself (with its
    own incumbent and bound) whenever HiGHS does look at the clock.
    """
    import pickle
    import subprocess
    import time
    from pathlib import Path

    started = time.perf_counter()
    A = A.tocsr()
    payload = dict(values=model.values, lb=model.lb, ub=model.ub, lo=lo, hi=hi,
                   data=A.data, indices=A.indices, indptr=A.indptr, shape=A.shape,
                   time_limit=max(0.5 * time_limit, time_limit - _CHILD_START),
                   gap=MIP_REL_GAP, node_limit=node_limit)  # room to start and to answer
    root = str(Path(__file__).resolve().parents[2])  # the same kstad_analysis in the child
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [root, *([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])]))
    proc = subprocess.Popen([sys.executable, "-m", "kstad_analysis.portfolio.child"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env)
    answer = None
    try:
        out, _ = proc.communicate(pickle.dumps(payload),
                                  timeout=max(0.1, time_limit - (time.perf_counter() - started)))
        if proc.returncode == 0 and out:
            answer = pickle.loads(out)  # noqa: S301 (our own child's answer)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
    if answer is None:
        return None, "time_limit", math.nan, math.nan
    x, status, dual = answer
    if status == 2:
        return None, "infeasible", math.nan, math.nan
    if status == 0 and x is not None:
        return x, "optimal", 0.0, float(model.values[x].sum())
    return x, "time_limit", math.nan, -dual if dual is not None else math.nan


def _pulp_problem(model: Model, A, lo, hi):
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


def _solve_pulp(model: Model, prob, xs, time_limit: float | None, warm: np.ndarray | None,
                A, lo, hi, node_limit: int | None = NODE_LIMIT):
    import pulp

    if warm is not None:
        for var, val in zip(xs, warm, strict=True):
            var.setInitialValue(int(val))
    cmd = pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit, gapRel=MIP_REL_GAP,
                            warmStart=warm is not None, threads=1,
                            options=[f"maxNodes {int(node_limit)}"] if node_limit else [])
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
