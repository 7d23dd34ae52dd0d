"""The budget round's answer: tables, per-year money and total cost of ownership.

Why apart from ``budget``: the answer is read by the report, the apps and
``kstad optimize``; it shows investment and running cost side by side (never
summed into one "IT-kostnad" line), per year, and their total over a fixed
planning horizon (TCO: investment + running cost to the horizon's end).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kstad_analysis import portfolio
from kstad_analysis.budget_model import Problem
from kstad_analysis.budget_reasons import Reason, Spend, notes
from kstad_analysis.i18n import t
from kstad_analysis.portfolio import PortfolioResult

TABLE_COLUMNS = (
    "id", "title", "department", "cost", "running_cost", "start_year", "value", "legal",
    "chosen", "served", "served_by", "reason",
    "status", "committed", "remaining_cost", "cost_basis", "scheduled_year", "moved", "tco",
    "value_lost", "displaced", "fits", "note", "order",
)
SHARED_COLUMNS = (
    "candidate_id", "label", "member_ids", "cost", "running_cost", "value", "chosen", "reason",
    "saving", "is_saving", "scheduled_year", "value_lost",
)
PER_YEAR_COLUMNS = (
    "period", "year", "budget", "cost", "remaining", "running_budget", "running_cost",
    "running_remaining",
)
HORIZON_COLUMNS = (
    "year", "investment", "running_cost", "investment_committed", "running_committed",
    "investment_budget", "running_budget",
)


@dataclass
class BudgetResult:
    """The portfolio, every need's fate, money per year, totals and the naive comparison.

    ``table``: one row per need (``TABLE_COLUMNS``): ``chosen`` built on its
    own, ``served`` built on its own or by a chosen bastjänst (``served_by``),
    ``status`` ``pågående``/``ny``/``stoppad``, ``remaining_cost`` the
    investment the round pays (``cost_basis`` says why for commitments),
    ``scheduled_year``/``moved`` the start the optimiser chose, ``tco`` over
    the horizon, ``reason`` why not funded (Swedish, computed: see
    ``budget_reasons``) with ``value_lost``/``displaced`` from re-solving with
    the need forced in, ``note`` on funded needs, ``order`` the display order
    (funded first, then unfunded by value, highest first). ``shared``: one row
    per bastjänst candidate. ``per_year``: investment and driftbudget per
    budget year (last row the whole period). ``horizon``: investment and
    running cost per year of the planning horizon. ``totals``: sums, counts
    and the solver details (``status``, ``gap``, ``solver``, ``seconds``) for a
    details view.
    """

    table: pd.DataFrame
    shared: pd.DataFrame
    totals: dict[str, object]
    per_year: pd.DataFrame
    result: PortfolioResult
    naive: PortfolioResult
    warnings: list[str] = field(default_factory=list)
    horizon: pd.DataFrame | None = None
    _problem: Problem | None = None

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

    def naive_served(self) -> set[str]:
        """Needs the naive "rank and fill" serves, on their own or through a
        bastjänst (read back like the optimum, start options included)."""
        problem = self._problem
        if problem is None or not self.naive.feasible:
            return set()
        x, _ = problem.read(self.naive)
        served = problem.served(x)
        return {problem.ids[i] for i in np.flatnonzero(served)}

    def frontier(self, levels: int = 20, *, time_limit: float | None = None) -> pd.DataFrame:
        """Best value at ``levels`` total budgets from what must be paid to
        everything fundable; per-year budgets scale with the total. Each level
        stops at the problem's node limit (work, the same under any load);
        ``time_limit`` seconds per level is only a safety net."""
        problem = self._problem
        if problem is None or levels < 2:
            raise ValueError(t("budget.err.levels"))
        args = problem.kernel_args()
        values, costs = args.pop("values"), args.pop("costs")
        base = np.atleast_1d(np.asarray(args.pop("budget"), dtype=float))
        args.pop("total_budget", None)
        labels, _ = problem.labels()
        low = portfolio.minimum_cost(costs, **args)
        fundable = [i for i in range(len(problem.ids)) if i not in problem.blocked]
        high = float(problem.invest[fundable].sum())
        low = float(problem.invest[problem.must].sum()) if math.isnan(low) else low
        totals = np.linspace(low, max(high, low), levels)
        limit = time_limit or problem.time_limit
        nodes = problem.frontier_node_limit or problem.node_limit
        if problem.options is not None:
            share = base / base.sum() if base.sum() > 0 else np.full(len(base), 1 / len(base))
            return portfolio.frontier(values, costs, np.outer(totals, share), ids=labels,
                                      total_budgets=totals, time_limit=limit,
                                      node_limit=nodes, **args)
        return portfolio.frontier(values, costs, totals, ids=labels, time_limit=limit,
                                  node_limit=nodes, **args)


def _tco(problem: Problem, start: np.ndarray, base: int, horizon: int) -> np.ndarray:
    """Investment in the horizon + running cost from the start year to its end."""
    end = base + horizon - 1
    first = np.where(np.isnan(start), base, np.maximum(start, base))
    years = np.clip(end - first + 1, 0, horizon)
    paid = np.where(first <= end, problem.invest, 0.0)
    return paid + problem.running * years


def horizon_frame(problem: Problem, x: np.ndarray, start: np.ndarray, base: int,
                  horizon: int) -> pd.DataFrame:
    """Investment and running cost per horizon year (new and committed apart)."""
    years = list(range(base, base + horizon))
    rows = {k: np.zeros(horizon) for k in HORIZON_COLUMNS[1:5]}
    for i in np.flatnonzero(x):
        first = base if np.isnan(start[i]) else max(int(start[i]), base)
        committed = i in problem.committed
        if first <= years[-1]:
            rows["investment_committed" if committed else "investment"][first - base] += \
                problem.invest[i]
            rows["running_committed" if committed else "running_cost"][first - base:] += \
                problem.running[i]
    budget = dict(zip(problem.years, problem.budget, strict=True))
    running = (dict(zip(problem.years, problem.running_budget, strict=True))
               if problem.running_budget is not None and problem.years else {})
    frame = pd.DataFrame({"year": years, **rows})
    frame["investment"] += frame["investment_committed"]
    frame["running_cost"] += frame["running_committed"]
    frame["investment_budget"] = [budget.get(y, math.nan) for y in years]
    frame["running_budget"] = [running.get(y, math.nan) for y in years]
    return frame


def tables(needs: pd.DataFrame, problem: Problem, result: PortfolioResult, x: np.ndarray,
           start: np.ndarray, reasons: dict[int, Reason], candidates: list[dict[str, object]],
           base: int, horizon: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = problem.n_needs
    served = problem.served(x)
    served_by = [""] * n
    for c, group in problem.members.items():
        if x[c]:
            for i in group:
                served_by[i] = problem.ids[c]
    texts = []
    for i in range(len(problem.ids)):
        if (served[i] if i < n else x[i]):
            texts.append(t("budget.reason.in_shared", candidate=served_by[i])
                         if i < n and not x[i] else "")
        elif i in problem.blocked:
            texts.append(problem.blocked[i])
        elif not result.feasible:
            texts.append(t("budget.reason.infeasible"))
        else:
            texts.append(reasons[i].text if i in reasons else t("budget.reason.over_budget"))
    status = [t("budget.status.stopped") if i in problem.stopped
              else t("budget.status.committed") if i in problem.committed
              else t("budget.status.new") for i in range(n)]
    scheduled = pd.array([int(s) if x[i] and not np.isnan(s) else pd.NA
                          for i, s in enumerate(start[:n])], dtype="Int64")
    moved = [bool(x[i] and not np.isnan(start[i]) and not np.isnan(problem.start[i])
                  and int(start[i]) != int(problem.start[i]) and i not in problem.committed)
             for i in range(n)]
    planned = np.where(x, start, problem.start)
    tco = _tco(problem, planned, base, horizon)
    unknown = needs["investment"].isna().to_numpy() & ~np.isin(np.arange(n),
                                                               list(problem.cost_basis))
    remaining = np.where(unknown, np.nan, problem.invest[:n])
    table = pd.DataFrame({
        "id": needs["id"].astype(str).to_numpy(), "title": needs["title"].to_numpy(),
        "department": needs["department"].to_numpy(), "cost": needs["investment"].to_numpy(),
        "running_cost": needs["running_cost"].to_numpy(),
        "start_year": needs["start_year"].to_numpy(), "value": problem.raw_values,
        "legal": needs["legal"].astype("boolean").fillna(False).to_numpy(dtype=bool),
        "chosen": x[:n], "served": served, "served_by": served_by, "reason": texts[:n],
        "status": status, "committed": [i in problem.committed for i in range(n)],
        "remaining_cost": remaining,
        "cost_basis": [problem.cost_basis.get(i, "") for i in range(n)],
        "scheduled_year": scheduled, "moved": moved,
        "tco": np.where(unknown | needs["running_cost"].isna().to_numpy(), np.nan, tco[:n]),
        "value_lost": [reasons[i].value_lost if i in reasons else math.nan for i in range(n)],
        "displaced": [reasons[i].displaced if i in reasons else () for i in range(n)],
        "fits": [reasons[i].fits if i in reasons else False for i in range(n)],
        "note": notes(problem, x, start, reasons, {
            n + k: _candidate_reason(cand, bool(x[n + k]), texts[n + k])
            for k, cand in enumerate(candidates)}),
    })
    table = table.sort_values(["served", "value"], ascending=[False, False],
                              na_position="last", kind="stable").reset_index(drop=True)
    table["order"] = np.arange(1, len(table) + 1)
    shared = pd.DataFrame.from_records([
        {
            "candidate_id": str(cand["candidate_id"]), "label": cand.get("label", ""),
            "member_ids": tuple(problem.ids[i] for i in cand["members"]),  # type: ignore[union-attr]
            "cost": cand.get("shared_investment", np.nan),
            "running_cost": cand.get("shared_running", np.nan),
            "value": problem.values[n + k], "chosen": bool(x[n + k]),
            "reason": _candidate_reason(cand, bool(x[n + k]), texts[n + k]),
            "saving": cand.get("saving", np.nan),
            "is_saving": bool(float(cand.get("saving", np.nan)) > 0),  # type: ignore[arg-type]
            "scheduled_year": int(start[n + k]) if x[n + k] and not np.isnan(start[n + k])
            else None,
            "value_lost": reasons[n + k].value_lost if n + k in reasons else math.nan,
        }
        for k, cand in enumerate(candidates)
    ], columns=list(SHARED_COLUMNS))
    return table, shared


def _candidate_reason(cand: dict[str, object], chosen: bool, text: str) -> str:
    """A candidate that saves nothing is never presented as a saving."""
    saving = float(cand.get("saving", np.nan))  # type: ignore[arg-type]
    if math.isnan(saving) or saving > 0:
        return text
    from kstad_analysis.formatting import kr

    years = cand.get("period_years", "")
    note = t("budget.reason.no_saving", extra=kr(-saving), years=years)
    if chosen:
        return t("budget.reason.chosen_no_saving", note=note)
    return "; ".join(p for p in (note, text) if p)


def totals(problem: Problem, result: PortfolioResult, naive: PortfolioResult,
           table: pd.DataFrame, x: np.ndarray, start: np.ndarray,
           horizon: pd.DataFrame) -> tuple[dict[str, object], pd.DataFrame]:
    spend = Spend.of(problem, x, start)
    years = problem.years
    if years:
        budget = np.r_[problem.budget, problem.total]
        cost = np.r_[spend.invest, spend.total]
        run_budget = (np.r_[problem.running_budget, math.nan]
                      if problem.running_budget is not None else np.full(len(years) + 1, math.nan))
        run_cost = np.r_[spend.running, spend.running[-1]] if spend.running is not None \
            else np.full(len(years) + 1, math.nan)
        periods = [*problem.periods, t("budget.total_period")]
        year_col = [*years, None]
    else:
        budget, cost = np.array([problem.total]), np.array([spend.total])
        run_budget = (problem.running_budget if problem.running_budget is not None
                      else np.array([math.nan]))
        run_cost = spend.running if spend.running is not None else np.array([math.nan])
        periods, year_col = [t("budget.total_period")], [None]
    per_year = pd.DataFrame({
        "period": periods, "year": pd.array(year_col, dtype="Int64"), "budget": budget,
        "cost": cost, "remaining": budget - cost, "running_budget": run_budget,
        "running_cost": run_cost, "running_remaining": run_budget - run_cost,
    })
    committed = np.isin(np.arange(len(x)), list(problem.committed))
    new = x & ~committed
    feasible = result.feasible
    out: dict[str, object] = {
        "budget": float(problem.total), "cost": float(spend.total),
        "investment": float(spend.total), "remaining": float(problem.total - spend.total),
        "value": result.value if feasible else math.nan,
        "naive_value": naive.value if naive.feasible else math.nan,
        "gain": (result.value - naive.value) if feasible and naive.feasible else math.nan,
        "naive_cost": naive.cost if naive.feasible else math.nan,
        "running_added": float(problem.running[new].sum()),
        "running_committed": float(problem.running[x & committed].sum()),
        "running_per_year": float(problem.running[x].sum()),
        "running_budget": float(problem.running_budget[-1])
        if problem.running_budget is not None else math.nan,
        "committed_cost": float(problem.invest[x & committed].sum()),
        "tco": float(horizon["investment"].sum() + horizon["running_cost"].sum()),
        "tco_investment": float(horizon["investment"].sum()),
        "tco_running": float(horizon["running_cost"].sum()),
        "horizon_start": int(horizon["year"].iloc[0]), "horizon_end": int(horizon["year"].iloc[-1]),
        "n_served": int(table["served"].sum()), "n_needs": len(table),
        "n_shared": int(x[problem.n_needs:].sum()),
        "n_committed": int(table["committed"].sum()), "n_moved": int(table["moved"].sum()),
        "status": result.status, "gap": result.gap, "solver": result.solver,
        "seconds": result.seconds,
    }
    return out, per_year


__all__ = ["BudgetResult", "TABLE_COLUMNS", "SHARED_COLUMNS", "PER_YEAR_COLUMNS",
           "HORIZON_COLUMNS", "tables", "totals", "horizon_frame"]
