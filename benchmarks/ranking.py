"""Prioritisation: scoring kernels, the slider path of rank(), and SMAA-2.

Why these cases: the prioritisation app re-ranks on every slider move
(target ≤ 10 ms for 1,000 needs with contributions), the kernels must not be
slower than the MCDA libraries people would otherwise use (scikit-criteria,
pymcdm, with the same normalisations so the work is the same), and SMAA-2
with 10,000 weight samples on 1,000 needs × 8 criteria must stay interactive
(target ≤ 1.5 s, ≤ 1 GB) where the obvious baseline is a per-sample loop.
Every pair is checked to give the same numbers before it is timed.
"""

from __future__ import annotations

import warnings

import numpy as np

from benchmarks._table import Row, peak_memory_mb, timeit
from kstad_analysis import scoring, sensitivity
from kstad_analysis.ranking import Ranker, rank
from kstad_analysis.synthetic import generate_frame


def _problem(n: int, m: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(1, 100, (n, m)) * rng.choice([1, 1e3, 1e6], m)
    w = rng.dirichlet(np.ones(m))
    d = np.where(np.arange(m) % 3 == 1, -1, 1)
    return x, w, d


def _kernels() -> list[Row]:
    import skcriteria as skc
    from pymcdm import normalizations
    from pymcdm.methods import TOPSIS, WSM
    from skcriteria.agg.simple import WeightedSumModel
    from skcriteria.agg.topsis import TOPSIS as SkTopsis
    from skcriteria.preprocessing.invert_objectives import InvertMinimize
    from skcriteria.preprocessing.scalers import MinMaxScaler, VectorScaler

    x, w, d = _problem(10_000, 8)
    rows = []
    wsm = WSM(normalization_function=normalizations.minmax_normalization)
    assert np.allclose(scoring.weighted_sum(x, w, d), wsm(x, w, d))
    rows.append(Row("viktad summa 10 000 × 8", timeit(lambda: scoring.weighted_sum(x, w, d)),
                    "pymcdm WSM (min–max)", timeit(lambda: wsm(x, w, d))))

    def sk_wsum() -> np.ndarray:
        with np.errstate(all="ignore"):
            return _sk_wsum()

    def _sk_wsum() -> np.ndarray:
        dm = skc.mkdm(x, [max if k > 0 else min for k in d], weights=w)
        dm = MinMaxScaler(target="matrix").transform(dm)
        dm = InvertMinimize().transform(dm)
        return WeightedSumModel().evaluate(dm).e_.score

    # skcriteria inverts cost columns as 1/x after min-max, so only the order is compared.
    rows.append(Row("viktad summa 10 000 × 8", timeit(lambda: scoring.weighted_sum(x, w, d)),
                    "scikit-criteria (min–max + invertering + WSM)", timeit(sk_wsum),
                    note="annan kostnadsomvändning; bara tiden jämförs"))
    top = TOPSIS(normalization_function=normalizations.vector_normalization)
    assert np.allclose(scoring.topsis(x, w, d), top(x, w, d))
    rows.append(Row("TOPSIS 10 000 × 8", timeit(lambda: scoring.topsis(x, w, d)),
                    "pymcdm TOPSIS (vektornormering)", timeit(lambda: top(x, w, d))))

    def sk_topsis() -> np.ndarray:
        dm = skc.mkdm(x, [max if k > 0 else min for k in d], weights=w)
        dm = VectorScaler(target="matrix").transform(dm)
        return SkTopsis().evaluate(dm).e_.similarity

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert np.allclose(scoring.topsis(x, w, d), sk_topsis())
        rows.append(Row("TOPSIS 10 000 × 8", timeit(lambda: scoring.topsis(x, w, d)),
                        "scikit-criteria TOPSIS (VectorScaler)", timeit(sk_topsis)))
    return rows


def _rank_rows() -> list[Row]:
    needs = generate_frame(1000, seed=1)  # the template's distributions, ~3 % blank cells
    ranker = Ranker(needs)
    reference = ranker.rank()
    weights = {"nytta": 3, "kostnad": 2, "strategi": 1, "medborgare": 2, "risk": 1,
               "koncernnytta": 1, "lagkrav": 1}
    assert rank(needs, weights).table.equals(ranker.rank(weights).table)
    slider = timeit(lambda: ranker.rank(weights, reference=reference), repeat=50)
    oneshot = timeit(lambda: rank(needs, weights, reference=reference), repeat=20)
    rows = [
        Row("Ranker.rank, 1 000 behov, bidrag + rangförändring", slider,
            "rank() från början (bygger kriterievärden varje gång)", oneshot, "≤ 10 ms"),
        Row("rank() från början, 1 000 behov", oneshot, target="≤ 10 ms"),
        Row("Ranker.rank TOPSIS, 1 000 behov",
            timeit(lambda: ranker.rank(weights, "topsis"), repeat=50), target="≤ 10 ms"),
        Row("Ranker(needs) förberedelse, 1 000 behov", timeit(lambda: Ranker(needs), repeat=10)),
    ]
    return rows


def _loop_smaa(u: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The straightforward baseline: score, sort and count one sample at a time."""
    n = u.shape[0]
    counts = np.zeros((n, n))
    central = np.zeros((n, u.shape[1]))
    positions = np.arange(n)
    for w in weights:
        order = np.argsort(-(u @ w))
        counts[order, positions] += 1
        central[order[0]] += w
    return counts / len(weights)


def _loop_topsis_smaa(x: np.ndarray, d: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Baseline for SMAA with TOPSIS: the one-vector kernel once per sample."""
    n = x.shape[0]
    counts = np.zeros((n, n))
    positions = np.arange(n)
    for w in weights:
        counts[np.argsort(-scoring.topsis(x, w, d)), positions] += 1
    return counts / len(weights)


def _smaa_rows() -> list[Row]:
    n, m, samples = 1000, 8, 10_000
    u = np.random.default_rng(2).random((n, m))
    ones = np.ones(m)

    def ours() -> sensitivity.SmaaResult:
        return sensitivity.smaa(u, ones, samples, seed=0, lower=0.0, upper=1.0)

    weights = sensitivity.sample_weights(samples, m, None, np.random.default_rng(0))
    assert np.allclose(ours().acceptability, _loop_smaa(u, weights))
    ours_s = timeit(ours, repeat=3)
    loop_s = timeit(lambda: _loop_smaa(u, weights), repeat=1, warmup=0)
    peak = peak_memory_mb(ours)
    bounds = sensitivity.bounds_around(np.full(m, 1 / m), 0.2)
    bounded = timeit(lambda: sensitivity.smaa(u, ones, samples, weight_bounds=bounds, seed=0,
                                              lower=0.0, upper=1.0), repeat=3)
    w = np.full(m, 1 / m)
    stability = timeit(lambda: sensitivity.stability_intervals(u, w, ones, 10, lower=0.0,
                                                               upper=1.0), repeat=5)
    x, _, d = _problem(n, m, seed=2)

    def ours_topsis() -> sensitivity.SmaaResult:
        return sensitivity.smaa(x, d, samples, seed=0, method="topsis")

    assert np.allclose(ours_topsis().acceptability, _loop_topsis_smaa(x, d, weights))
    topsis_s = timeit(ours_topsis, repeat=3)
    topsis_loop_s = timeit(lambda: _loop_topsis_smaa(x, d, weights), repeat=1, warmup=0)
    topsis_stability = timeit(lambda: sensitivity.stability_intervals(
        x, w, d, 10, method="topsis"), repeat=3)
    return [
        Row("SMAA-2, 10 000 vikter × 1 000 behov × 8", ours_s, "loop per vikt", loop_s,
            "≤ 1,5 s, ≤ 1 GB", f"topp minne {peak:.0f} MB"),
        Row("SMAA-2 med ±20 % viktgränser", bounded, target="≤ 1,5 s"),
        Row("stabilitetsintervall topp 10, 1 000 × 8", stability),
        Row("SMAA-2 TOPSIS, 10 000 vikter × 1 000 behov × 8", topsis_s,
            "loop per vikt med scoring.topsis", topsis_loop_s, "≤ 1,5 s"),
        Row("stabilitetsintervall TOPSIS topp 10 (rutnät + bisektion)", topsis_stability),
    ]


def run() -> list[Row]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scikit-criteria's advice and deprecation notes
        kernels = _kernels()
    return [*kernels, *_rank_rows(), *_smaa_rows()]
