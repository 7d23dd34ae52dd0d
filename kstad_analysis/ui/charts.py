"""Altair charts in Voila without internet.

Why this module: Voila 0.5's own renderer does not know Vega-Lite 6 and
Altair's default renderers fetch JavaScript from a CDN. ``JupyterChart`` in
offline mode bundles the JavaScript (from vl-convert) into the widget, about
1 MB per instance, so apps create a few charts once and then swap their spec.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import altair as alt

from kstad_analysis import paths
from kstad_analysis.formatting import VEGA_LOCALE

_offline = False


def _bundle_cache() -> Path:
    import vl_convert

    key = hashlib.sha256(f"{alt.__version__}-{vl_convert.__version__}".encode()).hexdigest()[:12]
    folder = paths.store_dir() / "cache"  # ours, not world-writable /tmp: it is served as JS
    folder.mkdir(exist_ok=True)
    return folder / f"jupyterchart-{key}.js"


def enable_offline() -> None:
    """Switch JupyterChart to bundled JavaScript (idempotent).

    Bundling takes vl-convert about 2.5 s in every new kernel; the bundle only
    depends on the Altair and vl-convert versions, so it is cached on disk and
    reused by the next kernel (Altair keeps it in ``JupyterChart._esm``; if
    that private attribute ever changes we fall back to the public call).
    """
    global _offline
    if _offline:
        return
    cache = _bundle_cache()
    if cache.exists() and hasattr(alt.JupyterChart, "_esm"):
        alt.JupyterChart._esm = cache.read_text(encoding="utf-8")
        alt.JupyterChart._is_offline = True
    else:
        alt.JupyterChart.enable_offline()
        if isinstance(getattr(alt.JupyterChart, "_esm", None), str):
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(alt.JupyterChart._esm, encoding="utf-8")
            tmp.replace(cache)  # atomic: a concurrent kernel never reads half a file
    alt.data_transformers.disable_max_rows()
    _offline = True


def live_chart(chart: alt.TopLevelMixin, css_class: str | None = None) -> alt.JupyterChart:
    """A JupyterChart widget for ``chart``; update it with ``update_chart``."""
    enable_offline()
    widget = alt.JupyterChart(chart, embed_options={
        "actions": False, "renderer": "svg", "formatLocale": VEGA_LOCALE,
    })
    if css_class:
        widget.add_class(css_class)
    return widget


def update_chart(widget: alt.JupyterChart, chart: alt.TopLevelMixin) -> None:
    """Replace the spec of an existing chart widget (no new JavaScript sent)."""
    widget.chart = chart

