"""The report's charts: Vega-Lite specs turned into inline SVG.

Why SVG through vl-convert: the page must hold no JavaScript and fetch
nothing, so every chart is rendered here with no base URL allowed, in the
same Swedish number locale as the apps' charts
(:data:`kstad_analysis.formatting.VEGA_LOCALE`). Finansiell nytta and
omfördelningsnytta are separate bars, never one sum.

Why plain Vega-Lite dicts and not Altair: importing altair loads
jsonschema's format checkers (rfc3987_syntax builds a grammar at import),
about 1.5 s of CPU in every report kernel before the first number, and
``to_dict`` validates each spec against the full schema again; the four
charts need neither (vl-convert compiles the spec itself, and the tests
render every chart). ``svg`` still takes an Altair chart.
"""

from __future__ import annotations

import re
from typing import Any

from kstad_analysis.escaping import esc
from kstad_analysis.formatting import VEGA_LOCALE, amount, pct
from kstad_analysis.i18n import t
from kstad_analysis.report.content import ReportContent
from kstad_analysis.report.tables import ROBUST_SHOWN, bastjanst_frame, robustness_frame

CHART_WIDTH = 520
TOP_IN_CHART = 15
TITLE_IN_CHART = 48

Spec = dict[str, Any]

_VEGA_ROLES = re.compile(r'\s(?:role="graphics-[^"]*"|aria-roledescription="[^"]*")')


def svg(chart: Spec | Any, alt_text: str = "") -> str:
    """A Vega-Lite spec (or an Altair chart) as inline SVG (vl-convert): no
    JavaScript, no fetches.

    Accessibility: Vega's automatic ARIA labels are English ("Y-axis titled
    …"), so they are switched off and the SVG becomes one image
    (``role="img"``) named by ``alt_text``, the Swedish text alternative with
    the chart's values rounded (WCAG 1.1.1; the tagged PDF carries it too).
    """
    import vl_convert as vlc

    spec = dict(chart) if isinstance(chart, dict) else chart.to_dict()
    spec["config"] = {**spec.get("config", {}), "aria": False}
    out = vlc.vegalite_to_svg(spec, format_locale=VEGA_LOCALE, allowed_base_urls=[])
    out = _VEGA_ROLES.sub("", out)  # the root group's English role description
    if alt_text:
        label = esc(alt_text)
        out = out.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
        out = out.replace(">", f"><title>{label}</title>", 1)
    return out


def _bar(rows: list[dict[str, Any]], encoding: Spec, width: int, height: int,
         mark: Spec | None = None) -> Spec:
    """A bar chart spec with its rows inline (``datasets``, as Altair writes them)."""
    return {
        "datasets": {"data": rows}, "data": {"name": "data"},
        "mark": {"type": "bar", **(mark or {})}, "encoding": encoding,
        "width": width, "height": height,
    }


def _short(text: object, limit: int = TITLE_IN_CHART) -> str:
    value = str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _criterion_labels(content: ReportContent) -> dict[str, str]:
    return {c.key: c.label() for c in content.criteria}


def priority_chart(content: ReportContent, top: int = TOP_IN_CHART) -> Spec:
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
    return _bar(rows, {
        "x": {"field": "bidrag", "type": "quantitative", "title": t("report.col.score"),
              "stack": "zero"},
        "y": {"field": "behov", "type": "nominal", "sort": order, "title": None,
              "axis": {"labelLimit": 320}},
        "color": {"field": "kriterium", "type": "nominal", "title": t("report.col.criterion"),
                  "sort": list(labels.values()), "legend": {"orient": "bottom", "columns": 4}},
    }, CHART_WIDTH - 200, max(80, 18 * len(order)))


def benefits_chart(content: ReportContent) -> Spec:
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
    return _bar(rows, {
        "x": {"field": "år", "type": "nominal", "title": t("report.col.year"),
              "axis": {"labelAngle": 0}},
        "xOffset": {"field": "slag", "type": "nominal", "sort": list(kinds.values())},
        "y": {"field": "mkr", "type": "quantitative", "title": "mnkr", "axis": {"format": ",.1f"}},
        "color": {"field": "slag", "type": "nominal", "title": None, "sort": list(kinds.values()),
                  "scale": {"range": ["#9e3a26", "#2f6f4f", "#7fb48f"]},
                  "legend": {"orient": "bottom"}},
    }, CHART_WIDTH, 220)


def robustness_chart(content: ReportContent, top: int = 2 * TOP_IN_CHART) -> Spec:
    """P(top N) for the needs most often near the top, coloured by verdict."""
    table = robustness_frame(content)
    table = table[table["p_top"] >= ROBUST_SHOWN].head(top)
    rows = [{"behov": f"{_short(r.title)} ({r.id})", "andel": float(r.p_top),
             "bedömning": str(r.verdict)} for r in table.itertuples()]
    verdicts = [t("report.robust.safe"), t("report.robust.depends"), t("report.robust.unlikely")]
    return _bar(rows, {
        "x": {"field": "andel", "type": "quantitative", "title": t("report.robust.chart", n=content.top_n),
              "scale": {"domain": [0, 1]}, "axis": {"format": "%"}},
        "y": {"field": "behov", "type": "nominal", "sort": [r["behov"] for r in rows], "title": None,
              "axis": {"labelLimit": 320}},
        "color": {"field": "bedömning", "type": "nominal", "title": None, "sort": verdicts,
                  "scale": {"domain": verdicts, "range": ["#2f6f4f", "#d08c2b", "#9a9a9a"]},
                  "legend": {"orient": "bottom"}},
    }, CHART_WIDTH - 200, max(80, 16 * len(rows)))


def bastjanst_chart(content: ReportContent) -> Spec:
    """Saving per proposed base service."""
    cands = bastjanst_frame(content)
    rows = [{"bastjänst": _short(label), "kr": float(saving), "mnkr": float(saving) / 1e6}
            for label, saving in zip(cands["label"], cands["saving"].astype(float), strict=True)]
    title = t("report.col.saving", years=content.params.years).replace("(kr)", "(mnkr)")
    return _bar(rows, {
        "x": {"field": "mnkr", "type": "quantitative", "title": title, "axis": {"format": ",.1f"}},
        "y": {"field": "bastjänst", "type": "nominal", "sort": [r["bastjänst"] for r in rows],
              "title": None, "axis": {"labelLimit": 320}},
    }, CHART_WIDTH - 200, max(60, 20 * len(rows)), mark={"color": "#2f6f4f"})


# --------------------------------------------------------------------------- text alternatives


def _pairs(items: list[tuple[str, str]]) -> str:
    return "; ".join(f"{a}: {b}" for a, b in items)


def priority_alt(content: ReportContent, top: int = TOP_IN_CHART) -> str:
    """The priority chart in words: each shown need's rank, title and score."""
    head = content.ranking.head(top)
    items = [(f"{int(r['rank'])}. {_short(r['title'])}", f"{float(r['score']):.2f}".replace(".", ","))
             for _, r in head.iterrows()]
    return t("report.alt.priority", n=len(items), values=_pairs(items))


def benefits_alt(content: ReportContent) -> str:
    """The yearly bars in words, in mnkr with one decimal."""
    muni = content.municipality
    items = [(str(int(r["year"])), t("report.alt.benefits_year",
                                     cost=amount(r["it_cost"], "mnkr"),
                                     financial=amount(r["benefit_financial"], "mnkr"),
                                     redistribution=amount(r["benefit_redistribution"], "mnkr")))
             for _, r in muni.iterrows()]
    return t("report.alt.benefits", values=_pairs(items))


def robustness_alt(content: ReportContent, top: int = 2 * TOP_IN_CHART) -> str:
    table = robustness_frame(content)
    table = table[table["p_top"] >= ROBUST_SHOWN].head(top)
    items = [(_short(r.title), pct(r.p_top)) for r in table.itertuples()]
    return t("report.alt.robust", n=content.top_n, values=_pairs(items))


def bastjanst_alt(content: ReportContent) -> str:
    cands = bastjanst_frame(content)
    items = [(_short(r.label), f"{amount(r.saving, 'mnkr')} mnkr") for r in cands.itertuples()]
    return t("report.alt.bastjanst", years=content.params.years, values=_pairs(items))
