"""The report's tables: data frames per need, then the tables people read.

Why frames apart from HTML: the ``*_frame`` functions hold the facts per
need (rank, cost, funded, reason, P(top N)); the ``*_table`` functions turn
them into Swedish column labels, and the same tables feed the HTML page and
the Excel workbook. Finansiell nytta and omfördelningsnytta stay in separate
columns: they are never added up.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kstad_analysis import __version__
from kstad_analysis.formatting import format_value, kr, pct
from kstad_analysis.formatting import plain as _plain
from kstad_analysis.i18n import t
from kstad_analysis.report.content import ReportContent

#: P(top N) between these bounds means "depends on the weights".
ROBUST_LOW, ROBUST_HIGH = 0.1, 0.9
#: Needs below this P(top N) are left out of the robustness table and chart.
ROBUST_SHOWN = 0.01


def _yes(flag: object) -> str:
    return t("report.yes") if bool(flag) else t("report.no")


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


def join_values(value: object) -> str:
    """A list cell (members, förvaltningar) as one comma-separated string for a table."""
    if isinstance(value, tuple | list | np.ndarray):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


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


def reason_kind(reason: str, named: re.Pattern[str] | None = None) -> str:
    """The kind of a reason without its amounts and ids: "ryms inte i budget:
    kostar 200 000 kr, kvar 10 000 kr" and "… kostar 150 000 kr …" are one
    kind; clauses stay apart ("beror på ej valt behov; ryms inte i budget").

    Why: page 1 must fit on one page, and a politician asks *why* needs were
    left out, not by how many kronor each one missed (the Excel file and
    section 7 keep each need's full reason). A clause's kind is its text
    before the first ``:`` or `` (``; the counterfactual's consequence
    ("med det blir värdet … lägre …", "omräkningen nådde tidsgränsen") is
    detail, not a kind.
    """
    detail = [t(key, lost="", ids="").split(" ")[:3]  # "med det blir …", "omräkningen nådde …"
              for key in ("budget.reason.counterfactual", "budget.reason.cf_time_limit")]
    kinds: list[str] = []
    for clause in str(reason).split("; "):
        head = re.split(r":| \(", clause, maxsplit=1)[0]
        if named is not None:
            head = named.sub("", head)
        head = re.sub(r"\s*…\s*", " ", head).strip(" ,")
        if head and head.split(" ")[:3] not in detail and head not in kinds:
            kinds.append(head)
    return "; ".join(kinds) or str(reason)


def reason_groups_table(content: ReportContent) -> pd.DataFrame:
    """Page 1's table: per kind of reason (:func:`reason_kind`) the unfunded
    needs and the investment they would have needed, most needs first."""
    frame = portfolio_frame(content)
    frame = frame[~frame["chosen"]]
    if frame.empty:
        return pd.DataFrame()
    ids = sorted(map(str, content.needs["id"]), key=len, reverse=True)
    named = re.compile("|".join(rf"(?<![\w-]){re.escape(i)}(?![\w-])" for i in ids)) if ids else None
    kinds = frame["reason"].astype(str).map(lambda r: reason_kind(r, named))
    grouped = frame.assign(kind=kinds.to_numpy()).groupby("kind", sort=False).agg(
        needs=("id", "size"), investment=("investment", lambda v: float(v.sum(min_count=1))))
    grouped = grouped.reset_index().sort_values(["needs", "kind"], ascending=[False, True],
                                                kind="mergesort")
    return pd.DataFrame({
        t("report.col.reason"): grouped["kind"].to_numpy(),
        t("col.needs"): grouped["needs"].to_numpy(),
        t("report.col.cost"): grouped["investment"].to_numpy(float),
    })


def priority_table(content: ReportContent) -> pd.DataFrame:
    frame = portfolio_frame(content)
    return pd.DataFrame({
        t("report.col.rank"): frame["rank"].to_numpy(), t("col.id"): frame["id"].to_numpy(),
        t("col.department"): frame["department"].to_numpy(), t("col.title"): frame["title"].to_numpy(),
        t("report.col.score"): frame["score"].to_numpy(),
        t("report.col.funded"): [_yes(v) for v in frame["chosen"]],
    })


def bastjanst_table(content: ReportContent, *, detail: bool = False,
                    members: bool = False) -> pd.DataFrame:
    """Proposed base services; ``detail`` lists förvaltningar and needs by name
    (the Excel sheet) instead of counting them (the printed page);
    ``members`` lists the member needs' ids but counts the förvaltningar."""
    cands = bastjanst_frame(content)
    if len(cands) == 0:
        return pd.DataFrame()
    count = (lambda v: join_values(v)) if detail else (lambda v: len(v))
    listed = (lambda v: join_values(v)) if detail or members else count
    chosen = set(content.portfolio.shared.loc[content.portfolio.shared["chosen"].astype(bool),
                                              "candidate_id"].astype(str))
    return pd.DataFrame({
        t("col.id"): cands["candidate_id"].astype(str).to_numpy(),
        t("report.col.label"): cands["label"].astype(str).to_numpy(),
        t("report.col.departments"): [count(v) for v in cands["departments"]],
        t("report.col.members"): [listed(v) for v in cands["member_ids"]],
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


def funding_frame(content: ReportContent) -> pd.DataFrame:
    """Per need: funded now, its core index ``p_funded`` (the share of the
    non-dominated portfolios that fund it) and whether its funding depends
    on the weights (gränsfall in the robust core; never without a core,
    where the selection does not depend on the weights)."""
    info = _need_info(content)[["id", "department", "title", "rank"]]
    out = info.merge(content.funding[["id", "p_funded"]], on="id", how="left")
    out["funded"] = out["id"].isin(content.funded_ids)
    core = content.core
    labels = core.labels if core is not None else {}
    out["depends"] = out["id"].map(labels).eq("gränsfall").to_numpy(dtype=bool)
    return out


def core_portfolios(content: ReportContent) -> int:
    """How many non-dominated portfolios the core index counts (0 without a core)."""
    return int(content.funding["samples"].max()) if len(content.funding) else 0


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


def robustness_counts(content: ReportContent) -> dict[str, int]:
    frame = robustness_frame(content)
    depends = frame["verdict"] == t("report.robust.depends")
    return {
        "safe": int((frame["verdict"] == t("report.robust.safe")).sum()),
        "depends": int(depends.sum()),
        "funded_depends": int((depends & frame["funded"]).sum()),
    }


def _budget_total(content: ReportContent) -> float:
    sc = content.scenario
    return float(sc.budget) if sc.budget is not None else float(sum(sc.per_year.values()))


def summary_numbers(content: ReportContent) -> dict[str, Any]:
    """The figures the summary states, as plain numbers (also in siffror.json).

    Benefits, NPV and paybacks are the portfolio's own
    (``benefits.portfolio_summary``): one NPV of the portfolio's yearly flows
    discounted to ``base_year``, never a sum of per-need NPVs discounted to
    different start years.
    """
    frame = portfolio_frame(content)
    funded = frame[frame["chosen"]]
    result = content.portfolio
    s = content.summary
    return {
        "budget": _budget_total(content),
        "per_year": {str(k): v for k, v in content.scenario.per_year.items()},
        "needs": int(len(frame)), "funded": int(len(funded)),
        "unfunded": int(len(frame) - len(funded)),
        "funded_cost": float(result.totals["cost"]),
        "running_added": _float(result.totals.get("running_added")),
        "bastjanster_chosen": int(result.totals.get("n_shared", 0)),
        "status": str(result.status), "value": content.scenario.value,
        "objective": _float(result.totals.get("value")),
        "naive": _float(result.totals.get("naive_value")), "gain": _float(result.totals.get("gain")),
        "base_year": s["base_year"], "rate": s["rate"],
        "benefit_financial_per_year": _float(s.get("benefit_financial_full_per_year")) or 0.0,
        "benefit_redistribution_per_year": _float(s.get("benefit_redistribution_full_per_year")) or 0.0,
        "npv": float(s["npv"]), "npv_financial": float(s["npv_financial"]),
        "npv_low": _float(s.get("npv_low")), "npv_high": _float(s.get("npv_high")),
        "economics_excluded": len(s.get("left_out_ids", [])),
        "left_out_ids": list(s.get("left_out_ids", [])),
        "payback_year": s.get("payback_year"),
        "payback_year_financial": s.get("payback_year_financial"),
    }


#: The robust-core classes of a need (one classification everywhere: page 1,
#: section 5, Excel and siffror.json).
CORE, BORDER, OUTSIDE = "core", "borderline", "outside"


def core_frame(content: ReportContent) -> pd.DataFrame:
    """Per need: kärna, gränsfall or utanför — from the robust core
    (``Analysis.core``, Liesiö, Mild & Salo 2007) when there is one; else
    (value NPV, or ±0 %) funded needs are kärna and the rest utanför."""
    frame = funding_frame(content)
    if content.core is not None:
        codes = {"kärna": CORE, "gränsfall": BORDER, "utanför": OUTSIDE}
        frame["core"] = frame["id"].map(content.core.labels).map(codes).fillna(OUTSIDE)
    else:
        frame["core"] = np.where(frame["depends"], BORDER, np.where(frame["funded"], CORE, OUTSIDE))
    frame["core_label"] = [t(f"report.core.{c}") for c in frame["core"]]
    return frame


def core_counts(content: ReportContent) -> dict[str, int]:
    frame = core_frame(content)
    return {
        CORE: int((frame["core"] == CORE).sum()), BORDER: int((frame["core"] == BORDER).sum()),
        "border_funded": int(((frame["core"] == BORDER) & frame["funded"]).sum()),
        "border_unfunded": int(((frame["core"] == BORDER) & ~frame["funded"]).sum()),
        OUTSIDE: int((frame["core"] == OUTSIDE).sum()),
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
