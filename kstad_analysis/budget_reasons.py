"""Why a need is not funded: computed, not guessed.

Why: "ryms inte i budget" on a need that costs less than what is left is
false, and a committee that reads it stops trusting the list. So each
reason is checked against the answer:

* "ryms inte" only when the need alone does not fit in what is left — the
  text names its cost and what is left in the binding year (investment,
  total or driftbudget);
* otherwise the rule that kept it out (a platform it needs is not funded,
  it adds no value, an alternative in the same choice gave more);
* and always the counterfactual from re-solving with the need forced in:
  the value given up and which needs would leave (or why it cannot be
  funded at all).

With one budget column (a total, optionally a driftbudget) every
counterfactual comes from one exact dynamic programme over the rule
components (``portfolio.forced``): on the sample (~200 needs) all ~130 in
~0.3 s, where a MILP per need took ~0.1 s each. Where it does not decide
(budgets per year, or its relaxed optimum breaks the driftbudget), a MILP
re-solve with the node limit of ``budget.toml`` ``[motivering] noder``
answers, and one that stops at it says so rather than claiming a figure.
At most ``[motivering] omrakningar`` MILP re-solves run, items that fit in
what is left first; the rest keep their computed fit or rule reason and
``value_lost`` NaN. Why counts and not seconds: the reasons are shown in the
app, the CLI and the report, and the same inputs must give the same reasons
on a quiet or a loaded machine. ``tidsgrans`` (per re-solve) and
``tidsbudget`` (in all) remain only as safety nets far above normal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kstad_analysis.budget_model import Problem
from kstad_analysis.formatting import kr
from kstad_analysis.i18n import t
from kstad_analysis.portfolio import PortfolioResult

_TOL = 1e-6


@dataclass(frozen=True)
class Reason:
    """One item's reason, the value given up if forced in and who would leave."""

    text: str
    value_lost: float = float("nan")
    displaced: tuple[str, ...] = ()
    fits: bool = False


def value_text(value: float, unit: str = "") -> str:
    """A value in plain Swedish: three significant digits, decimal comma."""
    text = f"{value:.3g}".replace(".", ",").replace("e+0", "e").replace("e-0", "e-")
    return f"{text} {unit}".strip()


@dataclass
class Spend:
    """What the answer uses and leaves, per year (investment, running)."""

    invest: np.ndarray
    total: float
    running: np.ndarray | None

    @classmethod
    def of(cls, problem: Problem, x: np.ndarray, start: np.ndarray) -> Spend:
        years = problem.years
        run = problem.running_counted
        if not years:
            used_run = np.array([float(run[x].sum())])
            return cls(np.zeros(0), float(problem.invest[x].sum()), used_run)
        invest = np.zeros(len(years))
        running = np.zeros(len(years))
        for i in np.flatnonzero(x):
            col = years.index(int(start[i]))
            invest[col] += problem.invest[i]
            running[col:] += run[i]
        return cls(invest, float(invest.sum()), running)


def _shortfall(problem: Problem, i: int, spend: Spend) -> tuple[bool, str]:
    """Does item ``i`` alone fit in what is left (in some start year)? If not,
    the binding year's text: its cost and what is left there."""
    cost, run = float(problem.invest[i]), float(problem.running_counted[i])
    left_total = problem.total - spend.total
    if problem.options is None:
        worst = [(cost - left_total, t("budget.reason.over_budget_by", cost=kr(cost),
                                       left=kr(max(left_total, 0.0)), period=""))]
        if problem.running_budget is not None:
            left = float(problem.running_budget[0] - spend.running[0])  # type: ignore[index]
            worst.append((run - left, t("budget.reason.over_running_by", cost=kr(run),
                                        left=kr(max(left, 0.0)), period="")))
        gap, text = max(worst, key=lambda w: w[0])
        return gap <= _TOL * max(1.0, cost + run), text
    best: tuple[float, str] | None = None
    for o in problem.options.of(i):
        col = int(problem.options.year[o])
        period = t("budget.inf.period", period=problem.periods[col])
        left_year = float(problem.budget[col] - spend.invest[col])
        worst = [
            (cost - left_year, t("budget.reason.over_budget_by", cost=kr(cost),
                                 left=kr(max(left_year, 0.0)), period=period)),
            (cost - left_total, t("budget.reason.over_budget_by", cost=kr(cost),
                                  left=kr(max(left_total, 0.0)),
                                  period=t("budget.inf.period",
                                           period=t("budget.total_period")))),
        ]
        if problem.running_budget is not None and spend.running is not None:
            lefts = problem.running_budget[col:] - spend.running[col:]
            k = int(np.argmin(lefts))
            worst.append((run - float(lefts[k]), t(
                "budget.reason.over_running_by", cost=kr(run), left=kr(max(float(lefts[k]), 0)),
                period=t("budget.inf.period", period=problem.periods[col + k]))))
        gap, text = max(worst, key=lambda w: w[0])
        if gap <= _TOL * max(1.0, cost + run):
            return True, ""
        if best is None:  # the planned (earliest) year is the one to name
            best = (gap, text)
    return False, best[1] if best else t("budget.reason.over_budget")


def _rule_text(problem: Problem, i: int, x: np.ndarray, served: np.ndarray) -> str:
    """The rule that kept a fitting item out, if one did."""
    index = {key: k for k, key in enumerate(problem.ids)}
    missing = [d for d in problem.deps.get(i, []) if d in index and not served[index[d]]]
    if missing:
        return t("budget.reason.dependency", ids=", ".join(missing))
    if problem.values[i] <= 0:
        return t("budget.reason.no_gain")
    if any(i in group and any(x[j] for j in group if j != i) for group in problem.exclusive):
        return t("budget.reason.alternative")
    if i >= problem.n_needs and any(served[j] for j in problem.members[i]):
        return t("budget.reason.alternative")
    return ""


def explain(problem: Problem, result: PortfolioResult, x: np.ndarray, start: np.ndarray,
            *, counterfactual: bool = True, time_limit: float | None = None,
            seconds: float | None = None, unit: str = "", resolves: int | None = None,
            node_limit: int | None = None) -> dict[int, Reason]:
    """Reasons for every item not funded and not blocked (keys: item index).

    The counterfactuals come from :class:`~kstad_analysis.portfolio.forced.
    ForcedSolver` (one exact DP for all items, milliseconds each) where it
    decides them, else from a MILP re-solve with the item forced in. MILP
    re-solves go to items that fit in what is left first (for them "ryms
    inte" would be false, so the counterfactual is the reason), each group
    highest value first, at most ``resolves`` of them (None: no cap) with
    ``node_limit`` nodes each (the deterministic work limits); the items left
    keep their computed fit or rule reason without a counterfactual
    (``value_lost`` NaN), shown as not computed. ``time_limit`` (per re-solve)
    and ``seconds`` (in all) are safety nets only.
    """
    import time

    began = time.perf_counter()
    served = problem.served(x)
    spend = Spend.of(problem, x, start)
    cands_of: dict[int, list[int]] = {}
    for c, group in problem.members.items():
        for i in group:
            cands_of.setdefault(i, []).append(c)
    todo = [i for i in range(len(problem.ids))
            if not ((served[i] if i < problem.n_needs else x[i]) or i in problem.blocked)]
    fit = {i: _shortfall(problem, i, spend) for i in todo}
    fast = problem.forced_solver() if counterfactual else None
    out: dict[int, Reason] = {}
    order = sorted(todo, key=lambda i: (not fit[i][0], -problem.values[i], i))
    left = resolves
    for i in order:
        fits, over = fit[i]
        rule = _rule_text(problem, i, x, served)
        if rule.startswith(t("budget.reason.dependency", ids="")):
            parts = [rule] + ([] if fits else [over])  # the platform first
        else:
            parts = [over] if not fits else [rule]
        lost, displaced = float("nan"), ()
        cover = (i, *cands_of.get(i, [])) if i < problem.n_needs else (i,)
        forced = fast.solve(cover) if fast is not None else None
        if forced is None and counterfactual and (left is None or left > 0) and (
                seconds is None or time.perf_counter() - began <= seconds):
            forced = problem.solve(cover, time_limit=time_limit, node_limit=node_limit)
            left = None if left is None else left - 1
        if forced is not None and not forced.feasible:
            parts.append(t("budget.reason.cannot", explanation=forced.explanation.rstrip(".")))
        elif forced is not None:
            fx, _ = problem.read(forced)
            now = problem.served(fx)
            displaced = tuple(problem.ids[j] for j in np.flatnonzero(served & ~now))
            lost = max(0.0, result.value - forced.value)
            if lost <= _TOL * max(1.0, abs(result.value)):
                parts.append(t("budget.reason.tie"))
            else:
                parts.append(t("budget.reason.counterfactual", lost=value_text(lost, unit),
                               ids=", ".join(displaced) or t("budget.reason.nobody")))
            if forced.status != "optimal":
                parts.append(t("budget.reason.cf_time_limit"))
        elif fits and not parts[0] and result.status == "time_limit":
            parts = [t("budget.reason.time_limit")]
        elif fits and not parts[0]:
            parts = [t("budget.reason.not_computed")]
        out[i] = Reason("; ".join(p for p in parts if p), lost, displaced, fits)
    return out


def notes(problem: Problem, x: np.ndarray, start: np.ndarray, reasons: dict[int, Reason],
          candidate_texts: dict[int, str] | None = None) -> list[str]:
    """A short note per funded need: commitment, moved start, platform, or
    built separately while its bastjänst was not chosen (and why)."""
    n = problem.n_needs
    served = problem.served(x)
    index = {key: k for k, key in enumerate(problem.ids)}
    dependents: dict[int, list[str]] = {}
    for a in range(n):
        for d in problem.deps.get(a, []):
            if d in index and served[a]:
                dependents.setdefault(index[d], []).append(problem.ids[a])
    out = []
    for i in range(n):
        parts: list[str] = []
        if not served[i]:
            out.append("")
            continue
        if i in problem.committed:
            parts.append(t("budget.note.committed", basis=problem.cost_basis.get(i, "")))
        if x[i] and not np.isnan(start[i]) and not np.isnan(problem.start[i]) \
                and int(start[i]) != int(problem.start[i]) and i not in problem.committed:
            parts.append(t("budget.note.moved", planned=int(problem.start[i]),
                           year=int(start[i])))
        if i in dependents:
            parts.append(t("budget.note.platform", ids=", ".join(dependents[i])))
        if x[i]:
            for c, group in problem.members.items():
                if i in group and not x[c]:
                    why = (candidate_texts or {}).get(c) or (
                        reasons[c].text if c in reasons else problem.blocked.get(c, ""))
                    parts.append(t("budget.note.separate", candidate=problem.ids[c], why=why))
        out.append("; ".join(parts))
    return out


__all__ = ["Reason", "Spend", "explain", "notes", "value_text"]
