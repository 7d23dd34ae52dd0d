"""Scoring kernels against a published example and two independent libraries."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm import normalizations
from pymcdm.methods import TOPSIS as PymcdmTopsis
from pymcdm.methods import WSM as PymcdmWsm
from scipy.stats import rankdata

from kstad_analysis.scoring import (
    linear_utilities,
    rank_scores,
    topsis,
    topsis_distances,
    topsis_many,
    topsis_profiles,
    vector_normalise,
    weighted_sum,
)

# Hwang & Yoon (1981), fighter-aircraft example: max speed (Mach), ferry range
# (NM), max payload (lb), acquisition cost ($M, cost), reliability,
# manoeuvrability (qualitative, rated 1-9).
AIRCRAFT = np.array([
    [2.0, 1500, 20000, 5.5, 5, 9],
    [2.5, 2700, 18000, 6.5, 3, 5],
    [1.8, 2000, 21000, 4.5, 7, 7],
    [2.2, 1800, 20000, 5.0, 5, 5],
])
AIRCRAFT_W = np.array([0.2, 0.1, 0.1, 0.1, 0.2, 0.3])
AIRCRAFT_D = np.array([1, 1, 1, -1, 1, 1])


def test_topsis_hwang_yoon_aircraft_example():
    closeness = topsis(AIRCRAFT, AIRCRAFT_W, AIRCRAFT_D)
    # The book computes with intermediates rounded to 4 decimals (0.0920 /
    # (0.0580 + 0.0920) = 0.613); exact arithmetic gives 0.6135.
    np.testing.assert_allclose(closeness, [0.643, 0.268, 0.613, 0.312], atol=1e-3)
    assert rank_scores(closeness).tolist() == [1, 4, 2, 3]
    sq_plus, sq_minus = topsis_distances(vector_normalise(AIRCRAFT), AIRCRAFT_W, AIRCRAFT_D)
    np.testing.assert_allclose(np.sqrt(sq_plus.sum(1)), [0.0545, 0.1197, 0.0580, 0.1009], atol=1e-4)
    np.testing.assert_allclose(np.sqrt(sq_minus.sum(1)), [0.0983, 0.0439, 0.0920, 0.0458], atol=1e-4)


def _random_problem(seed: int, n: int = 30, m: int = 6):
    rng = np.random.default_rng(seed)
    x = rng.uniform(1, 1000, (n, m)) * rng.choice([1, 100, 1e5], m)
    w = rng.dirichlet(np.ones(m))
    d = rng.choice([1, -1], m)
    d[0] = 1
    return x, w, d


@pytest.mark.parametrize("seed", range(5))
def test_topsis_matches_pymcdm_with_vector_normalisation(seed):
    x, w, d = _random_problem(seed)
    # pymcdm's default is min-max; the classic method needs vector normalisation.
    theirs = PymcdmTopsis(normalization_function=normalizations.vector_normalization)(x, w, d)
    np.testing.assert_allclose(topsis(x, w, d), theirs, rtol=1e-10)


@pytest.mark.filterwarnings("ignore:Although TOPSIS can operate")
@pytest.mark.parametrize("seed", range(5))
def test_topsis_matches_scikit_criteria(seed):
    import skcriteria as skc
    from skcriteria.agg.topsis import TOPSIS
    from skcriteria.preprocessing.scalers import VectorScaler

    x, w, d = _random_problem(seed)
    dm = skc.mkdm(x, [max if k > 0 else min for k in d], weights=w)
    dm = VectorScaler(target="matrix").transform(dm)
    theirs = TOPSIS().evaluate(dm).e_.similarity
    np.testing.assert_allclose(topsis(x, w, d), theirs, rtol=1e-10)


@pytest.mark.parametrize("seed", range(5))
def test_weighted_sum_matches_pymcdm_minmax(seed):
    x, w, d = _random_problem(seed)
    theirs = PymcdmWsm(normalization_function=normalizations.minmax_normalization)(x, w, d)
    np.testing.assert_allclose(weighted_sum(x, w, d), theirs, rtol=1e-10)


def test_weighted_sum_fixed_bounds_ratings():
    ratings = np.array([[1, 5], [3, 3], [5, 1]], dtype=float)
    scores = weighted_sum(ratings, [1, 1], [1, -1], lower=1, upper=5)
    # (x-1)/4 for the benefit column, 1 - (x-1)/4 for the cost column.
    np.testing.assert_allclose(scores, [0.0, 0.5, 1.0])


def test_fixed_bounds_clip_and_do_not_depend_on_others():
    x = np.array([[0.0], [6.0]])
    np.testing.assert_allclose(linear_utilities(x, [1], 1, 5).ravel(), [0.0, 1.0])
    alone = weighted_sum(x[:1] + 2, [1], [1], lower=1, upper=5)
    together = weighted_sum(np.vstack([x[:1] + 2, [[5.0]]]), [1], [1], lower=1, upper=5)
    assert alone[0] == together[0] == 0.25


def test_rank_scores_min_method_and_noise():
    assert rank_scores(np.array([0.3, 0.5, 0.5, 0.1])).tolist() == [3, 1, 1, 4]
    noisy = np.array([0.1 + 0.2, 0.3, 0.2])
    assert rank_scores(noisy).tolist() == [1, 1, 3]
    rng = np.random.default_rng(0)
    s = rng.integers(0, 5, 200).astype(float)
    assert rank_scores(s).tolist() == rankdata(-s, method="min").astype(int).tolist()


def test_bad_inputs_raise():
    with pytest.raises(ValueError):
        weighted_sum(np.ones((2, 2)), [1, 1], [1, 0])
    with pytest.raises(ValueError):
        topsis(np.ones((2, 2)), [0, 0], [1, 1])
    with pytest.raises(ValueError):
        topsis(np.ones((2, 3)), [1, 1], [1, 1])


def test_topsis_rank_reversal_when_a_need_is_added():
    """TOPSIS normalises by all alternatives, so a newcomer can swap two others."""
    base = np.array([[3.0, 6.0], [1.0, 8.0], [3.0, 4.0]])
    w, d = np.array([0.5, 0.5]), np.array([1, 1])
    before = topsis(base, w, d)
    after = topsis(np.vstack([base, [[9.0, 5.0]]]), w, d)[:3]
    assert before[0] > before[1]
    assert after[0] < after[1]
    # The weighted sum on fixed bounds keeps the others' scores exactly.
    fixed_before = weighted_sum(base, w, d, lower=0, upper=10)
    fixed_after = weighted_sum(np.vstack([base, [[9.0, 5.0]]]), w, d, lower=0, upper=10)[:3]
    np.testing.assert_array_equal(fixed_before, fixed_after)


matrices = arrays(np.float64, st.tuples(st.integers(2, 12), st.integers(1, 5)),
                  elements=st.floats(1, 100, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(matrices, st.data(), st.floats(0.01, 1000))
def test_scores_invariant_to_weight_scaling(x, data, factor):
    m = x.shape[1]
    w = np.array(data.draw(st.lists(st.floats(0.01, 10), min_size=m, max_size=m)))
    d = np.array(data.draw(st.lists(st.sampled_from([1, -1]), min_size=m, max_size=m)))
    np.testing.assert_allclose(weighted_sum(x, w * factor, d), weighted_sum(x, w, d), atol=1e-12)
    np.testing.assert_allclose(topsis(x, w * factor, d), topsis(x, w, d), atol=1e-12)


@settings(max_examples=80, deadline=None)
@given(matrices, st.data())
def test_raising_a_benefit_value_never_lowers_rank(x, data):
    n, m = x.shape
    w = np.array(data.draw(st.lists(st.floats(0.01, 10), min_size=m, max_size=m)))
    d = np.array(data.draw(st.lists(st.sampled_from([1, -1]), min_size=m, max_size=m)))
    d[0] = 1
    i = data.draw(st.integers(0, n - 1))
    raised = x.copy()
    raised[i, 0] += data.draw(st.floats(0.5, 50))
    for kwargs in ({}, {"lower": 0.0, "upper": 200.0}):
        before = rank_scores(weighted_sum(x, w, d, **kwargs))[i]
        after = rank_scores(weighted_sum(raised, w, d, **kwargs))[i]
        assert after <= before


@pytest.mark.filterwarnings("ignore:Weights should be positive")  # pymcdm on a zero weight
def test_topsis_many_equals_topsis_per_weight_vector_and_pymcdm():
    """The batched closeness (weights squared times unweighted distances, two
    matrix products) equals the one-vector kernel and pymcdm for every row."""
    rng = np.random.default_rng(21)
    x = rng.uniform(1, 100, (30, 6)) * rng.choice([1, 1e3, 1e6], 6)
    d = np.array([1, -1, 1, 1, -1, 1])
    weights = rng.dirichlet(np.ones(6), 50)
    weights[:5, 2] = 0.0  # a criterion without weight
    plus, minus = topsis_profiles(vector_normalise(x), d)
    batch = topsis_many(weights, np.ascontiguousarray(plus.T), np.ascontiguousarray(minus.T))
    pymcdm = PymcdmTopsis(normalization_function=normalizations.vector_normalization)
    for row, w in zip(batch, weights, strict=True):
        np.testing.assert_allclose(row, topsis(x, w, d), rtol=1e-12)
        np.testing.assert_allclose(row, pymcdm(x, w / w.sum(), d), rtol=1e-10)
    # Scale invariance: rows need not sum to 1.
    np.testing.assert_allclose(topsis_many(weights * 7.5, plus.T, minus.T), batch, rtol=1e-12)
