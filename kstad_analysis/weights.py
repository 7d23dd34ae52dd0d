"""Criterion weights: direct, named presets, and AHP pairwise comparisons.

Why a module of its own: weights are where the politics is. Every way of
setting them must end in the same validated, normalised mapping
``{criterion key: weight}`` summing to 1, and a bad input (a negative weight,
a typo in a criterion key, an inconsistent AHP matrix) must produce a clear
Swedish message instead of a silently odd ranking.

AHP (Saaty 1977, 1980): weights are the principal (Perron) eigenvector of the
positive reciprocal pairwise-comparison matrix ``A`` (``a_ij`` = how many
times more important criterion i is than j, ``a_ji = 1/a_ij``). Consistency:
``CI = (λ_max − n)/(n − 1)``, ``CR = CI / RI(n)`` with Saaty's random index
table :data:`RANDOM_INDEX` (Saaty 1980, average CI of random reciprocal
matrices: n = 1…15 → 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
1.51, 1.48, 1.56, 1.57, 1.59). Above ``CR`` 0.10 the judgments should be
revised: :func:`ahp` then emits an :class:`InconsistencyWarning` (through
Python's ``warnings`` module) whose Swedish message names the most
inconsistent comparison, i.e. the ``a_ij`` that deviates most from the ratio
``w_i / w_j`` implied by the weights (largest ``|log(a_ij · w_j / w_i)|``).
:func:`ahp_result` returns the same information as an :class:`AhpResult`
without warning, for user interfaces.

Several evaluators (Forman & Peniwati 1998): AIJ, aggregation of individual
judgments, takes the element-wise geometric mean of the matrices (which is
again reciprocal) and derives weights from it; AIP, aggregation of individual
priorities, derives each evaluator's weights and takes their normalised
geometric mean. See :func:`aggregate_ahp`.

Rank-order centroid (Barron & Barrett 1996): when a participant only orders
the criteria, the weight of the criterion ranked ``i`` of ``n`` is the
centroid of the simplex region that ordering allows,
``w_i = (1/n) Σ_{k=i}^{n} 1/k`` (:func:`rank_order_centroid`).

The value that would make a comparison consistent (:func:`consistent_value`):
for the pair ``(i, j)`` the judgement ``x`` such that the eigenvector weights
of the matrix *with* ``a_ij = x`` satisfy ``w_i / w_j = x``. It is found in
one step with Harker's (1987) incomplete-comparison matrix (the pair left out,
one added to both diagonal entries): its eigenvector is the fixed point.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from kstad_analysis import config
from kstad_analysis.errors import WeightError
from kstad_analysis.i18n import language, t

#: Saaty's random consistency index RI(n), index = matrix size n.
RANDOM_INDEX: tuple[float, ...] = (
    0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
)
#: Above this consistency ratio the judgments should be revised (Saaty).
CR_LIMIT = 0.10
#: How far ``a_ij · a_ji`` may be from 1 (people type 0.33 for 1/3).
_RECIPROCAL_TOLERANCE = 0.02


class InconsistencyWarning(UserWarning):
    """An AHP matrix with consistency ratio above :data:`CR_LIMIT`."""


def _fmt(value: float, decimals: int = 2) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if language() == "sv" else text


# --------------------------------------------------------------------------- direct weights


def criterion_keys() -> list[str]:
    """Keys of the configured criteria, in configuration order."""
    from kstad_analysis.criteria import load_criteria

    return [c.key for c in load_criteria()]


def normalise_weights(mapping: Mapping[str, object],
                      keys: Sequence[str] | None = None) -> dict[str, float]:
    """Validate and normalise weights to sum 1, over all criteria.

    Criteria not mentioned get weight 0 (a weight mapping is a complete
    statement of what matters). Raises :class:`WeightError` for unknown keys,
    non-numeric, negative or non-finite values, and when all weights are 0.
    """
    known = list(keys) if keys is not None else criterion_keys()
    unknown = [k for k in mapping if k not in known]
    if unknown:
        raise WeightError(t("rank.weights.unknown", keys=", ".join(map(str, unknown)),
                            known=", ".join(known)))
    values: dict[str, float] = {}
    for key, raw in mapping.items():
        try:
            value = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise WeightError(t("rank.weights.not_number", key=key, value=raw)) from None
        if not math.isfinite(value):
            raise WeightError(t("rank.weights.not_number", key=key, value=raw))
        if value < 0:
            raise WeightError(t("rank.weights.negative", key=key, value=raw))
        values[key] = value
    total = sum(values.values())
    if total <= 0:
        raise WeightError(t("rank.weights.all_zero"))
    return {k: values.get(k, 0.0) / total for k in known}


def parse_weight_spec(text: str) -> dict[str, float]:
    """Parse ``"nytta=3,kostnad=2"`` (or ``;``-separated, then ``0,5`` is a
    decimal comma) into a raw mapping; :func:`normalise_weights` validates."""
    separator = ";" if ";" in text else ","
    out: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(separator))):
        key, eq, value = part.partition("=")
        if not eq or not key.strip():
            raise WeightError(t("rank.weights.syntax", part=part))
        try:
            out[key.strip()] = float(value.strip().replace(",", "."))
        except ValueError:
            raise WeightError(t("rank.weights.not_number", key=key.strip(), value=value)) from None
    if not out:
        raise WeightError(t("rank.weights.syntax", part=text))
    return out


# --------------------------------------------------------------------------- presets


def _preset_table() -> dict[str, dict[str, object]]:
    return dict(config.load("presets").get("preset", {}))


def presets() -> list[str]:
    """Names of the weight presets in ``data/config/presets.toml``."""
    return list(_preset_table())


def preset(name: str) -> dict[str, float]:
    """Normalised weights of the named preset (case-insensitive name)."""
    table = _preset_table()
    match = next((k for k in table if k.casefold() == name.strip().casefold()), None)
    if match is None:
        raise WeightError(t("rank.weights.unknown_preset", name=name, known=", ".join(table)))
    raw = {k: v for k, v in table[match].items() if not k.startswith("description")}
    return normalise_weights(raw)


def preset_description(name: str, lang: str | None = None) -> str:
    """The preset's one-line description in the active language."""
    entry = _preset_table().get(name, {})
    lang = lang or language()
    return str(entry.get(f"description_{lang}") or entry.get("description_sv") or "")


# --------------------------------------------------------------------------- AHP


@dataclass
class AhpResult:
    """Weights derived from pairwise comparisons, with consistency figures.

    Unpacks like :func:`ahp`'s tuple: ``weights, cr = aggregate_ahp(...)``.
    ``most_inconsistent`` is ``(i, j)`` (indices into ``labels``) of the
    comparison furthest from what the weights imply; ``warning`` is the
    Swedish text shown when ``consistency_ratio`` exceeds :data:`CR_LIMIT`.
    """

    weights: np.ndarray
    consistency_ratio: float
    consistency_index: float
    lambda_max: float
    labels: list[str]
    most_inconsistent: tuple[int, int] | None = None
    judgement: float | None = None
    implied: float | None = None
    warning: str | None = None
    method: str = "eigenvector"
    individual_cr: list[float] = field(default_factory=list)

    def __iter__(self) -> Iterator[object]:
        yield self.weights
        yield self.consistency_ratio

    @property
    def consistent(self) -> bool:
        return self.consistency_ratio <= CR_LIMIT

    def as_dict(self) -> dict[str, float]:
        """Weights keyed by label (criterion key)."""
        return {label: float(w) for label, w in zip(self.labels, self.weights, strict=True)}


def _frame_labels(pairwise: object) -> tuple[list[str], list[str]] | None:
    """Row and column labels of a labelled matrix (a DataFrame), else None.

    A frame with the default positional index and columns (``0..n−1``) is
    unlabelled: it was made from a bare array.
    """
    index, columns = getattr(pairwise, "index", None), getattr(pairwise, "columns", None)
    if index is None or columns is None:
        return None
    rows, cols = [str(x) for x in index], [str(x) for x in columns]
    default = [str(i) for i in range(len(rows))]
    if rows == default and cols == default[: len(cols)]:
        return None
    return rows, cols


def _as_pairwise(pairwise: object, labels: Sequence[str] | None) -> tuple[np.ndarray, list[str]]:
    """A validated reciprocal matrix and its labels, aligned to ``labels``.

    Why the alignment: a DataFrame's judgement ``a_ij`` belongs to the pair
    (row label, column label), not to a position. Its columns must name the
    same criteria as its index (in any order; they are reordered to the
    index), and when ``labels`` are given too, the matrix is reordered to
    them (same set required). A bare array is taken in ``labels`` order.
    """
    a = np.asarray(pairwise, dtype=float)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise WeightError(t("rank.ahp.not_square", shape=str(a.shape)))
    n = a.shape[0]
    named = _frame_labels(pairwise)
    if named is not None:
        rows, cols = named
        if len(set(rows)) != n or set(cols) != set(rows):
            raise WeightError(t("rank.ahp.columns_differ", rows=", ".join(rows),
                                columns=", ".join(cols)))
        a = a[:, [cols.index(r) for r in rows]]
        if labels is not None:
            wanted = [str(x) for x in labels]
            if len(wanted) != n or set(wanted) != set(rows):
                raise WeightError(t("rank.ahp.labels_differ", got=", ".join(rows),
                                    expected=", ".join(wanted)))
            pos = [rows.index(x) for x in wanted]
            a = a[np.ix_(pos, pos)]
        labels = labels if labels is not None else rows
    elif labels is None:
        labels = [str(i + 1) for i in range(n)]
    if len(labels) != n:
        raise WeightError(t("rank.ahp.not_square", shape=str(a.shape)))
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise WeightError(t("rank.ahp.not_positive"))
    product = a * a.T
    bad = np.argwhere(np.abs(product - 1.0) > _RECIPROCAL_TOLERANCE)
    if bad.size:
        i, j = bad[0]
        raise WeightError(t("rank.ahp.not_reciprocal", a=labels[i], b=labels[j],
                            aij=_fmt(a[i, j]), aji=_fmt(a[j, i])))
    return a, [str(x) for x in labels]


def principal_eigenvector(a: np.ndarray) -> tuple[np.ndarray, float]:
    """Perron eigenvector (normalised to sum 1) and eigenvalue of a positive matrix."""
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    vec = np.abs(vectors[:, k].real)
    return vec / vec.sum(), float(values[k].real)


def ahp_result(pairwise: object, labels: Sequence[str] | None = None) -> AhpResult:
    """Eigenvector weights, λ_max, CI, CR and the most inconsistent comparison.

    ``pairwise`` is an ``n × n`` array or a DataFrame (its index gives the
    labels). No warning is emitted; read ``.warning``.
    """
    a, names = _as_pairwise(pairwise, labels)
    n = a.shape[0]
    if n == 1:
        return AhpResult(np.ones(1), 0.0, 0.0, 1.0, names)
    w, lam = principal_eigenvector(a)
    ci = max(0.0, (lam - n) / (n - 1))
    ri = RANDOM_INDEX[n] if n < len(RANDOM_INDEX) else RANDOM_INDEX[-1]
    cr = ci / ri if ri > 0 else 0.0
    deviation = np.abs(np.log(a * w[None, :] / w[:, None]))
    upper_i, upper_j = np.triu_indices(n, 1)
    k = int(np.argmax(deviation[upper_i, upper_j]))
    i, j = int(upper_i[k]), int(upper_j[k])
    result = AhpResult(w, cr, ci, lam, names, (i, j), float(a[i, j]), float(w[i] / w[j]))
    if cr > CR_LIMIT:
        result.warning = t("rank.ahp.inconsistent", cr=_fmt(cr), limit=_fmt(CR_LIMIT),
                           a=names[i], b=names[j], given=_fmt(a[i, j]),
                           implied=_fmt(w[i] / w[j]))
    return result


def ahp(pairwise: object, labels: Sequence[str] | None = None) -> tuple[np.ndarray, float]:
    """Weights (principal eigenvector) and consistency ratio of a pairwise matrix.

    Emits :class:`InconsistencyWarning` with a Swedish message naming the most
    inconsistent comparison when CR > 0.10. For the details use
    :func:`ahp_result`.
    """
    result = ahp_result(pairwise, labels)
    if result.warning:
        warnings.warn(InconsistencyWarning(result.warning), stacklevel=2)
    return result.weights, result.consistency_ratio


def aggregate_ahp(matrices: Sequence[object], method: str = "AIJ",
                  labels: Sequence[str] | None = None) -> AhpResult:
    """Combine several evaluators' pairwise matrices (Forman & Peniwati 1998).

    Labelled matrices (DataFrames) are matched by criterion label, not by
    position. ``AIJ``: element-wise geometric mean of the matrices, then eigenvector;
    the CR and warning are those of the combined matrix. ``AIP``: each
    evaluator's eigenvector weights, combined by a geometric mean and
    normalised; ``consistency_ratio`` is the worst evaluator's CR (AIP keeps
    each evaluator's own judgments), and every CR is in ``individual_cr``.
    """
    if not matrices:
        raise WeightError(t("rank.ahp.no_matrices"))
    sizes = {np.shape(m) for m in matrices}
    if len(sizes) != 1:
        raise WeightError(t("rank.ahp.sizes_differ"))
    # One label order for all: the given labels, else the first labelled
    # matrix's; every labelled matrix is reordered to it (same criteria
    # required), so the same judgements in another row order count the same.
    if labels is None:
        labels = next((named[0] for m in matrices if (named := _frame_labels(m)) is not None),
                      None)
    aligned = [_as_pairwise(m, labels) for m in matrices]
    names = aligned[0][1]
    results = [ahp_result(a, names) for a, _ in aligned]
    individual = [r.consistency_ratio for r in results]
    kind = method.upper()
    if kind == "AIJ":
        stack = np.stack([a for a, _ in aligned])
        combined = ahp_result(np.exp(np.log(stack).mean(axis=0)), names)
        combined.method, combined.individual_cr = "AIJ", individual
        return combined
    if kind == "AIP":
        geo = np.exp(np.log(np.stack([r.weights for r in results])).mean(axis=0))
        worst = results[int(np.argmax(individual))]
        return AhpResult(
            geo / geo.sum(), max(individual), worst.consistency_index, worst.lambda_max, names,
            worst.most_inconsistent, worst.judgement, worst.implied, worst.warning, "AIP",
            individual,
        )
    raise WeightError(t("rank.ahp.bad_method", method=method))


# --------------------------------------------------------------------------- group rounds

#: Saaty's 1–9 scale with reciprocals, as offered in the apps and the workbook.
SAATY_SCALE: tuple[float, ...] = tuple([1 / k for k in range(9, 1, -1)] + list(range(1, 10)))


def rank_order_centroid(n: int) -> np.ndarray:
    """Rank-order centroid weights ``w_i = (1/n) Σ_{k=i}^{n} 1/k`` for ranks 1…n.

    Why ROC rather than 1/rank or linear: it is the expected weight vector
    given only the order (the centroid of ``w_1 ≥ … ≥ w_n ≥ 0, Σ w = 1``),
    and it sums to 1 by construction.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"rank_order_centroid needs n >= 1, got {n!r}")
    tail = np.cumsum(1.0 / np.arange(n, 0, -1))[::-1]  # Σ_{k=i}^{n} 1/k for i = 1..n
    return tail / n


def roc_weights(order: Sequence[str], keys: Sequence[str] | None = None) -> dict[str, float]:
    """ROC weights for criteria listed most important first; criteria in
    ``keys`` but not in ``order`` get 0 (they were left out of the ranking)."""
    known = list(keys) if keys is not None else criterion_keys()
    listed = list(order)
    unknown = [k for k in listed if k not in known]
    if unknown or len(set(listed)) != len(listed) or not listed:
        raise WeightError(t("rank.weights.unknown", keys=", ".join(map(str, unknown or listed)),
                            known=", ".join(known)))
    weights = dict.fromkeys(known, 0.0)
    weights.update(zip(listed, rank_order_centroid(len(listed)).tolist(), strict=True))
    return weights


def consistent_value(pairwise: object, i: int, j: int,
                     labels: Sequence[str] | None = None) -> float:
    """The judgement ``a_ij`` that agrees with the weights it itself produces.

    With every other judgement kept, returns ``x`` such that the principal
    eigenvector ``w`` of the matrix with ``a_ij = x, a_ji = 1/x`` has
    ``w_i / w_j = x``. If only ``a_ij`` spoils an otherwise consistent
    matrix, ``x`` is the ratio the others imply and the CR becomes 0.
    """
    a, _ = _as_pairwise(pairwise, labels)
    n = a.shape[0]
    if not (0 <= i < n and 0 <= j < n) or i == j:
        raise ValueError(f"no comparison ({i}, {j}) in a {n} × {n} matrix")
    if n == 2:  # two criteria: every judgement is consistent
        return float(a[i, j])
    harker = a.copy()
    harker[i, j] = harker[j, i] = 0.0
    harker[i, i] += 1.0
    harker[j, j] += 1.0
    w, _ = principal_eigenvector(harker)
    return float(w[i] / w[j])


def nearest_saaty(value: float) -> float:
    """The value on Saaty's scale closest to ``value`` on a log scale."""
    scale = np.array(SAATY_SCALE)
    return float(scale[int(np.argmin(np.abs(np.log(scale) - math.log(value))))])


__all__ = [
    "SAATY_SCALE", "rank_order_centroid", "roc_weights", "consistent_value", "nearest_saaty",
    "WeightError", "InconsistencyWarning", "RANDOM_INDEX", "CR_LIMIT", "AhpResult",
    "normalise_weights", "parse_weight_spec", "presets", "preset", "preset_description",
    "ahp", "ahp_result", "aggregate_ahp", "principal_eigenvector", "criterion_keys",
]
