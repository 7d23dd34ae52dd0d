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

Missing inputs are never treated as 0 per need: a figure that needs a
missing input is NA (a need with costs and övrig nytta but no ärenden keeps
its financial NPV and payback; its omfördelningsnytta is "ej angiven"), with
a Swedish ``missing_reason``. The department/municipality sums of
``yearly_flows`` use only complete needs (counted in ``needs_excluded``).

One NPV for a portfolio: ``portfolio_flows`` (one row per calendar year:
investment, running cost, both benefits, net) and ``portfolio_summary``
(``npv`` = those flows discounted to ``base_year``, paybacks, and how many
needs each figure leaves out); conventions in ``benefits.portfolio``.

Layout: ``params`` (BenefitParams), ``need`` (kernels, per need), ``flows``
(per need and year, per förvaltning, municipality), ``portfolio`` (one NPV).
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
    FINANCIAL_FIGURES,
    FULL_FIGURES,
    adoption_ceiling,
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
from kstad_analysis.benefits.portfolio import (
    PORTFOLIO_FLOW_COLUMNS,
    SUMMARY_FIGURES,
    portfolio_flows,
    portfolio_summary,
    summary_notes,
)
from kstad_analysis.errors import BenefitParamError

__all__ = [
    "BenefitParams", "BenefitParamError", "need_economics", "yearly_flows", "by_department",
    "municipality_summary", "portfolio_payback_year", "adoption_profile", "flow_matrices",
    "economics_arrays", "yearly_benefits", "labelled", "AGG_COLUMNS", "ECONOMICS_COLUMNS",
    "FLOW_VALUES", "INPUT_KEYS", "REQUIRED_COLUMNS", "YEARS_MAX", "YEARS_MIN",
    "FULL_FIGURES", "FINANCIAL_FIGURES", "adoption_ceiling", "PORTFOLIO_FLOW_COLUMNS",
    "SUMMARY_FIGURES", "portfolio_flows", "portfolio_summary", "summary_notes",
]
