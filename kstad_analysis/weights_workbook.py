"""The workbook of a viktningsomgång run by e-mail (``kstad weights``).

Why a fixed layout (the file contract, also in README): the facilitator
e-mails one workbook, each participant fills in their own sheet, and the
reader must find every judgement without guessing.

* One sheet per participant, named by the participant. Every other sheet
  (instructions) has a name starting with ``_``, so it can never be taken
  for a participant, and participant names may not start with ``_``.
* **Pairwise sheet**: a square grid. The criterion keys (``nytta``,
  ``kostnad``, … from ``data/config/criteria.toml``) stand in row 1 from B1
  and in column A from A2, in the same order. The judgements are in the
  upper triangle (row criterion against column criterion, Saaty's 1/9…9,
  as a number or as text such as ``1/3``; a value > 1 means the *row*
  criterion matters more). The diagonal and the lower triangle are not read:
  they are filled in on reading (1 and the reciprocals).
* **Direct sheet**: ``kriterium`` in A1 and ``vikt`` in B1, the criterion
  keys from A2 down column A, a non-negative weight beside each in column B
  (any scale; normalised to sum 1).
* A participant sheet with no value at all is skipped (that person did not
  answer); a partly filled one is an error. Every error names the sheet,
  the row, the column and the value, in Swedish.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kstad_analysis.criteria import load_criteria
from kstad_analysis.errors import WeightError
from kstad_analysis.group_weights import Answer, pair_key, pairs, parse_judgement
from kstad_analysis.guards import is_real_number
from kstad_analysis.i18n import t
from kstad_analysis.weights import SAATY_SCALE

#: Sheets whose name starts with this are not participants.
OTHER_PREFIX = "_"
INSTRUCTIONS_SHEET = "_Instruktioner"
DIRECT_HEADER = ("kriterium", "vikt")
KINDS = ("pairwise", "direct")
SHEET_NAME_MAX = 31
_FORBIDDEN = set("[]:*?/\\")
_GREY = PatternFill("solid", fgColor="DDDDDD")
_HEAD = Font(bold=True)


def scale_text(value: float) -> str:
    return str(round(value)) if value >= 1 else f"1/{round(1 / value)}"


def check_sheet_name(name: str) -> str:
    """A participant name usable as a sheet name, else :class:`WeightError`."""
    text = name.strip()
    if not text or len(text) > SHEET_NAME_MAX or set(text) & _FORBIDDEN \
            or text.startswith(OTHER_PREFIX) or text.startswith("'"):
        raise WeightError(t("viktning.cli.bad_sheet_name", name=text[:60], limit=SHEET_NAME_MAX,
                            prefix=OTHER_PREFIX))
    return text


def write_template(path: Path, participants: Sequence[str], kind: str = "pairwise",
                   keys: Sequence[str] | None = None) -> None:
    """Write the workbook: instructions, then one sheet per participant."""
    criteria = load_criteria()
    labels = {c.key: c.label() for c in criteria}
    keys = list(keys) if keys else [c.key for c in criteria]
    names = [check_sheet_name(p) for p in participants]
    if len({n.casefold() for n in names}) != len(names) or not names:
        raise WeightError(t("viktning.cli.duplicate_names"))
    book = Workbook()
    info = book.active
    info.title = INSTRUCTIONS_SHEET
    lines = [t("viktning.cli.instr_title"), "", t(f"viktning.cli.instr_{kind}"), "",
             t("viktning.cli.instr_other", prefix=OTHER_PREFIX), "", t("viktning.cli.instr_keys")]
    lines += [f"{k} = {labels.get(k, k)}" for k in keys]
    for row, line in enumerate(lines, start=1):
        info.cell(row=row, column=1, value=line)
    info["A1"].font = Font(bold=True, size=14)
    info.column_dimensions["A"].width = 110
    for name in names:
        sheet = book.create_sheet(name)
        (_pairwise_sheet if kind == "pairwise" else _direct_sheet)(sheet, keys)
    book.save(path)


def _pairwise_sheet(sheet, keys: list[str]) -> None:
    n = len(keys)
    choices = ",".join(scale_text(v) for v in sorted(SAATY_SCALE, reverse=True))
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True,
                                showErrorMessage=True, error=t("viktning.cli.dropdown_error"),
                                errorTitle="kstad")
    sheet.add_data_validation(validation)
    for k, key in enumerate(keys):
        sheet.cell(row=1, column=k + 2, value=key).font = _HEAD
        sheet.cell(row=k + 2, column=1, value=key).font = _HEAD
        sheet.column_dimensions[get_column_letter(k + 2)].width = 13
    sheet.column_dimensions["A"].width = 14
    for i in range(n):
        for j in range(n):
            cell = sheet.cell(row=i + 2, column=j + 2)
            cell.alignment = Alignment(horizontal="center")
            if j > i:
                cell.number_format = "@"  # text, so "1/3" never becomes a date
                validation.add(cell)
            else:
                cell.fill = _GREY
                if i == j:
                    cell.value = 1
    sheet.freeze_panes = "B2"


def _direct_sheet(sheet, keys: list[str]) -> None:
    for col, head in enumerate(DIRECT_HEADER, start=1):
        sheet.cell(row=1, column=col, value=head).font = _HEAD
    validation = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                allow_blank=True, showErrorMessage=True,
                                error=t("viktning.cli.direct_error"), errorTitle="kstad")
    sheet.add_data_validation(validation)
    for row, key in enumerate(keys, start=2):
        sheet.cell(row=row, column=1, value=key)
        validation.add(sheet.cell(row=row, column=2))
    sheet.column_dimensions["A"].width = 16


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class SheetAnswer:
    """One participant's answer as read from their sheet."""

    name: str
    answer: Answer


def _where(sheet: str, row: int, col: int, what: str = "") -> str:
    text = t("viktning.cli.where", sheet=sheet, row=row, col=get_column_letter(col))
    return f"{text} ({what})" if what else text


def _shown(value: object) -> str:
    return t("viktning.cli.empty") if value is None else str(value)[:40]


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def _keys_along(sheet, row: int, col: int, down: bool, known: set[str], name: str) -> list[str]:
    keys: list[str] = []
    while True:
        value = sheet.cell(row=row, column=col).value
        if _text(value) == "":
            return keys
        key = _text(value)
        if key not in known:
            raise WeightError(t("viktning.cli.unknown_key", where=_where(name, row, col),
                                value=key[:40], known=", ".join(sorted(known))))
        if key in keys:
            raise WeightError(t("viktning.cli.duplicate_key", where=_where(name, row, col),
                                value=key))
        keys.append(key)
        row, col = (row + 1, col) if down else (row, col + 1)


def _judgement(value: object, where: str) -> float:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        raise WeightError(t("viktning.cli.date", where=where, value=str(value)[:40]))
    return parse_judgement(value, where)


def _read_pairwise(sheet, name: str, known: set[str]) -> tuple[list[str], Answer | None]:
    row_keys = _keys_along(sheet, 1, 2, False, known, name)
    col_keys = _keys_along(sheet, 2, 1, True, known, name)
    if len(row_keys) < 2:
        raise WeightError(t("viktning.cli.too_few_keys", sheet=name))
    if col_keys != row_keys:
        k = next((k for k, (a, b) in enumerate(zip(col_keys, row_keys, strict=False)) if a != b),
                 min(len(col_keys), len(row_keys)))
        found = col_keys[k] if k < len(col_keys) else None
        raise WeightError(t("viktning.cli.keys_differ", where=_where(name, k + 2, 1),
                            value=_shown(found), expected=row_keys[k] if k < len(row_keys) else "–"))
    values: dict[tuple[int, int], object] = {}
    for i in range(len(row_keys)):
        for j in range(i + 1, len(row_keys)):
            values[(i, j)] = sheet.cell(row=i + 2, column=j + 2).value
    filled = {k: v for k, v in values.items() if _text(v) != ""}
    if not filled:
        return row_keys, None
    judgements = {}
    for (i, j), value in values.items():
        where = _where(name, i + 2, j + 2, t("viktning.cli.pair", a=row_keys[i], b=row_keys[j]))
        if (i, j) not in filled:
            raise WeightError(t("viktning.cli.missing", where=where))
        judgements[pair_key(row_keys[i], row_keys[j])] = _judgement(value, where)
    return row_keys, Answer("pairwise", judgements=judgements)


def _read_direct(sheet, name: str, known: set[str]) -> tuple[list[str], Answer | None]:
    keys = _keys_along(sheet, 2, 1, True, known, name)
    if len(keys) < 2:
        raise WeightError(t("viktning.cli.too_few_keys", sheet=name))
    cells = {k: sheet.cell(row=r, column=2).value for r, k in enumerate(keys, start=2)}
    if all(_text(v) == "" for v in cells.values()):
        return keys, None
    points = {}
    for row, key in enumerate(keys, start=2):
        value, where = cells[key], _where(name, row, 2, key)
        number = value
        if isinstance(value, str):
            try:
                number = float(value.strip().replace(",", "."))
            except ValueError:
                number = None
        if not is_real_number(number) or not math.isfinite(float(number)) or float(number) < 0:
            raise WeightError(t("viktning.cli.bad_weight", where=where, value=_shown(value)))
        points[key] = float(number)
    if sum(points.values()) <= 0:
        raise WeightError(t("viktning.cli.all_zero", sheet=name))
    return keys, Answer("direct", points=points)


def read_workbook(path: Path) -> tuple[list[str], list[SheetAnswer], list[str]]:
    """The criterion keys, the answers (in sheet order) and the skipped empty sheets.

    Raises :class:`WeightError` naming sheet, row, column and value.
    """
    try:
        book = load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise WeightError(t("viktning.cli.unreadable", path=path, reason=str(exc)[:200])) from None
    known = {c.key for c in load_criteria()}
    keys: list[str] | None = None
    answers: list[SheetAnswer] = []
    skipped: list[str] = []
    for sheet in book.worksheets:
        name = sheet.title
        if name.startswith(OTHER_PREFIX):
            continue
        direct = _text(sheet["B1"].value).casefold() == DIRECT_HEADER[1]
        found, answer = (_read_direct if direct else _read_pairwise)(sheet, name, known)
        if keys is None:
            keys = found
        elif set(found) != set(keys):
            raise WeightError(t("viktning.cli.other_keys", sheet=name, keys=", ".join(found),
                                expected=", ".join(keys)))
        if answer is None:
            skipped.append(name)
        else:
            answers.append(SheetAnswer(name, _reorder(answer, found, keys)))
    if keys is None:
        raise WeightError(t("viktning.cli.no_sheets", prefix=OTHER_PREFIX))
    return keys, answers, skipped


def _reorder(answer: Answer, found: list[str], keys: list[str]) -> Answer:
    """Judgements keyed in the first sheet's order (a pair seen the other way round
    is the reciprocal)."""
    if answer.kind != "pairwise" or found == keys:
        return answer
    out = {}
    for a, b in pairs(keys):
        if pair_key(a, b) in answer.judgements:
            out[pair_key(a, b)] = answer.judgements[pair_key(a, b)]
        else:
            out[pair_key(a, b)] = 1.0 / answer.judgements[pair_key(b, a)]
    return Answer("pairwise", judgements=out)


__all__ = ["INSTRUCTIONS_SHEET", "KINDS", "OTHER_PREFIX", "SheetAnswer", "check_sheet_name",
           "read_workbook", "write_template"]
