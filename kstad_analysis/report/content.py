"""The report's numbers: one run of the analysis chain for a :class:`Settings`.

Why one object: the Excel file, the HTML and ``siffror.json`` all come from
one :class:`ReportContent`, computed by the same
:class:`~kstad_analysis.analysis.Analysis` the apps and the CLI use, so the
report cannot drift from them. Reproducible: the same scenario and plans
give the same numbers (SMAA uses a fixed seed; the robust core draws nothing).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from kstad_analysis.errors import ReportError
from kstad_analysis.i18n import t
from kstad_analysis.report.settings import DEFAULT_SAMPLES, DEFAULT_SEED, DEFAULT_SPREAD, Settings, resolve
from kstad_analysis.scenario import Scenario

#: Safety nets in seconds: the solves stop on their node limit (budget.toml
#: [losare] noder), so the same report comes out on a busy or a quiet machine.
LEVEL_TIME_LIMIT = 60.0
BUDGET_TIME_LIMIT = 60.0
#: Budget levels (shares of the proposal's budget) at which the portfolio is
#: solved again, to say at which level the choice changes.
BUDGET_LEVELS = (0.8, 0.9, 1.1, 1.2)


@dataclass
class ReportContent:
    """All computed parts of one report (see the module docstring)."""

    settings: Settings
    weights: dict[str, float]
    weights_source: str
    criteria: list[Any]
    ranking: pd.DataFrame
    excluded: pd.DataFrame
    shared: Any
    candidates: pd.DataFrame
    portfolio: Any
    funded_ids: list[str]
    #: the needs with the costs the portfolio pays (bastjänst shares, see charged_needs)
    charged: pd.DataFrame
    economics: pd.DataFrame
    flows: pd.DataFrame
    by_department: pd.DataFrame
    municipality: pd.DataFrame
    robustness: pd.DataFrame
    params: Any
    #: per need: its core index, the share of the non-dominated portfolios
    #: that fund it (``_funding_shares``; 1 = kärna, 0 = utanför)
    funding: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: the portfolio per calendar year and its one NPV to the base year
    #: (``Analysis.benefits`` → ``benefits.portfolio_flows``/``portfolio_summary``)
    portfolio_flows: pd.DataFrame = field(default_factory=pd.DataFrame)
    summary: dict[str, Any] = field(default_factory=dict)
    #: per budget level (share of the budget): the needs funded then (``_budget_levels``)
    budget_levels: list[dict[str, Any]] = field(default_factory=list)
    grouping_decisions: int = 0
    #: the chain the numbers came from, and its ranking result
    analysis: Any = None
    rank_result: Any = None
    #: the robust core (kärna/gränsfall/utanför under the weight intervals,
    #: ``Analysis.core``); None for NPV values or without weight uncertainty
    core: Any = None

    @property
    def scenario(self) -> Scenario:
        return self.settings.scenario

    @property
    def needs(self) -> pd.DataFrame:
        return self.settings.plans.needs

    @property
    def top_n(self) -> int:
        return min(int(self.scenario.top_n), max(1, len(self.ranking)))


def _robustness(analysis: Any, ranking: Any, settings: Settings) -> pd.DataFrame:
    if len(analysis.ranker) == 0:
        return pd.DataFrame(columns=["id", "p_top", "expected_rank"])
    result = analysis.robustness(ranking, settings.samples, settings.spread, settings.seed)
    frame = result.frame()[["id", "p_top", "expected_rank"]]
    frame["id"] = frame["id"].astype(str)
    return frame


def _optimise(analysis: Any, ranking: Any, time_limit: float = BUDGET_TIME_LIMIT,
              reasons: bool = True) -> Any:
    """The scenario's portfolio for one ranking's weights (reasons only for
    the portfolio the report shows, not for the weight draws)."""
    try:
        return analysis.portfolio(ranking, time_limit=time_limit, reasons=reasons)
    except ValueError as exc:
        raise ReportError(str(exc)) from None


def _funding_shares(result: Any, core: Any, settings: Settings,
                    funded: Sequence[str]) -> pd.DataFrame:
    """Per need: its core index, the share of the non-dominated portfolios
    (those :meth:`~kstad_analysis.analysis.Analysis.core` found, plus the
    recommendation) that fund it; ``samples`` is how many portfolios that is.

    Why the robust core and not re-optimised random weight draws (issue 13):
    the core states what holds for *every* admissible weight, not for 30
    samples of them, and costs one run instead of 30 portfolio solves.
    The share is 1 exactly for a *kärna* need and 0 exactly for an
    *utanför* one, so it never contradicts the classification. Without a
    core (value NPV, ±0 % weights, an infeasible problem) the shares are
    the portfolio itself (1 or 0) and ``samples`` is 0.
    """
    ids = [str(i) for i in settings.plans.needs["id"]]
    chosen_now = set(funded)
    base = np.array([1.0 if i in chosen_now else 0.0 for i in ids])
    problem = getattr(result, "_problem", None)
    if core is None or problem is None or len(ids) == 0:
        return pd.DataFrame({"id": ids, "p_funded": base, "samples": 0})
    n, m = problem.n_needs, len(problem.ids)
    # as Analysis.core counts them: a need served by a chosen bastjänst is in the portfolio
    served = [problem.served(np.isin(np.arange(m), np.asarray(p, dtype=int)))
              for p in core.core.portfolios]
    served.append(result.table.set_index("id")["served"].reindex(problem.ids[:n])
                  .fillna(False).to_numpy(dtype=bool))
    share = pd.Series(np.mean(served, axis=0), index=[str(i) for i in problem.ids[:n]])
    return pd.DataFrame({"id": ids, "p_funded": share.reindex(ids).fillna(0.0).to_numpy(),
                         "samples": len(served)})


def _budget_levels(analysis: Any, ranking: Any, settings: Settings,
                   funded: Sequence[str]) -> list[dict[str, Any]]:
    """The portfolio solved again at :data:`BUDGET_LEVELS` of the budget (the
    scenario's rules, per-year split scaled alike): which needs enter or leave.

    Why: a politician asks "what if we give 10 % less?"; the answer is the
    same optimisation at that budget, not a cut from the bottom of the list.
    """
    from kstad_analysis.analysis import funded_ids

    scenario = settings.scenario
    total = float(scenario.budget) if scenario.budget is not None else float(
        sum(scenario.per_year.values()))
    now = set(funded)
    levels = []
    for share in BUDGET_LEVELS:
        per_year = {y: float(v) * share for y, v in scenario.per_year.items()}
        try:
            result = analysis.portfolio(ranking, budget=total * share, per_year=per_year,
                                        time_limit=LEVEL_TIME_LIMIT, reasons=False)
        except ValueError:  # e.g. lagkrav that no longer fit: say so, do not stop
            levels.append({"share": share, "budget": total * share, "feasible": False,
                           "funded": [], "added": [], "removed": [], "cost": None})
            continue
        chosen = set(funded_ids(result))
        levels.append({
            "share": share, "budget": total * share, "feasible": result.status != "infeasible",
            "funded": sorted(chosen), "added": sorted(chosen - now), "removed": sorted(now - chosen),
            "cost": float(result.totals["cost"]),
        })
    return levels


def compute(settings: Settings) -> ReportContent:
    """Run the analysis chain once for the report (:class:`~kstad_analysis.analysis.Analysis`):
    shared needs, ranking, portfolio, benefits and SMAA. Deterministic for fixed settings."""
    from kstad_analysis.analysis import Analysis
    from kstad_analysis.weights import WeightError

    scenario = settings.scenario
    analysis = Analysis.build(settings.plans, scenario, settings.store_dir)
    try:
        choice = analysis.weights()
        ranking = analysis.ranking()
    except WeightError as exc:
        raise ReportError(t("report.err.weights", detail=str(exc))) from None
    result = _optimise(analysis, ranking)
    gains = analysis.benefits(result)
    funded = list(gains.funded_ids)
    core = analysis.core(result, ranking, spread=settings.spread) if settings.spread > 0 else None
    return ReportContent(
        settings=settings, weights=choice.as_dict(), weights_source=choice.source,
        criteria=list(analysis.ranker.criteria), ranking=ranking.table, excluded=ranking.excluded,
        shared=analysis.shared, candidates=analysis.candidates, portfolio=result,
        funded_ids=funded, charged=gains.charged, economics=gains.economics, flows=gains.flows,
        by_department=gains.by_department, municipality=gains.municipality,
        robustness=_robustness(analysis, ranking, settings), params=gains.params,
        funding=_funding_shares(result, core, settings, funded),
        grouping_decisions=len(analysis.decisions), analysis=analysis, rank_result=ranking,
        core=core,
        portfolio_flows=gains.portfolio_flows, summary=dict(gains.summary or {}),
        budget_levels=_budget_levels(analysis, ranking, settings, funded),
    )


def prepare(*, scenario_name: str = "", weights_json: str = "{}", preset: str = "",
            method: str = "", budget: float = -1.0, data_paths_json: str = "[]",
            store_dir: str = "", samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
            spread: float = DEFAULT_SPREAD, built: str = "") -> ReportContent:
    """The notebook's entry point: papermill parameters in, content out.

    Parameters are the JSON-safe forms of :func:`resolve`'s (``budget < 0``
    means none given), so an analyst can also re-run the notebook by hand.
    """
    try:
        weights = json.loads(weights_json or "{}")
        data_paths = json.loads(data_paths_json or "[]")
    except ValueError as exc:
        raise ReportError(t("report.err.params", name="json", detail=str(exc))) from None
    if not isinstance(weights, dict) or not isinstance(data_paths, list):
        raise ReportError(t("report.err.params", name="json", detail="dict/list"))
    settings = resolve(
        scenario_name=scenario_name or None, weights=weights or None, preset=preset or None,
        method=method or None, budget=None if budget is None or budget < 0 else float(budget),
        data_paths=data_paths or None, store_dir=store_dir or None, samples=int(samples),
        seed=int(seed), spread=float(spread), built=built or None,
    )
    return compute(settings)
