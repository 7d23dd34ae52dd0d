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
