"""Weights set by a group: each participant's answer, and what the group agrees on.

Why a module of its own: a viktningsomgång collects answers of three kinds
(an order of the criteria, direct points, Saaty pairwise judgements) from
browsers and e-mailed workbooks, i.e. from input anyone can forge. Every
answer is validated here into one :class:`Answer`, turned into normalised
weights by one rule per kind, and combined by one rule (stated with the
result, so the group sees how its weights came about):

* every participant answered with pairwise comparisons: the judgements are
  combined (AIJ, element-wise geometric mean, Forman & Peniwati 1998; AIP on
  request), which keeps the reciprocal structure and gives a group CR;
* otherwise: the arithmetic mean of the participants' normalised weights
  (rank-order centroid weights for an order, points divided by their sum).

Disagreement is measured on the weights themselves: a participant's
distance to the group is the total-variation distance ``½ Σ |w_i − g_i|``,
i.e. the share of the weight that would have to move to reach the group's
weights (0 = identical, 1 = nothing in common).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from kstad_analysis.errors import WeightError
from kstad_analysis.guards import is_real_number
from kstad_analysis.i18n import t
from kstad_analysis.weights import (
    AhpResult,
    aggregate_ahp,
    ahp_result,
    normalise_weights,
    roc_weights,
)

#: The ways a participant can give weights (stored verbatim; user labels in the texts).
KINDS: tuple[str, ...] = ("rank", "direct", "pairwise")
#: Direct points per criterion lie in 0…POINTS_MAX.
POINTS_MAX = 100.0
#: Judgements lie on Saaty's scale 1/9…9 (a little slack for typed 0,11).
JUDGEMENT_MIN, JUDGEMENT_MAX = 1 / 9 - 1e-3, 9.0 + 1e-9
#: How the group weights were combined (``GroupWeights.method``).
AGGREGATIONS: tuple[str, ...] = ("AIJ", "AIP", "mean")
PAIR_SEPARATOR = "|"


def pair_key(a: str, b: str) -> str:
    """The payload key of the judgement "how much more does ``a`` matter than ``b``"."""
    return f"{a}{PAIR_SEPARATOR}{b}"


def pairs(keys: Sequence[str]) -> list[tuple[str, str]]:
    """The upper-triangle pairs in ``keys`` order (what a participant judges)."""
    return list(combinations(list(keys), 2))


@dataclass(frozen=True)
class Answer:
    """One participant's validated answer.

    ``order``: criterion keys most important first (kind ``rank``);
    ``points``: key → points 0…100 (``direct``); ``judgements``: pair key
    ``"a|b"`` → ``a_ab`` on Saaty's scale, > 1 meaning ``a`` matters more
    (``pairwise``, every upper-triangle pair in ``keys`` order).
    """

    kind: str
    order: tuple[str, ...] = ()
    points: Mapping[str, float] = field(default_factory=dict)
    judgements: Mapping[str, float] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        """JSON-safe content (what the store saves; :func:`parse_answer` reads it back)."""
        if self.kind == "rank":
            return {"order": list(self.order)}
        if self.kind == "direct":
            return {"points": dict(self.points)}
        return {"judgements": dict(self.judgements)}


def _number(value: object, where: str) -> float:
    if isinstance(value, str):
        value = _text_number(value)
    if not is_real_number(value) or not math.isfinite(float(value)):  # type: ignore[arg-type]
        raise WeightError(t("viktning.err.not_number", where=where, value=str(value)[:40]))
    return float(value)  # type: ignore[arg-type]


def _text_number(text: str) -> object:
    """``"3"``, ``"1/3"``, ``"0,33"`` → a float; anything else stays text (and is refused)."""
    raw = text.strip().replace(",", ".")[:20]
    top, slash, bottom = raw.partition("/")
    try:
        return float(top) / float(bottom) if slash else float(raw)
    except (ValueError, ZeroDivisionError):
        return text


def parse_judgement(value: object, where: str) -> float:
    """A Saaty judgement (number or text such as ``1/3``) within 1/9…9."""
    number = _number(value, where)
    if not JUDGEMENT_MIN <= number <= JUDGEMENT_MAX:
        raise WeightError(t("viktning.err.scale", where=where, value=str(value)[:40]))
    return number


def parse_answer(kind: object, payload: object, keys: Sequence[str]) -> Answer:
    """Validate a raw answer (from a widget, the store or a workbook).

    Raises :class:`WeightError` with a Swedish message for an unknown kind,
    unknown or missing criteria, numbers off the scale, or all-zero points.
    """
    keys = list(keys)
    if kind not in KINDS:
        raise WeightError(t("viktning.err.kind", kind=str(kind)[:40], known=", ".join(KINDS)))
    if not isinstance(payload, Mapping):
        raise WeightError(t("viktning.err.payload"))
    if kind == "rank":
        order = payload.get("order")
        if isinstance(order, str) or not isinstance(order, Sequence) or len(order) != len(keys) \
                or sorted(map(str, order)) != sorted(keys):
            raise WeightError(t("viktning.err.order", known=", ".join(keys)))
        return Answer("rank", order=tuple(str(k) for k in order))
    if kind == "direct":
        points = payload.get("points")
        if not isinstance(points, Mapping) or set(map(str, points)) != set(keys):
            raise WeightError(t("viktning.err.points_keys", known=", ".join(keys)))
        cleaned = {}
        for key in keys:
            number = _number(points[key], key)
            if not 0.0 <= number <= POINTS_MAX:
                raise WeightError(t("viktning.err.points_range", key=key, value=str(number)[:20],
                                    limit=int(POINTS_MAX)))
            cleaned[key] = number
        if sum(cleaned.values()) <= 0:
            raise WeightError(t("rank.weights.all_zero"))
        return Answer("direct", points=cleaned)
    judgements = payload.get("judgements")
    wanted = [pair_key(a, b) for a, b in pairs(keys)]
    if not isinstance(judgements, Mapping) or set(map(str, judgements)) != set(wanted):
        raise WeightError(t("viktning.err.pairs", count=len(wanted)))
    return Answer("pairwise", judgements={k: parse_judgement(judgements[k], k) for k in wanted})


def pairwise_matrix(judgements: Mapping[str, float], keys: Sequence[str]) -> np.ndarray:
    """The reciprocal matrix of upper-triangle judgements (diagonal 1, ``a_ji = 1/a_ij``)."""
    keys = list(keys)
    n = len(keys)
    a = np.ones((n, n))
    for i, j in combinations(range(n), 2):
        value = float(judgements[pair_key(keys[i], keys[j])])
        a[i, j], a[j, i] = value, 1.0 / value
    return a


@dataclass(frozen=True)
class Individual:
    """A participant's name, answer and the weights it gives (AHP details for pairwise)."""

    name: str
    answer: Answer
    weights: Mapping[str, float]
    ahp: AhpResult | None = None

    @property
    def consistency_ratio(self) -> float | None:
        return None if self.ahp is None else float(self.ahp.consistency_ratio)


def individual(name: str, answer: Answer, keys: Sequence[str]) -> Individual:
    """Normalised weights of one answer, by the rule of its kind."""
    keys = list(keys)
    if answer.kind == "rank":
        return Individual(name, answer, roc_weights(answer.order, keys))
    if answer.kind == "direct":
        return Individual(name, answer, normalise_weights(answer.points, keys))
    result = ahp_result(pairwise_matrix(answer.judgements, keys), keys)
    return Individual(name, answer, result.as_dict(), result)


@dataclass(frozen=True)
class GroupWeights:
    """The group's weights and how far apart the participants are.

    ``method``: ``AIJ``/``AIP`` (all answered pairwise) or ``mean``;
    ``table``: one row per participant, a column per criterion;
    ``spread``: per criterion ``min, max, range, std`` of the participants'
    weights; ``distance``: each participant's total-variation distance to the
    group, largest first; ``most_apart``: the two participants furthest from
    each other and their distance (None with fewer than two).
    """

    keys: tuple[str, ...]
    individuals: tuple[Individual, ...]
    weights: Mapping[str, float]
    method: str
    ahp: AhpResult | None
    table: pd.DataFrame
    spread: pd.DataFrame
    distance: pd.Series
    most_apart: tuple[str, str, float] | None


def distance(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Total-variation distance ``½ Σ |a_k − b_k|`` between two weight mappings."""
    keys = set(a) | set(b)
    return 0.5 * sum(abs(float(a.get(k, 0.0)) - float(b.get(k, 0.0))) for k in keys)


def aggregate(individuals: Sequence[Individual], keys: Sequence[str],
              pairwise_method: str = "AIJ") -> GroupWeights:
    """Combine the participants' weights (see the module docstring for the rule)."""
    keys = list(keys)
    people = list(individuals)
    if not people:
        raise WeightError(t("viktning.err.no_answers"))
    group_ahp = None
    if all(p.answer.kind == "pairwise" for p in people):
        method = pairwise_method.upper()
        group_ahp = aggregate_ahp([pairwise_matrix(p.answer.judgements, keys) for p in people],
                                  method, keys)
        weights = group_ahp.as_dict()
    else:
        method = "mean"
        matrix = np.array([[p.weights[k] for k in keys] for p in people])
        weights = dict(zip(keys, (matrix.mean(axis=0) / matrix.mean(axis=0).sum()).tolist(),
                           strict=True))
    table = pd.DataFrame([[p.weights[k] for k in keys] for p in people], columns=keys,
                         index=pd.Index([p.name for p in people], name="name"))
    spread = pd.DataFrame({
        "key": keys, "min": table.min().to_numpy(), "max": table.max().to_numpy(),
        "std": table.std(ddof=0).to_numpy(),
    })
    spread.insert(3, "range", spread["max"] - spread["min"])
    far = pd.Series({p.name: distance(p.weights, weights) for p in people}, name="distance",
                    dtype=float).sort_values(ascending=False, kind="stable")
    apart = None
    if len(people) > 1:
        a, b = max(combinations(people, 2), key=lambda pq: distance(pq[0].weights, pq[1].weights))
        apart = (a.name, b.name, distance(a.weights, b.weights))
    return GroupWeights(tuple(keys), tuple(people), weights, method, group_ahp, table, spread,
                        far, apart)


def shared_top(tops: Mapping[str, Sequence[str]], group_top: Sequence[str]) -> dict[str, int]:
    """How many of the group's top needs each participant's own top list shares."""
    wanted = set(group_top)
    return {name: len(wanted & set(ids)) for name, ids in tops.items()}


__all__ = [
    "AGGREGATIONS", "Answer", "GroupWeights", "Individual", "KINDS", "POINTS_MAX", "aggregate",
    "distance", "individual", "pair_key", "pairs", "pairwise_matrix", "parse_answer",
    "parse_judgement", "shared_top",
]
