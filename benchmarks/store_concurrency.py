"""How far one SQLite store carries a hub: saves per second with N kernel processes.

Why: under JupyterHub every user's kernels are separate processes writing
one store file (``synchronous=FULL``, WAL, one writer at a time). Each
process here is a user (``access.user_named``) saving scenario versions
(with their audit rows) as fast as it can, while the store holds 200
scenarios; N = 1 … 16. The baseline is the same run with one process, so
the ratio says how throughput holds as writers queue. Figures go in the
README ("Hub, appar och kommandorad delar ett lager").
"""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from pathlib import Path

from benchmarks._table import Row
from kstad_analysis import access
from kstad_analysis.scenario import Scenario
from kstad_analysis.store import Store

SAVES = 30
PROCESSES = (1, 4, 16)


def _saver(directory: str, worker: int, start: float) -> None:
    user = access.user_named(f"user{worker}")
    with Store(Path(directory)) as store:
        while time.time() < start:
            time.sleep(0.001)
        for k in range(SAVES):
            store.save_scenario(Scenario(f"Scenario {worker}", budget=float(k), note="x" * 200),
                                user=user)


def saves_per_second(processes: int, directory: str) -> float:
    ctx = multiprocessing.get_context("fork")
    start = time.time() + 0.5
    workers = [ctx.Process(target=_saver, args=(directory, w, start)) for w in range(processes)]
    for proc in workers:
        proc.start()
    for proc in workers:
        proc.join()
        if proc.exitcode != 0:
            raise RuntimeError(f"a saver failed: {proc.exitcode}")
    return processes * SAVES / (time.time() - start)


def run() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        with Store(Path(folder)) as store:
            for i in range(200):
                store.save_scenario(Scenario(f"Befintligt {i}"), user=access.user_named("seed"))
        one = saves_per_second(1, folder)
        for n in PROCESSES:
            rate = one if n == 1 else saves_per_second(n, folder)
            rows.append(Row(f"{n} processer sparar samtidigt ({SAVES} var)", 1 / rate,
                            "1 process", 1 / one, note=f"{rate:.0f} sparningar/s totalt"))
        assert Store(Path(folder)).integrity_ok()
    return rows


if __name__ == "__main__":
    for row in run():
        print(row.case, "|", row.note)
