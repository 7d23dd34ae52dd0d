"""What the store does when the disk, the lock or the file fails (defect 3 of issue 17).

Why a module: SQLite reports a full disk, a lock held past the busy
timeout, a damaged file or a read-only directory as ``sqlite3`` errors with
English text, and they escaped the apps' handlers (the page showed nothing,
or the previous green "sparades" stayed). The store turns exactly these into
one :class:`~kstad_analysis.errors.StoreUnavailable` with a Swedish message
naming what to do; anything else (a bug, a trigger refusing to change the
audit log) stays the error it was.

A store in a directory nobody may write to (an archived copy, a read-only
mount) is opened read-only: first ``mode=ro``, which still needs the WAL's
``-shm`` file, then ``immutable=1``, which SQLite allows when nothing can
write the file (so nothing can change under the reader).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from kstad_analysis.errors import StoreUnavailable
from kstad_analysis.i18n import t

#: SQLite's English messages (lower case) → our reason.
_MARKERS: tuple[tuple[str, str], ...] = (
    ("database or disk is full", "full"),
    ("disk i/o error", "io"),
    ("database is locked", "locked"),
    ("database table is locked", "locked"),
    ("file is not a database", "corrupt"),
    ("database disk image is malformed", "corrupt"),
    ("attempt to write a readonly database", "readonly"),
    ("unable to open database file", "readonly"),
)
REASONS = ("full", "io", "locked", "corrupt", "readonly")


def reason(exc: BaseException) -> str | None:
    """Which failure ``exc`` is (``REASONS``), or None for any other error."""
    if not isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError) or isinstance(
            exc, sqlite3.IntegrityError | sqlite3.ProgrammingError):
        return None
    text = str(exc).lower()
    return next((why for marker, why in _MARKERS if marker in text), None)


def unavailable(why: str, path: Path, *, timeout_s: float = 0.0) -> StoreUnavailable:
    """The Swedish error for failure ``why`` of the store at ``path``."""
    return StoreUnavailable(t(f"sec.store.{why}", path=str(path), seconds=f"{timeout_s:g}"), why)


def translate(exc: BaseException, path: Path, *, timeout_s: float = 0.0) -> StoreUnavailable | None:
    """``exc`` as a :class:`StoreUnavailable`, or None if it is not a store failure."""
    why = reason(exc)
    return None if why is None else unavailable(why, path, timeout_s=timeout_s)


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """The SQLite URI opening ``path`` read-only (``immutable`` needs no ``-shm`` file)."""
    return f"file:{quote(str(path.resolve()))}?{'immutable=1' if immutable else 'mode=ro'}"


def open_read_only(path: Path, timeout_s: float) -> sqlite3.Connection:
    """A read-only connection that can read ``path`` even in a read-only directory."""
    if not path.is_file():
        raise unavailable("readonly", path)
    last: sqlite3.Error | None = None
    for immutable in (False, True):
        con = sqlite3.connect(read_only_uri(path, immutable=immutable), uri=True,
                              timeout=timeout_s, isolation_level=None)
        try:
            con.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return con
        except sqlite3.Error as exc:
            con.close()
            last = exc
    assert last is not None
    raise translate(last, path) or unavailable("readonly", path) from last


__all__ = ["REASONS", "open_read_only", "read_only_uri", "reason", "translate", "unavailable"]
