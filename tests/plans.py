"""Builders for plans in tests: real xlsx and csv written on the fly, and the
needs frame ``intake.read_plans`` returns, built directly for unit tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from kstad_analysis import intake, schema

HEADERS = [c.header for c in schema.NEED_COLUMNS]

#: ``need_row``'s complete, valid need under the internal keys.
NEED_DEFAULTS: dict[str, object] = {
    "department": "Barn- och ungdomsförvaltningen",
    "description": "En beskrivning av behovet. Den har flera meningar.",
    "category": "E-tjänst", "investment": 100000.0, "running_cost": 20000.0,
    "cases_per_year": 1000.0, "minutes_saved": 10.0, "other_benefit": 5000.0,
    "strategic": 3, "citizen": 4, "risk": 2, "legal": False, "dependencies": (),
    "start_year": 2027,
}


def need_row(id_: str = "BUF-001", department: str = "Barn- och ungdomsförvaltningen",
             **overrides: object) -> dict[str, object]:
    """A complete, valid need keyed by Swedish header."""
    row: dict[str, object] = {
        "ID": id_, "Förvaltning": department, "Titel": f"Behov {id_}",
        "Beskrivning": "En beskrivning av behovet. Den har flera meningar.",
        "Kategori": "E-tjänst", "Investering (kr)": 100000, "Driftkostnad per år (kr)": 20000,
        "Ärenden per år": 1000, "Sparad tid per ärende (min)": 10,
        "Övrig nytta per år (kr)": 5000, "Strategisk betydelse (1-5)": 3,
        "Medborgarnytta (1-5)": 4, "Risk (1-5)": 2, "Lagkrav (ja/nej)": "nej",
        "Beroenden": None, "Startår": 2027,
    }
    row.update(overrides)
    return row


def needs_frame(rows: Sequence[Mapping[str, object]], **defaults: object) -> pd.DataFrame:
    """The needs frame ``intake.read_plans`` would return for ``rows``.

    Why: unit tests of the engines need small frames with exact numbers but
    must see the same columns and dtypes as real plans (``NEED_DTYPES``,
    string text, tuple dependencies, ``incomplete``/``missing``/``source_*``),
    so it is built by intake's own frame constructor. Each row is keyed by
    internal key over ``{**NEED_DEFAULTS, **defaults}``; ``id`` defaults to
    ``N-000``, ``N-001`` … by position and ``title`` to ``Behov <id>``. A blank
    value (None, NaN, NA) is missing, as a blank cell would be.
    """
    records = []
    for i, row in enumerate(rows):
        unknown = (set(defaults) | set(row)) - set(schema.NEED_KEYS)
        if unknown:
            raise KeyError(f"not need columns: {sorted(unknown)}")
        rec: dict[str, object] = {**NEED_DEFAULTS, "id": f"N-{i:03d}", **defaults, **row}
        rec.setdefault("title", f"Behov {rec['id']}")
        rec = {k: None if _blank(v) else v for k, v in rec.items()}
        rec["dependencies"] = tuple(rec["dependencies"] or ())
        missing = tuple(k for k in intake.COMPLETENESS_KEYS if rec[k] is None)
        rec.update(incomplete=bool(missing), missing=missing, source_file="test.xlsx",
                   source_sheet=schema.NEEDS_SHEET, source_row=i + 2, extra={})
        records.append(rec)
    return intake.needs_frame(records)  # the exact constructor read_plans uses


def _blank(value: object) -> bool:
    return not isinstance(value, tuple | list) and bool(pd.isna(value))


def write_xlsx(path: Path, rows: Sequence[dict[str, object]], headers: Sequence[str] = HEADERS,
               sheet: str = schema.NEEDS_SHEET,
               register: Sequence[dict[str, object]] | None = None) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(list(headers))
    for row in rows:
        ws.append([row.get(h) for h in headers])
    if register is not None:
        reg = book.create_sheet(schema.REGISTER_SHEET)
        reg_headers = [c.header for c in schema.REGISTER_COLUMNS]
        reg.append(reg_headers)
        for row in register:
            reg.append([row.get(h) for h in reg_headers])
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[dict[str, object]], sep: str = ";",
              bom: bool = False, headers: Sequence[str] = HEADERS) -> Path:
    lines = [sep.join(headers)]
    for row in rows:
        cells = ["" if row.get(h) is None else str(row.get(h)) for h in headers]
        lines.append(sep.join(f'"{c}"' if sep in c else c for c in cells))
    text = "\n".join(lines) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path
