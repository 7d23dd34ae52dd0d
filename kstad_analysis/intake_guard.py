"""Bounds and cleaning for plan files before and while they are read.

Why: plans arrive as uploads from anyone who reaches the apps. An .xlsx is a
zip archive whose sheets may declare ``<dimension ref="A1:XFD1048576"/>``
(openpyxl's read-only mode then pads every row to 16,384 cells and yields
a million rows: a 1.7 KB file made intake build the whole grid) or hold a
deflate bomb (1 MB that inflates to gigabytes). So, before anything is
unpacked, the archive's *declared* sizes are checked (Python's ``zipfile``
never inflates a member past its declared size: a member that lies fails
its CRC check instead), and sheets are read ignoring their declared
dimension, stopping at the row and column limits of
``data/config/intake.toml``.

Text cells are cleaned as they are read: control characters (NUL, vertical
tab, ESC …) break the Excel export and reach terminals as escape
sequences, and bidirectional overrides/isolates (U+202A–U+202E,
U+2066–U+2069) make a title display in another order than it is stored
("Trojan source"); HTML escaping does not neutralise either. Both are
removed with a warning naming the cell. Newlines and tabs stay (a
description may have paragraphs); carriage returns become newlines.
Marks like U+200E/U+200F (left-to-right/right-to-left mark), which only
help a name in another script display correctly, are kept.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kstad_analysis import config
from kstad_analysis.i18n import t

#: Control characters removed from text cells (tab and newline kept).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
#: Bidirectional embeddings, overrides and isolates.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_MB = 1024 * 1024


class TooLarge(ValueError):
    """A sheet or file beyond the configured limits; the message is Swedish."""


@dataclass(frozen=True)
class Limits:
    """What intake reads at most (``data/config/intake.toml``, ``[granser]``)."""

    file_bytes: int = 20 * _MB
    unpacked_bytes: int = 120 * _MB
    members: int = 2000
    rows: int = 60_000
    columns: int = 200
    shown_warnings: int = 20


def limits() -> Limits:
    """The configured limits (defaults when the file or a key is absent)."""
    try:
        raw: dict[str, Any] = config.load("intake").get("granser", {})
    except FileNotFoundError:
        raw = {}
    default = Limits()
    return Limits(
        file_bytes=int(raw.get("max_fil_mb", default.file_bytes / _MB) * _MB),
        unpacked_bytes=int(raw.get("max_okomprimerat_mb", default.unpacked_bytes / _MB) * _MB),
        members=int(raw.get("max_delar", default.members)),
        rows=int(raw.get("max_rader", default.rows)),
        columns=int(raw.get("max_kolumner", default.columns)),
        shown_warnings=int(raw.get("visade_teckenvarningar", default.shown_warnings)),
    )


def _mb(size: int) -> str:
    return f"{size / _MB:.1f}".replace(".", ",")


def check_file(path: Path, lim: Limits) -> str | None:
    """Why ``path`` must not be read (Swedish), or None.

    For a workbook: its size on disk, then the archive's member count and
    declared unpacked size; nothing is inflated here.
    """
    size = path.stat().st_size
    if size > lim.file_bytes:
        return t("intake.file_too_large", size=_mb(size), limit=_mb(lim.file_bytes))
    if path.suffix.lower() == ".csv":
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # openpyxl reports it as unreadable, with its own reason
    if len(members) > lim.members:
        return t("intake.archive_members", count=len(members), limit=lim.members)
    unpacked = sum(m.file_size for m in members)
    if unpacked > lim.unpacked_bytes:
        return t("intake.archive_unpacked", size=_mb(unpacked), limit=_mb(lim.unpacked_bytes))
    return None


def sheet_rows(sheet: Any, lim: Limits) -> Iterator[tuple[object, ...]]:
    """The rows of a read-only openpyxl sheet as value tuples, ignoring the
    sheet's declared dimension; ``TooLarge`` past the row or column limit.

    Rows the file does not store (gaps) come back as ``()``; the grid is
    never padded to a declared width.
    """
    sheet.reset_dimensions()
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > lim.rows:
            raise TooLarge(t("intake.too_many_rows", limit=lim.rows))
        if len(row) > lim.columns:
            raise TooLarge(t("intake.too_many_columns", limit=lim.columns, row=number))
        yield row


def check_grid_shape(grid: list[list[object]], lim: Limits) -> None:
    """The same limits for a grid read another way (CSV)."""
    if len(grid) > lim.rows:
        raise TooLarge(t("intake.too_many_rows", limit=lim.rows))
    for number, row in enumerate(grid, start=1):
        if len(row) > lim.columns:
            raise TooLarge(t("intake.too_many_columns", limit=lim.columns, row=number))


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``27`` → ``AB`` (Excel's column names)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def clean_text(value: str) -> tuple[str, list[str]]:
    """``value`` without control and bidi characters, and what was removed
    (``U+001B``-style names, for the warning)."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    found = CONTROL.findall(text) + BIDI.findall(text)
    if not found:
        return text, []
    names = sorted({f"U+{ord(c):04X}" for c in found})
    return BIDI.sub("", CONTROL.sub("", text)), names


def clean_grid(grid: list[list[object]]) -> list[tuple[int, int, list[str]]]:
    """Clean every text cell of ``grid`` in place; return ``(row, column, removed)``
    for each cell changed (0-based positions)."""
    changed: list[tuple[int, int, list[str]]] = []
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if isinstance(value, str) and (CONTROL.search(value) or BIDI.search(value) or "\r" in value):
                cleaned, removed = clean_text(value)
                row[j] = cleaned
                if removed:
                    changed.append((i, j, removed))
    return changed


__all__ = ["BIDI", "CONTROL", "Limits", "TooLarge", "check_file", "check_grid_shape", "clean_grid",
           "clean_text", "column_letter", "limits", "sheet_rows"]
