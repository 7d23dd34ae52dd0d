"""Robust core (RPM): checked against brute force and independent geometry.

The reference for non-dominated portfolios is the definition itself, written
out here independently of the kernel: every subset, every pair compared at
the extreme points of W (Liesiö, Mild & Salo 2007).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.optimize import linprog
from scipy.spatial import HalfspaceIntersection

from kstad_analysis import robust as R
from kstad_analysis.i18n import t
from kstad_analysis.robust.bounds import dp_bounds, fill_bounds, stages


def _box(rng, m, spread):
    w = rng.dirichlet(np.ones(m) * 2)
    return w * (1 - spread), np.minimum(1.0, w * (1 + spread))


def _feasible(x, c, B, rules):
    if c[x].sum() > B + 1e-9:
        return False
    if any(not x[i] for i in rules.get("must", ())):
        return False
    if any(x[a] and not x[b] for a, b in rules.get("requires", ())):
        return False
    return all(x[list(g)].sum() <= 1 for g in rules.get("exclusive", ()))


def brute_nd(v, c, B, lo, hi, **rules):
    """Non-dominated portfolios by the definition, every pair compared."""
    E = R.extreme_points(lo, hi)
    feas = [np.array(b, bool) for b in itertools.product([0, 1], repeat=len(c))
            if _feasible(np.array(b, bool), c, B, rules)]
    Y = np.array([v[x].sum(axis=0) @ E.T for x in feas])
    C = np.array([c[x].sum() for x in feas])
    tol = 1e-9
    out = []
    for j in range(len(feas)):
        ge = np.all(Y >= Y[j] - tol, axis=1)
        better = np.any(Y > Y[j] + tol, axis=1) | (np.all(np.abs(Y - Y[j]) <= tol, axis=1)
                                                   & (C < C[j] - tol))
        if not np.any(ge & better):
            out.append(feas[j])
    return np.array(out)


def _case(seed, rules=False):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(5, 11)), int(rng.integers(2, 4))
    v = rng.uniform(0, 1, (n, m))
    c = rng.uniform(1, 10, n)
    B = float(c.sum() * rng.uniform(0.25, 0.65))
    lo, hi = _box(rng, m, 0.3)
    extra = dict(requires=[(0, 1), (2, 1)], exclusive=[(3, 4)]) if rules else {}
    return v, c, B, lo, hi, extra


# --------------------------------------------------------------------------- extreme points


@pytest.mark.parametrize("seed", range(8))
def test_extreme_points_match_halfspace_intersection(seed):
    rng = np.random.default_rng(seed)
    m = 3 + seed % 3
    lo, hi = _box(rng, m, 0.4)
    got = R.extreme_points(lo, hi)
    # W in coordinates w_1..w_{m-1}, w_m = 1 − Σ: A z + b ≤ 0 rows
    rows = []
    for k in range(m - 1):
        e = np.zeros(m - 1)
        e[k] = 1
        rows += [np.r_[e, -hi[k]], np.r_[-e, lo[k]]]
    ones = np.ones(m - 1)
    rows += [np.r_[-ones, 1 - hi[-1]], np.r_[ones, lo[-1] - 1]]
    hs = np.array(rows)
    # interior point: the Chebyshev centre by LP
    norm = np.linalg.norm(hs[:, :-1], axis=1)
    res = linprog(np.r_[np.zeros(m - 1), -1], A_ub=np.c_[hs[:, :-1], norm], b_ub=-hs[:, -1],
                  bounds=[(None, None)] * (m - 1) + [(0, None)])
    ref = HalfspaceIntersection(hs, res.x[:-1]).intersections
    ref = np.c_[ref, 1 - ref.sum(axis=1)]
    ref = np.unique(np.round(ref, 9), axis=0)
    assert np.allclose(np.unique(np.round(got, 9), axis=0), ref, atol=1e-8)


def test_extreme_points_span_w_for_every_direction():
    rng = np.random.default_rng(5)
    lo, hi = _box(rng, 6, 0.2)
    E = R.extreme_points(lo, hi)
    assert np.allclose(E.sum(axis=1), 1) and np.all(E >= lo - 1e-12) and np.all(E <= hi + 1e-12)
    for _ in range(50):  # min over W of d·w (LP) equals the min over the vertices
        d = rng.normal(size=6)
        res = linprog(d, A_eq=np.ones((1, 6)), b_eq=[1], bounds=list(zip(lo, hi, strict=True)))
        assert res.fun == pytest.approx((E @ d).min(), abs=1e-9)


def test_extreme_points_degenerate_and_invalid():
    assert np.allclose(R.extreme_points([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]), [[0.2, 0.3, 0.5]])
    assert len(R.extreme_points([0, 0, 0], [1, 1, 1])) == 3  # the whole simplex
    with pytest.raises(ValueError, match="Viktintervallen"):
        R.extreme_points([0.5, 0.6], [0.7, 0.8])


# --------------------------------------------------------------------------- exact method


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("rules", [False, True])
def test_enumeration_matches_brute_force(seed, rules):
    v, c, B, lo, hi, extra = _case(seed, rules)
    nd = brute_nd(v, c, B, lo, hi, **extra)
    res = R.enumerate_core(v, c, B, lo, hi, **extra)
    got = {tuple(p) for p in res.portfolios}
    assert got == {tuple(np.flatnonzero(x)) for x in nd}
    assert np.allclose(res.core_index, nd.mean(axis=0))
    assert res.exact and res.complete and res.certain.all()


def test_must_is_core_and_labels_follow_index():
    v, c, B, lo, hi, _ = _case(3)
    res = R.enumerate_core(v, c, B, lo, hi, must=[2], exclude=[0])
    assert res.labels[2] == R.CORE and res.labels[0] == R.EXTERIOR
    for i, lab in enumerate(res.labels):
        ci = res.core_index[i]
        assert lab == (R.CORE if ci == 1 else R.EXTERIOR if ci == 0 else R.BORDERLINE)


# --------------------------------------------------------------------------- large method


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("rules", [False, True])
def test_supported_agrees_with_enumeration(seed, rules):
    v, c, B, lo, hi, extra = _case(100 + seed, rules)
    exact = R.enumerate_core(v, c, B, lo, hi, **extra)
    big = R.supported_core(v, c, B, lo, hi, time_limit=60, **extra)
    assert big.exact and big.labels == exact.labels
    exact_set = {tuple(p) for p in exact.portfolios}
    assert {tuple(p) for p in big.portfolios} <= exact_set  # every one found is non-dominated


def test_supported_cut_short_errs_one_way_only():
    """With no proof rounds, unproven labels are kärna/utanför whose truth is
    the same or gränsfall; every gränsfall is right."""
    for seed in range(6):
        v, c, B, lo, hi, extra = _case(200 + seed, True)
        exact = R.enumerate_core(v, c, B, lo, hi, **extra)
        big = R.supported_core(v, c, B, lo, hi, rounds=0, points=1, **extra)
        for i, lab in enumerate(big.labels):
            if big.certain[i]:
                assert lab == exact.labels[i]
            else:
                assert lab != R.BORDERLINE and exact.labels[i] in (lab, R.BORDERLINE)


def _dominated_need(v, c, B):
    """A need worse than every other on every criterion and dearer than all."""
    return np.r_[v, 0.5 * v.min(axis=0, keepdims=True)], np.r_[c, min(1.1 * c.max(), B)]


@pytest.mark.parametrize("seed", range(8))
def test_dominated_added_need_is_not_core_and_changes_nothing(seed):
    v, c, B, lo, hi, _ = _case(300 + seed)
    before = R.enumerate_core(v, c, B, lo, hi)
    v2, c2 = _dominated_need(v, c, B)
    after = R.enumerate_core(v2, c2, B, lo, hi)
    assert after.labels[-1] != R.CORE
    assert after.labels[:-1] == before.labels
    big = R.supported_core(v2, c2, B, lo, hi, time_limit=60)
    assert big.exact and big.labels == after.labels


def test_needs_without_benefit_are_exterior():
    v, c, B, lo, hi, _ = _case(7)
    before = R.enumerate_core(v, c, B, lo, hi)
    v2, c2 = np.r_[v, np.zeros((5, v.shape[1]))], np.r_[c, np.full(5, 0.01)]
    for res in (R.enumerate_core(v2, c2, B, lo, hi), R.supported_core(v2, c2, B, lo, hi)):
        assert res.labels[-5:] == (R.EXTERIOR,) * 5 and res.labels[:-5] == before.labels
        assert res.exact


def test_single_weight_gives_the_optimal_portfolio():
    for seed in range(5):
        v, c, B, _, _, _ = _case(400 + seed)
        w = np.random.default_rng(seed).dirichlet(np.ones(v.shape[1]))
        best = max((np.array(b, bool) for b in itertools.product([0, 1], repeat=len(c))
                    if c[np.array(b, bool)].sum() <= B), key=lambda x: v[x].sum(axis=0) @ w)
        for res in (R.enumerate_core(v, c, B, w, w), R.supported_core(v, c, B, w, w)):
            assert [tuple(p) for p in res.portfolios] == [tuple(np.flatnonzero(best))]


def test_everything_fits_everything_is_core():
    v, c, _, lo, hi, _ = _case(9)
    for res in (R.enumerate_core(v, c, c.sum(), lo, hi), R.supported_core(v, c, c.sum(), lo, hi)):
        assert res.labels == (R.CORE,) * len(c) and res.exact


def test_cost_uncertainty_high_basis_is_the_high_cost_problem():
    v, c, B, lo, hi, _ = _case(11)
    high = c * 1.2
    a = R.enumerate_core(v, c, B, lo, hi, cost_high=high, feasible_at="high")
    b = R.enumerate_core(v, high, B, lo, hi)
    assert a.labels == b.labels and "höga kostnaden" in a.sentence("sv")
    assert R.enumerate_core(v, c, B, lo, hi, cost_high=high).labels == \
        R.enumerate_core(v, c, B, lo, hi).labels


def test_large_instance_labels_are_consistent():
    """n = 60 with rules: every portfolio found is feasible and non-dominated
    among those found; certain gränsfall needs are in some but not all."""
    rng = np.random.default_rng(1)
    n, m = 60, 4
    v = rng.integers(0, 6, (n, m)) * rng.uniform(0.5, 1.5, (n, 1))
    c = np.round(rng.lognormal(np.log(400), 1.0, n)) * 1000
    lo, hi = _box(rng, m, 0.2)
    rules = dict(requires=[(0, 1), (2, 1)], exclusive=[(3, 4, 5)], must=[6])
    res = R.supported_core(v, c, c.sum() * 0.3, lo, hi, time_limit=20, **rules)
    E = res.vertices
    ys = [v[p].sum(axis=0) @ E.T for p in res.portfolios]
    for i, p in enumerate(res.portfolios):
        x = np.zeros(n, bool)
        x[p] = True
        assert _feasible(x, c, c.sum() * 0.3, rules)
        for j, other in enumerate(ys):
            assert i == j or not (np.all(other >= ys[i] - 1e-9) and np.any(other > ys[i] + 1e-6))
    assert res.labels[6] == R.CORE
    share = res.core_index
    assert all((lab == R.BORDERLINE) == (0 < s < 1) for lab, s in zip(res.labels, share,
                                                                      strict=True))


# --------------------------------------------------------------------------- bounds


def test_fill_bounds_match_linprog():
    rng = np.random.default_rng(3)
    n = 25
    u, c = rng.uniform(0, 1, n), rng.uniform(1, 10, n)
    cap = c.sum() * 0.3
    free = np.ones(n, bool)
    free[:2] = False
    without, with_ = fill_bounds(u, c, cap, free)
    for i in range(2, n):
        for fix, got in ((0, without[i]), (1, with_[i])):
            b = [(0, 1 if free[j] else 0) for j in range(n)]
            b[i] = (fix, fix)
            res = linprog(-u, A_ub=c[None], b_ub=[cap], bounds=b)
            assert (res.status == 2 and got == -np.inf) or -res.fun == pytest.approx(got)


def test_dp_bounds_with_rules_match_brute_force():
    rng = np.random.default_rng(4)
    n = 9
    u = rng.uniform(0, 1, n)
    c = rng.integers(1, 9, n) * 1000.0
    cap = float(c.sum() * 0.4)
    free = np.ones(n, bool)
    requires, exclusive = [(0, (1,)), (2, (1,))], [(3, 4)]
    plan = stages(n, free, requires, exclusive)
    without, with_ = dp_bounds(u, c, cap, free, np.ones(n, bool), plan)
    rules = dict(requires=[(0, 1), (2, 1)], exclusive=[(3, 4)])
    for i in range(n):
        best = {0: -np.inf, 1: -np.inf}
        for b in itertools.product([0, 1], repeat=n):
            x = np.array(b, bool)
            if _feasible(x, c, cap, rules):
                best[int(x[i])] = max(best[int(x[i])], u[x].sum())
        assert without[i] == pytest.approx(best[0]) and with_[i] == pytest.approx(best[1])


# --------------------------------------------------------------------------- texts, errors


def test_texts_and_errors():
    v, c, B, lo, hi, _ = _case(2)
    res = R.core(v, c, B, lo, hi)
    assert res.method == "enumeration" and "Exakt" in res.sentence("sv")
    assert R.label_text(R.CORE, "sv") == "kärna" and R.label_text(R.CORE, "en") == "core"
    assert res.label_text(0, "sv") in ("kärna", "gränsfall", "utanför")
    assert t("robust.label.borderline", "sv") == "gränsfall"
    with pytest.raises(ValueError, match="nominal"):
        R.core(v, c, B, lo, hi, feasible_at="låg")
    with pytest.raises(ValueError, match="kriterier"):
        R.core(v[:, :1], c, B, lo, hi)
    with pytest.raises(ValueError, match="metod"):
        R.core(v, c, B, lo, hi, method="gissa")
    with pytest.raises(ValueError, match="högst"):
        R.enumerate_core(np.ones((30, 2)), np.ones(30), 10.0, [0.4, 0.4], [0.6, 0.6])
