"""Altair charts in Voila without internet.

Why this module: Voila 0.5's own renderer does not know Vega-Lite 6 and
Altair's default renderers fetch JavaScript from a CDN. ``JupyterChart`` in
offline mode bundles the JavaScript (from vl-convert) into the widget, about
1 MB per instance, so apps create a few charts once and then swap their spec.
"""

from __future__ import annotations

import altair as alt

_offline = False


def enable_offline() -> None:
    """Switch JupyterChart to bundled JavaScript (idempotent)."""
    global _offline
    if not _offline:
        alt.JupyterChart.enable_offline()
        alt.data_transformers.disable_max_rows()
        _offline = True


def live_chart(chart: alt.TopLevelMixin, css_class: str | None = None) -> alt.JupyterChart:
    """A JupyterChart widget for ``chart``; update it with ``update_chart``."""
    enable_offline()
    widget = alt.JupyterChart(chart, embed_options={
        "actions": False, "renderer": "svg", "formatLocale": SWEDISH_NUMBER_LOCALE,
    })
    if css_class:
        widget.add_class(css_class)
    return widget


def update_chart(widget: alt.JupyterChart, chart: alt.TopLevelMixin) -> None:
    """Replace the spec of an existing chart widget (no new JavaScript sent)."""
    widget.chart = chart


#: d3-format locale: Swedish decimal comma and thin-space thousands.
SWEDISH_NUMBER_LOCALE = {
    "decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", " kr"],
}
