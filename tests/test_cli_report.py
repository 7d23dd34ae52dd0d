"""``kstad report``'s errors: Swedish messages and exit code 2, before any notebook runs.

A successful build through the command is in ``test_report.py`` (its fixture).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kstad_analysis.cli import main
from tests.plans import need_row, write_csv
from tests.test_report_content import small_rows


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    write_csv(folder / "plan.csv", small_rows())
    return folder


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


@pytest.mark.parametrize("text", ["15 mnkr", "15 mkr", "15 000 000 kr", "15000000"])
def test_budget_in_mnkr_is_read_like_mkr(text):
    """Budget documents write "15 mnkr"; the command reads it as 15 000 000 kr."""
    from kstad_analysis.commands.report import _budget

    assert _budget(text) == 15_000_000.0


def test_relative_data_and_store_paths_mean_the_callers_directory(plans_dir, tmp_path, monkeypatch):
    """``--data plans`` works as for ``kstad rank``: the notebooks, which run in another
    directory, get absolute paths (they answered "Filen finns inte" before)."""
    import json

    from kstad_analysis.report.settings import resolve

    monkeypatch.chdir(tmp_path)
    settings = resolve(weights={"nytta": 1}, budget=100_000, data_paths=[Path("plans")],
                       store_dir="lager")
    assert settings.data_paths == (str(plans_dir.resolve()),)
    assert settings.store_dir == str((tmp_path / "lager").resolve())
    monkeypatch.chdir(plans_dir.parent.parent)  # what the notebook sees must not depend on the cwd
    passed = json.loads(settings.notebook_parameters()["data_paths_json"])
    assert passed == [str(plans_dir.resolve())] and all(Path(p).exists() for p in passed)
