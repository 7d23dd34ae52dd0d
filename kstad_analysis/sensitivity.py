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
* Scores are the weighted sum of 0..1 utilities (see
  :func:`kstad_analysis.scoring.linear_utilities`); criterion values are
  taken as exact, so the confidence factor of a need is 1 if it is first
  with its own central weights and 0 otherwise (SMAA-2 defines it as a
  probability over uncertain criterion values).
* Outputs (:class:`SmaaResult`): rank acceptability indices ``b[i, r]`` =
  share of weight samples giving need i rank r + 1 (rows and columns sum
  to 1), central weights (mean weights among samples where i is first),
  confidence factors, P(top N) and the expected rank.

Needs with identical utility rows always tie; we break such ties uniformly
at random in expectation (their acceptabilities are averaged), so the
indices still sum to 1 by rank.

Implementation: samples are processed in chunks (score matrix of at most
about :data:`CHUNK_CELLS` cells), each chunk is one matrix product and one
row-wise argsort, and rank counts are accumulated with ``bincount``, so
memory stays bounded (tens of MB for 1,000 needs) whatever ``n_samples``.
Chunks run in a few threads, since the sort dominates and releases the GIL;
the result does not depend on the number of threads.

Stability intervals (:func:`stability_intervals`): for each criterion k,
the range of ``w_k`` (the others rescaled proportionally to keep their
mutual ratios) over which the top-N set of the weighted sum stays the same.
Scores are linear in ``w_k`` along that path, so the interval ends are the
nearest crossings between a need inside and a need outside the top N.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kstad_analysis.i18n import t
from kstad_analysis.scoring import linear_utilities

#: Score-matrix cells per chunk (samples × needs); 2e6 cells ≈ 16 MB float64.
CHUNK_CELLS = 2_000_000
#: Chunks are sorted in parallel threads (numpy's argsort releases the GIL).
MAX_THREADS = 4
#: Give up when fewer than this share of bounded samples is accepted.
MIN_ACCEPTANCE = 1e-4


@dataclass
class SmaaResult:
    """SMAA-2 indices; row i belongs to alternative i (``ids[i]`` if set)."""

    acceptability: np.ndarray
    central_weights: np.ndarray
    confidence: np.ndarray
    top_n: int
    n_samples: int
    ids: np.ndarray | None = None
    criteria: list[str] | None = field(default=None)

    @property
    def top_probability(self) -> np.ndarray:
        """P(rank ≤ top_n) per alternative."""
        return self.acceptability[:, : self.top_n].sum(axis=1)

    @property
    def first_probability(self) -> np.ndarray:
        """b¹: the rank-1 acceptability (share of weights making it best)."""
        return self.acceptability[:, 0]

    @property
    def expected_rank(self) -> np.ndarray:
        ranks = np.arange(1, self.acceptability.shape[1] + 1)
        return self.acceptability @ ranks

    def frame(self) -> pd.DataFrame:
        """``id, p_top, p_first, expected_rank, confidence`` plus central weights."""
        n = self.acceptability.shape[0]
        ids = self.ids if self.ids is not None else np.arange(n)
        table = pd.DataFrame({
            "id": ids, "p_top": self.top_probability, "p_first": self.first_probability,
            "expected_rank": self.expected_rank, "confidence": self.confidence,
        })
        names = self.criteria or [str(j) for j in range(self.central_weights.shape[1])]
        for j, name in enumerate(names):
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


def _tie_groups(u: np.ndarray) -> list[np.ndarray]:
    """Index groups of identical utility rows (size > 1)."""
    _, inverse, counts = np.unique(u, axis=0, return_inverse=True, return_counts=True)
    inverse = inverse.ravel()
    return [np.flatnonzero(inverse == g) for g in np.flatnonzero(counts > 1)]


def _count_chunk(w: np.ndarray, ut: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank counts (flattened ``need × rank``) and rank-1 weight sums of one chunk."""
    m, n = ut.shape
    order = np.argsort(-(w @ ut), axis=1)
    first = order[:, 0].copy()
    order *= n
    order += np.arange(n)
    counts = np.bincount(order.ravel(), minlength=n * n)
    first_sum = np.column_stack([np.bincount(first, weights=w[:, j], minlength=n) for j in range(m)])
    return counts, first_sum


def smaa(matrix: np.ndarray, directions: np.ndarray, n_samples: int,
         weight_bounds: np.ndarray | None = None, seed: int | None = None, top_n: int = 10, *,
         lower: np.ndarray | float | None = None,
         upper: np.ndarray | float | None = None) -> SmaaResult:
    """SMAA-2 by simulation for the weighted sum (see the module docstring).

    ``matrix`` is normalised like :func:`kstad_analysis.scoring.weighted_sum`
    (min–max per column, or fixed ``lower``/``upper``). ``weight_bounds`` is
    an ``m × 2`` array of per-criterion ``[lower, upper]`` weight bounds.
    """
    u = linear_utilities(matrix, directions, lower, upper)
    n, m = u.shape
    if n == 0 or n_samples < 1:
        raise ValueError(t("rank.smaa.empty"))
    rng = np.random.default_rng(seed)
    weights = sample_weights(n_samples, m, weight_bounds, rng)
    # Work on the alternatives ordered by their score at the mean weight:
    # every sample's scores are then nearly sorted, and the sort that
    # dominates the run does about a third less work (measured). Results
    # are mapped back to the caller's order at the end.
    perm = np.argsort(-(u @ weights.mean(axis=0)), kind="stable")
    u = u[perm]
    ut = np.ascontiguousarray(u.T)
    chunk = max(1, min(n_samples, CHUNK_CELLS // n))
    starts = list(range(0, n_samples, chunk))
    workers = max(1, min(MAX_THREADS, os.cpu_count() or 1, len(starts)))
    # Each worker accumulates its own share of chunks: memory is bounded by
    # the number of workers, not by n_samples.
    shares = [starts[k::workers] for k in range(workers)]

    def work(share: list[int]) -> tuple[np.ndarray, np.ndarray]:
        total = np.zeros(n * n, dtype=np.int64)
        first_sum = np.zeros((n, m))
        for a in share:
            c, f = _count_chunk(weights[a:a + chunk], ut)
            total += c
            first_sum += f
        return total, first_sum

    if workers == 1:
        parts = [work(shares[0])]
    else:
        with ThreadPoolExecutor(workers) as pool:
            parts = list(pool.map(work, shares))
    counts, first_weight_sum = parts[0]
    for c, f in parts[1:]:
        counts += c
        first_weight_sum += f
    counts2 = counts.reshape(n, n).astype(float)
    for group in _tie_groups(u):
        counts2[group] = counts2[group].mean(axis=0)
        first_weight_sum[group] = first_weight_sum[group].mean(axis=0)
    acceptability = counts2 / n_samples
    first_counts = counts2[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = first_weight_sum / first_counts[:, None]
    central[first_counts == 0] = np.nan
    confidence = np.full(n, np.nan)
    has = first_counts > 0
    if has.any():
        s = central[has] @ ut
        own = s[np.arange(int(has.sum())), np.flatnonzero(has)]
        confidence[has] = (own >= s.max(axis=1) - 1e-12).astype(float)
    back = np.argsort(perm)
    return SmaaResult(acceptability[back], central[back], confidence[back], int(top_n),
                      int(n_samples))


def stability_intervals(matrix: np.ndarray, weights: np.ndarray, directions: np.ndarray,
                        top_n: int, *, lower: np.ndarray | float | None = None,
                        upper: np.ndarray | float | None = None,
                        labels: list[str] | None = None) -> pd.DataFrame:
    """Per criterion: the weight range keeping the weighted-sum top-N set.

    Returns ``criterion, weight, lower, upper`` (weights as shares summing to
    1 with the others rescaled proportionally). When the current top-N set is
    itself undecided (a tie at place N), ``lower = upper = weight``. When the
    criterion has all the weight, the others are taken as equal.
    """
    u = linear_utilities(matrix, directions, lower, upper)
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    n, m = u.shape
    names = labels or [str(j) for j in range(m)]
    rows = []
    score = u @ w
    order = np.argsort(-score, kind="stable")
    top_n = int(min(max(top_n, 0), n))
    inside, outside = order[:top_n], order[top_n:]
    undecided = 0 < top_n < n and np.isclose(score[order[top_n - 1]], score[order[top_n]],
                                             rtol=0, atol=1e-12)
    for k in range(m):
        if top_n in (0, n):
            rows.append((names[k], w[k], 0.0, 1.0))
            continue
        if undecided:
            rows.append((names[k], w[k], w[k], w[k]))
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


__all__ = ["smaa", "SmaaResult", "sample_weights", "bounds_around", "stability_intervals"]
