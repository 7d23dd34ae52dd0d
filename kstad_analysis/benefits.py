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

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kstad_analysis import config, finance, schema, valuation
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


def economics_arrays(investment: np.ndarray, running_cost: np.ndarray, financial: np.ndarray,
                     redistribution: np.ndarray, start_year: np.ndarray,
                     params: BenefitParams) -> dict[str, np.ndarray]:
    """Per-need NPV (central, low, high, financial only), present values,
    payback year, benefit/cost ratio and NNK-i as numpy arrays."""
    cost, fin, red = flow_matrices(investment, running_cost, financial, redistribution, params)
    rate = params.rate
    benefit = fin + red
    net = benefit - cost
    pv_cost = finance.present_value(rate, cost)
    npv = finance.npv(rate, net)
    with np.errstate(all="ignore"):
        nnki = np.where(investment > 0, npv / np.where(investment > 0, investment, 1.0), np.nan)
    return {
        "pv_cost": pv_cost,
        "pv_benefit_financial": finance.present_value(rate, fin),
        "pv_benefit_redistribution": finance.present_value(rate, red),
        "npv": npv,
        "npv_low": finance.npv(rate, params.low_factor * benefit - cost),
        "npv_high": finance.npv(rate, params.high_factor * benefit - cost),
        "npv_financial": finance.npv(rate, fin - cost),
        "payback_year": finance.payback_year(
            net, start_year, rate if params.payback_discounted else None
        ),
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
    "running_cost", "benefit_financial", "benefit_redistribution", "pv_cost",
    "pv_benefit_financial", "pv_benefit_redistribution", "npv", "npv_low", "npv_high",
    "npv_financial", "payback_year", "bcr", "nnki", "cost_bearer", "benefit_owner",
    "complete", "missing_reason",
)


def need_economics(needs: pd.DataFrame, params: BenefitParams | None = None) -> pd.DataFrame:
    """One row per need: costs, both benefit types, NPV (central/low/high and
    finansiell only), payback year, benefit/cost ratio, NNK-i and who carries
    the cost and takes the benefit home.

    ``npv``/``npv_low``/``npv_high`` include omfördelningsnytta; ``npv_financial``
    does not. A need with a missing input gets NA economics and a
    ``missing_reason``; ``nnki`` is also NA when the investment is 0.
    """
    params = params or BenefitParams.load()
    _check_columns(needs, REQUIRED_COLUMNS)
    investment, running = _floats(needs, "investment"), _floats(needs, "running_cost")
    financial, redistribution = yearly_benefits(needs, params)
    start, assumed = _start_years(needs, params.base_year)
    values = economics_arrays(investment, running, financial, redistribution, start, params)
    complete, reasons = _missing_reasons(needs)
    for key, array in values.items():
        values[key] = np.where(complete, array, np.nan)
    title = needs["title"] if "title" in needs.columns else pd.Series(pd.NA, index=needs.index)
    out = pd.DataFrame({
        "id": needs["id"].to_numpy(), "department": needs["department"].to_numpy(),
        "title": title.to_numpy(), "start_year": start, "start_year_assumed": assumed,
        "investment": investment, "running_cost": running,
        "benefit_financial": financial, "benefit_redistribution": redistribution,
        **values,
        "cost_bearer": _cost_bearers(needs, params),
        "benefit_owner": needs["department"].to_numpy(),
        "complete": complete, "missing_reason": reasons,
    })
    for key in ("id", "department", "title", "cost_bearer", "benefit_owner", "missing_reason"):
        out[key] = out[key].astype("string")
    out["start_year"] = out["start_year"].astype("Int64")
    out["payback_year"] = pd.array(values["payback_year"], dtype="Float64").astype("Int64")
    return out[list(ECONOMICS_COLUMNS)]


# --------------------------------------------------------------------------- yearly flows


FLOW_VALUES = (
    "it_cost", "benefit_financial", "benefit_redistribution", "net", "net_financial",
    "net_low", "net_high",
)


def yearly_flows(needs: pd.DataFrame, params: BenefitParams | None = None,
                 start_year_default: int | None = None) -> pd.DataFrame:
    """Tidy flows, one row per need and calendar year.

    ``it_cost`` is the investment in the start year (``t = 0``) and the running
    cost from ``t = 1`` (running cost does *not* start in year 0: nothing runs
    before it is built). Benefits start in ``t = 1`` with the adoption ramp.
    ``net`` includes omfördelningsnytta, ``net_financial`` does not;
    ``net_low``/``net_high`` scale the benefits by the low/high factors.
    ``*_discounted`` columns are discounted to ``params.base_year`` (the
    decision year), so flows of needs starting in different years can be
    added; a need's own ``npv`` is discounted to its start year instead.
    Unknown values stay NaN; ``complete`` tells the aggregations what to use.
    """
    params = params or BenefitParams.load()
    _check_columns(needs, REQUIRED_COLUMNS)
    n, periods = len(needs), params.periods
    default = params.base_year if start_year_default is None else int(start_year_default)
    start, _ = _start_years(needs, default)
    financial, redistribution = yearly_benefits(needs, params)
    cost, fin, red = flow_matrices(
        _floats(needs, "investment"), _floats(needs, "running_cost"), financial,
        redistribution, params,
    )
    complete, _ = _missing_reasons(needs)
    benefit = fin + red
    offsets = np.tile(np.arange(periods), n)
    years = np.repeat(start, periods) + offsets
    flows = pd.DataFrame({
        "id": np.repeat(needs["id"].to_numpy(), periods),
        "department": np.repeat(needs["department"].to_numpy(), periods),
        "year": years.astype("int64"), "t": offsets.astype("int64"),
        "adoption": np.tile(adoption_profile(params.ramp, params.years), n),
        "it_cost": cost.ravel(), "benefit_financial": fin.ravel(),
        "benefit_redistribution": red.ravel(), "net": (benefit - cost).ravel(),
        "net_financial": (fin - cost).ravel(),
        "net_low": (params.low_factor * benefit - cost).ravel(),
        "net_high": (params.high_factor * benefit - cost).ravel(),
        "complete": np.repeat(complete, periods),
    })
    factor = (1.0 + params.rate) ** -(years - params.base_year)
    flows["discount_factor"] = factor
    for key in ("it_cost", "benefit_financial", "benefit_redistribution", "net",
                "net_financial"):
        flows[f"{key}_discounted"] = flows[key] * factor
    flows["id"] = flows["id"].astype("string")
    flows["department"] = flows["department"].astype("string")
    return flows


_SUMMED = (*FLOW_VALUES, "net_discounted", "net_financial_discounted")


def _aggregate(flows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sum complete needs' flows by ``keys`` + year over the full year range
    (0 where no need has flows that year: nothing happens, nothing unknown)."""
    used = flows[flows["complete"].astype(bool)]
    years = (np.arange(flows["year"].min(), flows["year"].max() + 1) if len(flows)
             else np.array([], dtype="int64"))
    groups = sorted(flows[keys[0]].dropna().unique()) if keys else []
    index = (pd.MultiIndex.from_product([groups, years], names=[*keys, "year"]) if keys
             else pd.Index(years, name="year"))
    sums = used.groupby([*keys, "year"])[list(_SUMMED)].sum().reindex(index, fill_value=0.0)
    out = sums.reset_index()
    out["total_benefit_incl_redistribution"] = (
        out["benefit_financial"] + out["benefit_redistribution"]
    )
    by = keys[0] if keys else None
    for key, source in (("cumulative_net", "net"), ("cumulative_net_financial", "net_financial"),
                        ("cumulative_net_low", "net_low"), ("cumulative_net_high", "net_high")):
        out[key] = out.groupby(by)[source].cumsum() if by else out[source].cumsum()
    counts = _need_counts(flows, keys)
    if keys:
        out = out.merge(counts, on=keys, how="left")
    else:
        out["needs"], out["needs_excluded"] = counts
    return out


def _need_counts(flows: pd.DataFrame, keys: list[str]) -> pd.DataFrame | tuple[int, int]:
    per_need = flows.drop_duplicates("id")
    if not keys:
        complete = int(per_need["complete"].sum())
        return complete, len(per_need) - complete
    grouped = per_need.groupby(keys)["complete"]
    return pd.DataFrame({
        "needs": grouped.sum().astype("int64"),
        "needs_excluded": (grouped.size() - grouped.sum()).astype("int64"),
    }).reset_index()


AGG_COLUMNS = (
    "year", "it_cost", "benefit_financial", "benefit_redistribution",
    "total_benefit_incl_redistribution", "net", "net_financial", "cumulative_net",
    "cumulative_net_financial", "cumulative_net_low", "cumulative_net_high",
    "net_discounted", "net_financial_discounted", "needs", "needs_excluded",
)


def by_department(flows: pd.DataFrame) -> pd.DataFrame:
    """Per förvaltning and year: IT cost, finansiell and omfördelning benefit
    (apart, plus a labelled total), net and cumulative net.

    ``it_cost`` is the IT cost caused by the förvaltning's needs; it is
    carried by the cost bearer (``need_economics``' ``cost_bearer``, the IT
    unit), while the benefits are taken home by the förvaltning. Only needs
    with complete inputs are summed; ``needs``/``needs_excluded`` count them
    per förvaltning (the same on every year row) so a plan with gaps is
    visible, not flattered.
    """
    out = _aggregate(flows, ["department"])
    out["department"] = out["department"].astype("string")
    return out[["department", *AGG_COLUMNS]]


def municipality_summary(flows: pd.DataFrame, params: BenefitParams | None = None
                         ) -> pd.DataFrame:
    """The whole municipality per year, with the portfolio's payback year in
    ``attrs["payback_year"]`` (incl. omfördelning) and
    ``attrs["payback_year_financial"]`` (finansiell only), and ``paid_back``
    per year. See ``portfolio_payback_year``."""
    out = _aggregate(flows, [])[list(AGG_COLUMNS)]
    discounted = (params or BenefitParams.load()).payback_discounted
    column = "net_discounted" if discounted else "net"
    first = int(out["year"].iloc[0]) if len(out) else 0
    index = finance.payback_index(out[column].to_numpy()) if len(out) else np.nan
    paid = np.zeros(len(out), dtype=bool)
    if not np.isnan(index):
        paid[int(index):] = True
    out["paid_back"] = paid
    out.attrs["payback_year"] = _year_or_none(first, index)
    fin_column = "net_financial_discounted" if discounted else "net_financial"
    fin_index = finance.payback_index(out[fin_column].to_numpy()) if len(out) else np.nan
    out.attrs["payback_year_financial"] = _year_or_none(first, fin_index)
    return out


def _year_or_none(first: int, index: float) -> int | None:
    return None if np.isnan(index) else first + int(index)


def portfolio_payback_year(flows: pd.DataFrame, financial_only: bool = False,
                           params: BenefitParams | None = None) -> int | None:
    """The calendar year from which the portfolio's cumulative net stays ≥ 0
    (None if not within the flows); ``financial_only`` ignores omfördelning."""
    summary = municipality_summary(flows, params)
    return summary.attrs["payback_year_financial" if financial_only else "payback_year"]


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns renamed to their Swedish (or English) labels for people."""
    names = {}
    for column in frame.columns:
        key = f"benefits.col.{column}"
        label = t(key)
        names[column] = column if label == key else label
    return frame.rename(columns=names)


__all__ = [
    "BenefitParams", "BenefitParamError", "need_economics", "yearly_flows", "by_department",
    "municipality_summary", "portfolio_payback_year", "adoption_profile", "flow_matrices",
    "economics_arrays", "yearly_benefits", "labelled",
]
