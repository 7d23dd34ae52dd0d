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
