"""Build the bundled sample digitaliseringsplaner in ``data/raw/``.

Why a script: the workbooks in ``data/raw/`` are immutable, committed input.
This script documents where they came from (the hand-written literals in
``data/sample_source/needs.py``) and rebuilds them byte for byte: workbook
properties and zip timestamps are fixed, so re-running changes nothing and
the intake's content fingerprint stays stable.

Usage: ``python scripts/build_sample_data.py [--out DIR]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import sys
import zipfile
from pathlib import Path
from types import ModuleType

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "data" / "sample_source" / "needs.py"
DEFAULT_OUT = REPO / "data" / "raw"
#: Every workbook claims to be created and modified at this moment.
FIXED_TIME = dt.datetime(2026, 9, 1, 8, 0, 0)
AUTHOR = "Kundansvariga, IT-enheten"

#: Column widths (characters) for the Swedish headers; others get 14.
WIDTHS = {
    "ID": 10, "Förvaltning": 30, "Titel": 48, "Beskrivning": 90, "Kategori": 22,
    "Beroenden": 20, "Nytta": 55, "Ansvarig för realisering": 28, "Ansvarig för mätning": 28,
    "Mätetal": 45, "Mätdatum": 12, "År": 8,
}


def load_source(path: Path = SOURCE) -> ModuleType:
    """Import the data module by path (``data/`` is not a package)."""
    spec = importlib.util.spec_from_file_location("kstad_sample_needs", path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _add_sheet(book: Workbook, title: str, headers: tuple[str, ...], rows: list[list[object]]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    for j, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = WIDTHS.get(header, 14)
        if header in {"Beskrivning", "Nytta", "Titel"}:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if header == "Mätdatum":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"


def need_rows(source: ModuleType, prefix: str) -> list[list[object]]:
    """Rows of the Behov sheet in template column order (Förvaltning added)."""
    fields = source.NEED_FIELDS
    rows = []
    for need in source.NEEDS[prefix]:
        values = dict(zip(fields, need, strict=True))
        values["Förvaltning"] = source.DEPARTMENTS[prefix]
        rows.append([values[h] for h in NEED_HEADERS])
    return rows


def register_rows(source: ModuleType, prefix: str) -> list[list[object]]:
    """Rows of the Uppföljning sheet; ISO date strings become real dates."""
    rows = []
    for entry in source.REGISTER.get(prefix, []):
        row = list(entry)
        if row[-1] is not None:
            row[-1] = dt.date.fromisoformat(str(row[-1]))
        rows.append(row)
    return rows


NEED_HEADERS: tuple[str, ...] = (
    "ID", "Förvaltning", "Titel", "Beskrivning", "Kategori", "Investering (kr)",
    "Driftkostnad per år (kr)", "Ärenden per år", "Sparad tid per ärende (min)",
    "Övrig nytta per år (kr)", "Strategisk betydelse (1-5)", "Medborgarnytta (1-5)", "Risk (1-5)",
    "Lagkrav (ja/nej)", "Beroenden", "Startår",
)


def build_workbook(source: ModuleType, prefix: str) -> Workbook:
    """One förvaltning's plan: sheet Behov, plus Uppföljning if it has register rows."""
    book = Workbook()
    book.remove(book.active)
    _add_sheet(book, "Behov", NEED_HEADERS, need_rows(source, prefix))
    if source.REGISTER.get(prefix):
        _add_sheet(book, "Uppföljning", source.REGISTER_FIELDS, register_rows(source, prefix))
    props = book.properties
    props.creator = AUTHOR
    props.lastModifiedBy = AUTHOR
    props.title = f"Digitaliseringsplan {source.DEPARTMENTS[prefix]}"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    return book


def workbook_bytes(book: Workbook) -> bytes:
    """Serialise without openpyxl stamping 'now' and with fixed zip times.

    ``Workbook.save`` sets ``modified`` to the current time and ``zipfile``
    stamps each member with the current time; both would make every rebuild
    differ, so the archive is written through ``ExcelWriter`` and re-packed.
    """
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).write_data()
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return fixed.getvalue()


def build(out_dir: Path = DEFAULT_OUT, source_path: Path = SOURCE) -> list[Path]:
    """Write ``digitaliseringsplan_<prefix>.xlsx`` for every förvaltning."""
    source = load_source(source_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for prefix in source.DEPARTMENTS:
        path = out_dir / f"digitaliseringsplan_{prefix.lower()}.xlsx"
        path.write_bytes(workbook_bytes(build_workbook(source, prefix)))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default data/raw)")
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
