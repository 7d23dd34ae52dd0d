"""The saved-work store: scenarios with history, decision records, grouping decisions.

Why SQLite, WAL, one ``BEGIN IMMEDIATE`` per write and ordered migrations:
see ``store_base``, which holds the connection and transactions.

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
