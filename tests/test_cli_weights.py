"""``kstad weights``: the e-mail round's workbook contract, reading, errors, the weights file."""

from __future__ import annotations

import tomllib
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook

from kstad_analysis.cli import main
from kstad_analysis.weights import aggregate_ahp, criterion_keys
from tests.plans import need_row, write_xlsx

KEYS = criterion_keys()
PEOPLE = ["Anna", "Bo", "Cecilia"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["weights", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def template(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "omgang.xlsx"
    code, out, _ = run(capsys, "--template", str(path), "--participants", ",".join(PEOPLE))
    assert code == 0 and "3 deltagarblad" in out
    return path


def _judgements(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    scale = [1 / 5, 1 / 3, 1, 2, 3, 5]
    a = np.ones((len(KEYS), len(KEYS)))
    for i, j in combinations(range(len(KEYS)), 2):
        a[i, j] = rng.choice(scale)
        a[j, i] = 1 / a[i, j]
    return a


def _text(value: float) -> object:
    return round(value) if value >= 1 else f"1/{round(1 / value)}"


def _fill(path: Path, matrices: dict[str, np.ndarray]) -> None:
    book = load_workbook(path)
    for name, a in matrices.items():
        sheet = book[name]
        for i, j in combinations(range(len(KEYS)), 2):
            sheet.cell(row=i + 2, column=j + 2, value=_text(a[i, j]))
        sheet.cell(row=len(KEYS) + 1, column=2, value=99)  # lower triangle: never read
    book.save(path)


def test_the_template_follows_the_file_contract(template: Path):
    book = load_workbook(template)
    assert book.sheetnames == ["_Instruktioner", *PEOPLE]
    sheet = book["Bo"]
    n = len(KEYS)
    assert [sheet.cell(row=1, column=c).value for c in range(2, n + 2)] == KEYS
    assert [sheet.cell(row=r, column=1).value for r in range(2, n + 2)] == KEYS
    assert sheet.cell(row=1, column=n + 2).value is None
    assert all(sheet.cell(row=k + 2, column=k + 2).value == 1 for k in range(n))
    validation = sheet.data_validations.dataValidation[0]
    assert validation.type == "list" and '"9,8,7,6,5,4,3,2,1,1/2' in validation.formula1
    assert "C2" in validation.sqref and "H7" in validation.sqref  # the upper triangle
    assert "B2" not in validation.sqref and "B3" not in validation.sqref  # not diagonal/lower
    assert sheet["C2"].number_format == "@"  # text, so 1/3 is not a date
    direct = template.with_name("direkt.xlsx")
    assert main(["weights", "--template", str(direct), "--kind", "direct", "--count", "2"]) == 0
    book = load_workbook(direct)
    assert book.sheetnames == ["_Instruktioner", "Deltagare 1", "Deltagare 2"]
    assert book["Deltagare 1"]["A1"].value == "kriterium" and book["Deltagare 1"]["B1"].value == "vikt"
    assert [book["Deltagare 1"].cell(row=r, column=1).value for r in range(2, n + 2)] == KEYS


def test_reading_gives_aij_and_a_weights_file_rank_and_optimize_accept(template, tmp_path, capsys):
    matrices = {name: _judgements(k) for k, name in enumerate(PEOPLE)}
    _fill(template, matrices)
    out_file = tmp_path / "vikter.toml"
    code, out, err = run(capsys, str(template), "--out", str(out_file))
    assert code == 0, err
    expected = aggregate_ahp(list(matrices.values()), "AIJ", KEYS)
    data = tomllib.loads(out_file.read_text(encoding="utf-8"))
    assert data["omgang"]["metod"] == "AIJ" and data["omgang"]["deltagare"] == PEOPLE
    assert [data["vikter"][k] for k in KEYS] == pytest.approx(expected.weights.tolist(), abs=1e-6)
    assert data["deltagare"]["Bo"]["cr"] >= 0
    assert "Anna" in out and "Gruppen" in out and "AIJ" in out
    aip = tmp_path / "aip.toml"
    assert run(capsys, str(template), "--method", "AIP", "--out", str(aip))[0] == 0
    aip_weights = tomllib.loads(aip.read_text())["vikter"]
    assert max(abs(aip_weights[k] - data["vikter"][k]) for k in KEYS) > 1e-6  # n = 7: AIJ ≠ AIP
    plan = write_xlsx(tmp_path / "plan.xlsx", [need_row("BUF-001"), need_row("BUF-002")])
    assert main(["rank", str(plan), "--weights", str(out_file)]) == 0
    _, err = capsys.readouterr()
    assert f"nytta={data['vikter']['nytta']:.3f}" in err
    assert main(["optimize", str(plan), "--budget", "5000000", "--no-bastjanst",
                 "--weights", str(out_file)]) == 0


def test_an_empty_sheet_is_skipped_and_direct_sheets_are_mixed_in(tmp_path, capsys):
    pairwise = tmp_path / "p.xlsx"
    assert main(["weights", "--template", str(pairwise), "--participants", "Anna,Bo"]) == 0
    _fill(pairwise, {"Anna": _judgements(3)})
    book = load_workbook(pairwise)
    direct = book.create_sheet("Cecilia")
    direct.append(["kriterium", "vikt"])
    for key in reversed(KEYS):  # any order of keys in a direct sheet
        direct.append([key, 10 if key == "risk" else "0,0"])
    book.save(pairwise)
    code, out, err = run(capsys, str(pairwise), "--out", str(tmp_path / "v.toml"))
    assert code == 0, err
    assert "”Bo” är tomt" in err
    data = tomllib.loads((tmp_path / "v.toml").read_text())
    assert data["omgang"]["deltagare"] == ["Anna", "Cecilia"] and data["omgang"]["metod"] == "mean"
    assert data["deltagare"]["Cecilia"]["risk"] == pytest.approx(1.0)
    assert "aritmetiskt medelvärde" in out


def _error(capsys, path: Path) -> str:
    code, _, err = run(capsys, str(path))
    assert code == 2
    return err


@pytest.mark.parametrize("changes, expected", [
    ({"D2": "10"}, ["Blad ”Bo”, rad 2, kolumn D (nytta mot strategi)", "”10”", "skalan 1/9–9"]),
    ({"D3": "mycket"}, ["Blad ”Bo”, rad 3, kolumn D (kostnad mot strategi)", "”mycket”", "inte ett tal"]),
    ({"C2": None}, ["Blad ”Bo”, rad 2, kolumn C (nytta mot kostnad)", "tomt"]),
    ({"E1": "kostand"}, ["Blad ”Bo”, rad 1, kolumn E", "”kostand”", "ingen känd kriterienyckel"]),
    ({"A4": "risk", "A6": "strategi"},
     ["Blad ”Bo”, rad 4, kolumn A", "”risk”", "samma nycklar i samma ordning", "”strategi”"]),
])
def test_errors_name_sheet_row_column_and_value(template, capsys, changes, expected):
    _fill(template, {name: _judgements(k) for k, name in enumerate(PEOPLE)})
    book = load_workbook(template)
    for cell, value in changes.items():
        book["Bo"][cell] = value
    book.save(template)
    err = _error(capsys, template)
    for part in expected:
        assert part in err, err
    assert "Traceback" not in err


def test_a_date_in_a_cell_is_explained(template, capsys):
    import datetime as dt

    _fill(template, {name: _judgements(k) for k, name in enumerate(PEOPLE)})
    book = load_workbook(template)
    book["Anna"]["C2"] = dt.datetime(2026, 1, 3)
    book.save(template)
    err = _error(capsys, template)
    assert "Blad ”Anna”, rad 2, kolumn C" in err and "datum" in err


def test_usage_errors(tmp_path, capsys):
    assert run(capsys)[0] == 2
    assert run(capsys, "--template", str(tmp_path / "x.xlsx"), "--participants", "_Anna")[0] == 2
    assert run(capsys, "--template", str(tmp_path / "x.xlsx"), "--participants", "A,a")[0] == 2
    assert run(capsys, "--template", str(tmp_path / "x.csv"))[0] == 2
    assert run(capsys, str(tmp_path / "saknas.xlsx"))[0] == 2
    only = tmp_path / "only.xlsx"
    assert main(["weights", "--template", str(only), "--count", "1"]) == 0
    book = load_workbook(only)
    book["Deltagare 1"].title = "_Deltagare 1"
    book.save(only)
    _, _, err = run(capsys, str(only))
    assert "inget deltagarblad" in err
