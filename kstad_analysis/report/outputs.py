"""The report's files besides the page: ``siffror.json`` and ``rapport.xlsx``.

Why from the same content: the key numbers and the workbook are built from
the :class:`ReportContent` the page shows, so they cannot disagree with it.
Everything in ``siffror.json`` except ``built`` depends only on the scenario
and the plans (the reproducibility test compares it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from kstad_analysis import __version__
from kstad_analysis.formatting import plain as _plain
from kstad_analysis.i18n import t
from kstad_analysis.report.content import ReportContent
from kstad_analysis.report.tables import (
    bastjanst_frame,
    bastjanst_table,
    benefits_department_table,
    colophon_table,
    funding_frame,
    funding_table,
    join_values,
    portfolio_frame,
    robustness_counts,
    robustness_frame,
    robustness_table,
    summary_numbers,
    weights_table,
)

#: File names in the output folder (the notebook writes these two; build.py the rest).
XLSX_NAME, NUMBERS_NAME = "rapport.xlsx", "siffror.json"



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
            out[column] = out[column].map(join_values)
    return out


def save_outputs(content: ReportContent, outputs_dir: str | Path) -> dict[str, Path]:
    """Write ``rapport.xlsx`` (neutralised) and ``siffror.json`` into ``outputs_dir``."""
    from kstad_analysis.export import write_excel

    if not outputs_dir:
        return {}
    out = Path(outputs_dir)
    out.mkdir(parents=True, exist_ok=True)
    xlsx = write_excel(excel_sheets(content), out / XLSX_NAME)
    numbers_path = out / NUMBERS_NAME
    numbers_path.write_text(json.dumps(numbers(content), ensure_ascii=False, indent=2, sort_keys=True),
                            encoding="utf-8")
    return {"xlsx": xlsx, "numbers": numbers_path}
