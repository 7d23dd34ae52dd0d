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
  upgraded in place, and a store from a newer kstad is refused, not damaged;
* a full disk, a lock held past the timeout, a damaged file or a write to a
  read-only store raise one ``StoreUnavailable`` with a Swedish message, and a
  store in a read-only directory opens read-only (``store_safety``).
"""

from __future__ import annotations

import dataclasses
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

from kstad_analysis import access, paths, store_audit, store_safety
from kstad_analysis.access import User
from kstad_analysis.errors import GroupingDecisionNotFound as GroupingDecisionNotFound  # re-exported
from kstad_analysis.errors import NotFound as NotFound  # re-exported: ui imports it from here
from kstad_analysis.errors import (
    ScenarioNotFound,
    StaleScenario,
    StoreError,
    StoreUnavailable,
)
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
from kstad_analysis.store_audit import AuditStore
from kstad_analysis.store_grouping import GROUPING_MAX_BYTES as GROUPING_MAX_BYTES
from kstad_analysis.store_grouping import GroupingStore
from kstad_analysis.store_rounds import WeightRoundsStore, migrate_rounds
from kstad_analysis.store_shared import SharedNeedsStore
from kstad_analysis.store_visits import V4_DDL, VisitStore

DB_NAME = "kstad.sqlite"
BUSY_TIMEOUT_MS = 15_000

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
    (6, "audit log, append-only decisions, soft deletes", store_audit.migrate),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


# --------------------------------------------------------------------------- store


class Store(GroupingStore, SharedNeedsStore, AuditStore, WeightRoundsStore, VisitStore):
    """Scenarios, decisions and grouping decisions in ``<directory>/kstad.sqlite``
    (grouping decisions: ``store_grouping.GroupingStore``; embedding cache and
    group names: ``store_shared.SharedNeedsStore``; the audit log:
    ``store_audit.AuditStore``; viktningsomgångar: ``store_rounds.WeightRoundsStore``;
    uploads and current scenario per visit: ``store_visits.VisitStore``).

    Every change takes ``user`` (an ``access.User`` from the login; default
    ``access.current_user()``, which is the hub login inside a hub kernel),
    checks it with ``access.require``, records the login name (never a typed
    one, except for the local analyst without a hub) and writes an audit row
    in the same transaction. Deletes are soft.

    Each thread keeps one connection; create one ``Store`` per kernel and
    reuse it (creating one per callback also works, at ~0.3 ms each).
    Opening an up-to-date store only reads its schema version.
    """

    def __init__(self, directory: Path | str | None = None, *,
                 busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.directory = Path(directory) if directory is not None else paths.store_dir()
        self.path = self.directory / DB_NAME
        self.busy_timeout_ms = int(busy_timeout_ms)
        #: True when the store could only be opened for reading (read-only directory or file).
        self.read_only = False
        self._local = threading.local()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise store_safety.unavailable("readonly", self.path) from exc
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
        if self.read_only:
            return store_safety.open_read_only(self.path, self.busy_timeout_ms / 1000)
        con = sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000, isolation_level=None)
        con.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms:d}")
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
        try:
            if con is None:
                con = self._open()
                local.con, local.pid = con, os.getpid()
            yield con
        except sqlite3.Error as exc:  # full disk, lock timeout, damaged file → Swedish message
            failure = store_safety.translate(exc, self.path, timeout_s=self.busy_timeout_ms / 1000)
            if failure is None:
                raise
            raise failure from exc

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the write lock from its first statement."""
        if self.read_only:
            raise store_safety.unavailable("readonly", self.path)
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
        try:
            with self._connection() as con:
                found = int(con.execute("PRAGMA user_version").fetchone()[0])
                self._check_not_newer(found)  # before anything, even the journal mode, is changed
                mode = self._enable_wal(con)
        except StoreUnavailable as exc:
            if exc.reason != "readonly" or not self.path.is_file():
                raise
            return self._initialise_read_only()
        if found < SCHEMA_VERSION:
            with self._write() as con:
                self._migrate(con)
        return mode

    def _initialise_read_only(self) -> str:
        """Open a store nobody may write here for reading (an archive copy, a read-only mount)."""
        self.close()
        self.read_only = True
        with self._connection() as con:
            found = int(con.execute("PRAGMA user_version").fetchone()[0])
        self._check_not_newer(found)
        if found < SCHEMA_VERSION:
            raise StoreUnavailable(t("sec.store.readonly_old", path=str(self.path), found=found,
                                     known=SCHEMA_VERSION), "readonly")
        return "read-only"

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

    def save_scenario(self, scenario: Scenario, *, user: User | None = None) -> int:
        """Save ``scenario`` as the next version under its name; return that version.

        The author recorded is the login; a new version of a scenario someone
        else created needs the analytiker role.
        """
        if not isinstance(scenario, Scenario):
            raise ScenarioError(t("store.err.not_scenario"))
        user = access.require(user or access.current_user(), "save_scenario")
        author = access.recorded_name(user, scenario.author)
        if author != scenario.author:
            scenario = dataclasses.replace(scenario, author=author)
        payload = scenario.to_json()
        with self._write() as con:
            latest = con.execute(
                "SELECT COALESCE(MAX(version), 0) FROM scenario_versions WHERE name = ?",
                (scenario.name,),
            ).fetchone()[0]
            owner = self._owner(con, scenario.name)
            if owner is not None and owner != author:
                access.require(user, "save_scenario_any")
            version = int(latest) + 1
            con.execute(
                "INSERT INTO scenario_versions (name, version, author, created, saved_at, "
                "data_fingerprint, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (scenario.name, version, scenario.author, scenario.created, now_utc(),
                 scenario.data_fingerprint, payload),
            )
            self._audit(con, user, author, "save_scenario", scenario.name, version,
                        {"data_fingerprint": scenario.data_fingerprint})
        return version

    def load_scenario(self, name: str, version: int | None = None) -> Scenario:
        """The latest (or the given) version of the scenario called ``name``."""
        return self.load_with_version(name, version)[0]

    def load_with_version(self, name: str, version: int | None = None) -> tuple[Scenario, int]:
        """As ``load_scenario``, with the version loaded: what *Markera som
        beslut* must pass back as ``loaded_version``."""
        key = self._lookup_name(name)
        with self._connection() as con:
            if version is None:
                row = con.execute(
                    "SELECT payload, version FROM scenario_versions WHERE name = ? "
                    "AND deleted_at IS NULL ORDER BY version DESC LIMIT 1", (key,),
                ).fetchone()
            else:
                row = con.execute(
                    "SELECT payload, version FROM scenario_versions WHERE name = ? AND version = ? "
                    "AND deleted_at IS NULL", (key, self._version(name, version)),
                ).fetchone()
                if row is None and self._exists(con, key):
                    raise ScenarioNotFound(t("store.version_not_found", name=key, version=version))
        if row is None:
            raise ScenarioNotFound(t("store.not_found", name=key))
        return Scenario.from_json(row[0]), int(row[1])

    def list_scenarios(self) -> pd.DataFrame:
        """One row per scenario name (its latest version), ordered by name."""
        with self._connection() as con:
            rows = con.execute(
                """SELECT v.name, v.author, v.created, v.version,
                          (SELECT COUNT(*) FROM scenario_versions c WHERE c.name = v.name
                           AND c.deleted_at IS NULL),
                          v.saved_at, v.data_fingerprint,
                          EXISTS (SELECT 1 FROM decisions d WHERE d.scenario_name = v.name)
                   FROM scenario_versions v
                   WHERE v.deleted_at IS NULL
                     AND v.version = (SELECT MAX(m.version) FROM scenario_versions m
                                      WHERE m.name = v.name AND m.deleted_at IS NULL)
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
                   FROM scenario_versions v WHERE v.name = ? AND v.deleted_at IS NULL
                   ORDER BY v.version""",
                (key,),
            ).fetchall()
        if not rows:
            raise ScenarioNotFound(t("store.not_found", name=key))
        frame = pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))
        return frame.astype({"version": "int64", "is_decision": "bool"})

    def delete_scenario(self, name: str, *, user: User | None = None) -> int:
        """Delete every version of ``name`` (softly: marked, kept for the
        archive); return how many. Someone else's scenario needs analytiker.

        A scenario that underlies a recorded decision is kept (``ScenarioError``):
        the decision must always be traceable to its exact choices.
        """
        key = self._lookup_name(name)
        user = access.require(user or access.current_user(), "delete_scenario")
        with self._write() as con:
            if not self._exists(con, key):
                raise ScenarioNotFound(t("store.not_found", name=key))
            decided = con.execute(
                "SELECT 1 FROM decisions WHERE scenario_name = ? LIMIT 1", (key,)
            ).fetchone()
            if decided:
                raise ScenarioError(t("store.decided_no_delete", name=key))
            if self._owner(con, key) != user.name:
                access.require(user, "delete_scenario_any")
            count = con.execute(
                "UPDATE scenario_versions SET deleted_at = ?, deleted_by = ? "
                "WHERE name = ? AND deleted_at IS NULL", (now_utc(), user.name, key)).rowcount
            self._audit(con, user, user.name, "delete_scenario", key, None, {"versions": count})
            return count

    # ---------------------------------------------------------------- decisions

    def mark_decision(self, name: str, decided_by: str | None = None, note: str = "",
                      version: int | None = None, *, user: User | None = None,
                      loaded_version: int | None = None) -> DecisionRecord:
        """Record that a version of ``name`` is the decision taken (beslutsfattare only).

        ``loaded_version``: the version the decider has open; it is the one
        recorded, and if the scenario changed since (a newer version was
        saved, or it was deleted) the call is refused (``StaleScenario``), so
        nobody decides on choices they have not seen. Without it, ``version``
        (or else the latest) is recorded. ``decided_by`` is only used by the
        local analyst without a hub; otherwise the login is recorded.
        """
        key = self._lookup_name(name)
        user = access.require(user or access.current_user(), "mark_decision")
        typed = "" if decided_by is None else check_text(decided_by, "decided_by", AUTHOR_MAX,
                                                          required=True)
        who = check_text(access.recorded_name(user, typed, required=True), "decided_by", AUTHOR_MAX,
                         required=True)
        text = check_text(note, "note", NOTE_MAX, multiline=True)
        if loaded_version is not None:
            version = self._version(name, loaded_version)
        with self._write() as con:
            latest = con.execute("SELECT MAX(version) FROM scenario_versions WHERE name = ? "
                                 "AND deleted_at IS NULL", (key,)).fetchone()[0]
            if loaded_version is not None and latest != loaded_version:
                raise StaleScenario(t("audit.stale_deleted", name=key) if latest is None else
                                    t("audit.stale", name=key, loaded=loaded_version, latest=latest))
            row = con.execute(
                "SELECT version, data_fingerprint FROM scenario_versions "
                "WHERE name = ? AND version = ? AND deleted_at IS NULL",
                (key, latest if version is None else self._version(name, version)),
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
            self._audit(con, user, who, "mark_decision", key, int(row[0]),
                        {"note": text, "data_fingerprint": row[1],
                         "loaded_version": loaded_version})
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
            "SELECT 1 FROM scenario_versions WHERE name = ? AND deleted_at IS NULL LIMIT 1", (key,)
        ).fetchone() is not None

    @staticmethod
    def _owner(con: sqlite3.Connection, key: str) -> str | None:
        """Who created the scenario (author of its first kept version), None if none."""
        row = con.execute("SELECT author FROM scenario_versions WHERE name = ? AND deleted_at IS NULL "
                          "ORDER BY version LIMIT 1", (key,)).fetchone()
        return None if row is None else str(row[0])
