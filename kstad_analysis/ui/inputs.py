"""Number boxes and slider readouts that speak Swedish.

Why: ipywidgets' number boxes read ``10,5`` as 105 and snap ``30,5`` to the
step, and their readouts print ``0.20``. A budget meeting cannot afford a
number that silently becomes another one, so every typed number goes
through the intake's parser (``kstad_analysis.numbers.parse_number``: decimal
comma, spaces, ``mkr``), anything it cannot read or that lies outside the
allowed range is refused with a Swedish message (the last good value stays),
and slider values are shown by us in Swedish (``20 %``, ``30,5 mnkr``).
Every widget value may be hostile (see ``kstad_analysis.guards``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import ipywidgets as w

from kstad_analysis import guards
from kstad_analysis.errors import NumberError
from kstad_analysis.i18n import t
from kstad_analysis.numbers import parse_number
from kstad_analysis.ui.common import esc, format_value

TEXT_MAX = 60
#: A money unit at the end of typed text: the parser then gives kronor.
_MONEY = re.compile(r"(kr|sek|kronor|tkr|mkr|msek)\.?\s*$", re.IGNORECASE)
_MNKR = re.compile(r"mnkr\.?\s*$", re.IGNORECASE)


def swedish_number(value: float, decimals: int = 1) -> str:
    """``30.5`` → ``30,5``; no ``-0,0`` and a true minus sign for negatives."""
    if not math.isfinite(value):
        return "–"
    return format_value(value, f",.{decimals}")


def read_number(text: object, lo: float, hi: float, *,
                kr_per_unit: float | None = None) -> tuple[float | None, str]:
    """(the number in ``text``, "") or (None, a Swedish reason) — never a guess.

    Empty text, unreadable text and values outside ``[lo, hi]`` are refused.
    With ``kr_per_unit`` (a box in mnkr: 1e6) an amount typed with its unit
    (``2,5 mkr``, ``2,5 mnkr``, ``1 250 000 kr``) is converted to the box's unit.
    """
    raw = guards.safe_text(text, TEXT_MAX)
    if not raw:
        return None, t("app.num.empty")
    typed = _MNKR.sub("mkr", raw) if kr_per_unit else raw
    try:
        number = parse_number(typed)
    except NumberError:
        return None, t("app.num.unreadable", text=raw)
    if number is None:
        return None, t("app.num.empty")
    if kr_per_unit and _MONEY.search(typed):
        number = number / kr_per_unit
    if not lo <= number <= hi:
        return None, t("app.num.range", text=raw, lo=swedish_number(lo), hi=swedish_number(hi))
    return float(number), ""


class NumberBox:
    """A text box for one number: ``box.value`` is the last valid number.

    ``on_change(callback)`` is called with the new value when the visitor
    has typed a valid one (on Enter or leaving the box); an invalid entry
    shows ``box.message`` in red and keeps the previous value.
    """

    def __init__(self, description: str, value: float, lo: float, hi: float, *,
                 decimals: int = 1, unit: str = "", kr_per_unit: float | None = None,
                 css_class: str | None = None, width: str = "260px",
                 description_width: str = "120px"):
        self.lo, self.hi, self.decimals, self.unit = lo, hi, decimals, unit
        self.kr_per_unit = kr_per_unit
        self.value = guards.clamp_number(value, lo, hi, lo)
        self.text = w.Text(value=self._shown(self.value), description=description,
                           continuous_update=False, style={"description_width": description_width},
                           layout=w.Layout(width=width))
        self.message = w.HTML()
        self.message.add_class("kstad-input-message")
        self._callbacks: list[Callable[[float], None]] = []
        self._quiet = False
        self.text.observe(self._typed, names="value")
        self.widget = w.HBox([self.text, w.HTML(f"<span class='kstad-unit'>{esc(unit)}</span>"),
                              self.message])
        if css_class:
            self.widget.add_class(css_class)
            self.text.add_class(css_class + "-text")

    def _shown(self, value: float) -> str:
        """The value with at most ``decimals`` decimals, trailing zeros dropped (30,5)."""
        text = swedish_number(value, self.decimals).replace("\u2212", "-")
        return text.rstrip("0").rstrip(",") if "," in text else text

    def on_change(self, callback: Callable[[float], None]) -> None:
        self._callbacks.append(callback)

    def set(self, value: float) -> None:
        """Set from code (a loaded scenario, a slider): shown, no callback."""
        self.value = guards.clamp_number(value, self.lo, self.hi, self.value)
        self._quiet = True
        try:
            self.text.value = self._shown(self.value)
        finally:
            self._quiet = False
        self.message.value = ""

    def error(self, text: str) -> None:
        self.message.value = f"<span class='kstad-error'>{esc(text)}</span>" if text else ""

    def _typed(self, change: dict) -> None:
        if self._quiet:
            return
        number, why = read_number(change.get("new"), self.lo, self.hi,
                                  kr_per_unit=self.kr_per_unit)
        if number is None:
            self.error(why)
            return
        self.message.value = ""
        self.value = number
        for callback in self._callbacks:
            callback(number)


def readout(slider: w.DOMWidget, formatter: Callable[[float], str], css_class: str = "kstad-readout",
            ) -> w.HBox:
    """The slider without its own readout, beside our Swedish one (never clipped)."""
    slider.readout = False
    label = w.HTML()
    label.add_class(css_class)

    def _show(_change: object = None) -> None:
        value = guards.clamp_number(slider.value, slider.min, slider.max, slider.min)
        label.value = f"<span>{esc(formatter(value))}</span>"

    slider.observe(_show, names="value")
    _show()
    box = w.HBox([slider, label])
    box.add_class("kstad-slider")
    return box


def percent(value: float) -> str:
    """A 0–1 weight or share as ``20 %``."""
    return f"{swedish_number(100 * value, 0)}\u00a0%"
