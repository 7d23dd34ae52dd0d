"""The store's connection, transactions, schema checks and migrations (``StoreBase``).

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

What the other store modules build on: ``_connection()`` (this thread's
connection, store errors translated) and ``_write()`` (one ``BEGIN IMMEDIATE``
transaction); the mixins in ``store_scenarios``, ``store_grouping``,
``store_shared``, ``store_audit``, ``store_rounds`` and ``store_visits``
read and write through them, and ``store.Store`` puts them together.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kstad_analysis import paths, store_safety
from kstad_analysis.errors import StoreError, StoreUnavailable
from kstad_analysis.i18n import t
from kstad_analysis.store_schema import MIGRATIONS, SCHEMA_VERSION

DB_NAME = "kstad.sqlite"
BUSY_TIMEOUT_MS = 15_000

#: Connections a forked child inherited from its parent: kept referenced so
#: they are never closed (or used) in the child.
_INHERITED: list[sqlite3.Connection] = []


class StoreBase:
    """Opening ``<directory>/kstad.sqlite``: WAL, busy timeout, migrations,
    read-only fallback, one connection per thread (see the module docstring)."""

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

    def __enter__(self) -> StoreBase:
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


__all__ = ["BUSY_TIMEOUT_MS", "DB_NAME", "StoreBase"]
