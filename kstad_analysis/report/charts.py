"""The report's charts: Altair specs turned into inline SVG.

Why SVG through vl-convert: the page must hold no JavaScript and fetch
nothing, so every chart is rendered here with no base URL allowed, in the
same Swedish number locale as the apps' charts
(:data:`kstad_analysis.formatting.VEGA_LOCALE`). Finansiell nytta and
omfördelningsnytta are separate bars, never one sum.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from kstad_analysis.escaping import esc
from kstad_analysis.formatting import VEGA_LOCALE, amount, pct
from kstad_analysis.i18n import t
from kstad_analysis.report.content import ReportContent
from kstad_analysis.report.tables import ROBUST_SHOWN, bastjanst_frame, robustness_frame

CHART_WIDTH = 520
TOP_IN_CHART = 15
TITLE_IN_CHART = 48


_VEGA_ROLES = re.compile(r'\s(?:role="graphics-[^"]*"|aria-roledescription="[^"]*")')


def svg(chart: alt.TopLevelMixin, alt_text: str = "") -> str:
    """An Altair chart as inline SVG (vl-convert): no JavaScript, no fetches.

    Accessibility: Vega's automatic ARIA labels are English ("Y-axis titled
    …"), so they are switched off and the SVG becomes one image
    (``role="img"``) named by ``alt_text``, the Swedish text alternative with
    the chart's values rounded (WCAG 1.1.1; the tagged PDF carries it too).
    """
    import vl_convert as vlc

    spec = chart.to_dict()
    spec.setdefault("config", {})["aria"] = False
    out = vlc.vegalite_to_svg(spec, format_locale=VEGA_LOCALE, allowed_base_urls=[])
    out = _VEGA_ROLES.sub("", out)  # the root group's English role description
    if alt_text:
        label = esc(alt_text)
        out = out.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
        out = out.replace(">", f"><title>{label}</title>", 1)
    return out


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
        y=alt.Y("mkr:Q", title="mnkr", axis=alt.Axis(format=",.1f")),
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
    data["mnkr"] = data["kr"] / 1e6
    title = t("report.col.saving", years=content.params.years).replace("(kr)", "(mnkr)")
    return alt.Chart(data).mark_bar(color="#2f6f4f").encode(
        x=alt.X("mnkr:Q", title=title, axis=alt.Axis(format=",.1f")),
        y=alt.Y("bastjänst:N", sort=list(data["bastjänst"]), title=None,
                axis=alt.Axis(labelLimit=320)),
    ).properties(width=CHART_WIDTH - 200, height=max(60, 20 * len(data)))


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
