"""The best portfolio with one item (or one of a few) forced in, for many items at once.

Why: the counterfactual reason of an unfunded need ("taken in, it would cost
X in value and push out A, B") is the optimum of the problem with the need
forced in. One MILP per need takes ~0.1 s on the sample (branch and bound has
to prove each optimum afresh), so ~130 of them do not fit in a second. The
problem has structure a dynamic programme uses exactly:

* **Components.** Rules (requires, either-or, at-least-one, must) tie items
  into components; items in different components interact only through the
  budget. Each component's *Pareto front* (cost in whole units, value) of
  rule-feasible subsets is exact: small components are enumerated, large ones
  split by conditioning on their most-connected item (in or out, the rules
  simplified, the rest falls apart into smaller components whose fronts are
  merged). Dominated subsets (dearer and no better) can never be in an
  optimum, so keeping the front only loses nothing.
* **Every item at once.** Prefix and suffix tables over the components'
  fronts give, for component s, the best value of all *other* components at
  every capacity; forcing an item re-computes only its own component's front
  with the item required, and the optimum is the best split of the budget
  between that front and the rest (Kellerer, Pferschy & Pisinger 2004,
  *Knapsack Problems*, ch. 11 on multiple-choice knapsacks).
* **Relaxation, then a check.** Only one budget column is modelled; costs in
  whole units of their greatest common divisor (plans quote in tkr) make the
  DP exact, otherwise they are rounded *down* (every feasible portfolio still
  fits). A running-cost ceiling is dropped. So the DP answer is the optimum of
  a relaxation, and when it keeps every real rule (budget in kronor, running
  cost) it is the optimum of the real problem. When it does not, or the
  problem has several budget columns, :meth:`ForcedSolver.solve` returns
  ``None`` and the caller falls back to a MILP.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from kstad_analysis.portfolio.model import Model, violations

#: Components up to this many items are enumerated outright (2^12 subsets).
ENUMERATE = 12
#: Largest DP capacity (budget units); beyond it the costs are rounded down.
MAX_UNITS = 20_000
_EPS = 1e-12


@dataclass
class _Rules:
    """The rules restricted to some items: requirements, at-most-one and
    at-least-one groups, items that must be in."""

    requires: list[tuple[int, tuple[int, ...]]]
    exclusive: list[tuple[int, ...]]
    cover: list[tuple[int, ...]]

    def key(self) -> tuple:
        return (tuple(self.requires), tuple(self.exclusive), tuple(self.cover))


def _simplify(items: set[int], rules: _Rules, fixed: dict[int, bool]
              ) -> tuple[set[int], _Rules, set[int]] | None:
    """Propagate fixed items through the rules to a fixpoint.

    Returns the still-free items, the rules over them and the items fixed in,
    or None when the fixings contradict a rule. Why a fixpoint: fixing one
    item can fix others (an either-or partner goes out, a requirement with one
    option left brings it in), and a component splits only once those are out.
    """
    fixed = dict(fixed)
    reqs, excl, cover = list(rules.requires), list(rules.exclusive), list(rules.cover)
    changed = True
    while changed:
        changed = False
        new_reqs = []
        for a, opts in reqs:
            if fixed.get(a) is False or any(fixed.get(o) is True for o in opts):
                continue
            live = tuple(o for o in opts if o not in fixed)
            if fixed.get(a) is True:
                if not live:
                    return None
                cover.append(live)
                changed = True
                continue
            if not live:
                fixed[a], changed = False, True
                continue
            new_reqs.append((a, live))
        reqs = new_reqs
        new_excl = []
        for g in excl:
            ins = [i for i in g if fixed.get(i) is True]
            if len(ins) > 1:
                return None
            if ins:
                for i in g:
                    if i not in fixed:
                        fixed[i], changed = False, True
                continue
            live = tuple(i for i in g if i not in fixed)
            if len(live) > 1:
                new_excl.append(live)
        excl = new_excl
        new_cover = []
        for g in cover:
            if any(fixed.get(i) is True for i in g):
                continue
            live = tuple(i for i in g if i not in fixed)
            if not live:
                return None
            if len(live) == 1:
                fixed[live[0]], changed = True, True
                continue
            new_cover.append(live)
        cover = new_cover
    free = {i for i in items if i not in fixed}
    return free, _Rules(reqs, excl, cover), {i for i, v in fixed.items() if v and i in items}


def _split(items: set[int], rules: _Rules) -> list[tuple[list[int], _Rules]]:
    """The connected components of ``items`` under ``rules``, each with its rules."""
    parent = {i: i for i in items}

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    groups = [(a, *opts) for a, opts in rules.requires] + rules.exclusive + rules.cover
    for g in groups:
        for i in g[1:]:
            parent[find(g[0])] = find(i)
    comps: dict[int, list[int]] = {}
    for i in sorted(items):
        comps.setdefault(find(i), []).append(i)
    out = []
    for root, members in comps.items():
        out.append((members, _Rules(
            [r for r in rules.requires if find(r[0]) == root],
            [g for g in rules.exclusive if find(g[0]) == root],
            [g for g in rules.cover if find(g[0]) == root])))
    return out


@dataclass
class _Front:
    """Pareto front of a component: cost units ``w`` (ascending), values ``v``
    (strictly ascending) and the subset of each entry."""

    w: np.ndarray
    v: np.ndarray
    sets: list[tuple[int, ...]]

    @staticmethod
    def pareto(w: np.ndarray, v: np.ndarray, cap: int) -> np.ndarray:
        """Indices of the Pareto entries within ``cap`` (cost ascending)."""
        idx = np.flatnonzero(w <= cap)
        if len(idx) == 0:
            return idx
        idx = idx[np.lexsort((-v[idx], w[idx]))]
        vals = v[idx]
        before = np.r_[-np.inf, np.maximum.accumulate(vals)[:-1]]
        return idx[vals > before + _EPS * np.maximum(1.0, np.abs(vals))]

    @classmethod
    def of(cls, w: np.ndarray, v: np.ndarray, sets: list[tuple[int, ...]], cap: int) -> _Front:
        keep = cls.pareto(w, v, cap)
        return cls(w[keep], v[keep], [sets[j] for j in keep.tolist()])

    def merge(self, other: _Front, cap: int) -> _Front:
        w = (self.w[:, None] + other.w[None, :]).reshape(-1)
        v = (self.v[:, None] + other.v[None, :]).reshape(-1)
        keep = self.pareto(w, v, cap)
        nb = len(other.w)
        return _Front(w[keep], v[keep], [self.sets[j // nb] + other.sets[j % nb]
                                         for j in keep.tolist()])


class _Fronts:
    """Computes Pareto fronts of components (module doc)."""

    def __init__(self, units: np.ndarray, values: np.ndarray, cap: int,
                 cache: dict | None = None) -> None:
        self.units, self.values, self.cap = units, values, cap
        # The rule work (fixpoints, splits, feasible subsets) does not depend
        # on the values: shared between solvers over the same model, so a new
        # weight vector only re-prices and re-prunes (robust core).
        self.cache = {} if cache is None else cache

    def front(self, items: Iterable[int], rules: _Rules,
              fixed: dict[int, bool] | None = None) -> _Front | None:
        items = tuple(sorted(items))
        key = ("front", items, rules.key(), tuple(sorted((fixed or {}).items())))
        if key not in self.cache:
            simple = _simplify(set(items), rules, fixed or {})
            self.cache[key] = None if simple is None else (simple[2], _split(*simple[:2]))
        known = self.cache[key]
        if known is None:
            return None
        ins, parts = known
        base = tuple(sorted(ins))
        w0 = int(self.units[list(base)].sum()) if base else 0
        out = _Front(np.array([w0]), np.array([float(self.values[list(base)].sum())]), [base])
        if w0 > self.cap:
            return None
        for members, sub in parts:
            part = self._component(members, sub)
            if part is None:
                return None
            out = out.merge(part, self.cap)
            if len(out.w) == 0:
                return None
        return out

    def _component(self, members: list[int], rules: _Rules) -> _Front | None:
        if len(members) <= ENUMERATE:
            return self._enumerate(members, rules)
        degree = {i: 0 for i in members}
        for g in [(a, *o) for a, o in rules.requires] + rules.exclusive + rules.cover:
            for i in g:
                degree[i] += 1
        hub = max(members, key=lambda i: (degree[i], -i))
        fronts = [f for f in (self.front(members, rules, {hub: b}) for b in (False, True))
                  if f is not None]
        if not fronts:
            return None
        return _Front.of(np.concatenate([f.w for f in fronts]),
                         np.concatenate([f.v for f in fronts]),
                         [s for f in fronts for s in f.sets], self.cap)

    def _enumerate(self, members: list[int], rules: _Rules) -> _Front | None:
        key = ("subsets", tuple(members), rules.key(), self.cap)
        if key not in self.cache:
            self.cache[key] = self._subsets(members, rules)
        x = self.cache[key]
        if x is None:
            return None
        idx = np.array(members)
        w = x.astype(np.int64) @ self.units[idx]
        v = x.astype(float) @ self.values[idx]
        keep = _Front.pareto(w, v, self.cap)
        if len(keep) == 0:
            return None
        return _Front(w[keep], v[keep], [tuple(idx[x[j]].tolist()) for j in keep.tolist()])

    def _subsets(self, members: list[int], rules: _Rules) -> np.ndarray | None:
        """The rule-feasible subsets of ``members`` within the capacity (rows)."""
        k = len(members)
        pos = {i: b for b, i in enumerate(members)}
        codes = np.arange(1 << k, dtype=np.int64)
        x = (codes[:, None] >> np.arange(k, dtype=np.int64)) & 1 == 1
        ok = np.ones(len(codes), dtype=bool)
        for a, opts in rules.requires:
            ok &= ~x[:, pos[a]] | x[:, [pos[o] for o in opts]].any(axis=1)
        for g in rules.exclusive:
            ok &= x[:, [pos[i] for i in g]].sum(axis=1) <= 1
        for g in rules.cover:
            ok &= x[:, [pos[i] for i in g]].any(axis=1)
        x = x[ok]
        if len(x) == 0:
            return None
        x = x[x.astype(np.int64) @ self.units[np.array(members)] <= self.cap]
        return x if len(x) else None


def _add(table: np.ndarray, front: _Front) -> np.ndarray:
    """One stage of the multiple-choice DP: exactly one front entry is taken."""
    out = np.full_like(table, -np.inf)
    cap = len(table) - 1
    for w, v in zip(front.w.tolist(), front.v.tolist(), strict=True):
        np.maximum(out[w:], table[: cap + 1 - w] + v, out=out[w:])
    return out


class ForcedSolver:
    """Exact optima of ``model`` with a cover of items forced in (module doc).

    ``applies`` is false when the model has more than one budget column; then
    every :meth:`solve` returns None.
    """

    def __init__(self, model: Model, _cache: dict | None = None) -> None:
        self.model = model
        self._cache = {} if _cache is None else _cache
        self.applies = model.costs.shape[1] == 1 and model.n > 0
        if not self.applies:
            return
        costs = model.costs[:, 0]
        budget = float(model.budget[0])
        whole = costs[costs > 0]
        unit = 0.0
        if len(whole) and np.all(np.abs(whole - np.round(whole)) < 1e-9) and whole.max() < 2**52:
            unit = float(np.gcd.reduce(np.round(whole).astype(np.int64)))
        if unit <= 0 or budget / unit > MAX_UNITS:
            unit = max(budget / MAX_UNITS, 1e-9)
        cap = int(math.floor(budget / unit + 1e-9))
        self.units = np.floor(costs / unit + 1e-9).astype(np.int64)
        items = set(np.flatnonzero(model.ub == 1).tolist())
        fixed = {int(i): False for i in np.flatnonzero(model.ub == 0)}
        fixed.update({int(i): True for i in model.must})
        self.rules = _Rules(list(model.requires), list(model.exclusive),
                            list(model.at_least_one))
        top = ("top", model.ub.tobytes(), tuple(model.must))
        if top not in self._cache:
            simple = _simplify(items | set(fixed), self.rules, fixed)
            self._cache[top] = None if simple is None else (
                tuple(sorted(simple[2])), _split(*simple[:2]))
        if self._cache[top] is None:
            self.applies = False
            return
        self.ins, self.stages = self._cache[top]
        # the DP shares out what the items fixed in leave
        self.cap = cap - int(self.units[list(self.ins)].sum())
        if self.cap < 0:
            self.applies = False
            return
        self.fronts = _Fronts(self.units, model.values, self.cap, self._cache)
        self.stage_of = {i: s for s, (members, _) in enumerate(self.stages) for i in members}
        fronts = [self.fronts.front(m, r) for m, r in self.stages]
        if any(f is None for f in fronts):
            self.applies = False
            return
        self.base_front: list[_Front] = fronts  # type: ignore[assignment]
        S, C = len(self.stages), self.cap
        self.pre = np.zeros((S + 1, C + 1))
        for s, f in enumerate(self.base_front):
            self.pre[s + 1] = _add(self.pre[s], f)
        self.suf = np.zeros((S + 1, C + 1))
        for s in range(S - 1, -1, -1):
            self.suf[s] = _add(self.suf[s + 1], self.base_front[s])

    def reweighted(self, model: Model) -> ForcedSolver:
        """A solver for ``model``, the same rules and costs with other values
        (and possibly more items fixed out), reusing this one's rule work."""
        return ForcedSolver(model, self._cache)

    def bound(self, i: int, inside: bool) -> float:
        """The relaxation's optimum value with item ``i`` in (``inside``) or out:
        an upper bound on every real portfolio with (without) ``i``; −inf when
        none exists. Value only (no portfolio, no check), for proofs."""
        if not self.applies:
            return math.inf
        if i in self.ins:
            return float(self.model.values[list(self.ins)].sum() + self.pre[-1][self.cap]) \
                if inside else -math.inf
        base = float(self.model.values[list(self.ins)].sum()) if self.ins else 0.0
        s = self.stage_of.get(int(i))
        if s is None:  # fixed out
            return -math.inf if inside else base + float(self.pre[-1][self.cap])
        members, rules = self.stages[s]
        front = self.fronts.front(members, rules, {int(i): bool(inside)})
        if front is None:
            return -math.inf
        pre, suf, C = self.pre[s], self.suf[s + 1], self.cap
        best = -math.inf
        for w, v in zip(front.w.tolist(), front.v.tolist(), strict=True):
            if w <= C:
                best = max(best, v + float(np.max(pre[: C - w + 1] + suf[C - w::-1])))
        return base + best

    def best(self) -> tuple[str, np.ndarray | None]:
        """The unforced optimum, as :meth:`solve` answers (``"unknown"`` when
        the relaxation's optimum breaks a real rule)."""
        if not self.applies:
            return "unknown", None
        return self._best(None, None)

    def solve(self, cover: Sequence[int]) -> tuple[str, np.ndarray | None]:
        """``("optimal", x)`` with at least one of ``cover`` in; ``("infeasible",
        None)`` when no portfolio holds one; ``("unknown", None)`` when the DP
        does not decide it (the caller solves a MILP)."""
        if not self.applies:
            return "unknown", None
        cover = tuple(int(i) for i in cover)
        if any(i in self.ins for i in cover):
            status, x = self._best(None, None)
            return status, x
        live = [i for i in cover if i in self.stage_of]
        if not live:
            return "infeasible", None
        stages = {self.stage_of[i] for i in live}
        if len(stages) > 1:
            return "unknown", None
        s = stages.pop()
        members, rules = self.stages[s]
        front = self.fronts.front(members, _Rules(rules.requires, rules.exclusive,
                                                  [*rules.cover, tuple(live)]))
        if front is None:
            return "infeasible", None
        return self._best(s, front)

    def _best(self, s: int | None, front: _Front | None) -> tuple[str, np.ndarray | None]:
        C = self.cap
        if s is None:
            if not np.isfinite(self.pre[-1][C]):
                return "infeasible", None
            chosen = self._back_pre(len(self.stages), C)
        else:
            best, pick = -np.inf, None
            pre, suf = self.pre[s], self.suf[s + 1]
            for e, (w, v) in enumerate(zip(front.w.tolist(), front.v.tolist(), strict=True)):  # type: ignore[union-attr]
                c = C - w
                if c < 0:
                    continue
                both = pre[: c + 1] + suf[c::-1]
                j = int(np.argmax(both))
                if both[j] + v > best:
                    best, pick = both[j] + v, (e, j, c - j)
            if pick is None or not np.isfinite(best):
                return "infeasible", None
            e, j, rest = pick
            chosen = self._back_pre(s, j) + list(front.sets[e]) + self._back_suf(s + 1, rest)  # type: ignore[union-attr]
        x = np.zeros(self.model.n, dtype=bool)
        x[list(self.ins)] = True
        x[chosen] = True
        if violations(self.model, x):
            return "unknown", None  # the relaxation's optimum breaks a real rule
        return "optimal", x

    def _back_pre(self, s: int, k: int) -> list[int]:
        out: list[int] = []
        for t in range(s - 1, -1, -1):
            f = self.base_front[t]
            target = self.pre[t + 1][k]
            for w, v, chosen in zip(f.w.tolist(), f.v.tolist(), f.sets, strict=True):  # type: ignore[union-attr]
                if w <= k and self.pre[t][k - w] + v == target:
                    out.extend(chosen)
                    k -= w
                    break
        return out

    def _back_suf(self, s: int, k: int) -> list[int]:
        out: list[int] = []
        for t in range(s, len(self.stages)):
            f = self.base_front[t]
            target = self.suf[t][k]
            for w, v, chosen in zip(f.w.tolist(), f.v.tolist(), f.sets, strict=True):  # type: ignore[union-attr]
                if w <= k and self.suf[t + 1][k - w] + v == target:
                    out.extend(chosen)
                    k -= w
                    break
        return out


__all__ = ["ForcedSolver", "ENUMERATE", "MAX_UNITS"]
