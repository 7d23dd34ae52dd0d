"""Robust core (RPM) beside the report's current way, in the same run.

Case from issue 12: 200 needs, 5 benefit criteria, weights ±20 % around the
scenario's, a budget of 30 % of the total cost, a few rules (dependencies,
either-or triples, one lagkrav). Ours: ``robust.supported_core`` (found
non-dominated portfolios, bounds, then the MILP proof within its work
limits: proof rounds and nodes, seconds only as a safety net). Baseline: 30
random weight draws (``sensitivity.sample_weights``),
each re-optimised with ``portfolio.solve``, as ``report_content`` does today.
The note says how many classes are proven and how many needs the draws call
"always"/"never" funded that are in fact gränsfall (proven).
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks._table import Row
from kstad_analysis import portfolio as P
from kstad_analysis import robust as R
from kstad_analysis import sensitivity


def instance(n: int = 200, m: int = 5, seed: int = 0) -> dict[str, object]:
    rng = np.random.default_rng(seed)
    costs = np.clip(np.round(rng.lognormal(np.log(400_000), 1.0, n), -4), 10_000, None)
    values = rng.integers(0, 6, (n, m)).astype(float) * rng.uniform(0.5, 1.5, (n, 1))
    w = rng.dirichlet(np.ones(m) * 3)
    bounds = sensitivity.bounds_around(w, 0.2)
    perm = rng.permutation(n)
    return dict(values=values, costs=costs, budget=float(costs.sum() * 0.3),
                lower=bounds[:, 0], upper=bounds[:, 1],
                requires=[(int(perm[i]), int(perm[i + 1])) for i in range(0, 20, 2)],
                exclusive=[tuple(int(j) for j in perm[20 + 3 * i: 23 + 3 * i]) for i in range(5)],
                must=[int(perm[40])])


def draws(inst: dict[str, object], samples: int = 30, seed: int = 1) -> np.ndarray:
    """Share of re-optimised weight draws funding each need (today's report)."""
    v = np.asarray(inst["values"])
    bounds = np.column_stack([inst["lower"], inst["upper"]])
    ws = sensitivity.sample_weights(samples, v.shape[1], bounds, np.random.default_rng(seed))
    rules = {k: inst[k] for k in ("requires", "exclusive", "must")}
    funded = np.zeros(len(v))
    for w in ws:
        funded[P.solve(v @ w, inst["costs"], inst["budget"], **rules).chosen] += 1
    return funded / samples


def _once(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def run() -> list[Row]:
    rows = []
    # work limits (proof MILPs, their nodes in all) as Analysis.core's [karna]
    # defaults, then one proof round (its root node alone takes seconds here);
    # seconds only as a safety net
    for seed, rounds, nodes in ((0, 0, 2000), (1, 0, 2000), (0, 1, 200)):
        inst = instance(seed=seed)
        ours_s, res = _once(lambda inst=inst, rounds=rounds, nodes=nodes: R.supported_core(
            rounds=rounds, nodes=nodes, time_limit=120.0, **inst))
        base_s, share = _once(lambda inst=inst: draws(inst))
        border = np.array([lab == R.BORDERLINE for lab in res.labels]) & res.certain
        missed = int(np.sum(border & ((share == 0) | (share == 1))))
        counts = ", ".join(f"{lab} {len(res.members(lab))}" for lab in R.LABELS)
        rows.append(Row(
            f"200 behov, 5 kriterier, ±20 %, regler (frö {seed}, högst {rounds} kontroller, "
            f"{nodes} noder)", ours_s,
            "30 viktdragningar + solve", base_s, "≤ 2 s",
            f"{counts}; bevisade {res.checked}/200 ({'exakt' if res.exact else 'delvis'}), "
            f"{len(res.portfolios)} icke-dominerade, {res.rounds} MILP-kontroller, {res.nodes} "
            f"noder{', skyddsnätet (tid) löste ut' if res.stopped else ''}; dragningarna "
            f"kallar {missed} bevisade gränsfall 'alltid'/'aldrig'"))
    from benchmarks.portfolio import _Old

    inst = instance(seed=0)
    ours_s, res = _once(lambda: R.supported_core(rounds=0, time_limit=120.0, **inst))
    with _Old():
        base_s, old = _once(lambda: R.supported_core(rounds=0, time_limit=120.0, **inst))
    rows.append(Row("200 behov (frö 0, 0 kontroller): kärnan nu och före", ours_s,
                    "utan LP-/DP-gränser, MILP för stödportföljer (före)", base_s, "fler bevisade",
                    f"bevisade nu {res.checked}/200, före {old.checked}/200"))
    return rows
