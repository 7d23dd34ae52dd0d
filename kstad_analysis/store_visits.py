"""The store's visit tables: what one visitor uploaded and which scenario they opened.

Why in the store: every app is its own Voila kernel (its own process), yet a
visit is one flow — an analyst uploads plans in Prioritering and expects
Budget and Effekthemtagning to show the same plans, and the scenario opened
in one app to be the one the next app starts from. So the uploaded files
(already validated by the app) and the current scenario's name are kept per
visit id, which travels in the apps' links (``?besok=``). The ids are random
and unguessable (``secrets.token_urlsafe``); anything else is refused. The
tables are created by migration 5 in ``store_schema.py``; this mixin only reads and
writes them through ``Store``'s write transactions.

Visits are kept for a while, not for ever (uploaded plans are the
departments' data): a visit not written for ``[besok] glom_efter_dagar`` days
(``data/config/apps.toml``, default 30) is deleted with its files by
:func:`sweep_old_visits`, which the server runs at start and once a day.
The plans an analyst uploaded for everyone (``SHARED_VISIT``) are never swept.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kstad_analysis import config
from kstad_analysis.scenario import NAME_MAX, now_utc

if TYPE_CHECKING:
    from kstad_analysis.access import User

#: What a visit id looks like (``secrets.token_urlsafe(18)`` gives 24 characters).
VISIT_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
#: The pseudo-visit holding plans an analyst uploaded for everyone (issue 17):
#: every visit without its own data shows them instead of the sample. Not a
#: token the apps hand out (those are random), and only written through
#: ``save_shared_plans`` / ``reset_shared_plans``, which need analytiker.
SHARED_VISIT = "kstad-planer-for-alla"
#: Most files and bytes one visit may keep (the apps' own upload limits are lower).
VISIT_FILES_MAX = 60
VISIT_BYTES_MAX = 200 * 1024 * 1024
FILE_NAME_MAX = 120
#: Days a visit is kept after its last write when ``apps.toml`` does not say.
VISIT_MAX_AGE_DAYS = 30.0

V4_DDL = (
    """CREATE TABLE visits (
        visit_id TEXT PRIMARY KEY,
        with_sample INTEGER NOT NULL DEFAULT 1,
        scenario_name TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE visit_files (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        visit_id TEXT NOT NULL REFERENCES visits (visit_id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        content BLOB NOT NULL,
        added_at TEXT NOT NULL
    )""",
    "CREATE INDEX visit_files_by_visit ON visit_files (visit_id, id)",
)


@dataclass(frozen=True)
class VisitState:
    """One visit: its own files (name, bytes) in upload order, whether the
    bundled sample (or ``kstad app --data``) is kept beside them, and the
    name of the scenario last opened or saved ('' for none)."""

    visit_id: str
    with_sample: bool = True
    files: tuple[tuple[str, bytes], ...] = ()
    scenario_name: str = ""

    @property
    def own_data(self) -> bool:
        return bool(self.files) or not self.with_sample


def check_visit_id(visit_id: object) -> str:
    """The id if it looks like one we hand out, else ``ValueError``."""
    if not isinstance(visit_id, str) or not VISIT_ID.match(visit_id):
        raise ValueError("ogiltigt besöks-id / invalid visit id")
    return visit_id


class VisitStore:
    """Mixin for ``store.Store``: per-visit uploads and current scenario."""

    def visit(self, visit_id: str) -> VisitState:
        """The visit's state (a visit never seen is the default: the sample, no scenario)."""
        key = check_visit_id(visit_id)
        with self._connection() as con:  # type: ignore[attr-defined]
            row = con.execute("SELECT with_sample, scenario_name FROM visits WHERE visit_id = ?",
                              (key,)).fetchone()
            files = con.execute("SELECT name, content FROM visit_files WHERE visit_id = ? "
                                "ORDER BY id", (key,)).fetchall()
        if row is None:
            return VisitState(key)
        return VisitState(key, bool(row[0]), tuple((str(n), bytes(c)) for n, c in files),
                          str(row[1]))

    def save_visit_files(self, visit_id: str, files: Sequence[tuple[str, bytes]], *,
                         replace: bool) -> VisitState:
        """Keep ``files`` for the visit: added to what it has, or replacing
        everything (the sample too). The caller has validated the plans."""
        key = check_visit_id(visit_id)
        items = [(str(n)[:FILE_NAME_MAX], bytes(c)) for n, c in files]
        with self._write() as con:  # type: ignore[attr-defined]
            self._ensure_visit(con, key)
            if replace:
                con.execute("DELETE FROM visit_files WHERE visit_id = ?", (key,))
                con.execute("UPDATE visits SET with_sample = 0 WHERE visit_id = ?", (key,))
            count, size = con.execute("SELECT COUNT(*), COALESCE(SUM(LENGTH(content)), 0) FROM "
                                      "visit_files WHERE visit_id = ?", (key,)).fetchone()
            if count + len(items) > VISIT_FILES_MAX or \
                    size + sum(len(c) for _, c in items) > VISIT_BYTES_MAX:
                raise ValueError("för många eller för stora filer för ett besök / "
                                 "too many or too large files for one visit")
            added = now_utc()
            con.executemany("INSERT INTO visit_files (visit_id, name, content, added_at) "
                            "VALUES (?, ?, ?, ?)", [(key, n, c, added) for n, c in items])
            con.execute("UPDATE visits SET updated_at = ? WHERE visit_id = ?", (added, key))
        return self.visit(key)

    def shared_plans(self) -> VisitState:
        """The plans uploaded for everyone (a state without files when there are none)."""
        return self.visit(SHARED_VISIT)

    def save_shared_plans(self, files: Sequence[tuple[str, bytes]], *, user: User | None = None,
                          replace: bool = True) -> VisitState:
        """Keep validated ``files`` as the plans for every visitor (analytiker; audited)."""
        from kstad_analysis import access

        user = access.require(user or access.current_user(), "upload_plans")
        state = self.save_visit_files(SHARED_VISIT, files, replace=replace)
        self.record_event(user, "upload_plans", SHARED_VISIT,  # type: ignore[attr-defined]
                          {"files": [n for n, _ in files], "bytes": sum(len(c) for _, c in files),
                           "replace": replace})
        return state

    def reset_shared_plans(self, *, user: User | None = None) -> VisitState:
        """Everyone back to the base plans (analytiker; audited)."""
        from kstad_analysis import access

        user = access.require(user or access.current_user(), "upload_plans")
        state = self.reset_visit_data(SHARED_VISIT)
        self.record_event(user, "reset_plans", SHARED_VISIT)  # type: ignore[attr-defined]
        return state

    def reset_visit_data(self, visit_id: str) -> VisitState:
        """Back to the sample: the visit's files are forgotten (its scenario stays)."""
        key = check_visit_id(visit_id)
        with self._write() as con:  # type: ignore[attr-defined]
            self._ensure_visit(con, key)
            con.execute("DELETE FROM visit_files WHERE visit_id = ?", (key,))
            con.execute("UPDATE visits SET with_sample = 1, updated_at = ? WHERE visit_id = ?",
                        (now_utc(), key))
        return self.visit(key)

    def set_visit_scenario(self, visit_id: str, name: str) -> None:
        """Remember the scenario the visitor opened or saved last ('' for none)."""
        key = check_visit_id(visit_id)
        text = name if isinstance(name, str) else ""
        with self._write() as con:  # type: ignore[attr-defined]
            self._ensure_visit(con, key)
            con.execute("UPDATE visits SET scenario_name = ?, updated_at = ? WHERE visit_id = ?",
                        (text[:NAME_MAX], now_utc(), key))

    def forget_visits(self, before: str) -> int:
        """Delete visits (and their files) last written before the ISO time
        ``before``; how many went. The plans for everyone are kept."""
        with self._write() as con:  # type: ignore[attr-defined]
            return con.execute("DELETE FROM visits WHERE updated_at < ? AND visit_id != ?",
                               (str(before), SHARED_VISIT)).rowcount

    def forget_old_visits(self, days: float, *, now: datetime | None = None) -> int:
        """Delete visits not written for ``days`` days (``forget_visits``)."""
        moment = (now or datetime.now(UTC)).astimezone(UTC)
        return self.forget_visits((moment - timedelta(days=float(days))).isoformat(timespec="seconds"))

    @staticmethod
    def _ensure_visit(con: object, key: str) -> None:
        con.execute("INSERT OR IGNORE INTO visits (visit_id, updated_at) VALUES (?, ?)",  # type: ignore[attr-defined]
                    (key, now_utc()))


def visit_max_age_days(policy: Mapping[str, Any] | None = None) -> float:
    """``[besok] glom_efter_dagar`` of ``apps.toml`` (a positive number of days;
    anything else is the default, so a typo never deletes every visit)."""
    raw = (policy if policy is not None else config.load("apps")).get("besok", {})
    value = raw.get("glom_efter_dagar", VISIT_MAX_AGE_DAYS) if isinstance(raw, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or value <= 0:
        return VISIT_MAX_AGE_DAYS
    return float(value)


def sweep_old_visits(directory: Path | str | None = None, *, days: float | None = None,
                     now: datetime | None = None) -> int:
    """Forget the visits in the store at ``directory`` (default: the
    configured one) older than ``days`` (default: :func:`visit_max_age_days`);
    how many went. A store that does not exist yet is not created."""
    from kstad_analysis import paths
    from kstad_analysis.store import DB_NAME, Store

    folder = Path(directory) if directory is not None else paths.store_dir()
    if not (folder / DB_NAME).is_file():
        return 0
    with Store(folder) as store:
        if store.read_only:
            return 0
        return store.forget_old_visits(visit_max_age_days() if days is None else days, now=now)


__all__ = [
    "SHARED_VISIT", "VISIT_ID", "VISIT_MAX_AGE_DAYS", "VisitState", "VisitStore", "check_visit_id",
    "sweep_old_visits", "visit_max_age_days",
]
