"""The store's viktningsomgångar: rounds, their participants and the answers.

Why in the store: the facilitator and every participant have their own
browser and so their own Voila kernel; the only place they meet is the
SQLite store, with its WAL, busy timeout and one write transaction per save
(``store.Store``). The tables are created by :func:`migrate_rounds`, listed
in ``store_schema.MIGRATIONS`` as one self-contained step (its number can change
without touching this module).

Access is by secret: a round has a public id and a facilitator token, each
participant a token of their own (``secrets.token_urlsafe``, 144 bits). A
participant's page knows only its own token, and every read or write of an
answer goes through it, so nobody can read or change another's answer
without the facilitator's link. Tokens are compared with
``secrets.compare_digest``. An answer can be revised until the round is
closed; the check and the write happen in one transaction.

Roles (issue 17): opening and closing a round needs *analytiker*
(``access.ACTIONS["weighting_round"]``); answering needs only the personal
link, whatever the holder's role (``answer_round``, which every login has).
The round's author is the login (the typed name only for the local analyst)
and each of the three writes an audit row in its transaction.
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kstad_analysis import access
from kstad_analysis.errors import NotFound, ScenarioError
from kstad_analysis.group_weights import KINDS, Answer, parse_answer
from kstad_analysis.i18n import t
from kstad_analysis.scenario import AUTHOR_MAX, NAME_MAX, check_text, now_utc

if TYPE_CHECKING:
    from kstad_analysis.access import User

#: Most participants in one round, and the longest name.
PARTICIPANTS_MAX = 50
PARTICIPANT_NAME_MAX = 80
#: An answer's JSON is at most this long (7 criteria need about 1 KB).
ANSWER_MAX_BYTES = 16 * 1024
#: What a round id or a token looks like (``token_urlsafe`` output).
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")

ROUNDS_DDL = (
    """CREATE TABLE weight_rounds (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        criteria TEXT NOT NULL,
        facilitator_token TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        closed_at TEXT,
        scenario_name TEXT,
        scenario_version INTEGER
    )""",
    """CREATE TABLE weight_participants (
        round_id TEXT NOT NULL REFERENCES weight_rounds (id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 1),
        name TEXT NOT NULL,
        token TEXT NOT NULL UNIQUE,
        PRIMARY KEY (round_id, position),
        UNIQUE (round_id, name)
    )""",
    """CREATE TABLE weight_answers (
        round_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('rank', 'direct', 'pairwise')),
        payload TEXT NOT NULL,
        revision INTEGER NOT NULL CHECK (revision >= 1),
        saved_at TEXT NOT NULL,
        PRIMARY KEY (round_id, position),
        FOREIGN KEY (round_id, position)
            REFERENCES weight_participants (round_id, position) ON DELETE CASCADE
    )""",
)


def migrate_rounds(con: sqlite3.Connection) -> None:
    """Create the round tables (a store migration; runs inside its transaction)."""
    for statement in ROUNDS_DDL:
        con.execute(statement)


@dataclass(frozen=True)
class Participant:
    position: int
    name: str
    token: str


@dataclass(frozen=True)
class WeightRound:
    """A round as the facilitator sees it (tokens included: keep it off participants' pages)."""

    id: str
    name: str
    criteria: tuple[str, ...]
    facilitator_token: str
    author: str
    created: str
    closed_at: str | None
    scenario_name: str | None
    scenario_version: int | None
    participants: tuple[Participant, ...]

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


@dataclass(frozen=True)
class StoredAnswer:
    position: int
    name: str
    answer: Answer
    revision: int
    saved_at: str


def valid_token(value: object) -> str | None:
    """``value`` if it looks like an id or token, else None (query strings are hostile)."""
    return value if isinstance(value, str) and TOKEN_PATTERN.fullmatch(value) else None


def clean_participants(names: Sequence[object]) -> list[str]:
    """Validated, distinct participant names (case-insensitively), in order."""
    cleaned: list[str] = []
    for raw in names:
        name = check_text(raw, "participant", PARTICIPANT_NAME_MAX, required=True,
                          label=t("viktning.field.participant"))
        if name.casefold() in {c.casefold() for c in cleaned}:
            raise ScenarioError(t("viktning.err.duplicate", name=name))
        if name.casefold() == t("viktning.group.row_group").casefold():  # the group view's row
            raise ScenarioError(t("viktning.err.reserved", name=name))
        cleaned.append(name)
    if not cleaned:
        raise ScenarioError(t("viktning.err.no_participants"))
    if len(cleaned) > PARTICIPANTS_MAX:
        raise ScenarioError(t("viktning.err.too_many", count=len(cleaned), limit=PARTICIPANTS_MAX))
    return cleaned


class WeightRoundsStore:
    """Mixin for ``store.Store``: viktningsomgångar."""

    def create_round(self, name: str, criteria: Sequence[str], participants: Sequence[object],
                     author: str = "", *, user: User | None = None) -> WeightRound:
        """Open a round with fresh tokens for the facilitator and every participant
        (analytiker only; the author recorded is the login)."""
        user = access.require(user or access.current_user(), "weighting_round")
        title = check_text(name, "round", NAME_MAX, required=True, label=t("viktning.field.round"))
        who = check_text(access.recorded_name(user, author), "author", AUTHOR_MAX)
        keys = [str(k) for k in criteria]
        if len(keys) < 2 or len(set(keys)) != len(keys):
            raise ScenarioError(t("viktning.err.criteria"))
        people = clean_participants(participants)
        round_id, facilitator = secrets.token_urlsafe(9), secrets.token_urlsafe(18)
        tokens = [secrets.token_urlsafe(18) for _ in people]
        created = now_utc()
        with self._write() as con:  # type: ignore[attr-defined]
            con.execute(
                "INSERT INTO weight_rounds (id, name, criteria, facilitator_token, author, created) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (round_id, title, json.dumps(keys), facilitator, who, created))
            con.executemany(
                "INSERT INTO weight_participants (round_id, position, name, token) "
                "VALUES (?, ?, ?, ?)",
                [(round_id, k + 1, person, token)
                 for k, (person, token) in enumerate(zip(people, tokens, strict=True))])
            self._audit(con, user, who or user.name, "open_round",  # type: ignore[attr-defined]
                        round_id, None, {"name": title, "criteria": keys, "participants": people})
        return self.weight_round(round_id)

    def weight_round(self, round_id: object) -> WeightRound:
        """The round with this id (``NotFound`` for an unknown or malformed id)."""
        key = valid_token(round_id)
        with self._connection() as con:  # type: ignore[attr-defined]
            row = con.execute(
                "SELECT id, name, criteria, facilitator_token, author, created, closed_at, "
                "scenario_name, scenario_version FROM weight_rounds WHERE id = ?",
                (key or "",)).fetchone()
            people = con.execute(
                "SELECT position, name, token FROM weight_participants WHERE round_id = ? "
                "ORDER BY position", (key or "",)).fetchall()
        if row is None:
            raise NotFound(t("viktning.err.no_round"))
        return WeightRound(row[0], row[1], tuple(json.loads(row[2])), row[3], row[4], row[5],
                           row[6], row[7], row[8], tuple(Participant(*p) for p in people))

    def facilitated_round(self, round_id: object, token: object) -> WeightRound:
        """The round, if ``token`` is its facilitator token (else ``NotFound``, the same
        answer as for an unknown round, so a guess learns nothing)."""
        found = self.weight_round(round_id)
        given = valid_token(token)
        if given is None or not secrets.compare_digest(given, found.facilitator_token):
            raise NotFound(t("viktning.err.no_round"))
        return found

    def participant(self, round_id: object, token: object) -> tuple[WeightRound, Participant]:
        """The round and the participant holding ``token`` (else ``NotFound``)."""
        found = self.weight_round(round_id)
        given = valid_token(token)
        for person in found.participants:
            if given is not None and secrets.compare_digest(given, person.token):
                return found, person
        raise NotFound(t("viktning.err.no_round"))

    def save_answer(self, round_id: object, token: object, kind: str, payload: object, *,
                    user: User | None = None) -> int:
        """Save (or revise) the token holder's answer; return its revision number.

        The link is the permission (any role may answer); the login that
        answered is recorded in the audit beside the participant's name.
        Refused with ``ScenarioError`` once the round is closed, checked under
        the write lock so a save racing the closing cannot slip in.
        """
        user = access.require(user or access.current_user(), "answer_round")
        found, person = self.participant(round_id, token)
        answer = parse_answer(kind, payload, found.criteria)
        text = json.dumps(answer.payload(), ensure_ascii=False, allow_nan=False)
        if len(text.encode("utf-8")) > ANSWER_MAX_BYTES:
            raise ScenarioError(t("viktning.err.too_large", limit=ANSWER_MAX_BYTES // 1024))
        with self._write() as con:  # type: ignore[attr-defined]
            closed = con.execute("SELECT closed_at FROM weight_rounds WHERE id = ?",
                                 (found.id,)).fetchone()[0]
            if closed is not None:
                raise ScenarioError(t("viktning.err.closed"))
            previous = con.execute(
                "SELECT revision FROM weight_answers WHERE round_id = ? AND position = ?",
                (found.id, person.position)).fetchone()
            revision = 1 if previous is None else int(previous[0]) + 1
            con.execute(
                "INSERT INTO weight_answers (round_id, position, kind, payload, revision, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, position) DO UPDATE SET "
                "kind = excluded.kind, payload = excluded.payload, revision = excluded.revision, "
                "saved_at = excluded.saved_at",
                (found.id, person.position, answer.kind, text, revision, now_utc()))
            self._audit(con, user, user.name, "save_answer", found.id,  # type: ignore[attr-defined]
                        revision, {"participant": person.name, "kind": answer.kind})
        return revision

    def own_answer(self, round_id: object, token: object) -> StoredAnswer | None:
        """The token holder's saved answer (None before the first save)."""
        found, person = self.participant(round_id, token)
        return next((a for a in self._answers(found) if a.position == person.position), None)

    def round_answers(self, round_id: object, facilitator_token: object) -> list[StoredAnswer]:
        """Every saved answer of the round, for its facilitator only."""
        return self._answers(self.facilitated_round(round_id, facilitator_token))

    def answers_version(self, round_id: object) -> tuple[int, int]:
        """``(answers, sum of revisions)``: changes whenever anyone saves (cheap poll)."""
        with self._connection() as con:  # type: ignore[attr-defined]
            row = con.execute("SELECT COUNT(*), COALESCE(SUM(revision), 0) FROM weight_answers "
                              "WHERE round_id = ?", (valid_token(round_id) or "",)).fetchone()
        return int(row[0]), int(row[1])

    def close_round(self, round_id: object, facilitator_token: object, scenario_name: str,
                    scenario_version: int, *, user: User | None = None) -> WeightRound:
        """Mark the round closed, naming the scenario its group weights were saved as
        (analytiker only, with the facilitator's token)."""
        user = access.require(user or access.current_user(), "weighting_round")
        found = self.facilitated_round(round_id, facilitator_token)
        with self._write() as con:  # type: ignore[attr-defined]
            updated = con.execute(
                "UPDATE weight_rounds SET closed_at = ?, scenario_name = ?, scenario_version = ? "
                "WHERE id = ? AND closed_at IS NULL",
                (now_utc(), scenario_name, int(scenario_version), found.id)).rowcount
            if not updated:
                raise ScenarioError(t("viktning.err.closed"))
            self._audit(con, user, user.name, "close_round", found.id,  # type: ignore[attr-defined]
                        None, {"scenario": scenario_name, "scenario_version": int(scenario_version)})
        return self.weight_round(found.id)

    def _answers(self, found: WeightRound) -> list[StoredAnswer]:
        names = {p.position: p.name for p in found.participants}
        with self._connection() as con:  # type: ignore[attr-defined]
            rows = con.execute(
                "SELECT position, kind, payload, revision, saved_at FROM weight_answers "
                "WHERE round_id = ? ORDER BY position", (found.id,)).fetchall()
        out = []
        for position, kind, payload, revision, saved_at in rows:
            if kind not in KINDS:
                continue
            answer = parse_answer(kind, json.loads(payload), found.criteria)
            out.append(StoredAnswer(int(position), names[int(position)], answer, int(revision),
                                    saved_at))
        return out


__all__ = [
    "ANSWER_MAX_BYTES", "PARTICIPANTS_MAX", "Participant", "StoredAnswer", "WeightRound",
    "WeightRoundsStore", "clean_participants", "migrate_rounds", "valid_token",
]
