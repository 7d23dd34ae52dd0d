"""Swedish number formatting, shared by terminal, apps and report."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kstad_analysis.export import format_for, write_table
from kstad_analysis.formatting import NBSP, format_value, kr, pct
from kstad_analysis.synthetic import generate_needs


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (1_500_000, "kr", f"1{NBSP}500{NBSP}000 kr"),
    (np.int64(5), "kr", "5 kr"),
    (1234.5, ",.3", f"1{NBSP}234,500"),
    (0.256, ".2", "0,26"),
    (0.256, "pct", f"26{NBSP}%"),
    (1500, "int", f"1{NBSP}500"),
    (None, "kr", "–"), (pd.NA, "kr", "–"), (float("nan"), ".2", "–"),
    ("text", "kr", "text"),
])
def test_format_value(value, fmt, expected):
    assert format_value(value, fmt) == expected


def test_shortcuts():
    assert kr(2500) == f"2{NBSP}500 kr" and pct(0.5) == f"50{NBSP}%" and kr(None) == "–"


@pytest.mark.parametrize(("out", "fmt", "expected"), [
    (None, "table", "table"), ("x.csv", "table", "csv"), ("x.XLSX", "table", "xlsx"),
    ("x.json", "table", "json"), ("x.txt", "table", "table"), ("x.csv", "json", "json"),
])
def test_format_for(out, fmt, expected):
    assert format_for(out, fmt) == expected


def test_table_mode_uses_decimal_comma_and_csv_keeps_points(tmp_path, capsys):
    frame = pd.DataFrame({"id": ["A"], "score": [0.6822]})
    write_table(frame, "table")
    assert "0,6822" in capsys.readouterr().out
    write_table(frame, "csv", tmp_path / "x.csv")
    assert "0.6822" in (tmp_path / "x.csv").read_text()


def test_generate_zero_needs_has_the_columns():
    empty = generate_needs(0)
    assert len(empty) == 0 and list(empty.columns) == list(generate_needs(3).columns)


def test_table_mode_prints_whole_amounts_with_spaces(capsys):
    frame = pd.DataFrame({"id": ["A", "B"], "kr": [2_700_000.0, float("nan")], "v": [0.5, 1.0]})
    write_table(frame, "table")
    out = capsys.readouterr().out
    assert f"2{NBSP}700{NBSP}000" in out and "2700000,0" not in out and "0,5" in out


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (12_345_678, "mnkr", "12,3"), (-420_000, "mnkr", "\u22120,4"), (-20_000, "mnkr", "0,0"),
    (1_234_567, "tkr", "1\u00a0235"), (-1_500, "kr", "\u22121\u00a0500"), (None, "tkr", "–"),
    (999_950_000, "mnkr", "1\u00a0000,0"),
])
def test_amount_in_a_unit_with_true_minus(value, unit, expected):
    from kstad_analysis.formatting import amount

    assert amount(value, unit) == expected


def test_mnkr_states_its_unit():
    from kstad_analysis.formatting import mnkr

    assert mnkr(3_780_000) == "3,8\u00a0mnkr"
