"""The report's HTML: escaped tables, figures and one function per section.

Why escaping here, at the last step: every user string (need titles from
Excel, scenario names and notes) goes through :func:`esc` before it becomes
HTML, so a title like ``<script>`` reaches the page as text. The notebook
displays :func:`sections` in order; :func:`page_css` is the page's own
stylesheet (A4 print rules), which fetches nothing.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kstad_analysis.escaping import esc
from kstad_analysis.formatting import format_value, kr, pct
from kstad_analysis.i18n import t
from kstad_analysis.report.charts import (
    TOP_IN_CHART,
    bastjanst_chart,
    benefits_chart,
    priority_chart,
    robustness_chart,
    svg,
)
from kstad_analysis.report.content import FUNDING_SAMPLES, ReportContent
from kstad_analysis.report.tables import (
    FUNDING_HIGH,
    FUNDING_LOW,
    ROBUST_HIGH,
    ROBUST_LOW,
    assumptions_table,
    bastjanst_frame,
    bastjanst_table,
    benefits_pivot,
    benefits_total_table,
    colophon_table,
    funded_table,
    funding_frame,
    funding_table,
    priority_table,
    reasons_table,
    robustness_counts,
    robustness_table,
    salaries_table,
    summary_numbers,
    unfunded_table,
    weights_table,
)

#: Unfunded needs listed in the summary (the closest to being funded).
UNFUNDED_SHOWN = 15


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


def _value_text(content: ReportContent, value: float | None) -> str:
    if value is None:
        return "–"
    if content.scenario.value != "benefit":
        return kr(value)
    return f"{format_value(value, '.3')} {t('value.unit.benefit')}"


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


def _funding_html(content: ReportContent) -> list[str]:
    s = content.settings
    frame = funding_frame(content)
    if s.scenario.value != "benefit":
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
