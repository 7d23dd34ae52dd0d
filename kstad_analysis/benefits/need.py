"""Per-need economics: cost, both benefit types, NPV, payback, B/C, NNK-i.

Timeline and missing-value conventions: see the package docstring.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kstad_analysis import finance, schema, valuation
from kstad_analysis.benefits.params import INPUT_KEYS, REQUIRED_COLUMNS, BenefitParams
from kstad_analysis.i18n import t

# --------------------------------------------------------------------------- kernels


def adoption_profile(ramp: tuple[float, ...] | np.ndarray, years: int) -> np.ndarray:
    """Adoption per period ``t = 0 .. years``: 0 in the start year, then the
    ramp, whose last value holds for the remaining years."""
    ramp = np.asarray(ramp, dtype=float)
    steps = np.minimum(np.arange(years), ramp.size - 1)
    return np.concatenate([[0.0], ramp[steps]])


def flow_matrices(investment: np.ndarray, running_cost: np.ndarray, financial: np.ndarray,
                  redistribution: np.ndarray, params: BenefitParams
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cost, finansiell and omfördelning flows, each of shape ``(n, years+1)``.

    Pure numpy (no pandas) so the benchmark and the apps can call it on many
    needs at once. NaN inputs give NaN flows.
    """
    periods = params.periods
    adoption = adoption_profile(params.ramp, params.years)
    in_use = (np.arange(periods) >= 1).astype(float)
    cost = running_cost[:, None] * in_use[None, :]
    cost[:, 0] = investment
    financial_share = adoption if params.ramp_financial else in_use
    benefit_fin = financial[:, None] * financial_share[None, :]
    benefit_red = redistribution[:, None] * adoption[None, :]
    return cost, benefit_fin, benefit_red


def adoption_ceiling(params: BenefitParams) -> tuple[float, float]:
    """Adoption once fully built, for finansiell and for omfördelning nytta.

    Why: "fully built" (fullt utbyggd) means the share of cases handled
    digitally once the ramp is done: its last value, which holds for the rest
    of the period (``adoption_profile``). A full-adoption (100 %) figure would
    claim more than any year of the flows. Finansiell nytta follows the ramp
    only when ``ramp_financial`` is set; otherwise it is fully there from the
    first year in use.
    """
    ceiling = float(params.ramp[-1])
    return (ceiling if params.ramp_financial else 1.0), ceiling


def economics_arrays(investment: np.ndarray, running_cost: np.ndarray, financial: np.ndarray,
                     redistribution: np.ndarray, start_year: np.ndarray,
                     params: BenefitParams) -> dict[str, np.ndarray]:
    """Per-need NPV (central, low, high, financial only), present values,
    payback years, benefit/cost ratio and NNK-i as numpy arrays.

    Each figure is NaN exactly when an input it needs is NaN (NaN flows give
    NaN sums), so a need lacking ärenden or sparad tid still gets its
    financial NPV and payback. ``npv``/``npv_financial`` are discounted to
    the need's start year; ``npv_base``/``npv_financial_base`` to
    ``params.base_year``, so they add up over needs to the portfolio NPV.
    """
    cost, fin, red = flow_matrices(investment, running_cost, financial, redistribution, params)
    rate = params.rate
    benefit = fin + red
    net = benefit - cost
    pv_cost = finance.present_value(rate, cost)
    npv = finance.npv(rate, net)
    npv_financial = finance.npv(rate, fin - cost)
    to_base = (1.0 + rate) ** -(np.asarray(start_year, dtype=float) - params.base_year)
    payback_rate = rate if params.payback_discounted else None
    with np.errstate(all="ignore"):
        nnki = np.where(investment > 0, npv / np.where(investment > 0, investment, 1.0), np.nan)
    return {
        "pv_cost": pv_cost,
        "pv_benefit_financial": finance.present_value(rate, fin),
        "pv_benefit_redistribution": finance.present_value(rate, red),
        "npv": npv,
        "npv_low": finance.npv(rate, params.low_factor * benefit - cost),
        "npv_high": finance.npv(rate, params.high_factor * benefit - cost),
        "npv_financial": npv_financial,
        "npv_base": npv * to_base,
        "npv_financial_base": npv_financial * to_base,
        "payback_year": finance.payback_year(net, start_year, payback_rate),
        "payback_year_financial": finance.payback_year(fin - cost, start_year, payback_rate),
        "bcr": finance.benefit_cost_ratio(rate, benefit, cost),
        "nnki": nnki,
    }


# --------------------------------------------------------------------------- per need


def _check_columns(needs: pd.DataFrame, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in needs.columns]
    if missing:
        raise ValueError(t("benefits.error.columns", columns=", ".join(missing)))


def _floats(needs: pd.DataFrame, key: str) -> np.ndarray:
    return pd.to_numeric(needs[key], errors="coerce").astype("float64").to_numpy()


def _start_years(needs: pd.DataFrame, default: int) -> tuple[np.ndarray, np.ndarray]:
    """Effective start year per need, and whether it was assumed (missing)."""
    if "start_year" not in needs.columns:
        return np.full(len(needs), float(default)), np.ones(len(needs), dtype=bool)
    raw = pd.to_numeric(needs["start_year"], errors="coerce").astype("float64")
    assumed = raw.isna().to_numpy()
    return raw.fillna(float(default)).to_numpy(), assumed


def _missing_reasons(needs: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """Which needs lack an input, and a Swedish reason naming the columns.

    Why via a bit pattern: there are at most 2**5 combinations, so each
    reason is formatted once, not once per need (10 000 needs stay fast).
    """
    absent = np.column_stack([needs[k].isna().to_numpy() for k in INPUT_KEYS])
    codes = absent.astype(np.int64) @ (1 << np.arange(len(INPUT_KEYS)))
    headers = [schema.HEADERS_SV[k] for k in INPUT_KEYS]
    texts = {
        int(code): t("benefits.missing", fields=", ".join(
            h for bit, h in enumerate(headers) if code >> bit & 1
        )) if code else ""
        for code in np.unique(codes)
    }
    return codes == 0, [texts[int(code)] for code in codes]


def _cost_bearers(needs: pd.DataFrame, params: BenefitParams) -> np.ndarray:
    """The cost bearer per need: by category (case-insensitive), else the default."""
    if "category" not in needs.columns:
        return np.full(len(needs), params.cost_bearer_default, dtype=object)
    lookup = {str(k).strip().casefold(): v for k, v in params.cost_bearer_by_category.items()}
    categories = needs["category"].astype("string").str.strip().str.casefold()
    return categories.map(lookup).fillna(params.cost_bearer_default).to_numpy(dtype=object)


def yearly_benefits(needs: pd.DataFrame, params: BenefitParams) -> tuple[np.ndarray, np.ndarray]:
    """Full-adoption yearly finansiell and omfördelning benefit (kr), NaN when
    unknown. Time is valued with ``kstad_analysis.valuation`` so the formula
    exists once in the code base."""
    financial = _floats(needs, "other_benefit")
    frame = pd.DataFrame({
        "department": needs["department"].to_numpy(),
        "cases_per_year": _floats(needs, "cases_per_year"),
        "minutes_saved": _floats(needs, "minutes_saved"),
    })
    redistribution = valuation.annual_time_benefit(frame, params.valuation_config()).to_numpy()
    return financial, redistribution.astype(float)


ECONOMICS_COLUMNS = (
    "id", "department", "title", "start_year", "start_year_assumed", "investment",
    "running_cost", "benefit_financial", "benefit_redistribution", "benefit_financial_full",
    "benefit_redistribution_full", "pv_cost", "pv_benefit_financial",
    "pv_benefit_redistribution", "npv", "npv_low", "npv_high", "npv_financial", "npv_base",
    "npv_financial_base", "payback_year", "payback_year_financial", "bcr", "nnki",
    "cost_bearer", "benefit_owner", "complete", "financial_complete", "missing_reason",
    "benefit_financial_note", "benefit_redistribution_note",
)
#: Figures that need every input (they include omfördelningsnytta).
FULL_FIGURES = ("npv", "npv_low", "npv_high", "npv_base", "payback_year", "bcr", "nnki")
#: Figures that need only the costs and övrig nytta.
FINANCIAL_FIGURES = ("npv_financial", "npv_financial_base", "payback_year_financial")


def need_economics(needs: pd.DataFrame, params: BenefitParams | None = None) -> pd.DataFrame:
    """One row per need: costs, both benefit types, NPV (central/low/high and
    finansiell only), payback years, benefit/cost ratio, NNK-i and who carries
    the cost and takes the benefit home.

    ``npv``/``npv_low``/``npv_high``/``payback_year`` include
    omfördelningsnytta; ``npv_financial``/``payback_year_financial`` do not.
    ``benefit_*`` are yearly at 100 % adoption (the plan's own figure);
    ``benefit_*_full`` are yearly once fully built, at the ramp's last value
    (``adoption_ceiling``), the most any year of the flows holds.

    Only the figures that need a missing input are NA: a need stating övrig
    nytta and its costs but no ärenden/sparad tid keeps ``npv_financial``,
    ``payback_year_financial`` and ``financial_complete``; its
    ``benefit_redistribution_note`` says "ej angiven" and the figures
    including omfördelning are NA. ``complete`` (every input known) and
    ``missing_reason`` are as before; ``nnki`` is also NA when the
    investment is 0.
    """
    params = params or BenefitParams.load()
    _check_columns(needs, REQUIRED_COLUMNS)
    investment, running = _floats(needs, "investment"), _floats(needs, "running_cost")
    financial, redistribution = yearly_benefits(needs, params)
    start, assumed = _start_years(needs, params.base_year)
    values = economics_arrays(investment, running, financial, redistribution, start, params)
    complete, reasons = _missing_reasons(needs)
    financial_complete = ~(np.isnan(investment) | np.isnan(running) | np.isnan(financial))
    # NaN propagation already leaves exactly the figures with a missing input
    # unknown; the masks make that a stated rule, not an accident of arithmetic.
    for key in FULL_FIGURES:
        values[key] = np.where(complete, values[key], np.nan)
    for key in FINANCIAL_FIGURES:
        values[key] = np.where(financial_complete, values[key], np.nan)
    fin_share, red_share = adoption_ceiling(params)
    title = needs["title"] if "title" in needs.columns else pd.Series(pd.NA, index=needs.index)
    not_stated = t("benefits.not_stated")
    out = pd.DataFrame({
        "id": needs["id"].to_numpy(), "department": needs["department"].to_numpy(),
        "title": title.to_numpy(), "start_year": start, "start_year_assumed": assumed,
        "investment": investment, "running_cost": running,
        "benefit_financial": financial, "benefit_redistribution": redistribution,
        "benefit_financial_full": financial * fin_share,
        "benefit_redistribution_full": redistribution * red_share,
        **values,
        "cost_bearer": _cost_bearers(needs, params),
        "benefit_owner": needs["department"].to_numpy(),
        "complete": complete, "financial_complete": financial_complete,
        "missing_reason": reasons,
        "benefit_financial_note": np.where(np.isnan(financial), not_stated, ""),
        "benefit_redistribution_note": np.where(np.isnan(redistribution), not_stated, ""),
    })
    for key in ("id", "department", "title", "cost_bearer", "benefit_owner", "missing_reason",
                "benefit_financial_note", "benefit_redistribution_note"):
        out[key] = out[key].astype("string")
    out["start_year"] = out["start_year"].astype("Int64")
    for key in ("payback_year", "payback_year_financial"):
        out[key] = pd.array(values[key], dtype="Float64").astype("Int64")
    return out[list(ECONOMICS_COLUMNS)]
