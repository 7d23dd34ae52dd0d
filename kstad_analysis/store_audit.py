"""The store's audit trail and soft deletes: who did what, when, on which version.

Why: decisions taken with kstad are public documents to be archived, and
tens of managers and politicians share one store. So every change of shared
state writes one row to ``audit_log`` *in the same transaction* as the
change (an action that committed is in the log; one that failed is not),
and the log is append-only: SQLite triggers refuse ``UPDATE`` and
``DELETE`` on it and on ``decisions``. Deleting a scenario or a grouping
decision only marks it (``deleted_at``/``deleted_by``); what it was stays
readable for the archive and the audit can always be traced to it.

The migration (:func:`migrate`) is self-contained so that it can be given
whatever schema number the store's ordered list needs; it also writes an
audit row for each decision recorded before the log existed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from kstad_analysis.i18n import t
from kstad_analysis.scenario import now_utc

if TYPE_CHECKING:
    from kstad_analysis.access import User

AUDIT_COLUMNS = ("id", "at", "user", "roles", "action", "target", "version", "detail")
#: What the audit records (``audit.action.*`` texts name them).
AUDIT_ACTIONS = ("save_scenario", "delete_scenario", "mark_decision", "save_grouping",
                 "delete_grouping", "name_group", "unname_group", "server_start", "upload_plans",
                 "reset_plans", "open_round", "save_answer", "close_round")
DETAIL_MAX_BYTES = 16 * 1024

AUDIT_DDL = (
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        roles TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        version INTEGER,
        detail TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX audit_by_target ON audit_log (target, id)",
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
       BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END""",
    """CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
       BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END""",
    "ALTER TABLE scenario_versions ADD COLUMN deleted_at TEXT",
    "ALTER TABLE scenario_versions ADD COLUMN deleted_by TEXT",
    """CREATE TRIGGER scenario_versions_soft_delete BEFORE DELETE ON scenario_versions
       BEGIN SELECT RAISE(ABORT, 'scenario versions are deleted softly'); END""",
    "ALTER TABLE grouping_decisions ADD COLUMN deleted_at TEXT",
    "ALTER TABLE grouping_decisions ADD COLUMN deleted_by TEXT",
    "ALTER TABLE grouping_decisions ADD COLUMN saved_by TEXT NOT NULL DEFAULT ''",
    """CREATE TRIGGER grouping_decisions_soft_delete BEFORE DELETE ON grouping_decisions
       BEGIN SELECT RAISE(ABORT, 'grouping decisions are deleted softly'); END""",
)


def migrate(con: sqlite3.Connection) -> None:
    """Add the audit log and the soft-delete columns; log earlier decisions."""
    for statement in AUDIT_DDL:
        con.execute(statement)
    rows = con.execute("SELECT scenario_name, scenario_version, decided_by, decided_at, note "
                       "FROM decisions ORDER BY id").fetchall()
    for name, version, who, at, note in rows:
        con.execute(
            "INSERT INTO audit_log (at, user, roles, action, target, version, detail) "
            "VALUES (?, ?, '', 'mark_decision', ?, ?, ?)",
            (at, who, name, version, _detail({"note": note, "source": "migration"})))


def _detail(values: Mapping[str, Any] | None) -> str:
    text = json.dumps(dict(values or {}), ensure_ascii=False, default=str, sort_keys=True)
    if len(text.encode("utf-8")) > DETAIL_MAX_BYTES:  # a detail never makes an action fail
        text = json.dumps({"truncated": True}, ensure_ascii=False)
    return text


def roles_text(user: User | None) -> str:
    return ",".join(sorted(user.roles)) if user is not None else ""


class AuditStore:
    """Mixin for ``store.Store``: write and read the audit log."""

    @staticmethod
    def _audit(con: sqlite3.Connection, user: User | None, who: str, action: str, target: str,
               version: int | None = None, detail: Mapping[str, Any] | None = None) -> None:
        """One audit row, inside the caller's write transaction."""
        if action not in AUDIT_ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        con.execute(
            "INSERT INTO audit_log (at, user, roles, action, target, version, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (now_utc(), who, roles_text(user), action, str(target), version, _detail(detail)))

    def record_event(self, user: User, action: str, target: str = "",
                     detail: Mapping[str, Any] | None = None) -> None:
        """Log an event that changes nothing in the store (e.g. a hub login)."""
        with self._write() as con:  # type: ignore[attr-defined]
            self._audit(con, user, user.name, action, target, None, detail)

    def audit_log(self, *, target: str | None = None, since_id: int = 0,
                  limit: int | None = None) -> pd.DataFrame:
        """The audit rows (oldest first), optionally for one target, after
        ``since_id``, at most ``limit``. Columns ``AUDIT_COLUMNS``; ``detail`` is JSON text."""
        sql = f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit_log WHERE id > ?"
        params: list[object] = [int(since_id)]
        if target is not None:
            sql += " AND target = ?"
            params.append(str(target))
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        with self._connection() as con:  # type: ignore[attr-defined]
            rows = con.execute(sql, params).fetchall()
        frame = pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
        frame["version"] = frame["version"].astype("Int64")
        return frame.astype({"id": "int64"})

    def audit_table(self, **filters: Any) -> pd.DataFrame:
        """The audit log for people: Swedish headers and action names (for the
        audit page and the export; decisions are public documents)."""
        frame = self.audit_log(**filters)
        shown = frame.copy()
        shown["action"] = [t(f"audit.action.{a}") if a in AUDIT_ACTIONS else a for a in frame["action"]]
        from kstad_analysis.access import ROLES

        shown["roles"] = [", ".join(t(f"access.role.{r}") for r in ROLES if r in str(v).split(","))
                          for v in frame["roles"]]
        return shown.rename(columns={c: t(f"audit.column.{c}") for c in AUDIT_COLUMNS})

    def export_audit(self, out: str | Path, fmt: str = "table", *, user: User | None = None) -> Path:
        """Write the audit log to ``out`` (format from the suffix: .xlsx, .csv, .json)
        through ``export.write_table``, so formula-like names stay inert."""
        from kstad_analysis import access, export

        access.require(user or access.current_user(), "export_audit")
        path = Path(out)
        export.write_table(self.audit_table(), fmt, path, sheet=t("audit.sheet")[:31])
        return path


__all__ = ["AUDIT_ACTIONS", "AUDIT_COLUMNS", "AuditStore", "migrate"]
