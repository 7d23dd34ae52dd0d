"""Scenario store latency: kstad's SQLite store vs a JSON-file-per-scenario store.

The baseline is what one would write first: one JSON file per scenario
version in a folder per name, a ``flock`` on a lock file around every write,
write-to-temp + ``fsync`` + ``os.replace`` so a crash never leaves half a file
(the same durability as our ``synchronous=FULL``). Both stores hold 200
scenarios (3 versions each) before timing; the concurrent case forks four
processes that each save 25 times, as four Voila kernels would.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from benchmarks._table import Row, timeit
from kstad_analysis.scenario import Scenario
from kstad_analysis.store import Store

EXISTING = 200
VERSIONS = 3
PROCESSES, SAVES = 4, 25
BASELINE = "JSON-fil per scenario + flock"


class JsonFileStore:
    """The baseline: ``<dir>/scenarios/<sha1(name)>/<version>.json`` under a file lock."""

    def __init__(self, directory: Path) -> None:
        self.root = directory / "scenarios"
        self.root.mkdir(parents=True, exist_ok=True)
        self.lock_path = directory / ".lock"
        self.lock_path.touch()

    @contextmanager
    def _lock(self, mode: int) -> Iterator[None]:
        with self.lock_path.open("rb") as handle:
            fcntl.flock(handle, mode)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _folder(self, name: str) -> Path:
        return self.root / hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()

    @staticmethod
    def _versions(folder: Path) -> list[int]:
        return sorted(int(p.stem) for p in folder.glob("*.json")) if folder.exists() else []

    def save_scenario(self, scenario: Scenario) -> int:
        folder = self._folder(scenario.name)
        with self._lock(fcntl.LOCK_EX):
            folder.mkdir(exist_ok=True)
            version = (self._versions(folder) or [0])[-1] + 1
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(scenario.to_json())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, folder / f"{version}.json")
        return version

    def load_scenario(self, name: str) -> Scenario:
        folder = self._folder(name)
        with self._lock(fcntl.LOCK_SH):
            latest = self._versions(folder)[-1]
            text = (folder / f"{latest}.json").read_text(encoding="utf-8")
        return Scenario.from_json(text)

    def list_scenarios(self) -> pd.DataFrame:
        rows = []
        with self._lock(fcntl.LOCK_SH):
            for folder in self.root.iterdir():
                versions = self._versions(folder)
                data = json.loads((folder / f"{versions[-1]}.json").read_text(encoding="utf-8"))
                rows.append((data["name"], data["author"], data["created"], versions[-1]))
        return pd.DataFrame(rows, columns=["name", "author", "created", "version"]).sort_values("name")


def _scenario(i: int, note: str = "") -> Scenario:
    return Scenario(
        name=f"Scenario {i:03d}", author="Analytiker", note=note or "Benchmark",
        weights={"strategic": 3.0, "citizen": 2.0, "risk": 1.0, "npv_ratio": 2.0},
        budget=12e6, per_year={2027: 5e6, 2028: 4e6, 2029: 3e6},
        must=tuple(f"KLK-{k:03d}" for k in range(5)), exclude=tuple(f"BUF-{k:03d}" for k in range(5)),
        threshold=0.6, overrides={"departments": ["Miljöförvaltningen", "Kultur- och fritidsförvaltningen"]},
    )


def _fill(store: Store | JsonFileStore) -> None:
    for i in range(EXISTING):
        for _ in range(VERSIONS):
            store.save_scenario(_scenario(i))


def _saver(make: Callable[[], Store | JsonFileStore], worker: int) -> None:
    store = make()
    for i in range(SAVES):
        store.save_scenario(_scenario(1000, note=f"p{worker}-{i}"))  # one shared name
    os._exit(0)


def _concurrent(make: Callable[[], Store | JsonFileStore]) -> float:
    ctx = multiprocessing.get_context("fork")
    start = time.perf_counter()
    procs = [ctx.Process(target=_saver, args=(make, k)) for k in range(PROCESSES)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    if any(proc.exitcode != 0 for proc in procs):
        raise RuntimeError("a saving process failed")
    return time.perf_counter() - start


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as ours_dir, tempfile.TemporaryDirectory() as base_dir:
        ours, base = Store(Path(ours_dir)), JsonFileStore(Path(base_dir))
        _fill(ours)
        _fill(base)
        counter = iter(range(10**9))

        def save(store: Store | JsonFileStore) -> Callable[[], object]:
            return lambda: store.save_scenario(_scenario(next(counter) % EXISTING))

        rows = [
            Row("spara en version (200 scenarier finns)", timeit(save(ours), repeat=50), BASELINE,
                timeit(save(base), repeat=50), note="fsync vid varje sparning i båda"),
            Row("läs senaste versionen", timeit(lambda: ours.load_scenario("Scenario 100"), repeat=50),
                BASELINE, timeit(lambda: base.load_scenario("Scenario 100"), repeat=50)),
            Row("lista 200 scenarier", timeit(ours.list_scenarios, repeat=10), BASELINE,
                timeit(base.list_scenarios, repeat=10)),
            Row("öppna lagret (Store())", timeit(lambda: Store(Path(ours_dir)), repeat=20), BASELINE,
                timeit(lambda: JsonFileStore(Path(base_dir)), repeat=20),
                note="en gång per kärna (anslutningen återanvänds)"),
            Row(f"{PROCESSES} processer × {SAVES} sparningar samtidigt",
                _concurrent(lambda: Store(Path(ours_dir))), BASELINE,
                _concurrent(lambda: JsonFileStore(Path(base_dir))), note="väggtid, fork"),
        ]
        if len(ours.history("Scenario 1000")) != PROCESSES * SAVES:
            raise RuntimeError("concurrent saves were lost")
        return rows
