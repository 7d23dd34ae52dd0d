"""Follow-up of benefits: planned against realised, per initiative and förvaltning.

Why: DIGG's nyttorealisering ends with follow-up; a benefit that is planned
but never measured, or measured far below plan, must show up before the next
budgetrunda. The register is the ``Uppföljning`` sheet of the plans, already
validated by ``kstad_analysis.intake`` (``Plans.register``).

Rules (thresholds in ``data/config/benefits.toml``, section ``uppfoljning``):
- A row is *measured* when it has a realised value. ``rate`` is realised /
  planned over the measured rows only, so a half-measured year is judged on
  what has been measured (the rest shows as ``unmeasured``).
- ``försenad`` (overdue): the year has ended, plus ``respit_manader`` months
  for measuring, and at least one of the year's benefits has no realised
  value. A measurement that is late is a fact to act on, not a zero.
- ``under plan``: the measured rate is below ``under_plan_grans`` (0.8).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kstad_analysis import config
from kstad_analysis.i18n import t

#: Flag values in the ``flags`` column (stable data values, Swedish as the
#: register itself; display labels come from ``benefits.flag.*`` texts).
FLAG_OVERDUE = "försenad"
FLAG_BELOW_PLAN = "under plan"
REGISTER_KEYS = ("id", "year", "planned", "realised")

REALISATION_COLUMNS = (
    "id", "year", "rows", "planned", "realised", "planned_measured", "rate", "unmeasured",
    "overdue", "below_plan", "flags", "realiser", "measurer", "measured_on",
)
DEPARTMENT_COLUMNS = (
    "department", "initiatives", "planned", "planned_due", "realised", "planned_measured",
    "rate", "overdue_count", "below_plan_count",
)


def tracking_settings(cfg: Mapping[str, Any] | None = None) -> tuple[float, int]:
    """The 'under plan' threshold and the grace months from the config."""
    section = (cfg or config.load("benefits")).get("uppfoljning", {})
    threshold = float(section.get("under_plan_grans", 0.8))
    grace = int(section.get("respit_manader", 0))
    if not 0 <= threshold <= 1:
        raise ValueError(t("benefits.error.threshold", value=threshold))
    return threshold, grace


def due_date(year: int, grace_months: int) -> dt.date:
    """The last day on which the year's benefit may still be unmeasured."""
    months = 12 + grace_months  # months after 1 January of ``year``
    first_after = dt.date(year + months // 12, months % 12 + 1, 1)
    return first_after - dt.timedelta(days=1)


def _joined(values: pd.Series) -> str:
    seen = dict.fromkeys(str(v) for v in values if pd.notna(v) and str(v).strip())
    return ", ".join(seen)


def _check(register: pd.DataFrame) -> None:
    missing = [c for c in REGISTER_KEYS if c not in register.columns]
    if missing:
        raise ValueError(t("benefits.error.columns", columns=", ".join(missing)))


def realisation(register: pd.DataFrame, today: dt.date | None = None,
                threshold: float | None = None, grace_months: int | None = None
                ) -> pd.DataFrame:
    """Planned vs realised per initiative (``id``) and year, with flags.

    ``today`` is injectable so tests and reports are reproducible; it defaults
    to the current date. ``threshold``/``grace_months`` default to the config.
    """
    return _per_initiative(register, today, threshold, grace_months)[list(REALISATION_COLUMNS)]


def _per_initiative(register: pd.DataFrame, today: dt.date | None, threshold: float | None,
                    grace_months: int | None) -> pd.DataFrame:
    """``realisation`` plus a private ``_due`` column (year ended + grace)."""
    _check(register)
    cfg_threshold, cfg_grace = tracking_settings()
    threshold = cfg_threshold if threshold is None else float(threshold)
    grace = cfg_grace if grace_months is None else int(grace_months)
    today = today or dt.date.today()
    if register.empty:
        return _empty((*REALISATION_COLUMNS, "_due"))
    rows = register.copy()
    rows["planned"] = pd.to_numeric(rows["planned"], errors="coerce").astype(float)
    rows["realised"] = pd.to_numeric(rows["realised"], errors="coerce").astype(float)
    rows["_measured"] = rows["realised"].notna()
    rows["planned_measured"] = rows["planned"].where(rows["_measured"])
    for key in ("realiser", "measurer", "measured_on"):
        if key not in rows.columns:
            rows[key] = pd.NA
    grouped = rows.groupby(["id", "year"], sort=True)
    out = pd.DataFrame({
        "rows": grouped.size(),
        "planned": grouped["planned"].sum(min_count=1),
        "realised": grouped["realised"].sum(min_count=1),
        "planned_measured": grouped["planned_measured"].sum(min_count=1),
        "unmeasured": grouped["_measured"].agg(lambda m: int((~m).sum())),
        "realiser": grouped["realiser"].agg(_joined),
        "measurer": grouped["measurer"].agg(_joined),
        "measured_on": grouped["measured_on"].agg(_latest),
    }).reset_index()
    _flag(out, today, threshold, grace)
    out["id"] = out["id"].astype("string")
    out["year"] = out["year"].astype("Int64")
    return out


def _latest(dates: pd.Series) -> object:
    known = dates.dropna()
    return known.max() if len(known) else None


def _flag(out: pd.DataFrame, today: dt.date, threshold: float, grace: int) -> None:
    """Add rate, ``_due``, overdue, below_plan and the ``flags`` text in place."""
    with np.errstate(all="ignore"):
        rate = out["realised"] / out["planned_measured"]
    out["rate"] = rate.where(out["planned_measured"] > 0)
    out["_due"] = np.array([due_date(int(y), grace) < today for y in out["year"]], dtype=bool)
    out["overdue"] = out["_due"].to_numpy() & (out["unmeasured"].to_numpy() > 0)
    out["below_plan"] = (out["rate"] < threshold).fillna(False).astype(bool)
    out["flags"] = [
        ", ".join(f for f, on in ((FLAG_OVERDUE, o), (FLAG_BELOW_PLAN, b)) if on)
        for o, b in zip(out["overdue"], out["below_plan"], strict=True)
    ]


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


def _summarise(per: pd.DataFrame, key: str, *, count: tuple[str, str, str], overdue: str,
               below: str) -> pd.DataFrame:
    """Sum initiative-years by ``key``: amounts, due amounts, flag counts and the
    realisation rate over measured benefits (one rule for every summary)."""
    grouped = per.groupby(key, sort=True, dropna=False)
    name, column, how = count
    out = pd.DataFrame({
        name: grouped[column].agg(how),
        "planned": grouped["planned"].sum(min_count=1),
        "planned_due": grouped["planned_due"].sum(min_count=1),
        "realised": grouped["realised"].sum(min_count=1),
        "planned_measured": grouped["planned_measured"].sum(min_count=1),
        overdue: grouped["overdue"].sum().astype("int64"),
        below: grouped["below_plan"].sum().astype("int64"),
    }).reset_index()
    with np.errstate(all="ignore"):
        out["rate"] = (out["realised"] / out["planned_measured"]).where(
            out["planned_measured"] > 0)
    return out


def by_department(register: pd.DataFrame, needs: pd.DataFrame, today: dt.date | None = None,
                  threshold: float | None = None, grace_months: int | None = None
                  ) -> pd.DataFrame:
    """Realisation per förvaltning: planned, planned that is due (year ended
    plus grace), realised, the rate over measured benefits and counts of
    overdue and below-plan initiative-years. The förvaltning comes from the
    needs frame (the register names only the need's ID)."""
    per = _per_initiative(register, today, threshold, grace_months)
    if per.empty:
        return _empty(DEPARTMENT_COLUMNS)
    owners = needs.drop_duplicates("id").set_index("id")["department"]
    per = per.assign(
        department=per["id"].map(owners).astype("string"),
        planned_due=per["planned"].where(per["_due"], 0.0),
    )
    out = _summarise(per, "department", count=("initiatives", "id", "nunique"),
                     overdue="overdue_count", below="below_plan_count")
    out["department"] = out["department"].astype("string")
    return out[list(DEPARTMENT_COLUMNS)]


INITIATIVE_COLUMNS = (
    "id", "years", "planned", "planned_due", "realised", "planned_measured", "rate",
    "overdue_years", "below_plan_years", "flags",
)


def by_initiative(register: pd.DataFrame, today: dt.date | None = None,
                  threshold: float | None = None, grace_months: int | None = None
                  ) -> pd.DataFrame:
    """One row per initiative over all its years: the overall realisation rate
    (realised over planned, measured years only), what is due, and in how many
    years it was overdue or below plan. Flags as in ``realisation``."""
    per = _per_initiative(register, today, threshold, grace_months)
    if per.empty:
        return _empty(INITIATIVE_COLUMNS)
    per = per.assign(planned_due=per["planned"].where(per["_due"], 0.0))
    out = _summarise(per, "id", count=("years", "year", "nunique"),
                     overdue="overdue_years", below="below_plan_years")
    threshold = tracking_settings()[0] if threshold is None else float(threshold)
    out["flags"] = [
        ", ".join(f for f, on in ((FLAG_OVERDUE, o > 0), (FLAG_BELOW_PLAN, r < threshold)) if on)
        for o, r in zip(out["overdue_years"], out["rate"].fillna(np.inf), strict=True)
    ]
    out["id"] = out["id"].astype("string")
    return out[list(INITIATIVE_COLUMNS)]


def load_register(paths: list[str | Path]) -> pd.DataFrame:
    """The validated register of the given plans (``intake.load_plans``)."""
    from kstad_analysis.intake import load_plans

    return load_plans(paths).register


__all__ = [
    "FLAG_OVERDUE", "FLAG_BELOW_PLAN", "realisation", "by_department", "by_initiative", "due_date",
    "tracking_settings", "load_register",
]
