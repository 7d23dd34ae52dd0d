"""Store failures reach the user as one Swedish message (defect 3 of issue 17).

Each failure is simulated for real: a read-only directory (as a user without
write permission: root ignores file modes, so a root test run drops to
``nobody`` for the read-only part), a write lock held by another connection
past a short busy timeout, a file of garbage, and a full disk (SQLite's own
SQLITE_FULL, by capping the database at its current page count).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from kstad_analysis import store as store_module
from kstad_analysis.errors import StoreError, StoreUnavailable
from kstad_analysis.scenario import Scenario
from kstad_analysis.store import Store
from kstad_analysis.ui.scenarios import ScenarioPanel

NOBODY = 65534


@contextmanager
def without_write_permission():
    """Run the block as a user the file modes apply to (nobody, when we are root)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def open_dir():
    """A directory everybody can traverse (pytest's own tmp dirs are 0700)."""
    path = Path(tempfile.mkdtemp(prefix="kstad-ro-"))
    path.chmod(0o777)
    yield path
    for p in (path, *path.iterdir()):
        p.chmod(0o777 if p.is_dir() else 0o666)
    shutil.rmtree(path)


def _panel(store, user=None):
    state = {"budget": 1e7}
    return ScenarioPanel(lambda: dict(state), lambda s: None, lambda: "fp", store=store, user=user)


def test_a_read_only_store_opens_read_only_and_refuses_writes_with_a_message(open_dir):
    with Store(open_dir) as writer:
        writer.save_scenario(Scenario(name="Arkiv", budget=5e6))
    for path in open_dir.iterdir():
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    open_dir.chmod(0o555)
    with without_write_permission():
        assert not os.access(open_dir, os.W_OK, effective_ids=True)
        store = Store(open_dir)
        assert store.read_only and store.journal_mode == "read-only"
        assert store.load_scenario("Arkiv").budget == 5e6  # it can be read
        assert list(store.list_scenarios()["name"]) == ["Arkiv"]
        with pytest.raises(StoreUnavailable, match="skrivskyddat och kan bara läsas") as caught:
            store.save_scenario(Scenario(name="Ny"))
        assert caught.value.reason == "readonly" and isinstance(caught.value, OSError)
        panel = _panel(store)
        assert "Arkiv" in panel.saved.options
        panel.name.value = "Ny"
        assert panel.save() is None
        assert "skrivskyddat" in panel.status.value and "kstad-error" in panel.status.value
        store.close()
    assert sorted(p.name for p in open_dir.iterdir()) == ["kstad.sqlite"]  # nothing written


def test_a_lock_held_past_the_timeout_is_a_message_not_a_hang(tmp_path):
    store = Store(tmp_path, busy_timeout_ms=200)
    panel = _panel(store)
    panel.name.value = "A"
    assert panel.save() == 1 and "kstad-ok" in panel.status.value
    holder = sqlite3.connect(tmp_path / store_module.DB_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with pytest.raises(StoreUnavailable, match="upptaget.*0.2 s") as caught:
            store.save_scenario(Scenario(name="B"))
        assert caught.value.reason == "locked"
        assert panel.save() is None  # the earlier green "sparades" is replaced
        assert "upptaget" in panel.status.value and "kstad-error" in panel.status.value
        assert "kstad-ok" not in panel.status.value
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert panel.save() == 2  # free again: saving works


def test_a_garbage_file_is_reported_as_damaged(tmp_path, monkeypatch):
    (tmp_path / store_module.DB_NAME).write_bytes(b"not a database at all " * 200)
    with pytest.raises(StoreUnavailable, match="skadad") as caught:
        Store(tmp_path)
    assert caught.value.reason == "corrupt" and isinstance(caught.value, StoreError)
    monkeypatch.setenv("KSTAD_STORE_DIR", str(tmp_path))  # an app opening the default store
    panel = ScenarioPanel(lambda: {}, lambda s: None, lambda: "fp")
    assert "skadad" in panel.status.value
    panel.name.value = "A"
    assert panel.save() is None and "skadad" in panel.status.value
    assert (tmp_path / store_module.DB_NAME).read_bytes().startswith(b"not a database")


def test_a_full_disk_is_a_message_and_nothing_half_saved(tmp_path, monkeypatch):
    store = Store(tmp_path)
    panel = _panel(store)
    panel.name.value = "A"
    assert panel.save() == 1
    opened = Store._open

    def full_disk(self):  # the database may not grow by one page: SQLite's SQLITE_FULL
        con = opened(self)
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(f"PRAGMA max_page_count = {int(pages)}")
        return con

    store.close()
    monkeypatch.setattr(Store, "_open", full_disk)
    panel.note.value = "x" * 4000  # needs new pages
    assert panel.save() is None
    assert "disken är full" in panel.status.value and "kstad-error" in panel.status.value
    with pytest.raises(StoreUnavailable) as caught:
        store.save_scenario(Scenario(name="B", note="y" * 4000))
    assert caught.value.reason == "full"
    monkeypatch.setattr(Store, "_open", opened)
    store.close()
    assert list(Store(tmp_path).history("A")["version"]) == [1]  # nothing half-saved
    assert Store(tmp_path).integrity_ok()


def test_other_sqlite_errors_are_not_disguised(tmp_path):
    store = Store(tmp_path)
    store.save_scenario(Scenario(name="A"))
    with store._connection() as con, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("DELETE FROM audit_log")
