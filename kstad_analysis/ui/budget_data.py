"""Budget: what the page knows of the data, prepared once per data set.

Why a module of its own: the slider path must stay fast, so everything that
does not depend on the amount or the rules (the analysis chain with the saved
grouping decisions, titles, the start years and the slider's range) is built
here once, and a scenario on the same data and threshold reuses it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from kstad_analysis import benefits
from kstad_analysis.analysis import Analysis
from kstad_analysis.intake import Plans
from kstad_analysis.scenario import Scenario
from kstad_analysis.store import Store

MSEK = 1_000_000.0
STEP_MSEK = 0.5


@dataclass
class _Model:
    """Everything that depends on the data, the threshold and the saved grouping
    decisions, not on the rules: the analysis chain plus the page's lists."""

    analysis: Analysis
    titles: dict[str, str]
    years: list[int]
    cost_by_year: dict[int, float]
    max_msek: float

    @classmethod
    def build(cls, plans: Plans, threshold: float | None = None, store: Store | None = None,
              scenario: Scenario | None = None) -> _Model:
        analysis = Analysis.build(plans, scenario,
                                  store_dir=store.directory if store is not None else None,
                                  threshold=threshold)
        return cls.of(analysis)

    @classmethod
    def of(cls, analysis: Analysis) -> _Model:
        needs = analysis.needs
        titles = dict(zip(needs["id"].astype(str), needs["title"].fillna("").astype(str),
                          strict=True))
        invest = pd.to_numeric(needs["investment"], errors="coerce")
        start = needs["start_year"].astype("Float64")
        base = benefits.BenefitParams.load().base_year
        years = sorted(int(y) for y in start.dropna().unique() if int(y) >= base)
        cost_by_year = {y: float(invest[start == y].sum()) for y in years}
        total = float(invest.sum()) if len(needs) else 0.0  # slider range: known amounts only
        max_msek = max(STEP_MSEK, math.ceil(total / MSEK / STEP_MSEK) * STEP_MSEK)
        return cls(analysis, titles, years, cost_by_year, max_msek)

    @property
    def plans(self) -> Plans:
        return self.analysis.plans

    @property
    def needs(self) -> pd.DataFrame:
        return self.analysis.needs

    @property
    def candidates(self) -> pd.DataFrame | None:
        return self.analysis.candidates

    @property
    def koncernnytta(self) -> pd.Series | None:
        return self.analysis.koncernnytta

    def known(self) -> set[str]:
        return set(self.titles)


def _replace_analysis(model: _Model, analysis: Analysis) -> _Model:
    """The same page lists with another scenario on the same data and threshold."""
    return _Model(analysis, model.titles, model.years, model.cost_by_year, model.max_msek)
