"""Builders for plan files in tests: real xlsx and csv written on the fly."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from kstad_analysis import schema

HEADERS = [c.header for c in schema.NEED_COLUMNS]


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
