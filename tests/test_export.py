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


CONTROL = ["Nul\x00l", "Vt\x0bvt", "Esc\x1b[2J", "Bell\x07 och\ttab\nrad"]


def test_control_characters_never_break_or_truncate_the_workbook(tmp_path):
    """A NUL/VT/ESC in a text cell made openpyxl raise half-way and left a truncated
    file (issue 17, defect 4): they become U+FFFD, tab and newline stay."""
    frame = pd.DataFrame({"title\x1b": CONTROL, "n": range(4)})
    out = write_excel({"Blad\x00[1]": frame, "blad\x00[1]": frame}, tmp_path / "x.xlsx")
    book = load_workbook(out)
    assert book.sheetnames == ["Blad�_1_", "blad�_1__2"]  # Excel's forbidden [ ] and case clash
    values = [c.value for c in book.worksheets[0]["A"]]
    assert values == ["title�", "Nul�l", "Vt�vt", "Esc�[2J", "Bell� och\ttab\nrad"]
    assert [c.value for c in book.worksheets[1]["B"]][1:] == [0, 1, 2, 3]


def test_a_failed_excel_export_leaves_no_file_behind(tmp_path, monkeypatch):
    from kstad_analysis import export

    (tmp_path / "gammal.xlsx").write_bytes(b"previous export")

    def fail(sheets, out, number_formats=None):
        out.write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError("disken är full")

    monkeypatch.setattr(export, "_write_excel", fail)
    try:
        write_excel({"Blad": _frame()}, tmp_path / "gammal.xlsx")
    except OSError:
        pass
    assert (tmp_path / "gammal.xlsx").read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gammal.xlsx"]


def test_terminal_table_shows_no_escape_sequences():
    import io

    stream = io.StringIO()
    write_table(pd.DataFrame({"t": CONTROL}), "table", stream=stream)
    text = stream.getvalue()
    assert "\x1b" not in text and "\x00" not in text and "Esc�[2J" in text
