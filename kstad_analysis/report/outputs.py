"""The report's files besides the page: ``siffror.json`` and ``rapport.xlsx``.

Why from the same content: the key numbers and the workbook are built from
the :class:`ReportContent` the page shows, so they cannot disagree with it.
Everything in ``siffror.json`` except ``built`` depends only on the scenario
and the plans (the reproducibility test compares it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from kstad_analysis import __version__
from kstad_analysis.formatting import plain as _plain
from kstad_analysis.i18n import t
from kstad_analysis.report.content import ReportContent
from kstad_analysis.report.html import settings_text
from kstad_analysis.report.tables import (
    bastjanst_frame,
    bastjanst_table,
    colophon_table,
    core_counts,
    core_frame,
    core_portfolios,
    funding_frame,
    join_values,
    portfolio_frame,
    robustness_counts,
    robustness_frame,
    robustness_table,
    summary_numbers,
)

#: File names in the output folder (the notebook writes these two; build.py the rest).
XLSX_NAME, NUMBERS_NAME = "rapport.xlsx", "siffror.json"



def numbers(content: ReportContent) -> dict[str, Any]:
    """The report's key numbers as JSON-safe data (``siffror.json``).

    Everything except ``built`` depends only on the scenario and the plans,
    which is what the reproducibility test compares. ``flows`` are the
    portfolio's yearly flows (``benefits.portfolio_flows``) and
    ``summary.npv`` is exactly them discounted to ``summary.base_year`` at
    ``summary.rate``; ``decision`` holds page 1's figures.
    ``robustness.p_funded`` is each need's core index (the share of the
    ``robustness.funding_samples`` non-dominated portfolios of the robust
    core, the proposal included, that fund it: 1 = kärna, 0 = utanför);
    until issue 13 it was the share of 30 re-optimised weight draws. Without
    a core (value NPV, ±0 %) it is 1 or 0 and ``funding_samples`` is 0.
    """
    from kstad_analysis.benefits import PORTFOLIO_FLOW_COLUMNS
    from kstad_analysis.export import frame_records
    from kstad_analysis.report import economics

    rob = robustness_frame(content)
    cands = bastjanst_frame(content)
    core = core_frame(content)
    return json.loads(json.dumps({
        "scenario": content.scenario.name, "method": content.scenario.method,
        "weights": {k: round(v, 12) for k, v in content.weights.items()},
        "data_fingerprint": content.settings.plans.fingerprint,
        "kstad_version": __version__, "built": content.settings.built,
        "summary": summary_numbers(content),
        "flows": frame_records(content.portfolio_flows[list(PORTFOLIO_FLOW_COLUMNS)]),
        "decision": economics.decision_numbers(content),
        "cost_by_department": frame_records(economics.cost_by_department(content)),
        "effect_by_department": frame_records(economics.effect_by_department(content)),
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
            "funding_samples": core_portfolios(content),
            "p_funded": {str(r.id): round(float(r.p_funded), 9)
                         for r in content.funding.itertuples()},
            "funding_depends": sorted(str(i) for i in funding_frame(content).query("depends")["id"]),
            "core": {str(i): str(c) for i, c in zip(core["id"], core["core"], strict=True)},
            "core_counts": core_counts(content),
            "budget_levels": content.budget_levels,
        },
    }, default=_plain))


def yes_no(frame: pd.DataFrame) -> pd.DataFrame:
    """Boolean columns as ja/nej (what a Swedish reader filters on)."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column]):
            out[column] = [t("report.yes") if v else t("report.no") for v in out[column]]
    return out


#: Excel number formats by column label: amounts stay numbers a reader can sum.
_PCT_LABELS = ("report.col.p_funded", "report.col.share", "report.col.weight_share",
               "report.col.level_share")


def excel_formats(sheets: dict[str, pd.DataFrame]) -> dict[str, dict[str, str]]:
    """Per sheet and column an Excel number format: kr ``#,##0``, shares
    ``0%``, years ``0``, årsarbetare and hours ``#,##0.0``, scores ``0.000``."""
    pct_labels = {t(k) for k in _PCT_LABELS}
    p_top = t("report.col.p_top", n="#").split("#")[0]
    years = {t("report.col.year"), t("report.col.start_year"), t("report.col.payback"),
             t("report.col.payback_financial")}
    out: dict[str, dict[str, str]] = {}
    for name, frame in sheets.items():
        formats = {}
        for column in map(str, frame.columns):
            if not pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(
                    frame[column]):
                continue
            if column.endswith("(kr)"):
                formats[column] = "#,##0"
            elif column in pct_labels or column.startswith(p_top):
                formats[column] = "0%"
            elif column in years or column == t("report.col.rank"):
                formats[column] = "0"
            elif pd.api.types.is_integer_dtype(frame[column]):
                formats[column] = "#,##0"
            elif column in (t("report.col.score"),) or column.startswith(t("report.xl.contrib", c="")):
                formats[column] = "0.000"
            else:
                formats[column] = "#,##0.0"
        out[name] = formats
    return out


def excel_sheets(content: ReportContent) -> dict[str, pd.DataFrame]:
    """The workbook, one sheet per section of the document (Swedish headers,
    numbers as numbers, ja/nej). Text columns are neutralised by
    :func:`kstad_analysis.export.write_excel`."""
    from kstad_analysis.report import document, economics

    q = document.quality_tables(content)
    sheets = {
        t("report.sheet.decision"): document.decision_year_table(content),
        t("report.sheet.decision_departments"): document.decision_department_table(content),
        t("report.sheet.costs"): _costs_sheet(content),
        t("report.sheet.effect"): _effect_sheet(content),
        t("report.sheet.municipality"): _municipality_sheet(content),
        t("report.sheet.need_economics"): need_economics_sheet(content),
        t("report.sheet.tracking"): document.tracking_table(content),
        t("report.sheet.bastjanst"): bastjanst_table(content, detail=True),
        t("report.sheet.shared"): _shared_groups_frame(content),
        t("report.sheet.robust"): _core_sheet(content),
        t("report.sheet.levels"): _levels_sheet(content),
        t("report.sheet.quality"): _quality_sheet(content, q),
        t("report.sheet.warnings"): q["warnings"],
        t("report.sheet.unranked"): q["unranked"],
        t("report.sheet.ranking"): _ranking_sheet(content),
        t("report.sheet.portfolio"): _portfolio_sheet(content),
        t("report.sheet.stability"): robustness_table(content),
        t("report.sheet.weights"): _weights_sheet(content),
        t("report.sheet.about"): _about_sheet(content, economics.hours_per_fte()),
    }
    return {name: yes_no(frame) for name, frame in sheets.items()}


def _quality_sheet(content: ReportContent, q: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Gaps in the calculation and assumed values, one row each."""
    issue = t("report.col.issue")
    gaps = q["gaps"].rename(columns={t("report.col.gap"): issue})
    gaps[t("report.col.funded")] = gaps[t("col.id")].isin(content.funded_ids).map(
        {True: t("report.yes"), False: t("report.no")})
    assumed = q["assumed"].rename(columns={t("report.col.assumed"): issue})
    frames = [f for f in (gaps, assumed) if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else assumed


def _costs_sheet(content: ReportContent) -> pd.DataFrame:
    from kstad_analysis.report import economics

    frame = economics.cost_by_department(content)
    return pd.DataFrame({
        t("col.department"): frame["department"], t("report.col.bearer"): frame["cost_bearer"],
        t("report.col.year"): frame["year"].astype(int), t("report.col.cost"): frame["investment"],
        t("report.col.running_added"): frame["running_cost"],
    })


def _effect_sheet(content: ReportContent) -> pd.DataFrame:
    from kstad_analysis.report import economics

    frame = economics.effect_by_department(content)
    return pd.DataFrame({
        t("col.department"): frame["department"], t("report.col.year"): frame["year"].astype(int),
        t("report.col.financial"): frame["benefit_financial"],
        t("report.col.redistribution"): frame["benefit_redistribution"],
        t("report.col.hours"): frame["hours"], t("report.col.fte"): frame["fte"],
    })


def _municipality_sheet(content: ReportContent) -> pd.DataFrame:
    from kstad_analysis.report.document import _municipality_table

    frame = _municipality_table(content)
    frame[t("report.col.year")] = frame[t("report.col.year")].astype(int)
    return frame


def need_economics_sheet(content: ReportContent) -> pd.DataFrame:
    """Every need's economics (funded or not) on the costs the portfolio pays."""
    return economics_frame(content.economics, content.funded_ids)


def economics_frame(econ: pd.DataFrame, funded_ids: Iterable[str]) -> pd.DataFrame:
    """Per-need economics (``benefits`` economics) with Swedish headers: one
    layout for the report's sheet and the apps' exports."""
    funded = {str(i) for i in funded_ids}
    return pd.DataFrame({
        t("col.id"): econ["id"].astype(str), t("col.title"): econ["title"].astype(str),
        t("col.department"): econ["department"].astype(str),
        t("report.col.funded"): econ["id"].astype(str).isin(funded).to_numpy(),
        t("report.col.start_year"): econ["start_year"].astype("Int64"),
        t("report.col.start_assumed"): econ["start_year_assumed"].astype(bool),
        t("report.col.cost"): econ["investment"].astype(float),
        t("report.col.running"): econ["running_cost"].astype(float),
        t("report.col.financial_year"): econ["benefit_financial_full"].astype(float),
        t("report.col.redistribution_year"): econ["benefit_redistribution_full"].astype(float),
        t("report.col.npv"): econ["npv"].astype(float),
        t("report.col.npv_financial"): econ["npv_financial"].astype(float),
        t("report.col.payback"): econ["payback_year"].astype("Float64"),
        t("report.col.payback_financial"): econ["payback_year_financial"].astype("Float64"),
        t("report.col.bearer"): econ["cost_bearer"].astype(str),
        t("report.col.gap"): econ["missing_reason"].astype("string").fillna(""),
    })


def _core_sheet(content: ReportContent) -> pd.DataFrame:
    frame = core_frame(content)
    return pd.DataFrame({
        t("col.id"): frame["id"], t("col.title"): frame["title"],
        t("col.department"): frame["department"], t("report.col.rank"): frame["rank"].astype("Float64"),
        t("report.col.funded"): frame["funded"].astype(bool),
        t("report.col.p_funded"): frame["p_funded"].astype(float),
        t("report.col.class"): frame["core_label"],
    })


def _levels_sheet(content: ReportContent) -> pd.DataFrame:
    rows = content.budget_levels
    return pd.DataFrame({
        t("report.col.level_share"): [r["share"] for r in rows],
        t("report.col.budget"): [r["budget"] for r in rows],
        t("report.col.n_funded"): [len(r["funded"]) for r in rows],
        t("report.col.added"): [", ".join(r["added"]) for r in rows],
        t("report.col.removed"): [", ".join(r["removed"]) for r in rows],
    })


def _ranking_sheet(content: ReportContent) -> pd.DataFrame:
    labels = {c.key: c.label() for c in content.criteria}
    names = {"rank": t("report.col.rank"), "score": t("report.col.score"), "id": t("col.id"),
             "department": t("col.department"), "title": t("col.title"),
             "rank_change": t("report.xl.rank_change"), "imputed": t("report.xl.imputed"),
             **{f"contrib_{k}": t("report.xl.contrib", c=v) for k, v in labels.items()}}
    ranking = content.ranking[[c for c in content.ranking.columns if c in names]]
    return ranking.rename(columns=names)


def _portfolio_sheet(content: ReportContent) -> pd.DataFrame:
    frame = portfolio_frame(content)
    return frame.rename(columns={
        "id": t("col.id"), "department": t("col.department"), "title": t("col.title"),
        "investment": t("report.col.cost"), "running_cost": t("report.col.running"),
        "rank": t("report.col.rank"), "score": t("report.col.score"),
        "chosen": t("report.col.funded"), "served_by": t("report.xl.served_by"),
        "reason": t("report.col.reason"),
    })


def _weights_sheet(content: ReportContent) -> pd.DataFrame:
    return pd.DataFrame({
        t("report.col.criterion"): [c.label() for c in content.criteria],
        t("report.col.weight_share"): [float(content.weights[c.key]) for c in content.criteria],
        t("report.col.direction"): [t("report.col.benefit_dir" if c.direction > 0 else "report.col.cost_dir")
                                    for c in content.criteria],
    })


def _about_sheet(content: ReportContent, hours: float) -> pd.DataFrame:
    about = colophon_table(content)
    extra = pd.DataFrame([
        (t("report.xl.settings"), settings_text(content)),
        (t("report.xl.hours_per_fte"), f"{hours:g}"),
        (t("report.assume.base_year"), str(content.summary.get("base_year", ""))),
    ], columns=about.columns)
    return pd.concat([about, extra], ignore_index=True)


def _shared_groups_frame(content: ReportContent) -> pd.DataFrame:
    summary = getattr(content.shared, "summary", None)
    if not isinstance(summary, pd.DataFrame):
        return pd.DataFrame()
    out = summary.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, tuple | list)).any():
            out[column] = out[column].map(join_values)
    names = {k: t(f"report.xl.shared.{k}") for k in _SHARED_COLUMNS}
    return out[[c for c in _SHARED_COLUMNS if c in out.columns]].rename(columns=names)


_SHARED_COLUMNS = ("group_id", "label", "size", "n_departments", "departments", "member_ids",
                   "cohesion", "keywords")


def save_outputs(content: ReportContent, outputs_dir: str | Path) -> dict[str, Path]:
    """Write ``rapport.xlsx`` (neutralised) and ``siffror.json`` into ``outputs_dir``."""
    from kstad_analysis.export import write_excel

    if not outputs_dir:
        return {}
    out = Path(outputs_dir)
    out.mkdir(parents=True, exist_ok=True)
    sheets = excel_sheets(content)
    xlsx = write_excel(sheets, out / XLSX_NAME, number_formats=excel_formats(sheets))
    numbers_path = out / NUMBERS_NAME
    numbers_path.write_text(json.dumps(numbers(content), ensure_ascii=False, indent=2, sort_keys=True),
                            encoding="utf-8")
    return {"xlsx": xlsx, "numbers": numbers_path}
