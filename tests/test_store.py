"""The scenario store: save/load with history, decisions, grouping decisions."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field

import pytest

from kstad_analysis import store as store_module
from kstad_analysis.errors import StoreUnavailable
from kstad_analysis.scenario import Scenario, ScenarioError
from kstad_analysis.store import (
    SCHEMA_VERSION,
    DecisionRecord,
    GroupingDecisionNotFound,
    ScenarioNotFound,
    Store,
    StoreError,
)
from kstad_analysis.ui.common import esc


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path)


def scenario(name: str = "Plan A", **changes: object) -> Scenario:
    values: dict[str, object] = dict(
        name=name, author="Anna Ek", note="Förslag", data_fingerprint="fp-1",
        weights={"strategic": 2.0, "citizen": 1.0}, budget=10e6, must=("KLK-001",),
        exclude=("BUF-002",), threshold=0.6, overrides={"departments": ["Miljöförvaltningen"]},
    )
    values.update(changes)
    return Scenario(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class StandInGrouping:
    """Shaped like shared_needs.GroupingDecision (used only for its to_dict)."""

    kind: str
    ids: tuple[str, ...]
    author: str = "Analytiker"
    note: str = ""
    created: str = "2026-11-03T10:00:00+00:00"
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["ids"] = list(self.ids)
        return data


def test_real_sqlite_file_in_wal_mode_with_schema_version(store, tmp_path):
    assert store.path == tmp_path / "kstad.sqlite" and store.path.exists()
    assert store.journal_mode == "wal"
    assert store.schema_version() == SCHEMA_VERSION == 6
    with sqlite3.connect(store.path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"scenario_versions", "decisions", "grouping_decisions"} <= tables


def test_default_directory_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KSTAD_STORE_DIR", str(tmp_path / "shared"))
    assert Store().path == tmp_path / "shared" / "kstad.sqlite"


def test_save_and_load_round_trip(store):
    original = scenario()
    assert store.save_scenario(original) == 1
    assert store.load_scenario("Plan A") == original
    assert store.load_scenario("  Plan A ") == original  # looked up as stored


def test_same_name_saves_a_new_version_and_keeps_history(store):
    first = scenario(budget=10e6)
    second = scenario(budget=12e6, author="Bo Ek")
    assert store.save_scenario(first) == 1
    assert store.save_scenario(second) == 2
    assert store.load_scenario("Plan A") == second
    assert store.load_scenario("Plan A", version=1) == first
    history = store.history("Plan A")
    assert history["version"].tolist() == [1, 2]
    assert history["author"].tolist() == ["Anna Ek", "Bo Ek"]


def test_list_scenarios(store):
    assert store.list_scenarios().empty
    assert list(store.list_scenarios().columns)[:5] == ["name", "author", "created", "version", "versions"]
    store.save_scenario(scenario("beta"))
    store.save_scenario(scenario("Alfa", author="A"))
    store.save_scenario(scenario("Alfa", author="B"))
    frame = store.list_scenarios()
    assert frame["name"].tolist() == ["Alfa", "beta"]
    alfa = frame.iloc[0]
    assert (alfa["author"], alfa["version"], alfa["versions"], alfa["is_decision"]) == ("B", 2, 2, False)
    assert frame["is_decision"].dtype == bool and frame["version"].dtype == "int64"


def test_missing_scenario_raises_swedish_not_found(store):
    with pytest.raises(ScenarioNotFound, match="inget sparat scenario med namnet ”Saknas”") as info:
        store.load_scenario("Saknas")
    assert isinstance(info.value, KeyError)
    assert str(info.value) == "Det finns inget sparat scenario med namnet ”Saknas”."
    store.save_scenario(scenario())
    with pytest.raises(ScenarioNotFound, match="har ingen version 5"):
        store.load_scenario("Plan A", version=5)
    for bad_version in (0, -1, "1", 1.0, True):
        with pytest.raises(ScenarioNotFound):
            store.load_scenario("Plan A", version=bad_version)
    for impossible in ("", None, 42, "x" * 500, "a\x00b"):
        with pytest.raises(ScenarioNotFound):
            store.load_scenario(impossible)
    with pytest.raises(ScenarioNotFound):
        store.history("Saknas")
    with pytest.raises(ScenarioNotFound):
        store.delete_scenario("Saknas")


def test_delete_scenario_removes_every_version(store):
    store.save_scenario(scenario())
    store.save_scenario(scenario())
    store.save_scenario(scenario("Kvar"))
    assert store.delete_scenario("Plan A") == 2
    assert store.list_scenarios()["name"].tolist() == ["Kvar"]
    with pytest.raises(ScenarioNotFound):
        store.load_scenario("Plan A")
    # the name is free again; deletes are soft, so numbers are never reused: an audit row
    # "Plan A version 1" always means the version that was deleted
    assert store.save_scenario(scenario()) == 3
    assert store.history("Plan A")["version"].tolist() == [3]


def test_mark_decision_records_the_exact_version(store):
    store.save_scenario(scenario(data_fingerprint="fp-old"))
    store.save_scenario(scenario(data_fingerprint="fp-new"))
    record = store.mark_decision("Plan A", "Kommunstyrelsen", "Beslut 2026-11-20 § 12")
    assert isinstance(record, DecisionRecord)
    assert (record.scenario_name, record.scenario_version) == ("Plan A", 2)
    assert (record.decided_by, record.note, record.data_fingerprint) == (
        "Kommunstyrelsen", "Beslut 2026-11-20 § 12", "fp-new")
    assert record.decided_at.endswith("+00:00") and record.id >= 1
    older = store.mark_decision("Plan A", "IT-chefen", version=1)
    assert (older.scenario_version, older.data_fingerprint) == (1, "fp-old")
    assert store.decisions() == [record, older]
    assert record.to_dict()["scenario_version"] == 2
    # the decided scenario cannot be deleted, and later saves leave the record intact
    store.save_scenario(scenario(budget=1.0))
    assert store.list_scenarios().set_index("name").loc["Plan A", "is_decision"]
    assert store.history("Plan A")["is_decision"].tolist() == [True, True, False]
    with pytest.raises(ScenarioError, match="fattat beslut och kan inte raderas"):
        store.delete_scenario("Plan A")
    assert store.load_scenario("Plan A", version=record.scenario_version).data_fingerprint == "fp-new"


def test_mark_decision_validates(store):
    with pytest.raises(ScenarioNotFound):
        store.mark_decision("Saknas", "Kim")
    store.save_scenario(scenario())
    with pytest.raises(ScenarioError, match="Beslutsfattaren måste anges"):
        store.mark_decision("Plan A", "  ")
    with pytest.raises(ScenarioError, match="högst 5000"):
        store.mark_decision("Plan A", "Kim", "x" * 5001)
    with pytest.raises(ScenarioNotFound, match="ingen version 3"):
        store.mark_decision("Plan A", "Kim", version=3)
    assert store.decisions() == []


def test_save_refuses_what_is_not_a_scenario(store):
    with pytest.raises(ScenarioError):
        store.save_scenario({"name": "dict"})  # type: ignore[arg-type]
    assert store.list_scenarios().empty


@pytest.mark.parametrize("name", [
    "'; DROP TABLE scenarios;--",
    "'; DROP TABLE scenario_versions;--",
    "Robert'); DELETE FROM decisions; --",
    "x' OR '1'='1",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://x","y")',
    "Ärende \"citat\" och 'apostrof' ; -- %_",
])
def test_hostile_names_round_trip_verbatim(store, name):
    store.save_scenario(scenario("Oskyldig"))
    store.save_scenario(scenario(name, note=name, author=name))
    loaded = store.load_scenario(name)
    assert (loaded.name, loaded.note, loaded.author) == (name, name, name)
    assert sorted(store.list_scenarios()["name"]) == sorted(["Oskyldig", name])
    assert store.load_scenario("Oskyldig").name == "Oskyldig"  # nothing was dropped
    assert store.integrity_ok()
    # HTML is stored verbatim and only escaped where shown
    assert "<" not in esc(loaded.name) and ">" not in esc(loaded.name)


def test_like_wildcards_do_not_match_other_names(store):
    store.save_scenario(scenario("Plan_A"))
    with pytest.raises(ScenarioNotFound):
        store.load_scenario("Plan%")
    with pytest.raises(ScenarioNotFound):
        store.load_scenario("PlanXA")


def test_grouping_decisions_round_trip_with_ids(store):
    merge = StandInGrouping("merge", ("KLK-001", "BUF-002"), note="<b>samma</b>")
    not_same = StandInGrouping("not_same", ("MF-003", "TF-004"), extra={"score": 0.71})
    first = store.save_grouping_decision(merge)
    second = store.save_grouping_decision(not_same)
    assert second > first >= 1
    assert store.grouping_decisions(raw=True) == [merge.to_dict(), not_same.to_dict()]
    assert store.grouping_decisions(raw=True, with_ids=True) == [
        (first, merge.to_dict()), (second, not_same.to_dict())]
    store.delete_grouping_decision(first)
    assert store.grouping_decisions(raw=True) == [not_same.to_dict()]
    with pytest.raises(GroupingDecisionNotFound, match=f"inget sparat grupperingsbeslut med id {first}"):
        store.delete_grouping_decision(first)
    for bad in ("1", None, True, 1.0):
        with pytest.raises(GroupingDecisionNotFound):
            store.delete_grouping_decision(bad)  # type: ignore[arg-type]


def test_grouping_decisions_validate_payload(store):
    class NoDict:
        pass

    class NanDict:
        def to_dict(self):
            return {"kind": "merge", "score": float("nan")}

    class Huge:
        def to_dict(self):
            return {"kind": "merge", "ids": ["x" * 64] * 20_000}

    for bad in (NoDict(), NanDict(), Huge(), {"kind": "merge"}):
        with pytest.raises(ValueError, match="Grupperingsbeslutet"):
            store.save_grouping_decision(bad)
    assert store.grouping_decisions(raw=True) == []


def test_store_from_a_newer_kstad_is_refused_untouched(tmp_path):
    path = tmp_path / "kstad.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE future (x)")
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match=f"schemaversion {SCHEMA_VERSION + 1}.*Uppdatera kstad"):
        Store(tmp_path)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert con.execute("SELECT name FROM sqlite_master").fetchall() == [("future",)]
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_failed_write_rolls_back(store, monkeypatch):
    store.save_scenario(scenario())

    def broken_commit(con):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "_commit", broken_commit)
    with pytest.raises(StoreUnavailable, match="kunde inte läsa eller skriva disken") as caught:
        store.save_scenario(scenario(budget=1.0))  # a Swedish message, the cause kept
    assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
    monkeypatch.undo()
    assert store.history("Plan A")["version"].tolist() == [1]
    assert store.save_scenario(scenario(budget=2.0)) == 2


def test_migrations_are_ordered_and_complete():
    versions = [v for v, _, _ in store_module.MIGRATIONS]
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_real_grouping_decisions_come_back_as_objects(store):
    from kstad_analysis.shared_needs import GroupingDecision

    merge = GroupingDecision("merge", ("KLK-001", "BUF-002"), author="Anna", note="samma e-tjänst",
                             created="2026-11-03T10:00:00+00:00")
    split = GroupingDecision("split", ("MF-003",), author="Bo")
    not_same = GroupingDecision("not_same", ("TF-004", "KFF-005"), note="<script>alert(1)</script>")
    ids = [store.save_grouping_decision(d) for d in (merge, split, not_same)]
    assert store.grouping_decisions() == [merge, split, not_same]
    assert store.grouping_decisions(with_ids=True) == list(zip(ids, [merge, split, not_same], strict=True))
    store.delete_grouping_decision(ids[1])
    assert store.grouping_decisions() == [merge, not_same]
    assert Store(store.directory).grouping_decisions()[1].note == "<script>alert(1)</script>"
