"""How much does the ranking depend on the weights? SMAA-2 and stability intervals.

Why: a ranking computed with one set of weights looks more certain than it
is. SMAA-2 (Lahdelma & Salminen 2001, "SMAA-2: Stochastic multicriteria
acceptability analysis for group decision making", Operations Research 49)
asks instead: if we only know the weights lie somewhere in a region, how
likely is each need to land at each rank?

* Weights are sampled uniformly on the simplex ``{w ≥ 0, Σw = 1}``
  (Dirichlet(1, …, 1), via normalised exponential spacings). With
  per-criterion bounds ``l_j ≤ w_j ≤ u_j`` we sample uniformly on the
  bounded region exactly: ``w = l + (1 − Σl)·D`` with ``D`` ~ Dirichlet(1)
  is uniform on ``{w ≥ l, Σw = 1}``; samples breaking an upper bound are
  rejected (and more are drawn). Criteria with ``l_j = u_j`` (a weight of 0
  stays 0 under ±20 %) are held fixed and the others sampled on that face.
  :func:`bounds_around` gives ±20 % bounds.
* Scores are those of the ranking method: the weighted sum of 0..1
  utilities (see :func:`kstad_analysis.scoring.linear_utilities`), or
  TOPSIS on the vector-normalised matrix ``R``. For TOPSIS, with ``w ≥ 0``
  the weighted ideal of column j is ``w_j · r⁺_j``, so ``D+² = (W∘W) @
  ((R − r⁺)²)ᵀ`` and likewise ``D−²``: two matrix products per chunk of
  samples (:func:`kstad_analysis.scoring.topsis_many`). Criterion values are
  taken as exact, so the confidence factor of a need is 1 if it is first
  with its own central weights and 0 otherwise (SMAA-2 defines it as a
  probability over uncertain criterion values).
* Outputs (:class:`SmaaResult`): rank acceptability indices ``b[i, r]`` =
  share of weight samples giving need i rank r + 1 (rows and columns sum
  to 1), central weights (mean weights among samples where i is first),
  confidence factors, P(top N) and the expected rank.

Needs whose values agree on every criterion that carries weight in the
samples always tie (a criterion held at weight 0 does not separate them);
we break such ties uniformly at random in expectation (their
acceptabilities are averaged), so the indices still sum to 1 by rank and
the first-listed need does not always win.

Implementation: samples are processed in chunks (score matrix of at most
about :data:`CHUNK_CELLS` cells), each chunk is one matrix product and one
row-wise argsort, and rank counts are accumulated with ``bincount``, so
memory stays bounded (tens of MB for 1,000 needs) whatever ``n_samples``.
The full ``n × n`` acceptability matrix is kept only up to
:data:`FULL_MATRIX_MAX` needs; beyond that (an upload of 30,000 needs
would need 6.7 GiB of counts per worker) each worker accumulates only
what the results use, linear in n: the counts of the first
:data:`RANK_COLUMNS` ranks, the top-N counts and the sum of ranks (for the
expected rank), and the result holds those columns.
Chunks run in a few threads, since the sort dominates and releases the GIL;
the result does not depend on the number of threads.

Stability intervals (:func:`stability_intervals`): for each criterion k,
the range of ``w_k`` (the others rescaled proportionally to keep their
mutual ratios, :func:`share_path`) over which the top-N set stays the same.
Weighted-sum scores are linear in ``w_k`` along that path, so the interval
ends are the nearest crossings between a need inside and a need outside the
top N; TOPSIS scores are not, so the ends are found on a grid of shares and
refined by bisection.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kstad_analysis.constants import METHODS
from kstad_analysis.i18n import t
from kstad_analysis.scoring import linear_utilities, topsis_many, topsis_profiles, vector_normalise

#: Score-matrix cells per chunk (samples × needs); 2e6 cells ≈ 16 MB float64.
CHUNK_CELLS = 2_000_000
#: Chunks are sorted in parallel threads (numpy's argsort releases the GIL).
MAX_THREADS = 4
#: Grid intervals over the share 0..1 when searching a weight path numerically (TOPSIS).
STABILITY_GRID = 1000
#: Bisection stops when the bracket around a change is narrower than this.
BISECT_TOL = 1e-12
#: Give up when fewer than this share of bounded samples is accepted.
MIN_ACCEPTANCE = 1e-4
#: Up to this many alternatives the whole n × n acceptability matrix is kept (8 MB of counts).
FULL_MATRIX_MAX = 1000
#: Beyond it, the acceptabilities of this many first ranks are kept (plus P(top N) and E[rank]).
RANK_COLUMNS = 20


@dataclass(frozen=True)
class SmaaResult:
    """SMAA-2 indices; row i belongs to alternative ``ids[i]``.

    Complete when built (ids, criterion keys, method and top N are passed to
    the constructor, checked against the arrays' shapes) and frozen, with
    read-only arrays: one result is shared by tables, caches and reports, so
    nobody may relabel or edit it afterwards.

    ``acceptability`` is ``n × n``, or for many needs ``n × k`` (the first
    ``k`` ranks, see ``FULL_MATRIX_MAX``); then ``top_share`` (P(top N)) and
    ``mean_rank`` (the expected rank) must be given, as they cannot be
    derived from the columns kept.
    """

    acceptability: np.ndarray
    central_weights: np.ndarray
    confidence: np.ndarray
    top_n: int
    n_samples: int
    ids: np.ndarray
    criteria: tuple[str, ...]
    method: str = "wsum"
    top_share: np.ndarray | None = None
    mean_rank: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = self.acceptability.shape[0]
        k = self.acceptability.shape[1] if self.acceptability.ndim == 2 else -1
        m = self.central_weights.shape[1] if self.central_weights.ndim == 2 else -1
        ids = np.asarray(self.ids)
        criteria = tuple(str(c) for c in self.criteria)
        partial_ok = k == n or (self.top_share is not None and self.mean_rank is not None)
        extras_ok = all(v is None or np.shape(v) == (n,) for v in (self.top_share, self.mean_rank))
        if (not 1 <= k <= n or not partial_ok or not extras_ok or self.central_weights.shape != (n, m)
                or self.confidence.shape != (n,) or ids.shape != (n,) or len(criteria) != m):
            # A programming error, not a user's: the shapes come from smaa().
            raise ValueError(f"SmaaResult shapes disagree: {n} alternatives, {m} criteria, "
                             f"{ids.shape} ids, {len(criteria)} criterion keys")
        if self.method not in METHODS:
            raise ValueError(t("rank.bad_method", method=self.method, known=", ".join(METHODS)))
        for name, value in (("acceptability", self.acceptability), ("ids", ids),
                            ("central_weights", self.central_weights),
                            ("confidence", self.confidence), ("top_share", self.top_share),
                            ("mean_rank", self.mean_rank)):
            if value is None:
                continue
            frozen = np.array(value, copy=True)
            frozen.setflags(write=False)
            object.__setattr__(self, name, frozen)
        object.__setattr__(self, "criteria", criteria)
        object.__setattr__(self, "top_n", int(self.top_n))
        object.__setattr__(self, "n_samples", int(self.n_samples))

    @property
    def ranks_kept(self) -> int:
        """How many rank columns ``acceptability`` holds (n, or the first k)."""
        return int(self.acceptability.shape[1])

    @property
    def top_probability(self) -> np.ndarray:
        """P(rank ≤ top_n) per alternative."""
        if self.top_share is not None:
            return self.top_share
        return self.acceptability[:, : self.top_n].sum(axis=1)

    @property
    def first_probability(self) -> np.ndarray:
        """b¹: the rank-1 acceptability (share of weights making it best)."""
        return self.acceptability[:, 0]

    @property
    def expected_rank(self) -> np.ndarray:
        if self.mean_rank is not None:
            return self.mean_rank
        ranks = np.arange(1, self.acceptability.shape[1] + 1)
        return self.acceptability @ ranks

    def frame(self) -> pd.DataFrame:
        """``id, p_top, p_first, expected_rank, confidence`` plus central weights."""
        table = pd.DataFrame({
            "id": self.ids, "p_top": self.top_probability, "p_first": self.first_probability,
            "expected_rank": self.expected_rank, "confidence": self.confidence,
        })
        for j, name in enumerate(self.criteria):
            table[f"central_{name}"] = self.central_weights[:, j]
        return table


def bounds_around(weights: np.ndarray, relative: float = 0.2) -> np.ndarray:
    """Per-criterion bounds ``w·(1 ± relative)`` as an ``m × 2`` array."""
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    return np.column_stack([w * (1 - relative), np.minimum(1.0, w * (1 + relative))])


def _dirichlet_ones(rng: np.random.Generator, size: int, m: int) -> np.ndarray:
    e = rng.standard_exponential((size, m))
    return e / e.sum(axis=1, keepdims=True)


def sample_weights(n_samples: int, m: int, weight_bounds: np.ndarray | None = None,
                   rng: np.random.Generator | None = None) -> np.ndarray:
    """``n_samples × m`` weights uniform on the (bounded) simplex."""
    rng = rng or np.random.default_rng()
    if weight_bounds is None:
        return _dirichlet_ones(rng, n_samples, m)
    b = np.asarray(weight_bounds, dtype=float)
    if b.shape != (m, 2):
        raise ValueError(t("rank.smaa.bounds_shape", m=m, shape=str(b.shape)))
    lo, hi = b[:, 0], b[:, 1]
    if np.any(lo < 0) or np.any(hi < lo) or lo.sum() > 1 + 1e-12 or hi.sum() < 1 - 1e-12:
        raise ValueError(t("rank.smaa.bounds_infeasible"))
    free = 1.0 - lo.sum()
    # Criteria whose bounds coincide (e.g. weight 0 with ±20 %) are fixed;
    # sampling runs on the face spanned by the others.
    moving = hi > lo
    if not moving.any():
        return np.broadcast_to(lo / lo.sum(), (n_samples, m)).copy()
    out: list[np.ndarray] = []
    have, drawn, accepted = 0, 0, 0
    batch = n_samples
    while have < n_samples:
        w = np.broadcast_to(lo, (batch, m)).copy()
        w[:, moving] += free * _dirichlet_ones(rng, batch, int(moving.sum()))
        ok = np.all(w <= hi + 1e-12, axis=1)
        drawn, accepted = drawn + batch, accepted + int(ok.sum())
        out.append(w[ok])
        have += int(ok.sum())
        if drawn >= 100_000 and accepted / drawn < MIN_ACCEPTANCE:
            raise ValueError(t("rank.smaa.bounds_tight"))
        rate = max(accepted / drawn, MIN_ACCEPTANCE)
        batch = int(min(2_000_000, max(1000, (n_samples - have) / rate * 1.2)))
    return np.concatenate(out)[:n_samples]


class _Scorer:
    """Scores of all alternatives for a block of weight vectors, one method.

    ``profile`` is what the score depends on per alternative and criterion
    (utilities for the weighted sum, the vector-normalised values for
    TOPSIS): two alternatives whose profiles agree on every criterion that
    carries weight get the same score for every such weight vector. The
    weighted sum is one matrix product per block; TOPSIS two (see
    :func:`kstad_analysis.scoring.topsis_profiles`).
    """

    def __init__(self, matrix: np.ndarray, directions: np.ndarray, method: str,
                 lower: np.ndarray | float | None = None,
                 upper: np.ndarray | float | None = None):
        if method not in METHODS:
            raise ValueError(t("rank.bad_method", method=method, known=", ".join(METHODS)))
        self.method = method
        if method == "wsum":
            self.profile = linear_utilities(matrix, directions, lower, upper)
            self._t = (np.ascontiguousarray(self.profile.T),)
        else:
            self.profile = vector_normalise(matrix)
            # The ideal and anti-ideal come from all alternatives, once.
            self._t = tuple(np.ascontiguousarray(p.T)
                            for p in topsis_profiles(self.profile, directions))

    def reorder(self, rows: np.ndarray) -> None:
        """Score the alternatives in the order ``rows`` from now on."""
        self.profile = self.profile[rows]
        self._t = tuple(np.ascontiguousarray(p[:, rows]) for p in self._t)

    def __call__(self, w: np.ndarray) -> np.ndarray:
        """``len(w) × n`` scores for the weight rows ``w``."""
        if self.method == "wsum":
            return w @ self._t[0]
        return topsis_many(w, *self._t)


def _tie_groups(profile: np.ndarray, active: np.ndarray) -> list[np.ndarray]:
    """Index groups of alternatives whose profiles agree on every criterion
    that carries weight (``active``), size > 1: they tie in every sample.

    Why only the active criteria: two needs that differ only on a criterion
    held at weight 0 still score the same in every sample, and the sort
    would always put the first-listed one ahead.
    """
    _, inverse, counts = np.unique(profile[:, active], axis=0, return_inverse=True,
                                   return_counts=True)
    inverse = inverse.ravel()
    return [np.flatnonzero(inverse == g) for g in np.flatnonzero(counts > 1)]


def _count_chunk(w: np.ndarray, score: _Scorer, n: int, k: int, top_n: int) -> tuple[np.ndarray, ...]:
    """One chunk's counts: of the first ``k`` ranks (flattened ``need × rank``),
    rank-1 weight sums and, when ``k < n``, top-N counts and rank sums (with
    ``k == n`` both follow from the counts)."""
    m = w.shape[1]
    order = np.argsort(-score(w), axis=1)
    first = order[:, 0].copy()
    first_sum = np.column_stack([np.bincount(first, weights=w[:, j], minlength=n) for j in range(m)])
    if k < n:
        top = np.bincount(order[:, :top_n].ravel(), minlength=n)
        rank_sum = np.bincount(order.ravel(), minlength=n,
                               weights=np.broadcast_to(np.arange(1.0, n + 1), order.shape).ravel())
        head = order[:, :k] * k + np.arange(k)
        return np.bincount(head.ravel(), minlength=n * k), first_sum, top, rank_sum
    order *= n
    order += np.arange(n)
    counts = np.bincount(order.ravel(), minlength=n * n)
    return counts, first_sum, np.zeros(n, dtype=np.int64), np.zeros(n)


def smaa(matrix: np.ndarray, directions: np.ndarray, n_samples: int,
         weight_bounds: np.ndarray | None = None, seed: int | None = None, top_n: int = 10, *,
         lower: np.ndarray | float | None = None,
         upper: np.ndarray | float | None = None, method: str = "wsum",
         ids: np.ndarray | None = None,
         criteria: list[str] | tuple[str, ...] | None = None) -> SmaaResult:
    """SMAA-2 by simulation (see the module docstring).

    ``method="wsum"``: ``matrix`` is normalised like
    :func:`kstad_analysis.scoring.weighted_sum` (min–max per column, or fixed
    ``lower``/``upper``). ``method="topsis"``: ``matrix`` holds the raw
    criterion values, scored like :func:`kstad_analysis.scoring.topsis` for
    every sample. ``weight_bounds`` is an ``m × 2`` array of per-criterion
    ``[lower, upper]`` weight bounds. ``ids`` / ``criteria`` label the
    result's rows and central-weight columns (default: positions).
    """
    score = _Scorer(matrix, directions, method, lower, upper)
    n, m = score.profile.shape
    if n == 0 or n_samples < 1:
        raise ValueError(t("rank.smaa.empty"))
    rng = np.random.default_rng(seed)
    weights = sample_weights(n_samples, m, weight_bounds, rng)
    # Work on the alternatives ordered by their score at the mean weight:
    # every sample's scores are then nearly sorted, and the sort that
    # dominates the run does about a third less work (measured). Results
    # are mapped back to the caller's order at the end.
    perm = np.argsort(-score(weights.mean(axis=0)[None, :])[0], kind="stable")
    score.reorder(perm)
    chunk = max(1, min(n_samples, CHUNK_CELLS // n))
    starts = list(range(0, n_samples, chunk))
    workers = max(1, min(MAX_THREADS, os.cpu_count() or 1, len(starts)))
    # Each worker accumulates its own share of chunks: memory is bounded by
    # the number of workers, not by n_samples; and linear in n beyond FULL_MATRIX_MAX.
    shares = [starts[j::workers] for j in range(workers)]
    k = n if n <= FULL_MATRIX_MAX else min(n, RANK_COLUMNS)
    top = int(min(max(int(top_n), 1), n))

    def work(share: list[int]) -> list[np.ndarray]:
        total = [np.zeros(n * k, dtype=np.int64), np.zeros((n, m)), np.zeros(n, dtype=np.int64),
                 np.zeros(n)]
        for a in share:
            for acc, part in zip(total, _count_chunk(weights[a:a + chunk], score, n, k, top),
                                 strict=True):
                acc += part
        return total

    if workers == 1:
        parts = [work(shares[0])]
    else:
        with ThreadPoolExecutor(workers) as pool:
            parts = list(pool.map(work, shares))
    counts, first_weight_sum, top_counts, rank_sums = parts[0]
    for more in parts[1:]:
        for acc, part in zip(parts[0], more, strict=True):
            acc += part
    counts2 = counts.reshape(n, k).astype(float)
    top_counts = top_counts.astype(float)
    for group in _tie_groups(score.profile, weights.max(axis=0) > 0):
        counts2[group] = counts2[group].mean(axis=0)
        first_weight_sum[group] = first_weight_sum[group].mean(axis=0)
        top_counts[group] = top_counts[group].mean()
        rank_sums[group] = rank_sums[group].mean()
    acceptability = counts2 / n_samples
    first_counts = counts2[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = first_weight_sum / first_counts[:, None]
    central[first_counts == 0] = np.nan
    confidence = np.full(n, np.nan)
    has = first_counts > 0
    if has.any():
        s = score(central[has])
        own = s[np.arange(int(has.sum())), np.flatnonzero(has)]
        confidence[has] = (own >= s.max(axis=1) - 1e-12).astype(float)
    back = np.argsort(perm)
    partial = k < n
    return SmaaResult(
        acceptability[back], central[back], confidence[back], int(top_n), int(n_samples),
        ids=np.arange(n) if ids is None else np.asarray(ids),
        criteria=tuple(criteria) if criteria is not None else tuple(str(j) for j in range(m)),
        method=method,
        top_share=(top_counts / n_samples)[back] if partial else None,
        mean_rank=(rank_sums / n_samples)[back] if partial else None,
    )


def share_path(weights: np.ndarray, k: int, shares: np.ndarray) -> np.ndarray:
    """Weight vectors (one row per share) with criterion ``k`` at each share
    and the others rescaled proportionally, keeping their mutual ratios.

    The path a manager follows when moving one slider. When the others all
    have weight 0 they are taken as equal (otherwise the path is a point).
    """
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    s = np.atleast_1d(np.asarray(shares, dtype=float))
    m = w.shape[0]
    others = np.delete(np.arange(m), k)
    rest = w[others]
    rest = rest / rest.sum() if rest.sum() > 0 else np.full(m - 1, 1 / max(m - 1, 1))
    out = np.empty((s.shape[0], m))
    out[:, k] = s
    out[:, others] = (1.0 - s)[:, None] * rest
    return out


def _top_mask(scores: np.ndarray, top_n: int) -> np.ndarray:
    """Boolean ``rows × n``: which alternatives are in each row's top N."""
    idx = np.argpartition(-scores, top_n - 1, axis=1)[:, :top_n]
    mask = np.zeros(scores.shape, dtype=bool)
    np.put_along_axis(mask, idx, True, axis=1)
    return mask


def bisect_change(keeps: Callable[[float], bool], inside: float, outside: float,
                  tol: float = BISECT_TOL) -> float:
    """The last share (within ``tol``) on the ``inside`` side of a change.

    ``keeps(inside)`` is true and ``keeps(outside)`` false; halves the bracket
    until it is narrower than ``tol``.
    """
    while abs(outside - inside) > tol:
        mid = 0.5 * (inside + outside)
        if keeps(mid):
            inside = mid
        else:
            outside = mid
    return inside


def _numeric_interval(score: _Scorer, w: np.ndarray, k: int, base: np.ndarray, top_n: int,
                      grid: int) -> tuple[float, float]:
    """Where along criterion k's share path the top-N set first differs from
    ``base`` on each side of ``w[k]``: a grid over [0, 1], then bisection."""
    shares = np.union1d(np.linspace(0.0, 1.0, grid + 1), [w[k]])
    same = (_top_mask(score(share_path(w, k, shares)), top_n) == base).all(axis=1)
    i = int(np.searchsorted(shares, w[k]))
    same[i] = True  # the current weights define the base set

    def keeps(share: float) -> bool:
        path = share_path(w, k, np.array([share]))
        return bool((_top_mask(score(path), top_n) == base).all())

    up = np.flatnonzero(~same[i:])
    upper = bisect_change(keeps, shares[i + up[0] - 1], shares[i + up[0]]) if up.size else 1.0
    down = np.flatnonzero(~same[: i + 1])
    lower = bisect_change(keeps, shares[down[-1] + 1], shares[down[-1]]) if down.size else 0.0
    return float(lower), float(upper)


def stability_intervals(matrix: np.ndarray, weights: np.ndarray, directions: np.ndarray,
                        top_n: int, *, lower: np.ndarray | float | None = None,
                        upper: np.ndarray | float | None = None,
                        labels: list[str] | None = None, method: str = "wsum",
                        grid: int = STABILITY_GRID) -> pd.DataFrame:
    """Per criterion: the weight range keeping the top-N set of ``method``.

    Returns ``criterion, weight, lower, upper`` (weights as shares summing to
    1 with the others rescaled proportionally, see :func:`share_path`). When
    the current top-N set is itself undecided (a tie at place N), ``lower =
    upper = weight``. ``matrix`` as for :func:`smaa` (utilities' source for
    the weighted sum, raw values for TOPSIS).

    Weighted sum: scores are linear in the share, so the ends are the nearest
    crossings between a need inside and one outside the top N (exact).
    TOPSIS: the score is not linear in the share (the weights enter squared
    under a square root), so the ends are found numerically: the top-N set
    on a grid of ``grid + 1`` shares, then bisection to 1e-12 between the
    last grid share with the same set and the first with another. A set
    change that reverts within one grid step (1/grid) can be missed.
    """
    score = _Scorer(matrix, directions, method, lower, upper)
    u = score.profile
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    n, m = u.shape
    names = labels or [str(j) for j in range(m)]
    rows = []
    current = score(w[None, :])[0]
    order = np.argsort(-current, kind="stable")
    top_n = int(min(max(top_n, 0), n))
    inside, outside = order[:top_n], order[top_n:]
    undecided = 0 < top_n < n and np.isclose(current[order[top_n - 1]], current[order[top_n]],
                                             rtol=0, atol=1e-12)
    base = np.zeros(n, dtype=bool)
    base[inside] = True
    for k in range(m):
        if top_n in (0, n):
            rows.append((names[k], w[k], 0.0, 1.0))
            continue
        if undecided:
            rows.append((names[k], w[k], w[k], w[k]))
            continue
        if method == "topsis":
            rows.append((names[k], w[k], *_numeric_interval(score, w, k, base, top_n, grid)))
            continue
        others = np.delete(np.arange(m), k)
        rest_w = w[others] / w[others].sum() if w[others].sum() > 0 else np.full(m - 1, 1 / (m - 1))
        rest = u[:, others] @ rest_w
        slope = u[:, k] - rest
        a = rest[inside][:, None] - rest[outside][None, :]
        b = slope[inside][:, None] - slope[outside][None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            cross = -a / b
        hi = cross[(b < 0) & (cross > w[k])]
        lo = cross[(b > 0) & (cross < w[k])]
        rows.append((names[k], w[k], float(max(0.0, lo.max())) if lo.size else 0.0,
                     float(min(1.0, hi.min())) if hi.size else 1.0))
    return pd.DataFrame(rows, columns=["criterion", "weight", "lower", "upper"])


__all__ = [
    "smaa", "SmaaResult", "sample_weights", "bounds_around", "stability_intervals", "share_path",
    "bisect_change", "METHODS",
]
