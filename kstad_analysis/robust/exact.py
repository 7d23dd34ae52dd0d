"""Exact robust core for small cases: enumerate, then keep the non-dominated.

Why enumeration: it is the definition itself (Liesiö, Mild & Salo 2007,
section 3), so it is the reference the large method is tested against, and
for up to ~20 free needs it is fast. Pruning: lagkrav/måste needs are fixed
in, excluded needs and needs without value (nothing requires them, see
``Problem.null``) fixed out, so only the free needs are enumerated.
"""

from __future__ import annotations

import time

import numpy as np

from kstad_analysis.i18n import t
from kstad_analysis.portfolio.model import _FEAS_TOL
from kstad_analysis.robust.model import CoreResult, Problem, classify

#: Free needs (2^LIMIT subsets) the enumeration accepts.
LIMIT = 22
_CHUNK = 1 << 16


def feasible_portfolios(prob: Problem) -> np.ndarray:
    """Every feasible portfolio as a boolean row (needs as columns)."""
    model = prob.model
    fixed_in = model.lb == 1
    free = np.flatnonzero((model.ub == 1) & ~fixed_in & ~prob.null)
    if len(free) > LIMIT:
        raise ValueError(t("robust.err.too_many", limit=LIMIT, n=len(free)))
    bits = np.arange(len(free), dtype=np.int64)
    out = []
    total = 1 << len(free)
    for start in range(0, total, _CHUNK):
        codes = np.arange(start, min(total, start + _CHUNK), dtype=np.int64)
        x = np.zeros((len(codes), prob.n), dtype=bool)
        x[:, fixed_in] = True
        x[:, free] = (codes[:, None] >> bits) & 1 == 1
        ok = np.all(x.astype(float) @ model.costs
                    <= model.budget * (1 + _FEAS_TOL) + _FEAS_TOL, axis=1)
        for a, options in model.requires:
            ok &= ~x[:, a] | x[:, list(options)].any(axis=1)
        for group in model.exclusive:
            ok &= x[:, list(group)].sum(axis=1) <= 1
        out.append(x[ok])
    return np.concatenate(out) if out else np.zeros((0, prob.n), dtype=bool)


def _dominated_by(ya, ca, yb, cb) -> np.ndarray:
    """Row-wise: does a dominate b? (quantised values, so exact)."""
    return np.all(ya >= yb, axis=1) & (np.any(ya > yb, axis=1)
                                       | (ca < cb - 1e-9 * np.maximum(1.0, cb)))


def _one_step(prob: Problem, x: np.ndarray, y: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Rows dominated by the portfolio one need larger or smaller.

    Why: most feasible portfolios leave room for one more need, and adding a
    need with value dominates; this drops them in one vectorised pass, so
    the sweep below sees only the (few) locally maximal portfolios.
    """
    free = np.flatnonzero(x.any(axis=0) & ~x.all(axis=0))
    codes = (x[:, free].astype(np.int64) << np.arange(len(free), dtype=np.int64)).sum(axis=1)
    order = np.argsort(codes)
    sorted_codes = codes[order]
    out = np.zeros(len(x), dtype=bool)
    for b in range(len(free)):
        bit = np.int64(1) << b
        without = np.flatnonzero((codes & bit) == 0)
        pos = np.searchsorted(sorted_codes, codes[without] | bit)
        pos = np.minimum(pos, len(codes) - 1)
        hit = sorted_codes[pos] == (codes[without] | bit)
        a, w = without[hit], order[pos[hit]]  # a lacks the need, w = a plus it
        out[a] |= _dominated_by(y[w], cost[w], y[a], cost[a])
        out[w] |= _dominated_by(y[a], cost[a], y[w], cost[w])
    return out


def non_dominated(prob: Problem, x: np.ndarray) -> np.ndarray:
    """Rows of ``x`` that no other row dominates (indices into ``x``).

    Values at the vertices are rounded to whole multiples of the tolerance,
    which makes dominance an exact strict partial order (transitive), so a
    sweep in decreasing total value (ties: increasing cost) may compare each
    portfolio with the non-dominated ones kept so far only: a dominator has
    a larger total, or the same values and less cost, so it comes first, and
    if it is itself dominated, what dominates it does too. ``x`` must be
    every feasible portfolio (the one-step filter looks up neighbours in it).
    """
    if len(x) == 0:
        return np.zeros(0, dtype=int)
    y = np.round((x.astype(float) @ prob.Y) / prob.tol).astype(np.int64)
    cost = x.astype(float) @ prob.cost
    left = np.flatnonzero(~_one_step(prob, x, y, cost))
    order = left[np.lexsort((cost[left], -y[left].sum(axis=1)))]
    kept: list[int] = []
    ky = np.zeros((0, y.shape[1]), dtype=np.int64)
    kc = np.zeros(0)
    for j in order:
        if len(kept) and _dominated_by(ky, kc, y[j][None, :], np.array([cost[j]])).any():
            continue
        kept.append(int(j))
        ky = np.vstack([ky, y[j]])
        kc = np.append(kc, cost[j])
    return np.array(sorted(kept), dtype=int)


def enumerate_core(prob: Problem) -> CoreResult:
    """All non-dominated portfolios, the exact core index and the classes."""
    started = time.perf_counter()
    x = feasible_portfolios(prob)
    nd = x[non_dominated(prob, x)]
    share = nd.mean(axis=0) if len(nd) else np.zeros(prob.n)
    return CoreResult(
        labels=classify(share), certain=np.ones(prob.n, dtype=bool), core_index=share,
        portfolios=tuple(np.flatnonzero(row) for row in nd), method="enumeration",
        exact=True, complete=True, vertices=prob.vertices, feasible_at=prob.feasible_at,
        tolerance=prob.tol, feasible=len(x), seconds=time.perf_counter() - started)
