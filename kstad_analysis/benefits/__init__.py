"""Effekthemtagning: what each need costs the IT unit and gives back, per year.

Why this module: the IT chief's hardest equation is showing that IT cost
rising centrally comes home as gains in the förvaltningar. This module turns
the needs frame into per-need economics (NPV, payback, benefit/cost ratio,
NNK-i) and tidy yearly flows per förvaltning and for the whole municipality,
following Inera's nyttokalkyl: timkostnad = månadslön / 142 × 1,54, real
discount rate (3 %), low/high estimates, results per year.

Timeline convention (documented because every number depends on it):
``t = 0`` is the need's start year and carries the investment only. Running
cost and benefits start in ``t = 1`` (the first year in use) and run for
``years`` years, so a 5-year calculation spans six calendar years. The
adoption ramp applies from ``t = 1``: ``ramp[0]`` in the first year in use,
and the ramp's last value holds for the remaining years.

Finansiell nytta (cash that can leave a budget, the plans' "övrig nytta") and
omfördelningsnytta (valued time) are always kept in separate columns; every
total that adds them says so in its name (``..._incl_redistribution``, or
``net``/``npv`` documented as including it, beside ``net_financial`` and
``npv_financial`` that do not).

Missing inputs are never treated as 0: a need lacking investment, running
cost, övrig nytta, ärenden or sparad tid gets NA economics with a Swedish
reason, and is left out of the department/municipality sums (counted in
``needs_excluded`` so the gap is visible).
"""

from kstad_analysis.benefits.flows import (
    AGG_COLUMNS,
    FLOW_VALUES,
    by_department,
    labelled,
    municipality_summary,
    portfolio_payback_year,
    yearly_flows,
)
from kstad_analysis.benefits.need import (
    ECONOMICS_COLUMNS,
    adoption_profile,
    economics_arrays,
    flow_matrices,
    need_economics,
    yearly_benefits,
)
from kstad_analysis.benefits.params import (
    INPUT_KEYS,
    REQUIRED_COLUMNS,
    YEARS_MAX,
    YEARS_MIN,
    BenefitParams,
)
from kstad_analysis.errors import BenefitParamError

__all__ = [
    "BenefitParams", "BenefitParamError", "need_economics", "yearly_flows", "by_department",
    "municipality_summary", "portfolio_payback_year", "adoption_profile", "flow_matrices",
    "economics_arrays", "yearly_benefits", "labelled", "AGG_COLUMNS", "ECONOMICS_COLUMNS",
    "FLOW_VALUES", "INPUT_KEYS", "REQUIRED_COLUMNS", "YEARS_MAX", "YEARS_MIN",
]
