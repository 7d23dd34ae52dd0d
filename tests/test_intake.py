"""Every intake rule, with real xlsx/csv files written in the test."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from kstad_analysis import schema
from kstad_analysis.cli import main
from kstad_analysis.intake import PlanError, load_plans, read_plans
from kstad_analysis.template import write_template
from tests.plans import HEADERS, need_row, write_csv, write_xlsx


def errors_at(plans, column=None, row=None):
    return [p for p in plans.errors
            if (column is None or p.column == column) and (row is None or p.row == row)]


def test_valid_workbook_reads_every_need(tmp_path):
    path = write_xlsx(tmp_path / "buf.xlsx", [need_row("BUF-001"), need_row("BUF-002")])
    plans = read_plans([path])
    assert plans.ok and plans.errors == []
    assert list(plans.needs["id"]) == ["BUF-001", "BUF-002"]
    first = plans.needs.iloc[0]
    assert first["investment"] == 100000.0
    assert first["strategic"] == 3 and not first["legal"]
    assert first["source_row"] == 2 and first["source_sheet"] == "Behov"
    assert not first["incomplete"]


def test_columns_in_any_order_and_extra_columns_kept(tmp_path):
    headers = [*reversed(HEADERS), "Kontaktperson"]
    row = need_row("BUF-001", Kontaktperson="Anna")
    plans = read_plans([write_xlsx(tmp_path / "a.xlsx", [row], headers=headers)])
    assert plans.ok
    assert plans.needs.iloc[0]["extra"] == {"Kontaktperson": "Anna"}
    info = [p for p in plans.problems if p.severity == "info"]
    assert info and info[0].column == "Kontaktperson"


@pytest.mark.parametrize("header", ["ID", "Förvaltning", "Titel", "Beskrivning"])
def test_missing_required_value_is_error_with_location(tmp_path, header):
    path = write_xlsx(tmp_path / "p.xlsx", [need_row("A-1"), need_row("A-2", **{header: None})])
    if header == "ID":
        path = write_xlsx(tmp_path / "p.xlsx", [need_row("A-1"), need_row(None)])
    plans = read_plans([path])
    errs = errors_at(plans, column=header, row=3)
    assert len(errs) == 1
    assert errs[0].file == str(path) and errs[0].sheet == "Behov"
    assert "saknas" in errs[0].message


def test_missing_required_column(tmp_path):
    headers = [h for h in HEADERS if h != "Titel"]
    plans = read_plans([write_xlsx(tmp_path / "p.xlsx", [need_row()], headers=headers)])
    assert [e.column for e in plans.errors] == ["Titel"]
    assert plans.errors[0].row == 1


def test_duplicate_id_across_files_names_both(tmp_path):
    a = write_xlsx(tmp_path / "a.xlsx", [need_row("X-1")])
    b = write_xlsx(tmp_path / "b.xlsx", [need_row("X-2"), need_row("X-1")])
    plans = read_plans([a, b])
    errs = errors_at(plans, column="ID")
    assert len(errs) == 1
    assert errs[0].file == str(b) and errs[0].row == 3 and "a.xlsx" in errs[0].message
    assert len(plans.needs) == 3  # nothing dropped


def test_unknown_and_self_dependency(tmp_path):
    rows = [need_row("A-1", Beroenden="A-2; B-9"), need_row("A-2", Beroenden="A-2")]
    plans = read_plans([write_xlsx(tmp_path / "p.xlsx", rows)])
    errs = errors_at(plans, column="Beroenden")
    assert {(e.row, e.value) for e in errs} == {(2, "B-9"), (3, "A-2")}
    assert plans.needs.iloc[0]["dependencies"] == ("A-2", "B-9")


@pytest.mark.parametrize("value", [0, 6, 2.5, "hög", -1])
def test_rating_outside_scale(tmp_path, value):
    path = write_xlsx(tmp_path / "p.xlsx", [need_row("A-1", **{"Risk (1-5)": value})])
    errs = errors_at(read_plans([path]), column="Risk (1-5)", row=2)
    assert len(errs) == 1 and errs[0].value == value


@pytest.mark.parametrize("header", ["Investering (kr)", "Driftkostnad per år (kr)",
                                    "Övrig nytta per år (kr)", "Ärenden per år"])
def test_negative_money_and_volumes(tmp_path, header):
    path = write_xlsx(tmp_path / "p.xlsx", [need_row("A-1", **{header: -5})])
    errs = errors_at(read_plans([path]), column=header)
    assert len(errs) == 1 and "negativ" in errs[0].message


def test_bad_yes_no_year_and_text_number(tmp_path):
    row = need_row("A-1", **{"Lagkrav (ja/nej)": "kanske", "Startår": "snart",
                             "Investering (kr)": "mycket"})
    plans = read_plans([write_xlsx(tmp_path / "p.xlsx", [row])])
    assert {e.column for e in plans.errors} == {"Lagkrav (ja/nej)", "Startår", "Investering (kr)"}


def test_all_problems_reported_at_once(tmp_path):
    rows = [need_row("A-1", **{"Risk (1-5)": 9}), need_row("A-2", Titel=None),
            need_row("A-3", **{"Investering (kr)": -1})]
    plans = read_plans([write_xlsx(tmp_path / "p.xlsx", rows)])
    assert sorted(e.row for e in plans.errors) == [2, 3, 4]


def test_swedish_numbers_as_text_cells(tmp_path):
    row = need_row("A-1", **{"Investering (kr)": "1 200 000 kr", "Driftkostnad per år (kr)": "35 000",
                             "Sparad tid per ärende (min)": "1,5", "Ärenden per år": "2\u00a0000"})
    plans = read_plans([write_xlsx(tmp_path / "p.xlsx", [row])])
    need = plans.needs.iloc[0]
    assert plans.ok
    assert (need["investment"], need["running_cost"]) == (1_200_000.0, 35_000.0)
    assert (need["minutes_saved"], need["cases_per_year"]) == (1.5, 2000.0)


def test_missing_optional_values_mark_incomplete_not_zero(tmp_path):
    row = need_row("A-1", **{"Investering (kr)": None, "Risk (1-5)": None})
    plans = read_plans([write_xlsx(tmp_path / "p.xlsx", [row])])
    assert plans.ok  # a warning, not an error
    need = plans.needs.iloc[0]
    assert need["incomplete"] and set(need["missing"]) == {"investment", "risk"}
    assert pd.isna(need["investment"]) and pd.isna(need["risk"])
    warning = plans.warnings[0]
    assert warning.row == 2 and "Investering (kr)" in warning.message


def test_missing_sheet_and_unreadable_file(tmp_path):
    book = Workbook()
    book.active.title = "Blad1"
    book.save(tmp_path / "fel_flik.xlsx")
    (tmp_path / "trasig.xlsx").write_bytes(b"not a zip file")
    plans = read_plans([tmp_path / "fel_flik.xlsx", tmp_path / "trasig.xlsx"])
    messages = {e.file.split("/")[-1]: e.message for e in plans.errors}
    assert "Behov" in messages["fel_flik.xlsx"] and "Blad1" in messages["fel_flik.xlsx"]
    assert "kunde inte läsas" in messages["trasig.xlsx"]


def test_missing_path_and_wrong_suffix(tmp_path):
    (tmp_path / "plan.docx").write_text("x")
    plans = read_plans([tmp_path / "finns_inte.xlsx", tmp_path / "plan.docx"])
    assert len(plans.errors) == 2


def test_folder_of_workbooks_and_csv(tmp_path):
    write_xlsx(tmp_path / "a.xlsx", [need_row("A-1")])
    write_csv(tmp_path / "b.csv", [need_row("B-1", department="Miljöförvaltningen")])
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    plans = read_plans([tmp_path])
    assert plans.ok and sorted(plans.needs["id"]) == ["A-1", "B-1"]


@pytest.mark.parametrize(("sep", "bom"), [(";", False), (";", True), (",", False), (",", True)])
def test_csv_variants(tmp_path, sep, bom):
    row = need_row("C-1", **{"Investering (kr)": "1 200 000 kr", "Sparad tid per ärende (min)": "1,5",
                             "Beroenden": None})
    plans = read_plans([write_csv(tmp_path / "p.csv", [row], sep=sep, bom=bom)])
    assert plans.ok, plans.errors
    need = plans.needs.iloc[0]
    assert need["id"] == "C-1" and need["investment"] == 1_200_000 and need["minutes_saved"] == 1.5


def test_csv_error_names_line(tmp_path):
    path = write_csv(tmp_path / "p.csv", [need_row("C-1"), need_row("C-2", **{"Risk (1-5)": 7})])
    errs = read_plans([path]).errors
    assert len(errs) == 1 and errs[0].row == 3 and errs[0].column == "Risk (1-5)"
    assert errs[0].sheet is None


def test_source_files_are_never_modified(tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", [need_row("A-1", **{"Risk (1-5)": 9})])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    read_plans([path])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_formula_cells_use_stored_value_or_are_reported(tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", [need_row("A-1", **{"Investering (kr)": "=1+1"}),
                                            need_row("A-2", Titel='=HYPERLINK("http://x","y")')])
    plans = read_plans([path])
    errs = errors_at(plans, column="Investering (kr)")
    assert len(errs) == 1 and "formel" in errs[0].message
    assert [e.row for e in errors_at(plans, column="Titel")] == [3]


def test_formula_text_from_csv_is_kept_as_inert_text(tmp_path):
    path = write_csv(tmp_path / "p.csv", [need_row("A-2", Titel='=HYPERLINK("http://x";"y")')],
                     sep=",")
    plans = read_plans([path])
    assert plans.ok
    assert plans.needs.iloc[0]["title"] == '=HYPERLINK("http://x";"y")'


def test_load_plans_raises_with_all_errors(tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", [need_row("A-1", **{"Risk (1-5)": 9}),
                                            need_row("A-1")])
    with pytest.raises(PlanError) as info:
        load_plans([path])
    assert "rad 2" in str(info.value) and "rad 3" in str(info.value)


def test_register_sheet_validated(tmp_path):
    register = [
        {"ID": "A-1", "Nytta": "Kortare handläggning", "Nyttotyp": "omfördelning", "År": 2025,
         "Planerad nytta (kr)": 100000, "Realiserad nytta (kr)": 80000, "Mätdatum": "2025-12-01"},
        {"ID": "Z-9", "Nytta": "x", "Nyttotyp": "vinst", "År": 2025, "Planerad nytta (kr)": -1},
    ]
    path = write_xlsx(tmp_path / "p.xlsx", [need_row("A-1")], register=register)
    plans = read_plans([path])
    assert {(e.sheet, e.row, e.column) for e in plans.errors} == {
        ("Uppföljning", 3, "ID"), ("Uppföljning", 3, "Nyttotyp"),
        ("Uppföljning", 3, "Planerad nytta (kr)"),
    }
    assert len(plans.register) == 2
    assert plans.register.iloc[0]["realised"] == 80000


def test_template_is_generated_and_reads_back(tmp_path):
    out = write_template(tmp_path / "mall.xlsx")
    book = load_workbook(out)
    assert book.sheetnames == ["Behov", "Uppföljning", "Instruktioner"]
    assert [c.value for c in book["Behov"][1]] == HEADERS
    validations = {dv.formula1 for dv in book["Behov"].data_validations.dataValidation}
    assert '"ja,nej"' in validations and '"1,2,3,4,5"' in validations
    plans = read_plans([out])
    assert plans.ok and len(plans.needs) == 0  # the example row is skipped with a warning
    assert plans.warnings and "Exempel" in plans.warnings[0].message


def test_cli_validate_exit_codes_and_json(tmp_path, capsys):
    good = write_xlsx(tmp_path / "good.xlsx", [need_row("A-1")])
    bad = write_xlsx(tmp_path / "bad.xlsx", [need_row("B-1", **{"Risk (1-5)": 8})])
    assert main(["validate", str(good)]) == 0
    capsys.readouterr()
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "bad.xlsx" in out and "rad 2" in out and "Risk (1-5)" in out and "'8'" in out or "8" in out
    assert main(["validate", "--format", "json", str(bad)]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False
    err = next(p for p in payload["problems"] if p["severity"] == "error")
    assert (err["row"], err["column"], err["value"], err["sheet"]) == (2, "Risk (1-5)", 8, "Behov")


def test_cli_template(tmp_path):
    assert main(["template", str(tmp_path / "mall.xlsx")]) == 0
    assert main(["template", str(tmp_path / "mall.csv")]) == 2


def test_schema_headers_unique():
    headers = [c.header for c in schema.NEED_COLUMNS]
    assert len(headers) == len(set(headers)) == 16


def test_usage_errors_are_swedish(capsys):
    for argv, expected in ((["rank", "--method", "foo"], "ogiltigt val"),
                           (["optimize", "--value"], "ett värde saknas"),
                           (["rank", "--bogus"], "okända argument"),
                           (["rank", "--top", "x"], "ogiltigt värde")):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert expected in err and "invalid" not in err and "required" not in err
    assert main(["optimize"]) == 2  # no budget and no scenario: the command's own message
    assert "Ange --budget" in capsys.readouterr().err
