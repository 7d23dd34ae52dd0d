"""Scoring kernels: weighted sum and TOPSIS on plain numpy arrays.

Why kernels without pandas or configuration: the Voila app re-scores on every
slider move, the SMAA simulation scores thousands of weight vectors, and the
tests compare against scikit-criteria and pymcdm; all of them need the same
few lines of arithmetic with no I/O and no validation overhead beyond shapes.

Conventions shared by every function here:

* ``matrix`` is ``n_alternatives × n_criteria`` (float).
* ``directions`` holds ``+1`` for a benefit criterion (more is better) and
  ``-1`` for a cost criterion (less is better).
* ``weights`` are non-negative; they are normalised to sum 1 here, so scaling
  all weights by a constant never changes a score.
"""

from __future__ import annotations

import numpy as np

#: Scores equal to this many decimals share a rank (floating-point noise from
#: summing the same numbers in a different order must not split a tie).
TIE_DECIMALS = 12


def _as_inputs(matrix: np.ndarray, weights: np.ndarray,
               directions: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.asarray(matrix, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"matrix must be 2-D, got shape {x.shape}")
    w = np.asarray(weights, dtype=float).ravel()
    d = np.asarray(directions).ravel()
    if w.shape[0] != x.shape[1] or d.shape[0] != x.shape[1]:
        raise ValueError(
            f"{x.shape[1]} criteria but {w.shape[0]} weights and {d.shape[0]} directions"
        )
    if not np.all(np.isin(d, (1, -1))):
        raise ValueError("directions must be +1 (benefit) or -1 (cost)")
    if np.any(~np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
        raise ValueError("weights must be finite, non-negative and not all zero")
    return x, w / w.sum(), d.astype(float)


def linear_utilities(matrix: np.ndarray, directions: np.ndarray,
                     lower: np.ndarray | float | None = None,
                     upper: np.ndarray | float | None = None) -> np.ndarray:
    """Map each column linearly onto 0..1, 1 being best.

    With ``lower``/``upper`` given, the scale is fixed (values outside are
    clipped), so an alternative's utility does not depend on the others. With
    them omitted, each column's own min and max are used (classic min–max
    normalisation; adding an alternative can then change the others' scores
    and cause rank reversal). A column whose bounds coincide gets utility 1
    for everyone (as pymcdm does): it cannot discriminate anyway.
    """
    x = np.asarray(matrix, dtype=float)
    d = np.asarray(directions, dtype=float).ravel()
    lo = np.nanmin(x, axis=0) if lower is None else np.broadcast_to(np.asarray(lower, float), d.shape)
    hi = np.nanmax(x, axis=0) if upper is None else np.broadcast_to(np.asarray(upper, float), d.shape)
    span = hi - lo
    safe = np.where(span > 0, span, 1.0)
    u = np.clip((x - lo) / safe, 0.0, 1.0)
    u = np.where(d > 0, u, 1.0 - u)
    return np.where(span > 0, u, 1.0)


def weighted_sum(matrix: np.ndarray, weights: np.ndarray, directions: np.ndarray, *,
                 lower: np.ndarray | float | None = None,
                 upper: np.ndarray | float | None = None) -> np.ndarray:
    """Simple additive weighting: ``Σ_j w_j · u_ij`` with utilities ``u`` in 0..1.

    Utilities come from :func:`linear_utilities` (min–max by default, fixed
    bounds when ``lower``/``upper`` are given). To score utilities you have
    already computed, pass them with ``directions`` all +1 and ``lower=0,
    upper=1``. Returns one score per alternative, in 0..1.
    """
    x, w, d = _as_inputs(matrix, weights, directions)
    return linear_utilities(x, d, lower, upper) @ w


def vector_normalise(matrix: np.ndarray) -> np.ndarray:
    """Hwang & Yoon's vector normalisation ``r_ij = x_ij / sqrt(Σ_i x_ij²)``.

    An all-zero column stays zero (it cannot discriminate).
    """
    x = np.asarray(matrix, dtype=float)
    norms = np.sqrt(np.einsum("ij,ij->j", x, x))
    return x / np.where(norms > 0, norms, 1.0)


def topsis_distances(normalised: np.ndarray, weights: np.ndarray,
                     directions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-criterion squared distances to the ideal and the anti-ideal.

    Takes the vector-normalised matrix, returns two ``n × m`` arrays whose row
    sums are ``D+²`` and ``D−²``; kept separate so callers can attribute the
    closeness to criteria.
    """
    v = normalised * weights
    vmax, vmin = v.max(axis=0), v.min(axis=0)
    ideal = np.where(directions > 0, vmax, vmin)
    anti = np.where(directions > 0, vmin, vmax)
    return (v - ideal) ** 2, (v - anti) ** 2


def topsis_profiles(normalised: np.ndarray,
                    directions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unweighted per-cell squared distances ``(r_ij − r⁺_j)²`` and ``(r_ij − r⁻_j)²``.

    Why: with non-negative weights the weighted ideal of column j is
    ``w_j · r⁺_j`` (``r⁺_j`` = the column's max for a benefit, min for a
    cost) and likewise the anti-ideal, so ``D+² = Σ_j w_j² (r_ij − r⁺_j)²``.
    These two ``n × m`` arrays do not depend on the weights; the distances for
    many weight vectors are then one matrix product each
    (:func:`topsis_many`), which is what SMAA and the weight-path searches
    need.
    """
    r = np.asarray(normalised, dtype=float)
    d = np.asarray(directions, dtype=float).ravel()
    rmax, rmin = r.max(axis=0), r.min(axis=0)
    ideal = np.where(d > 0, rmax, rmin)
    anti = np.where(d > 0, rmin, rmax)
    return (r - ideal) ** 2, (r - anti) ** 2


def topsis_many(weights: np.ndarray, plus_t: np.ndarray, minus_t: np.ndarray) -> np.ndarray:
    """TOPSIS closeness for each row of ``weights`` (``s × m``, non-negative).

    ``plus_t`` / ``minus_t`` are the transposed (``m × n``) arrays of
    :func:`topsis_profiles`. Returns ``s × n``. Closeness does not change when
    a weight vector is scaled, so rows need not sum to 1.
    """
    w2 = np.square(weights)
    return closeness(np.sqrt(w2 @ plus_t), np.sqrt(w2 @ minus_t))


def closeness(d_plus: np.ndarray, d_minus: np.ndarray) -> np.ndarray:
    """``C = D− / (D+ + D−)``; 0.5 when an alternative is both (all equal)."""
    total = d_plus + d_minus
    return np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)


def topsis(matrix: np.ndarray, weights: np.ndarray, directions: np.ndarray) -> np.ndarray:
    """Classic TOPSIS (Hwang & Yoon 1981): vector normalisation, weighting,
    ideal and anti-ideal per criterion, Euclidean distances ``D+``/``D−``,
    closeness coefficient ``D− / (D+ + D−)`` in 0..1 (higher is better).

    Unlike the weighted sum with fixed bounds, TOPSIS normalises by the other
    alternatives, so adding or removing one can reorder the rest (rank
    reversal).
    """
    x, w, d = _as_inputs(matrix, weights, directions)
    sq_plus, sq_minus = topsis_distances(vector_normalise(x), w, d)
    return closeness(np.sqrt(sq_plus.sum(axis=1)), np.sqrt(sq_minus.sum(axis=1)))


def rank_scores(scores: np.ndarray, decimals: int = TIE_DECIMALS) -> np.ndarray:
    """Integer ranks, 1 = highest score; equal scores share the lowest rank
    number of their group ("min" method, as in sports: 1, 2, 2, 4).

    Scores are compared rounded to ``decimals`` so that arithmetic noise does
    not break ties between genuinely equal alternatives.
    """
    s = np.round(np.asarray(scores, dtype=float), decimals)
    if s.size == 0:
        return np.zeros(0, dtype=int)
    order = np.argsort(-s, kind="stable")
    sorted_s = s[order]
    new_group = np.r_[True, sorted_s[1:] != sorted_s[:-1]]
    positions = np.arange(1, s.size + 1)
    group_rank = np.maximum.accumulate(np.where(new_group, positions, 0))
    ranks = np.empty(s.size, dtype=int)
    ranks[order] = group_rank
    return ranks


__all__ = [
    "weighted_sum", "topsis", "rank_scores", "linear_utilities", "vector_normalise",
    "topsis_distances", "topsis_profiles", "topsis_many", "closeness", "TIE_DECIMALS",
]
