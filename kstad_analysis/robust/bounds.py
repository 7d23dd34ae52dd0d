"""Cheap upper bounds that prove most classes without an integer program.

Why: for 200 needs the proof MILP of ``robust.supported`` takes seconds,
but most needs are clearly in or clearly out. For need i and extreme point
e, the LP relaxation of "the best portfolio without i" (and "with i") with
only the budget kept is a fractional knapsack, solved in closed form for
all i at once (Dantzig 1957). Dropping the rules (requires, exclusive) only
enlarges the set, so it is still an upper bound. If one found portfolio p
beats the bound "without i" by more than the tolerance at *every* extreme
point, every feasible portfolio without i is dominated by p, so no
non-dominated portfolio lacks i: i is kärna. Likewise with "with i" for
utanför.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import linprog


def fill_bounds(u: np.ndarray, c: np.ndarray, cap: float,
                free: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fractional-knapsack optima per need i over the ``free`` needs:
    ``(without, with_)``: max u·x with x_i = 0, resp. x_i = 1 (−inf if c_i > cap),
    0 ≤ x ≤ 1 on free needs, 0 elsewhere, c·x ≤ cap.

    Why closed form: fill by value per cost; removing i, if the fill reached
    i, is the full list with cap + c_i minus u_i (the fill then passes i).
    """
    n = len(u)
    idx = np.flatnonzero(free)
    cost = c[idx]
    ratio = np.where(cost > 0, u[idx] / np.where(cost > 0, cost, 1.0), np.inf)
    order = idx[np.argsort(-ratio, kind="stable")]
    cs = np.r_[0.0, np.cumsum(c[order])]
    vs = np.r_[0.0, np.cumsum(u[order])]
    co = c[order]
    rs = np.r_[np.where(co > 0, u[order] / np.where(co > 0, co, 1.0), 0.0), 0.0]

    def fill(capv: np.ndarray) -> np.ndarray:
        b = np.clip(np.searchsorted(cs, capv, side="right") - 1, 0, len(order))
        return vs[b] + np.where(b < len(order), (capv - cs[b]) * rs[b], 0.0)

    full = float(fill(np.array([cap]))[0]) if cap >= 0 else -np.inf
    without = np.full(n, full)
    with_ = np.full(n, -np.inf)
    pos = np.full(n, -1)
    pos[order] = np.arange(len(order))
    inside = np.flatnonzero(pos >= 0)
    p, ci, ui = pos[inside], c[inside], u[inside]
    reached = cs[p] < cap
    without[inside] = np.minimum(np.where(reached, fill(cap + ci) - ui, full), full)
    cap2 = np.maximum(cap - ci, 0.0)
    rest = np.where(cs[p] < cap2, fill(cap2 + ci) - ui, fill(cap2))
    with_[inside] = np.where(cap - ci >= 0, ui + rest, -np.inf)
    return without, with_


def lp_bounds(Y: np.ndarray, A, lo: np.ndarray, hi: np.ndarray, lb: np.ndarray,
              ub: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Upper bounds ``(without, with_)`` per need and extreme point from one LP
    relaxation per extreme point, with *every* rule and budget row kept.

    Why valid (LP duality, reduced costs): with the optimal duals of the LP
    max Y_e·x over the relaxed feasible set, every feasible x satisfies
    V(x, e) ≤ U_e − Σ_{j at 0} r_j x_j − Σ_{j at 1} r_j (1 − x_j), with r_j ≥ 0
    the size of j's reduced cost. So holding a need the LP leaves at 0 costs
    at least its r, and leaving out one it takes at 1 likewise: U_e − r_i
    bounds every portfolio with (resp. without) i. One LP per extreme point
    gives the bound for all needs, and unlike the knapsack bounds it keeps
    the rules, the driftbudget and budgets per year. A need the LP takes
    fractionally has r = 0 and gets U_e (no help, but still valid).
    """
    n, E = Y.shape
    without, with_ = np.full((n, E), np.inf), np.full((n, E), np.inf)
    fin_hi, fin_lo = np.isfinite(hi), np.isfinite(lo)
    A = A.tocsr()
    A_ub = sparse.vstack([A[fin_hi], -A[fin_lo]]).tocsr()
    b_ub = np.r_[hi[fin_hi], -lo[fin_lo]]
    for e in range(E):
        res = linprog(-Y[:, e], A_ub=A_ub if A_ub.shape[0] else None,
                      b_ub=b_ub if A_ub.shape[0] else None, bounds=np.c_[lb, ub],
                      method="highs")
        if res.status != 0:
            continue
        top = float(-res.fun)
        at_lo = np.asarray(res.lower.marginals, dtype=float)  # ≥ 0 where x sits at 0
        at_hi = -np.asarray(res.upper.marginals, dtype=float)  # ≥ 0 where x sits at 1
        slack = 1e-9 * max(1.0, abs(top))  # the LP's own tolerances
        with_[:, e] = top - np.clip(at_lo, 0, None) + slack
        without[:, e] = top - np.clip(at_hi, 0, None) + slack
    return without, with_


class Certifier:
    """Bounds per need and extreme point, tightened on demand, and the proof.

    ``Y``: value per need and extreme point; ``forced``: needs fixed in (their
    cost and value are taken first); ``free``: the undecided needs. Bounds do
    not depend on the portfolios found, so they are computed once: the
    fractional ones for all needs, the DP ones only for needs the fractional
    ones could not settle.
    """

    def __init__(self, Y: np.ndarray, cost: np.ndarray, budget: float, forced: np.ndarray,
                 free: np.ndarray, tol: float, requires=(), exclusive=()) -> None:
        self.Y, self.cost, self.free, self.tol = Y, cost, free, tol
        self.plan = stages(len(cost), free, requires, exclusive)
        self.cap = budget - float(cost[forced].sum())
        self.base = Y[forced].sum(axis=0)
        n, E = Y.shape
        self.without, self.with_ = np.empty((n, E)), np.empty((n, E))
        for e in range(E):
            w0, w1 = fill_bounds(Y[:, e], cost, self.cap, free)
            self.without[:, e], self.with_[:, e] = self.base[e] + w0, self.base[e] + w1
        self.tight = ~free  # needs whose bounds are already the DP ones (or fixed)

    def include(self, without: np.ndarray, with_: np.ndarray) -> None:
        """Take other valid upper bounds too (the tighter of the two counts)."""
        self.without = np.minimum(self.without, without)
        self.with_ = np.minimum(self.with_, with_)

    def tighten(self, which: np.ndarray) -> None:
        todo = which & ~self.tight
        if not todo.any():
            return
        for e in range(self.Y.shape[1]):
            w0, w1 = dp_bounds(self.Y[:, e], self.cost, self.cap, self.free, todo, self.plan)
            self.without[todo, e] = np.minimum(self.without[todo, e], self.base[e] + w0[todo])
            self.with_[todo, e] = np.minimum(self.with_[todo, e], self.base[e] + w1[todo])
        self.tight |= todo

    def proven(self, YD: np.ndarray, core: np.ndarray, exterior: np.ndarray,
               tighten: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Of the tentative ``core`` / ``exterior`` masks, the needs the bounds
        prove (some found portfolio beats the bound at every extreme point);
        ``tighten=False`` (out of time) skips the DP bounds."""
        if len(YD) == 0:
            return np.zeros_like(core), np.zeros_like(exterior)

        def beaten(ub: np.ndarray) -> np.ndarray:
            return (YD[None, :, :] > ub[:, None, :] + self.tol).all(axis=2).any(axis=1)

        ok_core, ok_ext = beaten(self.without) & core, beaten(self.with_) & exterior
        if not tighten:
            return ok_core, ok_ext
        self.tighten((core & ~ok_core) | (exterior & ~ok_ext))
        return beaten(self.without) & core, beaten(self.with_) & exterior


#: Capacity cells of the knapsack DP (costs are rounded down to budget/DP_CELLS).
DP_CELLS = 4000
#: Rule components up to this many needs are enumerated exactly in the DP.
COMPONENT = 8


def stages(n: int, free: np.ndarray, requires, exclusive) -> list[list[tuple[int, ...]]]:
    """The DP's stages: each a list of options (sets of needs), of which at most one is taken.

    Why: a need bound only by the budget is its own stage with one option. Needs
    tied by rules (``requires`` pairs, ``exclusive`` groups, among free needs)
    form components; one of up to ``COMPONENT`` needs becomes one stage whose
    options are its rule-feasible subsets, which keeps the rules in the bound
    exactly. Larger components fall back to one stage per need (rules dropped:
    still an upper bound, only weaker).
    """
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    reqs = [(a, tuple(o for o in opts)) for a, opts in requires]
    groups = [tuple(i for i in g if free[i]) for g in exclusive]
    for a, opts in reqs:
        if free[a] and not any(not free[o] for o in opts):  # a forced option satisfies it
            for o in opts:
                if free[o]:
                    parent[find(a)] = find(o)
    for g in groups:
        for i in g[1:]:
            parent[find(g[0])] = find(i)
    members: dict[int, list[int]] = {}
    for i in np.flatnonzero(free):
        members.setdefault(find(int(i)), []).append(int(i))
    out = []
    for comp in members.values():
        if len(comp) == 1 or len(comp) > COMPONENT:
            out.extend([[(i,)] for i in comp])
            continue
        inside = set(comp)
        options = []
        for code in range(1, 1 << len(comp)):
            chosen = {comp[b] for b in range(len(comp)) if code >> b & 1}
            if any(a in chosen and free[a] and all(free[o] for o in opts)
                   and not chosen & set(opts) for a, opts in reqs if a in inside):
                continue
            if any(len(chosen & set(g)) > 1 for g in groups):
                continue
            options.append(tuple(sorted(chosen)))
        out.append(options)
    return out


def _grid(cost: np.ndarray, cap: float) -> float:
    """Cost unit of the DP: the costs' common whole unit when it is coarse
    enough (plans quote in tkr), else budget/DP_CELLS."""
    unit = cap / DP_CELLS if cap > 0 else 1.0
    whole = cost[cost > 0]
    if len(whole) and np.all(whole == np.round(whole)) and whole.max() < 2**53:
        g = float(np.gcd.reduce(whole.astype(np.int64)))
        if g >= unit:
            return g
    return unit


def _apply(f: np.ndarray, options, C: int, skip: int = -1) -> np.ndarray:
    """Stage transform: best of "nothing" and each option (``skip``: without
    the options holding that need)."""
    out = f.copy()
    for w, val, opt in options:
        if w <= C and skip not in opt:
            np.maximum(out[w:], f[: C + 1 - w] + val, out=out[w:])
    return out


def dp_bounds(u: np.ndarray, c: np.ndarray, cap: float, free: np.ndarray,
              which: np.ndarray, plan: list[list[tuple[int, ...]]]) -> tuple[np.ndarray, np.ndarray]:
    """Like :func:`fill_bounds` but the *integer* optimum of the budget relaxation
    with the rules of small components (``plan`` from :func:`stages`), for the
    needs in ``which`` (others: NaN).

    Why valid: costs and the budget are rounded *down* to the DP's unit, so
    every portfolio that fits really also fits the rounded problem; its
    optimum is an upper bound. Prefix and suffix tables over the stages give
    "without i" and "with i" for every i from one pass each: the best of the
    stages before i's with k units, i's stage with or without i, and the best
    of the stages after with the rest.
    """
    n = len(u)
    without, with_ = np.full(n, np.nan), np.full(n, np.nan)
    if cap < 0:
        return np.full(n, -np.inf), np.full(n, -np.inf)
    unit = _grid(c[free], cap)
    C = int(np.floor(cap / unit + 1e-9))
    units = np.floor(c / unit + 1e-9).astype(np.int64)
    opts = [[(int(units[list(o)].sum()), float(u[list(o)].sum()), o) for o in st] for st in plan]
    S = len(opts)
    pre = np.zeros((S + 1, C + 1))
    for s in range(S):
        pre[s + 1] = _apply(pre[s], opts[s], C)
    suf = np.zeros((S + 1, C + 1))
    for s in range(S - 1, -1, -1):
        suf[s] = _apply(suf[s + 1], opts[s], C)
    stage_of = {i: s for s, st in enumerate(plan) for o in st for i in o}
    for i in np.flatnonzero(which):
        s = stage_of.get(int(i))
        if s is None:
            continue
        without[i] = np.max(_apply(pre[s], opts[s], C, skip=int(i)) + suf[s + 1][::-1])
        best = -np.inf
        for w, val, opt in opts[s]:
            if i in opt and w <= C:
                rest = C - w
                best = max(best, val + float(np.max(pre[s][: rest + 1] + suf[s + 1][rest::-1])))
        with_[i] = best
    return without, with_
