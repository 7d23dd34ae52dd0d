"""The store's viktningsomgångar: migration, tokens, answers, closing (issue 16)."""

from __future__ import annotations

import sqlite3

import pytest

from kstad_analysis import store as store_module
from kstad_analysis.errors import NotFound, ScenarioError, WeightError
from kstad_analysis.scenario import Scenario
from kstad_analysis.store import SCHEMA_VERSION, Store

KEYS = ["nytta", "kostnad", "strategi"]
RANK = {"order": ["kostnad", "nytta", "strategi"]}


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path)


def write_v3_store(directory) -> None:
    """A store exactly as the migrations up to version 3 leave it, with a scenario."""
    con = sqlite3.connect(directory / store_module.DB_NAME, isolation_level=None)
    con.execute("BEGIN")
    for version, _what, migrate in store_module.MIGRATIONS:
        if version <= 3:
            migrate(con)
    con.execute(
        "INSERT INTO scenario_versions (name, version, author, created, saved_at, "
        "data_fingerprint, payload) VALUES (?, 1, '', ?, ?, '', ?)",
        ("Gammal", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00",
         Scenario(name="Gammal", weights={"nytta": 1.0}).to_json()))
    con.execute("PRAGMA user_version = 3")
    con.execute("COMMIT")
    con.close()


def test_a_version_3_store_is_migrated_and_keeps_its_data(tmp_path):
    write_v3_store(tmp_path)
    store = Store(tmp_path)
    assert store.schema_version() == SCHEMA_VERSION and store.integrity_ok()
    assert store.load_scenario("Gammal").weights == {"nytta": 1.0}
    created = store.create_round("Ledningsgruppen", KEYS, ["Anna", "Bo"])
    assert [p.name for p in created.participants] == ["Anna", "Bo"]
    with sqlite3.connect(tmp_path / store_module.DB_NAME) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"weight_rounds", "weight_participants", "weight_answers"} <= tables


def test_the_rounds_migration_is_listed_once():
    steps = [m for _, _, m in store_module.MIGRATIONS if m.__name__ == "migrate_rounds"]
    assert len(steps) == 1


def test_tokens_are_unguessable_and_distinct(store):
    created = store.create_round("R", KEYS, ["Anna", "Bo", "Cecilia"])
    tokens = [created.facilitator_token, *(p.token for p in created.participants)]
    assert len(set(tokens)) == 4 and all(len(tok) >= 24 for tok in tokens)
    other = store.create_round("R", KEYS, ["Anna"])
    assert other.id != created.id and other.participants[0].token not in tokens


def test_a_participant_reads_and_revises_only_their_own_answer(store):
    created = store.create_round("R", KEYS, ["Anna", "Bo"])
    anna, bo = created.participants
    assert store.own_answer(created.id, anna.token) is None
    assert store.save_answer(created.id, anna.token, "rank", RANK) == 1
    assert store.save_answer(created.id, anna.token, "direct",
                             {"points": {"nytta": 1, "kostnad": 2, "strategi": 3}}) == 2
    assert store.own_answer(created.id, bo.token) is None  # Bo does not see Anna's answer
    mine = store.own_answer(created.id, anna.token)
    assert mine.answer.kind == "direct" and mine.revision == 2 and mine.name == "Anna"
    for token in ("", "x" * 30, anna.token[:-1] + "A", created.facilitator_token, None, 42):
        with pytest.raises(NotFound):
            store.save_answer(created.id, token, "rank", RANK)
    with pytest.raises(NotFound):
        store.own_answer("inte-en-omgang", anna.token)
    assert store.answers_version(created.id) == (1, 2)


def test_only_the_facilitator_reads_all_answers(store):
    created = store.create_round("R", KEYS, ["Anna", "Bo"])
    anna, bo = created.participants
    store.save_answer(created.id, anna.token, "rank", RANK)
    store.save_answer(created.id, bo.token, "rank", {"order": KEYS})
    answers = store.round_answers(created.id, created.facilitator_token)
    assert [a.name for a in answers] == ["Anna", "Bo"]
    with pytest.raises(NotFound):
        store.round_answers(created.id, anna.token)


def test_hostile_answers_and_names_are_refused(store):
    with pytest.raises(ScenarioError):
        store.create_round("R", KEYS, ["Anna", "anna"])
    with pytest.raises(ScenarioError):
        store.create_round("R", KEYS, ["Anna\u202e"])
    with pytest.raises(ScenarioError, match="gruppens namn"):
        store.create_round("R", KEYS, ["Anna", "gruppen"])  # the group view's own row
    with pytest.raises(ScenarioError):
        store.create_round("R", KEYS, [f"P{k}" for k in range(51)])
    with pytest.raises(ScenarioError):
        store.create_round("R", ["nytta"], ["Anna"])
    name = "<script>alert(1)</script>'; DROP TABLE weight_rounds;--"
    created = store.create_round(name, KEYS, [name])
    assert store.weight_round(created.id).name == name  # verbatim; escaped where shown
    token = created.participants[0].token
    for kind, payload in (("rank", {"order": ["nytta"]}), ("pairwise", {"judgements": {}}),
                          ("sql", RANK), ("direct", {"points": {"nytta": 1e300}})):
        with pytest.raises(WeightError):
            store.save_answer(created.id, token, kind, payload)
    assert store.answers_version(created.id) == (0, 0)


def test_closing_records_the_scenario_and_stops_revisions(store):
    created = store.create_round("R", KEYS, ["Anna"])
    token = created.participants[0].token
    store.save_answer(created.id, token, "rank", RANK)
    with pytest.raises(NotFound):
        store.close_round(created.id, token, "Viktning: R", 1)
    closed = store.close_round(created.id, created.facilitator_token, "Viktning: R", 1)
    assert closed.closed and closed.scenario_name == "Viktning: R" and closed.scenario_version == 1
    with pytest.raises(ScenarioError, match="stängd"):
        store.save_answer(created.id, token, "rank", {"order": KEYS})
    with pytest.raises(ScenarioError, match="stängd"):
        store.close_round(created.id, created.facilitator_token, "Viktning: R", 2)
    assert store.own_answer(created.id, token).answer.order == tuple(RANK["order"])
