"""The chain every consumer shares: shared needs with the analysts' decisions.

Why one place: the rank and optimize commands, the apps and the report must
all see the same koncernnytta (the number of förvaltningar sharing a need),
which depends on the shared-needs detection *and* on the merge/split
decisions analysts saved in the store. Computing it in one function keeps a
need's score identical wherever it is shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from kstad_analysis import paths


def saved_grouping_decisions(store_dir: str | Path | None = None) -> list[Any]:
    """The analysts' saved grouping decisions; none when no store exists yet
    (reading never creates a store)."""
    from kstad_analysis import store as store_mod

    directory = Path(store_dir) if store_dir else paths.store_dir()
    if not (directory / store_mod.DB_NAME).exists():
        return []
    return list(store_mod.Store(directory).grouping_decisions())


def decisions_key(store_dir: str | Path | None = None) -> str:
    """A short fingerprint of the saved grouping decisions: an app built before
    another kernel saved a decision can tell that its koncernnytta is stale."""
    import hashlib
    import json

    raw = [d.to_dict() for d in saved_grouping_decisions(store_dir)]
    return hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()[:16]


def shared_needs(needs: pd.DataFrame, threshold: float | None = None,
                 store_dir: str | Path | None = None):
    """Shared-needs detection with the saved decisions applied."""
    from kstad_analysis.shared_needs import detect

    return detect(needs, threshold=threshold, decisions=saved_grouping_decisions(store_dir))


def koncernnytta(needs: pd.DataFrame, threshold: float | None = None,
                 store_dir: str | Path | None = None) -> pd.Series | None:
    """Förvaltningar sharing each need (the koncernnytta criterion), by need id."""
    if needs.empty:
        return None
    return shared_needs(needs, threshold, store_dir).koncernnytta()
