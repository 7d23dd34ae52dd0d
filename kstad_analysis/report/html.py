"""The report's HTML: escaped tables, figures and one function per section.

Why escaping here, at the last step: every user string (need titles from
Excel, scenario names and notes) goes through :func:`esc` before it becomes
HTML, so a title like ``<script>`` reaches the page as text. The notebook
displays :func:`sections` in order; :func:`page_css` is the page's own
stylesheet (A4 print rules), which fetches nothing.
"""

from __future__ import annotations

import pandas as pd

from kstad_analysis.escaping import esc
from kstad_analysis.formatting import MINUS, amount, format_value, kr, mnkr, pct, plain
from kstad_analysis.i18n import t
from kstad_analysis.report.charts import (
    TOP_IN_CHART,
    Spec,
    bastjanst_chart,
    priority_chart,
    robustness_chart,
    svg,
)
from kstad_analysis.report.content import ReportContent
from kstad_analysis.report.tables import (
    CORE,
    OUTSIDE,
    ROBUST_HIGH,
    ROBUST_LOW,
    assumptions_table,
    bastjanst_frame,
    bastjanst_table,
    colophon_table,
    core_counts,
    core_portfolios,
    funding_table,
    priority_table,
    robustness_counts,
    robustness_table,
    salaries_table,
    summary_numbers,
    weights_table,
)

#: Unfunded needs listed in the summary (the closest to being funded).
UNFUNDED_SHOWN = 15


#: Money columns are recognised by their unit, the last word of the label.
_MONEY_SUFFIXES = (" (kr)", " (SEK)")


def _is_number(value: object) -> bool:
    value = plain(value)
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cell(value: object, fmt: str | None, unit: str | None) -> str:
    """One cell as printed: amounts in ``unit`` with a true minus, shares as
    percent, other numbers Swedish (decimal comma, true minus)."""
    if unit is not None:
        return amount(value, unit)
    text = format_value(value, fmt)
    return MINUS + text[1:] if _is_number(value) and text.startswith("-") else text


def table_html(frame: pd.DataFrame, css_class: str = "kstad-table", *, unit: str = "kr",
               all_amounts: bool = False, thousands: bool = False, caption: str = "",
               formats: dict[str, str] | None = None) -> str:
    """An escaped HTML table with Swedish number formats by column.

    Amount columns (labels ending in "(kr)", or every numeric column with
    ``all_amounts``) are shown in ``unit`` (``kr``, ``tkr`` or ``mnkr``); the
    unit is stated once, in the caption, and dropped from the headers.
    ``thousands`` is the older spelling of ``unit="tkr", all_amounts=True``.
    Numbers are right-aligned; short columns (ids, ranks, amounts, shares,
    years) do not wrap, so an id like ``C-2`` never breaks at its hyphen.
    The table sits in a focusable scroll region, so a phone-width screen
    scrolls the table, not the page.
    """
    if thousands:
        unit, all_amounts = "tkr", True
    if frame.empty:
        return f'<p class="kstad-none">{esc(t("report.summary.none"))}</p>'
    columns = [str(c) for c in frame.columns]
    numeric = {str(c) for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c])}
    money = {c for c in columns if c.endswith(_MONEY_SUFFIXES)}
    if all_amounts:
        money |= numeric
    fmts = {t("report.col.score"): ".3", t("report.col.rank"): "int", **(formats or {})}
    p_top = t("report.col.p_top", n="#").split("#")[0]  # its prefix, whatever N is
    for c in columns:
        if c.startswith(p_top) or c in (t("report.col.p_funded"), t("report.col.share")):
            fmts[c] = "pct"
        elif c in numeric and c not in money and c not in fmts:
            values = pd.to_numeric(frame[c], errors="coerce").dropna()
            fmts[c] = "int" if bool((values == values.round()).all()) else ",.1"
    nowrap = {t("col.id"), t("report.col.year"), *money, *fmts}
    right = money | {c for c in columns if c in numeric or fmts.get(c) == "pct"}
    labels = [c[: -len(next(s for s in _MONEY_SUFFIXES if c.endswith(s)))] if c.endswith(
        _MONEY_SUFFIXES) else c for c in columns]
    classes = []
    for c in columns:
        names = [n for n, on in (("kstad-nowrap", c in nowrap), ("kstad-num", c in right)) if on]
        classes.append(f' class="{" ".join(names)}"' if names else "")
    head = "".join(f'<th scope="col"{cls}>{esc(label)}</th>'
                   for label, cls in zip(labels, classes, strict=True))
    body = []
    for values in frame.itertuples(index=False, name=None):
        cells = "".join(
            f"<td{cls}>{esc(_cell(v, fmts.get(c), unit if c in money else None))}</td>"
            for v, c, cls in zip(values, columns, classes, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    note = t("report.table.unit", unit=unit) if money else ""
    text = " ".join(part for part in (caption, note) if part)
    cap = f"<caption>{esc(text)}</caption>" if text else ""
    label = esc(caption or t("report.table.region"))
    return (f'<div class="kstad-scroll" role="region" tabindex="0" aria-label="{label}">'
            f'<table class="{esc(css_class)}">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def figure_html(chart: Spec, caption: str, alt_text: str = "") -> str:
    """A chart as inline SVG with a Swedish text alternative: the SVG is an
    image named by ``alt_text`` (the values, rounded), the caption says what
    it shows. Vega's own (English) ARIA labels are switched off in ``svg``."""
    return (f'<figure class="kstad-chart">{svg(chart, alt_text or caption)}'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


def _section(key: str, anchor: str, *parts: str) -> str:
    return (f'<section class="kstad-section" id="{anchor}"><h2>{esc(t(key))}</h2>'
            + "".join(parts) + "</section>")


def _p(text: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f"<p{cls}>{esc(text)}</p>"


def _h3(key: str, **values: object) -> str:
    return f"<h3>{esc(t(key, **values))}</h3>"


def settings_text(content: ReportContent) -> str:
    """The settings the document was built from, in words (the subtitle):
    budget, what the budget maximises, the weights and the ranking method."""
    sc = content.scenario
    n = summary_numbers(content)
    source = {
        "scenario": t("report.priority.source.scenario"), "given": t("report.priority.source.scenario"),
        "preset": t("report.priority.source.preset", name=sc.preset or ""),
        "default": t("report.priority.source.default"),
    }.get(content.weights_source, content.weights_source)
    return t("report.doc.settings", budget=mnkr(n["budget"]), value=t(f"report.doc.value.{sc.value}"),
             weights=source, method=t(f"report.priority.method.{sc.method}"))


def header_html(content: ReportContent) -> str:
    sc = content.scenario
    parts = [
        f'<header class="kstad-header"><h1>{esc(t("report.doc.title"))}</h1>',
        f'<p class="kstad-subtitle">'
        f'{esc(t("report.doc.subtitle", name=sc.name, built=content.settings.built[:10]))}</p>',
        f'<p class="kstad-subtitle">{esc(settings_text(content))}</p>',
    ]
    if sc.note:
        parts.append(f'<blockquote class="kstad-note"><strong>{esc(t("report.doc.note"))}:</strong> '
                     f"{esc(sc.note)}</blockquote>")
    links = "".join(f'<li><a href="#{anchor}">{esc(t(key))}</a></li>' for key, anchor in SECTIONS)
    parts.append(f'<nav class="kstad-toc" aria-label="{esc(t("report.doc.toc"))}"><ol>{links}</ol></nav>')
    return "".join(parts) + "</header>"


#: The document's sections in order: (heading text key, anchor).
SECTIONS = (
    ("report.dec.heading", "beslut"), ("report.econ.heading", "ekonomi"),
    ("report.track.heading", "uppfoljning"), ("report.shared.heading", "bastjanster"),
    ("report.robust.heading", "robusthet"), ("report.quality.heading", "datakvalitet"),
    ("report.appx.heading", "bilagor"),
)


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
    """Page 1 (kept under its old name): :func:`document.decision_html`."""
    from kstad_analysis.report.document import decision_html

    return decision_html(content)


def priority_parts(content: ReportContent) -> list[str]:
    """The full ranking with the weights and the top needs' chart (an appendix)."""
    from kstad_analysis.report.charts import priority_alt

    sc = content.scenario
    source = {
        "scenario": t("report.priority.source.scenario"), "given": t("report.priority.source.scenario"),
        "preset": t("report.priority.source.preset", name=sc.preset or ""),
        "default": t("report.priority.source.default"),
    }.get(content.weights_source, content.weights_source)
    top = min(TOP_IN_CHART, len(content.ranking))
    parts = [
        _p(t("report.priority.lead", method=t(f"report.priority.method.{sc.method}"), source=source, n=top)),
        table_html(weights_table(content), caption=t("report.priority.weights")),
    ]
    if top:
        parts.append(figure_html(priority_chart(content), t("report.priority.chart", n=top),
                                 priority_alt(content)))
    if len(content.excluded):
        parts.append(_p(t("report.priority.unranked", n=len(content.excluded)), "kstad-warning"))
    parts.append(table_html(priority_table(content), caption=t("report.priority.list")))
    return parts


def priority_html(content: ReportContent) -> str:
    return _section("report.appx.ranking", "prioritering", *priority_parts(content))


def shared_html(content: ReportContent) -> str:
    """4. Bastjänster: named by the concept they deliver, their members, who
    gains and the cost split rule."""
    from kstad_analysis.report.charts import bastjanst_alt

    cands = bastjanst_frame(content)
    if len(cands) == 0:
        return _section("report.shared.heading", "bastjanster", _p(t("report.shared.none")))
    chosen = content.portfolio.shared
    chosen = chosen[chosen["chosen"].astype(bool)]
    parts = [
        _p(t("report.shared.lead", groups=len(cands), years=content.params.years,
             saving=mnkr(cands["saving"].astype(float).sum()),
             investment=mnkr(cands["saving_investment"].astype(float).sum()))),
        _p(t("report.shared.chosen", n=len(chosen), labels="; ".join(
            str(v.label) for v in chosen.itertuples()) or "–"), "kstad-lead"),
        _p(t("report.shared.split")),
        figure_html(bastjanst_chart(content), t("report.shared.chart", years=content.params.years),
                    bastjanst_alt(content)),
        table_html(bastjanst_table(content, members=True), unit="tkr",
                   caption=t("report.shared.table")),
    ]
    incomplete = int(content.candidates["incomplete"].astype(bool).sum()) if len(content.candidates) else 0
    if incomplete:
        parts.append(_p(t("report.shared.incomplete", n=incomplete), "kstad-warning"))
    return _section("report.shared.heading", "bastjanster", *parts)


def benefits_html(content: ReportContent) -> str:
    """Section 2 (kept under its old name): :func:`document.economics_html`."""
    from kstad_analysis.report.document import economics_html

    return economics_html(content)


def budget_levels_table(content: ReportContent) -> pd.DataFrame:
    rows = content.budget_levels
    if not rows:
        return pd.DataFrame()
    return pd.DataFrame({
        t("report.col.level"): [f"{round((r['share'] - 1) * 100):+d} %".replace("-", MINUS)
                                for r in rows],
        t("report.col.budget"): [float(r["budget"]) for r in rows],
        t("report.col.n_funded"): [len(r["funded"]) if r["feasible"] else "–" for r in rows],
        t("report.col.added"): [", ".join(r["added"]) or "–" for r in rows],
        t("report.col.removed"): [", ".join(r["removed"]) or "–" for r in rows],
    })


def _funding_html(content: ReportContent) -> list[str]:
    s = content.settings
    if s.scenario.value != "benefit":
        return [_p(t("report.robust.funding_npv"))]
    if s.spread == 0:
        return [_p(t("report.robust.funding_nospread"))]
    counts = core_counts(content)
    return [
        _p(t("report.robust.funding_lead", spread=pct(s.spread), portfolios=core_portfolios(content))),
        _p(t("report.robust.core_summary", core=counts[CORE], border_funded=counts["border_funded"],
             border_unfunded=counts["border_unfunded"], outside=counts[OUTSIDE]), "kstad-lead"),
        table_html(funding_table(content), caption=t("report.robust.border_caption")),
    ]


def robustness_html(content: ReportContent) -> str:
    """5. Robusthet: kärna/gränsfall/utanför from the robust core (every admissible weight),
    and the budget levels at which the choice changes. The ranking's own
    stability (SMAA) is an appendix: it is about the list, not the funding."""
    core = [_p(t("report.robust.core_method", sentence=content.core.sentence))] \
        if content.core is not None else []
    parts = [
        _h3("report.robust.funding"), *core, *_funding_html(content),
        _h3("report.robust.levels_heading"), _p(t("report.robust.levels_lead")),
        table_html(budget_levels_table(content), unit="mnkr", caption=t("report.robust.levels")),
        _p(t("report.robust.see_appendix")),
    ]
    return _section("report.robust.heading", "robusthet", *parts)


def stability_parts(content: ReportContent) -> list[str]:
    """The ranking's stability under weight uncertainty (SMAA, P(top N))."""
    from kstad_analysis.report.charts import robustness_alt

    s = content.settings
    parts = [
        _p(t("report.robust.lead", samples=s.samples, spread=pct(s.spread), seed=s.seed,
             n=content.top_n, lo=pct(ROBUST_LOW), hi=pct(ROBUST_HIGH))),
        _p(t("report.robust.rank_summary", n=content.top_n, **robustness_counts(content))),
    ]
    if len(content.robustness):
        parts.append(figure_html(robustness_chart(content), t("report.robust.chart", n=content.top_n),
                                 robustness_alt(content)))
    parts.append(table_html(robustness_table(content), caption=t("report.robust.top")))
    return parts


def assumptions_parts(content: ReportContent) -> list[str]:
    p = content.params
    return [
        _p(t("report.assume.lead")),
        _p(t("report.assume.formula", hours=format_value(p.hours_per_month, "int"),
             markup=format_value(p.markup, ".2"))),
        _p(t("report.assume.time_formula")),
        table_html(assumptions_table(content), caption=t("report.assume.heading")),
        table_html(salaries_table(content), caption=t("report.assume.salaries")),
    ]


def assumptions_html(content: ReportContent) -> str:
    return _section("report.assume.heading", "antaganden", *assumptions_parts(content))


def colophon_parts(content: ReportContent) -> list[str]:
    return [table_html(colophon_table(content), caption=t("report.colophon.heading")),
            _p(t("report.colophon.reproduce"))]


def colophon_html(content: ReportContent) -> str:
    return _section("report.colophon.heading", "kolofon", *colophon_parts(content))


def sections(content: ReportContent) -> list[str]:
    """The whole document, section by section (what the notebook displays)."""
    from kstad_analysis.report import document

    return [header_html(content), document.decision_html(content), document.economics_html(content),
            document.tracking_html(content), shared_html(content), robustness_html(content),
            document.quality_html(content), document.appendix_html(content)]


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
a { color: #1a5a3e; }
.kstad-subtitle { color: #4a4a4a; margin: 0 0 2px; }
.kstad-lead { font-size: 11.5pt; }
.kstad-small { font-size: 9pt; color: #4a4a4a; }
.kstad-warning { background: #fff4df; border-left: 4px solid #b06f12; padding: 6px 10px; }
.kstad-note { border-left: 4px solid #2f6f4f; margin: 10px 0; padding: 4px 12px; background: #f1f6f3; }
.kstad-toc ol { columns: 2; margin: 8px 0; padding-left: 20px; }
.kstad-scroll { max-width: 100%; overflow-x: auto; }
table.kstad-table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 6px 0 14px; }
table.kstad-table caption { caption-side: top; text-align: left; font-size: 9pt; color: #4a4a4a;
                            padding: 2px 0; }
table.kstad-table th { background: #e5efe9; text-align: left; padding: 3px 5px; vertical-align: bottom; }
table.kstad-table td { border-bottom: 1px solid #ddd; padding: 2px 5px; vertical-align: top;
                      overflow-wrap: break-word; }
table.kstad-table .kstad-num { text-align: right; font-variant-numeric: tabular-nums; }
table.kstad-table td.kstad-nowrap { overflow-wrap: normal; }
table.kstad-table tr { break-inside: avoid; }
figure.kstad-chart { margin: 8px 0 16px; break-inside: avoid; }
figure.kstad-chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #4a4a4a; }
.kstad-section { break-before: auto; }
#ekonomi { break-before: page; }
.kstad-nowrap { white-space: nowrap; }
.output_area, .output_subarea, .output_html, .cell, .output, .output_wrapper { margin: 0; padding: 0; }
@media (max-width: 600px) {
  main.kstad-report { padding: 12px; }
  .kstad-toc ol { columns: 1; }
  h1 { font-size: 16pt; }
}
@media print {
  main.kstad-report { max-width: none; padding: 0; }
  /* page 1 (Förslag till beslut) must fit on one A4 page */
  #beslut { font-size: 9.5pt; line-height: 1.3; }
  #beslut h3 { font-size: 10.5pt; margin: 8px 0 3px; }
  #beslut ol, #beslut ul { margin: 3px 0; }
  #beslut p { margin: 4px 0; }
  #beslut table.kstad-table { font-size: 7.5pt; margin: 2px 0 6px; }
  #beslut table.kstad-table th, #beslut table.kstad-table td { padding: 1px 4px; }
  #beslut table.kstad-table caption { font-size: 8pt; padding: 0; }
  h2 { break-before: auto; }
  #ekonomi { break-before: page; }
  .kstad-scroll { overflow: visible; }
  .kstad-toc { display: none; }
}
"""
