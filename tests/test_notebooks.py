"""Every notebook in notebooks/ really runs (nbval in lax mode, in this environment).

Why a subprocess: nbval collects notebooks as tests; running it in a fresh
pytest process keeps the kernels and the store of this run apart, and the
throw-away ``KSTAD_STORE_DIR`` keeps the apps from writing to ``var/``.
"""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat

from tests.conftest import REPO


def test_every_notebook_executes(tmp_path):
    notebooks = sorted((REPO / "notebooks").glob("*.ipynb"))
    assert len(notebooks) >= 6
    env = {**os.environ, "KSTAD_STORE_DIR": str(tmp_path / "store")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "notebooks/",
         "-p", "no:cacheprovider", "-q", "--nbval-cell-timeout=600"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=1800, check=False)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    cells = sum(c.cell_type == "code" for nb in notebooks for c in nbformat.read(nb, 4).cells)
    passed = next(line for line in run.stdout.splitlines()[::-1] if "passed" in line)
    assert passed.split()[0] == str(cells), passed  # each code cell ran as one nbval item
    assert "failed" not in passed and "error" not in passed
