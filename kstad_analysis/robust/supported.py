"""Robust core for realistic sizes: supported portfolios, then a proof or a stated gap.

Why not enumerate: 200 needs have far too many feasible portfolios, and the
non-dominated set itself can be huge, so the exact core *index* is out of
reach; the *classes* are not. The method:

1. **Supported portfolios.** Maximise V(·, w) at the centre of W and at
   points between each extreme point and the centre. Every such w lies in
   the relative interior of W, and an optimum there is non-dominated: if q
   dominated p, V(q) − V(p) would be ≥ 0 on W and > 0 somewhere, hence > 0
   on the whole relative interior (a linear function ≥ 0 on a convex set and
   positive at one point is positive at every relative-interior point), so
   p would not be optimal at w. Equal-value ties go to the cheaper portfolio
   (a tiny cost term in the objective), matching the dominance rule.
2. **Tentative classes.** A need in some found portfolio and missing from
   another is *gränsfall*, certainly. One in all is tentatively *kärna*, one
   in none tentatively *utanför*.
3. **Bounds** (``robust.bounds``): for most needs one found portfolio beats,
   at every extreme point, an upper bound on every portfolio without the
   need (for kärna) or with it (for utanför): a fractional knapsack first,
   then a knapsack DP that keeps the rules of small components. That proves
   the class with no integer program.
4. **Proof** of the rest. Let D be the portfolios found. Solve the integer program
   "find a feasible q that disagrees with a tentative class (lacks a
   tentative kärna or holds a tentative utanför) and that, against every
   p ∈ D, is at least as good at some extreme point" (binary z[p, e] picks
   the extreme point: V(q, e) ≥ V(p, e)·z[p, e]). Every non-dominated
   portfolio satisfies the second part (if q were worse than p at every
   extreme point, p would dominate q), so if the program is infeasible, no
   non-dominated portfolio disagrees and every tentative class is proven.
   If it finds q, lift it: maximise V(·, centre) over portfolios at least as
   good as q at every extreme point. The result r is non-dominated (a
   dominator of r would also be at least as good as q, and better at the
   centre) and at least as good as q everywhere; r joins D, and when it
   disagrees it turns the disagreeing needs into certain *gränsfall*. If r
   was already in D (q ties with it at an extreme point), q is dominated by
   r or equal to it; a dominated q is cut off and an equal one is itself
   non-dominated and joins D. Each round adds a new non-dominated portfolio
   or cuts a dominated one, so the loop ends; it is also capped by
   ``rounds`` and by ``nodes`` branch-and-bound nodes in all.

Work limits, not seconds: the classes are shown in the report (siffror.json
p_funded) and the apps ("beror på vikterna"), and the same inputs must give
the same classes on a quiet or a loaded machine. So every phase is bounded
by counted work: ``points`` weight vectors, one LP and one DP pass per
extreme point for the bounds, at most ``rounds`` proof MILPs and ``nodes``
nodes over all MILPs (HiGHS is deterministic for the same options in
serial). ``time_limit`` seconds is only a safety net; when it fires the
result says so (``stopped == "time"``).

Error bound: when the proof finishes, ``exact`` is true and every class is
correct (up to ``TOL`` relative to the largest portfolio value and the
solver's tolerances). When it is cut short, the unproven needs are the
tentative kärna and utanför: each may in truth be gränsfall, never the
opposite class, and every gränsfall is certain. The core index reported is
the share among the non-dominated portfolios found, not the exact index.
"""

from __future__ import annotations

import time

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from kstad_analysis.portfolio.milp import _constraints, _quiet_stdout
from kstad_analysis.robust.bounds import Certifier, lp_bounds
from kstad_analysis.robust.model import CoreResult, Problem, classify

#: How far towards the centre the extreme points are moved before optimising
#: (any value in (0, 1] puts them in the relative interior).
SHRINK = 0.05
#: Weight of the cost tie-break relative to the tolerance.
_TIE = 0.5
#: Default branch-and-bound nodes over all the method's MILPs (work limit).
NODES = 20_000


class _Solver:
    """The MILPs of the method on one :class:`Problem` (base rows built once),
    with the node budget (work) and the safety-net deadline."""

    def __init__(self, prob: Problem, time_limit: float | None,
                 nodes: int | None = None) -> None:
        self.prob = prob
        self.deadline = None if time_limit is None else time.perf_counter() + time_limit
        self.nodes_left = nodes
        self.timed_out = False
        A, lo, hi = _constraints(prob.model)
        self.A, self.lo, self.hi = A, lo, hi
        self.lb = prob.model.lb.copy()
        self.ub = np.where(prob.null, 0.0, prob.model.ub)
        # Cost tie-break: a feasible portfolio costs at most the budget, so the
        # term adds at most _TIE·tol and only decides ties (values within tol).
        cmax = float(prob.cost.max()) if prob.n else 0.0
        scale = max(float(prob.model.budget.sum()), cmax, 1e-300)
        self.tie = _TIE * prob.tol * prob.cost / scale
        self.dp = None  # the exact DP's rule work, shared over weight vectors

    def _left(self) -> float | None:
        if self.deadline is None:
            return None
        return max(0.01, self.deadline - time.perf_counter())

    def expired(self) -> bool:
        """The safety net fired (seconds): only then does the clock cut work."""
        if self.deadline is not None and time.perf_counter() >= self.deadline:
            self.timed_out = True
        return self.timed_out

    def out_of_work(self) -> bool:
        return self.nodes_left is not None and self.nodes_left <= 0

    def run(self, c: np.ndarray, rows: list[tuple[sparse.spmatrix, np.ndarray, np.ndarray]],
            n_extra: int = 0) -> tuple[np.ndarray | None, int]:
        """Minimise ``c`` over x (needs, binary) and ``n_extra`` binaries."""
        n = self.prob.n
        base = sparse.hstack([self.A, sparse.csr_matrix((self.A.shape[0], n_extra))])
        blocks = [(base, self.lo, self.hi), *rows]
        A = sparse.vstack([b[0] for b in blocks]).tocsr()
        options: dict[str, object] = {"mip_rel_gap": 1e-9}
        left = self._left()
        if left is not None:
            options["time_limit"] = left
        if self.nodes_left is not None:
            options["node_limit"] = max(int(self.nodes_left), 1)
        with _quiet_stdout():
            res = milp(c, integrality=np.ones(n + n_extra),
                       bounds=Bounds(np.r_[self.lb, np.zeros(n_extra)],
                                     np.r_[self.ub, np.ones(n_extra)]),
                       constraints=[LinearConstraint(A, np.concatenate([b[1] for b in blocks]),
                                                     np.concatenate([b[2] for b in blocks]))],
                       options=options)
        if self.nodes_left is not None:
            self.nodes_left -= max(int(res.get("mip_node_count") or 0), 1)
        if res.status not in (0, 2) and self.deadline is not None \
                and time.perf_counter() >= self.deadline:
            self.timed_out = True
        x = None if res.x is None else np.round(res.x[:n]).astype(bool)
        return x, int(res.status)

    def optimum(self, u: np.ndarray, floor: np.ndarray | None = None) -> np.ndarray | None:
        """Maximise u·x (cheapest among ties); ``floor``: value at each vertex ≥ it.

        Without a floor the exact DP over rule components answers first
        (``portfolio.forced``, ~50 ms on 200 needs where a MILP took up to
        0.5 s); when its relaxed optimum breaks the driftbudget or there are
        budgets per year, the MILP does.
        """
        if floor is None:
            from dataclasses import replace

            from kstad_analysis.portfolio.forced import ForcedSolver

            model = replace(self.prob.model, values=u - self.tie, ub=self.ub)
            if self.dp is None:
                self.dp = ForcedSolver(model)
            status, x = self.dp.reweighted(model).best()
            if status == "optimal":
                return x
        rows = []
        if floor is not None:
            rows.append((sparse.csr_matrix(self.prob.Y.T), floor - self.prob.tol,
                         np.full(len(floor), np.inf)))
        x, status = self.run(-(u - self.tie), rows)
        return x if status == 0 else None  # only a proven optimum is non-dominated

    def disagreeing(self, D: list[np.ndarray], core: np.ndarray, exterior: np.ndarray,
                    cuts: list[np.ndarray]) -> tuple[np.ndarray | None, int]:
        """A portfolio that disagrees with the tentative classes and is, against
        each p in D, at least as good at some extreme point (see module doc)."""
        prob = self.prob
        n, E = prob.n, prob.Y.shape[1]
        k = len(D)
        YD = np.array([prob.Y[p].sum(axis=0) for p in D])  # k × E
        # rows (p, e): Y_e·x − y[p, e]·z[p, e] ≥ −tol
        vx = sparse.csr_matrix(np.tile(prob.Y.T, (k, 1)))
        vz = sparse.diags(-YD.reshape(-1))
        rows = [(sparse.hstack([vx, vz]), np.full(k * E, -prob.tol), np.full(k * E, np.inf))]
        # rows p: Σ_e z[p, e] ≥ 1
        pick = sparse.kron(sparse.eye(k), np.ones((1, E)))
        rows.append((sparse.hstack([sparse.csr_matrix((k, n)), pick]), np.ones(k),
                     np.full(k, np.inf)))
        # disagreement: Σ_exterior x − Σ_core x ≥ 1 − |core|
        d = np.zeros(n + k * E)
        d[exterior], d[core] = 1.0, -1.0
        rows.append((sparse.csr_matrix(d), np.array([1.0 - len(core)]), np.array([np.inf])))
        for q in cuts:  # no-good: differ from q in at least one need
            g = np.zeros(n + k * E)
            g[:n] = np.where(q, -1.0, 1.0)
            rows.append((sparse.csr_matrix(g), np.array([1.0 - q.sum()]), np.array([np.inf])))
        c = np.r_[-(prob.at_centre() - self.tie), np.zeros(k * E)]
        return self.run(c, rows, n_extra=k * E)


def _points(prob: Problem, limit: int) -> list[np.ndarray]:
    """Per-need values at the centre and at up to ``limit`` vertices moved
    towards it; when there are more vertices, a spread-out subset (each next
    one farthest from those taken), so few solves still span W."""
    centre = prob.at_centre()
    V = prob.vertices
    take = [int(np.argmax(np.linalg.norm(V - prob.centre, axis=1)))] if len(V) else []
    while len(take) < min(limit, len(V)):
        dist = np.min(np.linalg.norm(V[:, None, :] - V[None, take, :], axis=2), axis=1)
        take.append(int(np.argmax(dist)))
    return [centre] + [(1 - SHRINK) * prob.Y[:, e] + SHRINK * centre for e in take]


def _add(D: list[np.ndarray], x: np.ndarray) -> bool:
    if any(np.array_equal(x, p) for p in D):
        return False
    D.append(x)
    return True


def _exact_bounds(prob: Problem, solver: _Solver, bounds, todo: np.ndarray,
                  inside: np.ndarray) -> None:
    """Tighten the bounds of the ``todo`` needs to the exact optimum of the
    component DP's relaxation at each extreme point (``ForcedSolver.bound``):
    for a tentative kärna the best portfolio without it, for a tentative
    utanför the best with it. Why only these: it costs ~1 ms per need and
    extreme point, and the cheap bounds settle the rest."""
    from dataclasses import replace

    without = np.full(bounds.without.shape, np.inf)
    with_ = np.full(bounds.with_.shape, np.inf)
    for e in range(prob.Y.shape[1]):
        if solver.expired():
            break
        dp = solver.dp.reweighted(replace(prob.model, values=prob.Y[:, e], ub=solver.ub))
        for i in np.flatnonzero(todo):
            if inside[i]:
                without[i, e] = dp.bound(int(i), False) + prob.tol * 1e-3
            else:
                with_[i, e] = dp.bound(int(i), True) + prob.tol * 1e-3
    bounds.include(without, with_)


def supported_core(prob: Problem, *, points: int = 12, rounds: int = 200,
                   nodes: int | None = NODES, time_limit: float | None = None) -> CoreResult:
    """The classes from supported portfolios, proven by bounds and the check
    (module doc); ``points`` caps the extreme points optimised at, ``rounds``
    the proof MILPs and ``nodes`` their branch-and-bound nodes in all (work
    limits: the same answer under any load); ``time_limit`` is a safety net."""
    started = time.perf_counter()
    solver = _Solver(prob, time_limit, nodes)
    D: list[np.ndarray] = []
    for u in _points(prob, points):
        if D and solver.expired():
            break  # the centre's optimum is enough to classify (unproven)
        x = solver.optimum(u)
        if x is not None:
            _add(D, x)
    fixed = (prob.model.lb == 1) | (solver.ub == 0)  # labels need no proof
    free = ~fixed
    forced = prob.model.lb == 1
    budget = float(prob.model.budget[: prob.model.n_real].sum())
    proven = fixed.copy()
    bounds = Certifier(prob.Y, prob.cost, budget, forced, free, prob.tol,
                       prob.model.requires, prob.model.exclusive)
    bounds.include(*lp_bounds(prob.Y, solver.A, solver.lo, solver.hi, solver.lb, solver.ub))
    cuts: list[np.ndarray] = []
    done, used, exact_tried = False, 0, np.zeros(prob.n, dtype=bool)
    while D:
        share = np.mean(D, axis=0)
        YD = np.array([prob.Y[p].sum(axis=0) for p in D])
        core_ok, ext_ok = bounds.proven(YD, (share >= 1) & ~proven, (share <= 0) & ~proven,
                                        tighten=not solver.expired())
        proven |= core_ok | ext_ok
        todo = ((share >= 1) | (share <= 0)) & ~proven & ~exact_tried
        if todo.any() and not solver.expired() and solver.dp is not None:
            exact_tried |= todo
            _exact_bounds(prob, solver, bounds, todo, share >= 1)
            core_ok, ext_ok = bounds.proven(YD, (share >= 1) & ~proven, (share <= 0) & ~proven,
                                            tighten=False)
            proven |= core_ok | ext_ok
        core = np.flatnonzero((share >= 1) & ~proven)
        exterior = np.flatnonzero((share <= 0) & ~proven)
        if len(core) == 0 and len(exterior) == 0:
            done = True
            break
        if used >= rounds or solver.out_of_work() or solver.expired():
            break
        q, status = solver.disagreeing(D, core, exterior, cuts)
        used += 1
        if q is None:
            done = status == 2  # infeasible: proven; otherwise out of nodes (or time)
            break
        yq = prob.Y[q].sum(axis=0)
        r = solver.optimum(prob.at_centre(), floor=yq)
        if r is None:
            break
        if _add(D, r):
            continue
        yr = prob.Y[r].sum(axis=0)
        if np.all(np.abs(yr - yq) <= prob.tol) and prob.cost[q].sum() <= prob.cost[r].sum() + 1e-9:
            _add(D, q)  # equal values and no dearer: q is non-dominated too
        else:
            cuts.append(q)  # r dominates q
    share = np.mean(D, axis=0) if D else np.zeros(prob.n)
    certain = done | proven | ((share > 0) & (share < 1))
    return CoreResult(
        labels=classify(share), certain=certain, core_index=share,
        portfolios=tuple(np.flatnonzero(p) for p in D), method="supported",
        exact=bool(certain.all()), complete=False, vertices=prob.vertices,
        feasible_at=prob.feasible_at, tolerance=prob.tol, rounds=used,
        seconds=time.perf_counter() - started, stopped="time" if solver.timed_out else "",
        nodes=0 if nodes is None else nodes - max(int(solver.nodes_left or 0), 0))
