"""The saved-work store: scenarios with history, decision records, grouping decisions.

Why SQLite and why like this: every Voila kernel is a separate process, and
several managers may save at the same moment; nothing they decide may be
lost, and a kernel killed mid-save (culling, a crash) must not damage what is
there. So the store is one SQLite file in ``kstad_analysis.paths.store_dir()``
(``KSTAD_STORE_DIR``) with

* WAL journaling (readers never block the writer) and ``synchronous=FULL``
  (a commit that returned is on disk);
* a busy timeout, so concurrent writers queue instead of failing;
* every write in one ``BEGIN IMMEDIATE`` transaction (the write lock is taken
  before reading the next version number, so two savers never collide);
* parameterised SQL only; a connection per operation (safe across ``fork``
  and threads, and cheap: see ``benchmarks/store.py``);
* the schema version in ``PRAGMA user_version`` with ordered migrations run
  in one transaction, so a store written by an older kstad opens and is
  upgraded in place, and a store from a newer kstad is refused, not damaged.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from kstad_analysis import paths
from kstad_analysis.errors import GroupingDecisionNotFound, ScenarioNotFound, StoreError
from kstad_analysis.errors import NotFound as NotFound  # re-exported: ui imports it from here
from kstad_analysis.guards import safe_text
from kstad_analysis.i18n import t
from kstad_analysis.scenario import (
    AUTHOR_MAX,
    NOTE_MAX,
    Scenario,
    ScenarioError,
    check_text,
    clean_name,
    now_utc,
)
from kstad_analysis.store_rounds import WeightRoundsStore, migrate_rounds
from kstad_analysis.store_shared import SharedNeedsStore
from kstad_analysis.store_visits import V4_DDL, VisitStore

DB_NAME = "kstad.sqlite"
BUSY_TIMEOUT_MS = 15_000
GROUPING_MAX_BYTES = 1024 * 1024

#: Connections a forked child inherited from its parent: kept referenced so
#: they are never closed (or used) in the child.
_INHERITED: list[sqlite3.Connection] = []

SCENARIO_COLUMNS = ("name", "author", "created", "version", "versions", "saved_at",
                    "data_fingerprint", "is_decision")
HISTORY_COLUMNS = ("version", "author", "created", "saved_at", "data_fingerprint", "is_decision")


@dataclass(frozen=True)
class DecisionRecord:
    """Which scenario version was decided, by whom, when, and on which data."""

    id: int
    scenario_name: str
    scenario_version: int
    decided_by: str
    decided_at: str
    note: str
    data_fingerprint: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- schema

#: Schema version 1: one row per scenario name (a save overwrote the previous one).
V1_DDL = (
    """CREATE TABLE scenarios (
        name TEXT PRIMARY KEY,
        author TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        payload TEXT NOT NULL
    )""",
    """CREATE TABLE grouping_decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        created TEXT NOT NULL,
        payload TEXT NOT NULL
    )""",
)

#: Schema version 2: every save is a new version (history kept) and decisions
#: taken are recorded against one exact version.
V2_DDL = (
    """CREATE TABLE scenario_versions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        author TEXT NOT NULL,
        created TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        data_fingerprint TEXT NOT NULL,
        payload TEXT NOT NULL,
        UNIQUE (name, version)
    )""",
    """CREATE TABLE decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        scenario_name TEXT NOT NULL,
        scenario_version INTEGER NOT NULL,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        note TEXT NOT NULL,
        data_fingerprint TEXT NOT NULL,
        FOREIGN KEY (scenario_name, scenario_version)
            REFERENCES scenario_versions (name, version) ON DELETE RESTRICT
    )""",
    "CREATE INDEX decisions_by_scenario ON decisions (scenario_name, scenario_version)",
)


def _migrate_to_v1(con: sqlite3.Connection) -> None:
    for statement in V1_DDL:
        con.execute(statement)


def _migrate_to_v2(con: sqlite3.Connection) -> None:
    """Add history and decision records; each v1 scenario becomes version 1."""
    for statement in V2_DDL:
        con.execute(statement)
    rows = con.execute(
        "SELECT name, author, created, saved_at, payload FROM scenarios ORDER BY saved_at, name"
    ).fetchall()
    for name, author, created, saved_at, payload in rows:
        try:
            fingerprint = str(json.loads(payload).get("data_fingerprint") or "")
        except (ValueError, AttributeError):
            fingerprint = ""
        con.execute(
            "INSERT INTO scenario_versions (name, version, author, created, saved_at, "
            "data_fingerprint, payload) VALUES (?, 1, ?, ?, ?, ?, ?)",
            (name, author, created, saved_at, fingerprint, payload),
        )
    con.execute("DROP TABLE scenarios")


#: Schema version 3: shared-needs embedding cache (by text hash and model id,
#: so a model upgrade never mixes vectors) and the analysts' group names.
V3_DDL = (
    """CREATE TABLE embedding_cache (
        model TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        dim INTEGER NOT NULL CHECK (dim > 0),
        vector BLOB NOT NULL,
        PRIMARY KEY (model, text_hash)
    ) WITHOUT ROWID""",
    """CREATE TABLE group_names (
        group_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        anchor_id TEXT NOT NULL,
        member_ids TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        saved_at TEXT NOT NULL
    )""",
)


def _migrate_to_v3(con: sqlite3.Connection) -> None:
    for statement in V3_DDL:
        con.execute(statement)


def _migrate_visits(con: sqlite3.Connection) -> None:
    for statement in V4_DDL:
        con.execute(statement)


#: Ordered migrations: ``(version reached, what it does, function)``.
MIGRATIONS: tuple[tuple[int, str, Callable[[sqlite3.Connection], None]], ...] = (
    (1, "scenarios and grouping decisions", _migrate_to_v1),
    (2, "scenario history and decision records", _migrate_to_v2),
    (3, "embedding cache and group names", _migrate_to_v3),
    (4, "weighting rounds, participants and answers", migrate_rounds),
    (5, "visits: uploads and current scenario per visitor", _migrate_visits),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


# --------------------------------------------------------------------------- store


class Store(SharedNeedsStore, WeightRoundsStore, VisitStore):
    """Scenarios, decisions and grouping decisions in ``<directory>/kstad.sqlite``
    (embedding cache and group names: ``store_shared.SharedNeedsStore``;
    viktningsomgångar: ``store_rounds.WeightRoundsStore``; uploads and current
    scenario per visit: ``store_visits.VisitStore``).

    Each thread keeps one connection; create one ``Store`` per kernel and
    reuse it (creating one per callback also works, at ~0.3 ms each).
    Opening an up-to-date store only reads its schema version.
    """

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else paths.store_dir()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.path = self.directory / DB_NAME
        self._local = threading.local()
        self.journal_mode = self._initialise()

    def close(self) -> None:
        """Close this thread's connection (also done when the store is garbage-collected)."""
        con = getattr(self._local, "con", None)
        if con is not None:
            if self._local.pid == os.getpid():
                con.close()
            else:
                _INHERITED.append(con)
        self._local.con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- plumbing

    def _open(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA synchronous = FULL")
        return con

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, opened on first use.

        Kept open rather than opened per operation: closing the last
        connection makes SQLite checkpoint and delete the WAL, which tripled
        the cost of a save (``benchmarks/store.py``). A connection inherited
        through ``fork`` belongs to the parent: it is set aside, never used
        or closed in the child (SQLite's rule for forked processes).
        """
        local = self._local
        con: sqlite3.Connection | None = getattr(local, "con", None)
        if con is not None and local.pid != os.getpid():
            _INHERITED.append(con)
            con = None
        if con is None:
            con = self._open()
            local.con, local.pid = con, os.getpid()
        yield con

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the write lock from its first statement."""
        with self._connection() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                self._commit(con)
            except BaseException:
                self._rollback(con)
                raise

    def _rollback(self, con: sqlite3.Connection) -> None:
        """Undo an open transaction; a connection that cannot even roll back is dropped."""
        try:
            if con.in_transaction:
                con.execute("ROLLBACK")
        except sqlite3.Error:
            self._local.con = None
            con.close()

    def _commit(self, con: sqlite3.Connection) -> None:
        """Commit point, separate so reliability tests can kill a process just before it."""
        con.execute("COMMIT")

    def _initialise(self) -> str:
        with self._connection() as con:
            found = int(con.execute("PRAGMA user_version").fetchone()[0])
            self._check_not_newer(found)  # before anything, even the journal mode, is changed
            mode = self._enable_wal(con)
        if found < SCHEMA_VERSION:
            with self._write() as con:
                self._migrate(con)
        return mode

    @staticmethod
    def _enable_wal(con: sqlite3.Connection) -> str:
        """Switch to WAL (persistent in the file); retry while another process
        is creating the same database, since this pragma may not wait."""
        for attempt in range(50):
            try:
                return str(con.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            except sqlite3.OperationalError:
                if attempt == 49:
                    raise
                time.sleep(0.05)
        raise AssertionError("unreachable")

    def _check_not_newer(self, found: int) -> None:
        if found > SCHEMA_VERSION:
            raise StoreError(t("store.too_new", path=str(self.path), found=found, known=SCHEMA_VERSION))

    def _migrate(self, con: sqlite3.Connection) -> None:
        """Apply the missing migrations in order (inside the caller's transaction;
        the version is read again under the write lock, as another kernel may
        have migrated meanwhile)."""
        current = con.execute("PRAGMA user_version").fetchone()[0]
        self._check_not_newer(current)
        for version, _what, migrate in MIGRATIONS:
            if version > current:
                migrate(con)
                con.execute(f"PRAGMA user_version = {int(version):d}")

    def schema_version(self) -> int:
        with self._connection() as con:
            return int(con.execute("PRAGMA user_version").fetchone()[0])

    def integrity_ok(self) -> bool:
        """SQLite's own full consistency check."""
        with self._connection() as con:
            return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # ---------------------------------------------------------------- scenarios

    def save_scenario(self, scenario: Scenario) -> int:
        """Save ``scenario`` as the next version under its name; return that version."""
        if not isinstance(scenario, Scenario):
            raise ScenarioError(t("store.err.not_scenario"))
        payload = scenario.to_json()
        with self._write() as con:
            latest = con.execute(
                "SELECT COALESCE(MAX(version), 0) FROM scenario_versions WHERE name = ?",
                (scenario.name,),
            ).fetchone()[0]
            version = int(latest) + 1
            con.execute(
                "INSERT INTO scenario_versions (name, version, author, created, saved_at, "
                "data_fingerprint, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (scenario.name, version, scenario.author, scenario.created, now_utc(),
                 scenario.data_fingerprint, payload),
            )
        return version

    def load_scenario(self, name: str, version: int | None = None) -> Scenario:
        """The latest (or the given) version of the scenario called ``name``."""
        key = self._lookup_name(name)
        with self._connection() as con:
            if version is None:
                row = con.execute(
                    "SELECT payload FROM scenario_versions WHERE name = ? "
                    "ORDER BY version DESC LIMIT 1", (key,),
                ).fetchone()
            else:
                row = con.execute(
                    "SELECT payload FROM scenario_versions WHERE name = ? AND version = ?",
                    (key, self._version(name, version)),
                ).fetchone()
                if row is None and self._exists(con, key):
                    raise ScenarioNotFound(t("store.version_not_found", name=key, version=version))
        if row is None:
            raise ScenarioNotFound(t("store.not_found", name=key))
        return Scenario.from_json(row[0])

    def list_scenarios(self) -> pd.DataFrame:
        """One row per scenario name (its latest version), ordered by name."""
        with self._connection() as con:
            rows = con.execute(
                """SELECT v.name, v.author, v.created, v.version,
                          (SELECT COUNT(*) FROM scenario_versions c WHERE c.name = v.name),
                          v.saved_at, v.data_fingerprint,
                          EXISTS (SELECT 1 FROM decisions d WHERE d.scenario_name = v.name)
                   FROM scenario_versions v
                   WHERE v.version = (SELECT MAX(m.version) FROM scenario_versions m
                                      WHERE m.name = v.name)
                   ORDER BY v.name COLLATE NOCASE, v.name"""
            ).fetchall()
        frame = pd.DataFrame(rows, columns=list(SCENARIO_COLUMNS))
        return frame.astype({"version": "int64", "versions": "int64", "is_decision": "bool"})

    def history(self, name: str) -> pd.DataFrame:
        """Every saved version of ``name``, oldest first, and which were decided."""
        key = self._lookup_name(name)
        with self._connection() as con:
            rows = con.execute(
                """SELECT v.version, v.author, v.created, v.saved_at, v.data_fingerprint,
                          EXISTS (SELECT 1 FROM decisions d WHERE d.scenario_name = v.name
                                  AND d.scenario_version = v.version)
                   FROM scenario_versions v WHERE v.name = ? ORDER BY v.version""",
                (key,),
            ).fetchall()
        if not rows:
            raise ScenarioNotFound(t("store.not_found", name=key))
        frame = pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))
        return frame.astype({"version": "int64", "is_decision": "bool"})

    def delete_scenario(self, name: str) -> int:
        """Delete every version of ``name``; return how many.

        A scenario that underlies a recorded decision is kept (``ScenarioError``):
        the decision must always be traceable to its exact choices.
        """
        key = self._lookup_name(name)
        with self._write() as con:
            if not self._exists(con, key):
                raise ScenarioNotFound(t("store.not_found", name=key))
            decided = con.execute(
                "SELECT 1 FROM decisions WHERE scenario_name = ? LIMIT 1", (key,)
            ).fetchone()
            if decided:
                raise ScenarioError(t("store.decided_no_delete", name=key))
            return con.execute("DELETE FROM scenario_versions WHERE name = ?", (key,)).rowcount

    # ---------------------------------------------------------------- decisions

    def mark_decision(self, name: str, decided_by: str, note: str = "",
                      version: int | None = None) -> DecisionRecord:
        """Record that the latest (or given) version of ``name`` is the decision taken."""
        key = self._lookup_name(name)
        who = check_text(decided_by, "decided_by", AUTHOR_MAX, required=True)
        text = check_text(note, "note", NOTE_MAX, multiline=True)
        with self._write() as con:
            if version is None:
                row = con.execute(
                    "SELECT version, data_fingerprint FROM scenario_versions WHERE name = ? "
                    "ORDER BY version DESC LIMIT 1", (key,),
                ).fetchone()
            else:
                row = con.execute(
                    "SELECT version, data_fingerprint FROM scenario_versions "
                    "WHERE name = ? AND version = ?", (key, self._version(name, version)),
                ).fetchone()
            if row is None:
                if version is not None and self._exists(con, key):
                    raise ScenarioNotFound(t("store.version_not_found", name=key, version=version))
                raise ScenarioNotFound(t("store.not_found", name=key))
            decided_at = now_utc()
            cursor = con.execute(
                "INSERT INTO decisions (scenario_name, scenario_version, decided_by, decided_at, "
                "note, data_fingerprint) VALUES (?, ?, ?, ?, ?, ?)",
                (key, row[0], who, decided_at, text, row[1]),
            )
            return DecisionRecord(int(cursor.lastrowid or 0), key, int(row[0]), who, decided_at,
                                  text, str(row[1]))

    def decisions(self) -> list[DecisionRecord]:
        """Every decision record, oldest first."""
        with self._connection() as con:
            rows = con.execute(
                "SELECT id, scenario_name, scenario_version, decided_by, decided_at, note, "
                "data_fingerprint FROM decisions ORDER BY id"
            ).fetchall()
        return [DecisionRecord(*row) for row in rows]

    # ---------------------------------------------------------------- grouping decisions

    def save_grouping_decision(self, decision: Any) -> int:
        """Save an analyst's merge/split/not-same decision (anything with
        ``to_dict()``, normally ``shared_needs.GroupingDecision``); return its id."""
        to_dict = getattr(decision, "to_dict", None)
        if not callable(to_dict):
            raise ValueError(t("store.grouping_invalid", detail=type(decision).__name__))
        data = to_dict()
        if not isinstance(data, dict):
            raise ValueError(t("store.grouping_invalid", detail=type(data).__name__))
        try:
            payload = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        except (TypeError, ValueError) as exc:
            raise ValueError(t("store.grouping_invalid", detail=str(exc)[:200])) from None
        size = len(payload.encode("utf-8"))
        if size > GROUPING_MAX_BYTES:
            raise ValueError(t("store.grouping_too_large", size=size // 1024,
                               limit=GROUPING_MAX_BYTES // 1024))
        kind = safe_text(data.get("kind"), 40)
        created = safe_text(data.get("created"), 40) or now_utc()
        with self._write() as con:
            cursor = con.execute(
                "INSERT INTO grouping_decisions (kind, created, payload) VALUES (?, ?, ?)",
                (kind, created, payload),
            )
            return int(cursor.lastrowid or 0)

    def grouping_decisions(self, raw: bool = False, with_ids: bool = False) -> list[Any]:
        """Saved grouping decisions, oldest first.

        ``raw`` gives the stored ``to_dict()`` dicts instead of
        ``GroupingDecision`` objects; ``with_ids`` gives ``(id, item)`` pairs
        (the id is what ``delete_grouping_decision`` takes).
        """
        with self._connection() as con:
            rows = con.execute("SELECT id, payload FROM grouping_decisions ORDER BY id").fetchall()
        items: list[Any] = [json.loads(payload) for _, payload in rows]
        if not raw:
            from kstad_analysis.shared_needs import GroupingDecision

            items = [GroupingDecision.from_dict(item) for item in items]
        if with_ids:
            return [(int(row[0]), item) for row, item in zip(rows, items, strict=True)]
        return items

    def delete_grouping_decision(self, decision_id: int) -> None:
        """Remove one grouping decision (an analyst undoing a merge/split)."""
        if isinstance(decision_id, bool) or not isinstance(decision_id, int):
            raise GroupingDecisionNotFound(t("store.grouping_not_found", id=safe_text(str(decision_id), 40)))
        with self._write() as con:
            deleted = con.execute("DELETE FROM grouping_decisions WHERE id = ?", (decision_id,)).rowcount
            if not deleted:
                raise GroupingDecisionNotFound(t("store.grouping_not_found", id=decision_id))

    # ---------------------------------------------------------------- helpers

    @staticmethod
    def _lookup_name(name: object) -> str:
        """A name as stored; an impossible name cannot exist, so it is 'not found'."""
        try:
            return clean_name(name)
        except ScenarioError:
            shown = safe_text(name, 120) if isinstance(name, str) else type(name).__name__
            raise ScenarioNotFound(t("store.not_found", name=shown)) from None

    @staticmethod
    def _version(name: object, version: object) -> int:
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise ScenarioNotFound(t("store.version_not_found", name=safe_text(name, 120),
                                     version=safe_text(str(version), 20)))
        return version

    @staticmethod
    def _exists(con: sqlite3.Connection, key: str) -> bool:
        return con.execute(
            "SELECT 1 FROM scenario_versions WHERE name = ? LIMIT 1", (key,)
        ).fetchone() is not None
