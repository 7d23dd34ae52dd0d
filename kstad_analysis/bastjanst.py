"""Bastjänst candidates: build once what several förvaltningar ask for.

Why a rule and not an estimate: a shared build is not free (each förvaltning
must be connected, trained and migrated), but it is far cheaper than one build
per förvaltning. The rule is explicit and lives in
``data/config/shared_needs.toml`` ``[bastjanst]`` so analysts can change it:

- shared investment = largest member investment
  + ``anslutning_per_forvaltning`` × (förvaltningar − 1)
- shared running cost per year = largest member running cost
  × (1 + ``drift_andel_per_forvaltning`` × (förvaltningar − 1))
- saving = separate builds (sum over members) − shared build; over the
  calculation period (``benefits.toml`` ``[kalkyl] ar`` years, undiscounted,
  the same "investering + drift × kalkylår" total cost the ranking uses).

A candidate whose members lack an investment or running cost is flagged
``incomplete`` and its amounts are left empty (NaN), listing what is missing:
a missing cost is never read as 0 kr. The saving is split over the
förvaltningar in proportion to their separate costs, so each one's share of
the shared build is smaller than what it would have paid alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from kstad_analysis import config
from kstad_analysis.shared_needs import SharedNeeds

COLUMNS = (
    "candidate_id", "group_id", "label", "member_ids", "departments", "n_departments",
    "separate_investment", "shared_investment", "saving_investment",
    "separate_running", "shared_running", "saving_running", "saving", "period_years",
    "gaining_departments", "saving_by_department", "incomplete", "missing",
)


def parameters() -> dict[str, Any]:
    """The rule's parameters plus the calculation period, from the config files."""
    params = dict(config.load("shared_needs").get("bastjanst", {}))
    params.setdefault("ar", config.load("benefits")["kalkyl"]["ar"])
    return params


def shared_investment(investments: np.ndarray, n_departments: int,
                      params: Mapping[str, Any]) -> float:
    """Largest member investment + onboarding per additional förvaltning."""
    extra = max(n_departments - 1, 0)
    return float(np.max(investments)) + float(params["anslutning_per_forvaltning"]) * extra


def shared_running(running: np.ndarray, n_departments: int, params: Mapping[str, Any]) -> float:
    """Largest member running cost × (1 + share per additional förvaltning)."""
    extra = max(n_departments - 1, 0)
    return float(np.max(running)) * (1.0 + float(params["drift_andel_per_forvaltning"]) * extra)


def _missing(members: pd.DataFrame) -> tuple[str, ...]:
    labels = {"investment": "investering", "running_cost": "driftkostnad"}
    return tuple(f"{need}: {labels[col]}" for need, row in members.iterrows()
                 for col in labels if pd.isna(row[col]))


def _candidate(row: pd.Series, members: pd.DataFrame, params: Mapping[str, Any]) -> dict:
    years = int(params["ar"])
    missing = _missing(members)
    n_dep = int(row["n_departments"])
    out: dict[str, Any] = {
        "candidate_id": f"B-{row['group_id']}", "group_id": row["group_id"],
        "label": row["label"], "member_ids": tuple(row["member_ids"]),
        "departments": tuple(row["departments"]), "n_departments": n_dep,
        "period_years": years, "incomplete": bool(missing), "missing": missing,
    }
    if missing:
        for key in ("separate_investment", "shared_investment", "saving_investment",
                    "separate_running", "shared_running", "saving_running", "saving"):
            out[key] = float("nan")
        out["gaining_departments"], out["saving_by_department"] = (), ()
        return out
    inv = members["investment"].to_numpy(dtype=float)
    run = members["running_cost"].to_numpy(dtype=float)
    out["separate_investment"], out["shared_investment"] = float(inv.sum()), \
        shared_investment(inv, n_dep, params)
    out["separate_running"], out["shared_running"] = float(run.sum()), \
        shared_running(run, n_dep, params)
    out["saving_investment"] = out["separate_investment"] - out["shared_investment"]
    out["saving_running"] = out["separate_running"] - out["shared_running"]
    out["saving"] = out["saving_investment"] + out["saving_running"] * years
    separate = (members["investment"] + members["running_cost"] * years).groupby(
        members["department"]).sum()
    total = float(separate.sum())
    shares = separate / total * out["saving"] if total > 0 else separate * 0.0
    out["saving_by_department"] = tuple((str(d), round(float(v), 2)) for d, v in shares.items())
    out["gaining_departments"] = tuple(str(d) for d, v in shares.items() if v > 0)
    return out


def candidates(shared: SharedNeeds, needs: pd.DataFrame,
               params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """One row per group spanning at least ``min_forvaltningar`` förvaltningar.

    Sorted by saving (largest first; incomplete candidates last). The budget
    optimisation treats a candidate and its members as mutually exclusive.
    """
    params = {**parameters(), **(params or {})}
    minimum = int(params["min_forvaltningar"])
    frame = needs.assign(id=needs["id"].astype(str)).set_index("id")
    rows = []
    for _, row in shared.summary[shared.summary["n_departments"] >= minimum].iterrows():
        unknown = [i for i in row["member_ids"] if i not in frame.index]
        if unknown:
            raise ValueError(f"behoven saknar grupperade ID: {unknown[:10]}")
        members = frame.loc[list(row["member_ids"]), ["department", "investment", "running_cost"]]
        rows.append(_candidate(row, members, params))
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    if out.empty:
        return out
    out = out.sort_values(["incomplete", "saving", "candidate_id"],
                          ascending=[True, False, True], na_position="last", kind="stable")
    return out.reset_index(drop=True)


__all__ = ["COLUMNS", "candidates", "parameters", "shared_investment", "shared_running"]
