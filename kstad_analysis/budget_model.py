"""The budget round as a kernel problem: needs, commitments, years and rules.

Why its own module: ``budget`` is the public face (``optimize``, the result);
this module holds the policies that turn the needs frame into numbers:

* **Investment and running cost are two budgets.** The investment budget
  (total, optionally per year) and the driftbudget (tillkommande
  driftkostnad per year) both constrain. A funded need's running cost counts
  in every budget year from its (scheduled) start year on, so the last year
  sees everything funded. A commitment that started before the base year
  already runs within today's frame: by default (``[pagaende]
  drift_mot_driftbudget = false``) its running cost is shown (per year, in
  the TCO) but not charged to the driftbudget for *added* running cost.
* **Commitments** (needs under way) are forced in with their *remaining*
  cost unless stopped with a reason. Remaining investment, with the data the
  plans hold (one investment per need, paid in its Startår): an amount the
  analyst gives (``remaining``) wins; else 0 kr when Startår is before the
  base year (paid before the planning period; documented in the table's
  ``cost_basis``), else the whole investment in its Startår (nothing is shown
  to be paid, so the budget is never overstated).
* **Scheduling.** With a budget per year a need may start up to ``window``
  years after its Startår (``portfolio.schedule``); a commitment keeps its
  year (or the first budget year when it started before).
* Missing values are never 0: unknown investment, running cost (under a
  driftbudget), value or start year block a need with a reason.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from kstad_analysis import config, portfolio
from kstad_analysis.i18n import t
from kstad_analysis.portfolio import PortfolioResult
from kstad_analysis.portfolio.schedule import Options, expand, start_options


@dataclass(frozen=True)
class BudgetSettings:
    """The defaults of ``data/config/budget.toml`` (see the file for each)."""

    running_budget: float | None = None
    window: int = 2
    shift_penalty: float = 0.01
    horizon: int = 5
    committed_running_counts: bool = False
    node_limit: int = 2_000
    frontier_node_limit: int = 200
    reason_node_limit: int = 200
    reason_resolves: int | None = 3
    reason_time_limit: float = 20.0
    reason_seconds: float | None = 60.0
    core_rounds: int = 0
    core_nodes: int = 2_000
    core_time_limit: float = 30.0

    @classmethod
    def load(cls) -> BudgetSettings:
        cfg = config.load("budget")
        drift = cfg.get("driftbudget", {})
        sched = cfg.get("schemalaggning", {})
        return cls(
            running_budget=float(drift["per_ar"]) if "per_ar" in drift else None,
            window=int(sched.get("fonster_ar", 2)),
            shift_penalty=float(sched.get("varde_avdrag_per_ar", 0.01)),
            horizon=int(cfg.get("horisont", {}).get("ar", 5)),
            committed_running_counts=bool(cfg.get("pagaende", {}).get(
                "drift_mot_driftbudget", False)),
            node_limit=int(cfg.get("losare", {}).get("noder", 2_000)),
            frontier_node_limit=int(cfg.get("losare", {}).get("noder_front", 200)),
            reason_node_limit=int(cfg.get("motivering", {}).get("noder", 200)),
            reason_resolves=(int(cfg["motivering"]["omrakningar"])
                             if "omrakningar" in cfg.get("motivering", {}) else None),
            reason_time_limit=float(cfg.get("motivering", {}).get("tidsgrans", 20.0)),
            reason_seconds=(float(cfg["motivering"]["tidsbudget"])
                            if "tidsbudget" in cfg.get("motivering", {}) else None),
            core_rounds=int(cfg.get("karna", {}).get("kontroller", 0)),
            core_nodes=int(cfg.get("karna", {}).get("noder", 2_000)),
            core_time_limit=float(cfg.get("karna", {}).get("tidsgrans", 30.0)),
        )


def base_year() -> int:
    """The decision year (``benefits.toml`` ``[kalkyl] basar``), read only."""
    from kstad_analysis.benefits import BenefitParams

    return int(BenefitParams.load().base_year)


def commitments(needs: pd.DataFrame, register: pd.DataFrame | None = None,
                base: int | None = None) -> set[str]:
    """Ids of needs already under way: Startår before ``base`` (default the
    base year) or rows in the plans' Uppföljning register (``plans.register``)."""
    year = base_year() if base is None else int(base)
    start = pd.to_numeric(needs["start_year"], errors="coerce")
    out = set(needs.loc[(start < year).fillna(False).to_numpy(dtype=bool), "id"].astype(str))
    if register is not None and len(register) and "id" in register.columns:
        known = set(needs["id"].astype(str))
        out |= {str(i) for i in register["id"].dropna().astype(str)} & known
    return out


@dataclass
class Problem:
    """The kernel's inputs plus what is needed to read its answer back.

    Items are the needs, then the bastjänst candidates. With budget years,
    the kernel sees start options (``options``), else one variable per item.
    """

    ids: list[str]
    n_needs: int
    values: np.ndarray
    raw_values: np.ndarray
    invest: np.ndarray
    running: np.ndarray
    start: np.ndarray            # planned start year per item (NaN unknown)
    years: list[int]
    budget: np.ndarray           # investment per year (empty without years)
    total: float
    running_budget: np.ndarray | None
    options: Options | None
    must: list[int]
    exclude: list[int]
    requires_any: list[tuple[int, tuple[int, ...]]]
    exclusive: list[tuple[int, ...]]
    at_least_one: list[tuple[int, ...]]
    blocked: dict[int, str]
    deps: dict[int, list[str]]
    members: dict[int, list[int]]
    committed: set[int]
    cost_basis: dict[int, str]
    stopped: dict[int, str]
    penalty: float
    time_limit: float | None
    running_counted: np.ndarray = field(default_factory=lambda: np.zeros(0))
    #: Branch-and-bound nodes per solve: the work limit (``time_limit`` is the
    #: safety net), so the same inputs give the same answer under any load.
    node_limit: int | None = None
    #: The same for each level of the frontier (an overview of twenty solves,
    #: each with its gap shown, so fewer nodes than the recommendation).
    frontier_node_limit: int | None = None

    @property
    def periods(self) -> list[str]:
        return [t("budget.year", year=y) for y in self.years]

    def kernel_args(self, cover: tuple[int, ...] | None = None) -> dict[str, Any]:
        """Arguments for ``portfolio.solve``; ``cover`` (items) adds "one of these"."""
        one = cover is not None and len(cover) == 1  # a lone item: forced, so the
        covers = self.at_least_one + ([cover] if cover and not one else [])  # closure explains
        must = sorted({*self.must, *(cover if one else ())})  # type: ignore[misc]
        run = self.running_counted
        if self.options is None:
            args: dict[str, Any] = {
                "values": self.values, "costs": self.invest, "budget": self.total,
                "must": must, "exclude": self.exclude, "requires_any": self.requires_any,
                "exclusive": self.exclusive, "at_least_one": covers,
            }
            if self.running_budget is not None:
                args.update(running=run, running_cap=float(self.running_budget[0]))
            return args
        args = expand(self.options, self.values, self.invest, run, penalty=self.penalty,
                      must=must,
                      exclude=self.exclude, requires_any=self.requires_any,
                      exclusive=self.exclusive, at_least_one=covers,
                      unordered=self.committed)
        if self.running_budget is None:
            args.pop("running")
        else:
            args["running_cap"] = self.running_budget
        args.update(budget=self.budget, total_budget=self.total)
        return args

    def labels(self) -> tuple[list[str], list[str] | None]:
        if self.options is None:
            return self.ids, None
        return [self.ids[i] for i in self.options.item], self.periods

    def solve(self, cover: tuple[int, ...] | None = None,
              time_limit: float | None = None,
              node_limit: int | None = None) -> PortfolioResult:
        labels, periods = self.labels()
        return portfolio.solve(**self.kernel_args(cover), labels=labels, period_labels=periods,
                               time_limit=time_limit if time_limit is not None
                               else self.time_limit,
                               node_limit=node_limit if node_limit is not None
                               else self.node_limit)

    def core_rows(self) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        """Costs, budgets and running-cost rows for the robust core: the
        budgets per year as the conditions every schedule within the start
        window meets (``robust.years``)."""
        from kstad_analysis.robust.years import budget_rows

        m = len(self.ids)
        earliest, latest = np.full(m, -1), np.full(m, -1)
        if self.options is not None:
            for i in range(m):
                years = self.options.year[self.options.of(i)]
                if len(years):
                    earliest[i], latest[i] = int(years.min()), int(years.max())
        run = self.running_counted if self.running_budget is not None else None
        return budget_rows(self.invest, earliest, latest, self.budget, self.total, run,
                           self.running_budget)

    def forced_solver(self) -> Forced:
        """Exact optima with one item forced in, for many items (see :class:`Forced`)."""
        return Forced(self)

    def naive(self) -> PortfolioResult:
        args = self.kernel_args()
        labels, periods = self.labels()
        item = self.options.item if self.options is not None else np.arange(len(self.ids))
        mask = item >= self.n_needs
        return portfolio.naive_fill(args.pop("values"), args.pop("costs"), args.pop("budget"),
                                    **args, candidates_mask=mask, labels=labels,
                                    period_labels=periods)

    def read(self, result: PortfolioResult) -> tuple[np.ndarray, np.ndarray]:
        """Chosen items (mask) and their start years (NaN when not chosen)."""
        m = len(self.ids)
        if self.options is None:
            x = result.mask(m)
            start = np.where(x, self.start, np.nan)
            return x, start
        x, cols = self.options.collapse(result.chosen)
        years = np.array([self.years[c] if c >= 0 else np.nan for c in cols], dtype=float)
        return x, years

    def served(self, x: np.ndarray) -> np.ndarray:
        """Needs built on their own or by a chosen bastjänst."""
        out = x[: self.n_needs].copy()
        for c, group in self.members.items():
            if x[c]:
                out[group] = True
        return out


class Forced:
    """Counterfactual solves through ``portfolio.forced.ForcedSolver``.

    Why a wrapper: the DP sees kernel variables; this maps an item cover
    (a need and its bastjänst candidates) onto them and turns its answer
    into a :class:`PortfolioResult` like ``Problem.solve``'s. ``solve``
    returns None when the DP does not decide (the caller re-solves a MILP);
    an infeasible cover goes through ``Problem.solve`` for its explanation.
    """

    def __init__(self, problem: Problem) -> None:
        import time

        from kstad_analysis.portfolio.forced import ForcedSolver

        self.problem = problem
        labels, periods = problem.labels()
        self.model = portfolio.prepare(**problem.kernel_args(), labels=labels,
                                       period_labels=periods)
        self.solver = ForcedSolver(self.model)
        self._clock = time.perf_counter

    def solve(self, cover: tuple[int, ...]) -> PortfolioResult | None:
        if not self.solver.applies:
            return None
        p = self.problem
        started = self._clock()
        variables = cover if p.options is None else tuple(p.options.of_many(cover))
        status, x = self.solver.solve(variables)
        if status == "infeasible":
            return p.solve(cover)
        if x is None:
            return None
        from kstad_analysis.portfolio.model import make_result

        value = float(self.model.values[x].sum())
        return make_result(self.model, x, "optimal", 0.0, "dp", started, bound=value)


# --------------------------------------------------------------------------- building


def _floats(frame: pd.DataFrame, column: str) -> np.ndarray:
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


@dataclass
class Inputs:
    """What ``optimize`` validated, handed to :func:`build` in one piece."""

    budget: float
    per_year: dict[int, float]
    running_budget: float | dict[int, float] | None
    must_ids: list[str]
    exclude_ids: list[str]
    values: pd.Series
    value_reasons: dict[str, str]
    candidates: list[dict[str, object]]
    committed_ids: set[str]
    stop: dict[str, str]
    remaining: dict[str, float]
    base: int
    settings: BudgetSettings
    window: int
    time_limit: float | None


def _running_vector(spec: float | dict[int, float] | None, years: list[int]) -> np.ndarray | None:
    if spec is None:
        return None
    if isinstance(spec, dict):
        if not years:
            raise ValueError(t("budget.err.running_years"))
        missing = [y for y in years if y not in spec]
        if missing:
            raise ValueError(t("budget.err.running_years_missing",
                               years=", ".join(str(y) for y in missing)))
        return np.array([spec[y] for y in years], dtype=float)
    return np.full(max(len(years), 1), float(spec))


def build(needs: pd.DataFrame, inp: Inputs, warnings: list[str]) -> Problem:
    """The kernel problem for ``needs`` under the validated inputs."""
    n = len(needs)
    ids = needs["id"].astype(str).tolist()
    index = {key: i for i, key in enumerate(ids)}
    investment = _floats(needs, "investment")
    running_raw = _floats(needs, "running_cost")
    start = _floats(needs, "start_year")
    legal = needs["legal"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    raw_values = inp.values.to_numpy(dtype=float)
    years = sorted(inp.per_year)
    running_budget = _running_vector(inp.running_budget, years)
    excluded = {index[i] for i in inp.exclude_ids}
    stopped = {index[i]: why for i, why in inp.stop.items()}
    committed = {index[i] for i in inp.committed_ids} - set(stopped) - excluded
    forced_explicit = {index[i] for i in inp.must_ids}
    invest = investment.copy()  # NaN stays unknown until the blocking below
    cost_basis: dict[int, str] = {}
    for i in sorted(committed):
        if ids[i] in inp.remaining:
            invest[i] = inp.remaining[ids[i]]
            cost_basis[i] = t("budget.basis.given")
        elif not np.isnan(start[i]) and start[i] < inp.base:
            invest[i] = 0.0
            cost_basis[i] = t("budget.basis.paid", year=int(start[i]), base=inp.base)
        else:
            cost_basis[i] = t("budget.basis.full")
    first = years[0] if years else inp.base
    blocked: dict[int, str] = {}
    for i in range(n):
        if i in stopped:
            blocked[i] = t("budget.reason.stopped", reason=stopped[i])
        elif i in excluded:
            blocked[i] = t("budget.reason.excluded")
        elif np.isnan(invest[i]):
            blocked[i] = t("budget.reason.no_cost")
        elif running_budget is not None and np.isnan(running_raw[i]):
            blocked[i] = t("budget.reason.no_running")
        elif years and np.isnan(start[i]) and i not in committed:
            blocked[i] = t("budget.reason.no_start")
        elif years and i not in committed and not (
                start[i] <= years[-1] and start[i] + inp.window >= first):
            blocked[i] = t("budget.reason.outside_years", year=int(start[i]))
        elif np.isnan(raw_values[i]) and i not in forced_explicit and not legal[i] \
                and i not in committed:
            why = inp.value_reasons.get(ids[i], "")
            blocked[i] = t("budget.reason.no_value") + (f" ({why})" if why else "")
        elif raw_values[i] <= 0 and i not in forced_explicit and not legal[i] \
                and i not in committed:
            blocked[i] = t("budget.reason.no_benefit")  # a true zero: nothing to gain
    deps: dict[int, list[str]] = {}
    for i, dep_ids in enumerate(needs["dependencies"]):
        deps[i] = [str(d) for d in (dep_ids or ())]
        unknown = [d for d in deps[i] if d not in index]
        if unknown and i not in blocked:
            blocked[i] = t("budget.reason.unknown_dep", ids=", ".join(unknown))
    forced = set(forced_explicit)
    for i in sorted(set(np.flatnonzero(legal).tolist()) | committed):
        kind = "legal" if legal[i] else "committed"
        if i in excluded and i not in forced_explicit:
            if legal[i]:
                warnings.append(t("budget.warn.legal_excluded", id=ids[i]))
        elif i in blocked and i not in forced_explicit:
            if i not in stopped:
                warnings.append(t(f"budget.warn.{kind}_blocked", id=ids[i], reason=blocked[i]))
        else:
            forced.add(i)
    m = n + len(inp.candidates)
    inv = np.zeros(m)
    inv[:n] = np.nan_to_num(invest)
    run = np.zeros(m)
    run[:n] = np.nan_to_num(running_raw)
    vals = np.zeros(m)
    vals[:n] = np.nan_to_num(raw_values)
    starts = np.full(m, np.nan)
    starts[:n] = start
    members: dict[int, list[int]] = {}
    cands_of: dict[int, list[int]] = {}
    for k, cand in enumerate(inp.candidates):
        c = n + k
        ids.append(str(cand["candidate_id"]))
        members[c] = list(cand["members"])  # type: ignore[arg-type]
        for i in members[c]:
            cands_of.setdefault(i, []).append(c)
        vals[c] = float(np.nansum(raw_values[members[c]]))
        shared = float(cand.get("shared_investment", np.nan))  # type: ignore[arg-type]
        shared_run = float(cand.get("shared_running", np.nan))  # type: ignore[arg-type]
        year_options = [start[i] for i in members[c] if not np.isnan(start[i])]
        starts[c] = min(year_options) if year_options else np.nan
        if math.isnan(shared):
            blocked[c] = t("budget.reason.no_cost")
        elif any(i in excluded or i in stopped for i in members[c]):
            blocked[c] = t("budget.reason.member_excluded")
        elif any(i in committed for i in members[c]):
            blocked[c] = t("budget.reason.member_committed")
        elif running_budget is not None and math.isnan(shared_run):
            blocked[c] = t("budget.reason.no_running")
        elif years and (not year_options or not (
                starts[c] <= years[-1] and starts[c] + inp.window >= first)):
            blocked[c] = t("budget.reason.outside_years", year=(
                int(starts[c]) if year_options else "–"))
        inv[c] = 0.0 if math.isnan(shared) else shared
        run[c] = 0.0 if math.isnan(shared_run) else shared_run
    requires_any: list[tuple[int, tuple[int, ...]]] = []
    for a in range(n):
        for d in deps[a]:
            if d in index:
                b = index[d]
                requires_any.append((a, (b, *cands_of.get(b, []))))
    for c, group in members.items():
        inside = set(group)
        for a in group:
            for d in deps[a]:
                if d in index and index[d] not in inside:
                    b = index[d]
                    requires_any.append((c, (b, *[x for x in cands_of.get(b, []) if x != c])))
    exclusive = [(i, *cs) for i, cs in cands_of.items()]
    must = sorted(i for i in forced if i not in cands_of)
    at_least_one = [(i, *cands_of[i]) for i in sorted(forced) if i in cands_of]
    exclude = sorted(blocked)
    counted = run.copy()
    if not inp.settings.committed_running_counts:  # already in the frame when running
        counted[[i for i in committed if not np.isnan(start[i]) and start[i] < inp.base]] = 0.0
    options = None
    if years:
        col = np.where(np.isnan(starts), 0, starts - first).astype(int)
        known = ~np.isnan(starts) | np.isin(np.arange(m), list(committed))
        fixed = np.isin(np.arange(m), list(committed))
        options = start_options(col, len(years), inp.window, fixed=fixed, known=known)
    return Problem(
        ids=ids, n_needs=n, values=vals, raw_values=raw_values, invest=inv, running=run,
        start=starts, years=years, budget=np.array([inp.per_year[y] for y in years]),
        total=float(inp.budget), running_budget=running_budget, options=options, must=must,
        exclude=exclude, requires_any=requires_any, exclusive=exclusive,
        at_least_one=at_least_one, blocked=blocked, deps=deps, members=members,
        committed=committed, cost_basis=cost_basis, stopped=stopped,
        penalty=inp.settings.shift_penalty, time_limit=inp.time_limit, running_counted=counted,
        node_limit=inp.settings.node_limit, frontier_node_limit=inp.settings.frontier_node_limit,
    )


def check_stop(stop_ids: Mapping[str, str] | Collection[str] | None,
               known: set[str]) -> dict[str, str]:
    """Stopped commitments with their reasons: stopping one is an explicit
    decision, so every id needs a non-empty reason (Swedish ValueError)."""
    if not stop_ids:
        return {}
    if not isinstance(stop_ids, Mapping):
        raise ValueError(t("budget.err.stop_reason", id=", ".join(map(str, stop_ids))))
    out: dict[str, str] = {}
    for key, why in stop_ids.items():
        key = str(key).strip()
        if key not in known:
            raise ValueError(t("budget.err.unknown_ids", rule="stoppa", ids=key))
        if not str(why or "").strip():
            raise ValueError(t("budget.err.stop_reason", id=key))
        out[key] = str(why).strip()
    return out


__all__ = ["BudgetSettings", "Problem", "Forced", "Inputs", "build", "commitments", "base_year",
           "check_stop"]
