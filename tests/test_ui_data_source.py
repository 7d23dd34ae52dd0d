"""Uploads in the apps: bad files are shown in Swedish and nothing is kept."""

from __future__ import annotations

import tempfile
from pathlib import Path

from kstad_analysis.intake import read_plans
from kstad_analysis.ui.common import esc, format_value, html_table
from kstad_analysis.ui.data_source import DataSource
from tests.plans import need_row, write_xlsx


def _source(tmp_path) -> DataSource:
    return DataSource(read_plans([write_xlsx(tmp_path / "base.xlsx", [need_row("BASE-1")])]))


def _upload(path: Path, name: str | None = None) -> dict:
    return {"name": name or path.name, "content": memoryview(path.read_bytes())}


def test_valid_upload_switches_data_and_notifies(tmp_path):
    source = _source(tmp_path)
    seen = []
    source.on_change(lambda plans: seen.append(list(plans.needs["id"])))
    good = write_xlsx(tmp_path / "ny.xlsx", [need_row("NY-1"), need_row("NY-2")])
    assert source.load_uploads([_upload(good)]) is not None
    assert seen == [["NY-1", "NY-2"]]
    assert "ny.xlsx" in source.status.value


def test_bad_upload_shows_swedish_errors_and_keeps_old_data(tmp_path):
    source = _source(tmp_path)
    before = set(Path(tempfile.gettempdir()).glob("kstad-upload-*"))
    bad = write_xlsx(tmp_path / "fel.xlsx", [need_row("X-1", **{"Risk (1-5)": 9,
                                                                 "Titel": "<script>alert(1)</script>"})])
    assert source.load_uploads([_upload(bad)]) is None
    assert list(source.plans.needs["id"]) == ["BASE-1"]
    status = source.status.value
    assert "fel.xlsx" in status and "rad 2" in status and "Risk (1-5)" in status
    assert "<script>" not in status
    assert set(Path(tempfile.gettempdir()).glob("kstad-upload-*")) == before


def test_hostile_upload_values(tmp_path):
    source = _source(tmp_path)
    assert source.load_uploads([{"name": "../../etc/passwd.xlsx", "content": 10**10}]) is None
    assert source.load_uploads([{"name": "x.exe", "content": b"MZ"}]) is None
    assert "filtypen" in source.status.value
    assert source.load_uploads([{"name": "a.xlsx", "content": b""}] * 31) is None
    assert list(source.plans.needs["id"]) == ["BASE-1"]


def test_html_helpers_escape_everything():
    import pandas as pd

    frame = pd.DataFrame({"Titel": ['<img src=x onerror="alert(1)">'], "Belopp": [1234567.0]})
    out = html_table(frame, formats={"Belopp": "kr"})
    assert "<img" not in out and "&lt;img" in out and "1\u00a0234\u00a0567 kr" in out
    assert esc('"') == "&quot;" and esc(None) == ""
    assert format_value(0.256, ".2") == "0,26" and format_value(float("nan")) == "–"


def test_two_uploads_with_the_same_safe_name_are_both_read(tmp_path):
    source = _source(tmp_path)
    a = write_xlsx(tmp_path / "a.xlsx", [need_row("A-1")])
    b = write_xlsx(tmp_path / "b.xlsx", [need_row("B-1")])
    plans = source.load_uploads([_upload(a, "plan<1>.xlsx"), _upload(b, "plan>1<.xlsx")])
    assert plans is not None and sorted(plans.needs["id"]) == ["A-1", "B-1"]


def test_an_upload_is_for_the_whole_visit(tmp_path):
    """What is uploaded in one app (one kernel) is what the others show when
    the visitor opens them: the store keeps it under the visit id."""
    from kstad_analysis.store import Store
    from kstad_analysis.ui.visit import Visit, visit_id_from_query

    store = Store(tmp_path / "store")
    visit = Visit(None, store)
    assert visit_id_from_query(f"besok={visit.id}") == visit.id
    assert visit_id_from_query("besok=../../x") is None and visit_id_from_query(None) is None
    first, second, stranger = _source(tmp_path), _source(tmp_path), _source(tmp_path)
    first.attach(visit)
    good = write_xlsx(tmp_path / "egen.xlsx", [need_row("EGEN-1")])
    assert first.load_uploads([_upload(good)], mode="add") is not None
    assert sorted(first.plans.needs["id"]) == ["BASE-1", "EGEN-1"]  # added to the data
    assert "1 fil godkändes" in first.status.value and "1 filer" not in first.status.value
    seen = []
    second.on_change(lambda plans: seen.append(sorted(plans.needs["id"])))
    second.attach(Visit(visit.id, Store(store.directory)))  # another kernel, same visit
    assert seen == [["BASE-1", "EGEN-1"]]
    stranger.attach(Visit(None, store))  # another visitor keeps the sample
    assert list(stranger.plans.needs["id"]) == ["BASE-1"]
    other = write_xlsx(tmp_path / "annan.xlsx", [need_row("ANNAN-1"), need_row("ANNAN-2")])
    assert second.load_uploads([_upload(other)], mode="replace") is not None
    assert sorted(second.plans.needs["id"]) == ["ANNAN-1", "ANNAN-2"]
    first.attach(Visit(visit.id, store))
    assert sorted(first.plans.needs["id"]) == ["ANNAN-1", "ANNAN-2"]
    duplicate = write_xlsx(tmp_path / "dubblett.xlsx", [need_row("ANNAN-1")])
    assert first.load_uploads([_upload(duplicate)], mode="add") is None  # the ids collide
    assert len(store.visit(visit.id).files) == 1  # nothing kept from the refused upload
    first.reset()
    assert list(first.plans.needs["id"]) == ["BASE-1"]
    assert store.visit(visit.id).files == () and store.visit(visit.id).with_sample
    assert first.load_uploads([_upload(good)], mode=["hostile"]) is not None  # → replace
    assert list(first.plans.needs["id"]) == ["EGEN-1"]
