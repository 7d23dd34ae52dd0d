"""Per-visit uploads and current scenario in the store (what one visit's apps share)."""

from __future__ import annotations

import secrets

import pytest

from kstad_analysis.store import Store


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path)


def test_unknown_visit_is_the_sample_without_scenario(store):
    vid = secrets.token_urlsafe(18)
    state = store.visit(vid)
    assert state.with_sample and state.files == () and state.scenario_name == ""
    assert not state.own_data


def test_add_then_replace_then_reset(store):
    vid = secrets.token_urlsafe(18)
    store.save_visit_files(vid, [("a.xlsx", b"A")], replace=False)
    state = store.save_visit_files(vid, [("b.csv", b"B")], replace=False)
    assert state.with_sample and [n for n, _ in state.files] == ["a.xlsx", "b.csv"]
    state = store.save_visit_files(vid, [("c.xlsx", b"\x00C")], replace=True)
    assert not state.with_sample and state.files == (("c.xlsx", b"\x00C"),)
    assert Store(store.directory).visit(vid) == state  # another kernel sees the same
    state = store.reset_visit_data(vid)
    assert state.with_sample and state.files == ()


def test_scenario_name_is_kept_verbatim_and_visits_are_apart(store):
    a, b = secrets.token_urlsafe(18), secrets.token_urlsafe(18)
    store.set_visit_scenario(a, "Förslag <b>A</b>")
    assert store.visit(a).scenario_name == "Förslag <b>A</b>"
    assert store.visit(b).scenario_name == ""
    store.save_visit_files(a, [("x.xlsx", b"x")], replace=True)
    assert store.visit(a).scenario_name == "Förslag <b>A</b>"  # uploads keep the scenario


@pytest.mark.parametrize("bad", ["", "short", "x" * 65, "../../etc/passwd", "a b c d e f g h i j",
                                 None, 12, ["x" * 20], "ok-looking-but-'quote'"])
def test_hostile_visit_ids_are_refused(store, bad):
    with pytest.raises(ValueError):
        store.visit(bad)
    with pytest.raises(ValueError):
        store.set_visit_scenario(bad, "x")


def test_visit_limits(store, monkeypatch):
    from kstad_analysis import store_visits

    vid = secrets.token_urlsafe(18)
    monkeypatch.setattr(store_visits, "VISIT_FILES_MAX", 2)
    store.save_visit_files(vid, [("a.xlsx", b"A"), ("b.xlsx", b"B")], replace=False)
    with pytest.raises(ValueError):
        store.save_visit_files(vid, [("c.xlsx", b"C")], replace=False)
    assert len(store.visit(vid).files) == 2  # the refused save left nothing behind


def test_forget_old_visits(store):
    vid = secrets.token_urlsafe(18)
    store.save_visit_files(vid, [("a.xlsx", b"A")], replace=False)
    assert store.forget_visits("1999-01-01T00:00:00Z") == 0
    assert store.forget_visits("9999-01-01T00:00:00Z") == 1
    assert store.visit(vid).files == ()


# --------------------------------------------------------------------------- forgetting old visits

def _file_rows(store) -> int:
    with store._connection() as con:
        return con.execute("SELECT COUNT(*) FROM visit_files").fetchone()[0]


def test_old_visits_and_their_files_are_forgotten_but_the_plans_for_everyone_stay(store):
    from datetime import UTC, datetime, timedelta

    from kstad_analysis.access import local_user

    old, kept = secrets.token_urlsafe(18), secrets.token_urlsafe(18)
    store.save_visit_files(old, [("a.xlsx", b"A"), ("b.xlsx", b"B")], replace=False)
    store.save_shared_plans([("alla.xlsx", b"S")], user=local_user())
    later = datetime.now(UTC) + timedelta(days=20)
    store.set_visit_scenario(kept, "Plan")  # written "now"; the sweep below runs 20 days on
    assert store.forget_old_visits(30, now=later) == 0  # nothing is 30 days old yet
    assert _file_rows(store) == 3
    assert store.forget_old_visits(30, now=later + timedelta(days=11)) == 2  # both visits
    assert store.visit(old).files == () and store.visit(kept).scenario_name == ""
    assert _file_rows(store) == 1  # the visits' files went with them (ON DELETE CASCADE)
    assert store.shared_plans().files == (("alla.xlsx", b"S"),)  # never swept
    assert store.forget_visits("9999-01-01T00:00:00+00:00") == 0


def test_the_age_comes_from_apps_toml_and_a_bad_value_keeps_the_default():
    from kstad_analysis.store_visits import VISIT_MAX_AGE_DAYS, visit_max_age_days

    assert visit_max_age_days() == 30.0  # data/config/apps.toml
    assert visit_max_age_days({"besok": {"glom_efter_dagar": 7}}) == 7.0
    for bad in (0, -1, float("nan"), float("inf"), "30", True, None):
        assert visit_max_age_days({"besok": {"glom_efter_dagar": bad}}) == VISIT_MAX_AGE_DAYS, bad
    assert visit_max_age_days({}) == visit_max_age_days({"besok": "x"}) == VISIT_MAX_AGE_DAYS


def test_the_server_sweeps_the_configured_store_and_survives_a_broken_one(tmp_path, monkeypatch,
                                                                           caplog):
    import logging
    from datetime import UTC, datetime, timedelta

    from kstad_analysis import server
    from kstad_analysis.store import DB_NAME
    from kstad_analysis.store_visits import sweep_old_visits

    monkeypatch.setenv("KSTAD_STORE_DIR", str(tmp_path / "none"))
    assert server.sweep_visits() == 0
    assert not (tmp_path / "none" / DB_NAME).exists()  # a sweep never creates a store
    folder = tmp_path / "store"
    monkeypatch.setenv("KSTAD_STORE_DIR", str(folder))
    with Store(folder) as store:
        store.save_visit_files(secrets.token_urlsafe(18), [("a.xlsx", b"A")], replace=False)
    assert server.sweep_visits() == 0  # written just now, kept for 30 days
    assert sweep_old_visits(now=datetime.now(UTC) + timedelta(days=31)) == 1
    (folder / DB_NAME).write_bytes(b"not a database at all " * 200)
    for suffix in ("-wal", "-shm"):
        (folder / (DB_NAME + suffix)).unlink(missing_ok=True)
    with caplog.at_level(logging.WARNING):
        assert server.sweep_visits(logging.getLogger("kstad-test")) == 0
    assert "old visits not forgotten" in caplog.text


def test_kstad_app_forgets_old_visits_when_it_starts(tmp_path):
    """The wiring, end to end: a visit last written in 2000 is gone once ``kstad app``
    is up, a fresh one and the plans for everyone stay."""
    import os
    import sqlite3
    import subprocess
    import sys
    import time

    from kstad_analysis.access import local_user
    from kstad_analysis.store import DB_NAME
    from tests.conftest import REPO, free_port, stop_process, wait_for_http

    old, fresh = secrets.token_urlsafe(18), secrets.token_urlsafe(18)
    with Store(tmp_path) as store:
        store.save_visit_files(old, [("a.xlsx", b"A")], replace=False)
        store.set_visit_scenario(fresh, "Plan")
        store.save_shared_plans([("alla.xlsx", b"S")], user=local_user())
    with sqlite3.connect(tmp_path / DB_NAME) as con:
        con.execute("UPDATE visits SET updated_at = '2000-01-01T00:00:00+00:00' "
                    "WHERE visit_id = ?", (old,))
    port = free_port()
    with (tmp_path / "voila.log").open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kstad_analysis.cli", "app", "--port", str(port),
             "--pool-max", "0"], cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(REPO), "KSTAD_STORE_DIR": str(tmp_path)})
        try:
            wait_for_http(f"http://127.0.0.1:{port}/voila/static/voila.js")
            deadline = time.monotonic() + 30
            with Store(tmp_path) as store:
                while store.visit(old).files and time.monotonic() < deadline:
                    time.sleep(0.2)
                assert store.visit(old).files == ()
                assert store.visit(fresh).scenario_name == "Plan"
                assert store.shared_plans().files == (("alla.xlsx", b"S"),)
        finally:
            stop_process(proc)
    assert "forgot 1 visits older than 30 days" in (tmp_path / "voila.log").read_text()
