"""Write tables for people and machines: terminal, CSV, JSON and Excel.

Why one module: every command and report exports the same way, and Excel
export must neutralise formula injection (a title like ``=HYPERLINK(...)``
from a department's spreadsheet must arrive as text, never as a formula).
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

import pandas as pd

FORMATS = ("table", "csv", "json", "xlsx")
_SUFFIX_FORMATS = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_NAME = re.compile(r"[^0-9A-Za-zÅÄÖåäöÉé_.-]+")
#: What an xlsx cell cannot hold (openpyxl raises ``IllegalCharacterError``, XML 1.0 forbids it).
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: What must not reach a terminal: C0/C1 controls except tab and newline (ESC sequences).
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Shown in place of a character a cell or terminal cannot take, so the reader sees one was there.
REPLACEMENT = "\ufffd"
#: Characters Excel refuses in sheet names.
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\']")


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with ``'``.

    OWASP's CSV-injection advice: cells starting with ``= + - @`` (or tab/CR)
    are made inert. Numbers are left alone (``-5`` as a number is fine).
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def xlsx_text(value: object) -> object:
    """``value`` with the characters a workbook cannot hold replaced by U+FFFD.

    Why: a NUL or ESC in a title (from a CSV, an older store) made the export
    fail half-way with a traceback and a truncated file.
    """
    if isinstance(value, str) and _XLSX_ILLEGAL.search(value):
        return _XLSX_ILLEGAL.sub(REPLACEMENT, value)
    return value


def terminal_text(value: object) -> object:
    """``value`` with terminal control characters (ESC sequences) replaced by U+FFFD."""
    if isinstance(value, str) and _TERMINAL_UNSAFE.search(value):
        return _TERMINAL_UNSAFE.sub(REPLACEMENT, value)
    return value


def safe_filename(name: str, default: str = "export", limit: int = 80) -> str:
    """A file name safe on every OS: no paths, no control characters."""
    cleaned = _UNSAFE_NAME.sub("_", name).strip("._")[:limit]
    return cleaned or default


def _jsonable(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item"):
        return _jsonable(value.item())
    if isinstance(value, int | float | str | bool):
        return value
    return str(value)


def frame_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows as JSON-safe dicts (NaN/NA → null, numpy scalars → Python)."""
    return [
        {str(k): _jsonable(v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]


def _sheet_name(name: object, taken: set[str]) -> str:
    base = _SHEET_UNSAFE.sub("_", str(xlsx_text(neutralise(str(name)))).replace("'", "")).strip()[:31]
    base = base or "Blad"
    sheet, k = base, 2
    while sheet.casefold() in taken:  # Excel compares sheet names without case
        sheet = f"{base[:28]}_{k}"
        k += 1
    taken.add(sheet.casefold())
    return sheet


def write_excel(sheets: Mapping[str, pd.DataFrame], out: str | Path,
                number_formats: Mapping[str, Mapping[str, str]] | None = None) -> Path:
    """Write several frames to one workbook, neutralising every text cell.

    Every sheet gets a bold, frozen header row with filters, so a reader can
    sort and filter at once; ``number_formats[sheet][column]`` sets an Excel
    number format (``#,##0``, ``0%``, ``0``) on a column's cells, so amounts
    stay numbers the reader can sum (never text such as ``"1 500 kr"``).
    The workbook is written to a temporary file beside ``out`` and renamed
    into place, so a failure never leaves a truncated file under ``out``.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".kstad-", suffix=".xlsx", dir=out.parent)
    os.close(handle)
    try:
        _write_excel(sheets, Path(temp), number_formats)
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return out


def _write_excel(sheets: Mapping[str, pd.DataFrame], out: Path,
                 number_formats: Mapping[str, Mapping[str, str]] | None = None) -> None:
    from openpyxl.styles import Font

    taken: set[str] = set()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe = frame.copy()
            for column in safe.columns:
                # every non-numeric column: pandas 3's ``str`` dtype, ``string`` and ``object``
                if not pd.api.types.is_numeric_dtype(safe[column].dtype):
                    safe[column] = safe[column].astype(object).map(
                        lambda v: xlsx_text(neutralise(", ".join(map(str, v)) if isinstance(v, tuple)
                                                       else v))
                    )
            formats = dict((number_formats or {}).get(name, {}))
            safe.columns = [xlsx_text(neutralise(str(c))) for c in safe.columns]
            sheet = _sheet_name(name, taken)
            safe.to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            for cells in ws.columns:
                width = max(len(str(c.value or "")) for c in cells[:50])
                ws.column_dimensions[cells[0].column_letter].width = min(max(10, width + 2), 60)
                code = formats.get(str(frame.columns[cells[0].column - 1]))
                if code:
                    for cell in cells[1:]:
                        cell.number_format = code
            for cell in ws[1]:
                cell.font = Font(bold=True)
            ws.freeze_panes = "A2"
            if ws.max_row >= 1 and ws.max_column >= 1 and len(safe.columns):
                ws.auto_filter.ref = ws.dimensions


def format_for(out: str | Path | None, fmt: str = "table") -> str:
    """The export format actually used: ``fmt``, except that the default
    ``table`` written to a file follows the file's suffix (``.csv``, ``.json``,
    ``.xlsx``), so ``--out resultat.xlsx`` gives a workbook without ``--format``.

    Every command decides this the same way, so an explicit ``--format``
    always wins and an unknown suffix keeps the plain table.
    """
    if out is None or fmt != "table":
        return fmt
    return _SUFFIX_FORMATS.get(Path(out).suffix.lower(), fmt)


def _screen_text(frame: pd.DataFrame) -> str:
    """The terminal table: every row, decimal comma as Swedish readers expect
    (nullable ``Float64`` columns as plain floats so they get the comma too)."""
    from kstad_analysis.formatting import format_value

    shown = frame.copy()
    shown.columns = [terminal_text(str(c)) for c in shown.columns]
    for column in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[column].dtype):
            shown[column] = shown[column].astype(object).map(terminal_text)
        if isinstance(shown[column].dtype, pd.Float64Dtype | pd.Float32Dtype):
            shown[column] = shown[column].astype("float64")
        values = shown[column]
        if pd.api.types.is_float_dtype(values.dtype):
            known = values.dropna()
            if len(known) and bool((known == known.round()).all()) and known.abs().max() >= 1000:
                # whole amounts (kronor, counts): "2 700 000", not "2700000,0"
                shown[column] = values.map(lambda v: format_value(v, "int"))
    with pd.option_context("display.max_rows", None, "display.width", 200,
                           "display.max_colwidth", 50):
        return shown.to_string(index=False, decimal=",")


def write_table(
    frame: pd.DataFrame, fmt: str = "table", out: str | Path | None = None,
    *, extra: Mapping[str, pd.DataFrame] | None = None, stream: TextIO | None = None,
    sheet: str = "Resultat",
) -> None:
    """Print or save ``frame`` in ``fmt`` (see ``format_for`` for ``out``'s
    suffix). Only the human-readable ``table`` uses a decimal comma; CSV and
    JSON keep machine-readable numbers."""
    stream = stream or sys.stdout
    fmt = format_for(out, fmt)
    if fmt == "xlsx":
        if out is None:
            raise ValueError("xlsx kräver --out FIL.xlsx")
        write_excel({sheet: frame, **(extra or {})}, out)
        return
    if fmt == "json":
        payload: object = frame_records(frame)
        if extra:
            payload = {sheet: payload, **{k: frame_records(v) for k, v in extra.items()}}
        text = json.dumps(payload, ensure_ascii=False, indent=2)
    elif fmt == "csv":
        text = frame.astype(object).map(neutralise).to_csv(index=False)
    else:
        text = _screen_text(frame)
    if out is None:
        stream.write(text + ("\n" if not text.endswith("\n") else ""))
    else:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
