"""``kstad benefits``: output formats, overrides and Swedish usage errors."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from kstad_analysis import benefits, schema
from kstad_analysis.cli import main

NEEDS = [
    {"id": "MF-001", "department": "Miljöförvaltningen", "title": "E-tjänst för tillsyn",
     "description": "Ansökan digitalt.", "investment": 200000, "running_cost": 20000,
     "cases_per_year": 800, "minutes_saved": 20, "other_benefit": 5000, "start_year": 2025},
    {"id": "MF-002", "department": "Miljöförvaltningen", "title": "@SUM(A1)",
     "description": "Robot för fakturor.", "investment": 150000, "running_cost": 30000,
     "cases_per_year": 5000, "minutes_saved": 6, "other_benefit": 0, "start_year": 2027},
    {"id": "KLK-001", "department": "Kommunledningskontoret", "title": "Digital signering",
     "description": "Signera med e-legitimation.", "investment": None, "running_cost": 10000,
     "cases_per_year": 3000, "minutes_saved": 10, "other_benefit": 20000, "start_year": 2027},
]
REGISTER = [
    {"id": "MF-001", "benefit": "Kortare handläggning", "benefit_type": "omfördelning",
     "year": 2026, "planned": 60000, "realised": 30000, "measured_on": "2027-02-01"},
    {"id": "MF-001", "benefit": "Mindre porto", "benefit_type": "finansiell", "year": 2025,
     "planned": 5000},
]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = schema.NEEDS_SHEET
    sheet.append([c.header for c in schema.NEED_COLUMNS])
    for need in NEEDS:
        sheet.append([need.get(c.key) for c in schema.NEED_COLUMNS])
    register = book.create_sheet(schema.REGISTER_SHEET)
    register.append([c.header for c in schema.REGISTER_COLUMNS])
    for entry in REGISTER:
        register.append([entry.get(c.key) for c in schema.REGISTER_COLUMNS])
    path = tmp_path / "plan.xlsx"
    book.save(path)
    return path


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["benefits", *argv])
        except SystemExit as exc:  # argparse errors
            code = int(exc.code)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def swedish(monkeypatch):
    monkeypatch.setenv("KSTAD_LANG", "sv")


def test_table_per_need(plan):
    code, out, err = run_cli(str(plan))
    assert code == 0, err
    assert "Nettonuvärde inkl. omfördelning (kr)" in out
    assert "MF-001" in out and "KLK-001" in out
    assert "Saknar: Investering (kr)" in out
    assert "1 av 3" not in err and "2 av 3 behov" in err


def test_csv_matches_library_with_overrides(plan, tmp_path):
    out_file = tmp_path / "res.csv"
    code, _, err = run_cli(str(plan), "--years", "7", "--rate", "0,05", "--out", str(out_file))
    assert code == 0, err
    frame = pd.read_csv(out_file)
    from kstad_analysis.intake import load_plans

    expected = benefits.need_economics(
        load_plans([plan]).needs, benefits.BenefitParams.load().replace(years=7, rate=0.05)
    )
    assert list(frame["id"]) == list(expected["id"])
    assert frame["npv"].iloc[:2].tolist() == pytest.approx(expected["npv"].iloc[:2].tolist())
    assert pd.isna(frame.loc[2, "npv"])
    # formula injection neutralised in CSV
    assert frame.loc[1, "title"] == "'@SUM(A1)"
    assert "7 år, ränta 5 %" in err


def test_json_per_department_holds_all_views(plan):
    code, out, err = run_cli(str(plan), "--format", "json", "--per", "department")
    assert code == 0, err
    payload = json.loads(out)
    assert set(payload) == {"department", "need", "municipality", "realisation",
                            "realisation_initiative", "realisation_department"}
    initiative = {r["id"]: r for r in payload["realisation_initiative"]}
    assert initiative["MF-001"]["rate"] == pytest.approx(0.5)
    departments = {row["department"] for row in payload["department"]}
    assert departments == {"Miljöförvaltningen", "Kommunledningskontoret"}
    realisation = {(r["id"], r["year"]): r for r in payload["realisation"]}
    assert realisation[("MF-001", 2026)]["rate"] == pytest.approx(0.5)
    assert realisation[("MF-001", 2025)]["realised"] is None


def test_xlsx_has_every_sheet(plan, tmp_path):
    out_file = tmp_path / "effekt.xlsx"
    code, _, err = run_cli(str(plan), "--format", "xlsx", "--out", str(out_file))
    assert code == 0, err
    book = load_workbook(out_file, read_only=True)
    assert book.sheetnames == ["Per behov", "Per förvaltning", "Kommunen", "Uppföljning",
                               "Uppföljning per initiativ", "Uppföljning per förvaltning"]
    rows = list(book["Per behov"].iter_rows(values_only=True))
    assert "Omfördelningsnytta (kr/år)" in rows[0]
    titles = [r[rows[0].index("Titel")] for r in rows[1:]]
    assert "'@SUM(A1)" in titles
    book.close()


def test_xlsx_needs_out(plan):
    code, _, err = run_cli(str(plan), "--format", "xlsx")
    assert code == 2 and "--out" in err


@pytest.mark.parametrize(("argv", "word"), [
    (["--rate", "-1"], "Ogiltig ränta"),
    (["--rate", "tre"], "Ogiltig ränta"),
    (["--rate", "3"], "Ogiltig ränta"),
    (["--rate", "nan"], "Ogiltig ränta"),
    (["--years", "0"], "Ogiltigt antal år"),
    (["--years", "31"], "Ogiltigt antal år"),
    (["--years", "fem"], "Ogiltigt antal år"),
])
def test_bad_arguments_exit_2_in_swedish(plan, argv, word):
    code, out, err = run_cli(str(plan), *argv)
    assert code == 2
    assert word in err and "Traceback" not in err
    assert out == ""


def test_invalid_plan_exit_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("ID;Förvaltning\nX;Y\n", encoding="utf-8")
    code, _, err = run_cli(str(bad))
    assert code == 2 and "Titel" in err
