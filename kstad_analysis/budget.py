"""From the needs frame to the best portfolio under the budget.

Why a layer above ``portfolio``: the kernel knows indices and numbers; the
budget round knows needs, lagkrav, commitments, Startår, dependencies by id
and bastjänst candidates. ``budget_model`` turns one into the other with
explicit policies (investment and driftbudget per year, commitments with
their remaining cost, scheduling within a window, missing values never 0);
``budget_reasons`` computes why each need is not funded; ``budget_result``
turns the answer back into tables (investment and running cost apart, per
year, and the total cost of ownership over the planning horizon).

Policies (visible in the result, never silent):

* A need with unknown investment cannot be funded ("saknar kostnad"); with
  unknown value it cannot be compared ("saknar värde") unless it is forced
  in, when it counts 0; under a driftbudget, unknown running cost blocks it
  ("saknar driftkostnad"). With a budget per year, a need may start from its
  Startår up to ``window`` years later; no Startår blocks it.
* Lagkrav (``legal`` true) and commitments are forced in; the analyst's
  ``exclude_ids`` win over the lagkrav flag (with a warning) and
  ``stop_ids`` stop a commitment (with the analyst's reason in the table),
  while an explicit ``must_ids`` that is also excluded is an infeasible
  combination the result explains.
* A bastjänst candidate (one shared build serving all its members) is an
  extra decision variable: its value is the sum of its members' values, its
  cost the shared investment, started in the earliest member Startår (or
  later within the window). Each member is served at most once. A need that
  depends on a platform need starts no earlier than the platform.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from kstad_analysis import portfolio
from kstad_analysis.budget_model import (
    BudgetSettings,
    Inputs,
    base_year,
    build,
    check_stop,
    commitments,
)
from kstad_analysis.budget_reasons import explain
from kstad_analysis.budget_result import (
    HORIZON_COLUMNS,
    PER_YEAR_COLUMNS,
    SHARED_COLUMNS,
    TABLE_COLUMNS,
    BudgetResult,
    horizon_frame,
    tables,
    totals,
)
from kstad_analysis.constants import VALUE_KINDS
from kstad_analysis.formatting import kr
from kstad_analysis.i18n import t

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



def _check_remaining(remaining: Mapping[str, float] | None, known: set[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, amount in (remaining or {}).items():
        if str(key) not in known:
            raise ValueError(t("budget.err.unknown_ids", rule="kvarstående", ids=key))
        out[str(key)] = portfolio.check_amount(amount, "budget.err.negative_budget", "budget")
    return out


def _running_spec(running_budget: float | Mapping[int, float] | None,
                  running_cap: float | None) -> float | dict[int, float] | None:
    if running_budget is not None and running_cap is not None:
        raise ValueError(t("budget.err.running_twice"))
    spec = running_cap if running_budget is None else running_budget
    if spec is None:
        return None
    if isinstance(spec, Mapping):
        return {int(y): portfolio.check_amount(v, "budget.err.running_cap", "cap")
                for y, v in spec.items()}
    return portfolio.check_amount(spec, "budget.err.running_cap", "cap")


def _shortfall_text(problem, args: dict[str, object]) -> str:
    """Which year lacks how much (kr): the least extra money per budget row
    that lets the rules hold (``portfolio.shortfall``)."""
    slack = portfolio.shortfall(**args)
    if slack is None:
        return ""
    labels = [*problem.periods, t("budget.total_period")] if problem.years else \
        [t("budget.total_period")]
    parts = [t("budget.inf.lacks", period=labels[k], amount=kr(v))
             for k, v in enumerate(slack["investment"]) if v > 0.5]
    running = slack["running"]
    parts += [t("budget.inf.lacks_running", period=problem.periods[k], amount=kr(v))
              if problem.years else t("budget.inf.lacks_running_all", amount=kr(v))
              for k, v in enumerate(running) if v > 0.5]
    return t("budget.inf.shortfall", parts="; ".join(parts)) if parts else ""


def optimize(needs: pd.DataFrame, budget: float, *, per_year: Mapping[int, float] | None = None,
             must_ids: Sequence[str] = (), exclude_ids: Sequence[str] = (),
             value: str = "benefit", scores: pd.Series | None = None,
             candidates: pd.DataFrame | None = None, running_cap: float | None = None,
             time_limit: float | None = 10,
             koncernnytta: pd.Series | None = None,
             score_reasons: Mapping[str, str] | None = None,
             running_budget: float | Mapping[int, float] | None = None,
             commitments: Collection[str] | None = None,
             stop_ids: Mapping[str, str] | None = None,
             remaining: Mapping[str, float] | None = None,
             window: int | None = None, base_year: int | None = None,
             horizon: int | None = None, reasons: bool | int = True,
             value_unit: str = "",
             weights: Mapping[str, float] | None = None) -> BudgetResult:
    """The best portfolio of ``needs`` under ``budget`` (and ``per_year``).

    ``running_budget`` is the driftbudget: added running cost per year (kr),
    one amount for every year or one per budget year (``running_cap`` is the
    old name of the single amount; :class:`BudgetSettings` has the config
    default for apps to offer). ``commitments`` are ids under way (see
    :func:`commitments`), funded first with their remaining cost
    (``remaining`` per id overrides the rule) unless in ``stop_ids`` (id →
    the analyst's reason). ``window`` (default from config): years a start
    may move later with budgets per year. ``horizon`` (config): years of the
    TCO from ``base_year`` (default the benefits base year). ``reasons``:
    compute unfunded needs' counterfactuals (the exact DP where it decides,
    else MILP re-solves, highest value first, at most the config's
    ``[motivering] omrakningar`` of them with ``noder`` nodes each; a number
    gives that many re-solves instead; False: none, e.g. for repeated draws).
    The time limits are safety nets only: every shown figure is bounded by
    counted work, so the same inputs give the same answer under any load.
    ``value_unit`` names the value's unit in the reasons.

    Raises ``ValueError`` (Swedish) for a negative budget, unknown ids or an
    unknown value kind; rules that cannot all hold give a result with status
    ``infeasible`` and an ``explanation`` (with budgets per year: which year
    lacks how much).
    """
    needs = needs.reset_index(drop=True)
    years = _check_amounts(budget, per_year)
    settings = BudgetSettings.load()
    spec = _running_spec(running_budget, running_cap)
    known = set(needs["id"].astype(str))
    must = _check_ids(must_ids, known, "måste")
    exclude = _check_ids(exclude_ids, known, "uteslut")
    committed = set(_check_ids(commitments or (), known, "pågående"))
    stop = check_stop(stop_ids, known)
    values, value_reasons = need_values(needs, value, scores, koncernnytta, score_reasons, weights)
    warnings: list[str] = []
    index = {key: i for i, key in enumerate(needs["id"].astype(str))}
    rows = _candidate_rows(candidates, index, warnings)
    base = _base_year() if base_year is None else int(base_year)
    span = settings.horizon if horizon is None else int(horizon)
    inputs = Inputs(
        budget=float(budget), per_year=years, running_budget=spec, must_ids=must,
        exclude_ids=exclude, values=values, value_reasons=value_reasons, candidates=rows,
        committed_ids=committed, stop=stop, remaining=_check_remaining(remaining, known),
        base=base, settings=settings,
        window=settings.window if window is None else max(int(window), 0),
        time_limit=time_limit,
    )
    problem = build(needs, inputs, warnings)
    blocked_must = [i for i in must if index[i] in problem.blocked and i not in exclude]
    args = problem.kernel_args()
    if blocked_must:
        first = index[blocked_must[0]]
        explanation = t("budget.inf.must_blocked", id=blocked_must[0],
                        reason=problem.blocked[first])
        result = naive = portfolio.infeasible_result(args["values"], args["costs"],
                                                     args["budget"], explanation)
    else:
        result = problem.solve()
        naive = problem.naive()
        if not result.feasible:
            more = _shortfall_text(problem, args)
            if more:
                result = _with_explanation(result, f"{result.explanation} {more}")
    x, start = problem.read(result)
    resolves = settings.reason_resolves if reasons is True else int(reasons)
    why = explain(problem, result, x, start, counterfactual=bool(reasons) and result.feasible,
                  time_limit=settings.reason_time_limit, seconds=settings.reason_seconds,
                  resolves=resolves, node_limit=settings.reason_node_limit, unit=value_unit) \
        if result.feasible else {}
    table, shared = tables(needs, problem, result, x, start, why, rows, base, span)
    horizon_table = horizon_frame(problem, x, start, base, span)
    total, per_year_frame = totals(problem, result, naive, table, x, start, horizon_table)
    return BudgetResult(table=table, shared=shared, totals=total, per_year=per_year_frame,
                        result=result, naive=naive, warnings=warnings, horizon=horizon_table,
                        _problem=problem)


def _with_explanation(result, explanation: str):
    from dataclasses import replace

    return replace(result, explanation=explanation)


def _base_year() -> int:
    return base_year()


# --------------------------------------------------------------------------- per-year split


def required_per_year(needs: pd.DataFrame, years: Sequence[int], *,
                      commitments: Collection[str] = (), base: int | None = None,
                      remaining: Mapping[str, float] | None = None) -> dict[int, float]:
    """What lagkrav and commitments (with the platforms they need) cost in
    each budget year at their planned start — a lagkrav whose platform is
    planned later waits for it, as the optimiser makes it (a start before the
    first year counts in the first year; a commitment's remaining cost by the
    ``budget_model`` rule). Unknown costs are left out (the optimiser blocks
    those needs with a warning)."""
    return _required(needs, years, commitments, base, remaining)[0]


def _required(needs: pd.DataFrame, years: Sequence[int], commitments: Collection[str],
              base: int | None, remaining: Mapping[str, float] | None
              ) -> tuple[dict[int, float], set[str]]:
    years = sorted(int(y) for y in years)
    if not years:
        return {}, set()
    year0 = base_year() if base is None else int(base)
    ids = needs["id"].astype(str).tolist()
    index = {key: i for i, key in enumerate(ids)}
    invest = pd.to_numeric(needs["investment"], errors="coerce").to_numpy(dtype=float)
    start = pd.to_numeric(needs["start_year"], errors="coerce").to_numpy(dtype=float)
    legal = needs["legal"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    committed = {index[i] for i in commitments if i in index}
    forced = {int(i) for i in np.flatnonzero(legal)} | committed
    when = {i: start[i] for i in forced}
    changed = True
    while changed:  # platforms first: a forced need waits for what it depends on
        changed = False
        for a in list(when):
            for d in needs["dependencies"].iloc[a] or ():
                b = index.get(str(d))
                if b is None:
                    continue
                if b not in when:
                    when[b] = when[a] if np.isnan(start[b]) else start[b]
                    changed = True
                if a not in committed and when[b] > when[a]:
                    when[a] = when[b]
                    changed = True
    out = dict.fromkeys(years, 0.0)
    given = remaining or {}
    for i, year in when.items():
        cost = invest[i]
        if i in committed:
            if ids[i] in given:
                cost = float(given[ids[i]])
            elif not np.isnan(start[i]) and start[i] < year0:
                cost = 0.0
        if np.isnan(cost):
            continue
        col = years[0] if np.isnan(year) or year < years[0] else int(year)
        if col in out:
            out[col] += float(cost)
    return out, {ids[i] for i in when}


def default_split(needs: pd.DataFrame, total: float, years: Sequence[int], *,
                  commitments: Collection[str] = (), base: int | None = None,
                  remaining: Mapping[str, float] | None = None) -> dict[int, float]:
    """A per-year split of ``total`` that covers lagkrav and commitments.

    Each year first gets what lagkrav and commitments need there
    (:func:`required_per_year`); the rest is shared in proportion to the
    planned investment of the other needs starting that year (evenly when
    none), in whole kronor summing to ``total``. Raises ``ValueError``
    (Swedish) naming each year's need when ``total`` cannot cover them.
    """
    years = sorted(int(y) for y in years)
    amount = portfolio.check_amount(total, "budget.err.negative_budget", "budget")
    need, forced = _required(needs, years, commitments, base, remaining)
    required = sum(need.values())
    if required > amount + 0.5:
        detail = ", ".join(f"{y}: {kr(v)}" for y, v in need.items() if v > 0)
        raise ValueError(t("budget.err.split_short", total=kr(amount), required=kr(required),
                           detail=detail))
    invest = pd.to_numeric(needs["investment"], errors="coerce")
    start = pd.to_numeric(needs["start_year"], errors="coerce")
    others = ~needs["id"].astype(str).isin(forced)
    demand = np.array([float(invest[others & (start == y)].sum()) for y in years])
    weights = demand / demand.sum() if demand.sum() > 0 else np.full(len(years), 1 / len(years))
    split = np.array([need[y] for y in years]) + (amount - required) * weights
    whole = np.floor(split)
    whole[int(np.argmax(split - whole))] += round(amount - whole.sum())
    return {y: float(v) for y, v in zip(years, whole, strict=True)}


__all__ = ["BudgetResult", "BudgetSettings", "optimize", "need_values", "commitments",
           "default_split", "required_per_year", "VALUE_KINDS", "TABLE_COLUMNS",
           "SHARED_COLUMNS", "PER_YEAR_COLUMNS", "HORIZON_COLUMNS"]
