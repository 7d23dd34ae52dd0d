"""Guards for values that arrive in widget callbacks.

Why: standalone Voila forwards widget (comm) messages from the page, so a
visitor can set any synced widget property to any JSON value: a string where
a slider expects a number, NaN, 1e300, a 10 MB text, IDs that do not exist.
Every callback passes what it receives through one of these functions before
using it. They never raise on hostile input; they return a safe value (the
default when nothing usable arrived), so a callback can simply reset the
widget and carry on.

They do *not* HTML-escape: text is stored verbatim and escaped where it is
shown (``kstad_analysis.ui.common.esc``), so nothing is escaped twice.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Collection, Hashable, Iterable
from typing import TypeVar

from kstad_analysis import export

T = TypeVar("T")

#: C0/C1 control characters, Unicode line/paragraph separators and the
#: bidirectional overrides/isolates used for "Trojan source" spoofing.
CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: As ``CONTROL_CHARS`` but keeping newline and tab (multi-line notes).
CONTROL_CHARS_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

#: A Python ``list``/``tuple``/``set`` arriving from a widget is scanned at
#: most this many times ``max_items`` before the rest is ignored.
_SCAN_FACTOR = 4


def is_real_number(value: object) -> bool:
    """True for int/float/numpy numbers, False for bool (a slider never sends one)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def clamp_number(value: object, lo: float, hi: float, default: float) -> float:
    """``value`` as a float within ``[lo, hi]``; ``default`` when unusable.

    Unusable means not a real number (``None``, text, lists, bools) or NaN or
    ±infinity: those say nothing about where the visitor meant to be, so the
    default is safer than the nearest bound. Finite values outside the range
    (a budget of ``-5`` or ``1e300``) are clamped to the nearest bound.
    """
    if not lo <= default <= hi:
        raise ValueError(f"default {default} outside [{lo}, {hi}]")
    if not is_real_number(value):
        return float(default)
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        return float(default)
    return min(max(number, float(lo)), float(hi))


def clamp_int(value: object, lo: int, hi: int, default: int) -> int:
    """As ``clamp_number`` for integer settings (top N, years); rounds halves to even."""
    return int(round(clamp_number(value, lo, hi, default)))


def safe_text(value: object, max_len: int, *, multiline: bool = False) -> str:
    """Text without control characters, NFC-normalised, stripped, at most ``max_len`` long.

    Non-text values become ``""``. Work is bounded: only the first
    ``2 * max_len + 256`` characters are looked at, so a 10 MB string costs
    no more than a short one. ``multiline`` keeps newlines and tabs (notes).
    """
    if not isinstance(value, str) or max_len <= 0:
        return ""
    head = value[: 2 * max_len + 256]
    pattern = CONTROL_CHARS_MULTILINE if multiline else CONTROL_CHARS
    cleaned = unicodedata.normalize("NFC", pattern.sub("", head)).strip()
    return cleaned[:max_len].rstrip()


def choice(value: object, allowed: Iterable[T], default: T) -> T:
    """``value`` if it is one of ``allowed`` (same type, equal), else ``default``.

    The type check stops ``True`` from passing for ``1`` and ``1.0`` for ``1``.
    Returns the allowed object itself, never the visitor's.
    """
    for candidate in allowed:
        if type(value) is type(candidate) and value == candidate:
            return candidate
    return default


def ids_subset(values: object, known_ids: Collection[Hashable], max_items: int) -> tuple[str, ...]:
    """The known IDs among ``values``, in order, without duplicates, at most ``max_items``.

    ``values`` must be a list, tuple or set (what a multi-select sends);
    anything else gives ``()``. Unknown IDs and non-text items are dropped.
    """
    if not isinstance(values, list | tuple | set | frozenset) or max_items <= 0:
        return ()
    chosen: dict[str, None] = {}
    for scanned, item in enumerate(values):
        if scanned >= _SCAN_FACTOR * max_items or len(chosen) >= max_items:
            break
        if isinstance(item, str) and item in known_ids:
            chosen.setdefault(item, None)
    return tuple(chosen)


def safe_filename(value: object, default: str = "export", limit: int = 80) -> str:
    """A file name from visitor input, via ``kstad_analysis.export.safe_filename``.

    Adds only what a widget value needs first: non-text becomes ``default``
    and control characters are removed before the export rules apply.
    """
    text = safe_text(value, 4 * limit)
    return export.safe_filename(text, default=default, limit=limit) if text else default
