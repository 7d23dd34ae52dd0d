"""Write the blank digitaliseringsplan template, generated from ``schema``.

Why generated: the template and the validator must never disagree, so both
are driven by the same column table.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kstad_analysis import schema
from kstad_analysis.i18n import t

EXAMPLE_NEED = {
    "id": "EXEMPEL-001",
    "department": "Barn- och ungdomsförvaltningen",
    "title": "Digital signering av vårdnadshavares samtycken",
    "description": (
        "Vårdnadshavare skriver i dag under samtycken på papper. Vi vill kunna "
        "signera med e-legitimation i en e-tjänst. Raden är ett exempel: ersätt den."
    ),
    "category": "E-tjänst",
    "investment": 250000,
    "running_cost": 40000,
    "cases_per_year": 6000,
    "minutes_saved": 10,
    "other_benefit": 30000,
    "strategic": 4,
    "citizen": 5,
    "risk": 2,
    "legal": "nej",
    "dependencies": "",
    "start_year": 2027,
}
_MAX_ROW = 2000


def write_template(out: str | Path) -> Path:
    """Write the template workbook (sheets Behov, Uppföljning, Instruktioner)."""
    out = Path(out)
    book = Workbook()
    needs = book.active
    needs.title = schema.NEEDS_SHEET
    _header(needs, schema.NEED_COLUMNS)
    for j, column in enumerate(schema.NEED_COLUMNS, start=1):
        needs.cell(row=2, column=j, value=EXAMPLE_NEED.get(column.key))
    _validations(needs, schema.NEED_COLUMNS)
    register = book.create_sheet(schema.REGISTER_SHEET)
    _header(register, schema.REGISTER_COLUMNS)
    _validations(register, schema.REGISTER_COLUMNS)
    help_sheet = book.create_sheet("Instruktioner")
    help_sheet.append([t("template.help.title")])
    help_sheet["A1"].font = Font(bold=True, size=14)
    for line in t("template.help.body").split("\n"):
        help_sheet.append([line])
    help_sheet.append([])
    help_sheet.append([t("template.help.column"), t("template.help.required"), t("template.help.rule")])
    for column in (*schema.NEED_COLUMNS, *schema.REGISTER_COLUMNS):
        help_sheet.append([column.header, "ja" if column.required else "nej", column.help_sv])
    help_sheet.column_dimensions["A"].width = 32
    help_sheet.column_dimensions["C"].width = 70
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


def _header(sheet, columns: tuple[schema.Column, ...]) -> None:
    fill = PatternFill("solid", fgColor="DDEBF7")
    for j, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=j, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True)
        cell.comment = Comment(column.help_sv, "kstad")
        width = 60 if column.key == "description" else max(14, len(column.header) + 2)
        sheet.column_dimensions[get_column_letter(j)].width = width
    sheet.freeze_panes = "A2"


def _validations(sheet, columns: tuple[schema.Column, ...]) -> None:
    """Drop-down lists and bounds in Excel itself, so errors are caught early."""
    for j, column in enumerate(columns, start=1):
        letter = get_column_letter(j)
        rng = f"{letter}2:{letter}{_MAX_ROW}"
        if column.kind == "yesno":
            rule = DataValidation(type="list", formula1='"ja,nej"', allow_blank=True)
        elif column.kind == "choice":
            rule = DataValidation(
                type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True
            )
        elif column.kind == "rating":
            rule = DataValidation(type="list", formula1='"1,2,3,4,5"', allow_blank=True)
        elif column.kind == "money":
            rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                  allow_blank=True)
        elif column.kind == "year":
            rule = DataValidation(type="whole", operator="between", formula1=str(schema.YEAR_MIN),
                                  formula2=str(schema.YEAR_MAX), allow_blank=True)
        else:
            continue
        rule.error = column.help_sv
        rule.errorTitle = column.header
        rule.prompt = column.help_sv
        sheet.add_data_validation(rule)
        rule.add(rng)
