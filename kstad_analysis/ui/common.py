"""Shared pieces for the apps: which plans to show, and safe HTML.

Every piece of user text (titles from Excel, scenario names) passes through
``esc`` before it becomes HTML, because a spreadsheet cell can hold
``<script>`` and a Voila visitor can send any widget value.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd

from kstad_analysis import paths
from kstad_analysis.escaping import esc  # re-exported for the apps
from kstad_analysis.formatting import format_value as _format_value
from kstad_analysis.intake import Plans, read_plans

PLANS_ENV = "KSTAD_PLANS"
MINUS = "\u2212"


def format_value(value: object, fmt: str | None = None) -> str:
    """``kstad_analysis.formatting.format_value`` for the page: a true minus
    sign (U+2212) for negatives and never ``-0,0`` (a rounded zero is 0)."""
    text = _format_value(value, fmt)
    if fmt is None or not text.startswith("-"):
        return text
    if not any(c in "123456789" for c in text):
        return text[1:]  # -0,0 is a rounded zero
    return MINUS + text[1:]


def year(value: object) -> str:
    """A calendar year as written (``2027``, not ``2 027``); ``–`` if unknown."""
    text = _format_value(value, ".0")
    return text if text == "–" else text.lstrip("-")


def plan_inputs() -> list[Path]:
    """The plans the apps show: ``KSTAD_PLANS`` (set by ``kstad app --data``)
    or the bundled sample."""
    configured = os.environ.get(PLANS_ENV, "")
    parts = [Path(p) for p in configured.split(os.pathsep) if p.strip()]
    return parts or [paths.raw_dir()]


@lru_cache(maxsize=4)
def _cached_plans(inputs: tuple[str, ...]) -> Plans:
    return read_plans(inputs)


def app_plans() -> Plans:
    """Validated plans for the apps, read once per kernel."""
    return _cached_plans(tuple(str(p) for p in plan_inputs()))


def html_table(frame: pd.DataFrame, *, css_class: str = "kstad-table",
               row_class: str | None = None, formats: dict[str, str] | None = None,
               max_rows: int = 500) -> str:
    """Render a frame as an escaped HTML table (pandas' ``to_html`` would
    need ``escape=True`` everywhere; one helper keeps it in one place)."""
    formats = formats or {}
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    rows = []
    for _, row in frame.head(max_rows).iterrows():
        cells = "".join(
            f"<td>{esc(format_value(row[c], formats.get(str(c))))}</td>" for c in frame.columns
        )
        cls = f' class="{esc(row_class)}"' if row_class else ""
        rows.append(f"<tr{cls}>{cells}</tr>")
    return (
        f'<table class="{esc(css_class)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def when_visited(callback) -> None:
    """Run ``callback`` when a visitor actually opens the page.

    Why: Voila runs the notebook in a preheated kernel long before anyone
    visits; anything that can change meanwhile in other kernels (saved
    scenarios, analysts' grouping decisions) must be re-read at the visit.
    Outside preheated Voila (JupyterLab, nbval) it runs at once.
    """
    from voila.utils import wait_for_request

    wait_for_request()
    callback()


def join_ids(ids: Iterable[str] | Sequence[str]) -> str:
    return ", ".join(str(i) for i in ids)
