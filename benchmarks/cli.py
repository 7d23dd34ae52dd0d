"""Start-up of the ``kstad`` command against ``python -c "import pandas"``.

Why this baseline: every analysis command needs pandas, so importing it is
the floor a Python command line over data frames cannot beat; what kstad adds
on top (its own modules, argparse, reading the plans) is the part we own.
Heavy dependencies (altair and jsonschema, papermill, nbformat, scikit-learn,
scipy) must only load inside the commands that use them; before that was
enforced, ``kstad --help`` took 6.6× the baseline.

Each case is a fresh interpreter started exactly as the ``kstad`` console
script starts (``from kstad_analysis.cli import main``), with this checkout on
``PYTHONPATH``; the three commands are interleaved and the median of
``REPEAT`` runs is reported, so machine load hits all of them alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks._table import Row

REPO = Path(__file__).resolve().parents[1]
REPEAT = 7
GOAL = 2.0  # kstad may take at most twice the baseline
BASELINE = 'python -c "import pandas"'
_KSTAD = "import sys; from kstad_analysis.cli import main; sys.exit(main())"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def _once(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=REPO, env=_env(), check=False,  # noqa: S603 (our own interpreter)
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def run() -> list[Row]:
    cases = {
        "baseline": [sys.executable, "-c", "import pandas"],
        "kstad --help": [sys.executable, "-c", _KSTAD, "--help"],
        "kstad validate data/raw": [sys.executable, "-c", _KSTAD, "validate", "data/raw"],
    }
    for argv in cases.values():  # warm the file cache and .pyc files
        _once(argv)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(REPEAT):
        for name, argv in cases.items():
            times[name].append(_once(argv))
    base = statistics.median(times["baseline"])
    rows = []
    for name in ("kstad --help", "kstad validate data/raw"):
        ours = statistics.median(times[name])
        rows.append(Row(name, ours, BASELINE, base, f"≤ {GOAL:g}× baslinjen",
                        f"kstad/baslinje {ours / base:.2f}× (median av {REPEAT})"))
    return rows
