"""The Granskning page (issue 17): the audit log for analytiker and
beslutsfattare, filtered, exported; a läsare gets "ingen behörighet"."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import openpyxl
import pytest

from kstad_analysis.access import user_named
from kstad_analysis.constants import APPS
from kstad_analysis.kernel_pool import PoolPlan
from kstad_analysis.scenario import Scenario
from kstad_analysis.store import Store
from kstad_analysis.ui.audit import PAGE, AuditPage

POLICY = {"roller": {"analytiker": {"anvandare": ["anna"]}, "beslutsfattare": {"grupper": ["KS"]}}}
LARS = user_named("lars", policy=POLICY)
ANNA = user_named("anna", policy=POLICY)
DORA = user_named("dora", ["KS"], policy=POLICY)
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path)
    store.save_scenario(Scenario("Förslag <b>A</b>"), user=LARS)
    store.save_scenario(Scenario("=HYPERLINK(\"x\")"), user=ANNA)
    store.mark_decision("Förslag <b>A</b>", user=DORA, loaded_version=1)
    return store


def test_a_reader_sees_no_rows_only_a_message(store):
    page = AuditPage(store, user=LARS)
    page.widget()
    assert "Ingen behörighet" in page.status.value and "analytiker eller beslutsfattare" in page.status.value
    assert page.table.value == "" and page.export_button.disabled
    page.search.value = "lars"  # a visitor can send the messages of hidden widgets
    page.render()
    assert page.export() == "" and page.table.value == "" and page.link.value == ""
    assert "Ingen behörighet" in page.status.value


@pytest.mark.parametrize("user", [ANNA, DORA], ids=["analytiker", "beslutsfattare"])
def test_officials_see_every_login_newest_first_escaped(store, user):
    page = AuditPage(store, user=user)
    table = page.table.value
    assert "Ingen behörighet" not in page.status.value
    for name in ("lars", "anna", "dora"):
        assert f"<td>{name}</td>" in table
    assert table.index("markerade som beslut") < table.index("sparade scenario")  # newest first
    assert "<b>A</b>" not in table and "Förslag &lt;b&gt;A&lt;/b&gt;" in table
    assert "Visar 3 av 3 träffar (3 händelser totalt)" in page.count.value


def test_filters_by_action_and_text_and_ignore_hostile_values(store):
    page = AuditPage(store, user=ANNA)
    page.action.value = "mark_decision"
    assert page.table.value.count("<tr>") == 2 and "dora" in page.table.value  # header + 1 row
    page.action.value = ""
    page.search.value = "ANNA"
    assert "Visar 1 av 1" in page.count.value and "anna" in page.table.value
    page.search.value = "x" * 10_000 + "\x1b[31m"
    assert "Inga händelser" in page.table.value
    page.search.value = ""
    assert "Visar 3 av 3" in page.count.value


def test_export_is_the_whole_log_as_excel_with_inert_formulas(store):
    page = AuditPage(store, user=DORA)
    page.action.value = "mark_decision"  # the export is the whole log, not the filter
    link = page.export()
    data = base64.b64decode(link.split("base64,", 1)[1].split("'", 1)[0])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Nr", "Tid (UTC)", "Användare", "Roller", "Händelse")
    assert [r[2] for r in rows[1:]] == ["lars", "anna", "dora"]
    assert rows[2][5].startswith("'=")  # a formula-like scenario name stays text
    assert store.audit_log()["action"].tolist() == ["save_scenario", "save_scenario", "mark_decision"]


def test_the_page_is_an_app_everywhere_apps_are_listed():
    assert (PAGE, "sec.audit.app") in APPS
    plan = PoolPlan.load()
    assert plan.sizes[PAGE] >= 1 and PAGE in plan.order
    notebook = json.loads((REPO / "notebooks" / PAGE).read_text(encoding="utf-8"))
    code = "".join("".join(c["source"]) for c in notebook["cells"])
    assert "AuditPage()" in code and "when_visited(page.on_visit)" in code
    assert len(code.splitlines()) <= 8  # the notebook only wires the page
