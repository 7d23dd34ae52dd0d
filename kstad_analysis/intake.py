"""Read and validate digitaliseringsplaner (Excel workbooks or CSV files).

Why it is strict and exhaustive: the plans are the basis for budget decisions,
so every problem is reported at once with file, sheet, Excel row, column and
value, nothing is dropped or silently set to zero, and the source files are
only ever opened for reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from kstad_analysis import intake_guard, paths, schema
from kstad_analysis.errors import PlanError
from kstad_analysis.i18n import t
from kstad_analysis.numbers import NumberError, parse_number
from kstad_analysis.progress import progress

Severity = Literal["error", "warning", "info"]
SUFFIXES = (".xlsx", ".xlsm", ".csv")
MAX_TEXT = 10_000
HEADER_SEARCH_ROWS = 10
#: Optional fields whose absence makes a need incomplete (category and
#: dependencies are legitimately empty, so they do not count).
COMPLETENESS_KEYS = (
    "investment", "running_cost", "cases_per_year", "minutes_saved", "other_benefit",
    "strategic", "citizen", "risk", "legal", "start_year",
)
_ID_SPLIT = re.compile(r"[,;]")
_EXAMPLE_ID = re.compile(r"^exempel", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One validation finding, located as precisely as the source allows."""

    severity: Severity
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None

    def __str__(self) -> str:
        parts = [t(f"severity.{self.severity}"), t("where.file", file=self.file)]
        if self.sheet:
            parts.append(t("where.sheet", sheet=self.sheet))
        if self.row is not None:
            parts.append(t("where.row", row=self.row))
        if self.column:
            parts.append(t("where.column", column=self.column))
        if self.value is not None and self.value != "":
            parts.append(t("where.value", value=repr(_short(self.value))))
        return ", ".join(parts) + ": " + self.message

    def as_dict(self) -> dict[str, object]:
        """A JSON-friendly form for ``kstad validate --format json``."""
        value = self.value
        if value is not None and not isinstance(value, int | float | str | bool):
            value = str(value)
        return {
            "severity": self.severity, "file": self.file, "sheet": self.sheet,
            "row": self.row, "column": self.column,
            "value": _short(value) if isinstance(value, str) else value,
            "message": self.message,
        }


def _short(value: object, limit: int = 80) -> object:
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + "…"
    return value


@dataclass
class Plans:
    """The validated content of one or more plans.

    ``needs`` has one row per need with the internal keys of
    ``schema.NEED_COLUMNS`` plus ``source_file``, ``source_sheet``,
    ``source_row``, ``incomplete`` and ``missing``. ``register`` holds the
    Uppföljning rows. ``problems`` lists every finding.
    """

    needs: pd.DataFrame
    register: pd.DataFrame
    problems: list[Problem]
    files: list[Path] = field(default_factory=list)
    fingerprint: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings are allowed)."""
        return not self.errors

    def summary(self) -> str:
        files, warnings = len(self.files), len(self.warnings)
        return t(
            "intake.summary", needs=len(self.needs),
            files=t("intake.files.one" if files == 1 else "intake.files.many", n=files),
            errors=len(self.errors),
            warnings=t("intake.warnings.one" if warnings == 1 else "intake.warnings.many",
                       n=warnings),
        )


# --------------------------------------------------------------------------- files


def expand_paths(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Turn files and folders into a sorted list of plan files.

    A folder contributes its ``.xlsx``/``.csv`` files (not Excel's ``~$`` lock
    files); a missing path or an unsupported suffix is an error, not skipped.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir()
                if p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", "."))
            )
            if not found:
                problems.append(Problem("error", str(path), t("intake.no_files")))
            files.extend(found)
        elif not path.exists():
            problems.append(Problem("error", str(path), t("intake.file_missing")))
        elif path.suffix.lower() not in SUFFIXES:
            problems.append(Problem("error", str(path), t("intake.bad_suffix")))
        else:
            files.append(path)
    return files, problems


def fingerprint(files: Sequence[Path]) -> str:
    """A short content hash of the input files, so scenarios and reports can
    say exactly which data they were computed from."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.name):
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


# --------------------------------------------------------------------------- raw tables


@dataclass
class _Table:
    """Cells of one sheet: header row number and data rows with Excel numbers."""

    file: str
    sheet: str | None
    header_row: int
    headers: list[object]
    rows: list[tuple[int, list[object]]]


def _read_workbook(path: Path, problems: list[Problem],
                   lim: intake_guard.Limits) -> dict[str, _Table] | None:
    """Tables of the known sheets, or None when the file is not a workbook
    (or too large to read: see ``intake_guard``)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, not raised
        problems.append(Problem(
            "error", str(path), t("intake.unreadable", kind="Excel", reason=type(exc).__name__),
        ))
        return None
    cached: dict[tuple[str, int, int], object] | None = None
    tables: dict[str, _Table] = {}
    try:
        for name in book.sheetnames:
            if name not in schema.SHEETS:
                continue
            try:
                grid = [list(r) for r in intake_guard.sheet_rows(book[name], lim)]
                formulas = sum(_is_formula(v) for row in grid for v in row)
                if formulas:
                    cached = cached if cached is not None else _cached_values(path, lim)
                    grid = [
                        [cached.get((name, i, j), v) if _is_formula(v) else v
                         for j, v in enumerate(row)]
                        for i, row in enumerate(grid)
                    ]
                    # cached results are what Excel computed last; kstad does not recompute them
                    problems.append(Problem("info", str(path), t("intake.cached_formulas", count=formulas),
                                            sheet=name))
            except intake_guard.TooLarge as exc:
                problems.append(Problem("error", str(path), str(exc), sheet=name))
                tables[name] = _Table(str(path), name, 0, [], [])  # refused, not missing
                continue
            _clean(grid, str(path), name, problems, lim)
            tables[name] = _grid_to_table(str(path), name, grid, problems)
    finally:
        book.close()
    return tables


def _cached_values(path: Path, lim: intake_guard.Limits) -> dict[tuple[str, int, int], object]:
    """Excel stores each formula's last result; use it, and mark formulas
    without a result so they are reported instead of read as text."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return {
            (name, i, j): (v if v is not None else _Formula())
            for name in book.sheetnames if name in schema.SHEETS
            for i, row in enumerate(intake_guard.sheet_rows(book[name], lim))
            for j, v in enumerate(row)
        }
    finally:
        book.close()


class _Formula:
    """Marker for a formula cell with no stored result."""

    def __repr__(self) -> str:
        return "<formel>"


def _is_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith("=") and len(value) > 1


def _grid_to_table(
    file: str, sheet: str | None, grid: list[list[object]], problems: list[Problem]
) -> _Table:
    """Find the header row (the first with an ``ID`` cell) and the data rows."""
    header_index = next(
        (i for i, row in enumerate(grid[:HEADER_SEARCH_ROWS])
         if any(schema.normalise_header(v) == "id" for v in row if v is not None)),
        None,
    )
    if header_index is None:
        problems.append(Problem("error", file, t("intake.header_missing"), sheet=sheet))
        return _Table(file, sheet, 0, [], [])
    headers = grid[header_index]
    rows = [
        (i + 1, row) for i, row in enumerate(grid) if i > header_index and not _blank_row(row)
    ]
    return _Table(file, sheet, header_index + 1, headers, rows)


def _blank_row(row: Sequence[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _clean(grid: list[list[object]], file: str, sheet: str | None, problems: list[Problem],
           lim: intake_guard.Limits) -> None:
    """Remove control and bidi characters from text cells, warning per cell
    (the first ``lim.shown_warnings``, then one line for the rest)."""
    changed = intake_guard.clean_grid(grid)
    for i, j, removed in changed[: lim.shown_warnings]:
        cell = f"{intake_guard.column_letter(j)}{i + 1}"
        problems.append(Problem("warning", file, t("intake.control_chars", cell=cell,
                                                   chars=", ".join(removed)), sheet, i + 1,
                                intake_guard.column_letter(j)))
    if len(changed) > lim.shown_warnings:
        problems.append(Problem("warning", file, t("intake.control_chars_more",
                                                   count=len(changed) - lim.shown_warnings), sheet))


def _read_csv(path: Path, problems: list[Problem], lim: intake_guard.Limits) -> _Table:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        problems.append(Problem("warning", str(path), t("intake.encoding")))
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        grid = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        problems.append(Problem("error", str(path), t("intake.unreadable", kind="CSV", reason=exc)))
        return _Table(str(path), None, 0, [], [])
    grid = [[None if c == "" else c for c in row] for row in grid]
    try:
        intake_guard.check_grid_shape(grid, lim)
    except intake_guard.TooLarge as exc:
        problems.append(Problem("error", str(path), str(exc)))
        return _Table(str(path), None, 0, [], [])
    _clean(grid, str(path), None, problems, lim)
    return _grid_to_table(str(path), None, grid, problems)


# --------------------------------------------------------------------------- cells


def _parse_cell(column: schema.Column, value: object) -> tuple[object, str | None]:
    """Return ``(parsed, error_message)``; ``parsed`` is None for empty."""
    if isinstance(value, _Formula):
        return None, t("intake.formula")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    kind = column.kind
    if kind == "text":
        text = _text(value)
        if len(text) > MAX_TEXT:
            return None, t("intake.too_long", length=len(text), limit=MAX_TEXT)
        return text, None
    if kind in {"money", "number", "rating", "year"}:
        try:
            number = parse_number(value)
        except NumberError:
            return None, t("intake.not_number")
        if number is None:
            return None, None
        if kind == "rating":
            ok = float(number).is_integer() and schema.RATING_MIN <= number <= schema.RATING_MAX
            return (int(number), None) if ok else (None, t("intake.rating"))
        if kind == "year":
            ok = float(number).is_integer() and schema.YEAR_MIN <= number <= schema.YEAR_MAX
            return (int(number), None) if ok else (None, t("intake.year"))
        return (number, None) if number >= 0 else (None, t("intake.negative"))
    if kind == "yesno":
        answer = str(value).strip().casefold()
        if answer in {"ja", "j", "yes", "true", "1"} or value is True:
            return True, None
        if answer in {"nej", "n", "no", "false", "0"} or value is False:
            return False, None
        return None, t("intake.yesno")
    if kind == "ids":
        ids = tuple(dict.fromkeys(s.strip() for s in _ID_SPLIT.split(_text(value)) if s.strip()))
        return ids, None
    if kind == "date":
        return _parse_date(value)
    if kind == "choice":
        answer = str(value).strip().casefold()
        match = next((c for c in column.choices if c.casefold() == answer), None)
        return (match, None) if match else (None, t("intake.choice", choices=", ".join(column.choices)))
    raise AssertionError(kind)


def _text(value: object) -> str:
    """Text of a cell; whole floats print without ``.0`` (``12.0`` → ``12``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parse_date(value: object) -> tuple[object, str | None]:
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]), None
    except ValueError:
        return None, t("intake.date")


# --------------------------------------------------------------------------- tables → frames


def _validate_table(
    table: _Table, columns: tuple[schema.Column, ...], problems: list[Problem]
) -> list[dict[str, object]]:
    """Parse every row of a table, appending a Problem for each bad cell."""
    if not table.headers:
        return []
    lookup = schema.by_header(columns)
    positions: dict[str, int] = {}
    extras: dict[int, str] = {}
    for j, header in enumerate(table.headers):
        if header is None or not str(header).strip():
            continue
        column = lookup.get(schema.normalise_header(header))
        if column is None:
            extras[j] = _text(header)
            problems.append(Problem(
                "info", table.file, t("intake.extra_column"), table.sheet, table.header_row,
                _text(header),
            ))
        elif column.key in positions:
            problems.append(Problem(
                "error", table.file, t("intake.column_twice"), table.sheet, table.header_row,
                column.header,
            ))
        else:
            positions[column.key] = j
    missing_columns = [c for c in columns if c.required and c.key not in positions]
    for column in missing_columns:
        problems.append(Problem(
            "error", table.file, t("intake.column_missing"), table.sheet, table.header_row,
            column.header,
        ))
    if missing_columns:
        return []
    records = []
    for row_number, cells in table.rows:
        record: dict[str, object] = {
            "source_file": Path(table.file).name, "source_sheet": table.sheet,
            "source_row": row_number, "_path": table.file,
        }
        for column in columns:
            j = positions.get(column.key)
            value = cells[j] if j is not None and j < len(cells) else None
            parsed, error = _parse_cell(column, value)
            if error is None and parsed is None and column.required:
                error = t("intake.required")
            if error:
                problems.append(Problem(
                    "error", table.file, error, table.sheet, row_number, column.header,
                    value if not isinstance(value, _Formula) else repr(value),
                ))
            record[column.key] = parsed
        record["extra"] = {
            name: _text(cells[j]) for j, name in extras.items()
            if j < len(cells) and cells[j] is not None
        }
        records.append(record)
    return records


def _cross_check(needs: list[dict[str, object]], problems: list[Problem]) -> list[dict]:
    """Checks that need the whole set: unique IDs, known dependencies,
    the template's example row, and completeness."""
    kept: list[dict[str, object]] = []
    first_seen: dict[str, dict[str, object]] = {}
    for rec in needs:
        rid = rec["id"]
        if isinstance(rid, str) and _EXAMPLE_ID.match(rid):
            problems.append(Problem(
                "warning", rec["_path"], t("intake.example_row"), rec["source_sheet"],
                rec["source_row"], "ID", rid,
            ))
            continue
        if rid is not None and rid in first_seen:
            other = first_seen[rid]
            where = f"{other['source_file']} {t('where.row', row=other['source_row'])}"
            problems.append(Problem(
                "error", rec["_path"], t("intake.duplicate_id", other=where), rec["source_sheet"],
                rec["source_row"], "ID", rid,
            ))
        elif rid is not None:
            first_seen[rid] = rec
        kept.append(rec)
    for rec in kept:
        for dep in rec.get("dependencies") or ():
            if dep == rec["id"]:
                message = t("intake.self_dependency")
            elif dep not in first_seen:
                message = t("intake.unknown_dependency", dep=dep)
            else:
                continue
            problems.append(Problem(
                "error", rec["_path"], message, rec["source_sheet"], rec["source_row"],
                schema.HEADERS_SV["dependencies"], dep,
            ))
        missing = tuple(k for k in COMPLETENESS_KEYS if rec.get(k) is None)
        rec["missing"] = missing
        rec["incomplete"] = bool(missing)
        if missing:
            problems.append(Problem(
                "warning", rec["_path"],
                t("intake.incomplete", fields=", ".join(schema.HEADERS_SV[k] for k in missing)),
                rec["source_sheet"], rec["source_row"], "ID", rec["id"],
            ))
    return kept


NEED_DTYPES = {
    "investment": "float64", "running_cost": "float64", "cases_per_year": "float64",
    "minutes_saved": "float64", "other_benefit": "float64", "strategic": "Int64",
    "citizen": "Int64", "risk": "Int64", "legal": "boolean", "start_year": "Int64",
}


def needs_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """The needs frame from parsed records: the one constructor ``read_plans``,
    the synthetic generator and the tests share, so their frames are identical."""
    columns = [
        *schema.NEED_KEYS, "incomplete", "missing", "source_file", "source_sheet", "source_row",
        "extra",
    ]
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["dependencies"] = frame["dependencies"].map(lambda v: v if isinstance(v, tuple) else ())
    for key, dtype in NEED_DTYPES.items():
        frame[key] = frame[key].astype(dtype)
    for key in ("id", "department", "title", "description", "category"):
        frame[key] = frame[key].astype("string")
    frame["incomplete"] = frame["incomplete"].astype(bool)
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame.reset_index(drop=True)


def _register_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    columns = [c.key for c in schema.REGISTER_COLUMNS] + ["source_file", "source_row"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    for key in ("baseline", "target", "planned", "realised"):
        frame[key] = frame[key].astype("float64")
    frame["year"] = frame["year"].astype("Int64")
    return frame.reset_index(drop=True)


# --------------------------------------------------------------------------- public API


def read_plans(inputs: Iterable[str | Path], *, show_progress: bool = False) -> Plans:
    """Read and validate plans; never raises for bad content.

    Returns every need that could be read, even when other rows have errors,
    together with all problems. Use ``Plans.ok`` or ``load_plans``.
    ``show_progress`` prints "Läser planer k/n" on stderr (the CLI uses it).
    """
    files, problems = expand_paths(inputs)
    lim = intake_guard.limits()
    need_records: list[dict[str, object]] = []
    register_records: list[dict[str, object]] = []
    for path in progress(files, t("intake.progress"), enabled=show_progress and len(files) > 1):
        refused = intake_guard.check_file(path, lim)
        if refused:
            problems.append(Problem("error", str(path), refused))
            continue
        if path.suffix.lower() == ".csv":
            tables = {schema.NEEDS_SHEET: _read_csv(path, problems, lim)}
        else:
            tables = _read_workbook(path, problems, lim)
            if tables is None:
                continue
            if schema.NEEDS_SHEET not in tables:
                available = ", ".join(_sheet_names(path)) or "-"
                problems.append(Problem(
                    "error", str(path),
                    t("intake.sheet_missing", sheet=schema.NEEDS_SHEET, available=available),
                    sheet=schema.NEEDS_SHEET,
                ))
                continue
        need_records += _validate_table(tables[schema.NEEDS_SHEET], schema.NEED_COLUMNS, problems)
        if schema.REGISTER_SHEET in tables:
            register_records += _validate_table(
                tables[schema.REGISTER_SHEET], schema.REGISTER_COLUMNS, problems
            )
    kept = _cross_check(need_records, problems)
    known = {rec["id"] for rec in kept}
    for rec in register_records:
        if rec["id"] is not None and rec["id"] not in known:
            problems.append(Problem(
                "error", rec["_path"], t("intake.unknown_need"), rec["source_sheet"],
                rec["source_row"], "ID", rec["id"],
            ))
    return Plans(
        needs=needs_frame(kept), register=_register_frame(register_records),
        problems=problems, files=files,
        fingerprint=fingerprint(files) if files else "",
    )


def _sheet_names(path: Path) -> list[str]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - only used to enrich a message
        return []
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def load_plans(inputs: Iterable[str | Path]) -> Plans:
    """Read plans and raise ``PlanError`` (listing all errors) if any."""
    plans = read_plans(inputs)
    if not plans.ok:
        raise PlanError(plans)
    return plans


def load_sample() -> Plans:
    """The bundled Karlstad sample plans in ``data/raw/``."""
    return load_plans([paths.raw_dir()])


def needs_to_sheet(needs: pd.DataFrame) -> pd.DataFrame:
    """The needs with Swedish headers, as departments see them (for export)."""
    out = needs[list(schema.NEED_KEYS)].copy()
    out["dependencies"] = out["dependencies"].map(lambda ids: ", ".join(ids))
    out["legal"] = out["legal"].map(lambda v: pd.NA if pd.isna(v) else ("ja" if v else "nej"))
    return out.rename(columns=schema.HEADERS_SV)


__all__ = [
    "Plans", "PlanError", "Problem", "read_plans", "load_plans", "load_sample",
    "expand_paths", "fingerprint", "needs_to_sheet", "needs_frame",
]
