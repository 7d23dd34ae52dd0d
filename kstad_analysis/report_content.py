"""Every table, chart and sentence of the budget-round report, from plans + scenario.

Why outside the notebook: the report notebook (``notebooks/90_rapport.ipynb``)
only calls these functions and displays their HTML, so tests check the
numbers a politician reads without starting a kernel, and the Excel file, the
HTML and ``siffror.json`` come from one :class:`ReportContent`.

Rules kept here:

* every user string (need titles from Excel, scenario names and notes) goes
  through :func:`esc` before it becomes HTML; charts are Altair specs turned
  into inline SVG by vl-convert with no base URL allowed, so the page holds
  no JavaScript and fetches nothing;
* finansiell nytta and omfördelningsnytta are never added up in a table or
  chart: they are shown side by side;
* reproducible: the same scenario and plans give the same numbers (SMAA uses
  a fixed seed, nothing depends on the clock except the colophon's date).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from kstad_analysis import __version__, paths
from kstad_analysis.analysis import charged_needs
from kstad_analysis.errors import ReportError
from kstad_analysis.escaping import esc
from kstad_analysis.formatting import format_value, kr, pct
from kstad_analysis.formatting import plain as _plain
from kstad_analysis.i18n import t
from kstad_analysis.scenario import Scenario, ScenarioError, now_utc

#: Weight samples in the robustness analysis; enough for P(top N) to about ±1 %.
DEFAULT_SAMPLES = 4_000
DEFAULT_SEED = 20_270_101
#: SMAA samples weights within ± this share of each chosen weight.
DEFAULT_SPREAD = 0.2
#: P(top N) between these bounds means "depends on the weights".
ROBUST_LOW, ROBUST_HIGH = 0.1, 0.9
CHART_WIDTH = 520
TOP_IN_CHART = 15
TITLE_IN_CHART = 48
#: Unfunded needs listed in the summary (the closest to being funded).
UNFUNDED_SHOWN = 15
#: Needs below this P(top N) are left out of the robustness table and chart.
ROBUST_SHOWN = 0.01
SAMPLES_MAX = 200_000
#: Weight draws for which the whole portfolio is solved again (fixed seed).
FUNDING_SAMPLES = 30
FUNDING_TIME_LIMIT = 5.0
#: A funded need funded in fewer draws than this, or an unfunded one in more
#: than FUNDING_LOW, "depends on the weights".
FUNDING_HIGH, FUNDING_LOW = 0.8, 0.2
BUDGET_TIME_LIMIT = 30.0
_VEGA_LOCALE = {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", " kr"]}

__all__ = [
    "DEFAULT_SAMPLES", "DEFAULT_SEED", "DEFAULT_SPREAD", "ReportContent", "ReportError",
    "Settings", "charged_needs", "compute", "esc", "prepare", "resolve",
]


# --------------------------------------------------------------------------- formatting


def _yes(flag: object) -> str:
    return t("report.yes") if bool(flag) else t("report.no")


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    """Everything a report is built from: scenario, plans and analysis settings.

    ``scenario_name``/``weights``/… record how the scenario was asked for, so
    the notebook kernel can resolve exactly the same scenario again.
    """

    scenario: Scenario
    plans: Any  # kstad_analysis.intake.Plans
    data_paths: tuple[str, ...]
    store_dir: str
    samples: int
    seed: int
    spread: float
    built: str
    from_store: bool
    saved_budget: float | None = None
    request: dict[str, Any] = field(default_factory=dict)

    def notebook_parameters(self, outputs_dir: str | Path = "") -> dict[str, Any]:
        """Papermill parameters for ``notebooks/90_rapport.ipynb`` (JSON-safe)."""
        req = self.request
        return {
            "scenario_name": req.get("scenario_name") or "",
            "weights_json": json.dumps(req.get("weights") or {}, sort_keys=True),
            "preset": req.get("preset") or "",
            "method": req.get("method") or "",
            "budget": -1.0 if req.get("budget") is None else float(req["budget"]),
            "data_paths_json": json.dumps(list(self.data_paths)),
            "store_dir": self.store_dir,
            "samples": int(self.samples), "seed": int(self.seed), "spread": float(self.spread),
            "built": self.built, "outputs_dir": str(outputs_dir),
        }


def _check_settings(samples: object, seed: object, spread: object) -> tuple[int, int, float]:
    def bad(name: str, detail: str) -> ReportError:
        return ReportError(t("report.err.params", name=name, detail=detail))

    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) or not (
        1 <= samples <= SAMPLES_MAX
    ):
        raise bad("samples", f"1–{SAMPLES_MAX}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise bad("seed", ">= 0")
    if not isinstance(spread, int | float) or not (0.0 <= float(spread) < 1.0):
        raise bad("spread", "0–0,99")
    return int(samples), int(seed), float(spread)


def _check_built(value: str) -> str:
    """The build time: ISO 8601 with a time zone (it is printed in the colophon)."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        raise ReportError(t("report.err.params", name="built", detail="ISO 8601 med tidszon"))
    return moment.isoformat(timespec="seconds")


def load_data(data_paths: Sequence[str | Path] | None = None):
    """Validated plans, or a :class:`ReportError` listing every error in Swedish."""
    from kstad_analysis.intake import read_plans

    inputs = [str(p) for p in (data_paths or [paths.raw_dir()])]
    plans = read_plans(inputs)
    if not plans.ok:
        lines = [t("report.err.data"), *(f"  {p}" for p in plans.errors[:50])]
        raise ReportError("\n".join(lines))
    if len(plans.needs) == 0:
        raise ReportError(t("report.err.no_needs"))
    return plans


def _load_scenario(name: str, store_dir: Path) -> Scenario:
    from kstad_analysis.analysis import load_scenario

    try:
        return load_scenario(name, store_dir)
    except ScenarioError as exc:
        raise ReportError(str(exc)) from None


def _check_weights(scenario: Scenario, *, both: bool) -> None:
    """Fail before any notebook runs when the weights or the preset are unusable."""
    from kstad_analysis import weights as weights_mod

    try:
        if both:
            raise weights_mod.WeightError(t("rank.weights.both"))
        if scenario.weights:
            weights_mod.normalise_weights(scenario.weights)
        elif scenario.preset:
            weights_mod.preset(scenario.preset)
    except weights_mod.WeightError as exc:
        raise ReportError(t("report.err.weights", detail=str(exc))) from None


def resolve(*, scenario_name: str | None = None, weights: Mapping[str, float] | None = None,
            preset: str | None = None, method: str | None = None, budget: float | None = None,
            data_paths: Sequence[str | Path] | None = None, store_dir: str | Path | None = None,
            samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
            spread: float = DEFAULT_SPREAD, built: str | None = None) -> Settings:
    """Read the plans and the scenario (saved, or made from weights and budget).

    Raises :class:`ReportError` for bad data, an unknown scenario, weights
    given beside a scenario, unusable weights or a missing budget.
    """
    samples, seed, spread = _check_settings(samples, seed, spread)
    built = _check_built(built or now_utc())
    plans = load_data(data_paths)
    store_path = Path(store_dir) if store_dir else paths.store_dir()
    saved_budget = None
    try:
        if scenario_name:
            if weights or preset:
                raise ReportError(t("analysis.err.scenario_and_weights"))
            scenario = _load_scenario(scenario_name, store_path)
            changes: dict[str, Any] = {}
            if method:
                changes["method"] = method
            if budget is not None:
                saved_budget, changes["budget"], changes["per_year"] = scenario.budget, budget, {}
            if changes:
                scenario = Scenario.from_dict({**scenario.to_dict(), **changes})
        else:
            scenario = Scenario(
                name=t("report.doc.adhoc_name"), created=built, data_fingerprint=plans.fingerprint,
                weights=dict(weights or {}), preset=preset or None, method=method or "wsum",
                budget=budget,
            )
    except ScenarioError as exc:
        raise ReportError(t("report.err.scenario_invalid", detail=str(exc))) from None
    if scenario.budget is None and not scenario.per_year:
        raise ReportError(t("report.err.no_budget", name=scenario.name))
    _check_weights(scenario, both=bool(weights and preset))
    request = {"scenario_name": scenario_name or "", "weights": dict(weights or {}),
               "preset": preset or "", "method": method or "", "budget": budget}
    return Settings(
        scenario=scenario, plans=plans, data_paths=tuple(str(p) for p in (data_paths or [])),
        store_dir=str(store_path), samples=samples, seed=seed, spread=spread, built=built,
        from_store=bool(scenario_name), saved_budget=saved_budget, request=request,
    )


# --------------------------------------------------------------------------- computation


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
    #: per need: share of re-optimised weight draws that fund it (``_funding_shares``)
    funding: pd.DataFrame = field(default_factory=pd.DataFrame)
    grouping_decisions: int = 0
    #: the chain the numbers came from, and its ranking result
    analysis: Any = None
    rank_result: Any = None

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


def _optimise(analysis: Any, ranking: Any, time_limit: float = BUDGET_TIME_LIMIT) -> Any:
    """The scenario's portfolio for one ranking (its scores are the value)."""
    try:
        return analysis.portfolio(ranking, time_limit=time_limit)
    except ValueError as exc:
        raise ReportError(str(exc)) from None


def _funding_shares(analysis: Any, ranking: Any, settings: Settings,
                    funded: Sequence[str]) -> pd.DataFrame:
    """Share of :data:`FUNDING_SAMPLES` weight draws in which each need is funded.

    Why re-optimise rather than read P(rank ≤ number funded) off SMAA: the
    budget picks a knapsack, not the top of the list, so only solving the
    portfolio again says whether a need's funding depends on the weights.
    The draws are uniform within ±spread of the chosen weights (as in SMAA)
    with the report's fixed seed, so the shares are reproducible. With
    value "npv" the weights do not enter the portfolio: shares are 1 or 0.
    """
    from kstad_analysis import sensitivity
    from kstad_analysis.analysis import funded_ids

    ids = [str(i) for i in settings.plans.needs["id"]]
    chosen_now = set(funded)
    base = np.array([1.0 if i in chosen_now else 0.0 for i in ids])
    scenario = settings.scenario
    if scenario.value != "score" or settings.spread == 0 or len(ids) == 0:
        return pd.DataFrame({"id": ids, "p_funded": base, "samples": 0})
    keys = analysis.ranker.keys
    w = np.array([ranking.weights[k] for k in keys])
    draws = sensitivity.sample_weights(
        FUNDING_SAMPLES, len(w), sensitivity.bounds_around(w, settings.spread),
        np.random.default_rng(settings.seed))
    counts = pd.Series(0, index=ids, dtype=float)
    for row in draws:
        drawn = analysis.ranking(dict(zip(keys, row, strict=True)), method=ranking.method)
        chosen = funded_ids(_optimise(analysis, drawn, time_limit=FUNDING_TIME_LIMIT))
        counts[counts.index.isin(chosen)] += 1
    return pd.DataFrame({"id": ids, "p_funded": (counts / len(draws)).to_numpy(),
                         "samples": len(draws)})


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
    return ReportContent(
        settings=settings, weights=choice.as_dict(), weights_source=choice.source,
        criteria=list(analysis.ranker.criteria), ranking=ranking.table, excluded=ranking.excluded,
        shared=analysis.shared, candidates=analysis.candidates, portfolio=result,
        funded_ids=funded, charged=gains.charged, economics=gains.economics, flows=gains.flows,
        by_department=gains.by_department, municipality=gains.municipality,
        robustness=_robustness(analysis, ranking, settings), params=gains.params,
        funding=_funding_shares(analysis, ranking, settings, funded),
        grouping_decisions=len(analysis.decisions), analysis=analysis, rank_result=ranking,
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


# --------------------------------------------------------------------------- charts


def svg(chart: alt.TopLevelMixin) -> str:
    """An Altair chart as inline SVG (vl-convert): no JavaScript, no fetches."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict(), format_locale=_VEGA_LOCALE, allowed_base_urls=[])


def _short(text: object, limit: int = TITLE_IN_CHART) -> str:
    value = str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _criterion_labels(content: ReportContent) -> dict[str, str]:
    return {c.key: c.label() for c in content.criteria}


def priority_chart(content: ReportContent, top: int = TOP_IN_CHART) -> alt.Chart:
    """Stacked bars: the top needs' scores split into criterion contributions."""
    head = content.ranking.head(top)
    labels = _criterion_labels(content)
    rows = []
    order = []
    for _, row in head.iterrows():
        name = f"{int(row['rank'])}. {_short(row['title'])}"
        order.append(name)
        for key, label in labels.items():
            rows.append({"behov": name, "kriterium": label, "bidrag": float(row[f"contrib_{key}"])})
    data = pd.DataFrame(rows, columns=["behov", "kriterium", "bidrag"])
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("bidrag:Q", title=t("report.col.score"), stack="zero"),
        y=alt.Y("behov:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("kriterium:N", title=t("report.col.criterion"),
                        sort=list(labels.values()), legend=alt.Legend(orient="bottom", columns=4)),
    ).properties(width=CHART_WIDTH - 200, height=max(80, 18 * len(order)))


def benefits_chart(content: ReportContent) -> alt.Chart:
    """Per year: IT cost, finansiell and omfördelning benefit as separate bars."""
    muni = content.municipality
    kinds = {
        "it_cost": t("report.col.it_cost"), "benefit_financial": t("report.col.financial"),
        "benefit_redistribution": t("report.col.redistribution"),
    }
    rows = [
        {"år": str(int(r["year"])), "slag": label, "mkr": float(r[key]) / 1e6}
        for _, r in muni.iterrows() for key, label in kinds.items()
    ]
    data = pd.DataFrame(rows, columns=["år", "slag", "mkr"])
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("år:N", title=t("report.col.year"), axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("slag:N", sort=list(kinds.values())),
        y=alt.Y("mkr:Q", title="Mkr", axis=alt.Axis(format=",.1f")),
        color=alt.Color("slag:N", title=None, sort=list(kinds.values()),
                        scale=alt.Scale(range=["#9e3a26", "#2f6f4f", "#7fb48f"]),
                        legend=alt.Legend(orient="bottom")),
    ).properties(width=CHART_WIDTH, height=220)


def robustness_chart(content: ReportContent, top: int = 2 * TOP_IN_CHART) -> alt.Chart:
    """P(top N) for the needs most often near the top, coloured by verdict."""
    table = robustness_frame(content)
    table = table[table["p_top"] >= ROBUST_SHOWN].head(top)
    data = pd.DataFrame({
        "behov": [f"{_short(r.title)} ({r.id})" for r in table.itertuples()],
        "andel": table["p_top"].astype(float).to_numpy(),
        "bedömning": table["verdict"].astype(str).to_numpy(),
    })
    verdicts = [t("report.robust.safe"), t("report.robust.depends"), t("report.robust.unlikely")]
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("andel:Q", title=t("report.robust.chart", n=content.top_n),
                scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        y=alt.Y("behov:N", sort=list(data["behov"]), title=None, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("bedömning:N", title=None, sort=verdicts,
                        scale=alt.Scale(domain=verdicts, range=["#2f6f4f", "#d08c2b", "#9a9a9a"]),
                        legend=alt.Legend(orient="bottom")),
    ).properties(width=CHART_WIDTH - 200, height=max(80, 16 * len(data)))


def bastjanst_chart(content: ReportContent) -> alt.Chart:
    """Saving per proposed base service."""
    cands = bastjanst_frame(content)
    data = pd.DataFrame({
        "bastjänst": [_short(v) for v in cands["label"]],
        "kr": cands["saving"].astype(float).to_numpy(),
    })
    return alt.Chart(data).mark_bar(color="#2f6f4f").encode(
        x=alt.X("kr:Q", title=t("report.col.saving", years=content.params.years),
                axis=alt.Axis(format="~s")),
        y=alt.Y("bastjänst:N", sort=list(data["bastjänst"]), title=None,
                axis=alt.Axis(labelLimit=320)),
    ).properties(width=CHART_WIDTH - 200, height=max(60, 20 * len(data)))


# --------------------------------------------------------------------------- frames


def _need_info(content: ReportContent) -> pd.DataFrame:
    """Id, förvaltning, title, the costs the portfolio pays (a bastjänst
    member's share of the shared build) and rank."""
    needs = content.charged
    info = pd.DataFrame({
        "id": needs["id"].astype(str).to_numpy(),
        "department": needs["department"].astype(str).to_numpy(),
        "title": needs["title"].astype(str).to_numpy(),
        "investment": needs["investment"].astype(float).to_numpy(),
        "running_cost": needs["running_cost"].astype(float).to_numpy(),
    })
    ranks = content.ranking[["id", "rank", "score"]].copy()
    ranks["id"] = ranks["id"].astype(str)
    return info.merge(ranks, on="id", how="left")


def portfolio_frame(content: ReportContent) -> pd.DataFrame:
    """One row per need: rank, cost, funded or not, and the optimiser's reason."""
    table = content.portfolio.table.copy()
    table["id"] = table["id"].astype(str)
    table["chosen"] = table["served"].astype(bool)  # built alone or by a chosen bastjänst
    out = _need_info(content).merge(table[["id", "chosen", "served_by", "reason"]], on="id",
                                    how="left")
    out["chosen"] = out["chosen"].fillna(False).astype(bool)
    out["served_by"] = out["served_by"].astype("string").fillna("")
    out["reason"] = out["reason"].astype("string").fillna("")
    unranked = dict(zip(content.excluded["id"].astype(str), content.excluded["reason"], strict=False))
    missing_reason = out["reason"].str.len() == 0
    for i in out.index[missing_reason & out["id"].isin(unranked)]:
        out.loc[i, "reason"] = t("report.reason.unranked", why=unranked[out.loc[i, "id"]])
    legal = dict(zip(table["id"], table["legal"].astype(bool), strict=False))
    funded_quietly = out["chosen"] & (out["reason"].str.len() == 0)
    out.loc[funded_quietly, "reason"] = [
        t("report.reason.legal") if legal.get(i) else t("report.reason.funded")
        for i in out.loc[funded_quietly, "id"]
    ]
    out["_rank"] = out["rank"].astype(float).fillna(np.inf)
    out = out.sort_values(["_rank", "id"], kind="mergesort").drop(columns="_rank")
    return out.reset_index(drop=True)


def robustness_frame(content: ReportContent) -> pd.DataFrame:
    """P(top N) per ranked need with a verdict, most robust first."""
    info = _need_info(content)[["id", "department", "title", "rank"]]
    out = content.robustness.merge(info, on="id", how="left")
    out["funded"] = out["id"].isin(content.funded_ids)
    p = out["p_top"].astype(float)
    out["verdict"] = np.select(
        [p >= ROBUST_HIGH, p > ROBUST_LOW],
        [t("report.robust.safe"), t("report.robust.depends")], t("report.robust.unlikely"),
    )
    out = out.sort_values(["p_top", "expected_rank", "id"], ascending=[False, True, True],
                          kind="mergesort")
    return out.reset_index(drop=True)


def bastjanst_frame(content: ReportContent) -> pd.DataFrame:
    """Proposed base services with a positive saving, largest saving first."""
    cands = content.candidates.copy()
    if len(cands) == 0:
        return cands
    cands = cands[cands["saving"].astype(float) > 0]
    return cands.sort_values(["saving", "label"], ascending=[False, True],
                             kind="mergesort").reset_index(drop=True)


def _join(value: object) -> str:
    if isinstance(value, tuple | list | np.ndarray):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


# --------------------------------------------------------------------------- people's tables


def weights_table(content: ReportContent) -> pd.DataFrame:
    rows = [{
        t("report.col.criterion"): c.label(), t("report.col.weight"): pct(content.weights[c.key]),
        t("report.col.direction"): t("report.col.benefit_dir" if c.direction > 0 else "report.col.cost_dir"),
    } for c in content.criteria]
    return pd.DataFrame(rows)


def funded_table(content: ReportContent) -> pd.DataFrame:
    frame = portfolio_frame(content)
    frame = frame[frame["chosen"]]
    return pd.DataFrame({
        t("report.col.rank"): frame["rank"].to_numpy(), t("col.id"): frame["id"].to_numpy(),
        t("col.department"): frame["department"].to_numpy(), t("col.title"): frame["title"].to_numpy(),
        t("report.col.cost"): frame["investment"].to_numpy(),
        t("report.col.running"): frame["running_cost"].to_numpy(),
        t("report.col.reason"): frame["reason"].to_numpy(),
    })


def unfunded_table(content: ReportContent) -> pd.DataFrame:
    frame = portfolio_frame(content)
    frame = frame[~frame["chosen"]]
    return pd.DataFrame({
        t("report.col.rank"): frame["rank"].to_numpy(), t("col.id"): frame["id"].to_numpy(),
        t("col.department"): frame["department"].to_numpy(), t("col.title"): frame["title"].to_numpy(),
        t("report.col.cost"): frame["investment"].to_numpy(),
        t("report.col.reason"): frame["reason"].to_numpy(),
    })


def reasons_table(content: ReportContent) -> pd.DataFrame:
    """How many needs are left out for each reason, most common first."""
    frame = portfolio_frame(content)
    ids = sorted(map(str, content.needs["id"]), key=len, reverse=True)
    named = re.compile("|".join(rf"(?<![\w-]){re.escape(i)}(?![\w-])" for i in ids)) if ids else None
    reasons = frame.loc[~frame["chosen"], "reason"].astype(str)
    if named is not None:  # "beror på ej valt behov BUF-003" and "… BUF-005" are one reason
        reasons = reasons.map(lambda r: re.sub(r"…(?:[ ,;]+…)+", "…", named.sub("…", r)))
    counts = reasons.value_counts(sort=False)
    out = pd.DataFrame({t("report.col.reason"): counts.index.astype(str),
                        t("col.needs"): counts.to_numpy()})
    return out.sort_values([t("col.needs"), t("report.col.reason")], ascending=[False, True],
                           kind="mergesort").reset_index(drop=True)


def priority_table(content: ReportContent) -> pd.DataFrame:
    frame = portfolio_frame(content)
    return pd.DataFrame({
        t("report.col.rank"): frame["rank"].to_numpy(), t("col.id"): frame["id"].to_numpy(),
        t("col.department"): frame["department"].to_numpy(), t("col.title"): frame["title"].to_numpy(),
        t("report.col.score"): frame["score"].to_numpy(),
        t("report.col.funded"): [_yes(v) for v in frame["chosen"]],
    })


def bastjanst_table(content: ReportContent, *, detail: bool = False) -> pd.DataFrame:
    """Proposed base services; ``detail`` lists förvaltningar and needs by name
    (the Excel sheet) instead of counting them (the printed page)."""
    cands = bastjanst_frame(content)
    if len(cands) == 0:
        return pd.DataFrame()
    count = (lambda v: _join(v)) if detail else (lambda v: len(v))
    chosen = set(content.portfolio.shared.loc[content.portfolio.shared["chosen"].astype(bool),
                                              "candidate_id"].astype(str))
    return pd.DataFrame({
        t("col.id"): cands["candidate_id"].astype(str).to_numpy(),
        t("report.col.label"): cands["label"].astype(str).to_numpy(),
        t("report.col.departments"): [count(v) for v in cands["departments"]],
        t("report.col.members"): [count(v) for v in cands["member_ids"]],
        t("report.col.separate"): cands["separate_investment"].astype(float).to_numpy(),
        t("report.col.shared"): cands["shared_investment"].astype(float).to_numpy(),
        t("report.col.saving_running"): cands["saving_running"].astype(float).to_numpy(),
        t("report.col.saving", years=content.params.years): cands["saving"].astype(float).to_numpy(),
        t("report.col.gaining"): [_gaining(row, detail) for row in cands.itertuples()],
        t("report.col.funded"): [_yes(str(c) in chosen) for c in cands["candidate_id"]],
    })


def _gaining(cand: Any, detail: bool) -> str:
    """The förvaltningar that gain; with ``detail`` each one's share of the saving
    (``bastjanst.candidates`` splits it in proportion to their separate costs)."""
    if not detail:
        return "; ".join(str(d) for d in cand.gaining_departments)
    return "; ".join(f"{d}: {kr(v)}" for d, v in cand.saving_by_department if v > 0)


_FLOW_LABELS = {
    "it_cost": "report.col.it_cost", "benefit_financial": "report.col.financial",
    "benefit_redistribution": "report.col.redistribution",
    "net_financial": "report.col.net_financial", "net": "report.col.net",
}


def benefits_department_table(content: ReportContent) -> pd.DataFrame:
    """Per förvaltning and year; rows with nothing happening are left out."""
    frame = content.by_department
    values = list(_FLOW_LABELS)
    active = frame[values].abs().sum(axis=1) > 0
    frame = frame[active]
    out = pd.DataFrame({t("col.department"): frame["department"].astype(str).to_numpy(),
                        t("report.col.year"): frame["year"].astype(int).astype(str).to_numpy()})
    for key, label in _FLOW_LABELS.items():
        out[t(label)] = frame[key].astype(float).to_numpy()
    return out


def benefits_pivot(content: ReportContent, value: str) -> pd.DataFrame:
    """One benefit type (or the IT cost) per förvaltning (rows) and year (columns), kr."""
    frame = content.by_department
    if frame.empty:
        return pd.DataFrame()
    table = frame.pivot_table(index="department", columns="year", values=value, aggfunc="sum",
                              fill_value=0.0, observed=True)
    table = table.loc[table.abs().sum(axis=1) > 0]
    table.columns = [str(int(c)) for c in table.columns]
    table.insert(0, t("col.department"), table.index.astype(str))
    return table.reset_index(drop=True)


def benefits_total_table(content: ReportContent) -> pd.DataFrame:
    frame = content.municipality
    out = pd.DataFrame({t("report.col.year"): frame["year"].astype(int).astype(str).to_numpy()})
    for key, label in _FLOW_LABELS.items():
        out[t(label)] = frame[key].astype(float).to_numpy()
    out[t("report.col.cumulative")] = frame["cumulative_net"].astype(float).to_numpy()
    return out


def robustness_table(content: ReportContent) -> pd.DataFrame:
    frame = robustness_frame(content)
    frame = frame[frame["p_top"] >= ROBUST_SHOWN]
    return pd.DataFrame({
        t("report.col.rank"): frame["rank"].to_numpy(), t("col.id"): frame["id"].to_numpy(),
        t("col.title"): frame["title"].to_numpy(),
        t("report.col.p_top", n=content.top_n): frame["p_top"].astype(float).to_numpy(),
        t("report.col.verdict"): frame["verdict"].to_numpy(),
        t("report.col.funded"): [_yes(v) for v in frame["funded"]],
    })


def assumptions_table(content: ReportContent) -> pd.DataFrame:
    p = content.params
    hourly = p.salary_default / p.hours_per_month * p.markup
    rows = [
        (t("report.assume.rate"), f"{p.rate * 100:g}\u00a0%".replace(".", ",")),
        (t("report.assume.years"), t("report.assume.years_value", years=p.years)),
        (t("report.assume.base_year"), str(p.base_year)),
        (t("report.assume.salary"), kr(p.salary_default)),
        (t("report.assume.hourly"), kr(round(hourly))),
        (t("report.assume.ramp"), ", ".join(pct(v) for v in p.ramp)),
        (t("report.assume.spread"),
         f"{format_value(p.low_factor, '.2')} / {format_value(p.high_factor, '.2')}"),
    ]
    return pd.DataFrame(rows, columns=[t("report.assume.parameter"), t("report.assume.value")])


def salaries_table(content: ReportContent) -> pd.DataFrame:
    p = content.params
    departments = sorted(set(content.needs["department"].astype(str)))
    salary = [float(p.salary_by_department.get(d, p.salary_default)) for d in departments]
    return pd.DataFrame({
        t("col.department"): departments, t("report.assume.monthly"): salary,
        t("report.assume.hourly_col"): [round(s / p.hours_per_month * p.markup) for s in salary],
    })


def colophon_table(content: ReportContent) -> pd.DataFrame:
    s, sc = content.settings, content.scenario
    rows = [
        (t("report.colophon.scenario"), sc.name),
        (t("report.colophon.author"), sc.author or "–"),
        (t("report.colophon.created"), sc.created if s.from_store else "–"),
        (t("report.colophon.fingerprint"), s.plans.fingerprint),
    ]
    if sc.data_fingerprint and sc.data_fingerprint != s.plans.fingerprint:
        rows.append((t("report.colophon.saved_fingerprint"), sc.data_fingerprint))
    rows += [
        (t("report.colophon.files"), ", ".join(Path(f).name for f in s.plans.files)),
        (t("report.colophon.smaa"), t("report.colophon.smaa_value", samples=s.samples, seed=s.seed)),
        (t("report.colophon.version"), __version__),
        (t("report.colophon.built"), s.built),
    ]
    return pd.DataFrame(rows, columns=[t("report.colophon.item"), t("report.assume.value")])


# --------------------------------------------------------------------------- HTML sections


#: Money columns are recognised by their unit, the last word of the label.
_MONEY_SUFFIXES = ("(kr)", "(SEK)")


def table_html(frame: pd.DataFrame, css_class: str = "kstad-table", *, thousands: bool = False) -> str:
    """An escaped HTML table with Swedish number formats by column.

    ``thousands``: every numeric column is an amount in kr, shown in tkr.

    Short columns (ids, ranks, amounts, shares, years) do not wrap, so an id
    like ``C-2`` never breaks at its hyphen in the PDF.
    """
    if frame.empty:
        return f'<p class="kstad-none">{esc(t("report.summary.none"))}</p>'
    formats = {str(c): "kr" for c in frame.columns if str(c).endswith(_MONEY_SUFFIXES)}
    formats[t("report.col.score")] = ".3"
    formats[t("report.col.rank")] = "int"
    p_top = t("report.col.p_top", n="#").split("#")[0]  # its prefix, whatever N is
    if thousands:
        frame = frame.copy()
        for column in frame.columns:
            if pd.api.types.is_numeric_dtype(frame[column]):
                frame[column] = (frame[column].astype(float) / 1000).round()
                formats[str(column)] = "int"
    nowrap = {t("col.id"), t("report.col.year"), *formats}
    for column in frame.columns:
        if str(column).startswith(p_top) or str(column) == t("report.col.p_funded"):
            formats[str(column)] = "pct"
            nowrap.add(str(column))
    columns = [str(c) for c in frame.columns]
    classes = [' class="kstad-nowrap"' if c in nowrap else "" for c in columns]
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)  # headers may wrap, values not
    body = []
    for values in frame.itertuples(index=False, name=None):
        cells = "".join(
            f"<td{cls}>{esc(format_value(v, formats.get(c)))}</td>"
            for v, c, cls in zip(values, columns, classes, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    return (f'<table class="{esc(css_class)}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def figure_html(chart: alt.TopLevelMixin, caption: str) -> str:
    return (f'<figure class="kstad-chart">{svg(chart)}'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


def _section(key: str, anchor: str, *parts: str) -> str:
    return (f'<section class="kstad-section" id="{anchor}"><h2>{esc(t(key))}</h2>'
            + "".join(parts) + "</section>")


def _p(text: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f"<p{cls}>{esc(text)}</p>"


def _h3(key: str, **values: object) -> str:
    return f"<h3>{esc(t(key, **values))}</h3>"


def header_html(content: ReportContent) -> str:
    sc = content.scenario
    parts = [
        f'<header class="kstad-header"><h1>{esc(t("report.doc.title"))}</h1>',
        f'<p class="kstad-subtitle">'
        f'{esc(t("report.doc.subtitle", name=sc.name, built=content.settings.built[:10]))}</p>',
    ]
    if sc.note:
        parts.append(f'<blockquote class="kstad-note"><strong>{esc(t("report.doc.note"))}:</strong> '
                     f"{esc(sc.note)}</blockquote>")
    return "".join(parts) + "</header>"


def _budget_total(content: ReportContent) -> float:
    sc = content.scenario
    return float(sc.budget) if sc.budget is not None else float(sum(sc.per_year.values()))


def summary_numbers(content: ReportContent) -> dict[str, Any]:
    """The figures the summary states, as plain numbers (also in siffror.json)."""
    frame = portfolio_frame(content)
    funded = frame[frame["chosen"]]
    econ = content.economics.copy()
    econ["id"] = econ["id"].astype(str)
    econ = econ[econ["id"].isin(content.funded_ids)]
    muni = content.municipality
    result = content.portfolio
    return {
        "budget": _budget_total(content),
        "per_year": {str(k): v for k, v in content.scenario.per_year.items()},
        "needs": int(len(frame)), "funded": int(len(funded)),
        "unfunded": int(len(frame) - len(funded)),
        "funded_cost": float(result.totals["cost"]),
        "bastjanster_chosen": int(result.totals.get("n_shared", 0)),
        "status": str(result.status), "value": content.scenario.value,
        "objective": _float(result.totals.get("value")),
        "naive": _float(result.totals.get("naive_value")), "gain": _float(result.totals.get("gain")),
        "benefit_financial_per_year": float(econ["benefit_financial"].fillna(0).sum()),
        "benefit_redistribution_per_year": float(econ["benefit_redistribution"].fillna(0).sum()),
        "npv": float(econ["npv"].fillna(0).sum()),
        "npv_financial": float(econ["npv_financial"].fillna(0).sum()),
        "economics_excluded": int((~econ["complete"].astype(bool)).sum()),
        "payback_year": muni.attrs.get("payback_year"),
        "payback_year_financial": muni.attrs.get("payback_year_financial"),
    }


def _float(value: object) -> float | None:
    value = _plain(value)
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _value_text(content: ReportContent, value: float | None) -> str:
    if value is None:
        return "–"
    if content.scenario.value == "npv":
        return kr(value)
    return format_value(value, ".3")


def status_text(status: str) -> str:
    """The solver status in words a politician reads (never a raw code like ``time_limit``)."""
    from kstad_analysis.texts.report import TEXTS

    key = f"report.status.{status}"
    return t(key) if key in TEXTS else t("report.status.unknown", status=status)


def summary_html(content: ReportContent) -> str:
    n = summary_numbers(content)
    budget = n["budget"]
    parts = [_p(t("report.summary.lead", budget=kr(budget), funded=n["funded"], total=n["needs"],
                  cost=kr(n["funded_cost"]), share=pct(n["funded_cost"] / budget if budget else 0),
                  unfunded=n["unfunded"]), "kstad-lead")]
    if content.scenario.per_year:
        years = "; ".join(f"{y}: {kr(v)}" for y, v in content.scenario.per_year.items())
        parts.append(_p(t("report.summary.per_year", years=years)))
    if content.settings.saved_budget is not None or (
        content.settings.from_store and content.settings.request.get("budget") is not None
    ):
        parts.append(_p(t("report.summary.budget_override", budget=kr(budget),
                          saved=kr(content.settings.saved_budget)), "kstad-warning"))
    parts.append(_p(t("report.summary.value", value=t(f"report.summary.value.{n['value']}"),
                      status=status_text(n["status"]))))
    result = content.portfolio
    if result.status == "infeasible" and result.explanation:
        parts.append(_p(result.explanation, "kstad-warning"))
    parts += [_p(w, "kstad-warning") for w in result.warnings]
    if n["naive"] is not None and n["objective"] is not None and n["gain"] is not None:
        parts.append(_p(t("report.summary.gain", naive=_value_text(content, n["naive"]),
                          optimal=_value_text(content, n["objective"]),
                          gain=_value_text(content, n["gain"]))))
    parts.append(_p(t("report.summary.benefit", financial=kr(n["benefit_financial_per_year"]),
                      redistribution=kr(n["benefit_redistribution_per_year"]), npv=kr(n["npv"]),
                      npv_financial=kr(n["npv_financial"]))))
    none = t("report.summary.no_payback")
    parts.append(_p(t("report.summary.payback", year=n["payback_year"] or none,
                      year_financial=n["payback_year_financial"] or none)))
    saved, current = content.scenario.data_fingerprint, content.settings.plans.fingerprint
    if saved and saved != current:
        parts.append(_p(t("report.summary.fingerprint_mismatch", saved=saved[:12], current=current[:12]),
                        "kstad-warning"))
    unfunded = unfunded_table(content)
    parts += [_h3("report.summary.funded"), table_html(funded_table(content)),
              _h3("report.summary.unfunded"), table_html(reasons_table(content))]
    if len(unfunded):
        shown = min(UNFUNDED_SHOWN, len(unfunded))
        parts += [_p(t("report.summary.closest", n=shown, total=len(unfunded))),
                  table_html(unfunded.head(shown))]
    return _section("report.summary.heading", "sammanfattning", *parts)


def priority_html(content: ReportContent) -> str:
    sc = content.scenario
    source = {
        "scenario": t("report.priority.source.scenario"),
        "preset": t("report.priority.source.preset", name=sc.preset or ""),
        "default": t("report.priority.source.default"),
    }[content.weights_source]
    top = min(TOP_IN_CHART, len(content.ranking))
    parts = [
        _p(t("report.priority.lead", method=t(f"report.priority.method.{sc.method}"), source=source, n=top)),
        _h3("report.priority.weights"), table_html(weights_table(content)),
    ]
    if top:
        parts.append(figure_html(priority_chart(content), t("report.priority.list")))
    if len(content.excluded):
        parts.append(_p(t("report.priority.unranked", n=len(content.excluded)), "kstad-warning"))
    parts += [_h3("report.priority.list"), table_html(priority_table(content))]
    return _section("report.priority.heading", "prioritering", *parts)


def shared_html(content: ReportContent) -> str:
    cands = bastjanst_frame(content)
    if len(cands) == 0:
        return _section("report.shared.heading", "bastjanster", _p(t("report.shared.none")))
    chosen = content.portfolio.shared
    chosen = chosen[chosen["chosen"].astype(bool)]
    parts = [
        _p(t("report.shared.lead", groups=len(cands), years=content.params.years,
             saving=kr(cands["saving"].astype(float).sum()),
             investment=kr(cands["saving_investment"].astype(float).sum()))),
        _p(t("report.shared.chosen", n=len(chosen), labels="; ".join(
            f"{v.label} ({v.candidate_id})" for v in chosen.itertuples()) or "–"), "kstad-lead"),
        _p(t("report.shared.split")),
        figure_html(bastjanst_chart(content), t("report.shared.chart", years=content.params.years)),
        table_html(bastjanst_table(content)),
    ]
    incomplete = int(content.candidates["incomplete"].astype(bool).sum()) if len(content.candidates) else 0
    if incomplete:
        parts.append(_p(t("report.shared.incomplete", n=incomplete), "kstad-warning"))
    return _section("report.shared.heading", "bastjanster", *parts)


def benefits_html(content: ReportContent) -> str:
    parts = [_p(t("report.benefits.lead"))]
    excluded = summary_numbers(content)["economics_excluded"]
    if excluded:
        parts.append(_p(t("report.benefits.excluded", n=excluded), "kstad-warning"))
    if len(content.municipality):
        parts.append(figure_html(benefits_chart(content), t("report.benefits.chart")))
    parts += [_h3("report.benefits.total"), table_html(benefits_total_table(content))]
    for key, label in (("benefit_financial", "report.col.financial"),
                       ("benefit_redistribution", "report.col.redistribution"),
                       ("it_cost", "report.col.it_cost")):
        parts += [_h3("report.benefits.pivot", kind=t(label).replace(" (kr)", "")),
                  table_html(benefits_pivot(content, key), thousands=True)]
    return _section("report.benefits.heading", "effekthemtagning", *parts)


def robustness_counts(content: ReportContent) -> dict[str, int]:
    frame = robustness_frame(content)
    depends = frame["verdict"] == t("report.robust.depends")
    return {
        "safe": int((frame["verdict"] == t("report.robust.safe")).sum()),
        "depends": int(depends.sum()),
        "funded_depends": int((depends & frame["funded"]).sum()),
    }


def funding_frame(content: ReportContent) -> pd.DataFrame:
    """Per need: funded now, share of re-optimised weight draws that fund it,
    and whether funding depends on the weights (funded < FUNDING_HIGH or
    unfunded > FUNDING_LOW)."""
    info = _need_info(content)[["id", "department", "title", "rank"]]
    out = info.merge(content.funding[["id", "p_funded"]], on="id", how="left")
    out["funded"] = out["id"].isin(content.funded_ids)
    p = out["p_funded"].astype(float)
    out["depends"] = (out["funded"] & (p < FUNDING_HIGH)) | (~out["funded"] & (p > FUNDING_LOW))
    return out


def funding_table(content: ReportContent) -> pd.DataFrame:
    """The needs whose funding depends on the weights, funded ones first."""
    frame = funding_frame(content)
    frame = frame[frame["depends"]].copy()
    frame["_rank"] = frame["rank"].astype(float).fillna(np.inf)
    frame = frame.sort_values(["funded", "p_funded", "_rank", "id"],
                              ascending=[False, True, True, True], kind="mergesort")
    return pd.DataFrame({
        t("report.col.rank"): frame["rank"].to_numpy(), t("col.id"): frame["id"].to_numpy(),
        t("col.department"): frame["department"].to_numpy(), t("col.title"): frame["title"].to_numpy(),
        t("report.col.funded"): [_yes(v) for v in frame["funded"]],
        t("report.col.p_funded"): frame["p_funded"].astype(float).to_numpy(),
    })


def _funding_html(content: ReportContent) -> list[str]:
    s = content.settings
    frame = funding_frame(content)
    if s.scenario.value != "score":
        return [_h3("report.robust.funding"), _p(t("report.robust.funding_npv"))]
    if s.spread == 0:
        return [_h3("report.robust.funding"), _p(t("report.robust.funding_nospread"))]
    depends = frame["depends"]
    return [
        _h3("report.robust.funding"),
        _p(t("report.robust.funding_lead", samples=FUNDING_SAMPLES, spread=pct(s.spread),
             seed=s.seed, high=pct(FUNDING_HIGH), low=pct(FUNDING_LOW))),
        _p(t("report.robust.funding_summary", funded=int((depends & frame["funded"]).sum()),
             unfunded=int((depends & ~frame["funded"]).sum())), "kstad-lead"),
        table_html(funding_table(content)),
    ]


def robustness_html(content: ReportContent) -> str:
    s = content.settings
    parts = [
        *_funding_html(content),
        _h3("report.robust.top"),
        _p(t("report.robust.lead", samples=s.samples, spread=pct(s.spread), seed=s.seed,
             n=content.top_n, lo=pct(ROBUST_LOW), hi=pct(ROBUST_HIGH))),
        _p(t("report.robust.summary", **robustness_counts(content)), "kstad-lead"),
    ]
    if len(content.robustness):
        parts.append(figure_html(robustness_chart(content), t("report.robust.chart", n=content.top_n)))
    parts.append(table_html(robustness_table(content)))
    return _section("report.robust.heading", "robusthet", *parts)


def assumptions_html(content: ReportContent) -> str:
    p = content.params
    parts = [
        _p(t("report.assume.lead")),
        _p(t("report.assume.formula", hours=format_value(p.hours_per_month, "int"),
             markup=format_value(p.markup, ".2"))),
        _p(t("report.assume.time_formula")),
        table_html(assumptions_table(content)),
        _h3("report.assume.salaries"), table_html(salaries_table(content)),
        _p(t("report.assume.missing")),
    ]
    return _section("report.assume.heading", "antaganden", *parts)


def colophon_html(content: ReportContent) -> str:
    return _section("report.colophon.heading", "kolofon", table_html(colophon_table(content)),
                    _p(t("report.colophon.reproduce")))


def sections(content: ReportContent) -> list[str]:
    """The whole report body, section by section (what the notebook displays)."""
    return [header_html(content), summary_html(content), priority_html(content),
            shared_html(content), benefits_html(content), robustness_html(content),
            assumptions_html(content), colophon_html(content)]


def page_css() -> str:
    """The report's stylesheet (A4 print rules included); fetches nothing."""
    return _CSS


_CSS = """
@page { size: A4; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1d1d1d;
       font-size: 10.5pt; line-height: 1.45; margin: 0;
       font-variant-ligatures: none; /* "fi" stays two letters: PDF text stays searchable */ }
main.kstad-report { max-width: 820px; margin: 0 auto; padding: 24px; }
h1 { font-size: 20pt; margin: 0 0 4px; color: #123c2e; }
h2 { font-size: 14.5pt; color: #123c2e; border-bottom: 2px solid #2f6f4f; padding-bottom: 3px;
     margin-top: 28px; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 18px 0 6px; break-after: avoid; }
.kstad-subtitle { color: #555; margin-top: 0; }
.kstad-lead { font-size: 11.5pt; }
.kstad-warning { background: #fff4df; border-left: 4px solid #d08c2b; padding: 6px 10px; }
.kstad-note { border-left: 4px solid #2f6f4f; margin: 10px 0; padding: 4px 12px; background: #f1f6f3; }
table.kstad-table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 6px 0 14px; }
table.kstad-table th { background: #e5efe9; text-align: left; padding: 3px 5px; }
table.kstad-table td { border-bottom: 1px solid #ddd; padding: 2px 5px; vertical-align: top;
                      overflow-wrap: break-word; }
table.kstad-table td.kstad-nowrap { overflow-wrap: normal; }
table.kstad-table tr { break-inside: avoid; }
figure.kstad-chart { margin: 8px 0 16px; break-inside: avoid; }
figure.kstad-chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #555; }
.kstad-section { break-before: auto; }
.kstad-nowrap { white-space: nowrap; }
.output_area, .output_subarea, .output_html, .cell, .output, .output_wrapper { margin: 0; padding: 0; }
@media print { main.kstad-report { max-width: none; padding: 0; } h2 { break-before: auto; } }
"""


# --------------------------------------------------------------------------- outputs


def numbers(content: ReportContent) -> dict[str, Any]:
    """The report's key numbers as JSON-safe data (``siffror.json``).

    Everything except ``built`` depends only on the scenario and the plans,
    which is what the reproducibility test compares.
    """
    rob = robustness_frame(content)
    cands = bastjanst_frame(content)
    return json.loads(json.dumps({
        "scenario": content.scenario.name, "method": content.scenario.method,
        "weights": {k: round(v, 12) for k, v in content.weights.items()},
        "data_fingerprint": content.settings.plans.fingerprint,
        "kstad_version": __version__, "built": content.settings.built,
        "summary": summary_numbers(content),
        "funded_ids": sorted(content.funded_ids),
        "ranking": [str(i) for i in content.ranking["id"]],
        "scores": {str(i): round(float(v), 12)
                   for i, v in zip(content.ranking["id"], content.ranking["score"], strict=True)},
        "threshold": content.analysis.threshold if content.analysis is not None else None,
        "unranked": sorted(str(i) for i in content.excluded["id"]),
        "bastjanst": {
            "count": int(len(cands)),
            "saving": float(cands["saving"].astype(float).sum()) if len(cands) else 0.0,
        },
        "robustness": {
            "samples": content.settings.samples, "seed": content.settings.seed,
            "top_n": content.top_n, **robustness_counts(content),
            "p_top": {str(r.id): round(float(r.p_top), 9) for r in rob.itertuples()},
            "funding_samples": int(content.funding["samples"].max()) if len(content.funding) else 0,
            "p_funded": {str(r.id): round(float(r.p_funded), 9)
                         for r in content.funding.itertuples()},
            "funding_depends": sorted(str(i) for i in funding_frame(content).query("depends")["id"]),
        },
    }, default=_plain))


def excel_sheets(content: ReportContent) -> dict[str, pd.DataFrame]:
    """The workbook: ranking, portfolio, shared needs, benefits per förvaltning…

    Text columns are neutralised by :func:`kstad_analysis.export.write_excel`.
    """
    ranking = content.ranking.drop(columns=[c for c in ("imputed",) if c in content.ranking])
    ranking = ranking.rename(columns={"rank": t("report.col.rank"), "score": t("report.col.score"),
                                      "id": t("col.id"), "department": t("col.department"),
                                      "title": t("col.title")})
    portfolio = portfolio_frame(content).rename(columns={
        "id": t("col.id"), "department": t("col.department"), "title": t("col.title"),
        "investment": t("report.col.cost"), "running_cost": t("report.col.running"),
        "rank": t("report.col.rank"), "score": t("report.col.score"),
        "chosen": t("report.col.funded"), "reason": t("report.col.reason"),
    })
    return {
        t("report.sheet.ranking"): ranking,
        t("report.sheet.portfolio"): portfolio,
        t("report.sheet.shared"): _shared_groups_frame(content),
        t("report.sheet.bastjanst"): bastjanst_table(content, detail=True),
        t("report.sheet.benefits"): benefits_department_table(content),
        t("report.sheet.robust"): robustness_table(content),
        t("report.sheet.funding"): funding_table(content),
        t("report.sheet.weights"): weights_table(content),
        t("report.sheet.about"): colophon_table(content),
    }


def _shared_groups_frame(content: ReportContent) -> pd.DataFrame:
    summary = getattr(content.shared, "summary", None)
    if not isinstance(summary, pd.DataFrame):
        return pd.DataFrame()
    out = summary.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, tuple | list)).any():
            out[column] = out[column].map(_join)
    return out


def save_outputs(content: ReportContent, outputs_dir: str | Path) -> dict[str, Path]:
    """Write ``rapport.xlsx`` (neutralised) and ``siffror.json`` into ``outputs_dir``."""
    from kstad_analysis.export import write_excel

    if not outputs_dir:
        return {}
    out = Path(outputs_dir)
    out.mkdir(parents=True, exist_ok=True)
    xlsx = write_excel(excel_sheets(content), out / "rapport.xlsx")
    numbers_path = out / "siffror.json"
    numbers_path.write_text(json.dumps(numbers(content), ensure_ascii=False, indent=2, sort_keys=True),
                            encoding="utf-8")
    return {"xlsx": xlsx, "numbers": numbers_path}
