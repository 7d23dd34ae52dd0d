"""``kstad shared-needs``: real plan files in, tables out, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from kstad_analysis.cli import main
from kstad_analysis.shared_needs import GroupingDecision
from tests.plans import need_row, write_csv, write_xlsx

ROWS = [
    ("KLK-001", "Kommunledningskontoret", "Digital signering av avtal",
     "Avtal signeras med BankID i stället för på papper."),
    ("BUF-001", "Barn- och ungdomsförvaltningen", "E-underskrift av samtycken",
     "Vårdnadshavare signerar samtycken digitalt."),
    ("TFF-001", "Teknik- och fastighetsförvaltningen", "E-signatur på hyresavtal",
     "Hyresavtal och kontrakt signeras digitalt."),
    ("MF-001", "Miljöförvaltningen", "Nivågivare i avfallskärl",
     "Sensorer mäter fyllnadsgrad i containrar."),
]


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    rows = [need_row(i, d, Titel=title, Beskrivning=desc) for i, d, title, desc in ROWS]
    write_xlsx(tmp_path / "plan.xlsx", rows[:2])
    write_csv(tmp_path / "plan.csv", rows[2:])
    return tmp_path


def test_one_row_per_need_as_csv(plans: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut" / "grupper.csv"
    assert main(["shared-needs", str(plans), "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns[:7]) == ["ID", "Förvaltning", "Titel", "Grupp", "Gruppnamn",
                                       "Antal behov i gruppen", "Antal förvaltningar"]
    by_id = table.set_index("ID")
    assert by_id.loc["KLK-001", "Grupp"] == by_id.loc["TFF-001", "Grupp"] == "G-BUF-001"
    assert by_id.loc["KLK-001", "Antal förvaltningar"] == 3
    assert by_id.loc["MF-001", "Antal behov i gruppen"] == 1


def test_candidates_as_json(plans: Path, tmp_path: Path) -> None:
    out = tmp_path / "kandidater.json"
    assert main(["shared-needs", str(plans), "--candidates", "--out", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert len(rows) == 1 and rows[0]["Kandidat"] == "B-G-BUF-001"
    # need_row: 100 000 kr each → 100 000 + 2 × onboarding against 300 000
    assert rows[0]["Investering var för sig (kr)"] == 300_000
    assert rows[0]["Besparing över kalkylperioden (kr)"] > 0
    assert len(rows[0]["Förvaltningar som vinner"]) == 3


def test_candidates_table_to_terminal(plans: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["shared-needs", str(plans), "--candidates"]) == 0
    out = capsys.readouterr()
    assert "B-G-BUF-001" in out.out and "Digital signering" in out.out
    assert "4 behov i 2 grupper" in out.err


def test_high_threshold_separates_everything(plans: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.xlsx"
    assert main(["shared-needs", str(plans), "--threshold", "0.99", "--out", str(out)]) == 0
    table = pd.read_excel(out)
    assert table["Grupp"].nunique() == 4


@pytest.mark.parametrize("args", [["--threshold", "0"], ["--threshold", "1.5"],
                                  ["--out", "x.txt"], ["--threshold", "abc"]])
def test_bad_arguments_exit_2(plans: Path, args: list[str],
                              capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_code(["shared-needs", str(plans), *args]) == 2
    assert "Traceback" not in capsys.readouterr().err


def _exit_code(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code)


def test_store_decisions_applied_and_stale_ones_reported(
        plans: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kstad_analysis.store import Store

    store_dir = tmp_path / "store"
    store = Store(store_dir)
    store.save_grouping_decision(GroupingDecision("split", ("TFF-001",), author="anna"))
    store.save_grouping_decision(GroupingDecision("merge", ("MF-001", "GONE-9"), author="per"))
    out = tmp_path / "g.json"
    assert main(["shared-needs", str(plans), "--store", str(store_dir), "--out", str(out)]) == 0
    rows = {r["ID"]: r for r in json.loads(out.read_text(encoding="utf-8"))}
    assert rows["TFF-001"]["Antal behov i gruppen"] == 1
    assert rows["KLK-001"]["Antal förvaltningar"] == 2
    err = capsys.readouterr().err
    assert "GONE-9" in err and "per" in err
