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

The store is put together from one module per job: ``store_base`` (the
connection, transactions, schema checks), ``store_schema`` (tables and
migrations), ``store_scenarios`` (scenarios and decision records),
``store_grouping``, ``store_shared``, ``store_audit``, ``store_rounds`` and
``store_visits``. Every name other code imports from here stays here.
"""

from __future__ import annotations

from kstad_analysis.errors import GroupingDecisionNotFound as GroupingDecisionNotFound  # re-exported
from kstad_analysis.errors import NotFound as NotFound  # re-exported: ui imports it from here
from kstad_analysis.errors import ScenarioNotFound as ScenarioNotFound
from kstad_analysis.errors import StaleScenario as StaleScenario
from kstad_analysis.errors import StoreError as StoreError
from kstad_analysis.errors import StoreUnavailable as StoreUnavailable
from kstad_analysis.scenario import Scenario as Scenario
from kstad_analysis.scenario import ScenarioError as ScenarioError
from kstad_analysis.store_audit import AuditStore
from kstad_analysis.store_base import _INHERITED as _INHERITED
from kstad_analysis.store_base import BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS
from kstad_analysis.store_base import DB_NAME as DB_NAME
from kstad_analysis.store_base import StoreBase
from kstad_analysis.store_grouping import GROUPING_MAX_BYTES as GROUPING_MAX_BYTES
from kstad_analysis.store_grouping import GroupingStore
from kstad_analysis.store_rounds import WeightRoundsStore
from kstad_analysis.store_scenarios import HISTORY_COLUMNS as HISTORY_COLUMNS
from kstad_analysis.store_scenarios import SCENARIO_COLUMNS as SCENARIO_COLUMNS
from kstad_analysis.store_scenarios import DecisionRecord as DecisionRecord
from kstad_analysis.store_scenarios import ScenarioStore
from kstad_analysis.store_schema import MIGRATIONS as MIGRATIONS
from kstad_analysis.store_schema import SCHEMA_VERSION as SCHEMA_VERSION
from kstad_analysis.store_schema import V1_DDL as V1_DDL
from kstad_analysis.store_schema import V2_DDL as V2_DDL
from kstad_analysis.store_schema import V3_DDL as V3_DDL
from kstad_analysis.store_shared import SharedNeedsStore
from kstad_analysis.store_visits import VisitStore


class Store(ScenarioStore, GroupingStore, SharedNeedsStore, AuditStore, WeightRoundsStore,
            VisitStore, StoreBase):
    """Scenarios, decisions and grouping decisions in ``<directory>/kstad.sqlite``
    (connection and migrations: ``store_base.StoreBase``; scenarios and
    decision records: ``store_scenarios.ScenarioStore``; grouping decisions:
    ``store_grouping.GroupingStore``; embedding cache and group names:
    ``store_shared.SharedNeedsStore``; the audit log:
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



__all__ = [
    "BUSY_TIMEOUT_MS", "DB_NAME", "GROUPING_MAX_BYTES", "HISTORY_COLUMNS", "MIGRATIONS",
    "SCENARIO_COLUMNS", "SCHEMA_VERSION", "DecisionRecord", "GroupingDecisionNotFound", "NotFound",
    "ScenarioNotFound", "StaleScenario", "Store", "StoreError", "StoreUnavailable",
]
