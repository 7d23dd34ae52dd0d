"""SMAA-2 and stability intervals: hand-derived cases, a naive loop, properties."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kstad_analysis import scoring, sensitivity
from kstad_analysis.ranking import Ranker
from kstad_analysis.scoring import topsis, weighted_sum
from kstad_analysis.sensitivity import bounds_around, sample_weights, smaa, stability_intervals
from tests.test_ranking import make_needs

# Utilities on a fixed 0..1 scale: A = (1, 0), B = (0, 0.5).
# Score A = w1, score B = 0.5 (1 − w1); A is first iff w1 > 1/3.
HAND = np.array([[1.0, 0.0], [0.0, 0.5]])


def _smaa(matrix, n, **kwargs):
    return smaa(matrix, np.ones(matrix.shape[1]), n, lower=0.0, upper=1.0, **kwargs)


def test_smaa_two_alternatives_matches_hand_derivation():
    """w1 ~ U(0, 1) on the 2-simplex: P(A first) = 2/3. Central weights: E[w1 | w1 > 1/3]
    = 2/3 for A and E[w1 | w1 < 1/3] = 1/6 for B. No criterion uncertainty: confidence 1."""
    result = _smaa(HAND, 200_000, seed=1, top_n=1)
    np.testing.assert_allclose(result.acceptability, [[2 / 3, 1 / 3], [1 / 3, 2 / 3]], atol=0.005)
    np.testing.assert_allclose(result.central_weights, [[2 / 3, 1 / 3], [1 / 6, 5 / 6]], atol=0.005)
    np.testing.assert_array_equal(result.confidence, [1.0, 1.0])
    np.testing.assert_allclose(result.top_probability, [2 / 3, 1 / 3], atol=0.005)
    np.testing.assert_allclose(result.expected_rank, [4 / 3, 5 / 3], atol=0.005)


def test_smaa_with_weight_bounds_matches_hand_derivation():
    """With 0.3 ≤ w1 ≤ 0.7, w1 is uniform on [0.3, 0.7]: P(w1 > 1/3) = (0.7 − 1/3) / 0.4."""
    bounds = np.array([[0.3, 0.7], [0.0, 1.0]])
    result = _smaa(HAND, 200_000, seed=2, weight_bounds=bounds, top_n=1)
    assert result.acceptability[0, 0] == pytest.approx((0.7 - 1 / 3) / 0.4, abs=0.005)
    # E[w1 | w1 in (1/3, 0.7)] = (1/3 + 0.7) / 2.
    assert result.central_weights[0, 0] == pytest.approx((1 / 3 + 0.7) / 2, abs=0.005)


def test_weight_sampler_is_uniform_on_the_simplex():
    w = sample_weights(200_000, 3, rng=np.random.default_rng(3))
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    np.testing.assert_allclose(w.mean(axis=0), [1 / 3] * 3, atol=0.003)
    # Dirichlet(1,1,1): P(w_1 > x) = (1 − x)².
    assert (w[:, 0] > 0.5).mean() == pytest.approx(0.25, abs=0.004)


def test_bounded_sampler_respects_bounds():
    bounds = bounds_around(np.array([0.4, 0.3, 0.2, 0.1]), 0.2)
    w = sample_weights(20_000, 4, bounds, np.random.default_rng(4))
    assert w.shape == (20_000, 4)
    assert np.all(w >= bounds[:, 0] - 1e-12) and np.all(w <= bounds[:, 1] + 1e-12)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    with pytest.raises(ValueError):
        sample_weights(10, 2, np.array([[0.6, 0.7], [0.6, 0.7]]))
    # A weight of 0 stays 0 under relative bounds; the others are still sampled.
    fixed = bounds_around(np.array([0.5, 0.5, 0.0]), 0.2)
    w = sample_weights(5000, 3, fixed, np.random.default_rng(8))
    assert np.all(w[:, 2] == 0) and w[:, 0].min() >= 0.4 - 1e-12 and w[:, 0].std() > 0.01
    with pytest.raises(ValueError):
        sample_weights(10, 3, np.array([[0.0, 1.0], [0.0, 1.0]]))


def test_vectorised_smaa_equals_a_per_sample_loop(monkeypatch):
    rng = np.random.default_rng(5)
    u = rng.random((12, 4))
    n_samples, seed = 3000, 11
    weights = sample_weights(n_samples, 4, None, np.random.default_rng(seed))
    counts = np.zeros((12, 12))
    for w in weights:
        order = np.argsort(-(u @ w))
        counts[order, np.arange(12)] += 1
    # Small chunks force the chunked path to be exercised.
    monkeypatch.setattr(sensitivity, "CHUNK_CELLS", 100)
    result = _smaa(u, n_samples, seed=seed)
    np.testing.assert_array_equal(result.acceptability, counts / n_samples)


def test_identical_needs_share_acceptability_evenly():
    u = np.array([[0.5, 0.5], [0.5, 0.5], [0.1, 0.2]])
    result = _smaa(u, 5000, seed=6)
    np.testing.assert_allclose(result.acceptability[0], [0.5, 0.5, 0.0])
    np.testing.assert_allclose(result.acceptability[1], [0.5, 0.5, 0.0])
    np.testing.assert_allclose(result.acceptability.sum(axis=0), 1.0)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 9), st.integers(1, 4), st.integers(0, 10_000), st.booleans())
def test_acceptabilities_sum_to_one_per_need_and_per_rank(n, m, seed, duplicate):
    u = np.random.default_rng(seed).integers(1, 6, (n, m)).astype(float)
    if duplicate:
        u[-1] = u[0]
    result = smaa(u, np.ones(m), 500, seed=seed, top_n=2)
    np.testing.assert_allclose(result.acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(result.acceptability.sum(axis=0), 1.0)
    assert np.all(result.top_probability <= 1 + 1e-12)


def test_stability_intervals_hand_case():
    """A = (1, 0), B = (0, 1), C = (0.4, 0.4), w = (0.6, 0.4): A is top 1 while
    w1 > 0.5 (then A = w1 beats B = 1 − w1 and C = 0.4)."""
    u = np.array([[1.0, 0.0], [0.0, 1.0], [0.4, 0.4]])
    table = stability_intervals(u, np.array([0.6, 0.4]), np.ones(2), 1, lower=0.0, upper=1.0,
                                labels=["x", "y"])
    assert table["criterion"].tolist() == ["x", "y"]
    np.testing.assert_allclose(table[["lower", "upper"]].to_numpy(), [[0.5, 1.0], [0.0, 0.5]])


@pytest.mark.parametrize("seed", range(3))
def test_stability_interval_ends_are_where_the_top_set_changes(seed):
    rng = np.random.default_rng(seed)
    u = rng.random((40, 5))
    w = rng.dirichlet(np.ones(5))
    top = 5
    table = stability_intervals(u, w, np.ones(5), top, lower=0.0, upper=1.0)

    def top_set(k, share):
        others = np.delete(np.arange(5), k)
        ww = np.empty(5)
        ww[k] = share
        ww[others] = w[others] / w[others].sum() * (1 - share)
        return set(np.argsort(-weighted_sum(u, ww, np.ones(5), lower=0, upper=1))[:top])

    base = top_set(0, w[0])
    for k, row in table.iterrows():
        for end, step in ((row["lower"], -1e-7), (row["upper"], 1e-7)):
            inside = end - step * 10
            assert top_set(k, inside) == base
            if 1e-6 < end < 1 - 1e-6:
                assert top_set(k, end + step) != base


def test_ranker_smaa_and_stability_carry_ids():
    needs = make_needs(n=30, seed=7)
    ranker = Ranker(needs)
    result = ranker.smaa(2000, seed=0, top_n=5)
    frame = result.frame()
    assert frame["id"].tolist() == list(ranker.ids)
    assert frame["p_top"].sum() == pytest.approx(5.0)
    bounds = bounds_around(ranker.weight_vector(), 0.2)
    narrow = ranker.smaa(2000, weight_bounds=bounds, seed=0, top_n=5)
    top_now = set(ranker.rank().table.head(5)["id"])
    p = pd.Series(narrow.top_probability, index=narrow.ids)
    assert p[list(top_now)].mean() > pd.Series(result.top_probability, index=result.ids)[
        list(top_now)].mean() - 1e-9
    stability = ranker.stability(top_n=5)
    assert stability["criterion"].tolist() == ranker.keys
    assert ((stability["lower"] <= stability["weight"] + 1e-12)
            & (stability["weight"] <= stability["upper"] + 1e-12)).all()


# --------------------------------------------------------------------------- TOPSIS


def _mixed_problem(seed: int, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(1, 100, (n, m)) * rng.choice([1, 1e3, 1e6], m)
    return x, np.where(np.arange(m) % 3 == 1, -1, 1)


def _loop_topsis_smaa(x, d, weights, score=topsis):
    """Brute force: score each sample with a one-vector TOPSIS, sort, count."""
    n, m = x.shape
    counts, central = np.zeros((n, n)), np.zeros((n, m))
    for w in weights:
        order = np.argsort(-score(x, w, d))
        counts[order, np.arange(n)] += 1
        central[order[0]] += w
    with np.errstate(invalid="ignore"):
        central /= counts[:, :1]
    return counts / len(weights), central


def test_topsis_smaa_equals_a_per_sample_topsis_loop(monkeypatch):
    x, d = _mixed_problem(5, 12, 4)
    n_samples, seed = 3000, 11
    weights = sample_weights(n_samples, 4, None, np.random.default_rng(seed))
    expected, central = _loop_topsis_smaa(x, d, weights)
    monkeypatch.setattr(sensitivity, "CHUNK_CELLS", 100)  # many chunks, several threads
    result = smaa(x, d, n_samples, seed=seed, method="topsis", top_n=3)
    assert result.method == "topsis"
    np.testing.assert_array_equal(result.acceptability, expected)
    np.testing.assert_allclose(result.central_weights, central, rtol=1e-12)
    # Confidence: first with its own central weights, scored by TOPSIS.
    for i in np.flatnonzero(expected[:, 0] > 0):
        own = topsis(x, central[i], d)
        assert result.confidence[i] == float(own[i] >= own.max() - 1e-12)
    # It is TOPSIS, not the weighted sum, that was simulated.
    wsum = smaa(x, d, n_samples, seed=seed)
    assert not np.array_equal(wsum.acceptability, result.acceptability)


@pytest.mark.filterwarnings("ignore:Weights should be positive")  # pymcdm's sum-to-one check
def test_topsis_smaa_agrees_with_pymcdm_per_sample():
    from pymcdm import normalizations
    from pymcdm.methods import TOPSIS

    x, d = _mixed_problem(6, 10, 5)
    pymcdm = TOPSIS(normalization_function=normalizations.vector_normalization)
    weights = sample_weights(400, 5, None, np.random.default_rng(3))
    expected, _ = _loop_topsis_smaa(x, d, weights, lambda x, w, d: pymcdm(x, w / w.sum(), d))
    result = smaa(x, d, 400, seed=3, method="topsis")
    np.testing.assert_array_equal(result.acceptability, expected)


@pytest.mark.parametrize("method", ["wsum", "topsis"])
def test_needs_differing_only_on_a_zero_weight_criterion_share_acceptability(method):
    """Defect 7: A and A' (and B and B') differ only on criterion 3, held at
    weight 0 by ±20 % bounds around (0.5, 0.5, 0). Both methods score A by
    w1 and B by w2 (TOPSIS: C = w1 / (w1 + w2) here), so each pair is first
    with probability P(w1 > 0.5) = 1/2, shared evenly: about 0.25 each at
    every rank, never 0.5 for the first-listed and 0 for the other."""
    x = np.array([[1.0, 0.0, 0.2], [1.0, 0.0, 0.8], [0.0, 1.0, 0.5], [0.0, 1.0, 0.1]])
    bounds = bounds_around(np.array([0.5, 0.5, 0.0]), 0.2)
    result = smaa(x, np.ones(3), 4000, weight_bounds=bounds, seed=7, method=method,
                  lower=0.0, upper=1.0)
    np.testing.assert_array_equal(result.acceptability[0], result.acceptability[1])
    np.testing.assert_array_equal(result.acceptability[2], result.acceptability[3])
    np.testing.assert_allclose(result.acceptability, 0.25, atol=0.02)
    np.testing.assert_allclose(result.acceptability.sum(axis=0), 1.0)


def test_ranker_smaa_ties_on_an_unweighted_criterion(monkeypatch):
    needs = make_needs([dict(id="A", legal=True), dict(id="B", legal=False),
                        dict(id="C", strategic=5, citizen=1)], department="Miljöförvaltningen")
    ranker = Ranker(needs)
    w = ranker.weight_vector({"strategi": 1, "medborgare": 1, "lagkrav": 0})
    for method in ("wsum", "topsis"):
        result = ranker.smaa(3000, weight_bounds=bounds_around(w, 0.2), seed=2, top_n=1,
                             method=method)
        a, b = (list(ranker.ids).index(i) for i in ("A", "B"))
        np.testing.assert_array_equal(result.acceptability[a], result.acceptability[b])


def _path(w: np.ndarray, k: int, share: float) -> np.ndarray:
    others = np.delete(np.arange(len(w)), k)
    out = np.empty(len(w))
    out[k] = share
    out[others] = w[others] / w[others].sum() * (1 - share)
    return out


@pytest.mark.parametrize("seed", range(3))
def test_topsis_stability_interval_ends_against_a_brute_force_grid(seed):
    x, d = _mixed_problem(seed, 30, 4)
    w = np.random.default_rng(seed + 10).dirichlet(np.ones(4))
    top = 5
    table = stability_intervals(x, w, d, top, method="topsis", labels=list("abcd"))

    def top_set(k, share):
        return frozenset(np.argsort(-topsis(x, _path(w, k, share), d))[:top])

    base = top_set(0, w[0])
    grid = np.linspace(0, 1, 4001)
    for k, row in table.iterrows():
        assert row["lower"] <= w[k] <= row["upper"]
        same = np.array([top_set(k, s) == base for s in grid])
        below, above = grid[(grid < w[k]) & ~same], grid[(grid > w[k]) & ~same]
        # The brute-force bracket of each end: last changed grid share → first same one.
        if below.size:
            assert below.max() <= row["lower"] <= grid[grid > below.max()][0]
        else:
            assert row["lower"] == 0.0
        if above.size:
            assert grid[grid < above.min()][-1] <= row["upper"] <= above.min()
        else:
            assert row["upper"] == 1.0
        for end, step in ((row["lower"], -1e-7), (row["upper"], 1e-7)):
            assert top_set(k, end - step * 10) == base
            if 1e-6 < end < 1 - 1e-6:
                assert top_set(k, end + step) != base


def test_numeric_interval_search_reproduces_the_exact_weighted_sum_ends():
    """The grid + bisection used for TOPSIS, run on the weighted sum, lands on
    the closed-form crossings."""
    rng = np.random.default_rng(4)
    u, w, top = rng.random((40, 5)), rng.dirichlet(np.ones(5)), 6
    exact = stability_intervals(u, w, np.ones(5), top, lower=0.0, upper=1.0)
    scorer = sensitivity._Scorer(u, np.ones(5), "wsum", 0.0, 1.0)
    base = np.zeros(40, dtype=bool)
    base[np.argsort(-(u @ w))[:top]] = True
    for k, row in exact.iterrows():
        lo, hi = sensitivity._numeric_interval(scorer, w, k, base, top, 1000)
        assert lo == pytest.approx(row["lower"], abs=1e-9)
        assert hi == pytest.approx(row["upper"], abs=1e-9)


def _top_ids(ranker: Ranker, w: np.ndarray, method: str, top: int) -> set[str]:
    """The top-N ids as Ranker.rank orders them (rank, then id)."""
    score, _ = ranker.scores(w, method)
    ranks = scoring.rank_scores(score)
    return set(ranker.ids[np.lexsort((ranker.ids, ranks))][:top])


def test_ranker_robustness_follows_the_ranking_method():
    ranker = Ranker(make_needs(n=40, seed=3))
    w = ranker.weight_vector()
    top = 5
    wsum_top, topsis_top = (_top_ids(ranker, w, m, top) for m in ("wsum", "topsis"))
    assert wsum_top != topsis_top  # otherwise this case could not tell them apart
    result = ranker.smaa(2000, weight_bounds=bounds_around(w, 0.01), seed=0, top_n=top,
                         method="topsis")
    assert (result.method, result.top_n, result.criteria) == ("topsis", top, tuple(ranker.keys))
    assert list(result.ids) == list(ranker.ids)
    p = pd.Series(result.top_probability, index=result.ids)
    assert set(p[p > 0.5].index) == topsis_top
    assert p.sum() == pytest.approx(top)
    stability = ranker.stability(top_n=top, method="topsis")
    assert stability["criterion"].tolist() == ranker.keys
    for row in stability.itertuples():
        k = ranker.keys.index(row.criterion)
        for share in (row.lower + 1e-6, row.upper - 1e-6):
            assert _top_ids(ranker, _path(w, k, share), "topsis", top) == topsis_top


def test_smaa_result_is_complete_and_frozen():
    result = _smaa(HAND, 500, seed=1, top_n=1)
    assert list(result.ids) == [0, 1] and result.criteria == ("0", "1")
    assert result.method == "wsum"
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.ids = np.array(["a", "b"])  # type: ignore[misc]
    with pytest.raises(ValueError):
        result.acceptability[0, 0] = 1.0
    labelled = smaa(HAND, np.ones(2), 500, seed=1, ids=np.array(["A", "B"]), criteria=["x", "y"],
                    lower=0.0, upper=1.0)
    assert labelled.frame().columns[-2:].tolist() == ["central_x", "central_y"]
    with pytest.raises(ValueError):
        sensitivity.SmaaResult(result.acceptability, result.central_weights, result.confidence,
                               1, 500, ids=np.array(["only one"]), criteria=("x", "y"))


def test_many_needs_keep_first_ranks_top_n_and_expected_rank_exactly(monkeypatch):
    """Beyond FULL_MATRIX_MAX the result holds the first RANK_COLUMNS ranks, P(top N)
    and E[rank]; each equals a per-sample loop (issue 17: memory linear in needs)."""
    rng = np.random.default_rng(21)
    u = rng.random((40, 3))
    u[7] = u[3]  # a tie, shared evenly in both paths
    n_samples, seed, top_n = 2000, 4, 6
    full = _smaa(u, n_samples, seed=seed, top_n=top_n)
    monkeypatch.setattr(sensitivity, "FULL_MATRIX_MAX", 10)
    monkeypatch.setattr(sensitivity, "RANK_COLUMNS", 5)
    monkeypatch.setattr(sensitivity, "CHUNK_CELLS", 4000)  # several chunks and workers
    part = _smaa(u, n_samples, seed=seed, top_n=top_n)
    assert part.acceptability.shape == (40, 5) and part.ranks_kept == 5
    np.testing.assert_allclose(part.acceptability, full.acceptability[:, :5], atol=1e-12)
    np.testing.assert_allclose(part.top_probability, full.top_probability, atol=1e-12)
    np.testing.assert_allclose(part.expected_rank, full.expected_rank, atol=1e-9)
    np.testing.assert_allclose(part.central_weights, full.central_weights, atol=1e-12)
    weights = sample_weights(n_samples, 3, None, np.random.default_rng(seed))
    rank = np.empty((n_samples, 40))
    for s, w in enumerate(weights):
        rank[s, np.argsort(-(u @ w), kind="stable")] = np.arange(1, 41)
    rank[:, [3, 7]] = rank[:, [3, 7]].mean(axis=1, keepdims=True)  # the tie, averaged
    np.testing.assert_allclose(part.expected_rank, rank.mean(axis=0), atol=1e-9)
    assert part.frame()["p_top"].between(0, 1).all()
    with pytest.raises(ValueError):  # a partial matrix without the sums cannot say P(top N)
        sensitivity.SmaaResult(part.acceptability, part.central_weights, part.confidence, top_n,
                               n_samples, ids=part.ids, criteria=part.criteria)


def test_thirty_thousand_needs_fit_in_linear_memory():
    """30,000 needs allocated 6.7 GiB of counts per worker before."""
    import tracemalloc

    u = np.random.default_rng(2).random((30_000, 4))
    tracemalloc.start()
    try:
        result = _smaa(u, 200, seed=3, top_n=10)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.acceptability.shape == (30_000, sensitivity.RANK_COLUMNS)
    np.testing.assert_allclose(result.top_probability.sum(), 10.0)
    np.testing.assert_allclose(result.expected_rank.mean(), (30_000 + 1) / 2)
    assert peak < 400 * 2**20, peak / 2**20
