"""The decision document's own sections: Förslag till beslut, Ekonomiska
konsekvenser, Pågående initiativ, Datakvalitet and Bilagor.

Why apart from :mod:`~kstad_analysis.report.html`: that module holds the
building blocks (escaped tables with units, figures, the stylesheet) and the
analysis sections; this one writes what kommunstyrelsen decides on, in the
order of a Swedish tjänsteskrivelse. Every figure comes from
:mod:`~kstad_analysis.report.economics` or the chain's results; page 1 is
rounded to mnkr with one decimal, and ids stand only in table columns.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from kstad_analysis.escaping import esc
from kstad_analysis.formatting import mnkr, pct
from kstad_analysis.i18n import t
from kstad_analysis.report import economics
from kstad_analysis.report.content import ReportContent
from kstad_analysis.report.html import _h3, _p, _section, status_text, table_html
from kstad_analysis.report.tables import (
    CORE,
    bastjanst_frame,
    core_counts,
    portfolio_frame,
    reason_groups_table,
    summary_numbers,
)

#: Unfunded needs named on page 1 (the closest to being funded).
CLOSEST_SHOWN = 5
#: Bastjänster named on page 1 (largest saving first; section 4 lists all):
#: page 1 must fit on one printed page.
BASTJANST_SHOWN = 3


def _col(key: str, unit_free: bool = False) -> str:
    label = t(key)
    return label.replace(" (kr)", "") if unit_free else label


def _ul(items: list[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{esc(i)}</li>" for i in items if i) + f"</{tag}>"


def _years_text(per_year: dict[str, float]) -> str:
    return "; ".join(f"{y}: {mnkr(v)}" for y, v in per_year.items())


def chosen_bastjanster(content: ReportContent) -> pd.DataFrame:
    """The bastjänster the proposal builds, with their saving (largest first)."""
    cands = bastjanst_frame(content)
    shared = content.portfolio.shared
    if len(cands) == 0 or shared is None or len(shared) == 0:
        return cands.iloc[0:0] if len(cands) else cands
    chosen = set(shared.loc[shared["chosen"].astype(bool), "candidate_id"].astype(str))
    return cands[cands["candidate_id"].astype(str).isin(chosen)].reset_index(drop=True)


# --------------------------------------------------------------------------- 1. decision


def decision_year_table(content: ReportContent) -> pd.DataFrame:
    """Page 1's table: per year investment, added running cost, both benefits."""
    years = economics.year_table(content)
    years = years[(years[["investment", "running_cost", "benefit_financial",
                          "benefit_redistribution"]].abs().sum(axis=1) > 0)]
    return pd.DataFrame({
        t("report.col.year"): years["year"].astype(int).astype(str).to_numpy(),
        t("report.col.cost"): years["investment"].to_numpy(float),
        t("report.col.running_added"): years["running_cost"].to_numpy(float),
        t("report.col.financial"): years["benefit_financial"].to_numpy(float),
        t("report.col.redistribution"): years["benefit_redistribution"].to_numpy(float),
    })


def decision_department_table(content: ReportContent) -> pd.DataFrame:
    """Per förvaltning, fully built: the yearly benefit it takes home and the
    freed time in årsarbetare (finansiell and omfördelning apart)."""
    full = economics.effect_full(content)
    if full.empty:
        return pd.DataFrame()
    return pd.DataFrame({
        t("col.department"): full["department"].to_numpy(),
        t("report.col.financial_year"): full["benefit_financial"].to_numpy(float),
        t("report.col.redistribution_year"): full["benefit_redistribution"].to_numpy(float),
        t("report.col.fte"): full["fte"].to_numpy(float).round(1),
    })


def _closest_unfunded(content: ReportContent) -> pd.DataFrame:
    frame = portfolio_frame(content)
    frame = frame[~frame["chosen"] & frame["rank"].notna()].head(CLOSEST_SHOWN)
    return pd.DataFrame({
        t("report.col.rank"): frame["rank"].to_numpy(), t("col.id"): frame["id"].to_numpy(),
        t("col.title"): frame["title"].to_numpy(), t("report.col.cost"): frame["investment"].to_numpy(),
        t("report.col.reason"): frame["reason"].to_numpy(),
    })


def robustness_sentence(content: ReportContent) -> str:
    """One sentence on how robust the choice is (the classification of section 5)."""
    counts = core_counts(content)
    if content.scenario.value != "benefit" or content.settings.spread == 0:
        return t("report.dec.robust_fixed")
    return t("report.dec.robust", core=counts[CORE], funded=len(content.funded_ids),
             border=counts["border_funded"], outside=counts["border_unfunded"],
             spread=pct(content.settings.spread))


def decision_html(content: ReportContent) -> str:
    """1. Förslag till beslut: what kommunstyrelsen is asked to decide, on page 1."""
    n = summary_numbers(content)
    d = economics.decision_numbers(content)
    lock = d["locked"]
    shared = chosen_bastjanster(content)
    full = economics.effect_full(content)
    fte = float(full["fte"].sum()) if len(full) else 0.0
    proposals = [
        t("report.dec.fund", funded=n["funded"], total=n["needs"], investment=mnkr(d["investment_total"]),
          years=_years_text(d["investment_per_year"]) or "–",
          running=mnkr(d["running_full_per_year"])),
    ]
    if len(shared):
        shown = shared.sort_values("saving", ascending=False, kind="mergesort").head(BASTJANST_SHOWN)
        labels = "; ".join(f"{r.label} ({mnkr(r.saving)})" for r in shown.itertuples())
        if len(shared) > len(shown):
            labels += " " + t("report.dec.bastjanst_more", n=len(shared) - len(shown))
        proposals.append(t("report.dec.bastjanst", n=len(shared), labels=labels,
                           saving=mnkr(shared["saving"].astype(float).sum()), years=content.params.years))
    proposals += [
        t("report.dec.benefit", financial=mnkr(d["benefit_financial_full_per_year"]),
          redistribution=mnkr(d["benefit_redistribution_full_per_year"]),
          fte=f"{fte:.1f}".replace(".", ",")),
        t("report.dec.unfunded", n=n["unfunded"]),
    ]
    none = t("report.summary.no_payback")
    facts = [
        t("report.dec.budget", budget=mnkr(n["budget"]), cost=mnkr(n["funded_cost"]),
          share=pct(n["funded_cost"] / n["budget"] if n["budget"] else 0)),
        t("report.dec.locked", share=pct(lock["share"]), legal=len(lock["legal_ids"]),
          legal_kr=mnkr(lock["legal_investment"]), must=len(lock["must_ids"]),
          must_kr=mnkr(lock["must_investment"])),
        t("report.dec.npv", base_year=n["base_year"], npv=mnkr(n["npv"]), low=mnkr(n["npv_low"]),
          high=mnkr(n["npv_high"]), npv_financial=mnkr(n["npv_financial"])),
        t("report.dec.payback", year=n["payback_year"] or none,
          year_financial=n["payback_year_financial"] or none),
        robustness_sentence(content),
    ]
    parts = [_p(t("report.dec.lead"), "kstad-lead"), _ul(proposals, ordered=True),
             _h3("report.dec.basis"), _ul(facts)]
    parts += _warnings(content, n)
    parts += [
        _h3("report.dec.per_year"),
        table_html(decision_year_table(content), unit="mnkr", caption=t("report.dec.per_year_caption")),
        _h3("report.dec.per_department"),
        table_html(decision_department_table(content), unit="mnkr",
                   caption=t("report.dec.per_department_caption")),
        _h3("report.dec.not_funded"),
        _p(t("report.dec.not_funded_lead", n=n["unfunded"])),
        table_html(reason_groups_table(content), unit="mnkr",
                   caption=t("report.dec.reasons_caption")),
        table_html(_closest_unfunded(content), unit="mnkr",
                   caption=t("report.dec.closest_caption", n=CLOSEST_SHOWN)),
        _p(t("report.dec.see_details", sheet=t("report.sheet.portfolio")), "kstad-small kstad-end"),
    ]
    return _section("report.dec.heading", "beslut", *parts)


def _warnings(content: ReportContent, n: dict) -> list[str]:
    """What a decision maker must know before trusting page 1."""
    out = []
    settings, result = content.settings, content.portfolio
    if settings.saved_budget is not None:
        out.append(_p(t("report.summary.budget_override", budget=mnkr(n["budget"]),
                        saved=mnkr(settings.saved_budget)), "kstad-warning"))
    if result.status == "infeasible" and result.explanation:
        out.append(_p(result.explanation, "kstad-warning"))
    out += [_p(w, "kstad-warning") for w in result.warnings]
    saved, current = content.scenario.data_fingerprint, settings.plans.fingerprint
    if saved and saved != current:
        out.append(_p(t("report.summary.fingerprint_mismatch", saved=saved[:12], current=current[:12]),
                      "kstad-warning"))
    if n["economics_excluded"]:
        out.append(_p(t("report.benefits.excluded", n=n["economics_excluded"]), "kstad-warning"))
    out.append(_p(t("report.summary.value", value=t(f"report.summary.value.{n['value']}"),
                    status=status_text(n["status"])), "kstad-small"))
    return out


# --------------------------------------------------------------------------- 2. economics


def _pivot(frame: pd.DataFrame, index: list[str], value: str, labels: dict[str, str],
           total: bool = True) -> pd.DataFrame:
    """Rows ``index``, one column per year, a Summa row and column."""
    if frame.empty:
        return pd.DataFrame()
    table = frame.pivot_table(index=index, columns="year", values=value, aggfunc="sum",
                              fill_value=0.0, observed=True)
    table = table.loc[table.abs().sum(axis=1) > 0]
    table = table.loc[:, table.abs().sum(axis=0) > 0]
    if table.empty:
        return pd.DataFrame()
    table.columns = [str(int(c)) for c in table.columns]
    if total:
        table[t("report.col.total")] = table.sum(axis=1)
    out = table.reset_index().rename(columns=labels)
    if total:
        sums = {c: float(out[c].sum()) for c in table.columns}
        first = labels.get(index[0], index[0])
        row = {first: t("report.col.total"), **{labels.get(k, k): "" for k in index[1:]}, **sums}
        out = pd.concat([out, pd.DataFrame([row])], ignore_index=True)
    return out


def economics_html(content: ReportContent) -> str:
    """2. Ekonomiska konsekvenser: investering and drift per year and nämnd,
    effekthemtagning per förvaltning and year, the range and the NPV."""
    from kstad_analysis.benefits import summary_notes
    from kstad_analysis.report.charts import benefits_alt, benefits_chart
    from kstad_analysis.report.html import figure_html

    n = summary_numbers(content)
    costs = economics.cost_by_department(content)
    effect = economics.effect_by_department(content)
    hours = economics.hours_per_fte()
    labels = {"department": t("col.department"), "cost_bearer": t("report.col.bearer")}
    bearers = sorted(set(costs["cost_bearer"])) if len(costs) else []
    p = content.params
    parts = [
        _p(t("report.econ.lead")),
        _h3("report.econ.investment"),
        table_html(_pivot(costs, ["department"], "investment", labels), unit="tkr", all_amounts=True,
                   caption=t("report.econ.investment_caption")),
        _h3("report.econ.running"),
        _p(t("report.econ.running_lead", bearers=", ".join(bearers) or "–")),
        table_html(_pivot(costs, ["department", "cost_bearer"], "running_cost", labels), unit="tkr",
                   all_amounts=True, caption=t("report.econ.running_caption")),
        _h3("report.econ.effect"),
        _p(t("report.econ.effect_lead", hours=f"{hours:,.0f}".replace(",", "\u00a0"))),
        table_html(_pivot(effect, ["department"], "benefit_financial", labels), unit="tkr",
                   all_amounts=True, caption=t("report.econ.financial_caption")),
        table_html(_pivot(effect, ["department"], "benefit_redistribution", labels), unit="tkr",
                   all_amounts=True, caption=t("report.econ.redistribution_caption")),
        table_html(_fte_pivot(effect, labels), caption=t("report.econ.fte_caption")),
        _h3("report.econ.municipality"),
    ]
    if len(content.municipality):
        parts.append(figure_html(benefits_chart(content), t("report.benefits.chart"),
                                 benefits_alt(content)))
    parts += [
        table_html(_municipality_table(content), unit="tkr", caption=t("report.econ.municipality_caption")),
        _h3("report.econ.npv"),
        _p(t("report.econ.npv_lead", base_year=n["base_year"],
             rate=f"{n['rate'] * 100:.1f}".replace(".", ","), npv=mnkr(n["npv"]),
             npv_financial=mnkr(n["npv_financial"]), low=mnkr(n["npv_low"]), high=mnkr(n["npv_high"]),
             low_factor=f"{p.low_factor:.2f}".replace(".", ","),
             high_factor=f"{p.high_factor:.2f}".replace(".", ","))),
        _p(summary_notes(content.summary)[0]),
        _p(t("report.econ.appendix")),
    ]
    return _section("report.econ.heading", "ekonomi", *parts)


def _fte_pivot(effect: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    table = _pivot(effect, ["department"], "fte", labels, total=False)
    if table.empty:
        return table
    for column in table.columns[1:]:
        table[column] = table[column].astype(float).round(1)
    return table


def _municipality_table(content: ReportContent) -> pd.DataFrame:
    years = economics.year_table(content)
    p = content.params
    benefit = years["benefit_financial"] + years["benefit_redistribution"]
    costs = years["investment"] + years["running_cost"]
    return pd.DataFrame({
        t("report.col.year"): years["year"].astype(int).astype(str).to_numpy(),
        t("report.col.cost"): years["investment"].to_numpy(float),
        t("report.col.running_added"): years["running_cost"].to_numpy(float),
        t("report.col.financial"): years["benefit_financial"].to_numpy(float),
        t("report.col.redistribution"): years["benefit_redistribution"].to_numpy(float),
        t("report.col.net"): years["net"].to_numpy(float),
        t("report.col.net_low"): (p.low_factor * benefit - costs).to_numpy(float),
        t("report.col.net_high"): (p.high_factor * benefit - costs).to_numpy(float),
        t("report.col.cumulative"): years["cumulative_net"].to_numpy(float),
    })


# --------------------------------------------------------------------------- 3. tracking


def tracking_frame(content: ReportContent) -> pd.DataFrame:
    """Planned against realised per initiative in the Uppföljning sheets, as of
    the report's build date (so the same build date gives the same flags).
    Computed once per content (the page, the table and the workbook use it)."""
    cached = content.__dict__.get("_tracking_frame")
    if cached is None:
        cached = content.__dict__["_tracking_frame"] = _tracking_frame(content)
    return cached.copy()


def _tracking_frame(content: ReportContent) -> pd.DataFrame:
    from kstad_analysis import tracking

    register = content.settings.plans.register
    if register is None or register.empty:
        return pd.DataFrame()
    today = dt.date.fromisoformat(content.settings.built[:10])
    per = tracking.by_initiative(register, today=today)
    owners = tracking.realisation(register, today=today).groupby("id")["realiser"].agg(
        lambda v: ", ".join(dict.fromkeys(x for s in v if s for x in str(s).split(", "))))
    needs = content.needs.drop_duplicates("id")
    needs = needs.set_index(needs["id"].astype(str).to_numpy())
    ids = per["id"].astype(str)
    return pd.DataFrame({
        "id": ids.to_numpy(),
        "title": ids.map(needs["title"].astype(str)).fillna("").to_numpy(),
        "department": ids.map(needs["department"].astype(str)).fillna("").to_numpy(),
        "owner": ids.map(owners).fillna("").to_numpy(),
        "planned": per["planned"].astype(float).to_numpy(),
        "planned_due": per["planned_due"].astype(float).to_numpy(),
        "realised": per["realised"].astype(float).to_numpy(),
        "rate": per["rate"].astype(float).to_numpy(),
        "flags": per["flags"].astype(str).to_numpy(),
        "funded": ids.isin(content.funded_ids).to_numpy(),
    })


def tracking_table(content: ReportContent) -> pd.DataFrame:
    frame = tracking_frame(content)
    if frame.empty:
        return frame
    return pd.DataFrame({
        t("col.id"): frame["id"], t("col.title"): frame["title"],
        t("col.department"): frame["department"], t("report.col.owner"): frame["owner"],
        t("report.col.planned"): frame["planned"], t("report.col.planned_due"): frame["planned_due"],
        t("report.col.realised"): frame["realised"], t("report.col.share"): frame["rate"],
        t("report.col.flags"): frame["flags"],
        t("report.col.funded"): [t("report.yes") if v else t("report.no") for v in frame["funded"]],
    })


def tracking_html(content: ReportContent) -> str:
    """3. Pågående initiativ och nyttorealisering (the Uppföljning register)."""
    frame = tracking_frame(content)
    if frame.empty:
        return _section("report.track.heading", "uppfoljning", _p(t("report.track.none")))
    flagged = frame[frame["flags"].str.len() > 0]
    parts = [
        _p(t("report.track.lead", n=len(frame), built=content.settings.built[:10])),
        _p(t("report.track.summary", planned=mnkr(frame["planned_due"].sum()),
             realised=mnkr(frame["realised"].sum()), flagged=len(flagged)), "kstad-lead"),
        table_html(tracking_table(content), unit="tkr", caption=t("report.track.caption")),
    ]
    return _section("report.track.heading", "uppfoljning", *parts)


# --------------------------------------------------------------------------- 6. data quality


def quality_tables(content: ReportContent) -> dict[str, pd.DataFrame]:
    """Validation warnings, unranked needs, assumed values and left-out needs."""
    plans = content.settings.plans
    warnings = pd.DataFrame({
        t("report.col.file"): [Path(p.file).name for p in plans.warnings],
        t("report.col.row"): [p.row if p.row is not None else "" for p in plans.warnings],
        t("col.id"): [str(p.value) if p.column == "ID" and p.value is not None else ""
                      for p in plans.warnings],
        t("report.col.message"): [p.message for p in plans.warnings],
    })
    info = content.needs.set_index(content.needs["id"].astype(str))
    excluded = content.excluded
    unranked = pd.DataFrame({
        t("col.id"): excluded["id"].astype(str).to_numpy(),
        t("col.title"): excluded["id"].astype(str).map(info["title"].astype(str)).to_numpy(),
        t("report.col.reason"): excluded["reason"].astype(str).to_numpy(),
    })
    econ = content.economics
    start = econ[econ["start_year_assumed"].astype(bool)]
    assumed_rows = [(i, t("report.quality.start_year", year=int(y)), i in content.funded_ids)
                    for i, y in zip(start["id"].astype(str), start["start_year"], strict=True)]
    ranking = content.ranking
    if "imputed" in ranking:
        imputed = ranking[ranking["imputed"].astype(str).str.len() > 0]
        assumed_rows += [(str(i), t("report.quality.neutral", criteria=c), str(i) in content.funded_ids)
                         for i, c in zip(imputed["id"], imputed["imputed"], strict=True)]
    assumed = pd.DataFrame({
        t("col.id"): [r[0] for r in assumed_rows],
        t("col.title"): [info["title"].get(r[0], "") for r in assumed_rows],
        t("report.col.assumed"): [r[1] for r in assumed_rows],
        t("report.col.funded"): [t("report.yes") if r[2] else t("report.no") for r in assumed_rows],
    })
    s = content.summary
    gaps = [(i, t("report.quality.left_out")) for i in s.get("left_out_ids", [])]
    for key in ("benefit_financial", "benefit_redistribution"):
        gaps += [(i, t(f"report.quality.not_stated.{key}"))
                 for i in s.get("not_stated_ids", {}).get(key, [])]
    gaps_frame = pd.DataFrame({t("col.id"): [g[0] for g in gaps],
                               t("col.title"): [info["title"].get(g[0], "") for g in gaps],
                               t("report.col.gap"): [g[1] for g in gaps]})
    return {"warnings": warnings, "unranked": unranked, "assumed": assumed, "gaps": gaps_frame}


def quality_html(content: ReportContent) -> str:
    """6. Datakvalitet: what the numbers rest on and where they are assumed."""
    q = quality_tables(content)
    parts = [
        _p(t("report.quality.lead", warnings=len(q["warnings"]), unranked=len(q["unranked"]),
             assumed=len(q["assumed"]), gaps=len(q["gaps"]))),
        _h3("report.quality.gaps"), _p(t("report.quality.gaps_lead")),
        table_html(q["gaps"], caption=t("report.quality.gaps")),
        _h3("report.quality.assumed"), _p(t("report.assume.missing")),
        table_html(q["assumed"], caption=t("report.quality.assumed")),
        _h3("report.quality.unranked"), table_html(q["unranked"], caption=t("report.quality.unranked")),
        _h3("report.quality.warnings"), table_html(q["warnings"], caption=t("report.quality.warnings")),
    ]
    return _section("report.quality.heading", "datakvalitet", *parts)


# --------------------------------------------------------------------------- 7. appendices


def need_economics_table(content: ReportContent) -> pd.DataFrame:
    """Per funded need: start year, costs, NPV to its own start year, payback."""
    econ = content.economics.copy()
    econ["id"] = econ["id"].astype(str)
    econ = econ[econ["id"].isin(content.funded_ids)].sort_values("id")
    return pd.DataFrame({
        t("col.id"): econ["id"].to_numpy(), t("col.title"): econ["title"].astype(str).to_numpy(),
        t("col.department"): econ["department"].astype(str).to_numpy(),
        t("report.col.start_year"): [str(int(y)) + (" *" if a else "") for y, a in
                                     zip(econ["start_year"], econ["start_year_assumed"], strict=True)],
        t("report.col.cost"): econ["investment"].astype(float).to_numpy(),
        t("report.col.running"): econ["running_cost"].astype(float).to_numpy(),
        t("report.col.npv"): econ["npv"].astype(float).to_numpy(),
        t("report.col.npv_financial"): econ["npv_financial"].astype(float).to_numpy(),
        t("report.col.payback"): [str(int(v)) if pd.notna(v) else "–" for v in econ["payback_year"]],
    })


def appendix_html(content: ReportContent) -> str:
    """7. Bilagor: the full ranking, per-need economics, rank stability,
    method and parameters, and the data fingerprint."""
    from kstad_analysis.report.html import (
        assumptions_parts,
        colophon_parts,
        priority_parts,
        stability_parts,
    )

    parts = [
        _p(t("report.appx.lead")),
        f'<h3 id="bilaga-rangordning">{esc(t("report.appx.ranking"))}</h3>', *priority_parts(content),
        f'<h3 id="bilaga-ekonomi">{esc(t("report.appx.economics"))}</h3>',
        _p(t("report.appx.economics_lead")),
        table_html(need_economics_table(content), unit="tkr", caption=t("report.appx.economics")),
        f'<h3 id="bilaga-stabilitet">{esc(t("report.robust.top"))}</h3>', *stability_parts(content),
        f'<h3 id="bilaga-metod">{esc(t("report.appx.method"))}</h3>', *assumptions_parts(content),
        f'<h3 id="bilaga-data">{esc(t("report.colophon.heading"))}</h3>', *colophon_parts(content),
    ]
    return _section("report.appx.heading", "bilagor", *parts)


__all__ = [
    "appendix_html", "chosen_bastjanster", "decision_department_table", "decision_html",
    "decision_year_table", "economics_html", "need_economics_table", "quality_html",
    "quality_tables", "robustness_sentence", "tracking_frame", "tracking_html", "tracking_table",
]
