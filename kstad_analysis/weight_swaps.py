"""The smallest change of one weight that swaps two alternatives.

Why a kernel of its own: "varför A före B" (:func:`kstad_analysis.ranking.explain`)
must answer with the method the ranking used. For the weighted sum the
answer is closed-form (Triantaphyllou & Sánchez 1997); for TOPSIS the score
is not linear in a weight, so the crossing is searched numerically along the
same path. Both return the crossing as the criterion's new *share* on the
path a manager follows when moving one slider: that criterion at share
``s``, the others rescaled proportionally
(:func:`kstad_analysis.sensitivity.share_path`). Plain numpy in and out.

Conventions: ``w`` sums to 1; ``gap`` is ``score_A − score_B`` at ``w``; a
result ``new_share[k]`` is where A and B tie (just beyond it they swap),
NaN where changing weight k alone cannot swap them (``feasible[k]`` false).
"""

from __future__ import annotations

import numpy as np

from kstad_analysis.scoring import topsis_many
from kstad_analysis.sensitivity import BISECT_TOL, bisect_change, share_path

#: Shares this close to 0 or 1 count as the end of the path (no swap beyond).
EDGE = 1e-12
#: Grid intervals over the share 0..1 before bisecting a sign change (TOPSIS).
SWAP_GRID = 1000


def wsum_swaps(w: np.ndarray, ua: np.ndarray, ub: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Triantaphyllou & Sánchez (1997) for the weighted sum; returns
    ``(new_share, delta)``.

    ``D = Σ w_k (u_Ak − u_Bk)``. Changing only the raw weight ``w_k`` to
    ``w_k − δ`` (others unchanged, then renormalised: the others keep their
    ratios) makes A and B tie at ``δ_k = D / (u_Ak − u_Bk)``; the new share is
    ``(w_k − δ_k) / (1 − δ_k)``. Feasible when that share lies strictly
    inside (0, 1), so that the weight can be moved past it.
    """
    du = ua - ub
    gap = float(w @ du)
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.where(du != 0, gap / du, np.nan)
        new_raw = w - delta
        new_share = new_raw / (1.0 - delta)
    # Strictly inside (0, 1): a tie reached only at share 0 or 1 cannot be
    # passed, so it is no swap (T&S's "weight stays ≥ 0" would admit it).
    feasible = np.isfinite(delta) & (1.0 - delta > 0) & (new_raw > EDGE * (1.0 - delta)) \
        & (new_raw < (1.0 - EDGE) * (1.0 - delta))
    return np.where(feasible, np.clip(new_share, 0.0, 1.0), np.nan), np.where(feasible, delta, np.nan)


def topsis_swaps(w: np.ndarray, plus_t: np.ndarray, minus_t: np.ndarray, sign: float,
                 grid: int = SWAP_GRID, tol: float = BISECT_TOL) -> np.ndarray:
    """Per criterion, the share nearest ``w_k`` at which TOPSIS ties A and B.

    ``plus_t`` / ``minus_t``: ``m × 2`` columns of A and B from
    :func:`kstad_analysis.scoring.topsis_profiles` (computed over *all*
    alternatives, whose extremes fix the ideal). ``sign``: +1 when A is
    ahead at ``w``, −1 when B is. Scans ``grid + 1`` shares over [0, 1] on
    each criterion's path, then bisects (to ``tol``) the first sign change of
    ``score_A − score_B`` on either side of ``w_k``; of the two, the nearer.
    A crossing and re-crossing within one grid step (1/grid) can be missed.
    """
    m = w.shape[0]
    out = np.full(m, np.nan)

    def ahead(weights: np.ndarray) -> np.ndarray:
        c = topsis_many(weights, plus_t, minus_t)
        return sign * (c[:, 0] - c[:, 1])

    for k in range(m):
        shares = np.union1d(np.linspace(0.0, 1.0, grid + 1), [w[k]])
        g = ahead(share_path(w, k, shares))
        i = int(np.searchsorted(shares, w[k]))
        swapped = g < 0
        swapped[i] = False

        def keeps(share: float, k: int = k) -> bool:
            return bool(ahead(share_path(w, k, np.array([share])))[0] > 0)

        found = []
        up = np.flatnonzero(swapped[i:])
        if up.size:
            j = i + int(up[0])
            found.append(bisect_change(keeps, shares[j - 1], shares[j], tol))
        down = np.flatnonzero(swapped[:i])
        if down.size:
            j = int(down[-1])
            found.append(bisect_change(keeps, shares[j + 1], shares[j], tol))
        if found:
            out[k] = min(found, key=lambda s: abs(s - w[k]))
    return out


__all__ = ["wsum_swaps", "topsis_swaps", "SWAP_GRID"]
