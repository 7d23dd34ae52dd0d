"""Roles from the login, one ``require`` check, and the store's audit trail (issue 17)."""

from __future__ import annotations

import json
import sqlite3

import openpyxl
import pandas as pd
import pytest

from kstad_analysis import access
from kstad_analysis import store as store_module
from kstad_analysis.access import User, current_user, local_user, require, user_named
from kstad_analysis.errors import AccessDenied, ScenarioError, ScenarioNotFound, StaleScenario
from kstad_analysis.scenario import Scenario
from kstad_analysis.shared_needs import GroupingDecision
from kstad_analysis.store import Store

POLICY = {
    "roller": {
        "analytiker": {"anvandare": ["Anna"], "grupper": ["kstad-analytiker"]},
        "beslutsfattare": {"anvandare": [], "grupper": ["KS"]},
    },
    "lokalt": {"roller": []},
}


def reader(name: str = "lars") -> User:
    return user_named(name, policy=POLICY)


def analyst(name: str = "anna") -> User:
    return user_named(name, policy=POLICY)


def decider(name: str = "dora") -> User:
    return user_named(name, ["KS"], policy=POLICY)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path) as s:
        yield s


# --------------------------------------------------------------------------- roles


def test_roles_come_from_configured_users_and_groups_case_insensitively():
    assert reader().roles == {access.READER}
    assert analyst().roles == {access.READER, access.ANALYST}  # "Anna" in the file, login "anna"
    assert user_named("bo", ["kstad-analytiker"], policy=POLICY).has(access.ANALYST)
    assert decider().roles == {access.READER, access.DECIDER}  # roles add up, none implies another
    assert not decider().may("save_grouping") and not analyst().may("mark_decision")


def test_require_refuses_in_swedish_naming_user_action_and_role():
    with pytest.raises(AccessDenied, match="lars får inte markera ett scenario som beslut: "
                                           "det kräver rollen beslutsfattare") as caught:
        require(reader(), "mark_decision")
    # caught by the apps' handlers for OSError and for ScenarioError alike
    assert isinstance(caught.value, PermissionError) and isinstance(caught.value, ScenarioError)
    assert require(decider(), "mark_decision").name == "dora"
    with pytest.raises(AccessDenied, match="Ingen inloggad"):
        require("dora", "mark_decision")  # a name typed somewhere is not a user
    with pytest.raises(ValueError, match="unknown action"):
        require(decider(), "launch_missiles")


def test_current_user_is_the_hub_login_with_its_groups(monkeypatch):
    user = current_user({"JUPYTERHUB_USER": "eva", "KSTAD_GROUPS": "kstad-beslutsfattare,x"})
    assert (user.name, user.local, user.groups) == ("eva", False, ("kstad-beslutsfattare", "x"))
    assert user.has(access.DECIDER) and not user.has(access.ANALYST)  # data/config/access.toml
    local = current_user({})
    assert local.local and local.roles == {access.READER, access.ANALYST, access.DECIDER}
    assert local_user(policy=POLICY).roles == {access.READER}
    with pytest.raises(AccessDenied):
        user_named("eva\x1b[31m", policy=POLICY)


# --------------------------------------------------------------------------- store


def test_reader_saves_own_scenarios_under_the_login_never_the_typed_name(store):
    lars = reader()
    assert store.save_scenario(Scenario("Lars förslag", author="Kommunstyrelsen"), user=lars) == 1
    assert store.load_scenario("Lars förslag").author == "lars"
    assert store.save_scenario(Scenario("Lars förslag", budget=5e6), user=lars) == 2
    with pytest.raises(AccessDenied, match="någon annans scenario"):
        store.save_scenario(Scenario("Lars förslag", budget=1.0), user=reader("mallory"))
    with pytest.raises(AccessDenied):
        store.delete_scenario("Lars förslag", user=reader("mallory"))
    assert store.save_scenario(Scenario("Lars förslag", budget=2.0), user=analyst()) == 3
    assert store.history("Lars förslag")["author"].tolist() == ["lars", "lars", "anna"]


def test_reader_cannot_mark_decision_or_touch_grouping_decisions(store):
    store.save_scenario(Scenario("Plan"), user=reader())
    with pytest.raises(AccessDenied):
        store.mark_decision("Plan", "Kommunstyrelsen", user=reader())
    with pytest.raises(AccessDenied):
        store.save_grouping_decision(GroupingDecision("split", ("A-1",)), user=reader())
    gid = store.save_grouping_decision(GroupingDecision("split", ("A-1",), author="Typed"), user=analyst())
    with pytest.raises(AccessDenied):
        store.delete_grouping_decision(gid, user=reader())
    with pytest.raises(AccessDenied):
        store.save_group_name("G-A-1", "E-arkiv", ["A-1"], user=reader())
    assert store.decisions() == [] and [d.author for d in store.grouping_decisions()] == ["anna"]
    refused = store.audit_log()
    assert refused["action"].tolist() == ["save_scenario", "save_grouping"]  # refusals change nothing


def test_mark_decision_records_the_version_open_and_refuses_if_changed(store):
    store.save_scenario(Scenario("Plan", budget=1e6), user=analyst())
    opened, version = store.load_with_version("Plan")
    assert (opened.budget, version) == (1e6, 1)
    store.save_scenario(Scenario("Plan", budget=9e6), user=analyst())  # saved between load and click
    with pytest.raises(StaleScenario, match="har ändrats sedan du öppnade version 1 .senaste är 2"):
        store.mark_decision("Plan", note="KS § 12", user=decider(), loaded_version=1)
    assert store.decisions() == []
    record = store.mark_decision("Plan", note="KS § 12", user=decider(), loaded_version=2)
    assert (record.scenario_version, record.decided_by) == (2, "dora")
    store.save_scenario(Scenario("Annan"), user=reader())
    store.delete_scenario("Annan", user=reader())
    with pytest.raises(StaleScenario, match="har tagits bort"):
        store.mark_decision("Annan", user=decider(), loaded_version=1)


def test_deletes_are_soft_and_the_audit_is_append_only(store):
    lars, anna = reader(), analyst()
    store.save_scenario(Scenario("Utkast"), user=lars)
    store.save_scenario(Scenario("Utkast"), user=lars)
    assert store.delete_scenario("Utkast", user=lars) == 2
    with pytest.raises(ScenarioNotFound):
        store.load_scenario("Utkast")
    gid = store.save_grouping_decision(GroupingDecision("merge", ("A-1", "B-2")), user=anna)
    store.delete_grouping_decision(gid, user=anna)
    assert store.grouping_decisions() == []
    store.save_scenario(Scenario("Beslutat"), user=anna)
    store.mark_decision("Beslutat", user=decider(), loaded_version=1)
    with sqlite3.connect(store.path) as con:
        kept = con.execute("SELECT version, deleted_by FROM scenario_versions WHERE name = 'Utkast'")
        assert kept.fetchall() == [(1, "lars"), (2, "lars")]  # still there for the archive
        assert con.execute("SELECT deleted_by FROM grouping_decisions").fetchall() == [("anna",)]
        for sql in ("DELETE FROM audit_log", "UPDATE audit_log SET user = 'x'",
                    "DELETE FROM decisions", "UPDATE decisions SET decided_by = 'x'",
                    "DELETE FROM scenario_versions", "DELETE FROM grouping_decisions"):
            with pytest.raises(sqlite3.IntegrityError):
                con.execute(sql)
    log = store.audit_log()
    versions = [None if pd.isna(v) else int(v) for v in log["version"]]
    assert list(zip(log["user"], log["action"], log["target"], versions, strict=True)) == [
        ("lars", "save_scenario", "Utkast", 1), ("lars", "save_scenario", "Utkast", 2),
        ("lars", "delete_scenario", "Utkast", None), ("anna", "save_grouping", str(gid), None),
        ("anna", "delete_grouping", str(gid), None), ("anna", "save_scenario", "Beslutat", 1),
        ("dora", "mark_decision", "Beslutat", 1)]
    assert log["roles"].iloc[-1] == "beslutsfattare,lasare"
    assert json.loads(log["detail"].iloc[-1])["loaded_version"] == 1


def test_audit_export_is_a_workbook_with_swedish_headers_and_inert_names(store, tmp_path):
    hostile = user_named("=cmd|'/c calc'!A1", ["KS"], policy=POLICY)
    store.save_scenario(Scenario("Plan"), user=hostile)
    store.mark_decision("Plan", user=hostile, loaded_version=1)
    with pytest.raises(AccessDenied, match="det kräver rollen analytiker eller beslutsfattare"):
        store.export_audit(tmp_path / "logg.xlsx", user=reader())  # the audit is for the officials
    out = store.export_audit(tmp_path / "logg.xlsx", user=decider())
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Nr", "Tid (UTC)", "Användare", "Roller", "Händelse")
    assert [r[4] for r in rows[1:]] == ["sparade scenario", "markerade som beslut"]
    assert rows[2][2] == "'=cmd|'/c calc'!A1" and rows[2][3] == "läsare, beslutsfattare"


def test_migration_logs_decisions_taken_before_the_audit_existed(tmp_path):
    with sqlite3.connect(tmp_path / store_module.DB_NAME) as con:
        for version, _, migrate in store_module.MIGRATIONS[:3]:
            migrate(con)
            con.execute(f"PRAGMA user_version = {version}")
        con.execute("INSERT INTO scenario_versions (name, version, author, created, saved_at, "
                    "data_fingerprint, payload) VALUES ('Gammal', 1, 'Kim', '2025-01-01', "
                    "'2025-01-01', 'fp', ?)", (Scenario("Gammal").to_json(),))
        con.execute("INSERT INTO decisions (scenario_name, scenario_version, decided_by, decided_at, "
                    "note, data_fingerprint) VALUES ('Gammal', 1, 'KS', '2025-02-01T00:00:00+00:00', "
                    "'§ 3', 'fp')")
    store = Store(tmp_path)
    assert store.schema_version() == store_module.SCHEMA_VERSION and store.integrity_ok()
    log = store.audit_log()
    assert log[["at", "user", "action", "target"]].values.tolist() == [
        ["2025-02-01T00:00:00+00:00", "KS", "mark_decision", "Gammal"]]
    assert store.list_scenarios()["is_decision"].tolist() == [True]
