"""Prioritisation criteria: configuration, raw values and normalisation.

Why configured, not coded: which criteria count, their direction, scale,
default weight and what to do when a value is missing are policy, owned by
analysts (``data/config/criteria.toml``).

Normalisation for the weighted sum (:func:`utilities`) uses each criterion's
*fixed* scale from the configuration, never the other needs:

* ratings 1–5: ``(x − 1) / 4``; counts (koncernnytta) and yes/no likewise
  linear between their configured bounds;
* money (ekonomisk nytta kr/år, kostnad kr over the calculation period):
  ``log10`` between configured bounds (e.g. 10 000 kr … 10 Mkr), clipped
  outside. Log because amounts span four orders of magnitude and a step
  from 100 000 to 1 000 000 kr should count like one from 1 to 10 Mkr;
  fixed bounds because then a need's score depends only on its own values,
  so adding or removing a need never changes another need's score and the
  weighted sum has no rank reversal. The price: amounts beyond the bounds
  are clipped (all benefits above 10 Mkr/yr score alike), so the bounds
  must cover the plans' range; analysts set them in the configuration.

TOPSIS (:mod:`kstad_analysis.scoring`) instead uses the raw values with
Hwang & Yoon's vector normalisation, which depends on all needs.

Missing values follow each criterion's ``missing`` policy: ``exclude`` (the
need is left out of the ranking and listed with the reason) or ``neutral``
(the configured neutral value is used and the need's ``imputed`` list says
so). Nothing becomes a silent 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kstad_analysis import config
from kstad_analysis.i18n import language, t

SOURCES = ("annual_benefit", "total_cost", "strategic", "citizen", "risk", "koncernnytta", "legal")
SCALES = ("money", "rating", "count", "yesno")
TRANSFORMS = ("linear", "log")
POLICIES = ("exclude", "neutral")


@dataclass(frozen=True)
class Criterion:
    """One configured criterion (see ``data/config/criteria.toml``)."""

    key: str
    label_sv: str
    label_en: str
    direction: int
    source: str
    scale: str
    transform: str
    lower: float
    upper: float
    weight: float
    missing: str
    neutral: float | None = None

    def label(self, lang: str | None = None) -> str:
        return self.label_en if (lang or language()) == "en" else self.label_sv

    def utility(self, values: np.ndarray) -> np.ndarray:
        """Map raw values onto 0..1 on the fixed scale, 1 = best."""
        x = np.asarray(values, dtype=float)
        if self.transform == "log":
            lo, hi = np.log10(self.lower), np.log10(self.upper)
            x = np.log10(np.maximum(x, self.lower))
        else:
            lo, hi = self.lower, self.upper
        u = np.clip((x - lo) / (hi - lo), 0.0, 1.0)
        return u if self.direction > 0 else 1.0 - u


def _criterion(entry: Mapping[str, Any]) -> Criterion:
    key = str(entry.get("key", ""))
    direction = {"benefit": 1, "cost": -1}.get(str(entry.get("direction")))
    problems = []
    if not key:
        problems.append("key")
    if direction is None:
        problems.append("direction")
    for name, allowed in (("source", SOURCES), ("scale", SCALES), ("transform", TRANSFORMS),
                          ("missing", POLICIES)):
        if entry.get(name, "linear" if name == "transform" else None) not in allowed:
            problems.append(name)
    lower, upper = float(entry.get("lower", np.nan)), float(entry.get("upper", np.nan))
    if not lower < upper or (entry.get("transform") == "log" and lower <= 0):
        problems.append("lower/upper")
    if entry.get("missing") == "neutral" and entry.get("neutral") is None:
        problems.append("neutral")
    if float(entry.get("weight", 0)) < 0:
        problems.append("weight")
    if problems:
        raise ValueError(t("rank.config.bad_criterion", key=key or "?", fields=", ".join(problems)))
    neutral = entry.get("neutral")
    return Criterion(
        key=key, label_sv=str(entry.get("label_sv", key)),
        label_en=str(entry.get("label_en", entry.get("label_sv", key))),
        direction=int(direction), source=str(entry["source"]), scale=str(entry["scale"]),
        transform=str(entry.get("transform", "linear")), lower=lower, upper=upper,
        weight=float(entry.get("weight", 0)), missing=str(entry["missing"]),
        neutral=None if neutral is None else float(neutral),
    )


def load_criteria(name: str = "criteria") -> list[Criterion]:
    """The configured criteria, in file order; raises ValueError for a bad file."""
    entries = config.load(name).get("kriterium", [])
    criteria = [_criterion(e) for e in entries]
    keys = [c.key for c in criteria]
    if not criteria or len(set(keys)) != len(keys):
        raise ValueError(t("rank.config.bad_criterion", key=", ".join(keys), fields="key"))
    return criteria


def default_weights(criteria: list[Criterion] | None = None) -> dict[str, float]:
    """The configured default weights, normalised to sum 1."""
    criteria = criteria or load_criteria()
    total = sum(c.weight for c in criteria)
    return {c.key: c.weight / total for c in criteria}


def calculation_years(params: Mapping[str, Any] | None = None) -> int:
    """Years of running cost in ``kostnad`` (benefits.toml ``[kalkyl] ar``)."""
    return int((params or config.load("benefits"))["kalkyl"]["ar"])


def raw_values(needs: pd.DataFrame, criterion: Criterion,
               koncernnytta: pd.Series | None = None) -> np.ndarray:
    """The criterion's raw value per need (NaN = missing), before any policy."""
    from kstad_analysis.valuation import annual_benefit

    source = criterion.source
    if source == "annual_benefit":
        return annual_benefit(needs).to_numpy(dtype=float)
    if source == "total_cost":
        investment = needs["investment"].to_numpy(dtype=float)
        running = needs["running_cost"].to_numpy(dtype=float)
        return investment + running * calculation_years()
    if source in ("strategic", "citizen", "risk"):
        return needs[source].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    if source == "legal":
        return needs["legal"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    if koncernnytta is None:
        return np.ones(len(needs))
    shared = pd.Series(koncernnytta, dtype=float)
    return needs["id"].astype(str).map(shared).to_numpy(dtype=float, na_value=np.nan)


@dataclass
class DecisionData:
    """Everything the ranking needs, computed once per set of needs.

    ``rows`` are the positions (in ``needs``) of the ranked needs, in order;
    ``matrix`` holds their raw values after the neutral-value policy,
    ``utilities`` the fixed-scale 0..1 values (1 best), ``imputed`` marks
    cells where a neutral value was used.
    """

    criteria: list[Criterion]
    rows: np.ndarray
    matrix: np.ndarray
    utilities: np.ndarray
    directions: np.ndarray
    imputed: np.ndarray
    excluded: pd.DataFrame


def build(needs: pd.DataFrame, criteria: list[Criterion] | None = None,
          koncernnytta: pd.Series | None = None) -> DecisionData:
    """Apply every criterion's source and missing-value policy to the needs."""
    criteria = criteria or load_criteria()
    n, m = len(needs), len(criteria)
    matrix = np.empty((n, m))
    imputed = np.zeros((n, m), dtype=bool)
    missing_excluding = np.zeros((n, m), dtype=bool)
    for j, c in enumerate(criteria):
        values = raw_values(needs, c, koncernnytta)
        gap = np.isnan(values)
        if c.missing == "neutral":
            values = np.where(gap, c.neutral, values)
            imputed[:, j] = gap
        else:
            missing_excluding[:, j] = gap
        matrix[:, j] = values
    keep = ~missing_excluding.any(axis=1)
    ids = needs["id"].astype(str).to_numpy() if n else np.array([], dtype=str)
    reasons = [
        t("rank.excluded.missing", criteria=", ".join(
            c.label() for c, gap in zip(criteria, missing_excluding[i], strict=True) if gap))
        for i in np.flatnonzero(~keep)
    ]
    excluded = pd.DataFrame({"id": pd.array(ids[~keep], dtype="string"),
                              "reason": pd.array(reasons, dtype="string")})
    kept = matrix[keep]
    utilities = np.column_stack([c.utility(kept[:, j]) for j, c in enumerate(criteria)]) \
        if m else np.empty((int(keep.sum()), 0))
    return DecisionData(
        criteria=criteria, rows=np.flatnonzero(keep), matrix=kept,
        utilities=utilities.reshape(int(keep.sum()), m),
        directions=np.array([c.direction for c in criteria], dtype=int),
        imputed=imputed[keep], excluded=excluded,
    )


def decision_matrix(needs: pd.DataFrame, criteria: list[Criterion] | None = None,
                    koncernnytta: pd.Series | None = None,
                    ) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Raw decision matrix for the needs that can be ranked.

    Returns ``(matrix, directions, excluded)``: ``matrix`` is
    ``n_kept × n_criteria`` in the criteria's own units (kr, 1–5, count, 1/0)
    with neutral values filled in; its rows follow ``needs``' order with the
    excluded needs removed. ``directions`` is +1/−1 per criterion;
    ``excluded`` has columns ``id, reason``. ``koncernnytta`` is an optional
    Series indexed by need id (number of förvaltningar sharing the need);
    without it every need counts one förvaltning.
    """
    data = build(needs, criteria, koncernnytta)
    return data.matrix, data.directions, data.excluded


def utilities(matrix: np.ndarray, criteria: list[Criterion]) -> np.ndarray:
    """Fixed-scale 0..1 utilities (1 best) of a raw decision matrix."""
    x = np.asarray(matrix, dtype=float)
    return np.column_stack([c.utility(x[:, j]) for j, c in enumerate(criteria)])


__all__ = [
    "Criterion", "DecisionData", "load_criteria", "default_weights", "decision_matrix",
    "utilities", "build", "raw_values", "calculation_years",
]
