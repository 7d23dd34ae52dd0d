"""Group weighting: ROC, the consistent value, answers and aggregation (issue 16)."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

import numpy as np
import pytest

from kstad_analysis.group_weights import (
    Answer,
    aggregate,
    distance,
    individual,
    pair_key,
    pairs,
    pairwise_matrix,
    parse_answer,
    shared_top,
)
from kstad_analysis.weights import (
    WeightError,
    aggregate_ahp,
    ahp_result,
    consistent_value,
    nearest_saaty,
    principal_eigenvector,
    rank_order_centroid,
    roc_weights,
)

KEYS = ["nytta", "kostnad", "strategi"]


# --------------------------------------------------------------------------- rank-order centroid

# Barron & Barrett (1996), "Decision quality using ranked attribute weights",
# Management Science 42(11), table of ROC weights (four decimals).
PUBLISHED_ROC = {
    2: [0.7500, 0.2500],
    3: [0.6111, 0.2778, 0.1111],
    4: [0.5208, 0.2708, 0.1458, 0.0625],
    5: [0.4567, 0.2567, 0.1567, 0.0900, 0.0400],
}


@pytest.mark.parametrize("n", sorted(PUBLISHED_ROC))
def test_roc_matches_the_published_table(n):
    assert rank_order_centroid(n) == pytest.approx(PUBLISHED_ROC[n], abs=5e-5)


@pytest.mark.parametrize("n", [1, 2, 3, 7, 12])
def test_roc_is_the_formula_in_exact_fractions(n):
    exact = [sum(Fraction(1, k) for k in range(i, n + 1)) / n for i in range(1, n + 1)]
    assert sum(exact) == 1
    assert rank_order_centroid(n) == pytest.approx([float(x) for x in exact], abs=1e-15)


def test_roc_weights_follow_the_order_and_reject_a_bad_one():
    weights = roc_weights(["strategi", "nytta", "kostnad"], KEYS)
    assert weights == pytest.approx({"strategi": 11 / 18, "nytta": 5 / 18, "kostnad": 2 / 18})
    with pytest.raises(WeightError):
        roc_weights(["strategi", "strategi", "nytta"], KEYS)
    with pytest.raises(WeightError):
        roc_weights(["strategi", "okänd"], KEYS)


# --------------------------------------------------------------------------- consistent value


def _random_reciprocal(rng: np.random.Generator, n: int) -> np.ndarray:
    scale = np.array([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9])
    a = np.ones((n, n))
    for i, j in combinations(range(n), 2):
        a[i, j] = rng.choice(scale)
        a[j, i] = 1 / a[i, j]
    return a


@pytest.mark.parametrize("seed", range(8))
def test_consistent_value_agrees_with_the_eigenvector_it_produces(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 8))
    a = _random_reciprocal(rng, n)
    i, j = sorted(rng.choice(n, size=2, replace=False).tolist())
    x = consistent_value(a, i, j)
    changed = a.copy()
    changed[i, j], changed[j, i] = x, 1 / x
    w, _ = principal_eigenvector(changed)
    assert w[i] / w[j] == pytest.approx(x, rel=1e-9)
    # brute force, independently: scan a_ij on a fine log grid for the fixed point
    grid = np.exp(np.linspace(np.log(1 / 81), np.log(81), 4001))

    def gap(value: float) -> float:
        m = a.copy()
        m[i, j], m[j, i] = value, 1 / value
        v, _ = principal_eigenvector(m)
        return float(np.log(v[i] / v[j]) - np.log(value))

    gaps = np.array([gap(g) for g in grid])
    crossing = int(np.flatnonzero(np.diff(np.sign(gaps)) != 0)[0])
    assert grid[crossing] <= x * 1.01 and x <= grid[crossing + 1] * 1.01
    # and it never makes the matrix less consistent than the given judgement
    assert ahp_result(changed).consistency_ratio <= ahp_result(a).consistency_ratio + 1e-12


def test_consistent_value_repairs_the_one_spoiled_judgement():
    w = np.array([0.4, 0.3, 0.2, 0.1])
    a = w[:, None] / w[None, :]
    a[0, 3], a[3, 0] = 1 / 9, 9.0  # should be 4
    result = ahp_result(a)
    assert result.consistency_ratio > 0.10 and result.most_inconsistent == (0, 3)
    assert consistent_value(a, 0, 3) == pytest.approx(4.0, rel=1e-12)
    a[0, 3], a[3, 0] = 4.0, 0.25
    assert ahp_result(a).consistency_ratio == pytest.approx(0.0, abs=1e-12)
    assert nearest_saaty(4.2) == 4 and nearest_saaty(0.3) == pytest.approx(1 / 3)


# --------------------------------------------------------------------------- AIJ for three evaluators


def _matrix(a12: float, a13: float, a23: float) -> np.ndarray:
    return np.array([[1, a12, a13], [1 / a12, 1, a23], [1 / a13, 1 / a23, 1]], dtype=float)


def test_aij_three_evaluators_by_hand():
    # (a12, a13, a23) per evaluator; the products are perfect cubes:
    # a12: 1·2·4 = 8 → 2, a13: 2·4·8 = 64 → 4, a23: 4·2·1 = 8 → 2.
    evaluators = [_matrix(1, 2, 4), _matrix(2, 4, 2), _matrix(4, 8, 1)]
    result = aggregate_ahp(evaluators, "AIJ", KEYS)
    # combined [[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]] is consistent: w ∝ (4, 2, 1)
    assert result.weights == pytest.approx([4 / 7, 2 / 7, 1 / 7], abs=1e-12)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-12)
    assert result.individual_cr[0] > 0.01  # evaluator 1 alone is not consistent (1, 2, 4)


def test_aij_inconsistent_three_by_hand():
    # a12: 3·1·9 = 27 → 3, a13: 1·1·1 → 1, a23: 3·3·3 = 27 → 3
    evaluators = [_matrix(3, 1, 3), _matrix(1, 1, 3), _matrix(9, 1, 3)]
    result = aggregate_ahp(evaluators, "AIJ", KEYS)
    # for n = 3 the eigenvector is the normalised row geometric mean (Crawford & Williams 1985):
    # rows of [[1, 3, 1], [1/3, 1, 3], [1, 1/3, 1]]: (3)^(1/3), 1, (1/3)^(1/3)
    g = np.array([3 ** (1 / 3), 1.0, 3 ** (-1 / 3)])
    assert result.weights == pytest.approx(g / g.sum(), abs=1e-12)
    # λmax of [[1, 3, 1], [1/3, 1, 3], [1, 1/3, 1]]: 1 + (9)^(1/3) + (1/9)^(1/3) for n = 3
    lam = 1 + 9 ** (1 / 3) + 9 ** (-1 / 3)
    assert result.lambda_max == pytest.approx(lam, abs=1e-9)
    assert result.consistency_ratio == pytest.approx((lam - 3) / 2 / 0.58, abs=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_aij_equals_aip_for_three_criteria_and_differs_for_four(seed):
    rng = np.random.default_rng(100 + seed)
    three = [_random_reciprocal(rng, 3) for _ in range(3)]
    assert aggregate_ahp(three, "AIJ").weights == pytest.approx(
        aggregate_ahp(three, "AIP").weights, abs=1e-12)
    four = [_random_reciprocal(rng, 4) for _ in range(3)]
    gap = np.abs(aggregate_ahp(four, "AIJ").weights - aggregate_ahp(four, "AIP").weights).max()
    assert gap > 1e-6


# --------------------------------------------------------------------------- answers and the group


def _pairwise(values: list[object], keys=KEYS) -> dict:
    return {"judgements": {pair_key(a, b): v for (a, b), v in zip(pairs(keys), values, strict=True)}}


def test_parse_answer_validates_every_kind():
    assert parse_answer("rank", {"order": ["kostnad", "nytta", "strategi"]}, KEYS).order[0] == "kostnad"
    assert parse_answer("direct", {"points": {"nytta": 50, "kostnad": 25, "strategi": "25"}},
                        KEYS).points["strategi"] == 25
    answer = parse_answer("pairwise", _pairwise(["3", "1/3", 0.2]), KEYS)
    assert answer.judgements["nytta|strategi"] == pytest.approx(1 / 3)
    assert answer.judgements["nytta|kostnad"] == 3
    bad = [
        ("rank", {"order": ["nytta", "nytta", "strategi"]}, "samma plats"),
        ("rank", {"order": "nytta"}, "samma plats"),
        ("direct", {"points": {"nytta": 0, "kostnad": 0, "strategi": 0}}, "0"),
        ("direct", {"points": {"nytta": 1e9, "kostnad": 1, "strategi": 1}}, "0–100"),
        ("direct", {"points": {"nytta": float("nan"), "kostnad": 1, "strategi": 1}}, "inte ett tal"),
        ("direct", {"points": {"nytta": True, "kostnad": 1, "strategi": 1}}, "inte ett tal"),
        ("pairwise", _pairwise([10, 1, 1]), "skalan"),
        ("pairwise", _pairwise(["<script>", 1, 1]), "inte ett tal"),
        ("pairwise", {"judgements": {"nytta|kostnad": 3}}, "3 jämförelser"),
        ("hack", {}, "Okänt sätt"),
        ("rank", ["nytta"], "kunde inte läsas"),
    ]
    for kind, payload, message in bad:
        with pytest.raises(WeightError, match=message):
            parse_answer(kind, payload, KEYS)


def test_mixed_group_uses_the_mean_and_names_who_differs():
    people = [
        individual("Anna", Answer("rank", order=("nytta", "kostnad", "strategi")), KEYS),
        individual("Bo", Answer("direct", points={"nytta": 1, "kostnad": 1, "strategi": 2}), KEYS),
        individual("Cecilia", parse_answer("pairwise", _pairwise([1, 1, 1]), KEYS), KEYS),
    ]
    group = aggregate(people, KEYS)
    assert group.method == "mean" and group.ahp is None
    expected = (np.array([11, 5, 2]) / 18 + np.array([0.25, 0.25, 0.5]) + np.ones(3) / 3) / 3
    assert [group.weights[k] for k in KEYS] == pytest.approx(expected.tolist())
    assert group.table.loc["Bo", "strategi"] == pytest.approx(0.5)
    spread = group.spread.set_index("key")
    assert spread.loc["nytta", "range"] == pytest.approx(11 / 18 - 0.25)
    assert spread.loc["nytta", "std"] == pytest.approx(np.std([11 / 18, 0.25, 1 / 3]))
    assert group.distance.index[0] == max(
        group.distance.index, key=lambda name: distance(group.table.loc[name].to_dict(), group.weights))
    assert set(group.most_apart[:2]) == {"Anna", "Bo"}  # the two who disagree most
    assert group.most_apart[2] == pytest.approx(0.5 * (abs(11 / 18 - .25) + abs(5 / 18 - .25)
                                                       + abs(2 / 18 - .5)))


def test_all_pairwise_group_uses_aij_of_the_judgements():
    answers = [parse_answer("pairwise", _pairwise(v), KEYS)
               for v in ([1, 2, 4], [2, 4, 2], [4, 8, 1])]
    group = aggregate([individual(f"P{k}", a, KEYS) for k, a in enumerate(answers)], KEYS)
    assert group.method == "AIJ"
    assert [group.weights[k] for k in KEYS] == pytest.approx([4 / 7, 2 / 7, 1 / 7], abs=1e-12)
    assert pairwise_matrix(answers[1].judgements, KEYS)[2, 0] == pytest.approx(1 / 4)
    assert aggregate([individual("x", answers[0], KEYS)], KEYS, "AIP").method == "AIP"


def test_shared_top_counts_overlap():
    assert shared_top({"Anna": ["a", "b", "c"], "Bo": ["d"]}, ["a", "c", "e"]) == {"Anna": 2, "Bo": 0}
    with pytest.raises(WeightError, match="Ingen deltagare"):
        aggregate([], KEYS)
