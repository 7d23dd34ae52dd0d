"""The store's scenarios (with their history) and decision records.

Why together: a decision record names one exact scenario version, so
deleting a scenario checks its decisions and marking a decision checks the
version the decider has open; both need the same name and version lookups.
A mixin for ``store.Store``, writing through ``StoreBase``'s transactions
with an audit row each (``store_audit``).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from kstad_analysis import access
from kstad_analysis.access import User
from kstad_analysis.errors import ScenarioNotFound, StaleScenario
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


class ScenarioStore:
    """Mixin for ``store.Store``: save, load, list and (softly) delete scenarios;
    mark and list decisions."""

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
        with self._write() as con:  # type: ignore[attr-defined]
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
            self._audit(  # type: ignore[attr-defined]
                con, user, author, "save_scenario", scenario.name, version,
                {"data_fingerprint": scenario.data_fingerprint})
        return version

    def load_scenario(self, name: str, version: int | None = None) -> Scenario:
        """The latest (or the given) version of the scenario called ``name``."""
        return self.load_with_version(name, version)[0]

    def load_with_version(self, name: str, version: int | None = None) -> tuple[Scenario, int]:
        """As ``load_scenario``, with the version loaded: what *Markera som
        beslut* must pass back as ``loaded_version``."""
        key = self._lookup_name(name)
        with self._connection() as con:  # type: ignore[attr-defined]
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
        with self._connection() as con:  # type: ignore[attr-defined]
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
        with self._connection() as con:  # type: ignore[attr-defined]
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
        with self._write() as con:  # type: ignore[attr-defined]
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
            self._audit(  # type: ignore[attr-defined]
                con, user, user.name, "delete_scenario", key, None, {"versions": count})
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
        with self._write() as con:  # type: ignore[attr-defined]
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
            self._audit(  # type: ignore[attr-defined]
                con, user, who, "mark_decision", key, int(row[0]),
                {"note": text, "data_fingerprint": row[1], "loaded_version": loaded_version})
            return DecisionRecord(int(cursor.lastrowid or 0), key, int(row[0]), who, decided_at,
                                  text, str(row[1]))

    def decisions(self) -> list[DecisionRecord]:
        """Every decision record, oldest first."""
        with self._connection() as con:  # type: ignore[attr-defined]
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


__all__ = ["HISTORY_COLUMNS", "SCENARIO_COLUMNS", "DecisionRecord", "ScenarioStore"]
