"""``kstad optimize``: real plan files in, portfolio and reasons out, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kstad_analysis.cli import main
from tests.plans import need_row, write_xlsx


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    rows = [
        need_row("BUF-001", **{"Investering (kr)": 6_000_000, "Titel": "Stort system"}),
        need_row("BUF-002", **{"Investering (kr)": 3_000_000, "Titel": "E-tjänst för ansökan",
                               "Startår": 2028}),
        need_row("BUF-003", **{"Investering (kr)": 2_000_000, "Lagkrav (ja/nej)": "ja",
                               "Titel": "Loggkontroll enligt lag"}),
        need_row("BUF-004", **{"Investering (kr)": 1_000_000, "Beroenden": "BUF-002",
                               "Titel": "Påminnelser via sms"}),
        need_row("BUF-005", **{"Investering (kr)": None, "Titel": "Okänd kostnad"}),
    ]
    return write_xlsx(tmp_path / "plan.xlsx", rows)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["optimize", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_portfolio_totals_and_reasons(plan: Path, capsys) -> None:
    code, out, err = run(capsys, str(plan), "--budget", "6 000 000", "--no-bastjanst")
    assert code == 0, err
    assert "Vald portfölj" in out and "Lösarstatus: optimal (gap 0 %" in out
    assert "BUF-003" in out.split("Lösarstatus")[0]  # lagkrav is in the portfolio
    assert "Budget 6\u00a0000\u00a0000 kr" in out
    assert "Rangordna och fyll på (som i dag)" in out
    rest = out.split("Ej valda")[1]
    assert "saknar kostnad" in rest and "BUF-005" in rest
    assert "ryms inte i budget" in rest


def test_per_year_frontier_and_must(plan: Path, capsys) -> None:
    code, out, err = run(capsys, str(plan), "--budget", "12000000", "--no-bastjanst",
                         "--per-year", "2027=8000000,2028=4000000", "--must", "BUF-004",
                         "--frontier", "--levels", "4")
    assert code == 0, err
    head = out.split("Lösarstatus")[0]
    assert "BUF-004" in head and "BUF-002" in head  # must pulls in its dependency
    assert "Per år:" in out and "år 2028" in out and "hela perioden" in out
    assert "Effektiv front" in out and "Marginalvärde per mkr" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--budget", "-5"], "--budget måste vara ett belopp ≥ 0"),
    (["--budget", "mycket"], "--budget måste vara ett belopp ≥ 0"),
    (["--budget", "1000", "--per-year", "2027:500"], "Felaktig --per-year"),
    (["--budget", "1000", "--per-year", "2027=5,2027=6"], "två gånger"),
    (["--budget", "1000", "--per-year", "2027=-1"], "--per-year måste vara ett belopp"),
    (["--budget", "1000", "--must", "BUF-001,XYZ-9"], "Okända behov i --must: XYZ-9"),
    (["--budget", "1000", "--exclude", "NOPE"], "Okända behov i --exclude: NOPE"),
    (["--budget", "1000", "--levels", "1"], "--levels måste vara minst 2"),
    (["--budget", "1000", "--format", "xlsx"], "xlsx kräver --out"),
])
def test_bad_arguments_exit_2_in_swedish(plan: Path, capsys, argv: list[str],
                                         message: str) -> None:
    code, out, err = run(capsys, str(plan), "--no-bastjanst", *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_lagkrav_over_budget_is_explained(plan: Path, capsys) -> None:
    code, out, err = run(capsys, str(plan), "--budget", "1000000", "--no-bastjanst")
    assert code == 2
    assert "Ingen portfölj uppfyller reglerna" in err and "BUF-003" in err
    assert "2\u00a0000\u00a0000 kr" in err


def test_json_on_stdout_is_clean(plan: Path, capsys) -> None:
    code, out, err = run(capsys, str(plan), "--budget", "9000000", "--format", "json",
                         "--frontier", "--levels", "3")
    assert code == 0, err
    payload = json.loads(out)
    rows = {r["id"]: r for r in payload["Portfölj"]}
    assert rows["BUF-003"]["served"] is True
    assert rows["BUF-005"]["reason"] == "saknar kostnad"
    assert len(payload["Front"]) == 3
    totals = {r["key"]: r["value"] for r in payload["Totaler"]}
    assert totals["status"] == "optimal"


def test_xlsx_export_has_every_sheet(plan: Path, tmp_path: Path, capsys) -> None:
    out_file = tmp_path / "portfolj.xlsx"
    code, out, err = run(capsys, str(plan), "--budget", "9000000", "--out", str(out_file),
                         "--value", "npv", "--no-bastjanst")
    assert code == 0, err
    book = load_workbook(out_file, read_only=True)
    assert book.sheetnames == ["Portfölj", "Per år", "Bastjänster", "Totaler"]
    header = [c.value for c in next(book["Portfölj"].iter_rows(max_row=1))]
    assert {"ID", "Titel", "Förvaltning", "Skäl", "Tillgodosedd"} <= set(header)
    assert "Resultatet skrevs till" in err


def test_preset_reproduces_the_report(tmp_path: Path, capsys, monkeypatch) -> None:
    """The CLI, given the report's weights, funds exactly the report's needs."""
    from kstad_analysis import report

    monkeypatch.setenv("KSTAD_STORE_DIR", str(tmp_path))  # no saved decisions on either side
    code, out, err = run(capsys, "--preset", "Balanserad", "--budget", "15000000",
                         "--format", "json")
    assert code == 0, err
    funded = sorted(r["id"] for r in json.loads(out)["Portfölj"] if r["served"])
    content = report.compute(report.resolve(
        preset="Balanserad", budget=15_000_000, store_dir=tmp_path, samples=50))
    assert funded == content.funded_ids
    code, out_default, err = run(capsys, "--budget", "15000000", "--format", "json")
    assert code == 0, err
    default = sorted(r["id"] for r in json.loads(out_default)["Portfölj"] if r["served"])
    assert len(funded) > 10 and default != funded  # the preset really changed the scores


@pytest.mark.parametrize(("argv", "message"), [
    (["--preset", "Finns inte"], "Finns inte"),
    (["--weights", "nytta=x"], "nytta"),
    (["--weights", "nytta=1", "--preset", "Balanserad"], "inte båda"),
    (["--weights", "saknas.toml"], "saknas.toml"),
    (["--preset", "Balanserad", "--value", "npv"], "gäller bara --value benefit"),
])
def test_bad_weights_exit_2_in_swedish(plan: Path, capsys, argv: list[str], message: str) -> None:
    code, out, err = run(capsys, str(plan), "--budget", "1000", "--no-bastjanst", *argv)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_weights_change_the_portfolio(tmp_path: Path, capsys) -> None:
    """Two needs at the same cost, one strategic, one for residents: the weights decide."""
    two = write_xlsx(tmp_path / "two.xlsx", [
        need_row("BUF-010", **{"Investering (kr)": 1_000_000, "Strategisk betydelse (1-5)": 5,
                               "Medborgarnytta (1-5)": 1}),
        need_row("BUF-011", **{"Investering (kr)": 1_000_000, "Strategisk betydelse (1-5)": 1,
                               "Medborgarnytta (1-5)": 5}),
    ])
    chosen = {}
    for spec in ("strategi=1", "medborgare=1"):
        code, out, err = run(capsys, str(two), "--budget", "1000000", "--no-bastjanst",
                             "--weights", spec, "--format", "json")
        assert code == 0, err
        chosen[spec] = [r["id"] for r in json.loads(out)["Portfölj"] if r["served"]]
    assert chosen == {"strategi=1": ["BUF-010"], "medborgare=1": ["BUF-011"]}
