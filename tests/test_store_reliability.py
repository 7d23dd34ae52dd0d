"""Reliability of the shared store: concurrent writers, killed writers, old schemas.

Why real processes: every Voila kernel is its own process, so the guarantees
that matter (nothing lost, nothing half-written) are between processes. The
children are forked so they start in milliseconds.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import sys
import time
import traceback
from pathlib import Path

import pytest

from kstad_analysis.constants import LEGACY_VALUE_KINDS
from kstad_analysis.scenario import Scenario
from kstad_analysis.store import SCHEMA_VERSION, Store

CTX = multiprocessing.get_context("fork")
PROCESSES = 4
SAVES = 25


# --------------------------------------------------------------------------- concurrent saves


def _saver(directory: str, worker: int, barrier) -> None:
    try:
        barrier.wait(timeout=20)  # every process opens (and migrates) the fresh store at once
        store = Store(Path(directory))
        for i in range(SAVES):
            name = "Delad" if i % 2 == 0 else f"Egen {worker}"
            store.save_scenario(Scenario(name=name, author=f"p{worker}", note=f"p{worker}-{i}",
                                         budget=float(i), weights={"risk": float(worker)}))
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)
    os._exit(0)


def test_concurrent_processes_lose_nothing(tmp_path):
    barrier = CTX.Barrier(PROCESSES)
    workers = [CTX.Process(target=_saver, args=(str(tmp_path), k, barrier)) for k in range(PROCESSES)]
    for proc in workers:
        proc.start()
    for proc in workers:
        proc.join(timeout=60)
    assert [proc.exitcode for proc in workers] == [0] * PROCESSES

    store = Store(tmp_path)
    assert store.schema_version() == SCHEMA_VERSION and store.integrity_ok()
    shared = store.history("Delad")
    per_worker_shared = len(range(0, SAVES, 2))
    assert shared["version"].tolist() == list(range(1, PROCESSES * per_worker_shared + 1))
    notes = set()
    for worker in range(PROCESSES):
        own = store.history(f"Egen {worker}")
        assert own["version"].tolist() == list(range(1, SAVES // 2 + 1))
        # each process's own saves appear in the order it made them
        own_notes = [store.load_scenario(f"Egen {worker}", v).note for v in own["version"]]
        assert own_notes == [f"p{worker}-{i}" for i in range(1, SAVES, 2)]
        notes.update(own_notes)
    shared_notes = [store.load_scenario("Delad", int(v)).note for v in shared["version"]]
    notes.update(shared_notes)
    assert len(shared_notes) == len(set(shared_notes))
    assert notes == {f"p{k}-{i}" for k in range(PROCESSES) for i in range(SAVES)}  # all 100 saves
    for worker in range(PROCESSES):
        mine = [n for n in shared_notes if n.startswith(f"p{worker}-")]
        assert mine == [f"p{worker}-{i}" for i in range(0, SAVES, 2)]


# --------------------------------------------------------------------------- killed mid-save


class _DiesBeforeCommit(Store):
    """A store whose writer stops just before COMMIT: it first writes enough
    extra rows through a tiny page cache that uncommitted pages really reach
    the WAL file, then signals the parent and waits to be killed."""

    def __init__(self, directory: Path, ready) -> None:
        super().__init__(directory)
        self.ready = ready

    def _commit(self, con: sqlite3.Connection) -> None:
        con.execute("PRAGMA cache_size = 8")
        big = json.dumps({"kind": "merge", "ids": ["x" * 60] * 1000})
        for _ in range(400):
            con.execute("INSERT INTO grouping_decisions (kind, created, payload) VALUES ('merge', 'x', ?)",
                        (big,))
        self.ready.set()
        time.sleep(60)  # the parent SIGKILLs us here; COMMIT is never reached
        os._exit(3)


def _dying_saver(directory: str, ready) -> None:
    store = _DiesBeforeCommit(Path(directory), ready)
    store.save_scenario(Scenario(name="Plan A", note="halvfärdig", budget=99.0))
    os._exit(4)  # not reached


def test_process_killed_mid_save_leaves_store_consistent(tmp_path):
    store = Store(tmp_path)
    original = Scenario(name="Plan A", author="Anna", budget=10e6, must=("KLK-001",))
    other = Scenario(name="Annan plan", budget=5e6)
    store.save_scenario(original)
    store.save_scenario(other)
    store.mark_decision("Annan plan", "Kommunstyrelsen", "§ 12")
    wal = tmp_path / "kstad.sqlite-wal"

    ready = CTX.Event()
    child = CTX.Process(target=_dying_saver, args=(str(tmp_path), ready))
    child.start()
    try:
        assert ready.wait(timeout=30), "the child never reached its commit point"
        # while the writer holds its lock, readers still see the last committed state (WAL)
        assert store.history("Plan A")["version"].tolist() == [1]
        assert wal.stat().st_size > 1_000_000  # uncommitted pages were written to the WAL
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.join(timeout=10)
    assert child.exitcode == -signal.SIGKILL

    reopened = Store(tmp_path)
    assert reopened.integrity_ok()
    assert reopened.history("Plan A")["version"].tolist() == [1]  # partial save absent
    assert reopened.load_scenario("Plan A") == original             # earlier data intact
    assert reopened.load_scenario("Annan plan") == other
    assert [d.scenario_name for d in reopened.decisions()] == ["Annan plan"]
    assert reopened.grouping_decisions(raw=True) == []
    # the killed writer's lock is gone: the next save goes through at once
    assert reopened.save_scenario(Scenario(name="Plan A", note="efter")) == 2
    with sqlite3.connect(tmp_path / "kstad.sqlite") as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT COUNT(*) FROM scenario_versions").fetchone()[0] == 3


# --------------------------------------------------------------------------- migration

# Exactly what kstad's schema version 1 wrote (kept literal: an old file does
# not change when the code does).
V1_DDL = [
    """CREATE TABLE scenarios (
        name TEXT PRIMARY KEY,
        author TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        payload TEXT NOT NULL
    )""",
    """CREATE TABLE grouping_decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        created TEXT NOT NULL,
        payload TEXT NOT NULL
    )""",
]
V1_SCENARIOS = [
    {"name": "Budget 2026", "author": "Anna Ek", "note": "Antagen i KS",
     "created": "2025-11-03T09:00:00+00:00",
     "data_fingerprint": "aaaa1111bbbb2222", "weights": {"strategic": 3.0, "risk": 1.0}, "method": "wsum",
     "preset": None, "budget": 8000000.0, "per_year": {"2026": 8000000.0}, "must": ["KLK-001"],
     "exclude": [], "value": "score", "threshold": 0.7, "overrides": {"departments": []}, "top_n": 10},
    {"name": "'; DROP TABLE scenarios;--", "author": "<b>x</b>", "note": "",
     "created": "2025-12-01T12:30:00+00:00", "data_fingerprint": "", "weights": {},
     "method": "topsis", "preset": "ekonomi", "budget": None, "per_year": {}, "must": [],
     "exclude": ["BUF-009"], "value": "npv", "threshold": None, "overrides": {}, "top_n": 5},
]
V1_GROUPING = {"kind": "not_same", "ids": ["MF-001", "TF-002"], "author": "Bo",
               "note": "olika", "created": "2025-12-02T08:00:00+00:00"}


def write_v1_store(directory: Path) -> Path:
    path = directory / "kstad.sqlite"
    con = sqlite3.connect(path)
    with con:
        for statement in V1_DDL:
            con.execute(statement)
        for item in V1_SCENARIOS:
            con.execute("INSERT INTO scenarios VALUES (?, ?, ?, ?, ?)",
                        (item["name"], item["author"], item["created"], item["created"], json.dumps(item)))
        con.execute("INSERT INTO grouping_decisions (kind, created, payload) VALUES (?, ?, ?)",
                    (V1_GROUPING["kind"], V1_GROUPING["created"], json.dumps(V1_GROUPING)))
        con.execute("PRAGMA user_version = 1")
    con.close()
    return path


def test_v1_store_opens_after_migration(tmp_path):
    path = write_v1_store(tmp_path)
    store = Store(tmp_path)
    assert store.schema_version() == SCHEMA_VERSION and store.integrity_ok()
    listing = store.list_scenarios()
    assert sorted(listing["name"]) == sorted(s["name"] for s in V1_SCENARIOS)
    assert listing["version"].tolist() == [1, 1] and not listing["is_decision"].any()
    for item in V1_SCENARIOS:
        # every field as saved; an old "score" value reads as nyttopoäng (see Scenario)
        expected = {**item, "value": LEGACY_VALUE_KINDS.get(item["value"], item["value"]),
                    "running_budget": None, "stopped": {}}  # fields added later, at defaults
        assert store.load_scenario(item["name"]).to_dict() == expected
    assert store.history("Budget 2026")["data_fingerprint"].tolist() == ["aaaa1111bbbb2222"]
    assert store.grouping_decisions(raw=True) == [V1_GROUPING]
    from kstad_analysis.shared_needs import GroupingDecision

    assert store.grouping_decisions() == [GroupingDecision.from_dict(V1_GROUPING)]
    # the new schema works on the migrated data: history and decisions
    assert store.save_scenario(Scenario(name="Budget 2026", budget=9e6)) == 2
    assert store.mark_decision("Budget 2026", "KS", version=1).data_fingerprint == "aaaa1111bbbb2222"
    with sqlite3.connect(path) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "scenarios" not in tables


def _opener(directory: str, barrier) -> None:
    try:
        barrier.wait(timeout=20)
        Store(Path(directory)).load_scenario("Budget 2026")
    except BaseException:
        traceback.print_exc()
        os._exit(1)
    os._exit(0)


def test_v1_store_migrated_once_when_kernels_open_it_together(tmp_path):
    write_v1_store(tmp_path)
    barrier = CTX.Barrier(PROCESSES)
    openers = [CTX.Process(target=_opener, args=(str(tmp_path), barrier)) for _ in range(PROCESSES)]
    for proc in openers:
        proc.start()
    for proc in openers:
        proc.join(timeout=60)
    assert [proc.exitcode for proc in openers] == [0] * PROCESSES
    store = Store(tmp_path)
    assert store.history("Budget 2026")["version"].tolist() == [1]  # not copied twice
    assert len(store.list_scenarios()) == len(V1_SCENARIOS)


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_v1_store_in_either_journal_mode_is_migrated(tmp_path, journal):
    path = write_v1_store(tmp_path)
    with sqlite3.connect(path) as con:
        con.execute(f"PRAGMA journal_mode = {journal}")
    store = Store(tmp_path)
    assert store.journal_mode == "wal"
    assert store.load_scenario("Budget 2026").budget == 8e6


# --------------------------------------------------------------------------- fork and threads


def _inherited_saver(store: Store) -> None:
    try:
        store.save_scenario(Scenario(name="Från barnet"))
    except BaseException:
        traceback.print_exc()
        os._exit(1)
    os._exit(0)


def test_store_object_inherited_through_fork_uses_its_own_connection(tmp_path):
    store = Store(tmp_path)
    store.save_scenario(Scenario(name="Från föräldern"))  # the parent's connection is open
    child = CTX.Process(target=_inherited_saver, args=(store,))
    child.start()
    child.join(timeout=30)
    assert child.exitcode == 0
    assert store.list_scenarios()["name"].tolist() == ["Från barnet", "Från föräldern"]
    assert store.save_scenario(Scenario(name="Från föräldern")) == 2  # parent's connection unharmed
    assert store.integrity_ok()


def test_threads_sharing_one_store_lose_nothing(tmp_path):
    import threading

    store = Store(tmp_path)
    errors: list[BaseException] = []

    def save_many(worker: int) -> None:
        try:
            for i in range(SAVES):
                store.save_scenario(Scenario(name="Trådad", note=f"t{worker}-{i}"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=save_many, args=(k,)) for k in range(PROCESSES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert store.history("Trådad")["version"].tolist() == list(range(1, PROCESSES * SAVES + 1))
