"""The store's schema: the tables of versions 1–3 and the ordered migrations.

Why a module of its own: the list of migrations is the store's history (a
store written by any earlier kstad is upgraded in place by running the
missing steps in order, in one transaction; ``store_base.StoreBase._migrate``).
Later steps live beside the code that uses their tables (``store_rounds``,
``store_visits``, ``store_audit``), each self-contained, and are only
numbered here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from kstad_analysis import store_audit
from kstad_analysis.store_rounds import migrate_rounds
from kstad_analysis.store_visits import V4_DDL

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


__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "V1_DDL", "V2_DDL", "V3_DDL"]
