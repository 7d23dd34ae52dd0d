"""Prioritering: the parts of the page that do not hold state — the score
chart, the robustness badge and which needs the analysts' grouping
decisions changed. Kept apart so the app module stays about its widgets and
callbacks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from kstad_analysis.analysis import Analysis
from kstad_analysis.i18n import t
from kstad_analysis.ui.common import format_value


def score_chart(table: pd.DataFrame, criteria: Sequence[Any], rows: int) -> alt.Chart:
    """Stacked bars: each top need's score split by criterion."""
    labels = {f"contrib_{c.key}": c.label() for c in criteria}
    top = table.head(rows)
    long = top.melt(id_vars=["id", "title", "rank"], value_vars=list(labels),
                    var_name="kriterium", value_name="bidrag")
    long["kriterium"] = long["kriterium"].map(labels)
    long["behov"] = long["id"] + " " + long["title"].str.slice(0, 40)
    order = list(top["id"] + " " + top["title"].str.slice(0, 40))
    return alt.Chart(long).mark_bar().encode(
        x=alt.X("sum(bidrag):Q", title=t("app.rank.col_score")),
        y=alt.Y("behov:N", sort=order, title=None),
        color=alt.Color("kriterium:N", title=t("app.rank.criterion"),
                        sort=list(labels.values())),
        tooltip=[alt.Tooltip("behov:N", title=t("col.title")),
                 alt.Tooltip("kriterium:N", title=t("app.rank.criterion")),
                 alt.Tooltip("bidrag:Q", format=".3f", title=t("app.rank.contribution"))],
    ).properties(width=560, height=max(120, 18 * len(top)),
                 title=t("app.rank.chart_title", n=len(top)))


def _changed_by_analysts(analysis: Analysis) -> dict[str, tuple[int, int]]:
    """Needs whose koncernnytta the analysts' merge/split decisions changed:
    the same chain without the decisions, compared need by need."""
    after = analysis.koncernnytta
    if not analysis.decisions or after is None:
        return {}
    plain = Analysis.build(analysis.plans, analysis.scenario, analysis.store_dir,
                           threshold=analysis.threshold, decisions=[]).koncernnytta
    if plain is None:
        return {}
    before = plain.reindex(after.index)
    return {str(i): (int(b), int(a)) for i, b, a in zip(after.index, before, after, strict=True)
            if pd.notna(b) and int(a) != int(b)}


def _badge(p: float | None, inside: bool = True) -> str:
    """P(top N) as a coloured badge; outside the top N only when it is not ~0
    (a red "0 %" on every lower row says nothing)."""
    if p is None or not np.isfinite(p) or (not inside and p < 0.005):
        return ""
    level = "high" if p >= 0.8 else "mid" if p >= 0.3 else "low"
    return f"<span class='kstad-badge kstad-badge-{level}'>{format_value(p, 'pct')}</span>"
