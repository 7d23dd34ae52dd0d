"""Parse numbers the way Swedes write them in Excel and CSV.

Why: department plans arrive with ``1 200 000 kr``, ``1,5``, ``12 %`` and
numbers stored as text. Guessing wrong silently changes money, so anything
ambiguous is rejected (returns ``None`` with a reason) rather than coerced.
"""

from __future__ import annotations

import math
import re
from numbers import Real

from kstad_analysis.errors import NumberError

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
#: Unit words after a number; "mnkr" (miljoner kronor, the style of Swedish
#: budget documents) is "mkr" spelled out.
_UNITS = re.compile(r"(kr|sek|kronor|st|min|minuter|tkr|mkr|mnkr|msek|%)\.?$", re.IGNORECASE)
_MULTIPLIER = {"tkr": 1_000.0, "mkr": 1_000_000.0, "mnkr": 1_000_000.0, "msek": 1_000_000.0}
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")
#: ``1.500`` is 1,5 to an English reader and 1 500 to a Swede: refuse to guess.
_AMBIGUOUS = re.compile(r"^[+-]?\d{1,3}\.\d{3}$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3}){2,}(\.\d+)?$")


def parse_number(value: object) -> float | None:
    """Return the number in ``value``; ``None`` for an empty cell.

    Accepts Excel numbers and text such as ``1 200 000``, ``1 200 000 kr``,
    ``1,5``, ``12 %`` (→ 12.0; the caller decides what a percentage means),
    ``1.234.567,50``, ``2,5 mkr``, ``15 mnkr``. Raises ``NumberError`` for anything else,
    including NaN/inf and booleans, so bad cells are reported, not zeroed.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise NumberError(str(value))
    if isinstance(value, Real):
        number = float(value)
        if math.isnan(number):
            return None
        if math.isinf(number):
            raise NumberError(str(value))
        return number
    text = _SPACES.sub("", str(value)).strip()
    if text in {"", "-", "–"}:
        return None
    multiplier = 1.0
    unit = _UNITS.search(text)
    if unit:
        multiplier = _MULTIPLIER.get(unit.group(1).lower(), 1.0)
        text = text[: unit.start()]
    text = text.replace("\u2212", "-")
    if _AMBIGUOUS.match(text):
        raise NumberError(str(value))
    if _PLAIN.match(text):
        number = float(text)
    elif _COMMA_DECIMAL.match(text):
        number = float(text.replace(",", "."))
    elif _DOT_THOUSANDS.match(text):
        number = float(text.replace(".", "").replace(",", "."))
    elif _COMMA_THOUSANDS.match(text):
        number = float(text.replace(",", ""))
    else:
        raise NumberError(str(value))
    if math.isinf(number) or math.isnan(number):
        raise NumberError(str(value))
    return number * multiplier
