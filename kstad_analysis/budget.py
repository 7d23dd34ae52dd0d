"""From the needs frame to the best portfolio under the budget.

Why a layer above ``portfolio``: the kernel knows indices and numbers; the
budget round knows needs, lagkrav, Startår, dependencies by id and bastjänst
candidates. This module turns one into the other with explicit policies for
what is missing, and turns the answer back into a table that says, for every
need, whether it is funded and if not, why.

Policies (visible in the result, never silent):

* A need with unknown investment cannot be funded ("saknar kostnad"); with
  unknown value (benefit/NPV) it cannot be compared ("saknar värde") unless it
  is forced in, when it counts 0; with a running-cost ceiling, unknown running
  cost blocks it ("saknar driftkostnad"). With a budget per year, a need is
  paid in its Startår; no or another Startår blocks it.
* Lagkrav (``legal`` true) are forced in; the analyst's ``exclude_ids`` win
  over the lagkrav flag (with a warning), while an explicit ``must_ids`` that
  is also excluded is an infeasible combination the result explains. A
  lagkrav that cannot be funded (missing cost) is reported as a warning.
* A bastjänst candidate (one shared build serving all its members) is an
  extra decision variable: its value is the sum of its members' values, its
  cost the shared investment, paid in the earliest member Startår. Each
  member is served at most once: separately or by one candidate, never both.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kstad_analysis import portfolio
from kstad_analysis.constants import VALUE_KINDS
from kstad_analysis.i18n import t
from kstad_analysis.portfolio import PortfolioResult

TABLE_COLUMNS = (
    "id", "title", "department", "cost", "running_cost", "start_year", "value", "legal",
    "chosen", "served", "served_by", "reason",
)
SHARED_COLUMNS = (
    "candidate_id", "label", "member_ids", "cost", "running_cost", "value", "chosen", "reason",
)


@dataclass
class _Problem:
    """The kernel's inputs plus what is needed to read its answer back."""

    ids: list[str]
    n_needs: int
    values: np.ndarray
    raw_values: np.ndarray
    costs: np.ndarray
    budget: np.ndarray
    periods: list[str]
    years: list[int]
    running: np.ndarray | None
    running_cap: float | None
    must: list[int]
    exclude: list[int]
    requires_any: list[tuple[int, tuple[int, ...]]]
    exclusive: list[tuple[int, ...]]
    at_least_one: list[tuple[int, ...]]
    blocked: dict[int, str]
    deps: dict[int, list[str]]
    members: dict[int, list[int]]
    time_limit: float | None

    def kernel_args(self) -> dict[str, object]:
        """Costs per year with a ceiling on the total, or one cost column.

        ``costs``/``budget`` here keep the total as a last column (for
        reading the answer back); the kernel gets it as ``total_budget``.
        """
        two_d = bool(self.years)
        return {
            "values": self.values, "costs": self.costs[:, :-1] if two_d else self.costs[:, 0],
            "budget": self.budget[:-1] if two_d else self.budget[0],
            "total_budget": self.budget[-1] if two_d else None,
            "must": self.must, "exclude": self.exclude, "requires_any": self.requires_any,
            "exclusive": self.exclusive, "at_least_one": self.at_least_one,
            "running": self.running, "running_cap": self.running_cap,
        }

    def solve(self) -> PortfolioResult:
        return portfolio.solve(**self.kernel_args(), time_limit=self.time_limit,
                               labels=self.ids, period_labels=self.periods[:-1] or None)

    def naive(self) -> PortfolioResult:
        mask = np.arange(len(self.ids)) >= self.n_needs
        args = self.kernel_args()
        return portfolio.naive_fill(args.pop("values"), args.pop("costs"), args.pop("budget"),
                                    **args, candidates_mask=mask, labels=self.ids,
                                    period_labels=self.periods[:-1] or None)


@dataclass
class BudgetResult:
    """The portfolio, every need's fate, totals and the naive comparison.

    ``table``: one row per need (``TABLE_COLUMNS``): ``chosen`` means built
    on its own, ``served`` built on its own or by a chosen bastjänst
    (``served_by``), ``reason`` why not (Swedish). ``shared``: one row per
    bastjänst candidate. ``totals``: budget, cost, remaining, value, naive
    value, gain, counts. ``per_year``: budget and cost per budget period.
    """

    table: pd.DataFrame
    shared: pd.DataFrame
    totals: dict[str, object]
    per_year: pd.DataFrame
    result: PortfolioResult
    naive: PortfolioResult
    warnings: list[str] = field(default_factory=list)
    _problem: _Problem | None = None

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def gap(self) -> float:
        return self.result.gap

    @property
    def explanation(self) -> str:
        return self.result.explanation

    @property
    def gain(self) -> float:
        """Value the optimisation adds over "rank and fill" (NaN if infeasible)."""
        if not (self.result.feasible and self.naive.feasible):
            return math.nan
        return self.result.value - self.naive.value

    @property
    def portfolio(self) -> pd.DataFrame:
        return self.table[self.table["served"]].reset_index(drop=True)

    @property
    def not_chosen(self) -> pd.DataFrame:
        return self.table[~self.table["served"]].reset_index(drop=True)

    def frontier(self, levels: int = 20, *, time_limit: float | None = None) -> pd.DataFrame:
        """Best value at ``levels`` budget levels from what must be paid to
        everything fundable; per-year budgets scale with the total."""
        problem = self._problem
        if problem is None or levels < 2:
            raise ValueError(t("budget.err.levels"))
        args = problem.kernel_args()
        values, costs = args.pop("values"), args.pop("costs")
        args.pop("budget"), args.pop("total_budget")
        total_col = problem.costs[:, -1]
        fundable = np.ones(len(problem.ids), bool)
        fundable[problem.exclude] = False
        low = portfolio.minimum_cost(costs, **{k: v for k, v in args.items() if k != "values"})
        low = float(total_col[problem.must].sum()) if math.isnan(low) else low
        high = max(float(total_col[fundable].sum()), low)
        totals = np.linspace(low, high, levels)
        base = problem.budget
        if problem.years:
            share = base[:-1] / base[-1] if base[-1] > 0 else np.ones(len(base) - 1)
            return portfolio.frontier(values, costs, np.outer(totals, share), ids=problem.ids,
                                      total_budgets=totals,
                                      time_limit=time_limit or problem.time_limit, **args)
        return portfolio.frontier(values, costs, totals, ids=problem.ids,
                                  time_limit=time_limit or problem.time_limit, **args)


# --------------------------------------------------------------------------- values


def _frame_series(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.Series(pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float),
                     index=frame["id"].astype(str).to_numpy())


def need_values(needs: pd.DataFrame, value: str = "benefit", scores: pd.Series | None = None,
                koncernnytta: pd.Series | None = None,
                score_reasons: Mapping[str, str] | None = None,
                weights: Mapping[str, float] | None = None) -> tuple[pd.Series, dict[str, str]]:
    """The value of each need (by id) on a scale whose 0 is "not done", and
    why some are unknown.

    ``scores`` (a Series by id, already of kind ``value``) overrides, with
    ``score_reasons`` saying why a need has none. Otherwise: ``"benefit"``
    gives nyttopoäng (:mod:`kstad_analysis.benefit_value`) with ``weights``
    (default: the configured ones) and ``koncernnytta``; ``"npv"`` and
    ``"npv_financial"`` the need's net present value with and without
    omfördelningsnytta.
    """
    if value not in VALUE_KINDS:
        raise ValueError(t("budget.err.value_kind", value=value, known=", ".join(VALUE_KINDS)))
    reasons: dict[str, str] = {}
    if scores is not None:
        series = pd.Series(scores, dtype=float)
        series.index = series.index.astype(str)
        reasons.update({str(k): str(v) for k, v in (score_reasons or {}).items()})
    elif value == "benefit":
        from kstad_analysis.benefit_value import benefit_values
        from kstad_analysis.ranking import Ranker

        ranker = Ranker(needs, koncernnytta=koncernnytta)
        points = benefit_values(ranker, weights or ranker.resolve_weights())
        series, reasons = points.value, dict(points.reasons)
    else:
        from kstad_analysis import benefits

        economics = benefits.need_economics(needs)
        # discounted to the one base year, so the sum is the portfolio's NPV
        series = _frame_series(economics, {"npv": "npv_base",
                                           "npv_financial": "npv_financial_base"}[value])
        if "missing_reason" in economics.columns:
            for key, reason in zip(economics["id"].astype(str), economics["missing_reason"],
                                   strict=True):
                if not pd.isna(reason) and str(reason):
                    reasons[key] = str(reason)
    aligned = series.reindex(needs["id"].astype(str).to_numpy())
    return aligned.astype(float), reasons


# --------------------------------------------------------------------------- building


def _check_ids(ids: Iterable[str], known: set[str], rule: str) -> list[str]:
    wanted = [str(i).strip() for i in ids if str(i).strip()]
    unknown = [i for i in wanted if i not in known]
    if unknown:
        raise ValueError(t("budget.err.unknown_ids", rule=rule, ids=", ".join(unknown)))
    return wanted


def _check_amounts(budget: float, per_year: Mapping[int, float] | None) -> dict[int, float]:
    amount = float(budget)
    if not (math.isfinite(amount) and amount >= 0):
        raise ValueError(t("budget.err.negative_budget", budget=budget))
    years: dict[int, float] = {}
    for year, value in (per_year or {}).items():
        number = float(value)
        if not (math.isfinite(number) and number >= 0):
            raise ValueError(t("budget.err.negative_budget", budget=value))
        years[int(year)] = number
    return years


def _candidate_rows(candidates: pd.DataFrame | None, id_index: dict[str, int],
                    warnings: list[str]) -> list[dict[str, object]]:
    if candidates is None or len(candidates) == 0:
        return []
    rows = []
    for cand in candidates.to_dict(orient="records"):
        members = [str(m) for m in (cand.get("member_ids") or ())]
        unknown = [m for m in members if m not in id_index]
        if unknown:
            warnings.append(t("budget.warn.candidate_unknown", candidate=cand["candidate_id"],
                              ids=", ".join(unknown)))
        known = sorted({id_index[m] for m in members if m in id_index})
        if known:
            rows.append({**cand, "members": known})
    return rows


def _build(needs: pd.DataFrame, budget: float, per_year: dict[int, float],
           must_ids: list[str], exclude_ids: list[str], values: pd.Series,
           value_reasons: dict[str, str], candidates: list[dict[str, object]],
           running_cap: float | None, time_limit: float | None,
           warnings: list[str]) -> _Problem:
    n = len(needs)
    ids = needs["id"].astype(str).tolist()
    index = {key: i for i, key in enumerate(ids)}
    investment = needs["investment"].to_numpy(dtype=float, na_value=np.nan)
    running_raw = needs["running_cost"].to_numpy(dtype=float, na_value=np.nan)
    start = needs["start_year"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    legal = needs["legal"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    raw_values = values.to_numpy(dtype=float)
    excluded = {index[i] for i in exclude_ids}
    forced_explicit = {index[i] for i in must_ids}
    blocked: dict[int, str] = {}
    for i in range(n):
        if i in excluded:
            blocked[i] = t("budget.reason.excluded")
        elif np.isnan(investment[i]):
            blocked[i] = t("budget.reason.no_cost")
        elif running_cap is not None and np.isnan(running_raw[i]):
            blocked[i] = t("budget.reason.no_running")
        elif per_year and np.isnan(start[i]):
            blocked[i] = t("budget.reason.no_start")
        elif per_year and int(start[i]) not in per_year:
            blocked[i] = t("budget.reason.outside_years", year=int(start[i]))
        elif np.isnan(raw_values[i]) and i not in forced_explicit and not legal[i]:
            why = value_reasons.get(ids[i], "")
            blocked[i] = t("budget.reason.no_value") + (f" ({why})" if why else "")
        elif raw_values[i] <= 0 and i not in forced_explicit and not legal[i]:
            blocked[i] = t("budget.reason.no_benefit")  # a true zero: nothing to gain
    deps: dict[int, list[str]] = {}
    for i, dep_ids in enumerate(needs["dependencies"]):
        deps[i] = [str(d) for d in (dep_ids or ())]
        unknown = [d for d in deps[i] if d not in index]
        if unknown and i not in blocked:
            blocked[i] = t("budget.reason.unknown_dep", ids=", ".join(unknown))
    forced = set(forced_explicit)
    for i in np.flatnonzero(legal):
        i = int(i)
        if i in excluded and i not in forced_explicit:
            warnings.append(t("budget.warn.legal_excluded", id=ids[i]))
        elif i in blocked and i not in forced_explicit:
            warnings.append(t("budget.warn.legal_blocked", id=ids[i], reason=blocked[i]))
        else:
            forced.add(i)
    years = sorted(per_year)
    periods = [t("budget.year", year=y) for y in years] + (
        [t("budget.total_period")] if years else [""])
    m = n + len(candidates)
    costs = np.zeros((m, len(years) + 1))
    costs[:n, -1] = np.nan_to_num(investment)
    run = np.zeros(m)
    run[:n] = np.nan_to_num(running_raw)
    vals = np.zeros(m)
    vals[:n] = np.nan_to_num(raw_values)
    for j, y in enumerate(years):
        costs[:n, j] = np.where(start == y, costs[:n, -1], 0.0)
    members: dict[int, list[int]] = {}
    cands_of: dict[int, list[int]] = {}
    for k, cand in enumerate(candidates):
        c = n + k
        ids.append(str(cand["candidate_id"]))
        members[c] = list(cand["members"])  # type: ignore[arg-type]
        for i in members[c]:
            cands_of.setdefault(i, []).append(c)
        vals[c] = float(np.nansum(raw_values[members[c]]))
        shared = float(cand.get("shared_investment", np.nan))
        shared_run = float(cand.get("shared_running", np.nan))
        year_options = [start[i] for i in members[c] if not np.isnan(start[i])]
        if math.isnan(shared):
            blocked[c] = t("budget.reason.no_cost")
        elif any(i in excluded for i in members[c]):
            blocked[c] = t("budget.reason.member_excluded")
        elif running_cap is not None and math.isnan(shared_run):
            blocked[c] = t("budget.reason.no_running")
        elif years and (not year_options or int(min(year_options)) not in per_year):
            blocked[c] = t("budget.reason.outside_years", year=(
                int(min(year_options)) if year_options else "–"))
        costs[c, -1] = 0.0 if math.isnan(shared) else shared
        run[c] = 0.0 if math.isnan(shared_run) else shared_run
        for j, y in enumerate(years):
            if year_options and int(min(year_options)) == y:
                costs[c, j] = costs[c, -1]
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
    budget_vec = np.array([per_year[y] for y in years] + [budget])
    return _Problem(
        ids=ids, n_needs=n, values=vals, raw_values=raw_values, costs=costs, budget=budget_vec,
        periods=periods,
        years=years, running=run if running_cap is not None else None, running_cap=running_cap,
        must=must, exclude=exclude, requires_any=requires_any, exclusive=exclusive,
        at_least_one=at_least_one, blocked=blocked, deps=deps, members=members,
        time_limit=time_limit,
    )


# --------------------------------------------------------------------------- reading back


def _reasons(problem: _Problem, result: PortfolioResult) -> tuple[list[str], list[str]]:
    """Why each item is not funded; served_by for needs in a chosen bastjänst."""
    x = result.mask(len(problem.ids))
    served_by = [""] * problem.n_needs
    for c, group in problem.members.items():
        if x[c]:
            for i in group:
                served_by[i] = problem.ids[c]
    spend = problem.costs[x].sum(axis=0)
    left = problem.budget - spend
    running_left = (problem.running_cap - float(problem.running[x].sum())
                    if problem.running_cap is not None and problem.running is not None
                    else math.inf)
    index = {key: i for i, key in enumerate(problem.ids)}
    reasons = []
    for i in range(len(problem.ids)):
        served = x[i] or (i < problem.n_needs and served_by[i] != "")
        if served:
            reasons.append(t("budget.reason.in_shared", candidate=served_by[i])
                           if i < problem.n_needs and not x[i] else "")
            continue
        if i in problem.blocked:
            reasons.append(problem.blocked[i])
            continue
        if not result.feasible:
            reasons.append(t("budget.reason.infeasible"))
            continue
        missing = [d for d in problem.deps.get(i, []) if d in index
                   and not (x[index[d]] or served_by[index[d]])]
        if missing:
            reasons.append(t("budget.reason.dependency", ids=", ".join(missing)))
        elif problem.values[i] <= 0:
            reasons.append(t("budget.reason.no_gain"))
        elif np.all(problem.costs[i] <= left + 1e-6) and (
                problem.running is not None and problem.running[i] > running_left + 1e-6):
            reasons.append(t("budget.reason.running_cap"))
        elif result.status == "time_limit" and np.all(problem.costs[i] <= left + 1e-6):
            reasons.append(t("budget.reason.time_limit"))
        elif np.all(problem.costs[i] <= left + 1e-6) and any(
                i in group and any(x[j] for j in group if j != i) for group in problem.exclusive):
            reasons.append(t("budget.reason.alternative"))
        else:
            reasons.append(t("budget.reason.over_budget"))
    return reasons, served_by


def _tables(needs: pd.DataFrame, problem: _Problem, result: PortfolioResult,
            candidates: list[dict[str, object]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    x = result.mask(len(problem.ids))
    reasons, served_by = _reasons(problem, result)
    n = problem.n_needs
    value = problem.raw_values  # NaN stays visible as unknown
    table = pd.DataFrame({
        "id": needs["id"].astype(str).to_numpy(), "title": needs["title"].to_numpy(),
        "department": needs["department"].to_numpy(), "cost": needs["investment"].to_numpy(),
        "running_cost": needs["running_cost"].to_numpy(),
        "start_year": needs["start_year"].to_numpy(), "value": value,
        "legal": needs["legal"].astype("boolean").fillna(False).to_numpy(dtype=bool),
        "chosen": x[:n], "served": x[:n] | (np.array(served_by) != ""),
        "served_by": served_by, "reason": reasons[:n],
    })
    table = table.sort_values(["served", "value"], ascending=[False, False],
                              na_position="last", kind="stable").reset_index(drop=True)
    shared = pd.DataFrame.from_records([
        {
            "candidate_id": str(cand["candidate_id"]), "label": cand.get("label", ""),
            "member_ids": tuple(problem.ids[i] for i in cand["members"]),  # type: ignore[union-attr]
            "cost": cand.get("shared_investment", np.nan),
            "running_cost": cand.get("shared_running", np.nan),
            "value": problem.values[n + k], "chosen": bool(x[n + k]), "reason": reasons[n + k],
        }
        for k, cand in enumerate(candidates)
    ], columns=list(SHARED_COLUMNS))
    return table, shared


def _totals(problem: _Problem, result: PortfolioResult, naive: PortfolioResult,
            table: pd.DataFrame) -> tuple[dict[str, object], pd.DataFrame]:
    x = result.mask(len(problem.ids))
    spend = problem.costs[x].sum(axis=0)
    per_year = pd.DataFrame({
        "period": problem.periods if problem.years else [t("budget.total_period")],
        "budget": problem.budget, "cost": spend, "remaining": problem.budget - spend,
    })
    feasible = result.feasible
    totals: dict[str, object] = {
        "budget": float(problem.budget[-1]), "cost": float(spend[-1]),
        "remaining": float(problem.budget[-1] - spend[-1]),
        "value": result.value if feasible else math.nan,
        "naive_value": naive.value if naive.feasible else math.nan,
        "gain": (result.value - naive.value) if feasible and naive.feasible else math.nan,
        "naive_cost": naive.cost if naive.feasible else math.nan,
        "running_added": float(problem.running[x].sum()) if problem.running is not None
        else float(table.loc[table["chosen"], "running_cost"].fillna(0).sum()),
        "n_served": int(table["served"].sum()), "n_needs": len(table),
        "n_shared": int(x[problem.n_needs:].sum()),
        "status": result.status, "gap": result.gap, "solver": result.solver,
        "seconds": result.seconds,
    }
    return totals, per_year


# --------------------------------------------------------------------------- public API


def optimize(needs: pd.DataFrame, budget: float, *, per_year: Mapping[int, float] | None = None,
             must_ids: Sequence[str] = (), exclude_ids: Sequence[str] = (),
             value: str = "benefit", scores: pd.Series | None = None,
             candidates: pd.DataFrame | None = None, running_cap: float | None = None,
             time_limit: float | None = 10,
             koncernnytta: pd.Series | None = None,
             score_reasons: Mapping[str, str] | None = None,
             weights: Mapping[str, float] | None = None) -> BudgetResult:
    """The best portfolio of ``needs`` under ``budget`` (and ``per_year``).

    Raises ``ValueError`` (Swedish) for a negative budget, unknown ids or an
    unknown value kind; rules that cannot all hold give a result with status
    ``infeasible`` and an ``explanation``.
    """
    needs = needs.reset_index(drop=True)
    years = _check_amounts(budget, per_year)
    if running_cap is not None:
        running_cap = portfolio.check_amount(running_cap, "budget.err.running_cap", "cap")
    known = set(needs["id"].astype(str))
    must = _check_ids(must_ids, known, "måste")
    exclude = _check_ids(exclude_ids, known, "uteslut")
    values, value_reasons = need_values(needs, value, scores, koncernnytta, score_reasons, weights)
    warnings: list[str] = []
    index = {key: i for i, key in enumerate(needs["id"].astype(str))}
    rows = _candidate_rows(candidates, index, warnings)
    problem = _build(needs, float(budget), years, must, exclude, values, value_reasons, rows,
                     running_cap, time_limit, warnings)
    blocked_must = [i for i in must if index[i] in problem.blocked and i not in exclude]
    if blocked_must:
        first = index[blocked_must[0]]
        explanation = t("budget.inf.must_blocked", id=blocked_must[0],
                        reason=problem.blocked[first])
        empty = portfolio.infeasible_result(problem.values, problem.costs, problem.budget,
                                            explanation)
        result = naive = empty
    else:
        result = problem.solve()
        naive = problem.naive()
    table, shared = _tables(needs, problem, result, rows)
    totals, per_year_frame = _totals(problem, result, naive, table)
    return BudgetResult(table=table, shared=shared, totals=totals, per_year=per_year_frame,
                        result=result, naive=naive, warnings=warnings, _problem=problem)


__all__ = ["BudgetResult", "optimize", "need_values", "VALUE_KINDS", "TABLE_COLUMNS"]
