"""The store's shared-needs tables: the embedding cache and the analysts' group names.

Why in the store: every Voila kernel and every CLI run is a separate
process, and embedding is the slow step of shared-needs detection; a vector
saved once by any of them is reused by all (keyed by text hash *and* model
id, so a model upgrade re-embeds rather than mixing vector spaces). Group
names are analyst decisions like merges and splits, so they live beside them
and survive re-runs. The tables are created by migration 3 in ``store.py``;
this mixin only reads and writes them (through ``Store``'s write
transactions, so the same WAL/busy-timeout guarantees hold).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from kstad_analysis import access
from kstad_analysis.scenario import AUTHOR_MAX, check_text, now_utc

if TYPE_CHECKING:
    from kstad_analysis.access import User

#: Longest group name an analyst may give.
GROUP_NAME_MAX = 120
#: Host parameters per ``IN (...)`` query (SQLite's default limit is 32,766).
_CHUNK = 900


@dataclass(frozen=True)
class GroupName:
    """An analyst's name for a group, with the members it had when named.

    ``anchor_id`` is the need the group id was derived from; detection keeps
    ``group_id`` for whichever group then holds the anchor (or, if the anchor
    is gone, most of ``member_ids``), so a named group keeps its id.
    """

    group_id: str
    name: str
    anchor_id: str
    member_ids: tuple[str, ...]
    author: str = ""
    saved_at: str = ""


class SharedNeedsStore:
    """Mixin for ``store.Store``: embedding cache and group names."""

    # ------------------------------------------------------------ embeddings

    def cached_embeddings(self, model: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """Vectors saved for ``model`` under the given text hashes (missing ones left out)."""
        wanted = list(dict.fromkeys(hashes))
        out: dict[str, np.ndarray] = {}
        with self._connection() as con:  # type: ignore[attr-defined]
            for start in range(0, len(wanted), _CHUNK):
                part = wanted[start:start + _CHUNK]
                marks = ",".join("?" * len(part))
                rows = con.execute(
                    f"SELECT text_hash, dim, vector FROM embedding_cache "
                    f"WHERE model = ? AND text_hash IN ({marks})", (model, *part)).fetchall()
                for key, dim, blob in rows:
                    vec = np.frombuffer(blob, dtype="<f4")
                    if len(vec) == dim:  # a damaged row is ignored and embedded again
                        out[key] = vec.astype(np.float32)
        return out

    def save_embeddings(self, model: str, vectors: Mapping[str, np.ndarray]) -> int:
        """Save vectors by text hash (existing ones kept: same text, same model,
        same vector); return how many rows were new."""
        rows = [(model, key, int(vec.size), np.ascontiguousarray(vec, dtype="<f4").tobytes())
                for key, vec in vectors.items()]
        if not rows:
            return 0
        with self._write() as con:  # type: ignore[attr-defined]
            before = con.total_changes
            con.executemany("INSERT OR IGNORE INTO embedding_cache (model, text_hash, dim, vector) "
                            "VALUES (?, ?, ?, ?)", rows)
            return con.total_changes - before

    def embedding_count(self, model: str | None = None) -> int:
        """How many vectors are cached (for one model, or all)."""
        with self._connection() as con:  # type: ignore[attr-defined]
            if model is None:
                return int(con.execute("SELECT COUNT(*) FROM embedding_cache").fetchone()[0])
            return int(con.execute("SELECT COUNT(*) FROM embedding_cache WHERE model = ?",
                                   (model,)).fetchone()[0])

    # ------------------------------------------------------------ group names

    def save_group_name(self, group_id: str, name: str, member_ids: Sequence[str],
                        author: str = "", *, user: User | None = None) -> GroupName:
        """Name a group (replacing an earlier name for the same id; analytiker).

        ``member_ids`` are the group's members now; the anchor is the one the
        id was derived from (``G-<anchor>``), else the smallest member id.
        The author recorded is the login (the typed one only without a hub).
        """
        user = access.require(user or access.current_user(), "name_group")
        gid = check_text(group_id, "group_id", 200, required=True)
        text = check_text(name, "group_name", GROUP_NAME_MAX, required=True)
        who = check_text(access.recorded_name(user, check_text(author, "author", AUTHOR_MAX)),
                         "author", AUTHOR_MAX)
        members = tuple(sorted({str(m).strip() for m in member_ids if str(m).strip()}))
        if not members:
            raise ValueError("en namngiven grupp måste ha minst ett behov / a named group needs a member")
        derived = gid[2:] if gid.startswith("G-") else ""
        anchor = derived if derived in members else members[0]
        saved = now_utc()
        with self._write() as con:  # type: ignore[attr-defined]
            con.execute(
                "INSERT INTO group_names (group_id, name, anchor_id, member_ids, author, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (group_id) DO UPDATE SET name = excluded.name, "
                "anchor_id = excluded.anchor_id, member_ids = excluded.member_ids, "
                "author = excluded.author, saved_at = excluded.saved_at",
                (gid, text, anchor, json.dumps(list(members), ensure_ascii=False), who, saved))
            self._audit(con, user, who, "name_group", gid, None,  # type: ignore[attr-defined]
                        {"name": text, "members": list(members)})
        return GroupName(gid, text, anchor, members, who, saved)

    def group_names(self) -> list[GroupName]:
        """Every saved group name in the order first saved (older names win conflicts;
        a rename keeps its place)."""
        with self._connection() as con:  # type: ignore[attr-defined]
            rows = con.execute("SELECT group_id, name, anchor_id, member_ids, author, saved_at "
                               "FROM group_names ORDER BY rowid").fetchall()
        return [GroupName(g, n, a, tuple(_members(m)), au, s) for g, n, a, m, au, s in rows]

    def delete_group_name(self, group_id: str, *, user: User | None = None) -> bool:
        """Forget a group's analyst name (it falls back to the automatic one);
        the audit keeps the name it had."""
        user = access.require(user or access.current_user(), "name_group")
        with self._write() as con:  # type: ignore[attr-defined]
            old = con.execute("SELECT name FROM group_names WHERE group_id = ?",
                              (str(group_id),)).fetchone()
            if old is None:
                return False
            con.execute("DELETE FROM group_names WHERE group_id = ?", (str(group_id),))
            self._audit(con, user, user.name, "unname_group", str(group_id), None,  # type: ignore[attr-defined]
                        {"name": old[0]})
            return True


def _members(raw: str) -> list[str]:
    try:
        value: Any = json.loads(raw)
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


__all__ = ["GROUP_NAME_MAX", "GroupName", "SharedNeedsStore"]
