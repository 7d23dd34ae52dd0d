"""The robust-portfolio model: weight set, its extreme points, dominance, the result.

Why one place: the exact enumeration and the method for large cases must mean
the same thing by "feasible", "dominates" and "kärna", so the validation, the
normalised value table and the dominance test live here and both use them.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from kstad_analysis.i18n import t
from kstad_analysis.portfolio import Model, explain_infeasible, prepare

CORE, BORDERLINE, EXTERIOR = "kärna", "gränsfall", "utanför"
LABELS = (CORE, BORDERLINE, EXTERIOR)
_LABEL_KEY = {CORE: "core", BORDERLINE: "borderline", EXTERIOR: "exterior"}
FEASIBLE_AT = ("nominal", "high")
#: Relative tolerance on portfolio values: differences below ``TOL × (largest
#: portfolio value)`` count as ties. Far above float rounding, far below any
#: difference a decision hinges on.
TOL = 1e-6


def extreme_points(lower, upper) -> np.ndarray:
    """The vertices of ``W = {w : Σw = 1, lower ≤ w ≤ upper}`` as rows.

    Why this enumeration is complete: W lies in the hyperplane Σw = 1, so a
    point of W is a vertex iff m linearly independent constraints are active
    there; the equality is one, so at least m − 1 coordinates sit at a bound.
    Conversely m − 1 coordinates at bounds fix the last by the sum, and the
    m − 1 unit vectors plus the all-ones vector are independent, so the point
    is a vertex whenever the last coordinate is within its own bounds. Trying
    every coordinate as the free one and every lower/upper choice for the
    others (m·2^(m−1) candidates, 448 for m = 7) finds them all; coinciding
    candidates (the free one also at a bound) are merged.
    """
    lo = np.asarray(lower, dtype=float).reshape(-1)
    hi = np.asarray(upper, dtype=float).reshape(-1)
    m = lo.size
    if (hi.size != m or m == 0 or not np.all(np.isfinite(lo)) or not np.all(np.isfinite(hi))
            or np.any(lo < -1e-12) or np.any(hi < lo - 1e-12)
            or lo.sum() > 1 + 1e-9 or hi.sum() < 1 - 1e-9):
        raise ValueError(t("robust.err.bounds"))
    lo, hi = np.clip(lo, 0, None), np.maximum(hi, lo)
    eps = 1e-12 * max(1.0, float(hi.max()))
    found = []
    for k in range(m):
        others = [j for j in range(m) if j != k]
        choices = [(lo[j],) if hi[j] - lo[j] <= eps else (lo[j], hi[j]) for j in others]
        for combo in itertools.product(*choices):
            rest = 1.0 - sum(combo)
            if lo[k] - 1e-9 <= rest <= hi[k] + 1e-9:
                w = np.empty(m)
                w[others] = combo
                w[k] = min(max(rest, lo[k]), hi[k])
                found.append(w)
    points = np.unique(np.round(np.array(found), 12), axis=0)
    return points / points.sum(axis=1, keepdims=True)


def dominates(ya: np.ndarray, ca: float, yb: np.ndarray, cb: float, tol: float) -> bool:
    """Does portfolio a dominate b, given their values at every extreme point?

    Why the extreme points suffice: V(p, w) is linear in w, so V(a) − V(b) ≥ 0
    on W iff it is at the vertices, and if it is > 0 somewhere in W it is > 0
    at some vertex. Among portfolios of equal value for every admissible
    weight, the cheaper one dominates: the same benefit for less money (this
    is what keeps a need without benefit out of the core instead of making it
    "gränsfall"; Liesiö et al. compare values only).
    """
    if np.any(ya < yb - tol):
        return False
    if np.any(ya > yb + tol):
        return True
    return ca < cb - 1e-9 * max(1.0, abs(cb))


@dataclass
class Problem:
    """Validated inputs, shared by both methods.

    ``model`` is the portfolio kernel's model with the costs that decide
    feasibility; ``Y`` holds each need's value at each extreme point,
    normalised so that the largest is 1 (tolerances then mean the same on
    every data set); ``cost`` is each need's total cost (the tie-break);
    ``centre`` (mean of the vertices) lies in the relative interior of W.
    """

    model: Model
    Y: np.ndarray
    cost: np.ndarray
    vertices: np.ndarray
    centre: np.ndarray
    feasible_at: str
    tol: float
    null: np.ndarray  # needs without value anywhere in W that nothing requires

    @property
    def n(self) -> int:
        return self.Y.shape[0]

    def at_centre(self) -> np.ndarray:
        """Each need's value at ``centre`` (linear in w: the mean over vertices)."""
        return self.Y.mean(axis=1)


def problem(values, costs, budget, lower, upper, *, must=(), exclude=(), requires=(),
            exclusive=(), requires_any=(), at_least_one=(), running=None, running_cap=None,
            cost_high=None, feasible_at: str = "nominal") -> Problem:
    """Validate (Swedish ValueError) and build the shared :class:`Problem`.

    ``feasible_at="nominal"``: a portfolio must fit the budget at ``costs``;
    ``"high"``: at ``cost_high`` (every chosen need at the top of its ± cost
    interval), the robust reading of a cost uncertainty.
    """
    if feasible_at not in FEASIBLE_AT:
        raise ValueError(t("robust.err.feasible_at", value=feasible_at))
    v = np.asarray(values, dtype=float)
    if v.ndim == 1:
        v = v.reshape(-1, 1)
    if v.ndim != 2 or not np.all(np.isfinite(v)) or np.any(v < 0):
        raise ValueError(t("robust.err.values", shape=str(np.shape(values))))
    vertices = extreme_points(lower, upper)
    if vertices.shape[1] != v.shape[1]:
        raise ValueError(t("robust.err.criteria", m=v.shape[1], k=vertices.shape[1]))
    basis = costs if feasible_at == "nominal" or cost_high is None else cost_high
    model = prepare(np.zeros(len(v)), basis, budget, must, exclude, requires, exclusive,
                    running, running_cap, requires_any=requires_any, at_least_one=at_least_one)
    reason = explain_infeasible(model)
    if reason:
        raise ValueError(t("robust.err.infeasible", reason=reason))
    Y = v @ vertices.T
    peak = float(Y.max()) if Y.size else 0.0
    Y = Y / peak if peak > 0 else Y
    cost = model.item_cost()
    targets = {o for _, options in model.requires for o in options}
    null = np.array([bool(np.all(Y[i] == 0)) and cost[i] > 0 and i not in targets
                     and model.lb[i] == 0 for i in range(len(v))], dtype=bool)
    tol = TOL * max(1.0, float(Y.sum(axis=0).max()) if Y.size else 1.0)
    centre = vertices.mean(axis=0)
    return Problem(model, Y, cost, vertices, centre, feasible_at, tol, null)


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class CoreResult:
    """Each need's class under the admissible weights, and how sure we are.

    ``labels`` per need: ``"kärna"`` (in every non-dominated portfolio),
    ``"gränsfall"`` or ``"utanför"`` (in none). ``certain[i]`` says the label
    is proven; only a ``"kärna"`` or ``"utanför"`` can be unproven, and then
    the truth may be ``"gränsfall"``, never the opposite class. ``core_index``
    is the share of ``portfolios`` containing each need: the exact core index
    when ``complete`` (the enumeration found every non-dominated portfolio),
    otherwise the share among the non-dominated portfolios found. Every
    portfolio in ``portfolios`` is non-dominated (up to ``tolerance``, relative
    to the largest portfolio value). ``rounds`` counts the integer programs
    of the large method's proof; ``feasible`` the portfolios enumerated.
    """

    labels: tuple[str, ...]
    certain: np.ndarray
    core_index: np.ndarray
    portfolios: tuple[np.ndarray, ...]
    method: str
    exact: bool
    complete: bool
    vertices: np.ndarray
    feasible_at: str
    tolerance: float
    rounds: int = 0
    feasible: int = 0
    seconds: float = math.nan
    #: ``"time"`` when the safety-net time limit cut the work short (the
    #: classes then depend on the machine's load); ``""`` when only the
    #: counted work limits applied (the same answer under any load).
    stopped: str = ""
    #: Branch-and-bound nodes the large method's MILPs used.
    nodes: int = 0

    @property
    def checked(self) -> int:
        """How many needs have a proven label."""
        return int(np.sum(self.certain))

    @property
    def unresolved(self) -> np.ndarray:
        """Needs whose label is not proven (empty when ``exact``)."""
        return np.flatnonzero(~self.certain)

    def members(self, label: str) -> np.ndarray:
        """Indices of the needs with ``label``."""
        return np.array([i for i, lab in enumerate(self.labels) if lab == label], dtype=int)

    def label_text(self, i: int, lang: str | None = None) -> str:
        return t(f"robust.label.{_LABEL_KEY[self.labels[i]]}", lang)

    def sentence(self, lang: str | None = None) -> str:
        """The method and its error bound, in Swedish (or English)."""
        counts = dict(nd=len(self.portfolios), vertices=len(self.vertices),
                      rounds=self.rounds)
        if self.method == "enumeration":
            text = t("robust.method.enumeration", lang, feasible=self.feasible, **counts)
        elif self.exact:
            text = t("robust.method.supported.exact", lang, **counts)
        else:
            text = t("robust.method.supported.partial", lang,
                     unresolved=len(self.unresolved), **counts)
        if self.stopped == "time":
            text = f"{text} {t('robust.method.time_net', lang)}"
        return f"{text} {t(f'robust.feasible_at.{self.feasible_at}', lang)}"


def label_text(label: str, lang: str | None = None) -> str:
    """The catalogue text for a label code (``"kärna"`` → "kärna" / "core")."""
    return t(f"robust.label.{_LABEL_KEY[label]}", lang)


def classify(share: np.ndarray) -> tuple[str, ...]:
    """Labels from the share of portfolios containing each need."""
    return tuple(CORE if s >= 1 else EXTERIOR if s <= 0 else BORDERLINE for s in share)
