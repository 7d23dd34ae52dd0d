"""Per-need economics on 10 000 synthetic needs: vectorised vs a per-row loop.

Why: the benefits app recomputes every need's NPV when a manager moves the
rate or period slider, so it must stay well inside an interactive budget
(target: under 0.5 s for 10 000 needs, the apps hold ~200). The baseline is
the obvious implementation: a Python loop over rows calling
``numpy_financial.npv`` per need, measured in the same run. Both must agree.

The portfolio NPV (``portfolio_flows`` + ``portfolio_summary``, one row per
calendar year) is timed beside today's way to total the portfolio
(``yearly_flows`` + ``municipality_summary``, one row per need and year);
on the complete needs both give the same discounted net.
"""

from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pandas as pd

from benchmarks._table import Row, peak_memory_mb, timeit
from kstad_analysis import benefits
from kstad_analysis.synthetic import generate_frame

N = 10_000
def loop_npv(needs: pd.DataFrame, params: benefits.BenefitParams) -> list[float]:
    """Baseline: one need at a time, flows built in Python, numpy_financial.npv."""
    salaries = params.salary_by_department
    results = []
    for row in needs.itertuples(index=False):
        hourly = salaries.get(row.department, params.salary_default) / params.hours_per_month
        hourly *= params.markup
        yearly = row.cases_per_year * row.minutes_saved / 60 * hourly + row.other_benefit
        flows = [-row.investment]
        for year in range(1, params.years + 1):
            share = params.ramp[min(year - 1, len(params.ramp) - 1)]
            flows.append(share * yearly - row.running_cost)
        results.append(float(npf.npv(params.rate, flows)))
    return results


def run() -> list[Row]:
    params = benefits.BenefitParams.load()
    needs = generate_frame(N, seed=1)  # the template's distributions, ~3 % blank cells
    ours = benefits.need_economics(needs, params)["npv"].to_numpy()
    baseline = np.array(loop_npv(needs, params))
    both = ~np.isnan(ours)
    assert np.array_equal(both, ~np.isnan(baseline))
    assert np.allclose(ours[both], baseline[both], rtol=1e-9)
    ours_s = timeit(lambda: benefits.need_economics(needs, params), repeat=5)
    base_s = timeit(lambda: loop_npv(needs, params), repeat=3)
    flows_s = timeit(
        lambda: benefits.municipality_summary(benefits.yearly_flows(needs, params), params),
        repeat=3,
    )
    arrays = [needs[k].to_numpy(dtype=float, na_value=np.nan)
              for k in ("investment", "running_cost", "other_benefit")]
    time_part = benefits.yearly_benefits(needs, params)[1]
    start = needs["start_year"].to_numpy(dtype=float, na_value=np.nan)
    kernel_s = timeit(lambda: benefits.economics_arrays(
        arrays[0], arrays[1], arrays[2], time_part, start, params), repeat=5)
    memory = peak_memory_mb(lambda: benefits.need_economics(needs, params))
    complete = needs[benefits.need_economics(needs, params)["complete"].to_numpy()]
    summary = benefits.portfolio_summary(benefits.portfolio_flows(complete, params), params)
    old = benefits.yearly_flows(complete, params)
    assert np.isclose(summary["npv"], old["net_discounted"].sum(), rtol=1e-9)
    portfolio_s = timeit(lambda: benefits.portfolio_summary(
        benefits.portfolio_flows(needs, params), params), repeat=5)
    return [
        Row(f"need_economics, {N} behov", ours_s, "radvis loop + numpy_financial.npv", base_s,
            "< 0,5 s", f"topp {memory:.0f} MB; NPV lika (rtol 1e-9)"),
        Row(f"economics_arrays (numpy-kärnan), {N} behov", kernel_s,
            "radvis loop + numpy_financial.npv", base_s, note="utan pandas och texter"),
        Row(f"yearly_flows + municipality_summary, {N} behov", flows_s, target="< 1 s",
            note=f"{N * (params.years + 1)} rader"),
        Row(f"portfolio_flows + portfolio_summary (ett NNV), {N} behov", portfolio_s,
            "yearly_flows + municipality_summary", flows_s, "< 0,5 s",
            "NNV = diskonterade årsflöden; lika på fullständiga behov (rtol 1e-9)"),
    ]


if __name__ == "__main__":
    from benchmarks._table import print_rows

    print_rows(run())
