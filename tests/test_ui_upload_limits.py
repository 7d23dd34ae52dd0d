"""Uploads under roles and one size limit (defect 7 of issue 17)."""

from __future__ import annotations

import pytest

from kstad_analysis import intake_guard
from kstad_analysis.access import user_named
from kstad_analysis.intake import read_plans
from kstad_analysis.store import Store
from kstad_analysis.ui.data_source import DataSource, upload_limit
from kstad_analysis.ui.visit import Visit
from tests.plans import need_row, write_xlsx

POLICY = {"roller": {"analytiker": {"anvandare": ["anna"]}}}
LARS = user_named("lars", policy=POLICY)
ANNA = user_named("anna", policy=POLICY)


@pytest.fixture
def base(tmp_path):
    return read_plans([write_xlsx(tmp_path / "base.xlsx", [need_row("BASE-1")])])


def _upload(path):
    return {"name": path.name, "content": memoryview(path.read_bytes())}


def test_the_limit_is_the_intake_limit_stated_beside_the_button(base):
    assert upload_limit() == intake_guard.limits().file_bytes == 20 * 1024 * 1024
    source = DataSource(base, user=LARS)
    assert "Högst 20 MB per uppladdning" in source.limit_note.value
    widget = source.upload_widget()
    assert source.limit_note in widget.children[1].children
    # what the page's script refuses before sending (kstad.js): the same limit and text
    assert f"data-max-bytes='{upload_limit()}'" in source.limit_note.value
    assert ("data-refused='Uppladdningen är {size} MB; högst 20 MB går att ladda upp på en gång."
            in source.limit_note.value)


def test_an_upload_over_the_limit_is_refused_with_the_numbers(base):
    source = DataSource(base, user=LARS)
    over = memoryview(bytes(upload_limit() + 1))
    assert source.load_uploads([{"name": "stor.xlsx", "content": over}]) is None
    status = source.status.value
    assert "Uppladdningen är 20 MB; högst 20 MB går att ladda upp på en gång" in status
    fifteen = memoryview(bytes(15 * 1024 * 1024))  # under the limit: read (and refused as no xlsx)
    both = [{"name": "a.xlsx", "content": fifteen}, {"name": "b.xlsx", "content": fifteen}]
    assert source.load_uploads(both) is None
    assert "Uppladdningen är 30 MB" in source.status.value  # all files chosen at once count
    assert list(source.plans.needs["id"]) == ["BASE-1"]


def test_the_server_lets_a_message_over_the_limit_through_to_be_refused():
    from kstad_analysis import server

    limit = intake_guard.limits().file_bytes
    assert server.websocket_limit() == 2 * limit + 1024 * 1024
    assert server.websocket_limit() > 15 * 1024 * 1024 > 10 * 1024 * 1024  # Tornado's default
    app = server.KstadVoila()
    app.initialize(argv=[str(server.notebooks_dir()), "--no-browser", "--port=0",
                         "--VoilaConfiguration.preheat_kernel=False"])
    settings = app.init_settings()
    assert settings["websocket_max_message_size"] == server.websocket_limit()


def test_a_reader_uploads_for_their_visit_only(tmp_path, base):
    store = Store(tmp_path / "store")
    source = DataSource(base, Visit(None, store), user=LARS)
    assert source.for_all.layout.display == "none"
    good = write_xlsx(tmp_path / "egen.xlsx", [need_row("EGEN-1")])
    assert source.load_uploads([_upload(good)], for_all=True) is None  # a forged "för alla"
    assert "lars får inte ladda upp planer för alla" in source.status.value
    assert not store.shared_plans().own_data
    assert source.load_uploads([_upload(good)]) is not None  # for the visit: allowed
    other = DataSource(base, user=LARS)
    other.attach(Visit(None, store))  # another visitor still sees the base plans
    assert list(other.plans.needs["id"]) == ["BASE-1"]


def test_an_analyst_uploads_for_everyone_audited(tmp_path, base):
    store = Store(tmp_path / "store")
    source = DataSource(base, Visit(None, store), user=ANNA)
    assert source.for_all.layout.display != "none"
    shared = write_xlsx(tmp_path / "alla.xlsx", [need_row("ALLA-1"), need_row("ALLA-2")])
    assert source.load_uploads([_upload(shared)], for_all=True) is not None
    assert "visas nu för alla" in source.status.value
    visitor = DataSource(base, user=LARS)
    visitor.attach(Visit(None, store))  # a new visitor, another kernel
    assert sorted(visitor.plans.needs["id"]) == ["ALLA-1", "ALLA-2"]
    assert "laddat upp för alla" in visitor.status.value
    log = store.audit_log()
    assert log["action"].tolist() == ["upload_plans"] and log["user"].tolist() == ["anna"]
    visitor.for_all.value = True  # a reader cannot reset it for everyone either
    visitor.reset()
    assert "lars får inte" in visitor.status.value and store.shared_plans().own_data
    source.for_all.value = True
    source.reset()
    assert not store.shared_plans().own_data
    assert store.audit_log()["action"].tolist() == ["upload_plans", "reset_plans"]
