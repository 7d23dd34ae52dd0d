"""Issue 12 in the budget layer: driftbudget, commitments, platforms first,
scheduling, computed reasons and the per-year split.

Expected portfolios are worked out by hand or by re-solving (each
counterfactual reason is checked by forcing the need in with ``must_ids``).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from kstad_analysis import budget
from tests.plans import needs_frame
from tests.test_budget import row, scores

DEPT = "Barn- och ungdomsförvaltningen"
NBSP = "\u00a0"


def make_needs(rows: list[dict[str, object]]) -> pd.DataFrame:
    """As ``tests.test_budget.make_needs`` but without running cost: the
    driftbudget tests set it need by need."""
    return needs_frame(rows, department=DEPT, description="", running_cost=0.0,
                       minutes_saved=5.0, other_benefit=0.0, citizen=3)


# --------------------------------------------------------------------------- running cost


def test_driftbudget_per_year_counts_running_cost_from_the_start_year() -> None:
    # A (2027) runs 200 tkr from 2027; B (2028) 200 tkr from 2028. The
    # driftbudget 300 tkr in 2027 but 300 tkr in 2028 too: only one fits.
    needs = make_needs([
        {"id": "A", "investment": 1e5, "running_cost": 2e5, "start_year": 2027},
        {"id": "B", "investment": 1e5, "running_cost": 2e5, "start_year": 2028},
        {"id": "C", "investment": 1e5, "running_cost": 5e4, "start_year": 2028},
    ])
    res = budget.optimize(needs, 1e6, per_year={2027: 5e5, 2028: 5e5}, window=0,
                          running_budget={2027: 3e5, 2028: 3e5},
                          scores=scores({"A": 3, "B": 2, "C": 1}))
    assert set(res.portfolio["id"]) == {"A", "C"}
    per_year = res.per_year.set_index("period")
    assert per_year.loc["år 2027", "running_cost"] == pytest.approx(2e5)
    assert per_year.loc["år 2028", "running_cost"] == pytest.approx(2.5e5)
    assert per_year.loc["år 2028", "cost"] == pytest.approx(1e5)  # investment apart
    reason = row(res, "B")["reason"]
    assert reason.startswith(f"ryms inte i driftbudgeten: drift 200{NBSP}000 kr per år, kvar "
                             f"50{NBSP}000 kr för år 2028")
    # with a driftbudget of 450 tkr in 2028 all three fit
    res = budget.optimize(needs, 1e6, per_year={2027: 5e5, 2028: 5e5}, window=0,
                          running_budget={2027: 3e5, 2028: 4.5e5},
                          scores=scores({"A": 3, "B": 2, "C": 1}))
    assert set(res.portfolio["id"]) == {"A", "B", "C"}


def test_tco_over_the_horizon_and_money_shown_apart() -> None:
    needs = make_needs([
        {"id": "A", "investment": 1e6, "running_cost": 1e5, "start_year": 2027},
        {"id": "B", "investment": 5e5, "running_cost": 2e4, "start_year": 2029},
    ])
    res = budget.optimize(needs, 2e6, scores=scores({"A": 1, "B": 1}), base_year=2027,
                          horizon=5)
    # A runs 2027–2031 (5 years), B 2029–2031 (3 years)
    assert res.totals["tco"] == pytest.approx(1.5e6 + 5 * 1e5 + 3 * 2e4)
    assert res.totals["tco_investment"] == pytest.approx(1.5e6)
    assert res.totals["tco_running"] == pytest.approx(5e5 + 6e4)
    assert res.totals["investment"] == pytest.approx(1.5e6)
    assert res.totals["running_per_year"] == pytest.approx(1.2e5)
    horizon = res.horizon.set_index("year")
    assert horizon.loc[2029, "investment"] == pytest.approx(5e5)
    assert horizon.loc[2028, "running_cost"] == pytest.approx(1e5)
    assert horizon.loc[2031, "running_cost"] == pytest.approx(1.2e5)
    assert row(res, "B")["tco"] == pytest.approx(5e5 + 6e4)


def test_running_budget_and_cap_are_the_same_single_amount_not_both() -> None:
    needs = make_needs([{"id": "A", "running_cost": 1e5}, {"id": "B", "running_cost": 1e5}])
    vals = scores({"A": 2, "B": 1})
    a = budget.optimize(needs, 1e6, running_budget=1.5e5, scores=vals)
    b = budget.optimize(needs, 1e6, running_cap=1.5e5, scores=vals)
    assert set(a.portfolio["id"]) == set(b.portfolio["id"]) == {"A"}
    with pytest.raises(ValueError, match="en gång"):
        budget.optimize(needs, 1e6, running_budget=1, running_cap=1, scores=vals)
    with pytest.raises(ValueError, match="per år"):
        budget.optimize(needs, 1e6, running_budget={2027: 1.0}, scores=vals)


def test_settings_come_from_config() -> None:
    import tomllib

    from kstad_analysis import paths

    raw = tomllib.loads((paths.config_dir() / "budget.toml").read_text(encoding="utf-8"))
    s = budget.BudgetSettings.load()
    assert s.window == raw["schemalaggning"]["fonster_ar"] == 2 and s.horizon == 5
    assert s.running_budget == raw["driftbudget"]["per_ar"]


# --------------------------------------------------------------------------- commitments


def test_commitments_from_start_year_and_register() -> None:
    needs = make_needs([{"id": "OLD", "start_year": 2024}, {"id": "REG", "start_year": 2027},
                        {"id": "NEW", "start_year": 2028}])
    register = pd.DataFrame({"id": ["REG", "REG", "UNKNOWN"], "year": [2026, 2027, 2026]})
    assert budget.commitments(needs, register, 2027) == {"OLD", "REG"}
    assert budget.commitments(needs, None, 2027) == {"OLD"}


def test_commitments_are_funded_first_with_their_remaining_cost() -> None:
    needs = make_needs([
        {"id": "OLD", "investment": 9e6, "running_cost": 1e5, "start_year": 2024},
        {"id": "REG", "investment": 1e6, "start_year": 2027},
        {"id": "A", "investment": 1e6, "start_year": 2027},
    ])
    vals = scores({"OLD": 0.1, "REG": 0.1, "A": 5})
    res = budget.optimize(needs, 1e6, scores=vals, commitments={"OLD", "REG"}, base_year=2027)
    # OLD's investment was paid in 2024: 0 kr remain, so REG (1 Mkr) fills the budget
    assert set(res.portfolio["id"]) == {"OLD", "REG"}
    old = row(res, "OLD")
    assert old["status"] == "pågående" and old["committed"] and old["remaining_cost"] == 0
    assert "före basåret 2027" in old["cost_basis"] and "pågående" in old["note"]
    assert row(res, "REG")["cost_basis"] == "hela investeringen kvar (inget visat betalt)"
    assert res.totals["running_committed"] == pytest.approx(1e5)
    assert res.totals["n_committed"] == 2
    # the analyst stops REG, with a reason that shows in the table
    res = budget.optimize(needs, 1e6, scores=vals, commitments={"OLD", "REG"},
                          stop_ids={"REG": "ersätts av regional lösning"}, base_year=2027)
    assert set(res.portfolio["id"]) == {"OLD", "A"}
    assert row(res, "REG")["status"] == "stoppad"
    assert row(res, "REG")["reason"] == "stoppat: ersätts av regional lösning"
    with pytest.raises(ValueError, match="ange ett skäl"):
        budget.optimize(needs, 1e6, scores=vals, commitments={"REG"}, stop_ids={"REG": " "})
    # a remaining amount given by the analyst wins over the rule
    res = budget.optimize(needs, 2e6, scores=vals, commitments={"OLD"}, base_year=2027,
                          remaining={"OLD": 1.5e6})
    assert row(res, "OLD")["remaining_cost"] == pytest.approx(1.5e6)
    assert set(res.portfolio["id"]) == {"OLD"}


def test_commitment_with_unknown_cost_is_never_zero() -> None:
    needs = make_needs([{"id": "REG", "investment": np.nan, "start_year": 2027},
                        {"id": "A", "investment": 1e5}])
    res = budget.optimize(needs, 1e6, scores=scores({"REG": 1, "A": 1}), commitments={"REG"},
                          base_year=2027)
    assert row(res, "REG")["reason"] == "saknar kostnad" and not row(res, "REG")["served"]
    assert any("pågående behovet REG" in w for w in res.warnings)


# --------------------------------------------------------------------------- platforms


def test_dependent_need_waits_for_its_platform() -> None:
    # SBF-007 (2027) needs the platform KLK-006, planned 2028: it moves to 2028.
    needs = make_needs([
        {"id": "KLK-006", "investment": 2e5, "start_year": 2028},
        {"id": "SBF-007", "investment": 4e4, "start_year": 2027, "dependencies": ("KLK-006",)},
    ])
    res = budget.optimize(needs, 1e6, per_year={2027: 5e5, 2028: 5e5, 2029: 0.0},
                          scores=scores({"KLK-006": 1, "SBF-007": 5}))
    assert set(res.portfolio["id"]) == {"KLK-006", "SBF-007"}
    dep = row(res, "SBF-007")
    assert dep["scheduled_year"] == 2028 and dep["moved"]
    assert "start flyttad från 2027 till 2028" in dep["note"]
    assert "plattform för SBF-007" in row(res, "KLK-006")["note"]


def test_candidate_that_saves_nothing_is_not_a_saving() -> None:
    needs = make_needs([{"id": x, "investment": 1e5} for x in "ABC"])
    cands = pd.DataFrame.from_records([{
        "candidate_id": "B-G001", "label": "Signering", "member_ids": ("A", "B", "C"),
        "shared_investment": 3.15e5, "shared_running": 0.0, "saving": -15_000.0,
        "period_years": 5,
    }])
    res = budget.optimize(needs, 1e6, scores=scores({"A": 1, "B": 1, "C": 1}), candidates=cands)
    shared = res.shared.iloc[0]
    assert not shared["chosen"] and not shared["is_saving"]
    assert shared["reason"].startswith(f"gemensamt bygge sparar inget: kostar 15{NBSP}000 kr mer")
    # members built separately say why the shared build was not chosen
    assert "byggs separat; bastjänst B-G001 ej vald: gemensamt bygge sparar inget" in \
        row(res, "A")["note"]


# --------------------------------------------------------------------------- scheduling


def test_scheduling_against_brute_force_through_optimize() -> None:
    """n = 7 needs, 3 years, window 2: every start assignment enumerated."""
    rng = np.random.default_rng(3)
    years = [2027, 2028, 2029]
    for trial in range(6):
        n = 7
        ids = [f"N{i}" for i in range(n)]
        inv = rng.integers(1, 10, n) * 1e5
        start = rng.choice(years, n)
        vals = pd.Series(rng.uniform(1, 10, n), index=ids)
        needs = make_needs([{"id": i, "investment": c, "start_year": int(s)}
                            for i, c, s in zip(ids, inv, start, strict=True)])
        per_year = {y: float(inv.sum() / 4) for y in years}
        res = budget.optimize(needs, float(inv.sum() / 2), per_year=per_year, scores=vals,
                              reasons=False)
        penalty = budget.BudgetSettings.load().shift_penalty
        best = -1.0
        for assign in itertools.product(*[[-1, *range(s, min(s + 2, 2029) + 1)] for s in start]):
            spend = dict.fromkeys(years, 0.0)
            value = 0.0
            for i, y in enumerate(assign):
                if y >= 0:
                    spend[y] += inv[i]
                    value += vals.iloc[i] * (1 - penalty * (y - start[i]))
            if all(spend[y] <= per_year[y] + 1e-6 for y in years) and \
                    sum(spend.values()) <= inv.sum() / 2 + 1e-6:
                best = max(best, value)
        assert res.totals["value"] == pytest.approx(best, abs=1e-6), trial
        funded = res.portfolio
        assert ((funded["scheduled_year"] >= funded["start_year"])
                & (funded["scheduled_year"] <= funded["start_year"] + 2)).all()


def test_infeasible_split_says_which_year_lacks_how_much() -> None:
    needs = make_needs([
        {"id": "L1", "investment": 3e6, "legal": True, "start_year": 2027},
        {"id": "L2", "investment": 2e6, "legal": True, "start_year": 2028},
    ])
    res = budget.optimize(needs, 10e6, per_year={2027: 1e6, 2028: 5e6}, window=0,
                          scores=scores({"L1": 1, "L2": 1}))
    assert res.status == "infeasible"
    assert f"år 2027 saknar 2{NBSP}000{NBSP}000 kr" in res.explanation


def test_default_split_covers_lagkrav_and_commitments() -> None:
    needs = make_needs([
        {"id": "L", "investment": 3e6, "legal": True, "start_year": 2028,
         "dependencies": ("P",)},
        {"id": "P", "investment": 1e6, "start_year": 2029},  # L waits for its platform
        {"id": "C", "investment": 2e6, "start_year": 2027},
        {"id": "A", "investment": 4e6, "start_year": 2027},
        {"id": "B", "investment": 4e6, "start_year": 2029},
    ])
    need = budget.required_per_year(needs, [2027, 2028, 2029], commitments={"C"}, base=2027)
    assert need == {2027: 2e6, 2028: 0.0, 2029: 4e6}
    split = budget.default_split(needs, 10e6, [2027, 2028, 2029], commitments={"C"}, base=2027)
    assert sum(split.values()) == pytest.approx(10e6)
    assert all(split[y] >= need[y] for y in split)
    # the remaining 4 Mkr follow the other needs' plans: A 2027, B 2029
    assert split == {2027: 4e6, 2028: 0.0, 2029: 6e6}
    res = budget.optimize(needs, 10e6, per_year=split, commitments={"C"}, base_year=2027,
                          scores=scores({k: 1.0 for k in "LPCAB"}))
    assert res.status == "optimal"
    with pytest.raises(ValueError, match="räcker inte"):
        budget.default_split(needs, 5e6, [2027, 2028, 2029], commitments={"C"}, base=2027)


# --------------------------------------------------------------------------- reasons


@pytest.mark.parametrize("seed", range(4))
def test_every_reason_holds_when_the_need_is_forced_in(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 9
    ids = [f"N{i}" for i in range(n)]
    inv = rng.integers(1, 12, n) * 1e5
    needs = make_needs([
        {"id": x, "investment": c, "running_cost": float(rng.integers(0, 5)) * 1e4,
         "dependencies": (ids[int(rng.integers(0, n))],) if rng.random() < 0.2 else ()}
        for x, c in zip(ids, inv, strict=True)
    ])
    needs["dependencies"] = [tuple(d for d in deps if d != i)
                             for i, deps in zip(needs["id"], needs["dependencies"], strict=True)]
    vals = pd.Series(rng.uniform(1, 10, n), index=ids)
    cap = float(inv.sum() * 0.4)
    res = budget.optimize(needs, cap, scores=vals, running_budget=6e4, reasons=60.0)
    assert res.status == "optimal"
    left = cap - res.totals["cost"]
    for r in res.not_chosen.itertuples():
        forced = budget.optimize(needs, cap, scores=vals, running_budget=6e4,
                                 must_ids=[r.id], reasons=False)
        if r.reason.startswith("ryms inte i budget"):
            assert r.cost > left + 1e-6  # only when it does not fit in what is left
        if not forced.result.feasible:
            assert "kan inte tas med" in r.reason
            continue
        assert res.totals["value"] - forced.totals["value"] == pytest.approx(r.value_lost,
                                                                             abs=1e-6)
        left_out = set(res.portfolio["id"]) - set(forced.portfolio["id"])
        assert set(r.displaced) == left_out
        if r.displaced:
            assert ", ".join(r.displaced) in r.reason


def test_unfunded_needs_come_highest_value_first() -> None:
    needs = make_needs([{"id": x, "investment": 1e6} for x in "ABCDE"])
    res = budget.optimize(needs, 2e6, scores=scores({"A": 1, "B": 5, "C": 4, "D": 3, "E": 2}))
    rest = res.table[~res.table["served"]]
    assert list(rest["id"]) == ["D", "E", "A"]
    assert list(res.table["order"]) == [1, 2, 3, 4, 5]
    assert not math.isnan(rest["value_lost"].iloc[0])
