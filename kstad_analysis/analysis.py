"""The one chain from plans to numbers, shared by every app, command and report.

Why one object: the same scenario must give the same ranks, scores and funded
set in the Prioritering and Budget apps, ``kstad rank``, ``kstad optimize``,
the report and the analyst notebook. The chain

    plans → shared needs (the analysts' saved decisions, the scenario's
    threshold) → koncernnytta → ranking (method, weights) → explanation and
    robustness → bastjänst candidates → portfolio → benefits

is therefore built here and nowhere else. :meth:`Analysis.build` does the
data-dependent part once (shared needs, candidates, the :class:`Ranker`) and
caches it per process by data fingerprint, threshold and saved decisions, so
a slider move or a re-optimisation only runs the cheap steps. Every step that
depends on a choice (weights, method, budget) takes the scenario's value
unless the caller passes another, by one rule (:meth:`Analysis.weights`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kstad_analysis import paths

if TYPE_CHECKING:
    from kstad_analysis.budget import BudgetResult
    from kstad_analysis.intake import Plans
    from kstad_analysis.ranking import Ranker, RankResult
    from kstad_analysis.scenario import Scenario
    from kstad_analysis.sensitivity import SmaaResult
    from kstad_analysis.shared_needs import SharedNeeds

#: Built chains kept per process (apps rebuild on a threshold or decision change).
CACHE_SIZE = 16
_CACHE: OrderedDict[tuple, _Data] = OrderedDict()
_LOCK = threading.Lock()


# --------------------------------------------------------------------------- saved decisions


def saved_grouping_decisions(store_dir: str | Path | None = None) -> list[Any]:
    """The analysts' saved grouping decisions; none when no store exists yet
    (reading never creates a store)."""
    from kstad_analysis import store as store_mod

    directory = Path(store_dir) if store_dir else paths.store_dir()
    if not (directory / store_mod.DB_NAME).exists():
        return []
    return list(store_mod.Store(directory).grouping_decisions())


def _fingerprint(decisions: Sequence[Any]) -> str:
    raw = [d.to_dict() for d in decisions]
    return hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()[:16]


def decisions_key(store_dir: str | Path | None = None) -> str:
    """A short fingerprint of the saved grouping decisions: an app built before
    another kernel saved a decision can tell that its koncernnytta is stale."""
    return _fingerprint(saved_grouping_decisions(store_dir))


def load_scenario(name: str, store_dir: str | Path | None = None) -> Scenario:
    """A saved scenario by name (latest version), or ``ScenarioError`` naming
    the store and the scenarios it holds. Never creates a store."""
    from kstad_analysis import store as store_mod
    from kstad_analysis.i18n import t
    from kstad_analysis.scenario import ScenarioError

    directory = Path(store_dir) if store_dir else paths.store_dir()
    known = ""
    if (directory / store_mod.DB_NAME).exists():
        st = store_mod.Store(directory)
        try:
            return st.load_scenario(name)
        except store_mod.ScenarioNotFound:
            listed = st.list_scenarios()
            known = ", ".join(str(n) for n in listed["name"].head(20)) if len(listed) else ""
    raise ScenarioError(t("analysis.err.scenario_missing", name=name, store=str(directory),
                          known=known or t("analysis.err.none_saved")))


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class WeightChoice:
    """The normalised weights a step uses and where they came from.

    ``source`` is ``"given"`` (passed by the caller), ``"scenario"`` (the
    scenario's own weights), ``"preset"`` (a preset, named in ``preset``) or
    ``"default"`` (``data/config/criteria.toml``).
    """

    weights: Mapping[str, float]
    source: str
    preset: str | None = None

    def as_dict(self) -> dict[str, float]:
        return dict(self.weights)


@dataclass(frozen=True, eq=False)
class PortfolioBenefits:
    """Benefits of a funded portfolio, with bastjänst members charged their share.

    ``charged``: every need with the IT costs the portfolio pays (see
    :func:`charged_needs`); ``economics``: per-need NPV, payback … on those
    costs; ``flows``/``by_department``/``municipality``: yearly flows of the
    funded needs only.
    """

    funded_ids: tuple[str, ...]
    charged: pd.DataFrame
    economics: pd.DataFrame
    flows: pd.DataFrame
    by_department: pd.DataFrame
    municipality: pd.DataFrame
    params: Any
    #: one row per year (``year, investment, running_cost, benefit_financial,
    #: benefit_redistribution, net``) and the one NPV discounted to the base year
    portfolio_flows: pd.DataFrame | None = None
    summary: Mapping[str, Any] | None = None


@dataclass(frozen=True, eq=False)
class PortfolioCore:
    """Which needs are funded whatever the admissible weights (Robust Portfolio
    Modeling, Liesiö, Mild & Salo 2007): ``labels`` by need id, ``"kärna"``
    (in every non-dominated portfolio), ``"gränsfall"`` or ``"utanför"``;
    ``certain`` by id says the label is proven; ``sentence`` states the
    method and its error bound; ``core`` is the kernel's result over the
    budget problem's items (needs, then bastjänst candidates)."""

    labels: Mapping[str, str]
    certain: Mapping[str, bool]
    spread: float
    sentence: str
    core: Any


@dataclass(frozen=True, eq=False)
class _Data:
    """What depends on the data, threshold and decisions only (cached)."""

    shared: SharedNeeds | None
    candidates: pd.DataFrame | None
    ranker: Ranker
    threshold: float | None


def funded_ids(result: BudgetResult) -> tuple[str, ...]:
    """Needs built alone or served by a chosen bastjänst, sorted."""
    table = result.table
    return tuple(sorted(str(i) for i in table.loc[table["served"].astype(bool), "id"]))


def charged_needs(needs: pd.DataFrame, result: BudgetResult) -> pd.DataFrame:
    """The needs with the IT costs the portfolio actually pays.

    Why: a need served by a chosen bastjänst is not built on its own; the
    optimiser pays the candidate's shared investment and shared running cost
    once. Split rule: each member carries a share of the shared investment
    (and of the shared running cost) in proportion to its own separate
    investment (running cost); equal shares when the separate amounts sum to
    0. The members' shares therefore sum to the shared cost, and per
    förvaltning the IT cost adds up to what the portfolio pays. A commitment
    (a need under way) carries its remaining investment only, as the budget
    charges it. Benefits and start years stay the needs' own.
    """
    out = needs.copy()
    table = result.table
    if "committed" in table.columns and "remaining_cost" in table.columns:
        # a commitment pays only what remains; what was paid before is sunk
        left = table.loc[table["committed"].astype(bool)].set_index("id")["remaining_cost"]
        left = pd.to_numeric(left, errors="coerce").dropna()
        rows = out["id"].astype(str).isin(left.index.astype(str)).to_numpy()
        if rows.any():
            out.loc[rows, "investment"] = (
                out.loc[rows, "id"].astype(str).map(left).to_numpy(dtype=float))
    shared = result.shared
    if shared is None or len(shared) == 0:
        return out
    ids = out["id"].astype(str)
    for cand in shared[shared["chosen"].astype(bool)].itertuples():
        rows = ids.isin([str(i) for i in cand.member_ids]).to_numpy()
        for key, total in (("investment", cand.cost), ("running_cost", cand.running_cost)):
            own = out.loc[rows, key].astype(float).fillna(0.0)
            weights = own / own.sum() if own.sum() > 0 else own * 0.0 + 1.0 / len(own)
            out.loc[rows, key] = (weights * float(total)).to_numpy()
    return out


# --------------------------------------------------------------------------- the chain


def _build_data(needs: pd.DataFrame, threshold: float | None, decisions: Sequence[Any],
                with_shared: bool, store_dir: Path | None = None) -> _Data:
    from kstad_analysis import bastjanst
    from kstad_analysis.ranking import Ranker
    from kstad_analysis.shared_needs import detect

    shared = candidates = koncern = None
    if with_shared and len(needs):
        shared = detect(needs, threshold=threshold, decisions=list(decisions),
                        store_dir=store_dir)  # embeddings cached and group names read there
        candidates = bastjanst.candidates(shared, needs)
        koncern = shared.koncernnytta()
    used = shared.threshold if shared is not None else threshold
    return _Data(shared, candidates, Ranker(needs, koncernnytta=koncern), used)


def _cached_data(plans: Plans, threshold: float | None, decisions: Sequence[Any],
                 with_shared: bool, store_dir: Path) -> _Data:
    """One build per (data, threshold, decisions); kept in a small LRU.

    The key includes the needs' own content hash (not only the plans'
    fingerprint) so frames built in memory never collide.
    """
    needs = plans.needs
    content = plans.fingerprint or hashlib.sha256(
        pd.util.hash_pandas_object(needs.astype(str), index=False).to_numpy().tobytes()
    ).hexdigest()
    key = (content, len(needs), threshold, _fingerprint(decisions), with_shared,
           _names_key(store_dir))
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    data = _build_data(needs, threshold, decisions, with_shared, store_dir)
    with _LOCK:
        _CACHE[key] = data
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return data


def _names_key(store_dir: Path) -> str:
    """Fingerprint of the analysts' saved group names (they change labels and ids)."""
    from kstad_analysis import store as store_mod

    if not (store_dir / store_mod.DB_NAME).exists():
        return ""
    names = [dataclasses.astuple(n) for n in store_mod.Store(store_dir).group_names()]
    return hashlib.sha256(json.dumps(names, default=str).encode()).hexdigest()[:16] if names else ""


def clear_cache() -> None:
    """Forget every built chain (tests; a server after new data)."""
    with _LOCK:
        _CACHE.clear()


@dataclass(frozen=True, eq=False)
class Analysis:
    """The analysis of one set of plans under one scenario (see the module docstring).

    Build it with :meth:`build`; it is immutable. ``scenario`` may be None
    (the configured defaults everywhere). ``threshold`` is the shared-needs
    threshold actually used, ``decisions`` the grouping decisions applied.
    """

    plans: Plans
    scenario: Scenario | None
    store_dir: Path
    decisions: tuple[Any, ...]
    with_shared: bool
    _data: _Data

    # ------------------------------------------------------------------ building

    @classmethod
    def build(cls, plans: Plans, scenario: Scenario | None = None,
              store_dir: str | Path | None = None, *, threshold: float | None = None,
              decisions: Sequence[Any] | None = None, with_shared: bool = True) -> Analysis:
        """The chain for ``plans`` under ``scenario``.

        The threshold is ``threshold`` if given, else the scenario's, else the
        configured default; the grouping decisions are ``decisions`` if given,
        else those saved in the store (``store_dir``, default the project
        store; a missing store means none). ``with_shared=False`` leaves out
        shared needs: no koncernnytta (every need counts one förvaltning) and
        no bastjänst candidates.
        """
        directory = Path(store_dir) if store_dir else paths.store_dir()
        if threshold is None and scenario is not None:
            threshold = scenario.threshold
        found = tuple(saved_grouping_decisions(directory) if decisions is None else decisions)
        data = _cached_data(plans, threshold, found, with_shared, directory)
        return cls(plans, scenario, directory, found, with_shared, data)

    def with_scenario(self, scenario: Scenario | None) -> Analysis:
        """The same data under another scenario (rebuilt only if its threshold differs)."""
        if scenario is not None and scenario.threshold is not None \
                and scenario.threshold != self.threshold:
            return Analysis.build(self.plans, scenario, self.store_dir, decisions=self.decisions,
                                  with_shared=self.with_shared)
        return replace(self, scenario=scenario)

    # ------------------------------------------------------------------ data

    @property
    def needs(self) -> pd.DataFrame:
        return self.plans.needs

    @property
    def shared(self) -> SharedNeeds | None:
        return self._data.shared

    @property
    def candidates(self) -> pd.DataFrame | None:
        return self._data.candidates

    @property
    def ranker(self) -> Ranker:
        return self._data.ranker

    @property
    def threshold(self) -> float | None:
        return self._data.threshold

    @property
    def koncernnytta(self) -> pd.Series | None:
        shared = self._data.shared
        return shared.koncernnytta() if shared is not None else None

    @property
    def decisions_key(self) -> str:
        return _fingerprint(self.decisions)

    # ------------------------------------------------------------------ choices

    @property
    def method(self) -> str:
        return self.scenario.method if self.scenario is not None else "wsum"

    def weights(self, weights: Mapping[str, object] | None = None,
                preset: str | None = None) -> WeightChoice:
        """The one rule for weights: given weights, else a given preset, else
        the scenario's own weights, else its preset, else the defaults.

        Raises :class:`~kstad_analysis.weights.WeightError` (Swedish) for
        weights or a preset the criteria cannot use, or both given.
        """
        ranker = self.ranker
        if weights is not None or preset is not None:
            resolved = ranker.resolve_weights(weights, preset)
            return WeightChoice(MappingProxyType(resolved), "given" if preset is None else "preset",
                                preset)
        scenario = self.scenario
        if scenario is not None and scenario.weights:
            return WeightChoice(MappingProxyType(ranker.resolve_weights(scenario.weights)),
                                "scenario")
        if scenario is not None and scenario.preset:
            return WeightChoice(MappingProxyType(ranker.resolve_weights(None, scenario.preset)),
                                "preset", scenario.preset)
        return WeightChoice(MappingProxyType(ranker.resolve_weights()), "default")

    def slider_weights(self) -> dict[str, float]:
        """Weights as a person sets them (not normalised), every criterion:
        the scenario's own as saved (unnamed criteria at 0), else the
        resolved ones of :meth:`weights`' rule.

        Raises :class:`~kstad_analysis.weights.WeightError` with the same
        message as Budget and the report for a scenario whose weights name
        criteria that no longer exist (a migrated older scenario), so no
        front end drops them silently.
        """
        choice = self.weights()
        if choice.source == "scenario" and self.scenario is not None:
            return {k: float(self.scenario.weights.get(k, 0.0)) for k in self.ranker.keys}
        return choice.as_dict()

    def top_n(self) -> int:
        """The scenario's top N, at most the number of ranked needs."""
        wanted = int(self.scenario.top_n) if self.scenario is not None else 10
        return min(wanted, max(1, len(self.ranker)))

    # ------------------------------------------------------------------ ranking

    def ranking(self, weights: Mapping[str, object] | None = None, *, preset: str | None = None,
                method: str | None = None, reference: Any = None) -> RankResult:
        """The ranking with :meth:`weights`' rule and the scenario's method
        unless ``method`` is given."""
        choice = self.weights(weights, preset)
        return self.ranker.rank(choice.as_dict(), method or self.method, reference)

    def robustness(self, ranking: RankResult, samples: int, spread: float | None, seed: int | None,
                   top_n: int | None = None) -> SmaaResult:
        """SMAA-2 around the ranking's weights, with the ranking's method.

        ``spread``: weights sampled within ± this share of each weight; None
        or ≥ 1 samples the whole simplex.
        """
        from kstad_analysis.sensitivity import bounds_around

        w = np.array([ranking.weights[k] for k in self.ranker.keys])
        bounds = None if spread is None or spread >= 1 else bounds_around(w, max(spread, 0.0))
        return self.ranker.smaa(samples, weight_bounds=bounds, seed=seed,
                                top_n=top_n or self.top_n(), method=ranking.method)

    def stability(self, ranking: RankResult, top_n: int | None = None) -> pd.DataFrame:
        """Stability interval of each weight for the ranking's top-N set and method."""
        return self.ranker.stability(dict(ranking.weights), top_n or self.top_n(),
                                     method=ranking.method)

    # ------------------------------------------------------------------ portfolio

    def values(self, kind: str | None = None, ranking: RankResult | None = None,
               ) -> tuple[pd.Series, dict[str, str]]:
        """The budget value of every need by id (NaN where unknown, with the
        reason), on a scale whose 0 is "the need is not done".

        ``"benefit"``: nyttopoäng with the ranking's weights (default: this
        analysis' :meth:`ranking`), see :mod:`kstad_analysis.benefit_value`;
        ``"npv"`` / ``"npv_financial"``: the need's net present value with /
        without omfördelningsnytta.
        """
        from kstad_analysis.budget import need_values

        kind = kind or self.value_kind
        if kind == "benefit":
            from kstad_analysis.benefit_value import benefit_values

            ranking = ranking if ranking is not None else self.ranking()
            points = benefit_values(self.ranker, ranking.weights)
            return points.value, dict(points.reasons)
        return need_values(self.needs, kind)

    @property
    def value_kind(self) -> str:
        return self.scenario.value if self.scenario is not None else "benefit"

    def portfolio(self, ranking: RankResult | None = None, *, budget: float | None = None,
                  per_year: Mapping[int, float] | None = None, must: Sequence[str] | None = None,
                  exclude: Sequence[str] | None = None, value: str | None = None,
                  running_cap: float | None = None, use_candidates: bool = True,
                  reasons: bool | float = True,
                  time_limit: float | None = 30.0) -> BudgetResult:
        """The best portfolio; every choice not given comes from the scenario.

        The value of a need is :meth:`values` of the scenario's kind (for
        nyttopoäng, with the weights of ``ranking``, default :meth:`ranking`).
        ``use_candidates=False`` funds needs separately only (koncernnytta
        still counts). A given ``budget`` replaces the scenario's whole budget
        (its per-year split too) unless ``per_year`` is given. The
        driftbudget is ``running_cap`` if given, else the scenario's, else the
        default in ``data/config/budget.toml``. Needs under way (Startår before
        the base year, or rows in the Uppföljning register) are commitments,
        funded first unless the scenario stops them. ``reasons``: compute each
        unfunded need's counterfactual (False for repeated solves). Raises
        ``ValueError`` (Swedish) for a missing budget or bad rules.
        """
        from kstad_analysis import budget as budget_mod
        from kstad_analysis.i18n import t

        sc = self.scenario
        if per_year is None:  # a given total replaces the scenario's whole budget
            per_year = {} if budget is not None or sc is None else sc.per_year
        per_year = dict(per_year)
        if budget is None:
            budget = sc.budget if sc is not None and sc.budget is not None else None
        if budget is None:
            if not per_year:
                raise ValueError(t("analysis.err.no_budget"))
            budget = float(sum(per_year.values()))
        kind = value or self.value_kind
        values, why = self.values(kind, ranking)
        return budget_mod.optimize(
            self.needs, float(budget), per_year=per_year or None,
            must_ids=tuple(must if must is not None else (sc.must if sc else ())),
            exclude_ids=tuple(exclude if exclude is not None else (sc.exclude if sc else ())),
            value=kind, scores=values, score_reasons=why,
            candidates=self.candidates if use_candidates else None,
            running_budget=self.running_budget if running_cap is None else running_cap,
            commitments=self.commitments, stop_ids=dict(sc.stopped) if sc is not None else None,
            reasons=reasons, value_unit=t(f"value.unit.{kind}"), time_limit=time_limit,
        )

    @property
    def running_budget(self) -> float | None:
        """The driftbudget per year: the scenario's, else the configured default."""
        sc = self.scenario
        if sc is not None and sc.running_budget is not None:
            return sc.running_budget
        from kstad_analysis.budget import BudgetSettings

        return BudgetSettings.load().running_budget

    @property
    def commitments(self) -> set[str]:
        """Needs already under way (see :func:`kstad_analysis.budget.commitments`)."""
        from kstad_analysis.budget import commitments

        return commitments(self.needs, self.plans.register)

    def core(self, result: BudgetResult, ranking: RankResult | None = None, *,
             spread: float = 0.2, time_limit: float | None = None) -> PortfolioCore | None:
        """The robust core of ``result``'s budget problem when the benefit
        weights are only known within ± ``spread`` (Liesiö, Mild & Salo 2007).

        Each item's value per benefit criterion is its nyttopoäng part
        (a bastjänst candidate: the sum of its members'); the weight set is
        the box around the ranking's benefit weights intersected with the
        simplex. The feasible set is the budget problem's (total budget,
        lagkrav, måste, uteslut, dependencies, either-or bastjänst, the
        driftbudget), with budgets per year as the conditions every schedule
        within the start window meets (``robust.years``), which the sentence
        says. A need served by a candidate counts as in a portfolio when its
        candidate is. None when the value is not nyttopoäng (NPV does not
        depend on the weights) or the problem is infeasible.

        Limits come from ``budget.toml`` ``[karna]``: counted work (proof
        MILPs and their nodes), so the classes are the same on a quiet or a
        loaded machine; ``time_limit`` (default ``[karna] tidsgrans``) is only
        a safety net, and the sentence says when it fired.
        """
        from kstad_analysis import robust
        from kstad_analysis.benefit_value import benefit_values
        from kstad_analysis.i18n import t
        from kstad_analysis.sensitivity import bounds_around

        problem = getattr(result, "_problem", None)
        if problem is None or not result.result.feasible or self.value_kind != "benefit":
            return None
        ranking = ranking if ranking is not None else self.ranking()
        points = benefit_values(self.ranker, ranking.weights)
        criteria = list(points.parts.columns)
        parts = points.parts.mul(points.risk_factor, axis=0)
        n = problem.n_needs
        items = np.zeros((len(problem.ids), len(criteria)))
        need_parts = parts.reindex(problem.ids[:n]).fillna(0.0).to_numpy()
        items[:n] = need_parts
        for c, members in problem.members.items():
            items[c] = need_parts[members].sum(axis=0)
        w = np.array([points.weights[k] for k in criteria])
        bounds = bounds_around(w, spread)
        costs, budgets, running = problem.core_rows()
        from kstad_analysis.budget import BudgetSettings

        limits = BudgetSettings.load()
        try:
            found = robust.core(items, costs, budgets, bounds[:, 0], bounds[:, 1],
                                must=problem.must, exclude=problem.exclude,
                                requires_any=problem.requires_any, exclusive=problem.exclusive,
                                at_least_one=problem.at_least_one,
                                rounds=limits.core_rounds, nodes=limits.core_nodes,
                                time_limit=limits.core_time_limit if time_limit is None
                                else time_limit, **running)
        except ValueError:
            return None
        m = len(problem.ids)
        served = [problem.served(np.isin(np.arange(m), np.asarray(p, dtype=int)))
                  for p in found.portfolios]  # portfolios hold the chosen items' indices
        # The recommendation is optimal at the centre of the weight set, an
        # interior point, so it is non-dominated too (Liesiö et al. 2007): a
        # need it funds is never "utanför", one it leaves out never "kärna".
        served.append(result.table.set_index("id")["served"].reindex(problem.ids[:n])
                      .fillna(False).to_numpy(dtype=bool))
        share = np.mean(served, axis=0) if served else np.zeros(n)
        labels, certain = {}, {}
        proven = np.asarray(found.certain, dtype=bool)
        item_in = np.array([lab == "kärna" for lab in found.labels]) & proven
        item_out = np.array([lab == "utanför" for lab in found.labels]) & proven
        for i, need in enumerate(problem.ids[:n]):
            in_all, in_none = share[i] >= 1.0, share[i] <= 0.0
            labels[need] = "kärna" if in_all else "utanför" if in_none else "gränsfall"
            ways = [i, *(c for c, group in problem.members.items() if i in group)]
            # served whatever the weights if it, or a bastjänst holding it, is
            # proven kärna; never if it and every such bastjänst are proven out;
            # gränsfall when non-dominated portfolios disagree (always proven)
            certain[need] = bool(found.exact or not (in_all or in_none)
                                 or in_all and item_in[ways].any()
                                 or in_none and item_out[ways].all())
        sentence = found.sentence() + " " + t("analysis.core.scope", spread=round(spread * 100))
        return PortfolioCore(MappingProxyType(labels), MappingProxyType(certain), spread,
                             sentence, found)

    def benefits(self, result: BudgetResult | None = None, params: Any = None) -> PortfolioBenefits:
        """Benefits of the funded needs of ``result`` (None: of every need)."""
        from kstad_analysis import benefits as benefits_mod

        params = params or benefits_mod.BenefitParams.load()
        needs = self.needs
        if result is None:
            funded, charged = tuple(sorted(needs["id"].astype(str))), needs
        else:
            funded, charged = funded_ids(result), charged_needs(needs, result)
        chosen = charged[charged["id"].astype(str).isin(funded)]
        flows = benefits_mod.yearly_flows(chosen, params)
        yearly = benefits_mod.portfolio_flows(chosen, params)
        return PortfolioBenefits(
            funded_ids=funded, charged=charged,
            economics=benefits_mod.need_economics(charged, params), flows=flows,
            by_department=benefits_mod.by_department(flows),
            municipality=benefits_mod.municipality_summary(flows, params), params=params,
            portfolio_flows=yearly,
            summary=MappingProxyType(benefits_mod.portfolio_summary(yearly, params)),
        )


# --------------------------------------------------------------------------- overview


def department_summary(needs: pd.DataFrame) -> pd.DataFrame:
    """Needs per förvaltning: count, incomplete, known investment and running
    cost, and how many needs lack each amount.

    Why the counts: a missing amount is not 0 kr. The sums cover the needs
    that state an amount (NaN when none does), and the ``*_missing`` columns
    say how many are left out, so a total is never silently too low.
    Columns: ``department, needs, incomplete, investment, investment_missing,
    running_cost, running_cost_missing``.
    """
    grouped = needs.groupby("department", sort=True)
    out = grouped.agg(needs=("id", "size"), incomplete=("incomplete", "sum"))
    for key in ("investment", "running_cost"):
        values = pd.to_numeric(needs[key], errors="coerce")
        out[key] = values.groupby(needs["department"]).sum(min_count=1)
        out[f"{key}_missing"] = values.isna().groupby(needs["department"]).sum()
    return out.reset_index()


__all__ = [
    "Analysis", "PortfolioBenefits", "PortfolioCore", "WeightChoice", "charged_needs", "clear_cache",
    "decisions_key", "department_summary", "funded_ids", "load_scenario",
    "saved_grouping_decisions",
]
