"""HTML escaping for every user string that becomes markup (apps and report).

Why a module of its own: the apps and the report both escape plan text,
scenario names and notes; one function in a neutral module keeps the rule in
one place without the report importing the widget layer.
"""

from __future__ import annotations

import html

import pandas as pd


def esc(value: object) -> str:
    """HTML-escape any value (quotes too, so it is safe inside attributes);
    missing values (None, NA, NaN) become the empty string."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


__all__ = ["esc"]
