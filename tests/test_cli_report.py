"""``kstad report`` from the command line: errors in Swedish with exit code 2, and a build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kstad_analysis import store
from kstad_analysis.cli import main
from kstad_analysis.scenario import Scenario
from tests.plans import need_row, write_csv
from tests.test_report_content import small_rows

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    write_csv(folder / "plan.csv", small_rows())
    return folder


def run_cli(*argv: str) -> subprocess.CompletedProcess[str]:
    """As a user runs it: a new process, so its whole terminal output is seen."""
    return subprocess.run([sys.executable, "-m", "kstad_analysis.cli", "report", *argv],
                          capture_output=True, text=True, cwd=REPO, timeout=300)


def test_missing_scenario_exits_2_in_swedish(plans_dir, tmp_path, capsys):
    code = main(["report", "--scenario", "Budget 2027", "--data", str(plans_dir),
                 "--store", str(tmp_path), "--out", str(tmp_path / "ut")])
    err = capsys.readouterr().err
    assert code == 2
    assert 'Scenariot "Budget 2027" finns inte i lagret' in err
    assert "Traceback" not in err
    assert not (tmp_path / "ut").exists()


def test_bad_data_exits_2_and_lists_the_errors(tmp_path, capsys):
    write_csv(tmp_path / "trasig.csv", [need_row("X-1", Titel=None), need_row("X-2", **{"Risk (1-5)": 9})])
    code = main(["report", "--weights", "nytta=1", "--budget", "100000", "--data",
                 str(tmp_path / "trasig.csv"), "--store", str(tmp_path), "--out", str(tmp_path / "ut")])
    err = capsys.readouterr().err
    assert code == 2
    assert "Planerna innehåller fel och rapporten byggs inte" in err
    assert "trasig.csv" in err and len(err.strip().splitlines()) >= 3


@pytest.mark.parametrize(("args", "message"), [
    (["--scenario", "A", "--weights", "nytta=1"], "antingen --scenario"),
    (["--weights", "nytta=1"], "behöver en budget"),
    (["--weights", "nytta=1", "--budget", "mycket"], "--budget"),
    (["--weights", "nytta", "--budget", "1"], "Vikterna"),
    (["--preset", "Finns inte", "--budget", "1"], "Vikterna"),
    (["--weights", "nytta=1", "--budget", "1", "--samples", "0"], "samples"),
])
def test_usage_errors_exit_2(plans_dir, tmp_path, capsys, args, message):
    code = main(["report", *args, "--data", str(plans_dir), "--store", str(tmp_path),
                 "--out", str(tmp_path / "ut")])
    assert code == 2
    assert message in capsys.readouterr().err


@pytest.mark.browser
def test_report_from_a_saved_scenario(plans_dir, tmp_path):
    store.Store(tmp_path / "lager").save_scenario(
        Scenario(name="Förslag 2027", budget=650_000, preset="Ekonomi först", author="Ekonomichefen"))
    out = tmp_path / "rapport"
    done = run_cli("--scenario", "Förslag 2027", "--data", str(plans_dir), "--store",
                   str(tmp_path / "lager"), "--out", str(out), "--samples", "200", "--no-pdf")
    assert done.returncode == 0, done.stderr
    assert "Kör rapportens notebook" in done.stderr and "Rapporten är klar" in done.stderr
    written = [Path(line) for line in done.stdout.splitlines()]
    assert [p.name for p in written] == ["rapport.html", "rapport.xlsx", "rapport.ipynb"]
    html = (out / "rapport.html").read_text(encoding="utf-8")
    assert "Förslag 2027" in html and "Ekonomichefen" in html and "Ekonomi först" in html
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr
