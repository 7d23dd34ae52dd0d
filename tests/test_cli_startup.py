"""``kstad --help`` and ``kstad validate`` start without the heavy libraries.

Why a test on modules and not on time: timings vary with the machine, but
which modules a command imports does not. altair (and through it jsonschema,
whose format checker compiles dozens of grammars on import), papermill,
nbformat, scikit-learn and the solvers belong to the commands that use them;
the sub-commands' top level and ``add_arguments`` must stay light, because
the CLI imports every one of them to list them. Times are in
``benchmarks/cli.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("altair", "papermill", "nbformat", "sklearn", "jsonschema", "scipy", "pulp",
         "ipywidgets", "IPython", "nbconvert", "voila", "vl_convert")
#: Run the CLI exactly as the console script does, then list what got imported.
WRAPPER = """
import json, sys
from kstad_analysis.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


def _imported(tmp_path: Path, *argv: str) -> tuple[int, set[str], str]:
    report = tmp_path / "modules.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", WRAPPER, str(report), *argv],  # noqa: S603
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    payload = json.loads(report.read_text())
    return payload["code"], {m.split(".")[0] for m in payload["modules"]}, done.stdout


@pytest.mark.parametrize("argv", [["--help"], ["validate", "data/raw"]],
                         ids=["help", "validate"])
def test_start_up_imports_no_heavy_library(tmp_path: Path, argv: list[str]) -> None:
    code, modules, stdout = _imported(tmp_path, *argv)
    assert code == 0
    assert "kstad_analysis" in modules  # the wrapper really ran the CLI
    if argv == ["--help"]:
        assert "validate" in stdout and "report" in stdout  # every command is listed
    else:
        assert "openpyxl" in modules  # it really read the plans
    assert sorted(set(HEAVY) & modules) == []


def test_the_check_would_see_a_heavy_import(tmp_path: Path) -> None:
    # The same wrapper on a command that needs scikit-learn (shared needs
    # for the ranking's koncernnytta) does list it, so the test above cannot
    # pass merely because the module list is wrong. (``kstad report`` no
    # longer imports altair at all: its charts are plain Vega-Lite specs.)
    code, modules, _ = _imported(tmp_path, "rank", "data/raw")
    assert code == 0 and "sklearn" in modules
