"""Exports: formula injection is neutralised in every text column."""

from __future__ import annotations

import pandas as pd
from openpyxl import load_workbook

from kstad_analysis.export import neutralise, safe_filename, write_excel, write_table

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]


def _frame() -> pd.DataFrame:
    # pandas 3 infers its ``str`` dtype here: the case that once slipped through
    return pd.DataFrame({"title": HOSTILE, "n": [1, -2, 3, 4, 5],
                         "ids": [("A", "=B")] * 5}).astype({"title": "str"})


def test_excel_has_no_formula_cells_from_text(tmp_path):
    out = write_excel({"Blad": _frame(), "=Evil": _frame().astype({"title": "string"})},
                      tmp_path / "x.xlsx")
    book = load_workbook(out)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    assert book["Blad"]["A2"].value == "'" + HOSTILE[0]
    assert book["Blad"]["B3"].value == -2  # numbers stay numbers
    assert book["Blad"]["C2"].value == "A, =B"


def test_csv_is_neutralised(tmp_path):
    write_table(_frame(), "csv", tmp_path / "x.csv")
    text = (tmp_path / "x.csv").read_text()
    assert "'=HYPERLINK" in text and "\n=" not in text and ",=" not in text


def test_neutralise_and_filenames():
    assert neutralise("=1") == "'=1" and neutralise("Kalle") == "Kalle" and neutralise(-5) == -5
    assert safe_filename("../../etc/passwd") == "etc_passwd"
    assert safe_filename("Budget 2027 <förslag>.xlsx") == "Budget_2027_förslag_.xlsx"
    assert safe_filename("...") == "export"
