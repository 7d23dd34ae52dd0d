"""``kstad rank``: output formats, weights from files and strings, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kstad_analysis.cli import main
from tests.plans import need_row, write_csv


@pytest.fixture
def plan(tmp_path):
    rows = [
        need_row(f"BUF-{i:03d}", **{"Strategisk betydelse (1-5)": 1 + i % 5,
                                    "Ärenden per år": 200 * (i + 1),
                                    "Investering (kr)": 50_000 * (1 + i % 4)})
        for i in range(12)
    ]
    rows.append(need_row("BUF-099", **{"Investering (kr)": None}))
    return write_csv(tmp_path / "plan.csv", rows)


def test_table_output_in_swedish(plan, capsys):
    assert main(["rank", str(plan)]) == 0
    out, err = capsys.readouterr()
    assert "Rang" in out and "Poäng" in out and "Bidrag: Ekonomisk nytta" in out
    assert "BUF-000" in out and "BUF-099" not in out
    assert "Ej rangordnade (1)" in err and "Kostnad" in err
    assert "Vikter (wsum)" in err


def test_json_with_robustness_and_top(plan, capsys):
    code = main(["rank", str(plan), "--format", "json", "--robustness", "--top", "3",
                 "--samples", "2000", "--weights", "nytta=2,kostnad=1,strategi=1"])
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    ranking = payload["Prioritering"]
    assert [r["rank"] for r in ranking] == [1, 2, 3]
    assert all(0 <= r["p_top"] <= 1 for r in ranking)
    assert {"contrib_nytta", "score", "rank_change"} <= set(ranking[0])
    assert len(payload["Stabilitet"]) == 7
    assert payload["Ej rangordnade"][0]["id"] == "BUF-099"
    top = ranking[0]
    assert top["contrib_risk"] == 0 and top["contrib_medborgare"] == 0


def test_weights_file_and_preset_and_topsis(plan, tmp_path, capsys):
    toml = tmp_path / "vikter.toml"
    toml.write_text("[vikter]\nnytta = 1\nmedborgare = 1\n", encoding="utf-8")
    assert main(["rank", str(plan), "--weights", str(toml), "--format", "csv"]) == 0
    frame = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert frame["Bidrag: Kostnad"].eq(0).all()
    js = tmp_path / "w.json"
    js.write_text(json.dumps({"kostnad": 1}), encoding="utf-8")
    assert main(["rank", str(plan), "--weights", str(js), "--method", "topsis"]) == 0
    assert main(["rank", str(plan), "--preset", "Medborgaren först"]) == 0


def test_xlsx_export(plan, tmp_path, capsys):
    out = tmp_path / "rang.xlsx"
    assert main(["rank", str(plan), "--format", "xlsx", "--out", str(out), "--robustness",
                 "--samples", "500"]) == 0
    sheets = pd.read_excel(out, sheet_name=None)
    assert {"Prioritering", "Stabilitet", "Ej rangordnade"} <= set(sheets)
    assert len(sheets["Prioritering"]) == 12
    assert main(["rank", str(plan), "--format", "xlsx"]) == 2


@pytest.mark.parametrize("args, fragment", [
    (["--weights", "nytta=1,pengar=2"], "Okänt kriterium i vikterna: pengar"),
    (["--weights", "nytta=-1,kostnad=2"], "negativ"),
    (["--weights", "nytta=0,kostnad=0"], "Alla vikter är 0"),
    (["--weights", "nytta"], "Kan inte tolka vikten"),
    (["--weights", "saknas.toml"], "Viktfilen finns inte"),
    (["--preset", "Allt"], "Okänd viktprofil"),
    (["--preset", "Balanserad", "--weights", "nytta=1"], "antingen egna vikter eller en viktprofil"),
    (["--top", "0"], "--top"),
])
def test_bad_weights_exit_2_with_swedish_message(plan, capsys, args, fragment):
    assert main(["rank", str(plan), *args]) == 2
    assert fragment in capsys.readouterr().err


def test_bad_weights_file_exit_2(plan, tmp_path, capsys):
    bad = tmp_path / "v.toml"
    bad.write_text("nytta = [", encoding="utf-8")
    assert main(["rank", str(plan), "--weights", str(bad)]) == 2
    assert "kunde inte läsas" in capsys.readouterr().err


def test_invalid_plan_and_bad_method_exit_2(tmp_path, capsys):
    broken = write_csv(tmp_path / "trasig.csv", [need_row("X-1", **{"Risk (1-5)": 9})])
    assert main(["rank", str(broken)]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["rank", str(broken), "--method", "electre"])
    assert exc.value.code == 2


def test_console_entry_point_exit_code(plan):
    kstad = Path(sys.executable).parent / "kstad"
    done = subprocess.run([str(kstad), "rank", str(plan), "--weights", "okänd=1"],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "Okänt kriterium" in done.stderr and "Traceback" not in done.stderr
