"""The value a budget portfolio sums: benefit on a ratio scale with a true zero.

Why not the ranking score: a ranking's additive value scores every criterion
from 0 at the worst level seen, which is fine for ordering single needs but
wrong for a sum. It treats "not doing a need" as if it were the worst level
on every criterion, so every need carries positive value and cheap needs win
by number; and cost, being both a criterion and the budget, is counted twice
(the *baseline problem*, Clemen & Smith 2009, Decision Analysis 6(4); Morton
2015, EJOR 245). Here each benefit criterion is measured from its "nothing
gained" level (``noll`` in ``data/config/value.toml``): 0 kr a year, rating 1,
one förvaltning. A need with nothing on every benefit criterion is worth 0
and is never chosen unless forced (lagkrav, måste). Cost stays the budget
constraint; risk scales the expected benefit down instead of adding value of
its own; lagkrav enters as a constraint, not as benefit.

Unit: *nyttopoäng*. A need at the reference level on every weighted benefit
criterion, at the lowest risk, is worth 1. The weights are the scenario's
weights on the benefit criteria, rescaled to sum to 1, so the same weight
sliders steer both the list and the budget.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kstad_analysis import config
from kstad_analysis.i18n import t


class ValueModelError(ValueError):
    """The value model cannot be applied; the message is user-facing (Swedish)."""


@dataclass(frozen=True)
class ValueModel:
    """Zero and reference level of each benefit criterion, and the risk factor."""

    zero: Mapping[str, float]
    reference: Mapping[str, float]
    risk_key: str
    risk_share: Mapping[int, float]

    @property
    def criteria(self) -> tuple[str, ...]:
        return tuple(self.zero)

    @classmethod
    def load(cls, data: Mapping[str, Any] | None = None) -> ValueModel:
        raw = data if data is not None else config.load("value")
        zero, reference = {}, {}
        for key, entry in raw["nyttokriterier"].items():
            lo, ref = float(entry["noll"]), float(entry["referens"])
            if not ref > lo:
                raise ValueModelError(t("value.err.reference", key=key, zero=lo, reference=ref))
            zero[key], reference[key] = lo, ref
        risk = raw["risk"]
        shares = {int(k): float(v) for k, v in risk["andel"].items()}
        if any(not 0.0 <= v <= 1.0 for v in shares.values()):
            raise ValueModelError(t("value.err.risk_share"))
        return cls(zero, reference, str(risk["kriterium"]), shares)


@dataclass(frozen=True, eq=False)
class BenefitValues:
    """Nyttopoäng per need and how they arise.

    ``value``: by need id (NaN where the ranking left the need out, with the
    reason in ``reasons``). ``parts``: per need and benefit criterion, the
    points before the risk factor; ``risk_factor`` per need; ``weights``: the
    benefit weights used (sum 1).
    """

    value: pd.Series
    parts: pd.DataFrame
    risk_factor: pd.Series
    weights: Mapping[str, float]
    reasons: Mapping[str, str]


def benefit_weights(weights: Mapping[str, float], model: ValueModel) -> dict[str, float]:
    """The scenario's weights on the benefit criteria, rescaled to sum 1."""
    chosen = {k: max(0.0, float(weights.get(k, 0.0))) for k in model.criteria}
    total = sum(chosen.values())
    if total <= 0:
        raise ValueModelError(t("value.err.no_weight", keys=", ".join(model.criteria)))
    return {k: v / total for k, v in chosen.items()}


def benefit_points(matrix: np.ndarray, keys: list[str], weights: Mapping[str, float],
                   model: ValueModel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The kernel: nyttopoäng, per-criterion points and risk factors for a raw
    decision matrix (rows = needs, columns = ``keys``, in the criteria's units).

    Values below a criterion's zero count as zero (a rating cannot take
    benefit away); there is no upper cap, since a ratio scale has none.
    """
    w = benefit_weights(weights, model)
    n = matrix.shape[0]
    parts = np.zeros((n, len(model.criteria)))
    for j, key in enumerate(model.criteria):
        if key not in keys:
            raise ValueModelError(t("value.err.unknown_criterion", key=key))
        column = matrix[:, keys.index(key)]
        span = model.reference[key] - model.zero[key]
        parts[:, j] = w[key] * np.clip(column - model.zero[key], 0.0, None) / span
    if model.risk_key in keys:
        ratings = matrix[:, keys.index(model.risk_key)]
        factor = np.array([model.risk_share.get(int(round(r)), np.nan) if np.isfinite(r)
                           else np.nan for r in ratings])
    else:
        factor = np.ones(n)
    return factor * parts.sum(axis=1), parts, factor


def benefit_values(ranker: Any, weights: Mapping[str, float],
                   model: ValueModel | None = None) -> BenefitValues:
    """Nyttopoäng for every need the :class:`~kstad_analysis.ranking.Ranker`
    could rank (same criterion values, same neutral-value policy), by id."""
    model = model or ValueModel.load()
    value, parts, factor = benefit_points(ranker.matrix, list(ranker.keys), weights, model)
    index = pd.Index([str(i) for i in ranker.ids], name="id")
    reasons = {str(r.id): str(r.reason) for r in ranker.excluded.itertuples()}
    return BenefitValues(
        value=pd.Series(value, index=index, name="value"),
        parts=pd.DataFrame(parts, index=index, columns=list(model.criteria)),
        risk_factor=pd.Series(factor, index=index, name="risk_factor"),
        weights=benefit_weights(weights, model), reasons=reasons,
    )


__all__ = ["BenefitValues", "ValueModel", "ValueModelError", "benefit_points", "benefit_values",
           "benefit_weights"]
