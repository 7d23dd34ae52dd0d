"""Benefit parameters: every policy number of the calculation, validated once.

Why its own module: the per-need economics, the yearly flows and the
portfolio NPV all read the same frozen :class:`BenefitParams`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kstad_analysis import config, finance, schema
from kstad_analysis.errors import BenefitParamError
from kstad_analysis.i18n import t

#: Needs columns the economics are computed from.
INPUT_KEYS = ("investment", "running_cost", "other_benefit", "cases_per_year", "minutes_saved")
#: Columns ``need_economics`` requires in its input.
REQUIRED_COLUMNS = ("id", "department", *INPUT_KEYS)
YEARS_MIN, YEARS_MAX = 1, 30


@dataclass(frozen=True)
class BenefitParams:
    """Every policy number of the benefit calculation, from ``benefits.toml``.

    Why a frozen dataclass: the apps change one or two values (``years``,
    ``rate``) per scenario with ``params.replace(...)``; validation runs on
    every construction, so an invalid value can never reach a calculation.
    """

    years: int = 5
    rate: float = 0.03
    base_year: int = 2027
    ramp: tuple[float, ...] = (0.3, 0.6, 0.8)
    low_factor: float = 0.7
    high_factor: float = 1.2
    ramp_financial: bool = True
    payback_discounted: bool = False
    salary_default: float = 38_000.0
    salary_by_department: Mapping[str, float] = field(default_factory=dict)
    hours_per_month: float = 142.0
    markup: float = 1.54
    cost_bearer_default: str = "IT-enheten"
    cost_bearer_by_category: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._validate()

    def __hash__(self) -> int:
        """Hashable despite its mapping fields, so apps can cache results by
        parameters (``functools.cache``)."""
        return hash(tuple(
            tuple(sorted(value.items())) if isinstance(value, Mapping) else value
            for value in (getattr(self, f.name) for f in dataclasses.fields(self))
        ))

    def _validate(self) -> None:
        if isinstance(self.years, bool) or not isinstance(self.years, int | np.integer) or not (
            YEARS_MIN <= self.years <= YEARS_MAX
        ):
            raise BenefitParamError(t("benefits.error.years", value=self.years))
        try:
            finance.check_rate(self.rate)
        except (TypeError, ValueError):
            raise BenefitParamError(t("benefits.error.rate", value=self.rate)) from None
        if not (schema.YEAR_MIN <= int(self.base_year) <= schema.YEAR_MAX):
            raise BenefitParamError(t("benefits.error.base_year", value=self.base_year))
        ramp = np.asarray(self.ramp, dtype=float)
        if ramp.size == 0 or not np.all((ramp >= 0) & (ramp <= 1)):
            raise BenefitParamError(t("benefits.error.ramp"))
        if not (0 <= self.low_factor <= 1 <= self.high_factor):
            raise BenefitParamError(
                t("benefits.error.factors", low=self.low_factor, high=self.high_factor)
            )

    @classmethod
    def load(cls, directory: Path | None = None) -> BenefitParams:
        """Read ``data/config/benefits.toml`` (or ``directory/benefits.toml``)."""
        return cls.from_config(config.load("benefits", directory))

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any]) -> BenefitParams:
        """Build from the parsed TOML; optional sections fall back to defaults."""
        calc, hourly = cfg["kalkyl"], cfg["timkostnad"]
        adoption, spread = cfg["nyttjandegrad"], cfg["osakerhet"]
        duty = cfg.get("ansvar", {})
        return cls(
            years=int(calc["ar"]), rate=float(calc["diskonteringsranta"]),
            base_year=int(calc["basar"]), ramp=tuple(float(v) for v in adoption["ramp"]),
            low_factor=float(spread["lag"]), high_factor=float(spread["hog"]),
            ramp_financial=bool(adoption.get("galler_finansiell_nytta", True)),
            payback_discounted=bool(calc.get("aterbetalning_diskonterad", False)),
            salary_default=float(hourly["manadslon_standard"]),
            salary_by_department=dict(hourly.get("manadslon_per_forvaltning", {})),
            hours_per_month=float(hourly["timmar_per_manad"]), markup=float(hourly["paslag"]),
            cost_bearer_default=str(duty.get("kostnadsbarare", "IT-enheten")),
            cost_bearer_by_category=dict(duty.get("kostnadsbarare_per_kategori", {})),
        )

    def replace(self, **changes: Any) -> BenefitParams:
        """A copy with some values changed (validated like the original)."""
        return dataclasses.replace(self, **changes)

    @property
    def periods(self) -> int:
        """Number of flow columns: the start year plus ``years`` years in use."""
        return self.years + 1

    def valuation_config(self) -> dict[str, Any]:
        """The ``timkostnad`` section as ``kstad_analysis.valuation`` reads it."""
        return {"timkostnad": {
            "timmar_per_manad": self.hours_per_month, "paslag": self.markup,
            "manadslon_standard": self.salary_default,
            "manadslon_per_forvaltning": dict(self.salary_by_department),
        }}
