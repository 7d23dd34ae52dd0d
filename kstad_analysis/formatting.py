"""Swedish number formatting for every front-end: terminal, apps, report, messages.

Why one module: an amount must read the same wherever a manager sees it –
``12 500 000 kr`` in the terminal, an app, the PDF report and a solver's
explanation of an infeasible budget – with a non-breaking space as thousands
separator (so an amount never wraps), a decimal comma and ``–`` for an
unknown value. It lives outside ``ui`` so that solvers, commands and the
report do not import the widget package to print a number.
"""

from __future__ import annotations

import math

import pandas as pd

NBSP = "\u00a0"
#: d3-format locale for Vega charts (the apps' widgets and the report's SVG):
#: decimal comma, non-breaking space between thousands, "kr" after amounts.
VEGA_LOCALE = {"decimal": ",", "thousands": NBSP, "grouping": [3], "currency": ["", " kr"]}
#: Shown for an unknown value (None, NA, NaN), never a silent 0.
UNKNOWN = "–"
#: The typographic minus (U+2212) printed documents use instead of a hyphen.
MINUS = "\u2212"
#: Divisor and decimals of each amount unit a printed table may state once.
AMOUNT_UNITS = {"kr": (1.0, 0), "tkr": (1_000.0, 0), "mnkr": (1_000_000.0, 1)}


def plain(value: object) -> object:
    """A numpy scalar as the Python value, and None for every kind of missing
    (None, ``pd.NA``, NaN), so formatting and JSON see one representation."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def format_value(value: object, fmt: str | None = None) -> str:
    """Swedish number formatting: space as thousands separator, comma decimal.

    ``fmt``: ``"kr"`` whole kronor (``1 500 kr``), ``"int"`` a whole number
    (``1 500``), ``".N"`` N decimals (``0,26``), ``",.N"`` N decimals with
    thousands separators (``1 234,500``), ``"pct"`` a share as whole percent
    (``26 %``); ``None`` or a non-number gives ``str(value)``. Unknown → ``–``.
    """
    value = plain(value)
    if value is None:
        return UNKNOWN
    if not isinstance(value, int | float) or fmt is None:
        return str(value)
    if fmt == "kr":
        return f"{value:,.0f} kr".replace(",", NBSP)
    if fmt == "int":
        return f"{value:,.0f}".replace(",", NBSP)
    if fmt.startswith(",."):
        return format(value, fmt + "f").replace(",", NBSP).replace(".", ",")
    if fmt.startswith("."):
        return format(value, fmt + "f").replace(".", ",")
    if fmt == "pct":
        return f"{100 * value:.0f}{NBSP}%"
    return str(value)


def amount(value: object, unit: str = "kr", *, with_unit: bool = False,
           decimals: int | None = None) -> str:
    """An amount in kronor shown in ``unit`` (``kr``, ``tkr``, ``mnkr``), the
    way a Swedish budget document prints it: non-breaking thousands space,
    decimal comma and a true minus sign (``−1 234``; a hyphen reads as a
    dash and breaks screen readers' numbers). ``with_unit`` appends the unit
    (``12,3 mnkr``); a table states it once in its caption instead.
    Unknown → ``–``. Why apart from :func:`format_value`: the apps' widgets
    keep their hyphen-minus; printed documents use this one.
    """
    value = plain(value)
    if value is None or not isinstance(value, int | float):
        return UNKNOWN if value is None else str(value)
    divisor, default = AMOUNT_UNITS[unit]
    places = default if decimals is None else decimals
    number = float(value) / divisor
    if round(number, places) == 0:
        number = 0.0  # "−0,0" is not a number anyone means
    text = f"{abs(number):,.{places}f}".replace(",", NBSP).replace(".", ",")
    sign = MINUS if number < 0 else ""
    return f"{sign}{text}{NBSP}{unit}" if with_unit else f"{sign}{text}"


def mnkr(value: object) -> str:
    """Million kronor with one decimal, e.g. ``12,3 mnkr`` (``−0,4 mnkr``)."""
    return amount(value, "mnkr", with_unit=True)


def kr(value: object) -> str:
    """Whole kronor, e.g. ``1 500 000 kr`` (``–`` if unknown)."""
    return format_value(value, "kr")


def pct(value: object) -> str:
    """A share as whole percent, e.g. ``0.256`` → ``26 %`` (``–`` if unknown)."""
    return format_value(value, "pct")


__all__ = ["AMOUNT_UNITS", "MINUS", "NBSP", "UNKNOWN", "amount", "format_value", "kr", "mnkr", "pct",
           "plain"]
