"""The store's grouping decisions: analysts' merges, splits and "not the same need".

Why a mixin of its own: ``store.Store`` holds scenarios and decision
records; grouping decisions are a separate kind of analyst work with their
own role (analytiker) and soft delete, written through ``Store``'s write
transactions with an audit row each (``store_audit``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from kstad_analysis import access
from kstad_analysis.errors import GroupingDecisionNotFound
from kstad_analysis.guards import safe_text
from kstad_analysis.i18n import t
from kstad_analysis.scenario import now_utc

if TYPE_CHECKING:
    from kstad_analysis.access import User

GROUPING_MAX_BYTES = 1024 * 1024


class GroupingStore:
    """Mixin for ``store.Store``: save, list and (softly) delete grouping decisions."""

    def save_grouping_decision(self, decision: Any, *, user: User | None = None) -> int:
        """Save an analyst's merge/split/not-same decision (anything with
        ``to_dict()``, normally ``shared_needs.GroupingDecision``); return its id.
        Needs analytiker; the author recorded is the login."""
        user = access.require(user or access.current_user(), "save_grouping")
        to_dict = getattr(decision, "to_dict", None)
        if not callable(to_dict):
            raise ValueError(t("store.grouping_invalid", detail=type(decision).__name__))
        data = to_dict()
        if not isinstance(data, dict):
            raise ValueError(t("store.grouping_invalid", detail=type(data).__name__))
        who = access.recorded_name(user, data.get("author"))
        if not user.local:
            data = {**data, "author": who}
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
        with self._write() as con:  # type: ignore[attr-defined]
            cursor = con.execute(
                "INSERT INTO grouping_decisions (kind, created, payload, saved_by) VALUES (?, ?, ?, ?)",
                (kind, created, payload, who),
            )
            new_id = int(cursor.lastrowid or 0)
            self._audit(  # type: ignore[attr-defined]
                con, user, who, "save_grouping", str(new_id), None,
                        {"kind": kind, "ids": data.get("ids")})
            return new_id

    def grouping_decisions(self, raw: bool = False, with_ids: bool = False) -> list[Any]:
        """Saved grouping decisions, oldest first.

        ``raw`` gives the stored ``to_dict()`` dicts instead of
        ``GroupingDecision`` objects; ``with_ids`` gives ``(id, item)`` pairs
        (the id is what ``delete_grouping_decision`` takes).
        """
        with self._connection() as con:  # type: ignore[attr-defined]
            rows = con.execute("SELECT id, payload FROM grouping_decisions "
                               "WHERE deleted_at IS NULL ORDER BY id").fetchall()
        items: list[Any] = [json.loads(payload) for _, payload in rows]
        if not raw:
            from kstad_analysis.shared_needs import GroupingDecision

            items = [GroupingDecision.from_dict(item) for item in items]
        if with_ids:
            return [(int(row[0]), item) for row, item in zip(rows, items, strict=True)]
        return items

    def delete_grouping_decision(self, decision_id: int, *, user: User | None = None) -> None:
        """Remove one grouping decision (an analyst undoing a merge/split; soft)."""
        user = access.require(user or access.current_user(), "delete_grouping")
        if isinstance(decision_id, bool) or not isinstance(decision_id, int):
            raise GroupingDecisionNotFound(t("store.grouping_not_found", id=safe_text(str(decision_id), 40)))
        with self._write() as con:  # type: ignore[attr-defined]
            deleted = con.execute(
                "UPDATE grouping_decisions SET deleted_at = ?, deleted_by = ? "
                "WHERE id = ? AND deleted_at IS NULL", (now_utc(), user.name, decision_id)).rowcount
            if not deleted:
                raise GroupingDecisionNotFound(t("store.grouping_not_found", id=decision_id))
            self._audit(  # type: ignore[attr-defined]
                con, user, user.name, "delete_grouping", str(decision_id))



__all__ = ["GROUPING_MAX_BYTES", "GroupingStore"]
